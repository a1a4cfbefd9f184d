//! Object lifecycles: creating objects through the allocator funnel, and
//! reference counting down to deallocation, finalizers and the free lists.
//!
//! Creation follows `gc_alloc`: the memory is allocated first, then the
//! generation-0 count is bumped (which may run a collection right there, in
//! the middle of the allocating operation), then the object is initialised
//! and tracked. Deallocation follows each type's `tp_dealloc`: untrack, run
//! `__del__` (PEP 442, once), clear weak references, release what the object
//! holds (in CPython's order), then free the memory or keep it on a free list.

use std::rc::Rc;

use num_bigint::BigInt;

use crate::heap::object::Instance;
use crate::heap::{flag, Domain, Int, Object, Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::pymalloc::{Addr, BlockHint};
use crate::vm::types::Builtin;
use crate::vm::{Unwind, Vm, R};

/// CPython 3.11's per-type free lists (Objects/*object.c, `pycore_*.h`). A
/// free-listed object keeps its block: no allocator call, no tracemalloc
/// change, no GC count change when it is reused.
#[derive(Clone, Debug, Default)]
pub struct FreeLists {
    pub floats: Vec<Addr>,
    /// Index = tuple length (1..=20).
    pub tuples: Vec<Vec<Addr>>,
    pub lists: Vec<Addr>,
    pub dicts: Vec<Addr>,
}

pub const FLOAT_MAXFREELIST: usize = 100;
pub const TUPLE_MAXSAVESIZE: usize = 20;
pub const TUPLE_MAXFREELIST: usize = 2000;
pub const LIST_MAXFREELIST: usize = 80;
pub const DICT_MAXFREELIST: usize = 80;

/// Which free list an object may come from and go back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeList {
    Float,
    Tuple(usize),
    List,
    Dict,
}

impl FreeList {
    /// The only type whose objects go to this free list: every dealloc
    /// checks the exact type, so instances of subclasses never do.
    fn owner(self) -> Builtin {
        match self {
            FreeList::Float => Builtin::Float,
            FreeList::Tuple(_) => Builtin::Tuple,
            FreeList::List => Builtin::List,
            FreeList::Dict => Builtin::Dict,
        }
    }
}

impl FreeLists {
    fn list(&mut self, which: FreeList) -> &mut Vec<Addr> {
        match which {
            FreeList::Float => &mut self.floats,
            FreeList::Tuple(n) => {
                if self.tuples.len() <= n {
                    self.tuples.resize(n + 1, Vec::new());
                }
                &mut self.tuples[n]
            }
            FreeList::List => &mut self.lists,
            FreeList::Dict => &mut self.dicts,
        }
    }

    fn capacity(which: FreeList) -> usize {
        match which {
            FreeList::Float => FLOAT_MAXFREELIST,
            FreeList::Tuple(_) => TUPLE_MAXFREELIST,
            FreeList::List => LIST_MAXFREELIST,
            FreeList::Dict => DICT_MAXFREELIST,
        }
    }
}

/// How to allocate one object.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Bytes requested from `PyObject_Malloc`, pre-header included.
    pub size: usize,
    /// The type has Py_TPFLAGS_HAVE_GC: the allocation counts toward gen 0.
    pub gc: bool,
    /// Track the object right after creation (`_PyObject_GC_TRACK`).
    pub track: bool,
    pub free_list: Option<FreeList>,
}

impl Spec {
    /// A new fixed-size object of builtin type `b`, sized from its C struct
    /// in [`crate::layout::object`] and, when it has a GC head, tracked at
    /// once (`PyObject_GC_New` or `PyType_GenericAlloc` then
    /// `_PyObject_GC_TRACK`).
    pub const fn of(b: LayoutType) -> Spec {
        let l = b.layout();
        Spec { size: l.request(0).size, gc: l.gc, track: l.gc, free_list: None }
    }

    /// The same allocation, first tried from a free list.
    pub const fn from_free_list(self, fl: FreeList) -> Spec {
        Spec { free_list: Some(fl), ..self }
    }
}

