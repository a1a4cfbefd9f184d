//! Statements → bytecode. Handler layouts (see `bytecode.rs`):
//!
//! - try/except: `SETUP_FINALLY H; body; POP_BLOCK; else; JUMP END;
//!   H: PUSH_EXC_INFO; SETUP_FINALLY C; (match; bind; body; POP_BLOCK;
//!   POP_EXCEPT; POP_TOP; JUMP END)*; RERAISE; C: POP_EXCEPT; RERAISE`.
//! - try/finally: the finally body is emitted on the normal path, on the
//!   exception path (then re-raised) and before every early exit.
//! - with: `BEFORE_WITH; store; SETUP_WITH H; body; POP_BLOCK; call
//!   __exit__(None, None, None)`; H calls `__exit__` with the exception and
//!   re-raises unless it returned true.

use crate::bytecode::Op;
use crate::syntax::{
    self, ClassDef, CodeKind, Expr, ExprKind, FPart, Handler, Stmt, StmtKind, Target, TargetKind, WithItem,
};
use crate::vm::R;

use super::emit::{Emitter, FBlock};

/// Code objects defined directly inside `body` (not inside nested codes).
pub fn nested_codes(body: &[Stmt], out: &mut Vec<syntax::CodeId>) {
    for s in body {
        stmt_codes(s, out);
    }
}

fn stmt_codes(s: &Stmt, out: &mut Vec<syntax::CodeId>) {
    let e = |x: &Expr, out: &mut Vec<syntax::CodeId>| expr_codes(x, out);
    match &s.kind {
        StmtKind::Expr(x) | StmtKind::Echo(x) => e(x, out),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| target_codes(t, out));
            e(value, out);
        }
        StmtKind::ParallelAssign { targets, values } => {
            targets.iter().for_each(|t| target_codes(t, out));
            values.iter().for_each(|v| e(v, out));
        }
        StmtKind::Block(body) => nested_codes(body, out),
        StmtKind::AugAssign { target, value, .. } => {
            target_codes(target, out);
            e(value, out);
        }
        StmtKind::Delete(ts) => ts.iter().for_each(|t| target_codes(t, out)),
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            e(test, out);
            nested_codes(body, out);
            nested_codes(orelse, out);
        }
        StmtKind::For { target, iter, body, orelse } => {
            target_codes(target, out);
            e(iter, out);
            nested_codes(body, out);
            nested_codes(orelse, out);
        }
        StmtKind::Return(Some(x)) => e(x, out),
        StmtKind::FunctionDef { decorators, func, .. } => {
            decorators.iter().for_each(|d| e(d, out));
            make_fn_codes(func, out);
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().for_each(|d| e(d, out));
            c.bases.iter().for_each(|b| e(b, out));
            c.keywords.iter().for_each(|k| e(&k.value, out));
            out.push(c.code);
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            nested_codes(body, out);
            for h in handlers.iter() {
                if let Some(t) = &h.typ {
                    e(t, out);
                }
                nested_codes(&h.body, out);
            }
            nested_codes(orelse, out);
            nested_codes(finalbody, out);
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().chain(cause.iter()).for_each(|x| e(x, out));
        }
        StmtKind::With { items, body } => {
            for i in items.iter() {
                e(&i.context, out);
                if let Some(t) = &i.target {
                    target_codes(t, out);
                }
            }
            nested_codes(body, out);
        }
        StmtKind::Assert { test, msg } => {
            e(test, out);
            if let Some(m) = msg {
                e(m, out);
            }
        }
        StmtKind::CompAppend { key, value } => {
            if let Some(k) = key {
                e(k, out);
            }
            e(value, out);
        }
        _ => {}
    }
}

fn make_fn_codes(f: &syntax::MakeFunction, out: &mut Vec<syntax::CodeId>) {
    if let Some(d) = &f.defaults {
        expr_codes(d, out);
    }
    if let Some(d) = &f.kwdefaults {
        expr_codes(d, out);
    }
    out.push(f.code);
}

fn target_codes(t: &Target, out: &mut Vec<syntax::CodeId>) {
    match &t.kind {
        TargetKind::Var(_) => {}
        TargetKind::Attr { value, .. } => expr_codes(value, out),
        TargetKind::Subscript { value, index } => {
            expr_codes(value, out);
            expr_codes(index, out);
        }
        TargetKind::Unpack { targets, .. } => targets.iter().for_each(|t| target_codes(t, out)),
    }
}

