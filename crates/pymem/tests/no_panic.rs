//! Bad input never panics: every line-prefix of every conformance program
//! (most are incomplete or broken programs) runs to a Python-level result
//! under a small step budget and memory cap.

use std::path::Path;

use pymem::{RunConfig, RunMode};

#[test]
fn every_prefix_of_every_conformance_program_runs_without_panicking() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("conformance folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    files.sort();
    let mut runs = 0;
    let mut panics = Vec::new();
    for path in &files {
        let source = std::fs::read_to_string(path).expect("source");
        let lines: Vec<&str> = source.lines().collect();
        for cut in 1..=lines.len() {
            let prefix = lines[..cut].join("\n") + "\n";
            let modes: &[RunMode] = if cut % 2 == 0 { &[RunMode::Script, RunMode::Repl] } else { &[RunMode::Script] };
            for &mode in modes {
                let config = RunConfig { mode, step_budget: 200_000, heap_cap: 64 << 20, record: cut % 7 == 0, ..RunConfig::default() };
                runs += 1;
                if std::panic::catch_unwind(|| pymem::run(&prefix, &config)).is_err() {
                    panics.push(format!("{} (first {cut} lines, {mode:?})", path.display()));
                }
            }
        }
    }
    assert!(runs > 1000);
    assert!(panics.is_empty(), "{} of {runs} runs panicked:\n{}", panics.len(), panics.join("\n"));
}
