//! Builtin functions and the methods of builtin types: one enum naming each,
//! and the dispatch that runs them. Arguments arrive as owned references and
//! are released here, whatever happens.

use crate::heap::{Payload, NULL};
use crate::vm::argcheck::ArgCheck;
use crate::ids::ObjectId;
use crate::vm::{Vm, R};

macro_rules! builtins {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// Every builtin callable the interpreter implements.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum BuiltinFn {
            $($variant,)*
            /// A function of a simulated module (`gc.collect`, `sys.getsizeof`, ...).
            Module(crate::vm::modules::ModuleFn),
        }

        impl BuiltinFn {
            /// `__name__`.
            pub fn name(self) -> &'static str {
                match self {
                    $(BuiltinFn::$variant => $name,)*
                    BuiltinFn::Module(m) => m.name(),
                }
            }
        }
    };
}

builtins! {
    // module-level builtins
    Print => "print", Len => "len", Id => "id", IsInstance => "isinstance", IsSubclass => "issubclass",
    Repr => "repr", Sum => "sum", Min => "min", Max => "max", Abs => "abs", Sorted => "sorted",
    Any => "any", All => "all", Hash => "hash", Hex => "hex", Oct => "oct", Bin => "bin", Iter => "iter",
    Next => "next", GetAttr => "getattr", SetAttr => "setattr", HasAttr => "hasattr", DelAttr => "delattr",
    Chr => "chr", Ord => "ord", Round => "round", DivMod => "divmod", Pow => "pow", Callable => "callable",
    Format => "format", Globals => "globals", Super => "super", BuildClass => "__build_class__", Vars => "vars",
    Dir => "dir", Ascii => "ascii", Compile => "compile", Exec => "exec",
    // list
    ListAppend => "append", ListExtend => "extend", ListPop => "pop", ListInsert => "insert",
    ListRemove => "remove", ListIndex => "index", ListCount => "count", ListClear => "clear",
    ListCopy => "copy", ListReverse => "reverse", ListSort => "sort", ListInit => "__init__",
    // tuple
    TupleIndex => "index", TupleCount => "count",
    // dict
    DictGet => "get", DictKeys => "keys", DictValues => "values", DictItems => "items", DictPop => "pop",
    DictPopItem => "popitem", DictSetDefault => "setdefault", DictUpdate => "update", DictClear => "clear",
    DictCopy => "copy", DictFromKeys => "fromkeys",
    // set
    SetAdd => "add", SetDiscard => "discard", SetRemove => "remove", SetPop => "pop", SetClear => "clear",
    SetCopy => "copy", SetUpdate => "update", SetUnion => "union", SetIntersection => "intersection",
    SetDifference => "difference", SetSymmetricDifference => "symmetric_difference", SetIsSubset => "issubset",
    SetIsSuperset => "issuperset", SetIsDisjoint => "isdisjoint",
    // str
    StrJoin => "join", StrSplit => "split", StrRSplit => "rsplit", StrStrip => "strip", StrLStrip => "lstrip",
    StrRStrip => "rstrip", StrUpper => "upper", StrLower => "lower", StrReplace => "replace",
    StrStartsWith => "startswith", StrEndsWith => "endswith", StrFind => "find", StrRFind => "rfind",
    StrIndex => "index", StrCount => "count", StrFormat => "format", StrIsDigit => "isdigit",
    StrIsAlpha => "isalpha", StrIsAlnum => "isalnum", StrIsSpace => "isspace", StrIsUpper => "isupper",
    StrIsLower => "islower", StrIsIdentifier => "isidentifier", StrIsAscii => "isascii", StrTitle => "title",
    StrCapitalize => "capitalize", StrCenter => "center", StrLJust => "ljust", StrRJust => "rjust",
    StrZFill => "zfill", StrEncode => "encode", StrSplitLines => "splitlines", StrPartition => "partition",
    StrSwapCase => "swapcase",
    BytesDecode => "decode", BytesHex => "hex",
    IntBitLength => "bit_length", FloatIsInteger => "is_integer",
    // generators
    GenSend => "send", GenClose => "close", GenThrow => "throw",
    // object
    ObjectInit => "__init__", ObjectSizeOf => "__sizeof__", ExceptionInit => "__init__",
    // slot wrappers of builtin types (`d.__setitem__(k, v)`)
    DunderGetItem => "__getitem__", DunderSetItem => "__setitem__", DunderDelItem => "__delitem__",
    DunderLen => "__len__", DunderContains => "__contains__", DunderIter => "__iter__", DunderNext => "__next__",
    DunderRepr => "__repr__", DunderStr => "__str__", DunderEq => "__eq__", DunderNe => "__ne__", DunderHash => "__hash__",
}

use crate::vm::types::Builtin;

