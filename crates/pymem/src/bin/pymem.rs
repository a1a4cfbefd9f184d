//! The `pymem` command line: `pymem run [--repl] [--trace FILE.json] FILE.py`
//! prints what `python3 -I -S FILE.py` prints; the traceback of an uncaught
//! exception goes to stderr and the exit status is 1.

use std::process::ExitCode;

use pymem::{RunConfig, RunMode};

const USAGE: &str = "usage: pymem run [--repl] [--trace FILE.json] [--steps N] FILE.py";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some("run") {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut config = RunConfig { step_budget: 1_000_000_000, ..RunConfig::default() };
    let mut trace = None;
    let mut file = None;
    let mut it = args[1..].iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--repl" => config.mode = RunMode::Repl,
            "--trace" => trace = it.next().cloned(),
            "--steps" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => config.step_budget = n,
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            f if file.is_none() && !f.starts_with("--") => file = Some(f.to_string()),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let source = match std::fs::read_to_string(&file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("pymem: can't open file '{file}': {e}");
            return ExitCode::from(2);
        }
    };
    // As `python3 FILE` since 3.9: the script's path made absolute (symlinks
    // kept), which tracebacks and tracemalloc print.
    config.filename = std::path::absolute(&file).map_or_else(|_| file.clone(), |p| p.display().to_string());
    config.record = trace.is_some();
    let run = pymem::run(&source, &config);
    print!("{}", run.stdout);
    eprint!("{}", run.stderr);
    if let Some(path) = trace {
        let trace = serde_json::json!({ "events": run.timeline, "snapshots": run.snapshots });
        match serde_json::to_string(&trace) {
            Ok(json) => {
                if let Err(e) = std::fs::write(&path, json) {
                    eprintln!("pymem: cannot write {path}: {e}");
                }
            }
            Err(e) => eprintln!("pymem: cannot serialise the trace: {e}"),
        }
    }
    if run.failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
