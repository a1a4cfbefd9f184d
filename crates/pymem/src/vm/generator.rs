//! Generators: a suspended frame inside a heap object. Each `next()` pushes
//! the frame, runs it to its next `yield`, and puts it back; the frame's
//! locals stay alive (and visible in the heap) while it is suspended.

use std::rc::Rc;

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::interp::Exit;
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Frame, Unwind, Vm, R};

#[derive(Clone, Debug)]
pub struct Generator {
    /// The suspended frame; None while running or once finished.
    pub frame: Option<Box<Frame>>,
    pub qualname: Rc<str>,
    pub started: bool,
    pub running: bool,
}

impl Generator {
    pub fn visit(&self, v: &mut dyn FnMut(ObjectId)) {
        if let Some(f) = &self.frame {
            for &x in f.fast.iter().chain(f.stack.iter()) {
                if x != NULL {
                    v(x);
                }
            }
            if f.func != NULL {
                v(f.func);
            }
            v(f.globals);
        }
    }
}

impl Vm {
    /// A generator object owning `frame` (3.11 embeds the frame in the
    /// generator: 8 bytes per local and stack slot).
    pub fn new_generator(&mut self, frame: Frame) -> R<ObjectId> {
        let qualname = match self.heap.payload(frame.func) {
            Payload::Function(f) => self.str_of(f.qualname),
            _ => "?".into(),
        };
        let size = crate::layout::object::generator_request(frame.code.co_nlocalsplus(), frame.code.stacksize as usize).size;
        let g = Generator { frame: Some(Box::new(frame)), qualname, started: false, running: false };
        self.alloc_object(Builtin::Generator.id(), Payload::Generator(Box::new(g)), Spec { size, gc: true, track: true, free_list: None })
    }

    /// `gen.send(value)`: Some(yielded value) or None when it returned.
    pub fn gen_send(&mut self, gen: ObjectId, value: ObjectId) -> R<Option<ObjectId>> {
        let (frame, started) = match self.heap.payload_mut(gen) {
            Payload::Generator(g) => {
                if g.running {
                    return Err(self.error("ValueError", "generator already executing"));
                }
                let started = g.started;
                g.started = true;
                g.running = true;
                (g.frame.take(), started)
            }
            _ => return Err(self.error("TypeError", "not a generator")),
        };
        let Some(mut frame) = frame else {
            if let Payload::Generator(g) = self.heap.payload_mut(gen) {
                g.running = false;
            }
            return Ok(None);
        };
        if !started && value != self.wk.none {
            if let Payload::Generator(g) = self.heap.payload_mut(gen) {
                g.frame = Some(frame);
                g.running = false;
                g.started = false;
            }
            return Err(self.error("TypeError", "can't send non-None value to a just-started generator"));
        }
        if started {
            self.incref(value);
            frame.stack.push(value);
        }
        frame.handling_base = self.handling.len();
        let r = self.run_frame(*frame);
        let (result, keep) = match r {
            Ok(Exit::Yield(v)) => {
                let f = self.pop_frame();
                if self.timeline.enabled {
                    self.on_frame(&f.code.qualname.clone(), false);
                }
                (Ok(Some(v)), Some(Box::new(f)))
            }
            Ok(Exit::Return(v)) => {
                self.decref(v);
                (Ok(None), None)
            }
            Err(Unwind::Exc(e)) if self.is_instance_of_name(e, "StopIteration") => {
                self.decref(e);
                (Err(self.error("RuntimeError", "generator raised StopIteration")), None)
            }
            Err(e) => (Err(e), None),
        };
        if let Payload::Generator(g) = self.heap.payload_mut(gen) {
            g.frame = keep;
            g.running = false;
        }
        result
    }

    /// Whether `gen` is suspended inside its body (started, not finished):
    /// then closing it must run its `finally` blocks.
    pub fn gen_is_suspended(&self, gen: ObjectId) -> bool {
        matches!(self.heap.payload(gen), Payload::Generator(g) if g.started && g.frame.is_some())
    }

    /// `gen.close()`: raise GeneratorExit at the suspended `yield` so its
    /// `finally` blocks run; an unstarted generator is just dropped.
    pub fn gen_close(&mut self, gen: ObjectId) -> R<()> {
        if !self.gen_is_suspended(gen) {
            let frame = match self.heap.payload_mut(gen) {
                Payload::Generator(g) => g.frame.take(),
                _ => None,
            };
            if let Some(f) = frame {
                self.release_frame(*f);
            }
            return Ok(());
        }
        let exc = match self.error("GeneratorExit", "") {
            Unwind::Exc(e) => e,
            other => return Err(other),
        };
        match self.gen_throw(gen, exc) {
            Ok(Some(v)) => {
                self.decref(v);
                Err(self.error("RuntimeError", "generator ignored GeneratorExit"))
            }
            Ok(None) => Ok(()),
            Err(Unwind::Exc(e)) if self.is_instance_of_name(e, "GeneratorExit") || self.is_instance_of_name(e, "StopIteration") => {
                self.decref(e);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// `gen.throw(exc)`: Some(yielded value) or None when it returned.
    pub fn gen_throw(&mut self, gen: ObjectId, exc: ObjectId) -> R<Option<ObjectId>> {
        let frame = match self.heap.payload_mut(gen) {
            Payload::Generator(g) if !g.running => {
                g.running = true;
                g.started = true;
                g.frame.take()
            }
            _ => None,
        };
        let Some(mut frame) = frame else {
            return Err(Unwind::Exc(exc));
        };
        frame.handling_base = self.handling.len();
        let r = self.run_frame_throwing(*frame, exc);
        let (result, keep) = match r {
            Ok(Exit::Yield(v)) => {
                let f = self.pop_frame();
                if self.timeline.enabled {
                    self.on_frame(&f.code.qualname.clone(), false);
                }
                (Ok(Some(v)), Some(Box::new(f)))
            }
            Ok(Exit::Return(v)) => {
                self.decref(v);
                (Ok(None), None)
            }
            Err(e) => (Err(e), None),
        };
        if let Payload::Generator(g) = self.heap.payload_mut(gen) {
            g.frame = keep;
            g.running = false;
        }
        result
    }

    /// Releases a dead generator's suspended frame.
    pub(crate) fn release_generator(&mut self, g: Generator) {
        if let Some(f) = g.frame {
            self.release_frame(*f);
        }
    }
}