impl BuiltinFn {
    /// The builtin method `name` of builtin type `b`, if there is one.
    pub fn method(b: Builtin, name: &str) -> Option<BuiltinFn> {
        use BuiltinFn::*;
        Some(match (b, name) {
            (Builtin::List, "append") => ListAppend,
            (Builtin::List, "extend") => ListExtend,
            (Builtin::List, "pop") => ListPop,
            (Builtin::List, "insert") => ListInsert,
            (Builtin::List, "remove") => ListRemove,
            (Builtin::List, "index") => ListIndex,
            (Builtin::List, "count") => ListCount,
            (Builtin::List, "clear") => ListClear,
            (Builtin::List, "copy") => ListCopy,
            (Builtin::List, "reverse") => ListReverse,
            (Builtin::List, "sort") => ListSort,
            (Builtin::Tuple | Builtin::Range, "index") => TupleIndex,
            (Builtin::Tuple | Builtin::Range, "count") => TupleCount,
            (Builtin::Dict, "get") => DictGet,
            (Builtin::Dict, "keys") => DictKeys,
            (Builtin::Dict, "values") => DictValues,
            (Builtin::Dict, "items") => DictItems,
            (Builtin::Dict, "pop") => DictPop,
            (Builtin::Dict, "popitem") => DictPopItem,
            (Builtin::Dict, "setdefault") => DictSetDefault,
            (Builtin::Dict, "update") => DictUpdate,
            (Builtin::Dict, "clear") => DictClear,
            (Builtin::Dict, "copy") => DictCopy,
            (Builtin::Dict, "fromkeys") => DictFromKeys,
            (Builtin::Set, "add") => SetAdd,
            (Builtin::Set, "discard") => SetDiscard,
            (Builtin::Set, "remove") => SetRemove,
            (Builtin::Set, "pop") => SetPop,
            (Builtin::Set, "clear") => SetClear,
            (Builtin::Set, "update") => SetUpdate,
            (Builtin::Set | Builtin::FrozenSet, "copy") => SetCopy,
            (Builtin::Set | Builtin::FrozenSet, "union") => SetUnion,
            (Builtin::Set | Builtin::FrozenSet, "intersection") => SetIntersection,
            (Builtin::Set | Builtin::FrozenSet, "difference") => SetDifference,
            (Builtin::Set | Builtin::FrozenSet, "symmetric_difference") => SetSymmetricDifference,
            (Builtin::Set | Builtin::FrozenSet, "issubset") => SetIsSubset,
            (Builtin::Set | Builtin::FrozenSet, "issuperset") => SetIsSuperset,
            (Builtin::Set | Builtin::FrozenSet, "isdisjoint") => SetIsDisjoint,
            (Builtin::Str, "join") => StrJoin,
            (Builtin::Str, "split") => StrSplit,
            (Builtin::Str, "rsplit") => StrRSplit,
            (Builtin::Str, "strip") => StrStrip,
            (Builtin::Str, "lstrip") => StrLStrip,
            (Builtin::Str, "rstrip") => StrRStrip,
            (Builtin::Str, "upper") => StrUpper,
            (Builtin::Str, "lower") => StrLower,
            (Builtin::Str, "replace") => StrReplace,
            (Builtin::Str, "startswith") => StrStartsWith,
            (Builtin::Str, "endswith") => StrEndsWith,
            (Builtin::Str, "find") => StrFind,
            (Builtin::Str, "rfind") => StrRFind,
            (Builtin::Str, "index") => StrIndex,
            (Builtin::Str, "count") => StrCount,
            (Builtin::Str, "format") => StrFormat,
            (Builtin::Str, "isdigit") => StrIsDigit,
            (Builtin::Str, "isalpha") => StrIsAlpha,
            (Builtin::Str, "isalnum") => StrIsAlnum,
            (Builtin::Str, "isspace") => StrIsSpace,
            (Builtin::Str, "isupper") => StrIsUpper,
            (Builtin::Str, "islower") => StrIsLower,
            (Builtin::Str, "isidentifier") => StrIsIdentifier,
            (Builtin::Str, "isascii") => StrIsAscii,
            (Builtin::Str, "title") => StrTitle,
            (Builtin::Str, "capitalize") => StrCapitalize,
            (Builtin::Str, "center") => StrCenter,
            (Builtin::Str, "ljust") => StrLJust,
            (Builtin::Str, "rjust") => StrRJust,
            (Builtin::Str, "zfill") => StrZFill,
            (Builtin::Str, "encode") => StrEncode,
            (Builtin::Str, "splitlines") => StrSplitLines,
            (Builtin::Str, "partition") => StrPartition,
            (Builtin::Str, "swapcase") => StrSwapCase,
            (Builtin::Bytes, "decode") => BytesDecode,
            (Builtin::Bytes, "hex") => BytesHex,
            (Builtin::Int | Builtin::Bool, "bit_length") => IntBitLength,
            (Builtin::Float, "is_integer") => FloatIsInteger,
            (Builtin::Generator, "send") => GenSend,
            (Builtin::Generator, "close") => GenClose,
            (Builtin::Generator, "throw") => GenThrow,
            (_, "__sizeof__") => ObjectSizeOf,
            (Builtin::BaseException, "__init__") => ExceptionInit,
            (_, "__init__") => ObjectInit,
            (_, "__repr__") => DunderRepr,
            (_, "__str__") => DunderStr,
            (_, "__eq__") => DunderEq,
            (_, "__ne__") => DunderNe,
            (_, "__hash__") => DunderHash,
            (Builtin::List | Builtin::Tuple | Builtin::Dict | Builtin::Str | Builtin::Bytes | Builtin::Range, "__getitem__") => DunderGetItem,
            (Builtin::List | Builtin::Dict, "__setitem__") => DunderSetItem,
            (Builtin::List | Builtin::Dict, "__delitem__") => DunderDelItem,
            (Builtin::List | Builtin::Tuple | Builtin::Dict | Builtin::Set | Builtin::FrozenSet | Builtin::Str | Builtin::Bytes | Builtin::Range, "__len__") => DunderLen,
            (Builtin::List | Builtin::Tuple | Builtin::Dict | Builtin::Set | Builtin::FrozenSet | Builtin::Str | Builtin::Bytes | Builtin::Range, "__contains__") => DunderContains,
            (Builtin::List | Builtin::Tuple | Builtin::Dict | Builtin::Set | Builtin::FrozenSet | Builtin::Str | Builtin::Bytes | Builtin::Range, "__iter__") => DunderIter,
            (Builtin::Generator | Builtin::ListIterator | Builtin::TupleIterator | Builtin::RangeIterator | Builtin::StrIterator | Builtin::DictKeyIterator | Builtin::DictValueIterator | Builtin::DictItemIterator | Builtin::SetIterator | Builtin::Enumerate | Builtin::Zip | Builtin::Map | Builtin::Filter | Builtin::Reversed, "__next__") => DunderNext,
            _ => return crate::vm::modules::module_method(b, name),
        })
    }

