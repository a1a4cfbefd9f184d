//! `GcHost`: what the collector needs from the heap and the interpreter.
//!
//! The collector owns the algorithm (lists, `gc_refs`, phases); the host owns
//! the objects. Each method stands for one slot or helper CPython's
//! Modules/gcmodule.c calls: `ob_refcnt`, `tp_traverse`, `tp_finalize`,
//! `tp_del`, `tp_clear`, the weakref list, `gc.garbage`, `gc.callbacks` and the
//! free lists. The same trait lets unit tests drive the collector over
//! hand-built graphs.
//!
//! Re-entrancy: [`finalize`](GcHost::finalize),
//! [`call_weakref_callback`](GcHost::call_weakref_callback),
//! [`clear`](GcHost::clear), [`decref`](GcHost::decref) and
//! [`gc_callback`](GcHost::gc_callback) run arbitrary Python code in CPython.
//! They may allocate (report it with `GcState::on_gc_alloc`, which starts no
//! collection while one runs), track and untrack objects, and free objects
//! (call `GcState::forget` and `GcState::on_gc_dealloc`), including objects the
//! running collection is holding on its temporary lists. A manual
//! `collect()` from inside returns `None`, as `gc.collect()` returns 0.

use serde::{Deserialize, Serialize};

use super::state::GcState;
use crate::ids::ObjectId;

/// The exact-type tests the lazy untracking passes make
/// (`PyTuple_CheckExact`, `PyDict_CheckExact`); subclasses are `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shape {
    /// An exact `tuple`.
    Tuple,
    /// An exact `dict`.
    Dict,
    /// Anything else.
    Other,
}

/// The two calls `gc_collect_with_callback` makes to each of `gc.callbacks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CallbackPhase {
    /// Before the collection; `collected` and `uncollectable` are 0.
    Start,
    /// After it.
    Stop,
}

/// The `info` dict passed to `gc.callbacks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackInfo {
    pub generation: usize,
    pub collected: usize,
    pub uncollectable: usize,
}

/// The heap and interpreter, as the collector sees them. See the module
/// documentation for what the re-entrant methods may do.
pub trait GcHost {
    /// The collector's state, owned by the host.
    fn gc(&mut self) -> &mut GcState;
    /// The same, shared.
    fn gc_ref(&self) -> &GcState;

    // ----- objects -----

    /// `Py_REFCNT(op)`: the true reference count (never 0 for a live object).
    fn refcnt(&self, op: ObjectId) -> usize;
    /// `Py_INCREF`.
    fn incref(&mut self, op: ObjectId);
    /// `Py_DECREF`: at 0 the host deallocates `op` (running whatever its
    /// `tp_dealloc` runs) and calls `forget(op)` and `on_gc_dealloc()`.
    fn decref(&mut self, op: ObjectId);
    /// `tp_traverse`: call `visit` once per reference `op` holds, in the order
    /// CPython's traverse function visits them. Visiting non-GC objects (ints,
    /// strs) is allowed and ignored. Must not change anything.
    fn traverse(&self, op: ObjectId, visit: &mut dyn FnMut(ObjectId));
    /// [`GcHost::traverse`] appending the references to `out`: the
    /// collector's hot path, which a host may implement without a callback.
    fn traverse_into(&self, op: ObjectId, out: &mut Vec<ObjectId>) {
        self.traverse(op, &mut |r| out.push(r));
    }
    /// `_PyObject_IS_GC(op)`: the type has `Py_TPFLAGS_HAVE_GC` and (for
    /// types) `tp_is_gc` says yes. Static types and atoms answer false.
    fn is_gc(&self, op: ObjectId) -> bool;
    /// Whether `op` is an exact tuple or an exact dict.
    fn shape(&self, op: ObjectId) -> Shape;
    /// The inputs of `_PyTuple_MaybeUntrack` / `_PyDict_MaybeUntrack`: for a
    /// tuple each item in order (`None` for a NULL slot of a tuple still being
    /// built); for a dict each live value, and also each key when the keys
    /// table is not all-str (`DK_IS_UNICODE`) or the dict uses a split table
    /// (values only then). The collector untracks `op` when none of them
    /// "may be tracked" (see [`may_be_tracked`]).
    fn untrack_items(&self, op: ObjectId, visit: &mut dyn FnMut(Option<ObjectId>));

    // ----- finalizers -----

    /// The type has `tp_finalize` (a Python class with `__del__`, generators,
    /// ...).
    fn has_finalizer(&self, op: ObjectId) -> bool;
    /// Run `tp_finalize` (PEP 442). The collector has already set FINALIZED
    /// and holds a reference to `op` around the call.
    fn finalize(&mut self, op: ObjectId);
    /// The type has a legacy `tp_del` (C-level only: never a Python class).
    fn has_legacy_finalizer(&self, op: ObjectId) -> bool;
    /// `tp_clear`: drop the references `op` holds (no-op for types without
    /// `tp_clear`, e.g. tuples). The collector holds a reference to `op`
    /// around the call.
    fn clear(&mut self, op: ObjectId);

    // ----- weak references -----

    /// `PyWeakref_Check(op)`: `op` is a weakref (ref or proxy).
    fn is_weakref(&self, op: ObjectId) -> bool;
    /// The head of `op`'s weakref list, `None` if it has none or its type
    /// does not support weakrefs.
    fn first_weakref(&self, op: ObjectId) -> Option<ObjectId>;
    /// `_PyWeakref_ClearRef(wr)`: unlink `wr` from its referent's list and set
    /// its referent to None, keeping its callback. No Python code runs. A no-op
    /// on an already cleared weakref.
    fn clear_weakref(&mut self, wr: ObjectId);
    /// `wr->wr_callback != NULL`.
    fn weakref_has_callback(&self, wr: ObjectId) -> bool;
    /// Call `wr`'s callback with `wr` (errors are unraisable).
    fn call_weakref_callback(&mut self, wr: ObjectId);

    // ----- the gc module -----

    /// `PyList_Append(gc.garbage, op)` (the list takes a reference).
    fn append_garbage(&mut self, op: ObjectId);
    /// `clear_freelists()`: empty the float, tuple, list, dict, async
    /// generator and context free lists. Called by full collections only.
    fn clear_freelists(&mut self);
    /// Call each of `gc.callbacks` with `(phase, info)`; do nothing (allocate
    /// nothing) when there are none.
    fn gc_callback(&mut self, phase: CallbackPhase, info: CallbackInfo);
}

/// `_PyObject_GC_MAY_BE_TRACKED(op)`: `op` is a GC object and, if it is an
/// exact tuple, it is currently tracked. An untracked dict still "may be
/// tracked" (it can become tracked again at any store). The heap's dict uses
/// the same test for `MAINTAIN_TRACKING`.
pub fn may_be_tracked<H: GcHost + ?Sized>(host: &H, op: ObjectId) -> bool {
    host.is_gc(op) && (host.shape(op) != Shape::Tuple || host.gc_ref().is_tracked(op))
}
