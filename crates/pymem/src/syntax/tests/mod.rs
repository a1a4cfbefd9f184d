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
fn debug_tokens() {
    let src = "if x:\n    a = 1\n  b = 2\n";
    let parsed = ruff_python_parser::parse_unchecked(src, ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module));
    for t in parsed.tokens().iter() {
        println!("{:?} {:?}", t.kind(), ruff_text_size::Ranged::range(t));
    }
    for e in parsed.errors() { println!("{e:?}"); }
}
