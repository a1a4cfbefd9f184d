//! The object header and payloads: what one simulated `PyObject` holds.
//!
//! The header mirrors CPython's (`ob_refcnt`, `ob_type`) plus what the
//! simulation needs to place the object in memory: its address (`id()`), the
//! bytes it asked the allocator for, and which allocator served it. GC state
//! (tracked, generation, FINALIZED) lives in `gc::GcState`'s side table.

use std::rc::Rc;

use num_bigint::BigInt;

use crate::bytecode::Code;
use crate::ids::ObjectId;
use crate::pymalloc::BlockHint;

/// A simulated address. Object ids are addresses, as in CPython.
pub type Addr = u64;

/// Sentinel for "no object" in slots that CPython leaves NULL.
pub const NULL: ObjectId = ObjectId(u32::MAX);
const _: () = assert!(NULL.0 == u32::MAX);

#[derive(Clone, Debug)]
pub struct Object {
    /// `ob_refcnt`.
    pub refcnt: u64,
    /// `ob_type`: the type object.
    pub ty: ObjectId,
    /// Where the object's memory starts (`id()` adds the pre-header).
    pub addr: Addr,
    /// Bytes requested for the object itself (pre-header included).
    pub size: u32,
    pub flags: u8,
    /// Where pymalloc put the object, so its free skips the address lookup
    /// (`BlockHint::NONE` for static objects and free-list reuse).
    pub hint: BlockHint,
    pub payload: Payload,
}

/// Header flags.
pub mod flag {
    /// Statically allocated in CPython (small ints, singletons, type objects):
    /// never freed, never traced, not in pymalloc.
    pub const STATIC: u8 = 1;
    /// An interned string.
    pub const INTERNED: u8 = 2;
    /// Allocated by the program (after start-up): counted by the views.
    pub const USER: u8 = 4;
    /// A weakref to it was made at some point: only such objects need the
    /// (hashed) weakref table consulted when they die or are collected.
    pub const WEAKREFD: u8 = 8;
    /// Allocated by the GC allocator (`_PyObject_GC_New`): the object has a
    /// GC header, so its death unlinks it and lowers the generation-0
    /// count, whatever its type says (a `super` object is typed `object`
    /// here).
    pub const GC: u8 = 16;
    /// A class namespace (`type.__dict__`): changing it invalidates the
    /// type attribute cache.
    pub const TYPE_DICT: u8 = 32;
}

/// Arbitrary-precision ints stay machine words until they cannot.
#[derive(Clone, Debug, PartialEq)]
pub enum Int {
    Small(i64),
    Big(Rc<BigInt>),
}

