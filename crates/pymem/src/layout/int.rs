//! `int` objects: 30-bit digits, `sys.getsizeof`, and how many bytes each
//! way of making an int asks `PyObject_Malloc` for.
//!
//! Models Objects/longobject.c of CPython 3.11. `getsizeof` counts the
//! normalised digits (at least one, so 0 reports 28), but the request depends
//! on the path that made the int:
//!
//! - values computed in a C integer (`PyLong_FromLong`,
//!   `_PyLong_FromSTwoDigits`, `PyLong_FromDouble`) are small ints from the
//!   static cache (-5..=256, no allocation), "medium" ints (one digit)
//!   allocated as a whole `PyLongObject` of [`MEDIUM_REQUEST`] = 32 bytes, or
//!   exactly as many digits as the value needs;
//! - arithmetic on multi-digit ints allocates the result before knowing it
//!   (`x_add` one digit more than the longer operand, `x_mul` the sum of the
//!   operand sizes, ...) and never shrinks it, so `2**100 + 1` requests 44
//!   bytes and reports 40;
//! - `int(str)` allocates for the longest number its decimal length allows.
//!
//! [`binary_op_request`] and [`unary_op_request`] follow CPython's code path
//! for each operator, with a small magnitude arithmetic of their own to know
//! the values the C code sees. They describe the surviving result only:
//! temporaries (such as `x_divrem`'s working copies) are allocated and freed
//! inside the operation.

use serde::{Deserialize, Serialize};

use super::object::PYVAROBJECT_HEAD;
use super::{round_up, Request, POINTER_SIZE};

/// Bits per digit (`PyLong_SHIFT`).
pub const PYLONG_SHIFT: u32 = 30;
/// `PyLong_MASK`.
pub const PYLONG_MASK: u32 = (1 << PYLONG_SHIFT) - 1;
/// `sizeof(digit)`: digits are stored in `uint32_t`.
pub const DIGIT_SIZE: usize = 4;
/// `offsetof(PyLongObject, ob_digit)`.
pub const LONG_HEADER: usize = PYVAROBJECT_HEAD;
/// `sizeof(PyLongObject)`, what `_PyLong_FromMedium` asks for: one digit,
/// padded to a pointer multiple.
pub const MEDIUM_REQUEST: usize = round_up(LONG_HEADER + DIGIT_SIZE, POINTER_SIZE);
/// `_PY_NSMALLNEGINTS`: -5..=-1 are cached.
pub const NSMALLNEGINTS: i64 = 5;
/// `_PY_NSMALLPOSINTS`: 0..=256 are cached.
pub const NSMALLPOSINTS: i64 = 257;
/// `sys.int_info.default_max_str_digits`: `int(str)` refuses longer input.
pub const MAX_STR_DIGITS: usize = 4300;

/// An int as CPython stores it: a sign and the magnitude in 30-bit digits,
/// least significant first, with no leading zero digits (zero has none).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Long {
    pub negative: bool,
    pub digits: Vec<u32>,
}

/// Binary operators on two ints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IntOp {
    Add,
    Sub,
    Mul,
    FloorDiv,
    Mod,
    /// `a ** b` with `b >= 0` (a negative exponent gives a float).
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

/// Unary operators on an int.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IntUnaryOp {
    Neg,
    Pos,
    Abs,
    Invert,
}

/// `sys.getsizeof` of an int with `ndigits` digits (0 for zero).
pub const fn getsizeof(ndigits: usize) -> usize {
    LONG_HEADER + DIGIT_SIZE * if ndigits == 0 { 1 } else { ndigits }
}

/// `_PyLong_New(ndigits)`: the request for an int allocated with room for
/// `ndigits` digits (at least one).
pub const fn new_request(ndigits: usize) -> Request {
    Request::obj(getsizeof(ndigits))
}

