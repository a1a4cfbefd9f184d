//! The engine's compact, tree-shaped program form: what the evaluator executes.
//!
//! `lower.rs` builds it from ruff's AST in one pass, after `scope.rs` has resolved every
//! name, so the evaluator never sees ruff types and never looks a name up by string when
//! CPython would not: locals are slots, cells are indices, only globals and module/class
//! names are looked up (by interned [`NameId`]).
//!
//! Shapes that decide *memory* in CPython 3.11 are kept explicit, because the simulation
//! is about memory: a list display of three or more constants is `BUILD_LIST 0` +
//! `LIST_EXTEND (const tuple)` ([`ExprKind::ListConst`]); displays of more than 30 items
//! or with `*` are built incrementally ([`Build::Incremental`]); dict displays are split
//! into the chunks `compiler_dict` emits ([`DictPart`]); `obj.m(...)` is a method call
//! that creates no bound method ([`ExprKind::CallMethod`]); keyword names of a call are a
//! constant tuple like 3.11's `KW_NAMES`.
//!
//! Everything the program refers to by index lives in [`Program`]: code objects
//! ([`CodeId`]), constants ([`ConstId`]) and interned names ([`NameId`]).

use std::ops::Range;

use num_bigint::BigInt;

/// How the source was compiled; decides what a compile unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The whole file is one compile unit, like `python3 file.py`.
    Script,
    /// Each top-level input is its own compile unit, like typing into `python3 -i`:
    /// statements that start on the line where the previous one ended (`a = 1; b = 2`)
    /// form one input. Top-level expression statements become [`StmtKind::Echo`].
    Repl,
}

/// Index of a code object in [`Program::codes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeId(pub u32);

/// Index of a constant in [`Program::consts`]; unique within the whole program, and
/// each compile unit owns a contiguous range of them ([`Unit::consts`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ConstId(pub u32);

/// Index of an interned identifier in [`Program::names`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NameId(pub u32);

/// A compiled program: one or more compile units over one source text.
#[derive(Clone, Debug)]
pub struct Program {
    /// The file name shown in tracebacks (`File "x.py", line 3`).
    pub filename: Box<str>,
    /// The whole source text; [`Loc`] byte ranges index into it.
    pub source: Box<str>,
    /// Line starts of `source`, for tracebacks.
    pub lines: LineIndex,
    /// How the source was split into units.
    pub mode: Mode,
    /// The compile units, in source order. A script has exactly one.
    pub units: Vec<Unit>,
    /// Every code object of every unit.
    pub codes: Vec<Code>,
    /// Every constant of every unit: the evaluator creates one object per entry (per run),
    /// which is what makes `x = 1000; y = 1000; x is y` true within a unit.
    pub consts: Vec<Const>,
    /// Every identifier the program uses. All of them are interned strings in CPython
    /// (variable, attribute, parameter, function and class names, qualnames).
    pub names: Vec<Box<str>>,
}

impl Program {
    /// The code object with this id.
    pub fn code(&self, id: CodeId) -> &Code {
        &self.codes[id.0 as usize]
    }

    /// The constant with this id.
    pub fn constant(&self, id: ConstId) -> &Const {
        &self.consts[id.0 as usize]
    }

    /// The identifier with this id.
    pub fn name(&self, id: NameId) -> &str {
        &self.names[id.0 as usize]
    }

    /// The text of 1-based line `line`, without its line break (empty past the end).
    pub fn line_text(&self, line: u32) -> &str {
        self.lines.line_text(&self.source, line)
    }
}

/// One compile unit: a module body with its own constant pool.
#[derive(Clone, Debug)]
pub struct Unit {
    /// The unit's top-level code object (kind [`CodeKind::Module`]).
    pub code: CodeId,
    /// The unit's constants: `ConstId(start)..ConstId(end)`. Constants are ordered so that
    /// a tuple's or frozenset's items come before it.
    pub consts: Range<u32>,
    /// The constants the parser itself created (literals and folded values): while the
    /// unit runs, CPython's AST arena keeps one reference to each, so a script's
    /// `x = 1000` shows `sys.getrefcount(x) == 4` (arena, `co_consts`, `x`, argument).
    pub parsed: Vec<u32>,
    /// First line of the unit (1-based).
    pub first_line: u32,
}

