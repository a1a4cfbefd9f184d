//! `memory_profiler` (0.61.0): the `@profile` decorator the document's
//! example uses, and `memory_usage()`.
//!
//! Calling a decorated function runs it under a `LineProfiler` and then
//! prints memory_profiler's line table (`show_results`, precision 1). The
//! real tool samples the process RSS through `sys.settrace`; here a sample
//! is the simulated process size: `Allocator::mapped_bytes()` (pymalloc
//! arenas × 1 MiB plus the raw allocator's chunks) plus `BASELINE_BYTES`,
//! in MiB. Samples are taken on the interpreter's line events in the
//! profiled function and the code objects nested in it (`Vm::on_line`) and
//! when one of those frames returns, and charged with memory_profiler's
//! bookkeeping: a `call` pushes the frame's first line, a `line` event
//! charges the sample to the line executed before, "Mem usage" is the
//! largest sample of a line, "Increment" sums (sample − the previous line's
//! usage), and the decorator line gets the first sample in full. Line
//! events come once per statement (a comprehension loop is not re-sampled
//! per iteration as CPython's backward jumps are).

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::builtins::Args;
use crate::vm::modules::ext::Ext;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

/// What the simulated heap leaves out of a real process's RSS: the
/// interpreter binary, libc, the start-up heap CPython has before `-I -S`
/// imports anything, and memory_profiler's own imports (psutil, inspect,
/// asyncio...). 20 MiB puts the first reading of a small script near the
/// 22.0 MiB that memory_profiler 0.61.0 shows on CPython 3.11.7.
pub const BASELINE_BYTES: u64 = 20 << 20;

/// One `LineProfiler` with its `CodeMap` for one decorated function.
#[derive(Clone, Debug)]
pub struct LineProfiler {
    /// The function's code object and every code object nested in it.
    codes: HashSet<ObjectId>,
    filename: Rc<str>,
    /// The lines `inspect.getsourcelines` gives: decorators to block end.
    first_line: u32,
    last_line: u32,
    /// lineno → (increment, max usage, occurrences), in MiB.
    measures: BTreeMap<u32, (f64, f64, u64)>,
    prevlines: Vec<u32>,
    prev_lineno: Option<u32>,
    /// Profiled frames on the stack: (frame depth, code object).
    active: Vec<(usize, ObjectId)>,
    /// The line and instruction position of the last line event, to drop
    /// a repeated event that was reached without a backward jump.
    last_event: Option<(usize, u32, usize)>,
}

impl Vm {
    /// The process size memory_profiler would read, in MiB.
    pub fn simulated_rss_mib(&self) -> f64 {
        (self.heap.alloc.mapped_bytes() + BASELINE_BYTES) as f64 / (1u64 << 20) as f64
    }

