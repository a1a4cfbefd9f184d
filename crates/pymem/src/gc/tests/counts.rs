//! Count arithmetic and automatic collection: c14 (counts after explicit
//! collections), c15 (what changes count[0]), c16 (when generation 0 fires),
//! c17 (the cascade and the 25% long-lived rule), c27 (free lists).
//!
//! c16 and c17 use `KeepAll`, a host whose objects are all empty lists kept
//! alive (refcount 1, no references): exactly the heap of those programs,
//! cheap enough for 1.7 million objects.

use super::mock::{Kind, Mock};
use crate::gc::{
    collect, gc_link, CallbackInfo, CallbackPhase, GcHost, GcList, GcState, Reason, Shape,
};
use crate::ids::ObjectId;

/// c14: counts after explicit collections; `set_threshold` keeps the
/// thresholds it is not given.
#[test]
fn c14_counts_after_explicit_collections() {
    let mut m = Mock::new();
    assert_eq!(m.gc.get_threshold(), [700, 10, 10]);
    let after = |m: &mut Mock, g| {
        m.collect(g);
        m.gc.get_count()
    };
    assert_eq!(after(&mut m, 2), [0, 0, 0]);
    assert_eq!(after(&mut m, 0), [0, 1, 0]);
    assert_eq!(after(&mut m, 0), [0, 2, 0]);
    assert_eq!(after(&mut m, 1), [0, 0, 1]);
    assert_eq!(after(&mut m, 2), [0, 0, 0]);
    m.gc.set_threshold(500, Some(5), None);
    assert_eq!(m.gc.get_threshold(), [500, 5, 10]);
}

/// c15: every allocation of a GC object counts, tracked or not; non-GC
/// objects do not; each GC object freed takes one off, never below 0.
/// (CPython's +1/0/-22 lines come from the free lists, which the heap
/// handles by not reporting free-list reuse and pushes.)
#[test]
fn c15_what_changes_count0() {
    let mut m = Mock::new();
    m.collect(2);
    let keep = m.alloc(Kind::List);
    for _ in 0..100 {
        let l = m.alloc(Kind::List);
        m.link(keep, l);
        m.del(l);
    }
    assert_eq!(m.gc.get_count()[0], 101, "100 lists kept + outer list");
    for _ in 0..3 {
        m.alloc(Kind::Atom);
    }
    assert_eq!(m.gc.get_count()[0], 101, "int / str: not GC allocations");
    m.del(keep);
    assert_eq!(m.gc.get_count()[0], 0, "101 lists freed");
    let d = m.alloc(Kind::Dict);
    assert!(!m.gc.is_tracked(d));
    assert_eq!(m.gc.get_count()[0], 1, "one empty (untracked) dict");
    m.del(d);
    m.gc.on_gc_dealloc();
    assert_eq!(m.gc.get_count()[0], 0, "never below 0");
}

/// A host whose objects are all kept alive and reference nothing.
struct KeepAll {
    gc: GcState,
    next: u32,
    free: Vec<ObjectId>,
    /// Finished allocations ("len(keep)").
    allocations: usize,
    record: bool,
    /// `(generation, allocations)` at each "start" callback.
    starts: Vec<(usize, usize)>,
    /// The generation of each "stop" callback.
    stops: Vec<usize>,
}

impl KeepAll {
    fn new() -> Self {
        KeepAll {
            gc: GcState::new(),
            next: 0,
            free: Vec::new(),
            allocations: 0,
            record: false,
            starts: Vec::new(),
            stops: Vec::new(),
        }
    }

    /// `[]`: allocate (maybe collect), then track.
    fn alloc(&mut self) -> ObjectId {
        let op = self.free.pop().unwrap_or_else(|| {
            self.next += 1;
            ObjectId(self.next - 1)
        });
        gc_link(self, false);
        self.gc.track(op);
        self.allocations += 1;
        op
    }

    fn dealloc(&mut self, op: ObjectId) {
        self.gc.forget(op);
        self.gc.on_gc_dealloc();
        self.free.push(op);
    }

