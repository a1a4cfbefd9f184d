//! `sys.getsizeof` through the interpreter: every row of
//! `tests/data/getsizeof.tsv` (measured on CPython 3.11.7 by
//! `gen_sizes.py`) runs its setup and statement in the simulator and must
//! report CPython's size for `x`. Rows the simulator cannot reproduce yet
//! are listed, with the reason, in `tests/data/getsizeof_known.txt`; a
//! listed row that starts passing fails the test too, so the list stays true.

use std::collections::BTreeSet;
use std::path::Path;

use pymem::RunConfig;

#[test]
fn getsizeof_matches_cpython_for_every_measured_case() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let table = std::fs::read_to_string(data.join("getsizeof.tsv")).expect("table");
    let known: BTreeSet<String> = std::fs::read_to_string(data.join("getsizeof_known.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    let mut unexpected = Vec::new();
    let (mut rows, mut passed) = (0, 0);
    let report = std::env::var_os("SIZES_REPORT").is_some();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [model, size, _traced, statement, setup, ..] = cols[..] else { continue };
        if model.starts_with("basicsize") || model.starts_with("type ") {
            continue;
        }
        rows += 1;
        // gen_sizes.py flattened newlines to " \n ".
        let unflat = |s: &str| s.replace(" \\n ", "\n");
        let program = format!("import sys\n{}\n{}\nprint(sys.getsizeof(x))\n", unflat(setup), unflat(statement));
        let config = RunConfig { step_budget: 5_000_000, ..RunConfig::default() };
        let run = pymem::run(&program, &config);
        let ok = run.stdout.trim() == size;
        if ok {
            passed += 1;
        }
        if report && !ok {
            println!("{model}\tgot {} want {size}\t{}", run.stdout.trim(), run.stderr.lines().last().unwrap_or(""));
        }
        match (ok, known.contains(model)) {
            (false, false) => unexpected.push(format!("{model}: got {:?}, want {size}", run.stdout.trim())),
            (true, true) => unexpected.push(format!("{model}: now passes (remove it from getsizeof_known.txt)")),
            _ => {}
        }
    }
    println!("getsizeof: {passed}/{rows} rows match CPython");
    assert!(unexpected.is_empty(), "{} unexpected:\n{}", unexpected.len(), unexpected.join("\n"));
}
