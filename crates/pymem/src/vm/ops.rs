//! Operators: arithmetic, comparison, truth, hashing and identity-free
//! equality, for the builtin types natively and for user classes through
//! their dunder methods.

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::bytecode::{BinOp, CmpOp, UnaryOp};
use crate::heap::{Int, Payload};
use crate::ids::ObjectId;
use crate::vm::{Vm, R};

/// A number, widened for arithmetic.
#[derive(Clone, Debug)]
pub enum Num {
    I(i64),
    B(BigInt),
    F(f64),
}

pub fn big(i: &Int) -> BigInt {
    match i {
        Int::Small(v) => BigInt::from(*v),
        Int::Big(b) => (**b).clone(),
    }
}

const HASH_MODULUS: u64 = (1 << 61) - 1;

/// `hash(int)`: the value modulo 2**61 - 1, sign kept, -1 → -2.
pub fn int_hash(i: &Int) -> i64 {
    let h = match i {
        Int::Small(v) => {
            let m = (v.unsigned_abs() % HASH_MODULUS) as i64;
            if *v < 0 {
                -m
            } else {
                m
            }
        }
        Int::Big(b) => {
            let m = (b.magnitude() % num_bigint::BigUint::from(HASH_MODULUS)).to_u64().unwrap_or(0) as i64;
            if b.sign() == num_bigint::Sign::Minus {
                -m
            } else {
                m
            }
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(float)` (`_Py_HashDouble`): integral floats hash like ints.
pub fn float_hash(v: f64) -> i64 {
    if v.is_nan() {
        return 0;
    }
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    let (mut m, mut e) = frexp(v.abs());
    let sign: i64 = if v < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & HASH_MODULUS) | (x >> (61 - e));
    let h = (x as i64) * sign;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 {
        return (0.0, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(v * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

impl Vm {
    /// The numeric value of an int, bool or float.
    pub fn num(&self, id: ObjectId) -> Option<Num> {
        match self.heap.payload(id) {
            Payload::Int(Int::Small(v)) => Some(Num::I(*v)),
            Payload::Int(Int::Big(b)) => Some(Num::B((**b).clone())),
            Payload::Bool(b) => Some(Num::I(*b as i64)),
            Payload::Float(f) => Some(Num::F(*f)),
            _ => None,
        }
    }

    /// The value of an int or bool as i64, if it fits.
    pub fn as_i64(&self, id: ObjectId) -> Option<i64> {
        match self.heap.payload(id) {
            Payload::Int(Int::Small(v)) => Some(*v),
            Payload::Int(Int::Big(b)) => b.to_i64(),
            Payload::Bool(b) => Some(*b as i64),
            _ => None,
        }
    }

    pub fn is_int(&self, id: ObjectId) -> bool {
        matches!(self.heap.payload(id), Payload::Int(_) | Payload::Bool(_))
    }

    pub fn new_num(&mut self, n: Num) -> R<ObjectId> {
        match n {
            Num::I(v) => self.new_int(v),
            Num::B(b) => self.new_bigint(b),
            Num::F(f) => self.new_float(f),
        }
    }

    /// `a op b` (and `a op= b` when `inplace`). Returns a new reference.
    pub fn binary_op(&mut self, a: ObjectId, b: ObjectId, op: BinOp, inplace: bool) -> R<ObjectId> {
        // Machine-word ints: the same result `numeric_op` computes, without
        // building `Num`s.
        if let (Payload::Int(Int::Small(x)), Payload::Int(Int::Small(y))) = (self.heap.payload(a), self.heap.payload(b)) {
            if let Some(v) = small_int_op(*x, *y, op) {
                return self.new_int(v);
            }
        }
        // str + str: neither a number nor complex, straight to concatenation.
        if op == BinOp::Add && matches!((self.heap.payload(a), self.heap.payload(b)), (Payload::Str(_), Payload::Str(_))) {
            if let Some(v) = self.sequence_op(a, b, op, inplace)? {
                return Ok(v);
            }
        }
        if let (Some(x), Some(y)) = (self.num(a), self.num(b)) {
            return self.numeric_op(x, y, op);
        }
        if let Some(v) = self.complex_op(a, b, op)? {
            return Ok(v);
        }
        if let Some(v) = self.sequence_op(a, b, op, inplace)? {
            return Ok(v);
        }
        if matches!(self.heap.payload(a), Payload::Ext(_)) || matches!(self.heap.payload(b), Payload::Ext(_)) {
            if let Some(v) = self.module_binary_op(a, b, op, inplace)? {
                return Ok(v);
            }
        }
        let (name, rname, iname) = op.dunders();
        if inplace {
            if let Some(v) = self.call_dunder(a, iname, &[b])? {
                if v != self.wk.not_implemented {
                    return Ok(v);
                }
                self.decref(v);
            }
        }
        if let Some(v) = self.call_dunder(a, name, &[b])? {
            if v != self.wk.not_implemented {
                return Ok(v);
            }
            self.decref(v);
        }
        if self.heap.get(a).ty != self.heap.get(b).ty {
            if let Some(v) = self.call_dunder(b, rname, &[a])? {
                if v != self.wk.not_implemented {
                    return Ok(v);
                }
                self.decref(v);
            }
        }
        let sym = if inplace { format!("{}=", op.symbol()) } else { op.symbol().to_string() };
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        if op == BinOp::Add && ["str", "list", "tuple", "bytes"].contains(&ta.as_str()) {
            return Err(self.error("TypeError", &format!("can only concatenate {ta} (not \"{tb}\") to {ta}")));
        }
        let seq = |t: &str| ["str", "list", "tuple", "bytes"].contains(&t);
        if op == BinOp::Mul && (seq(&ta) || seq(&tb)) {
            let other = if seq(&ta) { &tb } else { &ta };
            return Err(self.error("TypeError", &format!("can't multiply sequence by non-int of type '{other}'")));
        }
        let msg = if op == BinOp::Pow && !inplace {
            format!("unsupported operand type(s) for ** or pow(): '{ta}' and '{tb}'")
        } else {
            format!("unsupported operand type(s) for {sym}: '{ta}' and '{tb}'")
        };
        Err(self.error("TypeError", &msg))
    }

    fn numeric_op(&mut self, x: Num, y: Num, op: BinOp) -> R<ObjectId> {
        use Num::*;
        let r = match (x, y) {
            (F(a), b) => self.float_op(a, to_f64(&b), op)?,
            (a, F(b)) => self.float_op(to_f64(&a), b, op)?,
            (I(a), I(b)) => match small_int_op(a, b, op) {
                Some(v) => I(v),
                None => self.big_op(BigInt::from(a), BigInt::from(b), op)?,
            },
            (a, b) => self.big_op(to_big(&a), to_big(&b), op)?,
        };
        self.new_num(r)
    }

    fn float_op(&mut self, a: f64, b: f64, op: BinOp) -> R<Num> {
        Ok(Num::F(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::TrueDiv => {
                if b == 0.0 {
                    return Err(self.error("ZeroDivisionError", "float division by zero"));
                }
                a / b
            }
            BinOp::FloorDiv => {
                if b == 0.0 {
                    return Err(self.error("ZeroDivisionError", "float floor division by zero"));
                }
                (a / b).floor()
            }
            BinOp::Mod => {
                if b == 0.0 {
                    return Err(self.error("ZeroDivisionError", "float modulo"));
                }
                let m = a % b;
                if m != 0.0 && (m < 0.0) != (b < 0.0) {
                    m + b
                } else {
                    m
                }
            }
            BinOp::Pow => {
                if a == 0.0 && b < 0.0 {
                    return Err(self.error("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
                }
                a.powf(b)
            }
            _ => {
                return Err(self.error(
                    "TypeError",
                    &format!("unsupported operand type(s) for {}: 'float' and 'float'", op.symbol()),
                ))
            }
        }))
    }

    fn big_op(&mut self, a: BigInt, b: BigInt, op: BinOp) -> R<Num> {
        use num_integer::Integer;
        let r = match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::TrueDiv => {
                if b.is_zero() {
                    return Err(self.error("ZeroDivisionError", "division by zero"));
                }
                return Ok(Num::F(big_to_f64(&a) / big_to_f64(&b)));
            }
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(self.error("ZeroDivisionError", "integer division or modulo by zero"));
                }
                a.div_floor(&b)
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(self.error("ZeroDivisionError", "integer modulo by zero"));
                }
                a.mod_floor(&b)
            }
            BinOp::Pow => {
                if b.sign() == num_bigint::Sign::Minus {
                    if a.is_zero() {
                        return Err(self.error("ZeroDivisionError", "0.0 cannot be raised to a negative power"));
                    }
                    return Ok(Num::F(big_to_f64(&a).powf(big_to_f64(&b))));
                }
                let e = b.to_u32().unwrap_or(u32::MAX);
                if e > 1_000_000 && a.bits() > 1 {
                    return Err(self.memory_error());
                }
                num_traits::pow::Pow::pow(a, e)
            }
            BinOp::LShift => {
                if b.sign() == num_bigint::Sign::Minus {
                    return Err(self.error("ValueError", "negative shift count"));
                }
                let s = b.to_usize().unwrap_or(usize::MAX);
                if s > 1 << 24 {
                    return Err(self.memory_error());
                }
                a << s
            }
            BinOp::RShift => {
                if b.sign() == num_bigint::Sign::Minus {
                    return Err(self.error("ValueError", "negative shift count"));
                }
                let s = b.to_usize().unwrap_or(usize::MAX);
                if s as u64 > a.bits() + 1 {
                    if a.sign() == num_bigint::Sign::Minus {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                } else {
                    a >> s
                }
            }
            BinOp::And => a & b,
            BinOp::Or => a | b,
            BinOp::Xor => a ^ b,
            BinOp::MatMul => {
                return Err(self.error("TypeError", "unsupported operand type(s) for @: 'int' and 'int'"));
            }
        };
        Ok(match r.to_i64() {
            Some(v) => Num::I(v),
            None => Num::B(r),
        })
    }

    fn as_complex(&self, id: ObjectId) -> Option<(f64, f64)> {
        match self.heap.payload(id) {
            Payload::Complex(r, i) => Some((*r, *i)),
            _ => self.num(id).map(|n| (to_f64(&n), 0.0)),
        }
    }

    /// Arithmetic when either side is a complex number.
    fn complex_op(&mut self, a: ObjectId, b: ObjectId, op: BinOp) -> R<Option<ObjectId>> {
        let either = matches!(self.heap.payload(a), Payload::Complex(..)) || matches!(self.heap.payload(b), Payload::Complex(..));
        if !either {
            return Ok(None);
        }
        let (Some((ar, ai)), Some((br, bi))) = (self.as_complex(a), self.as_complex(b)) else { return Ok(None) };
        let (r, i) = match op {
            BinOp::Add => (ar + br, ai + bi),
            BinOp::Sub => (ar - br, ai - bi),
            BinOp::Mul => (ar * br - ai * bi, ar * bi + ai * br),
            BinOp::TrueDiv => {
                let d = br * br + bi * bi;
                if d == 0.0 {
                    return Err(self.error("ZeroDivisionError", "complex division by zero"));
                }
                ((ar * br + ai * bi) / d, (ai * br - ar * bi) / d)
            }
            _ => return Ok(None),
        };
        self.new_complex(r, i).map(Some)
    }

    /// Sequence and set operators on builtin types; None when not handled.
    fn sequence_op(&mut self, a: ObjectId, b: ObjectId, op: BinOp, inplace: bool) -> R<Option<ObjectId>> {
        let ta = self.heap.get(a).ty;
        let tb = self.heap.get(b).ty;
        let pa = self.heap.payload(a);
        let pb = self.heap.payload(b);
        match (op, pa, pb) {
            (BinOp::Add, Payload::Str(x), Payload::Str(y)) => {
                // Short results are joined on the stack: one host allocation
                // (the str's own) instead of two.
                let n = x.len() + y.len();
                if n <= 64 {
                    let mut buf = [0u8; 64];
                    buf[..x.len()].copy_from_slice(x.as_bytes());
                    buf[x.len()..n].copy_from_slice(y.as_bytes());
                    if let Ok(s) = std::str::from_utf8(&buf[..n]) {
                        return self.new_str(s).map(Some);
                    }
                }
                // Longer ones are written once, straight into the new str's
                // buffer: `s += t` in a loop copies `s` each time (as
                // CPython does at module level), so a second copy doubled
                // the cost.
                let joined = concat_str(x, y);
                return self.new_str_rc(joined).map(Some);
            }
            (BinOp::Add, Payload::Bytes(x), Payload::Bytes(y)) => {
                let v = [&x[..], &y[..]].concat();
                return self.new_bytes(&v).map(Some);
            }
            (BinOp::Add, Payload::Tuple(x), Payload::Tuple(y)) if ta == tb => {
                let items: Vec<ObjectId> = x.iter().chain(y.iter()).copied().collect();
                for &i in &items {
                    self.incref(i);
                }
                return self.new_tuple(items).map(Some);
            }
            (BinOp::Add, Payload::List(_), _) if inplace => {
                self.list_extend(a, b)?;
                self.incref(a);
                return Ok(Some(a));
            }
            (BinOp::Add, Payload::List(x), Payload::List(y)) => {
                let items: Vec<ObjectId> = x.items.iter().chain(y.items.iter()).copied().collect();
                for &i in &items {
                    self.incref(i);
                }
                let n = items.len();
                return self.new_list(items, n).map(Some);
            }
            (BinOp::Mul, Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_), Payload::Int(_) | Payload::Bool(_)) => {
                let n = self.as_i64(b).unwrap_or(i64::MAX);
                return self.repeat(a, n, inplace).map(Some);
            }
            (BinOp::Mul, Payload::Int(_) | Payload::Bool(_), Payload::Str(_) | Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_)) => {
                let n = self.as_i64(a).unwrap_or(i64::MAX);
                return self.repeat(b, n, false).map(Some);
            }
            (BinOp::Mod, Payload::Str(_), _) => {
                let s = self.percent_format(a, b)?;
                return self.new_str(&s).map(Some);
            }
            (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
                return self.set_op(a, b, op, inplace).map(Some);
            }
            (BinOp::Or, Payload::Dict(_), Payload::Dict(_)) => {
                if inplace {
                    self.dict_update(a, b)?;
                    self.incref(a);
                    return Ok(Some(a));
                }
                let d = self.new_dict()?;
                self.dict_update(d, a)?;
                self.dict_update(d, b)?;
                return Ok(Some(d));
            }
            _ => {}
        }
        Ok(None)
    }

    fn repeat(&mut self, seq: ObjectId, n: i64, inplace: bool) -> R<ObjectId> {
        let n = n.max(0) as usize;
        let len = self.len_of(seq)?;
        if len.saturating_mul(n) > (self.config.heap_cap as usize) / 8 {
            return Err(self.memory_error());
        }
        match self.heap.payload(seq).clone() {
            Payload::Str(s) => self.new_str(&s.repeat(n)),
            Payload::Bytes(b) => self.new_bytes(&b.repeat(n)),
            Payload::Tuple(t) => {
                let items: Vec<ObjectId> = (0..n).flat_map(|_| t.iter().copied()).collect();
                for &i in &items {
                    self.incref(i);
                }
                self.new_tuple(items)
            }
            Payload::List(l) => {
                let items: Vec<ObjectId> = (0..n).flat_map(|_| l.items.iter().copied()).collect();
                for &i in &items {
                    self.incref(i);
                }
                if inplace {
                    self.list_replace(seq, items)?;
                    self.incref(seq);
                    return Ok(seq);
                }
                let cap = items.len();
                self.new_list(items, cap)
            }
            _ => unreachable!("repeat is only called on sequences"),
        }
    }

    fn set_op(&mut self, a: ObjectId, b: ObjectId, op: BinOp, inplace: bool) -> R<ObjectId> {
        let ka = self.set_keys(a);
        let kb = self.set_keys(b);
        let mut out = Vec::new();
        match op {
            BinOp::Or => {
                out.extend(ka.iter().copied());
                out.extend(kb.iter().copied());
            }
            BinOp::And => {
                for &k in &ka {
                    if self.set_contains(b, k)? {
                        out.push(k);
                    }
                }
            }
            BinOp::Sub => {
                for &k in &ka {
                    if !self.set_contains(b, k)? {
                        out.push(k);
                    }
                }
            }
            _ => {
                for &k in &ka {
                    if !self.set_contains(b, k)? {
                        out.push(k);
                    }
                }
                for &k in &kb {
                    if !self.set_contains(a, k)? {
                        out.push(k);
                    }
                }
            }
        }
        for &k in &out {
            self.incref(k);
        }
        if inplace && matches!(self.heap.payload(a), Payload::Set(_)) {
            let fresh = self.new_set_from(out, false)?;
            // Replace a's contents with the result's.
            for k in self.set_keys(a) {
                self.set_discard(a, k)?;
            }
            for k in self.set_keys(fresh) {
                self.set_add(a, k)?;
            }
            self.decref(fresh);
            self.incref(a);
            return Ok(a);
        }
        let frozen = matches!(self.heap.payload(a), Payload::FrozenSet(_));
        self.new_set_from(out, frozen)
    }

    pub fn unary_op(&mut self, a: ObjectId, op: UnaryOp) -> R<ObjectId> {
        if op == UnaryOp::Not {
            let t = self.truthy(a)?;
            return Ok(self.bool_ref(!t));
        }
        if let Some(n) = self.num(a) {
            let r = match (op, n) {
                (UnaryOp::Neg, Num::I(v)) => match v.checked_neg() {
                    Some(x) => Num::I(x),
                    None => Num::B(-BigInt::from(v)),
                },
                (UnaryOp::Neg, Num::B(b)) => Num::B(-b),
                (UnaryOp::Neg, Num::F(f)) => Num::F(-f),
                (UnaryOp::Pos, n) => n,
                (UnaryOp::Invert, Num::I(v)) => Num::I(!v),
                (UnaryOp::Invert, Num::B(b)) => Num::B(-b - 1),
                (UnaryOp::Invert, Num::F(_)) => {
                    return Err(self.error("TypeError", "bad operand type for unary ~: 'float'"));
                }
                (UnaryOp::Not, _) => unreachable!(),
            };
            return self.new_num(r);
        }
        let (name, sym) = match op {
            UnaryOp::Neg => ("__neg__", "-"),
            UnaryOp::Pos => ("__pos__", "+"),
            UnaryOp::Invert => ("__invert__", "~"),
            UnaryOp::Not => unreachable!(),
        };
        if let Some(v) = self.call_dunder(a, name, &[])? {
            return Ok(v);
        }
        let t = self.type_name(a);
        Err(self.error("TypeError", &format!("bad operand type for unary {sym}: '{t}'")))
    }

    /// `bool(v)`.
    pub fn truthy(&mut self, v: ObjectId) -> R<bool> {
        Ok(match self.heap.payload(v) {
            Payload::None => false,
            Payload::Bool(b) => *b,
            Payload::Int(Int::Small(i)) => *i != 0,
            Payload::Int(Int::Big(_)) => true,
            Payload::Float(f) => *f != 0.0,
            Payload::Complex(r, i) => *r != 0.0 || *i != 0.0,
            Payload::Str(s) => !s.is_empty(),
            Payload::Bytes(b) => !b.is_empty(),
            Payload::Tuple(t) => !t.is_empty(),
            Payload::List(l) => !l.items.is_empty(),
            Payload::Dict(d) => d.used > 0,
            Payload::Set(s) | Payload::FrozenSet(s) => s.used > 0,
            Payload::Range(r) => crate::vm::iter::range_len(r.start, r.stop, r.step) > 0,
            Payload::Ext(_) => self.module_len(v).is_none_or(|n| n > 0),
            Payload::Instance(_) => {
                if let Some(r) = self.call_dunder(v, "__bool__", &[])? {
                    let b = matches!(self.heap.payload(r), Payload::Bool(true));
                    self.decref(r);
                    return Ok(b);
                }
                if let Some(r) = self.call_dunder(v, "__len__", &[])? {
                    let n = self.as_i64(r).unwrap_or(0);
                    self.decref(r);
                    return Ok(n != 0);
                }
                true
            }
            _ => true,
        })
    }

    /// Equality of builtin values without running Python code; None when a
    /// user `__eq__` may be involved.
    pub fn fast_eq(&self, a: ObjectId, b: ObjectId) -> Option<bool> {
        if a == b {
            return Some(true);
        }
        match (self.heap.payload(a), self.heap.payload(b)) {
            (Payload::Str(x), Payload::Str(y)) => Some(x == y),
            (Payload::Bytes(x), Payload::Bytes(y)) => Some(x == y),
            (Payload::Int(_) | Payload::Bool(_) | Payload::Float(_), Payload::Int(_) | Payload::Bool(_) | Payload::Float(_)) => {
                Some(num_eq(&self.num(a)?, &self.num(b)?))
            }
            (Payload::Complex(..), _) | (_, Payload::Complex(..)) => match (self.as_complex(a), self.as_complex(b)) {
                (Some(x), Some(y)) => Some(x == y),
                _ => Some(false),
            },
            (Payload::None, _) | (_, Payload::None) => Some(false),
            (Payload::Str(_), Payload::Int(_) | Payload::Float(_) | Payload::Bool(_) | Payload::Tuple(_))
            | (Payload::Int(_) | Payload::Float(_) | Payload::Bool(_) | Payload::Tuple(_), Payload::Str(_)) => Some(false),
            (Payload::Tuple(x), Payload::Tuple(y)) => {
                if x.len() != y.len() {
                    return Some(false);
                }
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.fast_eq(*p, *q)? {
                        return Some(false);
                    }
                }
                Some(true)
            }
            (Payload::Instance(_) | Payload::Ext(_), _) | (_, Payload::Instance(_) | Payload::Ext(_)) => None,
            (Payload::List(_), Payload::List(_)) | (Payload::Dict(_), Payload::Dict(_)) => None,
            (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => None,
            _ => Some(false),
        }
    }

    /// `a == b` as a bool (runs `__eq__` when needed).
    pub fn eq_bool(&mut self, a: ObjectId, b: ObjectId) -> R<bool> {
        if let Some(r) = self.fast_eq(a, b) {
            return Ok(r);
        }
        let v = self.compare(a, b, CmpOp::Eq)?;
        let r = self.truthy(v);
        self.decref(v);
        r
    }

    /// Rich comparison; returns a new reference (usually a bool).
    pub fn compare(&mut self, a: ObjectId, b: ObjectId, op: CmpOp) -> R<ObjectId> {
        if let (Payload::Int(Int::Small(x)), Payload::Int(Int::Small(y))) = (self.heap.payload(a), self.heap.payload(b)) {
            let r = cmp_holds(op, x.cmp(y));
            return Ok(self.bool_ref(r));
        }
        if let Some(r) = self.builtin_compare(a, b, op)? {
            return Ok(self.bool_ref(r));
        }
        // User classes: the reflected method of the right operand first when
        // it is a subclass; otherwise left, then reflected.
        if let Some(v) = self.call_dunder(a, op.dunder(), &[b])? {
            if v != self.wk.not_implemented {
                return Ok(v);
            }
            self.decref(v);
        }
        if let Some(v) = self.call_dunder(b, op.swapped().dunder(), &[a])? {
            if v != self.wk.not_implemented {
                return Ok(v);
            }
            self.decref(v);
        }
        match op {
            CmpOp::Eq => Ok(self.bool_ref(a == b)),
            CmpOp::Ne => Ok(self.bool_ref(a != b)),
            _ => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.error(
                    "TypeError",
                    &format!("'{}' not supported between instances of '{ta}' and '{tb}'", op.symbol()),
                ))
            }
        }
    }

    fn builtin_compare(&mut self, a: ObjectId, b: ObjectId, op: CmpOp) -> R<Option<bool>> {
        use std::cmp::Ordering;
        let ord: Option<Ordering> = match (self.heap.payload(a), self.heap.payload(b)) {
            (Payload::Int(_) | Payload::Bool(_) | Payload::Float(_), Payload::Int(_) | Payload::Bool(_) | Payload::Float(_)) => {
                let (x, y) = (self.num(a).expect("num"), self.num(b).expect("num"));
                match num_cmp(&x, &y) {
                    Some(o) => Some(o),
                    None => return Ok(Some(op == CmpOp::Ne)),
                }
            }
            (Payload::Str(x), Payload::Str(y)) => Some(x.cmp(y)),
            (Payload::Bytes(x), Payload::Bytes(y)) => Some(x.cmp(y)),
            (Payload::Tuple(_), Payload::Tuple(_)) | (Payload::List(_), Payload::List(_)) => {
                return self.sequence_compare(a, b, op).map(Some);
            }
            (Payload::Set(_) | Payload::FrozenSet(_), Payload::Set(_) | Payload::FrozenSet(_)) => {
                return self.set_compare(a, b, op).map(Some);
            }
            (Payload::Range(ra), Payload::Range(rb))
                if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
            {
                let (crate::heap::RangeObj { start: a0, stop: a1, step: a2 }, crate::heap::RangeObj { start: b0, stop: b1, step: b2 }) = (**ra, **rb);
                let (la, lb) = (crate::vm::iter::range_len(a0, a1, a2), crate::vm::iter::range_len(b0, b1, b2));
                let eq = la == lb && (la == 0 || (a0 == b0 && (la == 1 || a2 == b2)));
                return Ok(Some(eq == (op == CmpOp::Eq)));
            }
            (Payload::Dict(_), Payload::Dict(_)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let eq = self.dict_eq(a, b)?;
                return Ok(Some(eq == (op == CmpOp::Eq)));
            }
            (Payload::WeakRef { target: x, .. }, Payload::WeakRef { target: y, .. }) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                let (x, y) = (*x, *y);
                let eq = if x != crate::heap::NULL && y != crate::heap::NULL { self.eq_bool(x, y)? } else { a == b };
                return Ok(Some(eq == (op == CmpOp::Eq)));
            }
            (Payload::Ext(_), _) | (_, Payload::Ext(_)) => match self.module_compare(a, b, op)? {
                Some(r) => return Ok(Some(r)),
                None if matches!(self.heap.payload(a), Payload::Instance(_)) || matches!(self.heap.payload(b), Payload::Instance(_)) => {
                    return Ok(None)
                }
                None if matches!(op, CmpOp::Eq | CmpOp::Ne) => return Ok(Some((a == b) == (op == CmpOp::Eq))),
                None => return Ok(None),
            },
            (Payload::Instance(_), _) | (_, Payload::Instance(_)) => return Ok(None),
            _ => {
                if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Some((a == b) == (op == CmpOp::Eq)));
                }
                return Ok(None);
            }
        };
        Ok(ord.map(|o| cmp_holds(op, o)))
    }

    fn sequence_compare(&mut self, a: ObjectId, b: ObjectId, op: CmpOp) -> R<bool> {
        let x = self.seq_items(a);
        let y = self.seq_items(b);
        if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
            return Ok(op == CmpOp::Ne);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq_bool(*p, *q)? {
                if op == CmpOp::Eq {
                    return Ok(false);
                }
                if op == CmpOp::Ne {
                    return Ok(true);
                }
                let v = self.compare(*p, *q, op)?;
                let r = self.truthy(v);
                self.decref(v);
                return r;
            }
        }
        let (lx, ly) = (x.len(), y.len());
        Ok(match op {
            CmpOp::Lt => lx < ly,
            CmpOp::Le => lx <= ly,
            CmpOp::Eq => lx == ly,
            CmpOp::Ne => lx != ly,
            CmpOp::Gt => lx > ly,
            CmpOp::Ge => lx >= ly,
        })
    }

    fn set_compare(&mut self, a: ObjectId, b: ObjectId, op: CmpOp) -> R<bool> {
        let subset = |vm: &mut Vm, x: ObjectId, y: ObjectId| -> R<bool> {
            for k in vm.set_keys(x) {
                if !vm.set_contains(y, k)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        let (la, lb) = (self.set_len(a), self.set_len(b));
        Ok(match op {
            CmpOp::Eq => la == lb && subset(self, a, b)?,
            CmpOp::Ne => !(la == lb && subset(self, a, b)?),
            CmpOp::Le => subset(self, a, b)?,
            CmpOp::Lt => la < lb && subset(self, a, b)?,
            CmpOp::Ge => subset(self, b, a)?,
            CmpOp::Gt => la > lb && subset(self, b, a)?,
        })
    }

    fn dict_eq(&mut self, a: ObjectId, b: ObjectId) -> R<bool> {
        if self.dict_len(a) != self.dict_len(b) {
            return Ok(false);
        }
        for (k, v) in self.dict_entries(a) {
            match self.dict_get(b, k)? {
                Some(w) => {
                    if !self.eq_bool(v, w)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Items of a tuple or list (borrowed).
    pub fn seq_items(&self, s: ObjectId) -> Vec<ObjectId> {
        match self.heap.payload(s) {
            Payload::Tuple(t) => t.to_vec(),
            Payload::List(l) => l.items.clone(),
            _ => Vec::new(),
        }
    }

    pub fn tuple_items(&self, t: ObjectId) -> Vec<ObjectId> {
        match self.heap.payload(t) {
            Payload::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        }
    }

    pub fn tuple_len(&self, t: ObjectId) -> usize {
        match self.heap.payload(t) {
            Payload::Tuple(t) => t.len(),
            _ => 0,
        }
    }

    /// `hash(v)`.
    pub fn hash(&mut self, v: ObjectId) -> R<i64> {
        Ok(match self.heap.payload(v) {
            Payload::Int(i) => int_hash(i),
            Payload::Bool(b) => *b as i64,
            Payload::Float(f) => float_hash(*f),
            Payload::Complex(r, i) => {
                let h = (float_hash(*r) as u64).wrapping_add(1000003u64.wrapping_mul(float_hash(*i) as u64)) as i64;
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
            Payload::Str(s) => crate::vm::dict::str_hash(s),
            Payload::Bytes(b) => crate::vm::dict::str_hash(&String::from_utf8_lossy(b)),
            Payload::Tuple(t) => {
                let items = t.to_vec();
                let mut hashes = Vec::with_capacity(items.len());
                for i in items {
                    hashes.push(self.hash(i)?);
                }
                tuple_hash(&hashes)
            }
            Payload::FrozenSet(s) => {
                let keys = s.keys();
                let mut h: u64 = 0;
                for k in keys {
                    let x = self.hash(k)? as u64;
                    h ^= ((x ^ 89869747) ^ (x << 16)).wrapping_mul(3644798167);
                }
                h as i64
            }
            Payload::List(_) | Payload::Dict(_) | Payload::Set(_) => {
                let t = self.type_name(v);
                return Err(self.error("TypeError", &format!("unhashable type: '{t}'")));
            }
            Payload::Instance(_) => {
                let ty = self.heap.get(v).ty;
                if let Some(h) = self.lookup_type_attr(ty, "__hash__") {
                    if h == self.wk.none {
                        let t = self.type_name(v);
                        return Err(self.error("TypeError", &format!("unhashable type: '{t}'")));
                    }
                    if let Some(r) = self.call_dunder(v, "__hash__", &[])? {
                        let n = self.as_i64(r);
                        self.decref(r);
                        return match n {
                            Some(n) => Ok(if n == -1 { -2 } else { n }),
                            None => Err(self.error("TypeError", "__hash__ method should return an integer")),
                        };
                    }
                }
                pointer_hash(self.id_of(v))
            }
            Payload::Ext(_) => return self.module_hash(v),
            _ => pointer_hash(self.id_of(v)),
        })
    }
}

/// `_Py_HashPointer`: the address rotated right by 4 bits.
pub fn pointer_hash(addr: u64) -> i64 {
    let h = addr.rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// 3.8+ tuple hash (xxHash-based `tuplehash`).
pub fn tuple_hash(items: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc = P5;
    for &h in items {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        1546275796
    } else {
        acc as i64
    }
}

/// Whether `a op b` holds when `a` compares to `b` as `o`.
pub(crate) fn cmp_holds(op: CmpOp, o: std::cmp::Ordering) -> bool {
    match op {
        CmpOp::Lt => o.is_lt(),
        CmpOp::Le => o.is_le(),
        CmpOp::Eq => o.is_eq(),
        CmpOp::Ne => o.is_ne(),
        CmpOp::Gt => o.is_gt(),
        CmpOp::Ge => o.is_ge(),
    }
}

fn small_int_op(a: i64, b: i64, op: BinOp) -> Option<i64> {
    match op {
        BinOp::Add => a.checked_add(b),
        BinOp::Sub => a.checked_sub(b),
        BinOp::Mul => a.checked_mul(b),
        BinOp::FloorDiv if b != 0 => {
            let q = a.checked_div(b)?;
            Some(if (a % b != 0) && ((a < 0) != (b < 0)) { q - 1 } else { q })
        }
        BinOp::Mod if b != 0 => {
            let m = a.checked_rem(b)?;
            Some(if m != 0 && ((m < 0) != (b < 0)) { m + b } else { m })
        }
        BinOp::And => Some(a & b),
        BinOp::Or => Some(a | b),
        BinOp::Xor => Some(a ^ b),
        BinOp::Pow if (0..64).contains(&b) => a.checked_pow(b as u32),
        BinOp::LShift if (0..63).contains(&b) => {
            let r = a.checked_shl(b as u32)?;
            (r >> b == a).then_some(r)
        }
        BinOp::RShift if (0..64).contains(&b) => Some(a >> b),
        BinOp::RShift if b >= 64 => Some(if a < 0 { -1 } else { 0 }),
        _ => None,
    }
}

pub fn to_f64(n: &Num) -> f64 {
    match n {
        Num::I(v) => *v as f64,
        Num::B(b) => big_to_f64(b),
        Num::F(f) => *f,
    }
}

fn big_to_f64(b: &BigInt) -> f64 {
    b.to_f64().unwrap_or(f64::INFINITY)
}

fn to_big(n: &Num) -> BigInt {
    match n {
        Num::I(v) => BigInt::from(*v),
        Num::B(b) => b.clone(),
        Num::F(f) => BigInt::from(*f as i64),
    }
}

fn num_eq(a: &Num, b: &Num) -> bool {
    num_cmp(a, b) == Some(std::cmp::Ordering::Equal)
}

fn num_cmp(a: &Num, b: &Num) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Num::I(x), Num::I(y)) => Some(x.cmp(y)),
        (Num::F(x), Num::F(y)) => x.partial_cmp(y),
        (Num::F(f), i) => int_float_cmp(i, *f).map(std::cmp::Ordering::reverse),
        (i, Num::F(f)) => int_float_cmp(i, *f),
        _ => Some(to_big(a).cmp(&to_big(b))),
    }
}

/// Compares an int with a float exactly, as `float_richcompare` does
/// (`10**25 == 1e25` is False: the float is not exactly that integer).
fn int_float_cmp(i: &Num, f: f64) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 { Ordering::Less } else { Ordering::Greater });
    }
    let fi = f.trunc();
    let big_f: BigInt = num_traits::FromPrimitive::from_f64(fi).unwrap_or_default();
    match to_big(i).cmp(&big_f) {
        Ordering::Equal => {
            let frac = f - fi;
            Some(if frac > 0.0 { Ordering::Less } else if frac < 0.0 { Ordering::Greater } else { Ordering::Equal })
        }
        other => Some(other),
    }
}


/// `x + y` as one `Rc<str>`, copied once into its final buffer (building a
/// `String` first and converting it would copy every byte twice).
fn concat_str(x: &str, y: &str) -> std::rc::Rc<str> {
    use std::rc::Rc;
    let mut buf: Rc<[std::mem::MaybeUninit<u8>]> = Rc::new_uninit_slice(x.len() + y.len());
    let dst = Rc::get_mut(&mut buf).expect("a new Rc is unique");
    let (head, tail) = dst.split_at_mut(x.len());
    head.write_copy_of_slice(x.as_bytes());
    tail.write_copy_of_slice(y.as_bytes());
    // SAFETY: every byte was written just above; two UTF-8 strings one
    // after the other are UTF-8; `str` has the layout of `[u8]`.
    unsafe {
        let bytes: Rc<[u8]> = buf.assume_init();
        Rc::from_raw(Rc::into_raw(bytes) as *const str)
    }
}

#[cfg(test)]
mod concat_tests {
    #[test]
    fn concat_str_joins_any_utf8() {
        for (x, y) in [("", ""), ("abc", ""), ("", "é"), ("naïve ", "日本語🙂"), ("a".repeat(100).as_str(), "b")] {
            let joined = super::concat_str(x, y);
            assert_eq!(&*joined, format!("{x}{y}"));
        }
    }
}
