//! Object headers and the fixed part of every builtin type: `tp_basicsize`,
//! `tp_itemsize`, whether instances carry a GC head, and whether they carry
//! 3.11's managed-dict pre-header. Also heap types (classes), functions,
//! generators and code objects, whose sizes depend on their definition.
//!
//! Models Include/object.h (`_PyObject_SIZE`, `_PyObject_VAR_SIZE`),
//! Include/internal/pycore_object.h (`_PyType_PreHeaderSize`),
//! Objects/typeobject.c (`PyType_GenericAlloc`, `type_new_descriptors`,
//! `type___sizeof__`) and Python/sysmodule.c (`_PySys_GetSizeOf`).
//!
//! Basic sizes are written as the C struct they come from: a header plus a
//! number of pointer-sized fields, so a number in this file is a field count,
//! not a measurement. The tests check each one against `sys.getsizeof`.

use serde::{Deserialize, Serialize};

use super::{round_up, Request, POINTER_SIZE};

/// A pointer or `Py_ssize_t` field.
pub const WORD: usize = POINTER_SIZE;
/// `sizeof(PyObject)`: `ob_refcnt` and `ob_type`.
pub const PYOBJECT_HEAD: usize = 2 * WORD;
/// `sizeof(PyVarObject)`: `PyObject` plus `ob_size`.
pub const PYVAROBJECT_HEAD: usize = PYOBJECT_HEAD + WORD;
/// `sizeof(PyGC_Head)`: `_gc_next` and `_gc_prev`, placed before every object
/// whose type has `Py_TPFLAGS_HAVE_GC`.
pub const GC_HEAD: usize = 2 * WORD;
/// 3.11's managed-dict pre-header: the values pointer and the dict pointer,
/// placed before the GC head of instances of `Py_TPFLAGS_MANAGED_DICT` types.
pub const MANAGED_DICT_PREHEADER: usize = 2 * WORD;

/// The size-relevant part of a type object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TypeLayout {
    /// `tp_basicsize`.
    pub basicsize: usize,
    /// `tp_itemsize`: bytes per item of a variable-size object, else 0.
    pub itemsize: usize,
    /// `Py_TPFLAGS_HAVE_GC`: a [`GC_HEAD`] precedes each instance.
    pub gc: bool,
    /// `Py_TPFLAGS_MANAGED_DICT`: a [`MANAGED_DICT_PREHEADER`] precedes the GC
    /// head.
    pub managed_dict: bool,
}

impl TypeLayout {
    /// A fixed-size, non-GC type of `basicsize` bytes.
    pub const fn plain(basicsize: usize) -> TypeLayout {
        TypeLayout {
            basicsize,
            itemsize: 0,
            gc: false,
            managed_dict: false,
        }
    }

    /// A fixed-size GC type of `basicsize` bytes.
    pub const fn gc(basicsize: usize) -> TypeLayout {
        TypeLayout {
            basicsize,
            itemsize: 0,
            gc: true,
            managed_dict: false,
        }
    }

    /// The same layout with a different item size.
    pub const fn with_items(self, itemsize: usize) -> TypeLayout {
        TypeLayout { itemsize, ..self }
    }

    /// Bytes in front of the object (`_PyType_PreHeaderSize`).
    pub const fn pre_header(&self) -> usize {
        (if self.gc { GC_HEAD } else { 0 })
            + (if self.managed_dict {
                MANAGED_DICT_PREHEADER
            } else {
                0
            })
    }

    /// `_PyObject_VAR_SIZE`: the struct with `nitems` items, rounded up to a
    /// pointer multiple.
    pub const fn var_size(&self, nitems: usize) -> usize {
        round_up(self.basicsize + self.itemsize * nitems, POINTER_SIZE)
    }

    /// `sys.getsizeof` when the type keeps `object.__sizeof__`
    /// (`basicsize + itemsize * len`, not rounded) — true of most types;
    /// containers with separate buffers add them in their own modules.
    pub const fn getsizeof(&self, nitems: usize) -> usize {
        self.basicsize + self.itemsize * nitems + self.pre_header()
    }

