//! What a collection collects: cycles (c18), PEP 442 finalizers and
//! resurrection (c19), weakrefs (c20), `DEBUG_SAVEALL` and callbacks (c21),
//! legacy `tp_del` (c28), `gc.freeze()` (c29), and re-entrant hosts.

use super::mock::{Event, Fin, Kind, Mock};
use crate::gc::{CallbackInfo, CallbackPhase, GcList, DEBUG_SAVEALL};
use crate::ids::ObjectId;

/// `a, b = A(), A(); a.other = b; b.other = a; del a, b`.
fn pair(m: &mut Mock, kind: Kind) -> (ObjectId, ObjectId) {
    let a = m.alloc(kind);
    let b = m.alloc(kind);
    m.link(a, b);
    m.link(b, a);
    m.del(a);
    m.del(b);
    (a, b)
}

/// c18: `gc.collect()` return values for simple cycles.
#[test]
fn c18_simple_cycles() {
    let mut m = Mock::new();
    m.collect(2);

    let (a, b) = pair(&mut m, Kind::Instance);
    assert_eq!(m.collect(2), 2, "two plain instances");
    assert!(!m.alive(a) && !m.alive(b));

    let a = m.alloc(Kind::Instance);
    m.link(a, a);
    m.del(a);
    assert_eq!(m.collect(2), 1, "self-referencing instance");

    // Touching `__dict__` materialises a dict per instance: a → da → b → db → a.
    let a = m.alloc(Kind::Instance);
    let b = m.alloc(Kind::Instance);
    let da = m.alloc(Kind::Dict);
    let db = m.alloc(Kind::Dict);
    m.link(a, da);
    m.link(b, db);
    m.link(da, b);
    m.link(db, a);
    for op in [da, db, a, b] {
        m.del(op);
    }
    assert_eq!(m.collect(2), 4, "two instances, __dict__ materialised");

    pair(&mut m, Kind::Instance);
    assert_eq!(m.collect(2), 2, "two __slots__ instances");

    let l = m.alloc(Kind::List);
    m.link(l, l);
    m.del(l);
    assert_eq!(m.collect(2), 1, "self-referencing list");

    let d = m.alloc(Kind::Dict);
    assert!(!m.gc.is_tracked(d));
    m.link(d, d);
    assert!(m.gc.is_tracked(d), "storing a container tracks the dict");
    m.del(d);
    assert_eq!(m.collect(2), 1, "self-referencing dict");

    // A function references its (module-owned) globals and its own __dict__.
    let globals = m.alloc(Kind::Dict);
    let f = m.alloc(Kind::Function);
    let fd = m.alloc(Kind::Dict);
    m.link(f, globals);
    m.link(f, fd);
    m.link(fd, f);
    m.del(fd);
    m.del(f);
    assert_eq!(m.collect(2), 2, "function with attribute cycle");

    // `class K: pass`: the type, its dict, `__mro__` = (K, object),
    // `__bases__` = (object,), and the `__dict__`/`__weakref__` descriptors.
    let object = m.alloc(Kind::StaticType);
    let k = m.alloc(Kind::Type);
    let kd = m.alloc(Kind::Dict);
    let mro = m.tuple(&[k, object]);
    let bases = m.tuple(&[object]);
    let d1 = m.alloc(Kind::Descriptor);
    let d2 = m.alloc(Kind::Descriptor);
    m.link(d1, k);
    m.link(d2, k);
    m.link(kd, d1);
    m.link(kd, d2);
    m.link(k, kd);
    m.link(k, mro);
    m.link(k, bases);
    for op in [kd, mro, bases, d1, d2, k] {
        m.del(op);
    }
    assert_eq!(m.collect(2), 6, "a class (always cyclic)");
    assert_eq!(m.collect(2), 0, "nothing left");
    assert!(m.alive(globals) && m.alive(object));
}

/// c19: a cycle of two instances with `__del__`: both run once, in list
/// order, and nothing goes to `gc.garbage` (PEP 442).
#[test]
fn c19_cycle_with_finalizers() {
    let mut m = Mock::new();
    m.collect(2);
    let a = m.with_del(Fin::Log);
    let b = m.with_del(Fin::Log);
    m.link(a, b);
    m.link(b, a);
    m.del(a);
    m.del(b);
    let report = m.collect_report(2);
    assert_eq!(report.total(), 2);
    assert_eq!(m.dels(), vec![a, b]);
    assert_eq!(report.finalized.first, vec![a, b]);
    assert!(m.garbage.is_empty());
}

