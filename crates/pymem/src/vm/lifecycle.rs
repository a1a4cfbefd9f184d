//! Object protocol pieces that run Python code at memory events: `__del__`,
//! unraisable errors, and the `with` statement's enter/exit calls; plus
//! `sys.getsizeof`.

use crate::heap::{Int, Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::memory::int_digits;
use crate::vm::{Unwind, Vm, R};

impl Vm {
    /// Runs `type(op).__del__(op)`; errors are reported as unraisable.
    pub(crate) fn call_del(&mut self, op: ObjectId) {
        let ty = self.heap.get(op).ty;
        let Some(f) = self.lookup_type_attr(ty, "__del__") else { return };
        self.incref(f);
        self.incref(op);
        let r = self.call(f, vec![op]);
        match r {
            Ok(v) => self.decref(v),
            Err(e) => {
                let what = match self.heap.payload(f) {
                    Payload::Function(func) => format!("<function {} at {:#x}>", self.str_of(func.qualname), self.id_of(f)),
                    _ => "__del__".into(),
                };
                self.unraisable(e, &what);
            }
        }
        self.decref(f);
    }

    /// `PyErr_WriteUnraisable`: "Exception ignored in: ..." on stderr.
    pub(crate) fn unraisable(&mut self, e: Unwind, what: &str) {
        match e {
            Unwind::Exc(x) => {
                let text = self.format_exception(x, &self.source.clone());
                self.unraisable_text.push_str(&format!("Exception ignored in: {what}\n{text}"));
                self.decref(x);
            }
            Unwind::Abort => self.pending_abort = Some(self.abort_text()),
        }
    }

    /// Interpreter shutdown, as `Py_FinalizeEx` does it for `__main__`:
    /// `_PyModule_ClearDict` sets first the `_`-prefixed names, then all
    /// the others, to None (in dict order), so remaining objects die and
    /// their `__del__` runs; then a full collection.
    pub fn finalize_interpreter(&mut self, globals: ObjectId) {
        // `atexit` callbacks run first (`weakref.finalize`'s exit function).
        self.run_atexit_finalizers();
        for pass in 0..2 {
            for (k, _) in self.dict_entries(globals) {
                let name = self.str_of(k);
                let single_underscore = name.starts_with('_') && !name.starts_with("__");
                if &*name == "__builtins__" || (pass == 0 && !single_underscore) {
                    continue;
                }
                // The dict may have changed while a __del__ ran.
                if self.dict_get_str(globals, k).is_none() {
                    continue;
                }
                let none = self.wk.none;
                if let Err(e) = self.dict_set(globals, k, none) {
                    self.unraisable(e, "module finalization");
                }
            }
        }
        self.collect_generation(2, crate::gc::Reason::Manual);
    }

    /// BEFORE_WITH: (bound `__exit__`, result of `__enter__()`).
    pub fn before_with(&mut self, mgr: ObjectId) -> R<(ObjectId, ObjectId)> {
        let ty = self.heap.get(mgr).ty;
        if self.lookup_type_attr(ty, "__enter__").is_none() {
            let t = self.type_name(mgr);
            return Err(self.error("TypeError", &format!("'{t}' object does not support the context manager protocol")));
        }
        if self.lookup_type_attr(ty, "__exit__").is_none() {
            let t = self.type_name(mgr);
            return Err(self.error("TypeError", &format!("'{t}' object does not support the context manager protocol (missed __exit__ method)")));
        }
        let exit = self.getattr_str(mgr, "__exit__")?;
        match self.call_dunder(mgr, "__enter__", &[]) {
            Ok(Some(v)) => Ok((exit, v)),
            Ok(None) => unreachable!("checked above"),
            Err(e) => {
                self.decref(exit);
                Err(e)
            }
        }
    }

    /// WITH_EXCEPT_START: `exit(type(exc), exc, None)`.
    pub fn with_except_start(&mut self, exit: ObjectId, exc: ObjectId) -> R<ObjectId> {
        let ty = self.heap.get(exc).ty;
        self.incref(ty);
        self.incref(exc);
        let tb = self.none_ref();
        self.incref(exit);
        let r = self.call(exit, vec![ty, exc, tb]);
        self.decref(exit);
        r
    }

    /// `sys.getsizeof(obj)`: `__sizeof__()` plus the 3.11 pre-header.
    pub fn getsizeof(&mut self, obj: ObjectId) -> R<usize> {
        if matches!(self.heap.payload(obj), Payload::Instance(_)) {
            if let Some(v) = self.call_dunder(obj, "__sizeof__", &[])? {
                let n = self.as_i64(v);
                self.decref(v);
                return match n {
                    Some(n) if n >= 0 => Ok(n as usize + self.preheader_size(obj) as usize),
                    Some(_) => Err(self.error("ValueError", "__sizeof__() should return >= 0")),
                    None => Err(self.error("TypeError", "an integer is required")),
                };
            }
        }
        Ok(self.sizeof_without_preheader(obj) + self.preheader_size(obj) as usize)
    }

    /// `obj.__sizeof__()` for the builtin layouts.
    pub fn sizeof_without_preheader(&self, obj: ObjectId) -> usize {
        if let Some(n) = self.ext_sizeof(obj) {
            return n;
        }
        if let Some(n) = self.basicsize_sizeof(obj) {
            return n;
        }
        let o = self.heap.get(obj);
        let pre = self.preheader_size(obj) as usize;
        match &o.payload {
            Payload::Int(i) => 24 + 4 * int_digits(i).max(1),
            Payload::Bool(b) => 24 + 4 * int_digits(&Int::Small(*b as i64)).max(1),
            Payload::Float(_) => 24,
            Payload::Complex(..) => 32,
            Payload::None | Payload::NotImplemented | Payload::Ellipsis => 16,
            Payload::Str(s) => crate::vm::memory::str_request_size(s),
            Payload::Bytes(b) => 33 + b.len(),
            Payload::Tuple(t) => 24 + 8 * t.len(),
            Payload::List(l) => 40 + 8 * l.allocated,
            Payload::Dict(d) => d.sizeof() - 16,
            Payload::Set(s) | Payload::FrozenSet(s) => s.sizeof() - 16,
            Payload::Range(_) => 48,
            Payload::Type(t) if t.user => {
                let nslots = t.slots.as_ref().map(Vec::len).unwrap_or(0);
                904 + 40 * nslots + if t.keys_addr.is_some() { crate::vm::construct::SHARED_KEYS_BYTES } else { 0 }
            }
            Payload::Instance(inst) if inst.args == NULL && matches!(self.heap.payload(o.ty), Payload::Type(t) if t.user) => {
                self.basicsize(o.ty)
            }
            _ => (o.size as usize).saturating_sub(pre),
        }
    }

    /// `__sizeof__` of an object whose type is sized by its basic size
    /// ([`Vm::sized_by_basicsize`]: a class extending a builtin value type,
    /// `Counter`, `defaultdict`): the builtin's formula, started from that
    /// basic size (the base's struct plus what the type adds) rather than
    /// the base's. None for other objects, and for ints, whose `__sizeof__`
    /// counts digits only.
    fn basicsize_sizeof(&self, obj: ObjectId) -> Option<usize> {
        let o = self.heap.get(obj);
        if !self.sized_by_basicsize(o.ty) {
            return None;
        }
        let basic = self.basicsize(o.ty);
        Some(match &o.payload {
            Payload::Float(_) => basic,
            // A subclass's str is two blocks: a PyUnicodeObject (80 bytes)
            // and its characters, with room for the terminator.
            Payload::Str(s) => 80 + crate::vm::memory::str_data_size(s),
            Payload::Bytes(b) => basic + b.len(),
            Payload::Tuple(t) => basic + 8 * t.len(),
            Payload::List(l) => basic + 8 * l.allocated,
            Payload::Dict(d) => d.sizeof() - 16 - 48 + basic,
            Payload::Set(s) | Payload::FrozenSet(s) => s.sizeof() - 16 - 200 + basic,
            _ => return None,
        })
    }
}
