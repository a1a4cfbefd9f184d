//! `GcState`: everything CPython 3.11 keeps in `struct _gc_runtime_state`
//! (Include/internal/pycore_gc.h), as plain data, plus the bookkeeping entry
//! points the heap calls on every allocation, free, track and untrack.
//!
//! The state knows nothing about objects beyond their ids: which list each id
//! is on, in which order, and its header bits. Whatever needs to look inside an
//! object (refcounts, references, types) goes through [`GcHost`](super::GcHost)
//! during a collection.

use serde::{Deserialize, Serialize};

use super::list::{GcList, Lists, FINALIZED};
use super::NUM_GENERATIONS;
use crate::ids::ObjectId;

/// `struct gc_generation_stats`: what `gc.get_stats()` reports per generation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationStats {
    /// Number of collections of this generation.
    pub collections: u64,
    /// Objects collected by those collections.
    pub collected: u64,
    /// Uncollectable objects found by them (put into `gc.garbage`).
    pub uncollectable: u64,
}

/// The collector's state (`GCState`). Plain data: cloning it snapshots the
/// generations, their order and every counter.
///
/// `threshold` and `count` are C `int`s in CPython, so they are `i32` here:
/// `gc.set_threshold(-1)` is accepted by CPython and makes every allocation
/// trigger a collection, and this model does the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcState {
    /// `generations[i].threshold`; (700, 10, 10) by default.
    pub threshold: [i32; NUM_GENERATIONS],
    /// `generations[i].count`: for generation 0 the GC allocations minus
    /// deallocations since its last collection; for 1 and 2 the number of
    /// collections of the next younger generation since their own last one.
    pub count: [i32; NUM_GENERATIONS],
    /// `gc.isenabled()`: automatic collection on allocation.
    pub enabled: bool,
    /// `gc.set_debug()` flags (`DEBUG_SAVEALL` changes what a collection
    /// does; the printing flags are stored but print nothing).
    pub debug: u32,
    /// Objects that survived the last full collection.
    pub long_lived_total: usize,
    /// Objects moved into generation 2 by generation-1 collections since the
    /// last full collection.
    pub long_lived_pending: usize,
    /// A collection is running: no other may start (automatic or manual).
    pub collecting: bool,
    /// `generation_stats`, for `gc.get_stats()`.
    pub stats: [GenerationStats; NUM_GENERATIONS],
    pub(crate) lists: Lists,
}

impl Default for GcState {
    fn default() -> Self {
        GcState::new()
    }
}

impl GcState {
    /// The state at interpreter start-up: thresholds (700, 10, 10), enabled,
    /// nothing tracked.
    pub fn new() -> Self {
        GcState {
            threshold: [700, 10, 10],
            count: [0; NUM_GENERATIONS],
            enabled: true,
            debug: 0,
            long_lived_total: 0,
            long_lived_pending: 0,
            collecting: false,
            stats: [GenerationStats::default(); NUM_GENERATIONS],
            lists: Lists::default(),
        }
    }

    // ----- allocation bookkeeping (Modules/gcmodule.c) -----

    /// `_PyObject_GC_Link`, minus the collection itself: count one allocation
    /// of an object whose type has `Py_TPFLAGS_HAVE_GC` (tracked or not; a
    /// free-list reuse is not an allocation and must not be reported), then
    /// decide whether an automatic collection runs now.
    ///
    /// Returns the generation to collect, chosen as `gc_collect_generations`
    /// does. The host must then call [`collect`](fn@super::collect) with
    /// [`Reason::Automatic`](super::Reason::Automatic) *before* it tracks the
    /// new object, exactly where CPython collects: inside the allocation.
    /// `exception_set` is `_PyErr_Occurred()`: no automatic collection starts
    /// while an exception is being raised.
    pub fn on_gc_alloc(&mut self, exception_set: bool) -> Option<usize> {
        self.count[0] = self.count[0].wrapping_add(1);
        if self.count[0] > self.threshold[0]
            && self.enabled
            && self.threshold[0] != 0
            && !self.collecting
            && !exception_set
        {
            self.generation_to_collect()
        } else {
            None
        }
    }

    /// The scan of `gc_collect_generations`: the oldest generation whose count
    /// exceeds its threshold, except that generation 2 is skipped unless
    /// `long_lived_pending >= long_lived_total / 4` (issue #4074).
    pub fn generation_to_collect(&self) -> Option<usize> {
        (0..NUM_GENERATIONS).rev().find(|&i| {
            self.count[i] > self.threshold[i]
                && !(i == NUM_GENERATIONS - 1
                    && self.long_lived_pending < self.long_lived_total / 4)
        })
    }

    /// The count half of `PyObject_GC_Del`: one GC object's memory is freed
    /// (tracked or not; not when it goes to a free list).
    pub fn on_gc_dealloc(&mut self) {
        if self.count[0] > 0 {
            self.count[0] -= 1;
        }
    }

