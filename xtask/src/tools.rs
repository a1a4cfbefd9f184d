//! Installs the pinned toolchain into `.tools/`, idempotently: each tool is
//! checked by asking it for its version, and installed only when missing or
//! different. Nothing is ever downloaded except from the package registries
//! (crates.io, npm, Debian apt); trunk runs offline and finds these on PATH.

use std::path::Path;

use crate::cmd::{self, command, output, root, tools_dir, Result};

pub const TRUNK_VERSION: &str = "0.21.14";
pub const BINARYEN_VERSION: &str = "132.0.0";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Everything `serve`, `build` and `test` need.
pub struct Tools;

pub fn ensure_all() -> Result<Tools> {
    ensure_build_tools()?;
    ensure_browser()?;
    ensure_e2e_packages()?;
    Ok(Tools)
}

/// What a site build needs: the wasm target, trunk, wasm-bindgen, wasm-opt.
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    let wbg = wasm_bindgen_version()?;
    ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", &wbg, false)?;
    ensure_cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    ensure_wasm_opt()
}

fn ensure_wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("xtask: installing the {WASM_TARGET} target");
    cmd::run(command("rustup", &["target", "add", WASM_TARGET]))
}

/// The wasm-bindgen version Cargo.lock resolved: wasm-bindgen-cli must match it
/// exactly or the generated bindings are rejected.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

fn ensure_cargo_tool(bin: &str, krate: &str, version: &str, locked: bool) -> Result<()> {
    let path = tools_dir().join("cargo/bin").join(bin);
    let have = output(&path.display().to_string(), &["--version"]).unwrap_or_default();
    if have.split_whitespace().any(|w| w == version) {
        return Ok(());
    }
    println!("xtask: installing {krate} {version} into .tools/ (a few minutes, once)");
    let root_dir = tools_dir().join("cargo").display().to_string();
    let pinned = format!("={version}");
    let mut args = vec!["install", krate, "--version", &pinned, "--root", &root_dir];
    // wasm-bindgen-cli's lockfile wants a release the registry lacks, so it is
    // installed without --locked (see ../shared/docs/toolchain.md).
    if locked {
        args.push("--locked");
    }
    let mut c = command("cargo", &args);
    c.env("CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS", "fallback");
    cmd::run(c)
}

fn ensure_wasm_opt() -> Result<()> {
    let bin = tools_dir().join("npm/node_modules/.bin/wasm-opt");
    let major = BINARYEN_VERSION.split('.').next().unwrap_or_default();
    let have = output(&bin.display().to_string(), &["--version"]).unwrap_or_default();
    if have.contains(&format!("version {major}")) {
        return Ok(());
    }
    println!("xtask: installing wasm-opt (npm binaryen@{BINARYEN_VERSION}) into .tools/");
    let prefix = tools_dir().join("npm").display().to_string();
    let pkg = format!("binaryen@{BINARYEN_VERSION}");
    cmd::run(command("npm", &["install", "--prefix", &prefix, "--no-audit", "--no-fund", "--save-exact", &pkg]))
}

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Debian's Chromium and ChromeDriver, for the browser and end-to-end tests.
pub fn ensure_browser() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let install = "apt-get update && apt-get install -y chromium chromium-driver";
    let is_root = output("id", &["-u"]).map(|s| s.trim() == "0").unwrap_or(false);
    if !is_root || output("apt-get", &["--version"]).is_none() {
        return Err(format!("Chromium is missing; install it with: sudo sh -c '{install}'"));
    }
    println!("xtask: installing Chromium and ChromeDriver from Debian");
    cmd::run(command("sh", &["-c", install]))
}

/// playwright-core for the end-to-end tests, from tests/e2e's lockfile.
pub fn ensure_e2e_packages() -> Result<()> {
    let dir = root().join("tests/e2e");
    let lock = std::fs::read_to_string(dir.join("package-lock.json")).map_err(|e| format!("tests/e2e/package-lock.json: {e}"))?;
    let installed = std::fs::read_to_string(dir.join("node_modules/.package-lock.json")).unwrap_or_default();
    if installed.contains("playwright-core") && lock.contains("playwright-core") && lockfiles_agree(&lock, &installed) {
        return Ok(());
    }
    println!("xtask: installing the end-to-end test packages (npm ci)");
    let mut c = command("npm", &["ci", "--no-audit", "--no-fund"]);
    c.current_dir(&dir);
    cmd::run(c)
}

/// npm writes node_modules/.package-lock.json on install; when its versions
/// match package-lock.json the install is current.
fn lockfiles_agree(lock: &str, installed: &str) -> bool {
    let versions = |s: &str| -> Vec<String> {
        s.lines().filter(|l| l.trim_start().starts_with("\"version\"")).map(|l| l.trim().to_string()).collect()
    };
    let (a, b) = (versions(lock), versions(installed));
    b.iter().all(|v| a.contains(v)) && !b.is_empty()
}
