//! Constant folding with the rules and limits of CPython 3.11's `Python/ast_opt.c`.
//!
//! An operation on constants is folded only if CPython folds it: the result must be
//! computable without raising (so `1/0` stays an operation), and the size guards of
//! `safe_multiply`, `safe_power`, `safe_lshift` and `safe_mod` hold:
//! `MAX_INT_SIZE` = 128 bits, `MAX_COLLECTION_SIZE` = 256 items, `MAX_STR_SIZE` = 4096
//! characters (str and bytes), `MAX_TOTAL_ITEMS` = 1024 nested items. Whether a result is
//! folded matters for identity and memory: a folded result is one constant object per
//! unit, an unfolded one is a new object every time the expression runs.
//!
//! Each function returns `None` when CPython would not fold (or when this port is not
//! sure to compute the identical value, e.g. int/float mixes beyond 2**53; those cases
//! then simply run at run time, which is always correct).

use num_bigint::{BigInt, Sign};
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::consts::Value;
use super::ir::{BinOp, UnaryOp};

/// `MAX_INT_SIZE`: bits.
pub(crate) const MAX_INT_SIZE: u64 = 128;
/// `MAX_COLLECTION_SIZE`: items of a repeated tuple.
pub(crate) const MAX_COLLECTION_SIZE: i64 = 256;
/// `MAX_STR_SIZE`: characters of a repeated str or bytes.
pub(crate) const MAX_STR_SIZE: i64 = 4096;
/// `MAX_TOTAL_ITEMS`: items including nested tuples.
pub(crate) const MAX_TOTAL_ITEMS: i64 = 1024;

/// Largest magnitude for which int <-> float conversion and int true division are exact
/// and correctly rounded by plain `f64` arithmetic.
const EXACT_FLOAT_INT: i64 = 1 << 53;

/// Folds a unary operation (`fold_unaryop`).
pub(crate) fn unary(op: UnaryOp, v: &Value) -> Option<Value> {
    match op {
        UnaryOp::Not => Some(Value::Bool(!v.is_true())),
        UnaryOp::Invert => int_of(v).map(|i| Value::Int(-(i + BigInt::one()))),
        UnaryOp::Pos => match v {
            Value::Bool(_) | Value::Int(_) => int_of(v).map(Value::Int),
            Value::Float(_) | Value::Complex(..) => Some(v.clone()),
            _ => None,
        },
        UnaryOp::Neg => match v {
            Value::Bool(_) | Value::Int(_) => int_of(v).map(|i| Value::Int(-i)),
            Value::Float(f) => Some(Value::Float(-f)),
            Value::Complex(re, im) => Some(Value::Complex(-re, -im)),
            _ => None,
        },
    }
}

/// Folds a binary operation (`fold_binop`).
pub(crate) fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    match op {
        BinOp::Add => add(a, b),
        BinOp::Sub => arith(
            a,
            b,
            |x, y| Some(x - y),
            |x, y| Some(x - y),
            |x, y| Some((x.0 - y.0, x.1 - y.1)),
        ),
        BinOp::Mul => multiply(a, b),
        BinOp::Div => true_divide(a, b),
        BinOp::FloorDiv => arith(
            a,
            b,
            |x, y| floor_divmod(x, y).map(|(q, _)| q),
            float_floor_div,
            |_, _| None,
        ),
        BinOp::Mod => {
            if matches!(a, Value::Str(_) | Value::Bytes(_)) {
                return None; // safe_mod: `%` formatting is never folded.
            }
            arith(
                a,
                b,
                |x, y| floor_divmod(x, y).map(|(_, r)| r),
                float_mod,
                |_, _| None,
            )
        }
        BinOp::Pow => power(a, b),
        BinOp::LShift => lshift(a, b),
        BinOp::RShift => rshift(a, b),
        BinOp::BitAnd => bitwise(a, b, |x, y| x & y, |x, y| x & y),
        BinOp::BitOr => bitwise(a, b, |x, y| x | y, |x, y| x | y),
        BinOp::BitXor => bitwise(a, b, |x, y| x ^ y, |x, y| x ^ y),
        BinOp::MatMul => None,
    }
}

