//! Calling: binding arguments to parameters (with CPython's error messages),
//! making frames for Python functions, and dispatching every other callable
//! (bound methods, builtins, classes, objects with `__call__`).

use std::rc::Rc;

use crate::bytecode::Code;
use crate::heap::object::Function;
use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::interp::Exit;
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Frame, Vm, R};

impl Vm {
    /// MAKE_FUNCTION: a new function object (owning the popped references).
    pub fn new_function(
        &mut self,
        code_obj: ObjectId,
        globals: ObjectId,
        qualname: ObjectId,
        defaults: ObjectId,
        kwdefaults: ObjectId,
        closure: ObjectId,
    ) -> R<ObjectId> {
        let name = match self.heap.payload(code_obj) {
            Payload::Code(c) => c.name_obj,
            _ => self.wk.empty_str,
        };
        self.incref(name);
        self.incref(globals);
        let f = Function { code: code_obj, globals, name, qualname, defaults, kwdefaults, closure, dict: NULL };
        self.alloc_object(Builtin::Function.id(), Payload::Function(Box::new(f)), Spec::of(LayoutType::Function))
    }

    pub fn code_of(&self, code_obj: ObjectId) -> Rc<Code> {
        match self.heap.payload(code_obj) {
            Payload::Code(c) => c.clone(),
            _ => panic!("not a code object: interpreter bug"),
        }
    }

    /// Calls `callable(*args)` (owned args); a new reference.
    pub fn call(&mut self, callable: ObjectId, args: Vec<ObjectId>) -> R<ObjectId> {
        self.call_with(callable, args, NULL)
    }

    /// Calls `obj.name(*args)` if the type defines `name` (a user-defined
    /// method); None when it does not. `args` are borrowed.
    pub fn call_dunder(&mut self, obj: ObjectId, name: &str, args: &[ObjectId]) -> R<Option<ObjectId>> {
        let ty = self.heap.get(obj).ty;
        let Some(f) = self.lookup_type_attr(ty, name) else { return Ok(None) };
        if f == self.wk.none {
            return Ok(None);
        }
        self.incref(f);
        let mut all = Vec::with_capacity(args.len() + 1);
        let is_static = matches!(self.heap.payload(f), Payload::StaticMethod(_));
        if !is_static {
            self.incref(obj);
            all.push(obj);
        }
        for &a in args {
            self.incref(a);
            all.push(a);
        }
        let callable = match *self.heap.payload(f) {
            Payload::StaticMethod(inner) | Payload::ClassMethod(inner) => {
                self.incref(inner);
                self.decref(f);
                inner
            }
            _ => f,
        };
        let r = self.call(callable, all);
        self.decref(callable);
        r.map(Some)
    }

    /// When `callable` is a Python function (directly or as a bound method)
    /// whose call runs a frame, binds the arguments and returns the frame
    /// without running it. Otherwise leaves `args` alone and returns None.
    pub fn prepare_python_call(&mut self, callable: ObjectId, args: &mut Vec<ObjectId>, kwnames: ObjectId, nkw: usize) -> R<Option<Frame>> {
        let func = match *self.heap.payload(callable) {
            Payload::Function(_) => callable,
            Payload::Method { func, this } if matches!(self.heap.payload(func), Payload::Function(_)) => {
                self.incref(this);
                args.insert(0, this);
                func
            }
            _ => return Ok(None),
        };
        let code = match self.heap.payload(func) {
            Payload::Function(f) => self.code_of(f.code),
            _ => unreachable!(),
        };
        if code.flags.generator {
            if func != callable {
                // Undo the self insertion; call_with handles generators.
                let this = args.remove(0);
                self.decref(this);
            }
            return Ok(None);
        }
        let taken = std::mem::take(args);
        self.make_frame(func, taken, kwnames, nkw).map(Some)
    }

