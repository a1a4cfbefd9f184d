//! The wasm side of `cargo xtask bench`: `run(source)` runs a program with the
//! CLI's configuration and returns what it printed, as JSON. The page times the
//! call with `performance.now()`; nothing here reads a clock.

use wasm_bindgen::prelude::*;

/// Runs `source` as `pymem run FILE.py` does (no recording, the CLI's step
/// budget) and returns `{"stdout", "stderr", "steps", "failed"}`.
#[wasm_bindgen]
pub fn run(source: &str, filename: &str) -> String {
    let config = pymem::RunConfig { step_budget: 1_000_000_000, filename: filename.into(), ..Default::default() };
    report(pymem::run(source, &config))
}

/// Runs `source` as the page does when a reader presses Run: recording the
/// timeline and snapshots, with the default limits.
#[wasm_bindgen]
pub fn run_recorded(source: &str, filename: &str) -> String {
    let config = pymem::RunConfig { record: true, filename: filename.into(), ..Default::default() };
    let run = pymem::run(source, &config);
    let (events, snapshots) = (run.timeline.len(), run.snapshots.len());
    let mut v: serde_json::Value = serde_json::from_str(&report(run)).unwrap_or_default();
    v["events"] = events.into();
    v["snapshots"] = snapshots.into();
    v.to_string()
}

fn report(run: pymem::Run) -> String {
    serde_json::json!({ "stdout": run.stdout, "stderr": run.stderr, "steps": run.steps, "failed": run.failed }).to_string()
}
