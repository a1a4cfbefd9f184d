//! The interpreter as the cyclic collector's host: what `tp_traverse`,
//! `tp_clear`, `tp_finalize` and the weakref list mean for each object here.

use crate::gc::{CallbackInfo, CallbackPhase, CollectReport, GcHost, GcState, Reason, Shape};
use crate::heap::{flag, Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::memory::{visit_children, visit_children_with};
use crate::vm::Vm;

impl GcHost for Vm {
    fn gc(&mut self) -> &mut GcState {
        &mut self.heap.gc
    }

    fn gc_ref(&self) -> &GcState {
        &self.heap.gc
    }

    fn refcnt(&self, op: ObjectId) -> usize {
        self.heap.get(op).refcnt as usize
    }

    fn incref(&mut self, op: ObjectId) {
        Vm::incref(self, op)
    }

    fn decref(&mut self, op: ObjectId) {
        Vm::decref(self, op)
    }

    fn traverse(&self, op: ObjectId, visit: &mut dyn FnMut(ObjectId)) {
        self.traverse_with(op, visit);
    }

    fn traverse_into(&self, op: ObjectId, out: &mut Vec<ObjectId>) {
        self.traverse_with(op, &mut |c| out.push(c));
    }

    fn is_gc(&self, op: ObjectId) -> bool {
        let o = self.heap.get(op);
        o.flags & flag::STATIC == 0 && self.type_is_gc(o.ty)
    }

    fn shape(&self, op: ObjectId) -> Shape {
        let o = self.heap.get(op);
        match o.payload {
            Payload::Tuple(_) if o.ty == crate::vm::types::Builtin::Tuple.id() => Shape::Tuple,
            Payload::Dict(_) if o.ty == crate::vm::types::Builtin::Dict.id() => Shape::Dict,
            _ => Shape::Other,
        }
    }

    fn untrack_items(&self, op: ObjectId, visit: &mut dyn FnMut(Option<ObjectId>)) {
        match self.heap.payload(op) {
            Payload::Tuple(items) => items.iter().for_each(|&i| visit((i != NULL).then_some(i))),
            Payload::Dict(d) => {
                for e in d.live() {
                    visit(Some(e.value));
                    if !d.unicode {
                        visit(Some(e.key));
                    }
                }
            }
            _ => {}
        }
    }

    fn has_finalizer(&self, op: ObjectId) -> bool {
        self.has_finalizer_now(op)
    }

    fn finalize(&mut self, op: ObjectId) {
        self.run_finalizer(op);
    }

    fn has_legacy_finalizer(&self, _op: ObjectId) -> bool {
        false
    }

    fn clear(&mut self, op: ObjectId) {
        self.tp_clear(op);
    }

    fn is_weakref(&self, op: ObjectId) -> bool {
        matches!(self.heap.payload(op), Payload::WeakRef { .. })
    }

    fn first_weakref(&self, op: ObjectId) -> Option<ObjectId> {
        if self.heap.get(op).flags & flag::WEAKREFD == 0 {
            return None;
        }
        self.weakrefs.get(&op).and_then(|v| v.first().copied())
    }

    fn clear_weakref(&mut self, wr: ObjectId) {
        let target = match self.heap.payload_mut(wr) {
            Payload::WeakRef { target, .. } => std::mem::replace(target, NULL),
            _ => NULL,
        };
        if target != NULL {
            if let Some(list) = self.weakrefs.get_mut(&target) {
                list.retain(|&w| w != wr);
                if list.is_empty() {
                    self.weakrefs.remove(&target);
                }
            }
        }
    }

    fn weakref_has_callback(&self, wr: ObjectId) -> bool {
        matches!(self.heap.payload(wr), Payload::WeakRef { callback, .. } if *callback != NULL)
    }

    fn call_weakref_callback(&mut self, wr: ObjectId) {
        self.run_weakref_callback(wr);
    }

    fn append_garbage(&mut self, op: ObjectId) {
        let g = self.gc_garbage;
        if let Err(e) = self.list_append(g, op) {
            self.discard(e);
        }
    }

    fn clear_freelists(&mut self) {
        self.clear_free_lists();
    }

    fn gc_callback(&mut self, phase: CallbackPhase, info: CallbackInfo) {
        self.run_gc_callbacks(phase, info);
    }
}

impl Vm {
    /// `tp_traverse`, one body for both [`GcHost`] forms: the callback one
    /// and the collector's, which pushes into its vector with no call
    /// through a pointer per reference.
    #[inline]
    fn traverse_with<F: FnMut(ObjectId) + ?Sized>(&self, op: ObjectId, visit: &mut F) {
        let o = self.heap.get(op);
        visit_children_with(&o.payload, visit);
        // Instances of heap types hold a reference to their class.
        if matches!(o.payload, Payload::Instance(_)) && matches!(self.heap.payload(o.ty), Payload::Type(t) if t.user) {
            visit(o.ty);
        }
    }

    /// Runs a collection of `generation` and records it on the timeline.
    pub fn collect_generation(&mut self, generation: usize, reason: Reason) -> Option<CollectReport> {
        let report = crate::gc::collect(self, generation, reason);
        if let Some(r) = &report {
            self.on_collect(r);
        }
        report
    }

    /// `tp_clear`: drop the references a garbage object holds.
    fn tp_clear(&mut self, op: ObjectId) {
        if let Payload::Ext(_) = self.heap.payload(op) {
            self.clear_ext(op);
            return;
        }
        if self.heap.get(op).flags & flag::TYPE_DICT != 0 || matches!(self.heap.payload(op), Payload::Type(_)) {
            self.type_cache.get_mut().invalidate();
        }
        // A vector kept between calls: a collection clears every garbage
        // object, and a new vector each time was a host allocation each.
        let mut dropped = std::mem::take(&mut self.clear_scratch);
        match self.heap.payload_mut(op) {
            Payload::List(l) => dropped.extend(std::mem::take(&mut l.items)),
            Payload::Dict(d) => {
                dropped.extend(d.factory.take());
                for e in std::mem::take(&mut d.entries).into_iter().flatten() {
                    dropped.push(e.key);
                    dropped.push(e.value);
                }
                d.used = 0;
                d.indices.iter_mut().for_each(|i| *i = -1);
            }
            Payload::Set(s) => {
                for slot in s.table.iter_mut() {
                    if slot.1 != NULL {
                        dropped.push(std::mem::replace(slot, (-1, NULL)).1);
                    }
                }
                s.used = 0;
            }
            Payload::Instance(inst) => {
                // Drained, not taken: the instance keeps its vectors'
                // capacity for the instance pool.
                dropped.extend(inst.values.drain(..).map(|(_, v)| v));
                dropped.extend(inst.slots.drain(..).filter(|&v| v != NULL));
                for f in [&mut inst.dict, &mut inst.args, &mut inst.tb, &mut inst.cause, &mut inst.context] {
                    if *f != NULL {
                        dropped.push(std::mem::replace(f, NULL));
                    }
                }
            }
            Payload::Function(f) => {
                for x in [&mut f.defaults, &mut f.kwdefaults, &mut f.closure, &mut f.dict] {
                    if *x != NULL {
                        dropped.push(std::mem::replace(x, NULL));
                    }
                }
            }
            Payload::Cell(c)
                if *c != NULL => {
                    dropped.push(std::mem::replace(c, NULL));
                }
            Payload::FrameObj(f) => dropped.extend(std::mem::take(&mut f.owned)),
            Payload::Traceback(t) => {
                for x in [&mut t.next, &mut t.frame] {
                    if *x != NULL {
                        dropped.push(std::mem::replace(x, NULL));
                    }
                }
            }
            Payload::Type(t) => {
                // type_clear: the dict and the MRO (and here __bases__).
                if t.dict != NULL {
                    dropped.push(std::mem::replace(&mut t.dict, NULL));
                }
                dropped.extend(std::mem::take(&mut t.owned));
            }
            Payload::Module(m)
                if m.dict != NULL => {
                    dropped.push(std::mem::replace(&mut m.dict, NULL));
                }
            Payload::Generator(g) => {
                if let Some(f) = g.frame.take() {
                    let f = *f;
                    self.release_frame(f);
                }
            }
            Payload::Iter(_) | Payload::Property { .. } | Payload::StaticMethod(_) | Payload::ClassMethod(_) | Payload::Super { .. } => {
                let p = std::mem::replace(self.heap.payload_mut(op), Payload::None);
                visit_children(&p, &mut |c| dropped.push(c));
                // Keep the object's shape valid but empty.
                *self.heap.payload_mut(op) = match p {
                    Payload::Iter(_) => Payload::Iter(Box::new(crate::vm::iter::IterState::Exhausted)),
                    other => {
                        drop(other);
                        Payload::None
                    }
                };
            }
            _ => {}
        }
        for i in 0..dropped.len() {
            let v = dropped[i];
            self.decref(v);
        }
        dropped.clear();
        if self.clear_scratch.capacity() < dropped.capacity() {
            self.clear_scratch = dropped;
        }
    }
}

/// The generation-0 count CPython's start-up leaves (encodings, io, the
/// `__main__` module, compiling the script: objects the simulator does not
/// build). Calibrated on `import gc` then `gc.get_count()` as a script's
/// first statements, which reads 448 under `python3 -I -S`: 429 plus the 19
/// that the simulated `import gc` adds (module, dict, its functions).
/// CPython's compiler adds more per script (its symtable and compiler
/// containers beyond the free lists: about a dozen for the first `def` or
/// `class`), which is not modelled: those scripts read a little less here.
pub const STARTUP_GEN0_COUNT: i32 = 429;
/// Start-up ran six generation-0 collections (and no older one), which freed
/// 24 objects: `gc.get_count()[1]` is 6 and `gc.get_stats()[0]` says so.
pub const STARTUP_GEN0_COLLECTIONS: i32 = 6;
pub const STARTUP_GEN0_COLLECTED: u64 = 24;

impl Vm {
    /// Puts the collector in the state CPython's start-up leaves it in, in
    /// place of the counts of the simulator's own start-up objects. Called
    /// once, just before the program's first compile unit.
    pub fn seed_startup_collector(&mut self) {
        let gc = &mut self.heap.gc;
        gc.count = [STARTUP_GEN0_COUNT, STARTUP_GEN0_COLLECTIONS, 0];
        gc.stats[0].collections = STARTUP_GEN0_COLLECTIONS as u64;
        gc.stats[0].collected = STARTUP_GEN0_COLLECTED;
    }
}
