//! Free lists and caches of CPython 3.11: how many objects each keeps.
//!
//! The heap models the lists themselves; this module only states their
//! capacities and which objects qualify (Include/internal/pycore_floatobject.h,
//! pycore_tuple.h, pycore_list.h, pycore_dict.h, pycore_genobject.h,
//! pycore_context.h, and the slice cache in Objects/sliceobject.c). An object
//! taken from a free list costs no allocation; one pushed on a free list is
//! not freed, so tracemalloc keeps counting it. A full collection
//! (`gc.collect()` or an automatic generation-2 collection) empties them all.

use serde::{Deserialize, Serialize};

/// `PyFloat_MAXFREELIST`.
pub const PYFLOAT_MAXFREELIST: usize = 100;
/// `PyTuple_MAXSAVESIZE`: tuples of 1..=20 items have free lists.
pub const PYTUPLE_MAXSAVESIZE: usize = 20;
/// `PyTuple_MAXFREELIST`: per tuple size.
pub const PYTUPLE_MAXFREELIST: usize = 2000;
/// `PyList_MAXFREELIST`: list objects (their item arrays are always freed).
pub const PYLIST_MAXFREELIST: usize = 80;
/// `PyDict_MAXFREELIST`: dict objects, and separately minimum-size str-only
/// keys objects.
pub const PYDICT_MAXFREELIST: usize = 80;
/// `_PyAsyncGen_MAXFREELIST`: for each of the two async generator helpers.
pub const PYASYNCGEN_MAXFREELIST: usize = 80;
/// `PyContext_MAXFREELIST`.
pub const PYCONTEXT_MAXFREELIST: usize = 255;
/// The interpreter's one-slot slice cache (`interp->slice_cache`).
pub const SLICE_CACHE: usize = 1;

/// A free list or cache the heap keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FreeList {
    /// Exact floats (`PyFloat_FromDouble`).
    Float,
    /// Exact tuples of `n` items, `1 <= n <= 20` (`tuple_alloc`).
    Tuple(usize),
    /// Exact list objects made by `PyList_New` (displays, comprehensions,
    /// slices, copies); `list(...)` called as a type allocates with
    /// `PyType_GenericAlloc` and does not take from the list, though any
    /// exact list goes back on it when freed.
    List,
    /// Exact dict objects made by `PyDict_New`/`new_dict` (`{}`, displays,
    /// comprehensions, copies, materialised instance dicts); `dict(...)` as
    /// a type does not take from it.
    Dict,
    /// Keys objects of 8 slots with only str keys.
    DictKeys,
    /// Slice objects (`PySlice_New`, built for every `a[i:j]` in 3.11).
    Slice,
}

impl FreeList {
    /// How many objects the list keeps.
    pub const fn capacity(self) -> usize {
        match self {
            FreeList::Float => PYFLOAT_MAXFREELIST,
            FreeList::Tuple(_) => PYTUPLE_MAXFREELIST,
            FreeList::List => PYLIST_MAXFREELIST,
            FreeList::Dict | FreeList::DictKeys => PYDICT_MAXFREELIST,
            FreeList::Slice => SLICE_CACHE,
        }
    }

    /// The free list for tuples of `n` items, if there is one (the empty
    /// tuple is a static singleton).
    pub const fn for_tuple(n: usize) -> Option<FreeList> {
        if n >= 1 && n <= PYTUPLE_MAXSAVESIZE {
            Some(FreeList::Tuple(n))
        } else {
            None
        }
    }

    /// Whether a full collection empties it (all but the slice cache).
    pub const fn cleared_by_full_collection(self) -> bool {
        !matches!(self, FreeList::Slice)
    }
}
