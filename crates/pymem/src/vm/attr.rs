//! Attribute access (`PyObject_GenericGetAttr` and friends): the type's MRO,
//! descriptors (functions become bound methods, properties, static and class
//! methods), 3.11 instance storage, `__slots__`, and builtin methods.

use std::rc::Rc;

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::builtins::BuiltinFn;
use crate::vm::memory::{values_array_bytes, Spec};
use crate::vm::type_cache::TypeCache;
use crate::vm::types::Builtin;
use crate::vm::{Unwind, Vm, R};

pub use crate::heap::object::InstanceLayout;

/// Attributes held in a 3.11 values array before a real dict is needed
/// (`SHARED_KEYS_MAX_SIZE`).
pub const SHARED_KEYS_MAX_SIZE: usize = 30;

impl Vm {
    pub fn str_of(&self, id: ObjectId) -> Rc<str> {
        match self.heap.payload(id) {
            Payload::Str(s) => s.clone(),
            _ => "".into(),
        }
    }

    /// The builtin a type (or its nearest builtin base) is.
    pub fn builtin_of_type(&self, ty: ObjectId) -> Option<Builtin> {
        match self.heap.payload(ty) {
            Payload::Type(t) => t.builtin,
            _ => None,
        }
    }

    pub fn type_name_of_type(&self, ty: ObjectId) -> String {
        match self.heap.payload(ty) {
            Payload::Type(t) => t.name.to_string(),
            _ => "?".into(),
        }
    }

    /// `type(obj).__name__`.
    pub fn type_name(&self, obj: ObjectId) -> String {
        self.type_name_of_type(self.heap.get(obj).ty)
    }

    pub fn mro(&self, ty: ObjectId) -> Vec<ObjectId> {
        match self.heap.payload(ty) {
            Payload::Type(t) => t.mro.clone(),
            _ => Vec::new(),
        }
    }

    /// `_PyType_Lookup`: the attribute in the type's MRO dicts (borrowed),
    /// answered from the type attribute cache when it can be.
    pub fn lookup_type_attr(&self, ty: ObjectId, name: &str) -> Option<ObjectId> {
        let Payload::Type(t) = self.heap.payload(ty) else { return None };
        if !t.user {
            // Builtin types keep their methods outside dicts here: their
            // walk is a few NULL checks, cheaper than the cache.
            return self.lookup_mro(&t.mro, name);
        }
        let slot = TypeCache::slot(ty, name);
        if let Some(found) = self.type_cache.borrow().get(&slot, ty, name) {
            return found;
        }
        let found = self.lookup_mro(&t.mro, name);
        self.type_cache.borrow_mut().insert(&slot, ty, name, found);
        found
    }

    fn lookup_mro(&self, mro: &[ObjectId], name: &str) -> Option<ObjectId> {
        for &cls in mro {
            let Payload::Type(c) = self.heap.payload(cls) else { continue };
            if c.dict == NULL {
                continue;
            }
            if let Some(v) = self.dict_lookup_str(c.dict, name) {
                return Some(v);
            }
        }
        None
    }

    /// `isinstance(obj, cls)` by MRO.
    pub fn is_subtype(&self, ty: ObjectId, cls: ObjectId) -> bool {
        ty == cls || self.mro(ty).contains(&cls)
    }

    pub fn is_instance_of_name(&self, obj: ObjectId, cls: &str) -> bool {
        match self.exc_types.get(cls) {
            Some(&c) => self.is_subtype(self.heap.get(obj).ty, c),
            None => false,
        }
    }

    /// The instance's own attribute (values array, dict, or slot), borrowed.
    fn instance_attr(&self, obj: ObjectId, name: &str) -> Option<ObjectId> {
        let Payload::Instance(inst) = self.heap.payload(obj) else { return None };
        if !inst.slots.is_empty() {
            let layout = self.instance_layout(self.heap.get(obj).ty);
            if let Some(i) = layout.slots.iter().position(|n| &**n == name) {
                let v = inst.slots.get(i).copied().unwrap_or(NULL);
                return (v != NULL).then_some(v);
            }
        }
        if inst.dict != NULL {
            for (k, v) in self.dict_entries(inst.dict) {
                if matches!(self.heap.payload(k), Payload::Str(s) if &**s == name) {
                    return Some(v);
                }
            }
            return None;
        }
        inst.values.iter().find(|(k, _)| &**k == name).map(|(_, v)| *v)
    }

