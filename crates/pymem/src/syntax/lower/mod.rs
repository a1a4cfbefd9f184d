//! Lowering: ruff's AST of one compile unit → the engine's IR ([`super::ir`]).
//!
//! This is the only place that reads ruff's AST after parsing. It walks the tree once,
//! with the unit's symbol table ([`super::scope`]) at hand, and for every node:
//! resolves names to [`Var`]s, folds constants bottom-up ([`super::fold`]), pools the
//! surviving constants ([`ConstPool`]), picks the build shapes CPython 3.11's compiler
//! picks for displays and calls, opens a new [`Code`] for each function, lambda, class
//! body and comprehension, and reports the errors CPython's code generator reports
//! (`'return' outside function`, `'break' outside loop`, ...).
//!
//! Expressions are lowered to a [`Val`]: either a constant value not yet pooled, or an
//! IR expression. A parent folds its children when all of them are constants, and only
//! *materializes* a constant (adds it to the pool and to the current `co_consts`) when
//! it ends up in the IR, so folded-away operands leave no constant behind, as after
//! CPython's AST optimizer.
//!
//! Code map: `mod.rs` holds the lowering context, code objects and names; `stmt.rs`
//! statements and targets; `expr.rs` expressions; `display.rs` displays, calls,
//! comprehensions and f-strings (the memory-shaped constructs).

mod display;
mod expr;
mod stmt;

use std::collections::{HashMap, HashSet};

use ruff_python_ast as ast;
use ruff_text_size::{Ranged, TextRange};

use super::consts::{ConstPool, Value};
use super::error::{Src, SyntaxError};
use super::ir::{
    Code, CodeId, CodeKind, ConstId, Expr, ExprKind, Loc, MakeFunction, Mode, NameId, Params, Stmt,
    StmtKind, Unit, Var,
};
use super::scope::{self, Resolution, ScopeId, ScopeKind, ScopeTable};

/// `STACK_USE_GUIDELINE`: above this many items CPython builds displays and calls
/// incrementally instead of from the value stack.
pub(crate) const STACK_USE_GUIDELINE: usize = 30;

/// Deepest expression nesting accepted (deeper input is reported as unsupported rather
/// than risking the stack here or in the evaluator; CPython's own limit for nested
/// brackets is 200, for other nesting about 1000).
pub(crate) const MAX_EXPR_DEPTH: u32 = 200;

/// The interned identifiers of a program.
#[derive(Debug, Default)]
pub(crate) struct Names {
    pub(crate) list: Vec<Box<str>>,
    map: HashMap<Box<str>, NameId>,
}

impl Names {
    /// The id of `name`, interning it on first use.
    pub(crate) fn intern(&mut self, name: &str) -> NameId {
        if let Some(&id) = self.map.get(name) {
            return id;
        }
        let id = NameId(super::ir::to_u32(self.list.len()));
        self.list.push(name.into());
        self.map.insert(name.into(), id);
        id
    }
}

/// Everything a program accumulates across its units.
pub(crate) struct ProgramParts {
    pub(crate) names: Names,
    pub(crate) codes: Vec<Code>,
    pub(crate) consts: Vec<super::ir::Const>,
    pub(crate) units: Vec<Unit>,
}

/// Lowers one compile unit (the module-level statements `body`) and appends its code
/// objects, constants and unit record to `parts`.
pub(crate) fn lower_unit(
    body: &[ast::Stmt],
    mode: Mode,
    src: Src<'_>,
    parts: &mut ProgramParts,
) -> Result<(), Box<SyntaxError>> {
    let scopes = scope::build(body, src)?;
    let base = super::ir::to_u32(parts.consts.len());
    let unit = super::ir::to_u32(parts.units.len());
    let first_line = body
        .first()
        .map_or(1, |s| src.lines.line_of(s.start().into()));
    let mut lowerer = Lowerer {
        src,
        mode,
        scopes,
        pool: ConstPool::new(base),
        unit,
        parts,
        cur: CodeBuilder::new(ScopeTable::MODULE, CodeKind::Module, None, String::new()),
        outer: Vec::new(),
        depth: 0,
    };
    let code = lowerer.module(body, first_line)?;
    let (entries, parsed) = lowerer.pool.into_entries();
    let end = base + super::ir::to_u32(entries.len());
    parts.consts.extend(entries);
    parts.units.push(Unit {
        code,
        consts: base..end,
        parsed,
        first_line,
    });
    Ok(())
}

/// The code object being built.
struct CodeBuilder {
    scope: ScopeId,
    kind: CodeKind,
    /// The enclosing class name, for mangling private names.
    private: Option<String>,
    qualname: String,
    varnames: Vec<NameId>,
    slots: HashMap<String, u32>,
    consts: Vec<ConstId>,
    const_set: HashSet<ConstId>,
    /// Loops around the statement being lowered, in this code object.
    loops: u32,
}

