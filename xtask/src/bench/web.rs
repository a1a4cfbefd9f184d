//! The browser side of the benchmark: the engine-only wasm build
//! (`bench/wasm/`), the weight of `dist/`, and the node script
//! (`bench/web/bench.mjs`) that drives headless Chromium over both.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::Value;

use crate::cmd::{self, command, root, Result};
use crate::serve::Server;
use crate::tools;

/// Where the engine-only page is assembled and served from.
pub fn harness_dir() -> PathBuf {
    root().join("target/bench/web")
}

/// Builds `bench/wasm` for the web as trunk builds the app (release profile,
/// wasm-bindgen `--target web`, `wasm-opt -Oz`) and assembles its page.
/// Returns the size in bytes of the optimised engine-only wasm.
pub fn build_harness() -> Result<u64> {
    let crate_dir = root().join("bench/wasm");
    // The same dependency versions as the app: start from the project's lock.
    std::fs::copy(root().join("Cargo.lock"), crate_dir.join("Cargo.lock")).map_err(|e| format!("copying Cargo.lock: {e}"))?;
    cmd::run(command("cargo", &["fetch", "--locked"]))?;
    let target_dir = root().join("target/bench/wasm-target");
    let manifest = crate_dir.join("Cargo.toml").display().to_string();
    let mut c =
        command("cargo", &["build", "--release", "--offline", "--target", tools::WASM_TARGET, "--manifest-path", &manifest]);
    c.env("CARGO_TARGET_DIR", &target_dir);
    cmd::run(c)?;
    let out = harness_dir();
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let wasm = target_dir.join(tools::WASM_TARGET).join("release/pymem_bench_wasm.wasm").display().to_string();
    let out_s = out.display().to_string();
    cmd::run(command(
        "wasm-bindgen",
        &["--target", "web", "--no-typescript", "--out-dir", &out_s, "--out-name", "harness", &wasm],
    ))?;
    let bg = out.join("harness_bg.wasm").display().to_string();
    cmd::run(command("wasm-opt", &["-Oz", &bg, "-o", &bg]))?;
    std::fs::copy(root().join("bench/web/index.html"), out.join("index.html")).map_err(|e| e.to_string())?;
    Ok(std::fs::metadata(&bg).map_err(|e| e.to_string())?.len())
}

/// One file of `dist/`: bytes as served and gzipped (`gzip -9`).
pub struct Weight {
    pub file: String,
    pub raw: u64,
    pub gzip: u64,
}

/// Every file of `dist/`, by name.
pub fn dist_weights() -> Result<Vec<Weight>> {
    let dist = root().join("dist");
    let mut files: Vec<PathBuf> = walk(&dist);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let raw = std::fs::metadata(&f).map_err(|e| e.to_string())?.len();
        let file = f.strip_prefix(&dist).unwrap_or(&f).display().to_string();
        out.push(Weight { file, raw, gzip: gzip_len(&f)? });
    }
    Ok(out)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn gzip_len(path: &Path) -> Result<u64> {
    let out = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if !out.status.success() {
        return Err(format!("gzip {} failed", path.display()));
    }
    Ok(out.stdout.len() as u64)
}

/// Runs `bench/web/bench.mjs`: the workloads in the engine-only page when
/// `workloads` is given, the site's load, seek and playback when `site` is.
/// Returns the script's JSON.
pub fn browser(workloads: Option<&Path>, site: bool, reps: usize) -> Result<Value> {
    tools::ensure_browser()?;
    tools::ensure_e2e_packages()?;
    let out = root().join("target/bench/browser.json");
    let _ = std::fs::remove_file(&out);
    let mut c = command("node", &["bench/web/bench.mjs"]);
    c.env("CHROMIUM", tools::CHROMIUM).env("REPS", reps.to_string()).env("OUT", &out);
    // The servers stop when xtask exits; they must outlive the script.
    let harness = match workloads {
        Some(w) => Some((Server::start(&harness_dir(), 0)?, w)),
        None => None,
    };
    if let Some((server, w)) = &harness {
        c.env("HARNESS_URL", server.url()).env("WORKLOADS", w);
    }
    let dist = if site { Some(Server::start(&root().join("dist"), 0)?) } else { None };
    if let Some(server) = &dist {
        c.env("SITE_URL", server.url());
    }
    cmd::run(c)?;
    let text = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", out.display()))
}
