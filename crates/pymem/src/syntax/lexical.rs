//! The errors CPython 3.11's *tokenizer* (`Parser/tokenizer.c`) reports, found again
//! over ruff's tokens and the source text.
//!
//! They matter because CPython gives them priority: a tokenizer error before the point
//! where the parser fails is reported instead of the parse error, and so is one after
//! it (after a parse error CPython tokenizes the rest of the file to look for one).
//! ruff's lexer words and places these differently, so they are recomputed here with
//! CPython's rules: brackets (`unmatched ')'`, mismatched, `'(' was never closed`, more
//! than 200 levels), indentation (`unindent does not match ...`, `TabError`), number
//! literals (`invalid decimal literal`, leading zeros, bad digits), unterminated
//! strings, invalid characters and line continuations. Positions follow the
//! tokenizer's convention: the column is the number of characters before its cursor.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType,
};
use ruff_text_size::Ranged;

use super::error::{ErrorKind, Src, SyntaxError};

/// `MAXLEVEL`: deepest bracket nesting the tokenizer accepts.
const MAX_LEVEL: usize = 200;

/// A tokenizer error and the byte offset it was found at (for ordering).
pub(crate) struct Found {
    pub(crate) at: u32,
    pub(crate) error: Box<SyntaxError>,
}

/// What the scan found: tokenizer errors in source order, and the innermost bracket
/// still open at the end of the file.
pub(crate) struct Scan {
    pub(crate) errors: Vec<Found>,
    pub(crate) unclosed: Option<Found>,
}

/// Scans the whole token stream (and ruff's lexical errors) for tokenizer errors.
pub(crate) fn scan(src: Src<'_>, tokens: &[Token], ruff_errors: &[ParseError]) -> Scan {
    let mut errors = Vec::new();
    let mut brackets: Vec<(u8, u32)> = Vec::new();
    let mut indents = Indents::new();
    let mut fstring_depth = 0u32;
    let mut line_start = true;
    let mut previous_number_end = None;
    for token in tokens {
        let range = token.range();
        let start: u32 = range.start().into();
        match token.kind() {
            TokenKind::FStringStart | TokenKind::TStringStart => fstring_depth += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                fstring_depth = fstring_depth.saturating_sub(1)
            }
            _ => {}
        }
        if fstring_depth > 0
            && !matches!(
                token.kind(),
                TokenKind::FStringStart | TokenKind::TStringStart
            )
        {
            continue;
        }
        match token.kind() {
            TokenKind::Newline => {
                line_start = true;
                continue;
            }
            TokenKind::NonLogicalNewline
            | TokenKind::Comment
            | TokenKind::Indent
            | TokenKind::Dedent => continue,
            TokenKind::EndOfFile => break,
            // ruff lexes a bad dedent as an unknown token over the indentation.
            TokenKind::Unknown
                if src
                    .text
                    .get(range.start().to_usize()..range.end().to_usize())
                    .is_some_and(|t| t.trim().is_empty()) =>
            {
                continue
            }
            _ => {}
        }
        if line_start {
            line_start = false;
            if let Some(e) = indents.check(src, start) {
                errors.push(e);
            }
        }
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                let open = src
                    .text
                    .as_bytes()
                    .get(start as usize)
                    .copied()
                    .unwrap_or(b'(');
                if brackets.len() >= MAX_LEVEL {
                    errors.push(at_cursor(
                        src,
                        start,
                        start + 1,
                        "too many nested parentheses",
                    ));
                }
                brackets.push((open, start));
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                let close = src
                    .text
                    .as_bytes()
                    .get(start as usize)
                    .copied()
                    .unwrap_or(b')');
                match brackets.pop() {
                    None => errors.push(at_cursor(
                        src,
                        start,
                        start + 1,
                        format!("unmatched '{}'", close as char),
                    )),
                    Some((open, open_at))
                        if !matches!((open, close), (b'(', b')') | (b'[', b']') | (b'{', b'}')) =>
                    {
                        let (open_line, _) = src.position(open_at);
                        let (line, _) = src.position(start);
                        let msg = if open_line == line {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                close as char, open as char
                            )
                        } else {
                            format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {open_line}",
                                close as char, open as char
                            )
                        };
                        errors.push(at_cursor(src, start, start + 1, msg));
                    }
                    Some(_) => {}
                }
            }
            _ => {}
        }
        let starts_number = src
            .text
            .as_bytes()
            .get(start as usize)
            .is_some_and(u8::is_ascii_digit);
        let glued_to_number = previous_number_end == Some(start);
        if starts_number && !glued_to_number {
            if let Some(e) = number_error(src, start) {
                errors.push(e);
            }
        }
        previous_number_end = starts_number.then(|| range.end().into());
    }
    for e in ruff_errors {
        if let Some(found) = lexical_error(src, e) {
            errors.push(found);
        }
    }
    errors.sort_by_key(|f| f.at);
    let unclosed = brackets.last().map(|&(open, at)| {
        let (line, col) = src.position(at);
        Found {
            at,
            error: positioned(
                src,
                ErrorKind::SyntaxError,
                format!("'{}' was never closed", open as char),
                line,
                col,
                None,
            ),
        }
    });
    Scan { errors, unclosed }
}

