//! `cargo xtask test`: every layer of tests, in order, each under a heading,
//! then one summary line `N passed, N failed` over all of them.
//!
//! 1. engine and host tests (`cargo test --workspace` natively),
//! 2. app components (wasm-bindgen-test in headless Chromium),
//! 3. the release site build (trunk),
//! 4. end-to-end (Playwright via `node --test`) against that build, served on
//!    127.0.0.1 at a free port.

use crate::cmd::{command, root, run_tee, Result};
use crate::serve::Server;
use crate::{build, tools};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
    broken_layers: Vec<&'static str>,
}

const LAYERS: [&str; 4] = ["engine", "wasm", "build", "e2e"];

pub fn run(args: &[String]) -> Result<()> {
    let only: Vec<&str> = args.iter().filter(|a| LAYERS.contains(&a.as_str())).map(String::as_str).collect();
    if let Some(bad) = args.iter().find(|a| !LAYERS.contains(&a.as_str())) {
        return Err(format!("unknown layer {bad}; layers are {}", LAYERS.join(", ")));
    }
    let wanted = |l: &str| only.is_empty() || only.contains(&l);
    tools::ensure_all()?;
    let mut tally = Tally::default();

    if wanted("engine") {
        heading("1/4 engine and host tests (cargo test)");
        let (ok, out) = run_tee(command("cargo", &["test", "--workspace", "--locked"]));
        tally.add_cargo("engine", ok, &out);
    }
    if wanted("wasm") {
        heading("2/4 app components (wasm-bindgen-test, headless Chromium)");
        let mut c = command("cargo", &["test", "-p", "pymem-lab", "--target", tools::WASM_TARGET, "--tests", "--locked"]);
        c.env("CHROMEDRIVER", tools::CHROMEDRIVER).env("WASM_BINDGEN_TEST_TIMEOUT", "120");
        let (ok, out) = run_tee(c);
        tally.add_cargo("wasm", ok, &out);
    }
    let mut built = !wanted("build");
    if wanted("build") {
        heading("3/4 release build (trunk)");
        match build::build_site() {
            Ok(()) => {
                tally.passed += 1;
                built = true;
            }
            Err(e) => {
                eprintln!("{e}");
                tally.failed += 1;
                tally.broken_layers.push("build");
            }
        }
    }
    if wanted("e2e") {
        heading("4/4 end-to-end (Playwright, node --test)");
        if built {
            let (ok, out) = e2e()?;
            tally.add_node("e2e", ok, &out);
        } else {
            eprintln!("skipped: the site did not build");
            tally.failed += 1;
        }
    }

    println!();
    if !tally.broken_layers.is_empty() {
        println!("layers that failed: {}", tally.broken_layers.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 && tally.broken_layers.is_empty() {
        Ok(())
    } else {
        Err("some tests failed".into())
    }
}

fn e2e() -> Result<(bool, String)> {
    let server = Server::start(&root().join("dist"), 0)?;
    let dir = root().join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| e.to_string())?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.mjs"))
        .collect();
    files.sort();
    let mut args = vec!["--test", "--test-reporter=tap"];
    args.extend(files.iter().map(String::as_str));
    let mut c = command("node", &args);
    c.current_dir(&dir)
        .env("PYMEM_URL", server.url())
        .env("CHROMIUM", tools::CHROMIUM)
        .env("SCREENSHOT_DIR", root().join("target/e2e"));
    Ok(run_tee(c))
}

fn heading(title: &str) {
    println!("\n==== {title} ====");
}

impl Tally {
    /// Sums `test result: ... N passed; M failed` lines (cargo and
    /// wasm-bindgen-test-runner print the same shape). A failed command with
    /// no failed test (a compile error) counts as one failure.
    fn add_cargo(&mut self, layer: &'static str, ok: bool, out: &str) {
        let (mut passed, mut failed) = (0, 0);
        for line in out.lines().filter(|l| l.contains("test result:")) {
            passed += count_before(line, " passed");
            failed += count_before(line, " failed");
        }
        self.finish(layer, ok, passed, failed);
    }

    /// Reads node's TAP summary (`# pass N`, `# fail N`).
    fn add_node(&mut self, layer: &'static str, ok: bool, out: &str) {
        let pick = |key: &str| {
            out.lines()
                .filter_map(|l| l.trim().strip_prefix(key))
                .filter_map(|n| n.trim().parse::<u64>().ok())
                .next_back()
                .unwrap_or(0)
        };
        self.finish(layer, ok, pick("# pass"), pick("# fail"));
    }

    fn finish(&mut self, layer: &'static str, ok: bool, passed: u64, failed: u64) {
        self.passed += passed;
        self.failed += failed;
        if !ok && failed == 0 {
            self.failed += 1;
        }
        if !ok {
            self.broken_layers.push(layer);
        }
    }
}

/// In `"ok. 12 passed; 0 failed"`, the number before `" passed"`.
fn count_before(line: &str, word: &str) -> u64 {
    line.find(word)
        .and_then(|end| line[..end].rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_cargo_results() {
        let mut t = Tally::default();
        let out = "test result: ok. 12 passed; 0 failed; 0 ignored\ntest result: FAILED. 3 passed; 2 failed; 0 ignored\n";
        t.add_cargo("engine", false, out);
        assert_eq!((t.passed, t.failed), (15, 2));
    }

    #[test]
    fn a_failed_build_counts_once() {
        let mut t = Tally::default();
        t.add_cargo("wasm", false, "error[E0425]: cannot find value");
        assert_eq!((t.passed, t.failed), (0, 1));
        assert_eq!(t.broken_layers, vec!["wasm"]);
    }

    #[test]
    fn counts_tap_results() {
        let mut t = Tally::default();
        t.add_node("e2e", true, "ok 1 - x\n# tests 3\n# pass 3\n# fail 0\n");
        assert_eq!((t.passed, t.failed), (3, 0));
    }
}