    // ----- tracking -----

    /// `_PyObject_GC_TRACK`: append at the tail of generation 0. Tracking an
    /// already tracked object is a fatal error in CPython and a no-op here
    /// (with a debug assertion).
    pub fn track(&mut self, op: ObjectId) {
        debug_assert!(!self.is_tracked(op), "{op:?} is already tracked");
        if !self.is_tracked(op) {
            self.lists.append(op, GcList::Gen0);
        }
    }

    /// `PyObject_GC_UnTrack`: unlink from whatever list the object is on
    /// (including a collection's temporary lists), keeping only FINALIZED.
    pub fn untrack(&mut self, op: ObjectId) {
        self.lists.untrack(op);
    }

    /// `gc.is_tracked()` for a GC object.
    pub fn is_tracked(&self, op: ObjectId) -> bool {
        self.lists.is_tracked(op)
    }

    /// The generation (0, 1, 2) holding `op`; `None` if it is untracked,
    /// frozen, or on one of a running collection's temporary lists.
    pub fn generation_of(&self, op: ObjectId) -> Option<usize> {
        self.lists.list_of(op).and_then(GcList::as_generation)
    }

    /// The list holding `op`, including the permanent generation and the
    /// temporary lists of a running collection.
    pub fn list_of(&self, op: ObjectId) -> Option<GcList> {
        self.lists.list_of(op)
    }

    /// The objects on `list`, in list order.
    pub fn list(&self, list: GcList) -> Vec<ObjectId> {
        self.lists.iter(list).collect()
    }

    /// Number of objects on `list`.
    pub fn list_len(&self, list: GcList) -> usize {
        self.lists.len(list)
    }

    /// `gc.get_objects(generation)`: one generation, or generations 0, 1 and
    /// 2 in that order; never the permanent generation. The caller leaves out
    /// the result list itself, as CPython's `append_objects` does.
    pub fn objects(&self, generation: Option<usize>) -> Vec<ObjectId> {
        match generation {
            Some(g) => self.list(GcList::generation(g)),
            None => (0..NUM_GENERATIONS)
                .flat_map(|g| self.lists.iter(GcList::generation(g)))
                .collect(),
        }
    }

    /// The object is being freed (`PyObject_GC_Del`'s unlink, and the fresh
    /// `_gc_prev = 0` a reused id gets): unlink it from any list, even a
    /// temporary list of a running collection, and clear its bits. Call
    /// [`on_gc_dealloc`](Self::on_gc_dealloc) too.
    pub fn forget(&mut self, op: ObjectId) {
        self.lists.forget(op);
    }

    // ----- PEP 442 -----

    /// `gc.is_finalized()`: `tp_finalize` already ran for this object.
    pub fn is_finalized(&self, op: ObjectId) -> bool {
        self.lists.has_flag(op, FINALIZED)
    }

    /// `_PyGC_SET_FINALIZED`: for the refcount path
    /// (`PyObject_CallFinalizer`), which also runs `__del__` only once.
    pub fn set_finalized(&mut self, op: ObjectId) {
        self.lists.set_flag(op, FINALIZED);
    }

    // ----- the gc module's knobs -----

    /// `gc.freeze()`: move every generation, in order 0, 1, 2, to the tail of
    /// the permanent generation, and zero all counts.
    pub fn freeze(&mut self) {
        for g in 0..NUM_GENERATIONS {
            self.lists.merge(GcList::generation(g), GcList::Permanent);
            self.count[g] = 0;
        }
    }

    /// `gc.unfreeze()`: move the permanent generation to the tail of
    /// generation 2.
    pub fn unfreeze(&mut self) {
        self.lists.merge(GcList::Permanent, GcList::Gen2);
    }

    /// `gc.get_freeze_count()`.
    pub fn get_freeze_count(&self) -> usize {
        self.lists.len(GcList::Permanent)
    }

    /// `gc.set_threshold(t0[, t1[, t2]])`: unspecified thresholds are kept.
    pub fn set_threshold(&mut self, t0: i32, t1: Option<i32>, t2: Option<i32>) {
        self.threshold[0] = t0;
        if let Some(t1) = t1 {
            self.threshold[1] = t1;
        }
        if let Some(t2) = t2 {
            self.threshold[2] = t2;
        }
    }

    /// `gc.get_threshold()`.
    pub fn get_threshold(&self) -> [i32; NUM_GENERATIONS] {
        self.threshold
    }

    /// `gc.get_count()`.
    pub fn get_count(&self) -> [i32; NUM_GENERATIONS] {
        self.count
    }

    /// `gc.get_stats()`.
    pub fn get_stats(&self) -> [GenerationStats; NUM_GENERATIONS] {
        self.stats
    }

    /// Verify every list's links (tests only).
    #[cfg(test)]
    pub(crate) fn check_lists(&self) {
        self.lists.check();
    }
}