/// Folds `container[index]` for str, bytes and tuple constants (`fold_subscr`).
pub(crate) fn subscript(container: &Value, index: &Value) -> Option<Value> {
    let i = int_of(index)?;
    let at = |len: usize| -> Option<usize> {
        let len = BigInt::from(len);
        let i = if i.is_negative() {
            &i + &len
        } else {
            i.clone()
        };
        if i.is_negative() || i >= len {
            None
        } else {
            i.to_usize()
        }
    };
    match container {
        Value::Str(s) => {
            let n = at(s.chars().count())?;
            s.chars().nth(n).map(|c| Value::Str(c.to_string()))
        }
        Value::Bytes(b) => b.get(at(b.len())?).map(|&x| Value::Int(BigInt::from(x))),
        Value::Tuple(items) => items.get(at(items.len())?).cloned(),
        _ => None,
    }
}

/// The int value of an int or bool.
fn int_of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Value::Int(i) => Some(i.clone()),
        _ => None,
    }
}

/// A float operand: a float, or an int that converts exactly.
fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        Value::Bool(_) | Value::Int(_) => {
            let i = int_of(v)?.to_i64()?;
            if i.abs() <= EXACT_FLOAT_INT {
                #[allow(clippy::cast_precision_loss)] // exact below 2**53
                Some(i as f64)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A complex operand: any number.
fn complex_of(v: &Value) -> Option<(f64, f64)> {
    match v {
        Value::Complex(re, im) => Some((*re, *im)),
        _ => float_of(v).map(|f| (f, 0.0)),
    }
}

fn is_number(v: &Value) -> bool {
    matches!(
        v,
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Complex(..)
    )
}

/// Applies an arithmetic operation with Python's numeric coercion: int (and bool) op int
/// gives an int, anything with a float a float, anything with a complex a complex.
fn arith(
    a: &Value,
    b: &Value,
    int: impl Fn(BigInt, BigInt) -> Option<BigInt>,
    float: impl Fn(f64, f64) -> Option<f64>,
    complex: impl Fn((f64, f64), (f64, f64)) -> Option<(f64, f64)>,
) -> Option<Value> {
    if !is_number(a) || !is_number(b) {
        return None;
    }
    if matches!(a, Value::Complex(..)) || matches!(b, Value::Complex(..)) {
        return complex(complex_of(a)?, complex_of(b)?).map(|(re, im)| Value::Complex(re, im));
    }
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        return float(float_of(a)?, float_of(b)?).map(Value::Float);
    }
    int(int_of(a)?, int_of(b)?).map(Value::Int)
}

/// `+`: numbers, or concatenation of two str, bytes or tuples (no size limit in 3.11).
fn add(a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Some(Value::Str(format!("{x}{y}"))),
        (Value::Bytes(x), Value::Bytes(y)) => {
            Some(Value::Bytes([x.as_slice(), y.as_slice()].concat()))
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            Some(Value::Tuple(x.iter().chain(y).cloned().collect()))
        }
        _ => arith(
            a,
            b,
            |x, y| Some(x + y),
            |x, y| Some(x + y),
            |x, y| Some((x.0 + y.0, x.1 + y.1)),
        ),
    }
}

/// Bit length of an int's magnitude (`_PyLong_NumBits`).
fn bits(i: &BigInt) -> u64 {
    i.bits()
}

/// `*` with `safe_multiply`'s guards.
fn multiply(a: &Value, b: &Value) -> Option<Value> {
    match (a, b) {
        (Value::Bool(_) | Value::Int(_), Value::Bool(_) | Value::Int(_)) => {
            let (x, y) = (int_of(a)?, int_of(b)?);
            if !x.is_zero() && !y.is_zero() && bits(&x) + bits(&y) > MAX_INT_SIZE {
                return None;
            }
            Some(Value::Int(x * y))
        }
        (Value::Bool(_) | Value::Int(_), _) if is_sequence(b) => repeat(b, &int_of(a)?),
        (_, Value::Bool(_) | Value::Int(_)) if is_sequence(a) => repeat(a, &int_of(b)?),
        _ => arith(
            a,
            b,
            |x, y| Some(x * y),
            |x, y| Some(x * y),
            |x, y| Some((x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0)),
        ),
    }
}

