//! `pymem run FILE` prints what `python3 FILE` prints: stdout, stderr, and
//! the script's path made absolute as CPython 3.9+ does.

use std::process::Command;

#[test]
fn run_prints_stdout_and_a_traceback_with_the_absolute_script_path() {
    let dir = std::env::temp_dir().join(format!("pymem-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("boom.py"), "print('before')\n1 / 0\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_pymem")).args(["run", "boom.py"]).current_dir(&dir).output().unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(stdout, "before\n");
    let absolute = dir.join("boom.py");
    assert!(stderr.contains(&format!("  File \"{}\", line 2, in <module>\n", absolute.display())), "{stderr}");
    assert!(stderr.ends_with("ZeroDivisionError: division by zero\n"), "{stderr}");
    assert!(!out.status.success());
    std::fs::remove_dir_all(&dir).ok();
}
