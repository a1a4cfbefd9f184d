//! Constant values and the per-unit constant pool that de-duplicates them.
//!
//! CPython merges equal constants across every code object of one `compile()` call
//! (`Python/compile.c`: `merge_consts_recursive`), keyed by `_PyCode_ConstantKey`: type
//! *and* value, so `1`, `1.0` and `True` stay apart, `0.0` and `-0.0` stay apart, and a
//! tuple is keyed by its items' keys. [`ConstPool`] does the same: equal constants get one
//! [`ConstId`], and the items of a constant tuple are pooled too, so `x = 1000` and
//! `t = (1000, 2)` share the `1000` object. This is why `x = 1000; y = 1000; x is y` is
//! true in a script (one unit) and false across two REPL inputs (two pools).
//!
//! [`Value`] is the owned form constant folding computes with; only values that survive
//! folding are added to the pool, so folded-away operands leave no objects behind.

use std::collections::HashMap;

use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use super::ir::{Const, ConstId};

/// A constant value before pooling: what literals and constant folding produce.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    None,
    Ellipsis,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Value>),
    FrozenSet(Vec<Value>),
}

impl Value {
    /// Python truthiness (`PyObject_IsTrue`) of a constant.
    pub(crate) fn is_true(&self) -> bool {
        match self {
            Value::None => false,
            Value::Ellipsis => true,
            Value::Bool(b) => *b,
            Value::Int(i) => !i.is_zero(),
            Value::Float(f) => *f != 0.0,
            Value::Complex(re, im) => *re != 0.0 || *im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Tuple(items) | Value::FrozenSet(items) => !items.is_empty(),
        }
    }

    /// Makes a frozenset from items, dropping later duplicates by Python equality
    /// (`{1, 1.0, True}` has one item, the `1`).
    pub(crate) fn frozenset(items: Vec<Value>) -> Value {
        let mut kept: Vec<Value> = Vec::with_capacity(items.len());
        for item in items {
            if !kept.iter().any(|k| py_eq(k, &item)) {
                kept.push(item);
            }
        }
        Value::FrozenSet(kept)
    }
}

/// Python `==` between constants, as far as set membership needs it.
fn py_eq(a: &Value, b: &Value) -> bool {
    use Value as V;
    match (a, b) {
        (V::None, V::None) | (V::Ellipsis, V::Ellipsis) => true,
        (V::Str(x), V::Str(y)) => x == y,
        (V::Bytes(x), V::Bytes(y)) => x == y,
        (V::Tuple(x), V::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (V::FrozenSet(x), V::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| py_eq(p, q)))
        }
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x.eq(&y),
            _ => false,
        },
    }
}

/// A number for cross-type equality: exact integers, or a complex of floats.
enum Number {
    Int(BigInt),
    Complex(f64, f64),
}

fn number(v: &Value) -> Option<Number> {
    match v {
        Value::Bool(b) => Some(Number::Int(BigInt::from(u8::from(*b)))),
        Value::Int(i) => Some(Number::Int(i.clone())),
        Value::Float(f) => Some(Number::Complex(*f, 0.0)),
        Value::Complex(re, im) => Some(Number::Complex(*re, *im)),
        _ => None,
    }
}

impl Number {
    fn eq(&self, other: &Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::Complex(re, im), Number::Complex(re2, im2)) => re == re2 && im == im2,
            (Number::Int(i), Number::Complex(re, im))
            | (Number::Complex(re, im), Number::Int(i)) => *im == 0.0 && float_equals_int(*re, i),
        }
    }
}

/// Exact comparison of a float with an int (Python compares them exactly).
fn float_equals_int(f: f64, i: &BigInt) -> bool {
    big_from_integral_float(f).is_some_and(|b| &b == i)
}

/// The exact int value of an integral, finite float.
pub(crate) fn big_from_integral_float(f: f64) -> Option<BigInt> {
    if !f.is_finite() || f.fract() != 0.0 {
        return None;
    }
    let bits = f.to_bits();
    let negative = bits >> 63 == 1;
    let exponent = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1u64 << 52) - 1);
    if exponent == 0 {
        return Some(BigInt::zero());
    }
    let mantissa = BigInt::from(fraction | (1u64 << 52));
    let shift = exponent - 1075;
    let magnitude = if shift >= 0 {
        mantissa << usize::try_from(shift).unwrap_or(0)
    } else {
        mantissa >> usize::try_from(-shift).unwrap_or(0)
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// The key constants are merged by: CPython's `_PyCode_ConstantKey` (type and value;
/// containers by their items' ids, which are already merged).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    None,
    Ellipsis,
    Bool(bool),
    Int(BigInt),
    /// Bits of a float: equal values share a key except `0.0` / `-0.0`.
    Float(u64),
    Complex(u64, u64),
    /// A NaN never equals another NaN constant, so each gets its own key.
    Unique(u32),
    Str(Box<str>),
    Bytes(Box<[u8]>),
    Tuple(Box<[ConstId]>),
    /// Sorted item ids: frozensets are equal whatever their order.
    FrozenSet(Box<[ConstId]>),
}

