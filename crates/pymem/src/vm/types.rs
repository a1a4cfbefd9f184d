//! The builtin types: one static type object each, created at start-up with
//! fixed handles so that dispatch on a builtin is a cheap comparison.

use serde::{Deserialize, Serialize};

/// Which builtin a type object is (user classes inherit their base's, which
/// is how `class E(Exception)` instances behave as exceptions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Builtin {
    Object,
    Type,
    NoneType,
    NotImplementedType,
    Ellipsis,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    BuiltinFunction,
    Method,
    Cell,
    Code,
    Module,
    Generator,
    ListIterator,
    TupleIterator,
    RangeIterator,
    StrIterator,
    DictKeyIterator,
    DictValueIterator,
    DictItemIterator,
    SetIterator,
    DictKeys,
    DictValues,
    DictItems,
    Enumerate,
    Zip,
    Map,
    Filter,
    Reversed,
    WeakRef,
    Property,
    StaticMethod,
    ClassMethod,
    BaseException,
    GetSetDescriptor,
    Frame,
    Traceback,
    Complex,
    // Types defined by `vm/modules` (appended: type handles are positions).
    Array,
    ArrayIterator,
    Deque,
    DequeIterator,
    DequeReverseIterator,
    ByteArray,
    ByteArrayIterator,
    Counter,
    DefaultDict,
    TmSnapshot,
    TmStatistic,
    TmStatisticDiff,
    TmTraceback,
    TmFrame,
    TmTrace,
    TmTraces,
    TmFilter,
    TmDomainFilter,
    Finalize,
    ProfiledFunction,
}

impl Builtin {
    /// The type's C struct in [`crate::layout::object`] (`tp_basicsize`,
    /// `tp_itemsize`, GC head), for the types modelled there.
    pub const fn layout_type(self) -> Option<crate::layout::object::Builtin> {
        use crate::layout::object::Builtin as L;
        Some(match self {
            Builtin::Object => L::Object,
            Builtin::Type => L::Type,
            Builtin::NoneType => L::NoneType,
            Builtin::NotImplementedType => L::NotImplementedType,
            Builtin::Ellipsis => L::Ellipsis,
            Builtin::Bool => L::Bool,
            Builtin::Int => L::Int,
            Builtin::Float => L::Float,
            Builtin::Complex => L::Complex,
            Builtin::Str => L::Str,
            Builtin::Bytes => L::Bytes,
            Builtin::ByteArray => L::ByteArray,
            Builtin::Tuple => L::Tuple,
            Builtin::List => L::List,
            Builtin::Dict => L::Dict,
            Builtin::Set => L::Set,
            Builtin::FrozenSet => L::FrozenSet,
            Builtin::Range => L::Range,
            Builtin::Slice => L::Slice,
            Builtin::Function => L::Function,
            Builtin::BuiltinFunction => L::BuiltinFunction,
            Builtin::Method => L::Method,
            Builtin::Cell => L::Cell,
            Builtin::Code => L::Code,
            Builtin::Module => L::Module,
            Builtin::Generator => L::Generator,
            Builtin::ListIterator => L::ListIter,
            Builtin::TupleIterator => L::TupleIter,
            Builtin::RangeIterator => L::RangeIter,
            Builtin::StrIterator => L::StrIter,
            Builtin::DictKeyIterator => L::DictKeyIter,
            Builtin::DictValueIterator => L::DictValueIter,
            Builtin::DictItemIterator => L::DictItemIter,
            Builtin::SetIterator => L::SetIter,
            Builtin::DictKeys | Builtin::DictValues | Builtin::DictItems => L::DictView,
            Builtin::Enumerate => L::Enumerate,
            Builtin::Zip => L::Zip,
            Builtin::Map => L::Map,
            Builtin::Filter => L::Filter,
            Builtin::Reversed => L::Reversed,
            Builtin::WeakRef => L::WeakRef,
            Builtin::Property => L::Property,
            Builtin::StaticMethod => L::StaticMethod,
            Builtin::ClassMethod => L::ClassMethod,
            Builtin::BaseException => L::BaseException,
            Builtin::Frame => L::Frame,
            Builtin::Traceback => L::Traceback,
            Builtin::Array => L::Array,
            Builtin::ArrayIterator => L::ArrayIter,
            Builtin::Deque => L::Deque,
            Builtin::DequeIterator => L::DequeIter,
            Builtin::DequeReverseIterator => L::DequeRevIter,
            _ => return None,
        })
    }