    /// Allocate `n` kept lists while recording callbacks, and return what
    /// c17 prints: the sorted histogram of generations and the indices of
    /// the full collections.
    fn run(&mut self, n: usize) -> (Vec<ObjectId>, [usize; 3], Vec<usize>) {
        self.stops.clear();
        self.record = true;
        let keep = (0..n).map(|_| self.alloc()).collect();
        self.record = false;
        let mut histogram = [0; 3];
        for &g in &self.stops {
            histogram[g] += 1;
        }
        let full = (0..self.stops.len())
            .filter(|&i| self.stops[i] == 2)
            .collect();
        (keep, histogram, full)
    }
}

impl GcHost for KeepAll {
    fn gc(&mut self) -> &mut GcState {
        &mut self.gc
    }
    fn gc_ref(&self) -> &GcState {
        &self.gc
    }
    fn refcnt(&self, _: ObjectId) -> usize {
        1
    }
    fn incref(&mut self, op: ObjectId) {
        unreachable!("incref({op:?}): nothing is garbage")
    }
    fn decref(&mut self, op: ObjectId) {
        unreachable!("decref({op:?}): nothing is garbage")
    }
    fn traverse(&self, _: ObjectId, _: &mut dyn FnMut(ObjectId)) {}
    fn is_gc(&self, _: ObjectId) -> bool {
        true
    }
    fn shape(&self, _: ObjectId) -> Shape {
        Shape::Other
    }
    fn untrack_items(&self, _: ObjectId, _: &mut dyn FnMut(Option<ObjectId>)) {}
    fn has_finalizer(&self, _: ObjectId) -> bool {
        false
    }
    fn finalize(&mut self, _: ObjectId) {}
    fn has_legacy_finalizer(&self, _: ObjectId) -> bool {
        false
    }
    fn clear(&mut self, _: ObjectId) {}
    fn is_weakref(&self, _: ObjectId) -> bool {
        false
    }
    fn first_weakref(&self, _: ObjectId) -> Option<ObjectId> {
        None
    }
    fn clear_weakref(&mut self, _: ObjectId) {}
    fn weakref_has_callback(&self, _: ObjectId) -> bool {
        false
    }
    fn call_weakref_callback(&mut self, _: ObjectId) {}
    fn append_garbage(&mut self, _: ObjectId) {}
    fn clear_freelists(&mut self) {}
    fn gc_callback(&mut self, phase: CallbackPhase, info: CallbackInfo) {
        if self.record {
            match phase {
                CallbackPhase::Start => self.starts.push((info.generation, self.allocations)),
                CallbackPhase::Stop => self.stops.push(info.generation),
            }
        }
    }
}

/// c16: after `gc.collect()`, appending fresh lists fires generation-0
/// collections at `len(keep)` 700, 1401, 2102 and 2803: on the 701st
/// allocation, before the new list is tracked, and every 701 after.
/// CPython then prints `(200, 4, 0)`: 196 lists since the last collection,
/// plus 4 allocations made by `print`/`get_count` themselves.
#[test]
fn c16_automatic_generation0_collections() {
    let mut h = KeepAll::new();
    collect(&mut h, 2, Reason::Manual);
    h.record = true;
    for _ in 0..3000 {
        h.alloc();
    }
    assert_eq!(h.starts, vec![(0, 700), (0, 1401), (0, 2102), (0, 2803)]);
    assert_eq!(h.gc.get_count(), [196, 4, 0]);
    // The list whose allocation triggered the last collection was counted
    // before it (and zeroed by it), then tracked after it: generation 0
    // holds one list more than count[0] says.
    assert_eq!(h.gc.list_len(GcList::Gen0), 197);
}

