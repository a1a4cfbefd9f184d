//! Where the simulator stops short of CPython, it says so plainly: a
//! `NotImplementedError` naming what is not simulated, at the line that
//! needs it, never an error CPython would not raise.

use pymem::RunConfig;

fn stderr_of(source: &str) -> String {
    let run = pymem::run(source, &RunConfig::default());
    assert!(run.failed, "expected the program to fail:\n{source}");
    run.stderr
}

/// Asserts that `source` fails with `message` reported at `line`.
fn assert_fails_at(source: &str, message: &str, line: u32) {
    let err = stderr_of(source);
    assert!(err.contains(message), "{source}\n{err}");
    assert!(err.contains(&format!("line {line},")), "{source}\n{err}");
}

const NOT_SIMULATED: &str = "NotImplementedError: PyMem Lab does not simulate attributes on instances of a subclass of";

#[test]
fn attributes_on_instances_of_builtin_value_subclasses_are_named_as_not_simulated() {
    let cases = [
        ("class L(list): pass\nl = L([1])\nl.x = 5\n", "'list'", 3),
        ("class F(float): pass\nf = F(1.5)\nprint(f)\nf.unit = 'm'\n", "'float'", 4),
        ("class T(tuple):\n    __slots__ = ('a',)\nt = T()\nt.a = 1\n", "'tuple'", 4),
        ("class D(dict): pass\nprint(vars(D()))\n", "'dict'", 2),
    ];
    for (source, base, line) in cases {
        assert_fails_at(source, &format!("{NOT_SIMULATED} {base}"), line);
    }
}

#[test]
fn a_class_without_a_dict_raises_what_cpython_raises() {
    // `__slots__ = ()`: CPython has nowhere to put the attribute either.
    let err = stderr_of("class F(float):\n    __slots__ = ()\nF(1.0).x = 1\n");
    assert!(err.contains("AttributeError: 'F' object has no attribute 'x'"), "{err}");
    // Reading a missing attribute is CPython's AttributeError too.
    let err = stderr_of("class L(list): pass\nprint(L().missing)\n");
    assert!(err.contains("AttributeError: 'L' object has no attribute 'missing'"), "{err}");
}

#[test]
fn standard_library_modules_and_names_not_simulated_are_named() {
    let cases = [
        ("import gc\nfrom functools import lru_cache\n", "NotImplementedError: PyMem Lab does not simulate the 'functools' module", 2),
        ("import copy\n", "NotImplementedError: PyMem Lab does not simulate the 'copy' module", 1),
        ("import collections.abc\n", "NotImplementedError: PyMem Lab does not simulate the 'collections.abc' module", 1),
        ("import weakref\nd = weakref.WeakValueDictionary()\n", "NotImplementedError: PyMem Lab does not simulate weakref.WeakValueDictionary", 2),
        ("from sys import getallocatedblocks\n", "NotImplementedError: PyMem Lab does not simulate sys.getallocatedblocks", 1),
    ];
    for (source, message, line) in cases {
        assert_fails_at(source, message, line);
    }
}

#[test]
fn names_cpython_lacks_too_get_cpythons_errors() {
    let err = stderr_of("import no_such_module\n");
    assert!(err.contains("ModuleNotFoundError: No module named 'no_such_module'"), "{err}");
    let err = stderr_of("import sys\nsys.no_such_name\n");
    assert!(err.contains("AttributeError: module 'sys' has no attribute 'no_such_name'"), "{err}");
    let err = stderr_of("from gc import no_such_name\n");
    assert!(err.contains("ImportError: cannot import name 'no_such_name' from 'gc'"), "{err}");
}

#[test]
fn dotted_imports_fail_at_run_time_with_cpythons_words_or_not_simulated() {
    assert_fails_at("x = 1\nimport os.path\n", "NotImplementedError: PyMem Lab does not simulate the 'os.path' module", 2);
    let err = stderr_of("import gc.foo\n");
    assert!(err.contains("ModuleNotFoundError: No module named 'gc.foo'; 'gc' is not a package"), "{err}");
    let err = stderr_of("import foo.bar\n");
    assert!(err.contains("ModuleNotFoundError: No module named 'foo'"), "{err}");
}
