//! One collection: CPython 3.11's `gc_collect_main` (Modules/gcmodule.c) and
//! its two callers, `gc.collect()` and the automatic trigger in
//! `_PyObject_GC_Link`.
//!
//! The phases run over the side-table lists of [`GcState`]; each phase keeps
//! CPython's name and its list discipline (which list an object moves to, and
//! whether to the head or the tail), because that order is what a program can
//! observe: which `__del__` runs first, which tuples get untracked in the same
//! pass, which weakref callback fires first.

use super::host::{may_be_tracked, CallbackInfo, CallbackPhase, GcHost, Shape};
use super::list::{GcList, Lists, COLLECTING, FINALIZED};
use super::report::{CollectReport, Reason, Sample, SAMPLE_LIMIT};
use super::state::GcState;
use super::{DEBUG_SAVEALL, NUM_GENERATIONS};
use crate::ids::ObjectId;

/// `gc.collect(generation)` (`gc_collect_impl`), and the body of an automatic
/// collection: run the "start" callbacks, `gc_collect_main` and the "stop"
/// callbacks, with `collecting` set throughout.
///
/// Returns `None` without doing anything if a collection is already running
/// (a finalizer or callback calling `gc.collect()`, which then returns 0).
/// A manual collection runs even when automatic collection is disabled.
///
/// # Panics
/// If `generation > 2`; the `gc` module raises `ValueError("invalid
/// generation")` before getting here.
pub fn collect<H: GcHost + ?Sized>(
    host: &mut H,
    generation: usize,
    reason: Reason,
) -> Option<CollectReport> {
    assert!(
        generation < NUM_GENERATIONS,
        "invalid generation {generation}"
    );
    if host.gc_ref().collecting {
        return None;
    }
    host.gc().collecting = true;
    let start = CallbackInfo {
        generation,
        collected: 0,
        uncollectable: 0,
    };
    host.gc_callback(CallbackPhase::Start, start);
    let report = gc_collect_main(host, generation, reason);
    let stop = CallbackInfo {
        generation,
        collected: report.collected,
        uncollectable: report.uncollectable,
    };
    host.gc_callback(CallbackPhase::Stop, stop);
    host.gc().collecting = false;
    Some(report)
}

/// `_PyObject_GC_Link` in one call: count the allocation of a GC object and,
/// if an automatic collection is due, run it now. The host calls this after
/// reserving the new object's memory and before tracking it.
pub fn gc_link<H: GcHost + ?Sized>(host: &mut H, exception_set: bool) -> Option<CollectReport> {
    let generation = host.gc().on_gc_alloc(exception_set)?;
    collect(host, generation, Reason::Automatic)
}

