//! Lowering of the constructs whose CPython 3.11 bytecode shape decides memory:
//! displays (`starunpack_helper`, `compiler_dict`), calls (`maybe_optimize_method_call`,
//! `compiler_call_helper`), comprehensions, lambdas and f-strings.

use std::collections::HashSet;

use ruff_python_ast::{self as ast, Expr as AstExpr};
use ruff_text_size::{Ranged, TextRange};

use super::super::consts::Value;
use super::super::ir::{
    Build, Call, CallMethod, CodeKind, CompKind, Conversion, DictPart, Expr, ExprKind, FPart,
    Keyword, Params, Stmt, StmtKind, Var,
};
use super::super::scope::ScopeKind;
use super::{Lowerer, Val, R, STACK_USE_GUIDELINE};

/// One piece of an f-string while its literal runs are being joined.
enum Piece {
    Lit(String),
    Value {
        value: Expr,
        conversion: Conversion,
        spec: Option<Box<Expr>>,
    },
}

impl Lowerer<'_, '_> {
    /// Items of a display; `*x` items become [`ExprKind::Star`]. Also says whether one
    /// was starred.
    fn items(&mut self, elts: &[AstExpr]) -> R<(Vec<Val>, bool)> {
        let mut vals = Vec::with_capacity(elts.len());
        let mut starred = false;
        for elt in elts {
            if let AstExpr::Starred(s) = elt {
                starred = true;
                let value = Box::new(self.expr(&s.value)?);
                vals.push(Val::Expr(Expr {
                    kind: ExprKind::Star(value),
                    loc: self.loc(s.range),
                }));
            } else {
                vals.push(self.value(elt)?);
            }
        }
        Ok((vals, starred))
    }

    fn materialize_all(&mut self, vals: Vec<Val>) -> Box<[Expr]> {
        vals.into_iter().map(|v| self.materialize(v)).collect()
    }

    fn build(starred: bool, n: usize) -> Build {
        if starred || n > STACK_USE_GUIDELINE {
            Build::Incremental
        } else {
            Build::Exact
        }
    }

    /// A tuple display: a constant when all items are constants (`fold_tuple`).
    pub(super) fn tuple_display(&mut self, elts: &[AstExpr], range: TextRange) -> R<Val> {
        let (vals, starred) = self.items(elts)?;
        if let Some(items) = all_const(&vals) {
            return Ok(Val::Const(Value::Tuple(items), self.loc(range)));
        }
        let build = Self::build(starred, vals.len());
        let items = self.materialize_all(vals);
        Ok(Val::Expr(Expr {
            kind: ExprKind::Tuple { items, build },
            loc: self.loc(range),
        }))
    }

    /// A list display: `[c1, c2, c3, ...]` of three or more constants extends an empty
    /// list with a constant tuple.
    pub(super) fn list_display(&mut self, elts: &[AstExpr], range: TextRange) -> R<Val> {
        let (vals, starred) = self.items(elts)?;
        let loc = self.loc(range);
        if vals.len() > 2 {
            if let Some(items) = all_const(&vals) {
                let id = self.built_constant(&Value::Tuple(items));
                return Ok(Val::Expr(Expr {
                    kind: ExprKind::ListConst(id),
                    loc,
                }));
            }
        }
        let build = Self::build(starred, vals.len());
        let items = self.materialize_all(vals);
        Ok(Val::Expr(Expr {
            kind: ExprKind::List { items, build },
            loc,
        }))
    }

    /// A set display: three or more constants update an empty set from a frozenset.
    pub(super) fn set_display(&mut self, elts: &[AstExpr], range: TextRange) -> R<Val> {
        let (vals, starred) = self.items(elts)?;
        let loc = self.loc(range);
        if vals.len() > 2 {
            if let Some(items) = all_const(&vals) {
                let id = self.built_constant(&Value::frozenset(items));
                return Ok(Val::Expr(Expr {
                    kind: ExprKind::SetConst(id),
                    loc,
                }));
            }
        }
        let build = Self::build(starred, vals.len());
        let items = self.materialize_all(vals);
        Ok(Val::Expr(Expr {
            kind: ExprKind::Set { items, build },
            loc,
        }))
    }

    /// An iterable position (`for` loops, comprehensions, the right of `in`): 3.11's
    /// `fold_iter` turns a list display into a tuple, and a display of constants into a
    /// constant tuple or frozenset.
    pub(super) fn iter_expr(&mut self, e: &AstExpr) -> R<Expr> {
        let val = match e {
            AstExpr::List(l) if !l.elts.iter().any(AstExpr::is_starred_expr) => {
                self.tuple_display(&l.elts, l.range)?
            }
            AstExpr::Set(s) => {
                let (vals, starred) = self.items(&s.elts)?;
                let loc = self.loc(s.range);
                match all_const(&vals) {
                    Some(items) => Val::Const(Value::frozenset(items), loc),
                    None => {
                        let build = Self::build(starred, vals.len());
                        let items = self.materialize_all(vals);
                        Val::Expr(Expr {
                            kind: ExprKind::Set { items, build },
                            loc,
                        })
                    }
                }
            }
            _ => self.value(e)?,
        };
        Ok(self.materialize(val))
    }

