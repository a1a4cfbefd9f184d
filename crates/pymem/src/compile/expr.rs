//! Expressions and assignment targets → bytecode.

use crate::bytecode::{self, make_fn, Anchor, Op};
use crate::syntax::{self, Build, DictPart, Expr, ExprKind, FPart, Target, TargetKind};
use crate::vm::R;

use super::emit::Emitter;

fn binop(op: syntax::BinOp) -> bytecode::BinOp {
    use bytecode::BinOp as B;
    use syntax::BinOp as S;
    match op {
        S::Add => B::Add,
        S::Sub => B::Sub,
        S::Mul => B::Mul,
        S::MatMul => B::MatMul,
        S::Div => B::TrueDiv,
        S::FloorDiv => B::FloorDiv,
        S::Mod => B::Mod,
        S::Pow => B::Pow,
        S::LShift => B::LShift,
        S::RShift => B::RShift,
        S::BitOr => B::Or,
        S::BitXor => B::Xor,
        S::BitAnd => B::And,
    }
}

fn cmp_op(op: syntax::CmpOp) -> Op {
    use bytecode::CmpOp as C;
    use syntax::CmpOp as S;
    match op {
        S::Eq => Op::Compare(C::Eq),
        S::NotEq => Op::Compare(C::Ne),
        S::Lt => Op::Compare(C::Lt),
        S::LtE => Op::Compare(C::Le),
        S::Gt => Op::Compare(C::Gt),
        S::GtE => Op::Compare(C::Ge),
        S::Is => Op::IsOp(false),
        S::IsNot => Op::IsOp(true),
        S::In => Op::ContainsOp(false),
        S::NotIn => Op::ContainsOp(true),
    }
}

impl<'a, 'v> Emitter<'a, 'v> {
    pub fn expr(&mut self, x: &'a Expr) -> R<()> {
        let saved = (self.line, x.loc);
        self.set_loc(x.loc, false);
        let r = self.expr_inner(x);
        self.line = saved.0;
        r
    }

