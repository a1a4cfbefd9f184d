//! The error value `compile` returns, and its CPython 3.11 rendering.
//!
//! A [`SyntaxError`] carries what CPython's exception carries (`msg`, `filename`,
//! `lineno`, `offset`, `end_lineno`, `end_offset`, `text`), so its `Display` can print
//! exactly what `python3 file.py` prints on stderr: the `File` line, the stripped source
//! line, the caret line and `SyntaxError: msg` (or `IndentationError`/`TabError`).
//! Constructs the engine does not run are reported the same way, as
//! [`ErrorKind::Unsupported`], never as a panic.

use std::fmt;

use ruff_text_size::TextRange;

use super::ir::LineIndex;

/// A compile error with its position, like CPython's `SyntaxError` instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: ErrorKind,
    /// The message after `SyntaxError: `.
    pub msg: String,
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters (CPython's `offset`); 0 when unknown.
    pub col: u32,
    /// Last line of the highlighted range, when it has one.
    pub end_line: Option<u32>,
    /// 1-based column just after the highlighted range (CPython's `end_offset`).
    pub end_col: Option<u32>,
    /// The source line (without its line break), if it is to be shown.
    pub text: Option<String>,
}

/// Which exception a compile error is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Valid Python that PyMem Lab does not run (printed as a `SyntaxError`).
    Unsupported {
        construct: &'static str,
    },
}

impl ErrorKind {
    /// The exception class name printed before the message.
    pub fn class_name(&self) -> &'static str {
        match self {
            ErrorKind::SyntaxError | ErrorKind::Unsupported { .. } => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
        }
    }
}

impl std::error::Error for SyntaxError {}

impl fmt::Display for SyntaxError {
    /// `print_exception` + `print_error_text` of CPython 3.11's `Python/pythonrun.c`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "  File \"{}\", line {}", self.filename, self.line)?;
        if let Some(text) = &self.text {
            // CPython's text keeps its newline; its offsets are character based but
            // the caret line is laid out in UTF-8 bytes.
            let full = format!("{text}\n");
            let line_size = to_i64(full.len());
            let mut offset = to_i64(char_to_byte_col(text, self.col));
            // Only `SyntaxError` itself shows a range; its subclasses get one caret.
            let end_col = if self.kind.class_name() == "SyntaxError" {
                self.end_col
            } else {
                None
            };
            let mut end_offset = end_col.map_or(-1, |c| to_i64(char_to_byte_col(text, c)));
            if end_col.is_some() && self.end_line.is_some_and(|end| end > self.line) {
                end_offset = line_size;
            }
            if end_offset > line_size + 1 {
                end_offset = line_size + 1;
            }
            let carets = if end_offset > 0 && end_offset > offset {
                end_offset - offset
            } else {
                1
            };
            offset -= 1;
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            offset -= to_i64(text.len() - stripped.len());
            offset = offset.min(to_i64(stripped.len()));
            writeln!(f, "    {stripped}")?;
            if offset >= 0 {
                let spaces = usize::try_from(offset).unwrap_or(0);
                let carets = usize::try_from(carets).unwrap_or(1);
                writeln!(f, "    {}{}", " ".repeat(spaces), "^".repeat(carets))?;
            }
        }
        writeln!(f, "{}: {}", self.kind.class_name(), self.msg)
    }
}

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// Converts a 1-based character column of `text` to a 1-based byte column.
fn char_to_byte_col(text: &str, col: u32) -> usize {
    if col == 0 {
        return 0;
    }
    let chars = (col as usize).saturating_sub(1);
    let bytes: usize = text.chars().take(chars).map(char::len_utf8).sum();
    let past_end = chars.saturating_sub(text.chars().count());
    bytes + past_end + 1
}

/// The source being compiled, to turn byte ranges into CPython positions.
#[derive(Clone, Copy)]
pub(crate) struct Src<'a> {
    pub(crate) text: &'a str,
    pub(crate) lines: &'a LineIndex,
    pub(crate) filename: &'a str,
}

impl Src<'_> {
    /// 1-based line and 1-based character column of a byte offset.
    pub(crate) fn position(&self, offset: u32) -> (u32, u32) {
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line) as usize;
        let offset = (offset as usize).min(self.text.len());
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line, super::ir::to_u32(col + 1))
    }

    /// An error highlighting `range` (CPython's `RAISE_ERROR_KNOWN_LOCATION` and the
    /// compiler's ranged errors: columns of the range's start and end).
    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        msg: impl Into<String>,
        range: TextRange,
    ) -> Box<SyntaxError> {
        let (line, col) = self.position(range.start().into());
        let (end_line, end_col) = self.position(range.end().into());
        Box::new(SyntaxError {
            kind,
            msg: msg.into(),
            filename: self.filename.to_string(),
            line,
            col,
            end_line: Some(end_line),
            end_col: Some(end_col),
            text: Some(self.lines.line_text(self.text, line).to_string()),
        })
    }

    /// A `SyntaxError` highlighting `range`.
    pub(crate) fn syntax(&self, msg: impl Into<String>, range: TextRange) -> Box<SyntaxError> {
        self.error(ErrorKind::SyntaxError, msg, range)
    }

    /// An [`ErrorKind::Unsupported`] error for `construct` at `range`.
    pub(crate) fn unsupported(
        &self,
        construct: &'static str,
        range: TextRange,
    ) -> Box<SyntaxError> {
        self.error(
            ErrorKind::Unsupported { construct },
            format!("{construct} is not supported by PyMem Lab"),
            range,
        )
    }
}