    /// Binds `args` (owned; the last `nkw` are keyword values named by the
    /// `kwnames` tuple) to `func`'s parameters in a new frame.
    pub fn make_frame(&mut self, func: ObjectId, args: Vec<ObjectId>, kwnames: ObjectId, nkw: usize) -> R<Frame> {
        let (code_obj, globals, defaults, kwdefaults, closure, qualname) = match self.heap.payload(func) {
            Payload::Function(f) => (f.code, f.globals, f.defaults, f.kwdefaults, f.closure, f.qualname),
            _ => unreachable!("make_frame on a non-function"),
        };
        let code = self.code_of(code_obj);
        let fname = self.str_of(qualname);
        let bufs = self.frame_pool.take();
        let mut frame = Frame::with_buffers(code.clone(), code_obj, globals, bufs);
        self.incref(globals);
        self.incref(func);
        frame.func = func;
        frame.handling_base = self.handling.len();
        let kwnames_list: Vec<ObjectId> = if kwnames == NULL { Vec::new() } else { self.tuple_items(kwnames) };
        let npos = args.len() - nkw;
        let mut args = args;
        let kwvalues = args.split_off(npos);
        let positional = args;
        match self.bind_args(&code, &fname, &mut frame, positional, &kwnames_list, kwvalues, defaults, kwdefaults) {
            Ok(()) => {}
            Err(e) => {
                self.release_frame(frame);
                return Err(e);
            }
        }
        // Cells for this scope's captured variables (arguments move in).
        let nv = code.varnames.len();
        for (i, arg) in code.cell2arg.iter().enumerate() {
            let init = match arg {
                Some(a) => std::mem::replace(&mut frame.fast[*a as usize], NULL),
                None => NULL,
            };
            match self.new_cell(init) {
                Ok(c) => frame.fast[nv + i] = c,
                Err(e) => {
                    self.release_frame(frame);
                    return Err(e);
                }
            }
        }
        if closure != NULL {
            let cells = self.tuple_items(closure);
            let base = nv + code.cellvars.len();
            for (j, c) in cells.into_iter().enumerate() {
                self.incref(c);
                frame.fast[base + j] = c;
            }
        }
        Ok(frame)
    }