    /// A dict display, chunked like `compiler_dict`.
    pub(super) fn dict_display(&mut self, dict: &ast::ExprDict, range: TextRange) -> R<Val> {
        let mut parts = Vec::new();
        let mut pending: Vec<(Val, Val)> = Vec::new();
        for item in &dict.items {
            match &item.key {
                None => {
                    if !pending.is_empty() {
                        let chunk = std::mem::take(&mut pending);
                        parts.push(self.subdict(chunk));
                    }
                    parts.push(DictPart::Unpack(self.expr(&item.value)?));
                }
                Some(key) => {
                    let key = self.value(key)?;
                    let value = self.value(&item.value)?;
                    let flush = pending.len() * 2 > STACK_USE_GUIDELINE;
                    pending.push((key, value));
                    if flush {
                        let chunk = std::mem::take(&mut pending);
                        parts.push(self.subdict(chunk));
                    }
                }
            }
        }
        if !pending.is_empty() {
            parts.push(self.subdict(pending));
        }
        Ok(Val::Expr(Expr {
            kind: ExprKind::Dict(parts.into()),
            loc: self.loc(range),
        }))
    }

    /// `compiler_subdict`: constant keys (two or more) make `BUILD_CONST_KEY_MAP`.
    fn subdict(&mut self, pairs: Vec<(Val, Val)>) -> DictPart {
        let n = pairs.len();
        let keys: Option<Vec<Value>> = pairs.iter().map(|(k, _)| k.as_const().cloned()).collect();
        if let (true, Some(keys)) = (n > 1, keys) {
            let values: Box<[Expr]> = pairs
                .into_iter()
                .map(|(_, v)| self.materialize(v))
                .collect();
            let keys = self.built_constant(&Value::Tuple(keys));
            return DictPart::ConstKeys { keys, values };
        }
        let incremental = n * 2 > STACK_USE_GUIDELINE;
        let pairs = pairs
            .into_iter()
            .map(|(k, v)| (self.materialize(k), self.materialize(v)))
            .collect();
        DictPart::Pairs { pairs, incremental }
    }

    /// Positional arguments (or class bases); `*x` becomes [`ExprKind::Star`].
    pub(super) fn call_args(&mut self, args: &[AstExpr]) -> R<Box<[Expr]>> {
        let (vals, _) = self.items(args)?;
        Ok(self.materialize_all(vals))
    }

    /// Keyword arguments, checking for repeats (`validate_keywords`).
    pub(super) fn keywords(&mut self, keywords: &[ast::Keyword]) -> R<Box<[Keyword]>> {
        let mut seen = HashSet::new();
        let mut out = Vec::with_capacity(keywords.len());
        for k in keywords {
            let name = match &k.arg {
                Some(arg) => {
                    if !seen.insert(arg.id.as_str()) {
                        return Err(self
                            .src
                            .syntax(format!("keyword argument repeated: {}", arg.id), k.range));
                    }
                    Some(self.name(arg))
                }
                None => None,
            };
            out.push(Keyword {
                name,
                value: self.expr(&k.value)?,
            });
        }
        Ok(out.into())
    }

    /// The `KW_NAMES` constant tuple of a call's keyword names.
    fn kwnames(&mut self, keywords: &[ast::Keyword]) -> Option<super::super::ir::ConstId> {
        if keywords.is_empty() {
            return None;
        }
        let names = keywords
            .iter()
            .filter_map(|k| k.arg.as_ref())
            .map(|a| Value::Str(a.id.to_string()))
            .collect();
        Some(self.constant(&Value::Tuple(names)))
    }