    /// The request made by `PyObject_New`/`PyObject_GC_New(Var)` (and the
    /// type-specific allocators built on them) for `nitems` items.
    pub const fn request(&self, nitems: usize) -> Request {
        Request::obj(self.var_size(nitems) + self.pre_header())
    }

    /// The request made by `PyType_GenericAlloc(type, nitems)`, the default
    /// `tp_alloc` used by `object()`, class instances, and `list(...)`,
    /// `dict(...)`, `set(...)`, `deque()`, ... when called as types. It sizes
    /// for one item more than asked (a sentinel), which matters only for
    /// variable-size types.
    pub const fn generic_alloc_request(&self, nitems: usize) -> Request {
        Request::obj(self.var_size(nitems + 1) + self.pre_header())
    }
}

/// Builtin types whose instances the interpreter creates.
///
/// `Int`, `Str`, `Bytes`, `ByteArray`, `List`, `Dict`, `Set`, `FrozenSet`,
/// `Array`, `Deque`, `Code` and `Generator` report more than their
/// [`TypeLayout`] in `sys.getsizeof`; see their modules or the functions
/// below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Builtin {
    Object,
    NoneType,
    Ellipsis,
    NotImplementedType,
    Int,
    Bool,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    /// A bound method of a Python function (`obj.meth` without a call).
    Method,
    /// A builtin function, or a bound method of a C type (`[].append`).
    BuiltinFunction,
    /// A bound slot wrapper such as `obj.__init__` of a C type.
    MethodWrapper,
    Cell,
    Code,
    Generator,
    Module,
    Type,
    WeakRef,
    Property,
    StaticMethod,
    ClassMethod,
    Super,
    MappingProxy,
    Enumerate,
    Zip,
    Map,
    Filter,
    /// `reversed(seq)` for sequences without `__reversed__` (str, tuple, range
    /// use their own iterators; lists have `ListRevIter`).
    Reversed,
    ListIter,
    ListRevIter,
    TupleIter,
    RangeIter,
    LongRangeIter,
    StrIter,
    BytesIter,
    DictKeyIter,
    DictValueIter,
    DictItemIter,
    /// `dict.keys()`, `dict.values()`, `dict.items()` views.
    DictView,
    SetIter,
    CallableIter,
    ArrayIter,
    Array,
    Deque,
    DequeIter,
    DequeRevIter,
    BaseException,
    Traceback,
    /// A frame object, materialised from an interpreter frame on demand
    /// (tracebacks, `sys._getframe()`, generators' `gi_frame`); its locals
    /// and stack are the items.
    Frame,
}

impl Builtin {
    pub const ALL: [Builtin; 59] = {
        use Builtin::*;
        [
            Object,
            NoneType,
            Ellipsis,
            NotImplementedType,
            Int,
            Bool,
            Float,
            Complex,
            Str,
            Bytes,
            ByteArray,
            Tuple,
            List,
            Dict,
            Set,
            FrozenSet,
            Range,
            Slice,
            Function,
            Method,
            BuiltinFunction,
            MethodWrapper,
            Cell,
            Code,
            Generator,
            Module,
            Type,
            WeakRef,
            Property,
            StaticMethod,
            ClassMethod,
            Super,
            MappingProxy,
            Enumerate,
            Zip,
            Map,
            Filter,
            Reversed,
            ListIter,
            ListRevIter,
            TupleIter,
            RangeIter,
            LongRangeIter,
            StrIter,
            BytesIter,
            DictKeyIter,
            DictValueIter,
            DictItemIter,
            DictView,
            SetIter,
            CallableIter,
            ArrayIter,
            Array,
            Deque,
            DequeIter,
            DequeRevIter,
            BaseException,
            Traceback,
            Frame,
        ]
    };