/// Whether `v` is one of the statically allocated small ints.
pub const fn is_small(v: i128) -> bool {
    -(NSMALLNEGINTS as i128) <= v && v < NSMALLPOSINTS as i128
}

/// The request for an int made from a C integer or a float
/// (`PyLong_FromLong`, `PyLong_FromSsize_t`, `_PyLong_FromSTwoDigits`,
/// `PyLong_FromDouble`): `None` for a cached small int, [`MEDIUM_REQUEST`] for
/// one digit, else exactly the digits needed. `len()`, `hash()`, `range`
/// iteration, `enumerate` counters and medium-by-medium arithmetic make ints
/// this way.
pub fn from_value_request(v: &Long) -> Option<Request> {
    if v.is_small() {
        None
    } else if v.is_medium() {
        Some(Request::obj(MEDIUM_REQUEST))
    } else {
        Some(new_request(v.ndigits()))
    }
}

/// The request of `int(s)` for a decimal string with `ndecimal` digit
/// characters (signs, spaces and underscores excluded) and value `v`:
/// `PyLong_FromString` sizes for the largest value of that length,
/// `floor(ndecimal * log(10) / log(2**30)) + 1` digits, and does not shrink.
pub fn from_decimal_request(ndecimal: usize, v: &Long) -> Option<Request> {
    keep(decimal_size_z(ndecimal), v)
}

/// The request for an int literal in source code, made by the parser:
/// values that fit a C `long` go through `PyLong_FromLong`, longer ones
/// through `PyLong_FromString` (`ndecimal` as in [`from_decimal_request`]).
/// Literals are created at compile time, as constants of the code object.
pub fn literal_request(ndecimal: usize, v: &Long) -> Option<Request> {
    match v.to_i128() {
        Some(x) if i64::try_from(x).is_ok() => from_value_request(v),
        _ => from_decimal_request(ndecimal, v),
    }
}

/// The request for the length a new `range` computes and keeps
/// (`compute_range_length`): lengths that fit a C `long` are made by
/// `PyLong_FromLong`; longer ones come out of `(hi - lo - 1) // step + 1` in
/// int arithmetic, whose last `x_add` allocates one digit more than
/// `len - 1` has.
pub fn range_length_request(len: &Long) -> Option<Request> {
    match len.to_i128() {
        Some(n) if i64::try_from(n).is_ok() => from_value_request(len),
        _ => Some(new_request(len.sub(&Long::from_i128(1)).ndigits() + 1)),
    }
}

/// The request that holds the result of `a op b`, or `None` when the result
/// is a cached small int, one of the operands, or an error (division by
/// zero, a negative shift count, a negative exponent). Operands that are
/// bools behave as 0 and 1.
pub fn binary_op_request(op: IntOp, a: &Long, b: &Long) -> Option<Request> {
    match op {
        IntOp::Add => add_request(a, b),
        IntOp::Sub => sub_request(a, b),
        IntOp::Mul => mul_request(a, b),
        IntOp::FloorDiv => floordiv_request(a, b),
        IntOp::Mod => mod_request(a, b),
        IntOp::Pow => pow_request(a, b),
        IntOp::LShift => shift_count(b).and_then(|s| lshift_request(a, s)),
        IntOp::RShift => shift_count(b).and_then(|s| rshift_request(a, s)),
        IntOp::And | IntOp::Or | IntOp::Xor => bitwise_request(op, a, b),
    }
}

/// The request that holds the result of a unary operator on `a`, or `None`
/// when no int is allocated (`+a` and `abs()` of a non-negative int return
/// `a` itself).
pub fn unary_op_request(op: IntUnaryOp, a: &Long) -> Option<Request> {
    match op {
        IntUnaryOp::Neg => neg_request(a),
        IntUnaryOp::Pos => None,
        IntUnaryOp::Abs if a.negative => neg_request(a),
        IntUnaryOp::Abs => None,
        IntUnaryOp::Invert => {
            if a.is_medium() {
                from_value_request(&a.invert())
            } else {
                add_request(a, &Long::from_i128(1))
            }
        }
    }
}

