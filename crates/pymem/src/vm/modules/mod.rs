//! The modules a reader imports: `gc`, `sys`, `tracemalloc`, `weakref`,
//! `array`, `collections`, `memory_profiler`, and the builtin `bytearray`.
//! Each module is a real module object whose functions are builtin
//! function objects; importing allocates them, as CPython's import does.
//!
//! Objects of the types these modules define carry `Payload::Ext` (see
//! `ext.rs`); the core calls the hooks at the end of this file for the
//! protocols it cannot know about (items, iteration, length, attributes,
//! calls, operators, comparison, hashing).

pub mod array;
pub mod bytearray;
mod collections;
pub mod deque;
pub mod ext;
pub mod finalize;
mod gc;
pub mod memory_profiler;
pub mod seqiter;
mod stdlib_names;
mod sys;
mod tm_snapshot;
mod tracemalloc;
mod weakref;

pub use ext::Ext;

use std::rc::Rc;

use crate::heap::object::Module;
use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
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
    TmTakeSnapshot => ("tracemalloc", "take_snapshot"),
    TmGetObjectTraceback => ("tracemalloc", "get_object_traceback"),
    WeakrefGetWeakRefCount => ("weakref", "getweakrefcount"),
    CollOrderedDict => ("collections", "OrderedDict"),
    CollNamedTuple => ("collections", "namedtuple"),
    MpProfile => ("memory_profiler", "profile"),
    MpMemoryUsage => ("memory_profiler", "memory_usage"),
    // Methods of the types the modules define: the "module" is the type's
    // `tp_name`, so importing never binds them.
    ArrayAppend => ("array.array", "append"),
    ArrayExtend => ("array.array", "extend"),
    ArrayPop => ("array.array", "pop"),
    ArrayInsert => ("array.array", "insert"),
    ArrayRemove => ("array.array", "remove"),
    ArrayIndex => ("array.array", "index"),
    ArrayCount => ("array.array", "count"),
    ArrayToList => ("array.array", "tolist"),
    ArrayToBytes => ("array.array", "tobytes"),
    ArrayFromBytes => ("array.array", "frombytes"),
    ArrayFromList => ("array.array", "fromlist"),
    ArrayFromUnicode => ("array.array", "fromunicode"),
    ArrayToUnicode => ("array.array", "tounicode"),
    ArrayReverse => ("array.array", "reverse"),
    ArrayByteswap => ("array.array", "byteswap"),
    ArrayBufferInfo => ("array.array", "buffer_info"),
    DequeAppend => ("collections.deque", "append"),
    DequeAppendLeft => ("collections.deque", "appendleft"),
    DequePop => ("collections.deque", "pop"),
    DequePopLeft => ("collections.deque", "popleft"),
    DequeExtend => ("collections.deque", "extend"),
    DequeExtendLeft => ("collections.deque", "extendleft"),
    DequeRotate => ("collections.deque", "rotate"),
    DequeClear => ("collections.deque", "clear"),
    DequeCount => ("collections.deque", "count"),
    DequeIndex => ("collections.deque", "index"),
    DequeInsert => ("collections.deque", "insert"),
    DequeRemove => ("collections.deque", "remove"),
    DequeReverse => ("collections.deque", "reverse"),
    DequeCopy => ("collections.deque", "copy"),
    BaAppend => ("bytearray", "append"),
    BaExtend => ("bytearray", "extend"),
    BaPop => ("bytearray", "pop"),
    BaInsert => ("bytearray", "insert"),
    BaRemove => ("bytearray", "remove"),
    BaClear => ("bytearray", "clear"),
    BaCopy => ("bytearray", "copy"),
    BaDecode => ("bytearray", "decode"),
    BaHex => ("bytearray", "hex"),
    BaCount => ("bytearray", "count"),
    CounterMostCommon => ("collections.Counter", "most_common"),
    CounterElements => ("collections.Counter", "elements"),
    CounterTotal => ("collections.Counter", "total"),
    CounterUpdate => ("collections.Counter", "update"),
    CounterSubtract => ("collections.Counter", "subtract"),
    DefaultDictCopy => ("collections.defaultdict", "copy"),
    DefaultDictCopyDunder => ("collections.defaultdict", "__copy__"),
    TmSnapStatistics => ("tracemalloc.Snapshot", "statistics"),
    TmSnapCompareTo => ("tracemalloc.Snapshot", "compare_to"),
    TmSnapFilterTraces => ("tracemalloc.Snapshot", "filter_traces"),
    TmSnapDump => ("tracemalloc.Snapshot", "dump"),
    TmTracebackFormat => ("tracemalloc.Traceback", "format"),
    FinalizeDetach => ("weakref.finalize", "detach"),
    FinalizePeek => ("weakref.finalize", "peek"),
}

