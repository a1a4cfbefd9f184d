//! Methods of the builtin types (`list.append`, `dict.get`, `str.join`, ...).
//! `a.pos[0]` is the bound object.

use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::vm::argcheck::ArgCheck;
use crate::vm::builtins::{Args, BuiltinFn};
use crate::vm::iter::{DictPart, IterState};
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

impl Vm {
    fn self_arg(&mut self, which: BuiltinFn, a: &Args) -> R<ObjectId> {
        match a.pos.first() {
            Some(&s) => Ok(s),
            None => Err(self.error("TypeError", &format!("unbound method {}() needs an argument", which.name()))),
        }
    }

    fn str_arg(&mut self, v: ObjectId, what: &str) -> R<String> {
        match self.heap.payload(v) {
            Payload::Str(s) => Ok(s.to_string()),
            _ => {
                let t = self.type_name(v);
                Err(self.error("TypeError", &format!("{what} must be str, not {t}")))
            }
        }
    }

    fn int_arg(&mut self, v: ObjectId) -> R<i64> {
        match self.as_i64(v) {
            Some(i) => Ok(i),
            None => {
                let t = self.type_name(v);
                Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    pub(crate) fn run_method(&mut self, which: BuiltinFn, a: &Args) -> R<ObjectId> {
        use BuiltinFn::*;
        let this = self.self_arg(which, a)?;
        let args = &a.pos[1..];
        let name = which.name();
        if let Some(check) = which.arg_check() {
            let given = args.len();
            if !check.accepts(given) {
                // The wording names the method's type (`list.append()`).
                let owner = self.heap.get(this).ty;
                let owner = match self.builtin_of_type(owner) {
                    Some(b) => b.name().to_string(),
                    None => self.type_name(this),
                };
                self.check_args(check, &format!("{owner}.{name}"), name, given)?;
            }
        }
        match which {
            ListAppend => {
                self.list_append(this, args[0])?;
                Ok(self.none_ref())
            }
            ListExtend => {
                self.list_extend(this, args[0])?;
                Ok(self.none_ref())
            }
            ListPop => {
                let n = self.list_len(this);
                if n == 0 {
                    return Err(self.error("IndexError", "pop from empty list"));
                }
                let i = match args.first() {
                    Some(&i) => self.int_arg(i)?,
                    None => -1,
                };
                let j = if i < 0 { i + n as i64 } else { i };
                if j < 0 || j >= n as i64 {
                    return Err(self.error("IndexError", "pop index out of range"));
                }
                self.list_pop_at(this, j as usize)
            }
            ListInsert => {
                let n = self.list_len(this) as i64;
                let i = self.int_arg(args[0])?;
                let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
                self.list_insert(this, j as usize, args[1])?;
                Ok(self.none_ref())
            }
            ListRemove | ListIndex | ListCount | TupleIndex | TupleCount => {
                if let Payload::Range(r) = self.heap.payload(this) {
                    let crate::heap::RangeObj { start, stop, step } = **r;
                    return self.range_index_count(which, start, stop, step, args[0]);
                }
                let items = self.seq_items(this);
                let mut count = 0;
                let mut first = None;
                for (i, &v) in items.iter().enumerate() {
                    if self.eq_bool(v, args[0])? {
                        count += 1;
                        if first.is_none() {
                            first = Some(i);
                            if which != ListCount && which != TupleCount {
                                break;
                            }
                        }
                    }
                }
                match which {
                    ListCount | TupleCount => self.new_int(count),
                    ListRemove => match first {
                        Some(i) => {
                            let v = self.list_pop_at(this, i)?;
                            self.decref(v);
                            Ok(self.none_ref())
                        }
                        None => Err(self.error("ValueError", "list.remove(x): x not in list")),
                    },
                    _ => match first {
                        Some(i) => self.new_int(i as i64),
                        None if which == TupleIndex => Err(self.error("ValueError", "tuple.index(x): x not in tuple")),
                        None => {
                            let r = self.repr(args[0])?;
                            Err(self.error("ValueError", &format!("{r} is not in list")))
                        }
                    },
                }
            }
            ListInit => {
                self.check_args(ArgCheck::Positional(0, 1), "list", "list", args.len())?;
                self.list_clear(this)?;
                if let Some(&it) = args.first() {
                    self.list_extend(this, it)?;
                }
                Ok(self.none_ref())
            }
            ListClear => {
                self.list_clear(this)?;
                Ok(self.none_ref())
            }
            ListCopy => {
                let items = self.list_items(this);
                for &i in &items {
                    self.incref(i);
                }
                let n = items.len();
                self.new_list(items, n)
            }
            ListReverse => {
                self.list_reverse(this);
                Ok(self.none_ref())
            }
            ListSort => {
                self.sort_list(this, a.kw("key"), a.kw("reverse"))?;
                Ok(self.none_ref())
            }
            DictGet => {
                let v = match self.dict_get(this, args[0])? {
                    Some(v) => v,
                    None => args.get(1).copied().unwrap_or(self.wk.none),
                };
                self.incref(v);
                Ok(v)
            }
            DictKeys | DictValues | DictItems => {
                let (part, ty) = match which {
                    DictKeys => (DictPart::Keys, Builtin::DictKeys),
                    DictValues => (DictPart::Values, Builtin::DictValues),
                    _ => (DictPart::Items, Builtin::DictItems),
                };
                self.incref(this);
                self.new_iter(ty, IterState::DictView { dict: this, part })
            }
            DictPop => {
                match self.dict_get(this, args[0])? {
                    Some(v) => {
                        self.incref(v);
                        self.dict_del(this, args[0])?;
                        Ok(v)
                    }
                    None => match args.get(1) {
                        Some(&d) => {
                            self.incref(d);
                            Ok(d)
                        }
                        None => Err(self.key_error(args[0])),
                    },
                }
            }
            DictPopItem => {
                let last = self.dict_entries(this).last().copied();
                match last {
                    Some((k, v)) => {
                        self.incref(k);
                        self.incref(v);
                        self.dict_del(this, k)?;
                        self.new_tuple(vec![k, v])
                    }
                    None => Err(self.error("KeyError", "popitem(): dictionary is empty")),
                }
            }
            DictSetDefault => {
                let d = args.get(1).copied().unwrap_or(self.wk.none);
                let v = match self.dict_get(this, args[0])? {
                    Some(v) => v,
                    None => {
                        self.dict_set(this, args[0], d)?;
                        d
                    }
                };
                self.incref(v);
                Ok(v)
            }
            DictUpdate => {
                if let Some(&o) = args.first() {
                    self.dict_update(this, o)?;
                }
                for (k, v) in &a.kw {
                    let key = self.new_str(k)?;
                    let r = self.dict_set(this, key, *v);
                    self.decref(key);
                    r?;
                }
                Ok(self.none_ref())
            }
            DictClear => {
                self.dict_clear(this);
                Ok(self.none_ref())
            }
            DictCopy => {
                let d = self.new_dict()?;
                self.dict_update(d, this)?;
                Ok(d)
            }
            DictFromKeys => {
                // Unbound classmethod: dict.fromkeys(iterable, value=None).
                let (iterable, value) = (args.first().copied(), args.get(1).copied());
                let Some(iterable) = iterable else {
                    return Err(self.error("TypeError", "fromkeys expected at least 1 argument, got 0"));
                };
                let value = value.unwrap_or(self.wk.none);
                let keys = self.collect_iterable(iterable)?;
                let d = self.new_dict_presized(keys.len());
                let mut r = Ok(());
                for &k in &keys {
                    if r.is_ok() {
                        r = self.dict_set(d, k, value);
                    }
                }
                for k in keys {
                    self.decref(k);
                }
                r.map(|_| d)
            }
            SetAdd => {
                self.set_add(this, args[0])?;
                Ok(self.none_ref())
            }
            SetDiscard | SetRemove => {
                if !self.set_discard(this, args[0])? && which == SetRemove {
                    return Err(self.key_error(args[0]));
                }
                Ok(self.none_ref())
            }
            SetPop => match self.set_keys(this).first().copied() {
                Some(k) => {
                    self.incref(k);
                    self.set_discard(this, k)?;
                    Ok(k)
                }
                None => Err(self.error("KeyError", "pop from an empty set")),
            },
            SetClear => {
                self.set_clear(this);
                Ok(self.none_ref())
            }
            SetUpdate => {
                for &o in args {
                    self.set_update(this, o)?;
                }
                Ok(self.none_ref())
            }
            SetCopy => {
                let frozen = matches!(self.heap.payload(this), Payload::FrozenSet(_));
                let s = self.new_set_from(Vec::new(), frozen)?;
                self.set_update(s, this)?;
                Ok(s)
            }
            SetUnion | SetIntersection | SetDifference | SetSymmetricDifference => {
                let op = match which {
                    SetUnion => crate::bytecode::BinOp::Or,
                    SetIntersection => crate::bytecode::BinOp::And,
                    SetDifference => crate::bytecode::BinOp::Sub,
                    _ => crate::bytecode::BinOp::Xor,
                };
                let mut acc = {
                    let keys = self.set_keys(this);
                    for &k in &keys {
                        self.incref(k);
                    }
                    let frozen = matches!(self.heap.payload(this), Payload::FrozenSet(_));
                    self.new_set_from(keys, frozen)?
                };
                for &o in args {
                    let other = if self.is_set(o) {
                        self.incref(o);
                        o
                    } else {
                        let items = self.collect_iterable(o)?;
                        self.new_set_from(items, false)?
                    };
                    let r = self.binary_op(acc, other, op, false);
                    self.decref(other);
                    self.decref(acc);
                    acc = r?;
                }
                Ok(acc)
            }
            SetIsSubset | SetIsSuperset | SetIsDisjoint => {
                let other = if self.is_set(args[0]) {
                    self.incref(args[0]);
                    args[0]
                } else {
                    let items = self.collect_iterable(args[0])?;
                    self.new_set_from(items, false)?
                };
                let r = match which {
                    SetIsSubset => self.compare(this, other, crate::bytecode::CmpOp::Le),
                    SetIsSuperset => self.compare(this, other, crate::bytecode::CmpOp::Ge),
                    _ => {
                        let mut disjoint = true;
                        for k in self.set_keys(this) {
                            if self.set_contains(other, k)? {
                                disjoint = false;
                                break;
                            }
                        }
                        Ok(self.bool_ref(disjoint))
                    }
                };
                self.decref(other);
                r
            }
            IntBitLength => {
                let v = self.num(this);
                let bits = match v {
                    Some(crate::vm::ops::Num::I(i)) => 64 - i.unsigned_abs().leading_zeros() as i64,
                    Some(crate::vm::ops::Num::B(b)) => b.bits() as i64,
                    _ => 0,
                };
                self.new_int(bits)
            }
            FloatIsInteger => {
                let f = match self.heap.payload(this) {
                    Payload::Float(f) => *f,
                    _ => 0.0,
                };
                Ok(self.bool_ref(f.is_finite() && f.fract() == 0.0))
            }
            BytesDecode => {
                let b = match self.heap.payload(this) {
                    Payload::Bytes(b) => b.clone(),
                    _ => return Err(self.error("TypeError", "decode() needs bytes")),
                };
                match std::str::from_utf8(&b) {
                    Ok(s) => self.new_str(s),
                    Err(e) => Err(self.error(
                        "UnicodeDecodeError",
                        &format!("'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte", b[e.valid_up_to()], e.valid_up_to()),
                    )),
                }
            }
            BytesHex => {
                let b = match self.heap.payload(this) {
                    Payload::Bytes(b) => b.clone(),
                    _ => return Err(self.error("TypeError", "hex() needs bytes")),
                };
                let s: String = b.iter().map(|x| format!("{x:02x}")).collect();
                self.new_str(&s)
            }
            GenSend => {
                match self.gen_send(this, args[0])? {
                    Some(v) => Ok(v),
                    None => Err(self.error("StopIteration", "")),
                }
            }
            GenClose => {
                self.gen_close(this)?;
                Ok(self.none_ref())
            }
            GenThrow => {
                let v = args[0];
                let exc = if self.is_exception_class(v) {
                    self.incref(v);
                    self.call(v, Vec::new())?
                } else if self.is_subtype(self.heap.get(v).ty, self.exc_types["BaseException"]) {
                    self.incref(v);
                    v
                } else {
                    return Err(self.error("TypeError", "exceptions must be classes or instances deriving from BaseException, not str"));
                };
                match self.gen_throw(this, exc)? {
                    Some(v) => Ok(v),
                    None => Err(self.error("StopIteration", "")),
                }
            }
            ObjectSizeOf => {
                let n = self.sizeof_without_preheader(this);
                self.new_int(n as i64)
            }
            ObjectInit => Ok(self.none_ref()),
            ExceptionInit => {
                // BaseException.__init__: `args` becomes the arguments.
                let items: Vec<ObjectId> = args.to_vec();
                for &i in &items {
                    self.incref(i);
                }
                let t = self.new_tuple(items)?;
                let old = match self.heap.payload_mut(this) {
                    Payload::Instance(inst) => std::mem::replace(&mut inst.args, t),
                    _ => t,
                };
                self.xdecref(old);
                Ok(self.none_ref())
            }
            DunderGetItem => {
                self.getitem(this, args[0])
            }
            DunderSetItem => {
                self.setitem(this, args[0], args[1])?;
                Ok(self.none_ref())
            }
            DunderDelItem => {
                self.delitem(this, args[0])?;
                Ok(self.none_ref())
            }
            DunderLen => {
                let n = self.len_of(this)?;
                self.new_int(n as i64)
            }
            DunderContains => {
                let r = self.contains(this, args[0])?;
                Ok(self.bool_ref(r))
            }
            DunderIter => self.get_iter(this),
            DunderNext => match self.iter_next(this)? {
                Some(v) => Ok(v),
                None => Err(self.error("StopIteration", "")),
            },
            DunderRepr => {
                let s = self.repr(this)?;
                self.new_str(&s)
            }
            DunderStr => {
                let s = self.str_value(this)?;
                self.new_str(&s)
            }
            DunderEq | DunderNe => {
                let op = if which == DunderEq { crate::bytecode::CmpOp::Eq } else { crate::bytecode::CmpOp::Ne };
                self.compare(this, args[0], op)
            }
            DunderHash => {
                let h = self.hash(this)?;
                self.new_int(h)
            }
            _ => self.run_str_method(which, this, args, a),
        }
    }

    fn range_index_count(&mut self, which: BuiltinFn, start: i64, stop: i64, step: i64, v: ObjectId) -> R<ObjectId> {
        let n = crate::vm::iter::range_len(start, stop, step) as i64;
        let pos = match self.as_i64(v).filter(|_| self.is_int(v)) {
            Some(i) if (i - start) % step == 0 && ((i - start) / step) >= 0 && ((i - start) / step) < n => Some((i - start) / step),
            _ => None,
        };
        if which == BuiltinFn::TupleCount {
            return self.new_int(pos.is_some() as i64);
        }
        match pos {
            Some(p) => self.new_int(p),
            None => {
                let r = self.repr(v)?;
                Err(self.error("ValueError", &format!("{r} is not in range")))
            }
        }
    }

    fn run_str_method(&mut self, which: BuiltinFn, this: ObjectId, args: &[ObjectId], a: &Args) -> R<ObjectId> {
        use BuiltinFn::*;
        let s = match self.heap.payload(this) {
            Payload::Str(s) => s.clone(),
            _ => {
                let t = self.type_name(this);
                return Err(self.error("TypeError", &format!("descriptor '{}' requires a 'str' object but received a '{t}'", which.name())));
            }
        };
        let opt_str = |vm: &mut Vm, i: usize| -> R<Option<String>> {
            match args.get(i) {
                Some(&v) if v != vm.wk.none => vm.str_arg(v, "argument").map(Some),
                _ => Ok(None),
            }
        };
        match which {
            StrJoin => {
                let items = self.collect_iterable(args.first().copied().unwrap_or(self.wk.none))?;
                // The parts are shared (`Rc`), not copied, before the one
                // copy into the result.
                let mut parts: Vec<std::rc::Rc<str>> = Vec::with_capacity(items.len());
                let mut bad = None;
                for (i, &v) in items.iter().enumerate() {
                    match self.heap.payload(v) {
                        Payload::Str(p) => parts.push(p.clone()),
                        _ => {
                            bad = Some((i, self.type_name(v)));
                            break;
                        }
                    }
                }
                for v in items {
                    self.decref(v);
                }
                if let Some((i, t)) = bad {
                    return Err(self.error("TypeError", &format!("sequence item {i}: expected str instance, {t} found")));
                }
                self.new_str(&parts.join(&*s))
            }
            StrSplit | StrRSplit => {
                let sep = match a.kw("sep") {
                    Some(v) if v != self.wk.none => Some(self.str_arg(v, "must be str or None")?),
                    Some(_) => None,
                    None => opt_str(self, 0)?,
                };
                let maxsplit = match a.kw("maxsplit").or(args.get(1).copied()) {
                    Some(v) => self.int_arg(v)?,
                    None => -1,
                };
                let parts: Vec<String> = match &sep {
                    Some(sep) if sep.is_empty() => return Err(self.error("ValueError", "empty separator")),
                    Some(sep) => {
                        if maxsplit < 0 {
                            s.split(sep.as_str()).map(String::from).collect()
                        } else if which == StrSplit {
                            s.splitn(maxsplit as usize + 1, sep.as_str()).map(String::from).collect()
                        } else {
                            let mut v: Vec<String> = s.rsplitn(maxsplit as usize + 1, sep.as_str()).map(String::from).collect();
                            v.reverse();
                            v
                        }
                    }
                    None => {
                        let words: Vec<&str> = s.split_whitespace().collect();
                        if maxsplit < 0 || words.len() <= maxsplit as usize {
                            words.into_iter().map(String::from).collect()
                        } else if which == StrSplit {
                            let mut rest = s.trim_start();
                            let mut out = Vec::new();
                            for _ in 0..maxsplit {
                                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                                out.push(rest[..end].to_string());
                                rest = rest[end..].trim_start();
                            }
                            out.push(rest.to_string());
                            out
                        } else {
                            let mut rest = s.trim_end();
                            let mut out = Vec::new();
                            for _ in 0..maxsplit {
                                let start = rest.rfind(char::is_whitespace).map(|i| i + 1).unwrap_or(0);
                                out.push(rest[start..].to_string());
                                rest = rest[..start].trim_end();
                            }
                            out.push(rest.to_string());
                            out.reverse();
                            out
                        }
                    }
                };
                let mut items = Vec::with_capacity(parts.len());
                for p in parts {
                    items.push(self.new_str(&p)?);
                }
                // 3.11's split preallocates 12 slots (MAX_PREALLOC) and
                // appends past them.
                let mut cap = 12;
                for n in 13..=items.len() {
                    if let Some(c) = crate::vm::list::resized_allocation(cap, n - 1, n) {
                        cap = c;
                    }
                }
                self.new_list(items, cap)
            }
            StrStrip | StrLStrip | StrRStrip => {
                let chars = opt_str(self, 0)?;
                let pred = |c: char| match &chars {
                    Some(cs) => cs.contains(c),
                    None => c.is_whitespace(),
                };
                let out = match which {
                    StrStrip => s.trim_matches(pred),
                    StrLStrip => s.trim_start_matches(pred),
                    _ => s.trim_end_matches(pred),
                };
                if out.len() == s.len() {
                    self.incref(this);
                    return Ok(this);
                }
                self.new_str(out)
            }
            StrUpper => self.new_str(&s.to_uppercase()),
            StrLower => self.new_str(&s.to_lowercase()),
            StrSwapCase => {
                let out: String = s
                    .chars()
                    .map(|c| if c.is_uppercase() { c.to_lowercase().collect::<String>() } else { c.to_uppercase().collect() })
                    .collect();
                self.new_str(&out)
            }
            StrTitle => {
                let mut out = String::new();
                let mut prev_cased = false;
                for c in s.chars() {
                    if prev_cased {
                        out.extend(c.to_lowercase());
                    } else {
                        out.extend(c.to_uppercase());
                    }
                    prev_cased = c.is_alphabetic();
                }
                self.new_str(&out)
            }
            StrCapitalize => {
                let mut cs = s.chars();
                let out = match cs.next() {
                    Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                    None => String::new(),
                };
                self.new_str(&out)
            }
            StrReplace => {
                if args.len() < 2 {
                    return Err(self.error("TypeError", &format!("replace expected at least 2 arguments, got {}", args.len())));
                }
                let old = self.str_arg(args[0], "replace() argument 1")?;
                let new = self.str_arg(args[1], "replace() argument 2")?;
                let count = match args.get(2) {
                    Some(&c) => self.int_arg(c)?,
                    None => -1,
                };
                let out = if count < 0 { s.replace(&old, &new) } else { s.replacen(&old, &new, count as usize) };
                self.new_str(&out)
            }
            StrStartsWith | StrEndsWith => {
                let Some(&p) = args.first() else {
                    return Err(self.error("TypeError", &format!("{} expected at least 1 argument, got 0", which.name())));
                };
                let single = [p];
                let prefixes: std::borrow::Cow<[ObjectId]> = match self.heap.payload(p) {
                    Payload::Tuple(t) => t.to_vec().into(),
                    _ => (&single[..]).into(),
                };
                let mut r = false;
                for &q in prefixes.iter() {
                    let q = match self.heap.payload(q) {
                        Payload::Str(x) => x.clone(),
                        _ => {
                            let t = self.type_name(q);
                            return Err(self.error(
                                "TypeError",
                                &format!("{} first arg must be str or a tuple of str, not {t}", which.name()),
                            ));
                        }
                    };
                    r |= if which == StrStartsWith { s.starts_with(&*q) } else { s.ends_with(&*q) };
                }
                Ok(self.bool_ref(r))
            }
            StrFind | StrRFind | StrIndex | StrCount => {
                let Some(&n) = args.first() else {
                    return Err(self.error("TypeError", &format!("{} expected at least 1 argument, got 0", which.name())));
                };
                let needle = self.str_arg(n, "must be str")?;
                let char_index = |byte: usize| s[..byte].chars().count() as i64;
                match which {
                    StrCount => self.new_int(if needle.is_empty() { s.chars().count() as i64 + 1 } else { s.matches(needle.as_str()).count() as i64 }),
                    StrRFind => self.new_int(s.rfind(needle.as_str()).map(char_index).unwrap_or(-1)),
                    _ => match s.find(needle.as_str()) {
                        Some(b) => self.new_int(char_index(b)),
                        None if which == StrIndex => Err(self.error("ValueError", "substring not found")),
                        None => self.new_int(-1),
                    },
                }
            }
            StrFormat => {
                let out = self.str_format(&s, args, &a.kw)?;
                self.new_str(&out)
            }
            StrIsDigit | StrIsAlpha | StrIsAlnum | StrIsSpace | StrIsUpper | StrIsLower | StrIsIdentifier | StrIsAscii => {
                let r = match which {
                    StrIsAscii => s.is_ascii(),
                    StrIsDigit => !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()),
                    StrIsAlpha => !s.is_empty() && s.chars().all(char::is_alphabetic),
                    StrIsAlnum => !s.is_empty() && s.chars().all(char::is_alphanumeric),
                    StrIsSpace => !s.is_empty() && s.chars().all(char::is_whitespace),
                    StrIsUpper => s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase),
                    StrIsLower => s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase),
                    _ => {
                        let mut cs = s.chars();
                        matches!(cs.next(), Some(c) if c == '_' || c.is_alphabetic()) && cs.all(|c| c == '_' || c.is_alphanumeric())
                    }
                };
                Ok(self.bool_ref(r))
            }
            StrCenter | StrLJust | StrRJust => {
                let Some(&w) = args.first() else {
                    return Err(self.error("TypeError", &format!("{} expected at least 1 argument, got 0", which.name())));
                };
                let width = self.int_arg(w)?.max(0) as usize;
                let fill = opt_str(self, 1)?.and_then(|f| f.chars().next()).unwrap_or(' ');
                let n = s.chars().count();
                if width <= n {
                    self.incref(this);
                    return Ok(this);
                }
                let pad = width - n;
                let f = |k: usize| fill.to_string().repeat(k);
                let out = match which {
                    StrLJust => format!("{s}{}", f(pad)),
                    StrRJust => format!("{}{s}", f(pad)),
                    _ => {
                        let left = pad / 2 + (pad & width & 1);
                        format!("{}{s}{}", f(left), f(pad - left))
                    }
                };
                self.new_str(&out)
            }
            StrZFill => {
                let w = match args.first() {
                    Some(&w) => self.int_arg(w)?.max(0) as usize,
                    None => return Err(self.error("TypeError", "zfill() takes exactly one argument (0 given)")),
                };
                let n = s.chars().count();
                if w <= n {
                    self.incref(this);
                    return Ok(this);
                }
                let (sign, rest) = if s.starts_with(['+', '-']) { s.split_at(1) } else { ("", &*s) };
                self.new_str(&format!("{sign}{}{rest}", "0".repeat(w - n)))
            }
            StrEncode => self.new_bytes(s.as_bytes()),
            StrSplitLines => {
                let mut items = Vec::new();
                for line in s.lines() {
                    items.push(self.new_str(line)?);
                }
                let n = items.len();
                self.new_list(items, n)
            }
            StrPartition => {
                let sep = match args.first() {
                    Some(&v) => self.str_arg(v, "must be str")?,
                    None => return Err(self.error("TypeError", "partition() takes exactly one argument (0 given)")),
                };
                let (a1, a2, a3) = match s.find(sep.as_str()) {
                    Some(i) => (s[..i].to_string(), sep.clone(), s[i + sep.len()..].to_string()),
                    None => (s.to_string(), String::new(), String::new()),
                };
                let x = self.new_str(&a1)?;
                let y = self.new_str(&a2)?;
                let z = self.new_str(&a3)?;
                self.new_tuple(vec![x, y, z])
            }
            _ => Err(self.unsupported(&format!("the builtin method {}()", which.name()))),
        }
    }