    /// `profile(func=None, stream=None, precision=1, backend='psutil')`.
    pub(super) fn run_memory_profiler_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        match f {
            ModuleFn::MpProfile => {
                let precision = match a.pos.get(2).copied().or_else(|| a.kw("precision")) {
                    Some(p) => self.as_i64(p).unwrap_or(1).clamp(0, 20) as usize,
                    None => 1,
                };
                let func = a.pos.first().copied().or_else(|| a.kw("func")).filter(|&f| f != self.wk.none);
                self.new_profiled(func.unwrap_or(NULL), precision)
            }
            ModuleFn::MpMemoryUsage => {
                let proc_ = a.pos.first().copied().or_else(|| a.kw("proc"));
                if proc_.is_some_and(|p| self.as_i64(p) != Some(-1)) {
                    return Err(self.unsupported("memory_usage() of another process or of a call"));
                }
                let num = |vm: &mut Vm, name: &str, i: usize| -> Option<f64> {
                    let v = a.pos.get(i).copied().or_else(|| a.kw(name)).filter(|&v| v != vm.wk.none)?;
                    vm.num(v).map(|n| crate::vm::ops::to_f64(&n))
                };
                let interval = num(self, "interval", 1).unwrap_or(0.1);
                let samples = match num(self, "timeout", 2) {
                    Some(t) if interval > 0.0 => ((t / interval).round() as i64).max(0) as usize,
                    _ => 1,
                };
                let mem = self.simulated_rss_mib();
                let mut items = Vec::with_capacity(samples.min(10_000));
                for _ in 0..samples.min(10_000) {
                    items.push(self.new_float(mem)?);
                }
                let n = items.len();
                self.new_list(items, n)
            }
            _ => unreachable!("not a memory_profiler function"),
        }
    }

    fn new_profiled(&mut self, func: ObjectId, precision: usize) -> R<ObjectId> {
        if func != NULL {
            self.incref(func);
        }
        // A Python function object (`functools.wraps` copies the name).
        self.new_ext(Builtin::ProfiledFunction, Ext::Profiled { func, precision }, 16 + 136)
    }

    /// Calling a `@profile` wrapper (args owned): profile one call, print
    /// the table. Without a function yet (`@profile(precision=2)`), the
    /// call supplies it.
    pub(crate) fn call_profiled(&mut self, wrapper: ObjectId, args: Vec<ObjectId>, kwnames: ObjectId) -> R<ObjectId> {
        let Some(Ext::Profiled { func, precision }) = self.ext(wrapper).cloned() else {
            args.into_iter().for_each(|a| self.decref(a));
            return Err(self.error("TypeError", "not a profiled function"));
        };
        if func == NULL {
            let target = args.first().copied().filter(|_| args.len() == 1 && kwnames == NULL);
            let r = match target {
                Some(t) => self.new_profiled(t, precision),
                None => Err(self.error("TypeError", "profile() expects the function to decorate")),
            };
            args.into_iter().for_each(|a| self.decref(a));
            return r;
        }
        let prof = self.line_profiler_for(func);
        let Some(prof) = prof else {
            // Not a Python function: nothing to trace, as memory_profiler
            // warns and runs it.
            self.incref(func);
            let r = self.call_with(func, args, kwnames);
            self.decref(func);
            return r;
        };
        self.ext_state.profilers.push(prof);
        self.incref(func);
        let r = self.call_with(func, args, kwnames);
        self.decref(func);
        self.profile_unwind_to(0);
        let prof = self.ext_state.profilers.pop();
        if let (Ok(_), Some(p)) = (&r, prof) {
            let text = self.show_results(&p, precision);
            self.write_stdout(&text);
        }
        r
    }

    /// `CodeMap.add`: the function's code and its nested code objects, and
    /// the source block `inspect.getsourcelines` would return.
    fn line_profiler_for(&self, func: ObjectId) -> Option<LineProfiler> {
        let Payload::Function(f) = self.heap.payload(func) else { return None };
        let top = f.code;
        let mut codes = HashSet::new();
        let mut todo = vec![top];
        while let Some(c) = todo.pop() {
            if !codes.insert(c) {
                continue;
            }
            if let Payload::Code(code) = self.heap.payload(c) {
                todo.extend(code.consts.iter().copied().filter(|&k| matches!(self.heap.payload(k), Payload::Code(_))));
            }
        }
        let Payload::Code(code) = self.heap.payload(top) else { return None };
        let first_line = code.firstlineno;
        let last_line = block_end(&self.source, first_line);
        Some(LineProfiler {
            codes,
            filename: code.filename.clone(),
            first_line,
            last_line,
            measures: BTreeMap::new(),
            prevlines: Vec::new(),
            prev_lineno: None,
            active: Vec::new(),
            last_event: None,
        })
    }

    /// Line event hook (from `Vm::on_line`).
    pub(crate) fn profile_line(&mut self, line: u32) {
        if self.ext_state.profilers.is_empty() {
            return;
        }
        let depth = self.frames.len();
        let pc = self.pc;
        let Some((code, first)) = self.frames.last().map(|f| (f.code_obj, f.code.firstlineno)) else { return };
        let mem = self.simulated_rss_mib();
        for p in self.ext_state.profilers.iter_mut() {
            p.drop_finished(depth, code, mem);
            if !p.codes.contains(&code) {
                continue;
            }
            if p.active.last() != Some(&(depth, code)) {
                // The `call` event: remember where the frame starts.
                p.active.push((depth, code));
                p.prevlines.push(first);
                p.last_event = None;
            }
            // CPython reports a line again only after a backward jump (a
            // loop head is marked both as a statement and as a jump target).
            let repeated = matches!(p.last_event, Some((d, l, at)) if d == depth && l == line && at < pc);
            p.last_event = Some((depth, line, pc));
            if repeated {
                continue;
            }
            let Some(cur) = p.prevlines.last_mut() else { continue };
            let prev = std::mem::replace(cur, line);
            let prev_lineno = p.prev_lineno;
            p.trace(prev, prev_lineno, mem);
            p.prev_lineno = Some(prev);
        }
    }

    /// Return event hook: the top frame is about to return (its locals are
    /// still alive, as when CPython's `return` trace event fires).
    pub(crate) fn profile_return(&mut self) {
        if self.ext_state.profilers.is_empty() {
            return;
        }
        let depth = self.frames.len();
        let Some(code) = self.frames.last().map(|f| f.code_obj) else { return };
        let mem = self.simulated_rss_mib();
        for p in self.ext_state.profilers.iter_mut() {
            p.drop_finished(depth + 1, NULL, mem);
            if p.active.last() == Some(&(depth, code)) {
                p.return_event(mem);
            }
        }
    }

    /// Return events for profiled frames deeper than `depth` that left
    /// without one (an exception unwound them).
    fn profile_unwind_to(&mut self, depth: usize) {
        let mem = self.simulated_rss_mib();
        if let Some(p) = self.ext_state.profilers.last_mut() {
            while p.active.last().is_some_and(|&(d, _)| d > depth) {
                p.return_event(mem);
            }
        }
    }

    /// memory_profiler's `show_results` for one profiled function.
    fn show_results(&self, p: &LineProfiler, precision: usize) -> String {
        let row = |a: &str, b: &str, c: &str, d: &str, e: &str| format!("{a:>6} {b:>12} {c:>12}  {d:>10}   {e}");
        let header = row("Line #", "Mem usage", "Increment", "Occurrences", "Line Contents");
        let mut out = format!("Filename: {}\n\n{header}\n{}\n", p.filename, "=".repeat(header.chars().count()));
        let lines: Vec<&str> = self.source.split_inclusive('\n').collect();
        let mib = |v: f64| format!("{:w$.p$} MiB", v, w = precision + 4, p = precision);
        for lineno in p.first_line..=p.last_line {
            let text = lines.get((lineno as usize).saturating_sub(1)).copied().unwrap_or("");
            let (mem, inc, occ) = match p.measures.get(&lineno) {
                Some(&(inc, mem, occ)) => (mib(mem), mib(inc), occ.to_string()),
                None => (String::new(), String::new(), String::new()),
            };
            out.push_str(&row(&lineno.to_string(), &mem, &inc, &occ, text));
        }
        out.push_str("\n\n");
        out
    }
}

