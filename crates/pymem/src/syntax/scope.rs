//! Name resolution: a port of CPython 3.11's `Python/symtable.c` over ruff's AST.
//!
//! Two passes, as in CPython. The *visit* records, per scope (module, function, lambda,
//! class body, comprehension), every name with flags saying how it is used (`USE`,
//! `DEF_LOCAL`, `DEF_PARAM`, `DEF_GLOBAL`, `DEF_NONLOCAL`, ...) and reports the errors
//! CPython's visitor reports (`name 'x' is used prior to global declaration`, `'yield'
//! inside list comprehension`, walrus rules) plus every construct PyMem Lab does not run.
//! The *analysis* then walks the scope tree top-down with the sets of names bound in
//! enclosing functions and declared global (class scopes do not pass their names down),
//! and decides each name's scope: local, cell, free, global explicit or implicit; it
//! reports `no binding for nonlocal 'x' found` and friends. Free names of children
//! become cells of the function that binds them, or pass through intermediate scopes as
//! free; a class that passes a name through while binding it too marks it
//! `DEF_FREE_CLASS`; a method using `super` or `__class__` gives its class a `__class__`
//! cell.
//!
//! Names are stored mangled (`__x` in class `C` is `_C__x`), as CPython stores them.

use std::collections::{BTreeSet, HashMap};

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::error::{Src, SyntaxError};
use super::ir::CompKind;
use super::lower::MAX_EXPR_DEPTH;

pub(crate) const DEF_GLOBAL: u32 = 1;
pub(crate) const DEF_LOCAL: u32 = 2;
pub(crate) const DEF_PARAM: u32 = 4;
pub(crate) const DEF_NONLOCAL: u32 = 8;
pub(crate) const USE: u32 = 16;
pub(crate) const DEF_FREE_CLASS: u32 = 64;
pub(crate) const DEF_IMPORT: u32 = 128;
pub(crate) const DEF_ANNOT: u32 = 256;
pub(crate) const DEF_COMP_ITER: u32 = 512;
pub(crate) const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Index of a scope in [`ScopeTable::scopes`].
pub(crate) type ScopeId = usize;

/// What kind of block a scope is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    Comprehension(CompKind),
}

impl ScopeKind {
    /// CPython's `FunctionBlock`: functions, lambdas and comprehensions.
    pub(crate) fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension(_)
        )
    }
}

/// The scope a name resolved to (CPython's `LOCAL`, `CELL`, `FREE`, `GLOBAL_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    Local,
    Cell,
    Free,
    GlobalExplicit,
    GlobalImplicit,
}

/// One scope's symbol table.
#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) kind: ScopeKind,
    /// Flags per (mangled) name, in first-seen order.
    symbols: Vec<(String, u32)>,
    index: HashMap<String, usize>,
    /// Parameter names (mangled) in slot order.
    pub(crate) params: Vec<String>,
    children: Vec<ScopeId>,
    /// Contains `yield` / `yield from`.
    pub(crate) is_generator: bool,
    /// A class body whose methods need its `__class__` cell.
    pub(crate) needs_class_closure: bool,
    /// Where each name was first declared `global`/`nonlocal` (for error positions).
    directives: HashMap<String, TextRange>,
    comp_iter_target: bool,
    comp_iter_expr: u32,
    /// The resolved scope of every symbol (after analysis).
    resolved: HashMap<String, Resolution>,
    /// `co_cellvars` (sorted), `co_freevars` (sorted), after analysis.
    pub(crate) cellvars: Vec<String>,
    pub(crate) freevars: Vec<String>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Scope {
        Scope {
            kind,
            symbols: Vec::new(),
            index: HashMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            needs_class_closure: false,
            directives: HashMap::new(),
            comp_iter_target: false,
            comp_iter_expr: 0,
            resolved: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
        }
    }

    /// The flags of a (mangled) name, 0 if the scope never saw it.
    pub(crate) fn flags(&self, name: &str) -> u32 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    fn set_flags(&mut self, name: &str, flags: u32) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].1 = flags,
            None => {
                self.index.insert(name.to_string(), self.symbols.len());
                self.symbols.push((name.to_string(), flags));
            }
        }
    }

    /// How a (mangled) name resolves in this scope; `None` for a name the symbol table
    /// never saw (CPython's scope 0, compiled as a `NAME` access).
    pub(crate) fn resolve(&self, name: &str) -> Option<Resolution> {
        self.resolved.get(name).copied()
    }
}

