//! The evaluation loop: fetch, dispatch, and unwind to handlers.
//!
//! Reference discipline, as in CPython: the value stack owns one reference
//! per entry; popping transfers it to the instruction, which must either
//! store it or release it.

use std::rc::Rc;

use crate::bytecode::{make_fn, Op};
use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::frame::Block;
use crate::vm::{Frame, Unwind, Vm, R};

/// How a frame stopped.
pub enum Exit {
    Return(ObjectId),
    Yield(ObjectId),
}

impl Vm {
    /// The running frame. Indexed rather than `last_mut().expect(..)`,
    /// which compiles to two checks (length, then the Option's pointer):
    /// this is on every instruction's path.
    #[inline(always)]
    fn top(&mut self) -> &mut Frame {
        let n = self.frames.len();
        &mut self.frames[n.wrapping_sub(1)]
    }

    #[inline(always)]
    fn top_ref(&self) -> &Frame {
        let n = self.frames.len();
        &self.frames[n.wrapping_sub(1)]
    }

    #[inline]
    pub(crate) fn push(&mut self, v: ObjectId) {
        self.stack.push(v);
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> ObjectId {
        self.stack.pop().expect("value stack underflow is a compiler bug")
    }

    /// Pops the top two entries as (second, top).
    #[inline]
    fn pop2(&mut self) -> (ObjectId, ObjectId) {
        let s = &mut self.stack;
        let b = s.pop().expect("value stack underflow is a compiler bug");
        let a = s.pop().expect("value stack underflow is a compiler bug");
        (a, b)
    }

    #[inline]
    fn peek(&self, n: usize) -> ObjectId {
        self.stack[self.stack.len() - n]
    }

    /// Pushes `frame` as the running frame: the caller's position moves into
    /// its `Frame::pc`, the new frame's into `Vm::pc`, and the frame's own
    /// stack (a resumed generator's) onto `Vm::stack`.
    #[inline(always)]
    pub(crate) fn push_frame(&mut self, mut frame: Frame) {
        if let Some(caller) = self.frames.last_mut() {
            caller.pc = self.pc;
        }
        self.pc = frame.pc;
        frame.stack_base = self.stack.len();
        if !frame.stack.is_empty() {
            self.stack.extend_from_slice(&frame.stack);
            frame.stack.clear();
        }
        self.frames.push(frame);
    }

    /// [`Vm::push_frame`] for a call, recorded in the timeline.
    #[inline(always)]
    fn enter_frame(&mut self, frame: Frame) {
        if self.timeline.enabled {
            let name = frame.code.qualname.clone();
            self.push_frame(frame);
            self.on_frame(&name, true);
        } else {
            self.push_frame(frame);
        }
    }

    /// Pops the running frame (with its position in `Frame::pc`, for a
    /// generator to resume from) and resumes the one below.
    #[inline(always)]
    pub(crate) fn pop_frame(&mut self) -> Frame {
        let mut f = self.frames.pop().expect("a frame is running");
        f.pc = self.pc;
        if self.stack.len() > f.stack_base {
            f.stack.extend(self.stack.drain(f.stack_base..));
        }
        self.pc = self.frames.last().map_or(0, |f| f.pc);
        f
    }

    fn popn(&mut self, n: usize) -> Vec<ObjectId> {
        let s = &mut self.stack;
        let at = s.len() - n;
        s.split_off(at)
    }

    /// Pushes `frame` and runs until it returns or yields (nested frames it
    /// calls run in the same loop).
    pub fn run_frame(&mut self, frame: Frame) -> R<Exit> {
        if self.depth >= self.recursion_limit {
            self.release_frame(frame);
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        let base = self.frames.len();
        self.depth += 1;
        self.enter_frame(frame);
        let r = self.run_loop(base);
        self.depth -= 1;
        r
    }

    /// Pushes a suspended frame and raises `exc` at its current position
    /// (`generator.throw`/`close`), then runs it like `run_frame`.
    pub fn run_frame_throwing(&mut self, frame: Frame, exc: ObjectId) -> R<Exit> {
        let base = self.frames.len();
        self.depth += 1;
        self.push_frame(frame);
        let r = match self.unwind_to_handler(base, exc) {
            Some(exc) => Err(Unwind::Exc(exc)),
            None => self.run_loop(base),
        };
        self.depth -= 1;
        r
    }

    fn run_loop(&mut self, base: usize) -> R<Exit> {
        loop {
            match self.execute(base) {
                Ok(exit) => return Ok(exit),
                Err(Unwind::Abort) => {
                    while self.frames.len() > base {
                        let f = self.pop_frame();
                        self.release_frame(f);
                    }
                    return Err(Unwind::Abort);
                }
                Err(Unwind::Exc(exc)) => {
                    if let Some(exc) = self.unwind_to_handler(base, exc) {
                        return Err(Unwind::Exc(exc));
                    }
                }
            }
        }
    }

    /// Looks for a handler from the top frame down to `base`, recording each
    /// frame in the traceback. Returns the exception if none was found (all
    /// frames above `base` are gone then), or None when a handler is ready.
    fn unwind_to_handler(&mut self, base: usize, exc: ObjectId) -> Option<ObjectId> {
        loop {
            let (line, pc) = (self.top_ref().line, self.pc.saturating_sub(1));
            self.add_traceback(exc, line, pc);
            let f = self.top();
            if let Some(block) = f.blocks.pop() {
                let level = f.stack_base + block.level as usize;
                let cut: Vec<ObjectId> = self.stack.split_off(level.min(self.stack.len()));
                self.stack.push(exc);
                self.pc = block.handler as usize;
                for v in cut {
                    self.xdecref(v);
                }
                return None;
            }
            let f = self.pop_frame();
            self.release_frame(f);
            if self.frames.len() == base {
                // The base frame is gone: `run_frame` settles its depth.
                return Some(exc);
            }
            self.depth -= 1;
        }
    }

    /// Drops a frame's references (locals and stack), restoring the
    /// exception-handling state it had started with.
    pub(crate) fn release_frame(&mut self, mut f: Frame) {
        if self.timeline.enabled {
            self.on_frame(&f.code.qualname.clone(), false);
        }
        self.drop_handling_to(f.handling_base);
        while let Some(v) = f.stack.pop() {
            self.xdecref(v);
        }
        if f.frame_obj != NULL {
            // `take_ownership`: the frame object keeps the locals alive.
            let mut owned: Vec<ObjectId> = f.fast.drain(..).filter(|&v| v != NULL).collect();
            owned.extend([f.locals, f.func, f.globals].into_iter().filter(|&v| v != NULL));
            if let Payload::FrameObj(fo) = self.heap.payload_mut(f.frame_obj) {
                fo.owned = owned;
                fo.live = false;
                fo.line = f.line;
            }
            self.decref(f.frame_obj);
            self.frame_pool.give(f.fast);
            return;
        }
        self.release_locals(f.fast, f.locals, f.func, f.globals);
    }

    /// Ends the handling of the exceptions a finished frame was handling.
    #[inline(always)]
    fn drop_handling_to(&mut self, handling_base: usize) {
        while self.handling.len() > handling_base {
            let e = self.handling.pop().expect("handling");
            self.decref(e);
        }
    }

    /// What a finished frame without a frame object owns: its locals, its
    /// locals dict, function and globals. The locals vector goes back to the
    /// frame pool.
    #[inline(always)]
    fn release_locals(&mut self, mut fast: Vec<ObjectId>, locals: ObjectId, func: ObjectId, globals: ObjectId) {
        for i in 0..fast.len() {
            let v = fast[i];
            if v != NULL {
                self.decref(v);
            }
        }
        fast.clear();
        if locals != NULL {
            self.decref(locals);
        }
        if func != NULL {
            self.decref(func);
        }
        self.decref(globals);
        self.frame_pool.give(fast);
    }

    /// RETURN_VALUE's common case, [`Vm::pop_frame`] then
    /// [`Vm::release_frame`] without moving the frame out of `frames`
    /// first: a plain function's frame (no frame object, not a generator,
    /// nothing left on its stack, no timeline to record). Same order of
    /// releases. False (nothing done) for any other frame.
    #[inline]
    fn release_top_in_place(&mut self) -> bool {
        let n = self.frames.len();
        let f = &mut self.frames[n - 1];
        if f.frame_obj != NULL || f.generator != NULL || self.stack.len() != f.stack_base || self.timeline.enabled {
            return false;
        }
        let fast = std::mem::take(&mut f.fast);
        let (locals, func, globals, handling_base) = (f.locals, f.func, f.globals, f.handling_base);
        self.frames.truncate(n - 1);
        self.pc = self.frames.last().map_or(0, |f| f.pc);
        self.drop_handling_to(handling_base);
        self.release_locals(fast, locals, func, globals);
        true
    }

    fn execute(&mut self, base: usize) -> R<Exit> {
        // The running code, re-fetched only when the top frame's code
        // changes (a call or a return), not cloned per instruction.
        let mut code = self.top_ref().code.clone();
        let mut depth = self.frames.len();
        loop {
            // Frames change in this loop only by a call's push or a
            // return's pop, and both change the depth.
            if self.frames.len() != depth {
                depth = self.frames.len();
                code = self.top_ref().code.clone();
            }
            let op = code.ops[self.pc];
            self.pc += 1;
            self.steps += 1;
            if self.steps > self.config.step_budget {
                return Err(Unwind::Abort);
            }
            match op {
                Op::Nop => {}
                Op::Line(n) => {
                    self.top().line = n;
                    self.heap.line = n;
                    self.on_line(n);
                }
                Op::PopTop => {
                    let v = self.pop();
                    self.decref(v);
                }
                Op::PushNull => self.push(NULL),
                Op::Copy(n) => {
                    let v = self.peek(n as usize);
                    self.incref(v);
                    self.push(v);
                }
                Op::Swap(n) => {
                    let s = &mut self.stack;
                    let len = s.len();
                    s.swap(len - 1, len - n as usize);
                }
                Op::LoadConst(i) => {
                    let v = code.consts[i as usize];
                    self.stack.push(v);
                    self.incref(v);
                }
                Op::LoadFast(i) => {
                    let v = self.top_ref().fast[i as usize];
                    if v == NULL {
                        let name = code.varnames[i as usize].clone();
                        return Err(self.unbound_local(&name));
                    }
                    self.stack.push(v);
                    self.incref(v);
                }
                Op::StoreFast(i) => {
                    let v = self.stack.pop().expect("value stack underflow is a compiler bug");
                    let old = std::mem::replace(&mut self.top().fast[i as usize], v);
                    if old != NULL {
                        self.decref(old);
                    }
                }
                Op::DeleteFast(i) => {
                    let old = std::mem::replace(&mut self.top().fast[i as usize], NULL);
                    if old == NULL {
                        let name = code.varnames[i as usize].clone();
                        return Err(self.unbound_local(&name));
                    }
                    self.decref(old);
                }
                Op::LoadDeref(i) | Op::LoadClassDeref(i) => {
                    if let Op::LoadClassDeref(_) = op {
                        let locals = self.top().locals;
                        let name = self.deref_name(&code, i);
                        let key = self.intern(&name);
                        let found = self.dict_get_str(locals, key);
                        self.decref(key);
                        if let Some(v) = found {
                            self.incref(v);
                            self.push(v);
                            continue;
                        }
                    }
                    let cell = self.top().fast[code.varnames.len() + i as usize];
                    let v = match self.heap.payload(cell) {
                        Payload::Cell(v) => *v,
                        _ => NULL,
                    };
                    if v == NULL {
                        let name = self.deref_name(&code, i);
                        return Err(self.unbound_free(&name));
                    }
                    self.incref(v);
                    self.push(v);
                }
                Op::StoreDeref(i) => {
                    let v = self.pop();
                    let cell = self.top().fast[code.varnames.len() + i as usize];
                    let old = match self.heap.payload_mut(cell) {
                        Payload::Cell(slot) => std::mem::replace(slot, v),
                        _ => NULL,
                    };
                    if old != NULL {
                        self.decref(old);
                    }
                }
                Op::DeleteDeref(i) => {
                    let cell = self.top().fast[code.varnames.len() + i as usize];
                    let old = match self.heap.payload_mut(cell) {
                        Payload::Cell(slot) => std::mem::replace(slot, NULL),
                        _ => NULL,
                    };
                    if old == NULL {
                        let name = self.deref_name(&code, i);
                        return Err(self.unbound_free(&name));
                    }
                    self.decref(old);
                }
                Op::LoadClosure(i) => {
                    let cell = self.top().fast[code.varnames.len() + i as usize];
                    self.incref(cell);
                    self.push(cell);
                }
                Op::LoadName(i) => {
                    let name = code.names[i as usize];
                    let locals = self.top().locals;
                    let found = if locals != NULL { self.dict_get_str(locals, name) } else { None };
                    let v = match found {
                        Some(v) => v,
                        None => {
                            let g = self.top().globals;
                            self.load_global_name(g, name)?
                        }
                    };
                    self.incref(v);
                    self.push(v);
                }
                Op::StoreName(i) => {
                    let name = code.names[i as usize];
                    let v = self.pop();
                    let locals = self.top().locals;
                    let r = if locals != NULL {
                        self.dict_set(locals, name, v)
                    } else {
                        let g = self.top().globals;
                        self.store_global_name(g, name, v)
                    };
                    r?;
                    self.decref(v);
                }
                Op::DeleteName(i) => {
                    let name = code.names[i as usize];
                    let locals = self.top().locals;
                    let target = if locals != NULL { locals } else { self.top().globals };
                    if !self.dict_del(target, name)? {
                        let n = self.str_of(name).to_string();
                        return Err(self.error("NameError", &format!("name '{n}' is not defined")));
                    }
                }
                Op::LoadGlobal(i) => {
                    let name = code.names[i as usize];
                    let g = self.top().globals;
                    let v = self.load_global_name(g, name)?;
                    self.incref(v);
                    self.push(v);
                }
                Op::StoreGlobal(i) => {
                    let name = code.names[i as usize];
                    let v = self.pop();
                    let g = self.top().globals;
                    self.store_global_name(g, name, v)?;
                    self.decref(v);
                }
                Op::DeleteGlobal(i) => {
                    let name = code.names[i as usize];
                    let g = self.top().globals;
                    if !self.dict_del(g, name)? {
                        let n = self.str_of(name).to_string();
                        return Err(self.error("NameError", &format!("name '{n}' is not defined")));
                    }
                }
                Op::LoadAttr(i) => {
                    let obj = self.pop();
                    let r = self.getattr(obj, code.names[i as usize]);
                    self.decref(obj);
                    let v = r?;
                    self.push(v);
                }
                Op::LoadMethod(i) => {
                    let obj = self.pop();
                    match self.load_method(obj, code.names[i as usize]) {
                        Ok(Some(func)) => {
                            // (function, self): self keeps the popped reference.
                            self.push(func);
                            self.push(obj);
                        }
                        Ok(None) => {
                            let r = self.getattr(obj, code.names[i as usize]);
                            self.decref(obj);
                            let v = r?;
                            self.push(NULL);
                            self.push(v);
                        }
                        Err(e) => {
                            self.decref(obj);
                            return Err(e);
                        }
                    }
                }
                Op::StoreAttr(i) => {
                    let obj = self.pop();
                    let v = self.pop();
                    let r = self.setattr(obj, code.names[i as usize], v);
                    self.decref(obj);
                    self.decref(v);
                    r?;
                }
                Op::DeleteAttr(i) => {
                    let obj = self.pop();
                    let r = self.delattr(obj, code.names[i as usize]);
                    self.decref(obj);
                    r?;
                }
                Op::BinarySubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = self.getitem(obj, key);
                    self.decref(key);
                    self.decref(obj);
                    let v = r?;
                    self.push(v);
                }
                Op::StoreSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let v = self.pop();
                    let r = self.setitem(obj, key, v);
                    self.decref(key);
                    self.decref(obj);
                    self.decref(v);
                    r?;
                }
                Op::DeleteSubscr => {
                    let key = self.pop();
                    let obj = self.pop();
                    let r = self.delitem(obj, key);
                    self.decref(key);
                    self.decref(obj);
                    r?;
                }
                Op::BuildSlice(n) => {
                    let step = if n == 3 { self.pop() } else { self.none_ref() };
                    let stop = self.pop();
                    let start = self.pop();
                    let s = self.new_slice(start, stop, step)?;
                    self.push(s);
                }
                Op::BinaryOp(bop) | Op::InplaceOp(bop) => {
                    let (a, b) = self.pop2();
                    let r = self.binary_op(a, b, bop, matches!(op, Op::InplaceOp(_)));
                    self.decref(a);
                    self.decref(b);
                    let v = r?;
                    self.push(v);
                }
                Op::Unary(u) => {
                    let a = self.pop();
                    let r = self.unary_op(a, u);
                    self.decref(a);
                    let v = r?;
                    self.push(v);
                }
                Op::Compare(c) => {
                    let (a, b) = self.pop2();
                    let r = self.compare(a, b, c);
                    self.decref(a);
                    self.decref(b);
                    let v = r?;
                    self.push(v);
                }
                Op::IsOp(invert) => {
                    let b = self.pop();
                    let a = self.pop();
                    let v = self.bool_ref((a == b) != invert);
                    self.decref(a);
                    self.decref(b);
                    self.push(v);
                }
                Op::ContainsOp(invert) => {
                    let container = self.pop();
                    let item = self.pop();
                    let r = self.contains(container, item);
                    self.decref(container);
                    self.decref(item);
                    let v = self.bool_ref(r? != invert);
                    self.push(v);
                }
                Op::BuildTuple(n) => {
                    let items = self.popn(n as usize);
                    let t = self.new_tuple(items)?;
                    self.push(t);
                }
                Op::BuildList(n) => {
                    let items = self.popn(n as usize);
                    let cap = items.len();
                    let l = self.new_list(items, cap)?;
                    self.push(l);
                }
                Op::BuildSet(n) => {
                    let items = self.popn(n as usize);
                    let s = self.new_set_from(items, false)?;
                    self.push(s);
                }
                Op::BuildMap(n) => {
                    let items = self.popn(2 * n as usize);
                    let d = self.new_dict_presized(n as usize);
                    let mut r = Ok(());
                    for pair in items.chunks(2) {
                        if r.is_ok() {
                            r = self.dict_set(d, pair[0], pair[1]);
                        }
                    }
                    for v in items {
                        self.decref(v);
                    }
                    if let Err(e) = r {
                        self.decref(d);
                        return Err(e);
                    }
                    self.push(d);
                }
                Op::BuildConstKeyMap(n) => {
                    let keys = self.pop();
                    let values = self.popn(n as usize);
                    let key_list = self.tuple_items(keys);
                    let d = self.new_dict_presized(n as usize);
                    let mut r = Ok(());
                    for (k, v) in key_list.iter().zip(values.iter()) {
                        if r.is_ok() {
                            r = self.dict_set(d, *k, *v);
                        }
                    }
                    for v in values {
                        self.decref(v);
                    }
                    self.decref(keys);
                    if let Err(e) = r {
                        self.decref(d);
                        return Err(e);
                    }
                    self.push(d);
                }
                Op::BuildString(n) => {
                    let parts = self.popn(n as usize);
                    let mut s = String::new();
                    for p in &parts {
                        s.push_str(&self.str_of(*p));
                    }
                    for p in parts {
                        self.decref(p);
                    }
                    let v = self.new_str(&s)?;
                    self.push(v);
                }
                Op::ListAppend(i) => {
                    let v = self.pop();
                    let list = self.peek(i as usize);
                    self.list_append_owned(list, v)?;
                }
                Op::SetAdd(i) => {
                    let v = self.pop();
                    let set = self.peek(i as usize);
                    let r = self.set_add(set, v);
                    self.decref(v);
                    r?;
                }
                Op::MapAdd(i) => {
                    let v = self.pop();
                    let k = self.pop();
                    let d = self.peek(i as usize);
                    let r = self.dict_set(d, k, v);
                    self.decref(k);
                    self.decref(v);
                    r?;
                }
                Op::ListExtend(i) => {
                    let it = self.pop();
                    let list = self.peek(i as usize);
                    let r = self.list_extend(list, it);
                    self.decref(it);
                    r?;
                }
                Op::SetUpdate(i) => {
                    let it = self.pop();
                    let set = self.peek(i as usize);
                    let r = self.set_update(set, it);
                    self.decref(it);
                    r?;
                }
                Op::DictUpdate(i) | Op::DictMerge(i) => {
                    let other = self.pop();
                    let d = self.peek(i as usize);
                    let r = self.dict_update(d, other);
                    self.decref(other);
                    r?;
                }
                Op::ListToTuple => {
                    let list = self.pop();
                    let items = self.list_items(list);
                    for v in &items {
                        self.incref(*v);
                    }
                    self.decref(list);
                    let t = self.new_tuple(items)?;
                    self.push(t);
                }
                Op::FormatValue(flags) => {
                    let spec = if flags & 4 != 0 { Some(self.pop()) } else { None };
                    let v = self.pop();
                    let r = self.format_value(v, flags & 3, spec);
                    self.decref(v);
                    if let Some(s) = spec {
                        self.decref(s);
                    }
                    let s = r?;
                    self.push(s);
                }
                Op::UnpackSequence(n) => {
                    let seq = self.pop();
                    let r = self.unpack(seq, n as usize, None);
                    self.decref(seq);
                    for v in r?.into_iter().rev() {
                        self.push(v);
                    }
                }
                Op::UnpackEx(arg) => {
                    let seq = self.pop();
                    let before = (arg & 0xff) as usize;
                    let after = (arg >> 8) as usize;
                    let r = self.unpack(seq, before, Some(after));
                    self.decref(seq);
                    for v in r?.into_iter().rev() {
                        self.push(v);
                    }
                }
                Op::Jump(t) => self.pc = t as usize,
                Op::PopJumpIfFalse(t) | Op::PopJumpIfTrue(t) => {
                    let v = self.pop();
                    // A comparison's result needs no `bool()`.
                    let r = if v == self.wk.true_ {
                        Ok(true)
                    } else if v == self.wk.false_ {
                        Ok(false)
                    } else {
                        self.truthy(v)
                    };
                    self.decref(v);
                    if r? == matches!(op, Op::PopJumpIfTrue(_)) {
                        self.pc = t as usize;
                    }
                }
                Op::JumpIfFalseOrPop(t) | Op::JumpIfTrueOrPop(t) => {
                    let v = self.peek(1);
                    if self.truthy(v)? == matches!(op, Op::JumpIfTrueOrPop(_)) {
                        self.pc = t as usize;
                    } else {
                        let v = self.pop();
                        self.decref(v);
                    }
                }
                Op::PopJumpIfNone(t) | Op::PopJumpIfNotNone(t) => {
                    let v = self.pop();
                    let is_none = v == self.wk.none;
                    self.decref(v);
                    if is_none == matches!(op, Op::PopJumpIfNone(_)) {
                        self.pc = t as usize;
                    }
                }
                Op::GetIter => {
                    let v = self.pop();
                    let r = self.get_iter(v);
                    self.decref(v);
                    let it = r?;
                    self.push(it);
                }
                Op::ForIter(t) => {
                    let it = self.peek(1);
                    match self.iter_next(it)? {
                        Some(v) => self.push(v),
                        None => {
                            let it = self.pop();
                            self.decref(it);
                            self.pc = t as usize;
                        }
                    }
                }
                Op::Call(n) => self.op_call(n as usize, NULL)?,
                Op::CallKw(n) => {
                    let names = self.pop();
                    let r = self.op_call(n as usize, names);
                    self.decref(names);
                    r?;
                }
                Op::CallEx(has_kw) => {
                    let kwargs = if has_kw != 0 { self.pop() } else { NULL };
                    let args = self.pop();
                    let func = self.pop();
                    let null = self.pop();
                    debug_assert_eq!(null, NULL);
                    let r = self.call_ex(func, args, kwargs);
                    self.decref(func);
                    self.decref(args);
                    if kwargs != NULL {
                        self.decref(kwargs);
                    }
                    let v = r?;
                    self.push(v);
                }
                Op::MakeFunction(flags) => {
                    let code_obj = self.pop();
                    let qualname = match self.heap.payload(code_obj) {
                        Payload::Code(c) => c.qualname_obj,
                        _ => self.wk.empty_str,
                    };
                    self.incref(qualname);
                    let closure = if flags & make_fn::CLOSURE != 0 { self.pop() } else { NULL };
                    let kwdefaults = if flags & make_fn::KWDEFAULTS != 0 { self.pop() } else { NULL };
                    let defaults = if flags & make_fn::DEFAULTS != 0 { self.pop() } else { NULL };
                    let globals = self.top().globals;
                    let f = self.new_function(code_obj, globals, qualname, defaults, kwdefaults, closure)?;
                    self.push(f);
                }
                Op::LoadBuildClass => {
                    let f = self.builtin_global(crate::vm::builtins::BuiltinFn::BuildClass);
                    self.push(f);
                }
                Op::ReturnValue => {
                    let v = self.pop();
                    self.profile_return();
                    if !self.release_top_in_place() {
                        let f = self.pop_frame();
                        self.release_frame(f);
                    }
                    if self.frames.len() == base {
                        return Ok(Exit::Return(v));
                    }
                    self.depth -= 1;
                    self.push(v);
                }
                Op::YieldValue => {
                    let v = self.pop();
                    return Ok(Exit::Yield(v));
                }
                Op::GetYieldFromIter => {
                    let v = self.pop();
                    let r = self.get_iter(v);
                    self.decref(v);
                    let it = r?;
                    self.push(it);
                }
                Op::Send(t) => {
                    let sent = self.pop();
                    let it = self.peek(1);
                    let r = if matches!(self.heap.payload(it), Payload::Generator(_)) {
                        self.gen_send(it, sent)
                    } else if sent == self.wk.none {
                        self.iter_next(it)
                    } else {
                        Err(self.unsupported("send() to a non-generator iterator"))
                    };
                    self.decref(sent);
                    match r? {
                        Some(v) => self.push(v),
                        None => {
                            let it = self.pop();
                            self.decref(it);
                            let none = self.none_ref();
                            self.push(none);
                            self.pc = t as usize;
                        }
                    }
                }
                Op::Raise(n) => return Err(self.op_raise(n)),
                Op::Reraise => {
                    let exc = self.pop();
                    self.skip_traceback = true;
                    return Err(Unwind::Exc(exc));
                }
                Op::SetupFinally(t) | Op::SetupWith(t) => {
                    let level = (self.stack.len() - self.top_ref().stack_base) as u32;
                    self.top().blocks.push(Block { handler: t, level });
                }
                Op::PopBlock => {
                    self.top().blocks.pop();
                }
                Op::PushExcInfo => {
                    let exc = self.peek(1);
                    self.incref(exc);
                    self.handling.push(exc);
                }
                Op::PopExcept => {
                    if let Some(e) = self.handling.pop() {
                        self.decref(e);
                    }
                }
                Op::CheckExcMatch => {
                    let ty = self.pop();
                    let exc = self.peek(1);
                    let r = self.exception_matches(exc, ty);
                    self.decref(ty);
                    let v = self.bool_ref(r?);
                    self.push(v);
                }
                Op::LoadAssertionError => {
                    let t = self.exc_types["AssertionError"];
                    self.incref(t);
                    self.push(t);
                }
                Op::BeforeWith => {
                    let mgr = self.pop();
                    let r = self.before_with(mgr);
                    self.decref(mgr);
                    let (exit, entered) = r?;
                    self.push(exit);
                    self.push(entered);
                }
                Op::WithExceptStart => {
                    let exc = self.peek(1);
                    let exit = self.peek(2);
                    let v = self.with_except_start(exit, exc)?;
                    self.push(v);
                }
                Op::ImportName(i) => {
                    let m = self.import_module(code.names[i as usize])?;
                    self.push(m);
                }
                Op::ImportFrom(i) => {
                    let m = self.peek(1);
                    let name = code.names[i as usize];
                    let v = self.import_from(m, name)?;
                    self.push(v);
                }
                Op::PrintExpr => {
                    let v = self.pop();
                    let r = self.print_expr(v);
                    self.decref(v);
                    r?;
                }
            }
        }
    }