impl CodeBuilder {
    fn new(
        scope: ScopeId,
        kind: CodeKind,
        private: Option<String>,
        qualname: String,
    ) -> CodeBuilder {
        CodeBuilder {
            scope,
            kind,
            private,
            qualname,
            varnames: Vec::new(),
            slots: HashMap::new(),
            consts: Vec::new(),
            const_set: HashSet::new(),
            loops: 0,
        }
    }
}

/// A lowered expression: a constant not yet pooled, or IR.
pub(crate) enum Val {
    Const(Value, Loc),
    Expr(Expr),
}

impl Val {
    fn loc(&self) -> Loc {
        match self {
            Val::Const(_, loc) => *loc,
            Val::Expr(e) => e.loc,
        }
    }

    fn as_const(&self) -> Option<&Value> {
        match self {
            Val::Const(v, _) => Some(v),
            Val::Expr(_) => None,
        }
    }
}

type R<T> = Result<T, Box<SyntaxError>>;

struct Lowerer<'a, 'p> {
    src: Src<'a>,
    mode: Mode,
    scopes: ScopeTable,
    pool: ConstPool,
    unit: u32,
    parts: &'p mut ProgramParts,
    /// The code object being built, and the ones it is nested in (outermost first).
    cur: CodeBuilder,
    outer: Vec<CodeBuilder>,
    /// Current expression nesting.
    depth: u32,
}

impl Lowerer<'_, '_> {
    fn loc(&self, range: TextRange) -> Loc {
        let start: u32 = range.start().into();
        Loc {
            line: self.src.lines.line_of(start),
            start,
            end: range.end().into(),
        }
    }

    fn name(&mut self, name: &str) -> NameId {
        self.parts.names.intern(name)
    }

    fn top(&self) -> &CodeBuilder {
        &self.cur
    }

    fn top_mut(&mut self) -> &mut CodeBuilder {
        &mut self.cur
    }

    fn kind(&self) -> CodeKind {
        self.top().kind
    }

    /// Mangles an identifier for the current class context.
    fn mangled(&self, name: &str) -> String {
        scope::mangle(self.top().private.as_deref(), name).into_owned()
    }

    /// Pools a constant and records it in the current code's `co_consts`.
    fn constant(&mut self, value: &Value) -> ConstId {
        let id = self.pool.add(value);
        self.note_const(id);
        id
    }

    /// Pools a constant the parser created (a literal, a docstring, an f-string
    /// piece or an optimiser-folded value) and records it in `co_consts`.
    fn parsed_constant(&mut self, value: &Value) -> ConstId {
        let id = self.constant(value);
        self.pool.mark_parsed(id, false);
        id
    }

    /// Pools a container the compiler builds from parsed constant items.
    fn built_constant(&mut self, value: &Value) -> ConstId {
        let id = self.constant(value);
        self.pool.mark_parsed(id, true);
        id
    }

    fn note_const(&mut self, id: ConstId) {
        let top = self.top_mut();
        if top.const_set.insert(id) {
            top.consts.push(id);
        }
    }

    /// Turns a [`Val`] into IR, pooling a constant.
    fn materialize(&mut self, val: Val) -> Expr {
        match val {
            Val::Const(value, loc) => Expr {
                kind: ExprKind::Const(self.parsed_constant(&value)),
                loc,
            },
            Val::Expr(e) => e,
        }
    }

    fn internal(&self, what: &str, range: TextRange) -> Box<SyntaxError> {
        self.src
            .syntax(format!("internal compiler error: {what}"), range)
    }

    /// A local slot of the current code, allocated on first use.
    fn slot(&mut self, mangled: &str) -> u32 {
        if let Some(&slot) = self.top().slots.get(mangled) {
            return slot;
        }
        let id = self.name(mangled);
        let top = self.top_mut();
        let slot = super::ir::to_u32(top.varnames.len());
        top.varnames.push(id);
        top.slots.insert(mangled.to_string(), slot);
        slot
    }

