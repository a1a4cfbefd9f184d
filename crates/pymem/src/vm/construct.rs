//! Calling a builtin type: `int('7')`, `list(range(3))`, `dict(a=1)`, ...
//! and the class statement (`__build_class__`) and `super()`.

use std::rc::Rc;

use num_bigint::BigInt;

use crate::heap::object::TypeObj;
use crate::heap::{flag, Int, Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::builtins::Args;
use crate::vm::interp::Exit;
use crate::vm::iter::IterState;
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

/// Bytes of a class's shared keys table (`ht_cached_keys`): 64 slots, all
/// str keys: 32 + 64 + 42 × 16.
pub const SHARED_KEYS_BYTES: usize = 32 + 64 + 42 * 16;

/// A class's `__slots__` names.
type SlotNames = Vec<Rc<str>>;

impl Vm {
    /// `cls(*args)` for a builtin type (args owned).
    pub fn construct_builtin(&mut self, cls: ObjectId, args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        // `str(i)` of a machine-word int, as the general path below does it
        // (a fresh str, never a cached one-character object).
        if kwnames == NULL && args.len() == 1 && cls == Builtin::Str.id() {
            if let Payload::Int(Int::Small(i)) = *self.heap.payload(args[0]) {
                let r = self.new_int_str(i);
                self.release_args(args);
                return r;
            }
        }
        if kwnames == NULL {
            let a = Args { pos: args, kw: Vec::new() };
            let r = self.construct(cls, &a);
            self.release_args(a.pos);
            return r;
        }
        let names = self.tuple_items(kwnames);
        let npos = args.len() - names.len();
        let kw: Vec<(String, ObjectId)> =
            names.iter().zip(args[npos..].iter()).map(|(k, v)| (self.str_of(*k).to_string(), *v)).collect();
        let a = Args { pos: args[..npos].to_vec(), kw };
        let r = self.construct(cls, &a);
        for v in args {
            self.decref(v);
        }
        r
    }

    fn construct(&mut self, cls: ObjectId, a: &Args) -> R<ObjectId> {
        let b = self.builtin_of_type(cls);
        let name = self.type_name_of_type(cls);
        let first = a.pos.first().copied();
        match b {
            Some(Builtin::BaseException) => {
                let items = a.pos.clone();
                for &i in &items {
                    self.incref(i);
                }
                let t = self.new_tuple(items)?;
                self.new_exception_instance(cls, t)
            }
            Some(Builtin::NoneType) | Some(Builtin::Ellipsis) | Some(Builtin::NotImplementedType) => {
                if !a.pos.is_empty() {
                    return Err(self.error("TypeError", &format!("{name} takes no arguments")));
                }
                let v = match b {
                    Some(Builtin::NoneType) => self.wk.none,
                    Some(Builtin::Ellipsis) => self.wk.ellipsis,
                    _ => self.wk.not_implemented,
                };
                self.incref(v);
                Ok(v)
            }
            Some(Builtin::Object) => {
                self.arity("object", a, 0, 0).map_err(|e| {
                    self.discard(e);
                    self.error("TypeError", "object() takes no arguments")
                })?;
                self.alloc_object(cls, Payload::Instance(Box::default()), Spec::of(LayoutType::Object))
            }
            Some(Builtin::Type) => {
                if a.pos.len() == 1 {
                    let t = self.heap.get(a.pos[0]).ty;
                    self.incref(t);
                    return Ok(t);
                }
                if a.pos.len() != 3 {
                    return Err(self.error("TypeError", "type() takes 1 or 3 arguments"));
                }
                let name = match self.heap.payload(a.pos[0]) {
                    Payload::Str(s) => s.clone(),
                    _ => return Err(self.error("TypeError", "type.__new__() argument 1 must be str")),
                };
                let bases = self.seq_items(a.pos[1]);
                let base = self.single_base(&bases)?;
                if !matches!(self.heap.payload(a.pos[2]), Payload::Dict(_)) {
                    let t = self.type_name(a.pos[2]);
                    return Err(self.error("TypeError", &format!("type.__new__() argument 3 must be dict, not {t}")));
                }
                self.make_class(&name, base, a.pos[1], a.pos[2])
            }
            Some(Builtin::Int) => {
                self.arity("int", a, 0, 2)?;
                let Some(v) = first else { return self.new_int(0) };
                let base = a.pos.get(1).copied().or_else(|| a.kw("base")).map(|b| self.as_i64(b).unwrap_or(10));
                self.int_from(v, base)
            }
            Some(Builtin::Bool) => {
                self.arity("bool", a, 0, 1)?;
                let r = match first {
                    Some(v) => self.truthy(v)?,
                    None => false,
                };
                Ok(self.bool_ref(r))
            }
            Some(Builtin::Float) => {
                self.arity("float", a, 0, 1)?;
                let Some(v) = first else { return self.new_float(0.0) };
                match self.num(v) {
                    Some(n) => {
                        if let Payload::Float(_) = self.heap.payload(v) {
                            self.incref(v);
                            return Ok(v);
                        }
                        let f = crate::vm::ops::to_f64(&n);
                        if f.is_infinite() {
                            return Err(self.error("OverflowError", "int too large to convert to float"));
                        }
                        self.new_float(f)
                    }
                    None => match self.heap.payload(v).clone() {
                        Payload::Str(s) => {
                            let t = s.trim().to_lowercase().replace('_', "");
                            let f = match t.as_str() {
                                "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                                "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                                "nan" | "+nan" | "-nan" => Some(f64::NAN),
                                _ => t.parse::<f64>().ok(),
                            };
                            match f {
                                Some(f) => self.new_float(f),
                                None => {
                                    let r = crate::vm::repr::str_repr(&s);
                                    Err(self.error("ValueError", &format!("could not convert string to float: {r}")))
                                }
                            }
                        }
                        _ => match self.call_dunder(v, "__float__", &[])? {
                            Some(r) => Ok(r),
                            None => {
                                let t = self.type_name(v);
                                Err(self.error("TypeError", &format!("float() argument must be a string or a real number, not '{t}'")))
                            }
                        },
                    },
                }
            }
            Some(Builtin::Complex) => {
                self.arity("complex", a, 0, 2)?;
                let mut parts = [0.0f64; 2];
                let mut imag = [0.0f64; 2];
                for (k, &v) in a.pos.iter().enumerate() {
                    match self.heap.payload(v) {
                        Payload::Complex(r, i) => {
                            parts[k] = *r;
                            imag[k] = *i;
                        }
                        _ => match self.num(v) {
                            Some(n) => parts[k] = crate::vm::ops::to_f64(&n),
                            None => {
                                let t = self.type_name(v);
                                return Err(self.error("TypeError", &format!("complex() first argument must be a string or a number, not '{t}'")));
                            }
                        },
                    }
                }
                // complex(a, b) = a + b*1j
                self.new_complex(parts[0] - imag[1], imag[0] + parts[1])
            }
            Some(Builtin::Str) => {
                self.arity("str", a, 0, 3)?;
                let Some(v) = first else { return self.new_str("") };
                if let Payload::Bytes(bytes) = self.heap.payload(v).clone() {
                    if a.pos.len() > 1 {
                        return match std::str::from_utf8(&bytes) {
                            Ok(s) => self.new_str(s),
                            Err(_) => Err(self.error("UnicodeDecodeError", "'utf-8' codec can't decode bytes")),
                        };
                    }
                }
                if matches!(self.heap.payload(v), Payload::Str(_)) {
                    self.incref(v);
                    return Ok(v);
                }
                let s = self.str_value(v)?;
                if matches!(self.heap.payload(v), Payload::Int(_) | Payload::Float(_)) {
                    // Number formatting writes a fresh str: even "5" is not
                    // the cached one-character object.
                    return self.new_str_const(&s);
                }
                self.new_str(&s)
            }
            Some(Builtin::Bytes) => {
                self.arity("bytes", a, 0, 3)?;
                let Some(v) = first else { return self.new_bytes(b"") };
                match self.heap.payload(v).clone() {
                    Payload::Int(_) | Payload::Bool(_) => {
                        let n = self.as_i64(v).unwrap_or(-1);
                        if n < 0 {
                            return Err(self.error("ValueError", "negative count"));
                        }
                        if n as u64 > self.config.heap_cap {
                            return Err(self.memory_error());
                        }
                        self.new_bytes(&vec![0u8; n as usize])
                    }
                    Payload::Str(s) => {
                        if a.pos.len() < 2 && a.kw("encoding").is_none() {
                            return Err(self.error("TypeError", "string argument without an encoding"));
                        }
                        self.new_bytes(s.as_bytes())
                    }
                    Payload::Bytes(_) => {
                        self.incref(v);
                        Ok(v)
                    }
                    _ => {
                        let items = self.collect_iterable(v)?;
                        let mut out = Vec::with_capacity(items.len());
                        let mut bad = false;
                        for &i in &items {
                            match self.as_i64(i) {
                                Some(x) if (0..256).contains(&x) => out.push(x as u8),
                                _ => bad = true,
                            }
                        }
                        for i in items {
                            self.decref(i);
                        }
                        if bad {
                            return Err(self.error("ValueError", "bytes must be in range(0, 256)"));
                        }
                        self.new_bytes(&out)
                    }
                }
            }
            Some(Builtin::List) => {
                self.arity("list", a, 0, 1)?;
                let l = self.new_list_generic(cls)?;
                if let Some(v) = first {
                    // list___init__: preallocate exactly when the argument has a length.
                    let sized = matches!(
                        self.heap.payload(v),
                        Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::Range(_)
                    ) || self.module_len(v).is_some();
                    let r = (|| {
                        if sized {
                            let n = self.len_of(v)?;
                            if n > 0 {
                                self.list_preallocate_exact(l, n)?;
                            }
                        }
                        self.list_extend(l, v)
                    })();
                    if let Err(e) = r {
                        self.decref(l);
                        return Err(e);
                    }
                }
                Ok(l)
            }
            Some(Builtin::Tuple) => {
                self.arity("tuple", a, 0, 1)?;
                let Some(v) = first else { return Ok(self.empty_tuple_ref()) };
                if matches!(self.heap.payload(v), Payload::Tuple(_)) {
                    self.incref(v);
                    return Ok(v);
                }
                let items = self.collect_iterable(v)?;
                self.new_tuple(items)
            }
            Some(Builtin::Dict) => {
                self.arity("dict", a, 0, 1)?;
                let d = self.new_dict_generic(cls)?;
                match self.dict_init(d, first, &a.kw) {
                    Ok(()) => Ok(d),
                    Err(e) => {
                        self.decref(d);
                        Err(e)
                    }
                }
            }
            Some(Builtin::Set) | Some(Builtin::FrozenSet) => {
                self.arity(&name, a, 0, 1)?;
                let s = self.new_set_of(cls, Vec::new(), b == Some(Builtin::FrozenSet))?;
                if let Some(v) = first {
                    if let Err(e) = self.set_update(s, v) {
                        self.decref(s);
                        return Err(e);
                    }
                }
                Ok(s)
            }
            Some(Builtin::Range) => {
                if a.pos.is_empty() {
                    return Err(self.error("TypeError", "range expected at least 1 argument, got 0"));
                }
                if a.pos.len() > 3 {
                    return Err(self.error("TypeError", &format!("range expected at most 3 arguments, got {}", a.pos.len())));
                }
                let mut v = Vec::new();
                for &x in &a.pos {
                    match self.as_i64(x) {
                        Some(i) => v.push(i),
                        None => {
                            let t = self.type_name(x);
                            return Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")));
                        }
                    }
                }
                let (start, stop, step) = match v.len() {
                    1 => (0, v[0], 1),
                    2 => (v[0], v[1], 1),
                    _ => (v[0], v[1], v[2]),
                };
                if step == 0 {
                    return Err(self.error("ValueError", "range() arg 3 must not be zero"));
                }
                self.new_range(start, stop, step)
            }
            Some(Builtin::Slice) => {
                self.arity("slice", a, 1, 3)?;
                let mut parts = [NULL; 3];
                match a.pos.len() {
                    1 => {
                        parts = [self.wk.none, a.pos[0], self.wk.none];
                    }
                    n => {
                        parts[..n].copy_from_slice(&a.pos[..n]);
                        for p in parts.iter_mut().skip(n) {
                            *p = self.wk.none;
                        }
                    }
                }
                for &p in &parts {
                    self.incref(p);
                }
                self.new_slice(parts[0], parts[1], parts[2])
            }
            Some(Builtin::Enumerate) => {
                let Some(v) = first else {
                    return Err(self.error("TypeError", "enumerate() missing required argument 'iterable' (pos 1)"));
                };
                let start = match a.pos.get(1).copied().or_else(|| a.kw("start")) {
                    Some(s) => self.as_i64(s).unwrap_or(0),
                    None => 0,
                };
                let it = self.get_iter(v)?;
                self.new_iter(Builtin::Enumerate, IterState::Enumerate { it, count: start })
            }
            Some(Builtin::Zip) => {
                let mut its = Vec::new();
                for &v in &a.pos {
                    match self.get_iter(v) {
                        Ok(it) => its.push(it),
                        Err(e) => {
                            for i in its {
                                self.decref(i);
                            }
                            return Err(e);
                        }
                    }
                }
                self.new_iter(Builtin::Zip, IterState::Zip { its })
            }
            Some(Builtin::Map) => {
                if a.pos.len() < 2 {
                    return Err(self.error("TypeError", "map() must have at least two arguments."));
                }
                let mut its = Vec::new();
                for &v in &a.pos[1..] {
                    its.push(self.get_iter(v)?);
                }
                self.incref(a.pos[0]);
                self.new_iter(Builtin::Map, IterState::Map { func: a.pos[0], its })
            }
            Some(Builtin::Filter) => {
                self.arity("filter", a, 2, 2)?;
                let it = self.get_iter(a.pos[1])?;
                self.incref(a.pos[0]);
                self.new_iter(Builtin::Filter, IterState::Filter { func: a.pos[0], it })
            }
            Some(Builtin::Reversed) => {
                self.arity("reversed", a, 1, 1)?;
                let v = a.pos[0];
                match self.heap.payload(v) {
                    Payload::List(_) | Payload::Tuple(_) => {
                        let n = self.seq_items(v).len();
                        self.incref(v);
                        self.new_iter(Builtin::Reversed, IterState::Reversed { seq: v, index: n })
                    }
                    Payload::Range(r) => {
                        let crate::heap::RangeObj { start, stop, step } = **r;
                        let n = crate::vm::iter::range_len(start, stop, step);
                        let last = start + (n as i64 - 1) * step;
                        self.new_iter(Builtin::RangeIterator, IterState::Range { next: last, step: -step, left: n })
                    }
                    Payload::Str(s) => {
                        let r: String = s.chars().rev().collect();
                        let t = self.new_str(&r)?;
                        let it = self.get_iter(t);
                        self.decref(t);
                        it
                    }
                    Payload::Ext(_) if self.module_len(v).is_some() => match self.module_reversed(v)? {
                        Some(r) => Ok(r),
                        None => {
                            let t = self.type_name(v);
                            Err(self.error("TypeError", &format!("'{t}' object is not reversible")))
                        }
                    },
                    _ => match self.call_dunder(v, "__reversed__", &[])? {
                        Some(r) => Ok(r),
                        None => {
                            let t = self.type_name(v);
                            Err(self.error("TypeError", &format!("'{t}' object is not reversible")))
                        }
                    },
                }
            }
            Some(Builtin::Property) => {
                let fget = first.or_else(|| a.kw("fget")).unwrap_or(NULL);
                let fset = a.pos.get(1).copied().or_else(|| a.kw("fset")).unwrap_or(NULL);
                for f in [fget, fset] {
                    if f != NULL {
                        self.incref(f);
                    }
                }
                self.alloc_object(cls, Payload::Property { fget, fset }, Spec::of(LayoutType::Property))
            }
            Some(Builtin::StaticMethod) | Some(Builtin::ClassMethod) => {
                self.arity(&name, a, 1, 1)?;
                let f = a.pos[0];
                self.incref(f);
                let p = if b == Some(Builtin::StaticMethod) { Payload::StaticMethod(f) } else { Payload::ClassMethod(f) };
                self.alloc_object(cls, p, Spec::of(LayoutType::StaticMethod))
            }
            _ => {
                if let Some(v) = self.module_construct(cls, a)? {
                    return Ok(v);
                }
                Err(self.error("TypeError", &format!("cannot create '{name}' instances")))
            }
        }
    }

    /// `int(v, base)`.
    fn int_from(&mut self, v: ObjectId, base: Option<i64>) -> R<ObjectId> {
        if let Payload::Str(s) = self.heap.payload(v).clone() {
            let base = base.unwrap_or(10);
            let t = s.trim().replace('_', "");
            let (neg, digits) = match t.strip_prefix('-') {
                Some(d) => (true, d.to_string()),
                None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
            };
            let (digits, base) = match (base, digits.get(..2).map(|p| p.to_lowercase())) {
                (16 | 0, Some(p)) if p == "0x" => (digits[2..].to_string(), 16),
                (8 | 0, Some(p)) if p == "0o" => (digits[2..].to_string(), 8),
                (2 | 0, Some(p)) if p == "0b" => (digits[2..].to_string(), 2),
                (0, _) => (digits, 10),
                (b, _) => (digits, b),
            };
            return match BigInt::parse_bytes(digits.as_bytes(), base as u32).filter(|_| !digits.is_empty()) {
                Some(n) => self.new_bigint(if neg { -n } else { n }),
                None => {
                    let r = crate::vm::repr::str_repr(&s);
                    Err(self.error("ValueError", &format!("invalid literal for int() with base {base}: {r}")))
                }
            };
        }
        if base.is_some() {
            return Err(self.error("TypeError", "int() can't convert non-string with explicit base"));
        }
        match self.num(v) {
            Some(crate::vm::ops::Num::F(f)) => {
                if f.is_nan() {
                    return Err(self.error("ValueError", "cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(self.error("OverflowError", "cannot convert float infinity to integer"));
                }
                let b = num_traits::FromPrimitive::from_f64(f.trunc()).unwrap_or_default();
                self.new_bigint(b)
            }
            Some(crate::vm::ops::Num::I(i)) => self.new_int(i),
            Some(crate::vm::ops::Num::B(b)) => self.new_bigint(b),
            None => match self.call_dunder(v, "__int__", &[])? {
                Some(r) => Ok(r),
                None => {
                    let t = self.type_name(v);
                    Err(self.error(
                        "TypeError",
                        &format!("int() argument must be a string, a bytes-like object or a real number, not '{t}'"),
                    ))
                }
            },
        }
    }

    /// `__build_class__(func, name, *bases)`: run the body, make the class.
    ///
    /// The allocations are CPython's, in its order (each one counts toward
    /// generation 0 unless a free list serves it): the `__bases__` tuple of
    /// explicit bases, the namespace from `type.__prepare__`, and, around
    /// the call of the metaclass, its `(name, bases, ns)` argument tuple;
    /// the namespace and that tuple are dropped once the class exists.
    pub(crate) fn build_class(&mut self, a: &Args) -> R<ObjectId> {
        if a.pos.len() < 2 {
            return Err(self.error("TypeError", "__build_class__: not enough arguments"));
        }
        if !a.kw.is_empty() {
            return Err(self.unsupported("class keyword arguments (metaclass=...)"));
        }
        let (func, name_obj) = (a.pos[0], a.pos[1]);
        let base = self.single_base(&a.pos[2..])?;
        let bases = if a.pos.len() > 2 {
            let items = a.pos[2..].to_vec();
            for &b in &items {
                self.incref(b);
            }
            self.new_tuple(items)?
        } else {
            let e = self.wk.empty_tuple;
            self.incref(e);
            e
        };
        let ns = match self.new_dict() {
            Ok(ns) => ns,
            Err(e) => {
                self.decref(bases);
                return Err(e);
            }
        };
        let mut frame = match self.make_frame(func, Vec::new(), NULL, 0) {
            Ok(f) => f,
            Err(e) => {
                self.decref(ns);
                self.decref(bases);
                return Err(e);
            }
        };
        self.incref(ns);
        frame.locals = ns;
        match self.run_frame(frame) {
            Ok(Exit::Return(v)) | Ok(Exit::Yield(v)) => self.decref(v),
            Err(e) => {
                self.decref(ns);
                self.decref(bases);
                return Err(e);
            }
        }
        let name = self.str_of(name_obj);
        // `_PyObject_MakeTpCall`: type(name, bases, ns) gets a real tuple.
        self.incref(name_obj);
        self.incref(ns);
        let call_args = match self.new_tuple(vec![name_obj, bases, ns]) {
            Ok(t) => t,
            Err(e) => {
                self.decref(ns);
                return Err(e);
            }
        };
        let r = self.make_class(&name, base, bases, ns);
        self.decref(call_args);
        self.decref(ns);
        r
    }

    /// The one base a class may have here (single inheritance).
    fn single_base(&mut self, bases: &[ObjectId]) -> R<ObjectId> {
        if bases.len() > 1 {
            return Err(self.unsupported("multiple inheritance"));
        }
        let base = bases.first().copied().unwrap_or(Builtin::Object.id());
        let (base_builtin, base_user) = match self.heap.payload(base) {
            Payload::Type(t) => (t.builtin, t.user),
            _ => return Err(self.error("TypeError", "bases must be types")),
        };
        if !base_user && !base_builtin.is_some_and(Builtin::subclassable) {
            let n = self.type_name_of_type(base);
            return Err(self.unsupported(&format!("subclassing the builtin type '{n}'")));
        }
        Ok(base)
    }

    /// `type(name, bases, ns)`, as `type_new` does it: the class gets a
    /// copy of the namespace `ns` (borrowed) and, besides the type object,
    /// the `__bases__` tuple (`bases` borrowed; `()` means `(object,)`, made
    /// here), the `__mro__` tuple and, when the base lacks them, the
    /// `__dict__`/`__weakref__` descriptors, all pointing back at the class:
    /// every class is a reference cycle, freed only by the GC. `add_subclass`
    /// then puts a weakref to the class in its base's `tp_subclasses` (a dict
    /// made at a heap type's first subclass), and `type_new_set_names` walks
    /// a throw-away copy of the class dict. In CPython's order, so that each
    /// allocation meets the same free-list state and generation-0 count.
    pub(crate) fn make_class(&mut self, name: &str, base: ObjectId, bases: ObjectId, ns: ObjectId) -> R<ObjectId> {
        let bases_tuple = if matches!(self.heap.payload(bases), Payload::Tuple(t) if !t.is_empty()) {
            self.incref(bases);
            bases
        } else {
            self.incref(base);
            self.new_tuple(vec![base])?
        };
        let copy = self.new_dict();
        let ns = match copy.and_then(|c| self.dict_update(c, ns).map(|_| c)) {
            Ok(c) => c,
            Err(e) => {
                self.decref(bases_tuple);
                return Err(e);
            }
        };
        let prepared = self.class_namespace(name, ns);
        let (qualname, slots) = match prepared {
            Ok(p) => p,
            Err(e) => {
                self.decref(ns);
                self.decref(bases_tuple);
                return Err(e);
            }
        };
        self.init_class(name, qualname, slots, base, bases_tuple, ns)
    }

    /// `type_new_set_attrs` on the class's namespace copy: `__qualname__`
    /// leaves it, `__module__`/`__doc__` (and `__hash__ = None` beside an
    /// `__eq__`) are filled in. Returns the qualname and `__slots__`.
    fn class_namespace(&mut self, name: &str, ns: ObjectId) -> R<(Rc<str>, Option<SlotNames>)> {
        let lookup = |vm: &mut Vm, key: &str| -> Option<ObjectId> {
            let k = vm.intern(key);
            let v = vm.dict_get_str(ns, k);
            vm.decref(k);
            v
        };
        if lookup(self, "__eq__").is_some() && lookup(self, "__hash__").is_none() {
            let none = self.wk.none;
            self.module_set(ns, "__hash__", none)?;
        }
        let qualname = lookup(self, "__qualname__").map(|q| self.str_of(q)).unwrap_or_else(|| name.into());
        let qk = self.intern("__qualname__");
        let r = self.dict_del(ns, qk);
        self.decref(qk);
        r?;
        if lookup(self, "__module__").is_none() {
            let m = self.new_str("__main__")?;
            let r = self.module_set(ns, "__module__", m);
            self.decref(m);
            r?;
        }
        if lookup(self, "__doc__").is_none() {
            let none = self.wk.none;
            self.module_set(ns, "__doc__", none)?;
        }
        let slots = match lookup(self, "__slots__") {
            Some(s) => {
                let items = match self.heap.payload(s) {
                    Payload::Str(_) => vec![s],
                    _ => self.seq_items(s),
                };
                Some(items.iter().map(|&i| self.str_of(i)).collect::<Vec<Rc<str>>>())
            }
            None => None,
        };
        Ok((qualname, slots))
    }

    /// The part of [`make_class`](Self::make_class) from the type object on;
    /// `bases_tuple` and `ns` are owned (by the class once it exists).
    fn init_class(
        &mut self,
        name: &str,
        qualname: Rc<str>,
        slots: Option<SlotNames>,
        base: ObjectId,
        bases_tuple: ObjectId,
        ns: ObjectId,
    ) -> R<ObjectId> {
        let lookup = |vm: &mut Vm, key: &str| -> Option<ObjectId> {
            let k = vm.intern(key);
            let v = vm.dict_get_str(ns, k);
            vm.decref(k);
            v
        };
        let (base_builtin, base_has_del, base_user) = match self.heap.payload(base) {
            Payload::Type(t) => (t.builtin, t.has_del, t.user),
            _ => (Some(Builtin::Object), false, false),
        };
        let has_del = lookup(self, "__del__").is_some() || base_has_del;
        // What the base's instances already have: `type_new_descriptors`
        // adds `__dict__`/`__weakref__` only where the base lacks them.
        let (base_dict, base_weak) = if base_user {
            let l = self.instance_layout(base);
            (l.dict, l.weakref)
        } else {
            // Exceptions have a dict but no weakref list; other builtins neither.
            (base_builtin == Some(Builtin::BaseException), false)
        };
        let declares = |n: &str| slots.as_ref().is_none_or(|s| s.iter().any(|x| &**x == n));
        let add_dict = !base_dict && declares("__dict__");
        let add_weak = !base_weak && declares("__weakref__");
        let mut mro = vec![NULL];
        mro.extend(self.mro(base));
        let nslots = slots.as_ref().map(Vec::len).unwrap_or(0);
        let has_dict = slots.is_none();
        let keys_addr = if has_dict {
            match self.alloc_buffer(SHARED_KEYS_BYTES) {
                Ok(a) => Some(a),
                Err(e) => {
                    self.decref(ns);
                    self.decref(bases_tuple);
                    return Err(e);
                }
            }
        } else {
            None
        };
        let t = TypeObj {
            name: name.into(),
            qualname,
            base,
            mro,
            dict: ns,
            builtin: base_builtin,
            slots,
            user: true,
            has_del,
            shared_keys: Vec::new(),
            shared_usable: crate::vm::attr::SHARED_KEYS_MAX_SIZE,
            serial: {
                self.classes_made += 1;
                self.classes_made
            },
            owned: vec![bases_tuple],
            keys_addr,
            subclasses: NULL,
            subclass_ref: NULL,
            layout: Rc::default(),
        };
        self.incref(base);
        // PyType_GenericAlloc of PyHeapTypeObject (904) + one member
        // descriptor slot (40) per __slots__ name, and one spare item.
        let size = 16 + 904 + 40 * (nslots + 1);
        let cls = self.alloc_object(Builtin::Type.id(), Payload::Type(Box::new(t)), Spec { size, gc: true, track: true, free_list: None })?;
        if let Payload::Type(t) = self.heap.payload_mut(cls) {
            t.mro[0] = cls;
        }
        let layout = Rc::new(self.compute_instance_layout(cls));
        if let Payload::Type(t) = self.heap.payload_mut(cls) {
            t.layout = layout;
        }
        // The namespace is the class's now: changes to it must reach the
        // type attribute cache, which may hold answers for a freed class
        // that had this handle.
        self.heap.get_mut(ns).flags |= flag::TYPE_DICT;
        self.type_cache.get_mut().invalidate();
        let mro_items = self.mro(cls);
        for &m in &mro_items {
            self.incref(m);
        }
        let mro_tuple = self.new_tuple(mro_items)?;
        if let Payload::Type(t) = self.heap.payload_mut(cls) {
            t.owned.insert(0, mro_tuple);
        }
        for (dname, add) in [("__dict__", add_dict), ("__weakref__", add_weak)] {
            if !add {
                continue;
            }
            self.incref(cls);
            let d = self.alloc_object(
                Builtin::GetSetDescriptor.id(),
                Payload::GetSet(Box::new(crate::heap::GetSetObj { cls, name: dname.into() })),
                Spec { size: 16 + 48, gc: true, track: true, free_list: None },
            )?;
            self.module_set(ns, dname, d)?;
            self.decref(d);
        }
        self.add_subclass(base, base_user, cls)?;
        // Zero-argument super(): the body's __class__ cell gets the class.
        if let Some(cell) = lookup(self, "__classcell__") {
            if let Payload::Cell(old) = self.heap.payload_mut(cell) {
                let prev = std::mem::replace(old, cls);
                self.incref(cls);
                self.xdecref(prev);
            }
            let k = self.intern("__classcell__");
            self.dict_del(ns, k)?;
            self.decref(k);
        }
        // type_new_set_names iterates over a copy of the class dict.
        let names_to_set = self.new_dict()?;
        let r = self.dict_update(names_to_set, ns);
        self.decref(names_to_set);
        r?;
        Ok(cls)
    }

    /// `add_subclass`: a weakref to `cls`, keyed by its address, in the
    /// base's `tp_subclasses` (created at a heap type's first subclass). The
    /// class records the weakref in `subclass_ref`: borrowed from that dict,
    /// or owned when the base is a builtin type.
    fn add_subclass(&mut self, base: ObjectId, base_user: bool, cls: ObjectId) -> R<()> {
        let key = self.new_bigint(self.id_of(cls).into())?;
        let wr = match self.alloc_weakref(cls, NULL) {
            Ok(w) => w,
            Err(e) => {
                self.decref(key);
                return Err(e);
            }
        };
        if let Payload::Type(t) = self.heap.payload_mut(cls) {
            t.subclass_ref = wr;
        }
        if !base_user {
            self.decref(key);
            return Ok(());
        }
        let existing = match self.heap.payload(base) {
            Payload::Type(t) => t.subclasses,
            _ => NULL,
        };
        let dict = if existing != NULL {
            existing
        } else {
            let d = self.new_dict()?;
            if let Payload::Type(t) = self.heap.payload_mut(base) {
                t.subclasses = d;
            }
            d
        };
        let r = self.dict_set(dict, key, wr);
        self.decref(key);
        self.decref(wr);
        r
    }

    /// `remove_subclass`, as a class dies: its weakref `wr` leaves the base's
    /// `tp_subclasses` (freeing it). False when the base keeps no such dict
    /// (a builtin base): the caller owns `wr` then.
    pub(crate) fn remove_subclass(&mut self, base: ObjectId, wr: ObjectId) -> bool {
        let dict = match self.heap.payload(base) {
            Payload::Type(t) if t.user => t.subclasses,
            _ => return false,
        };
        if dict == NULL {
            return false;
        }
        let Some((key, _)) = self.dict_entries(dict).into_iter().find(|&(_, v)| v == wr) else {
            return false;
        };
        self.incref(key);
        if let Err(e) = self.dict_del(dict, key) {
            self.discard(e);
        }
        self.decref(key);
        true
    }

    /// `super()` (zero-argument form, inside a method) or `super(C, obj)`.
    pub(crate) fn builtin_super(&mut self, a: &Args) -> R<ObjectId> {
        let (cls, obj) = if a.pos.len() == 2 {
            (a.pos[0], a.pos[1])
        } else {
            let Some(f) = self.frames.last() else {
                return Err(self.error("RuntimeError", "super(): no arguments"));
            };
            let code = f.code.clone();
            let nv = code.varnames.len();
            let cell_ix = code
                .freevars
                .iter()
                .position(|n| &**n == "__class__")
                .map(|j| nv + code.cellvars.len() + j);
            let Some(ix) = cell_ix else {
                return Err(self.error("RuntimeError", "super(): __class__ cell not found"));
            };
            let cell = f.fast[ix];
            let first = if code.argcount > 0 { f.fast[0] } else { NULL };
            let cls = match self.heap.payload(cell) {
                Payload::Cell(c) => *c,
                _ => NULL,
            };
            if first == NULL {
                return Err(self.error("RuntimeError", "super(): no arguments"));
            }
            (cls, first)
        };
        self.incref(cls);
        self.incref(obj);
        self.alloc_object(
            Builtin::Object.id(),
            Payload::Super { cls, obj },
            Spec::of(LayoutType::Super),
        )
    }
}
