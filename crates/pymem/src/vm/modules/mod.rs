//! The modules a reader imports: `gc`, `sys`, `tracemalloc`, `weakref`.
//! Each is a real module object whose functions are builtin function
//! objects; importing allocates them, as CPython's import does.

mod gc;
mod sys;
mod tracemalloc;
mod weakref;

use std::rc::Rc;

use crate::heap::object::Module;
use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::builtins::{Args, BuiltinFn};
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

macro_rules! module_fns {
    ($($variant:ident => ($module:literal, $name:literal)),* $(,)?) => {
        /// Functions of the simulated modules.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum ModuleFn { $($variant),* }

        impl ModuleFn {
            pub const ALL: &'static [ModuleFn] = &[$(ModuleFn::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(ModuleFn::$variant => $name),* }
            }

            /// The module that defines it.
            pub fn module(self) -> &'static str {
                match self { $(ModuleFn::$variant => $module),* }
            }
        }
    };
}

module_fns! {
    GcCollect => ("gc", "collect"),
    GcEnable => ("gc", "enable"),
    GcDisable => ("gc", "disable"),
    GcIsEnabled => ("gc", "isenabled"),
    GcGetThreshold => ("gc", "get_threshold"),
    GcSetThreshold => ("gc", "set_threshold"),
    GcGetCount => ("gc", "get_count"),
    GcGetObjects => ("gc", "get_objects"),
    GcGetReferrers => ("gc", "get_referrers"),
    GcGetReferents => ("gc", "get_referents"),
    GcIsTracked => ("gc", "is_tracked"),
    GcIsFinalized => ("gc", "is_finalized"),
    GcGetStats => ("gc", "get_stats"),
    GcFreeze => ("gc", "freeze"),
    GcUnfreeze => ("gc", "unfreeze"),
    GcGetFreezeCount => ("gc", "get_freeze_count"),
    GcSetDebug => ("gc", "set_debug"),
    GcGetDebug => ("gc", "get_debug"),
    SysGetSizeOf => ("sys", "getsizeof"),
    SysGetRefCount => ("sys", "getrefcount"),
    SysIntern => ("sys", "intern"),
    SysGetRecursionLimit => ("sys", "getrecursionlimit"),
    SysSetRecursionLimit => ("sys", "setrecursionlimit"),
    TmStart => ("tracemalloc", "start"),
    TmStop => ("tracemalloc", "stop"),
    TmIsTracing => ("tracemalloc", "is_tracing"),
    TmGetTracedMemory => ("tracemalloc", "get_traced_memory"),
    TmResetPeak => ("tracemalloc", "reset_peak"),
    TmClearTraces => ("tracemalloc", "clear_traces"),
    TmGetTracebackLimit => ("tracemalloc", "get_traceback_limit"),
    TmGetTracemallocMemory => ("tracemalloc", "get_tracemalloc_memory"),
    WeakrefGetWeakRefCount => ("weakref", "getweakrefcount"),
}

impl ModuleFn {
    /// Methods of types defined by these modules (none yet: `weakref.ref`
    /// objects are called, not methoded).
    pub fn method(_b: Builtin, _name: &str) -> Option<ModuleFn> {
        None
    }
}

/// Names every simulated module binds besides its functions.
const KNOWN_MODULES: &[&str] = &["gc", "sys", "tracemalloc", "weakref"];

impl Vm {
    /// IMPORT_NAME: the module object (new reference), created on first import.
    pub fn import_module(&mut self, name_id: ObjectId) -> R<ObjectId> {
        let name = self.str_of(name_id);
        if let Some(&m) = self.modules.get(&name) {
            self.incref(m);
            return Ok(m);
        }
        if !KNOWN_MODULES.contains(&&*name) {
            return Err(self.module_not_found(&name));
        }
        let dict = self.new_dict()?;
        let module_name = self.new_str(&name)?;
        let key = self.intern("__name__");
        self.dict_set(dict, key, module_name)?;
        self.decref(key);
        self.decref(module_name);
        for &f in ModuleFn::ALL.iter().filter(|f| f.module() == &*name) {
            let obj = self.new_builtin(BuiltinFn::Module(f), NULL)?;
            let key = self.intern(f.name());
            self.dict_set(dict, key, obj)?;
            self.decref(key);
            self.decref(obj);
        }
        match &*name {
            "gc" => self.init_gc_module(dict)?,
            "sys" => self.init_sys_module(dict)?,
            "weakref" => self.init_weakref_module(dict)?,
            _ => {}
        }
        let m = self.alloc_object(
            Builtin::Module.id(),
            Payload::Module(Box::new(Module { name: name.clone(), dict })),
            Spec { size: 16 + 56, gc: true, track: true, free_list: None },
        )?;
        self.modules.insert(name, m);
        // sys.modules keeps a reference.
        self.incref(m);
        Ok(m)
    }

    pub fn module_not_found(&mut self, name: &str) -> crate::vm::Unwind {
        self.error("ModuleNotFoundError", &format!("No module named '{name}'"))
    }

    /// IMPORT_FROM: `from m import name`.
    pub fn import_from(&mut self, module: ObjectId, name_id: ObjectId) -> R<ObjectId> {
        let name = self.str_of(name_id);
        match self.try_getattr(module, &name)? {
            Some(v) => Ok(v),
            None => {
                let m = match self.heap.payload(module) {
                    Payload::Module(m) => m.name.clone(),
                    _ => Rc::from("?"),
                };
                Err(self.error("ImportError", &format!("cannot import name '{name}' from '{m}' (unknown location)")))
            }
        }
    }

    /// Binds `name` to `v` (borrowed) in a module dict.
    pub(crate) fn module_set(&mut self, dict: ObjectId, name: &str, v: ObjectId) -> R<()> {
        let key = self.intern(name);
        let r = self.dict_set(dict, key, v);
        self.decref(key);
        r
    }

    pub(crate) fn run_module_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        match f.module() {
            "gc" => self.run_gc_fn(f, a),
            "sys" => self.run_sys_fn(f, a),
            "tracemalloc" => self.run_tracemalloc_fn(f, a),
            _ => self.run_weakref_fn(f, a),
        }
    }

    /// Builtin types defined by modules (`weakref.ref`).
    pub(crate) fn module_construct(&mut self, cls: ObjectId, a: &Args) -> R<Option<ObjectId>> {
        if self.builtin_of_type(cls) == Some(Builtin::WeakRef) {
            return self.new_weakref(a).map(Some);
        }
        Ok(None)
    }

    // Hooks for container types defined by modules (array, deque): none of
    // the current modules defines one, so they answer "not mine".

    pub(crate) fn module_getitem(&mut self, _obj: ObjectId, _key: ObjectId) -> R<Option<ObjectId>> {
        Ok(None)
    }

    pub(crate) fn module_setitem(&mut self, _obj: ObjectId, _key: ObjectId, _v: ObjectId) -> R<bool> {
        Ok(false)
    }

    pub(crate) fn module_delitem(&mut self, _obj: ObjectId, _key: ObjectId) -> R<bool> {
        Ok(false)
    }

    pub(crate) fn module_iter(&mut self, _obj: ObjectId) -> R<Option<ObjectId>> {
        Ok(None)
    }

    pub(crate) fn module_next(&mut self, _it: ObjectId) -> R<Option<Option<ObjectId>>> {
        Ok(None)
    }

    pub(crate) fn module_len(&self, _obj: ObjectId) -> Option<usize> {
        None
    }

    pub(crate) fn module_is_iterator(&self, _obj: ObjectId) -> bool {
        false
    }
}