    fn expr_inner(&mut self, x: &'a Expr) -> R<()> {
        match &x.kind {
            ExprKind::Const(c) => self.load_const(*c),
            ExprKind::Load(v) => self.load_var(*v),
            ExprKind::Attr { value, name } => {
                self.expr(value)?;
                let n = self.name(*name);
                self.set_loc(x.loc, false);
                self.emit(Op::LoadAttr(n));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.set_loc(x.loc, false);
                self.emit_anchored(Op::BinarySubscr, Anchor::Subscript { value_end: value.loc.end, slice_end: index.loc.end + 1 });
            }
            ExprKind::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_none(),
                    }
                }
                match &s.step {
                    Some(p) => {
                        self.expr(p)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::Call(c) => {
                let starred = c.args.iter().any(|a| matches!(a.kind, ExprKind::Star(_))) || c.keywords.iter().any(|k| k.name.is_none());
                self.emit(Op::PushNull);
                self.expr(&c.func)?;
                if starred {
                    self.call_ex(&c.args, &c.keywords)?;
                } else {
                    for a in c.args.iter() {
                        self.expr(a)?;
                    }
                    for k in c.keywords.iter() {
                        self.expr(&k.value)?;
                    }
                    let n = (c.args.len() + c.keywords.len()) as u32;
                    self.set_loc(x.loc, false);
                    match c.kwnames {
                        Some(names) => {
                            self.load_const(names);
                            self.emit(Op::CallKw(n));
                        }
                        None => {
                            self.emit(Op::Call(n));
                        }
                    }
                }
            }
            ExprKind::CallMethod(c) => {
                self.expr(&c.obj)?;
                let n = self.name(c.name);
                self.emit(Op::LoadMethod(n));
                for a in c.args.iter() {
                    self.expr(a)?;
                }
                for k in c.keywords.iter() {
                    self.expr(&k.value)?;
                }
                let argc = (c.args.len() + c.keywords.len()) as u32;
                self.set_loc(x.loc, false);
                match c.kwnames {
                    Some(names) => {
                        self.load_const(names);
                        self.emit(Op::CallKw(argc));
                    }
                    None => {
                        self.emit(Op::Call(argc));
                    }
                }
            }
            ExprKind::BinOp { op, left, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.set_loc(x.loc, false);
                self.emit_anchored(Op::BinaryOp(binop(*op)), Anchor::BinOp { left_end: left.loc.end, right_start: right.loc.start });
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                let u = match op {
                    syntax::UnaryOp::Invert => bytecode::UnaryOp::Invert,
                    syntax::UnaryOp::Not => bytecode::UnaryOp::Not,
                    syntax::UnaryOp::Pos => bytecode::UnaryOp::Pos,
                    syntax::UnaryOp::Neg => bytecode::UnaryOp::Neg,
                };
                self.emit(Op::Unary(u));
            }
            ExprKind::BoolOp { op, values } => {
                let mut ends = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        let j = match op {
                            syntax::BoolOp::And => self.emit(Op::JumpIfFalseOrPop(0)),
                            syntax::BoolOp::Or => self.emit(Op::JumpIfTrueOrPop(0)),
                        };
                        ends.push(j);
                    }
                }
                for j in ends {
                    self.patch(j);
                }
            }
            ExprKind::Compare { left, rest } => {
                self.expr(left)?;
                if rest.len() == 1 {
                    self.expr(&rest[0].1)?;
                    self.set_loc(x.loc, false);
                    self.emit(cmp_op(rest[0].0));
                } else {
                    let mut cleanups = Vec::new();
                    for (i, (op, e)) in rest.iter().enumerate() {
                        self.expr(e)?;
                        if i + 1 < rest.len() {
                            self.emit(Op::Swap(2));
                            self.emit(Op::Copy(2));
                            self.emit(cmp_op(*op));
                            cleanups.push(self.emit(Op::JumpIfFalseOrPop(0)));
                        } else {
                            self.emit(cmp_op(*op));
                        }
                    }
                    let end = self.emit(Op::Jump(0));
                    for c in cleanups {
                        self.patch(c);
                    }
                    self.emit(Op::Swap(2));
                    self.emit(Op::PopTop);
                    self.patch(end);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let end = self.emit(Op::Jump(0));
                self.patch(j);
                self.expr(orelse)?;
                self.patch(end);
            }
            ExprKind::Lambda(f) => self.make_function(f)?,
            ExprKind::Tuple { items, build } => match build {
                Build::Exact => {
                    for i in items.iter() {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildTuple(items.len() as u32));
                }
                Build::Incremental => {
                    self.incremental_list(items)?;
                    self.emit(Op::ListToTuple);
                }
            },
            ExprKind::List { items, build } => match build {
                Build::Exact => {
                    for i in items.iter() {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildList(items.len() as u32));
                }
                Build::Incremental => self.incremental_list(items)?,
            },
            ExprKind::Set { items, build } => match build {
                Build::Exact => {
                    for i in items.iter() {
                        self.expr(i)?;
                    }
                    self.emit(Op::BuildSet(items.len() as u32));
                }
                Build::Incremental => {
                    self.emit(Op::BuildSet(0));
                    for i in items.iter() {
                        match &i.kind {
                            ExprKind::Star(v) => {
                                self.expr(v)?;
                                self.emit(Op::SetUpdate(1));
                            }
                            _ => {
                                self.expr(i)?;
                                self.emit(Op::SetAdd(1));
                            }
                        }
                    }
                }
            },
            ExprKind::ListConst(c) => {
                self.emit(Op::BuildList(0));
                self.load_const(*c);
                self.emit(Op::ListExtend(1));
            }
            ExprKind::SetConst(c) => {
                self.emit(Op::BuildSet(0));
                self.load_const(*c);
                self.emit(Op::SetUpdate(1));
            }
            ExprKind::Dict(parts) => self.dict_display(parts)?,
            ExprKind::Comprehension { func, iter } => {
                // As 3.11 emits it: no NULL below the function, so CALL 0
                // sees [function, iterator] as a bound call of one argument.
                self.make_function(func)?;
                self.expr(iter)?;
                self.emit(Op::GetIter);
                self.set_loc(x.loc, false);
                self.emit(Op::Call(0));
            }
            ExprKind::FString(parts) => {
                for p in parts.iter() {
                    match p {
                        FPart::Lit(c) => self.load_const(*c),
                        FPart::Value { value, conversion, spec } => {
                            self.expr(value)?;
                            let conv = match conversion {
                                syntax::Conversion::None => 0,
                                syntax::Conversion::Str => 1,
                                syntax::Conversion::Repr => 2,
                                syntax::Conversion::Ascii => 3,
                            };
                            let has_spec = match spec {
                                Some(s) => {
                                    self.expr(s)?;
                                    4
                                }
                                None => 0,
                            };
                            self.emit(Op::FormatValue(conv | has_spec));
                        }
                    }
                }
                if parts.len() != 1 || matches!(parts[0], FPart::Lit(_)) {
                    self.emit(Op::BuildString(parts.len() as u32));
                }
            }
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.load_none(),
                }
                self.emit(Op::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v)?;
                self.emit(Op::GetYieldFromIter);
                self.load_none();
                let start = self.here();
                let send = self.emit(Op::Send(0));
                self.emit(Op::YieldValue);
                self.emit(Op::Jump(start));
                self.patch(send);
            }
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                self.emit(Op::Copy(1));
                self.store_var(*target);
            }
            ExprKind::Star(_) => return Err(self.vm.error("SyntaxError", "can't use starred expression here")),
        }
        Ok(())
    }

    /// `BUILD_LIST 0` then `LIST_APPEND`/`LIST_EXTEND` per item.
    fn incremental_list(&mut self, items: &'a [Expr]) -> R<()> {
        self.emit(Op::BuildList(0));
        for i in items {
            match &i.kind {
                ExprKind::Star(v) => {
                    self.expr(v)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {
                    self.expr(i)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        Ok(())
    }

    fn dict_display(&mut self, parts: &'a [DictPart]) -> R<()> {
        if parts.is_empty() {
            self.emit(Op::BuildMap(0));
            return Ok(());
        }
        for (i, p) in parts.iter().enumerate() {
            let first = i == 0;
            match p {
                DictPart::ConstKeys { keys, values } => {
                    for v in values.iter() {
                        self.expr(v)?;
                    }
                    self.load_const(*keys);
                    self.emit(Op::BuildConstKeyMap(values.len() as u32));
                    if !first {
                        self.emit(Op::DictUpdate(1));
                    }
                }
                DictPart::Pairs { pairs, incremental } => {
                    if *incremental {
                        self.emit(Op::BuildMap(0));
                        for (k, v) in pairs.iter() {
                            self.expr(k)?;
                            self.expr(v)?;
                            self.emit(Op::MapAdd(1));
                        }
                    } else {
                        for (k, v) in pairs.iter() {
                            self.expr(k)?;
                            self.expr(v)?;
                        }
                        self.emit(Op::BuildMap(pairs.len() as u32));
                    }
                    if !first {
                        self.emit(Op::DictUpdate(1));
                    }
                }
                DictPart::Unpack(m) => {
                    if first {
                        self.emit(Op::BuildMap(0));
                    }
                    self.expr(m)?;
                    self.emit(Op::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    /// `f(*args, **kwargs)`: build the args tuple and kwargs dict.
    fn call_ex(&mut self, args: &'a [Expr], keywords: &'a [syntax::Keyword]) -> R<()> {
        self.incremental_list(args)?;
        self.emit(Op::ListToTuple);
        if keywords.is_empty() {
            self.emit(Op::CallEx(0));
            return Ok(());
        }
        self.emit(Op::BuildMap(0));
        for k in keywords {
            match k.name {
                Some(n) => {
                    let s = self.prog.name(n).to_string();
                    self.load_str(&s)?;
                    self.expr(&k.value)?;
                    self.emit(Op::MapAdd(1));
                }
                None => {
                    self.expr(&k.value)?;
                    self.emit(Op::DictMerge(1));
                }
            }
        }
        self.emit(Op::CallEx(1));
        Ok(())
    }

    pub fn make_function(&mut self, f: &'a syntax::MakeFunction) -> R<()> {
        self.make_fn_parts(f.code, &f.closure, f.defaults.as_ref(), f.kwdefaults.as_ref())
    }

    /// MAKE_FUNCTION with its optional parts (defaults are evaluated in the
    /// enclosing scope).
    pub fn make_fn_parts(
        &mut self,
        code: syntax::CodeId,
        closure: &[u32],
        defaults: Option<&'a Expr>,
        kwdefaults: Option<&'a Expr>,
    ) -> R<()> {
        let mut flags = 0;
        if let Some(d) = defaults {
            self.expr(d)?;
            flags |= make_fn::DEFAULTS;
        }
        if let Some(d) = kwdefaults {
            self.expr(d)?;
            flags |= make_fn::KWDEFAULTS;
        }
        if !closure.is_empty() {
            for &c in closure {
                self.emit(Op::LoadClosure(c));
            }
            self.emit(Op::BuildTuple(closure.len() as u32));
            flags |= make_fn::CLOSURE;
        }
        let c = self.code_const(code);
        self.emit(Op::LoadConst(c));
        self.emit(Op::MakeFunction(flags));
        Ok(())
    }

    pub fn store_target(&mut self, t: &'a Target) -> R<()> {
        self.set_loc(t.loc, false);
        match &t.kind {
            TargetKind::Var(v) => self.store_var(*v),
            TargetKind::Attr { value, name } => {
                self.expr(value)?;
                let n = self.name(*name);
                self.emit(Op::StoreAttr(n));
            }
            TargetKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::StoreSubscr);
            }
            TargetKind::Unpack { targets, star } => {
                match star {
                    Some(s) => {
                        let before = *s;
                        let after = targets.len() as u32 - before - 1;
                        self.emit(Op::UnpackEx(before | (after << 8)));
                    }
                    None => {
                        self.emit(Op::UnpackSequence(targets.len() as u32));
                    }
                }
                for t in targets.iter() {
                    self.store_target(t)?;
                }
            }
        }
        Ok(())
    }

    pub fn delete_target(&mut self, t: &'a Target) -> R<()> {
        self.set_loc(t.loc, false);
        match &t.kind {
            TargetKind::Var(v) => self.delete_var(*v),
            TargetKind::Attr { value, name } => {
                self.expr(value)?;
                let n = self.name(*name);
                self.emit(Op::DeleteAttr(n));
            }
            TargetKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr);
            }
            TargetKind::Unpack { targets, .. } => {
                for t in targets.iter() {
                    self.delete_target(t)?;
                }
            }
        }
        Ok(())
    }

    pub fn aug_assign(&mut self, target: &'a Target, op: syntax::BinOp, value: &'a Expr) -> R<()> {
        let b = binop(op);
        match &target.kind {
            TargetKind::Var(v) => {
                self.load_var(*v);
                self.expr(value)?;
                self.emit(Op::InplaceOp(b));
                self.store_var(*v);
            }
            TargetKind::Attr { value: obj, name } => {
                self.expr(obj)?;
                self.emit(Op::Copy(1));
                let n = self.name(*name);
                self.emit(Op::LoadAttr(n));
                self.expr(value)?;
                self.emit(Op::InplaceOp(b));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreAttr(n));
            }
            TargetKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::Copy(2));
                self.emit(Op::Copy(2));
                self.emit(Op::BinarySubscr);
                self.expr(value)?;
                self.emit(Op::InplaceOp(b));
                self.emit(Op::Swap(3));
                self.emit(Op::Swap(2));
                self.emit(Op::StoreSubscr);
            }
            TargetKind::Unpack { .. } => {
                return Err(self.vm.error("SyntaxError", "'tuple' is an illegal expression for augmented assignment"));
            }
        }
        Ok(())
    }
}
