//! Syntax: parse Python with ruff and lower it, in one place, into the engine's IR.
//!
//! [`compile`] is the whole interface: source text in, a [`Program`] (or a
//! [`SyntaxError`] that prints exactly like CPython 3.11's) out. The evaluator never sees
//! ruff types: everything it runs is in [`ir`].
//!
//! Pipeline, one file per stage:
//! - `parse_error.rs`: ruff's parser (target Python 3.11); the error CPython would
//!   report first becomes a CPython-worded [`SyntaxError`]; `lexical.rs` finds the
//!   errors CPython's tokenizer reports (they take priority) in ruff's tokens.
//! - `scope.rs`: CPython's symtable for each compile unit: every name resolved to a
//!   local slot, a cell, a free variable, a global or a name lookup.
//! - `lower/`: the walk that builds [`ir`], folding constants (`fold.rs`) and pooling
//!   them per compile unit (`consts.rs`), and reporting the code generator's errors.
//! - `error.rs`: the error value and its CPython rendering; `pretty.rs`: a compact dump
//!   of a [`Program`] for tests and debugging.
//!
//! Invariants: no panics on any input (errors are values); no dependence on anything
//! but the source text, so compiling is deterministic.

mod consts;
mod error;
mod fold;
mod identifiers;
pub mod ir;
mod lexical;
mod lower;
mod parse_error;
mod pretty;
mod scope;
#[cfg(test)]
mod tests;

use ruff_python_ast::PythonVersion;
use ruff_python_parser::{Mode as RuffMode, ParseOptions};
use ruff_text_size::Ranged;

pub use error::{ErrorKind, SyntaxError};
pub use ir::*;

use error::Src;
use lower::{Names, ProgramParts};

/// Compiles `source` (shown as `filename` in errors and tracebacks) into a [`Program`]:
/// one compile unit for [`Mode::Script`], one per top-level input for [`Mode::Repl`].
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<Program, SyntaxError> {
    let lines = LineIndex::new(source);
    let src = Src {
        text: source,
        lines: &lines,
        filename,
    };
    let options = ParseOptions::from(RuffMode::Module).with_target_version(PythonVersion::PY311);
    let parsed = ruff_python_parser::parse_unchecked(source, options);
    if let Some(error) = parse_error::first_error(&parsed, src) {
        return Err(*error);
    }
    identifiers::check(parsed.tokens(), src).map_err(|e| *e)?;
    let body: &[ruff_python_ast::Stmt] = parsed.syntax().as_module().map_or(&[], |m| &m.body);
    let mut parts = ProgramParts {
        names: Names::default(),
        codes: Vec::new(),
        consts: Vec::new(),
        units: Vec::new(),
    };
    match mode {
        Mode::Script => lower::lower_unit(body, mode, src, &mut parts).map_err(|e| *e)?,
        Mode::Repl => {
            for input in repl_inputs(body, &lines) {
                lower::lower_unit(input, mode, src, &mut parts).map_err(|e| *e)?;
            }
        }
    }
    Ok(Program {
        filename: filename.into(),
        source: source.into(),
        lines,
        mode,
        units: parts.units,
        codes: parts.codes,
        consts: parts.consts,
        names: parts.names.list,
    })
}

/// Splits module statements into REPL inputs: a statement starting on the line where
/// the previous one ended (`a = 1; b = 2`) belongs to the same input.
fn repl_inputs<'b>(
    body: &'b [ruff_python_ast::Stmt],
    lines: &LineIndex,
) -> Vec<&'b [ruff_python_ast::Stmt]> {
    let mut inputs = Vec::new();
    let mut start = 0;
    for i in 1..body.len() {
        let previous_end = lines.line_of(body[i - 1].end().into());
        if lines.line_of(body[i].start().into()) > previous_end {
            inputs.push(&body[start..i]);
            start = i;
        }
    }
    if start < body.len() {
        inputs.push(&body[start..]);
    }
    inputs
}
