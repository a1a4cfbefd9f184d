//! Tests of the syntax module.

mod error_cases;

#[test]
fn syntax_errors_print_like_cpython() {
    let mut failures = Vec::new();
    for (name, source, expected) in error_cases::CASES {
        match super::compile(source, "x.py", super::Mode::Script) {
            Ok(_) => failures.push(format!("== {name}: compiled\n--- expected\n{expected}")),
            Err(e) => {
                let got = e.to_string();
                if got != *expected {
                    failures.push(format!("== {name}\n--- expected\n{expected}--- got\n{got}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), error_cases::CASES.len(), failures.join("\n"));
}

#[test]
fn debug_dump() {
    let src = std::env::var("PYMEM_DUMP").unwrap_or_default();
    if src.is_empty() { return; }
    let src = std::fs::read_to_string(&src).unwrap_or(src);
    match super::compile(&src, "x.py", super::Mode::Script) {
        Ok(p) => println!("{}", p.dump()),
        Err(e) => println!("{e}"),
    }
}
