//! The cyclic garbage collector of CPython 3.11 (Modules/gcmodule.c), written
//! against an abstract host so it runs on the simulated heap and on hand-built
//! graphs in tests alike.
//!
//! Reference counting frees most objects; this collector finds the groups of
//! container objects that keep each other alive and nothing else reaches. It
//! is generational: newly tracked objects enter generation 0, survivors of a
//! collection move one generation older, and older generations are collected
//! less often (`threshold` 700, 10, 10, with the 25% `long_lived_pending` rule
//! for full collections).
//!
//! Code map:
//! - `state`: [`GcState`], the plain-data state (generations as ordered lists,
//!   counts, thresholds, flags, stats) and the bookkeeping the heap calls on
//!   each allocation, free, track and untrack.
//! - `list`: the doubly linked lists, kept in a side table indexed by
//!   [`ObjectId`](crate::ids::ObjectId).
//! - `host`: [`GcHost`], the object knowledge the collector borrows from the
//!   heap (refcounts, `tp_traverse`, finalizers, `tp_clear`, weakrefs,
//!   `gc.garbage`, callbacks, free lists).
//! - `collect`: [`collect()`] and the phases of `gc_collect_main`.
//! - `report`: [`CollectReport`], the bounded record of one collection.
//!
//! What the host does, and when:
//! - Allocating an object whose type has `Py_TPFLAGS_HAVE_GC` (tracked later
//!   or never, like an empty dict): reserve the object, then call
//!   [`gc_link`] (or `GcState::on_gc_alloc` and, if it returns a generation,
//!   [`collect()`] with [`Reason::Automatic`]), and only then
//!   [`GcState::track`] the object if its type tracks at creation. A
//!   free-list reuse is not an allocation: no call.
//! - Freeing a GC object's memory: [`GcState::forget`] (unlinks it from any
//!   list, even mid-collection, and clears its bits) and
//!   [`GcState::on_gc_dealloc`]. Not when it goes to a free list.
//! - `gc.collect(g)`: [`collect()`] with [`Reason::Manual`]; `None` means a
//!   collection is running and `gc.collect()` returns 0.
//!
//! Not modelled: the `DEBUG_STATS`/`DEBUG_COLLECTABLE`/`DEBUG_UNCOLLECTABLE`
//! printing (the flags are stored), `_PyGC_CollectNoFail` at shutdown, errors
//! raised by finalizers or callbacks (the host reports them as unraisable),
//! and everything of 3.12+ (deferred collection at the eval breaker, immortal
//! objects, the 2000 threshold, the incremental collector).

mod collect;
mod host;
mod list;
mod report;
mod state;

#[cfg(test)]
mod tests;

pub use collect::{collect, gc_link};
pub use host::{may_be_tracked, CallbackInfo, CallbackPhase, GcHost, Shape};
pub use list::GcList;
pub use report::{CollectReport, Reason, Sample, SAMPLE_LIMIT};
pub use state::{GcState, GenerationStats};

/// `NUM_GENERATIONS`.
pub const NUM_GENERATIONS: usize = 3;

/// `gc.DEBUG_STATS`: print statistics (stored, not printed).
pub const DEBUG_STATS: u32 = 1 << 0;
/// `gc.DEBUG_COLLECTABLE`: print collectable objects (stored, not printed).
pub const DEBUG_COLLECTABLE: u32 = 1 << 1;
/// `gc.DEBUG_UNCOLLECTABLE`: print uncollectable objects (stored, not printed).
pub const DEBUG_UNCOLLECTABLE: u32 = 1 << 2;
/// `gc.DEBUG_SAVEALL`: append all garbage to `gc.garbage` instead of freeing it.
pub const DEBUG_SAVEALL: u32 = 1 << 5;
/// `gc.DEBUG_LEAK`.
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;