/// Size of the pre-header (GC head, managed dict pointers) before the
/// object's address: `id()` is the block address plus this.
pub fn preheader(gc: bool, managed_dict: bool) -> u64 {
    (if gc { 16 } else { 0 }) + (if managed_dict { 16 } else { 0 })
}

impl Vm {
    // ----- reference counting -----

    #[inline]
    pub fn incref(&mut self, id: ObjectId) {
        self.heap.get_mut(id).refcnt += 1;
    }

    #[inline]
    pub fn decref(&mut self, id: ObjectId) {
        let o = self.heap.get_mut(id);
        o.refcnt -= 1;
        if o.refcnt == 0 {
            self.dealloc(id);
        }
    }

    #[inline]
    pub fn xdecref(&mut self, id: ObjectId) {
        if id != NULL {
            self.decref(id);
        }
    }

    /// A new reference to None.
    #[inline]
    pub fn none_ref(&mut self) -> ObjectId {
        let n = self.wk.none;
        self.incref(n);
        n
    }

    #[inline]
    pub fn bool_ref(&mut self, b: bool) -> ObjectId {
        let v = self.bool_obj(b);
        self.incref(v);
        v
    }

    // ----- allocation -----

    /// The funnel: allocate memory for a new object of type `ty`, run the
    /// GC if this allocation crosses the threshold, insert and track it.
    /// Returns a new reference.
    pub fn alloc_object(&mut self, ty: ObjectId, payload: Payload, spec: Spec) -> R<ObjectId> {
        let reused = spec.free_list.and_then(|fl| self.free_lists.list(fl).pop());
        let (addr, hint) = match reused {
            Some(a) => (a, BlockHint::NONE),
            None => {
                if self.heap.over_cap(spec.size) {
                    self.drop_payload(payload);
                    return Err(self.memory_error());
                }
                let a = self.heap.malloc_object(spec.size);
                if spec.gc {
                    let exc_set = false;
                    if let Some(generation) = self.heap.gc.on_gc_alloc(exc_set) {
                        self.collect_generation(generation, crate::gc::Reason::Automatic);
                    }
                }
                a
            }
        };
        self.incref(ty);
        let flags = if self.started { flag::USER } else { 0 } | if spec.gc { flag::GC } else { 0 };
        let id = self.heap.insert(Object { refcnt: 1, ty, addr, size: spec.size as u32, flags, hint, payload });
        if spec.track {
            // `dealloc` clears gc state only for objects with a GC header.
            debug_assert!(spec.gc, "tracked object without a GC header");
            self.heap.gc.track(id);
        }
        self.on_alloc(id);
        Ok(id)
    }

    /// Releases the references held by a payload that never became an object.
    fn drop_payload(&mut self, payload: Payload) {
        for child in crate::vm::memory::children(&payload) {
            self.decref(child);
        }
    }

    pub fn memory_error(&mut self) -> Unwind {
        self.error("MemoryError", "")
    }

    /// An object CPython allocates statically (type objects, singletons,
    /// small ints): in the table, but never in pymalloc and never freed.
    pub fn static_object(&mut self, ty: ObjectId, payload: Payload, addr: Addr) -> ObjectId {
        let id = self.heap.insert(Object { refcnt: 1, ty, addr, size: 0, flags: flag::STATIC, hint: BlockHint::NONE, payload });
        if ty != NULL && self.heap.is_live(ty) {
            self.incref(ty);
        }
        id
    }

    /// Allocates a separate buffer (list items, dict keys, values arrays)
    /// with `PyMem_Malloc`.
    pub fn alloc_buffer(&mut self, n: usize) -> R<Addr> {
        if self.heap.over_cap(n) {
            return Err(self.memory_error());
        }
        Ok(self.heap.malloc(n, Domain::Object))
    }

    pub fn realloc_buffer(&mut self, addr: Option<Addr>, old: usize, n: usize) -> R<Addr> {
        if n > old && self.heap.over_cap(n - old) {
            return Err(self.memory_error());
        }
        Ok(self.heap.realloc(addr, old, n))
    }