fn expr_codes(x: &Expr, out: &mut Vec<syntax::CodeId>) {
    let e = |x: &Expr, out: &mut Vec<syntax::CodeId>| expr_codes(x, out);
    match &x.kind {
        ExprKind::Attr { value, .. } => e(value, out),
        ExprKind::Subscript { value, index } => {
            e(value, out);
            e(index, out);
        }
        ExprKind::Slice(s) => {
            for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                e(p, out);
            }
        }
        ExprKind::Call(c) => {
            e(&c.func, out);
            c.args.iter().for_each(|a| e(a, out));
            c.keywords.iter().for_each(|k| e(&k.value, out));
        }
        ExprKind::CallMethod(c) => {
            e(&c.obj, out);
            c.args.iter().for_each(|a| e(a, out));
            c.keywords.iter().for_each(|k| e(&k.value, out));
        }
        ExprKind::BinOp { left, right, .. } => {
            e(left, out);
            e(right, out);
        }
        ExprKind::UnaryOp { operand, .. } => e(operand, out),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| e(v, out)),
        ExprKind::Compare { left, rest } => {
            e(left, out);
            rest.iter().for_each(|(_, v)| e(v, out));
        }
        ExprKind::IfExp { test, body, orelse } => {
            e(test, out);
            e(body, out);
            e(orelse, out);
        }
        ExprKind::Lambda(f) => make_fn_codes(f, out),
        ExprKind::Tuple { items, .. } | ExprKind::List { items, .. } | ExprKind::Set { items, .. } => {
            items.iter().for_each(|i| e(i, out))
        }
        ExprKind::Dict(parts) => {
            for p in parts.iter() {
                match p {
                    syntax::DictPart::ConstKeys { values, .. } => values.iter().for_each(|v| e(v, out)),
                    syntax::DictPart::Pairs { pairs, .. } => pairs.iter().for_each(|(k, v)| {
                        e(k, out);
                        e(v, out);
                    }),
                    syntax::DictPart::Unpack(m) => e(m, out),
                }
            }
        }
        ExprKind::Comprehension { func, iter } => {
            make_fn_codes(func, out);
            e(iter, out);
        }
        ExprKind::FString(parts) => {
            for p in parts.iter() {
                if let FPart::Value { value, spec, .. } = p {
                    e(value, out);
                    if let Some(s) = spec {
                        e(s, out);
                    }
                }
            }
        }
        ExprKind::Yield(Some(v)) | ExprKind::YieldFrom(v) | ExprKind::Star(v) => e(v, out),
        ExprKind::Named { value, .. } => e(value, out),
        _ => {}
    }
}

impl<'a, 'v> Emitter<'a, 'v> {
    /// The whole body of a code object, with its implicit prologue/epilogue.
    pub fn code_body(&mut self, code: &'a syntax::Code) -> R<()> {
        if code.kind == CodeKind::Class {
            // __module__ = __name__ (from the globals); __qualname__ = '...'.
            let n = self.name_str("__name__");
            self.emit(Op::LoadGlobal(n));
            let m = self.name_str("__module__");
            self.emit(Op::StoreName(m));
            let q = self.prog.name(code.qualname).to_string();
            self.load_str(&q)?;
            let qn = self.name_str("__qualname__");
            self.emit(Op::StoreName(qn));
        }
        if let CodeKind::Comprehension(kind) = code.kind {
            match kind {
                syntax::CompKind::List => {
                    self.emit(Op::BuildList(0));
                }
                syntax::CompKind::Set => {
                    self.emit(Op::BuildSet(0));
                }
                syntax::CompKind::Dict => {
                    self.emit(Op::BuildMap(0));
                }
                syntax::CompKind::Generator => {}
            }
        }
        self.block(&code.body)?;
        if code.kind == CodeKind::Class {
            if let Some(cell) = code.class_cell {
                self.emit(Op::LoadClosure(cell));
                let n = self.name_str("__classcell__");
                self.emit(Op::StoreName(n));
            }
        }
        match code.kind {
            CodeKind::Comprehension(k) if k != syntax::CompKind::Generator => {
                self.emit(Op::ReturnValue);
            }
            _ => {
                self.load_none();
                self.emit(Op::ReturnValue);
            }
        }
        Ok(())
    }

