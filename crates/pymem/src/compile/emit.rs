//! The emitter: instruction buffer, line table, per-code constant and name
//! tables, jump patching, and the stack of enclosing blocks that `break`,
//! `continue` and `return` must unwind.

use std::collections::{BTreeMap, HashMap};

use crate::bytecode::Op;
use crate::ids::ObjectId;
use crate::syntax::{self, Loc, Program, Stmt, Var};
use crate::vm::{Vm, R};

use super::UnitConsts;

/// A block enclosing the code being emitted.
pub enum FBlock<'a> {
    /// A `while` or `for` loop: where `continue` goes, the jumps `break`
    /// must patch, and whether an iterator sits on the stack.
    Loop { start: u32, breaks: Vec<usize>, has_iter: bool },
    /// The body of a `try` with handlers (a SETUP_FINALLY block is active).
    TryExcept,
    /// The body of a `try` with a `finally` (re-emitted on early exits).
    Finally(&'a [Stmt]),
    /// A `with` body: `__exit__` sits on the stack.
    With,
    /// An `except` handler body: the exception sits on the stack and is
    /// being handled (its cleanup block is active).
    Handler(Option<Var>),
    /// A `finally` body running for an exception (its cleanup block active).
    FinallyExc,
}

pub struct Parts {
    pub ops: Vec<Op>,
    pub lines: Vec<u32>,
    pub spans: Vec<(u32, u32)>,
    pub anchors: Vec<(u32, crate::bytecode::Anchor)>,
    pub consts: Vec<ObjectId>,
    pub names: Vec<ObjectId>,
}

pub struct Emitter<'a, 'v> {
    pub vm: &'v mut Vm,
    pub prog: &'a Program,
    pub unit_consts: &'a UnitConsts,
    pub codes: &'v mut BTreeMap<u32, ObjectId>,
    pub code: &'a syntax::Code,
    ops: Vec<Op>,
    lines: Vec<u32>,
    spans: Vec<(u32, u32)>,
    anchors: Vec<(u32, crate::bytecode::Anchor)>,
    consts: Vec<ObjectId>,
    const_index: HashMap<ObjectId, u32>,
    names: Vec<ObjectId>,
    name_index: HashMap<u32, u32>,
    pub line: u32,
    span: (u32, u32),
    last_line_op: u32,
    pub fblocks: Vec<FBlock<'a>>,
}

/// Replaces the jump target of a jump instruction.
fn retarget(op: &mut Op, t: u32) {
    match op {
        Op::Jump(x)
        | Op::PopJumpIfFalse(x)
        | Op::PopJumpIfTrue(x)
        | Op::JumpIfFalseOrPop(x)
        | Op::JumpIfTrueOrPop(x)
        | Op::PopJumpIfNone(x)
        | Op::PopJumpIfNotNone(x)
        | Op::ForIter(x)
        | Op::Send(x)
        | Op::SetupFinally(x)
        | Op::SetupWith(x) => *x = t,
        other => unreachable!("not a jump: {other:?}"),
    }
}

impl<'a, 'v> Emitter<'a, 'v> {
    pub fn new(
        vm: &'v mut Vm,
        prog: &'a Program,
        unit_consts: &'a UnitConsts,
        codes: &'v mut BTreeMap<u32, ObjectId>,
        code: &'a syntax::Code,
    ) -> Self {
        Emitter {
            vm,
            prog,
            unit_consts,
            codes,
            code,
            ops: Vec::new(),
            lines: Vec::new(),
            spans: Vec::new(),
            anchors: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            line: code.first_line,
            span: (0, 0),
            last_line_op: 0,
            fblocks: Vec::new(),
        }
    }

    pub fn finish(self) -> Parts {
        Parts { ops: self.ops, lines: self.lines, spans: self.spans, anchors: self.anchors, consts: self.consts, names: self.names }
    }

    pub fn emit(&mut self, op: Op) -> usize {
        self.ops.push(op);
        self.lines.push(self.line);
        self.spans.push(self.span);
        self.ops.len() - 1
    }

    /// Emits an instruction whose traceback carets have anchors.
    pub fn emit_anchored(&mut self, op: Op, anchor: crate::bytecode::Anchor) -> usize {
        let at = self.emit(op);
        self.anchors.push((at as u32, anchor));
        at
    }