impl ModuleFn {
    /// The method `name` of a type defined by a module.
    pub fn method(b: Builtin, name: &str) -> Option<ModuleFn> {
        let owner = match b {
            Builtin::Array => "array.array",
            Builtin::Deque => "collections.deque",
            Builtin::ByteArray => "bytearray",
            Builtin::Counter => "collections.Counter",
            Builtin::DefaultDict => "collections.defaultdict",
            Builtin::TmSnapshot => "tracemalloc.Snapshot",
            Builtin::TmTraceback => "tracemalloc.Traceback",
            Builtin::Finalize => "weakref.finalize",
            _ => return None,
        };
        ModuleFn::ALL.iter().copied().find(|f| f.module() == owner && f.name() == name)
    }
}

/// The builtin method `name` of module type `b`: its own methods, then, for
/// `Counter`, those of `dict`.
pub fn module_method(b: Builtin, name: &str) -> Option<BuiltinFn> {
    if let Some(f) = ModuleFn::method(b, name) {
        return Some(BuiltinFn::Module(f));
    }
    if matches!(b, Builtin::Counter | Builtin::DefaultDict) {
        return BuiltinFn::method(Builtin::Dict, name);
    }
    None
}

/// The modules `import` knows.
const KNOWN_MODULES: &[&str] = &["gc", "sys", "tracemalloc", "weakref", "array", "collections", "memory_profiler"];

/// Interpreter-wide state of the modules (what CPython keeps in module or
/// class attributes).
#[derive(Clone, Debug)]
pub struct ModState {
    /// `weakref.finalize._registry`: live finalizers, oldest first (each
    /// holds one reference).
    pub finalizers: Vec<ObjectId>,
    pub finalize_counter: u64,
    /// `finalize._shutdown`: set once the exit function ran.
    pub finalize_shutdown: bool,
    /// `tracemalloc.start(nframe)`'s limit.
    pub tm_traceback_limit: u32,
    /// Running `@profile` calls, innermost last.
    pub profilers: Vec<memory_profiler::LineProfiler>,
}