/// An error whose column is the tokenizer's cursor at byte `cursor` (CPython's
/// `syntaxerror`), found at byte `at`.
fn at_cursor(src: Src<'_>, at: u32, cursor: u32, msg: impl Into<String>) -> Found {
    let (line, col) = src.position(cursor);
    let col = cursor_col(src, cursor, line, col);
    Found {
        at,
        error: positioned(src, ErrorKind::SyntaxError, msg, line, col, Some(col)),
    }
}

/// The tokenizer's column for a cursor: characters before it on its line. A cursor
/// just past a line break still belongs to the line it ended.
fn cursor_col(src: Src<'_>, cursor: u32, line: u32, col: u32) -> u32 {
    let line_start = src.lines.line_start(line);
    if cursor == line_start && line > 1 {
        let previous = src.lines.line_text(src.text, line - 1);
        return super::ir::to_u32(previous.chars().count() + 1);
    }
    col - 1
}

/// A [`SyntaxError`] at an explicit line and column.
pub(crate) fn positioned(
    src: Src<'_>,
    kind: ErrorKind,
    msg: impl Into<String>,
    line: u32,
    col: u32,
    end_col: Option<u32>,
) -> Box<SyntaxError> {
    Box::new(SyntaxError {
        kind,
        msg: msg.into(),
        filename: src.filename.to_string(),
        line,
        col,
        end_line: end_col.map(|_| line),
        end_col,
        text: Some(src.lines.line_text(src.text, line).to_string()),
    })
}

/// The tokenizer's indentation stacks (`indstack` with 8-column tabs, `altindstack`
/// with 1-column tabs): a difference between the two is a `TabError`.
struct Indents {
    cols: Vec<u32>,
    alt: Vec<u32>,
}

impl Indents {
    fn new() -> Indents {
        Indents {
            cols: vec![0],
            alt: vec![0],
        }
    }

    /// Checks the indentation of a logical line whose first token is at `start`.
    fn check(&mut self, src: Src<'_>, start: u32) -> Option<Found> {
        let (line, _) = src.position(start);
        let line_start = src.lines.line_start(line);
        let indent = src.text.get(line_start as usize..start as usize)?;
        let (mut col, mut alt) = (0u32, 0u32);
        for c in indent.chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => return None, // not at the start of its line
            }
        }
        let (top, top_alt) = (*self.cols.last()?, *self.alt.last()?);
        let tab_error = || Found {
            at: start,
            error: positioned(
                src,
                ErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                line,
                1,
                None,
            ),
        };
        if col == top {
            if alt != top_alt {
                return Some(tab_error());
            }
        } else if col > top {
            if alt <= top_alt {
                return Some(tab_error());
            }
            self.cols.push(col);
            self.alt.push(alt);
        } else {
            while self.cols.len() > 1 && self.cols.last().is_some_and(|&c| col < c) {
                self.cols.pop();
                self.alt.pop();
            }
            if self.cols.last() != Some(&col) {
                let width = src.lines.line_text(src.text, line).chars().count();
                let msg = "unindent does not match any outer indentation level";
                let error = positioned(
                    src,
                    ErrorKind::IndentationError,
                    msg,
                    line,
                    super::ir::to_u32(width + 1),
                    None,
                );
                return Some(Found { at: start, error });
            }
            if self.alt.last() != Some(&alt) {
                return Some(tab_error());
            }
        }
        None
    }
}