    pub fn block(&mut self, body: &'a [Stmt]) -> R<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> R<()> {
        self.set_loc(s.loc, true);
        match &s.kind {
            StmtKind::Expr(x) => {
                self.expr(x)?;
                self.emit(Op::PopTop);
            }
            StmtKind::Echo(x) => {
                self.expr(x)?;
                self.emit(Op::PrintExpr);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Copy(1));
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::ParallelAssign { targets, values } => {
                for v in values.iter() {
                    self.expr(v)?;
                }
                // Bring the first value to the top (3.11 emits SWAPs).
                match values.len() {
                    2 => {
                        self.emit(Op::Swap(2));
                    }
                    3 => {
                        self.emit(Op::Swap(3));
                    }
                    _ => {}
                }
                for t in targets.iter() {
                    self.store_target(t)?;
                }
            }
            StmtKind::Block(body) => self.block(body)?,
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::Delete(targets) => {
                for t in targets.iter() {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Pass => {}
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.block(body)?;
                if orelse.is_empty() {
                    self.patch(j);
                } else {
                    let end = self.emit(Op::Jump(0));
                    self.patch(j);
                    self.reset_line_marker();
                    self.block(orelse)?;
                    self.patch(end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.reset_line_marker();
                self.set_loc(s.loc, true);
                self.expr(test)?;
                let exit = self.emit(Op::PopJumpIfFalse(0));
                self.loop_rest(start, exit, false, body, orelse)?;
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.expr(iter)?;
                self.emit(Op::GetIter);
                let start = self.here();
                self.reset_line_marker();
                self.set_loc(s.loc, true);
                let exit = self.emit(Op::ForIter(0));
                self.store_target(target)?;
                self.loop_rest(start, exit, true, body, orelse)?;
            }
            StmtKind::Break => self.break_or_continue(true, s)?,
            StmtKind::Continue => self.break_or_continue(false, s)?,
            StmtKind::Return(value) => {
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_none(),
                }
                self.unwind_all(true)?;
                self.emit(Op::ReturnValue);
            }
            StmtKind::FunctionDef { decorators, func, target } => {
                for d in decorators.iter() {
                    self.emit(Op::PushNull);
                    self.expr(d)?;
                }
                self.make_function(func)?;
                for _ in decorators.iter() {
                    self.emit(Op::Call(1));
                }
                self.store_var(*target);
            }
            StmtKind::ClassDef(c) => self.class_def(c)?,
            StmtKind::Try { body, handlers, orelse, finalbody } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                // The raise is located at the whole statement.
                self.set_loc(s.loc, false);
                self.emit(Op::Raise(n));
            }
            StmtKind::With { items, body } => self.with_stmt(items, body)?,
            // No package is simulated: a dotted name fails in IMPORT_NAME
            // (`module_not_found`), before binding its top-level name would
            // matter.
            StmtKind::Import { module, target, .. } => {
                let n = self.name(*module);
                self.emit(Op::ImportName(n));
                self.store_var(*target);
            }
            StmtKind::ImportFrom { module, level, names, .. } => {
                // A relative import names its module with its leading dots:
                // run as `__main__`, it has no package to be relative to.
                let n = match module {
                    Some(m) if *level == 0 => self.name(*m),
                    _ => {
                        let m = module.map(|m| self.prog.name(m).to_string()).unwrap_or_default();
                        self.name_str(&format!("{}{m}", ".".repeat(*level as usize)))
                    }
                };
                self.emit(Op::ImportName(n));
                for (name, target) in names.iter() {
                    let ni = self.name(*name);
                    self.emit(Op::ImportFrom(ni));
                    self.store_var(*target);
                }
                self.emit(Op::PopTop);
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.emit(Op::PopJumpIfTrue(0));
                match msg {
                    Some(m) => {
                        self.emit(Op::PushNull);
                        self.emit(Op::LoadAssertionError);
                        self.expr(m)?;
                        self.emit(Op::Call(1));
                    }
                    None => {
                        self.emit(Op::LoadAssertionError);
                    }
                }
                // A failed assert points at its test.
                self.set_loc(test.loc, false);
                self.emit(Op::Raise(1));
                self.patch(ok);
            }
            StmtKind::CompAppend { key, value } => {
                let depth = 1 + self.fblocks.iter().filter(|b| matches!(b, FBlock::Loop { has_iter: true, .. })).count() as u32;
                match key {
                    Some(k) => {
                        self.expr(k)?;
                        self.expr(value)?;
                        self.emit(Op::MapAdd(depth));
                    }
                    None => {
                        self.expr(value)?;
                        let op = match self.code.kind {
                            CodeKind::Comprehension(syntax::CompKind::Set) => Op::SetAdd(depth),
                            _ => Op::ListAppend(depth),
                        };
                        self.emit(op);
                    }
                }
            }
        }
        Ok(())
    }

    /// The rest of a `while`/`for`: the body inside a loop block, the jump
    /// back, the exit, `else`, and the `break` targets.
    fn loop_rest(&mut self, start: u32, exit: usize, has_iter: bool, body: &'a [Stmt], orelse: &'a [Stmt]) -> R<()> {
        self.fblocks.push(FBlock::Loop { start, breaks: Vec::new(), has_iter });
        self.block(body)?;
        self.reset_line_marker();
        self.emit(Op::Jump(start));
        let Some(FBlock::Loop { breaks, .. }) = self.fblocks.pop() else { unreachable!() };
        self.patch(exit);
        self.block(orelse)?;
        for b in breaks {
            self.patch(b);
        }
        Ok(())
    }

    /// `[exit]` → calls `exit(None, None, None)` and drops the result.
    fn call_exit_with_nones(&mut self) {
        self.emit(Op::PushNull);
        self.emit(Op::Swap(2));
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Op::Call(3));
        self.emit(Op::PopTop);
    }

