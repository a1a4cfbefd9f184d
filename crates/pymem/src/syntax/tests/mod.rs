//! Tests of the syntax module, one file per concern:
//! `errors.rs` (CPython's error texts, unsupported constructs, robustness),
//! `constants.rs` (pooling, interning, folding against CPython's results),
//! `scopes.rs` (name resolution), `lowering.rs` (each construct's IR),
//! `corpus.rs` (the seed article's and conformance programs compile).
//! Fixtures generated with CPython 3.11 live beside them (`regen_*.py`).

mod constants;
mod corpus;
#[rustfmt::skip]
mod error_cases;
mod errors;
#[rustfmt::skip]
mod fold_cases;
mod lowering;
mod scopes;

use super::ir::{Code, CodeId, CodeKind, Expr, ExprKind, Program, Stmt, StmtKind};
use super::{compile, Mode};

/// Compiles a script, failing the test with CPython's error text.
fn script(source: &str) -> Program {
    compile(source, "x.py", Mode::Script).unwrap_or_else(|e| panic!("did not compile:\n{e}"))
}

/// Compiles REPL input.
fn repl(source: &str) -> Program {
    compile(source, "<stdin>", Mode::Repl).unwrap_or_else(|e| panic!("did not compile:\n{e}"))
}

/// The statements of unit `i`'s module code.
fn unit_body(p: &Program, i: usize) -> &[Stmt] {
    &p.code(p.units[i].code).body
}

/// The first code object of a kind.
fn code_of(p: &Program, kind: CodeKind) -> (CodeId, &Code) {
    let i = p
        .codes
        .iter()
        .position(|c| c.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} code"));
    (CodeId(u32::try_from(i).unwrap_or(0)), &p.codes[i])
}

/// The code object named `name`.
fn code_named<'p>(p: &'p Program, name: &str) -> &'p Code {
    p.codes
        .iter()
        .find(|c| p.name(c.name) == name)
        .unwrap_or_else(|| panic!("no code {name}"))
}

/// The value assigned by an `Assign` statement.
fn assigned(stmt: &Stmt) -> &Expr {
    match &stmt.kind {
        StmtKind::Assign { value, .. } => value,
        other => panic!("not an assignment: {other:?}"),
    }
}

/// The constant id an expression loads, if it is a constant.
fn const_id(e: &Expr) -> Option<super::ir::ConstId> {
    match e.kind {
        ExprKind::Const(id) => Some(id),
        _ => None,
    }
}

#[test]
fn debug_dump() {
    // `PYMEM_DUMP=file.py cargo test -p pymem --lib debug_dump -- --nocapture` prints
    // the IR of a file: a development aid, silent otherwise.
    let Ok(path) = std::env::var("PYMEM_DUMP") else {
        return;
    };
    let source = std::fs::read_to_string(&path).unwrap_or(path);
    match compile(&source, "x.py", Mode::Script) {
        Ok(p) => println!("{}", p.dump()),
        Err(e) => println!("{e}"),
    }
}
