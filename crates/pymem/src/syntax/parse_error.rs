//! ruff's parse errors → the `SyntaxError` CPython 3.11 reports for the same source.
//!
//! ruff recovers from errors and words them its own way; CPython stops at the first one
//! and has specific messages for common mistakes. This file decides *which* error
//! CPython would report and words it like CPython:
//!
//! 1. Tokenizer errors ([`super::lexical`]) win over parser errors that come after them,
//!    and, because CPython tokenizes the rest of the file after a parse error, over
//!    parser errors before them too (except `unexpected indent`). A bracket still open
//!    at the end of the file is reported (`'(' was never closed`) when the parse error is
//!    on a later line, or is the end of the file itself.
//! 2. The earliest parser error is mapped to CPython's message and position: `expected
//!    ':'`, `expected an indented block after 'if' statement on line N`, `invalid
//!    syntax. Perhaps you forgot a comma?`, `cannot assign to literal`, f-string and
//!    escape errors, ...; anything unrecognized is CPython's generic `invalid syntax` at
//!    the offending token.
//!
//! Where CPython's own location logic is impractical to reproduce, the message and line
//! are still right and the caret is on the offending token.

use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Mod, Stmt};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType, Parsed,
    UnsupportedSyntaxError, UnsupportedSyntaxErrorKind,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::error::{ErrorKind, Src, SyntaxError};
use super::lexical::{self, positioned};

/// The error CPython would report, if the source does not compile as far as parsing
/// goes.
pub(crate) fn first_error(parsed: &Parsed<Mod>, src: Src<'_>) -> Option<Box<SyntaxError>> {
    let tokens: &[Token] = parsed.tokens();
    let scan = lexical::scan(src, tokens, parsed.errors());
    let ctx = Ctx {
        src,
        tokens,
        module: parsed.syntax(),
    };
    let mut parser: Vec<(u32, ParserError)> = parsed
        .errors()
        .iter()
        .filter(|e| !is_tokenizer_error(e))
        .map(|e| (u32::from(e.location.start()), ctx.parse_error(e)))
        .collect();
    parser.extend(
        parsed
            .unsupported_syntax_errors()
            .iter()
            .map(|e| (u32::from(e.range.start()), ctx.unsupported(e))),
    );
    parser.sort_by_key(|(at, _)| *at);
    let first_tokenizer = scan.errors.into_iter().next();
    let Some((parser_at, parser)) = parser.into_iter().next() else {
        return first_tokenizer
            .map(|f| f.error)
            .or_else(|| scan.unclosed.map(|f| f.error))
            .or_else(|| {
                // ruff saw a problem that neither check reproduced: never accept the source.
                parsed
                    .errors()
                    .first()
                    .map(|e| ctx.invalid_syntax(e.location))
            });
    };
    if let Some(tokenizer) = first_tokenizer {
        if tokenizer.at <= parser_at || !parser.unexpected_indent {
            return Some(tokenizer.error);
        }
    }
    if let Some(unclosed) = scan.unclosed {
        // CPython re-tokenizes the whole file after a second-pass error: an
        // unclosed bracket then wins over "Perhaps you forgot a comma?" even on
        // the same line (`foo(1 2`), though not over a plain `invalid syntax`
        // there (`x = (1, = 2`).
        let comma = parser.error.msg.contains("Perhaps you forgot a comma");
        if !parser.unexpected_indent && (parser.at_eof || comma || parser.error.line > unclosed.error.line) {
            return Some(unclosed.error);
        }
    }
    Some(parser.error)
}

/// ruff lexical errors that [`lexical::scan`] reproduces (or that the bracket and
/// number checks cover).
fn is_tokenizer_error(e: &ParseError) -> bool {
    match &e.error {
        ParseErrorType::Lexical(kind) => match kind {
            LexicalErrorType::UnclosedStringError
            | LexicalErrorType::IndentationError
            | LexicalErrorType::LineContinuationError
            | LexicalErrorType::OtherError(_) => true,
            LexicalErrorType::UnrecognizedToken { tok } => !tok.is_ascii(),
            LexicalErrorType::FStringError(f) => matches!(
                f,
                InterpolatedStringErrorType::UnterminatedString
                    | InterpolatedStringErrorType::UnterminatedTripleQuotedString
            ),
            _ => false,
        },
        _ => false,
    }
}