impl Long {
    /// Zero.
    pub fn zero() -> Long {
        Long::default()
    }

    pub fn from_i128(v: i128) -> Long {
        let mut m = v.unsigned_abs();
        let mut digits = Vec::new();
        while m != 0 {
            digits.push((m as u32) & PYLONG_MASK);
            m >>= PYLONG_SHIFT;
        }
        Long {
            negative: v < 0,
            digits,
        }
    }

    /// From a magnitude in little-endian 32-bit words, the form
    /// `num_bigint::BigInt::to_u32_digits` returns (regrouped into 30-bit
    /// digits).
    pub fn from_words(negative: bool, words: &[u32]) -> Long {
        let mut digits = Vec::with_capacity(words.len() * 32 / 30 + 1);
        let (mut acc, mut nbits) = (0u64, 0u32);
        for &w in words {
            acc |= (w as u64) << nbits;
            nbits += 32;
            while nbits >= PYLONG_SHIFT {
                digits.push(acc as u32 & PYLONG_MASK);
                acc >>= PYLONG_SHIFT;
                nbits -= PYLONG_SHIFT;
            }
        }
        digits.push(acc as u32);
        Long::from_mag(negative, digits)
    }

    /// The value, if it fits in an `i128`.
    pub fn to_i128(&self) -> Option<i128> {
        if self.digits.len() > 128usize.div_ceil(PYLONG_SHIFT as usize) {
            return None;
        }
        let mut m: u128 = 0;
        for &d in self.digits.iter().rev() {
            m = m.checked_mul(1 << PYLONG_SHIFT)? | d as u128;
        }
        let m = i128::try_from(m).ok()?;
        Some(if self.negative { -m } else { m })
    }

    /// Number of 30-bit digits of the magnitude (`Py_ABS(Py_SIZE(x))`).
    pub fn ndigits(&self) -> usize {
        self.digits.len()
    }

    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    /// One of the cached small ints (-5..=256).
    pub fn is_small(&self) -> bool {
        match self.digits.len() {
            0 => true,
            1 => is_small(self.signed_digit()),
            _ => false,
        }
    }

    /// `IS_MEDIUM_VALUE`: at most one digit.
    pub fn is_medium(&self) -> bool {
        self.digits.len() <= 1
    }

    /// `sys.getsizeof` of this value.
    pub fn getsizeof(&self) -> usize {
        getsizeof(self.ndigits())
    }

    fn signed_digit(&self) -> i128 {
        let d = self.digits.first().copied().unwrap_or(0) as i128;
        if self.negative {
            -d
        } else {
            d
        }
    }

    fn from_mag(negative: bool, digits: Vec<u32>) -> Long {
        let digits = mag::norm(digits);
        Long {
            negative: negative && !digits.is_empty(),
            digits,
        }
    }

    fn neg(&self) -> Long {
        Long::from_mag(!self.negative, self.digits.clone())
    }

    fn abs(&self) -> Long {
        Long::from_mag(false, self.digits.clone())
    }

    fn add(&self, b: &Long) -> Long {
        if self.negative == b.negative {
            Long::from_mag(self.negative, mag::add(&self.digits, &b.digits))
        } else if mag::cmp(&self.digits, &b.digits).is_ge() {
            Long::from_mag(self.negative, mag::sub(&self.digits, &b.digits))
        } else {
            Long::from_mag(b.negative, mag::sub(&b.digits, &self.digits))
        }
    }

    fn sub(&self, b: &Long) -> Long {
        self.add(&b.neg())
    }

    fn mul(&self, b: &Long) -> Long {
        Long::from_mag(
            self.negative != b.negative,
            mag::mul(&self.digits, &b.digits),
        )
    }

    /// `~x` = `-(x+1)`.
    fn invert(&self) -> Long {
        self.add(&Long::from_i128(1)).neg()
    }
}