/// The constant pool of one compile unit.
#[derive(Debug)]
pub(crate) struct ConstPool {
    /// Id of the first constant of this unit (pools of earlier units come before).
    base: u32,
    entries: Vec<Const>,
    keys: HashMap<Key, ConstId>,
    /// Per entry: the parser made this object (a literal, or a constant the AST
    /// optimiser folded), so the parser's arena holds a reference to it.
    parsed: Vec<bool>,
}

impl ConstPool {
    /// An empty pool whose first constant will get id `base`.
    pub(crate) fn new(base: u32) -> ConstPool {
        ConstPool {
            base,
            entries: Vec::new(),
            keys: HashMap::new(),
            parsed: Vec::new(),
        }
    }

    /// The pooled constants, in id order, and the ids the parser's arena holds.
    pub(crate) fn into_entries(self) -> (Vec<Const>, Vec<u32>) {
        let base = self.base;
        let parsed = (0..self.entries.len())
            .filter(|&i| self.parsed[i])
            .map(|i| base + super::ir::to_u32(i))
            .collect();
        (self.entries, parsed)
    }

    /// Marks a pooled constant as made by the parser (see [`Unit::parsed`]).
    /// `items_only` is for containers the compiler builds from parsed items
    /// (a `[1, 2, 3]` display's tuple): only the items are the parser's.
    ///
    /// [`Unit::parsed`]: super::ir::Unit::parsed
    pub(crate) fn mark_parsed(&mut self, id: ConstId, items_only: bool) {
        let i = (id.0 - self.base) as usize;
        if !items_only {
            self.parsed[i] = true;
        }
        if let Const::Tuple(items) | Const::FrozenSet(items) = &self.entries[i] {
            for item in items.clone().iter() {
                self.mark_parsed(*item, false);
            }
        }
    }

    /// Adds a value (and, first, the items of a tuple or frozenset) and returns its id;
    /// an equal constant already in the pool is reused.
    pub(crate) fn add(&mut self, value: &Value) -> ConstId {
        let (key, constant) = match value {
            Value::None => (Key::None, Const::None),
            Value::Ellipsis => (Key::Ellipsis, Const::Ellipsis),
            Value::Bool(b) => (Key::Bool(*b), Const::Bool(*b)),
            Value::Int(i) => {
                let constant = match i.to_i64() {
                    Some(small) => Const::Int(small),
                    None => Const::BigInt(Box::new(i.clone())),
                };
                (Key::Int(i.clone()), constant)
            }
            Value::Float(f) => {
                let key = if f.is_nan() {
                    self.unique_key()
                } else {
                    Key::Float(f.to_bits())
                };
                (key, Const::Float(*f))
            }
            Value::Complex(re, im) => {
                let key = if re.is_nan() || im.is_nan() {
                    self.unique_key()
                } else {
                    Key::Complex(re.to_bits(), im.to_bits())
                };
                (key, Const::Complex { re: *re, im: *im })
            }
            Value::Str(s) => {
                let interned = is_name_like(s);
                (
                    Key::Str(s.as_str().into()),
                    Const::Str {
                        value: s.as_str().into(),
                        interned,
                    },
                )
            }
            Value::Bytes(b) => (
                Key::Bytes(b.as_slice().into()),
                Const::Bytes(b.as_slice().into()),
            ),
            Value::Tuple(items) => {
                let ids: Box<[ConstId]> = items.iter().map(|item| self.add(item)).collect();
                (Key::Tuple(ids.clone()), Const::Tuple(ids))
            }
            Value::FrozenSet(items) => {
                let ids: Box<[ConstId]> = items.iter().map(|item| self.add(item)).collect();
                let mut sorted = ids.to_vec();
                sorted.sort_unstable();
                sorted.dedup();
                (Key::FrozenSet(sorted.into()), Const::FrozenSet(ids))
            }
        };
        if let Some(&id) = self.keys.get(&key) {
            return id;
        }
        let id = ConstId(self.base + super::ir::to_u32(self.entries.len()));
        self.entries.push(constant);
        self.parsed.push(false);
        self.keys.insert(key, id);
        id
    }

    /// The id of the pool's `None` constant, adding it if needed.
    pub(crate) fn none(&mut self) -> ConstId {
        self.add(&Value::None)
    }

    fn unique_key(&self) -> Key {
        Key::Unique(super::ir::to_u32(self.entries.len()))
    }
}

/// CPython's `all_name_chars`: a str constant made only of `[A-Za-z0-9_]` is interned.
pub(crate) fn is_name_like(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