/// A collection of `generation` and all younger generations proceeds in
/// these phases. The counts are updated (the next older generation's count
/// goes up by one, the collected ones drop to zero) and the younger lists are
/// appended to the collected one, which is now `young`; survivors go to `old`,
/// the next generation, or stay put in a full collection. `update_refs`
/// copies each refcount into `gc_refs` and marks the object COLLECTING;
/// `subtract_refs` removes every reference coming from inside `young`, so
/// what is left counts references from outside; `move_unreachable` scans
/// `young` from the head, moving objects with `gc_refs == 0` to the tail of
/// `unreachable` and, whenever a reachable object's traversal meets one of
/// those, moving it back to the tail of `young` to be scanned again.
/// Surviving tuples of atoms are untracked (dicts too, in full collections),
/// the survivors are merged into `old` and the long-lived counters updated.
/// Then the garbage is handled: objects with a legacy `tp_del`, and all they
/// reach, are set aside as uncollectable (`finalizers`); weakrefs to garbage
/// are cleared and the callbacks of live weakrefs run (`handle_weakrefs`);
/// every garbage object's `tp_finalize` runs once (`finalize_garbage`);
/// reachability is computed again over the garbage, and whatever a finalizer
/// resurrected joins `old` (`handle_resurrected_objects`); the rest is
/// cleared with `tp_clear`, or saved in `gc.garbage` under `DEBUG_SAVEALL`
/// (`delete_garbage`); the legacy finalizers go to `gc.garbage`
/// (`handle_legacy_finalizers`); a full collection empties the free lists.
/// The result is `collected + uncollectable`.
fn gc_collect_main<H: GcHost + ?Sized>(
    host: &mut H,
    generation: usize,
    reason: Reason,
) -> CollectReport {
    let young = GcList::generation(generation);
    let old = if generation + 1 < NUM_GENERATIONS {
        GcList::generation(generation + 1)
    } else {
        young
    };
    let counts_before = host.gc_ref().count;
    let mut c = Collection {
        host,
        refs: Vec::new(),
        report: CollectReport::new(generation, reason, counts_before),
    };

    // Update the counts; merge the younger generations into `young`.
    {
        let st = c.state();
        if generation + 1 < NUM_GENERATIONS {
            st.count[generation + 1] = st.count[generation + 1].wrapping_add(1);
        }
        for count in &mut st.count[..=generation] {
            *count = 0;
        }
        for younger in 0..generation {
            st.lists.merge(GcList::generation(younger), young);
        }
    }
    c.report.examined = c.lists().len(young);

    c.deduce_unreachable(young, GcList::Unreachable, true);
    c.report.unreachable = Sample::of(c.lists().iter(GcList::Unreachable));

    c.untrack_tuples(young);
    if young != old {
        let survivors = c.lists().len(young);
        let st = c.state();
        if generation == NUM_GENERATIONS - 2 {
            st.long_lived_pending += survivors;
        }
        st.lists.merge(young, old);
        c.report.survivors = survivors;
        c.report.promoted = survivors;
    } else {
        // Dicts are untracked only in full collections (issue #14775).
        c.untrack_dicts(young);
        let survivors = c.lists().len(young);
        let st = c.state();
        st.long_lived_pending = 0;
        st.long_lived_total = survivors;
        c.report.survivors = survivors;
    }

    c.move_legacy_finalizers();
    c.move_legacy_finalizer_reachable();
    c.report.legacy = Sample::of(c.lists().iter(GcList::Finalizers));

    let mut collected = c.handle_weakrefs(old);
    c.finalize_garbage();
    c.handle_resurrected_objects(old);

    c.report.deleted = Sample::of(c.lists().iter(GcList::FinalUnreachable));
    collected += c.lists().len(GcList::FinalUnreachable);
    c.delete_garbage(old);

    let uncollectable = c.lists().len(GcList::Finalizers);
    c.handle_legacy_finalizers(old);

    if generation == NUM_GENERATIONS - 1 {
        c.host.clear_freelists();
        c.report.cleared_freelists = true;
    }

    let st = c.state();
    let stats = &mut st.stats[generation];
    stats.collections += 1;
    stats.collected += collected as u64;
    stats.uncollectable += uncollectable as u64;
    let counts_after = st.count;

    let mut report = c.report;
    report.collected = collected;
    report.uncollectable = uncollectable;
    report.counts_after = counts_after;
    report
}

/// One running `gc_collect_main`: the host, a scratch buffer for one
/// object's references, and the report being filled in.
struct Collection<'h, H: GcHost + ?Sized> {
    host: &'h mut H,
    /// The references of the object being traversed. `tp_traverse` only
    /// enumerates, so collecting its visits first and acting on them after is
    /// the same as acting during the visit, and keeps the host borrowed once.
    refs: Vec<ObjectId>,
    report: CollectReport,
}