/// `floor(ndecimal * log(10) / log(PyLong_BASE)) + 1`, the digit count
/// `PyLong_FromString` allocates for a decimal string; the ratio is kept as a
/// fraction (exact for every length `int()` accepts).
fn decimal_size_z(ndecimal: usize) -> usize {
    const NUM: u128 = 110_730_936_496_245_411_595_677;
    const DEN: u128 = 1_000_000_000_000_000_000_000_000;
    (ndecimal as u128 * NUM / DEN) as usize + 1
}

/// An int allocated with `size` digits and holding `v` after
/// `maybe_small_long`: a small result is swapped for the cached object.
fn keep(size: usize, v: &Long) -> Option<Request> {
    if v.is_small() {
        None
    } else {
        Some(new_request(size))
    }
}

/// `x_add` allocates one digit more than the longer operand.
fn x_add_size(a: &Long, b: &Long) -> usize {
    a.ndigits().max(b.ndigits()) + 1
}

/// `x_sub` allocates the longer operand's size, or for operands of equal
/// size the digits below the highest one where they differ; `None` when the
/// magnitudes are equal (the result is 0).
fn x_sub_size(a: &Long, b: &Long) -> Option<usize> {
    let (sa, sb) = (a.ndigits(), b.ndigits());
    if sa != sb {
        return Some(sa.max(sb));
    }
    (0..sa)
        .rev()
        .find(|&i| a.digits[i] != b.digits[i])
        .map(|i| i + 1)
}

fn add_request(a: &Long, b: &Long) -> Option<Request> {
    let r = a.add(b);
    if a.is_medium() && b.is_medium() {
        from_value_request(&r)
    } else if a.negative == b.negative {
        Some(new_request(x_add_size(a, b)))
    } else {
        x_sub_size(a, b).and_then(|n| keep(n, &r))
    }
}

fn sub_request(a: &Long, b: &Long) -> Option<Request> {
    let r = a.sub(b);
    if a.is_medium() && b.is_medium() {
        from_value_request(&r)
    } else if a.negative != b.negative {
        Some(new_request(x_add_size(a, b)))
    } else {
        x_sub_size(a, b).and_then(|n| keep(n, &r))
    }
}

fn mul_request(a: &Long, b: &Long) -> Option<Request> {
    if a.is_medium() && b.is_medium() {
        from_value_request(&a.mul(b))
    } else if a.is_zero() || b.is_zero() {
        None
    } else {
        Some(new_request(a.ndigits() + b.ndigits()))
    }
}

fn neg_request(a: &Long) -> Option<Request> {
    if a.is_medium() {
        from_value_request(&a.neg())
    } else {
        Some(new_request(a.ndigits()))
    }
}

/// How `long_divrem`/`long_rem` produce the truncated quotient and remainder
/// of `|a|` by `|b|`.
enum DivRem {
    /// `|a| < |b|` (judged on sizes and top digits): quotient 0, remainder
    /// `a` itself.
    Smaller,
    /// A one-digit divisor: `divrem1` allocates a quotient of `a`'s size, the
    /// remainder is made with `PyLong_FromLong`.
    OneDigit { qsize: usize },
    /// `x_divrem`: a quotient of `qsize` digits and a remainder of the
    /// divisor's size.
    Long { qsize: usize, rsize: usize },
}