    /// The type's `__name__` in CPython 3.11.
    pub const fn name(self) -> &'static str {
        use Builtin::*;
        match self {
            Object => "object",
            NoneType => "NoneType",
            Ellipsis => "ellipsis",
            NotImplementedType => "NotImplementedType",
            Int => "int",
            Bool => "bool",
            Float => "float",
            Complex => "complex",
            Str => "str",
            Bytes => "bytes",
            ByteArray => "bytearray",
            Tuple => "tuple",
            List => "list",
            Dict => "dict",
            Set => "set",
            FrozenSet => "frozenset",
            Range => "range",
            Slice => "slice",
            Function => "function",
            Method => "method",
            BuiltinFunction => "builtin_function_or_method",
            MethodWrapper => "method-wrapper",
            Cell => "cell",
            Code => "code",
            Generator => "generator",
            Module => "module",
            Type => "type",
            WeakRef => "weakref.ReferenceType",
            Property => "property",
            StaticMethod => "staticmethod",
            ClassMethod => "classmethod",
            Super => "super",
            MappingProxy => "mappingproxy",
            Enumerate => "enumerate",
            Zip => "zip",
            Map => "map",
            Filter => "filter",
            Reversed => "reversed",
            ListIter => "list_iterator",
            ListRevIter => "list_reverseiterator",
            TupleIter => "tuple_iterator",
            RangeIter => "range_iterator",
            LongRangeIter => "longrange_iterator",
            StrIter => "str_ascii_iterator",
            BytesIter => "bytes_iterator",
            DictKeyIter => "dict_keyiterator",
            DictValueIter => "dict_valueiterator",
            DictItemIter => "dict_itemiterator",
            DictView => "dict_keys",
            SetIter => "set_iterator",
            CallableIter => "callable_iterator",
            ArrayIter => "arrayiterator",
            Array => "array.array",
            Deque => "collections.deque",
            DequeIter => "_collections._deque_iterator",
            DequeRevIter => "_collections._deque_reverse_iterator",
            BaseException => "BaseException",
            Traceback => "traceback",
            Frame => "frame",
        }
    }

    /// The type's layout. Each size is its C struct: a header and the fields
    /// listed in the comment (every field a word unless noted).
    pub const fn layout(self) -> TypeLayout {
        use Builtin::*;
        const H: usize = PYOBJECT_HEAD;
        const V: usize = PYVAROBJECT_HEAD;
        const W: usize = WORD;
        const fn plain(size: usize) -> TypeLayout {
            TypeLayout::plain(size)
        }
        const fn gc(size: usize) -> TypeLayout {
            TypeLayout::gc(size)
        }
        match self {
            Object | NoneType | Ellipsis | NotImplementedType => plain(H),
            // PyLongObject: ob_digit[] of 4-byte digits after the var header.
            Int => plain(V).with_items(super::int::DIGIT_SIZE),
            // bool's tp_basicsize is sizeof(PyLongObject), one digit padded to
            // a word; True and False are static and report int's 28.
            Bool => plain(V + W).with_items(super::int::DIGIT_SIZE),
            // ob_fval.
            Float => plain(H + W),
            // cval (two doubles).
            Complex => plain(H + 2 * W),
            // PyUnicodeObject (the non-compact form); compact strings are
            // sized in `unicode`.
            Str => plain(super::unicode::COMPACT_UNICODE_OBJECT + W),
            // ob_shash, then ob_sval[1] of 1-byte items.
            Bytes => plain(super::bytes::BYTES_HEADER).with_items(1),
            // ob_alloc, ob_bytes, ob_start, ob_exports.
            ByteArray => plain(V + 4 * W),
            // ob_item[] of pointers.
            Tuple => gc(V).with_items(W),
            // ob_item, allocated.
            List => gc(V + 2 * W),
            // ma_used, ma_version_tag, ma_keys, ma_values.
            Dict => gc(H + 4 * W),
            // fill, used, mask, table, hash, finger, smalltable[8] (two words
            // each), weakreflist.
            Set | FrozenSet => gc(H + 6 * W + super::set::SMALLTABLE_BYTES + W),
            // start, stop, step, length.
            Range => plain(H + 4 * W),
            // start, stop, step.
            Slice => gc(H + 3 * W),
            // globals, builtins, name, qualname, code, defaults, kwdefaults,
            // closure, doc, dict, weakreflist, module, annotations, vectorcall,
            // func_version (4 bytes, padded).
            Function => gc(H + 15 * W),
            // im_func, im_self, im_weakreflist, vectorcall.
            Method => gc(H + 4 * W),
            // m_ml, m_self, m_module, m_weakreflist, vectorcall.
            BuiltinFunction => gc(H + 5 * W),
            // descr, self.
            MethodWrapper => gc(H + 2 * W),
            // ob_ref.
            Cell => gc(H + W),
            // PyCodeObject: 20 words of fields before co_code_adaptive, whose
            // 2-byte code units are the items.
            Code => plain(V + 20 * W).with_items(2),
            // gi_code ... gi_hooks_inited, then the embedded frame up to
            // localsplus; the frame's locals and stack are the items.
            Generator => gc(GENERATOR_BASICSIZE).with_items(W),
            // md_dict, md_def, md_state, md_weaklist, md_name.
            Module => gc(H + 5 * W),
            // PyHeapTypeObject; PyMemberDef slots are the 40-byte items.
            Type => gc(HEAP_TYPE_OBJECT).with_items(5 * W),
            // wr_object, wr_callback, hash, wr_prev, wr_next, vectorcall.
            WeakRef => gc(H + 6 * W),
            // fget, fset, fdel, doc, name, getter_doc (int, padded).
            Property => gc(H + 6 * W),
            // sm_callable, sm_dict.
            StaticMethod | ClassMethod => gc(H + 2 * W),
            // type, obj, obj_type.
            Super => gc(H + 3 * W),
            // mapping.
            MappingProxy | DictView => gc(H + W),
            // en_index, en_sit, en_result, en_longindex.
            Enumerate => gc(H + 5 * W),
            // tuplesize, ittuple, result, strict.
            Zip => gc(H + 4 * W),
            // func, iters / func, it / index, seq.
            Map | Filter | Reversed => gc(H + 2 * W),
            // index, seq.
            ListIter | ListRevIter | TupleIter | StrIter | BytesIter | CallableIter => {
                gc(H + 2 * W)
            }
            // index, start, step, len (C longs, or int objects in the long
            // variant).
            RangeIter | LongRangeIter => plain(H + 4 * W),
            // di_dict, di_used, di_pos, di_result, len.
            DictKeyIter | DictValueIter | DictItemIter => gc(H + 5 * W),
            // si_set, si_used, si_pos, len.
            SetIter => gc(H + 4 * W),
            // ao, index, getitem.
            ArrayIter => gc(H + 3 * W),
            // ob_item, allocated, ob_descr, weakreflist, ob_exports.
            Array => gc(V + 5 * W),
            // leftblock, rightblock, leftindex, rightindex, state, maxlen,
            // numfreeblocks, freeblocks[16], weakreflist.
            Deque => gc(V + (7 + super::deque::MAXFREEBLOCKS + 1) * W),
            // b, deque, state, index, counter.
            DequeIter | DequeRevIter => gc(H + 5 * W),
            // dict, args, notes, traceback, context, cause, suppress_context
            // (char, padded).
            BaseException => gc(H + 7 * W),
            // tb_next, tb_frame, tb_lasti + tb_lineno (two ints).
            Traceback => gc(H + 3 * W),
            // f_back, f_frame, f_trace, four small fields in one word, then
            // the embedded interpreter frame up to localsplus.
            Frame => gc(H + 4 * W + INTERPRETER_FRAME_HEADER).with_items(W),
        }
    }

    /// `sys.getsizeof` of an instance of a fixed-size type.
    pub const fn getsizeof(self) -> usize {
        self.layout().getsizeof(0)
    }

    /// The request that creates an instance of a fixed-size type (through
    /// `PyObject_New`, `PyObject_GC_New` or `PyType_GenericAlloc`, which all
    /// ask for the same number of bytes when the item size is 0). Sizes of
    /// int, str, bytes, tuple, code and generator objects depend on their
    /// contents: see their own functions.
    pub const fn request(self) -> Request {
        self.layout().request(0)
    }
}

