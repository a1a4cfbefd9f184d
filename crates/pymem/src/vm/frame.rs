//! An executing code object: its locals, value stack, handler blocks and
//! position. In 3.11 frames are not heap objects unless something asks for
//! one, so creating a frame allocates nothing in the simulated heap.

use std::rc::Rc;

use crate::bytecode::Code;
use crate::heap::NULL;
use crate::ids::ObjectId;

/// A handler pushed by SETUP_FINALLY / SETUP_WITH.
#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub handler: u32,
    /// Value-stack depth to cut back to when the handler is entered.
    pub level: u32,
}

#[derive(Clone, Debug)]
pub struct Frame {
    pub code: Rc<Code>,
    /// The code object (a heap object holding the constants).
    pub code_obj: ObjectId,
    /// The function being run, or NULL for module and class bodies.
    pub func: ObjectId,
    pub globals: ObjectId,
    /// Module and class bodies keep their names in this dict; NULL otherwise.
    pub locals: ObjectId,
    /// Fast locals, then cells, then free variables (`localsplus`); NULL is
    /// an unbound local.
    pub fast: Vec<ObjectId>,
    /// The value stack of a frame that is not running (a suspended
    /// generator's, or values to start with); a running frame's is in
    /// `Vm::stack` from `stack_base`.
    pub stack: Vec<ObjectId>,
    pub stack_base: usize,
    pub blocks: Vec<Block>,
    pub pc: usize,
    pub line: u32,
    /// The generator running this frame, or NULL.
    pub generator: ObjectId,
    /// How many exceptions were being handled when the frame started, so an
    /// unwinding frame can restore `Vm::handling`.
    pub handling_base: usize,
    /// The frame object, once a traceback asked for one (else NULL).
    pub frame_obj: ObjectId,
}

impl Frame {
    pub fn new(code: Rc<Code>, code_obj: ObjectId, globals: ObjectId) -> Frame {
        Frame::with_buffers(code, code_obj, globals, Vec::new())
    }

    /// A frame whose locals reuse `fast` (an emptied vector from a finished
    /// frame, see [`FramePool`]). Its own value stack starts empty: a running
    /// frame's values are on `Vm::stack`.
    pub fn with_buffers(code: Rc<Code>, code_obj: ObjectId, globals: ObjectId, mut fast: Vec<ObjectId>) -> Frame {
        fast.resize(code.nlocalsplus(), NULL);
        Frame {
            line: code.firstlineno,
            code,
            code_obj,
            func: NULL,
            globals,
            locals: NULL,
            fast,
            stack: Vec::new(),
            stack_base: 0,
            blocks: Vec::new(),
            pc: 0,
            generator: NULL,
            handling_base: 0,
            frame_obj: NULL,
        }
    }
}

/// Emptied argument vectors of finished builtin calls: a call of `len`,
/// `str` or `list.append` passes its arguments in a vector, and taking it
/// from here saves a host allocation and free per call.
#[derive(Clone, Debug, Default)]
pub struct ArgPool {
    bufs: Vec<Vec<ObjectId>>,
}

const ARG_POOL_MAX: usize = 16;

impl ArgPool {
    #[inline]
    pub fn take(&mut self, capacity: usize) -> Vec<ObjectId> {
        if capacity == 0 {
            return Vec::new();
        }
        match self.bufs.pop() {
            Some(mut v) => {
                v.reserve(capacity);
                v
            }
            None => Vec::with_capacity(capacity.max(4)),
        }
    }

    /// Keeps an argument vector whose references were released.
    #[inline]
    pub fn give(&mut self, mut v: Vec<ObjectId>) {
        if self.bufs.len() < ARG_POOL_MAX && (1..=64).contains(&v.capacity()) {
            v.clear();
            self.bufs.push(v);
        }
    }
}

/// Emptied locals vectors of finished frames. A Python call takes its
/// locals from here instead of allocating a vector (the real allocator's
/// work; nothing simulated is allocated for a frame).
#[derive(Clone, Debug, Default)]
pub struct FramePool {
    bufs: Vec<Vec<ObjectId>>,
}

/// Enough for deep recursion to reuse buffers without keeping many.
const FRAME_POOL_MAX: usize = 64;

impl FramePool {
    #[inline]
    pub fn take(&mut self) -> Vec<ObjectId> {
        self.bufs.pop().unwrap_or_default()
    }

    /// Keeps the locals vector of a finished frame (already emptied).
    #[inline]
    pub fn give(&mut self, fast: Vec<ObjectId>) {
        debug_assert!(fast.is_empty());
        if self.bufs.len() < FRAME_POOL_MAX {
            self.bufs.push(fast);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ArgPool;
    use crate::ids::ObjectId;

    /// A returned vector comes back empty, with its buffer, for the next call;
    /// argument-less calls never take one.
    #[test]
    fn argument_vectors_are_reused() {
        let mut pool = ArgPool::default();
        assert_eq!(pool.take(0).capacity(), 0);
        let mut v = pool.take(2);
        v.extend([ObjectId(1), ObjectId(2)]);
        let buf = v.as_ptr();
        pool.give(v);
        let again = pool.take(1);
        assert!(again.is_empty());
        assert_eq!(again.as_ptr(), buf);
        pool.give(Vec::new());
        assert!(pool.take(1).capacity() >= 1);
    }
}
