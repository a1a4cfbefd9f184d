//! Which objects are tracked, and the lazy untracking of tuples (any
//! collection) and dicts (full collections only): c22.

use super::mock::{Kind, Mock};
use crate::ids::ObjectId;

fn atoms(m: &mut Mock, n: usize) -> Vec<ObjectId> {
    (0..n).map(|_| m.alloc(Kind::Atom)).collect()
}

/// c22, first lines: atoms are never tracked; lists, instances and functions
/// always; dicts only once they hold something that may be tracked.
#[test]
fn c22_what_is_tracked() {
    let mut m = Mock::new();
    let one = m.alloc(Kind::Atom);
    assert!(!m.gc.is_tracked(one));
    for kind in [Kind::List, Kind::Instance, Kind::Function] {
        let op = m.alloc(kind);
        assert!(m.gc.is_tracked(op), "{kind:?}");
    }
    let empty = m.alloc(Kind::Dict);
    let atomic = m.alloc(Kind::Dict);
    m.link(atomic, one);
    let holding_list = m.alloc(Kind::Dict);
    let l = m.alloc(Kind::List);
    m.link(holding_list, l);
    assert_eq!(
        [empty, atomic, holding_list].map(|d| m.gc.is_tracked(d)),
        [false, false, true]
    );
}

/// c22: `tuple([1, 2, 3])` is tracked until a collection sees it;
/// `tuple([1, [2]])` stays tracked.
#[test]
fn c22_tuples_untracked_by_any_collection() {
    let mut m = Mock::new();
    let xs = atoms(&mut m, 3);
    let t = m.tuple(&xs);
    let l = m.alloc(Kind::List);
    let u = m.tuple(&[xs[0], l]);
    m.del(l);
    assert!(m.gc.is_tracked(t) && m.gc.is_tracked(u));
    let report = m.collect_report(0);
    assert_eq!(report.untracked_tuples, 1);
    assert!(!m.gc.is_tracked(t) && m.gc.is_tracked(u));
}

/// The untracking pass walks `young` in list order after
/// `move_unreachable`. An inner tuple referenced only by the outer one has
/// `gc_refs == 0`, goes to `unreachable` and is moved back to the tail when
/// the outer tuple is scanned: so the outer tuple is examined first (while
/// the inner one is still tracked) and survives one more collection.
/// [V 3.11.7: `t2 = tuple([1, tuple([2, 3])])`; after `gc.collect(0)`,
/// `is_tracked(t2)` is True and `is_tracked(t2[1])` is False.]
#[test]
fn nested_tuples_need_two_passes() {
    let mut m = Mock::new();
    let xs = atoms(&mut m, 3);
    let inner = m.tuple(&xs[1..]);
    let outer = m.tuple(&[xs[0], inner]);
    m.del(inner);
    m.collect(0);
    assert!(m.gc.is_tracked(outer));
    assert!(!m.gc.is_tracked(inner));
    m.collect(1);
    assert!(!m.gc.is_tracked(outer));
}

/// A tuple holding an empty dict stays tracked: an untracked dict still
/// "may be tracked". [V 3.11.7: `tuple([1, {}])` after `gc.collect()`:
/// True, and the dict False.]
#[test]
fn tuple_holding_an_untracked_dict_stays_tracked() {
    let mut m = Mock::new();
    let one = m.alloc(Kind::Atom);
    let d = m.alloc(Kind::Dict);
    let t = m.tuple(&[one, d]);
    m.del(d);
    m.collect(2);
    assert!(m.gc.is_tracked(t));
    assert!(!m.gc.is_tracked(d));
}

/// c22: a dict that once held a list stays tracked through generation-0 and
/// generation-1 collections and is untracked by a full one.
/// [V 3.11.7: True after `collect(0)` and `collect(1)`, False after `collect()`.]
#[test]
fn c22_dicts_untracked_by_full_collections_only() {
    let mut m = Mock::new();
    let d = m.alloc(Kind::Dict);
    let l = m.alloc(Kind::List);
    m.link(d, l);
    m.del(l);
    let one = m.alloc(Kind::Atom);
    m.set_edge(d, 0, one); // d["k"] = 1
    assert!(m.gc.is_tracked(d), "dict once held a list");
    m.collect(0);
    assert!(m.gc.is_tracked(d));
    m.collect(1);
    assert!(m.gc.is_tracked(d));
    let report = m.collect_report(2);
    assert_eq!(report.untracked_dicts, 1);
    assert!(!m.gc.is_tracked(d), "after full gc");
}
