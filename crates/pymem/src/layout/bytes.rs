//! `bytes` and `bytearray`: one allocation for bytes, an object plus a
//! growable buffer for bytearray.
//!
//! Models Objects/bytesobject.c (`_PyBytes_FromSize`, `PyBytesObject_SIZE`)
//! and Objects/bytearrayobject.c (`PyByteArray_Resize`, `bytearray_sizeof`)
//! of CPython 3.11. A bytearray's buffer holds its bytes plus a trailing NUL;
//! it is a `PyObject_Realloc`ed block that grows by about 1/8 when it grows a
//! little, to the exact size when it grows a lot, and shrinks to the exact
//! size only when it falls below half.

use serde::{Deserialize, Serialize};

use super::object::{Builtin, PYVAROBJECT_HEAD, WORD};
use super::{Buffer, Effect, Request};

/// `PyBytesObject_SIZE`: the var header, `ob_shash`, and `ob_sval[1]` (the
/// NUL terminator).
pub const BYTES_HEADER: usize = PYVAROBJECT_HEAD + WORD + 1;

/// `sys.getsizeof` of a bytes object of length `n`.
pub const fn bytes_getsizeof(n: usize) -> usize {
    BYTES_HEADER + n
}

/// The request for a bytes object of length `n`. Check
/// [`bytes_is_cached_singleton`] first.
pub const fn bytes_request(n: usize) -> Request {
    Request::obj(bytes_getsizeof(n))
}

/// `b''` and the 256 one-byte bytes objects are static; the paths through
/// `PyBytes_FromStringAndSize` (slices, `bytes()`, `bytes([65])`, decoding)
/// return them instead of allocating. Not every path checks: `b * 0`
/// allocates a new empty bytes object (and `b * 1` returns `b` itself).
pub const fn bytes_is_cached_singleton(n: usize) -> bool {
    n <= 1
}

/// The size state of a bytearray's buffer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ByteArrayState {
    /// `Py_SIZE`: the number of bytes.
    pub size: usize,
    /// `ob_alloc`: the buffer's size (0 while there is no buffer).
    pub alloc: usize,
    /// `ob_start - ob_bytes`: bytes deleted from the front are skipped, not
    /// moved, until the next resize.
    pub offset: usize,
}

impl ByteArrayState {
    /// `bytearray()`: no buffer. `bytearray(n)` and `bytearray(b)` then
    /// [`resize`](Self::resize) to `n` / `len(b)` (exactly `n + 1` bytes);
    /// `bytearray(iterable_of_ints)` appends one at a time.
    pub const fn new() -> ByteArrayState {
        ByteArrayState {
            size: 0,
            alloc: 0,
            offset: 0,
        }
    }

    /// `sys.getsizeof`: the object and its whole buffer.
    pub const fn getsizeof(&self) -> usize {
        Builtin::ByteArray.getsizeof() + self.alloc
    }

    /// The buffer's request, if there is a buffer.
    pub const fn buffer_request(&self) -> Option<Request> {
        if self.alloc == 0 {
            None
        } else {
            Some(Request::obj(self.alloc))
        }
    }

    /// `PyByteArray_Resize(self, size)`. `append` resizes to `size + 1`;
    /// `extend` with a bytes-like object and slice assignment resize to the
    /// new length. Returns the buffer change, if any.
    pub fn resize(&mut self, size: usize) -> Vec<Effect> {
        if size == self.size {
            return Vec::new();
        }
        let alloc = if size + self.offset < self.alloc {
            if size < self.alloc / 2 {
                // Major downsize: to exactly the new size.
                size + 1
            } else {
                // Minor downsize: keep the buffer.
                self.size = size;
                return Vec::new();
            }
        } else if size * 8 <= self.alloc * 9 {
            // Moderate upsize (at most 1/8 more than the buffer): overallocate
            // like list_resize.
            size + (size >> 3) + if size < 9 { 3 } else { 6 }
        } else {
            // Major upsize: exactly.
            size + 1
        };
        let old = self.buffer_request();
        let to = Request::obj(alloc);
        let effects = if self.offset > 0 {
            // A buffer with a skipped prefix is copied into a fresh one.
            let mut e = vec![Effect::Alloc(Buffer::Bytes, to)];
            e.extend(old.map(|r| Effect::Free(Buffer::Bytes, r)));
            e
        } else {
            vec![Effect::Realloc {
                buffer: Buffer::Bytes,
                from: old,
                to,
            }]
        };
        *self = ByteArrayState {
            size,
            alloc,
            offset: 0,
        };
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grown(n: usize) -> ByteArrayState {
        let mut b = ByteArrayState::new();
        b.resize(n);
        b
    }

    #[test]
    fn construction_from_a_length_is_exact() {
        let sizes: Vec<usize> = [0, 1, 10, 100]
            .iter()
            .map(|&n| grown(n).getsizeof())
            .collect();
        assert_eq!(sizes, [56, 58, 67, 157]);
    }

    #[test]
    fn append_overallocates() {
        let mut b = ByteArrayState::new();
        let mut allocs = vec![];
        for n in 1..=20 {
            b.resize(n);
            if allocs.last() != Some(&b.alloc) {
                allocs.push(b.alloc);
            }
        }
        assert_eq!(allocs, [2, 5, 8, 12, 19, 27]);
    }
}