/// What a code object was compiled from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeKind {
    /// A compile unit's top level (`<module>`): names are `Name`/`Global`.
    Module,
    /// A `def`.
    Function,
    /// A `lambda`: its body is a single `Return`.
    Lambda,
    /// A class body, run once to fill the class namespace. Before its first statement
    /// the evaluator binds `__module__` (from the globals' `__name__`) and
    /// `__qualname__` (the [`Code::qualname`] string, which is `consts[0]`); if
    /// [`Code::class_cell`] is set it stores the cell as `__classcell__` at the end.
    Class,
    /// A comprehension: a separate function scope, as in 3.11. It takes one argument,
    /// the iterator of the first `for` (slot 0, named `.0`). List/set/dict ones start
    /// by creating an empty result (`BUILD_LIST 0` / `BUILD_SET 0` / `BUILD_MAP 0`), fill
    /// it with [`StmtKind::CompAppend`] and return it after the body; the generator
    /// expression yields instead and returns `None`.
    Comprehension(CompKind),
}

/// Which comprehension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

/// A code object: one function, lambda, class body, comprehension or module body.
#[derive(Clone, Debug)]
pub struct Code {
    pub kind: CodeKind,
    /// `co_name`: `<module>`, the function or class name, `<lambda>`, `<listcomp>`,
    /// `<setcomp>`, `<dictcomp>` or `<genexpr>`.
    pub name: NameId,
    /// `co_qualname`, e.g. `f.<locals>.g` or `C.method`.
    pub qualname: NameId,
    /// The compile unit this code belongs to (index into [`Program::units`]).
    pub unit: u32,
    /// Parameters; their values go to local slots `0..params.count()`.
    pub params: Params,
    /// `co_varnames`: local slot names, parameters first. [`Var::Fast`] indexes this.
    pub varnames: Box<[NameId]>,
    /// `co_cellvars`, sorted by name as CPython does (`__class__` first in a class body
    /// that needs it). [`Var::Deref`] `i < cellvars.len()` is cell `i`.
    pub cellvars: Box<[NameId]>,
    /// Cells that start out holding a parameter's value: `(cell index, parameter slot)`.
    /// All uses of such a parameter in the body go through the cell.
    pub cell_params: Box<[(u32, u32)]>,
    /// `co_freevars`, sorted by name: [`Var::Deref`] `cellvars.len() + j` is free `j`,
    /// whose cell comes from the closure given when the function was made.
    pub freevars: Box<[NameId]>,
    /// The statements. For lambdas a single `Return`; for comprehensions a `For` over
    /// slot 0 (see [`CodeKind::Comprehension`]).
    pub body: Box<[Stmt]>,
    /// The body contains `yield` or `yield from` (a generator expression always does).
    pub is_generator: bool,
    /// `co_firstlineno`: the line of the `def`/`class` (or of its first decorator), of
    /// the `lambda` or comprehension, or of the unit's first statement.
    pub first_line: u32,
    /// The docstring, if the body starts with a string literal (functions: it is also
    /// `consts[0]`; classes and modules: the body starts by storing it as `__doc__`).
    pub docstring: Option<ConstId>,
    /// In a class body: the deref index of the `__class__` cell that zero-argument
    /// `super()` in its methods reads; the evaluator hands it to the new class.
    pub class_cell: Option<u32>,
    /// An approximation of `co_consts`: the constants this code object loads, in first
    /// use order, without duplicates. Functions and lambdas start with their docstring
    /// or `None`; class bodies with their qualname; `None` is added where the code can
    /// fall off its end. Nested code objects are not listed.
    pub consts: Box<[ConstId]>,
}

