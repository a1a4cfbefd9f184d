//! Lowering of expressions, with constant folding as 3.11's AST optimizer does it.
//!
//! Children are lowered first; when they are all constants the parent is folded with
//! [`fold`] (unary and binary operators, constant subscripts, tuples of constants),
//! `not (a is b)` becomes `a is not b`, `__debug__` is `True`, and the right operand of
//! `in`/`not in` gets 3.11's `fold_iter` (a list display becomes a tuple, a display of
//! constants a constant tuple or frozenset).

use num_bigint::BigInt;
use num_traits::Num;
use ruff_python_ast::{self as ast, Expr as AstExpr};
use ruff_text_size::{Ranged, TextRange};

use super::super::consts::Value;
use super::super::fold;
use super::super::ir::{BinOp, BoolOp, CmpOp, CodeKind, CompKind, Expr, ExprKind, Slice, UnaryOp};
use super::{Lowerer, Val, MAX_EXPR_DEPTH, R};

impl Lowerer<'_, '_> {
    /// Lowers an expression to IR.
    pub(super) fn expr(&mut self, e: &AstExpr) -> R<Expr> {
        let val = self.value(e)?;
        Ok(self.materialize(val))
    }

    /// Lowers an expression, keeping a constant result unpooled for the parent to fold.
    pub(super) fn value(&mut self, e: &AstExpr) -> R<Val> {
        if self.depth >= MAX_EXPR_DEPTH {
            return Err(self
                .src
                .unsupported("expression nested this deeply", e.range()));
        }
        self.depth += 1;
        let result = self.value_inner(e);
        self.depth = self.depth.saturating_sub(1);
        result
    }

    fn ir(&self, kind: ExprKind, range: TextRange) -> Val {
        Val::Expr(Expr {
            kind,
            loc: self.loc(range),
        })
    }

