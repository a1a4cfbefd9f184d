//! `co_stacksize`: the deepest the value stack gets, found by walking every
//! path through the bytecode with each instruction's stack effect. A 3.11
//! generator embeds its frame, so this decides `sys.getsizeof(generator)`.

use crate::bytecode::{make_fn, Op};

/// (effect when falling through, effect when jumping) of one instruction.
fn effect(op: Op) -> (i32, i32) {
    use Op::*;
    let n = |x: u32| x as i32;
    match op {
        Nop | Line(_) | Swap(_) | Jump(_) | ListToTuple | GetIter | GetYieldFromIter | Unary(_) | LoadAttr(_)
        | PopBlock | PushExcInfo | PopExcept | CheckExcMatch | YieldValue => (0, 0),
        PopTop | ReturnValue | Reraise | PrintExpr => (-1, -1),
        PushNull | Copy(_) | LoadConst(_) | LoadFast(_) | LoadDeref(_) | LoadClosure(_) | LoadClassDeref(_)
        | LoadName(_) | LoadGlobal(_) | LoadMethod(_) | LoadBuildClass | LoadAssertionError | BeforeWith
        | WithExceptStart | ImportName(_) | ImportFrom(_) => (1, 1),
        StoreFast(_) | StoreDeref(_) | StoreName(_) | StoreGlobal(_) | DeleteAttr(_) | BinarySubscr | BinaryOp(_)
        | InplaceOp(_) | Compare(_) | IsOp(_) | ContainsOp(_) | ListAppend(_) | SetAdd(_) | ListExtend(_)
        | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => (-1, -1),
        DeleteFast(_) | DeleteDeref(_) | DeleteName(_) | DeleteGlobal(_) => (0, 0),
        StoreAttr(_) | DeleteSubscr | MapAdd(_) => (-2, -2),
        StoreSubscr => (-3, -3),
        BuildSlice(k) | BuildTuple(k) | BuildList(k) | BuildSet(k) | BuildString(k) => (1 - n(k), 1 - n(k)),
        BuildMap(k) => (1 - 2 * n(k), 1 - 2 * n(k)),
        BuildConstKeyMap(k) => (-n(k), -n(k)),
        FormatValue(f) => {
            let e = if f & 4 != 0 { -1 } else { 0 };
            (e, e)
        }
        UnpackSequence(k) => (n(k) - 1, n(k) - 1),
        UnpackEx(a) => {
            let total = n(a & 0xff) + n(a >> 8) + 1;
            (total - 1, total - 1)
        }
        PopJumpIfFalse(_) | PopJumpIfTrue(_) | PopJumpIfNone(_) | PopJumpIfNotNone(_) => (-1, -1),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => (-1, 0),
        ForIter(_) => (1, -1),
        Send(_) => (0, -1),
        Call(k) => (-n(k) - 1, -n(k) - 1),
        CallKw(k) => (-n(k) - 2, -n(k) - 2),
        CallEx(k) => (-2 - n(k), -2 - n(k)),
        MakeFunction(f) => {
            let extra = [make_fn::DEFAULTS, make_fn::KWDEFAULTS, make_fn::CLOSURE].iter().filter(|&&b| f & b != 0).count() as i32;
            // The code object becomes the function; optional parts go.
            (-extra, -extra)
        }
        Raise(k) => (-n(k), -n(k)),
        // A handler is entered with the exception pushed.
        SetupFinally(_) | SetupWith(_) => (0, 1),
    }
}

fn target(op: Op) -> Option<u32> {
    use Op::*;
    match op {
        Jump(t) | PopJumpIfFalse(t) | PopJumpIfTrue(t) | JumpIfFalseOrPop(t) | JumpIfTrueOrPop(t)
        | PopJumpIfNone(t) | PopJumpIfNotNone(t) | ForIter(t) | Send(t) | SetupFinally(t) | SetupWith(t) => Some(t),
        _ => None,
    }
}

/// The maximum stack depth over all paths (at least 1).
pub fn max_stack_depth(ops: &[Op]) -> u32 {
    let mut depth_at: Vec<Option<i32>> = vec![None; ops.len() + 1];
    let mut work = vec![(0usize, 0i32)];
    let mut max = 1;
    while let Some((pc, d)) = work.pop() {
        if pc >= ops.len() || depth_at[pc].is_some_and(|seen| seen >= d) {
            continue;
        }
        depth_at[pc] = Some(d);
        let op = ops[pc];
        let (fall, jump) = effect(op);
        max = max.max(d + fall.max(0)).max(d + jump.max(0));
        if let Some(t) = target(op) {
            work.push((t as usize, d + jump));
        }
        let ends = matches!(op, Op::Jump(_) | Op::ReturnValue | Op::Raise(_) | Op::Reraise);
        if !ends {
            work.push((pc + 1, d + fall));
        }
    }
    max.max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generator_expression_needs_three_slots_for_x_times_x() {
        // LOAD_FAST .0; GET_ITER; FOR_ITER end; STORE_FAST x; LOAD_FAST x;
        // LOAD_FAST x; BINARY_OP *; YIELD_VALUE; POP_TOP; JUMP; LOAD_CONST; RETURN
        let ops = [
            Op::LoadFast(0),
            Op::GetIter,
            Op::ForIter(10),
            Op::StoreFast(1),
            Op::LoadFast(1),
            Op::LoadFast(1),
            Op::BinaryOp(crate::bytecode::BinOp::Mul),
            Op::YieldValue,
            Op::PopTop,
            Op::Jump(2),
            Op::LoadConst(0),
            Op::ReturnValue,
        ];
        assert_eq!(max_stack_depth(&ops), 3);
    }
}
