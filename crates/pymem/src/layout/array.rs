//! `array.array`: an 80-byte object and a `PyMem_Malloc` buffer of
//! `allocated * itemsize` bytes.
//!
//! Models Modules/arraymodule.c of CPython 3.11 (`newarrayobject`,
//! `array_resize`, `array_new`, `array___sizeof__`). Arrays made from a list,
//! tuple or array, and slices, repeats and concatenations, are sized
//! exactly; appending (also `array(tc, iterable)` for other iterables) and
//! `frombytes` grow the buffer by `n/16 + 3` (while fewer than 8 items) or
//! `n/16 + 7` slots over the new length. A shrink reallocates only when the
//! new length is 16 or more below the current one.

use serde::{Deserialize, Serialize};

use super::object::Builtin;
use super::{Buffer, Effect, Request};

/// The typecodes of 3.11 and their item sizes on 64-bit Linux (`'u'` is a
/// 4-byte `wchar_t`).
pub const TYPECODES: [(char, usize); 13] = [
    ('b', 1),
    ('B', 1),
    ('u', 4),
    ('h', 2),
    ('H', 2),
    ('i', 4),
    ('I', 4),
    ('l', 8),
    ('L', 8),
    ('q', 8),
    ('Q', 8),
    ('f', 4),
    ('d', 8),
];

/// The item size of a typecode, or `None` for a bad typecode.
pub fn itemsize(typecode: char) -> Option<usize> {
    TYPECODES
        .iter()
        .find(|&&(c, _)| c == typecode)
        .map(|&(_, s)| s)
}

/// The size state of one array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArrayState {
    /// `Py_SIZE`: the number of items.
    pub size: usize,
    /// `allocated`: item slots in the buffer (0 with no buffer).
    pub allocated: usize,
    /// `ob_descr->itemsize`.
    pub itemsize: usize,
}

impl ArrayState {
    /// `newarrayobject(type, n, descr)`: exactly `n` items, no buffer for 0.
    /// `array(tc)`, `array(tc, list_or_tuple_or_array)`, slices, `a * k`,
    /// `a + b`.
    pub const fn exact(itemsize: usize, n: usize) -> ArrayState {
        ArrayState {
            size: n,
            allocated: n,
            itemsize,
        }
    }

    /// `array(tc, iterable)` for an iterable that is not a list, tuple,
    /// array, bytes-like or str: an empty array appended `n` times.
    pub fn from_iterator(itemsize: usize, n: usize) -> (ArrayState, Vec<Effect>) {
        let mut a = ArrayState::exact(itemsize, 0);
        let effects = (0..n).flat_map(|_| a.resize(a.size + 1)).collect();
        (a, effects)
    }

    /// `array(tc, b)` for bytes-like `b` of `nbytes` bytes: `frombytes` into
    /// an empty array.
    pub fn from_bytes(itemsize: usize, nbytes: usize) -> (ArrayState, Vec<Effect>) {
        let mut a = ArrayState::exact(itemsize, 0);
        let effects = a.extend(nbytes / itemsize).into_iter().collect();
        (a, effects)
    }

    /// `sys.getsizeof`.
    pub const fn getsizeof(&self) -> usize {
        Builtin::Array.getsizeof() + self.allocated * self.itemsize
    }

    /// The buffer's request, if the array has one.
    pub const fn buffer_request(&self) -> Option<Request> {
        if self.allocated == 0 {
            None
        } else {
            Some(Request::mem(self.allocated * self.itemsize))
        }
    }

    /// `array_resize(self, newsize)`: `append` and `insert` (`newsize = size +
    /// 1`), `pop`/`remove`/deletions (`size - k`).
    pub fn resize(&mut self, newsize: usize) -> Option<Effect> {
        if self.allocated >= newsize && self.size < newsize + 16 && self.allocated > 0 {
            self.size = newsize;
            return None;
        }
        let from = self.buffer_request();
        if newsize == 0 {
            *self = ArrayState::exact(self.itemsize, 0);
            return from.map(|r| Effect::Free(Buffer::Items, r));
        }
        let extra = if self.size < 8 { 3 } else { 7 };
        self.allocated = (newsize >> 4) + extra + newsize;
        self.size = newsize;
        Some(Effect::Realloc {
            buffer: Buffer::Items,
            from,
            to: self.buffer_request()?,
        })
    }

    /// `frombytes`, `fromlist`, `fromunicode` and `extend` with an array:
    /// one resize by `n` items (none for 0). `extend` with another iterable
    /// appends one at a time.
    pub fn extend(&mut self, n: usize) -> Option<Effect> {
        if n == 0 {
            None
        } else {
            self.resize(self.size + n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_pattern() {
        let (mut a, _) = ArrayState::from_iterator(1, 0);
        let mut caps = vec![];
        for _ in 0..80 {
            a.resize(a.size + 1);
            if caps.last() != Some(&a.allocated) {
                caps.push(a.allocated);
            }
        }
        // (CPython's own comment in array_resize lists an older pattern.)
        assert_eq!(caps, [4, 8, 16, 25, 34, 44, 54, 65, 77, 89]);
    }

    #[test]
    fn sizes_of_small_arrays() {
        assert_eq!(ArrayState::exact(4, 0).getsizeof(), 80);
        assert_eq!(ArrayState::exact(4, 1).getsizeof(), 84);
        assert_eq!(ArrayState::from_iterator(4, 10).0.getsizeof(), 144);
        assert_eq!(ArrayState::from_bytes(1, 3).0.getsizeof(), 86);
    }
}
