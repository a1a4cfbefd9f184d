//! A compact text dump of a [`Program`], for tests and debugging.
//!
//! Statements print as Python-like lines prefixed with their line number; names show
//! their resolution (`x@fast0`, `x@deref1`, `x@global`, `x@name`), constants show their
//! value and pool id (`1000#3`), and the memory-relevant shapes are spelled out
//! (`list_const #4`, `list+[...]` for incremental builds, `dict{const_keys ...}`).

use std::fmt::Write;

use super::ir::{
    Build, Code, CodeId, Const, ConstId, Conversion, DictPart, Expr, ExprKind, FPart, MakeFunction,
    Program, Stmt, StmtKind, Target, TargetKind, Var,
};

impl Program {
    /// The whole program: units with their constants, then every code object.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for (i, unit) in self.units.iter().enumerate() {
            let _ = writeln!(
                out,
                "unit {i}: code {} line {} consts {}..{}",
                unit.code.0, unit.first_line, unit.consts.start, unit.consts.end
            );
            for id in unit.consts.clone() {
                let _ = writeln!(out, "  #{id} = {}", self.const_repr(ConstId(id)));
            }
        }
        for i in 0..self.codes.len() {
            out.push_str(&self.dump_code(CodeId(super::ir::to_u32(i))));
        }
        out
    }

    /// One code object: header, slots and body.
    pub fn dump_code(&self, id: CodeId) -> String {
        let code = self.code(id);
        let mut out = String::new();
        let names = |ids: &[super::ir::NameId]| {
            ids.iter()
                .map(|&n| self.name(n))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let _ = writeln!(
            out,
            "code {} {:?} {} qualname={} line={}{}",
            id.0,
            code.kind,
            self.name(code.name),
            self.name(code.qualname),
            code.first_line,
            if code.is_generator { " generator" } else { "" }
        );
        let p = &code.params;
        let _ = writeln!(
            out,
            "  params posonly={} positional={} defaults={} kwonly={} varargs={} varkw={}",
            p.posonly, p.positional, p.defaults, p.kwonly, p.varargs, p.varkw
        );
        let _ = writeln!(
            out,
            "  varnames=[{}] cells=[{}] frees=[{}]",
            names(&code.varnames),
            names(&code.cellvars),
            names(&code.freevars)
        );
        if !code.cell_params.is_empty() {
            let _ = writeln!(out, "  cell_params={:?}", code.cell_params);
        }
        let consts: Vec<String> = code.consts.iter().map(|c| format!("#{}", c.0)).collect();
        let _ = writeln!(out, "  consts=[{}]", consts.join(" "));
        for stmt in code.body.iter() {
            self.stmt(&mut out, code, stmt, 1);
        }
        out
    }

    /// A constant's Python-like repr (items of containers by value).
    pub fn const_repr(&self, id: ConstId) -> String {
        match self.constant(id) {
            Const::None => "None".into(),
            Const::Ellipsis => "Ellipsis".into(),
            Const::Bool(b) => if *b { "True" } else { "False" }.into(),
            Const::Int(i) => i.to_string(),
            Const::BigInt(i) => i.to_string(),
            Const::Float(f) => format!("{f:?}"),
            Const::Complex { re, im } => format!("({re:?}+{im:?}j)"),
            Const::Str { value, interned } => {
                let shown: String = if value.chars().count() > 40 {
                    format!(
                        "{}...<{} chars>",
                        value.chars().take(20).collect::<String>(),
                        value.chars().count()
                    )
                } else {
                    value.to_string()
                };
                format!("{shown:?}{}", if *interned { " interned" } else { "" })
            }
            Const::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
            Const::Tuple(items) => {
                let items: Vec<String> = items.iter().map(|&c| format!("#{}", c.0)).collect();
                if items.len() == 1 {
                    format!("({},)", items[0])
                } else {
                    format!("({})", items.join(", "))
                }
            }
            Const::FrozenSet(items) => {
                let items: Vec<String> = items.iter().map(|&c| format!("#{}", c.0)).collect();
                format!("frozenset({{{}}})", items.join(", "))
            }
        }
    }

    fn var(&self, code: &Code, var: Var) -> String {
        let deref_name = |i: u32| {
            let cells = code.cellvars.len();
            let i = i as usize;
            let id = if i < cells {
                code.cellvars.get(i)
            } else {
                code.freevars.get(i - cells)
            };
            id.map_or("?", |&n| self.name(n))
        };
        match var {
            Var::Fast(i) => format!(
                "{}@fast{i}",
                code.varnames.get(i as usize).map_or("?", |&n| self.name(n))
            ),
            Var::Deref(i) => format!("{}@deref{i}", deref_name(i)),
            Var::ClassDeref(i, n) => format!("{}@classderef{i}", self.name(n)),
            Var::Global(n) => format!("{}@global", self.name(n)),
            Var::Name(n) => format!("{}@name", self.name(n)),
        }
    }

    fn block(&self, out: &mut String, code: &Code, label: &str, body: &[Stmt], depth: usize) {
        if body.is_empty() {
            return;
        }
        let _ = writeln!(out, "{}{label}", "  ".repeat(depth + 1));
        for s in body {
            self.stmt(out, code, s, depth + 1);
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per statement kind
    fn stmt(&self, out: &mut String, code: &Code, stmt: &Stmt, depth: usize) {
        let pad = "  ".repeat(depth);
        let e = |x: &Expr| self.expr(code, x);
        let line = stmt.loc.line;
        let text = match &stmt.kind {
            StmtKind::Expr(x) => e(x),
            StmtKind::Echo(x) => format!("echo {}", e(x)),
            StmtKind::Assign { targets, value } => {
                let t: Vec<String> = targets.iter().map(|t| self.target(code, t)).collect();
                format!("{} = {}", t.join(" = "), e(value))
            }
            StmtKind::ParallelAssign { targets, values } => {
                let t: Vec<String> = targets.iter().map(|t| self.target(code, t)).collect();
                let v: Vec<String> = values.iter().map(e).collect();
                format!("{} = {} (no tuple)", t.join(", "), v.join(", "))
            }
            StmtKind::AugAssign { target, op, value } => format!(
                "{} {}= {}",
                self.target(code, target),
                op.symbol(),
                e(value)
            ),
            StmtKind::Delete(targets) => {
                let t: Vec<String> = targets.iter().map(|t| self.target(code, t)).collect();
                format!("del {}", t.join(", "))
            }
            StmtKind::Pass => "pass".into(),
            StmtKind::Break => "break".into(),
            StmtKind::Continue => "continue".into(),
            StmtKind::Return(v) => {
                format!("return {}", v.as_ref().map_or_else(|| "None".into(), e))
            }
            StmtKind::Raise { exc, cause } => {
                let mut s = "raise".to_string();
                if let Some(x) = exc {
                    s = format!("{s} {}", e(x));
                }
                if let Some(c) = cause {
                    s = format!("{s} from {}", e(c));
                }
                s
            }
            StmtKind::Assert { test, msg } => format!(
                "assert {}{}",
                e(test),
                msg.as_ref()
                    .map_or(String::new(), |m| format!(", {}", e(m)))
            ),
            StmtKind::Import {
                module,
                target,
                bind_top,
            } => {
                format!(
                    "import {} -> {}{}",
                    self.name(*module),
                    self.var(code, *target),
                    if *bind_top { " (top package)" } else { "" }
                )
            }
            StmtKind::ImportFrom {
                module,
                level,
                names,
                fromlist,
            } => {
                let names: Vec<String> = names
                    .iter()
                    .map(|(n, v)| format!("{} -> {}", self.name(*n), self.var(code, *v)))
                    .collect();
                format!(
                    "from {}{} import {} fromlist=#{}",
                    ".".repeat(*level as usize),
                    module.map_or("", |m| self.name(m)),
                    names.join(", "),
                    fromlist.0
                )
            }
            StmtKind::CompAppend { key, value } => match key {
                Some(k) => format!("append {}: {}", e(k), e(value)),
                None => format!("append {}", e(value)),
            },
            StmtKind::FunctionDef {
                decorators,
                func,
                target,
            } => {
                let decos: Vec<String> = decorators.iter().map(|d| format!("@{} ", e(d))).collect();
                format!(
                    "{}def {} = {}",
                    decos.concat(),
                    self.var(code, *target),
                    self.make_function(code, func)
                )
            }
            StmtKind::ClassDef(c) => {
                let decos: Vec<String> =
                    c.decorators.iter().map(|d| format!("@{} ", e(d))).collect();
                let bases: Vec<String> = c.bases.iter().map(e).collect();
                format!(
                    "{}class {} = code {} name=#{} closure={:?} bases=({})",
                    decos.concat(),
                    self.var(code, c.target),
                    c.code.0,
                    c.name.0,
                    c.closure,
                    bases.join(", ")
                )
            }
            StmtKind::If { test, body, orelse } => {
                let _ = writeln!(out, "{pad}{line}: if {}", e(test));
                self.block(out, code, "then:", body, depth);
                self.block(out, code, "else:", orelse, depth);
                return;
            }
            StmtKind::While { test, body, orelse } => {
                let _ = writeln!(out, "{pad}{line}: while {}", e(test));
                self.block(out, code, "do:", body, depth);
                self.block(out, code, "else:", orelse, depth);
                return;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                let _ = writeln!(
                    out,
                    "{pad}{line}: for {} in {}",
                    self.target(code, target),
                    e(iter)
                );
                self.block(out, code, "do:", body, depth);
                self.block(out, code, "else:", orelse, depth);
                return;
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                let _ = writeln!(out, "{pad}{line}: try");
                self.block(out, code, "body:", body, depth);
                for h in handlers.iter() {
                    let label = format!(
                        "except {}{}:",
                        h.typ.as_ref().map_or(String::new(), e),
                        h.name
                            .map_or(String::new(), |v| format!(" as {}", self.var(code, v)))
                    );
                    let _ = writeln!(out, "{}{label}", "  ".repeat(depth + 1));
                    for s in h.body.iter() {
                        self.stmt(out, code, s, depth + 1);
                    }
                }
                self.block(out, code, "else:", orelse, depth);
                self.block(out, code, "finally:", finalbody, depth);
                return;
            }
            StmtKind::With { items, body } => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| {
                        format!(
                            "{}{}",
                            e(&i.context),
                            i.target
                                .as_ref()
                                .map_or(String::new(), |t| format!(" as {}", self.target(code, t)))
                        )
                    })
                    .collect();
                let _ = writeln!(out, "{pad}{line}: with {}", items.join(", "));
                self.block(out, code, "do:", body, depth);
                return;
            }
            StmtKind::Block(stmts) => {
                for s in stmts.iter() {
                    self.stmt(out, code, s, depth);
                }
                return;
            }
        };
        let _ = writeln!(out, "{pad}{line}: {text}");
    }

    fn target(&self, code: &Code, t: &Target) -> String {
        match &t.kind {
            TargetKind::Var(v) => self.var(code, *v),
            TargetKind::Attr { value, name } => {
                format!("{}.{}", self.expr(code, value), self.name(*name))
            }
            TargetKind::Subscript { value, index } => {
                format!("{}[{}]", self.expr(code, value), self.expr(code, index))
            }
            TargetKind::Unpack { targets, star } => {
                let items: Vec<String> = targets
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let s = self.target(code, t);
                        if *star == Some(super::ir::to_u32(i)) {
                            format!("*{s}")
                        } else {
                            s
                        }
                    })
                    .collect();
                format!("[{}]", items.join(", "))
            }
        }
    }

    fn make_function(&self, code: &Code, f: &MakeFunction) -> String {
        let mut s = format!("code {}", f.code.0);
        if let Some(d) = &f.defaults {
            let _ = write!(s, " defaults={}", self.expr(code, d));
        }
        if let Some(d) = &f.kwdefaults {
            let _ = write!(s, " kwdefaults={}", self.expr(code, d));
        }
        if !f.closure.is_empty() {
            let _ = write!(s, " closure={:?}", f.closure);
        }
        s
    }

    fn exprs(&self, code: &Code, items: &[Expr]) -> String {
        items
            .iter()
            .map(|x| self.expr(code, x))
            .collect::<Vec<_>>()
            .join(", ")
    }

    #[allow(clippy::too_many_lines)] // one arm per expression kind
    fn expr(&self, code: &Code, x: &Expr) -> String {
        let e = |x: &Expr| self.expr(code, x);
        let build = |b: &Build| if *b == Build::Incremental { "+" } else { "" };
        match &x.kind {
            ExprKind::Const(id) => format!("{}#{}", self.const_repr(*id), id.0),
            ExprKind::Load(v) => self.var(code, *v),
            ExprKind::Attr { value, name } => format!("{}.{}", e(value), self.name(*name)),
            ExprKind::Subscript { value, index } => format!("{}[{}]", e(value), e(index)),
            ExprKind::Slice(s) => {
                let part = |p: &Option<Expr>| p.as_ref().map_or(String::new(), e);
                match &s.step {
                    Some(step) => format!("{}:{}:{}", part(&s.lower), part(&s.upper), e(step)),
                    None => format!("{}:{}", part(&s.lower), part(&s.upper)),
                }
            }
            ExprKind::Call(c) => {
                let mut args = vec![self.exprs(code, &c.args)];
                args.extend(c.keywords.iter().map(|k| self.keyword(code, k)));
                args.retain(|a| !a.is_empty());
                let kw = c
                    .kwnames
                    .map_or(String::new(), |k| format!(" kwnames=#{}", k.0));
                format!("{}({}){kw}", e(&c.func), args.join(", "))
            }
            ExprKind::CallMethod(c) => {
                let mut args = vec![self.exprs(code, &c.args)];
                args.extend(c.keywords.iter().map(|k| self.keyword(code, k)));
                args.retain(|a| !a.is_empty());
                let kw = c
                    .kwnames
                    .map_or(String::new(), |k| format!(" kwnames=#{}", k.0));
                format!(
                    "{}.{}!({}){kw}",
                    e(&c.obj),
                    self.name(c.name),
                    args.join(", ")
                )
            }
            ExprKind::BinOp { op, left, right } => {
                format!("({} {} {})", e(left), op.symbol(), e(right))
            }
            ExprKind::UnaryOp { op, operand } => {
                let sym = match op {
                    super::ir::UnaryOp::Invert => "~",
                    super::ir::UnaryOp::Not => "not ",
                    super::ir::UnaryOp::Pos => "+",
                    super::ir::UnaryOp::Neg => "-",
                };
                format!("({sym}{})", e(operand))
            }
            ExprKind::BoolOp { op, values } => {
                let sep = if *op == super::ir::BoolOp::And {
                    " and "
                } else {
                    " or "
                };
                format!("({})", values.iter().map(e).collect::<Vec<_>>().join(sep))
            }
            ExprKind::Compare { left, rest } => {
                let mut s = format!("({}", e(left));
                for (op, c) in rest.iter() {
                    let _ = write!(s, " {} {}", op.symbol(), e(c));
                }
                s + ")"
            }
            ExprKind::IfExp { test, body, orelse } => {
                format!("({} if {} else {})", e(body), e(test), e(orelse))
            }
            ExprKind::Lambda(f) => format!("lambda[{}]", self.make_function(code, f)),
            ExprKind::Tuple { items, build: b } => {
                format!("tuple{}({})", build(b), self.exprs(code, items))
            }
            ExprKind::List { items, build: b } => {
                format!("list{}[{}]", build(b), self.exprs(code, items))
            }
            ExprKind::Set { items, build: b } => {
                format!("set{}{{{}}}", build(b), self.exprs(code, items))
            }
            ExprKind::ListConst(id) => format!("list_const {}#{}", self.const_repr(*id), id.0),
            ExprKind::SetConst(id) => format!("set_const {}#{}", self.const_repr(*id), id.0),
            ExprKind::Dict(parts) => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|p| match p {
                        DictPart::ConstKeys { keys, values } => {
                            format!("const_keys #{} ({})", keys.0, self.exprs(code, values))
                        }
                        DictPart::Pairs { pairs, incremental } => {
                            let pairs: Vec<String> = pairs
                                .iter()
                                .map(|(k, v)| format!("{}: {}", e(k), e(v)))
                                .collect();
                            format!(
                                "{}{}",
                                if *incremental { "+" } else { "" },
                                pairs.join(", ")
                            )
                        }
                        DictPart::Unpack(x) => format!("**{}", e(x)),
                    })
                    .collect();
                format!("dict{{{}}}", parts.join(" | "))
            }
            ExprKind::Comprehension { func, iter } => format!(
                "comprehension[{}](iter {})",
                self.make_function(code, func),
                e(iter)
            ),
            ExprKind::FString(parts) => {
                let parts: Vec<String> = parts
                    .iter()
                    .map(|p| match p {
                        FPart::Lit(id) => format!("#{}", id.0),
                        FPart::Value {
                            value,
                            conversion,
                            spec,
                        } => {
                            let conv = match conversion {
                                Conversion::None => "",
                                Conversion::Str => "!s",
                                Conversion::Repr => "!r",
                                Conversion::Ascii => "!a",
                            };
                            format!(
                                "{{{}{conv}{}}}",
                                e(value),
                                spec.as_ref()
                                    .map_or(String::new(), |s| format!(":{}", e(s)))
                            )
                        }
                    })
                    .collect();
                format!("f[{}]", parts.join(" "))
            }
            ExprKind::Yield(v) => format!("(yield {})", v.as_ref().map_or(String::new(), |v| e(v))),
            ExprKind::YieldFrom(v) => format!("(yield from {})", e(v)),
            ExprKind::Named { target, value } => {
                format!("({} := {})", self.var(code, *target), e(value))
            }
            ExprKind::Star(v) => format!("*{}", e(v)),
        }
    }

    fn keyword(&self, code: &Code, k: &super::ir::Keyword) -> String {
        match k.name {
            Some(n) => format!("{}={}", self.name(n), self.expr(code, &k.value)),
            None => format!("**{}", self.expr(code, &k.value)),
        }
    }
}