/// c19: `__del__` resurrects both objects: 0 collected; once the saved
/// references are dropped, 2 collected and `__del__` does not run again.
#[test]
fn c19_resurrection() {
    let mut m = Mock::new();
    m.collect(2);
    let saved = m.alloc(Kind::List);
    let a = m.with_del(Fin::Resurrect(saved));
    let b = m.with_del(Fin::Resurrect(saved));
    m.link(a, b);
    m.link(b, a);
    m.del(a);
    m.del(b);
    let report = m.collect_report(2);
    assert_eq!(report.total(), 0, "resurrecting cycle");
    assert_eq!(m.edges(saved), &[a, b]);
    assert_eq!(report.resurrected.first, vec![a, b]);
    assert!(m.gc.is_finalized(a) && m.gc.is_finalized(b));
    assert_eq!(
        m.gc.generation_of(a),
        Some(2),
        "resurrected objects join `old`"
    );

    m.drop_refs(saved); // saved.clear()
    assert_eq!(m.collect(2), 2, "same objects again");
    assert_eq!(m.dels(), vec![a, b], "finalizer not re-run");
}

/// Resurrected objects of a generation-0 collection move to generation 1.
#[test]
fn resurrected_objects_are_promoted() {
    let mut m = Mock::new();
    let saved = m.alloc(Kind::List);
    let a = m.with_del(Fin::Resurrect(saved));
    m.link(a, a);
    m.del(a);
    assert_eq!(m.collect(0), 0);
    assert_eq!(m.gc.generation_of(a), Some(1));
}

/// `__del__` order follows the list order of `young`: a full collection
/// appends generation 0 and then generation 1 to generation 2, a
/// generation-1 collection appends generation 0 to generation 1.
/// [V 3.11.7: `['c', 'a', 'b']` for `gc.collect(2)`, `['a', 'b', 'c']` for
/// `gc.collect(1)`, with a↔b collected once by `collect(0)` and c created after.]
#[test]
fn finalizer_order_follows_merge_order() {
    for (generation, expected) in [(2, "cab"), (1, "abc")] {
        let mut m = Mock::new();
        m.collect(2);
        let a = m.with_del(Fin::Log);
        let b = m.with_del(Fin::Log);
        m.link(a, b);
        m.link(b, a);
        m.collect(0); // a and b survive into generation 1
        let c = m.with_del(Fin::Log);
        m.link(c, c);
        for op in [a, b, c] {
            m.del(op);
        }
        assert_eq!(m.collect(generation), 3);
        let name = |op| {
            if op == a {
                'a'
            } else if op == b {
                'b'
            } else {
                'c'
            }
        };
        let order: String = m.dels().into_iter().map(name).collect();
        assert_eq!(order, expected, "gc.collect({generation})");
    }
}

/// c20: weakrefs to garbage are cleared and callbacks of live weakrefs run
/// before any `__del__`; inside `__del__`, `wr_a()` is already None.
#[test]
fn c20_weakrefs_are_cleared_before_finalizers() {
    let mut m = Mock::new();
    let a = m.alloc(Kind::Instance);
    let b = m.alloc(Kind::Instance);
    m.link(a, b);
    m.link(b, a);
    let wr_a = m.weakref(a, false);
    let wr_b = m.weakref(b, true);
    m.set_fin(a, Fin::CheckWeakref(wr_a));
    m.set_fin(b, Fin::CheckWeakref(wr_a));
    m.del(a);
    m.del(b);
    let report = m.collect_report(2);
    assert_eq!(report.total(), 2);
    assert_eq!(report.weakref_callbacks, 1);
    assert_eq!(
        m.log,
        vec![
            Event::WeakrefCallback(wr_b),
            Event::Del(a),
            Event::SawWeakref(a, wr_a, true),
            Event::Del(b),
            Event::SawWeakref(b, wr_a, true),
        ]
    );
    assert!(m.weakref_dead(wr_a) && m.weakref_dead(wr_b));
    assert_eq!(
        m.gc.generation_of(wr_b),
        Some(2),
        "a surviving weakref joins `old`"
    );

    // The refcount path, for contrast: `__del__` runs before the weakref is
    // cleared (the host's dealloc order, not the collector's).
    m.log.clear();
    let c = m.alloc(Kind::Instance);
    let wr_c = m.weakref(c, false);
    m.set_fin(c, Fin::CheckWeakref(wr_c));
    m.del(c);
    assert_eq!(
        m.log,
        vec![Event::Del(c), Event::SawWeakref(c, wr_c, false)]
    );
}