    fn boxed(&mut self, e: &AstExpr) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    #[allow(clippy::too_many_lines)] // one arm per expression kind
    fn value_inner(&mut self, e: &AstExpr) -> R<Val> {
        let range = e.range();
        let loc = self.loc(range);
        Ok(match e {
            AstExpr::NumberLiteral(n) => Val::Const(number(&n.value, range, self)?, loc),
            AstExpr::StringLiteral(s) => Val::Const(Value::Str(s.value.to_str().to_string()), loc),
            AstExpr::BytesLiteral(b) => Val::Const(Value::Bytes(b.value.bytes().collect()), loc),
            AstExpr::BooleanLiteral(b) => Val::Const(Value::Bool(b.value), loc),
            AstExpr::NoneLiteral(_) => Val::Const(Value::None, loc),
            AstExpr::EllipsisLiteral(_) => Val::Const(Value::Ellipsis, loc),
            AstExpr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    Val::Const(Value::Bool(true), loc)
                } else {
                    let var = self.var(&n.id, true, n.range)?;
                    self.ir(ExprKind::Load(var), range)
                }
            }
            AstExpr::BinOp(b) => {
                let left = self.value(&b.left)?;
                let right = self.value(&b.right)?;
                let op = binop(b.op);
                if let (Some(l), Some(r)) = (left.as_const(), right.as_const()) {
                    if let Some(v) = fold::binary(op, l, r) {
                        return Ok(Val::Const(v, loc));
                    }
                }
                let (left, right) = (
                    Box::new(self.materialize(left)),
                    Box::new(self.materialize(right)),
                );
                self.ir(ExprKind::BinOp { op, left, right }, range)
            }
            AstExpr::UnaryOp(u) => self.unary(u)?,
            AstExpr::BoolOp(b) => {
                let op = match b.op {
                    ast::BoolOp::And => BoolOp::And,
                    ast::BoolOp::Or => BoolOp::Or,
                };
                let values = b
                    .values
                    .iter()
                    .map(|v| self.expr(v))
                    .collect::<R<Box<[Expr]>>>()?;
                self.ir(ExprKind::BoolOp { op, values }, range)
            }
            AstExpr::Compare(c) => {
                let ops: Vec<CmpOp> = c.ops.iter().map(|&op| cmpop(op)).collect();
                self.compare(&c.left, &ops, &c.comparators, range)?
            }
            AstExpr::If(i) => {
                let test = self.value(&i.test)?;
                let body = self.value(&i.body)?;
                let orelse = self.value(&i.orelse)?;
                // A constant test keeps only the branch taken (3.11's `compiler_jump_if`
                // leaves the other one as dead code); the result is not folded further.
                if let Some(t) = test.as_const() {
                    let taken = if t.is_true() { body } else { orelse };
                    return Ok(Val::Expr(self.materialize(taken)));
                }
                let test = Box::new(self.materialize(test));
                let body = Box::new(self.materialize(body));
                let orelse = Box::new(self.materialize(orelse));
                self.ir(ExprKind::IfExp { test, body, orelse }, range)
            }
            AstExpr::Attribute(a) => {
                let value = self.boxed(&a.value)?;
                let name = self.mangled(&a.attr);
                let name = self.name(&name);
                self.ir(ExprKind::Attr { value, name }, range)
            }
            AstExpr::Subscript(s) => {
                let value = self.value(&s.value)?;
                let index = self.value(&s.slice)?;
                if let (Some(v), Some(i)) = (value.as_const(), index.as_const()) {
                    if let Some(folded) = fold::subscript(v, i) {
                        return Ok(Val::Const(folded, loc));
                    }
                }
                let (value, index) = (
                    Box::new(self.materialize(value)),
                    Box::new(self.materialize(index)),
                );
                self.ir(ExprKind::Subscript { value, index }, range)
            }
            AstExpr::Slice(s) => {
                let mut part = |p: &Option<Box<AstExpr>>| -> R<Option<Expr>> {
                    match p {
                        Some(p) => Ok(Some(self.expr(p)?)),
                        None => {
                            let none = self.pool.none();
                            self.note_const(none);
                            Ok(None)
                        }
                    }
                };
                let slice = Slice {
                    lower: part(&s.lower)?,
                    upper: part(&s.upper)?,
                    step: s.step.as_deref().map(|p| self.expr(p)).transpose()?,
                };
                self.ir(ExprKind::Slice(Box::new(slice)), range)
            }
            AstExpr::Starred(s) => {
                return Err(self
                    .src
                    .syntax("can't use starred expression here", s.range))
            }
            AstExpr::Named(n) => {
                let value = self.boxed(&n.value)?;
                let AstExpr::Name(name) = n.target.as_ref() else {
                    return Err(self.internal("named expression target", n.range));
                };
                let target = self.var(&name.id, false, name.range)?;
                self.ir(ExprKind::Named { target, value }, range)
            }
            AstExpr::Yield(y) => {
                self.check_yield(range)?;
                let value = match &y.value {
                    Some(v) => Some(self.boxed(v)?),
                    None => {
                        let none = self.pool.none();
                        self.note_const(none);
                        None
                    }
                };
                self.ir(ExprKind::Yield(value), range)
            }
            AstExpr::YieldFrom(y) => {
                self.check_yield(range)?;
                let value = self.boxed(&y.value)?;
                let none = self.pool.none();
                self.note_const(none);
                self.ir(ExprKind::YieldFrom(value), range)
            }
            AstExpr::Tuple(t) => self.tuple_display(&t.elts, range)?,
            AstExpr::List(l) => self.list_display(&l.elts, range)?,
            AstExpr::Set(s) => self.set_display(&s.elts, range)?,
            AstExpr::Dict(d) => self.dict_display(d, range)?,
            AstExpr::Call(c) => self.call(c)?,
            AstExpr::Lambda(l) => self.lambda(l)?,
            AstExpr::ListComp(c) => {
                self.comprehension(range, CompKind::List, &c.generators, &c.elt, None)?
            }
            AstExpr::SetComp(c) => {
                self.comprehension(range, CompKind::Set, &c.generators, &c.elt, None)?
            }
            AstExpr::DictComp(c) => match &c.key {
                Some(key) => {
                    self.comprehension(range, CompKind::Dict, &c.generators, key, Some(&c.value))?
                }
                None => {
                    return Err(self
                        .src
                        .unsupported("dict unpacking in a comprehension", range))
                }
            },
            AstExpr::Generator(c) => {
                self.comprehension(range, CompKind::Generator, &c.generators, &c.elt, None)?
            }
            AstExpr::FString(f) => self.fstring(f)?,
            AstExpr::Await(_) => return Err(self.src.unsupported("await expression", range)),
            AstExpr::TString(_) => return Err(self.src.unsupported("template string", range)),
            AstExpr::IpyEscapeCommand(_) => {
                return Err(self.src.unsupported("IPython escape command", range))
            }
        })
    }

    /// `yield` outside a function is the code generator's error in 3.11.
    fn check_yield(&self, range: TextRange) -> R<()> {
        if matches!(self.kind(), CodeKind::Module | CodeKind::Class) {
            return Err(self.src.syntax("'yield' outside function", range));
        }
        Ok(())
    }

    fn unary(&mut self, u: &ast::ExprUnaryOp) -> R<Val> {
        let op = match u.op {
            ast::UnaryOp::Invert => UnaryOp::Invert,
            ast::UnaryOp::Not => UnaryOp::Not,
            ast::UnaryOp::UAdd => UnaryOp::Pos,
            ast::UnaryOp::USub => UnaryOp::Neg,
        };
        // `not a is b` → `a is not b` (also `in`), as `fold_unaryop` does.
        if let (UnaryOp::Not, AstExpr::Compare(c)) = (op, u.operand.as_ref()) {
            if let [single] = &*c.ops {
                let inverted = match single {
                    ast::CmpOp::Is => Some(CmpOp::IsNot),
                    ast::CmpOp::IsNot => Some(CmpOp::Is),
                    ast::CmpOp::In => Some(CmpOp::NotIn),
                    ast::CmpOp::NotIn => Some(CmpOp::In),
                    _ => None,
                };
                if let Some(inverted) = inverted {
                    return self.compare(&c.left, &[inverted], &c.comparators, u.range);
                }
            }
        }
        let operand = self.value(&u.operand)?;
        if let Some(v) = operand.as_const() {
            if let Some(folded) = fold::unary(op, v) {
                return Ok(Val::Const(folded, self.loc(u.range)));
            }
        }
        let operand = Box::new(self.materialize(operand));
        Ok(self.ir(ExprKind::UnaryOp { op, operand }, u.range))
    }

    /// A comparison chain; the last comparator of `in`/`not in` gets `fold_iter`.
    fn compare(
        &mut self,
        left: &AstExpr,
        ops: &[CmpOp],
        comparators: &[AstExpr],
        range: TextRange,
    ) -> R<Val> {
        let left = self.boxed(left)?;
        let last = ops.len().saturating_sub(1);
        let mut rest = Vec::with_capacity(ops.len());
        for (i, (op, c)) in ops.iter().zip(comparators).enumerate() {
            let value = if i == last && matches!(op, CmpOp::In | CmpOp::NotIn) {
                self.iter_expr(c)?
            } else {
                self.expr(c)?
            };
            rest.push((*op, value));
        }
        Ok(self.ir(
            ExprKind::Compare {
                left,
                rest: rest.into(),
            },
            range,
        ))
    }
}

/// A number literal's value.
fn number(n: &ast::Number, range: TextRange, l: &Lowerer<'_, '_>) -> R<Value> {
    Ok(match n {
        ast::Number::Int(i) => {
            Value::Int(parse_int(&i.to_string()).ok_or_else(|| l.internal("int literal", range))?)
        }
        ast::Number::Float(f) => Value::Float(*f),
        ast::Number::Complex { real, imag } => Value::Complex(*real, *imag),
    })
}

/// Parses an int literal token (`1_000`, `0x_ff`, `0o17`, `0b1`).
pub(crate) fn parse_int(token: &str) -> Option<BigInt> {
    let digits: String = token.chars().filter(|&c| c != '_').collect();
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = match lower.get(..2) {
        Some("0x") => (16, &lower[2..]),
        Some("0o") => (8, &lower[2..]),
        Some("0b") => (2, &lower[2..]),
        _ => (10, lower.as_str()),
    };
    BigInt::from_str_radix(body, radix).ok()
}

/// ruff's operator → the IR's.
pub(super) fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::Div,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::BitOr,
        ast::Operator::BitXor => BinOp::BitXor,
        ast::Operator::BitAnd => BinOp::BitAnd,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::NotEq,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::LtE,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::GtE,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
    }
}
