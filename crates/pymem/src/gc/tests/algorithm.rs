//! The reachability algorithm itself: `gc_refs` after `subtract_refs`, the
//! move-back-to-tail behaviour of `move_unreachable`, list order and
//! promotion, id reuse, and the size and speed of a million-object
//! collection.

use super::mock::{Kind, Mock};
use crate::gc::{GcList, SAMPLE_LIMIT};

/// `gc_refs` after `subtract_refs` counts references from outside the
/// collected generations only; `move_unreachable` keeps everything reachable
/// from an object with `gc_refs > 0`.
#[test]
fn gc_refs_count_outside_references() {
    let mut m = Mock::new();
    let x = m.alloc(Kind::List); // held by a variable
    let y = m.alloc(Kind::List);
    let z = m.alloc(Kind::List);
    m.link(x, y);
    m.link(y, z);
    m.link(z, y);
    m.link(x, z);
    m.del(y);
    m.del(z);
    let w = m.alloc(Kind::List);
    let v = m.alloc(Kind::List);
    m.link(w, v);
    m.link(v, w);
    m.del(w);
    m.del(v);
    let report = m.collect_report(0);
    assert_eq!(report.examined, 5);
    assert_eq!(report.gc_refs, vec![(x, 1), (y, 0), (z, 0), (w, 0), (v, 0)]);
    assert_eq!(report.unreachable.first, vec![w, v]);
    assert_eq!(
        (report.survivors, report.promoted, report.collected),
        (3, 3, 2)
    );
    assert_eq!(m.gc.objects(Some(1)), vec![x, y, z]);
}

/// References from an older generation count as outside references.
#[test]
fn references_from_older_generations_keep_objects_alive() {
    let mut m = Mock::new();
    let old = m.alloc(Kind::List);
    m.collect(2);
    let young = m.alloc(Kind::List);
    m.link(old, young);
    m.link(young, young);
    m.del(young);
    let report = m.collect_report(0);
    assert_eq!(report.gc_refs, vec![(young, 1)]);
    assert_eq!(report.total(), 0);
    assert_eq!(m.gc.generation_of(young), Some(1));
}

/// Objects with `gc_refs == 0` met before the object that reaches them go to
/// `unreachable` and come back at the tail of `young`: survivors are
/// promoted in the order `[c, a, b]`, not allocation order.
#[test]
fn move_unreachable_moves_back_to_the_tail() {
    let mut m = Mock::new();
    let a = m.alloc(Kind::List);
    let b = m.alloc(Kind::List);
    let c = m.alloc(Kind::List);
    m.link(c, a);
    m.link(a, b);
    m.del(a);
    m.del(b);
    let report = m.collect_report(0);
    assert_eq!(report.gc_refs, vec![(a, 0), (b, 0), (c, 1)]);
    assert!(report.unreachable.first.is_empty());
    assert_eq!(m.gc.objects(Some(1)), vec![c, a, b]);
}

/// A full collection examines generation 2 followed by generations 0 and 1,
/// and leaves the survivors in generation 2 in that order.
#[test]
fn full_collection_merge_order() {
    let mut m = Mock::new();
    let g2 = m.alloc(Kind::List);
    m.collect(2);
    let g1 = m.alloc(Kind::List);
    m.collect(0);
    let g0 = m.alloc(Kind::List);
    assert_eq!(
        [g2, g1, g0].map(|op| m.gc.generation_of(op)),
        [Some(2), Some(1), Some(0)]
    );
    assert_eq!(
        m.gc.objects(None),
        vec![g0, g1, g2],
        "gc.get_objects(): 0, 1, 2"
    );
    let report = m.collect_report(2);
    assert_eq!(report.promoted, 0);
    assert_eq!(m.gc.objects(Some(2)), vec![g2, g0, g1]);
    assert_eq!(m.gc.long_lived_total, 3);
}

/// Freed ids are reused by new objects, which start untracked and
/// unfinalized whatever the previous object's state was.
#[test]
fn reused_ids_start_clean() {
    let mut m = Mock::new();
    let a = m.with_del(super::mock::Fin::Log);
    m.link(a, a);
    m.del(a);
    m.collect(2);
    assert!(!m.alive(a));
    let b = m.alloc(Kind::Dict);
    assert_eq!(b, a, "the mock reuses the freed id");
    assert!(!m.gc.is_tracked(b) && !m.gc.is_finalized(b));
    assert_eq!(m.gc.list_of(b), None);
}

/// A full collection over a million tracked objects: half of them in
/// two-object cycles, half kept alive. The report stays bounded.
#[test]
fn million_object_collection() {
    let mut m = Mock::new();
    m.gc.enabled = false;
    let keep = m.alloc(Kind::List);
    for _ in 0..250_000 {
        let a = m.alloc(Kind::List);
        let b = m.alloc(Kind::List);
        m.link(a, b);
        m.link(b, a);
        m.del(a);
        m.del(b);
        let k1 = m.alloc(Kind::List);
        let k2 = m.alloc(Kind::List);
        m.link(keep, k1);
        m.link(keep, k2);
        m.del(k1);
        m.del(k2);
    }
    let report = m.collect_report(2);
    assert_eq!(report.examined, 1_000_001);
    assert_eq!(report.collected, 500_000);
    assert_eq!(report.survivors, 500_001);
    assert_eq!(report.gc_refs.len(), SAMPLE_LIMIT);
    assert_eq!(report.unreachable.first.len(), SAMPLE_LIMIT);
    assert_eq!(report.unreachable.total, 500_000);
    assert_eq!(report.deleted.total, 500_000);
    assert_eq!(m.gc.list_len(GcList::Gen2), 500_001);
}