/// A function's parameters. Slot numbers are positions in [`Code::varnames`]:
/// positional-only, then positional-or-keyword, then keyword-only, then `*args`, then
/// `**kwargs`, as in CPython.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// `co_posonlyargcount`: positional-only parameters (before `/`).
    pub posonly: u32,
    /// `co_argcount`: all positional parameters, including the positional-only ones.
    pub positional: u32,
    /// How many trailing positional parameters have defaults (the length of the
    /// `__defaults__` tuple the [`MakeFunction`] builds).
    pub defaults: u32,
    /// `co_kwonlyargcount`.
    pub kwonly: u32,
    /// Has `*args` (slot `positional + kwonly`).
    pub varargs: bool,
    /// Has `**kwargs` (the slot after `*args`, or `positional + kwonly` without it).
    pub varkw: bool,
}

impl Params {
    /// Number of local slots the parameters occupy.
    pub fn count(&self) -> u32 {
        self.positional + self.kwonly + u32::from(self.varargs) + u32::from(self.varkw)
    }
}

/// Where a node is in the source: 1-based line of its start, and its byte range in
/// [`Program::source`] (end exclusive), enough for 3.11's `~~~^~~~` traceback carets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Loc {
    pub line: u32,
    pub start: u32,
    pub end: u32,
}

/// Byte offsets where each line of a source text starts (after `\n`, `\r\n` or `\r`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the lines of `source`.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(to_u32(i + 1)),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(to_u32(i + 2));
                    i += 1;
                }
                b'\r' => starts.push(to_u32(i + 1)),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The 1-based line containing byte `offset`.
    pub fn line_of(&self, offset: u32) -> u32 {
        let index = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        to_u32(index + 1)
    }

    /// Byte offset where 1-based `line` starts (the end of the text past the last line).
    pub fn line_start(&self, line: u32) -> u32 {
        let index = line.saturating_sub(1) as usize;
        self.starts
            .get(index)
            .copied()
            .unwrap_or_else(|| self.starts.last().copied().unwrap_or(0))
    }

    /// The text of 1-based `line` in `source`, without its line break.
    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> &'s str {
        let index = line.saturating_sub(1) as usize;
        let Some(&start) = self.starts.get(index) else {
            return "";
        };
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(to_u32(source.len()));
        let text = source.get(start as usize..end as usize).unwrap_or("");
        text.trim_end_matches(['\n', '\r'])
    }
}

/// Converts a length or offset to `u32`, saturating (sources are far smaller).
pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A compile-time constant. Items of tuples and frozensets are constants of the same
/// unit, so equal items are the same object, as after CPython's `merge_consts_recursive`.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    None,
    Ellipsis,
    Bool(bool),
    /// An int that fits in `i64`.
    Int(i64),
    /// An int that does not fit in `i64` (never used for one that does).
    BigInt(Box<BigInt>),
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    /// A str. `interned` is CPython's rule for constants: every character is in
    /// `[A-Za-z0-9_]` (`all_name_chars`), also inside constant tuples and frozensets.
    Str {
        value: Box<str>,
        interned: bool,
    },
    Bytes(Box<[u8]>),
    Tuple(Box<[ConstId]>),
    /// Items without duplicates (by Python equality), in first-seen order.
    FrozenSet(Box<[ConstId]>),
}

/// A variable reference, resolved like CPython's symtable + `compiler_nameop`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Var {
    /// `LOAD_FAST`/`STORE_FAST`/`DELETE_FAST`: a local slot of a function-like scope.
    Fast(u32),
    /// `LOAD_DEREF`/`STORE_DEREF`/`DELETE_DEREF`: a cell (`< cellvars.len()`) or a free
    /// variable (`cellvars.len() + j`).
    Deref(u32),
    /// `LOAD_CLASSDEREF` (loads in a class body only): look the name up in the class
    /// namespace first, then read the free cell `Deref(index)`.
    ClassDeref(u32, NameId),
    /// `LOAD_GLOBAL`/`STORE_GLOBAL`/`DELETE_GLOBAL`: the globals, then the builtins.
    Global(NameId),
    /// `LOAD_NAME`/`STORE_NAME`/`DELETE_NAME` (module and class bodies): the local
    /// namespace, then the globals, then the builtins.
    Name(NameId),
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub loc: Loc,
}

/// A statement list.
pub type Block = Box<[Stmt]>;

