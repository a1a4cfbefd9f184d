//! `repr()`, `str()`, formatting (`format()`, f-strings, `%`), and the REPL's
//! echo, matching CPython's text exactly for the builtin types.

use crate::heap::{Int, Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::iter::{DictPart, IterState};
use crate::vm::{Vm, R};

/// `repr(float)`: the shortest string that round-trips, in Python's layout
/// (scientific below 1e-4 and from 1e16).
pub fn float_repr(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits.
    let e = format!("{:e}", v);
    let (mantissa, exp) = e.split_once('e').expect("exponent");
    let exp: i32 = exp.parse().expect("int exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if !(-5..16).contains(&exp) {
        let mut m = digits[..1].to_string();
        if digits.len() > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        return format!("{sign}{m}e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    let n = digits.len() as i32;
    let s = if exp >= 0 {
        if n <= exp + 1 {
            format!("{}{}.0", digits, "0".repeat((exp + 1 - n) as usize))
        } else {
            format!("{}.{}", &digits[..(exp + 1) as usize], &digits[(exp + 1) as usize..])
        }
    } else {
        format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
    };
    format!("{sign}{s}")
}

/// `repr(complex)`: `2j`, `(1+2j)`, `(-0-1j)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let part = |v: f64| {
        let s = float_repr(v);
        s.strip_suffix(".0").map(String::from).unwrap_or(s)
    };
    if re == 0.0 && !re.is_sign_negative() {
        return format!("{}j", part(im));
    }
    let sign = if im < 0.0 || (im == 0.0 && im.is_sign_negative()) { "-" } else { "+" };
    format!("({}{sign}{}j)", part(re), part(im.abs()))
}

/// `repr(str)`: single quotes unless the text has one and no double quote.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

impl Vm {
    /// `id(obj)`: the address after the pre-header (GC head, 3.11's managed
    /// dict pointers), as CPython returns.
    pub fn id_of(&self, obj: ObjectId) -> u64 {
        let o = self.heap.get(obj);
        if o.flags & crate::heap::flag::STATIC != 0 {
            return o.addr;
        }
        o.addr + self.preheader_size(obj)
    }

    /// Bytes before the object's address: the GC head for GC types, and
    /// 3.11's two managed-dict pointers for classes that keep their
    /// instances' `__dict__` there.
    pub fn preheader_size(&self, obj: ObjectId) -> u64 {
        let ty = self.heap.get(obj).ty;
        16 * (u64::from(self.type_is_gc(ty)) + u64::from(self.type_has_managed_dict(ty)))
    }

    /// `repr(obj)`.
    pub fn repr(&mut self, obj: ObjectId) -> R<String> {
        if self.repr_stack.contains(&obj) {
            return Ok(match self.heap.payload(obj) {
                Payload::List(_) => "[...]".into(),
                Payload::Dict(_) => "{...}".into(),
                _ => "...".into(),
            });
        }
        if self.repr_stack.len() > 200 {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded while getting the repr of an object"));
        }
        if !matches!(self.heap.payload(obj), Payload::Instance(_))
            && matches!(self.heap.payload(self.heap.get(obj).ty), Payload::Type(t) if t.user)
        {
            if let Some(v) = self.call_dunder(obj, "__repr__", &[])? {
                let s = self.str_of(v).to_string();
                self.decref(v);
                return Ok(s);
            }
        }
        self.repr_stack.push(obj);
        let r = self.repr_inner(obj);
        self.repr_stack.pop();
        r
    }

    /// `dict_repr`: `{k: v, ...}` (also the body of a defaultdict's repr).
    pub(crate) fn dict_repr(&mut self, d: ObjectId) -> R<String> {
        let mut parts = Vec::new();
        for (k, v) in self.dict_entries(d) {
            parts.push(format!("{}: {}", self.repr(k)?, self.repr(v)?));
        }
        Ok(format!("{{{}}}", parts.join(", ")))
    }

    fn join_reprs(&mut self, items: &[ObjectId]) -> R<String> {
        let mut parts = Vec::with_capacity(items.len());
        for &i in items {
            parts.push(self.repr(i)?);
        }
        Ok(parts.join(", "))
    }

    fn repr_inner(&mut self, obj: ObjectId) -> R<String> {
        if let Some(s) = self.module_repr(obj)? {
            return Ok(s);
        }
        let addr = self.id_of(obj);
        Ok(match self.heap.payload(obj).clone() {
            Payload::None => "None".into(),
            Payload::NotImplemented => "NotImplemented".into(),
            Payload::Ellipsis => "Ellipsis".into(),
            Payload::Bool(b) => if b { "True" } else { "False" }.into(),
            Payload::Int(Int::Small(v)) => v.to_string(),
            Payload::Int(Int::Big(b)) => {
                if b.bits() > 14000 {
                    return Err(self.error(
                        "ValueError",
                        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    ));
                }
                b.to_string()
            }
            Payload::Float(f) => float_repr(f),
            Payload::Complex(re, im) => complex_repr(re, im),
            Payload::Str(s) => str_repr(&s),
            Payload::Bytes(b) => bytes_repr(&b),
            Payload::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr(t[0])?)
                } else {
                    format!("({})", self.join_reprs(&t)?)
                }
            }
            Payload::List(l) => format!("[{}]", self.join_reprs(&l.items)?),
            Payload::Dict(_) => self.dict_repr(obj)?,
            Payload::Set(s) => {
                if s.used == 0 {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&s.keys())?)
                }
            }
            Payload::FrozenSet(s) => {
                if s.used == 0 {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", self.join_reprs(&s.keys())?)
                }
            }
            Payload::Range(r) => {
                let crate::heap::RangeObj { start, stop, step } = *r;
                if step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            Payload::Slice(parts) => {
                let mut s = Vec::new();
                for p in parts {
                    s.push(if p == NULL { "None".to_string() } else { self.repr(p)? });
                }
                format!("slice({})", s.join(", "))
            }
            Payload::Function(f) => format!("<function {} at {:#x}>", self.str_of(f.qualname), addr),
            Payload::Builtin { which, bound } => {
                if bound == NULL || matches!(self.heap.payload(bound), Payload::Module(_)) {
                    format!("<built-in function {}>", which.name())
                } else {
                    let t = self.type_name(bound);
                    let baddr = self.id_of(bound);
                    format!("<built-in method {} of {} object at {:#x}>", which.name(), t, baddr)
                }
            }
            Payload::Method { func, this } => {
                let q = match self.heap.payload(func) {
                    Payload::Function(f) => self.str_of(f.qualname).to_string(),
                    _ => "?".into(),
                };
                format!("<bound method {} of {}>", q, self.repr(this)?)
            }
            Payload::Type(t) => {
                if t.user {
                    format!("<class '__main__.{}'>", t.qualname)
                } else if t.builtin == Some(crate::vm::types::Builtin::WeakRef) {
                    "<class 'weakref.ReferenceType'>".into()
                } else if let Some(m) = t.builtin.filter(|b| b.id() == obj).and_then(|b| b.python_module()) {
                    format!("<class '{m}.{}'>", t.name)
                } else {
                    format!("<class '{}'>", t.name)
                }
            }
            Payload::Module(m) => format!("<module '{}' (built-in)>", m.name),
            Payload::Cell(c) => {
                if c == NULL {
                    format!("<cell at {addr:#x}: empty>")
                } else {
                    let ct = self.type_name(c);
                    format!("<cell at {addr:#x}: {ct} object at {:#x}>", self.id_of(c))
                }
            }
            Payload::Code(c) => format!("<code object {} at {addr:#x}, file \"{}\", line {}>", c.name, c.filename, c.firstlineno),
            Payload::Generator(g) => format!("<generator object {} at {addr:#x}>", g.qualname),
            Payload::WeakRef { target, .. } => {
                if target == NULL {
                    format!("<weakref at {addr:#x}; dead>")
                } else {
                    let t = self.type_name(target);
                    format!("<weakref at {addr:#x}; to '{t}' at {:#x}>", self.id_of(target))
                }
            }
            Payload::Iter(state) => match *state {
                IterState::DictView { dict, part } => {
                    let (name, items) = match part {
                        DictPart::Keys => ("dict_keys", self.dict_entries(dict).into_iter().map(|e| e.0).collect::<Vec<_>>()),
                        DictPart::Values => ("dict_values", self.dict_entries(dict).into_iter().map(|e| e.1).collect()),
                        DictPart::Items => {
                            let mut parts = Vec::new();
                            for (k, v) in self.dict_entries(dict) {
                                parts.push(format!("({}, {})", self.repr(k)?, self.repr(v)?));
                            }
                            return Ok(format!("dict_items([{}])", parts.join(", ")));
                        }
                    };
                    format!("{name}([{}])", self.join_reprs(&items)?)
                }
                _ => format!("<{} object at {addr:#x}>", self.type_name(obj)),
            },
            Payload::Instance(inst) => {
                if let Some(v) = self.call_dunder(obj, "__repr__", &[])? {
                    let s = self.str_of(v).to_string();
                    let ok = matches!(self.heap.payload(v), Payload::Str(_));
                    self.decref(v);
                    if !ok {
                        return Err(self.error("TypeError", "__repr__ returned non-string"));
                    }
                    return Ok(s);
                }
                if inst.args != NULL {
                    let t = self.heap.get(obj).ty;
                    let name = self.type_name_of_type(t);
                    let args = self.tuple_items(inst.args);
                    return Ok(if args.len() == 1 {
                        format!("{name}({})", self.repr(args[0])?)
                    } else {
                        format!("{name}({})", self.join_reprs(&args)?)
                    });
                }
                let t = self.heap.get(obj).ty;
                let q = match self.heap.payload(t) {
                    Payload::Type(t) => t.qualname.to_string(),
                    _ => "?".into(),
                };
                format!("<__main__.{q} object at {addr:#x}>")
            }
            Payload::Property { .. } => format!("<property object at {addr:#x}>"),
            Payload::StaticMethod(_) => format!("<staticmethod(...) object at {addr:#x}>"),
            Payload::ClassMethod(_) => format!("<classmethod(...) object at {addr:#x}>"),
            Payload::GetSet(g) => {
                let (cls, name) = (g.cls, g.name.clone());
                let c = self.type_name_of_type(cls);
                format!("<attribute '{name}' of '{c}' objects>")
            }
            Payload::FrameObj(fo) => {
                let (file, name) = match self.heap.payload(fo.code) {
                    Payload::Code(c) => (c.filename.clone(), c.name.clone()),
                    _ => ("?".into(), "?".into()),
                };
                format!("<frame at {addr:#x}, file '{file}', line {}, code {name}>", fo.line)
            }
            Payload::Traceback(_) => format!("<traceback object at {addr:#x}>"),
            Payload::Super { .. } => format!("<super object at {addr:#x}>"),
            Payload::Ext(_) => format!("<{} object at {addr:#x}>", self.type_name(obj)),
            Payload::Free(_) => "<freed>".into(),
        })
    }

    /// `str(obj)`.
    pub fn str_value(&mut self, obj: ObjectId) -> R<String> {
        match self.heap.payload(obj) {
            Payload::Str(s) => Ok(s.to_string()),
            Payload::Instance(inst) => {
                let is_exc = inst.args != NULL;
                if self.lookup_type_attr(self.heap.get(obj).ty, "__str__").is_some() {
                    let v = self.call_dunder(obj, "__str__", &[])?.expect("__str__ exists");
                    let s = self.str_of(v).to_string();
                    let ok = matches!(self.heap.payload(v), Payload::Str(_));
                    self.decref(v);
                    if !ok {
                        return Err(self.error("TypeError", "__str__ returned non-string"));
                    }
                    return Ok(s);
                }
                if is_exc {
                    return self.exception_str(obj);
                }
                self.repr(obj)
            }
            Payload::Ext(_) => self.module_str(obj),
            _ => self.repr(obj),
        }
    }

    /// REPL echo: `repr(v)` on stdout unless v is None (and `_` is bound).
    pub fn print_expr(&mut self, v: ObjectId) -> R<()> {
        if v == self.wk.none {
            return Ok(());
        }
        // sys.displayhook: `_` is set to None first (releasing the previous
        // value), then the repr is printed, then `_` is bound.
        let key = self.intern("_");
        let b = self.wk.builtins;
        let none = self.wk.none;
        let r = self.dict_set(b, key, none).and_then(|_| self.repr(v)).map(|s| {
            self.write_stdout(&s);
            self.write_stdout("\n");
        });
        let r = r.and_then(|_| self.dict_set(b, key, v));
        self.decref(key);
        r
    }

    /// FORMAT_VALUE: conversion (0 none, 1 str, 2 repr, 3 ascii) then
    /// `format(value, spec)`.
    pub fn format_value(&mut self, v: ObjectId, conversion: u32, spec: Option<ObjectId>) -> R<ObjectId> {
        if spec.is_none() && conversion <= 1 {
            let o = self.heap.get(v);
            // An exact str formats as itself, with no text to compare.
            if o.ty == crate::vm::types::Builtin::Str.id() && matches!(o.payload, Payload::Str(_)) {
                self.incref(v);
                return Ok(v);
            }
            // A machine-word int: its digits straight into a new str.
            if conversion == 0 && o.ty == crate::vm::types::Builtin::Int.id() {
                if let Payload::Int(crate::heap::Int::Small(i)) = o.payload {
                    return self.new_int_str(i);
                }
            }
        }
        let spec_text = spec.map(|s| self.str_of(s).to_string()).unwrap_or_default();
        let text = match conversion {
            1 => Some(self.str_value(v)?),
            2 | 3 => Some(self.repr(v)?),
            _ => None,
        };
        let out = match text {
            Some(t) => crate::vm::format::format_str(self, &t, &spec_text)?,
            None => self.format(v, &spec_text)?,
        };
        if matches!(self.heap.payload(v), Payload::Int(_) | Payload::Float(_)) {
            return self.new_str_const(&out);
        }
        if conversion <= 1 {
            if let Some(same) = self.unchanged_str(v, &out) {
                return Ok(same);
            }
        }
        self.new_str(&out)
    }

    /// `v` itself (a new reference) when it is an exact str equal to `out`:
    /// formatting that changes nothing (`f"{s}"`, `f"{s:>6}"` of a
    /// 6-character str, `format(s, "")`) gives back the str it was given, as
    /// CPython's writer does.
    pub(crate) fn unchanged_str(&mut self, v: ObjectId, out: &str) -> Option<ObjectId> {
        let o = self.heap.get(v);
        let same = o.ty == crate::vm::types::Builtin::Str.id() && matches!(&o.payload, Payload::Str(s) if **s == *out);
        if same {
            self.incref(v);
        }
        same.then_some(v)
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: ObjectId, spec: &str) -> R<String> {
        if spec.is_empty() {
            return self.str_value(v);
        }
        if matches!(self.heap.payload(v), Payload::Instance(_)) {
            let s = self.new_str(spec)?;
            let r = self.call_dunder(v, "__format__", &[s]);
            self.decref(s);
            if let Some(out) = r? {
                let t = self.str_of(out).to_string();
                self.decref(out);
                return Ok(t);
            }
            let t = self.type_name(v);
            return Err(self.error("TypeError", &format!("unsupported format string passed to {t}.__format__")));
        }
        crate::vm::format::format_builtin(self, v, spec)
    }

    pub fn write_stdout(&mut self, s: &str) {
        self.stdout.push_str(s);
        self.on_stdout(s);
    }
}
