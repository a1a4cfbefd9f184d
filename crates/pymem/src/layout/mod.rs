//! Object layout: how big CPython 3.11 (64-bit Linux) objects are, and which
//! allocations CPython makes to create and grow them.
//!
//! Every object answers two questions. `sys.getsizeof` reports the object's
//! own `__sizeof__` plus its pre-header (the GC head, and for ordinary class
//! instances the managed-dict pointers); containers add their separately
//! allocated buffers. tracemalloc, on the other hand, records *requested*
//! sizes: the argument of each `PyObject_Malloc`, `PyMem_Malloc` or
//! `PyMem_RawMalloc`. The two differ (a one-digit int reports 28 bytes but
//! requests 32), and pymalloc then rounds each request up to a size class, so
//! the heap needs the requested sizes and the domain they go through.
//!
//! This module holds no objects. It is plain data and pure functions that the
//! heap and the interpreter call whenever they create or grow an object:
//!
//! - [`object`]: header constants, [`TypeLayout`] for every builtin type,
//!   heap-type (class) layouts, functions, generators and code objects;
//! - [`int`], [`unicode`], [`bytes`]: digit counts, string kinds, bytearray
//!   buffers;
//! - [`list`], [`dict`], [`set`], [`deque`], [`array`](mod@array): growth policies, as
//!   small state models that report [`Effect`]s (buffer allocations, frees and
//!   reallocations) in the order CPython makes them;
//! - [`instance`]: 3.11 shared keys and per-instance values arrays;
//! - [`freelist`]: free-list and cache capacities (the heap models the lists).
//!
//! Names follow CPython (`list_resize`, `dk_usable`, `leftindex`, ...), and
//! each doc comment names the CPython file it models. Numbers are derived from
//! a few constants; the tests compare them with `sys.getsizeof` and
//! tracemalloc measurements from the real interpreter
//! (`tests/data/getsizeof.tsv`, produced by `tests/data/gen_sizes.py`).
//!
//! # How the heap and the interpreter use it
//!
//! - **Creating an object**: allocate its struct with the request of its
//!   type — [`Builtin::request`] for fixed-size types,
//!   [`object::tuple_request`], [`int::from_value_request`] and the other
//!   `int` functions, [`unicode::request`], [`bytes::bytes_request`],
//!   [`TypeLayout::generic_alloc_request`] for instances of classes, and for
//!   containers the object request plus the buffers of the state the
//!   constructor function returns ([`list::ListState::display`],
//!   [`dict::DictState::display`], [`set::SetState::from_set`], ...). The
//!   constructors document which CPython path they follow, including the
//!   ones that bypass free lists (`list(...)` and `dict(...)` called as
//!   types use `PyType_GenericAlloc`).
//! - **Routing a request**: `Obj` and `Mem` go to pymalloc's `malloc`
//!   (which passes 0 and more than 512 bytes on to the raw allocator), `Raw`
//!   to `raw_malloc`; tracemalloc records `size` for all three.
//! - **Growing or shrinking**: call the state's operation
//!   (`append`, `insert`, `add`, `resize`, ...) and apply the returned
//!   [`Effect`]s in order.
//! - **Instances**: a class owns a [`instance::SharedKeys`]; `object.__new__`
//!   calls [`instance::SharedKeys::new_instance`] and allocates
//!   [`instance::values_request`] of the size it returns.
//! - **`sys.getsizeof`**: the state's `getsizeof`, or the type layout's.
//! - **Free lists**: [`freelist`] gives the capacities; a request that a free
//!   list can serve costs no allocation.

pub mod array;
pub mod bytes;
pub mod deque;
pub mod dict;
pub mod freelist;
pub mod instance;
pub mod int;
pub mod list;
pub mod object;
pub mod set;
pub mod unicode;

#[cfg(test)]
mod conformance_tests;
#[cfg(test)]
mod tsv_tests;

use serde::{Deserialize, Serialize};

pub use object::{Builtin, TypeLayout};

/// The allocator API a request goes through (CPython's `PYMEM_DOMAIN_*`).
///
/// `Obj` and `Mem` both go to pymalloc, which serves requests of 1..=512 bytes
/// and passes 0-byte and larger requests on to the raw allocator; `Raw` always
/// goes to `malloc`. tracemalloc traces all three in its domain 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Domain {
    /// `PyMem_RawMalloc`: libc malloc, never pymalloc.
    Raw,
    /// `PyMem_Malloc`: variable-size buffers (list items, values arrays, set
    /// tables, deque blocks, array buffers).
    Mem,
    /// `PyObject_Malloc`: object structs, dict keys, bytearray buffers.
    Obj,
}

/// One allocation request: the size handed to the allocator, and which API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Request {
    pub domain: Domain,
    pub size: usize,
}

impl Request {
    pub const fn obj(size: usize) -> Request {
        Request {
            domain: Domain::Obj,
            size,
        }
    }

    pub const fn mem(size: usize) -> Request {
        Request {
            domain: Domain::Mem,
            size,
        }
    }

    pub const fn raw(size: usize) -> Request {
        Request {
            domain: Domain::Raw,
            size,
        }
    }
}

/// Which separately allocated buffer of a container an [`Effect`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Buffer {
    /// A list's `ob_item` array or an `array.array`'s `ob_item`.
    Items,
    /// A dict's keys object (`PyDictKeysObject`), when the dict owns it.
    Keys,
    /// A split dict's or an instance's values array (`PyDictValues`).
    Values,
    /// A set's hash table once it outgrows the inline `smalltable`.
    Table,
    /// One 64-slot deque block.
    Block,
    /// A bytearray's `ob_bytes`.
    Bytes,
}

/// A change to a container's separate buffers, in the order CPython makes it.
///
/// When a buffer is replaced (a dict or set resize), the new buffer is
/// allocated first and the old one freed after the copy: `Alloc` comes before
/// the matching `Free`, and the `Free` refers to the buffer that was already
/// there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    Alloc(Buffer, Request),
    Free(Buffer, Request),
    /// `PyMem_Realloc` / `PyObject_Realloc` of an existing buffer (or of NULL,
    /// which is a plain allocation). A realloc to 0 bytes keeps a buffer: the
    /// allocator hands back a minimal block.
    Realloc {
        buffer: Buffer,
        from: Option<Request>,
        to: Request,
    },
}

/// `sizeof(PyObject *)` on a 64-bit build; also the alignment of
/// `_PyObject_VAR_SIZE`.
pub const POINTER_SIZE: usize = 8;

/// Round `n` up to a multiple of `to` (a power of two), as `_Py_SIZE_ROUND_UP`.
pub const fn round_up(n: usize, to: usize) -> usize {
    (n + to - 1) & !(to - 1)
}