    // ----- constructors for the simple types -----

    #[inline]
    pub fn new_int(&mut self, v: i64) -> R<ObjectId> {
        if (-5..=256).contains(&v) {
            let id = self.wk.small_ints[(v + 5) as usize];
            self.incref(id);
            return Ok(id);
        }
        // One 30-bit digit (the common case) asks for 32 bytes.
        let size = if v.unsigned_abs() < 1 << 30 { 32 } else { int_request_size(&Int::Small(v)) };
        self.alloc_object(Builtin::Int.id(), Payload::Int(Int::Small(v)), Spec { size, gc: false, track: false, free_list: None })
    }

    pub fn new_bigint(&mut self, v: BigInt) -> R<ObjectId> {
        match i64::try_from(&v) {
            Ok(small) => self.new_int(small),
            Err(_) => {
                let int = Int::Big(Rc::new(v));
                let size = int_request_size(&int);
                self.alloc_object(Builtin::Int.id(), Payload::Int(int), Spec { size, gc: false, track: false, free_list: None })
            }
        }
    }

    pub fn new_complex(&mut self, re: f64, im: f64) -> R<ObjectId> {
        self.alloc_object(
            Builtin::Complex.id(),
            Payload::Complex(re, im),
            Spec::of(LayoutType::Complex),
        )
    }

    pub fn new_float(&mut self, v: f64) -> R<ObjectId> {
        self.alloc_object(
            Builtin::Float.id(),
            Payload::Float(v),
            Spec::of(LayoutType::Float).from_free_list(FreeList::Float),
        )
    }