/// The statements.
#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    /// Evaluate and discard. (Constant expression statements and docstrings compile to
    /// nothing in CPython; they are lowered to [`StmtKind::Pass`] to keep their line.)
    Expr(Expr),
    /// REPL only: a top-level expression statement whose value, unless `None`, is
    /// printed with `repr` and bound to `builtins._` (3.11's `PRINT_EXPR`).
    Echo(Expr),
    /// `t1 = t2 = value`: evaluate `value` once, then assign it to each target left to
    /// right. (An annotated assignment with a value lowers to this too.)
    Assign {
        targets: Box<[Target]>,
        value: Expr,
    },
    /// `a, b = x, y` (one to three names on each side, no `*`): evaluate the values left
    /// to right, then assign them to the targets left to right, *without* building a
    /// tuple (3.11 turns `BUILD_TUPLE n` + `UNPACK_SEQUENCE n` into `SWAP`s).
    ParallelAssign {
        targets: Box<[Target]>,
        values: Box<[Expr]>,
    },
    /// `target op= value` (`INPLACE_*`): the target's container and key are evaluated
    /// once, the current value read, combined in place, and stored back.
    AugAssign {
        target: Target,
        op: BinOp,
        value: Expr,
    },
    /// `del t1, t2`: each target is a [`TargetKind::Var`], `Attr` or `Subscript`
    /// (tuples and lists in `del` are flattened).
    Delete(Box<[Target]>),
    /// Also what `global`/`nonlocal`, docstrings, bare annotations and constant
    /// expression statements lower to.
    Pass,
    If {
        test: Expr,
        body: Block,
        orelse: Block,
    },
    While {
        test: Expr,
        body: Block,
        orelse: Block,
    },
    /// `for target in iter:`. `iter` is a constant tuple when the source had a list or
    /// set display of constants (3.11's `fold_iter`).
    For {
        target: Target,
        iter: Expr,
        body: Block,
        orelse: Block,
    },
    Break,
    Continue,
    /// `return` (a bare `return` returns `None`).
    Return(Option<Expr>),
    /// `def`: decorators are evaluated first (top to bottom), then the function is made,
    /// the decorators are applied bottom-up, and the result is stored in `target`.
    FunctionDef {
        decorators: Box<[Expr]>,
        func: Box<MakeFunction>,
        target: Var,
    },
    /// `class`: see [`ClassDef`].
    ClassDef(Box<ClassDef>),
    /// `try`/`except`/`else`/`finally`.
    Try {
        body: Block,
        handlers: Box<[Handler]>,
        orelse: Block,
        finalbody: Block,
    },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    /// `with a as x, b:` = nested `with` statements, outermost first.
    With {
        items: Box<[WithItem]>,
        body: Block,
    },
    /// `import a` (binds `a`), `import a.b` (imports `a.b`, binds `a`: `bind_top`),
    /// `import a.b as c` (binds the module `a.b` to `c`). Modules are found at run time.
    Import {
        module: NameId,
        target: Var,
        bind_top: bool,
    },
    /// `from module import name as target, ...`. `fromlist` is the constant tuple of
    /// the imported names (`IMPORT_NAME`'s argument); `level` counts leading dots.
    ImportFrom {
        module: Option<NameId>,
        level: u32,
        names: Box<[(NameId, Var)]>,
        fromlist: ConstId,
    },
    /// `assert test, msg` (raises `AssertionError(msg)`; `msg` is evaluated only then).
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    /// Several statements from one source statement, run in order (`import a, b`).
    Block(Block),
    /// Comprehension bodies only: add to the result being built (`LIST_APPEND`,
    /// `SET_ADD`; `MAP_ADD` when `key` is set).
    CompAppend {
        key: Option<Expr>,
        value: Expr,
    },
}

/// A class definition. Evaluation order (3.11): decorators; the class body function
/// (`code`, with `closure`); the name; `bases` (may contain [`ExprKind::Star`]);
/// `keywords`; `__build_class__` runs the body; decorators bottom-up; store to `target`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    pub decorators: Box<[Expr]>,
    pub code: CodeId,
    /// The class name as a constant (an interned str), as `LOAD_CONST 'C'`.
    pub name: ConstId,
    pub closure: Box<[u32]>,
    pub bases: Box<[Expr]>,
    pub keywords: Box<[Keyword]>,
    pub target: Var,
}

