//! `cargo xtask build`: the release site in `dist/`, built by trunk offline
//! with the pinned tools. URLs are relative, so `dist/` works under any path.

use crate::cmd::{self, command, Result};
use crate::tools;

pub fn run() -> Result<()> {
    tools::ensure_build_tools()?;
    build_site()
}

/// Assumes the tools are installed.
pub fn build_site() -> Result<()> {
    // trunk runs cargo offline: fetch the locked dependencies first.
    cmd::run(command("cargo", &["fetch", "--locked"]))?;
    let mut c = command("trunk", &["build", "--release"]);
    c.env("TRUNK_SKIP_VERSION_CHECK", "true").env("NO_COLOR", "true");
    cmd::run(c)
}
