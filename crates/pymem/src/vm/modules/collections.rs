//! The `collections` module: `deque` (see `deque.rs`), a minimal `Counter`
//! and `defaultdict`; `OrderedDict` and `namedtuple` raise
//! NotImplementedError naming themselves.
//!
//! A `defaultdict` is a dict object whose `Dict::factory` holds the
//! `default_factory` reference, so the dict's traverse, clear and release
//! cover it as `defdict_traverse`/`defdict_tp_clear`/`defdict_dealloc` do.
//!
//! `Counter` is a dict subclass written in Python in CPython; here its
//! instances are dict objects (the dict's payload, algorithms and memory)
//! whose type is `collections.Counter`, with the Python methods
//! (`most_common`, `elements`, `total`, `update`, `subtract`,
//! `__missing__`, `__repr__`) implemented natively. A Counter's object is
//! allocated as CPython's instance of that class is: 88 bytes, a dict's 64
//! plus the weakref slot and the managed-dict pre-header. What CPython's
//! Python-level methods allocate while they run (frames, bound methods) is
//! not simulated.

use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::vm::builtins::Args;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

impl Vm {
    pub(super) fn init_collections_module(&mut self, dict: ObjectId) -> R<()> {
        self.module_set(dict, "deque", Builtin::Deque.id())?;
        // Counter is a dict subclass.
        let (c, d, o) = (Builtin::Counter.id(), Builtin::Dict.id(), Builtin::Object.id());
        if let Payload::Type(t) = self.heap.payload_mut(c) {
            t.base = d;
            t.mro = vec![c, d, o];
            t.qualname = "Counter".into();
        }
        // defaultdict is a C type extending dict.
        let dd = Builtin::DefaultDict.id();
        if let Payload::Type(t) = self.heap.payload_mut(dd) {
            t.base = d;
            t.mro = vec![dd, d, o];
            t.qualname = "defaultdict".into();
        }
        self.type_cache.get_mut().invalidate();
        self.module_set(dict, "Counter", c)?;
        self.module_set(dict, "defaultdict", dd)
    }

    pub(crate) fn is_defaultdict(&self, v: ObjectId) -> bool {
        self.heap.get(v).ty == Builtin::DefaultDict.id()
    }

    /// `defaultdict(default_factory=None, /, [...])`: a dict (its object
    /// `defdictobject`, a dict plus the factory pointer, tracked at once as
    /// `PyType_GenericAlloc` does) whose remaining arguments go to
    /// `dict.__init__`.
    pub(crate) fn construct_defaultdict(&mut self, a: &Args) -> R<ObjectId> {
        let factory = a.pos.first().copied().filter(|&f| f != self.wk.none);
        if let Some(f) = factory {
            if !self.is_callable(f) {
                return Err(self.error("TypeError", "first argument must be callable or None"));
            }
        }
        let spec = self.generic_spec(Builtin::DefaultDict.id(), LayoutType::Dict);
        let dd = self.alloc_object(Builtin::DefaultDict.id(), Payload::Dict(Box::default()), spec)?;
        if let Some(f) = factory {
            self.incref(f);
            if let Payload::Dict(d) = self.heap.payload_mut(dd) {
                d.factory = Some(f);
            }
        }
        let r = if a.pos.len() > 2 {
            Err(self.error("TypeError", &format!("dict expected at most 1 argument, got {}", a.pos.len() - 1)))
        } else {
            self.dict_init(dd, a.pos.get(1).copied(), &a.kw)
        };
        match r {
            Ok(()) => Ok(dd),
            Err(e) => {
                self.decref(dd);
                Err(e)
            }
        }
    }

    /// A defaultdict's factory (borrowed), if it has one.
    pub(crate) fn default_factory(&self, dd: ObjectId) -> Option<ObjectId> {
        match self.heap.payload(dd) {
            Payload::Dict(d) => d.factory,
            _ => None,
        }
    }

    /// `defaultdict.__repr__`: `defaultdict(<factory repr>, {...})`.
    pub(crate) fn defaultdict_repr(&mut self, dd: ObjectId) -> R<String> {
        let factory = match self.default_factory(dd) {
            Some(f) => self.repr(f)?,
            None => "None".into(),
        };
        Ok(format!("defaultdict({factory}, {})", self.dict_repr(dd)?))
    }

