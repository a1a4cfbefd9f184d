//! Lowering of statements and assignment targets.
//!
//! Evaluation order follows CPython 3.11's code generator: an assignment evaluates its
//! value before its targets; a `def` evaluates decorators, then defaults, then makes the
//! function; a `class` evaluates decorators, makes the body function, then evaluates
//! bases and keywords. `a, b = x, y` with at most three names on each side becomes a
//! [`StmtKind::ParallelAssign`], since 3.11's optimizer replaces that tuple with `SWAP`s.

use ruff_python_ast::{self as ast, Expr as AstExpr, Stmt as AstStmt};
use ruff_text_size::{Ranged, TextRange};

use super::super::consts::Value;
use super::super::ir::{
    ClassDef, CodeKind, ConstId, Expr, ExprKind, Handler, Stmt, StmtKind, Target, TargetKind,
    WithItem,
};
use super::super::scope::{Resolution, ScopeKind};
use super::{Lowerer, Val, R};

impl Lowerer<'_, '_> {
    /// Lowers a statement list.
    pub(super) fn block(&mut self, body: &[AstStmt]) -> R<Vec<Stmt>> {
        let mut out = Vec::with_capacity(body.len());
        for stmt in body {
            // A decorated `def`/`class` is at its keyword's line, as in CPython's AST.
            let loc = match stmt {
                AstStmt::FunctionDef(d) => {
                    self.keyword_loc(d.range, d.name.range.start().into(), "def")
                }
                AstStmt::ClassDef(c) => {
                    self.keyword_loc(c.range, c.name.range.start().into(), "class")
                }
                _ => self.loc(stmt.range()),
            };
            let kind = self.stmt(stmt)?;
            out.push(Stmt { kind, loc });
        }
        Ok(out)
    }

    fn boxed_block(&mut self, body: &[AstStmt]) -> R<Box<[Stmt]>> {
        Ok(self.block(body)?.into_boxed_slice())
    }

    /// A loop body: `break`/`continue` are allowed inside.
    fn loop_block(&mut self, body: &[AstStmt]) -> R<Box<[Stmt]>> {
        self.top_mut().loops += 1;
        let result = self.boxed_block(body);
        self.top_mut().loops = self.top().loops.saturating_sub(1);
        result
    }