/// The scopes of one compile unit, found again by the AST node that opened them.
#[derive(Debug)]
pub(crate) struct ScopeTable {
    pub(crate) scopes: Vec<Scope>,
    by_node: HashMap<NodeKey, ScopeId>,
}

/// Identifies the node that opens a scope: its byte range and kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct NodeKey(u32, u32, u8);

impl NodeKey {
    fn of(range: TextRange, kind: ScopeKind) -> NodeKey {
        let tag = match kind {
            ScopeKind::Module => 0,
            ScopeKind::Function => 1,
            ScopeKind::Lambda => 2,
            ScopeKind::Class => 3,
            ScopeKind::Comprehension(CompKind::List) => 4,
            ScopeKind::Comprehension(CompKind::Set) => 5,
            ScopeKind::Comprehension(CompKind::Dict) => 6,
            ScopeKind::Comprehension(CompKind::Generator) => 7,
        };
        NodeKey(range.start().into(), range.end().into(), tag)
    }
}

impl ScopeTable {
    /// The module scope.
    pub(crate) const MODULE: ScopeId = 0;

    /// The scope opened by the node at `range` of `kind`.
    pub(crate) fn scope_of(&self, range: TextRange, kind: ScopeKind) -> Option<ScopeId> {
        self.by_node.get(&NodeKey::of(range, kind)).copied()
    }

    /// The scope with this id.
    pub(crate) fn get(&self, id: ScopeId) -> &Scope {
        &self.scopes[id]
    }
}

/// Builds and analyses the symbol table of one compile unit (a module body).
pub(crate) fn build(body: &[Stmt], src: Src<'_>) -> Result<ScopeTable, Box<SyntaxError>> {
    let mut builder = Builder {
        table: ScopeTable {
            scopes: vec![Scope::new(ScopeKind::Module)],
            by_node: HashMap::new(),
        },
        stack: vec![ScopeTable::MODULE],
        private: None,
        src,
        depth: 0,
    };
    for stmt in body {
        builder.visit_stmt(stmt)?;
    }
    let mut table = builder.table;
    let mut free = BTreeSet::new();
    analyze_block(
        &mut table,
        ScopeTable::MODULE,
        None,
        &mut free,
        &BTreeSet::new(),
        src,
    )?;
    Ok(table)
}

/// CPython's `_Py_Mangle`: `__x` inside class `C` (or its methods) becomes `_C__x`.
pub(crate) fn mangle<'n>(private: Option<&str>, name: &'n str) -> std::borrow::Cow<'n, str> {
    let Some(class) = private else {
        return name.into();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return name.into();
    }
    format!("_{class}{name}").into()
}

type R = Result<(), Box<SyntaxError>>;

struct Builder<'a> {
    table: ScopeTable,
    stack: Vec<ScopeId>,
    /// The enclosing class name, for mangling.
    private: Option<String>,
    src: Src<'a>,
    /// Current expression nesting (bounded by [`MAX_EXPR_DEPTH`]).
    depth: u32,
}

