//! A mock heap for the collector's tests: a table of nodes with a refcount,
//! outgoing references, a kind and an optional scripted `__del__`, freed by
//! refcounting exactly as CPython frees objects (finalizer from dealloc,
//! untrack, clear weakrefs, drop references, `PyObject_GC_Del`). Freed ids go
//! on a stack and are reused, so every test also exercises `forget()`.

use std::collections::BTreeMap;

use crate::gc::{
    collect, gc_link, may_be_tracked, CallbackInfo, CallbackPhase, CollectReport, GcHost, GcState,
    Reason, Shape,
};
use crate::ids::ObjectId;

/// What kind of object a node models. It decides `is_gc`, the exact-type
/// tests, whether it is tracked at creation and whether it has `tp_clear`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A class instance (`__slots__` or values array: no separate dict).
    Instance,
    /// An instance of a C class with a legacy `tp_del` (c28).
    Legacy,
    List,
    Tuple,
    /// Exact dict: untracked at creation, tracked by `MAINTAIN_TRACKING`.
    Dict,
    Function,
    /// A heap type (class).
    Type,
    /// A `getset_descriptor` (references its type).
    Descriptor,
    /// A `weakref.ref`.
    Weakref,
    /// An int, str, None: not a GC object.
    Atom,
    /// A static type such as `object`: `tp_is_gc` says no.
    StaticType,
}

impl Kind {
    fn is_gc(self) -> bool {
        !matches!(self, Kind::Atom | Kind::StaticType)
    }

    fn tracked_at_creation(self) -> bool {
        self.is_gc() && self != Kind::Dict
    }

    fn has_clear(self) -> bool {
        self.is_gc() && self != Kind::Tuple
    }
}

/// A scripted `__del__`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fin {
    /// Log that it ran.
    Log,
    /// `holder.append(self)`.
    Resurrect(ObjectId),
    /// `self.o = None`: drop every reference the object holds.
    DropRefs,
    /// Allocate this many lists and keep them in `holder`.
    Allocate(u32, ObjectId),
    /// Log whether this weakref is already cleared.
    CheckWeakref(ObjectId),
    /// Call `gc.collect()` and log whether it ran.
    Collect,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Del(ObjectId),
    /// A weakref callback ran, with its weakref.
    WeakrefCallback(ObjectId),
    /// `Fin::CheckWeakref`: `(finalized object, weakref, wr() is None)`.
    SawWeakref(ObjectId, ObjectId, bool),
    /// `Fin::Collect`: whether the nested `gc.collect()` ran.
    NestedCollect(bool),
    /// A `gc.callbacks` call, with the number of `alloc` calls finished.
    Callback(CallbackPhase, CallbackInfo, usize),
}

#[derive(Clone, Debug)]
struct Node {
    refcnt: usize,
    kind: Kind,
    alive: bool,
    edges: Vec<ObjectId>,
    fin: Option<Fin>,
    /// For a weakref: its referent (None once cleared) and callback.
    wr_target: Option<ObjectId>,
    wr_callback: bool,
    /// Weakrefs to this object, oldest first.
    weakrefs: Vec<ObjectId>,
}

pub struct Mock {
    pub gc: GcState,
    nodes: Vec<Node>,
    free: Vec<ObjectId>,
    pub log: Vec<Event>,
    /// `gc.garbage`.
    pub garbage: Vec<ObjectId>,
    /// Record `gc.callbacks` calls in `log`.
    pub callbacks: bool,
    /// Reports of the automatic collections, in order.
    pub automatic: Vec<CollectReport>,
    /// Finished `alloc` calls.
    pub allocations: usize,
    /// Calls of `clear_freelists`.
    pub freelist_clears: usize,
    /// Weakref callbacks that run `holder.clear()` (weakref → holder).
    pub callback_clears: BTreeMap<ObjectId, ObjectId>,
}

impl Mock {
    pub fn new() -> Self {
        Mock {
            gc: GcState::new(),
            nodes: Vec::new(),
            free: Vec::new(),
            log: Vec::new(),
            garbage: Vec::new(),
            callbacks: false,
            automatic: Vec::new(),
            allocations: 0,
            freelist_clears: 0,
            callback_clears: BTreeMap::new(),
        }
    }

    fn node(&self, op: ObjectId) -> &Node {
        let n = &self.nodes[op.index()];
        assert!(n.alive, "{op:?} is dead");
        n
    }

    fn node_mut(&mut self, op: ObjectId) -> &mut Node {
        let n = &mut self.nodes[op.index()];
        assert!(n.alive, "{op:?} is dead");
        n
    }

    pub fn alive(&self, op: ObjectId) -> bool {
        self.nodes.get(op.index()).is_some_and(|n| n.alive)
    }

    /// `del name`: drop the caller's reference.
    pub fn del(&mut self, op: ObjectId) {
        self.decref(op);
    }

    /// The references `op` holds.
    pub fn edges(&self, op: ObjectId) -> &[ObjectId] {
        &self.node(op).edges
    }

