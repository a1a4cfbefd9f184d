//! Compile errors: CPython's exact texts, unsupported constructs, and no panics.

use super::super::{compile, ErrorKind, Mode};
use super::error_cases::CASES;

#[test]
fn syntax_errors_print_like_cpython() {
    let mut failures = Vec::new();
    for (name, source, expected) in CASES {
        match compile(source, "x.py", Mode::Script) {
            Ok(_) => failures.push(format!("== {name}: compiled\n--- expected\n{expected}")),
            Err(e) => {
                let got = e.to_string();
                if got != *expected {
                    failures.push(format!("== {name}\n--- expected\n{expected}--- got\n{got}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn error_fields_are_cpythons() {
    let e = compile("x = 1\n\nreturn x\n", "f.py", Mode::Script).unwrap_err();
    assert_eq!(e.kind, ErrorKind::SyntaxError);
    assert_eq!(
        (e.line, e.col, e.end_line, e.end_col),
        (3, 1, Some(3), Some(9))
    );
    assert_eq!(e.text.as_deref(), Some("return x"));
    assert_eq!(e.filename, "f.py");
}

#[test]
fn unsupported_constructs_are_errors_with_lines() {
    let cases = [
        (
            "x = 1\nmatch x:\n    case 1:\n        pass\n",
            "match statement",
            2,
        ),
        ("async def f():\n    pass\n", "async function", 1),
        ("def f():\n    await g()\n", "await expression", 2),
        ("from os import *\n", "star import", 1),
        ("class C(metaclass=M):\n    pass\n", "metaclass keyword", 1),
        (
            "def f():\n    async with a:\n        pass\n",
            "async with",
            2,
        ),
        (
            "def f():\n    return [x async for x in y]\n",
            "async comprehension",
            2,
        ),
        (
            "try:\n    pass\nexcept* E:\n    pass\n",
            "except* clause",
            1,
        ),
        ("class A(*bases):\n    pass\n", "starred class base", 1),
        ("x = 1\nclass A(Base, flag=True):\n    pass\n", "class keyword argument", 2),
        // CPython reads these as `file` and `café` (NFKC); PyMem Lab has no
        // normalization tables. Strings may hold anything.
        (
            "s = 'ﬁ'\nﬁle = 1\n",
            "an identifier that NFKC normalization changes",
            2,
        ),
        (
            "def f(cafe\u{301}):\n    pass\n",
            "an identifier that NFKC normalization changes",
            1,
        ),
    ];
    for (source, construct, line) in cases {
        let e = compile(source, "x.py", Mode::Script).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Unsupported { construct }, "{source}");
        assert_eq!(e.line, line, "{source}");
        let text = e.to_string();
        assert!(
            text.ends_with(&format!(
                "SyntaxError: {construct} is not supported by PyMem Lab\n"
            )),
            "{text}"
        );
    }
}

#[test]
fn repl_mode_reports_errors_too() {
    let e = compile("a = 1\nb = = 2\n", "<stdin>", Mode::Repl).unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.to_string().ends_with("SyntaxError: invalid syntax\n"));
    // Each REPL input is a module: `return` is outside a function there too.
    let e = compile("a = 1\nreturn a\n", "<stdin>", Mode::Repl).unwrap_err();
    assert_eq!(e.msg, "'return' outside function");
}

#[test]
fn tokenizer_errors_win_like_in_cpython() {
    // An unterminated string after a parse error is what CPython reports.
    let e = compile("x = = 1\ny = \"abc\n", "x.py", Mode::Script).unwrap_err();
    assert_eq!(
        (e.msg.as_str(), e.line),
        ("unterminated string literal (detected at line 2)", 2)
    );
    // A bracket opened after the parse error is not.
    let e = compile("x = = 1\ny = (\n", "x.py", Mode::Script).unwrap_err();
    assert_eq!((e.msg.as_str(), e.line), ("invalid syntax", 1));
    let e = compile("x = 0o8\n", "x.py", Mode::Script).unwrap_err();
    assert_eq!(
        (e.msg.as_str(), e.col),
        ("invalid digit '8' in octal literal", 7)
    );
    let e = compile("x = 1 € 2\n", "x.py", Mode::Script).unwrap_err();
    assert_eq!(e.msg, "invalid character '€' (U+20AC)");
}

#[test]
fn no_input_panics() {
    // Every prefix of every corpus program, and some garbage, compiles or fails cleanly.
    let mut inputs: Vec<String> = super::corpus::sources()
        .flat_map(|s| {
            let cuts: Vec<usize> = (0..s.len())
                .step_by(17)
                .filter(|&i| s.is_char_boundary(i))
                .collect();
            cuts.into_iter().map(move |i| s[..i].to_string())
        })
        .collect();
    inputs.extend(
        [
            "(((((",
            ")))",
            "def",
            "class",
            "lambda",
            "f'{",
            "'''",
            "\\",
            "x = [i for i in",
            "@",
            "if 1:\n\tif 2:\n        pass",
            "\u{feff}x = 1",
            "x = 1\r\ny = 2\r",
            "\0",
            "global x\nx = 1\nglobal x",
            "nonlocal",
            "yield",
            "del",
            "import",
            "from . import x",
            "x: int",
            "(x := 1)",
            "[*a, *b] = c",
            "f(**a, **b)",
            "{**a, 1: 2, **b}",
        ]
        .iter()
        .map(|s| (*s).to_string()),
    );
    let deep = format!("x = {}1{}", "(".repeat(300), ")".repeat(300));
    inputs.push(deep);
    inputs.push(format!("x = {}1", "-".repeat(2000)));
    for input in &inputs {
        for mode in [Mode::Script, Mode::Repl] {
            let _ = compile(input, "x.py", mode).map(|p| p.dump());
        }
    }
}

#[test]
fn deep_nesting_is_bounded() {
    let ok = format!("x = {}y", "-".repeat(199));
    assert!(compile(&ok, "x.py", Mode::Script).is_ok());
    let deep = format!("x = {}y", "-".repeat(2000));
    let e = compile(&deep, "x.py", Mode::Script).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Unsupported {
            construct: "expression nested this deeply"
        }
    );
    let parens = format!("x = {}1{}", "(".repeat(201), ")".repeat(201));
    assert_eq!(
        compile(&parens, "x.py", Mode::Script).unwrap_err().msg,
        "too many nested parentheses"
    );
}