fn is_sequence(v: &Value) -> bool {
    matches!(v, Value::Str(_) | Value::Bytes(_) | Value::Tuple(_))
}

/// Sequence repetition `seq * n` under `MAX_STR_SIZE` / `MAX_COLLECTION_SIZE` /
/// `MAX_TOTAL_ITEMS`.
fn repeat(seq: &Value, n: &BigInt) -> Option<Value> {
    let size = match seq {
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        Value::Tuple(items) => items.len(),
        _ => return None,
    };
    // A count that does not fit a C long or an index is an error in CPython.
    let n = n.to_i64()?;
    if size == 0 {
        return Some(seq.clone()); // an empty sequence stays empty, whatever the count
    }
    let size = i64::try_from(size).ok()?;
    let limit = if matches!(seq, Value::Tuple(_)) {
        MAX_COLLECTION_SIZE
    } else {
        MAX_STR_SIZE
    };
    if n < 0 || n > limit / size {
        return None;
    }
    if n != 0 && matches!(seq, Value::Tuple(_)) && check_complexity(seq, MAX_TOTAL_ITEMS / n) < 0 {
        return None;
    }
    let times = usize::try_from(n.max(0)).ok()?;
    Some(match seq {
        Value::Str(s) => Value::Str(s.repeat(times)),
        Value::Bytes(b) => Value::Bytes(b.repeat(times)),
        Value::Tuple(items) => {
            Value::Tuple((0..times).flat_map(|_| items.iter().cloned()).collect())
        }
        _ => return None,
    })
}

/// `check_complexity`: the limit minus the number of items, nested tuples included;
/// negative when over the limit.
fn check_complexity(v: &Value, mut limit: i64) -> i64 {
    if let Value::Tuple(items) | Value::FrozenSet(items) = v {
        limit -= i64::try_from(items.len()).unwrap_or(i64::MAX);
        for item in items {
            if limit < 0 {
                break;
            }
            limit = check_complexity(item, limit);
        }
    }
    limit
}

/// `/`: always a float (or complex); int / int only while both fit in 53 bits, where
/// the `f64` division is the correctly rounded result CPython computes.
fn true_divide(a: &Value, b: &Value) -> Option<Value> {
    arith(
        a,
        b,
        |_, _| None,
        |x, y| if y == 0.0 { None } else { Some(x / y) },
        complex_divide,
    )
    .or_else(|| {
        let (x, y) = (int_of(a)?, int_of(b)?);
        if y.is_zero() {
            return None;
        }
        let (x, y) = (float_of(&Value::Int(x))?, float_of(&Value::Int(y))?);
        Some(Value::Float(x / y))
    })
}