impl LineProfiler {
    /// `CodeMap.trace`: charge a sample to `lineno`.
    fn trace(&mut self, lineno: u32, prev_lineno: Option<u32>, memory: f64) {
        let (prev_inc, prev_mem, occ) = self.measures.get(&lineno).copied().unwrap_or((0.0, 0.0, 0));
        let prev_line_memory = prev_lineno.filter(|&l| l != 0).and_then(|l| self.measures.get(&l)).map(|m| m.1).unwrap_or(0.0);
        self.measures.insert(lineno, (prev_inc + (memory - prev_line_memory), memory.max(prev_mem), occ + 1));
    }

    fn return_event(&mut self, memory: f64) {
        self.active.pop();
        self.last_event = None;
        if let Some(lineno) = self.prevlines.pop() {
            self.trace(lineno, self.prev_lineno, memory);
            self.prev_lineno = Some(lineno);
        }
    }

    /// Frames that are gone (deeper than the current one, or replaced at
    /// its depth by another code object) returned without an event.
    fn drop_finished(&mut self, depth: usize, code: ObjectId, memory: f64) {
        while self.active.last().is_some_and(|&(d, c)| d > depth || (d == depth && c != code)) {
            self.return_event(memory);
        }
    }
}

/// The last line of the block that starts at `first` (decorators, `def`,
/// then the lines indented deeper than the `def`), as `inspect.getblock`
/// finds it: trailing blank lines are not part of it.
fn block_end(source: &str, first: u32) -> u32 {
    let lines: Vec<&str> = source.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut i = first.saturating_sub(1) as usize;
    // Skip decorator lines to the `def`.
    while i < lines.len() && lines[i].trim_start().starts_with('@') {
        i += 1;
    }
    let Some(def) = lines.get(i) else { return first };
    let base = indent(def);
    let mut last = i;
    for (k, l) in lines.iter().enumerate().skip(i + 1) {
        if l.trim().is_empty() {
            continue;
        }
        if indent(l) <= base {
            break;
        }
        last = k;
    }
    last as u32 + 1
}

#[cfg(test)]
mod tests {
    use super::block_end;

    /// memory_profiler 0.61.0's layout: header, 61 `=`, one row per source
    /// line of the function (blank numbers where nothing was sampled), two
    /// blank lines; the occurrences CPython 3.11 reports (a `for` header
    /// over 3 items: 4).
    #[test]
    fn profile_prints_the_line_table() {
        let src = "from memory_profiler import profile\n\n@profile\ndef my_func():\n    a = [1] * (10 ** 6)\n    b = [2] * (2 * 10 ** 6)\n    del b\n    for i in range(3):\n        a.append(i)\n    return a\n\nx = my_func()\nprint(len(x))\n";
        let config = crate::RunConfig { filename: "mp1.py".into(), ..crate::RunConfig::default() };
        let r = crate::run(src, &config);
        assert_eq!(r.stderr, "");
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert_eq!(lines[..4], ["Filename: mp1.py", "", "Line #    Mem usage    Increment  Occurrences   Line Contents", &"=".repeat(61)]);
        assert_eq!(lines[5], format!("{:>6} {:>12} {:>12}  {:>10}   def my_func():", 4, "", "", ""));
        let occurrences: Vec<&str> = lines[4..12].iter().map(|l| l[33..45].trim()).collect();
        assert_eq!(occurrences, ["1", "", "1", "1", "1", "4", "3", "1"]);
        assert!(lines[4].ends_with("MiB           1   @profile"), "{}", lines[4]);
        assert!(lines[6].contains(" MiB ") && lines[7].contains("15.3 MiB"), "{}", r.stdout);
        assert_eq!(lines[12..], ["", "", "1000003"]);
    }

    #[test]
    fn block_end_stops_at_dedent() {
        let src = "# c\nfrom m import p\n\n@p\ndef f():\n    x = 1\n\n    y = 2\n\nf()\n";
        assert_eq!(block_end(src, 4), 8);
        assert_eq!(block_end("def g():\n    return 1", 1), 2);
    }
}
