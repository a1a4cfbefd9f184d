//! The interpreter: a bytecode VM whose every value is a handle into the
//! simulated heap.
//!
//! Python-to-Python calls push frames on `frames` without Rust recursion; a
//! builtin that calls back into Python (a `__del__`, a `key=` function, a
//! `__repr__`) runs a nested loop down to its own base frame, as CPython's C
//! code does.

pub mod argcheck;
pub mod attr;
pub mod builtins;
pub mod call;
pub mod construct;
pub mod dict;
pub mod exceptions;
pub mod format;
pub mod frame;
pub mod gc_host;
pub mod generator;
pub mod globals;
pub mod interp;
pub mod iter;
pub mod lifecycle;
pub mod list;
pub mod memory;
pub mod methods;
pub mod modules;
pub mod ops;
pub mod pools;
pub mod repr;
pub mod set;
pub mod startup;
pub mod subscript;
pub mod type_cache;
pub mod types;

use std::collections::HashMap;
use std::rc::Rc;

use crate::heap::Heap;
use crate::ids::ObjectId;
use crate::run::RunConfig;

pub use frame::Frame;

/// Why execution stopped unwinding normally.
#[derive(Clone, Copy, Debug)]
pub enum Unwind {
    /// A Python exception (an owned reference to the exception object).
    Exc(ObjectId),
    /// The step budget ran out: not catchable by Python code. Carries no
    /// text so that `R<T>` stays two words and returns in registers; the
    /// message is `Vm::abort_text`.
    Abort,
}

pub type R<T> = Result<T, Unwind>;

/// Objects every part of the interpreter needs by handle.
#[derive(Clone, Debug)]
pub struct WellKnown {
    pub none: ObjectId,
    pub true_: ObjectId,
    pub false_: ObjectId,
    pub not_implemented: ObjectId,
    pub ellipsis: ObjectId,
    pub empty_tuple: ObjectId,
    pub empty_str: ObjectId,
    pub empty_bytes: ObjectId,
    /// -5..=256.
    pub small_ints: Vec<ObjectId>,
    /// The 256 one-character latin-1 strings (`chr(i)` for i < 256).
    pub latin1: Vec<ObjectId>,
    /// The 256 one-byte bytes objects.
    pub bytes1: Vec<ObjectId>,
    pub builtins: ObjectId,
}

pub struct Vm {
    pub heap: Heap,
    pub frames: Vec<Frame>,
    pub wk: WellKnown,
    pub config: RunConfig,
    pub stdout: String,
    pub steps: u64,
    /// Interned strings by value (`sys.intern`, identifiers, names).
    pub interned: HashMap<Rc<str>, ObjectId>,
    /// Builtin exception classes by name.
    pub exc_types: HashMap<&'static str, ObjectId>,
    /// `sys.modules`: imported modules by name.
    pub modules: HashMap<Rc<str>, ObjectId>,
    pub recursion_limit: usize,
    /// The exception being handled (`sys.exc_info()`), innermost last.
    pub handling: Vec<ObjectId>,
    pub free_lists: memory::FreeLists,
    /// Python-level frames on the stack (generators included).
    pub depth: usize,
    /// The running (top) frame's next instruction. Kept here rather than in
    /// the frame so the fetch needs no frame lookup; `Frame::pc` holds it
    /// for every frame below the top (see `push_frame`, `pop_frame`).
    pub pc: usize,
    /// The value stacks of all running frames, each frame's from its
    /// `Frame::stack_base` up (CPython keeps them in one data stack too). One
    /// vector instead of one per frame: a push or pop needs no frame lookup.
    pub stack: Vec<ObjectId>,
    pub gc_garbage: ObjectId,
    pub gc_callbacks: ObjectId,
    /// Weak references by referent, oldest first.
    pub weakrefs: HashMap<ObjectId, Vec<ObjectId>>,
    /// Static method-descriptor objects of builtin types, made on first use.
    pub descriptors: HashMap<builtins::BuiltinFn, ObjectId>,
    /// Set by a re-raise: the running frame is already in the traceback.
    pub skip_traceback: bool,
    /// Objects whose repr is being computed (to print `[...]` for cycles).
    pub repr_stack: Vec<ObjectId>,
    /// The program's source, for traceback lines.
    pub source: Rc<str>,
    /// "Exception ignored in" reports, printed to stderr at the end.
    pub unraisable_text: String,
    /// A limit hit inside code whose errors are unraisable (a `__del__`).
    pub pending_abort: Option<String>,
    /// The `__main__` globals (for views after the program ended).
    pub main_globals: ObjectId,
    /// Start-up is over: objects allocated from now on are the program's.
    pub started: bool,
    /// Whether `print` ran yet (its first call allocates).
    pub printed: bool,
    /// What the timeline records.
    pub timeline: crate::timeline::Recorder,
    /// State of the simulated modules (finalizer registry, profilers).
    pub ext_state: modules::ModState,
    /// Buffers of finished frames, reused by the next calls.
    pub frame_pool: pools::FramePool,
    pub arg_pool: pools::ArgPool,
    pub instance_pool: pools::InstancePool,
    /// Classes made so far: the source of [`TypeObj::serial`](crate::heap::object::TypeObj).
    pub classes_made: u32,
    /// The references `tp_clear` drops, reused across calls (host only).
    pub clear_scratch: Vec<ObjectId>,
    /// `_PyType_Lookup` results (see `type_cache`); a cell because lookups
    /// borrow the VM shared.
    pub type_cache: std::cell::RefCell<type_cache::TypeCache>,
    /// Where global and builtin names were last found.
    pub globals_cache: globals::GlobalsCache,
}

impl Vm {
    pub fn none(&self) -> ObjectId {
        self.wk.none
    }

    pub fn bool_obj(&self, b: bool) -> ObjectId {
        if b {
            self.wk.true_
        } else {
            self.wk.false_
        }
    }
}

#[cfg(test)]
mod result_size_tests {
    use super::{Unwind, R};
    use crate::ids::ObjectId;

    /// Every fallible call returns `R<T>`: an `Unwind` without a payload
    /// keeps results to two words, returned in registers.
    #[test]
    fn a_result_fits_in_two_words() {
        assert_eq!(std::mem::size_of::<Unwind>(), 8);
        assert!(std::mem::size_of::<R<ObjectId>>() <= 16);
        assert!(std::mem::size_of::<R<Option<ObjectId>>>() <= 16);
    }
}