    /// Every builtin type, in the order their type objects are created.
    pub const ALL: &'static [Builtin] = &[
        Builtin::Object,
        Builtin::Type,
        Builtin::NoneType,
        Builtin::NotImplementedType,
        Builtin::Ellipsis,
        Builtin::Bool,
        Builtin::Int,
        Builtin::Float,
        Builtin::Str,
        Builtin::Bytes,
        Builtin::Tuple,
        Builtin::List,
        Builtin::Dict,
        Builtin::Set,
        Builtin::FrozenSet,
        Builtin::Range,
        Builtin::Slice,
        Builtin::Function,
        Builtin::BuiltinFunction,
        Builtin::Method,
        Builtin::Cell,
        Builtin::Code,
        Builtin::Module,
        Builtin::Generator,
        Builtin::ListIterator,
        Builtin::TupleIterator,
        Builtin::RangeIterator,
        Builtin::StrIterator,
        Builtin::DictKeyIterator,
        Builtin::DictValueIterator,
        Builtin::DictItemIterator,
        Builtin::SetIterator,
        Builtin::DictKeys,
        Builtin::DictValues,
        Builtin::DictItems,
        Builtin::Enumerate,
        Builtin::Zip,
        Builtin::Map,
        Builtin::Filter,
        Builtin::Reversed,
        Builtin::WeakRef,
        Builtin::Property,
        Builtin::StaticMethod,
        Builtin::ClassMethod,
        Builtin::BaseException,
        Builtin::GetSetDescriptor,
        Builtin::Frame,
        Builtin::Traceback,
        Builtin::Complex,
        Builtin::Array,
        Builtin::ArrayIterator,
        Builtin::Deque,
        Builtin::DequeIterator,
        Builtin::DequeReverseIterator,
        Builtin::ByteArray,
        Builtin::ByteArrayIterator,
        Builtin::Counter,
        Builtin::DefaultDict,
        Builtin::TmSnapshot,
        Builtin::TmStatistic,
        Builtin::TmStatisticDiff,
        Builtin::TmTraceback,
        Builtin::TmFrame,
        Builtin::TmTrace,
        Builtin::TmTraces,
        Builtin::TmFilter,
        Builtin::TmDomainFilter,
        Builtin::Finalize,
        Builtin::ProfiledFunction,
    ];

    /// The handle of this builtin's type object (created first, in `ALL`
    /// order, so the handle is the position).
    pub fn id(self) -> crate::ids::ObjectId {
        crate::ids::ObjectId(self as u32)
    }

    /// `type.__name__`.
    pub fn name(self) -> &'static str {
        match self {
            Builtin::Object => "object",
            Builtin::Type => "type",
            Builtin::NoneType => "NoneType",
            Builtin::NotImplementedType => "NotImplementedType",
            Builtin::Ellipsis => "ellipsis",
            Builtin::Bool => "bool",
            Builtin::Int => "int",
            Builtin::Float => "float",
            Builtin::Str => "str",
            Builtin::Bytes => "bytes",
            Builtin::Tuple => "tuple",
            Builtin::List => "list",
            Builtin::Dict => "dict",
            Builtin::Set => "set",
            Builtin::FrozenSet => "frozenset",
            Builtin::Range => "range",
            Builtin::Slice => "slice",
            Builtin::Function => "function",
            Builtin::BuiltinFunction => "builtin_function_or_method",
            Builtin::Method => "method",
            Builtin::Cell => "cell",
            Builtin::Code => "code",
            Builtin::Module => "module",
            Builtin::Generator => "generator",
            Builtin::ListIterator => "list_iterator",
            Builtin::TupleIterator => "tuple_iterator",
            Builtin::RangeIterator => "range_iterator",
            Builtin::StrIterator => "str_ascii_iterator",
            Builtin::DictKeyIterator => "dict_keyiterator",
            Builtin::DictValueIterator => "dict_valueiterator",
            Builtin::DictItemIterator => "dict_itemiterator",
            Builtin::SetIterator => "set_iterator",
            Builtin::DictKeys => "dict_keys",
            Builtin::DictValues => "dict_values",
            Builtin::DictItems => "dict_items",
            Builtin::Enumerate => "enumerate",
            Builtin::Zip => "zip",
            Builtin::Map => "map",
            Builtin::Filter => "filter",
            Builtin::Reversed => "reversed",
            Builtin::WeakRef => "ReferenceType",
            Builtin::Property => "property",
            Builtin::StaticMethod => "staticmethod",
            Builtin::ClassMethod => "classmethod",
            Builtin::BaseException => "BaseException",
            Builtin::GetSetDescriptor => "getset_descriptor",
            Builtin::Frame => "frame",
            Builtin::Traceback => "traceback",
            Builtin::Complex => "complex",
            // `tp_name`: dotted for types that live in a module (`__name__`
            // is the part after the last dot).
            Builtin::Array => "array.array",
            Builtin::ArrayIterator => "array.arrayiterator",
            Builtin::Deque => "collections.deque",
            Builtin::DequeIterator => "_collections._deque_iterator",
            Builtin::DequeReverseIterator => "_collections._deque_reverse_iterator",
            Builtin::ByteArray => "bytearray",
            Builtin::ByteArrayIterator => "bytearray_iterator",
            Builtin::Counter => "Counter",
            Builtin::DefaultDict => "defaultdict",
            Builtin::TmSnapshot => "Snapshot",
            Builtin::TmStatistic => "Statistic",
            Builtin::TmStatisticDiff => "StatisticDiff",
            Builtin::TmTraceback => "Traceback",
            Builtin::TmFrame => "Frame",
            Builtin::TmTrace => "Trace",
            Builtin::TmTraces => "_Traces",
            Builtin::TmFilter => "Filter",
            Builtin::TmDomainFilter => "DomainFilter",
            Builtin::Finalize => "finalize",
            Builtin::ProfiledFunction => "function",
        }
    }

    /// For the classes CPython writes in Python (`collections.Counter`,
    /// tracemalloc's, `weakref.finalize`) and `collections.defaultdict`:
    /// the module their repr names.
    pub fn python_module(self) -> Option<&'static str> {
        match self {
            Builtin::Counter | Builtin::DefaultDict => Some("collections"),
            Builtin::Finalize => Some("weakref"),
            Builtin::TmSnapshot
            | Builtin::TmStatistic
            | Builtin::TmStatisticDiff
            | Builtin::TmTraceback
            | Builtin::TmFrame
            | Builtin::TmTrace
            | Builtin::TmTraces
            | Builtin::TmFilter
            | Builtin::TmDomainFilter => Some("tracemalloc"),
            _ => None,
        }
    }

    /// Instances of this type carry a GC header (Py_TPFLAGS_HAVE_GC): their
    /// allocation counts toward generation 0.
    pub fn is_gc(self) -> bool {
        !matches!(
            self,
            Builtin::NoneType
                | Builtin::NotImplementedType
                | Builtin::Ellipsis
                | Builtin::Bool
                | Builtin::Int
                | Builtin::Float
                | Builtin::Complex
                | Builtin::Str
                | Builtin::Bytes
                | Builtin::Range
                | Builtin::RangeIterator
                | Builtin::Object
                | Builtin::ByteArray
        )
    }

    /// Can be subclassed by a user class in this simulator.
    pub fn subclassable(self) -> bool {
        matches!(self, Builtin::Object | Builtin::BaseException) || self.value_subclassable()
    }

    /// Builtin value types a user class may extend here: instances keep the
    /// builtin's payload (so no instance attributes) and the user's type.
    /// The C struct has its own weakref list (`tp_weaklistoffset`), so a
    /// subclass adds none.
    pub fn has_weakref_slot(self) -> bool {
        matches!(
            self,
            Builtin::Set
                | Builtin::FrozenSet
                | Builtin::Function
                | Builtin::Type
                | Builtin::Module
                | Builtin::Generator
                | Builtin::Method
                | Builtin::BuiltinFunction
                | Builtin::Array
                | Builtin::Deque
        )
    }

    /// The C struct has its own `__dict__` pointer (`tp_dictoffset`), so a
    /// subclass adds none.
    pub fn has_dict_slot(self) -> bool {
        matches!(self, Builtin::BaseException | Builtin::Function | Builtin::Type | Builtin::Module)
    }

    pub fn value_subclassable(self) -> bool {
        matches!(
            self,
            Builtin::List
                | Builtin::Dict
                | Builtin::Set
                | Builtin::FrozenSet
                | Builtin::Tuple
                | Builtin::Int
                | Builtin::Float
                | Builtin::Str
                | Builtin::Bytes
        )
    }
}

/// The builtin exception hierarchy: (name, base name). Created at start-up
/// as type objects whose instances have an `Instance` payload.
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("MemoryError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
    ("SyntaxError", "Exception"),
    ("ReferenceError", "Exception"),
];
