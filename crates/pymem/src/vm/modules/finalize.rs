//! `weakref.finalize` (Lib/weakref.py): call `func(*args, **kwargs)` once,
//! when `obj` dies, when the finalizer is called, or at interpreter exit.
//!
//! As in CPython, a finalizer is the callback of a `weakref.ref(obj, self)`
//! and stays alive through the class-level registry (here
//! `ModState::finalizers`, one strong reference each) until it has run or
//! been detached; its `_Info` record (80 bytes: six slots and the GC head)
//! holds that weakref, `func`, the args tuple and the kwargs dict.
//! `run_atexit_finalizers` is `finalize._exitfunc`: newest first, every
//! live finalizer whose `atexit` is true, with the collector off; after it
//! no finalizer runs its function any more.

use crate::heap::NULL;
use crate::ids::ObjectId;
use crate::pymalloc::Addr;
use crate::vm::builtins::Args;
use crate::vm::modules::ext::Ext;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

/// `sizeof` of a `finalize` (`__slots__ = ()`) plus the GC head.
const FINALIZE_OBJECT_BYTES: usize = 16 + 16;
/// An `_Info` instance: six slots, header, GC head.
const INFO_BYTES: usize = 16 + 16 + 6 * 8;

#[derive(Clone, Debug)]
pub struct Finalize {
    /// Some while registered (alive).
    pub info: Option<FinalizeInfo>,
}

#[derive(Clone, Debug)]
pub struct FinalizeInfo {
    pub weakref: ObjectId,
    pub func: ObjectId,
    pub args: ObjectId,
    /// A dict, or NULL (`kwargs or None`).
    pub kwargs: ObjectId,
    pub atexit: bool,
    pub index: u64,
    /// The `_Info` object's block.
    pub addr: Addr,
}

impl Finalize {
    pub fn visit(&self, v: &mut dyn FnMut(ObjectId)) {
        if let Some(i) = &self.info {
            for id in [i.weakref, i.func, i.args, i.kwargs] {
                if id != NULL {
                    v(id);
                }
            }
        }
    }
}

impl Vm {
    pub(super) fn init_weakref_finalize(&mut self, dict: ObjectId) -> R<()> {
        self.module_set(dict, "finalize", Builtin::Finalize.id())
    }

    fn finalize_info(&self, f: ObjectId) -> Option<&FinalizeInfo> {
        match self.ext(f) {
            Some(Ext::Finalize(x)) => x.info.as_ref(),
            _ => None,
        }
    }

    /// `finalize(obj, func, /, *args, **kwargs)`.
    pub(crate) fn construct_finalize(&mut self, a: &Args) -> R<ObjectId> {
        if a.pos.len() < 2 {
            let missing = if a.pos.is_empty() { "2 required positional arguments: 'obj' and 'func'" } else { "1 required positional argument: 'func'" };
            return Err(self.error("TypeError", &format!("finalize.__init__() missing {missing}")));
        }
        let (obj, func) = (a.pos[0], a.pos[1]);
        let f = self.new_ext(Builtin::Finalize, Ext::Finalize(Box::new(Finalize { info: None })), FINALIZE_OBJECT_BYTES)?;
        let r = (|| {
            let addr = self.alloc_buffer(INFO_BYTES)?;
            let weakref = match self.new_weakref(&Args { pos: vec![obj, f], kw: Vec::new() }) {
                Ok(w) => w,
                Err(e) => {
                    self.heap.free(addr, INFO_BYTES);
                    return Err(e);
                }
            };
            let rest: Vec<ObjectId> = a.pos[2..].to_vec();
            rest.iter().for_each(|&x| self.incref(x));
            let args = self.new_tuple(rest)?;
            let kwargs = if a.kw.is_empty() {
                NULL
            } else {
                let d = self.new_dict()?;
                for (k, v) in &a.kw {
                    let key = self.new_str(k)?;
                    let r = self.dict_set(d, key, *v);
                    self.decref(key);
                    r?;
                }
                d
            };
            self.incref(func);
            let index = self.ext_state.finalize_counter;
            self.ext_state.finalize_counter += 1;
            let info = FinalizeInfo { weakref, func, args, kwargs, atexit: true, index, addr };
            if let Some(Ext::Finalize(x)) = self.ext_mut(f) {
                x.info = Some(info);
            }
            // The registry's reference.
            self.incref(f);
            self.ext_state.finalizers.push(f);
            Ok(())
        })();
        match r {
            Ok(()) => Ok(f),
            Err(e) => {
                self.decref(f);
                Err(e)
            }
        }
    }

    /// Drops an `_Info` record: its slots in order, then its block.
    pub(crate) fn drop_finalize_info(&mut self, info: FinalizeInfo) {
        self.decref(info.weakref);
        self.decref(info.func);
        self.decref(info.args);
        self.xdecref(info.kwargs);
        self.heap.free(info.addr, INFO_BYTES);
    }

    pub(crate) fn release_finalize(&mut self, f: Finalize) {
        if let Some(info) = f.info {
            self.drop_finalize_info(info);
        }
    }

    /// `_registry.pop(self, None)`: the info, with the registry's
    /// reference to `f` dropped (the caller holds another).
    fn unregister_finalize(&mut self, f: ObjectId) -> Option<FinalizeInfo> {
        let info = match self.ext_mut(f) {
            Some(Ext::Finalize(x)) => x.info.take(),
            _ => None,
        }?;
        if let Some(i) = self.ext_state.finalizers.iter().position(|&x| x == f) {
            self.ext_state.finalizers.remove(i);
            self.decref(f);
        }
        Some(info)
    }