    /// The module-level builtins, as bound in `builtins`.
    pub const GLOBALS: &'static [BuiltinFn] = &[
        BuiltinFn::Print,
        BuiltinFn::Len,
        BuiltinFn::Id,
        BuiltinFn::IsInstance,
        BuiltinFn::IsSubclass,
        BuiltinFn::Repr,
        BuiltinFn::Sum,
        BuiltinFn::Min,
        BuiltinFn::Max,
        BuiltinFn::Abs,
        BuiltinFn::Sorted,
        BuiltinFn::Any,
        BuiltinFn::All,
        BuiltinFn::Hash,
        BuiltinFn::Hex,
        BuiltinFn::Oct,
        BuiltinFn::Bin,
        BuiltinFn::Iter,
        BuiltinFn::Next,
        BuiltinFn::GetAttr,
        BuiltinFn::SetAttr,
        BuiltinFn::HasAttr,
        BuiltinFn::DelAttr,
        BuiltinFn::Chr,
        BuiltinFn::Ord,
        BuiltinFn::Round,
        BuiltinFn::DivMod,
        BuiltinFn::Pow,
        BuiltinFn::Callable,
        BuiltinFn::Format,
        BuiltinFn::Globals,
        BuiltinFn::Super,
        BuiltinFn::BuildClass,
        BuiltinFn::Vars,
        BuiltinFn::Dir,
        BuiltinFn::Ascii,
        BuiltinFn::Compile,
        BuiltinFn::Exec,
    ];
}

/// Positional and keyword arguments of a builtin call, borrowed.
pub struct Args {
    pub pos: Vec<ObjectId>,
    pub kw: Vec<(String, ObjectId)>,
}

impl Args {
    pub fn kw(&self, name: &str) -> Option<ObjectId> {
        self.kw.iter().find(|(k, _)| k == name).map(|(_, v)| *v)
    }
}

impl Vm {
    /// `callable(v)`: `Py_TYPE(v)->tp_call != NULL`.
    pub fn is_callable(&self, v: ObjectId) -> bool {
        matches!(self.heap.payload(v), Payload::Function(_) | Payload::Builtin { .. } | Payload::Method { .. } | Payload::Type(_))
            || self.lookup_type_attr(self.heap.get(v).ty, "__call__").is_some()
            || self.module_callable(v)
    }

    /// Runs a builtin with owned `args` (the last `len(kwnames)` are keyword
    /// values); releases them.
    pub fn call_builtin(&mut self, which: BuiltinFn, args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        if kwnames == NULL {
            // Positional only: the arguments move into `Args` uncopied.
            let a = Args { pos: args, kw: Vec::new() };
            let r = self.run_builtin(which, &a);
            self.release_args(a.pos);
            return r;
        }
        let names = if kwnames == NULL { Vec::new() } else { self.tuple_items(kwnames) };
        let npos = args.len() - names.len();
        let kw: Vec<(String, ObjectId)> =
            names.iter().zip(args[npos..].iter()).map(|(k, v)| (self.str_of(*k).to_string(), *v)).collect();
        let a = Args { pos: args[..npos].to_vec(), kw };
        let r = self.run_builtin(which, &a);
        for v in args {
            self.decref(v);
        }
        r
    }

    /// The object bound to a builtin function in `builtins` (borrowed → new ref).
    pub fn builtin_global(&mut self, f: BuiltinFn) -> ObjectId {
        let key = self.intern(f.name());
        let v = self.dict_get_str(self.wk.builtins, key).unwrap_or(self.wk.none);
        self.decref(key);
        self.incref(v);
        v
    }