#[derive(Clone, Debug)]
pub enum Payload {
    /// A free slot in the object table; holds the next free index.
    Free(u32),
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(Int),
    Float(f64),
    Complex(f64, f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Box<[ObjectId]>),
    /// Boxed: inline, the list header would widen every object.
    List(Box<List>),
    Dict(Box<crate::vm::dict::Dict>),
    Set(Box<crate::vm::set::Set>),
    FrozenSet(Box<crate::vm::set::Set>),
    /// Boxed (rare): inline, its three words would widen every object.
    Range(Box<RangeObj>),
    Slice([ObjectId; 3]),
    Code(Rc<Code>),
    Function(Box<Function>),
    /// A builtin function or method (`len`, `list.append` bound to a list).
    Builtin { which: crate::vm::builtins::BuiltinFn, bound: ObjectId },
    Method { func: ObjectId, this: ObjectId },
    Cell(ObjectId),
    Type(Box<TypeObj>),
    Instance(Box<Instance>),
    Module(Box<Module>),
    Iter(Box<crate::vm::iter::IterState>),
    Generator(Box<crate::vm::generator::Generator>),
    WeakRef { target: ObjectId, callback: ObjectId },
    Property { fget: ObjectId, fset: ObjectId },
    StaticMethod(ObjectId),
    ClassMethod(ObjectId),
    /// A frame object, made when something (a traceback) asks for the
    /// running frame; when the frame finishes it takes over the frame's
    /// locals, which is how an exception keeps them alive.
    FrameObj(Box<FrameObj>),
    /// A traceback entry: the frame it passed through and the line (boxed:
    /// rare, and the largest variant, it would widen every object).
    Traceback(Box<Traceback>),
    /// A `getset_descriptor` (`__dict__`, `__weakref__` of a class).
    GetSet(Box<GetSetObj>),
    /// `super()`: attribute lookup starts after `cls` in `type(obj).__mro__`.
    Super { cls: ObjectId, obj: ObjectId },
    /// An object of a type defined in `vm/modules` (array, deque,
    /// bytearray, their iterators, tracemalloc's classes, finalize, ...).
    Ext(Box<crate::vm::modules::Ext>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

#[derive(Clone, Debug)]
pub struct GetSetObj {
    pub cls: ObjectId,
    pub name: Rc<str>,
}

/// A list: its items and CPython's `allocated`, which decides `getsizeof` and
/// the item buffer's size. The buffer is a separate allocation at `buf`.
#[derive(Clone, Debug, Default)]
pub struct List {
    pub items: Vec<ObjectId>,
    pub allocated: usize,
    pub buf: Option<Addr>,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub code: ObjectId,
    pub globals: ObjectId,
    pub name: ObjectId,
    pub qualname: ObjectId,
    /// Tuple of positional defaults, or NULL.
    pub defaults: ObjectId,
    /// Dict of keyword-only defaults, or NULL.
    pub kwdefaults: ObjectId,
    /// Tuple of cells, or NULL.
    pub closure: ObjectId,
    /// `__dict__`, materialised on first attribute store.
    pub dict: ObjectId,
}

/// A class (builtin or user-defined).
#[derive(Clone, Debug)]
pub struct TypeObj {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// `__bases__[0]`, or NULL for `object`.
    pub base: ObjectId,
    /// Method resolution order, self first.
    pub mro: Vec<ObjectId>,
    /// The class namespace (a dict object).
    pub dict: ObjectId,
    /// Which builtin this is, for dispatch; user classes inherit their base's.
    pub builtin: Option<crate::vm::types::Builtin>,
    /// `__slots__` names, when the class declares them (no instance dict then).
    pub slots: Option<Vec<Rc<str>>>,
    pub user: bool,
    /// Defines `__del__` (has `tp_finalize`).
    pub has_del: bool,
    /// 3.11 shared keys: attribute names in first-insertion order, and the
    /// shared table's `dk_usable`, which shrinks the values array of every
    /// new instance.
    pub shared_keys: Vec<Rc<str>>,
    pub shared_usable: usize,
    /// Which class made this is, for split dicts that share its keys:
    /// unlike the object id, never reused by a later class.
    pub serial: u32,
    /// Objects a heap type owns besides its dict: the `__mro__` and
    /// `__bases__` tuples (what makes every class a reference cycle).
    pub owned: Vec<ObjectId>,
    /// The shared keys table (`ht_cached_keys`), a separate allocation.
    pub keys_addr: Option<Addr>,
    /// `tp_subclasses` of a heap type: a dict of weakrefs to its subclasses,
    /// made at the first subclass (builtin types had theirs before the
    /// program started, outside the simulation). Not traversed, as in CPython.
    pub subclasses: ObjectId,
    /// The weakref `add_subclass` made for this class: an entry of its base's
    /// `subclasses` dict, or owned here when the base is a builtin type.
    pub subclass_ref: ObjectId,
    /// Where instances keep their attributes, fixed when the class is made
    /// (its MRO and every `__slots__` are final then); read on every
    /// instance creation and attribute store.
    pub layout: Rc<InstanceLayout>,
}

/// Where a user class's instances keep their attributes: slot names from
/// every class in the MRO (base first), whether instances have a `__dict__`
/// and a weakref slot. Builtin types' is empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InstanceLayout {
    pub slots: Vec<Rc<str>>,
    pub dict: bool,
    pub weakref: bool,
}

/// An instance of a user class (or of a builtin exception class).
#[derive(Clone, Debug, Default)]
pub struct Instance {
    /// Attribute values in the shared-keys order (the 3.11 values array), or
    /// the materialised `__dict__` object once one exists.
    pub values: Vec<(Rc<str>, ObjectId)>,
    pub values_addr: Option<Addr>,
    /// Size (slots) of the values array, which decides its allocation.
    pub values_size: usize,
    pub dict: ObjectId,
    /// `__slots__` storage.
    pub slots: Vec<ObjectId>,
    /// For exceptions: the `args` tuple.
    pub args: ObjectId,
    /// For exceptions: `__traceback__`, the head of a chain of traceback
    /// objects (outermost frame first), or NULL.
    pub tb: ObjectId,
    /// For exceptions: `__context__`/`__cause__`.
    pub cause: ObjectId,
    pub context: ObjectId,
}

#[derive(Clone, Copy, Debug)]
pub struct Traceback {
    pub frame: ObjectId,
    pub next: ObjectId,
    pub line: u32,
    pub span: (u32, u32),
    pub anchor: Option<crate::bytecode::Anchor>,
}

#[derive(Clone, Debug)]
pub struct FrameObj {
    pub code: ObjectId,
    pub globals: ObjectId,
    pub line: u32,
    /// The locals (and function) taken over when the frame finished.
    pub owned: Vec<ObjectId>,
    /// Still running (its locals are in the live frame, not here).
    pub live: bool,
}

#[derive(Clone, Debug)]
pub struct Module {
    pub name: Rc<str>,
    pub dict: ObjectId,
}

#[cfg(test)]
mod tests {
    /// A million-object program keeps a million of these: rare, large
    /// payloads are boxed so that the common object stays at one cache line.
    #[test]
    fn an_object_fits_in_56_bytes() {
        assert_eq!(std::mem::size_of::<super::Payload>(), 24);
        assert!(std::mem::size_of::<super::Object>() <= 56, "{}", std::mem::size_of::<super::Object>());
    }
}