    /// Resolves a variable like `compiler_nameop`: `load` picks `ClassDeref` for free
    /// variables read in a class body.
    fn var(&mut self, name: &str, load: bool, range: TextRange) -> R<Var> {
        let mangled = self.mangled(name);
        let (scope_id, kind) = (self.top().scope, self.kind());
        let scope = self.scopes.get(scope_id);
        let function = scope.kind.is_function();
        Ok(match scope.resolve(&mangled) {
            Some(Resolution::Free) => {
                let cells = scope.cellvars.len();
                let Some(j) = scope.freevars.iter().position(|n| *n == mangled) else {
                    return Err(self.internal("free variable without a slot", range));
                };
                let index = super::ir::to_u32(cells + j);
                if load && kind == CodeKind::Class {
                    Var::ClassDeref(index, self.name(&mangled))
                } else {
                    Var::Deref(index)
                }
            }
            Some(Resolution::Cell) => {
                let Some(i) = scope.cellvars.iter().position(|n| *n == mangled) else {
                    return Err(self.internal("cell variable without a slot", range));
                };
                Var::Deref(super::ir::to_u32(i))
            }
            Some(Resolution::Local) if function => Var::Fast(self.slot(&mangled)),
            Some(Resolution::GlobalImplicit) if function => Var::Global(self.name(&mangled)),
            Some(Resolution::GlobalExplicit) => Var::Global(self.name(&mangled)),
            _ => Var::Name(self.name(&mangled)),
        })
    }

    /// Lowers the unit's module body.
    fn module(&mut self, body: &[ast::Stmt], first_line: u32) -> R<CodeId> {
        let id = self.begin_code(
            ScopeTable::MODULE,
            CodeKind::Module,
            None,
            "<module>".to_string(),
        );
        let mut stmts = Vec::new();
        let mut docstring = None;
        let mut rest = body;
        if self.mode == Mode::Script {
            if let Some((doc, loc, tail)) = self.docstring(body) {
                let id = self.parsed_constant(&doc);
                docstring = Some(id);
                let target = self.name("__doc__");
                stmts.push(Stmt {
                    kind: store_doc(id, target, loc),
                    loc,
                });
                rest = tail;
            }
        }
        stmts.extend(self.block(rest)?);
        let none = self.pool.none();
        self.note_const(none);
        let params = Params::default();
        self.end_code(id, "<module>", params, stmts, first_line, docstring);
        Ok(id)
    }

