//! Timing a program as a process: wall time from spawn to exit, CPU time, and the peak
//! resident set size the kernel reports for that one child (`wait4`'s
//! `ru_maxrss`, not the running maximum over all children that
//! `getrusage(RUSAGE_CHILDREN)` gives).

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Instant;

use crate::cmd::Result;

/// One run of one program.
#[derive(Clone, Debug)]
pub struct Sample {
    pub wall_ms: f64,
    /// User plus system CPU time: steadier than wall time on a busy machine.
    pub cpu_ms: f64,
    pub max_rss_kb: u64,
    pub stdout: String,
    pub success: bool,
}

/// Runs `program args...` from `dir` with stdout captured and stderr
/// discarded, and waits for it with `wait4`.
pub fn time(program: &Path, args: &[&str], dir: &Path) -> Result<Sample> {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
    let mut pipe = child.stdout.take().expect("stdout is piped");
    let reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data that wait4 fills in; all-zero is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own unwaited child; both pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall_ms = start.elapsed().as_secs_f64() * 1000.0;
    if waited != pid {
        return Err(format!("wait4 on {} failed: {}", program.display(), std::io::Error::last_os_error()));
    }
    let stdout = reader.join().unwrap_or_default();
    let success = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let tv = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    let cpu_ms = tv(usage.ru_utime) + tv(usage.ru_stime);
    // On Linux ru_maxrss is in kilobytes.
    Ok(Sample { wall_ms, cpu_ms, max_rss_kb: usage.ru_maxrss as u64, stdout, success })
}

/// The median of `xs` (the mean of the middle two for an even count).
pub fn median(xs: &[f64]) -> f64 {
    let mut s = xs.to_vec();
    s.sort_by(f64::total_cmp);
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn times_a_child_and_reads_its_peak_memory() {
        let s = time(Path::new("/bin/sh"), &["-c", "echo hi"], Path::new("/")).unwrap();
        assert_eq!(s.stdout, "hi\n");
        assert!(s.success && s.wall_ms > 0.0 && s.max_rss_kb > 0);
        let s = time(Path::new("/bin/sh"), &["-c", "exit 3"], Path::new("/")).unwrap();
        assert!(!s.success);
    }
}