/// An `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The exception type(s); `None` for a bare `except:`.
    pub typ: Option<Expr>,
    /// `as name`: bound to the exception, and deleted when the clause ends (normally or
    /// not), as CPython does with `name = None; del name`.
    pub name: Option<Var>,
    pub body: Block,
    pub loc: Loc,
}

/// One item of a `with` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Target>,
}

/// An assignment (or `del`, `for`, `with ... as`, `except ... as`) target.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub kind: TargetKind,
    pub loc: Loc,
}

/// The kinds of targets.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetKind {
    Var(Var),
    /// `value.name = ...` (`STORE_ATTR`).
    Attr {
        value: Expr,
        name: NameId,
    },
    /// `value[index] = ...` (`STORE_SUBSCR`); a slice index is an [`ExprKind::Slice`]
    /// (3.11 builds the slice object with `BUILD_SLICE`).
    Subscript {
        value: Expr,
        index: Expr,
    },
    /// `a, b = ...` / `[a, *b] = ...` (`UNPACK_SEQUENCE`, or `UNPACK_EX` when `star`
    /// gives the index of the starred target, which receives a new list).
    Unpack {
        targets: Box<[Target]>,
        star: Option<u32>,
    },
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub loc: Loc,
}

/// How a list, tuple or set display is built, which decides a list's capacity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Build {
    /// Items evaluated, then one `BUILD_LIST n` / `BUILD_TUPLE n` / `BUILD_SET n`
    /// (a list gets exactly `n` slots).
    Exact,
    /// `BUILD_LIST 0` (or `BUILD_SET 0`), then `LIST_APPEND`/`SET_ADD` per item and
    /// `LIST_EXTEND`/`SET_UPDATE` per `*item`; a tuple ends with `LIST_TO_TUPLE`. Used
    /// when an item is starred or there are more than 30 items.
    Incremental,
}

/// The expressions.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Const(ConstId),
    Load(Var),
    /// `value.name`.
    Attr {
        value: Box<Expr>,
        name: NameId,
    },
    /// `value[index]`.
    Subscript {
        value: Box<Expr>,
        index: Box<Expr>,
    },
    /// A slice object `lower:upper:step` (`BUILD_SLICE`); a missing part is `None`.
    Slice(Box<Slice>),
    /// A call `func(args, keywords)`.
    Call(Box<Call>),
    /// `obj.name(args)` with no `*`/`**` arguments: 3.11's `LOAD_METHOD` + `CALL`,
    /// which creates no bound method object when `name` is found as a plain function
    /// on the type.
    CallMethod(Box<CallMethod>),
    BinOp {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// `a and b and c` / `a or b`: short-circuit, the value is the last one evaluated.
    BoolOp {
        op: BoolOp,
        values: Box<[Expr]>,
    },
    /// `left op1 c1 op2 c2`: chained, each middle operand evaluated once.
    Compare {
        left: Box<Expr>,
        rest: Box<[(CmpOp, Expr)]>,
    },
    /// `body if test else orelse`.
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `lambda`: makes a function.
    Lambda(Box<MakeFunction>),
    /// A tuple display that is not constant (constant ones are folded to `Const`).
    Tuple {
        items: Box<[Expr]>,
        build: Build,
    },
    List {
        items: Box<[Expr]>,
        build: Build,
    },
    Set {
        items: Box<[Expr]>,
        build: Build,
    },
    /// `[c1, c2, c3, ...]` (three or more constants): `BUILD_LIST 0`, then
    /// `LIST_EXTEND` with the constant tuple.
    ListConst(ConstId),
    /// `{c1, c2, c3, ...}` (three or more constants): `BUILD_SET 0`, then `SET_UPDATE`
    /// with the constant frozenset.
    SetConst(ConstId),
    /// A dict display; see [`DictPart`].
    Dict(Box<[DictPart]>),
    /// A comprehension: make the function `func` (kind [`CodeKind::Comprehension`]),
    /// evaluate `iter` in the current scope, take `iter(...)` of it and call the
    /// function with that iterator. A generator expression's result is the generator.
    Comprehension {
        func: Box<MakeFunction>,
        iter: Box<Expr>,
    },
    /// An f-string: the parts' strings concatenated (`BUILD_STRING n`; a lone
    /// formatted value is just `FORMAT_VALUE`).
    FString(Box<[FPart]>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    /// `target := value`.
    Named {
        target: Var,
        value: Box<Expr>,
    },
    /// `*value`: only as an item of a display, an argument of a call, or a base of a
    /// class.
    Star(Box<Expr>),
}

/// A slice `lower:upper:step`.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    pub lower: Option<Expr>,
    pub upper: Option<Expr>,
    pub step: Option<Expr>,
}