/// `sys.getsizeof` of a tuple of `n` items (`()` is a static singleton).
pub const fn tuple_getsizeof(n: usize) -> usize {
    Builtin::Tuple.layout().getsizeof(n)
}

/// The request for a tuple of `n >= 1` items (`tuple_alloc`, unless the
/// tuple free list for that size has one; see [`super::freelist`]).
pub const fn tuple_request(n: usize) -> Request {
    Builtin::Tuple.layout().request(n)
}

/// `sizeof(PyHeapTypeObject)`: the `PyTypeObject` plus the heap type's
/// number, mapping, sequence, buffer and async method tables and its name,
/// slots, qualname, cached keys, module and specialization cache.
pub const HEAP_TYPE_OBJECT: usize = 113 * WORD;

/// `offsetof(PyGenObject, gi_iframe) + offsetof(_PyInterpreterFrame,
/// localsplus)`: 7 generator fields plus 8 frame fields, after the header
/// (`gi_weakreflist` ... `gi_frame_state` packed into the last word).
pub const GENERATOR_BASICSIZE: usize = PYOBJECT_HEAD + 17 * WORD;

/// `sys.getsizeof` of a generator (or coroutine) whose code object has
/// `co_nlocalsplus` locals, cells and free variables and `co_stacksize`
/// stack slots. A `def` generator with no locals and a stack of 1 reports 176;
/// a generator expression (locals `.0` and the loop variable, stack 2)
/// reports 200.
pub const fn generator_getsizeof(nlocalsplus: usize, stacksize: usize) -> usize {
    Builtin::Generator
        .layout()
        .getsizeof(nlocalsplus + stacksize)
}