    /// A new str. Empty and one-character latin-1 strings are the static
    /// cached objects, as `unicode_result` returns them.
    pub fn new_str(&mut self, s: &str) -> R<ObjectId> {
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (None, _) => {
                let e = self.wk.empty_str;
                self.incref(e);
                return Ok(e);
            }
            (Some(c), None) if (c as u32) < 256 => {
                let id = self.wk.latin1[c as usize];
                self.incref(id);
                return Ok(id);
            }
            _ => {}
        }
        self.alloc_str(s.into())
    }

    /// A str made from text already in its own buffer (no copy), with the
    /// same cached empty and one-character objects as [`Vm::new_str`].
    pub fn new_str_rc(&mut self, s: Rc<str>) -> R<ObjectId> {
        if s.chars().nth(1).is_none() {
            return self.new_str(&s);
        }
        self.alloc_str(s)
    }

    /// `str(i)` of a machine-word int: its digits written straight into a
    /// fresh str (never a cached one-character object).
    pub fn new_int_str(&mut self, i: i64) -> R<ObjectId> {
        let mut buf = [0u8; 20];
        self.new_str_const(format_i64(i, &mut buf))
    }

    /// A new str object holding `s` (no cached object considered).
    fn alloc_str(&mut self, s: Rc<str>) -> R<ObjectId> {
        let size = str_request_size(&s);
        self.alloc_object(Builtin::Str.id(), Payload::Str(s), Spec { size, gc: false, track: false, free_list: None })
    }

    /// A str constant: never the cached one-character object (in 3.11 a
    /// `'a'` literal is not `chr(97)`).
    pub fn new_str_const(&mut self, s: &str) -> R<ObjectId> {
        if s.is_empty() {
            return self.new_str(s);
        }
        self.alloc_str(s.into())
    }

    /// The interned str with this value (a new reference). As in 3.11 the
    /// interned table's references are not counted: an interned str dies
    /// like any other when its last reference goes (see `dealloc`).
    pub fn intern(&mut self, s: &str) -> ObjectId {
        if let Some(&id) = self.interned.get(s) {
            self.incref(id);
            return id;
        }
        let id = match self.new_str_const(s) {
            Ok(id) => id,
            Err(e) => {
                // Interning identifiers cannot reasonably fail; keep going
                // with a static string rather than panic.
                self.discard(e);
                self.static_object(Builtin::Str.id(), Payload::Str(s.into()), 0)
            }
        };
        self.heap.get_mut(id).flags |= flag::INTERNED;
        self.interned.insert(s.into(), id);
        id
    }

    pub fn new_bytes(&mut self, b: &[u8]) -> R<ObjectId> {
        if b.is_empty() {
            let e = self.wk.empty_bytes;
            self.incref(e);
            return Ok(e);
        }
        if b.len() == 1 && !self.wk.bytes1.is_empty() {
            // 3.11 keeps one static object per single byte.
            let e = self.wk.bytes1[b[0] as usize];
            self.incref(e);
            return Ok(e);
        }
        self.alloc_object(
            Builtin::Bytes.id(),
            Payload::Bytes(b.into()),
            Spec { size: 33 + b.len(), gc: false, track: false, free_list: None },
        )
    }

    /// A new tuple taking ownership of `items`. `()` is the static singleton.
    pub fn new_tuple(&mut self, items: Vec<ObjectId>) -> R<ObjectId> {
        if items.is_empty() {
            let e = self.wk.empty_tuple;
            self.incref(e);
            return Ok(e);
        }
        let n = items.len();
        let fl = (n <= TUPLE_MAXSAVESIZE).then_some(FreeList::Tuple(n));
        self.alloc_object(
            Builtin::Tuple.id(),
            Payload::Tuple(items.into_boxed_slice()),
            Spec { size: crate::layout::object::tuple_request(n).size, gc: true, track: true, free_list: fl },
        )
    }

    pub fn new_cell(&mut self, v: ObjectId) -> R<ObjectId> {
        self.alloc_object(Builtin::Cell.id(), Payload::Cell(v), Spec::of(LayoutType::Cell))
    }

    pub fn new_slice(&mut self, start: ObjectId, stop: ObjectId, step: ObjectId) -> R<ObjectId> {
        self.alloc_object(Builtin::Slice.id(), Payload::Slice([start, stop, step]), Spec::of(LayoutType::Slice))
    }

    /// Drops an error the caller cannot report (keeps refcounts right).
    pub fn discard(&mut self, e: Unwind) {
        if let Unwind::Exc(x) = e {
            self.decref(x);
        }
    }

    // ----- deallocation -----

    /// The object's refcount reached zero.
    fn dealloc(&mut self, id: ObjectId) {
        let (ty, flags) = {
            let o = self.heap.get(id);
            (o.ty, o.flags)
        };
        if flags & flag::STATIC != 0 {
            // Static objects are never freed; keep them alive.
            self.heap.get_mut(id).refcnt = 1;
            return;
        }
        // The commonest death, an exact int or float, has nothing to do
        // before its memory goes: no finalizer, weakref, interning or GC
        // state (its type cannot have them).
        if ty == Builtin::Int.id() || ty == Builtin::Float.id() {
            self.free_object(id, ty, false);
            return;
        }
        // Only GC types (user classes, generators) can have a finalizer.
        let is_gc = self.type_is_gc(ty);
        // PEP 442: a finalizer runs once, with the object temporarily alive.
        if is_gc && self.has_finalizer_now(id) && !self.heap.gc.is_finalized(id) {
            self.heap.gc.set_finalized(id);
            self.heap.get_mut(id).refcnt = 1;
            self.run_finalizer(id);
            let o = self.heap.get_mut(id);
            o.refcnt -= 1;
            if o.refcnt > 0 {
                // Resurrected by its finalizer.
                return;
            }
        }
        self.clear_weakrefs_to(id, true);
        if flags & flag::INTERNED != 0 {
            // A mortal interned str leaves the interned table when it dies.
            if let Payload::Str(s) = self.heap.payload(id) {
                if self.interned.get(&**s) == Some(&id) {
                    let key = s.clone();
                    self.interned.remove(&key);
                }
                self.forget_name(id);
            }
        }
        // `forget` unlinks a tracked object (what `untrack` would do) and
        // clears its gc state in one pass; nothing in between reads it. Only
        // objects with a GC header are ever tracked; an object of a GC type
        // without one can still carry a finalizer's FINALIZED mark.
        let has_gc_header = flags & flag::GC != 0;
        if has_gc_header || is_gc {
            self.heap.gc.forget(id);
        }
        self.free_object(id, ty, has_gc_header);
    }

    /// The end of every death: the payload's references released, the
    /// block to its free list or back to the allocator, the type's
    /// reference dropped.
    #[inline]
    fn free_object(&mut self, id: ObjectId, ty: ObjectId, has_gc_header: bool) {
        let o = self.heap.get(id);
        let (addr, size, hint) = (o.addr, o.size as usize, o.hint);
        self.on_free(id);
        let payload = self.heap.remove(id);
        let free_list = self.release_payload(id, payload);
        let kept = match free_list {
            Some(fl) if ty == fl.owner().id() => {
                let list = self.free_lists.list(fl);
                if list.len() < FreeLists::capacity(fl) {
                    list.push(addr);
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if !kept {
            self.heap.free_hinted(addr, size, hint);
            if has_gc_header {
                self.heap.gc.on_gc_dealloc();
            }
        }
        self.decref(ty);
    }

    /// Releases what a dead object held, in CPython's order, and returns
    /// the free list its block may go to.
    fn release_payload(&mut self, id: ObjectId, payload: Payload) -> Option<FreeList> {
        match payload {
            // Plain values own nothing to drop: forgetting them skips the
            // out-of-line drop glue for the whole `Payload` enum, which every
            // freed int and float would otherwise call.
            Payload::Int(Int::Small(_)) | Payload::Complex(..) => {
                std::mem::forget(payload);
                None
            }
            Payload::Float(_) => {
                std::mem::forget(payload);
                Some(FreeList::Float)
            }
            Payload::Int(_) | Payload::Str(_) | Payload::Bytes(_) => None,
            Payload::Tuple(items) => {
                let n = items.len();
                for &v in items.iter().rev() {
                    self.decref(v);
                }
                (n <= TUPLE_MAXSAVESIZE).then_some(FreeList::Tuple(n))
            }
            Payload::List(list) => {
                for &v in list.items.iter().rev() {
                    self.decref(v);
                }
                if let Some(buf) = list.buf {
                    self.heap.free(buf, list.allocated * 8);
                }
                Some(FreeList::List)
            }
            Payload::Dict(d) => {
                let fl = self.release_dict(*d);
                fl.then_some(FreeList::Dict)
            }
            Payload::Set(s) | Payload::FrozenSet(s) => {
                self.release_set(*s);
                None
            }
            Payload::Instance(mut inst) => {
                self.release_instance(&mut inst);
                self.instance_pool.give(inst);
                None
            }
            Payload::Generator(g) => {
                self.release_generator(*g);
                None
            }
            Payload::Type(t) => {
                self.type_cache.get_mut().invalidate();
                // type_dealloc: first out of the base's tp_subclasses.
                if t.subclass_ref != NULL && !self.remove_subclass(t.base, t.subclass_ref) {
                    self.decref(t.subclass_ref);
                }
                if let Some(a) = t.keys_addr {
                    self.heap.free(a, crate::vm::construct::SHARED_KEYS_BYTES);
                }
                for c in [t.dict, t.base].into_iter().chain(t.owned.iter().copied()) {
                    self.xdecref(c);
                }
                self.xdecref(t.subclasses);
                None
            }
            Payload::Ext(x) => {
                self.release_ext(*x);
                None
            }
            Payload::WeakRef { target, callback } => {
                if target != NULL {
                    if let Some(list) = self.weakrefs.get_mut(&target) {
                        list.retain(|&w| w != id);
                        if list.is_empty() {
                            self.weakrefs.remove(&target);
                        }
                    }
                }
                self.xdecref(callback);
                None
            }
            other => {
                for child in children(&other) {
                    self.decref(child);
                }
                None
            }
        }
    }

    fn release_instance(&mut self, inst: &mut Instance) {
        for &v in inst.slots.iter() {
            if v != NULL {
                self.decref(v);
            }
        }
        for i in 0..inst.values.len() {
            let v = inst.values[i].1;
            self.decref(v);
        }
        if let Some(a) = inst.values_addr {
            self.heap.free(a, values_array_bytes(inst.values_size));
        }
        for v in [inst.dict, inst.args, inst.tb, inst.cause, inst.context] {
            if v != NULL {
                self.decref(v);
            }
        }
    }

    /// The object has a `tp_finalize` that would do something: a class with
    /// `__del__`, or a generator suspended in its body.
    #[inline]
    pub fn has_finalizer_now(&self, id: ObjectId) -> bool {
        match self.heap.payload(id) {
            Payload::Generator(_) => self.gen_is_suspended(id),
            _ => self.type_has_del(self.heap.get(id).ty),
        }
    }

    /// Runs `tp_finalize`: `__del__`, or closing a generator.
    pub fn run_finalizer(&mut self, id: ObjectId) {
        if matches!(self.heap.payload(id), Payload::Generator(_)) {
            if let Err(e) = self.gen_close(id) {
                self.unraisable(e, "generator finalizer");
            }
        } else {
            self.call_del(id);
        }
    }

    #[inline]
    /// `PyType_GenericAlloc`'s request for a fixed-size object of type
    /// `ty`: the builtin's struct, or for a type extending builtin `base`
    /// ([`Vm::sized_by_basicsize`]), its basic size and pre-header, tracked
    /// at once.
    pub fn generic_spec(&self, ty: ObjectId, base: LayoutType) -> Spec {
        if !self.sized_by_basicsize(ty) {
            return Spec::of(base);
        }
        let gc = self.type_is_gc(ty);
        let size = preheader(gc, self.type_has_managed_dict(ty)) as usize + self.basicsize(ty);
        Spec { size, gc, track: gc, free_list: None }
    }

    pub fn type_is_gc(&self, ty: ObjectId) -> bool {
        match self.heap.payload(ty) {
            Payload::Type(t) => t.user || t.builtin.is_none_or(|b| b.is_gc()),
            _ => false,
        }
    }

    #[inline]
    pub fn type_has_del(&self, ty: ObjectId) -> bool {
        matches!(self.heap.payload(ty), Payload::Type(t) if t.has_del)
    }
}

/// The references a payload holds, in traversal order (`tp_traverse`).
pub fn children(p: &Payload) -> Vec<ObjectId> {
    let mut out = Vec::new();
    visit_children(p, &mut |c| out.push(c));
    out
}

/// Calls `visit` for each reference `p` holds (NULLs skipped).
pub fn visit_children(p: &Payload, visit: &mut dyn FnMut(ObjectId)) {
    visit_children_with(p, visit)
}

/// [`visit_children`] for a visitor known at compile time: the collector's
/// traversal pushes straight into its vector instead of calling through a
/// pointer for every reference (which costs most in the wasm build).
#[inline]
pub fn visit_children_with<F: FnMut(ObjectId) + ?Sized>(p: &Payload, visit: &mut F) {
    let mut v = |id: ObjectId| {
        if id != NULL {
            visit(id)
        }
    };
    match p {
        // CPython's list and tuple traverse walk the items last to first.
        Payload::Tuple(items) => items.iter().rev().for_each(|&i| v(i)),
        Payload::List(l) => l.items.iter().rev().for_each(|&i| v(i)),
        Payload::Dict(d) => d.visit(&mut v),
        Payload::Set(s) | Payload::FrozenSet(s) => s.visit(&mut v),
        Payload::Slice(parts) => parts.iter().for_each(|&i| v(i)),
        Payload::Code(c) => {
            v(c.name_obj);
            v(c.qualname_obj);
            c.consts.iter().for_each(|&i| v(i));
            c.names.iter().for_each(|&i| v(i));
        }
        Payload::Function(f) => {
            for id in [f.code, f.globals, f.name, f.qualname, f.defaults, f.kwdefaults, f.closure, f.dict] {
                v(id);
            }
        }
        Payload::Builtin { bound, .. } => v(*bound),
        Payload::Method { func, this } => {
            v(*func);
            v(*this);
        }
        Payload::Cell(c) => v(*c),
        Payload::Type(t) => {
            v(t.dict);
            v(t.base);
            t.owned.iter().for_each(|&o| v(o));
        }
        Payload::GetSet(g) => v(g.cls),
        Payload::FrameObj(f) => {
            v(f.code);
            v(f.globals);
            f.owned.iter().for_each(|&o| v(o));
        }
        Payload::Traceback(t) => {
            v(t.next);
            v(t.frame);
        }
        Payload::Instance(inst) => {
            inst.values.iter().for_each(|(_, i)| v(*i));
            inst.slots.iter().for_each(|&i| v(i));
            for id in [inst.dict, inst.args, inst.tb, inst.cause, inst.context] {
                v(id);
            }
        }
        Payload::Module(m) => v(m.dict),
        Payload::Iter(it) => it.visit(&mut v),
        Payload::Generator(g) => g.visit(&mut v),
        Payload::WeakRef { callback, .. } => v(*callback),
        Payload::Property { fget, fset } => {
            v(*fget);
            v(*fset);
        }
        Payload::StaticMethod(f) | Payload::ClassMethod(f) => v(*f),
        Payload::Super { cls, obj } => {
            v(*cls);
            v(*obj);
        }
        Payload::Ext(x) => x.visit(&mut v),
        Payload::Free(_)
        | Payload::None
        | Payload::NotImplemented
        | Payload::Ellipsis
        | Payload::Bool(_)
        | Payload::Int(_)
        | Payload::Float(_)
        | Payload::Complex(..)
        | Payload::Str(_)
        | Payload::Bytes(_)
        | Payload::Range(_) => {}
    }
}

/// Bytes CPython requests for an int: one-digit ("medium") ints come from
/// `_PyLong_FromMedium`, which asks for `sizeof(PyLongObject)` = 32.
#[inline]
pub fn int_request_size(i: &Int) -> usize {
    let digits = int_digits(i);
    if digits <= 1 {
        32
    } else {
        24 + 4 * digits
    }
}

/// Number of 30-bit digits of the magnitude (0 has 0 digits).
/// `str(v)` written into `buf` (20 bytes hold `i64::MIN`), so that
/// `str(int)` needs no temporary heap string.
pub fn format_i64(v: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = v.unsigned_abs();
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

#[inline]
pub fn int_digits(i: &Int) -> usize {
    let bits = match i {
        Int::Small(v) => 64 - v.unsigned_abs().leading_zeros() as usize,
        Int::Big(b) => b.bits() as usize,
    };
    bits.div_ceil(30)
}

/// Bytes requested for a compact str: header (48 ASCII, 72 otherwise) plus
/// its characters ([`str_data_size`]).
pub fn str_request_size(s: &str) -> usize {
    (if s.is_ascii() { 48 } else { 72 }) + str_data_size(s)
}

/// A str's characters as CPython stores them: (len + 1) code units of the
/// narrowest kind that fits (1, 2 or 4 bytes), the terminator included.
pub fn str_data_size(s: &str) -> usize {
    if s.is_ascii() {
        return s.len() + 1;
    }
    let (max, n) = s.chars().fold((0u32, 0usize), |(m, n), c| (m.max(c as u32), n + 1));
    let kind = match max {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 4,
    };
    kind * (n + 1)
}

/// A 3.11 values array of `size` slots: a prefix of `round_up(size+2, 8)`
/// bytes (insertion order) then the pointers.
pub fn values_array_bytes(size: usize) -> usize {
    (size + 2).div_ceil(8) * 8 + 8 * size
}

#[cfg(test)]
mod tests {
    use super::format_i64;

    #[test]
    fn format_i64_matches_to_string() {
        for v in [0, 7, -7, 10, 99, -100, 123_456_789, i64::MAX, i64::MIN, i64::MIN + 1] {
            let mut buf = [0u8; 20];
            assert_eq!(format_i64(v, &mut buf), v.to_string());
        }
    }
}