/// A call.
#[derive(Clone, Debug, PartialEq)]
pub struct Call {
    pub func: Expr,
    /// Positional arguments; may contain [`ExprKind::Star`].
    pub args: Box<[Expr]>,
    /// Keyword arguments and `**mapping`s, in source order.
    pub keywords: Box<[Keyword]>,
    /// 3.11's `KW_NAMES` tuple: the constant tuple of the keyword names, set when the
    /// call has keyword arguments and no `*`/`**` (otherwise CPython builds a dict).
    pub kwnames: Option<ConstId>,
}

/// A method call `obj.name(args, keywords)`: no `*` or `**` arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct CallMethod {
    pub obj: Expr,
    pub name: NameId,
    pub args: Box<[Expr]>,
    pub keywords: Box<[Keyword]>,
    /// As [`Call::kwnames`].
    pub kwnames: Option<ConstId>,
}

/// A keyword argument `name=value`, or `**value` when `name` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    pub name: Option<NameId>,
    pub value: Expr,
}

/// One chunk of a dict display, as 3.11's `compiler_dict` splits it. The first part
/// makes the dict (a leading `Unpack` starts from `BUILD_MAP 0`); every later `Pairs`
/// or `ConstKeys` part builds a temporary dict merged in with `DICT_UPDATE`; an
/// `Unpack` merges its mapping in directly.
#[derive(Clone, Debug, PartialEq)]
pub enum DictPart {
    /// `BUILD_CONST_KEY_MAP n`: the values are evaluated in order, the keys come from
    /// the constant tuple `keys` (two or more constant keys).
    ConstKeys { keys: ConstId, values: Box<[Expr]> },
    /// `BUILD_MAP n` after evaluating `k1, v1, k2, v2, ...` (the dict is presized for
    /// `n`), or, when `incremental`, `BUILD_MAP 0` then `MAP_ADD` per pair.
    Pairs {
        pairs: Box<[(Expr, Expr)]>,
        incremental: bool,
    },
    /// `**mapping`.
    Unpack(Expr),
}

/// One part of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Literal text (a str constant).
    Lit(ConstId),
    /// `{value!conversion:spec}`; `spec` is an f-string or str constant expression.
    Value {
        value: Expr,
        conversion: Conversion,
        spec: Option<Box<Expr>>,
    },
}

/// The `!s`/`!r`/`!a` of an f-string replacement field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

/// Making a function object (`MAKE_FUNCTION`) for a `def`, `lambda` or comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct MakeFunction {
    pub code: CodeId,
    /// `__defaults__`: a tuple-valued expression (a constant tuple when all defaults
    /// are constants, as 3.11's optimizer folds `BUILD_TUPLE` of constants).
    pub defaults: Option<Expr>,
    /// `__kwdefaults__`: a dict-valued expression (keys are the parameter names).
    pub kwdefaults: Option<Expr>,
    /// For each of the new code's free variables, in order: the deref index, in the
    /// current frame, of the cell to pass (`LOAD_CLOSURE`).
    pub closure: Box<[u32]>,
}

/// Binary operators (also the in-place ones of augmented assignment).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Invert,
    Not,
    Pos,
    Neg,
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoolOp {
    And,
    Or,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

impl BinOp {
    /// The operator as written (`+`, `//`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::BitAnd => "&",
        }
    }
}

impl CmpOp {
    /// The operator as written (`<`, `is not`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }
}
