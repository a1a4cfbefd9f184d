//! `str` objects: the four compact kinds of PEP 393 and their sizes.
//!
//! Models Objects/unicodeobject.c of CPython 3.11 (`PyUnicode_New`,
//! `unicode__sizeof__`). A string is one allocation: a header (48 bytes for
//! ASCII, 72 otherwise, which 3.12 shrinks) followed by its characters and a
//! NUL terminator, all in the width of the widest character. `PyUnicode_New`
//! asks `PyObject_Malloc` for exactly what `sys.getsizeof` reports (str is
//! not GC), so the request is the size; paths that build a string in a
//! buffer reallocate it to this size before returning it.

use serde::{Deserialize, Serialize};

use super::object::{PYOBJECT_HEAD, WORD};
use super::Request;

/// `sizeof(PyASCIIObject)`: header, length, hash, state bits (padded to a
/// word) and the legacy `wstr` pointer.
pub const ASCII_OBJECT: usize = PYOBJECT_HEAD + 4 * WORD;
/// `sizeof(PyCompactUnicodeObject)`: `PyASCIIObject` plus `utf8_length`,
/// `utf8` and `wstr_length`.
pub const COMPACT_UNICODE_OBJECT: usize = ASCII_OBJECT + 3 * WORD;

/// The storage kind of a compact string, decided by its largest code point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum StrKind {
    /// All code points below 128: `PyASCIIObject` header, 1 byte each.
    Ascii,
    /// Some code point in 128..=255: 1 byte each.
    Latin1,
    /// Some code point in 256..=65535: 2 bytes each.
    Ucs2,
    /// Some code point above 65535: 4 bytes each.
    Ucs4,
}

impl StrKind {
    /// The kind `PyUnicode_New` picks for a largest code point `maxchar`.
    pub const fn from_maxchar(maxchar: u32) -> StrKind {
        if maxchar < 0x80 {
            StrKind::Ascii
        } else if maxchar < 0x100 {
            StrKind::Latin1
        } else if maxchar < 0x10000 {
            StrKind::Ucs2
        } else {
            StrKind::Ucs4
        }
    }

    /// The kind of a Rust string's contents.
    pub fn of(s: &str) -> StrKind {
        StrKind::from_maxchar(s.chars().map(u32::from).max().unwrap_or(0))
    }

    /// Bytes per character (`PyUnicode_KIND`).
    pub const fn char_size(self) -> usize {
        match self {
            StrKind::Ascii | StrKind::Latin1 => 1,
            StrKind::Ucs2 => 2,
            StrKind::Ucs4 => 4,
        }
    }

    /// The header before the characters.
    pub const fn struct_size(self) -> usize {
        match self {
            StrKind::Ascii => ASCII_OBJECT,
            _ => COMPACT_UNICODE_OBJECT,
        }
    }
}

/// `sys.getsizeof` of a compact string of `len` code points.
pub const fn getsizeof(kind: StrKind, len: usize) -> usize {
    kind.struct_size() + (len + 1) * kind.char_size()
}

/// The request `PyUnicode_New(len, maxchar)` makes. Check
/// [`is_cached_singleton`] first: those strings are never allocated.
pub const fn request(kind: StrKind, len: usize) -> Request {
    Request::obj(getsizeof(kind, len))
}

/// `''` and the 256 one-character strings with a code point below 256 are
/// static objects in 3.11; `chr()`, indexing, slicing, `split()` pieces and
/// `s * 0` / concatenations that produce them return the cached object.
/// (A one-character literal in source is a separate constant, see
/// `cpython-facts` §7.)
pub const fn is_cached_singleton(len: usize, maxchar: u32) -> bool {
    len == 0 || (len == 1 && maxchar < 0x100)
}

/// What `sys.getsizeof` adds once a non-ASCII string's UTF-8 form has been
/// cached in it (`PyUnicode_AsUTF8AndSize`: the C API asking for a `char *`,
/// e.g. a str passed as an identifier); `print()` and `str.encode()` do not
/// cache. ASCII strings are their own UTF-8 and never grow.
pub const fn utf8_cache_extra(kind: StrKind, utf8_len: usize) -> usize {
    match kind {
        StrKind::Ascii => 0,
        _ => utf8_len + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_sizes() {
        assert_eq!(ASCII_OBJECT, 48);
        assert_eq!(COMPACT_UNICODE_OBJECT, 72);
    }

    #[test]
    fn getsizeof_per_kind() {
        assert_eq!(getsizeof(StrKind::Ascii, 0), 49);
        assert_eq!(getsizeof(StrKind::of("a"), 1), 50);
        assert_eq!(getsizeof(StrKind::of("éé"), 2), 75);
        assert_eq!(getsizeof(StrKind::of("€€"), 2), 78);
        assert_eq!(getsizeof(StrKind::of("😀😀"), 2), 84);
    }
}