    /// A call: a method call when `maybe_optimize_method_call` would take it.
    pub(super) fn call(&mut self, call: &ast::ExprCall) -> R<Val> {
        let range = call.range();
        let (args, kws) = (&call.arguments.args, &call.arguments.keywords);
        let starred = args.iter().any(AstExpr::is_starred_expr);
        let double_starred = kws.iter().any(|k| k.arg.is_none());
        if let AstExpr::Attribute(attr) = call.func.as_ref() {
            let count = args.len() + kws.len() + usize::from(!kws.is_empty());
            if !starred && !double_starred && count < STACK_USE_GUIDELINE {
                let obj = self.expr(&attr.value)?;
                let name = self.mangled(&attr.attr);
                let name = self.name(&name);
                let args = self.call_args(args)?;
                let keywords = self.keywords(kws)?;
                let kwnames = self.kwnames(kws);
                let call = CallMethod {
                    obj,
                    name,
                    args,
                    keywords,
                    kwnames,
                };
                return Ok(Val::Expr(Expr {
                    kind: ExprKind::CallMethod(Box::new(call)),
                    loc: self.loc(range),
                }));
            }
        }
        let func = self.expr(&call.func)?;
        let positional = self.call_args(args)?;
        let keywords = self.keywords(kws)?;
        let simple =
            !starred && !double_starred && args.len() + kws.len() * 2 <= STACK_USE_GUIDELINE;
        let kwnames = if simple { self.kwnames(kws) } else { None };
        let call = Call {
            func,
            args: positional,
            keywords,
            kwnames,
        };
        Ok(Val::Expr(Expr {
            kind: ExprKind::Call(Box::new(call)),
            loc: self.loc(range),
        }))
    }

    /// A `lambda`: its defaults are evaluated here, its body in a new code object.
    pub(super) fn lambda(&mut self, lambda: &ast::ExprLambda) -> R<Val> {
        let (defaults, kwdefaults) = match &lambda.parameters {
            Some(p) => self.defaults(p)?,
            None => (None, None),
        };
        let scope = self.child_scope(lambda.range, ScopeKind::Lambda)?;
        let qualname = self.child_qualname("<lambda>", false);
        let private = self.top().private.clone();
        let loc = self.loc(lambda.range);
        let id = self.begin_code(scope, CodeKind::Lambda, private, qualname);
        let params = self.bind_params(lambda.parameters.as_deref());
        let none = self.pool.none();
        self.note_const(none);
        let body = self.expr(&lambda.body)?;
        let body_loc = body.loc;
        let stmt = if self.scopes.get(scope).is_generator {
            StmtKind::Expr(body)
        } else {
            StmtKind::Return(Some(body))
        };
        self.end_code(
            id,
            "<lambda>",
            params,
            vec![Stmt {
                kind: stmt,
                loc: body_loc,
            }],
            loc.line,
            None,
        );
        let func = self.make_function(id, scope, defaults, kwdefaults, lambda.range)?;
        Ok(Val::Expr(Expr {
            kind: ExprKind::Lambda(Box::new(func)),
            loc,
        }))
    }