    /// How instances of `ty` are laid out (computed when the class was made).
    #[inline]
    pub fn instance_layout(&self, ty: ObjectId) -> Rc<InstanceLayout> {
        match self.heap.payload(ty) {
            Payload::Type(t) => t.layout.clone(),
            _ => Rc::default(),
        }
    }

    /// The layout from the MRO: slot names from every user class (base
    /// first); instances have a `__dict__` when some class lacks `__slots__`
    /// or lists `__dict__`, and likewise a weakref slot.
    pub(crate) fn compute_instance_layout(&self, ty: ObjectId) -> InstanceLayout {
        let mut l = InstanceLayout::default();
        let Payload::Type(ty) = self.heap.payload(ty) else { return l };
        for &cls in ty.mro.iter().rev() {
            let Payload::Type(t) = self.heap.payload(cls) else { continue };
            if !t.user {
                continue;
            }
            match &t.slots {
                Some(s) => {
                    for name in s {
                        match &**name {
                            "__dict__" => l.dict = true,
                            "__weakref__" => l.weakref = true,
                            _ => l.slots.push(name.clone()),
                        }
                    }
                }
                None => {
                    l.dict = true;
                    l.weakref = true;
                }
            }
        }
        l
    }

    /// Slot names, when instances have no `__dict__` (pure `__slots__`).
    pub fn slot_names(&self, ty: ObjectId) -> Option<Vec<Rc<str>>> {
        let l = self.instance_layout(ty);
        (!l.dict && matches!(self.heap.payload(ty), Payload::Type(t) if t.user)).then(|| l.slots.clone())
    }

    /// `getattr(obj, name)`: a new reference.
    pub fn getattr(&mut self, obj: ObjectId, name_id: ObjectId) -> R<ObjectId> {
        let name = self.str_of(name_id);
        self.getattr_str(obj, &name)
    }

    pub fn getattr_str(&mut self, obj: ObjectId, name: &str) -> R<ObjectId> {
        match self.try_getattr(obj, name)? {
            Some(v) => Ok(v),
            None => {
                if matches!(self.heap.payload(obj), Payload::Instance(_)) {
                    if let Some(v) = self.getattr_hook(obj, name)? {
                        return Ok(v);
                    }
                }
                Err(self.attribute_error(obj, name))
            }
        }
    }

    fn getattr_hook(&mut self, obj: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let ty = self.heap.get(obj).ty;
        if self.lookup_type_attr(ty, "__getattr__").is_none() {
            return Ok(None);
        }
        let n = self.new_str(name)?;
        let r = self.call_dunder(obj, "__getattr__", &[n]);
        self.decref(n);
        r
    }