/// A mapped parser error, with what the choice between errors needs to know.
struct ParserError {
    error: Box<SyntaxError>,
    /// CPython's `unexpected indent`, which is not overridden by later tokenizer errors.
    unexpected_indent: bool,
    /// The parser ran into the end of the file.
    at_eof: bool,
}

impl From<Box<SyntaxError>> for ParserError {
    fn from(error: Box<SyntaxError>) -> ParserError {
        ParserError {
            error,
            unexpected_indent: false,
            at_eof: false,
        }
    }
}

struct Ctx<'a> {
    src: Src<'a>,
    tokens: &'a [Token],
    module: &'a Mod,
}

fn significant(kind: TokenKind) -> bool {
    !matches!(
        kind,
        TokenKind::Newline
            | TokenKind::NonLogicalNewline
            | TokenKind::Comment
            | TokenKind::Indent
            | TokenKind::Dedent
    )
}

impl Ctx<'_> {
    /// The index of the first token starting at or after `offset`.
    fn token_index(&self, offset: TextSize) -> usize {
        self.tokens.partition_point(|t| t.start() < offset)
    }

    /// The token at `offset` (the one starting there, or containing it).
    fn token_at(&self, offset: TextSize) -> Option<&Token> {
        let i = self.token_index(offset);
        match self.tokens.get(i) {
            Some(t) if t.start() == offset => Some(t),
            _ => i
                .checked_sub(1)
                .and_then(|j| self.tokens.get(j))
                .filter(|t| t.range().contains(offset))
                .or(self.tokens.get(i)),
        }
    }

    /// The last significant token ending at or before `offset`.
    fn previous_significant(&self, offset: TextSize) -> Option<(usize, &Token)> {
        let i = self.tokens.partition_point(|t| t.end() <= offset);
        self.tokens[..i]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, t)| significant(t.kind()))
    }

    /// CPython's generic error: `invalid syntax` on the token at `range`'s start.
    fn invalid_syntax(&self, range: TextRange) -> Box<SyntaxError> {
        self.at_token("invalid syntax", range)
    }

    /// An error highlighting the token at `range`'s start.
    fn at_token(&self, msg: &str, range: TextRange) -> Box<SyntaxError> {
        let token_range = self.token_at(range.start()).map_or(range, Ranged::range);
        let token_range = if token_range.is_empty() {
            TextRange::at(token_range.start(), 1.into())
        } else {
            token_range
        };
        self.src.syntax(msg, token_range)
    }

    /// An error whose column is right after `end` (CPython's position for string and
    /// f-string errors found while decoding a literal).
    fn after(&self, msg: impl Into<String>, end: TextSize) -> Box<SyntaxError> {
        let (line, col) = self.src.position(end.into());
        let line = if col == 1 && line > 1 { line - 1 } else { line };
        let col = if col == 1 {
            super::ir::to_u32(
                self.src
                    .lines
                    .line_text(self.src.text, line)
                    .chars()
                    .count()
                    + 1,
            )
        } else {
            col
        };
        positioned(self.src, ErrorKind::SyntaxError, msg, line, col, Some(col))
    }

    fn parse_error(&self, e: &ParseError) -> ParserError {
        let range = e.location;
        if let Some(end) = self.fstring_containing(range.start()) {
            if !matches!(
                &e.error,
                ParseErrorType::FStringError(_)
                    | ParseErrorType::Lexical(LexicalErrorType::FStringError(_))
            ) {
                return ParserError::from(self.in_fstring(e, range, end));
            }
        }
        self.parse_error_kind(e)
    }

    #[allow(clippy::too_many_lines)] // one arm per ruff error kind
    fn parse_error_kind(&self, e: &ParseError) -> ParserError {
        let range = e.location;
        let error = match &e.error {
            ParseErrorType::Lexical(kind) => match kind {
                LexicalErrorType::UnicodeError
                | LexicalErrorType::MissingUnicodeLbrace
                | LexicalErrorType::MissingUnicodeRbrace
                | LexicalErrorType::StringError => self.escape_error(range),
                LexicalErrorType::InvalidByteLiteral => {
                    let string = self.token_at(range.start()).map_or(range, Ranged::range);
                    self.src
                        .syntax("bytes can only contain ASCII literal characters", string)
                }
                LexicalErrorType::FStringError(f) | LexicalErrorType::TStringError(f) => {
                    self.fstring_error(f, range)
                }
                LexicalErrorType::Eof => {
                    let mut error =
                        ParserError::from(self.at_token("unexpected EOF while parsing", range));
                    error.at_eof = true;
                    return error;
                }
                _ => self.invalid_syntax(range),
            },
            ParseErrorType::UnexpectedIndentation => {
                let (line, _) = self.src.position(range.start().into());
                let text = self.src.lines.line_text(self.src.text, line);
                let width = text.chars().take_while(|c| c.is_whitespace()).count();
                let error = positioned(
                    self.src,
                    ErrorKind::IndentationError,
                    "unexpected indent",
                    line,
                    super::ir::to_u32(width),
                    None,
                );
                return ParserError {
                    error,
                    unexpected_indent: true,
                    at_eof: false,
                };
            }
            ParseErrorType::OtherError(msg)
                if msg.starts_with("Expected an indented block after") =>
            {
                self.expected_block(msg, range)
            }
            ParseErrorType::OtherError(msg)
                if msg.starts_with("Expected `except` or `finally`") =>
            {
                self.at_token("expected 'except' or 'finally' block", range)
            }
            ParseErrorType::ExpectedToken { expected, found } => {
                self.expected_token(*expected, *found, range)
            }
            ParseErrorType::SimpleStatementsOnSameLine => self
                .missing_parentheses(range)
                .unwrap_or_else(|| self.invalid_syntax(range)),
            ParseErrorType::InvalidAssignmentTarget => self.invalid_target(range, Target::Assign),
            ParseErrorType::InvalidDeleteTarget => self.invalid_target(range, Target::Delete),
            ParseErrorType::InvalidAugmentedAssignmentTarget => {
                let name = self.expr_at(range).map_or("expression", expr_name);
                self.src.syntax(
                    format!("'{name}' is an illegal expression for augmented assignment"),
                    range,
                )
            }
            ParseErrorType::InvalidNamedAssignmentTarget => {
                let name = self.expr_at(range).map_or("expression", expr_name);
                self.src.syntax(
                    format!("cannot use assignment expressions with {name}"),
                    range,
                )
            }
            ParseErrorType::InvalidAnnotatedAssignmentTarget => {
                let msg = match self.expr_at(range) {
                    Some(Expr::Tuple(_)) => "only single target (not tuple) can be annotated",
                    Some(Expr::List(_)) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                self.src.syntax(msg, range)
            }
            ParseErrorType::PositionalAfterKeywordArgument => {
                self.at_closing_bracket("positional argument follows keyword argument", range)
            }
            ParseErrorType::PositionalAfterKeywordUnpacking => self.at_closing_bracket(
                "positional argument follows keyword argument unpacking",
                range,
            ),
            ParseErrorType::InvalidArgumentUnpackingOrder => self.src.syntax(
                "iterable argument unpacking follows keyword argument unpacking",
                TextRange::at(range.start(), 1.into()),
            ),
            ParseErrorType::UnparenthesizedGeneratorExpression => self
                .src
                .syntax("Generator expression must be parenthesized", range),
            ParseErrorType::NonDefaultParamAfterDefaultParam => {
                self.at_token("non-default argument follows default argument", range)
            }
            ParseErrorType::ExpectedKeywordParam => {
                let star = self
                    .previous_significant(range.start())
                    .map(|(_, t)| t.range())
                    .filter(|r| {
                        self.src.text.get(r.start().to_usize()..r.end().to_usize()) == Some("*")
                    });
                self.at_token("named arguments must follow bare *", star.unwrap_or(range))
            }
            ParseErrorType::ParamAfterVarKeywordParam => {
                self.at_token("arguments cannot follow var-keyword argument", range)
            }
            ParseErrorType::VarParameterWithDefault => {
                let text = self.src.text.get(..range.start().to_usize()).unwrap_or("");
                let msg = if text.trim_end().ends_with("**")
                    || text.contains("**") && !text.rsplit("**").next().unwrap_or("").contains(',')
                {
                    "var-keyword argument cannot have default value"
                } else {
                    "var-positional argument cannot have default value"
                };
                self.at_token(msg, range)
            }
            ParseErrorType::InvalidStarredExpressionUsage => {
                self.src.syntax("can't use starred expression here", range)
            }
            ParseErrorType::FStringError(f) | ParseErrorType::TStringError(f) => {
                self.fstring_error(f, range)
            }
            _ => self.invalid_syntax(range),
        };
        ParserError::from(error)
    }

    /// A ruff "unsupported syntax" error: syntax newer than 3.11 (or older than it).
    fn unsupported(&self, e: &UnsupportedSyntaxError) -> ParserError {
        let error = match e.kind {
            UnsupportedSyntaxErrorKind::Pep701FString(kind) => {
                // ruff does not export the kind's type; its `Debug` names the variant.
                let msg = match format!("{kind:?}").as_str() {
                    "Backslash" => "f-string expression part cannot include a backslash",
                    "Comment" => "f-string expression part cannot include '#'",
                    _ => "f-string: expecting '}'",
                };
                self.after(msg, self.fstring_end(e.range.start()))
            }
            _ => self.invalid_syntax(e.range),
        };
        ParserError::from(error)
    }

    /// `expected an indented block after 'if' statement on line N`.
    fn expected_block(&self, msg: &str, range: TextRange) -> Box<SyntaxError> {
        let what = if msg.contains("function definition") {
            "function definition".to_string()
        } else if msg.contains("`class`") {
            "class definition".to_string()
        } else {
            let keyword = msg.split('`').nth(1).unwrap_or("if");
            format!("'{keyword}' statement")
        };
        // The header: the logical line holding the last significant token before here.
        let header = self
            .previous_significant(range.start())
            .map_or(0, |(i, _)| i);
        let line_start = self.tokens[..header]
            .iter()
            .rposition(|t| t.kind() == TokenKind::Newline)
            .map_or(0, |i| i + 1);
        let first = self
            .tokens
            .get(line_start..=header)
            .unwrap_or_default()
            .iter()
            .find(|t| significant(t.kind()));
        let header_line = first.map_or(1, |t| self.src.lines.line_of(t.start().into()));
        let msg = format!("expected an indented block after {what} on line {header_line}");
        let next = self.tokens[self.token_index(range.start())..]
            .iter()
            .find(|t| significant(t.kind()));
        match next {
            Some(t) if t.kind() != TokenKind::EndOfFile => {
                let (line, col) = self.src.position(t.start().into());
                positioned(self.src, ErrorKind::IndentationError, msg, line, col, None)
            }
            _ => {
                let last = self
                    .previous_significant(range.start())
                    .map_or(range.start(), |(_, t)| t.start());
                let line = self.src.lines.line_of(last.into());
                positioned(self.src, ErrorKind::IndentationError, msg, line, 0, None)
            }
        }
    }

    /// ruff expected one token and found another.
    fn expected_token(
        &self,
        expected: TokenKind,
        found: TokenKind,
        range: TextRange,
    ) -> Box<SyntaxError> {
        let in_brackets = self.bracket_depth(range.start()) > 0;
        match (expected, found) {
            (TokenKind::Colon, TokenKind::Newline) => self.at_token("expected ':'", range),
            (TokenKind::Colon, TokenKind::Equal) if !in_brackets => self.maybe_equals(range),
            (TokenKind::Colon, TokenKind::Rbrace | TokenKind::Comma) if in_brackets => {
                match self.previous_significant(range.start()) {
                    Some((_, key)) => {
                        let (line, col) = self.src.position(u32::from(key.end()).saturating_sub(1));
                        positioned(
                            self.src,
                            ErrorKind::SyntaxError,
                            "':' expected after dictionary key",
                            line,
                            col,
                            None,
                        )
                    }
                    None => self.invalid_syntax(range),
                }
            }
            (TokenKind::Else, _) => self.expected_else(range),
            (TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace, found)
                if in_brackets && starts_expression(found) =>
            {
                self.forgot_comma(range)
            }
            _ => self.invalid_syntax(range),
        }
    }

    /// How many brackets are open just before `offset` (f-string internals skipped).
    fn bracket_depth(&self, offset: TextSize) -> usize {
        let mut depth = 0usize;
        let mut fstring = 0u32;
        for t in &self.tokens[..self.token_index(offset)] {
            match t.kind() {
                TokenKind::FStringStart | TokenKind::TStringStart => fstring += 1,
                TokenKind::FStringEnd | TokenKind::TStringEnd => {
                    fstring = fstring.saturating_sub(1)
                }
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace if fstring == 0 => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace if fstring == 0 => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
        }
        depth
    }

    /// `if x = 1:` → `invalid syntax. Maybe you meant '==' or ':=' instead of '='?`,
    /// highlighting from the left operand to the right one.
    fn maybe_equals(&self, range: TextRange) -> Box<SyntaxError> {
        let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
        let i = self.token_index(range.start());
        let left = self.expression_start(i);
        let right = self.expression_end(i + 1);
        match (left, right) {
            (Some(start), Some(end)) if start < end => {
                self.src.syntax(msg, TextRange::new(start, end))
            }
            _ => self.at_token(msg, range),
        }
    }

    /// Start of the operand ending just before token `i` (at the same bracket level).
    fn expression_start(&self, i: usize) -> Option<TextSize> {
        let mut depth = 0i32;
        let mut start = None;
        for t in self.tokens[..i].iter().rev() {
            match t.kind() {
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                k if depth == 0 && ends_operand_scan(k) => break,
                _ => {}
            }
            if significant(t.kind()) {
                start = Some(t.start());
            }
        }
        start
    }

    /// End of the operand starting at token `i` (at the same bracket level).
    fn expression_end(&self, i: usize) -> Option<TextSize> {
        let mut depth = 0i32;
        let mut end = None;
        for t in self.tokens.get(i..)? {
            match t.kind() {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                k if depth == 0 && ends_operand_scan(k) => break,
                _ => {}
            }
            if significant(t.kind()) {
                end = Some(t.end());
            }
        }
        end
    }

    /// `[1 2]` → `invalid syntax. Perhaps you forgot a comma?` from `1` to `2`.
    fn forgot_comma(&self, range: TextRange) -> Box<SyntaxError> {
        let msg = "invalid syntax. Perhaps you forgot a comma?";
        let i = self.token_index(range.start());
        match (self.expression_start(i), self.expression_end(i)) {
            (Some(start), Some(end)) if start < end => {
                self.src.syntax(msg, TextRange::new(start, end))
            }
            _ => self.at_token(msg, range),
        }
    }

    /// `x = 1 if 2` → `expected 'else' after 'if' expression`, from the value to the test.
    fn expected_else(&self, range: TextRange) -> Box<SyntaxError> {
        let msg = "expected 'else' after 'if' expression";
        let i = self.token_index(range.start());
        let if_token = self.tokens[..i]
            .iter()
            .rposition(|t| t.kind() == TokenKind::If);
        match if_token
            .and_then(|j| self.expression_start(j))
            .zip(self.previous_significant(range.start()))
        {
            Some((start, (_, last))) if start < last.end() => {
                self.src.syntax(msg, TextRange::new(start, last.end()))
            }
            _ => self.at_token(msg, range),
        }
    }

    /// `print 'x'` → CPython's hint about the Python 2 print statement.
    fn missing_parentheses(&self, range: TextRange) -> Option<Box<SyntaxError>> {
        let (_, previous) = self.previous_significant(range.start())?;
        let word = self
            .src
            .text
            .get(previous.start().to_usize()..previous.end().to_usize())?;
        if previous.kind() != TokenKind::Name || !matches!(word, "print" | "exec") {
            return None;
        }
        let i = self.token_index(previous.start());
        let start_of_line = i == 0
            || !significant(self.tokens[i - 1].kind())
            || self.tokens[i - 1].kind() == TokenKind::Semi;
        if !start_of_line {
            return None;
        }
        let end = self.tokens[i..]
            .iter()
            .take_while(|t| {
                !matches!(
                    t.kind(),
                    TokenKind::Newline | TokenKind::Semi | TokenKind::EndOfFile
                )
            })
            .filter(|t| significant(t.kind()))
            .last()
            .map_or(range.end(), Ranged::end);
        let msg = format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?");
        Some(self.src.syntax(msg, TextRange::new(previous.start(), end)))
    }

    /// An error placed on the closing bracket of the call the error is in.
    fn at_closing_bracket(&self, msg: &str, range: TextRange) -> Box<SyntaxError> {
        let mut depth = 0i32;
        for t in &self.tokens[self.token_index(range.start())..] {
            match t.kind() {
                TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                    if depth == 0 {
                        return self.src.syntax(msg, t.range());
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        self.at_token(msg, range)
    }

    /// `cannot assign to literal` (and its variants) for the invalid target at `range`.
    fn invalid_target(&self, range: TextRange, kind: Target) -> Box<SyntaxError> {
        let Some(expr) = self.expr_at(range) else {
            return self.invalid_syntax(range);
        };
        let invalid = invalid_target(expr).unwrap_or(expr);
        let name = expr_name(invalid);
        if kind == Target::Delete {
            return self
                .src
                .syntax(format!("cannot delete {name}"), invalid.range());
        }
        let here = self.single_assignment_target(expr)
            && !matches!(
                expr,
                Expr::List(_) | Expr::Tuple(_) | Expr::BooleanLiteral(_) | Expr::NoneLiteral(_)
            )
            && is_bitwise_or(expr);
        if here {
            let msg = format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?");
            return self.src.syntax(msg, expr.range());
        }
        self.src
            .syntax(format!("cannot assign to {name}"), invalid.range())
    }

    /// Whether `expr` is the only target of an `a = b` statement.
    fn single_assignment_target(&self, expr: &Expr) -> bool {
        let mut finder = StmtFinder {
            range: expr.range(),
            found: None,
        };
        if let Mod::Module(m) = self.module {
            finder.visit_body(&m.body);
        }
        matches!(finder.found, Some(Stmt::Assign(a)) if a.targets.len() == 1 && a.targets[0].range() == expr.range())
    }

    /// The expression whose range is exactly `range`.
    fn expr_at(&self, range: TextRange) -> Option<&Expr> {
        let mut finder = ExprFinder { range, found: None };
        if let Mod::Module(m) = self.module {
            finder.visit_body(&m.body);
        }
        finder.found
    }

    /// Where the f-string containing `offset` ends (the end of its line if it does not).
    fn fstring_end(&self, offset: TextSize) -> TextSize {
        let i = self.token_index(offset);
        let start = self.tokens[..i]
            .iter()
            .rposition(|t| matches!(t.kind(), TokenKind::FStringStart | TokenKind::TStringStart));
        let mut depth = 0i32;
        for t in &self.tokens[start.unwrap_or(i)..] {
            match t.kind() {
                TokenKind::FStringStart | TokenKind::TStringStart => depth += 1,
                TokenKind::FStringEnd | TokenKind::TStringEnd => {
                    depth -= 1;
                    if depth <= 0 {
                        return t.end();
                    }
                }
                TokenKind::Newline | TokenKind::EndOfFile if depth > 0 => return t.start(),
                _ => {}
            }
        }
        offset
    }

    /// The end of the f-string whose replacement fields contain `offset`, if any.
    fn fstring_containing(&self, offset: TextSize) -> Option<TextSize> {
        let i = self.token_index(offset);
        let mut depth = 0i32;
        for t in self.tokens[..i].iter().rev() {
            match t.kind() {
                TokenKind::FStringEnd | TokenKind::TStringEnd => depth += 1,
                TokenKind::FStringStart | TokenKind::TStringStart => {
                    if depth == 0 {
                        return Some(self.fstring_end(t.start()));
                    }
                    depth -= 1;
                }
                TokenKind::Newline => return None,
                _ => {}
            }
        }
        None
    }

    /// A parse error inside an f-string's replacement field: 3.11 parses those
    /// separately and prefixes its message with `f-string: `.
    fn in_fstring(&self, e: &ParseError, range: TextRange, end: TextSize) -> Box<SyntaxError> {
        let at = self.token_at(range.start()).map(Token::kind);
        let msg = match (&e.error, at) {
            (ParseErrorType::ExpectedExpression, Some(TokenKind::Rbrace)) => {
                "f-string: empty expression not allowed".to_string()
            }
            (
                ParseErrorType::ExpectedExpression | ParseErrorType::ExpectedToken { .. },
                Some(TokenKind::FStringEnd | TokenKind::FStringMiddle),
            )
            | (
                ParseErrorType::ExpectedToken {
                    expected: TokenKind::Rbrace,
                    ..
                },
                _,
            ) => "f-string: expecting '}'".to_string(),
            _ => {
                let mut inner = self.parse_error_outside_fstring(e);
                inner.msg.insert_str(0, "f-string: ");
                return self.after(inner.msg, end);
            }
        };
        self.after(msg, end)
    }

    /// Maps an error as if it were not in an f-string.
    fn parse_error_outside_fstring(&self, e: &ParseError) -> Box<SyntaxError> {
        let mut error = self.parse_error_kind(e).error;
        error.msg = error.msg.trim_start_matches("f-string: ").to_string();
        error
    }

    /// An f-string error, worded like 3.11's f-string parser and placed after the string.
    fn fstring_error(
        &self,
        error: &InterpolatedStringErrorType,
        range: TextRange,
    ) -> Box<SyntaxError> {
        let msg = match error {
            InterpolatedStringErrorType::UnclosedLbrace => "f-string: expecting '}'",
            InterpolatedStringErrorType::InvalidConversionFlag
            | InterpolatedStringErrorType::ConversionFlagNotImmediatelyAfterExclamation => {
                "f-string: invalid conversion character: expected 's', 'r', or 'a'"
            }
            InterpolatedStringErrorType::SingleRbrace => "f-string: single '}' is not allowed",
            InterpolatedStringErrorType::UnterminatedString => "f-string: unterminated string",
            InterpolatedStringErrorType::UnterminatedTripleQuotedString => {
                "f-string: unterminated triple-quoted string"
            }
            InterpolatedStringErrorType::LambdaWithoutParentheses => {
                "f-string: lambda expressions are not allowed without parentheses"
            }
            InterpolatedStringErrorType::NewlineInFormatSpec => {
                "f-string: newlines are not allowed in format specifiers"
            }
        };
        self.after(msg, self.fstring_end(range.start()))
    }

    /// An invalid escape in a string literal, worded like CPython's codec error.
    fn escape_error(&self, range: TextRange) -> Box<SyntaxError> {
        let string = self.tokens[..self.token_index(range.end())]
            .iter()
            .rev()
            .find(|t| t.kind() == TokenKind::String && t.start() <= range.start())
            .map_or(range, Ranged::range);
        let text = self
            .src
            .text
            .get(string.start().to_usize()..string.end().to_usize())
            .unwrap_or("");
        let prefix_len = text.find(['\'', '"']).unwrap_or(0);
        let bytes_literal = text[..prefix_len].contains(['b', 'B']);
        let quote_len =
            if text[prefix_len..].starts_with("'''") || text[prefix_len..].starts_with("\"\"\"") {
                3
            } else {
                1
            };
        let body = text
            .get(prefix_len + quote_len..text.len().saturating_sub(quote_len))
            .unwrap_or("");
        let msg = match bad_escape(body) {
            Some((start, end, reason)) if !bytes_literal => {
                format!("(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {reason}")
            }
            Some((start, _, _)) => format!("(value error) invalid \\x escape at position {start}"),
            None => "(unicode error) 'unicodeescape' codec can't decode bytes: unknown Unicode character name".to_string(),
        };
        self.after(msg, string.end())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Assign,
    Delete,
}

/// Tokens that end an operand when scanning for one (statement and clause separators).
fn ends_operand_scan(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Comma
            | TokenKind::Newline
            | TokenKind::Semi
            | TokenKind::Colon
            | TokenKind::Equal
            | TokenKind::ColonEqual
            | TokenKind::If
            | TokenKind::Else
            | TokenKind::Elif
            | TokenKind::While
            | TokenKind::For
            | TokenKind::In
            | TokenKind::Return
            | TokenKind::Lambda
            | TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::EndOfFile
    )
}

/// Tokens that can start an expression (for the missing-comma hint).
fn starts_expression(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::String
            | TokenKind::FStringStart
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::True
            | TokenKind::False
            | TokenKind::None
            | TokenKind::Ellipsis
            | TokenKind::Lambda
            | TokenKind::Tilde
            | TokenKind::Not
    )
}

/// `_PyPegen_get_expr_name`.
fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        Expr::Slice(_) | Expr::IpyEscapeCommand(_) => "expression",
    }
}

/// Whether CPython's `bitwise_or` rule can produce this expression (its
/// "Maybe you meant '=='" hint applies only then).
fn is_bitwise_or(e: &Expr) -> bool {
    match e {
        Expr::BoolOp(_)
        | Expr::Compare(_)
        | Expr::If(_)
        | Expr::Lambda(_)
        | Expr::Named(_)
        | Expr::Yield(_)
        | Expr::YieldFrom(_)
        | Expr::Starred(_) => false,
        Expr::UnaryOp(u) => u.op != ast::UnaryOp::Not,
        _ => true,
    }
}

/// `_PyPegen_get_invalid_target`: the first part of a target that cannot be assigned.
fn invalid_target(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. }) => {
            elts.iter().find_map(invalid_target)
        }
        Expr::Starred(s) => invalid_target(&s.value),
        Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) => None,
        _ => Some(e),
    }
}