/// c17: the cascade (a generation-1 collection every 12th trigger) and the
/// long-lived rule (a full collection only once `long_lived_pending` reaches
/// a quarter of `long_lived_total`). CPython 3.11.7 prints
/// `([(0, 389), (1, 35), (2, 3)], [132, 265, 398])` for 300k lists on a
/// small heap (about 4,900 tracked objects after `gc.collect()`), and
/// `([(0, 522), (1, 47), (2, 1)], [360])` for 400k lists after a million more
/// were kept and `gc.collect()` ran.
#[test]
fn c17_cascade_and_long_lived_rule() {
    let mut h = KeepAll::new();
    for _ in 0..4867 {
        h.alloc();
    }
    collect(&mut h, 2, Reason::Manual);
    let (keep, histogram, full) = h.run(300_000);
    assert_eq!(histogram, [389, 35, 3], "small heap, 300k new objects");
    assert_eq!(full, vec![132, 265, 398]);

    for op in keep {
        h.dealloc(op);
    }
    assert_eq!(h.gc.get_count()[0], 0);
    for _ in 0..1_000_000 {
        h.alloc();
    }
    collect(&mut h, 2, Reason::Manual);
    assert_eq!(h.gc.long_lived_total, 1_004_867);
    let (_, histogram, full) = h.run(400_000);
    assert_eq!(histogram, [522, 47, 1], "1M-object heap, 400k new objects");
    assert_eq!(full, vec![360]);
    h.gc.check_lists();
}

/// The arithmetic behind c17's full collections, step by step: a gen-1
/// collection moves its survivors to generation 2 and adds them to
/// `long_lived_pending`; a full collection resets it and sets
/// `long_lived_total`; generation 2 is skipped while pending < total / 4.
#[test]
fn long_lived_bookkeeping() {
    let mut h = KeepAll::new();
    for _ in 0..1000 {
        h.alloc();
    }
    collect(&mut h, 2, Reason::Manual);
    assert_eq!((h.gc.long_lived_total, h.gc.long_lived_pending), (1000, 0));
    for _ in 0..100 {
        h.alloc();
    }
    collect(&mut h, 0, Reason::Manual);
    assert_eq!(
        h.gc.long_lived_pending, 0,
        "a gen-0 collection moves to gen 1 only"
    );
    for _ in 0..50 {
        h.alloc();
    }
    collect(&mut h, 1, Reason::Manual);
    assert_eq!(h.gc.long_lived_pending, 150);
    h.gc.count[2] = 11;
    h.gc.count[0] = 701;
    assert_eq!(
        h.gc.generation_to_collect(),
        Some(0),
        "150 < 1000 / 4: skip gen 2"
    );
    h.gc.long_lived_pending = 250;
    assert_eq!(h.gc.generation_to_collect(), Some(2));
}

/// The automatic trigger honours `enabled`, a zero threshold, a running
/// collection and a pending exception; a negative threshold (accepted by
/// CPython's `set_threshold`) collects on every allocation.
#[test]
fn automatic_trigger_conditions() {
    let mut st = GcState::new();
    st.count[0] = 700;
    st.enabled = false;
    assert_eq!(st.on_gc_alloc(false), None, "disabled");
    st.enabled = true;
    assert_eq!(st.on_gc_alloc(true), None, "exception set");
    st.collecting = true;
    assert_eq!(st.on_gc_alloc(false), None, "already collecting");
    st.collecting = false;
    st.threshold[0] = 0;
    assert_eq!(st.on_gc_alloc(false), None, "threshold 0");
    st.threshold[0] = 700;
    assert_eq!(st.on_gc_alloc(false), Some(0));
    st.count[0] = 0;
    st.set_threshold(-1, None, None);
    assert_eq!(st.on_gc_alloc(false), Some(0));
}

/// A manual collection runs with automatic collection disabled.
#[test]
fn manual_collection_ignores_enabled() {
    let mut m = Mock::new();
    m.gc.enabled = false;
    let l = m.alloc(Kind::List);
    m.link(l, l);
    m.del(l);
    assert_eq!(m.collect(0), 1);
}

/// c27: only full collections empty the free lists, automatic ones included.
#[test]
fn c27_free_lists_cleared_by_full_collections() {
    let mut m = Mock::new();
    let cleared = |m: &Mock| m.freelist_clears;
    m.collect(0);
    m.collect(1);
    assert_eq!(cleared(&m), 0);
    assert!(m.collect_report(2).cleared_freelists);
    assert_eq!(cleared(&m), 1);
    // Force the next automatic collection to be a full one.
    m.gc.count = [700, 10, 11];
    m.alloc(Kind::List);
    assert_eq!(m.automatic.last().map(|r| r.generation), Some(2));
    assert_eq!(cleared(&m), 2);
}
