//! The `weakref` module: `weakref.ref` objects, cleared when their referent
//! dies (by reference counting or by the cyclic GC) with callbacks run.

use crate::heap::{flag, Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::builtins::Args;
use crate::vm::memory::Spec;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

impl Vm {
    pub(super) fn init_weakref_module(&mut self, dict: ObjectId) -> R<()> {
        let t = Builtin::WeakRef.id();
        self.module_set(dict, "ref", t)?;
        self.module_set(dict, "ReferenceType", t)
    }

    pub(super) fn run_weakref_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        match f {
            ModuleFn::WeakrefGetWeakRefCount => {
                self.arity("_weakref.getweakrefcount", a, 1, 1)?;
                let n = self.weakrefs.get(&a.pos[0]).map(Vec::len).unwrap_or(0);
                self.new_int(n as i64)
            }
            _ => unreachable!("not a weakref function"),
        }
    }

    /// Whether `obj`'s type supports weak references (`tp_weaklistoffset`).
    fn supports_weakrefs(&self, obj: ObjectId) -> bool {
        match self.heap.payload(obj) {
            Payload::Instance(i) => {
                let ty = self.heap.get(obj).ty;
                let user = matches!(self.heap.payload(ty), Payload::Type(t) if t.user);
                i.args != NULL || !user || self.instance_layout(ty).weakref
            }
            _ if matches!(self.heap.payload(self.heap.get(obj).ty), Payload::Type(t) if t.user) => true,
            Payload::Function(_) | Payload::Type(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::Generator(_) | Payload::Method { .. } | Payload::Code(_) => true,
            // array and deque have `tp_weaklistoffset`; tracemalloc's
            // Snapshot, _Traces and Filter are plain classes; a `@profile`
            // wrapper is a function.
            Payload::Ext(x) => matches!(
                **x,
                crate::vm::modules::Ext::Array(_) | crate::vm::modules::Ext::Deque(_) | crate::vm::modules::Ext::Profiled { .. }
            ) || matches!(
                self.builtin_of_type(self.heap.get(obj).ty),
                Some(Builtin::TmSnapshot | Builtin::TmTraces | Builtin::TmFilter | Builtin::TmDomainFilter)
            ),
            // A Counter is an instance of a Python class.
            Payload::Dict(_) => self.heap.get(obj).ty == Builtin::Counter.id(),
            _ => false,
        }
    }

    /// `weakref.ref(obj[, callback])`.
    pub(super) fn new_weakref(&mut self, a: &Args) -> R<ObjectId> {
        if a.pos.is_empty() || a.pos.len() > 2 {
            return Err(self.error("TypeError", &format!("__new__ expected at most 2 arguments, got {}", a.pos.len())));
        }
        let target = a.pos[0];
        if !self.supports_weakrefs(target) {
            let t = self.type_name(target);
            return Err(self.error("TypeError", &format!("cannot create weak reference to '{t}' object")));
        }
        let callback = a.pos.get(1).copied().filter(|&c| c != self.wk.none).unwrap_or(NULL);
        if callback == NULL {
            // A plain ref is shared: CPython returns the existing one.
            let existing = self.weakrefs.get(&target).and_then(|v| {
                v.iter().copied().find(|&w| matches!(self.heap.payload(w), Payload::WeakRef { callback, .. } if *callback == NULL))
            });
            if let Some(w) = existing {
                self.incref(w);
                return Ok(w);
            }
        } else {
            self.incref(callback);
        }
        self.alloc_weakref(target, callback)
    }

    /// A new weakref object to `target` (the callback an owned reference or
    /// NULL), linked into `target`'s list.
    pub(crate) fn alloc_weakref(&mut self, target: ObjectId, callback: ObjectId) -> R<ObjectId> {
        let wr = self.alloc_object(
            Builtin::WeakRef.id(),
            Payload::WeakRef { target, callback },
            Spec::of(LayoutType::WeakRef),
        )?;
        self.heap.get_mut(target).flags |= flag::WEAKREFD;
        let list = self.weakrefs.entry(target).or_default();
        // Plain refs go first in the list, as `PyWeakref_NewRef` inserts them.
        if callback == NULL {
            list.insert(0, wr);
        } else {
            list.push(wr);
        }
        Ok(wr)
    }

    /// The referent of a weakref (new reference), or None.
    pub fn weakref_get(&mut self, wr: ObjectId) -> ObjectId {
        let t = match self.heap.payload(wr) {
            Payload::WeakRef { target, .. } => *target,
            _ => NULL,
        };
        if t == NULL {
            self.none_ref()
        } else {
            self.incref(t);
            t
        }
    }

    /// `PyObject_ClearWeakRefs` on a dying object: clear every weakref to it,
    /// then call the callbacks (newest first).
    pub(crate) fn clear_weakrefs_to(&mut self, id: ObjectId, call_callbacks: bool) {
        if self.weakrefs.is_empty() || self.heap.get(id).flags & flag::WEAKREFD == 0 {
            return;
        }
        let Some(list) = self.weakrefs.remove(&id) else { return };
        self.on_weakrefs_cleared(id, list.len() as u32);
        for &w in &list {
            if let Payload::WeakRef { target, .. } = self.heap.payload_mut(w) {
                *target = NULL;
            }
        }
        if !call_callbacks {
            return;
        }
        for &w in list.iter().rev() {
            if matches!(self.heap.payload(w), Payload::WeakRef { callback, .. } if *callback != NULL) {
                self.incref(w);
                self.run_weakref_callback(w);
                self.decref(w);
            }
        }
    }

    /// Calls `wr`'s callback with `wr`; errors are unraisable.
    pub(crate) fn run_weakref_callback(&mut self, wr: ObjectId) {
        let cb = match self.heap.payload(wr) {
            Payload::WeakRef { callback, .. } => *callback,
            _ => NULL,
        };
        if cb == NULL {
            return;
        }
        self.incref(cb);
        self.incref(wr);
        let r = self.call(cb, vec![wr]);
        self.decref(cb);
        match r {
            Ok(v) => self.decref(v),
            Err(e) => self.unraisable(e, "weakref callback"),
        }
    }
}
