//! Where the simulator stops short of CPython, it says so plainly: a
//! `NotImplementedError` naming what is not simulated, at the line that
//! needs it, never an error CPython would not raise.

use pymem::RunConfig;

fn stderr_of(source: &str) -> String {
    let run = pymem::run(source, &RunConfig::default());
    assert!(run.failed, "expected the program to fail:\n{source}");
    run.stderr
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
        let err = stderr_of(source);
        assert!(err.contains(&format!("{NOT_SIMULATED} {base}")), "{source}\n{err}");
        assert!(err.contains(&format!("line {line},")), "{source}\n{err}");
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