    /// Splits a leading docstring off a body (`_PyAST_GetDocString`: a plain string
    /// literal as the first statement).
    fn docstring<'b>(&self, body: &'b [ast::Stmt]) -> Option<(Value, Loc, &'b [ast::Stmt])> {
        let (first, tail) = body.split_first()?;
        let ast::Stmt::Expr(e) = first else {
            return None;
        };
        let ast::Expr::StringLiteral(s) = e.value.as_ref() else {
            return None;
        };
        Some((
            Value::Str(s.value.to_str().to_string()),
            self.loc(first.range()),
            tail,
        ))
    }

    /// Pushes a new code builder for `scope`.
    fn begin_code(
        &mut self,
        scope: ScopeId,
        kind: CodeKind,
        private: Option<String>,
        qualname: String,
    ) -> CodeId {
        let id = CodeId(super::ir::to_u32(self.parts.codes.len()));
        self.parts.codes.push(placeholder_code(self.unit));
        let builder = CodeBuilder::new(scope, kind, private, qualname);
        if kind == CodeKind::Module {
            self.cur = builder;
        } else {
            let parent = std::mem::replace(&mut self.cur, builder);
            self.outer.push(parent);
        }
        id
    }

    /// Pops the current builder and stores the finished code object.
    fn end_code(
        &mut self,
        id: CodeId,
        name: &str,
        params: Params,
        body: Vec<Stmt>,
        first_line: u32,
        docstring: Option<ConstId>,
    ) {
        let parent = self.outer.pop().unwrap_or_else(|| {
            CodeBuilder::new(ScopeTable::MODULE, CodeKind::Module, None, String::new())
        });
        let builder = std::mem::replace(&mut self.cur, parent);
        let scope = self.scopes.get(builder.scope);
        let cellvars: Vec<String> = scope.cellvars.clone();
        let freevars: Vec<String> = scope.freevars.clone();
        let is_generator = scope.is_generator;
        let class_cell =
            (builder.kind == CodeKind::Class && scope.needs_class_closure).then_some(0);
        let cell_params: Box<[(u32, u32)]> = cellvars
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                builder
                    .slots
                    .get(n)
                    .filter(|&&s| s < params.count())
                    .map(|&s| (super::ir::to_u32(i), s))
            })
            .collect();
        let code = Code {
            kind: builder.kind,
            name: self.name(name),
            qualname: self.name(&builder.qualname),
            unit: self.unit,
            params,
            varnames: builder.varnames.into(),
            cellvars: cellvars
                .iter()
                .map(|n| self.parts.names.intern(n))
                .collect(),
            cell_params,
            freevars: freevars
                .iter()
                .map(|n| self.parts.names.intern(n))
                .collect(),
            body: body.into(),
            is_generator,
            first_line,
            docstring,
            class_cell,
            consts: builder.consts.into(),
        };
        if let Some(slot) = self.parts.codes.get_mut(id.0 as usize) {
            *slot = code;
        }
    }

    /// The qualname of a new code object named `name` opened in the current one
    /// (`compiler_set_qualname`). `global_name` says the function or class name is
    /// declared `global` in the current scope.
    fn child_qualname(&self, name: &str, global_name: bool) -> String {
        if self.kind() == CodeKind::Module || global_name {
            return name.to_string();
        }
        let parent = self.top();
        match parent.kind {
            CodeKind::Function | CodeKind::Lambda => format!("{}.<locals>.{name}", parent.qualname),
            _ => format!("{}.{name}", parent.qualname),
        }
    }

    /// Binds parameters to slots `0..` of the current (new) code, in CPython's order.
    fn bind_params(&mut self, params: Option<&ast::Parameters>) -> Params {
        let Some(p) = params else {
            return Params::default();
        };
        let names = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .chain(&p.kwonlyargs)
            .map(|a| &a.parameter.name)
            .chain(p.vararg.iter().map(|a| &a.name))
            .chain(p.kwarg.iter().map(|a| &a.name));
        for name in names {
            let mangled = self.mangled(name);
            self.slot(&mangled);
        }
        let count = |n: usize| super::ir::to_u32(n);
        Params {
            posonly: count(p.posonlyargs.len()),
            positional: count(p.posonlyargs.len() + p.args.len()),
            defaults: count(
                p.posonlyargs
                    .iter()
                    .chain(&p.args)
                    .filter(|a| a.default.is_some())
                    .count(),
            ),
            kwonly: count(p.kwonlyargs.len()),
            varargs: p.vararg.is_some(),
            varkw: p.kwarg.is_some(),
        }
    }

    /// `LOAD_CLOSURE` indices, in the current code, for the free variables of `child`.
    fn closure(&self, child: ScopeId, range: TextRange) -> R<Box<[u32]>> {
        let parent = self.scopes.get(self.top().scope);
        let class = self.kind() == CodeKind::Class;
        self.scopes
            .get(child)
            .freevars
            .iter()
            .map(|name| {
                if class && name == "__class__" {
                    return Ok(0);
                }
                if let Some(i) = parent.cellvars.iter().position(|n| n == name) {
                    return Ok(super::ir::to_u32(i));
                }
                match parent.freevars.iter().position(|n| n == name) {
                    Some(j) => Ok(super::ir::to_u32(parent.cellvars.len() + j)),
                    None => Err(self.internal("closure variable not found", range)),
                }
            })
            .collect()
    }

    /// The scope opened by a node (found by range and kind).
    fn child_scope(&self, range: TextRange, kind: ScopeKind) -> R<ScopeId> {
        self.scopes
            .scope_of(range, kind)
            .ok_or_else(|| self.internal("scope not found", range))
    }

    /// Builds a `MakeFunction` for a child code object.
    fn make_function(
        &self,
        code: CodeId,
        child: ScopeId,
        defaults: Option<Expr>,
        kwdefaults: Option<Expr>,
        range: TextRange,
    ) -> R<MakeFunction> {
        Ok(MakeFunction {
            code,
            defaults,
            kwdefaults,
            closure: self.closure(child, range)?,
        })
    }

    /// Records `None` in `co_consts` if the body can fall off its end.
    fn implicit_return(&mut self, body: &[Stmt]) {
        let ends = matches!(
            body.last().map(|s| &s.kind),
            Some(StmtKind::Return(_) | StmtKind::Raise { .. })
        );
        if !ends {
            let none = self.pool.none();
            self.note_const(none);
        }
    }
}

/// `__doc__ = <docstring>` at the start of a module or class body.
fn store_doc(doc: ConstId, target: NameId, loc: Loc) -> StmtKind {
    StmtKind::Assign {
        targets: Box::new([super::ir::Target {
            kind: super::ir::TargetKind::Var(Var::Name(target)),
            loc,
        }]),
        value: Expr {
            kind: ExprKind::Const(doc),
            loc,
        },
    }
}

/// An empty code object reserving an id until the real one is finished.
fn placeholder_code(unit: u32) -> Code {
    Code {
        kind: CodeKind::Module,
        name: NameId(0),
        qualname: NameId(0),
        unit,
        params: Params::default(),
        varnames: Box::new([]),
        cellvars: Box::new([]),
        cell_params: Box::new([]),
        freevars: Box::new([]),
        body: Box::new([]),
        is_generator: false,
        first_line: 0,
        docstring: None,
        class_cell: None,
        consts: Box::new([]),
    }
}