/// `_Py_c_quot`: Smith's algorithm, as CPython computes complex division.
fn complex_divide(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_re, abs_im) = (b.0.abs(), b.1.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None; // ZeroDivisionError
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_im >= abs_re {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// Python's floor division and modulo of ints (`None` for a zero divisor).
fn floor_divmod(x: BigInt, y: BigInt) -> Option<(BigInt, BigInt)> {
    if y.is_zero() {
        return None;
    }
    let mut q = &x / &y;
    let mut r = &x % &y;
    if !r.is_zero() && (r.sign() == Sign::Minus) != (y.sign() == Sign::Minus) {
        q -= 1;
        r += &y;
    }
    Some((q, r))
}

/// `float_floor_div` (via `_float_div_mod`).
fn float_floor_div(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 && ((wx < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let mut floordiv = div.floor();
        if div - floordiv > 0.5 {
            floordiv += 1.0;
        }
        Some(floordiv)
    } else {
        Some(0.0_f64.copysign(vx / wx))
    }
}

/// `float_rem`.
fn float_mod(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0_f64.copysign(wx);
    }
    Some(m)
}

/// `**` with `safe_power`'s guard. Negative int exponents and floats go through `f64`
/// pow; cases where CPython special-cases or raises (zero to a negative power, a
/// negative base to a fractional power, overflow, non-finite operands) are not folded.
fn power(a: &Value, b: &Value) -> Option<Value> {
    if !is_number(a) || !is_number(b) {
        return None;
    }
    if matches!(a, Value::Complex(..)) || matches!(b, Value::Complex(..)) {
        return complex_power(complex_of(a)?, complex_of(b)?)
            .map(|(re, im)| Value::Complex(re, im));
    }
    if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
        if y.is_negative() {
            return float_power(float_of(a)?, float_of(b)?).map(Value::Float);
        }
        if !x.is_zero() && !y.is_zero() {
            let vbits = bits(&x);
            let wbits = y.to_u64()?;
            if vbits > MAX_INT_SIZE / wbits {
                return None;
            }
        }
        if x.is_zero() || x.is_one() {
            return Some(Value::Int(if y.is_zero() { BigInt::one() } else { x }));
        }
        return Some(Value::Int(x.pow(y.to_u32()?)));
    }
    float_power(float_of(a)?, float_of(b)?).map(Value::Float)
}

/// `complex_pow` for integral exponents up to 100 (`c_powi`: binary powering with
/// `_Py_c_prod`, a reciprocal through `_Py_c_quot`); other exponents use the polar
/// form, which is not folded here.
fn complex_power(x: (f64, f64), y: (f64, f64)) -> Option<(f64, f64)> {
    if y.1 != 0.0 || y.0 != y.0.floor() || y.0.abs() > 100.0 {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // integral and at most 100 in magnitude
    let n = y.0 as i64;
    let prod = |a: (f64, f64), b: (f64, f64)| (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0);
    let powu = |mut p: (f64, f64), n: i64| {
        let mut r = (1.0, 0.0);
        let mut mask = 1i64;
        while mask > 0 && n >= mask {
            if n & mask != 0 {
                r = prod(r, p);
            }
            mask <<= 1;
            p = prod(p, p);
        }
        r
    };
    let r = if n > 0 {
        powu(x, n)
    } else {
        complex_divide((1.0, 0.0), powu(x, -n))?
    };
    (r.0.is_finite() && r.1.is_finite()).then_some(r)
}

fn float_power(x: f64, y: f64) -> Option<f64> {
    if y == 0.0 {
        return Some(1.0);
    }
    if !x.is_finite() || !y.is_finite() || (x == 0.0 && y < 0.0) || (x < 0.0 && y.fract() != 0.0) {
        return None;
    }
    let r = x.powf(y);
    r.is_finite().then_some(r)
}

/// A non-negative shift count; `None` (ValueError) for a negative one.
fn shift_count(v: &Value) -> Option<BigInt> {
    let n = int_of(v)?;
    (!n.is_negative()).then_some(n)
}

/// `<<` with `safe_lshift`'s guard.
fn lshift(a: &Value, b: &Value) -> Option<Value> {
    let x = int_of(a)?;
    let n = shift_count(b)?;
    if x.is_zero() || n.is_zero() {
        return Some(Value::Int(x));
    }
    let wbits = n.to_u64()?;
    if wbits > MAX_INT_SIZE || bits(&x) > MAX_INT_SIZE - wbits {
        return None;
    }
    Some(Value::Int(x << usize::try_from(wbits).ok()?))
}

/// `>>` (no size guard: the result only shrinks).
fn rshift(a: &Value, b: &Value) -> Option<Value> {
    let x = int_of(a)?;
    let n = shift_count(b)?;
    Some(Value::Int(match n.to_usize() {
        Some(n) if n < usize::try_from(bits(&x)).unwrap_or(usize::MAX) + 1 => x >> n,
        _ => {
            if x.is_negative() {
                BigInt::from(-1)
            } else {
                BigInt::zero()
            }
        }
    }))
}

/// `&`, `|`, `^`: ints (two's complement), or bools giving a bool.
fn bitwise(
    a: &Value,
    b: &Value,
    int: impl Fn(&BigInt, &BigInt) -> BigInt,
    boolean: impl Fn(bool, bool) -> bool,
) -> Option<Value> {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => Some(Value::Bool(boolean(*x, *y))),
        _ => Some(Value::Int(int(&int_of(a)?, &int_of(b)?))),
    }
}