    pub fn attribute_error(&mut self, obj: ObjectId, name: &str) -> Unwind {
        if let Payload::Module(m) = self.heap.payload(obj) {
            if Self::is_unsimulated_attribute(&m.name, name) {
                let what = format!("{}.{name}", m.name);
                return self.unsupported(&what);
            }
        }
        let msg = match self.heap.payload(obj) {
            Payload::Type(t) => format!("type object '{}' has no attribute '{name}'", t.name),
            Payload::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(obj)),
        };
        self.error("AttributeError", &msg)
    }

    /// Attribute lookup without the AttributeError: None when missing.
    pub fn try_getattr(&mut self, obj: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let ty = self.heap.get(obj).ty;
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        if let Payload::Type(_) = self.heap.payload(obj) {
            return self.type_getattr(obj, name);
        }
        if let Payload::Super { cls, obj: this } = *self.heap.payload(obj) {
            let this_ty = self.heap.get(this).ty;
            let mro = self.mro(this_ty);
            let start = mro.iter().position(|&c| c == cls).map(|i| i + 1).unwrap_or(mro.len());
            for &c in &mro[start..] {
                let Payload::Type(t) = self.heap.payload(c) else { continue };
                let d = t.dict;
                if d == NULL {
                    let b = t.builtin.unwrap_or(Builtin::Object);
                    let which = match (b, name) {
                        (Builtin::List, "__init__") => Some(BuiltinFn::ListInit),
                        (Builtin::Dict, "__init__") => Some(BuiltinFn::DictUpdate),
                        (Builtin::Set, "__init__") => Some(BuiltinFn::SetUpdate),
                        (Builtin::BaseException, "__init__") => Some(BuiltinFn::ExceptionInit),
                        (_, "__init__") => Some(BuiltinFn::ObjectInit),
                        _ => BuiltinFn::method(b, name),
                    };
                    if let Some(which) = which {
                        self.incref(this);
                        return self.new_builtin(which, this).map(Some);
                    }
                    continue;
                }
                let key = self.intern(name);
                let found = self.dict_get_str(d, key);
                self.decref(key);
                if let Some(v) = found {
                    return self.bind(v, this, this_ty).map(Some);
                }
            }
            return Ok(None);
        }
        if let Payload::Module(m) = self.heap.payload(obj) {
            let d = m.dict;
            let key = self.intern(name);
            let v = self.dict_get_str(d, key);
            self.decref(key);
            return Ok(v.inspect(|&v| self.incref(v)));
        }
        let descr = self.lookup_type_attr(ty, name);
        if let Some(d) = descr {
            if let Payload::Property { fget, .. } = *self.heap.payload(d) {
                if fget == NULL {
                    return Err(self.error("AttributeError", &format!("property '{name}' has no getter")));
                }
                self.incref(obj);
                return self.call(fget, vec![obj]).map(Some);
            }
        }
        if let Some(v) = self.instance_attr(obj, name) {
            self.incref(v);
            return Ok(Some(v));
        }
        if let Payload::Function(f) = self.heap.payload(obj) {
            let d = f.dict;
            if d != NULL {
                let key = self.intern(name);
                let v = self.dict_get_str(d, key);
                self.decref(key);
                if let Some(v) = v {
                    self.incref(v);
                    return Ok(Some(v));
                }
            }
        }
        if let Some(d) = descr {
            return self.bind(d, obj, ty).map(Some);
        }
        if let Payload::Ext(_) = self.heap.payload(obj) {
            if let Some(v) = self.module_getattr(obj, name)? {
                return Ok(Some(v));
            }
        }
        if self.is_defaultdict(obj) {
            if let Some(v) = self.defaultdict_getattr(obj, name) {
                return Ok(Some(v));
            }
        }
        if let Some(b) = self.builtin_of_type(ty) {
            if let Some(which) = BuiltinFn::method(b, name) {
                self.incref(obj);
                return self.new_builtin(which, obj).map(Some);
            }
        }
        if let Some(which) = BuiltinFn::method(Builtin::Object, name) {
            self.incref(obj);
            return self.new_builtin(which, obj).map(Some);
        }
        Ok(None)
    }

    /// Applies a class attribute's descriptor behaviour for `obj`.
    fn bind(&mut self, d: ObjectId, obj: ObjectId, ty: ObjectId) -> R<ObjectId> {
        match *self.heap.payload(d) {
            Payload::Function(_) => self.new_method(d, obj),
            Payload::StaticMethod(f) => {
                self.incref(f);
                Ok(f)
            }
            Payload::ClassMethod(f) => self.new_method(f, ty),
            _ => {
                self.incref(d);
                Ok(d)
            }
        }
    }

    /// A bound method object (allocated: a GC object, 64 bytes).
    pub fn new_method(&mut self, func: ObjectId, this: ObjectId) -> R<ObjectId> {
        self.incref(func);
        self.incref(this);
        self.alloc_object(
            Builtin::Method.id(),
            Payload::Method { func, this },
            Spec::of(LayoutType::Method),
        )
    }

    /// A builtin function object bound to `bound` (owned; NULL for none).
    pub fn new_builtin(&mut self, which: BuiltinFn, bound: ObjectId) -> R<ObjectId> {
        self.alloc_object(
            Builtin::BuiltinFunction.id(),
            Payload::Builtin { which, bound },
            Spec::of(LayoutType::BuiltinFunction),
        )
    }

    fn type_getattr(&mut self, cls: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let Some(d) = self.lookup_type_attr(cls, name) else {
            if let Some(b) = self.builtin_of_type(cls) {
                if let Some(which) = BuiltinFn::method(b, name) {
                    // `dict.fromkeys` is a classmethod: bound to the class.
                    // Others are unbound (`list.append(l, x)`).
                    let bound = if which == BuiltinFn::DictFromKeys { cls } else { NULL };
                    if bound != NULL {
                        self.incref(bound);
                    }
                    return self.new_builtin(which, bound).map(Some);
                }
            }
            return Ok(None);
        };
        match *self.heap.payload(d) {
            Payload::StaticMethod(f) => {
                self.incref(f);
                Ok(Some(f))
            }
            Payload::ClassMethod(f) => self.new_method(f, cls).map(Some),
            _ => {
                self.incref(d);
                Ok(Some(d))
            }
        }
    }

    /// LOAD_METHOD: Some(function) when `name` is a plain function found on
    /// the type and not shadowed by the instance (no bound method needed).
    pub fn load_method(&mut self, obj: ObjectId, name_id: ObjectId) -> R<Option<ObjectId>> {
        let name = self.str_of(name_id);
        let ty = self.heap.get(obj).ty;
        if matches!(self.heap.payload(obj), Payload::Type(_) | Payload::Module(_) | Payload::Super { .. }) {
            return Ok(None);
        }
        if let Some(d) = self.lookup_type_attr(ty, &name) {
            if matches!(self.heap.payload(d), Payload::Function(_)) && self.instance_attr(obj, &name).is_none() {
                self.incref(d);
                return Ok(Some(d));
            }
            return Ok(None);
        }
        if matches!(self.heap.payload(obj), Payload::Instance(_)) && self.instance_attr(obj, &name).is_some() {
            return Ok(None);
        }
        let b = self.builtin_of_type(ty).unwrap_or(Builtin::Object);
        if let Some(which) = BuiltinFn::method(b, &name).or_else(|| BuiltinFn::method(Builtin::Object, &name)) {
            let d = self.method_descriptor(which);
            self.incref(d);
            return Ok(Some(d));
        }
        Ok(None)
    }

    /// The static method-descriptor object for a builtin method (created
    /// once, like the entries of a builtin type's `__dict__`).
    fn method_descriptor(&mut self, which: BuiltinFn) -> ObjectId {
        if let Some(&d) = self.descriptors.get(&which) {
            return d;
        }
        let d = self.static_object(Builtin::BuiltinFunction.id(), Payload::Builtin { which, bound: NULL }, 0);
        self.heap.get_mut(d).size = 16 + 56;
        self.descriptors.insert(which, d);
        d
    }

    /// `setattr(obj, name, v)` (borrowed arguments).
    pub fn setattr(&mut self, obj: ObjectId, name_id: ObjectId, v: ObjectId) -> R<()> {
        let name = self.str_of(name_id);
        let ty = self.heap.get(obj).ty;
        if let Some(d) = self.lookup_type_attr(ty, &name) {
            if let Payload::Property { fset, .. } = *self.heap.payload(d) {
                if fset == NULL {
                    let t = self.type_name(obj);
                    return Err(self.error("AttributeError", &format!("property '{name}' of '{t}' object has no setter")));
                }
                self.incref(obj);
                self.incref(v);
                let r = self.call(fset, vec![obj, v])?;
                self.decref(r);
                return Ok(());
            }
        }
        match self.heap.payload(obj) {
            Payload::Instance(_) => self.instance_setattr(obj, name, v),
            Payload::Type(t) if t.user => {
                let d = t.dict;
                self.dict_set(d, name_id, v)?;
                if &*name == "__del__" {
                    if let Payload::Type(t) = self.heap.payload_mut(obj) {
                        t.has_del = true;
                    }
                }
                Ok(())
            }
            Payload::Module(m) => {
                let d = m.dict;
                self.dict_set(d, name_id, v)
            }
            Payload::Function(f) => {
                let mut d = f.dict;
                if d == NULL {
                    d = self.new_dict()?;
                    if let Payload::Function(f) = self.heap.payload_mut(obj) {
                        f.dict = d;
                    }
                }
                self.dict_set(d, name_id, v)
            }
            Payload::Type(t) => {
                let n = t.name.clone();
                Err(self.error(
                    "TypeError",
                    &format!("cannot set '{name}' attribute of immutable type '{n}'"),
                ))
            }
            _ => {
                if self.module_setattr(obj, &name, v)? {
                    return Ok(());
                }
                self.check_value_subclass_attr(obj, &name)?;
                let t = self.type_name(obj);
                Err(self.error("AttributeError", &format!("'{t}' object has no attribute '{name}'")))
            }
        }
    }

    fn instance_setattr(&mut self, obj: ObjectId, name: Rc<str>, v: ObjectId) -> R<()> {
        let ty = self.heap.get(obj).ty;
        let layout = self.instance_layout(ty);
        let user = matches!(self.heap.payload(ty), Payload::Type(t) if t.user);
        let slot = layout.slots.iter().position(|n| *n == name);
        let is_exception = matches!(self.heap.payload(obj), Payload::Instance(i) if i.args != NULL);
        if slot.is_some() || (user && !layout.dict) || (!user && !is_exception) {
            let Some(i) = slot else {
                let t = self.type_name(obj);
                return Err(self.error("AttributeError", &format!("'{t}' object has no attribute '{name}'")));
            };
            self.incref(v);
            let old = match self.heap.payload_mut(obj) {
                Payload::Instance(inst) => {
                    if inst.slots.len() <= i {
                        inst.slots.resize(i + 1, NULL);
                    }
                    std::mem::replace(&mut inst.slots[i], v)
                }
                _ => NULL,
            };
            self.xdecref(old);
            return Ok(());
        }
        let dict = match self.heap.payload(obj) {
            Payload::Instance(inst) => inst.dict,
            _ => NULL,
        };
        if dict != NULL {
            let key = self.intern(&name);
            let r = self.dict_set(dict, key, v);
            self.decref(key);
            return r;
        }
        // 3.11 values array: add the name to the class's shared keys if new.
        let known = matches!(self.heap.payload(ty), Payload::Type(t) if t.shared_keys.contains(&name));
        if !known {
            let full = match self.heap.payload_mut(ty) {
                Payload::Type(t) if t.shared_keys.len() < SHARED_KEYS_MAX_SIZE && t.shared_usable > 0 => {
                    t.shared_keys.push(name.clone());
                    t.shared_usable -= 1;
                    false
                }
                _ => true,
            };
            if full {
                self.materialize_dict(obj)?;
                return self.instance_setattr(obj, name, v);
            }
        }
        self.incref(v);
        let old = match self.heap.payload_mut(obj) {
            Payload::Instance(inst) => match inst.values.iter_mut().find(|(k, _)| *k == name) {
                Some(slot) => std::mem::replace(&mut slot.1, v),
                None => {
                    inst.values.push((name, v));
                    NULL
                }
            },
            _ => NULL,
        };
        self.xdecref(old);
        Ok(())
    }

    /// An instance of a class extending a builtin value type (list, float,
    /// ...) keeps the builtin's payload, which has no room for a `__dict__`
    /// or `__slots__` values: where CPython would store the attribute, say
    /// so rather than raise an AttributeError CPython would not.
    fn check_value_subclass_attr(&mut self, obj: ObjectId, name: &str) -> R<()> {
        let ty = self.heap.get(obj).ty;
        let Payload::Type(t) = self.heap.payload(ty) else { return Ok(()) };
        let Some(base) = t.builtin.filter(|b| t.user && b.value_subclassable()) else { return Ok(()) };
        if t.layout.dict || t.layout.slots.iter().any(|s| &**s == name) {
            return Err(self.unsupported(&format!("attributes on instances of a subclass of '{}'", base.name())));
        }
        Ok(())
    }

    /// Moves an instance's values array into a real `__dict__` object.
    pub fn materialize_dict(&mut self, obj: ObjectId) -> R<ObjectId> {
        if let Payload::Instance(inst) = self.heap.payload(obj) {
            if inst.dict != NULL {
                return Ok(inst.dict);
            }
        }
        // `make_dict_from_instance_attributes`: a split dict over the class's
        // shared keys that takes over the instance's values array.
        let ty = self.heap.get(obj).ty;
        let (shared_capacity, serial) = match self.heap.payload(ty) {
            Payload::Type(t) => (t.shared_keys.len() + t.shared_usable, t.serial),
            _ => (0, 0),
        };
        let d = self.new_dict()?;
        let (values, addr, size) = match self.heap.payload_mut(obj) {
            Payload::Instance(inst) => (std::mem::take(&mut inst.values), inst.values_addr.take(), inst.values_size),
            _ => (Vec::new(), None, 0),
        };
        let mut entries = Vec::with_capacity(values.len());
        for (k, v) in values {
            // The instance's value references move into the dict.
            let key = self.intern(&k);
            entries.push(Some(crate::vm::dict::Entry { hash: crate::vm::dict::str_hash(&k), key, value: v }));
        }
        let used = entries.len();
        let needs_tracking = entries.iter().flatten().any(|e| self.may_be_tracked(e.value));
        if let Payload::Dict(dict) = self.heap.payload_mut(d) {
            dict.entries = entries;
            dict.used = used;
            dict.unicode = true;
            dict.split = Some(crate::vm::dict::Split { values_addr: addr, values_size: size, shared_capacity, owner: ty, serial });
            dict.rebuild(crate::vm::dict::calculate_log2_keysize((shared_capacity.max(used) * 3).div_ceil(2)));
        }
        if needs_tracking {
            self.heap.gc.track(d);
        }
        if let Payload::Instance(inst) = self.heap.payload_mut(obj) {
            inst.dict = d;
        }
        Ok(d)
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: ObjectId, name_id: ObjectId) -> R<()> {
        let name = self.str_of(name_id);
        let removed = match self.heap.payload_mut(obj) {
            Payload::Instance(inst) if inst.dict == NULL => {
                match inst.values.iter().position(|(k, _)| *k == name) {
                    Some(i) => Some(inst.values.remove(i).1),
                    None => None,
                }
            }
            _ => None,
        };
        if let Some(v) = removed {
            self.decref(v);
            return Ok(());
        }
        let container = match self.heap.payload(obj) {
            Payload::Instance(inst) => inst.dict,
            Payload::Type(t) if t.user => t.dict,
            Payload::Module(m) => m.dict,
            Payload::Function(f) => f.dict,
            _ => NULL,
        };
        {
            let layout = self.instance_layout(self.heap.get(obj).ty);
            if let Some(i) = layout.slots.iter().position(|n| *n == name) {
                let old = match self.heap.payload_mut(obj) {
                    Payload::Instance(inst) if i < inst.slots.len() => std::mem::replace(&mut inst.slots[i], NULL),
                    _ => NULL,
                };
                if old != NULL {
                    self.decref(old);
                    return Ok(());
                }
            }
        }
        if container != NULL && self.dict_del(container, name_id)? {
            return Ok(());
        }
        Err(self.attribute_error(obj, &name))
    }

    /// Attributes every object answers without a dict lookup.
    fn special_attr(&mut self, obj: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let v = match (name, self.heap.payload(obj)) {
            ("__class__", _) => {
                let t = self.heap.get(obj).ty;
                self.incref(t);
                return Ok(Some(t));
            }
            ("__dict__", Payload::Type(t)) if t.dict != NULL => {
                let d = t.dict;
                self.incref(d);
                return Ok(Some(d));
            }
            ("__dict__", Payload::Instance(i))
                if i.args == NULL && self.instance_layout(self.heap.get(obj).ty).dict =>
            {
                let d = self.materialize_dict(obj)?;
                self.incref(d);
                return Ok(Some(d));
            }
            ("__dict__", Payload::List(_) | Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::Tuple(_)
                | Payload::Int(_) | Payload::Float(_) | Payload::Str(_) | Payload::Bytes(_)) => {
                self.check_value_subclass_attr(obj, name)?;
                return Ok(None);
            }
            ("__dict__", Payload::Module(m)) => {
                let d = m.dict;
                self.incref(d);
                return Ok(Some(d));
            }
            // A builtin's `tp_name` may be dotted (`collections.deque`).
            ("__name__", Payload::Type(t)) if !t.user => t.name.rsplit('.').next().unwrap_or("").to_string(),
            ("__qualname__", Payload::Type(t)) if !t.user => t.qualname.rsplit('.').next().unwrap_or("").to_string(),
            // A class's `ht_name`/`ht_qualname`: the str it was made with,
            // not a new one per access (`C.__name__ is C.__name__`). That
            // str is the interned identifier constant of the class statement.
            ("__name__" | "__qualname__", Payload::Type(t)) => {
                let s = if name == "__name__" { t.name.clone() } else { t.qualname.clone() };
                return Ok(Some(self.intern(&s)));
            }
            // The function's own str objects, as `func_name`/`func_qualname`
            // (so `f.__name__ is f.__name__`).
            ("__name__" | "__qualname__", Payload::Function(f)) => {
                let s = if name == "__name__" { f.name } else { f.qualname };
                self.incref(s);
                return Ok(Some(s));
            }
            ("__name__", Payload::Module(m)) => m.name.to_string(),
            ("__name__", Payload::Builtin { which, .. }) => which.name().to_string(),
            ("__mro__", Payload::Type(t)) => {
                let items = t.mro.clone();
                for &i in &items {
                    self.incref(i);
                }
                return self.new_tuple(items).map(Some);
            }
            ("__bases__", Payload::Type(t)) => {
                let base = t.base;
                let items = if base == NULL { vec![] } else { vec![base] };
                for &i in &items {
                    self.incref(i);
                }
                return self.new_tuple(items).map(Some);
            }
            ("args", Payload::Instance(inst)) if inst.args != NULL => {
                let a = inst.args;
                self.incref(a);
                return Ok(Some(a));
            }
            ("__self__", Payload::Method { this, .. }) => {
                let t = *this;
                self.incref(t);
                return Ok(Some(t));
            }
            ("__func__", Payload::Method { func, .. }) => {
                let f = *func;
                self.incref(f);
                return Ok(Some(f));
            }
            ("__defaults__", Payload::Function(f)) => {
                let d = if f.defaults == NULL { self.wk.none } else { f.defaults };
                self.incref(d);
                return Ok(Some(d));
            }
            ("__traceback__", Payload::Instance(inst)) if inst.args != NULL => {
                let t = if inst.tb == NULL { self.wk.none } else { inst.tb };
                self.incref(t);
                return Ok(Some(t));
            }
            ("tb_frame", Payload::Traceback(t)) => {
                let f = t.frame;
                self.incref(f);
                return Ok(Some(f));
            }
            ("tb_next", Payload::Traceback(t)) => {
                let n = if t.next == NULL { self.wk.none } else { t.next };
                self.incref(n);
                return Ok(Some(n));
            }
            ("tb_lineno", Payload::Traceback(t)) => {
                let l = t.line as i64;
                return self.new_int(l).map(Some);
            }
            ("f_lineno", Payload::FrameObj(fo)) => {
                let l = fo.line as i64;
                return self.new_int(l).map(Some);
            }
            ("f_code", Payload::FrameObj(fo)) => {
                let c = fo.code;
                self.incref(c);
                return Ok(Some(c));
            }
            ("f_globals", Payload::FrameObj(fo)) => {
                let g = fo.globals;
                self.incref(g);
                return Ok(Some(g));
            }
            ("__cause__", Payload::Instance(inst)) if inst.args != NULL => {
                let c = if inst.cause == NULL { self.wk.none } else { inst.cause };
                self.incref(c);
                return Ok(Some(c));
            }
            ("__context__", Payload::Instance(inst)) if inst.args != NULL => {
                let c = if inst.context == NULL { self.wk.none } else { inst.context };
                self.incref(c);
                return Ok(Some(c));
            }
            ("real" | "numerator", Payload::Int(_) | Payload::Bool(_)) | ("real", Payload::Float(_)) => {
                if let Payload::Bool(b) = self.heap.payload(obj) {
                    let v = *b as i64;
                    return self.new_int(v).map(Some);
                }
                self.incref(obj);
                return Ok(Some(obj));
            }
            ("imag", Payload::Int(_) | Payload::Bool(_)) => return self.new_int(0).map(Some),
            ("denominator", Payload::Int(_) | Payload::Bool(_)) => return self.new_int(1).map(Some),
            ("imag", Payload::Float(_)) => return self.new_float(0.0).map(Some),
            ("real", Payload::Complex(r, _)) => {
                let r = *r;
                return self.new_float(r).map(Some);
            }
            ("imag", Payload::Complex(_, i)) => {
                let i = *i;
                return self.new_float(i).map(Some);
            }
            ("__closure__", Payload::Function(f)) => {
                let c = if f.closure == NULL { self.wk.none } else { f.closure };
                self.incref(c);
                return Ok(Some(c));
            }
            ("__code__", Payload::Function(f)) => {
                let c = f.code;
                self.incref(c);
                return Ok(Some(c));
            }
            ("__globals__", Payload::Function(f)) => {
                let g = f.globals;
                self.incref(g);
                return Ok(Some(g));
            }
            ("cell_contents", Payload::Cell(c)) => {
                let c = *c;
                if c == NULL {
                    return Err(self.error("ValueError", "Cell is empty"));
                }
                self.incref(c);
                return Ok(Some(c));
            }
            ("__basicsize__", Payload::Type(_)) => {
                let n = self.basicsize(obj);
                return self.new_int(n as i64).map(Some);
            }
            ("__itemsize__", Payload::Type(t)) => {
                let n = t.builtin.and_then(Builtin::layout_type).map_or(0, |l| l.layout().itemsize);
                return self.new_int(n as i64).map(Some);
            }
            ("__doc__", Payload::Function(_) | Payload::Type(_)) => {
                let none = self.none_ref();
                return Ok(Some(none));
            }
            ("__module__", Payload::Function(_)) => "__main__".to_string(),
            _ => return Ok(None),
        };
        self.new_str(&v).map(Some)
    }

    /// `type.__basicsize__`: the fixed part of an instance, without the
    /// GC head or 3.11's managed-dict pre-header.
    pub fn basicsize(&self, ty: ObjectId) -> usize {
        let Payload::Type(t) = self.heap.payload(ty) else { return 0 };
        if !t.user {
            return match t.builtin {
                // Neither is a struct in `layout`: Counter is a Python class
                // (a dict and its weakref slot; its `__dict__` is managed),
                // defaultdict a C type (a dict and its factory pointer).
                Some(Builtin::Counter | Builtin::DefaultDict) => 56,
                b => b.and_then(Builtin::layout_type).map_or(16, |l| l.layout().basicsize),
            };
        }
        // `type_new`: the nearest builtin base's struct, a slot per name,
        // then what the base lacks: a weakref slot (fixed-size bases only)
        // and, for variable-size bases, a dict slot at the end (other bases
        // get 3.11's managed dict, a pre-header outside the basic size).
        let l = self.instance_layout(ty);
        let base = t.builtin.unwrap_or(Builtin::Object);
        let (base_size, itemsize) = base.layout_type().map_or((16, 0), |b| (b.layout().basicsize, b.layout().itemsize));
        let weakref = l.weakref && itemsize == 0 && !base.has_weakref_slot();
        let dict = l.dict && itemsize != 0 && !base.has_dict_slot();
        base_size + 8 * l.slots.len() + 8 * usize::from(weakref) + 8 * usize::from(dict)
    }

    /// Whether instances of `ty` are sized by the type's basic size rather
    /// than by the C struct of their payload's builtin: classes of the
    /// program's, and the collections types modelled on dict.
    pub fn sized_by_basicsize(&self, ty: ObjectId) -> bool {
        matches!(self.heap.payload(ty), Payload::Type(t) if t.user || matches!(t.builtin, Some(Builtin::Counter | Builtin::DefaultDict)))
    }

    /// `Py_TPFLAGS_MANAGED_DICT`: a class whose instances have a `__dict__`
    /// that its base's struct has no pointer for keeps it in two pointers
    /// before the object, when the base is fixed-size (3.11's `type_new`;
    /// variable-size bases get a dict slot at the end instead).
    pub fn type_has_managed_dict(&self, ty: ObjectId) -> bool {
        let Payload::Type(t) = self.heap.payload(ty) else { return false };
        if !t.user {
            // `Counter` is a class written in Python, with a `__dict__`.
            return t.builtin == Some(Builtin::Counter);
        }
        if !t.layout.dict {
            return false;
        }
        let base = t.builtin.unwrap_or(Builtin::Object);
        base.layout_type().is_none_or(|l| l.layout().itemsize == 0) && !base.has_dict_slot()
    }

    /// A new instance of user class `cls` (`object.__new__`): 56 bytes with
    /// its 3.11 pre-header, plus a values array sized from the class's
    /// shared keys; 32 + 8 per slot with `__slots__`.
    pub fn new_instance(&mut self, cls: ObjectId) -> R<ObjectId> {
        let layout = self.instance_layout(cls);
        let basic = self.basicsize(cls);
        let mut inst = self.instance_pool.take();
        inst.slots.resize(layout.slots.len(), NULL);
        if !layout.dict {
            return self.alloc_object(cls, Payload::Instance(inst), Spec { size: 16 + basic, gc: true, track: true, free_list: None });
        }
        let size = match self.heap.payload_mut(cls) {
            Payload::Type(t) => {
                // `init_inline_values`: one less usable key per instance,
                // down to one (none stays none).
                if t.shared_usable > 1 {
                    t.shared_usable -= 1;
                }
                t.shared_keys.len() + t.shared_usable
            }
            _ => 0,
        };
        let obj = self.alloc_object(
            cls,
            Payload::Instance(inst),
            Spec { size: 16 + 16 + basic, gc: true, track: true, free_list: None },
        )?;
        let addr = self.alloc_buffer(values_array_bytes(size))?;
        if let Payload::Instance(inst) = self.heap.payload_mut(obj) {
            inst.values_addr = Some(addr);
            inst.values_size = size;
        }
        Ok(obj)
    }
}
