//! Running child processes: the project root, PATH with the tools folder first,
//! and streaming output while keeping a copy to count test results.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;

pub type Result<T> = std::result::Result<T, String>;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

/// The project-local tools folder.
pub fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with the tools folder's binaries first, so trunk finds the pinned
/// wasm-bindgen and wasm-opt.
pub fn tool_path() -> String {
    let t = tools_dir();
    let mut parts = vec![
        t.join("cargo/bin").display().to_string(),
        t.join("npm/node_modules/.bin").display().to_string(),
    ];
    if let Ok(p) = std::env::var("PATH") {
        parts.push(p);
    }
    parts.join(":")
}

/// A command run from the project root with the tools on PATH.
pub fn command(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root()).env("PATH", tool_path());
    c
}

/// Runs to completion with inherited output; error on non-zero exit.
pub fn run(mut c: Command) -> Result<()> {
    let desc = describe(&c);
    let status = c.status().map_err(|e| format!("cannot start {desc}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{desc} failed ({status})"))
    }
}

/// Runs and returns stdout when it succeeds (quietly), or None.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = command(program, args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs with output streamed to the terminal and also captured (stdout and
/// stderr interleaved by line); returns (success, captured text).
pub fn run_tee(mut c: Command) -> (bool, String) {
    let desc = describe(&c);
    c.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match c.spawn() {
        Ok(child) => child,
        Err(e) => return (false, format!("cannot start {desc}: {e}")),
    };
    let (tx, rx) = mpsc::channel::<(bool, String)>();
    let readers: Vec<_> = [
        child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>).map(|s| (s, false)),
        child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>).map(|s| (s, true)),
    ]
    .into_iter()
    .flatten()
    .map(|(stream, is_err)| {
        let tx = tx.clone();
        thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(|l| l.ok()) {
                let _ = tx.send((is_err, line));
            }
        })
    })
    .collect();
    drop(tx);
    let mut captured = String::new();
    for (is_err, line) in rx {
        if is_err {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
        captured.push_str(&line);
        captured.push('\n');
    }
    for r in readers {
        let _ = r.join();
    }
    let ok = child.wait().map(|s| s.success()).unwrap_or(false);
    (ok, captured)
}

fn describe(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}