    #[allow(clippy::too_many_lines)] // one arm per statement kind
    fn stmt(&mut self, stmt: &AstStmt) -> R<StmtKind> {
        Ok(match stmt {
            AstStmt::Expr(e) => {
                let val = self.value(&e.value)?;
                let echo = self.mode == super::Mode::Repl && self.kind() == CodeKind::Module;
                match val {
                    Val::Const(..) if !echo => StmtKind::Pass,
                    val => {
                        let expr = self.materialize(val);
                        if echo {
                            StmtKind::Echo(expr)
                        } else {
                            StmtKind::Expr(expr)
                        }
                    }
                }
            }
            AstStmt::Assign(assign) => self.assign(assign)?,
            AstStmt::AugAssign(aug) => {
                let target = self.target(&aug.target)?;
                let value = self.expr(&aug.value)?;
                StmtKind::AugAssign {
                    target,
                    op: super::expr::binop(aug.op),
                    value,
                }
            }
            AstStmt::AnnAssign(ann) => match &ann.value {
                Some(value) => {
                    let value = self.expr(value)?;
                    let target = self.target(&ann.target)?;
                    StmtKind::Assign {
                        targets: Box::new([target]),
                        value,
                    }
                }
                None => StmtKind::Pass,
            },
            AstStmt::Delete(del) => {
                let mut targets = Vec::new();
                for t in &del.targets {
                    self.del_target(t, &mut targets)?;
                }
                StmtKind::Delete(targets.into())
            }
            AstStmt::Pass(_) | AstStmt::Global(_) | AstStmt::Nonlocal(_) => StmtKind::Pass,
            AstStmt::If(if_) => self.if_stmt(if_)?,
            AstStmt::While(w) => {
                let test = self.expr(&w.test)?;
                let body = self.loop_block(&w.body)?;
                let orelse = self.boxed_block(&w.orelse)?;
                StmtKind::While { test, body, orelse }
            }
            AstStmt::For(f) => {
                let iter = self.iter_expr(&f.iter)?;
                let target = self.target(&f.target)?;
                let body = self.loop_block(&f.body)?;
                let orelse = self.boxed_block(&f.orelse)?;
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                }
            }
            AstStmt::Break(b) => {
                if self.top().loops == 0 {
                    return Err(self.src.syntax("'break' outside loop", b.range));
                }
                StmtKind::Break
            }
            AstStmt::Continue(c) => {
                if self.top().loops == 0 {
                    return Err(self.src.syntax("'continue' not properly in loop", c.range));
                }
                StmtKind::Continue
            }
            AstStmt::Return(ret) => {
                if matches!(self.kind(), CodeKind::Module | CodeKind::Class) {
                    return Err(self.src.syntax("'return' outside function", ret.range));
                }
                match &ret.value {
                    Some(v) => StmtKind::Return(Some(self.expr(v)?)),
                    None => {
                        let none = self.pool.none();
                        self.note_const(none);
                        StmtKind::Return(None)
                    }
                }
            }
            AstStmt::FunctionDef(def) => self.function_def(def)?,
            AstStmt::ClassDef(class) => self.class_def(class)?,
            AstStmt::Try(t) => self.try_stmt(t)?,
            AstStmt::Raise(raise) => StmtKind::Raise {
                exc: raise.exc.as_deref().map(|e| self.expr(e)).transpose()?,
                cause: raise.cause.as_deref().map(|e| self.expr(e)).transpose()?,
            },
            AstStmt::With(with) => {
                let mut items = Vec::with_capacity(with.items.len());
                for item in &with.items {
                    let context = self.expr(&item.context_expr)?;
                    let target = item
                        .optional_vars
                        .as_deref()
                        .map(|t| self.target(t))
                        .transpose()?;
                    items.push(WithItem { context, target });
                }
                let none = self.pool.none();
                self.note_const(none);
                StmtKind::With {
                    items: items.into(),
                    body: self.boxed_block(&with.body)?,
                }
            }
            AstStmt::Import(import) => self.import(import)?,
            AstStmt::ImportFrom(import) => self.import_from(import)?,
            AstStmt::Assert(assert) => StmtKind::Assert {
                test: self.expr(&assert.test)?,
                msg: assert.msg.as_deref().map(|e| self.expr(e)).transpose()?,
            },
            AstStmt::Match(m) => return Err(self.src.unsupported("match statement", m.range)),
            AstStmt::TypeAlias(t) => return Err(self.src.unsupported("type alias", t.range)),
            AstStmt::IpyEscapeCommand(c) => {
                return Err(self.src.unsupported("IPython escape command", c.range))
            }
        })
    }

    /// `t1 = t2 = value`, or the tuple-free `a, b = x, y`.
    fn assign(&mut self, assign: &ast::StmtAssign) -> R<StmtKind> {
        let left = match assign.targets.as_slice() {
            [AstExpr::Tuple(t)] => Some(&t.elts),
            [AstExpr::List(l)] => Some(&l.elts),
            _ => None,
        };
        if let (Some(left), AstExpr::Tuple(right)) = (left, assign.value.as_ref()) {
            let right = &right.elts;
            let starred = |elts: &[AstExpr]| elts.iter().any(AstExpr::is_starred_expr);
            if left.len() == right.len()
                && (1..=3).contains(&left.len())
                && !starred(left)
                && !starred(right)
            {
                let mut vals = Vec::with_capacity(right.len());
                for e in right {
                    vals.push(self.value(e)?);
                }
                // A constant tuple is loaded as one constant and unpacked: no swap.
                if !vals.iter().all(|v| v.as_const().is_some()) {
                    let values: Box<[Expr]> =
                        vals.into_iter().map(|v| self.materialize(v)).collect();
                    let mut targets = Vec::with_capacity(left.len());
                    for t in left {
                        targets.push(self.target(t)?);
                    }
                    return Ok(StmtKind::ParallelAssign {
                        targets: targets.into(),
                        values,
                    });
                }
                let consts: Vec<Value> = vals
                    .into_iter()
                    .filter_map(|v| match v {
                        Val::Const(c, _) => Some(c),
                        Val::Expr(_) => None,
                    })
                    .collect();
                let value = self.materialize(Val::Const(
                    Value::Tuple(consts),
                    self.loc(assign.value.range()),
                ));
                let target = self.target(&assign.targets[0])?;
                return Ok(StmtKind::Assign {
                    targets: Box::new([target]),
                    value,
                });
            }
        }
        let value = self.expr(&assign.value)?;
        let mut targets = Vec::with_capacity(assign.targets.len());
        for t in &assign.targets {
            targets.push(self.target(t)?);
        }
        Ok(StmtKind::Assign {
            targets: targets.into(),
            value,
        })
    }

    /// An assignment target (`for`, `with ... as` and comprehension targets too).
    pub(super) fn target(&mut self, e: &AstExpr) -> R<Target> {
        let loc = self.loc(e.range());
        let kind = match e {
            AstExpr::Name(n) => TargetKind::Var(self.var(&n.id, false, n.range)?),
            AstExpr::Attribute(a) => {
                let value = self.expr(&a.value)?;
                let name = self.mangled(&a.attr);
                TargetKind::Attr {
                    value,
                    name: self.name(&name),
                }
            }
            AstExpr::Subscript(s) => {
                let value = self.expr(&s.value)?;
                let index = self.expr(&s.slice)?;
                TargetKind::Subscript { value, index }
            }
            AstExpr::Tuple(ast::ExprTuple { elts, .. })
            | AstExpr::List(ast::ExprList { elts, .. }) => {
                let stars = elts.iter().filter(|e| e.is_starred_expr()).count();
                if stars > 1 {
                    return Err(self
                        .src
                        .syntax("multiple starred expressions in assignment", e.range()));
                }
                let mut targets = Vec::with_capacity(elts.len());
                let mut star = None;
                for (i, elt) in elts.iter().enumerate() {
                    match elt {
                        AstExpr::Starred(s) => {
                            star = Some(super::super::ir::to_u32(i));
                            let mut inner = self.target(&s.value)?;
                            inner.loc = self.loc(s.range);
                            targets.push(inner);
                        }
                        _ => targets.push(self.target(elt)?),
                    }
                }
                TargetKind::Unpack {
                    targets: targets.into(),
                    star,
                }
            }
            AstExpr::Starred(s) => {
                return Err(self.src.syntax(
                    "starred assignment target must be in a list or tuple",
                    s.range,
                ));
            }
            _ => return Err(self.internal("invalid assignment target", e.range())),
        };
        Ok(Target { kind, loc })
    }

    /// A `del` target; tuples and lists are flattened.
    fn del_target(&mut self, e: &AstExpr, out: &mut Vec<Target>) -> R<()> {
        match e {
            AstExpr::Tuple(ast::ExprTuple { elts, .. })
            | AstExpr::List(ast::ExprList { elts, .. }) => {
                for elt in elts {
                    self.del_target(elt, out)?;
                }
                Ok(())
            }
            AstExpr::Name(_) | AstExpr::Attribute(_) | AstExpr::Subscript(_) => {
                out.push(self.target(e)?);
                Ok(())
            }
            _ => Err(self.src.syntax("cannot delete expression", e.range())),
        }
    }

    /// `if`/`elif`/`else` as nested `If`s.
    fn if_stmt(&mut self, if_: &ast::StmtIf) -> R<StmtKind> {
        let test = self.expr(&if_.test)?;
        let body = self.boxed_block(&if_.body)?;
        let mut clauses = Vec::with_capacity(if_.elif_else_clauses.len());
        for clause in &if_.elif_else_clauses {
            let test = clause.test.as_ref().map(|t| self.expr(t)).transpose()?;
            let body = self.boxed_block(&clause.body)?;
            clauses.push((test, body, self.loc(clause.range)));
        }
        let mut orelse: Box<[Stmt]> = Box::new([]);
        for (test, body, loc) in clauses.into_iter().rev() {
            orelse = match test {
                None => body,
                Some(test) => Box::new([Stmt {
                    kind: StmtKind::If { test, body, orelse },
                    loc,
                }]),
            };
        }
        Ok(StmtKind::If { test, body, orelse })
    }

    fn try_stmt(&mut self, t: &ast::StmtTry) -> R<StmtKind> {
        let body = self.boxed_block(&t.body)?;
        let mut handlers = Vec::with_capacity(t.handlers.len());
        for (i, handler) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            if h.type_.is_none() && i + 1 < t.handlers.len() {
                return Err(self.src.syntax("default 'except:' must be last", h.range));
            }
            let typ = h.type_.as_deref().map(|e| self.expr(e)).transpose()?;
            let name = match &h.name {
                Some(n) => {
                    let none = self.pool.none();
                    self.note_const(none);
                    Some(self.var(n, false, n.range)?)
                }
                None => None,
            };
            let body = self.boxed_block(&h.body)?;
            handlers.push(Handler {
                typ,
                name,
                body,
                loc: self.loc(h.range),
            });
        }
        let orelse = self.boxed_block(&t.orelse)?;
        let finalbody = self.boxed_block(&t.finalbody)?;
        Ok(StmtKind::Try {
            body,
            handlers: handlers.into(),
            orelse,
            finalbody,
        })
    }

    fn import(&mut self, import: &ast::StmtImport) -> R<StmtKind> {
        let mut stmts = Vec::with_capacity(import.names.len());
        for alias in &import.names {
            self.constant(&Value::Int(0.into()));
            let none = self.pool.none();
            self.note_const(none);
            let full = alias.name.id.as_str();
            let module = self.name(full);
            let (bound, bind_top) = match &alias.asname {
                Some(asname) => (asname.id.as_str(), false),
                None => (full.split('.').next().unwrap_or(full), full.contains('.')),
            };
            let target = self.var(bound, false, alias.range)?;
            stmts.push(Stmt {
                kind: StmtKind::Import {
                    module,
                    target,
                    bind_top,
                },
                loc: self.loc(alias.range),
            });
        }
        Ok(single_or_block(stmts))
    }

    fn import_from(&mut self, import: &ast::StmtImportFrom) -> R<StmtKind> {
        self.constant(&Value::Int(import.level.into()));
        let fromlist = self.constant(&Value::Tuple(
            import
                .names
                .iter()
                .map(|a| Value::Str(a.name.id.to_string()))
                .collect(),
        ));
        let module = import.module.as_ref().map(|m| self.name(m));
        let mut names = Vec::with_capacity(import.names.len());
        for alias in &import.names {
            let name = self.name(&alias.name);
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            names.push((name, self.var(bound, false, alias.range)?));
        }
        Ok(StmtKind::ImportFrom {
            module,
            level: import.level,
            names: names.into(),
            fromlist,
        })
    }

    /// Whether `name` is declared `global` in the current scope (which makes a nested
    /// function's or class's qualname its bare name).
    fn declared_global(&self, name: &str) -> bool {
        let mangled = self.mangled(name);
        self.scopes.get(self.top().scope).resolve(&mangled) == Some(Resolution::GlobalExplicit)
            && self.kind() != CodeKind::Module
    }

    /// The span from the `def`/`class` keyword to the end of the statement.
    fn keyword_loc(
        &self,
        stmt_range: TextRange,
        name_start: u32,
        keyword: &str,
    ) -> super::super::ir::Loc {
        let start = self
            .src
            .text
            .get(..name_start as usize)
            .and_then(|s| s.rfind(keyword))
            .map_or(stmt_range.start().into(), super::super::ir::to_u32);
        let mut loc = self.loc(stmt_range);
        loc.start = loc.start.max(start);
        loc.line = self.src.lines.line_of(loc.start);
        loc
    }

    fn function_def(&mut self, def: &ast::StmtFunctionDef) -> R<StmtKind> {
        let decorators = self.decorators(&def.decorator_list)?;
        let (defaults, kwdefaults) = self.defaults(&def.parameters)?;
        let scope = self.child_scope(def.range, ScopeKind::Function)?;
        let qualname = self.child_qualname(&def.name, self.declared_global(&def.name));
        let first_line = def.decorator_list.first().map_or_else(
            || {
                self.keyword_loc(def.range, def.name.range.start().into(), "def")
                    .line
            },
            |d| self.loc(d.expression.range()).line,
        );
        let private = self.top().private.clone();
        let id = self.begin_code(scope, CodeKind::Function, private, qualname);
        let params = self.bind_params(Some(&def.parameters));
        let (docstring, rest) = match self.docstring(&def.body) {
            Some((doc, _, rest)) => (Some(self.parsed_constant(&doc)), rest),
            None => {
                let none = self.pool.none();
                self.note_const(none);
                (None, def.body.as_slice())
            }
        };
        let body = self.block(rest)?;
        self.implicit_return(&body);
        self.end_code(id, &def.name, params, body, first_line, docstring);
        let func = self.make_function(id, scope, defaults, kwdefaults, def.range)?;
        let target = self.var(&def.name, false, def.name.range)?;
        Ok(StmtKind::FunctionDef {
            decorators,
            func: Box::new(func),
            target,
        })
    }

    fn decorators(&mut self, list: &[ast::Decorator]) -> R<Box<[Expr]>> {
        list.iter().map(|d| self.expr(&d.expression)).collect()
    }

    fn class_def(&mut self, class: &ast::StmtClassDef) -> R<StmtKind> {
        let decorators = self.decorators(&class.decorator_list)?;
        let scope = self.child_scope(class.range, ScopeKind::Class)?;
        let qualname = self.child_qualname(&class.name, self.declared_global(&class.name));
        let first_line = class.decorator_list.first().map_or_else(
            || {
                self.keyword_loc(class.range, class.name.range.start().into(), "class")
                    .line
            },
            |d| self.loc(d.expression.range()).line,
        );
        for special in ["__name__", "__module__", "__qualname__"] {
            self.name(special);
        }
        let id = self.begin_code(
            scope,
            CodeKind::Class,
            Some(class.name.id.to_string()),
            qualname.clone(),
        );
        self.constant(&Value::Str(qualname));
        let mut body = Vec::new();
        let mut docstring = None;
        let mut rest = class.body.as_slice();
        if let Some((doc, loc, tail)) = self.docstring(&class.body) {
            let doc = self.parsed_constant(&doc);
            docstring = Some(doc);
            let target = self.name("__doc__");
            body.push(Stmt {
                kind: super::store_doc(doc, target, loc),
                loc,
            });
            rest = tail;
        }
        body.extend(self.block(rest)?);
        if self.scopes.get(scope).needs_class_closure {
            self.name("__classcell__");
        } else {
            let none = self.pool.none();
            self.note_const(none);
        }
        self.end_code(
            id,
            &class.name,
            super::super::ir::Params::default(),
            body,
            first_line,
            docstring,
        );
        let closure = self.closure(scope, class.range)?;
        let name = self.constant(&Value::Str(class.name.id.to_string()));
        let (bases, keywords) = match &class.arguments {
            Some(args) => (self.call_args(&args.args)?, self.keywords(&args.keywords)?),
            None => (Box::default(), Box::default()),
        };
        let target = self.var(&class.name, false, class.name.range)?;
        Ok(StmtKind::ClassDef(Box::new(ClassDef {
            decorators,
            code: id,
            name,
            closure,
            bases,
            keywords,
            target,
        })))
    }

    /// The `__defaults__` tuple and `__kwdefaults__` dict of a function or lambda,
    /// evaluated in the enclosing scope (`compiler_default_arguments`).
    pub(super) fn defaults(&mut self, params: &ast::Parameters) -> R<(Option<Expr>, Option<Expr>)> {
        let positional: Vec<&AstExpr> = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_deref())
            .collect();
        let defaults = if positional.is_empty() {
            None
        } else {
            let mut vals = Vec::with_capacity(positional.len());
            for e in &positional {
                vals.push(self.value(e)?);
            }
            let loc = vals.first().map(Val::loc).unwrap_or_default();
            Some(self.tuple_of(vals, loc))
        };
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for p in &params.kwonlyargs {
            if let Some(default) = &p.default {
                keys.push(Value::Str(self.mangled(&p.parameter.name)));
                values.push(self.expr(default)?);
            }
        }
        let kwdefaults = if keys.is_empty() {
            None
        } else {
            let loc = values.first().map(|v| v.loc).unwrap_or_default();
            let keys: ConstId = self.constant(&Value::Tuple(keys));
            let part = super::super::ir::DictPart::ConstKeys {
                keys,
                values: values.into(),
            };
            Some(Expr {
                kind: ExprKind::Dict(Box::new([part])),
                loc,
            })
        };
        Ok((defaults, kwdefaults))
    }

    /// `BUILD_TUPLE n` of values, folded to a constant when all are constants (3.11's
    /// `fold_tuple_on_constants`).
    fn tuple_of(&mut self, vals: Vec<Val>, loc: super::super::ir::Loc) -> Expr {
        if vals.iter().all(|v| v.as_const().is_some()) {
            let items = vals
                .into_iter()
                .filter_map(|v| v.as_const().cloned())
                .collect();
            return self.materialize(Val::Const(Value::Tuple(items), loc));
        }
        let items: Box<[Expr]> = vals.into_iter().map(|v| self.materialize(v)).collect();
        Expr {
            kind: ExprKind::Tuple {
                items,
                build: super::super::ir::Build::Exact,
            },
            loc,
        }
    }
}

/// One statement kind, or a [`StmtKind::Block`] of several (`import a, b`).
fn single_or_block(mut stmts: Vec<Stmt>) -> StmtKind {
    if stmts.len() == 1 {
        if let Some(stmt) = stmts.pop() {
            return stmt.kind;
        }
    }
    StmtKind::Block(stmts.into())
}
