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
    /// frame, see [`crate::vm::pools::FramePool`]). Its own value stack starts empty: a running
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