    /// Allocate an object the way CPython's allocators do: reserve it, count
    /// the GC allocation (possibly collecting), then track it. It starts with
    /// one reference, held by the caller ("a variable").
    pub fn alloc(&mut self, kind: Kind) -> ObjectId {
        let fresh = Node {
            refcnt: 1,
            kind,
            alive: true,
            edges: Vec::new(),
            fin: None,
            wr_target: None,
            wr_callback: false,
            weakrefs: Vec::new(),
        };
        let op = match self.free.pop() {
            Some(op) => {
                self.nodes[op.index()] = fresh;
                op
            }
            None => {
                self.nodes.push(fresh);
                ObjectId(self.nodes.len() as u32 - 1)
            }
        };
        if kind.is_gc() {
            if let Some(report) = gc_link(self, false) {
                self.automatic.push(report);
            }
            if kind.tracked_at_creation() {
                self.gc.track(op);
            }
        }
        self.allocations += 1;
        op
    }

    /// An instance whose class defines `__del__` as scripted.
    pub fn with_del(&mut self, fin: Fin) -> ObjectId {
        let op = self.alloc(Kind::Instance);
        self.node_mut(op).fin = Some(fin);
        op
    }

    pub fn set_fin(&mut self, op: ObjectId, fin: Fin) {
        self.node_mut(op).fin = Some(fin);
    }

    /// `from.attr = to` / `from.append(to)` / `from[k] = to`: a new reference.
    /// A dict starts being tracked when it stores something that may be
    /// tracked (`MAINTAIN_TRACKING`).
    pub fn link(&mut self, from: ObjectId, to: ObjectId) {
        self.incref(to);
        self.node_mut(from).edges.push(to);
        if self.node(from).kind == Kind::Dict
            && !self.gc.is_tracked(from)
            && may_be_tracked(self, to)
        {
            self.gc.track(from);
        }
    }

    /// Replace `from`'s `i`-th reference by `to` (`d["k"] = 1` after
    /// `d["k"] = []`); the dict stays tracked.
    pub fn set_edge(&mut self, from: ObjectId, i: usize, to: ObjectId) {
        self.incref(to);
        let old = std::mem::replace(&mut self.node_mut(from).edges[i], to);
        self.decref(old);
    }

    /// Drop every reference `from` holds (`del l[:]`, `self.o = None`).
    pub fn drop_refs(&mut self, from: ObjectId) {
        let edges = std::mem::take(&mut self.node_mut(from).edges);
        for e in edges {
            self.decref(e);
        }
    }

    /// `tuple(items)`, built and then filled, as CPython does.
    pub fn tuple(&mut self, items: &[ObjectId]) -> ObjectId {
        let t = self.alloc(Kind::Tuple);
        for &i in items {
            self.incref(i);
            self.node_mut(t).edges.push(i);
        }
        t
    }

    /// `weakref.ref(target[, callback])`.
    pub fn weakref(&mut self, target: ObjectId, callback: bool) -> ObjectId {
        let wr = self.alloc(Kind::Weakref);
        let n = self.node_mut(wr);
        n.wr_target = Some(target);
        n.wr_callback = callback;
        self.node_mut(target).weakrefs.push(wr);
        wr
    }

    /// `wr() is None`.
    pub fn weakref_dead(&self, wr: ObjectId) -> bool {
        self.node(wr).wr_target.is_none()
    }

    /// `gc.collect(generation)`.
    pub fn collect(&mut self, generation: usize) -> usize {
        self.collect_report(generation).total()
    }

    pub fn collect_report(&mut self, generation: usize) -> CollectReport {
        let report = collect(self, generation, Reason::Manual).expect("no collection running");
        self.gc.check_lists();
        report
    }

    /// `gc.garbage.clear()`.
    pub fn clear_garbage(&mut self) {
        for op in std::mem::take(&mut self.garbage) {
            self.decref(op);
        }
    }

    pub fn dels(&self) -> Vec<ObjectId> {
        self.log
            .iter()
            .filter_map(|e| match e {
                Event::Del(op) => Some(*op),
                _ => None,
            })
            .collect()
    }

    fn run_fin(&mut self, op: ObjectId, fin: Fin) {
        match fin {
            Fin::Log => self.log.push(Event::Del(op)),
            Fin::Resurrect(holder) => {
                self.log.push(Event::Del(op));
                self.link(holder, op);
            }
            Fin::DropRefs => {
                self.log.push(Event::Del(op));
                self.drop_refs(op);
            }
            Fin::Allocate(n, holder) => {
                self.log.push(Event::Del(op));
                for _ in 0..n {
                    let l = self.alloc(Kind::List);
                    self.link(holder, l);
                    self.decref(l);
                }
            }
            Fin::CheckWeakref(wr) => {
                self.log.push(Event::Del(op));
                let dead = self.weakref_dead(wr);
                self.log.push(Event::SawWeakref(op, wr, dead));
            }
            Fin::Collect => {
                self.log.push(Event::Del(op));
                let ran = collect(self, 2, Reason::Manual).is_some();
                self.log.push(Event::NestedCollect(ran));
            }
        }
    }

