//! `CollectReport`: what one collection did, for the UI's timeline.
//!
//! Plain data of bounded size: object sets are [`Sample`]s (the first
//! [`SAMPLE_LIMIT`] ids in list order plus the exact total), so a collection
//! over a million objects still produces a report of a few kilobytes.

use serde::{Deserialize, Serialize};

use super::NUM_GENERATIONS;
use crate::ids::ObjectId;

/// How many ids a [`Sample`] (and the `gc_refs` table) keeps.
pub const SAMPLE_LIMIT: usize = 256;

/// Why a collection ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reason {
    /// From an allocation (`_PyObject_GC_Link` → `gc_collect_generations`).
    Automatic,
    /// `gc.collect()` / `PyGC_Collect`.
    Manual,
}

/// A bounded view of a set of objects: the first [`SAMPLE_LIMIT`] in order,
/// and how many there were in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    pub first: Vec<ObjectId>,
    pub total: usize,
}

impl Sample {
    pub(crate) fn push(&mut self, op: ObjectId) {
        if self.first.len() < SAMPLE_LIMIT {
            self.first.push(op);
        }
        self.total += 1;
    }

    pub(crate) fn of(ids: impl Iterator<Item = ObjectId>) -> Sample {
        let mut s = Sample::default();
        ids.for_each(|op| s.push(op));
        s
    }
}

/// One run of `gc_collect_main`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectReport {
    /// The generation collected (younger ones are collected with it).
    pub generation: usize,
    pub reason: Reason,
    /// `gc.get_count()` before the collection updated the counts.
    pub counts_before: [i32; NUM_GENERATIONS],
    /// `gc.get_count()` when the collection finished (before the "stop"
    /// callbacks, which may allocate).
    pub counts_after: [i32; NUM_GENERATIONS],
    /// Objects examined: the size of `young` after merging the younger
    /// generations into it.
    pub examined: usize,
    /// `(object, gc_refs)` after `subtract_refs`, for the first
    /// [`SAMPLE_LIMIT`] objects of `young` in list order: the references each
    /// object has from outside the generations being collected.
    pub gc_refs: Vec<(ObjectId, u32)>,
    /// The `unreachable` set found by `move_unreachable`, in list order
    /// (including objects later moved to `finalizers`).
    pub unreachable: Sample,
    /// Tuples untracked by `untrack_tuples`.
    pub untracked_tuples: usize,
    /// Dicts untracked by `untrack_dicts` (full collections only).
    pub untracked_dicts: usize,
    /// Reachable objects left in `young` after the untracking passes.
    pub survivors: usize,
    /// How many of them moved to the next generation (0 for a full
    /// collection, whose survivors stay in generation 2).
    pub promoted: usize,
    /// `finalizers`: objects with a legacy `tp_del` and everything reachable
    /// from them (all uncollectable).
    pub legacy: Sample,
    /// Weakref callbacks called by `handle_weakrefs`.
    pub weakref_callbacks: usize,
    /// Objects whose `tp_finalize` ran in `finalize_garbage`.
    pub finalized: Sample,
    /// Objects `handle_resurrected_objects` found reachable again.
    pub resurrected: Sample,
    /// `final_unreachable`: the garbage handed to `delete_garbage`.
    pub deleted: Sample,
    /// Objects appended to `gc.garbage` (by `DEBUG_SAVEALL` or as legacy
    /// finalizers).
    pub saved_to_garbage: usize,
    /// Whether the free lists were cleared (full collections).
    pub cleared_freelists: bool,
    /// `collected`: weakrefs freed by their callbacks plus `final_unreachable`.
    pub collected: usize,
    /// `uncollectable`: the size of `finalizers`.
    pub uncollectable: usize,
}

impl CollectReport {
    pub(crate) fn new(generation: usize, reason: Reason, counts_before: [i32; 3]) -> Self {
        CollectReport {
            generation,
            reason,
            counts_before,
            counts_after: counts_before,
            examined: 0,
            gc_refs: Vec::new(),
            unreachable: Sample::default(),
            untracked_tuples: 0,
            untracked_dicts: 0,
            survivors: 0,
            promoted: 0,
            legacy: Sample::default(),
            weakref_callbacks: 0,
            finalized: Sample::default(),
            resurrected: Sample::default(),
            deleted: Sample::default(),
            saved_to_garbage: 0,
            cleared_freelists: false,
            collected: 0,
            uncollectable: 0,
        }
    }

    /// What `gc.collect()` returns: `collected + uncollectable`.
    pub fn total(&self) -> usize {
        self.collected + self.uncollectable
    }
}