fn divrem_shape(a: &Long, b: &Long) -> DivRem {
    let (sa, sb) = (a.ndigits(), b.ndigits());
    if sa < sb || (sa == sb && a.digits[sa - 1] < b.digits[sb - 1]) {
        return DivRem::Smaller;
    }
    if sb == 1 {
        return DivRem::OneDigit { qsize: sa };
    }
    // x_divrem shifts both operands left until the divisor's top digit has
    // its high bit set; the quotient gets one more digit when that shift
    // carries out of the dividend or leaves its top digit >= the divisor's.
    let d = PYLONG_SHIFT - (32 - b.digits[sb - 1].leading_zeros());
    let v = mag::shl(&a.digits, d as usize);
    let w = mag::shl(&b.digits, d as usize);
    let carry = v.len() > sa;
    let size_v = if carry || v[sa - 1] >= w[sb - 1] {
        sa + 1
    } else {
        sa
    };
    DivRem::Long {
        qsize: size_v - sb,
        rsize: sb,
    }
}

/// The allocation of the truncated remainder `r` (sign of `a`) as
/// `long_divrem`/`long_rem` leave it.
fn remainder_request(shape: &DivRem, a: &Long, r_abs: &Long) -> Option<Request> {
    let positive = match shape {
        DivRem::Smaller => return None,
        DivRem::OneDigit { .. } => from_value_request(r_abs),
        DivRem::Long { rsize, .. } => keep(*rsize, r_abs),
    };
    // _PyLong_Negate flips a fresh object in place, but a cached small int
    // is replaced by PyLong_FromLong(-r).
    if a.negative && !r_abs.is_zero() && positive.is_none() {
        from_value_request(&r_abs.neg())
    } else {
        positive
    }
}

fn floordiv_request(a: &Long, b: &Long) -> Option<Request> {
    if b.is_zero() {
        return None;
    }
    let (q_abs, r_abs) = mag::divmod(&a.digits, &b.digits);
    let mixed = a.negative != b.negative;
    let q = Long::from_mag(mixed, q_abs);
    if a.is_medium() && b.is_medium() {
        let floor = if mixed && !r_abs.is_empty() {
            q.sub(&Long::from_i128(1))
        } else {
            q
        };
        return from_value_request(&floor);
    }
    let q_request = match divrem_shape(a, b) {
        DivRem::Smaller => None,
        DivRem::OneDigit { qsize } | DivRem::Long { qsize, .. } => keep(qsize, &q),
    };
    if mixed && !r_abs.is_empty() {
        // l_divmod rounds towards minus infinity with `div - 1`.
        sub_request(&q, &Long::from_i128(1))
    } else {
        q_request
    }
}

fn mod_request(a: &Long, b: &Long) -> Option<Request> {
    if b.is_zero() {
        return None;
    }
    let (_, r_abs) = mag::divmod(&a.digits, &b.digits);
    let r_abs = Long::from_mag(false, r_abs);
    if a.ndigits() == 1 && b.ndigits() == 1 {
        let r = if !r_abs.is_zero() && a.negative != b.negative {
            b.abs().sub(&r_abs)
        } else {
            r_abs
        };
        let r = if b.negative { r.neg() } else { r };
        return from_value_request(&r);
    }
    let shape = divrem_shape(a, b);
    let rem = if a.negative {
        r_abs.neg()
    } else {
        r_abs.clone()
    };
    if !rem.is_zero() && rem.negative != b.negative {
        // l_mod moves the remainder to the divisor's sign with `rem + b`.
        add_request(&rem, b)
    } else {
        remainder_request(&shape, a, &r_abs)
    }
}

fn shift_count(b: &Long) -> Option<usize> {
    if b.negative {
        return None;
    }
    b.to_i128().and_then(|s| usize::try_from(s).ok())
}

fn lshift_request(a: &Long, s: usize) -> Option<Request> {
    if a.is_zero() {
        return None;
    }
    let (ws, rs) = (s / PYLONG_SHIFT as usize, s % PYLONG_SHIFT as usize);
    let r = Long::from_mag(a.negative, mag::shl(&a.digits, s));
    if ws == 0 && a.is_medium() {
        return from_value_request(&r);
    }
    keep(a.ndigits() + ws + usize::from(rs != 0), &r)
}