/// The first malformed escape in a (non-raw) string body: byte start, byte end
/// (inclusive) and CPython's reason.
fn bad_escape(body: &str) -> Option<(usize, usize, &'static str)> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let kind = bytes.get(i + 1).copied();
        let hex = |n: usize, reason: &'static str| -> Option<(usize, usize, &'static str)> {
            let digits = bytes[i + 2..]
                .iter()
                .take(n)
                .take_while(|b| b.is_ascii_hexdigit())
                .count();
            (digits < n).then_some((i, i + 1 + digits, reason))
        };
        let found = match kind {
            Some(b'x') => hex(2, "truncated \\xXX escape"),
            Some(b'u') => hex(4, "truncated \\uXXXX escape"),
            Some(b'U') => hex(8, "truncated \\UXXXXXXXX escape").or_else(|| {
                let code = u32::from_str_radix(body.get(i + 2..i + 10)?, 16).ok()?;
                (code > 0x10_ffff).then_some((i, i + 9, "illegal Unicode character"))
            }),
            Some(b'N') => {
                if bytes.get(i + 2) != Some(&b'{') {
                    Some((i, i + 1, "malformed \\N character escape"))
                } else {
                    match body[i..].find('}') {
                        Some(close) => Some((i, i + close, "unknown Unicode character name")),
                        None => Some((i, bytes.len() - 1, "malformed \\N character escape")),
                    }
                }
            }
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        i += 2;
    }
    None
}

/// Finds the expression with exactly a given range.
struct ExprFinder<'a> {
    range: TextRange,
    found: Option<&'a Expr>,
}

impl<'a> Visitor<'a> for ExprFinder<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.found.is_some() {
            return;
        }
        if expr.range() == self.range {
            self.found = Some(expr);
            return;
        }
        if expr.range().contains_range(self.range) {
            visitor::walk_expr(self, expr);
        }
    }
}

/// Finds the innermost statement containing a range.
struct StmtFinder<'a> {
    range: TextRange,
    found: Option<&'a Stmt>,
}

impl<'a> Visitor<'a> for StmtFinder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if stmt.range().contains_range(self.range) {
            self.found = Some(stmt);
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, _: &'a Expr) {}
}