impl Builder<'_> {
    fn cur(&self) -> ScopeId {
        self.stack.last().copied().unwrap_or(ScopeTable::MODULE)
    }

    fn scope(&mut self) -> &mut Scope {
        let id = self.cur();
        &mut self.table.scopes[id]
    }

    fn enter(&mut self, kind: ScopeKind, range: TextRange) {
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind));
        self.table.by_node.insert(NodeKey::of(range, kind), id);
        let parent = self.cur();
        self.table.scopes[parent].children.push(id);
        self.stack.push(id);
    }

    fn exit(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> R {
        let scope = self.cur();
        self.add_def_in(scope, name, flag, range)
    }

    /// `symtable_add_def_helper`.
    fn add_def_in(&mut self, scope: ScopeId, name: &str, flag: u32, range: TextRange) -> R {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        let entry = &mut self.table.scopes[scope];
        let mut val = entry.flags(&mangled);
        if flag & DEF_PARAM != 0 && val & DEF_PARAM != 0 {
            return Err(self.src.syntax(
                format!("duplicate argument '{name}' in function definition"),
                range,
            ));
        }
        val |= flag;
        if entry.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(self.src.syntax(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    range,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        entry.set_flags(&mangled, val);
        if flag & DEF_PARAM != 0 {
            entry.params.push(mangled.clone());
        }
        if flag & DEF_GLOBAL != 0 {
            let module = &mut self.table.scopes[ScopeTable::MODULE];
            let global = module.flags(&mangled) | flag;
            module.set_flags(&mangled, global);
        }
        Ok(())
    }

    fn record_directive(&mut self, name: &str, range: TextRange) {
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        self.scope().directives.entry(mangled).or_insert(range);
    }

    fn unsupported(&self, construct: &'static str, range: TextRange) -> R {
        Err(self.src.unsupported(construct, range))
    }

    fn visit_body(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs<'e>(&mut self, exprs: impl IntoIterator<Item = &'e Expr>) -> R {
        exprs.into_iter().try_for_each(|e| self.visit_expr(e))
    }

    #[allow(clippy::too_many_lines)] // one arm per statement kind
    fn visit_stmt(&mut self, stmt: &Stmt) -> R {
        match stmt {
            Stmt::FunctionDef(def) => {
                if def.is_async {
                    return self.unsupported("async function", def.range);
                }
                if def.type_params.is_some() {
                    return self.unsupported("type parameter list", def.range);
                }
                self.add_def(&def.name, DEF_LOCAL, def.name.range)?;
                self.visit_defaults(&def.parameters)?;
                self.visit_exprs(def.decorator_list.iter().map(|d| &d.expression))?;
                self.enter(ScopeKind::Function, def.range);
                self.visit_params(&def.parameters)?;
                self.visit_body(&def.body)?;
                self.exit();
            }
            Stmt::ClassDef(class) => {
                if class.type_params.is_some() {
                    return self.unsupported("type parameter list", class.range);
                }
                self.add_def(&class.name, DEF_LOCAL, class.name.range)?;
                if let Some(arguments) = &class.arguments {
                    if let Some(meta) = arguments.find_keyword("metaclass") {
                        return self.unsupported("metaclass keyword", meta.range);
                    }
                    // Both go to `__init_subclass__` and the class's
                    // creation, which the simulator does not model.
                    if let Some(k) = arguments.keywords.first() {
                        return self.unsupported("class keyword argument", k.range);
                    }
                    if let Some(star) = arguments.args.iter().find(|a| a.is_starred_expr()) {
                        return self.unsupported("starred class base", star.range());
                    }
                    self.visit_exprs(arguments.args.iter())?;
                    self.visit_exprs(arguments.keywords.iter().map(|k| &k.value))?;
                }
                self.visit_exprs(class.decorator_list.iter().map(|d| &d.expression))?;
                self.enter(ScopeKind::Class, class.range);
                let saved = self.private.replace(class.name.id.to_string());
                let result = self.visit_body(&class.body);
                self.private = saved;
                result?;
                self.exit();
            }
            Stmt::Return(ret) => self.visit_exprs(ret.value.as_deref())?,
            Stmt::Delete(del) => self.visit_exprs(&del.targets)?,
            Stmt::Assign(assign) => {
                self.visit_exprs(&assign.targets)?;
                self.visit_expr(&assign.value)?;
            }
            Stmt::AugAssign(aug) => {
                self.visit_expr(&aug.target)?;
                self.visit_expr(&aug.value)?;
            }
            Stmt::AnnAssign(ann) => {
                if let Expr::Name(name) = ann.target.as_ref() {
                    let mangled = mangle(self.private.as_deref(), &name.id).into_owned();
                    let cur = self.scope().flags(&mangled);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && self.cur() != ScopeTable::MODULE
                        && ann.simple
                    {
                        let which = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(self.src.syntax(
                            format!("annotated name '{}' can't be {which}", name.id),
                            name.range,
                        ));
                    }
                    if ann.simple {
                        self.add_def(&name.id, DEF_ANNOT | DEF_LOCAL, name.range)?;
                    } else if ann.value.is_some() {
                        self.add_def(&name.id, DEF_LOCAL, name.range)?;
                    }
                } else {
                    self.visit_expr(&ann.target)?;
                }
                self.visit_exprs(ann.value.as_deref())?;
            }
            Stmt::For(for_) => {
                if for_.is_async {
                    return self.unsupported("async for", for_.range);
                }
                self.visit_expr(&for_.target)?;
                self.visit_expr(&for_.iter)?;
                self.visit_body(&for_.body)?;
                self.visit_body(&for_.orelse)?;
            }
            Stmt::While(while_) => {
                self.visit_expr(&while_.test)?;
                self.visit_body(&while_.body)?;
                self.visit_body(&while_.orelse)?;
            }
            Stmt::If(if_) => {
                self.visit_expr(&if_.test)?;
                self.visit_body(&if_.body)?;
                for clause in &if_.elif_else_clauses {
                    self.visit_exprs(clause.test.as_ref())?;
                    self.visit_body(&clause.body)?;
                }
            }
            Stmt::With(with) => {
                if with.is_async {
                    return self.unsupported("async with", with.range);
                }
                for item in &with.items {
                    self.visit_expr(&item.context_expr)?;
                    self.visit_exprs(item.optional_vars.as_deref())?;
                }
                self.visit_body(&with.body)?;
            }
            Stmt::Match(m) => return self.unsupported("match statement", m.range),
            Stmt::TypeAlias(t) => return self.unsupported("type alias", t.range),
            Stmt::Raise(raise) => {
                self.visit_exprs(raise.exc.as_deref())?;
                self.visit_exprs(raise.cause.as_deref())?;
            }
            Stmt::Try(try_) => {
                if try_.is_star {
                    return self.unsupported("except* clause", try_.range);
                }
                self.visit_body(&try_.body)?;
                self.visit_body(&try_.orelse)?;
                for handler in &try_.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = handler;
                    self.visit_exprs(h.type_.as_deref())?;
                    if let Some(name) = &h.name {
                        self.add_def(name, DEF_LOCAL, name.range)?;
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(&try_.finalbody)?;
            }
            Stmt::Assert(assert) => {
                self.visit_expr(&assert.test)?;
                self.visit_exprs(assert.msg.as_deref())?;
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = match &alias.asname {
                        Some(asname) => asname.id.as_str(),
                        None => alias.name.id.split('.').next().unwrap_or_default(),
                    };
                    self.add_def(bound, DEF_IMPORT, alias.range)?;
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    if alias.name.id.as_str() == "*" {
                        return self.unsupported("star import", alias.range);
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.add_def(bound, DEF_IMPORT, alias.range)?;
                }
            }
            Stmt::Global(global) => {
                self.visit_declaration(&global.names, DEF_GLOBAL, global.range)?
            }
            Stmt::Nonlocal(nonlocal) => {
                self.visit_declaration(&nonlocal.names, DEF_NONLOCAL, nonlocal.range)?
            }
            Stmt::Expr(expr) => self.visit_expr(&expr.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::IpyEscapeCommand(c) => {
                return self.unsupported("IPython escape command", c.range)
            }
        }
        Ok(())
    }

    /// `global a, b` / `nonlocal a, b`.
    fn visit_declaration(&mut self, names: &[ast::Identifier], flag: u32, range: TextRange) -> R {
        let (what, label) = if flag == DEF_GLOBAL {
            ("global", "global")
        } else {
            ("nonlocal", "nonlocal")
        };
        for name in names {
            let mangled = mangle(self.private.as_deref(), name).into_owned();
            let cur = self.scope().flags(&mangled);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {label}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {what} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {label}")
                } else {
                    format!("name '{name}' is assigned to before {what} declaration")
                };
                return Err(self.src.syntax(msg, range));
            }
            self.add_def(name, flag, range)?;
            self.record_directive(name, range);
        }
        Ok(())
    }

    /// Default values are evaluated in the enclosing scope.
    fn visit_defaults(&mut self, params: &ast::Parameters) -> R {
        let all = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .chain(&params.kwonlyargs);
        self.visit_exprs(all.filter_map(|p| p.default.as_deref()))
    }

    /// Parameters bind in the new scope, in slot order: positional-only, positional,
    /// keyword-only, `*args`, `**kwargs`.
    fn visit_params(&mut self, params: &ast::Parameters) -> R {
        for p in params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .chain(&params.kwonlyargs)
        {
            self.add_def(&p.parameter.name, DEF_PARAM, p.parameter.name.range)?;
        }
        if let Some(p) = &params.vararg {
            self.add_def(&p.name, DEF_PARAM, p.name.range)?;
        }
        if let Some(p) = &params.kwarg {
            self.add_def(&p.name, DEF_PARAM, p.name.range)?;
        }
        Ok(())
    }

    fn visit_expr(&mut self, expr: &Expr) -> R {
        if self.depth >= MAX_EXPR_DEPTH {
            return self.unsupported("expression nested this deeply", expr.range());
        }
        self.depth += 1;
        let result = self.visit_expr_inner(expr);
        self.depth = self.depth.saturating_sub(1);
        result
    }

    #[allow(clippy::too_many_lines)] // one arm per expression kind
    fn visit_expr_inner(&mut self, expr: &Expr) -> R {
        match expr {
            Expr::Name(name) => {
                let flag = if name.ctx == ast::ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(&name.id, flag, name.range)?;
                if name.ctx == ast::ExprContext::Load
                    && name.id.as_str() == "super"
                    && self.scope().kind.is_function()
                {
                    self.add_def("__class__", USE, name.range)?;
                }
            }
            Expr::Named(named) => self.visit_named(named)?,
            Expr::BoolOp(b) => self.visit_exprs(&b.values)?,
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand)?,
            Expr::Lambda(lambda) => {
                if let Some(params) = &lambda.parameters {
                    self.visit_defaults(params)?;
                }
                self.enter(ScopeKind::Lambda, lambda.range);
                if let Some(params) = &lambda.parameters {
                    self.visit_params(params)?;
                }
                self.visit_expr(&lambda.body)?;
                self.exit();
            }
            Expr::If(e) => {
                self.visit_expr(&e.test)?;
                self.visit_expr(&e.body)?;
                self.visit_expr(&e.orelse)?;
            }
            Expr::Dict(dict) => {
                for item in &dict.items {
                    self.visit_exprs(item.key.as_ref())?;
                    self.visit_expr(&item.value)?;
                }
            }
            Expr::Set(set) => self.visit_exprs(&set.elts)?,
            Expr::ListComp(c) => {
                self.visit_comprehension(expr.range(), CompKind::List, &c.generators, &c.elt, None)?
            }
            Expr::SetComp(c) => {
                self.visit_comprehension(expr.range(), CompKind::Set, &c.generators, &c.elt, None)?
            }
            Expr::DictComp(c) => match &c.key {
                Some(key) => self.visit_comprehension(
                    expr.range(),
                    CompKind::Dict,
                    &c.generators,
                    key,
                    Some(&c.value),
                )?,
                None => return self.unsupported("dict unpacking in a comprehension", c.range),
            },
            Expr::Generator(c) => {
                self.visit_comprehension(
                    expr.range(),
                    CompKind::Generator,
                    &c.generators,
                    &c.elt,
                    None,
                )?;
            }
            Expr::Await(a) => return self.unsupported("await expression", a.range),
            Expr::Yield(y) => {
                self.visit_exprs(y.value.as_deref())?;
                self.mark_yield(y.range)?;
            }
            Expr::YieldFrom(y) => {
                self.visit_expr(&y.value)?;
                self.mark_yield(y.range)?;
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(c.comparators.iter())?;
            }
            Expr::Call(call) => {
                self.visit_expr(&call.func)?;
                self.visit_exprs(call.arguments.args.iter())?;
                self.visit_exprs(call.arguments.keywords.iter().map(|k| &k.value))?;
            }
            Expr::FString(f) => {
                for element in f.value.elements() {
                    self.visit_fstring_element(element)?;
                }
            }
            Expr::TString(t) => return self.unsupported("template string", t.range),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(a) => self.visit_expr(&a.value)?,
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)?;
            }
            Expr::Starred(s) => self.visit_expr(&s.value)?,
            Expr::List(l) => self.visit_exprs(&l.elts)?,
            Expr::Tuple(t) => self.visit_exprs(&t.elts)?,
            Expr::Slice(s) => {
                self.visit_exprs(s.lower.as_deref())?;
                self.visit_exprs(s.upper.as_deref())?;
                self.visit_exprs(s.step.as_deref())?;
            }
            Expr::IpyEscapeCommand(c) => {
                return self.unsupported("IPython escape command", c.range)
            }
        }
        Ok(())
    }

    fn visit_fstring_element(&mut self, element: &ast::InterpolatedStringElement) -> R {
        if let ast::InterpolatedStringElement::Interpolation(i) = element {
            self.visit_expr(&i.expression)?;
            if let Some(spec) = &i.format_spec {
                for e in &spec.elements {
                    self.visit_fstring_element(e)?;
                }
            }
        }
        Ok(())
    }

    /// `yield` makes the scope a generator; inside a comprehension it is an error.
    fn mark_yield(&mut self, range: TextRange) -> R {
        let scope = self.scope();
        scope.is_generator = true;
        if let ScopeKind::Comprehension(kind) = scope.kind {
            let what = match kind {
                CompKind::List => "'yield' inside list comprehension",
                CompKind::Set => "'yield' inside set comprehension",
                CompKind::Dict => "'yield' inside dict comprehension",
                CompKind::Generator => "'yield' inside generator expression",
            };
            return Err(self.src.syntax(what, range));
        }
        Ok(())
    }

    /// `symtable_handle_comprehension`: the first iterable is evaluated outside.
    fn visit_comprehension(
        &mut self,
        range: TextRange,
        kind: CompKind,
        generators: &[ast::Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        if let Some(g) = generators.iter().find(|g| g.is_async) {
            return self.unsupported("async comprehension", g.range);
        }
        self.scope().comp_iter_expr += 1;
        let result = self.visit_expr(&first.iter);
        let scope = self.scope();
        scope.comp_iter_expr = scope.comp_iter_expr.saturating_sub(1);
        result?;
        self.enter(ScopeKind::Comprehension(kind), range);
        self.add_def(".0", DEF_PARAM, first.range)?;
        self.visit_comp_target(&first.target)?;
        self.visit_exprs(&first.ifs)?;
        for g in &generators[1..] {
            self.visit_comp_target(&g.target)?;
            self.scope().comp_iter_expr += 1;
            let result = self.visit_expr(&g.iter);
            let scope = self.scope();
            scope.comp_iter_expr = scope.comp_iter_expr.saturating_sub(1);
            result?;
            self.visit_exprs(&g.ifs)?;
        }
        if let Some(value) = value {
            self.visit_expr(value)?;
        }
        self.visit_expr(elt)?;
        if kind == CompKind::Generator {
            self.scope().is_generator = true;
        }
        self.exit();
        Ok(())
    }

    fn visit_comp_target(&mut self, target: &Expr) -> R {
        self.scope().comp_iter_target = true;
        let result = self.visit_expr(target);
        self.scope().comp_iter_target = false;
        result
    }

    /// `symtable_handle_namedexpr`.
    fn visit_named(&mut self, named: &ast::ExprNamed) -> R {
        if self.scope().comp_iter_expr > 0 {
            return Err(self.src.syntax(
                "assignment expression cannot be used in a comprehension iterable expression",
                named.range,
            ));
        }
        if matches!(self.scope().kind, ScopeKind::Comprehension(_)) {
            if let Expr::Name(target) = named.target.as_ref() {
                self.extend_named_scope(target)?;
            }
        }
        self.visit_expr(&named.value)?;
        self.visit_expr(&named.target)
    }

    /// `symtable_extend_namedexpr_scope`: a walrus in a comprehension binds in the
    /// nearest enclosing function (or module) scope.
    fn extend_named_scope(&mut self, target: &ast::ExprName) -> R {
        let name = target.id.as_str();
        let mangled = mangle(self.private.as_deref(), name).into_owned();
        for &id in self.stack.clone().iter().rev() {
            let scope = &self.table.scopes[id];
            match scope.kind {
                ScopeKind::Comprehension(_) => {
                    if scope.flags(&mangled) & DEF_COMP_ITER != 0 {
                        return Err(self.src.syntax(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            target.range,
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flag = if scope.flags(&mangled) & DEF_GLOBAL != 0 {
                        DEF_GLOBAL
                    } else {
                        DEF_NONLOCAL
                    };
                    self.add_def(name, flag, target.range)?;
                    self.record_directive(name, target.range);
                    return self.add_def_in(id, name, DEF_LOCAL, target.range);
                }
                ScopeKind::Module => {
                    self.add_def(name, DEF_GLOBAL, target.range)?;
                    self.record_directive(name, target.range);
                    return self.add_def_in(id, name, DEF_GLOBAL, target.range);
                }
                ScopeKind::Class => {
                    return Err(self.src.syntax(
                        "assignment expression within a comprehension cannot be used in a class body",
                        target.range,
                    ));
                }
            }
        }
        Ok(())
    }
}

type Names = BTreeSet<String>;

/// `analyze_block`: resolves the names of `id` and its children. `bound` is `None` at
/// module level.
fn analyze_block(
    table: &mut ScopeTable,
    id: ScopeId,
    bound: Option<&mut Names>,
    free: &mut Names,
    global: &Names,
    src: Src<'_>,
) -> R {
    let kind = table.scopes[id].kind;
    let mut global = global.clone();
    let mut bound_copy = bound.map(|b| b.clone());
    let mut local = Names::new();
    let mut resolved = HashMap::new();
    let mut newglobal = Names::new();
    let mut newbound = Names::new();
    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = &bound_copy {
            newbound.extend(b.iter().cloned());
        }
    }
    let symbols = table.scopes[id].symbols.clone();
    for (name, flags) in &symbols {
        let scope = analyze_name(
            &table.scopes[id],
            name,
            *flags,
            bound_copy.as_mut(),
            &mut local,
            free,
            &mut global,
            src,
        )?;
        resolved.insert(name.clone(), scope);
    }
    if kind == ScopeKind::Class {
        newbound.insert("__class__".to_string());
    } else {
        if kind.is_function() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound_copy {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    }
    let mut allfree = Names::new();
    for child in table.scopes[id].children.clone() {
        let mut child_bound = newbound.clone();
        let mut child_free = Names::new();
        analyze_block(
            table,
            child,
            Some(&mut child_bound),
            &mut child_free,
            &newglobal,
            src,
        )?;
        allfree.extend(child_free);
    }
    let mut newfree = allfree;
    if kind.is_function() {
        // analyze_cells: locals used by children become cells.
        for (name, scope) in &mut resolved {
            if *scope == Resolution::Local && newfree.remove(name) {
                *scope = Resolution::Cell;
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        table.scopes[id].needs_class_closure = true;
    }
    // update_symbols: free names of children pass through this scope.
    let entry = &mut table.scopes[id];
    for name in &newfree {
        let flags = entry.flags(name);
        if entry.index.contains_key(name) {
            if kind == ScopeKind::Class && flags & (DEF_BOUND | DEF_GLOBAL) != 0 {
                entry.set_flags(name, flags | DEF_FREE_CLASS);
            }
            continue;
        }
        if bound_copy.as_ref().is_some_and(|b| !b.contains(name)) {
            continue; // a global
        }
        entry.set_flags(name, 0);
        resolved.insert(name.clone(), Resolution::Free);
    }
    let mut cellvars: Vec<String> = resolved
        .iter()
        .filter(|(_, s)| **s == Resolution::Cell)
        .map(|(n, _)| n.clone())
        .collect();
    cellvars.sort();
    if entry.needs_class_closure {
        cellvars.insert(0, "__class__".to_string());
    }
    let mut freevars: Vec<String> = entry
        .symbols
        .iter()
        .filter(|(n, f)| resolved.get(n) == Some(&Resolution::Free) || f & DEF_FREE_CLASS != 0)
        .map(|(n, _)| n.clone())
        .collect();
    freevars.sort();
    entry.resolved = resolved;
    entry.cellvars = cellvars;
    entry.freevars = freevars;
    free.extend(newfree);
    Ok(())
}

/// `analyze_name`: the scope of one name.
#[allow(clippy::too_many_arguments)]
fn analyze_name(
    scope: &Scope,
    name: &str,
    flags: u32,
    bound: Option<&mut Names>,
    local: &mut Names,
    free: &mut Names,
    global: &mut Names,
    src: Src<'_>,
) -> Result<Resolution, Box<SyntaxError>> {
    let at_directive = |msg: String| {
        let range = scope.directives.get(name).copied().unwrap_or_default();
        src.syntax(msg, range)
    };
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(at_directive(format!(
                "name '{name}' is nonlocal and global"
            )));
        }
        global.insert(name.to_string());
        if let Some(b) = bound {
            b.remove(name);
        }
        return Ok(Resolution::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(b) = bound else {
            return Err(at_directive(
                "nonlocal declaration not allowed at module level".to_string(),
            ));
        };
        if !b.contains(name) {
            return Err(at_directive(format!(
                "no binding for nonlocal '{name}' found"
            )));
        }
        free.insert(name.to_string());
        return Ok(Resolution::Free);
    }
    if flags & DEF_BOUND != 0 {
        local.insert(name.to_string());
        global.remove(name);
        return Ok(Resolution::Local);
    }
    if bound.is_some_and(|b| b.contains(name)) {
        free.insert(name.to_string());
        return Ok(Resolution::Free);
    }
    Ok(Resolution::GlobalImplicit)
}
