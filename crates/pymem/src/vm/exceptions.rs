//! Exceptions as Python objects: raising, matching, tracebacks, and the
//! text CPython 3.11 prints for an uncaught one.

use std::rc::Rc;

use crate::heap::object::Instance;
use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Unwind, Vm, R};

/// One line of a printed traceback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TbLine {
    pub filename: Rc<str>,
    pub name: Rc<str>,
    pub line: u32,
    /// Byte range of the failing expression in the source.
    pub span: (u32, u32),
    pub anchor: Option<crate::bytecode::Anchor>,
}

/// The `    ~~^^~~` line 3.11 prints under a traceback's source line, when
/// the failing expression does not span the whole line
/// (`traceback.format_frame_summary`).
fn carets(source: &str, e: &TbLine) -> Option<String> {
    let (start, end) = (e.span.0 as usize, e.span.1 as usize);
    if start >= end || end > source.len() || !source.is_char_boundary(start) || !source.is_char_boundary(end) {
        return None;
    }
    let line_start = source[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let line_end = source[start..].find('\n').map(|i| start + i).unwrap_or(source.len());
    let line = source[line_start..line_end].trim_end_matches('\r');
    let stripped = line.trim_start();
    let indent = line.len() - stripped.len();
    let stripped = stripped.trim_end();
    let cols = |byte: usize| source[line_start..byte.min(line_start + line.len())].chars().count();
    let start_col = cols(start);
    let single_line = end <= line_start + line.len();
    let end_col = if single_line { cols(end) } else { indent + stripped.chars().count() };
    let stripped_len = stripped.chars().count();
    // Anchors only for an expression on one line.
    let anchors = match (e.anchor, single_line) {
        (Some(crate::bytecode::Anchor::BinOp { left_end, right_start }), true) => {
            let (l, r) = (left_end as usize, right_start as usize);
            if l > r || r > source.len() || !source.is_char_boundary(l) || !source.is_char_boundary(r) {
                None
            } else {
                let between = &source[l..r];
                let skip = between.len() - between.trim_start().len();
                let op_start = l + skip;
                let mut op_end = op_start + 1;
                if source[op_start + 1..].chars().next().is_some_and(|c| !c.is_whitespace() && op_start + 1 < r) {
                    op_end += 1;
                }
                Some((cols(op_start), cols(op_end)))
            }
        }
        (Some(crate::bytecode::Anchor::Subscript { value_end, slice_end }), true) => {
            Some((cols(value_end as usize), cols((slice_end as usize).min(end))))
        }
        _ => None,
    };
    let spans_line = end_col.saturating_sub(start_col) >= stripped_len;
    if spans_line && anchors.is_none_or(|(a, b)| b <= a) {
        return None;
    }
    let mut out = String::from("    ");
    out.push_str(&" ".repeat(start_col - indent.min(start_col)));
    match anchors {
        Some((a, b)) => {
            for c in start_col..end_col {
                out.push(if c >= a && c < b { '^' } else { '~' });
            }
        }
        None => out.push_str(&"^".repeat(end_col.saturating_sub(start_col))),
    }
    out.push('\n');
    Some(out)
}

impl Vm {
    /// A new exception of the builtin type `name` with `msg` as its only
    /// argument (no arguments when `msg` is empty).
    pub fn error(&mut self, name: &str, msg: &str) -> Unwind {
        let args = if msg.is_empty() {
            Ok(self.empty_tuple_ref())
        } else {
            match self.new_str(msg) {
                Ok(s) => self.new_tuple(vec![s]),
                Err(e) => return e,
            }
        };
        match args {
            Ok(a) => self.error_with_args(name, a),
            Err(e) => e,
        }
    }

    /// An exception of builtin type `name` owning the `args` tuple.
    pub fn error_with_args(&mut self, name: &str, args: ObjectId) -> Unwind {
        let cls = self.exc_types.get(name).copied().unwrap_or_else(|| self.exc_types["Exception"]);
        match self.new_exception_instance(cls, args) {
            Ok(e) => Unwind::Exc(e),
            Err(e) => e,
        }
    }

    pub fn empty_tuple_ref(&mut self) -> ObjectId {
        let t = self.wk.empty_tuple;
        self.incref(t);
        t
    }

    /// An exception instance (`BaseException` layout: 72 bytes + GC head).
    pub fn new_exception_instance(&mut self, cls: ObjectId, args: ObjectId) -> R<ObjectId> {
        let inst = Instance { args, ..Instance::default() };
        // A class of the program's adds to the struct (a weakref slot, slots).
        let spec = self.generic_spec(cls, LayoutType::BaseException);
        self.alloc_object(cls, Payload::Instance(Box::new(inst)), spec)
    }

    /// The exception for a construct the simulator does not model.
    pub fn unsupported(&mut self, what: &str) -> Unwind {
        self.error("NotImplementedError", &format!("PyMem Lab does not simulate {what}"))
    }

    pub fn is_exception_class(&self, cls: ObjectId) -> bool {
        matches!(self.heap.payload(cls), Payload::Type(_)) && self.is_subtype(cls, self.exc_types["BaseException"])
    }

    /// RAISE_VARARGS.
    pub fn op_raise(&mut self, n: u32) -> Unwind {
        let cause = if n == 2 { self.pop() } else { NULL };
        if n == 0 {
            return match self.handling.last().copied() {
                Some(e) => {
                    self.incref(e);
                    self.skip_traceback = true;
                    Unwind::Exc(e)
                }
                None => self.error("RuntimeError", "No active exception to reraise"),
            };
        }
        let v = self.pop();
        let exc = match self.make_raisable(v) {
            Ok(e) => e,
            Err(e) => return e,
        };
        if cause != NULL {
            let c = if cause == self.wk.none {
                self.decref(cause);
                NULL
            } else {
                match self.make_raisable(cause) {
                    Ok(c) => c,
                    Err(e) => {
                        self.decref(exc);
                        return e;
                    }
                }
            };
            let old = match self.heap.payload_mut(exc) {
                Payload::Instance(inst) => std::mem::replace(&mut inst.cause, c),
                _ => NULL,
            };
            self.xdecref(old);
        }
        Unwind::Exc(exc)
    }

    /// `raise X`: instantiate classes, reject non-exceptions.
    fn make_raisable(&mut self, v: ObjectId) -> R<ObjectId> {
        if self.is_exception_class(v) {
            let r = self.call(v, Vec::new());
            self.decref(v);
            return r;
        }
        if self.is_subtype(self.heap.get(v).ty, self.exc_types["BaseException"]) {
            return Ok(v);
        }
        self.decref(v);
        Err(self.error("TypeError", "exceptions must derive from BaseException"))
    }

    /// `except T:` matching (T may be a tuple of classes).
    pub fn exception_matches(&mut self, exc: ObjectId, ty: ObjectId) -> R<bool> {
        let classes = match self.heap.payload(ty) {
            Payload::Tuple(t) => t.to_vec(),
            _ => vec![ty],
        };
        let ety = self.heap.get(exc).ty;
        for c in classes {
            if !self.is_exception_class(c) {
                return Err(self.error(
                    "TypeError",
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            if self.is_subtype(ety, c) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Records that `exc` passed through the running frame at `line`
    /// (`PyTraceBack_Here`): the frame gets a frame object if it has none,
    /// and a new traceback object for it becomes the head of the chain. Also
    /// sets `__context__` from the exception being handled.
    pub fn add_traceback(&mut self, exc: ObjectId, line: u32, pc: usize) {
        if std::mem::take(&mut self.skip_traceback) {
            return;
        }
        let context = self.handling.last().copied().filter(|&h| h != exc);
        if let Some(c) = context {
            let set = match self.heap.payload_mut(exc) {
                Payload::Instance(inst) if inst.context == NULL => {
                    inst.context = c;
                    true
                }
                _ => false,
            };
            if set {
                self.incref(c);
            }
        }
        if !matches!(self.heap.payload(exc), Payload::Instance(_)) {
            return;
        }
        let (line, frame_obj, code_obj, globals, size, span, anchor) = {
            let f = self.frames.last().expect("frame");
            let line = f.code.lines.get(pc).copied().filter(|&l| l > 0).unwrap_or(line);
            let span = f.code.spans.get(pc).copied().unwrap_or((0, 0));
            let anchor = f.code.anchors.iter().find(|(at, _)| *at as usize == pc).map(|(_, a)| *a);
            let size = crate::layout::object::frame_request(f.code.co_nlocalsplus(), f.code.stacksize as usize).size;
            (line, f.frame_obj, f.code_obj, f.globals, size, span, anchor)
        };
        let frame_obj = if frame_obj != NULL {
            frame_obj
        } else {
            // _PyFrame_New_NoTrack: the frame's slots plus its specials.
            self.incref(code_obj);
            self.incref(globals);
            let fo = crate::heap::object::FrameObj { code: code_obj, globals, line, owned: Vec::new(), live: true };
            match self.alloc_object(
                Builtin::Frame.id(),
                Payload::FrameObj(Box::new(fo)),
                Spec { size, gc: true, track: true, free_list: None },
            ) {
                Ok(fo) => {
                    self.frames.last_mut().expect("frame").frame_obj = fo;
                    fo
                }
                Err(e) => {
                    self.discard(e);
                    return;
                }
            }
        };
        if let Payload::FrameObj(fo) = self.heap.payload_mut(frame_obj) {
            fo.line = line;
        }
        let next = match self.heap.payload_mut(exc) {
            Payload::Instance(inst) => std::mem::replace(&mut inst.tb, NULL),
            _ => NULL,
        };
        self.incref(frame_obj);
        match self.alloc_object(
            Builtin::Traceback.id(),
            Payload::Traceback(Box::new(crate::heap::object::Traceback { frame: frame_obj, next, line, span, anchor })),
            Spec::of(LayoutType::Traceback),
        ) {
            Ok(tb) => {
                if let Payload::Instance(inst) = self.heap.payload_mut(exc) {
                    inst.tb = tb;
                }
            }
            Err(e) => self.discard(e),
        }
    }

    /// The traceback entries of `exc`, outermost first.
    pub fn traceback_entries(&self, exc: ObjectId) -> Vec<TbLine> {
        let mut out = Vec::new();
        let mut tb = match self.heap.payload(exc) {
            Payload::Instance(inst) => inst.tb,
            _ => NULL,
        };
        while tb != NULL {
            let Payload::Traceback(t) = self.heap.payload(tb) else { break };
            let crate::heap::object::Traceback { frame, next, line, span, anchor } = **t;
            if let Payload::FrameObj(fo) = self.heap.payload(frame) {
                if let Payload::Code(c) = self.heap.payload(fo.code) {
                    out.push(TbLine { filename: c.filename.clone(), name: c.name.clone(), line, span, anchor });
                }
            }
            tb = next;
        }
        out
    }

    /// `str(exc)`.
    pub fn exception_str(&mut self, exc: ObjectId) -> R<String> {
        if let Some(v) = self.call_dunder(exc, "__str__", &[])? {
            let s = self.str_of(v).to_string();
            self.decref(v);
            return Ok(s);
        }
        let args = match self.heap.payload(exc) {
            Payload::Instance(inst) => inst.args,
            _ => NULL,
        };
        if args == NULL {
            return Ok(String::new());
        }
        let items = self.tuple_items(args);
        match items.len() {
            0 => Ok(String::new()),
            1 if self.is_instance_of_name(exc, "KeyError") => self.repr(items[0]),
            1 => self.str_value(items[0]),
            _ => self.repr(args),
        }
    }

    /// The traceback text CPython prints to stderr for an uncaught `exc`.
    pub fn format_exception(&mut self, exc: ObjectId, source: &str) -> String {
        let mut out = String::new();
        let (context, cause) = match self.heap.payload(exc) {
            Payload::Instance(inst) => (inst.context, inst.cause),
            _ => (NULL, NULL),
        };
        if cause != NULL {
            out.push_str(&self.format_exception(cause, source));
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if context != NULL {
            out.push_str(&self.format_exception(context, source));
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
        let tb = self.traceback_entries(exc);
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            // Like traceback.py, more than 3 identical entries in a row are
            // summarised (`[Previous line repeated N more times]`).
            let mut i = 0;
            while i < tb.len() {
                let mut run = 1;
                while i + run < tb.len() && tb[i + run] == tb[i] {
                    run += 1;
                }
                for _ in 0..run.min(3) {
                    let e = &tb[i];
                    out.push_str(&format!("  File \"{}\", line {}, in {}\n", e.filename, e.line, e.name));
                    let show_source = &*e.filename == self.config.filename.as_str();
                    if let Some(text) = source.lines().nth(e.line.saturating_sub(1) as usize).filter(|_| show_source) {
                        let t = text.trim();
                        if !t.is_empty() {
                            out.push_str(&format!("    {t}\n"));
                            if let Some(carets) = carets(source, e) {
                                out.push_str(&carets);
                            }
                        }
                    }
                }
                if run > 3 {
                    let more = run - 3;
                    out.push_str(&format!("  [Previous line repeated {more} more time{}]\n", if more == 1 { "" } else { "s" }));
                }
                i += run;
            }
        }
        out.push_str(&self.exception_last_line(exc));
        out.push('\n');
        out
    }

    /// `TypeName: message` (or just `TypeName`).
    pub fn exception_last_line(&mut self, exc: ObjectId) -> String {
        let ty = self.heap.get(exc).ty;
        // Classes defined in __main__ print without a module prefix.
        let name = match self.heap.payload(ty) {
            Payload::Type(t) => t.qualname.to_string(),
            _ => "?".into(),
        };
        let msg = match self.exception_str(exc) {
            Ok(m) => m,
            Err(e) => {
                self.discard(e);
                "<exception str() failed>".into()
            }
        };
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}