fn rshift_request(a: &Long, s: usize) -> Option<Request> {
    if a.is_zero() {
        return None;
    }
    // Python's >> floors: -((|a| - 1) >> s) - 1 for negative a.
    let r = if a.negative {
        let m = Long::from_mag(false, mag::shr(&a.abs().sub(&Long::from_i128(1)).digits, s));
        m.add(&Long::from_i128(1)).neg()
    } else {
        Long::from_mag(false, mag::shr(&a.digits, s))
    };
    if a.is_medium() {
        return from_value_request(&r);
    }
    let (mut ws, rs) = (s / PYLONG_SHIFT as usize, s % PYLONG_SHIFT as usize);
    if a.negative && rs == 0 {
        if ws == 0 {
            return None;
        }
        ws -= 1;
    }
    if a.ndigits() <= ws {
        return None;
    }
    keep(a.ndigits() - ws, &r)
}

fn bitwise_request(op: IntOp, a: &Long, b: &Long) -> Option<Request> {
    let r = mag::bitwise(op, a, b);
    if a.is_medium() && b.is_medium() {
        return from_value_request(&r);
    }
    let (mut sa, mut sb, mut na, mut nb) = (a.ndigits(), b.ndigits(), a.negative, b.negative);
    if sa < sb {
        std::mem::swap(&mut sa, &mut sb);
        std::mem::swap(&mut na, &mut nb);
    }
    let (negz, size_z) = match op {
        IntOp::Xor => (na ^ nb, sa),
        IntOp::And => (na & nb, if nb { sa } else { sb }),
        _ => (na | nb, if nb { sb } else { sa }),
    };
    keep(size_z + usize::from(negz), &r)
}

/// `long_pow` for an exponent below 2**60: left-to-right binary
/// exponentiation, each step a `long_mul`; the result is the last product.
fn pow_request(a: &Long, e: &Long) -> Option<Request> {
    if e.negative {
        return None;
    }
    let Some(exp) = e.to_i128().and_then(|x| u64::try_from(x).ok()) else {
        // Exponents beyond 2**64 never finish; size the result exactly.
        return Some(new_request(a.ndigits()));
    };
    if exp == 0 {
        return None;
    }
    if exp == 1 {
        // `MULT(a, 1)` turns subclasses into int and copies.
        return mul_request(a, &Long::from_i128(1));
    }
    let mut z = a.clone();
    let mut last = None;
    for bit in (0..63 - exp.leading_zeros()).rev() {
        last = mul_request(&z, &z);
        z = z.mul(&z);
        if exp >> bit & 1 == 1 {
            last = mul_request(&z, a);
            z = z.mul(a);
        }
    }
    last
}

/// Magnitude arithmetic on little-endian 30-bit digit vectors, just enough to
/// know the values CPython's code paths test.
mod mag {
    use super::{IntOp, Long, PYLONG_MASK, PYLONG_SHIFT};
    use std::cmp::Ordering;

    const SHIFT: usize = PYLONG_SHIFT as usize;

    pub fn norm(mut v: Vec<u32>) -> Vec<u32> {
        while v.last() == Some(&0) {
            v.pop();
        }
        v
    }

    pub fn cmp(a: &[u32], b: &[u32]) -> Ordering {
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }

    pub fn add(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
        let mut carry = 0u32;
        for i in 0..a.len().max(b.len()) {
            let s = a.get(i).copied().unwrap_or(0) + b.get(i).copied().unwrap_or(0) + carry;
            out.push(s & PYLONG_MASK);
            carry = s >> PYLONG_SHIFT;
        }
        out.push(carry);
        norm(out)
    }

    /// `a - b` for `a >= b`.
    pub fn sub(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = Vec::with_capacity(a.len());
        let mut borrow = 0i64;
        for (i, &x) in a.iter().enumerate() {
            let mut d = x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
            borrow = i64::from(d < 0);
            if d < 0 {
                d += 1 << SHIFT;
            }
            out.push(d as u32);
        }
        norm(out)
    }