/// The request that creates such a generator (`PyObject_GC_NewVar` with
/// `nlocalsplus + stacksize` slots). A generator expression also keeps its
/// function object and the iterator over its outermost iterable alive.
pub const fn generator_request(nlocalsplus: usize, stacksize: usize) -> Request {
    Builtin::Generator.layout().request(nlocalsplus + stacksize)
}

/// `offsetof(_PyInterpreterFrame, localsplus)`: 9 fields before the locals.
pub const INTERPRETER_FRAME_HEADER: usize = 9 * WORD;

/// `sys.getsizeof` of a frame object of a code object with `nlocalsplus`
/// locals, cells and free variables and `stacksize` stack slots (a
/// module-level frame has no locals).
pub const fn frame_getsizeof(nlocalsplus: usize, stacksize: usize) -> usize {
    Builtin::Frame.layout().getsizeof(nlocalsplus + stacksize)
}

/// The request that materialises such a frame object (`_PyFrame_New_NoTrack`:
/// `PyObject_GC_NewVar` with `nlocalsplus + stacksize` slots). 3.11 has no
/// frame free list, and frames that are never asked for are not objects.
pub const fn frame_request(nlocalsplus: usize, stacksize: usize) -> Request {
    Builtin::Frame.layout().request(nlocalsplus + stacksize)
}

/// `sys.getsizeof` of a code object with `ncodeunits` 2-byte code units
/// (`len(co.co_code) // 2`): `code.__sizeof__` rounds like
/// `_PyObject_VAR_SIZE`, and code objects are not GC in 3.11.
pub const fn code_getsizeof(ncodeunits: usize) -> usize {
    Builtin::Code.layout().var_size(ncodeunits)
}