    /// What a reader is told when the step budget stops the program.
    pub(crate) fn abort_text(&self) -> String {
        format!("the program was stopped after {} steps (the step budget); it may loop forever", self.config.step_budget)
    }

    /// UnboundLocalError for a fast local read or deleted before assignment.
    fn unbound_local(&mut self, name: &str) -> Unwind {
        self.error("UnboundLocalError", &format!("cannot access local variable '{name}' where it is not associated with a value"))
    }

    /// NameError for an empty cell (a closure variable not yet assigned).
    fn unbound_free(&mut self, name: &str) -> Unwind {
        self.error(
            "NameError",
            &format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
        )
    }

    fn deref_name(&self, code: &crate::bytecode::Code, i: u32) -> Rc<str> {
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars[i - code.cellvars.len()].clone()
        }
    }

    /// CALL: [NULL or function, callable or self, args...].
    fn op_call(&mut self, argc: usize, kwnames: ObjectId) -> R<()> {
        if kwnames == NULL && self.depth < self.recursion_limit && self.push_simple_call(argc) {
            return Ok(());
        }
        // [NULL or function, callable or self, args...]: the stack's
        // references move into `callable` and `args` (self first).
        let len = self.stack.len();
        let first = self.stack[len - argc - 2];
        let mut args = self.arg_pool.take(argc + usize::from(first != NULL));
        let s = &mut self.stack;
        let second = s[len - argc - 1];
        let callable = if first == NULL {
            second
        } else {
            args.push(second);
            first
        };
        args.extend_from_slice(&s[len - argc..]);
        s.truncate(len - argc - 2);
        let nkw = if kwnames == NULL { 0 } else { self.tuple_len(kwnames) };
        // Python functions get a new frame in this loop: no Rust recursion.
        if let Some(frame) = self.prepare_python_call(callable, &mut args, kwnames, nkw)? {
            self.decref(callable);
            if self.depth >= self.recursion_limit {
                self.release_frame(frame);
                return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
            }
            self.depth += 1;
            self.enter_frame(frame);
            return Ok(());
        }
        let r = self.call_with(callable, args, kwnames);
        self.decref(callable);
        let v = r?;
        self.push(v);
        Ok(())
    }

    /// The common call, done without the general binding: a plain Python
    /// function (no closure, cells, `*args`, `**kwargs`, keyword-only
    /// parameters; not a generator) called with exactly its positional
    /// parameters. The arguments move from the caller's stack into the new
    /// frame's locals and the stack's reference to the function becomes the
    /// frame's. The same references and nothing simulated allocated as in
    /// `make_frame`. Returns false (nothing touched) for any other call.
    fn push_simple_call(&mut self, argc: usize) -> bool {
        let len = self.stack.len();
        let first = self.stack[len - argc - 2];
        let (func, nargs) = if first == NULL { (self.stack[len - argc - 1], argc) } else { (first, argc + 1) };
        let Payload::Function(fun) = self.heap.payload(func) else { return false };
        if fun.closure != NULL {
            return false;
        }
        let (code_obj, globals) = (fun.code, fun.globals);
        let Payload::Code(code) = self.heap.payload(code_obj) else { return false };
        let flags = code.flags;
        if flags.generator
            || flags.varargs
            || flags.varkeywords
            || code.kwonlyargcount != 0
            || code.argcount as usize != nargs
            || !code.cellvars.is_empty()
            || !code.freevars.is_empty()
        {
            return false;
        }
        let code = code.clone();
        let bufs = self.frame_pool.take();
        let mut frame = Frame::with_buffers(code, code_obj, globals, bufs);
        frame.func = func;
        frame.handling_base = self.handling.len();
        self.incref(globals);
        frame.fast[..nargs].copy_from_slice(&self.stack[len - nargs..]);
        self.stack.truncate(len - argc - 2);
        self.depth += 1;
        self.enter_frame(frame);
        true
    }
}