    /// `dd.default_factory`.
    pub(crate) fn defaultdict_getattr(&mut self, dd: ObjectId, name: &str) -> Option<ObjectId> {
        if name != "default_factory" {
            return None;
        }
        let f = self.default_factory(dd).unwrap_or(self.wk.none);
        self.incref(f);
        Some(f)
    }

    /// `dd.default_factory = f` (any object; None clears it).
    pub(crate) fn defaultdict_setattr(&mut self, dd: ObjectId, v: ObjectId) {
        let new = (v != self.wk.none).then_some(v);
        if let Some(n) = new {
            self.incref(n);
        }
        let old = match self.heap.payload_mut(dd) {
            Payload::Dict(d) => std::mem::replace(&mut d.factory, new),
            _ => None,
        };
        if let Some(o) = old {
            self.decref(o);
        }
    }

    pub(crate) fn is_counter(&self, v: ObjectId) -> bool {
        self.heap.get(v).ty == Builtin::Counter.id()
    }

    /// `Counter(iterable=None, /, **kwds)`.
    pub(crate) fn construct_counter(&mut self, a: &Args) -> R<ObjectId> {
        if a.pos.len() > 1 {
            return Err(self.error("TypeError", &format!("expected at most 1 argument, got {}", a.pos.len())));
        }
        let spec = self.generic_spec(Builtin::Counter.id(), LayoutType::Dict);
        let c = self.alloc_object(Builtin::Counter.id(), Payload::Dict(Box::default()), spec)?;
        let r = self.counter_update(c, a.pos.first().copied(), &a.kw, 1);
        match r {
            Ok(()) => Ok(c),
            Err(e) => {
                self.decref(c);
                Err(e)
            }
        }
    }

    /// `Counter.update` (`sign` 1) and `Counter.subtract` (`sign` -1).
    fn counter_update(&mut self, c: ObjectId, iterable: Option<ObjectId>, kw: &[(String, ObjectId)], sign: i64) -> R<()> {
        if let Some(it) = iterable.filter(|&i| i != self.wk.none) {
            if matches!(self.heap.payload(it), Payload::Dict(_)) {
                if sign > 0 && self.dict_len(c) == 0 {
                    self.dict_update(c, it)?;
                } else {
                    for (k, v) in self.dict_entries(it) {
                        self.counter_add(c, k, v, sign)?;
                    }
                }
            } else {
                let one = self.new_int(1)?;
                let items = self.collect_iterable(it);
                let r = items.and_then(|items| {
                    let mut r = Ok(());
                    for &k in &items {
                        if r.is_ok() {
                            r = self.counter_add(c, k, one, sign);
                        }
                    }
                    items.into_iter().for_each(|k| self.decref(k));
                    r
                });
                self.decref(one);
                r?;
            }
        }
        for (name, v) in kw {
            let k = self.new_str(name)?;
            let r = self.counter_add(c, k, *v, sign);
            self.decref(k);
            r?;
        }
        Ok(())
    }

    /// `self[k] = self.get(k, 0) ± n`.
    fn counter_add(&mut self, c: ObjectId, k: ObjectId, n: ObjectId, sign: i64) -> R<()> {
        let old = match self.dict_get(c, k)? {
            Some(v) => {
                self.incref(v);
                v
            }
            None => self.new_int(0)?,
        };
        let op = if sign > 0 { crate::bytecode::BinOp::Add } else { crate::bytecode::BinOp::Sub };
        let new = self.binary_op(old, n, op, false);
        self.decref(old);
        let new = new?;
        let r = self.dict_set(c, k, new);
        self.decref(new);
        r
    }

    /// `__missing__`: a Counter answers 0 for an absent key.
    pub(crate) fn module_missing(&mut self, d: ObjectId, key: ObjectId) -> R<Option<ObjectId>> {
        if self.is_counter(d) {
            return self.new_int(0).map(Some);
        }
        // `defdict_missing`: the factory's value, stored under the key.
        if let Some(f) = self.default_factory(d).filter(|_| self.is_defaultdict(d)) {
            self.incref(f);
            let v = self.call(f, Vec::new());
            self.decref(f);
            let v = v?;
            if let Err(e) = self.dict_set(d, key, v) {
                self.decref(v);
                return Err(e);
            }
            return Ok(Some(v));
        }
        Ok(None)
    }