/// How an instance type gets its attribute storage (`type_new_descriptors`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ClassLayout {
    /// The layout of the class's instances.
    pub instance: TypeLayout,
    /// Instances have a `__dict__` (a managed dict, or a dict pointer at the
    /// end of the object for variable-size bases such as int and tuple).
    pub has_dict: bool,
    /// Instances have a `__weakref__` slot.
    pub has_weakref: bool,
}

/// What a class statement's `__slots__` declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Slots {
    /// Names other than `__dict__` and `__weakref__`.
    pub names: usize,
    /// `'__dict__'` is listed.
    pub dict: bool,
    /// `'__weakref__'` is listed.
    pub weakref: bool,
}

impl ClassLayout {
    /// `object` as a base class.
    pub const OBJECT: ClassLayout = ClassLayout::builtin(Builtin::Object);

    /// A builtin type as a base class: whether its instances already have a
    /// dict (`tp_dictoffset != 0`) or a weakref list (`tp_weaklistoffset !=
    /// 0`), which a subclass then does not add again.
    pub const fn builtin(base: Builtin) -> ClassLayout {
        use Builtin::*;
        let has_dict = matches!(base, BaseException | Function | Module | Type);
        let has_weakref = matches!(
            base,
            Set | FrozenSet
                | Function
                | Method
                | BuiltinFunction
                | Code
                | Generator
                | Module
                | Type
                | WeakRef
                | Array
                | Deque
        );
        ClassLayout {
            instance: base.layout(),
            has_dict,
            has_weakref,
        }
    }

    /// The layout of `class C(base): ...` with optional `__slots__`.
    ///
    /// Without `__slots__` a class adds a dict (unless the base has one) and a
    /// weakref slot (unless the base has one or is variable-size). The dict is
    /// managed (in the pre-header, nothing added to `tp_basicsize`) when the
    /// base's item size is 0, otherwise a pointer after the items. Heap types
    /// are always GC. Only single inheritance is modelled.
    pub const fn subclass(base: ClassLayout, slots: Option<Slots>) -> ClassLayout {
        let may_add_dict = !base.has_dict;
        let may_add_weak = !base.has_weakref && base.instance.itemsize == 0;
        let (nslots, add_dict, add_weak) = match slots {
            None => (0, may_add_dict, may_add_weak),
            Some(s) => (s.names, s.dict && may_add_dict, s.weakref && may_add_weak),
        };
        let mut basicsize = base.instance.basicsize + nslots * WORD;
        let mut managed_dict = base.instance.managed_dict;
        if add_dict {
            if base.instance.itemsize != 0 {
                basicsize += WORD;
            } else {
                managed_dict = true;
            }
        }
        if add_weak {
            basicsize += WORD;
        }
        ClassLayout {
            instance: TypeLayout {
                basicsize,
                itemsize: base.instance.itemsize,
                gc: true,
                managed_dict,
            },
            has_dict: base.has_dict || add_dict,
            has_weakref: base.has_weakref || add_weak,
        }
    }

    /// `sys.getsizeof` of the class object itself: `PyHeapTypeObject` plus,
    /// for classes whose instances have a managed dict, the shared keys
    /// table the class owns (`type.__sizeof__`), plus the GC head.
    pub const fn class_getsizeof(&self) -> usize {
        let keys = if self.instance.managed_dict {
            super::instance::SharedKeys::TABLE_SIZE
        } else {
            0
        };
        Builtin::Type.layout().getsizeof(0) + keys
    }
}

/// The request for a class object itself (`type_new` calls
/// `PyType_GenericAlloc(&PyType_Type, nslots)`: one `PyMemberDef` per slot
/// name plus the sentinel). Creating a class also allocates its dict, its
/// shared keys (see [`super::instance::SharedKeys::request`]), its `__mro__`
/// and `__bases__` tuples and descriptors; those are ordinary objects.
pub const fn type_object_request(nslots: usize) -> Request {
    Builtin::Type.layout().generic_alloc_request(nslots)
}