    /// A comprehension: the first iterable here, the loops in a new code object.
    pub(super) fn comprehension(
        &mut self,
        range: TextRange,
        kind: CompKind,
        generators: &[ast::Comprehension],
        elt: &AstExpr,
        value: Option<&AstExpr>,
    ) -> R<Val> {
        let Some(first) = generators.first() else {
            return Err(self.internal("comprehension without a for clause", range));
        };
        let scope = self.child_scope(range, ScopeKind::Comprehension(kind))?;
        let iter = Box::new(self.iter_expr(&first.iter)?);
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        };
        let qualname = self.child_qualname(name, false);
        let private = self.top().private.clone();
        let loc = self.loc(range);
        let id = self.begin_code(scope, CodeKind::Comprehension(kind), private, qualname);
        let arg = self.slot(".0");
        let body = self.comp_loop(generators, 0, kind, elt, value, arg)?;
        if kind == CompKind::Generator {
            let none = self.pool.none();
            self.note_const(none);
        }
        let params = Params {
            positional: 1,
            ..Params::default()
        };
        self.end_code(id, name, params, body, loc.line, None);
        let func = Box::new(self.make_function(id, scope, None, None, range)?);
        Ok(Val::Expr(Expr {
            kind: ExprKind::Comprehension { func, iter },
            loc,
        }))
    }

    /// One `for` clause (and its `if`s) of a comprehension, wrapping the next one.
    #[allow(clippy::too_many_arguments)]
    fn comp_loop(
        &mut self,
        generators: &[ast::Comprehension],
        i: usize,
        kind: CompKind,
        elt: &AstExpr,
        value: Option<&AstExpr>,
        arg: u32,
    ) -> R<Vec<Stmt>> {
        let Some(g) = generators.get(i) else {
            return Ok(Vec::new());
        };
        let iter = if i == 0 {
            Expr {
                kind: ExprKind::Load(Var::Fast(arg)),
                loc: self.loc(g.iter.range()),
            }
        } else {
            self.iter_expr(&g.iter)?
        };
        let target = self.target(&g.target)?;
        let mut tests = Vec::with_capacity(g.ifs.len());
        for test in &g.ifs {
            tests.push(self.expr(test)?);
        }
        let mut inner = if i + 1 < generators.len() {
            self.comp_loop(generators, i + 1, kind, elt, value, arg)?
        } else {
            let loc = self.loc(elt.range());
            let kind = match kind {
                CompKind::Generator => {
                    let value = self.expr(elt)?;
                    StmtKind::Expr(Expr {
                        kind: ExprKind::Yield(Some(Box::new(value))),
                        loc,
                    })
                }
                CompKind::Dict => {
                    let key = self.expr(elt)?;
                    let Some(value) = value else {
                        return Err(
                            self.internal("dict comprehension without a value", elt.range())
                        );
                    };
                    StmtKind::CompAppend {
                        key: Some(key),
                        value: self.expr(value)?,
                    }
                }
                CompKind::List | CompKind::Set => StmtKind::CompAppend {
                    key: None,
                    value: self.expr(elt)?,
                },
            };
            vec![Stmt { kind, loc }]
        };
        for test in tests.into_iter().rev() {
            let loc = test.loc;
            inner = vec![Stmt {
                kind: StmtKind::If {
                    test,
                    body: inner.into(),
                    orelse: Box::new([]),
                },
                loc,
            }];
        }
        let loc = self.loc(g.range);
        Ok(vec![Stmt {
            kind: StmtKind::For {
                target,
                iter,
                body: inner.into(),
                orelse: Box::new([]),
            },
            loc,
        }])
    }

    /// An f-string: literal runs joined, `{x=}` expanded as CPython does.
    pub(super) fn fstring(&mut self, f: &ast::ExprFString) -> R<Val> {
        let mut pieces = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => push_lit(&mut pieces, &s.value),
                ast::FStringPart::FString(fs) => {
                    for element in &fs.elements {
                        self.fstring_element(element, &mut pieces)?;
                    }
                }
            }
        }
        Ok(self.pieces(pieces, f.range))
    }

    /// Joined pieces: a str constant when all are literal.
    fn pieces(&mut self, pieces: Vec<Piece>, range: TextRange) -> Val {
        let loc = self.loc(range);
        if pieces.iter().all(|p| matches!(p, Piece::Lit(_))) {
            let text: String = pieces
                .into_iter()
                .map(|p| {
                    if let Piece::Lit(s) = p {
                        s
                    } else {
                        String::new()
                    }
                })
                .collect();
            return Val::Const(Value::Str(text), loc);
        }
        let parts = pieces
            .into_iter()
            .map(|p| match p {
                Piece::Lit(s) => FPart::Lit(self.parsed_constant(&Value::Str(s))),
                Piece::Value {
                    value,
                    conversion,
                    spec,
                } => FPart::Value {
                    value,
                    conversion,
                    spec,
                },
            })
            .collect();
        Val::Expr(Expr {
            kind: ExprKind::FString(parts),
            loc,
        })
    }

    fn fstring_element(
        &mut self,
        element: &ast::InterpolatedStringElement,
        pieces: &mut Vec<Piece>,
    ) -> R<()> {
        match element {
            ast::InterpolatedStringElement::Literal(l) => push_lit(pieces, &l.value),
            ast::InterpolatedStringElement::Interpolation(i) => {
                if let Some(debug) = &i.debug_text {
                    push_lit(
                        pieces,
                        &format!(
                            "{}{}{}",
                            debug.leading(),
                            debug.expression(),
                            debug.trailing()
                        ),
                    );
                }
                let value = self.expr(&i.expression)?;
                let mut conversion = match i.conversion {
                    ast::ConversionFlag::None => Conversion::None,
                    ast::ConversionFlag::Str => Conversion::Str,
                    ast::ConversionFlag::Repr => Conversion::Repr,
                    ast::ConversionFlag::Ascii => Conversion::Ascii,
                };
                if i.debug_text.is_some()
                    && conversion == Conversion::None
                    && i.format_spec.is_none()
                {
                    conversion = Conversion::Repr;
                }
                let spec = match &i.format_spec {
                    Some(spec) => {
                        let mut inner = Vec::new();
                        for e in &spec.elements {
                            self.fstring_element(e, &mut inner)?;
                        }
                        let val = self.pieces(inner, spec.range);
                        Some(Box::new(self.materialize(val)))
                    }
                    None => None,
                };
                pieces.push(Piece::Value {
                    value,
                    conversion,
                    spec,
                });
            }
        }
        Ok(())
    }
}

/// Appends literal text, joining it to a preceding literal.
fn push_lit(pieces: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Lit(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Lit(text.to_string()));
    }
}

/// The constant values of `vals` if every one is a constant (and none is starred).
fn all_const(vals: &[Val]) -> Option<Vec<Value>> {
    vals.iter().map(|v| v.as_const().cloned()).collect()
}
