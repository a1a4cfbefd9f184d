//! The code generator: the syntax IR of one compile unit becomes bytecode
//! code objects whose constants are heap objects.
//!
//! Constants are created once per unit (so equal literals in one unit are one
//! object, as after CPython's constant merging) and each code object holds a
//! reference to every constant it uses, as `co_consts` does. Statement and
//! expression shapes follow CPython 3.11's compiler where they decide memory
//! (list displays, method calls, comprehensions as functions).

mod depth;
mod emit;
mod expr;
mod stmt;

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::bytecode::{Code, CodeFlags};
use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::syntax::{self, CodeKind, Const, Program};
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

pub use emit::Emitter;

/// The heap objects of one unit's constants, by `ConstId`. Ordered: a
/// constant no code object kept is freed when the unit's table goes, and the
/// timeline must not depend on a hash map's iteration order.
pub struct UnitConsts {
    pub objects: BTreeMap<u32, ObjectId>,
}

/// The references CPython's parser arena holds to the constants it created
/// (see `syntax::Unit::parsed`). The arena outlives compilation: a script's
/// arena is freed after its module code finishes, a REPL input's after that
/// input ran, `compile()`'s at once.
#[must_use]
pub struct ParseArena(Vec<ObjectId>);

impl ParseArena {
    /// Frees the arena: its references go, last added first.
    pub fn release(self, vm: &mut Vm) {
        for obj in self.0.into_iter().rev() {
            vm.decref(obj);
        }
    }
}

/// Compiles unit `unit` of `prog`; returns its module code object (a new
/// reference) and the parser arena's references.
pub fn compile_unit(vm: &mut Vm, prog: &Program, unit: usize) -> R<(ObjectId, ParseArena)> {
    let u = &prog.units[unit];
    let mut consts = UnitConsts { objects: BTreeMap::new() };
    for id in u.consts.clone() {
        let obj = match make_const(vm, prog, &consts, prog.constant(syntax::ConstId(id))) {
            Ok(obj) => obj,
            Err(e) => {
                for (_, obj) in std::mem::take(&mut consts.objects) {
                    vm.decref(obj);
                }
                return Err(e);
            }
        };
        consts.objects.insert(id, obj);
    }
    let arena: Vec<ObjectId> = u.parsed.iter().map(|id| consts.objects[id]).collect();
    for &obj in &arena {
        vm.incref(obj);
    }
    let arena = ParseArena(arena);
    let mut codes: BTreeMap<u32, ObjectId> = BTreeMap::new();
    let root = u.code;
    let r = compile_code(vm, prog, &consts, &mut codes, root);
    for (_, obj) in std::mem::take(&mut consts.objects) {
        vm.decref(obj);
    }
    // Nested code objects are now held by their parents' constants.
    for (id, obj) in codes {
        if id != root.0 {
            vm.decref(obj);
        }
    }
    match r {
        Ok(code) => Ok((code, arena)),
        Err(e) => {
            arena.release(vm);
            Err(e)
        }
    }
}

fn make_const(vm: &mut Vm, prog: &Program, consts: &UnitConsts, c: &Const) -> R<ObjectId> {
    let get = |id: &syntax::ConstId| consts.objects[&id.0];
    Ok(match c {
        Const::None => vm.none_ref(),
        Const::Ellipsis => {
            let e = vm.wk.ellipsis;
            vm.incref(e);
            e
        }
        Const::Bool(b) => vm.bool_ref(*b),
        Const::Int(i) => vm.new_int(*i)?,
        Const::BigInt(b) => vm.new_bigint((**b).clone())?,
        Const::Float(f) => vm.new_float(*f)?,
        Const::Complex { re, im } => vm.new_complex(*re, *im)?,
        Const::Str { value, interned } => {
            if *interned {
                vm.intern(value)
            } else {
                vm.new_str_const(value)?
            }
        }
        Const::Bytes(b) => vm.new_bytes(b)?,
        Const::Tuple(items) => {
            let objs: Vec<ObjectId> = items.iter().map(get).collect();
            for &o in &objs {
                vm.incref(o);
            }
            vm.new_tuple(objs)?
        }
        Const::FrozenSet(items) => {
            let objs: Vec<ObjectId> = items.iter().map(get).collect();
            for &o in &objs {
                vm.incref(o);
            }
            vm.new_set_from(objs, true)?
        }
    })
    .inspect(|_o| {
        let _ = prog;
    })
}

/// Compiles code `id` (nested code first) and returns its code object.
fn compile_code(
    vm: &mut Vm,
    prog: &Program,
    consts: &UnitConsts,
    codes: &mut BTreeMap<u32, ObjectId>,
    id: syntax::CodeId,
) -> R<ObjectId> {
    if let Some(&obj) = codes.get(&id.0) {
        return Ok(obj);
    }
    let ir = prog.code(id);
    // Nested code objects are constants of this one: make them first.
    let mut nested = Vec::new();
    stmt::nested_codes(&ir.body, &mut nested);
    for n in nested {
        compile_code(vm, prog, consts, codes, n)?;
    }
    let mut e = Emitter::new(vm, prog, consts, codes, ir);
    let r = e.code_body(ir);
    let parts = e.finish();
    r?;
    let name = |n: syntax::NameId| -> Rc<str> { Rc::from(prog.name(n)) };
    let names_of = |ids: &[syntax::NameId]| -> Vec<Rc<str>> { ids.iter().map(|&n| name(n)).collect() };
    let varnames = names_of(&ir.varnames);
    let cellvars = names_of(&ir.cellvars);
    let freevars = names_of(&ir.freevars);
    let mut cell2arg = vec![None; cellvars.len()];
    for &(cell, param) in ir.cell_params.iter() {
        cell2arg[cell as usize] = Some(param);
    }
    let code = Code {
        name: name(ir.name),
        qualname: name(ir.qualname),
        filename: Rc::from(&*prog.filename),
        firstlineno: ir.first_line,
        argcount: ir.params.positional,
        posonlyargcount: ir.params.posonly,
        kwonlyargcount: ir.params.kwonly,
        flags: CodeFlags {
            varargs: ir.params.varargs,
            varkeywords: ir.params.varkw,
            generator: ir.is_generator,
            uses_name_dict: matches!(ir.kind, CodeKind::Module | CodeKind::Class),
        },
        varnames,
        cellvars,
        freevars,
        cell2arg,
        consts: parts.consts,
        name_obj: vm.intern(prog.name(ir.name)),
        qualname_obj: vm.intern(prog.name(ir.qualname)),
        names: parts.names,
        stacksize: depth::max_stack_depth(&parts.ops),
        ops: parts.ops,
        lines: parts.lines,
        spans: parts.spans,
        anchors: parts.anchors,
    };
    let size = 184 + 2 * code.ops.len();
    let obj = vm.alloc_object(
        Builtin::Code.id(),
        Payload::Code(Rc::new(code)),
        Spec { size, gc: false, track: false, free_list: None },
    )?;
    vm.heap.mark_not_user(obj);
    codes.insert(id.0, obj);
    Ok(obj)
}