impl<H: GcHost + ?Sized> Collection<'_, H> {
    fn state(&mut self) -> &mut GcState {
        self.host.gc()
    }

    fn lists(&self) -> &Lists {
        &self.host.gc_ref().lists
    }

    fn lists_mut(&mut self) -> &mut Lists {
        &mut self.host.gc().lists
    }

    /// Fill `self.refs` with `op`'s references, in traversal order.
    fn traverse(&mut self, op: ObjectId) {
        let Collection { host, refs, .. } = self;
        refs.clear();
        host.traverse_into(op, refs);
    }

    // ----- deduce_unreachable -----

    /// `deduce_unreachable`: split `base` into the objects reachable from
    /// outside it (left in `base`) and the rest (moved to `unreachable`).
    fn deduce_unreachable(&mut self, base: GcList, unreachable: GcList, record: bool) {
        self.update_refs(base);
        self.subtract_refs(base);
        if record {
            let lists = self.lists();
            self.report.gc_refs = lists
                .iter(base)
                .take(SAMPLE_LIMIT)
                .map(|op| (op, lists.gc_refs(op)))
                .collect();
        }
        self.move_unreachable(base, unreachable);
    }

    /// `update_refs`: `gc_refs = ob_refcnt`, and mark COLLECTING.
    fn update_refs(&mut self, containers: GcList) {
        let mut cur = self.lists().first(containers);
        while let Some(op) = cur {
            let refcnt = self.host.refcnt(op);
            debug_assert!(refcnt != 0, "{op:?} is tracked with a refcount of 0");
            let lists = self.lists_mut();
            lists.set_gc_refs(op, u32::try_from(refcnt).unwrap_or(u32::MAX));
            lists.set_flag(op, COLLECTING);
            cur = lists.next(op);
        }
    }

    /// `subtract_refs` with `visit_decref`: each reference from an object in
    /// `containers` to a COLLECTING object is subtracted from its `gc_refs`.
    fn subtract_refs(&mut self, containers: GcList) {
        let mut cur = self.lists().first(containers);
        while let Some(op) = cur {
            self.traverse(op);
            let Collection { host, refs, .. } = self;
            let lists = &mut host.gc().lists;
            for &r in refs.iter() {
                if lists.has_flag(r, COLLECTING) {
                    let g = lists.gc_refs(r);
                    debug_assert!(g > 0, "refcount of {r:?} is too small");
                    lists.set_gc_refs(r, g.saturating_sub(1));
                }
            }
            cur = lists.next(op);
        }
    }

    /// `move_unreachable`: scan `young` from the head. An object with
    /// `gc_refs > 0` is reachable: traverse it (`visit_reachable`), clear its
    /// COLLECTING bit and go on to whatever now follows it. An object with
    /// `gc_refs == 0` is moved to the tail of `unreachable` for now.
    fn move_unreachable(&mut self, young: GcList, unreachable: GcList) {
        let mut cur = self.lists().first(young);
        while let Some(op) = cur {
            if self.lists().gc_refs(op) > 0 {
                self.traverse(op);
                let Collection { host, refs, .. } = self;
                let lists = &mut host.gc().lists;
                for &r in refs.iter() {
                    visit_reachable(lists, r, young, unreachable);
                }
                lists.clear_flag(op, COLLECTING);
                // Read after the traversal: it may have appended to `young`.
                cur = lists.next(op);
            } else {
                let lists = self.lists_mut();
                cur = lists.next(op);
                lists.move_to(op, unreachable);
            }
        }
    }

    // ----- lazy untracking -----

    /// `untrack_tuples`: `_PyTuple_MaybeUntrack` on each exact tuple of
    /// `young`, in list order (so an inner tuple untracked earlier in the
    /// pass lets an outer one later in the list go too, but not the reverse).
    fn untrack_tuples(&mut self, young: GcList) {
        let mut cur = self.lists().first(young);
        while let Some(op) = cur {
            let next = self.lists().next(op);
            if self.host.shape(op) == Shape::Tuple && self.maybe_untrack(op) {
                self.report.untracked_tuples += 1;
            }
            cur = next;
        }
    }

    /// `untrack_dicts`: `_PyDict_MaybeUntrack` on each exact dict of `young`.
    fn untrack_dicts(&mut self, young: GcList) {
        let mut cur = self.lists().first(young);
        while let Some(op) = cur {
            let next = self.lists().next(op);
            if self.host.shape(op) == Shape::Dict && self.maybe_untrack(op) {
                self.report.untracked_dicts += 1;
            }
            cur = next;
        }
    }

    /// Untrack a tracked tuple or dict none of whose items may be tracked.
    fn maybe_untrack(&mut self, op: ObjectId) -> bool {
        let host: &H = self.host;
        if !host.gc_ref().is_tracked(op) {
            return false;
        }
        let mut keep = false;
        host.untrack_items(op, &mut |item| {
            keep = keep
                || match item {
                    None => true,
                    Some(x) => may_be_tracked(host, x),
                };
        });
        if !keep {
            self.state().untrack(op);
        }
        !keep
    }

    // ----- legacy finalizers (tp_del) -----

    /// `move_legacy_finalizers`: objects of `unreachable` whose type has
    /// `tp_del` move to `finalizers` (no longer COLLECTING).
    fn move_legacy_finalizers(&mut self) {
        let mut cur = self.lists().first(GcList::Unreachable);
        while let Some(op) = cur {
            cur = self.lists().next(op);
            if self.host.has_legacy_finalizer(op) {
                let lists = self.lists_mut();
                lists.clear_flag(op, COLLECTING);
                lists.move_to(op, GcList::Finalizers);
            }
        }
    }

    /// `move_legacy_finalizer_reachable` with `visit_move`: everything still
    /// unreachable that `finalizers` reaches joins it, transitively (the list
    /// grows while it is walked).
    fn move_legacy_finalizer_reachable(&mut self) {
        let mut cur = self.lists().first(GcList::Finalizers);
        while let Some(op) = cur {
            self.traverse(op);
            let Collection { host, refs, .. } = self;
            let lists = &mut host.gc().lists;
            for &r in refs.iter() {
                if lists.has_flag(r, COLLECTING) {
                    lists.move_to(r, GcList::Finalizers);
                    lists.clear_flag(r, COLLECTING);
                }
            }
            cur = lists.next(op);
        }
    }

    /// `handle_legacy_finalizers`: the `tp_del` objects (every object under
    /// `DEBUG_SAVEALL`) go to `gc.garbage`; all of `finalizers` joins `old`.
    fn handle_legacy_finalizers(&mut self, old: GcList) {
        let mut cur = self.lists().first(GcList::Finalizers);
        while let Some(op) = cur {
            let save_all = self.host.gc_ref().debug & DEBUG_SAVEALL != 0;
            if save_all || self.host.has_legacy_finalizer(op) {
                self.host.append_garbage(op);
                self.report.saved_to_garbage += 1;
            }
            cur = self.lists().next(op);
        }
        self.lists_mut().merge(GcList::Finalizers, old);
    }

    // ----- weakrefs -----

    /// `handle_weakrefs`: first clear every weakref to an unreachable object
    /// (and every unreachable weakref), setting aside, with a new reference,
    /// the live weakrefs that have a callback; only then call those
    /// callbacks, so no callback can reach garbage through a weakref. A
    /// weakref that survives its callback joins `old`; one that dies counts
    /// as collected. Returns that count.
    fn handle_weakrefs(&mut self, old: GcList) -> usize {
        let mut cur = self.lists().first(GcList::Unreachable);
        while let Some(op) = cur {
            let next = self.lists().next(op);
            if self.host.is_weakref(op) {
                // A garbage weakref's callback must never run (bpo-38006).
                self.host.clear_weakref(op);
            }
            while let Some(wr) = self.host.first_weakref(op) {
                self.host.clear_weakref(wr);
                assert_ne!(
                    self.host.first_weakref(op),
                    Some(wr),
                    "GcHost::clear_weakref must unlink the weakref from its referent"
                );
                if !self.host.weakref_has_callback(wr) {
                    continue;
                }
                if self.lists().has_flag(wr, COLLECTING) {
                    // The weakref is garbage too: no callback.
                    continue;
                }
                debug_assert!(self.lists().is_tracked(wr), "weakref {wr:?} is not tracked");
                debug_assert_ne!(Some(wr), next);
                self.host.incref(wr);
                self.lists_mut().move_to(wr, GcList::WeakrefCallbacks);
            }
            cur = next;
        }

        let mut freed = 0;
        while let Some(wr) = self.lists().first(GcList::WeakrefCallbacks) {
            self.host.call_weakref_callback(wr);
            self.report.weakref_callbacks += 1;
            self.host.decref(wr);
            if self.lists().first(GcList::WeakrefCallbacks) == Some(wr) {
                self.lists_mut().move_to(wr, old);
            } else {
                freed += 1;
            }
        }
        freed
    }

    // ----- PEP 442 -----

    /// `finalize_garbage`: take each object from the head of `unreachable`
    /// to `seen`, and run its `tp_finalize` if it has one that has not run
    /// yet (setting FINALIZED first). Finalizers may free any of these
    /// objects; taking always the current head keeps that safe.
    fn finalize_garbage(&mut self) {
        while let Some(op) = self.lists().first(GcList::Unreachable) {
            self.lists_mut().move_to(op, GcList::Seen);
            if !self.lists().has_flag(op, FINALIZED) && self.host.has_finalizer(op) {
                self.lists_mut().set_flag(op, FINALIZED);
                self.report.finalized.push(op);
                self.host.incref(op);
                self.host.finalize(op);
                self.host.decref(op);
            }
        }
        self.lists_mut().merge(GcList::Seen, GcList::Unreachable);
    }

    /// `handle_resurrected_objects`: recompute reachability inside
    /// `unreachable` with the refcounts as the finalizers left them. What is
    /// still garbage moves to `final_unreachable`; what was resurrected joins
    /// `old`.
    fn handle_resurrected_objects(&mut self, old: GcList) {
        let mut cur = self.lists().first(GcList::Unreachable);
        while let Some(op) = cur {
            let lists = self.lists_mut();
            lists.clear_flag(op, COLLECTING);
            cur = lists.next(op);
        }
        self.deduce_unreachable(GcList::Unreachable, GcList::FinalUnreachable, false);
        self.report.resurrected = Sample::of(self.lists().iter(GcList::Unreachable));
        self.lists_mut().merge(GcList::Unreachable, old);
    }

    /// `delete_garbage`: for each object at the head of `final_unreachable`,
    /// append it to `gc.garbage` (`DEBUG_SAVEALL`) or call its `tp_clear`;
    /// the cascade of deallocations unlinks whatever dies. An object still at
    /// the head afterwards survived and moves to `old`.
    fn delete_garbage(&mut self, old: GcList) {
        while let Some(op) = self.lists().first(GcList::FinalUnreachable) {
            debug_assert!(self.host.refcnt(op) > 0, "refcount of {op:?} is too small");
            if self.host.gc_ref().debug & DEBUG_SAVEALL != 0 {
                self.host.append_garbage(op);
                self.report.saved_to_garbage += 1;
            } else {
                self.host.incref(op);
                self.host.clear(op);
                self.host.decref(op);
            }
            if self.lists().first(GcList::FinalUnreachable) == Some(op) {
                let lists = self.lists_mut();
                lists.clear_flag(op, COLLECTING);
                lists.move_to(op, old);
            }
        }
    }
}

/// `visit_reachable`, for a reference from a reachable object of `young`.
/// Objects not COLLECTING (other generations, objects already scanned,
/// untracked or non-GC objects) are ignored. An object already moved to
/// `unreachable` goes back to the tail of `young` with `gc_refs = 1`, to be
/// scanned again; one not scanned yet just gets `gc_refs = 1`.
fn visit_reachable(lists: &mut Lists, op: ObjectId, young: GcList, unreachable: GcList) {
    if !lists.has_flag(op, COLLECTING) {
        return;
    }
    if lists.list_of(op) == Some(unreachable) {
        lists.move_to(op, young);
        lists.set_gc_refs(op, 1);
    } else if lists.gc_refs(op) == 0 {
        lists.set_gc_refs(op, 1);
    }
}