    /// The items sorted by count, largest first, ties in insertion order
    /// (`sorted(..., key=itemgetter(1), reverse=True)` is stable).
    fn counter_most_common(&mut self, c: ObjectId) -> R<Vec<(ObjectId, ObjectId)>> {
        let items = self.dict_entries(c);
        self.merge_by_count(items)
    }

    fn merge_by_count(&mut self, v: Vec<(ObjectId, ObjectId)>) -> R<Vec<(ObjectId, ObjectId)>> {
        if v.len() <= 1 {
            return Ok(v);
        }
        let mut left = v;
        let right = left.split_off(left.len() / 2);
        let (left, right) = (self.merge_by_count(left)?, self.merge_by_count(right)?);
        let mut out = Vec::with_capacity(left.len() + right.len());
        let (mut i, mut j) = (0, 0);
        while i < left.len() && j < right.len() {
            let gt = self.compare(right[j].1, left[i].1, crate::bytecode::CmpOp::Gt)?;
            let take_right = self.truthy(gt);
            self.decref(gt);
            if take_right? {
                out.push(right[j]);
                j += 1;
            } else {
                out.push(left[i]);
                i += 1;
            }
        }
        out.extend_from_slice(&left[i..]);
        out.extend_from_slice(&right[j..]);
        Ok(out)
    }

    pub(crate) fn counter_repr(&mut self, c: ObjectId) -> R<String> {
        if self.dict_len(c) == 0 {
            return Ok("Counter()".into());
        }
        let items = self.counter_most_common(c)?;
        let mut parts = Vec::with_capacity(items.len());
        for (k, v) in items {
            parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
        }
        Ok(format!("Counter({{{}}})", parts.join(", ")))
    }

    /// Counter's methods and the unsupported names of `collections`.
    pub(super) fn run_collections_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        let name = format!("collections.{}", f.name());
        match f {
            CollOrderedDict | CollNamedTuple => return Err(self.unsupported(&name)),
            _ => {}
        }
        let this = a.pos[0];
        if matches!(f, DefaultDictCopy | DefaultDictCopyDunder) {
            if !self.is_defaultdict(this) {
                let t = self.type_name(this);
                return Err(self.error("TypeError", &format!("descriptor '{}' requires a 'collections.defaultdict' object but received a '{t}'", f.name())));
            }
            // `defdict_copy`: `type(dd)(dd.default_factory, dd)`.
            let factory = self.default_factory(this).unwrap_or(self.wk.none);
            return self.construct_defaultdict(&Args { pos: vec![factory, this], kw: Vec::new() });
        }
        if !self.is_counter(this) {
            let t = self.type_name(this);
            return Err(self.error("TypeError", &format!("descriptor '{}' requires a 'Counter' object but received a '{t}'", f.name())));
        }
        let args = &a.pos[1..];
        match f {
            CounterMostCommon => {
                let n = match args.first().copied().or_else(|| a.kw("n")) {
                    Some(n) if n != self.wk.none => Some(self.as_i64(n).unwrap_or(0).max(0) as usize),
                    _ => None,
                };
                let mut items = self.counter_most_common(this)?;
                if let Some(n) = n {
                    items.truncate(n);
                }
                let mut tuples = Vec::with_capacity(items.len());
                for (k, v) in items {
                    self.incref(k);
                    self.incref(v);
                    tuples.push(self.new_tuple(vec![k, v])?);
                }
                let n = tuples.len();
                self.new_list(tuples, n)
            }
            CounterElements => {
                let mut out = Vec::new();
                for (k, v) in self.dict_entries(this) {
                    for _ in 0..self.as_i64(v).unwrap_or(0).max(0) {
                        self.incref(k);
                        out.push(k);
                    }
                }
                let n = out.len();
                let list = self.new_list(out, n)?;
                let it = self.get_iter(list);
                self.decref(list);
                it
            }
            CounterTotal => {
                let mut acc = self.new_int(0)?;
                for (_, v) in self.dict_entries(this) {
                    let r = self.binary_op(acc, v, crate::bytecode::BinOp::Add, false);
                    self.decref(acc);
                    acc = r?;
                }
                Ok(acc)
            }
            CounterUpdate | CounterSubtract => {
                let sign = if f == CounterUpdate { 1 } else { -1 };
                self.counter_update(this, args.first().copied(), &a.kw, sign)?;
                Ok(self.none_ref())
            }
            _ => unreachable!("not a collections function"),
        }
    }
}