    /// `item in container`.
    pub fn contains(&mut self, container: ObjectId, item: ObjectId) -> R<bool> {
        match self.heap.payload(container) {
            Payload::Dict(_) => Ok(self.dict_get(container, item)?.is_some()),
            Payload::Set(_) | Payload::FrozenSet(_) => self.set_contains(container, item),
            Payload::Str(s) => {
                let s = s.clone();
                match self.heap.payload(item) {
                    Payload::Str(sub) => Ok(s.contains(&**sub)),
                    _ => {
                        let t = self.type_name(item);
                        Err(self.error("TypeError", &format!("'in <string>' requires string as left operand, not {t}")))
                    }
                }
            }
            Payload::Bytes(b) => {
                let b = b.clone();
                match (self.heap.payload(item), self.as_i64(item)) {
                    (Payload::Bytes(sub), _) => Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])),
                    (_, Some(i)) => Ok(b.iter().any(|&x| x as i64 == i)),
                    _ => Err(self.error("TypeError", "a bytes-like object is required")),
                }
            }
            Payload::Range(r) => {
                let crate::heap::RangeObj { start, stop, step } = **r;
                match self.as_i64(item).filter(|_| self.is_int(item)) {
                    Some(i) => Ok(if step > 0 { i >= start && i < stop } else { i <= start && i > stop } && (i - start) % step == 0),
                    None => {
                        for k in 0..crate::vm::iter::range_len(start, stop, step) {
                            let v = self.new_int(start + k as i64 * step)?;
                            let eq = self.eq_bool(v, item);
                            self.decref(v);
                            if eq? {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                }
            }
            Payload::Instance(_) => {
                if let Some(r) = self.call_dunder(container, "__contains__", &[item])? {
                    let t = self.truthy(r);
                    self.decref(r);
                    return t;
                }
                self.contains_by_iteration(container, item)
            }
            Payload::Ext(_) => match self.module_contains(container, item)? {
                Some(r) => Ok(r),
                None => self.contains_by_iteration(container, item),
            },
            _ => self.contains_by_iteration(container, item),
        }
    }

    fn contains_by_iteration(&mut self, container: ObjectId, item: ObjectId) -> R<bool> {
        let it = match self.get_iter(container) {
            Ok(it) => it,
            Err(crate::vm::Unwind::Exc(e)) if self.is_instance_of_name(e, "TypeError") => {
                self.decref(e);
                let t = self.type_name(container);
                return Err(self.error("TypeError", &format!("argument of type '{t}' is not iterable")));
            }
            Err(e) => return Err(e),
        };
        loop {
            match self.iter_next(it) {
                Ok(Some(v)) => {
                    let eq = self.eq_bool(v, item);
                    self.decref(v);
                    match eq {
                        Ok(true) => {
                            self.decref(it);
                            return Ok(true);
                        }
                        Ok(false) => {}
                        Err(e) => {
                            self.decref(it);
                            return Err(e);
                        }
                    }
                }
                Ok(None) => {
                    self.decref(it);
                    return Ok(false);
                }
                Err(e) => {
                    self.decref(it);
                    return Err(e);
                }
            }
        }
    }

    /// Checks a builtin function's positional argument count (METH_NOARGS and
    /// METH_O wording for 0 and 1, Argument Clinic's otherwise).
    pub fn arity(&mut self, name: &str, a: &Args, min: usize, max: usize) -> R<()> {
        self.check_args(ArgCheck::range(min, max), name, name, a.pos.len())
    }

    /// Argument Clinic's check of required parameters that may also come by
    /// keyword: `round() missing required argument 'number' (pos 1)`.
    fn required_args(&mut self, fname: &str, params: &[&str], a: &Args) -> R<()> {
        for (i, p) in params.iter().enumerate() {
            if i >= a.pos.len() && a.kw(p).is_none() {
                let msg = format!("{fname}() missing required argument '{p}' (pos {})", i + 1);
                return Err(self.error("TypeError", &msg));
            }
        }
        Ok(())
    }

    fn run_builtin(&mut self, which: BuiltinFn, a: &Args) -> R<ObjectId> {
        use BuiltinFn::*;
        match which {
            Print => {
                let sep = match a.kw("sep") {
                    Some(s) if s != self.wk.none => self.str_value(s)?,
                    _ => " ".into(),
                };
                let end = match a.kw("end") {
                    Some(s) if s != self.wk.none => self.str_value(s)?,
                    _ => "\n".into(),
                };
                let mut parts = Vec::with_capacity(a.pos.len());
                for &v in &a.pos {
                    parts.push(self.str_value(v)?);
                }
                let text = parts.join(&sep) + &end;
                self.first_print_state()?;
                self.write_stdout(&text);
                Ok(self.none_ref())
            }
            Len => {
                self.arity("len", a, 1, 1)?;
                let n = self.len_of(a.pos[0])?;
                self.new_int(n as i64)
            }
            Id => {
                self.arity("id", a, 1, 1)?;
                let id = self.id_of(a.pos[0]);
                self.new_bigint(id.into())
            }
            IsInstance | IsSubclass => {
                let name = which.name();
                self.arity(name, a, 2, 2)?;
                let ty = if which == IsInstance { self.heap.get(a.pos[0]).ty } else { a.pos[0] };
                if which == IsSubclass && !matches!(self.heap.payload(ty), Payload::Type(_)) {
                    return Err(self.error("TypeError", "issubclass() arg 1 must be a class"));
                }
                let classes = match self.heap.payload(a.pos[1]) {
                    Payload::Tuple(t) => t.to_vec(),
                    Payload::Type(_) => vec![a.pos[1]],
                    _ => {
                        return Err(self.error(
                            "TypeError",
                            &format!("{name}() arg 2 must be a type, a tuple of types, or a union"),
                        ))
                    }
                };
                let mut r = classes.iter().any(|&c| self.is_subtype(ty, c));
                // bool is an int subclass.
                if !r && ty == Builtin::Bool.id() {
                    r = classes.contains(&Builtin::Int.id());
                }
                Ok(self.bool_ref(r))
            }
            Repr | Ascii => {
                self.arity(which.name(), a, 1, 1)?;
                let s = self.repr(a.pos[0])?;
                let s = if which == Ascii {
                    s.chars()
                        .map(|c| if (c as u32) < 128 { c.to_string() } else if (c as u32) < 256 { format!("\\x{:02x}", c as u32) } else if (c as u32) < 0x10000 { format!("\\u{:04x}", c as u32) } else { format!("\\U{:08x}", c as u32) })
                        .collect()
                } else {
                    s
                };
                self.new_str(&s)
            }
            Sum => {
                if a.pos.is_empty() {
                    return Err(self.error("TypeError", "sum() takes at least 1 positional argument (0 given)"));
                }
                self.check_args(ArgCheck::Parsed(1, 2), "sum", "sum", a.pos.len())?;
                let start = a.pos.get(1).copied().or_else(|| a.kw("start"));
                let mut acc = match start {
                    Some(s) => {
                        if matches!(self.heap.payload(s), Payload::Str(_)) {
                            return Err(self.error("TypeError", "sum() can't sum strings [use ''.join(seq) instead]"));
                        }
                        self.incref(s);
                        s
                    }
                    None => self.new_int(0)?,
                };
                let it = match self.get_iter(a.pos[0]) {
                    Ok(it) => it,
                    Err(e) => {
                        self.decref(acc);
                        return Err(e);
                    }
                };
                loop {
                    match self.iter_next(it) {
                        Ok(Some(v)) => {
                            let r = self.binary_op(acc, v, crate::bytecode::BinOp::Add, false);
                            self.decref(acc);
                            self.decref(v);
                            match r {
                                Ok(n) => acc = n,
                                Err(e) => {
                                    self.decref(it);
                                    return Err(e);
                                }
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            self.decref(acc);
                            self.decref(it);
                            return Err(e);
                        }
                    }
                }
                self.decref(it);
                Ok(acc)
            }
            Min | Max => self.min_max(which == Max, a),
            Abs => {
                self.arity("abs", a, 1, 1)?;
                let v = a.pos[0];
                match self.num(v) {
                    Some(crate::vm::ops::Num::I(i)) => match i.checked_abs() {
                        Some(x) => self.new_int(x),
                        None => self.new_bigint(num_bigint::BigInt::from(i).magnitude().clone().into()),
                    },
                    Some(crate::vm::ops::Num::B(b)) => self.new_bigint(b.magnitude().clone().into()),
                    Some(crate::vm::ops::Num::F(f)) => self.new_float(f.abs()),
                    None if matches!(self.heap.payload(v), Payload::Complex(..)) => {
                        let Payload::Complex(r, i) = *self.heap.payload(v) else { unreachable!() };
                        self.new_float(r.hypot(i))
                    }
                    None => match self.call_dunder(v, "__abs__", &[])? {
                        Some(r) => Ok(r),
                        None => {
                            let t = self.type_name(v);
                            Err(self.error("TypeError", &format!("bad operand type for abs(): '{t}'")))
                        }
                    },
                }
            }
            Sorted => {
                if a.pos.len() != 1 {
                    let n = a.pos.len();
                    return Err(self.error("TypeError", &format!("sorted expected 1 argument, got {n}")));
                }
                let items = self.collect_iterable(a.pos[0])?;
                let n = items.len();
                let list = self.new_list(Vec::new(), 0)?;
                if n > 0 {
                    self.list_preallocate_exact(list, n)?;
                }
                self.list_replace(list, items)?;
                if let Err(e) = self.sort_list(list, a.kw("key"), a.kw("reverse")) {
                    self.decref(list);
                    return Err(e);
                }
                Ok(list)
            }
            Any | All => {
                self.arity(which.name(), a, 1, 1)?;
                let want = which == Any;
                let it = self.get_iter(a.pos[0])?;
                let mut result = !want;
                loop {
                    match self.iter_next(it) {
                        Ok(Some(v)) => {
                            let t = self.truthy(v);
                            self.decref(v);
                            match t {
                                Ok(t) if t == want => {
                                    result = want;
                                    break;
                                }
                                Ok(_) => {}
                                Err(e) => {
                                    self.decref(it);
                                    return Err(e);
                                }
                            }
                        }
                        Ok(None) => break,
                        Err(e) => {
                            self.decref(it);
                            return Err(e);
                        }
                    }
                }
                self.decref(it);
                Ok(self.bool_ref(result))
            }
            Hash => {
                self.arity("hash", a, 1, 1)?;
                let h = self.hash(a.pos[0])?;
                self.new_int(h)
            }
            Hex | Oct | Bin => {
                self.arity(which.name(), a, 1, 1)?;
                let v = a.pos[0];
                let Some(crate::vm::ops::Num::I(_) | crate::vm::ops::Num::B(_)) = self.num(v).filter(|_| self.is_int(v)) else {
                    let t = self.type_name(v);
                    return Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")));
                };
                let spec = match which {
                    Hex => "#x",
                    Oct => "#o",
                    _ => "#b",
                };
                let s = crate::vm::format::format_builtin(self, v, spec)?;
                self.new_str(&s)
            }
            Iter => {
                self.check_args(ArgCheck::Positional(1, 2), "iter", "iter", a.pos.len())?;
                if a.pos.len() == 2 {
                    return Err(self.unsupported("iter(callable, sentinel)"));
                }
                self.get_iter(a.pos[0])
            }
            Next => {
                self.arity("next", a, 1, 2)?;
                let it = a.pos[0];
                let is_iter = matches!(self.heap.payload(it), Payload::Iter(_) | Payload::Generator(_))
                    || self.lookup_type_attr(self.heap.get(it).ty, "__next__").is_some()
                    || self.module_is_iterator(it);
                if !is_iter {
                    let t = self.type_name(it);
                    return Err(self.error("TypeError", &format!("'{t}' object is not an iterator")));
                }
                match self.iter_next(it)? {
                    Some(v) => Ok(v),
                    None => match a.pos.get(1) {
                        Some(&d) => {
                            self.incref(d);
                            Ok(d)
                        }
                        None => Err(self.error("StopIteration", "")),
                    },
                }
            }
            GetAttr => {
                self.arity("getattr", a, 2, 3)?;
                let name = self.attr_name(a.pos[1], "getattr")?;
                match self.getattr_str(a.pos[0], &name) {
                    Ok(v) => Ok(v),
                    Err(crate::vm::Unwind::Exc(e)) if a.pos.len() == 3 && self.is_instance_of_name(e, "AttributeError") => {
                        self.decref(e);
                        self.incref(a.pos[2]);
                        Ok(a.pos[2])
                    }
                    Err(e) => Err(e),
                }
            }
            SetAttr => {
                self.arity("setattr", a, 3, 3)?;
                let name = self.attr_name(a.pos[1], "setattr")?;
                let key = self.intern(&name);
                let r = self.setattr(a.pos[0], key, a.pos[2]);
                self.decref(key);
                r?;
                Ok(self.none_ref())
            }
            DelAttr => {
                self.arity("delattr", a, 2, 2)?;
                let name = self.attr_name(a.pos[1], "delattr")?;
                let key = self.intern(&name);
                let r = self.delattr(a.pos[0], key);
                self.decref(key);
                r?;
                Ok(self.none_ref())
            }
            HasAttr => {
                self.arity("hasattr", a, 2, 2)?;
                let name = self.attr_name(a.pos[1], "hasattr")?;
                match self.getattr_str(a.pos[0], &name) {
                    Ok(v) => {
                        self.decref(v);
                        Ok(self.bool_ref(true))
                    }
                    Err(crate::vm::Unwind::Exc(e)) if self.is_instance_of_name(e, "AttributeError") => {
                        self.decref(e);
                        Ok(self.bool_ref(false))
                    }
                    Err(e) => Err(e),
                }
            }
            Chr => {
                self.arity("chr", a, 1, 1)?;
                let Some(i) = self.as_i64(a.pos[0]) else {
                    let t = self.type_name(a.pos[0]);
                    return Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")));
                };
                match u32::try_from(i).ok().and_then(char::from_u32) {
                    Some(c) => self.new_str(c.encode_utf8(&mut [0; 4])),
                    None => Err(self.error("ValueError", "chr() arg not in range(0x110000)")),
                }
            }
            Ord => {
                self.arity("ord", a, 1, 1)?;
                let s = match self.heap.payload(a.pos[0]) {
                    Payload::Str(s) => s.clone(),
                    _ => {
                        let t = self.type_name(a.pos[0]);
                        return Err(self.error("TypeError", &format!("ord() expected string of length 1, but {t} found")));
                    }
                };
                let mut cs = s.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => self.new_int(c as i64),
                    _ => {
                        let n = s.chars().count();
                        Err(self.error("TypeError", &format!("ord() expected a character, but string of length {n} found")))
                    }
                }
            }
            Round => {
                self.required_args("round", &["number"], a)?;
                self.check_args(ArgCheck::Parsed(1, 2), "round", "round", a.pos.len())?;
                let digits = a.pos.get(1).copied().filter(|&d| d != self.wk.none);
                match self.num(a.pos[0]) {
                    Some(crate::vm::ops::Num::F(f)) => match digits {
                        None => {
                            let r = round_half_even(f);
                            if !r.is_finite() {
                                return Err(self.error("OverflowError", "cannot convert float infinity to integer"));
                            }
                            self.new_bigint(num_bigint::BigInt::from(r as i128))
                        }
                        Some(d) => {
                            let d = self.as_i64(d).unwrap_or(0);
                            let m = 10f64.powi(d as i32);
                            let r = round_half_even(f * m) / m;
                            let r: f64 = format!("{:.*}", d.max(0) as usize, f).parse().unwrap_or(r);
                            self.new_float(r)
                        }
                    },
                    Some(_) => {
                        self.incref(a.pos[0]);
                        Ok(a.pos[0])
                    }
                    None => {
                        let t = self.type_name(a.pos[0]);
                        Err(self.error("TypeError", &format!("type {t} doesn't define __round__ method")))
                    }
                }
            }
            DivMod => {
                self.arity("divmod", a, 2, 2)?;
                let q = self.binary_op(a.pos[0], a.pos[1], crate::bytecode::BinOp::FloorDiv, false)?;
                let r = match self.binary_op(a.pos[0], a.pos[1], crate::bytecode::BinOp::Mod, false) {
                    Ok(r) => r,
                    Err(e) => {
                        self.decref(q);
                        return Err(e);
                    }
                };
                self.new_tuple(vec![q, r])
            }
            Pow => {
                self.required_args("pow", &["base", "exp"], a)?;
                self.check_args(ArgCheck::Parsed(2, 3), "pow", "pow", a.pos.len())?;
                if let Some(&m) = a.pos.get(2) {
                    if m != self.wk.none {
                        let (Some(b), Some(e), Some(m)) = (self.as_i64(a.pos[0]), self.as_i64(a.pos[1]), self.as_i64(m)) else {
                            return Err(self.unsupported("three-argument pow() on big numbers"));
                        };
                        if m == 0 {
                            return Err(self.error("ValueError", "pow() 3rd argument cannot be 0"));
                        }
                        let r = num_bigint::BigInt::from(b).modpow(&num_bigint::BigInt::from(e), &num_bigint::BigInt::from(m));
                        return self.new_bigint(r);
                    }
                }
                self.binary_op(a.pos[0], a.pos[1], crate::bytecode::BinOp::Pow, false)
            }
            Callable => {
                self.arity("callable", a, 1, 1)?;
                let r = self.is_callable(a.pos[0]);
                Ok(self.bool_ref(r))
            }
            Format => {
                self.arity("format", a, 1, 2)?;
                let spec = match a.pos.get(1) {
                    Some(&s) => self.str_of(s).to_string(),
                    None => String::new(),
                };
                let v = a.pos[0];
                let s = self.format(v, &spec)?;
                match self.unchanged_str(v, &s) {
                    Some(same) => Ok(same),
                    None => self.new_str(&s),
                }
            }
            Globals => {
                let g = self.frames.last().map(|f| f.globals).unwrap_or(self.wk.builtins);
                self.incref(g);
                Ok(g)
            }
            Vars => {
                self.check_args(ArgCheck::Positional(0, 1), "vars", "vars", a.pos.len())?;
                if a.pos.is_empty() {
                    return Err(self.unsupported("vars() without an argument"));
                }
                match self.try_getattr(a.pos[0], "__dict__")? {
                    Some(d) => Ok(d),
                    None => Err(self.error("TypeError", "vars() argument must have __dict__ attribute")),
                }
            }
            Dir => Err(self.unsupported("dir()")),
            Compile => self.builtin_compile(a),
            Exec => self.builtin_exec(a),
            Super => self.builtin_super(a),
            BuildClass => self.build_class(a),
            Module(m) => self.run_module_fn(m, a),
            _ => self.run_method(which, a),
        }
    }

    /// `compile(source, filename, mode)` for modes 'exec' and 'single' (the
    /// REPL's: one input, echoing expression values): a code object.
    fn builtin_compile(&mut self, a: &Args) -> R<ObjectId> {
        self.arity("compile", a, 3, 6)?;
        let (src, filename, mode) = (self.str_of(a.pos[0]), self.str_of(a.pos[1]), self.str_of(a.pos[2]));
        let mode = match &*mode {
            "exec" => crate::syntax::Mode::Script,
            "single" => crate::syntax::Mode::Repl,
            "eval" => return Err(self.unsupported("compile() in 'eval' mode")),
            _ => return Err(self.error("ValueError", "compile() mode must be 'exec', 'eval' or 'single'")),
        };
        let prog = match crate::syntax::compile(&src, &filename, mode) {
            Ok(p) => p,
            Err(e) => {
                let msg = e.msg.clone();
                return Err(self.error("SyntaxError", &msg));
            }
        };
        if prog.units.len() != 1 && mode == crate::syntax::Mode::Repl {
            return Err(self.error("SyntaxError", "multiple statements found while compiling a single statement"));
        }
        // compile() frees its parser arena before returning.
        let (code, arena) = crate::compile::compile_unit(self, &prog, 0)?;
        arena.release(self);
        Ok(code)
    }

    /// `exec(code_or_source, globals=None)`: runs module-level code with
    /// `globals` (the caller's globals when omitted).
    fn builtin_exec(&mut self, a: &Args) -> R<ObjectId> {
        self.arity("exec", a, 1, 3)?;
        let (code_obj, arena) = match self.heap.payload(a.pos[0]) {
            Payload::Code(_) => {
                self.incref(a.pos[0]);
                (a.pos[0], None)
            }
            Payload::Str(s) => {
                let s = s.clone();
                let prog = match crate::syntax::compile(&s, "<string>", crate::syntax::Mode::Script) {
                    Ok(p) => p,
                    Err(e) => {
                        let msg = e.msg.clone();
                        return Err(self.error("SyntaxError", &msg));
                    }
                };
                let (code, arena) = crate::compile::compile_unit(self, &prog, 0)?;
                (code, Some(arena))
            }
            _ => {
                let t = self.type_name(a.pos[0]);
                return Err(self.error("TypeError", &format!("exec() arg 1 must be a string, bytes or code object, not {t}")));
            }
        };
        // A source string's parser arena lives until its code has run.
        let r = self.exec_code(a, code_obj);
        if let Some(arena) = arena {
            arena.release(self);
        }
        r
    }

    /// Runs `exec`'s code object (a reference it consumes) in its globals.
    fn exec_code(&mut self, a: &Args, code_obj: ObjectId) -> R<ObjectId> {
        let globals = match a.pos.get(1).copied().filter(|&g| g != self.wk.none) {
            Some(g) if self.is_dict(g) => g,
            Some(_) => {
                self.decref(code_obj);
                return Err(self.error("TypeError", "exec() globals must be a dict, not list"));
            }
            None => self.frames.last().map(|f| f.globals).unwrap_or(self.main_globals),
        };
        let key = self.intern("__builtins__");
        if self.dict_get_str(globals, key).is_none() {
            let b = self.wk.builtins;
            if let Err(e) = self.dict_set(globals, key, b) {
                self.decref(key);
                self.decref(code_obj);
                return Err(e);
            }
        }
        self.decref(key);
        let code = self.code_of(code_obj);
        self.incref(globals);
        let mut frame = crate::vm::Frame::new(code, code_obj, globals);
        frame.handling_base = self.handling.len();
        let r = self.run_frame(frame);
        self.decref(code_obj);
        match r? {
            crate::vm::interp::Exit::Return(v) | crate::vm::interp::Exit::Yield(v) => self.decref(v),
        }
        Ok(self.none_ref())
    }

    /// The str name argument of getattr & co.
    fn attr_name(&mut self, v: ObjectId, func: &str) -> R<String> {
        match self.heap.payload(v) {
            Payload::Str(s) => Ok(s.to_string()),
            _ => {
                let t = self.type_name(v);
                let _ = func;
                Err(self.error("TypeError", &format!("attribute name must be string, not '{t}'")))
            }
        }
    }

    /// CPython's first `print()` raises `gc.get_count()[0]` by 4 and later
    /// ones by 0 (measured): four GC objects are allocated and end on a
    /// free list (so their frees do not count down), leaving tracemalloc's
    /// totals as they were. Modelled as four 1-tuples, once.
    fn first_print_state(&mut self) -> R<()> {
        if self.printed {
            return Ok(());
        }
        self.printed = true;
        let tracing = std::mem::replace(&mut self.heap.tracemalloc.tracing, false);
        let mut made = Vec::new();
        for _ in 0..4 {
            let none = self.none_ref();
            made.push(self.new_tuple(vec![none]));
        }
        for t in made.into_iter().flatten() {
            self.decref(t);
        }
        self.heap.tracemalloc.tracing = tracing;
        Ok(())
    }

    /// `len(obj)`.
    pub fn len_of(&mut self, obj: ObjectId) -> R<usize> {
        Ok(match self.heap.payload(obj) {
            Payload::Str(s) => s.chars().count(),
            Payload::Bytes(b) => b.len(),
            Payload::Tuple(t) => t.len(),
            Payload::List(l) => l.items.len(),
            Payload::Dict(d) => d.used,
            Payload::Set(s) | Payload::FrozenSet(s) => s.used,
            Payload::Range(r) => crate::vm::iter::range_len(r.start, r.stop, r.step),
            Payload::Iter(s) if matches!(**s, crate::vm::iter::IterState::DictView { .. }) => match **s {
                crate::vm::iter::IterState::DictView { dict, .. } => self.dict_len(dict),
                _ => 0,
            },
            Payload::Instance(_) => match self.call_dunder(obj, "__len__", &[])? {
                Some(v) => {
                    let n = self.as_i64(v);
                    self.decref(v);
                    match n {
                        Some(n) if n >= 0 => n as usize,
                        Some(_) => return Err(self.error("ValueError", "__len__() should return >= 0")),
                        None => return Err(self.error("TypeError", "'float' object cannot be interpreted as an integer")),
                    }
                }
                None => {
                    let t = self.type_name(obj);
                    return Err(self.error("TypeError", &format!("object of type '{t}' has no len()")));
                }
            },
            _ => match self.module_len(obj) {
                Some(n) => n,
                None => {
                    let t = self.type_name(obj);
                    return Err(self.error("TypeError", &format!("object of type '{t}' has no len()")));
                }
            },
        })
    }

    fn min_max(&mut self, is_max: bool, a: &Args) -> R<ObjectId> {
        let name = if is_max { "max" } else { "min" };
        if a.pos.is_empty() {
            return Err(self.error("TypeError", &format!("{name} expected at least 1 argument, got 0")));
        }
        let items = if a.pos.len() == 1 {
            self.collect_iterable(a.pos[0])?
        } else {
            for &v in &a.pos {
                self.incref(v);
            }
            a.pos.clone()
        };
        let key = a.kw("key").filter(|&k| k != self.wk.none);
        let mut best: Option<(ObjectId, ObjectId)> = None;
        let mut result = Ok(());
        for &v in &items {
            let k = match key {
                Some(f) => {
                    self.incref(v);
                    match self.call(f, vec![v]) {
                        Ok(k) => k,
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    }
                }
                None => {
                    self.incref(v);
                    v
                }
            };
            match best {
                None => best = Some((v, k)),
                Some((_, bk)) => {
                    let op = if is_max { crate::bytecode::CmpOp::Gt } else { crate::bytecode::CmpOp::Lt };
                    match self.compare(k, bk, op).and_then(|r| {
                        let t = self.truthy(r);
                        self.decref(r);
                        t
                    }) {
                        Ok(true) => {
                            self.decref(bk);
                            best = Some((v, k));
                        }
                        Ok(false) => self.decref(k),
                        Err(e) => {
                            self.decref(k);
                            result = Err(e);
                            break;
                        }
                    }
                }
            }
        }
        let out = match (result, best) {
            (Err(e), b) => {
                if let Some((_, k)) = b {
                    self.decref(k);
                }
                Err(e)
            }
            (Ok(()), Some((v, k))) => {
                self.decref(k);
                self.incref(v);
                Ok(v)
            }
            (Ok(()), None) => match a.kw("default") {
                Some(d) => {
                    self.incref(d);
                    Ok(d)
                }
                None => Err(self.error("ValueError", &format!("{name}() arg is an empty sequence"))),
            },
        };
        for v in items {
            self.decref(v);
        }
        out
    }

    /// `list.sort(key=, reverse=)`: a stable sort (CPython's is too).
    pub fn sort_list(&mut self, list: ObjectId, key: Option<ObjectId>, reverse: Option<ObjectId>) -> R<()> {
        let items = self.list_items(list);
        let key = key.filter(|&k| k != self.wk.none);
        let mut keyed: Vec<(ObjectId, ObjectId)> = Vec::with_capacity(items.len());
        for &v in &items {
            let k = match key {
                Some(f) => {
                    self.incref(v);
                    match self.call(f, vec![v]) {
                        Ok(k) => k,
                        Err(e) => {
                            for (_, k) in keyed {
                                self.decref(k);
                            }
                            return Err(e);
                        }
                    }
                }
                None => {
                    self.incref(v);
                    v
                }
            };
            keyed.push((v, k));
        }
        let rev = match reverse {
            Some(r) => self.truthy(r)?,
            None => false,
        };
        // Merge sort with fallible comparisons (Rust's sort_by cannot fail).
        let mut error = None;
        let sorted = self.merge_sort(keyed.clone(), &mut error, rev);
        for (_, k) in &keyed {
            self.decref(*k);
        }
        if let Some(e) = error {
            return Err(e);
        }
        self.list_set_order(list, sorted.into_iter().map(|(v, _)| v).collect());
        Ok(())
    }

    fn merge_sort(&mut self, v: Vec<(ObjectId, ObjectId)>, error: &mut Option<crate::vm::Unwind>, rev: bool) -> Vec<(ObjectId, ObjectId)> {
        if v.len() <= 1 || error.is_some() {
            return v;
        }
        let mut v = v;
        let right = v.split_off(v.len() / 2);
        let left = self.merge_sort(v, error, rev);
        let right = self.merge_sort(right, error, rev);
        let mut out = Vec::with_capacity(left.len() + right.len());
        let (mut i, mut j) = (0, 0);
        while i < left.len() && j < right.len() {
            // Take from the right only when it is strictly less (stability).
            let (a, b) = if rev { (left[i].1, right[j].1) } else { (right[j].1, left[i].1) };
            let less = if error.is_some() {
                false
            } else {
                match self.compare(a, b, crate::bytecode::CmpOp::Lt).and_then(|r| {
                    let t = self.truthy(r);
                    self.decref(r);
                    t
                }) {
                    Ok(t) => t,
                    Err(e) => {
                        *error = Some(e);
                        false
                    }
                }
            };
            if less {
                out.push(right[j]);
                j += 1;
            } else {
                out.push(left[i]);
                i += 1;
            }
        }
        out.extend_from_slice(&left[i..]);
        out.extend_from_slice(&right[j..]);
        out
    }
}

/// Python's `round()`: halves go to the even neighbour.
pub fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}