/// CPython's number tokenizer (`tok_get`'s number branch, `tok_decimal_tail`,
/// `verify_end_of_number`) run over the source from byte `start`.
fn number_error(src: Src<'_>, start: u32) -> Option<Found> {
    let bytes = src.text.as_bytes();
    let mut cur = start as usize;
    let next = |cur: &mut usize| -> u8 {
        let c = bytes.get(*cur).copied().unwrap_or(0);
        *cur += 1;
        c
    };
    let err = |cur: usize, msg: String| Some(at_cursor(src, start, super::ir::to_u32(cur), msg));
    let mut c = next(&mut cur);
    if c == b'0' {
        c = next(&mut cur);
        let radix = match c {
            b'x' | b'X' => Some(("hexadecimal", 16u32)),
            b'o' | b'O' => Some(("octal", 8)),
            b'b' | b'B' => Some(("binary", 2)),
            _ => None,
        };
        if let Some((kind, radix)) = radix {
            let is_digit = |c: u8| (c as char).is_digit(radix);
            c = next(&mut cur);
            loop {
                if c == b'_' {
                    c = next(&mut cur);
                }
                if !is_digit(c) {
                    if radix != 16 && c.is_ascii_digit() {
                        return err(
                            cur,
                            format!("invalid digit '{}' in {kind} literal", c as char),
                        );
                    }
                    return err(cur - 1, format!("invalid {kind} literal"));
                }
                while is_digit(c) {
                    c = next(&mut cur);
                }
                if c != b'_' {
                    break;
                }
            }
            if radix != 16 && c.is_ascii_digit() {
                return err(
                    cur,
                    format!("invalid digit '{}' in {kind} literal", c as char),
                );
            }
            return end_of_number(bytes, cur, c)
                .and_then(|cur| err(cur, format!("invalid {kind} literal")));
        }
        // Zeros, maybe an old-style octal.
        loop {
            if c == b'_' {
                c = next(&mut cur);
                if !c.is_ascii_digit() {
                    return err(cur - 1, "invalid decimal literal".to_string());
                }
            }
            if c != b'0' {
                break;
            }
            c = next(&mut cur);
        }
        let zeros_end = cur - 1;
        let mut nonzero = false;
        if c.is_ascii_digit() {
            nonzero = true;
            match decimal_tail(bytes, &mut cur) {
                Ok(next_c) => c = next_c,
                Err(at) => return err(at, "invalid decimal literal".to_string()),
            }
        }
        match c {
            b'.' => return fraction(src, bytes, start, cur),
            b'e' | b'E' => return exponent(src, bytes, start, cur, c),
            b'j' | b'J' => return imaginary(src, bytes, start, cur),
            _ if nonzero => {
                let (line, col) = src.position(start);
                let (_, end) = src.position(super::ir::to_u32(zeros_end));
                let msg = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
                return Some(Found {
                    at: start,
                    error: positioned(src, ErrorKind::SyntaxError, msg, line, col, Some(end - 1)),
                });
            }
            _ => {
                return end_of_number(bytes, cur, c)
                    .and_then(|cur| err(cur, "invalid decimal literal".into()))
            }
        }
    }
    cur = start as usize;
    match decimal_tail(bytes, &mut cur) {
        Ok(b'.') => fraction(src, bytes, start, cur),
        Ok(c @ (b'e' | b'E')) => exponent(src, bytes, start, cur, c),
        Ok(b'j' | b'J') => imaginary(src, bytes, start, cur),
        Ok(c) => {
            end_of_number(bytes, cur, c).and_then(|cur| err(cur, "invalid decimal literal".into()))
        }
        Err(at) => err(at, "invalid decimal literal".to_string()),
    }
}

/// After `.`: the fraction, then maybe an exponent or `j`.
fn fraction(src: Src<'_>, bytes: &[u8], start: u32, mut cur: usize) -> Option<Found> {
    let err = |cur: usize| {
        Some(at_cursor(
            src,
            start,
            super::ir::to_u32(cur),
            "invalid decimal literal",
        ))
    };
    let mut c = bytes.get(cur).copied().unwrap_or(0);
    cur += 1;
    if c.is_ascii_digit() {
        cur -= 1;
        match decimal_tail(bytes, &mut cur) {
            Ok(next) => c = next,
            Err(at) => return err(at),
        }
    }
    match c {
        b'e' | b'E' => exponent(src, bytes, start, cur, c),
        b'j' | b'J' => imaginary(src, bytes, start, cur),
        _ => end_of_number(bytes, cur, c).and_then(err),
    }
}

/// After `e`: an exponent, or (if no digit follows) the end of the number.
fn exponent(src: Src<'_>, bytes: &[u8], start: u32, mut cur: usize, e: u8) -> Option<Found> {
    let err = |cur: usize| {
        Some(at_cursor(
            src,
            start,
            super::ir::to_u32(cur),
            "invalid decimal literal",
        ))
    };
    let mut c = bytes.get(cur).copied().unwrap_or(0);
    cur += 1;
    if c == b'+' || c == b'-' {
        c = bytes.get(cur).copied().unwrap_or(0);
        cur += 1;
        if !c.is_ascii_digit() {
            return err(cur - 1);
        }
    } else if !c.is_ascii_digit() {
        // `1e` followed by a non-digit: the `e` must not start a name.
        return end_of_number(bytes, cur - 1, e).and_then(|_| err(cur - 2));
    }
    cur -= 1;
    match decimal_tail(bytes, &mut cur) {
        Ok(b'j' | b'J') => imaginary(src, bytes, start, cur),
        Ok(c) => end_of_number(bytes, cur, c).and_then(err),
        Err(at) => err(at),
    }
}