    fn break_or_continue(&mut self, is_break: bool, s: &Stmt) -> R<()> {
        // Unwind the blocks inside the innermost loop.
        let mut i = self.fblocks.len();
        loop {
            if i == 0 {
                let what = if is_break { "'break' outside loop" } else { "'continue' not properly in loop" };
                return Err(self.vm.error("SyntaxError", what));
            }
            i -= 1;
            if matches!(self.fblocks[i], FBlock::Loop { .. }) {
                break;
            }
        }
        let inner: Vec<usize> = (i + 1..self.fblocks.len()).rev().collect();
        for k in inner {
            self.unwind_block(k, false)?;
        }
        let _ = s;
        match &mut self.fblocks[i] {
            FBlock::Loop { start, has_iter, .. } => {
                let (start, has_iter) = (*start, *has_iter);
                if is_break {
                    if has_iter {
                        self.emit(Op::PopTop);
                    }
                    let j = self.emit(Op::Jump(0));
                    if let FBlock::Loop { breaks, .. } = &mut self.fblocks[i] {
                        breaks.push(j);
                    }
                } else {
                    self.emit(Op::Jump(start));
                }
            }
            _ => unreachable!(),
        }
        Ok(())
    }

    /// Before `return`: unwind every enclosing block (the return value is
    /// on top of the stack).
    fn unwind_all(&mut self, with_value: bool) -> R<()> {
        for k in (0..self.fblocks.len()).rev() {
            self.unwind_block(k, with_value)?;
        }
        Ok(())
    }

    /// Emits what leaving block `k` early requires. With `with_value`, one
    /// value sits above the block's own stack items.
    fn unwind_block(&mut self, k: usize, with_value: bool) -> R<()> {
        let drop_under = |e: &mut Self| {
            if with_value {
                e.emit(Op::Swap(2));
            }
            e.emit(Op::PopTop);
        };
        match &self.fblocks[k] {
            FBlock::Loop { has_iter, .. } => {
                if *has_iter && with_value {
                    drop_under(self);
                }
            }
            FBlock::TryExcept => {
                self.emit(Op::PopBlock);
            }
            FBlock::Finally(body) => {
                let body: &'a [Stmt] = body;
                self.emit(Op::PopBlock);
                // The finally body runs with this block removed.
                let saved = self.fblocks.split_off(k);
                let r = self.block(body);
                self.fblocks.extend(saved);
                r?;
            }
            FBlock::With => {
                self.emit(Op::PopBlock);
                // [exit, value] → call exit(None, None, None), keep value.
                if with_value {
                    self.emit(Op::Swap(2));
                }
                self.call_exit_with_nones();
            }
            FBlock::Handler(name) => {
                let name = *name;
                self.emit(Op::PopBlock);
                self.emit(Op::PopExcept);
                drop_under(self);
                if let Some(v) = name {
                    self.load_none();
                    self.store_var(v);
                    self.delete_var(v);
                }
            }
            FBlock::FinallyExc => {
                self.emit(Op::PopBlock);
                self.emit(Op::PopExcept);
                drop_under(self);
            }
        }
        Ok(())
    }