    pub fn here(&self) -> u32 {
        self.ops.len() as u32
    }

    /// Points the jump at `at` to the current position.
    pub fn patch(&mut self, at: usize) {
        let t = self.here();
        retarget(&mut self.ops[at], t);
    }

    pub fn patch_to(&mut self, at: usize, t: u32) {
        retarget(&mut self.ops[at], t);
    }

    /// Sets the location for the next instructions; a new statement line
    /// emits a LINE marker (the stepping unit).
    pub fn set_loc(&mut self, loc: Loc, statement: bool) {
        self.line = loc.line;
        self.span = (loc.start, loc.end);
        if statement && loc.line != self.last_line_op {
            self.last_line_op = loc.line;
            self.emit(Op::Line(loc.line));
        }
    }

    /// Forgets the last LINE marker so the next statement emits one even on
    /// the same line (loop heads are revisited).
    pub fn reset_line_marker(&mut self) {
        self.last_line_op = 0;
    }

    /// Index of a constant object in this code's table (the code object
    /// takes a reference).
    pub fn const_obj(&mut self, obj: ObjectId) -> u32 {
        if let Some(&i) = self.const_index.get(&obj) {
            return i;
        }
        self.vm.incref(obj);
        self.consts.push(obj);
        let i = self.consts.len() as u32 - 1;
        self.const_index.insert(obj, i);
        i
    }

    pub fn const_id(&mut self, id: syntax::ConstId) -> u32 {
        let obj = self.unit_consts.objects[&id.0];
        self.const_obj(obj)
    }

    pub fn load_const(&mut self, id: syntax::ConstId) {
        let i = self.const_id(id);
        self.emit(Op::LoadConst(i));
    }

    pub fn load_none(&mut self) {
        let none = self.vm.wk.none;
        let i = self.const_obj(none);
        self.emit(Op::LoadConst(i));
    }

    /// A str constant made by the compiler (qualnames, `__module__`).
    pub fn load_str(&mut self, s: &str) -> R<()> {
        let obj = self.vm.intern(s);
        let i = self.const_obj(obj);
        self.vm.decref(obj);
        self.emit(Op::LoadConst(i));
        Ok(())
    }

    pub fn name(&mut self, id: syntax::NameId) -> u32 {
        if let Some(&i) = self.name_index.get(&id.0) {
            return i;
        }
        let obj = self.vm.intern(self.prog.name(id));
        self.names.push(obj);
        let i = self.names.len() as u32 - 1;
        self.name_index.insert(id.0, i);
        i
    }

    /// A name index for a string the IR does not name (e.g. `__module__`).
    pub fn name_str(&mut self, s: &str) -> u32 {
        if let Some(i) = self.names.iter().position(|&n| &*self.vm.str_of(n) == s) {
            return i as u32;
        }
        let obj = self.vm.intern(s);
        self.names.push(obj);
        self.names.len() as u32 - 1
    }

    pub fn load_var(&mut self, v: Var) {
        let op = match v {
            Var::Fast(i) => Op::LoadFast(i),
            Var::Deref(i) => Op::LoadDeref(i),
            Var::ClassDeref(i, _) => Op::LoadClassDeref(i),
            Var::Global(n) => Op::LoadGlobal(self.name(n)),
            Var::Name(n) => Op::LoadName(self.name(n)),
        };
        self.emit(op);
    }

    pub fn store_var(&mut self, v: Var) {
        let op = match v {
            Var::Fast(i) => Op::StoreFast(i),
            Var::Deref(i) | Var::ClassDeref(i, _) => Op::StoreDeref(i),
            Var::Global(n) => Op::StoreGlobal(self.name(n)),
            Var::Name(n) => Op::StoreName(self.name(n)),
        };
        self.emit(op);
    }

    pub fn delete_var(&mut self, v: Var) {
        let op = match v {
            Var::Fast(i) => Op::DeleteFast(i),
            Var::Deref(i) | Var::ClassDeref(i, _) => Op::DeleteDeref(i),
            Var::Global(n) => Op::DeleteGlobal(self.name(n)),
            Var::Name(n) => Op::DeleteName(self.name(n)),
        };
        self.emit(op);
    }

    /// The code object for a nested code (already compiled).
    pub fn code_const(&mut self, id: syntax::CodeId) -> u32 {
        let obj = self.codes[&id.0];
        self.const_obj(obj)
    }
}