    pub fn mul(a: &[u32], b: &[u32]) -> Vec<u32> {
        if a.is_empty() || b.is_empty() {
            return Vec::new();
        }
        let mut out = vec![0u64; a.len() + b.len()];
        for (i, &x) in a.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &y) in b.iter().enumerate() {
                let t = out[i + j] + x as u64 * y as u64 + carry;
                out[i + j] = t & PYLONG_MASK as u64;
                carry = t >> SHIFT;
            }
            out[i + b.len()] += carry;
        }
        norm(out.into_iter().map(|d| d as u32).collect())
    }

    pub fn shl(a: &[u32], s: usize) -> Vec<u32> {
        let (ws, bs) = (s / SHIFT, s % SHIFT);
        let mut out = vec![0u32; ws];
        let mut carry = 0u64;
        for &d in a {
            let t = ((d as u64) << bs) | carry;
            out.push((t as u32) & PYLONG_MASK);
            carry = t >> SHIFT;
        }
        out.push(carry as u32);
        norm(out)
    }

    pub fn shr(a: &[u32], s: usize) -> Vec<u32> {
        let (ws, bs) = (s / SHIFT, s % SHIFT);
        if ws >= a.len() {
            return Vec::new();
        }
        let src = &a[ws..];
        let out = (0..src.len())
            .map(|i| {
                let hi = src.get(i + 1).copied().unwrap_or(0) as u64;
                ((((hi << SHIFT) | src[i] as u64) >> bs) as u32) & PYLONG_MASK
            })
            .collect();
        norm(out)
    }

    /// Truncated `(a / b, a % b)` of magnitudes, by binary long division.
    pub fn divmod(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
        if cmp(a, b) == Ordering::Less {
            return (Vec::new(), a.to_vec());
        }
        let nbits = a.len() * SHIFT;
        let mut q = vec![0u32; a.len()];
        let mut r: Vec<u32> = Vec::new();
        for bit in (0..nbits).rev() {
            r = shl(&r, 1);
            if a[bit / SHIFT] >> (bit % SHIFT) & 1 == 1 {
                if r.is_empty() {
                    r.push(1);
                } else {
                    r[0] |= 1;
                }
            }
            if cmp(&r, b) != Ordering::Less {
                r = sub(&r, b);
                q[bit / SHIFT] |= 1 << (bit % SHIFT);
            }
        }
        (norm(q), r)
    }

    /// `a op b` for `&`, `|`, `^` on two's complement values.
    pub fn bitwise(op: IntOp, a: &Long, b: &Long) -> Long {
        let n = a.digits.len().max(b.digits.len()) + 1;
        let twos = |x: &Long| -> Vec<u32> {
            let mut v: Vec<u32> = (0..n)
                .map(|i| x.digits.get(i).copied().unwrap_or(0))
                .collect();
            if x.negative {
                // Complement and add one, digit by digit.
                let mut carry = 1u32;
                for d in v.iter_mut() {
                    let t = (!*d & PYLONG_MASK) + carry;
                    *d = t & PYLONG_MASK;
                    carry = t >> SHIFT;
                }
            }
            v
        };
        let (x, y) = (twos(a), twos(b));
        let mut z: Vec<u32> = x
            .iter()
            .zip(&y)
            .map(|(p, q)| match op {
                IntOp::And => p & q,
                IntOp::Or => p | q,
                _ => p ^ q,
            })
            .collect();
        let negative = z[n - 1] >> (SHIFT - 1) & 1 == 1;
        if negative {
            let mut carry = 1u32;
            for d in z.iter_mut() {
                let t = (!*d & PYLONG_MASK) + carry;
                *d = t & PYLONG_MASK;
                carry = t >> SHIFT;
            }
        }
        Long::from_mag(negative, z)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(v: i128) -> Long {
        Long::from_i128(v)
    }

    fn size(r: Option<Request>) -> usize {
        r.map_or(0, |r| r.size)
    }

    #[test]
    fn getsizeof_by_digit_count() {
        let cases: [(i128, usize); 8] = [
            (0, 28),
            (1, 28),
            (-1, 28),
            ((1 << 30) - 1, 28),
            (1 << 30, 32),
            ((1 << 60) - 1, 32),
            (1 << 60, 36),
            (1 << 90, 40),
        ];
        for (v, expected) in cases {
            assert_eq!(l(v).getsizeof(), expected, "{v}");
        }
    }

    #[test]
    fn medium_ints_request_a_whole_pylongobject() {
        assert_eq!(MEDIUM_REQUEST, 32);
        assert_eq!(from_value_request(&l(256)), None);
        assert_eq!(from_value_request(&l(-5)), None);
        assert_eq!(size(from_value_request(&l(-6))), 32);
        assert_eq!(size(from_value_request(&l(257))), 32);
        assert_eq!(size(from_value_request(&l(1 << 30))), 32);
        assert_eq!(size(from_value_request(&l(1 << 60))), 36);
    }

    #[test]
    fn arithmetic_sizes_follow_the_c_code_paths() {
        let big = l(1 << 100);
        assert_eq!(size(binary_op_request(IntOp::Add, &big, &l(1))), 44);
        assert_eq!(size(binary_op_request(IntOp::Mul, &big, &l(3))), 44);
        assert_eq!(
            size(binary_op_request(IntOp::Sub, &l((1 << 100) + 1000), &big)),
            28
        );
        assert_eq!(
            binary_op_request(IntOp::Sub, &l((1 << 100) + 1), &big),
            None
        );
        assert_eq!(size(binary_op_request(IntOp::Pow, &l(1 << 40), &l(2))), 40);
        assert_eq!(size(binary_op_request(IntOp::Pow, &l(2), &l(100))), 40);
    }

    #[test]
    fn magnitude_helpers_agree_with_i128() {
        let vals: [i128; 9] = [
            0,
            1,
            -7,
            1000,
            -(1 << 31) + 5,
            1 << 45,
            (1 << 61) + 3,
            -(1 << 89),
            3 << 88,
        ];
        for &a in &vals {
            for &b in &vals {
                assert_eq!(l(a).add(&l(b)), l(a + b));
                assert_eq!(l(a).sub(&l(b)), l(a - b));
                if b != 0 {
                    let (q, r) = mag::divmod(&l(a).digits, &l(b).digits);
                    assert_eq!(Long::from_mag(false, q), l(a.abs() / b.abs()));
                    assert_eq!(Long::from_mag(false, r), l(a.abs() % b.abs()));
                }
                assert_eq!(mag::bitwise(IntOp::And, &l(a), &l(b)), l(a & b));
                assert_eq!(mag::bitwise(IntOp::Or, &l(a), &l(b)), l(a | b));
                assert_eq!(mag::bitwise(IntOp::Xor, &l(a), &l(b)), l(a ^ b));
            }
            assert_eq!(l(a).to_i128(), Some(a));
            assert_eq!(
                Long::from_mag(false, mag::shr(&l(a).digits, 31)),
                l(a.abs() >> 31)
            );
        }
    }

    #[test]
    fn from_words_regroups_bits() {
        let v: i128 = (1 << 100) + (7 << 61) + 12345;
        let words: Vec<u32> = (0..4).map(|i| (v >> (32 * i)) as u32).collect();
        assert_eq!(Long::from_words(true, &words), l(-v));
        assert_eq!(Long::from_words(false, &[]), Long::zero());
    }

    #[test]
    fn decimal_strings_size_for_their_length() {
        assert_eq!(decimal_size_z(9), 1);
        assert_eq!(decimal_size_z(10), 2);
        assert_eq!(decimal_size_z(30), 4);
        assert_eq!(size(from_decimal_request(5, &l(12345))), 28);
    }
}