/// A weakref that is itself part of the garbage is cleared and its callback
/// is not called. [V 3.11.7: a↔b with `a.wr = weakref.ref(b, cb)`: 3, no call.]
#[test]
fn garbage_weakref_callback_is_not_called() {
    let mut m = Mock::new();
    let a = m.alloc(Kind::Instance);
    let b = m.alloc(Kind::Instance);
    m.link(a, b);
    m.link(b, a);
    let wr = m.weakref(b, true);
    m.link(a, wr);
    m.del(wr);
    m.del(a);
    m.del(b);
    let report = m.collect_report(2);
    assert_eq!(report.total(), 3);
    assert_eq!(report.weakref_callbacks, 0);
    assert!(m.log.is_empty());
}

/// A live weakref that dies as a result of its own callback counts as
/// collected. [V 3.11.7: `h.append(weakref.ref(a, lambda r: h.clear()))`
/// with a self-referencing `a`: 2.]
#[test]
fn weakref_freed_by_its_callback_counts_as_collected() {
    let mut m = Mock::new();
    let a = m.alloc(Kind::Instance);
    m.link(a, a);
    let h = m.alloc(Kind::List);
    let wr = m.weakref(a, true);
    m.link(h, wr);
    m.del(wr);
    m.callback_clears.insert(wr, h);
    m.del(a);
    let report = m.collect_report(2);
    assert_eq!(report.collected, 2);
    assert!(!m.alive(wr));
}

/// `handle_weakrefs` moves a live weakref with a callback to `old`, from
/// whatever generation it was in: here from generation 2 to generation 1
/// during a generation-0 collection.
#[test]
fn weakref_with_callback_moves_to_old() {
    let mut m = Mock::new();
    let a = m.alloc(Kind::Instance);
    let wr = m.weakref(a, true);
    m.collect(2);
    assert_eq!(m.gc.generation_of(wr), Some(2));
    // Re-track `a` so that it is young again.
    m.gc.untrack(a);
    m.gc.track(a);
    m.link(a, a);
    m.del(a);
    assert_eq!(m.collect(0), 1);
    assert_eq!(m.gc.generation_of(wr), Some(1));
}

/// c21: `DEBUG_SAVEALL` puts garbage in `gc.garbage` instead of freeing it;
/// the callbacks get `(phase, {generation, collected, uncollectable})`.
#[test]
fn c21_debug_saveall_and_callbacks() {
    let mut m = Mock::new();
    m.collect(2);
    m.callbacks = true;
    m.gc.debug = DEBUG_SAVEALL;
    let l = m.alloc(Kind::List);
    m.link(l, l);
    m.del(l);
    let allocations = m.allocations;
    assert_eq!(m.collect(2), 1, "SAVEALL collect");
    assert_eq!(m.garbage, vec![l]);
    assert!(m.alive(l));
    m.gc.debug = 0;
    m.clear_garbage();
    assert_eq!(m.collect(2), 1, "after clearing gc.garbage");
    m.callbacks = false;
    let info = |collected| CallbackInfo {
        generation: 2,
        collected,
        uncollectable: 0,
    };
    let records: Vec<_> = m
        .log
        .iter()
        .filter(|e| matches!(e, Event::Callback(..)))
        .cloned()
        .collect();
    assert_eq!(
        records,
        vec![
            Event::Callback(CallbackPhase::Start, info(0), allocations),
            Event::Callback(CallbackPhase::Stop, info(1), allocations),
            Event::Callback(CallbackPhase::Start, info(0), allocations),
            Event::Callback(CallbackPhase::Stop, info(1), allocations),
        ]
    );
    let stats = m.gc.get_stats();
    assert_eq!(stats.len(), 3);
    assert_eq!(
        (
            stats[2].collections,
            stats[2].collected,
            stats[2].uncollectable
        ),
        (3, 2, 0)
    );
}

/// A legacy-finalizer cycle (2 objects with `tp_del`) plus a list reachable
/// from it, in a fresh mock.
fn legacy_cycle(m: &mut Mock) -> (ObjectId, ObjectId, ObjectId) {
    m.collect(2);
    let a = m.alloc(Kind::Legacy);
    let b = m.alloc(Kind::Legacy);
    m.link(a, b);
    m.link(b, a);
    let extra = m.with_del(Fin::Log);
    m.link(a, extra);
    for op in [a, b, extra] {
        m.del(op);
    }
    (a, b, extra)
}

/// c28: objects with `tp_del` and everything they reach are uncollectable;
/// `gc.garbage` gets the `tp_del` objects only; they are now reachable from
/// `gc.garbage`, so the next collection finds nothing.
#[test]
fn c28_legacy_finalizers() {
    let mut m = Mock::new();
    let (a, b, extra) = legacy_cycle(&mut m);
    let report = m.collect_report(2);
    assert_eq!(report.total(), 3);
    assert_eq!((report.collected, report.uncollectable), (0, 3));
    assert_eq!(report.legacy.first, vec![a, b, extra]);
    assert_eq!(m.garbage, vec![a, b]);
    assert!(
        m.dels().is_empty(),
        "no finalizer runs for what legacy finalizers reach"
    );
    assert_eq!(m.gc.generation_of(extra), Some(2));
    assert_eq!(
        m.collect(2),
        0,
        "next collect (now reachable from gc.garbage)"
    );
    assert_eq!(m.gc.get_stats()[2].uncollectable, 3);
}

