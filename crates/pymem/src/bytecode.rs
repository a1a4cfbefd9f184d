//! The engine's bytecode: a simplified CPython 3.11 instruction set.
//!
//! Mirroring CPython's instructions is what makes the simulation's memory
//! behaviour match: `[1, 2, 3]` is BUILD_LIST 0 + LIST_EXTEND of a constant
//! tuple (which decides the list's capacity), method calls do not create bound
//! method objects (LOAD_METHOD), temporaries hold references on the value
//! stack, and comprehensions are separate function calls. Exception handling
//! uses a block stack (SETUP_FINALLY / POP_BLOCK, as in 3.10) rather than
//! 3.11's exception table: simpler, with the same observable behaviour.

use std::rc::Rc;

use crate::ids::ObjectId;

/// Binary operators (BINARY_OP's argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }

    /// The dunder method names: (`__add__`, `__radd__`, `__iadd__`).
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
            BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
            BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

/// Rich comparisons (COMPARE_OP's argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }

    /// The operator with operands swapped (`a < b` ⇔ `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

/// Flags of MAKE_FUNCTION: which optional parts are on the stack.
pub mod make_fn {
    pub const DEFAULTS: u32 = 1;
    pub const KWDEFAULTS: u32 = 2;
    pub const CLOSURE: u32 = 8;
}

/// One instruction. Jump targets are instruction indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Nop,
    PopTop,
    PushNull,
    /// Push a new reference to the item `n` deep (1 = top).
    Copy(u32),
    /// Swap the top with the item `n` deep.
    Swap(u32),
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// Cells and free variables are stored after the fast locals.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Push the cell object itself (to build a closure).
    LoadClosure(u32),
    /// In a class body: the class namespace first, then the cell.
    LoadClassDeref(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes (function, self) when the attribute is a plain method, else
    /// (NULL, attribute): no bound method object is created.
    LoadMethod(u32),
    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    BuildSlice(u32),
    BinaryOp(BinOp),
    InplaceOp(BinOp),
    Unary(UnaryOp),
    Compare(CmpOp),
    /// `is` (false) / `is not` (true).
    IsOp(bool),
    /// `in` (false) / `not in` (true).
    ContainsOp(bool),
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    BuildMap(u32),
    /// n values, then a constant tuple of keys on top.
    BuildConstKeyMap(u32),
    BuildString(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    DictMerge(u32),
    ListToTuple,
    /// Bits 0-1: conversion (0 none, 1 str, 2 repr, 3 ascii); bit 2: a format
    /// spec is on the stack.
    FormatValue(u32),
    UnpackSequence(u32),
    /// Low byte: targets before the starred one; high bits: targets after.
    UnpackEx(u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    GetIter,
    /// Push the next item, or pop the iterator and jump when exhausted.
    ForIter(u32),
    /// Stack: [NULL or method, callable or self, args...].
    Call(u32),
    /// As Call, with a constant tuple of keyword names on top.
    CallKw(u32),
    /// Stack: [NULL, callable, args tuple, kwargs dict or NULL]; arg: has kwargs.
    CallEx(u32),
    MakeFunction(u32),
    LoadBuildClass,
    ReturnValue,
    YieldValue,
    GetYieldFromIter,
    /// Send the top to the iterator below it; jump when it is exhausted.
    Send(u32),
    /// `raise` with 0, 1 or 2 (`from`) operands.
    Raise(u32),
    /// Re-raise the exception on top (end of a finally or unhandled except).
    Reraise,
    /// Push a handler block: on an exception the stack is cut to its depth,
    /// the exception is pushed, and control jumps to the target.
    SetupFinally(u32),
    /// Like SetupFinally for `with`: the handler calls `__exit__`.
    SetupWith(u32),
    PopBlock,
    /// Entering an except handler: save the current exception info.
    PushExcInfo,
    /// Leaving an except handler: restore it.
    PopExcept,
    /// Stack: [exc, type]; replace the type with whether exc matches it.
    CheckExcMatch,
    LoadAssertionError,
    /// Call `__enter__`, push `__exit__` then the result.
    BeforeWith,
    /// Call `__exit__(type, value, tb)` for the exception on top.
    WithExceptStart,
    ImportName(u32),
    ImportFrom(u32),
    /// REPL: echo the repr of a non-None top, then pop it.
    PrintExpr,
    /// Marks the start of a new source line (the stepping unit).
    Line(u32),
}

/// Where 3.11's traceback draws `~` and `^` inside an expression: byte
/// offsets in the source (see `traceback._extract_caret_anchors_from_line_segment`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Anchor {
    /// A binary operation: the left operand's end and the right one's start
    /// (the operator is between).
    BinOp { left_end: u32, right_start: u32 },
    /// A subscript: the value's end and the end of the index + 1 (`]`).
    Subscript { value_end: u32, slice_end: u32 },
}

/// CO_* flags that matter here.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags {
    pub varargs: bool,
    pub varkeywords: bool,
    pub generator: bool,
    /// Module or class body: names live in a dict, not fast locals.
    pub uses_name_dict: bool,
}

/// A code object's immutable parts. Constants and names are heap objects
/// (references held by the code object, as in CPython).
#[derive(Clone, Debug)]
pub struct Code {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    /// Fast locals (arguments first).
    pub varnames: Vec<Rc<str>>,
    /// Variables of this scope captured by inner scopes.
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing scopes.
    pub freevars: Vec<Rc<str>>,
    /// For each cellvar that is also an argument, the argument index.
    pub cell2arg: Vec<Option<u32>>,
    pub consts: Vec<ObjectId>,
    /// `co_name` as an interned str object (functions share it).
    pub name_obj: ObjectId,
    /// `co_qualname` (3.11): MAKE_FUNCTION gives it to the function, so it
    /// is not a constant pushed before the call as in 3.10.
    pub qualname_obj: ObjectId,
    /// Interned name strings (LOAD_NAME, LOAD_ATTR, ... operands).
    pub names: Vec<ObjectId>,
    pub ops: Vec<Op>,
    /// `co_stacksize`: the deepest the value stack gets.
    pub stacksize: u32,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Byte range in the source of each instruction's expression (for
    /// traceback carets); (0, 0) when unknown.
    pub spans: Vec<(u32, u32)>,
    /// Caret anchors of binary operations and subscripts, by instruction.
    pub anchors: Vec<(u32, Anchor)>,
}

impl Code {
    /// Slots of the engine's `Frame::fast`: locals, then every cell (a
    /// captured argument has its own cell slot here), then free variables.
    pub fn nlocalsplus(&self) -> usize {
        self.varnames.len() + self.cellvars.len() + self.freevars.len()
    }

    /// `co_nlocalsplus` as 3.11 counts it, which sizes frames and
    /// generators: a captured argument is one slot, both local and cell.
    pub fn co_nlocalsplus(&self) -> usize {
        self.nlocalsplus() - self.cell2arg.iter().filter(|a| a.is_some()).count()
    }
}