    /// `str.format(*args, **kwargs)`: `{}`, `{0}`, `{name}`, `{:spec}`,
    /// `{!r}`, attribute/index lookups not included.
    fn str_format(&mut self, fmt: &str, args: &[ObjectId], kw: &[(String, ObjectId)]) -> R<String> {
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        let mut auto = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' && chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            if c == '}' && chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            let end = match chars[i..].iter().position(|&c| c == '}') {
                Some(e) => i + e,
                None => return Err(self.error("ValueError", "Single '{' encountered in format string")),
            };
            let field: String = chars[i + 1..end].iter().collect();
            i = end + 1;
            let (head, spec) = field.split_once(':').map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or((field.clone(), String::new()));
            let (name, conv) = head.split_once('!').map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or((head.clone(), String::new()));
            let v = if name.is_empty() {
                let v = args.get(auto).copied();
                auto += 1;
                v
            } else if let Ok(n) = name.parse::<usize>() {
                args.get(n).copied()
            } else {
                kw.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
            };
            let Some(v) = v else {
                return Err(if name.is_empty() || name.parse::<usize>().is_ok() {
                    self.error("IndexError", &format!("Replacement index {} out of range for positional args tuple", if name.is_empty() { auto - 1 } else { name.parse().unwrap_or(0) }))
                } else {
                    let k = self.new_str(&name)?;
                    let e = self.key_error(k);
                    self.decref(k);
                    e
                });
            };
            let piece = match conv.as_str() {
                "r" => {
                    let t = self.repr(v)?;
                    crate::vm::format::format_str(self, &t, &spec)?
                }
                "s" => {
                    let t = self.str_value(v)?;
                    crate::vm::format::format_str(self, &t, &spec)?
                }
                _ => self.format(v, &spec)?,
            };
            out.push_str(&piece);
        }
        Ok(out)
    }
}