/// c28 under `DEBUG_SAVEALL`: every uncollectable object goes to `gc.garbage`.
#[test]
fn legacy_finalizers_with_saveall() {
    let mut m = Mock::new();
    let (a, b, extra) = legacy_cycle(&mut m);
    m.gc.debug = DEBUG_SAVEALL;
    assert_eq!(m.collect(2), 3);
    assert_eq!(m.garbage, vec![a, b, extra]);
}

/// c29: frozen objects are ignored by collections until `gc.unfreeze()`.
#[test]
fn c29_freeze() {
    let mut m = Mock::new();
    m.collect(2);
    let (a, b) = {
        let a = m.alloc(Kind::Instance);
        let b = m.alloc(Kind::Instance);
        m.link(a, b);
        m.link(b, a);
        (a, b)
    };
    m.gc.freeze();
    assert_eq!(m.gc.get_count(), [0, 0, 0]);
    assert_eq!(m.gc.get_freeze_count(), 2);
    assert_eq!(m.gc.list_of(a), Some(GcList::Permanent));
    assert!(
        m.gc.objects(None).is_empty(),
        "get_objects() leaves out the permanent generation"
    );
    m.del(a);
    m.del(b);
    assert_eq!(m.collect(2), 0, "collect while frozen");
    m.gc.unfreeze();
    assert_eq!(m.gc.get_freeze_count(), 0);
    assert_eq!(m.gc.generation_of(a), Some(2));
    assert_eq!(m.collect(2), 2, "collect after unfreeze");
}

/// `gc.freeze()` zeroes every count. [V 3.11.7: (57, 0, 1) → (0, 0, 0).]
#[test]
fn freeze_zeroes_all_counts() {
    let mut m = Mock::new();
    m.collect(1);
    m.collect(0);
    m.alloc(Kind::List);
    assert_eq!(m.gc.get_count(), [1, 1, 1]);
    m.gc.freeze();
    assert_eq!(m.gc.get_count(), [0, 0, 0]);
}

/// A `__del__` that breaks the cycle frees the other object by refcount in
/// the middle of `finalize_garbage` (its own `__del__` runs from dealloc),
/// then the first one dies when the collector drops its reference: nothing
/// is left for `delete_garbage`. [V 3.11.7: `gc.collect()` returns 0.]
#[test]
fn finalizer_that_breaks_the_cycle() {
    let mut m = Mock::new();
    let a = m.with_del(Fin::DropRefs);
    let b = m.with_del(Fin::DropRefs);
    m.link(a, b);
    m.link(b, a);
    m.del(a);
    m.del(b);
    let report = m.collect_report(2);
    assert_eq!(report.total(), 0);
    assert_eq!(m.dels(), vec![a, b]);
    assert!(!m.alive(a) && !m.alive(b));
    assert_eq!(
        report.finalized.first,
        vec![a],
        "b was finalized by its dealloc"
    );
}

/// Finalizers may allocate: the count grows but no collection nests.
/// [V 3.11.7: a `__del__` making 1000 lists: 1 collected, count[0] ≈ 1000.]
#[test]
fn allocation_during_collection_does_not_nest() {
    let mut m = Mock::new();
    let holder = m.alloc(Kind::List);
    m.collect(2);
    let c = m.with_del(Fin::Allocate(1000, holder));
    m.link(c, c);
    m.del(c);
    assert_eq!(m.collect(2), 1);
    assert!(m.automatic.is_empty());
    // 1000 lists allocated during the collection, then `c` freed.
    assert_eq!(m.gc.get_count(), [999, 0, 0]);
    assert_eq!(m.gc.list_len(GcList::Gen0), 1000);
    m.alloc(Kind::List);
    assert_eq!(m.automatic.len(), 1, "the next allocation collects at once");
}

/// `gc.collect()` from a finalizer returns 0 without collecting.
#[test]
fn nested_manual_collect_is_refused() {
    let mut m = Mock::new();
    let a = m.with_del(Fin::Collect);
    m.link(a, a);
    m.del(a);
    assert_eq!(m.collect(2), 1);
    assert_eq!(m.log, vec![Event::Del(a), Event::NestedCollect(false)]);
    assert!(!m.gc.collecting);
}