    fn try_stmt(&mut self, body: &'a [Stmt], handlers: &'a [Handler], orelse: &'a [Stmt], finalbody: &'a [Stmt]) -> R<()> {
        if finalbody.is_empty() {
            return self.try_except(body, handlers, orelse);
        }
        let setup = self.emit(Op::SetupFinally(0));
        self.fblocks.push(FBlock::Finally(finalbody));
        if handlers.is_empty() {
            self.block(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        self.reset_line_marker();
        self.block(finalbody)?;
        let end = self.emit(Op::Jump(0));
        // Exception path: [exc].
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        let cleanup = self.emit(Op::SetupFinally(0));
        self.fblocks.push(FBlock::FinallyExc);
        self.reset_line_marker();
        self.block(finalbody)?;
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(end);
        Ok(())
    }

    fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [Handler], orelse: &'a [Stmt]) -> R<()> {
        let setup = self.emit(Op::SetupFinally(0));
        self.fblocks.push(FBlock::TryExcept);
        self.block(body)?;
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        self.block(orelse)?;
        let mut ends = vec![self.emit(Op::Jump(0))];
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        let cleanup = self.emit(Op::SetupFinally(0));
        for h in handlers {
            self.set_loc(h.loc, true);
            let next = match &h.typ {
                Some(t) => {
                    // [exc, type] → CHECK_EXC_MATCH → [exc, bool].
                    self.expr(t)?;
                    self.emit(Op::CheckExcMatch);
                    Some(self.emit(Op::PopJumpIfFalse(0)))
                }
                None => None,
            };
            if let Some(v) = h.name {
                self.emit(Op::Copy(1));
                self.store_var(v);
            }
            self.fblocks.push(FBlock::Handler(h.name));
            self.block(&h.body)?;
            self.fblocks.pop();
            self.emit(Op::PopBlock);
            self.emit(Op::PopExcept);
            self.emit(Op::PopTop);
            if let Some(v) = h.name {
                self.load_none();
                self.store_var(v);
                self.delete_var(v);
            }
            ends.push(self.emit(Op::Jump(0)));
            if let Some(n) = next {
                self.patch(n);
            }
        }
        // No handler matched: re-raise (the cleanup block restores state).
        self.emit(Op::Reraise);
        self.patch(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        for e in ends {
            self.patch(e);
        }
        self.reset_line_marker();
        Ok(())
    }

    fn with_stmt(&mut self, items: &'a [WithItem], body: &'a [Stmt]) -> R<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.block(body);
        };
        self.expr(&item.context)?;
        self.emit(Op::BeforeWith);
        match &item.target {
            Some(t) => self.store_target(t)?,
            None => {
                self.emit(Op::PopTop);
            }
        }
        let setup = self.emit(Op::SetupWith(0));
        self.fblocks.push(FBlock::With);
        self.with_stmt(rest, body)?;
        self.fblocks.pop();
        self.emit(Op::PopBlock);
        // Normal exit: __exit__(None, None, None).
        self.call_exit_with_nones();
        let end = self.emit(Op::Jump(0));
        // Exception: [exit, exc].
        self.patch(setup);
        self.emit(Op::PushExcInfo);
        let cleanup = self.emit(Op::SetupFinally(0));
        self.emit(Op::WithExceptStart);
        let suppress = self.emit(Op::PopJumpIfTrue(0));
        self.emit(Op::Reraise);
        self.patch(suppress);
        self.emit(Op::PopBlock);
        self.emit(Op::PopExcept);
        self.emit(Op::PopTop);
        self.emit(Op::PopTop);
        let end2 = self.emit(Op::Jump(0));
        self.patch(cleanup);
        self.emit(Op::PopExcept);
        self.emit(Op::Reraise);
        self.patch(end);
        self.patch(end2);
        self.reset_line_marker();
        Ok(())
    }

    fn class_def(&mut self, c: &'a ClassDef) -> R<()> {
        for d in c.decorators.iter() {
            self.emit(Op::PushNull);
            self.expr(d)?;
        }
        self.emit(Op::PushNull);
        self.emit(Op::LoadBuildClass);
        self.make_fn_parts(c.code, &c.closure, None, None)?;
        self.load_const(c.name);
        // Starred bases and class keywords never get here: `syntax::scope`
        // refuses them, with their location.
        debug_assert!(c.keywords.is_empty() && !c.bases.iter().any(|b| matches!(b.kind, ExprKind::Star(_))));
        let mut n = 2;
        for b in c.bases.iter() {
            self.expr(b)?;
            n += 1;
        }
        self.emit(Op::Call(n));
        for _ in c.decorators.iter() {
            self.emit(Op::Call(1));
        }
        self.store_var(c.target);
        Ok(())
    }
}