/// After `j`.
fn imaginary(src: Src<'_>, bytes: &[u8], start: u32, cur: usize) -> Option<Found> {
    let c = bytes.get(cur).copied().unwrap_or(0);
    end_of_number(bytes, cur + 1, c).map(|cur| {
        at_cursor(
            src,
            start,
            super::ir::to_u32(cur),
            "invalid imaginary literal",
        )
    })
}

/// `tok_decimal_tail`: digits with single `_` separators. Returns the character after
/// them (the cursor is past it), or the cursor of an `invalid decimal literal`.
fn decimal_tail(bytes: &[u8], cur: &mut usize) -> Result<u8, usize> {
    loop {
        let mut c;
        loop {
            c = bytes.get(*cur).copied().unwrap_or(0);
            *cur += 1;
            if !c.is_ascii_digit() {
                break;
            }
        }
        if c != b'_' {
            return Ok(c);
        }
        let after = bytes.get(*cur).copied().unwrap_or(0);
        *cur += 1;
        if !after.is_ascii_digit() {
            return Err(*cur - 1);
        }
    }
}

/// `verify_end_of_number`: `c` (just read; the cursor is after it) must not start a
/// name, unless it starts one of the keywords that may follow a number. Returns the
/// error cursor if it does.
fn end_of_number(bytes: &[u8], cur: usize, c: u8) -> Option<usize> {
    let rest = bytes.get(cur..).unwrap_or(&[]);
    let keyword = match c {
        b'a' => rest.starts_with(b"nd"),
        b'e' => rest.starts_with(b"lse"),
        b'f' => rest.starts_with(b"or"),
        b'i' => matches!(rest.first(), Some(b'f' | b'n' | b's')),
        b'o' => rest.starts_with(b"r"),
        b'n' => rest.starts_with(b"ot"),
        _ => false,
    };
    let identifier = c.is_ascii_alphanumeric() || c == b'_' || c >= 128;
    (!keyword && identifier).then_some(cur - 1)
}

/// ruff's lexical errors that are tokenizer errors in CPython too.
fn lexical_error(src: Src<'_>, e: &ParseError) -> Option<Found> {
    let ParseErrorType::Lexical(kind) = &e.error else {
        return None;
    };
    let start: u32 = e.location.start().into();
    match kind {
        LexicalErrorType::UnclosedStringError
        | LexicalErrorType::FStringError(
            InterpolatedStringErrorType::UnterminatedString
            | InterpolatedStringErrorType::UnterminatedTripleQuotedString,
        ) => Some(unterminated_string(src, start)),
        LexicalErrorType::UnrecognizedToken { tok } if !tok.is_ascii() => {
            let (line, col) = src.position(start);
            let code = u32::from(*tok);
            let msg = if is_printable(*tok) {
                format!("invalid character '{tok}' (U+{code:04X})")
            } else {
                format!("invalid non-printable character U+{code:04X}")
            };
            Some(Found {
                at: start,
                error: positioned(src, ErrorKind::SyntaxError, msg, line, col, Some(col)),
            })
        }
        LexicalErrorType::LineContinuationError => {
            let backslash = src
                .text
                .get(..=start as usize)
                .and_then(|s| s.rfind('\\'))
                .map_or(start, super::ir::to_u32);
            let (line, col) = src.position(backslash);
            let msg = "unexpected character after line continuation character";
            Some(Found {
                at: start,
                error: positioned(src, ErrorKind::SyntaxError, msg, line, col + 1, None),
            })
        }
        _ => None,
    }
}

/// `unterminated string literal (detected at line N)` for a string starting at `start`.
fn unterminated_string(src: Src<'_>, start: u32) -> Found {
    let text = src.text.get(start as usize..).unwrap_or("");
    let body = text.trim_start_matches(|c: char| "rRbBuUfF".contains(c));
    let triple = body.starts_with("'''") || body.starts_with("\"\"\"");
    let (line, col) = src.position(start);
    let detected = if triple {
        let end = src
            .text
            .len()
            .saturating_sub(usize::from(src.text.ends_with('\n')));
        src.lines.line_of(super::ir::to_u32(end))
    } else {
        line
    };
    let what = if triple {
        "unterminated triple-quoted string literal"
    } else {
        "unterminated string literal"
    };
    let msg = format!("{what} (detected at line {detected})");
    Found {
        at: start,
        error: positioned(src, ErrorKind::SyntaxError, msg, line, col, Some(col)),
    }
}

/// Approximates `str.isprintable` for one character.
fn is_printable(c: char) -> bool {
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}'))
}