impl Default for ModState {
    fn default() -> Self {
        ModState { finalizers: Vec::new(), finalize_counter: 0, finalize_shutdown: false, tm_traceback_limit: 1, profilers: Vec::new() }
    }
}

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
            "weakref" => {
                self.init_weakref_module(dict)?;
                self.init_weakref_finalize(dict)?;
            }
            "tracemalloc" => self.init_tracemalloc_module(dict)?,
            "array" => self.init_array_module(dict)?,
            "collections" => self.init_collections_module(dict)?,
            _ => {}
        }
        let m = self.alloc_object(
            Builtin::Module.id(),
            Payload::Module(Box::new(Module { name: name.clone(), dict })),
            Spec::of(LayoutType::Module),
        )?;
        self.modules.insert(name, m);
        // sys.modules keeps a reference.
        self.incref(m);
        Ok(m)
    }

    /// An import of a module the simulator lacks: CPython's error for a
    /// name that is no module, and "not simulated" for one of its standard
    /// library's (a ModuleNotFoundError there would be untrue).
    pub fn module_not_found(&mut self, name: &str) -> crate::vm::Unwind {
        if name.starts_with('.') {
            return self.error("ImportError", "attempted relative import with no known parent package");
        }
        let (top, dotted) = match name.split_once('.') {
            Some((top, _)) => (top, true),
            None => (name, false),
        };
        let stdlib = stdlib_names::STDLIB_MODULES.binary_search(&top).is_ok();
        let package = stdlib_names::STDLIB_PACKAGES.binary_search(&top).is_ok();
        if stdlib && (!dotted || package) {
            return self.unsupported(&format!("the '{name}' module"));
        }
        if dotted && stdlib {
            let msg = format!("No module named '{name}'; '{top}' is not a package");
            return self.error("ModuleNotFoundError", &msg);
        }
        self.error("ModuleNotFoundError", &format!("No module named '{top}'"))
    }

    /// `module.name` exists in CPython's module but not in the simulated one.
    pub(crate) fn is_unsimulated_attribute(module: &str, name: &str) -> bool {
        stdlib_names::MODULE_ATTRIBUTES
            .iter()
            .find(|(m, _)| *m == module)
            .is_some_and(|(_, attrs)| attrs.binary_search(&name).is_ok())
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
                if Self::is_unsimulated_attribute(&m, &name) {
                    return Err(self.unsupported(&format!("{m}.{name}")));
                }
                Err(self.error("ImportError", &format!("cannot import name '{name}' from '{m}' (unknown location)")))
            }
        }
    }

    /// The argument-count check of a module type's method taking exactly `n`
    /// arguments, with CPython's messages (`deque.append() takes exactly one
    /// argument (0 given)`).
    pub(crate) fn method_arity(&mut self, type_name: &str, name: &str, given: usize, n: usize) -> R<()> {
        let check = crate::vm::argcheck::ArgCheck::range(n, n);
        self.check_args(check, &format!("{type_name}.{name}"), name, given)
    }

    /// Binds `name` to `v` (borrowed) in a module dict.
    pub(crate) fn module_set(&mut self, dict: ObjectId, name: &str, v: ObjectId) -> R<()> {
        let key = self.intern(name);
        let r = self.dict_set(dict, key, v);
        self.decref(key);
        r
    }

    pub(crate) fn run_module_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        let m = f.module();
        if (m.contains('.') || m == "bytearray") && a.pos.is_empty() {
            let t = m.rsplit('.').next().unwrap_or(m);
            return Err(self.error("TypeError", &format!("unbound method {t}.{}() needs an argument", f.name())));
        }
        match m {
            "gc" => self.run_gc_fn(f, a),
            "sys" => self.run_sys_fn(f, a),
            "tracemalloc" => self.run_tracemalloc_fn(f, a),
            "weakref" => self.run_weakref_fn(f, a),
            "array.array" => self.run_array_method(f, a),
            "collections.deque" => self.run_deque_method(f, a),
            "bytearray" => self.run_bytearray_method(f, a),
            "collections" | "collections.Counter" | "collections.defaultdict" => self.run_collections_fn(f, a),
            "tracemalloc.Snapshot" | "tracemalloc.Traceback" => self.run_tm_method(f, a),
            "weakref.finalize" => self.run_finalize_method(f, a),
            _ => self.run_memory_profiler_fn(f, a),
        }
    }

    /// Calling a type defined by a module (None: not one of them).
    pub(crate) fn module_construct(&mut self, cls: ObjectId, a: &Args) -> R<Option<ObjectId>> {
        let Some(b) = self.builtin_of_type(cls) else { return Ok(None) };
        let constructible = matches!(
            b,
            Builtin::WeakRef | Builtin::Array | Builtin::Deque | Builtin::ByteArray | Builtin::Counter | Builtin::DefaultDict | Builtin::Finalize
        ) || b.python_module() == Some("tracemalloc");
        if !constructible {
            return Ok(None);
        }
        if matches!(b, Builtin::Array | Builtin::Deque | Builtin::ByteArray) {
            // These types have no vectorcall: `tp_call` packs the arguments
            // into a tuple (and a dict for keywords) first.
            let packed = self.pack_call_args(a)?;
            let r = self.construct_module_type(b, a);
            for p in packed {
                self.decref(p);
            }
            return r.map(Some);
        }
        self.construct_module_type(b, a).map(Some)
    }

    /// The args tuple and kwargs dict `tp_call` builds (new references).
    fn pack_call_args(&mut self, a: &Args) -> R<Vec<ObjectId>> {
        let mut out = Vec::new();
        if !a.pos.is_empty() {
            a.pos.iter().for_each(|&p| self.incref(p));
            out.push(self.new_tuple(a.pos.clone())?);
        }
        if !a.kw.is_empty() {
            let d = self.new_dict()?;
            out.push(d);
            for (k, v) in &a.kw {
                let key = self.intern(k);
                let r = self.dict_set(d, key, *v);
                self.decref(key);
                if let Err(e) = r {
                    out.into_iter().for_each(|p| self.decref(p));
                    return Err(e);
                }
            }
        }
        Ok(out)
    }

    fn construct_module_type(&mut self, b: Builtin, a: &Args) -> R<ObjectId> {
        Ok(match b {
            Builtin::WeakRef => self.new_weakref(a)?,
            Builtin::Array => self.construct_array(a)?,
            Builtin::Deque => self.construct_deque(a)?,
            Builtin::ByteArray => self.construct_bytearray(a)?,
            Builtin::Counter => self.construct_counter(a)?,
            Builtin::DefaultDict => self.construct_defaultdict(a)?,
            Builtin::Finalize => self.construct_finalize(a)?,
            Builtin::TmSnapshot
            | Builtin::TmStatistic
            | Builtin::TmStatisticDiff
            | Builtin::TmTraceback
            | Builtin::TmFrame
            | Builtin::TmTrace
            | Builtin::TmTraces
            | Builtin::TmFilter
            | Builtin::TmDomainFilter => return self.construct_tm(b, a),
            _ => unreachable!("checked by module_construct"),
        })
    }

    /// An index-sized int argument (`PyNumber_AsSsize_t` with OverflowError).
    pub(crate) fn ssize_arg(&mut self, v: ObjectId) -> R<i64> {
        if !self.is_int(v) {
            let t = self.type_name(v);
            return Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")));
        }
        match self.as_i64(v) {
            Some(n) => Ok(n),
            None => Err(self.error("OverflowError", "Python int too large to convert to C ssize_t")),
        }
    }

    /// A start/stop argument of `index()` (`_PyEval_SliceIndexNotNone`).
    pub(crate) fn slice_index_arg(&mut self, v: ObjectId) -> R<i64> {
        if !self.is_int(v) {
            return Err(self.error("TypeError", "slice indices must be integers or have an __index__ method"));
        }
        Ok(self.as_i64(v).unwrap_or(if self.truthy(v)? { i64::MAX } else { 0 }))
    }

    /// A sequence repeat count (`n` of `seq * n`): huge ints overflow.
    pub(crate) fn repeat_count(&mut self, v: ObjectId) -> R<usize> {
        match self.as_i64(v) {
            Some(n) => Ok(n.max(0) as usize),
            None => Err(self.error("OverflowError", "cannot fit 'int' into an index-sized integer")),
        }
    }

    // ----- hooks the core calls for `Payload::Ext` objects -----

    /// `obj[key]` (None: not a module container).
    pub(crate) fn module_getitem(&mut self, obj: ObjectId, key: ObjectId) -> R<Option<ObjectId>> {
        match self.ext(obj) {
            Some(Ext::Array(_)) => self.array_getitem(obj, key).map(Some),
            Some(Ext::Deque(_)) => self.deque_getitem(obj, key).map(Some),
            Some(Ext::ByteArray(_)) => self.bytearray_getitem(obj, key).map(Some),
            Some(Ext::Tm(_)) => self.tm_getitem(obj, key),
            _ => Ok(None),
        }
    }

    /// `obj[key] = v` (false: not a module container).
    pub(crate) fn module_setitem(&mut self, obj: ObjectId, key: ObjectId, v: ObjectId) -> R<bool> {
        self.module_store_item(obj, key, Some(v))
    }

    /// `del obj[key]` (false: not a module container).
    pub(crate) fn module_delitem(&mut self, obj: ObjectId, key: ObjectId) -> R<bool> {
        self.module_store_item(obj, key, None)
    }

    fn module_store_item(&mut self, obj: ObjectId, key: ObjectId, v: Option<ObjectId>) -> R<bool> {
        match self.ext(obj) {
            Some(Ext::Array(_)) => self.array_setitem(obj, key, v)?,
            Some(Ext::Deque(_)) => self.deque_setitem(obj, key, v)?,
            Some(Ext::ByteArray(_)) => self.bytearray_setitem(obj, key, v)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    pub(crate) fn module_iter(&mut self, obj: ObjectId) -> R<Option<ObjectId>> {
        self.ext_iter(obj)
    }

    pub(crate) fn module_next(&mut self, it: ObjectId) -> R<Option<Option<ObjectId>>> {
        self.ext_next(it)
    }

    pub(crate) fn module_len(&self, obj: ObjectId) -> Option<usize> {
        match self.ext(obj)? {
            Ext::Array(a) => Some(a.len()),
            Ext::Deque(d) => Some(d.items.len()),
            Ext::ByteArray(b) => Some(b.data.len()),
            Ext::Tm(_) => self.tm_len(obj),
            _ => None,
        }
    }

    /// `operator.length_hint` of a module container or iterator.
    pub(crate) fn module_length_hint(&self, obj: ObjectId) -> Option<usize> {
        self.module_len(obj).or_else(|| self.ext_iter_hint(obj))
    }

    pub(crate) fn module_is_iterator(&self, obj: ObjectId) -> bool {
        matches!(self.ext(obj), Some(Ext::SeqIter(_)))
    }

    /// `reversed(obj)` (None: not a module container).
    pub(crate) fn module_reversed(&mut self, obj: ObjectId) -> R<Option<ObjectId>> {
        self.ext_reversed(obj)
    }

    /// `item in obj` (None: use iteration).
    pub(crate) fn module_contains(&mut self, obj: ObjectId, item: ObjectId) -> R<Option<bool>> {
        match self.ext(obj) {
            Some(Ext::Array(_)) => self.array_contains(obj, item).map(Some),
            Some(Ext::Deque(_)) => self.deque_contains(obj, item).map(Some),
            Some(Ext::ByteArray(_)) => self.bytearray_contains(obj, item).map(Some),
            _ => Ok(None),
        }
    }

    /// Data attributes of module objects (`a.typecode`, `d.maxlen`,
    /// `f.alive`, `stat.size`, ...). None: not found here.
    pub(crate) fn module_getattr(&mut self, obj: ObjectId, name: &str) -> R<Option<ObjectId>> {
        match self.ext(obj) {
            Some(Ext::Array(_)) => self.array_getattr(obj, name),
            Some(Ext::Deque(_)) => self.deque_getattr(obj, name),
            Some(Ext::Tm(_)) => self.tm_getattr(obj, name),
            Some(Ext::Finalize(_)) => self.finalize_getattr(obj, name),
            Some(&Ext::Profiled { func, .. }) if func != crate::heap::NULL => match name {
                "__wrapped__" => {
                    self.incref(func);
                    Ok(Some(func))
                }
                "__name__" | "__qualname__" | "__doc__" | "__module__" => self.try_getattr(func, name),
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    /// `obj.name = v` on module objects (false: not handled here).
    pub(crate) fn module_setattr(&mut self, obj: ObjectId, name: &str, v: ObjectId) -> R<bool> {
        if name == "default_factory" && self.is_defaultdict(obj) {
            self.defaultdict_setattr(obj, v);
            return Ok(true);
        }
        let read_only = match self.ext(obj) {
            Some(Ext::Finalize(_)) => return self.finalize_setattr(obj, name, v),
            Some(Ext::Array(_)) => matches!(name, "typecode" | "itemsize"),
            Some(Ext::Deque(_)) => name == "maxlen",
            _ => false,
        };
        if read_only {
            let t = self.type_name(obj);
            return Err(self.error("AttributeError", &format!("attribute '{name}' of '{t}' objects is not writable")));
        }
        Ok(false)
    }

    /// Module objects that can be called (`finalize`, `@profile` wrappers).
    pub(crate) fn module_callable(&self, obj: ObjectId) -> bool {
        matches!(self.ext(obj), Some(Ext::Finalize(_) | Ext::Profiled { .. }))
    }

    /// Calls a module object (args owned, released here).
    pub(crate) fn module_call(&mut self, obj: ObjectId, args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        if let Some(Ext::Profiled { .. }) = self.ext(obj) {
            return self.call_profiled(obj, args, kwnames);
        }
        let n = args.len();
        args.into_iter().for_each(|a| self.decref(a));
        if n > 1 || kwnames != crate::heap::NULL {
            return Err(self.error("TypeError", &format!("finalize.__call__() takes from 1 to 2 positional arguments but {} were given", n + 1)));
        }
        self.finalize_call(obj)
    }

    /// Binary operators with a module container operand.
    pub(crate) fn module_binary_op(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::BinOp, inplace: bool) -> R<Option<ObjectId>> {
        if self.is_array(a) || (self.is_array(b) && op == crate::bytecode::BinOp::Mul) {
            return self.array_binary_op(a, b, op, inplace);
        }
        if self.is_deque(a) || (self.is_deque(b) && op == crate::bytecode::BinOp::Mul) {
            return self.deque_binary_op(a, b, op, inplace);
        }
        if self.is_bytearray(a) || self.is_bytearray(b) {
            return self.bytearray_binary_op(a, b, op, inplace);
        }
        Ok(None)
    }

    /// Rich comparison when an operand is a module object (None: the types
    /// do not compare, so the generic fallbacks apply).
    pub(crate) fn module_compare(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::CmpOp) -> R<Option<bool>> {
        if let Some(r) = self.array_compare(a, b, op)? {
            return Ok(Some(r));
        }
        if let Some(r) = self.deque_compare(a, b, op)? {
            return Ok(Some(r));
        }
        if let Some(r) = self.bytearray_compare(a, b, op)? {
            return Ok(Some(r));
        }
        Ok(self.tm_compare(a, b, op))
    }

    /// `hash()` of a module object.
    pub(crate) fn module_hash(&mut self, v: ObjectId) -> R<i64> {
        match self.ext(v) {
            Some(Ext::Array(_) | Ext::Deque(_) | Ext::ByteArray(_)) => {
                let t = self.type_name(v);
                Err(self.error("TypeError", &format!("unhashable type: '{t}'")))
            }
            _ => Ok(self.tm_hash(v).unwrap_or_else(|| crate::vm::ops::pointer_hash(self.id_of(v)))),
        }
    }

}

#[cfg(test)]
mod tests {
    use super::stdlib_names::{MODULE_ATTRIBUTES, STDLIB_MODULES};

    #[test]
    fn the_generated_name_tables_are_sorted_for_binary_search() {
        assert!(STDLIB_MODULES.windows(2).all(|w| w[0] < w[1]));
        for (module, attrs) in MODULE_ATTRIBUTES {
            assert!(attrs.windows(2).all(|w| w[0] < w[1]), "{module}");
        }
    }
}