    #[allow(clippy::too_many_arguments)]
    fn bind_args(
        &mut self,
        code: &Code,
        fname: &str,
        frame: &mut Frame,
        positional: Vec<ObjectId>,
        kwnames: &[ObjectId],
        kwvalues: Vec<ObjectId>,
        defaults: ObjectId,
        kwdefaults: ObjectId,
    ) -> R<()> {
        let argc = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let npos = positional.len();
        let mut extra = Vec::new();
        for (i, v) in positional.into_iter().enumerate() {
            if i < argc {
                frame.fast[i] = v;
            } else {
                extra.push(v);
            }
        }
        let mut slot = argc + kwonly;
        if code.flags.varargs {
            frame.fast[slot] = self.new_tuple(std::mem::take(&mut extra))?;
            slot += 1;
        } else if !extra.is_empty() {
            for v in extra {
                self.decref(v);
            }
            for v in kwvalues {
                self.decref(v);
            }
            let ndef = self.tuple_len_or0(defaults);
            let takes = if ndef > 0 {
                format!("from {} to {} positional arguments", argc - ndef, argc)
            } else {
                format!("{} positional argument{}", argc, if argc == 1 { "" } else { "s" })
            };
            let given = if npos == 1 { "was" } else { "were" };
            return Err(self.error("TypeError", &format!("{fname}() takes {takes} but {npos} {given} given")));
        }
        let kwdict = if code.flags.varkeywords {
            let d = self.new_dict()?;
            frame.fast[slot] = d;
            Some(d)
        } else {
            None
        };
        let mut kwvalues = kwvalues.into_iter();
        for &k in kwnames {
            let v = kwvalues.next().expect("one value per keyword name");
            let kname = self.str_of(k);
            let idx = code.varnames[..argc + kwonly].iter().position(|n| **n == *kname);
            match idx {
                Some(i) if i >= code.posonlyargcount as usize => {
                    if frame.fast[i] != NULL {
                        self.decref(v);
                        for v in kwvalues {
                            self.decref(v);
                        }
                        return Err(self.error("TypeError", &format!("{fname}() got multiple values for argument '{kname}'")));
                    }
                    frame.fast[i] = v;
                }
                _ => match kwdict {
                    Some(d) => {
                        let r = self.dict_set(d, k, v);
                        self.decref(v);
                        r?;
                    }
                    None => {
                        self.decref(v);
                        for v in kwvalues {
                            self.decref(v);
                        }
                        return Err(self.error("TypeError", &format!("{fname}() got an unexpected keyword argument '{kname}'")));
                    }
                },
            }
        }
        // Defaults for missing positional parameters.
        let defs = if defaults == NULL { Vec::new() } else { self.tuple_items(defaults) };
        let first_default = argc - defs.len();
        let mut missing = Vec::new();
        for i in 0..argc {
            if frame.fast[i] == NULL {
                if i >= first_default {
                    let d = defs[i - first_default];
                    self.incref(d);
                    frame.fast[i] = d;
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(fname, "positional", &missing));
        }
        for i in argc..argc + kwonly {
            if frame.fast[i] == NULL {
                let name = code.varnames[i].clone();
                let d = if kwdefaults == NULL {
                    None
                } else {
                    let key = self.intern(&name);
                    let d = self.dict_get_str(kwdefaults, key);
                    self.decref(key);
                    d
                };
                match d {
                    Some(d) => {
                        self.incref(d);
                        frame.fast[i] = d;
                    }
                    None => missing.push(name),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(fname, "keyword-only", &missing));
        }
        Ok(())
    }

    fn tuple_len_or0(&self, t: ObjectId) -> usize {
        if t == NULL {
            0
        } else {
            self.tuple_len(t)
        }
    }

    fn missing_args(&mut self, fname: &str, kind: &str, names: &[Rc<str>]) -> crate::vm::Unwind {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            _ => format!("{}, and {}", quoted[..quoted.len() - 1].join(", "), quoted[quoted.len() - 1]),
        };
        let plural = if names.len() == 1 { "" } else { "s" };
        self.error(
            "TypeError",
            &format!("{fname}() missing {} required {kind} argument{plural}: {list}", names.len()),
        )
    }

    /// The general call (args owned; the last `len(kwnames)` are keyword
    /// values). Returns a new reference.
    pub fn call_with(&mut self, callable: ObjectId, mut args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        let nkw = if kwnames == NULL { 0 } else { self.tuple_len(kwnames) };
        match *self.heap.payload(callable) {
            Payload::Function(_) => {
                let code = match self.heap.payload(callable) {
                    Payload::Function(f) => self.code_of(f.code),
                    _ => unreachable!(),
                };
                let frame = self.make_frame(callable, args, kwnames, nkw)?;
                if code.flags.generator {
                    return self.new_generator(frame);
                }
                match self.run_frame(frame)? {
                    Exit::Return(v) => Ok(v),
                    Exit::Yield(v) => Ok(v),
                }
            }
            Payload::Method { func, this } => {
                self.incref(this);
                args.insert(0, this);
                self.call_with(func, args, kwnames)
            }
            Payload::Builtin { which, bound } => {
                if bound != NULL {
                    self.incref(bound);
                    args.insert(0, bound);
                }
                self.call_builtin(which, args, kwnames)
            }
            Payload::Type(_) => self.call_type(callable, args, kwnames),
            Payload::WeakRef { .. } => {
                let n = args.len();
                for a in args {
                    self.decref(a);
                }
                if n != 0 {
                    return Err(self.error("TypeError", &format!("weakref() takes exactly 0 arguments ({n} given)")));
                }
                Ok(self.weakref_get(callable))
            }
            _ => {
                if self.module_callable(callable) {
                    return self.module_call(callable, args, kwnames);
                }
                if self.lookup_type_attr(self.heap.get(callable).ty, "__call__").is_some() {
                    let f = self.getattr_str(callable, "__call__")?;
                    let r = self.call_with(f, args, kwnames);
                    self.decref(f);
                    return r;
                }
                for a in args {
                    self.decref(a);
                }
                let t = self.type_name(callable);
                Err(self.error("TypeError", &format!("'{t}' object is not callable")))
            }
        }
    }

    /// Drops the references an argument vector owns and keeps the vector
    /// for the next call ([`crate::vm::pools::ArgPool`]).
    pub(crate) fn release_args(&mut self, args: Vec<ObjectId>) {
        for &a in &args {
            self.decref(a);
        }
        self.arg_pool.give(args);
    }

    /// `cls(*args, **kw)`.
    fn call_type(&mut self, cls: ObjectId, args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        let (user, builtin) = match self.heap.payload(cls) {
            Payload::Type(t) => (t.user, t.builtin),
            _ => unreachable!(),
        };
        if !user {
            return self.construct_builtin(cls, args, kwnames);
        }
        if let Some(b) = builtin.filter(|b| b.value_subclassable()) {
            return self.call_value_subclass(cls, b, args, kwnames);
        }
        let is_exc = builtin == Some(Builtin::BaseException);
        let obj = if is_exc {
            let items: Vec<ObjectId> = args.clone();
            for &a in &items {
                self.incref(a);
            }
            let t = self.new_tuple(items)?;
            self.new_exception_instance(cls, t)?
        } else {
            match self.new_instance(cls) {
                Ok(o) => o,
                Err(e) => {
                    for a in args {
                        self.decref(a);
                    }
                    return Err(e);
                }
            }
        };
        match self.lookup_type_attr(cls, "__init__") {
            Some(init) => {
                self.incref(init);
                self.incref(obj);
                let mut all = args;
                all.insert(0, obj);
                let r = self.call_with(init, all, kwnames);
                self.decref(init);
                match r {
                    Ok(v) => {
                        let is_none = v == self.wk.none;
                        let t = self.type_name(v);
                        self.decref(v);
                        if !is_none {
                            self.decref(obj);
                            return Err(self.error("TypeError", &format!("__init__() should return None, not '{t}'")));
                        }
                        Ok(obj)
                    }
                    Err(e) => {
                        self.decref(obj);
                        Err(e)
                    }
                }
            }
            None => {
                if !args.is_empty() && !is_exc {
                    for a in args {
                        self.decref(a);
                    }
                    self.decref(obj);
                    let n = self.type_name_of_type(cls);
                    return Err(self.error("TypeError", &format!("{n}() takes no arguments")));
                }
                self.release_args(args);
                Ok(obj)
            }
        }
    }

    /// `cls(...)` where `cls` extends a builtin value type. A container
    /// (list, dict, set, frozenset) is allocated as an instance of `cls`
    /// (`tp_alloc(cls)`), empty when the class has its own `__init__` to fill
    /// it. The others are made as the builtin, then copied into an instance
    /// of `cls`, as `float_subtype_new` and its kin do. Then `__init__` runs.
    fn call_value_subclass(&mut self, cls: ObjectId, b: Builtin, args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        let user_init = self.lookup_type_attr(cls, "__init__");
        let container = matches!(b, Builtin::List | Builtin::Dict | Builtin::Set | Builtin::FrozenSet);
        let obj = if container && b != Builtin::FrozenSet && user_init.is_some() {
            self.construct_builtin(cls, Vec::new(), NULL)?
        } else {
            let copies: Vec<ObjectId> = args.clone();
            for &a in &copies {
                self.incref(a);
            }
            let made = self.construct_builtin(if container { cls } else { b.id() }, copies, kwnames);
            match made.and_then(|o| if container { Ok(o) } else { self.subtype_copy(cls, b, o) }) {
                Ok(o) => o,
                Err(e) => {
                    for a in args {
                        self.decref(a);
                    }
                    return Err(e);
                }
            }
        };
        match user_init {
            Some(init) => {
                self.incref(init);
                self.incref(obj);
                let mut all = vec![obj];
                all.extend(args);
                let r = self.call_with(init, all, kwnames);
                self.decref(init);
                match r {
                    Ok(v) => {
                        self.decref(v);
                        Ok(obj)
                    }
                    Err(e) => {
                        self.decref(obj);
                        Err(e)
                    }
                }
            }
            None => {
                for a in args {
                    self.decref(a);
                }
                Ok(obj)
            }
        }
    }

    /// The instance of `cls` holding a copy of `tmp`, a value of its
    /// builtin base `b` (consumed): one `tp_alloc(cls, n)`, which asks for
    /// the class's basic size plus n + 1 items (a sentinel), rounded to 8.
    /// A str's characters are a second block in CPython (a subclass's str
    /// is not compact); here they share the object's block.
    fn subtype_copy(&mut self, cls: ObjectId, b: Builtin, tmp: ObjectId) -> R<ObjectId> {
        let payload = self.heap.payload(tmp).clone();
        let itemsize = b.layout_type().map_or(0, |l| l.layout().itemsize);
        let (nitems, extra) = match &payload {
            Payload::Int(i) => (crate::vm::memory::int_digits(i).max(1), 0),
            Payload::Tuple(t) => (t.len(), 0),
            Payload::Bytes(x) => (x.len(), 0),
            Payload::Str(s) => (0, crate::vm::memory::str_data_size(s)),
            _ => (0, 0),
        };
        if let Payload::Tuple(t) = &payload {
            for &i in t.iter() {
                self.incref(i);
            }
        }
        let gc = self.type_is_gc(cls);
        let pre = crate::vm::memory::preheader(gc, self.type_has_managed_dict(cls)) as usize;
        let size = pre + (self.basicsize(cls) + (nitems + 1) * itemsize).next_multiple_of(8) + extra;
        let r = self.alloc_object(cls, payload, crate::vm::memory::Spec { size, gc, track: gc, free_list: None });
        self.decref(tmp);
        r
    }

    /// CALL_FUNCTION_EX: `f(*args, **kwargs)`.
    pub fn call_ex(&mut self, func: ObjectId, args: ObjectId, kwargs: ObjectId) -> R<ObjectId> {
        let mut all = self.collect_iterable(args)?;
        let mut names = Vec::new();
        if kwargs != NULL {
            for (k, v) in self.dict_entries(kwargs) {
                if !matches!(self.heap.payload(k), Payload::Str(_)) {
                    for a in all {
                        self.decref(a);
                    }
                    return Err(self.error("TypeError", "keywords must be strings"));
                }
                self.incref(k);
                self.incref(v);
                names.push(k);
                all.push(v);
            }
        }
        let kwnames = if names.is_empty() { NULL } else { self.new_tuple(names)? };
        let r = self.call_with(func, all, kwnames);
        self.xdecref(kwnames);
        r
    }
}
