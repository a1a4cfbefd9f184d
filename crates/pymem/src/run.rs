//! The engine's front door: run a program and get plain data back.
//!
//! Everything the app and the CLI need from a run is in [`Run`]; neither reaches
//! into the interpreter's internals.

use serde::{Deserialize, Serialize};

use crate::compile;
use crate::syntax;
use crate::vm::interp::Exit;
use crate::vm::{Frame, Unwind, Vm};

/// How the source is compiled, which decides constant sharing and echoing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RunMode {
    /// `python3 file.py`: the whole file is one code object.
    #[default]
    Script,
    /// `python3 -i`: every top-level statement is compiled on its own and an
    /// expression statement echoes its repr.
    Repl,
}

/// Limits and options for one run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RunConfig {
    pub mode: RunMode,
    /// File name shown in tracebacks.
    pub filename: String,
    /// Evaluation steps after which the run stops with an error, so that
    /// `while True: pass` ends.
    pub step_budget: u64,
    /// Simulated heap cap in bytes; a request beyond it raises MemoryError.
    pub heap_cap: u64,
    /// Record the timeline of events (the app replays it).
    pub record: bool,
    /// Most events kept on the timeline.
    pub event_limit: usize,
}

impl Default for RunConfig {
    fn default() -> Self {
        RunConfig {
            mode: RunMode::Script,
            filename: "<example>".into(),
            step_budget: 50_000_000,
            heap_cap: 1 << 30,
            record: false,
            event_limit: 200_000,
        }
    }
}

/// What a finished run produced.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Run {
    /// Everything the program printed to stdout.
    pub stdout: String,
    /// The traceback (or syntax error) as CPython prints it to stderr; empty
    /// when the program finished normally.
    pub stderr: String,
    /// Evaluation steps taken.
    pub steps: u64,
    /// The program ended with an uncaught exception (or hit a limit).
    pub failed: bool,
    /// What happened, in order (empty unless `RunConfig::record`).
    pub timeline: Vec<crate::timeline::Stamped>,
    /// The state at each executed line (sampled when there are many), then
    /// at the end (empty unless `RunConfig::record`).
    pub snapshots: Vec<crate::snapshot::Snapshot>,
}

/// Runs `source` to completion (or to the step budget) and returns what it
/// produced. Never panics on any input: errors come back as CPython's text.
pub fn run(source: &str, config: &RunConfig) -> Run {
    let mode = match config.mode {
        RunMode::Script => syntax::Mode::Script,
        RunMode::Repl => syntax::Mode::Repl,
    };
    let prog = match syntax::compile(source, &config.filename, mode) {
        Ok(p) => p,
        Err(e) => return Run { stderr: e.to_string(), failed: true, ..Run::default() },
    };
    let mut vm = Vm::new(config.clone());
    vm.source = source.into();
    let mut stderr = String::new();
    let mut failed = false;
    let mut aborted = false;
    let globals = match vm.new_main_globals() {
        Ok(g) => g,
        Err(_) => return Run { stderr: "MemoryError\n".into(), failed: true, ..Run::default() },
    };
    vm.main_globals = globals;
    vm.seed_startup_collector();
    vm.started = true;
    vm.timeline.started = true;
    for unit in 0..prog.units.len() {
        let outcome = compile::compile_unit(&mut vm, &prog, unit).and_then(|(code_obj, arena)| {
            let code = vm.code_of(code_obj);
            vm.incref(globals);
            let frame = Frame::new(code, code_obj, globals);
            let r = vm.run_frame(frame);
            // As `run_mod` then `_PyArena_Free`: the code object goes first.
            vm.decref(code_obj);
            arena.release(&mut vm);
            r
        });
        match outcome {
            Ok(Exit::Return(v)) | Ok(Exit::Yield(v)) => vm.decref(v),
            Err(Unwind::Exc(e)) => {
                failed = true;
                stderr.push_str(&vm.unraisable_text);
                vm.unraisable_text.clear();
                stderr.push_str(&vm.format_exception(e, source));
                vm.decref(e);
                if mode == syntax::Mode::Script {
                    break;
                }
            }
            Err(Unwind::Abort) => {
                failed = true;
                aborted = true;
                stderr.push_str(&format!("{}\n", vm.abort_text()));
                break;
            }
        }
        if let Some(msg) = vm.pending_abort.take() {
            failed = true;
            aborted = true;
            stderr.push_str(&format!("{msg}\n"));
            break;
        }
    }
    vm.final_snapshot();
    if !aborted {
        vm.finalize_interpreter(globals);
    }
    stderr.insert_str(0, &std::mem::take(&mut vm.unraisable_text));
    let timeline = std::mem::take(&mut vm.timeline.events);
    let snapshots = std::mem::take(&mut vm.timeline.snapshots);
    Run { stdout: std::mem::take(&mut vm.stdout), stderr, steps: vm.steps, failed, timeline, snapshots }
}