    /// `finalize.__call__(_=None)`: runs `func` once, unless at shutdown.
    pub(crate) fn finalize_call(&mut self, f: ObjectId) -> R<ObjectId> {
        let Some(info) = self.unregister_finalize(f) else { return Ok(self.none_ref()) };
        let r = if self.ext_state.finalize_shutdown {
            Ok(self.none_ref())
        } else {
            let args = self.seq_items(info.args);
            args.iter().for_each(|&x| self.incref(x));
            let mut all = args;
            let kwnames = if info.kwargs == NULL {
                NULL
            } else {
                let mut names = Vec::new();
                for (k, v) in self.dict_entries(info.kwargs) {
                    self.incref(k);
                    self.incref(v);
                    names.push(k);
                    all.push(v);
                }
                self.new_tuple(names)?
            };
            self.incref(info.func);
            let r = self.call_with(info.func, all, kwnames);
            self.decref(info.func);
            self.xdecref(kwnames);
            r
        };
        self.drop_finalize_info(info);
        r
    }

    /// `detach()` and `peek()`: `(obj, func, args, kwargs)` while alive.
    pub(super) fn run_finalize_method(&mut self, m: ModuleFn, a: &Args) -> R<ObjectId> {
        let f = a.pos[0];
        if !matches!(self.ext(f), Some(Ext::Finalize(_))) {
            let t = self.type_name(f);
            return Err(self.error("TypeError", &format!("descriptor '{}' requires a 'finalize' object but received a '{t}'", m.name())));
        }
        let Some(info) = self.finalize_info(f).cloned() else { return Ok(self.none_ref()) };
        let obj = self.weakref_get(info.weakref);
        if obj == self.wk.none {
            self.decref(obj);
            return Ok(self.none_ref());
        }
        let taken = if m == ModuleFn::FinalizeDetach { self.unregister_finalize(f) } else { None };
        let kwargs = if info.kwargs == NULL {
            self.new_dict()
        } else {
            self.incref(info.kwargs);
            Ok(info.kwargs)
        };
        let r = kwargs.and_then(|kw| {
            self.incref(info.func);
            self.incref(info.args);
            self.new_tuple(vec![obj, info.func, info.args, kw])
        });
        if let Some(i) = taken {
            self.drop_finalize_info(i);
        }
        r
    }

    /// `f.alive`, `f.atexit`.
    pub(crate) fn finalize_getattr(&mut self, f: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let info = self.finalize_info(f).map(|i| i.atexit);
        match name {
            "alive" => Ok(Some(self.bool_ref(info.is_some()))),
            "atexit" => Ok(Some(self.bool_ref(info == Some(true)))),
            _ => Ok(None),
        }
    }

    /// `f.atexit = v` (ignored once dead, as the property setter does).
    pub(crate) fn finalize_setattr(&mut self, f: ObjectId, name: &str, v: ObjectId) -> R<bool> {
        if name != "atexit" {
            return Ok(false);
        }
        let b = self.truthy(v)?;
        if let Some(Ext::Finalize(x)) = self.ext_mut(f) {
            if let Some(i) = x.info.as_mut() {
                i.atexit = b;
            }
        }
        Ok(true)
    }

    pub(crate) fn finalize_repr(&mut self, f: ObjectId) -> String {
        let addr = self.id_of(f);
        let target = match self.finalize_info(f) {
            Some(i) => match self.heap.payload(i.weakref) {
                crate::heap::Payload::WeakRef { target, .. } => *target,
                _ => NULL,
            },
            None => NULL,
        };
        if target == NULL {
            format!("<finalize object at {addr:#x}; dead>")
        } else {
            let t = self.type_name(target).rsplit('.').next().unwrap_or("object").to_string();
            format!("<finalize object at {addr:#x}; for '{t}' at {:#x}>", self.id_of(target))
        }
    }

    /// `finalize._exitfunc`, which `atexit` runs at interpreter shutdown:
    /// the live finalizers marked `atexit`, newest first, with the cyclic
    /// collector disabled meanwhile. Afterwards finalizers no longer call
    /// their functions (`finalize._shutdown`).
    pub fn run_atexit_finalizers(&mut self) {
        if !self.ext_state.finalizers.is_empty() {
            let reenable = self.heap.gc.enabled;
            self.heap.gc.enabled = false;
            loop {
                let next = self
                    .ext_state
                    .finalizers
                    .iter()
                    .copied()
                    .filter(|&f| self.finalize_info(f).is_some_and(|i| i.atexit))
                    .max_by_key(|&f| self.finalize_info(f).map(|i| i.index));
                let Some(f) = next else { break };
                self.incref(f);
                match self.finalize_call(f) {
                    Ok(v) => self.decref(v),
                    Err(crate::vm::Unwind::Exc(e)) => {
                        let text = self.format_exception(e, &self.source.clone());
                        self.unraisable_text.push_str(&text);
                        self.decref(e);
                    }
                    Err(crate::vm::Unwind::Abort) => {
                        self.pending_abort = Some(self.abort_text());
                        self.decref(f);
                        break;
                    }
                }
                self.decref(f);
            }
            self.heap.gc.enabled = reenable;
        }
        self.ext_state.finalize_shutdown = true;
    }
}
