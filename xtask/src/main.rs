//! `cargo xtask <task>`: every piece of project automation, in Rust.
//!
//! - `serve`: install what is missing, build, serve `dist/` on 127.0.0.1:8080.
//! - `build`: release build of the site into `dist/` (relative URLs).
//! - `test`: engine tests, browser component tests, release build, end-to-end
//!   tests; one summary line; non-zero exit on any failure.
//! - `bench`: the engine against CPython, natively and in Chromium, and the
//!   page's weight and responsiveness, as a table and `target/bench/report.json`.
//! - `tools`: only install the pinned tools into `.tools/`.

mod bench;
mod build;
mod cmd;
mod serve;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("help");
    let rest = &args[args.len().min(1)..];
    let result = match task {
        "serve" => serve::run(rest),
        "build" => build::run(),
        "test" => test::run(rest),
        "bench" => bench::run(rest),
        "tools" => tools::ensure_all().map(|_| ()),
        _ => {
            eprintln!("usage: cargo xtask <serve [--port N] | build | test | bench [--reps N] | tools>");
            return if task == "help" { ExitCode::SUCCESS } else { ExitCode::FAILURE };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask {task}: {e}");
            ExitCode::FAILURE
        }
    }
}