    /// Refcount reached 0: what `subtype_dealloc` and friends do.
    fn dealloc(&mut self, op: ObjectId) {
        let node = self.node(op);
        let kind = node.kind;
        // PyObject_CallFinalizerFromDealloc: __del__ once, may resurrect.
        if let Some(fin) = node.fin {
            if !self.gc.is_finalized(op) {
                self.gc.set_finalized(op);
                self.node_mut(op).refcnt = 1;
                self.run_fin(op, fin);
                let n = self.node_mut(op);
                n.refcnt -= 1;
                if n.refcnt > 0 {
                    return;
                }
            }
        }
        self.gc.untrack(op);
        // PyObject_ClearWeakRefs: clear, then call the callbacks.
        let wrs = std::mem::take(&mut self.node_mut(op).weakrefs);
        for &wr in &wrs {
            self.node_mut(wr).wr_target = None;
        }
        for &wr in &wrs {
            if self.node(wr).wr_callback {
                self.incref(wr);
                self.log.push(Event::WeakrefCallback(wr));
                self.decref(wr);
            }
        }
        if kind == Kind::Weakref {
            self.clear_weakref(op);
            self.callback_clears.remove(&op);
        }
        self.drop_refs(op);
        // PyObject_GC_Del.
        self.gc.forget(op);
        if kind.is_gc() {
            self.gc.on_gc_dealloc();
        }
        self.nodes[op.index()].alive = false;
        self.free.push(op);
    }
}

impl GcHost for Mock {
    fn gc(&mut self) -> &mut GcState {
        &mut self.gc
    }

    fn gc_ref(&self) -> &GcState {
        &self.gc
    }

    fn refcnt(&self, op: ObjectId) -> usize {
        self.node(op).refcnt
    }

    fn incref(&mut self, op: ObjectId) {
        self.node_mut(op).refcnt += 1;
    }

    fn decref(&mut self, op: ObjectId) {
        let n = self.node_mut(op);
        assert!(n.refcnt > 0, "{op:?} decref'd below 0");
        n.refcnt -= 1;
        if n.refcnt == 0 {
            self.dealloc(op);
        }
    }

    fn traverse(&self, op: ObjectId, visit: &mut dyn FnMut(ObjectId)) {
        for &e in &self.node(op).edges {
            visit(e);
        }
    }

    fn is_gc(&self, op: ObjectId) -> bool {
        self.node(op).kind.is_gc()
    }

    fn shape(&self, op: ObjectId) -> Shape {
        match self.node(op).kind {
            Kind::Tuple => Shape::Tuple,
            Kind::Dict => Shape::Dict,
            _ => Shape::Other,
        }
    }

    fn untrack_items(&self, op: ObjectId, visit: &mut dyn FnMut(Option<ObjectId>)) {
        for &e in &self.node(op).edges {
            visit(Some(e));
        }
    }

    fn has_finalizer(&self, op: ObjectId) -> bool {
        self.node(op).fin.is_some()
    }

    fn finalize(&mut self, op: ObjectId) {
        let fin = self.node(op).fin.expect("finalize without a finalizer");
        self.run_fin(op, fin);
    }

    fn has_legacy_finalizer(&self, op: ObjectId) -> bool {
        self.node(op).kind == Kind::Legacy
    }

    fn clear(&mut self, op: ObjectId) {
        if self.node(op).kind.has_clear() {
            self.drop_refs(op);
        }
    }

    fn is_weakref(&self, op: ObjectId) -> bool {
        self.node(op).kind == Kind::Weakref
    }

    fn first_weakref(&self, op: ObjectId) -> Option<ObjectId> {
        self.node(op).weakrefs.first().copied()
    }

    fn clear_weakref(&mut self, wr: ObjectId) {
        if let Some(target) = self.node_mut(wr).wr_target.take() {
            self.node_mut(target).weakrefs.retain(|&w| w != wr);
        }
    }

    fn weakref_has_callback(&self, wr: ObjectId) -> bool {
        self.node(wr).wr_callback
    }

    fn call_weakref_callback(&mut self, wr: ObjectId) {
        self.log.push(Event::WeakrefCallback(wr));
        if let Some(&holder) = self.callback_clears.get(&wr) {
            self.drop_refs(holder);
        }
    }

    fn append_garbage(&mut self, op: ObjectId) {
        self.incref(op);
        self.garbage.push(op);
    }

    fn clear_freelists(&mut self) {
        self.freelist_clears += 1;
    }

    fn gc_callback(&mut self, phase: CallbackPhase, info: CallbackInfo) {
        if self.callbacks {
            self.log
                .push(Event::Callback(phase, info, self.allocations));
        }
    }
}
