//! The IR of each construct (checked through the dump, which spells the shapes out,
//! and through the IR itself where a detail matters).

use super::super::ir::{Build, CodeKind, DictPart, ExprKind, Loc, StmtKind, TargetKind};
use super::{assigned, code_named, repl, script, unit_body};

/// The dump of a script, with a check that each `needle` is in it.
fn dump_has(source: &str, needles: &[&str]) -> String {
    let dump = script(source).dump();
    for needle in needles {
        assert!(dump.contains(needle), "missing {needle:?} in:\n{dump}");
    }
    dump
}

#[test]
fn list_displays_take_cpythons_shapes() {
    let p = script("a = [1, 2]\nb = [1, 2, 3]\nc = [x, 2]\nd = [*x, 1]\ne = []\n");
    let kinds: Vec<&ExprKind> = unit_body(&p, 0).iter().map(|s| &assigned(s).kind).collect();
    assert!(matches!(kinds[0], ExprKind::List { build: Build::Exact, items } if items.len() == 2));
    assert!(
        matches!(kinds[1], ExprKind::ListConst(_)),
        "BUILD_LIST 0 + LIST_EXTEND (1, 2, 3)"
    );
    assert!(matches!(
        kinds[2],
        ExprKind::List {
            build: Build::Exact,
            ..
        }
    ));
    assert!(matches!(
        kinds[3],
        ExprKind::List {
            build: Build::Incremental,
            ..
        }
    ));
    assert!(matches!(kinds[4], ExprKind::List { build: Build::Exact, items } if items.is_empty()));
    let many = (0..31)
        .map(|i| format!("x{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let p = script(&format!("a = [{many}]\n"));
    assert!(matches!(
        assigned(&unit_body(&p, 0)[0]).kind,
        ExprKind::List {
            build: Build::Incremental,
            ..
        }
    ));
}

#[test]
fn tuple_and_set_displays() {
    dump_has(
        "a = (1, 2)\nb = (x, 1)\nc = (*x,)\nd = {1, 2, 3}\ne = {x, 1}\nf = {1, 1, 1}\ng = ()\n",
        &[
            "a@name = (#",
            "b@name = tuple(x@name, 1#",
            "c@name = tuple+(*x@name)",
            "d@name = set_const frozenset({",
            "e@name = set{x@name, 1#",
            "g@name = ()#",
        ],
    );
    let p = script("f = {1, 1, 1}\n");
    let ExprKind::SetConst(id) = assigned(&unit_body(&p, 0)[0]).kind else {
        panic!()
    };
    assert!(
        matches!(p.constant(id), super::super::ir::Const::FrozenSet(items) if items.len() == 1)
    );
}

#[test]
fn dict_displays_are_chunked_like_compiler_dict() {
    let p = script("a = {'a': 1, 'b': x}\nb = {x: 1}\nc = {**m, 'a': 1, **n}\nd = {}\n");
    let parts = |i: usize| match &assigned(&unit_body(&p, 0)[i]).kind {
        ExprKind::Dict(parts) => parts.clone(),
        other => panic!("{other:?}"),
    };
    assert!(matches!(&parts(0)[..], [DictPart::ConstKeys { values, .. }] if values.len() == 2));
    assert!(
        matches!(&parts(1)[..], [DictPart::Pairs { pairs, incremental: false }] if pairs.len() == 1)
    );
    assert!(matches!(
        &parts(2)[..],
        [
            DictPart::Unpack(_),
            DictPart::Pairs { .. },
            DictPart::Unpack(_)
        ]
    ));
    assert!(parts(3).is_empty());
    // 40 pairs with non-constant keys: chunks of 17, 17 (built incrementally) and 6.
    let items = (0..40)
        .map(|i| format!("k{i}: {i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let p = script(&format!("d = {{{items}}}\n"));
    let ExprKind::Dict(parts) = &assigned(&unit_body(&p, 0)[0]).kind else {
        panic!()
    };
    let sizes: Vec<(usize, bool)> = parts
        .iter()
        .map(|p| match p {
            DictPart::Pairs { pairs, incremental } => (pairs.len(), *incremental),
            _ => (0, false),
        })
        .collect();
    assert_eq!(sizes, [(17, true), (17, true), (6, false)]);
}

#[test]
fn calls_method_calls_and_keyword_names() {
    dump_has(
        "f(1, k=2)\nobj.m(1, k=2)\nf(*a, **b)\nobj.m(*a)\nf()\n",
        &[
            "f@name(1#",
            ", k=2#",
            ") kwnames=#",
            "obj@name.m!(1#",
            "f@name(*a@name, **b@name)\n",
            "obj@name.m(*a@name)",
        ],
    );
}

#[test]
fn assignments_and_targets() {
    let dump = dump_has(
        "a = b = 1\nx, y = y, x\nx, y = 1, 2\nfirst, *rest = s\no.attr = 1\no[i] = 2\no[1:2] = [3]\nc: int = 5\nd: int\nn += 1\no.attr *= 2\ndel a, (b, o.attr), o[0]\n",
        &[
            "a@name = b@name = 1#",
            "x@name, y@name = y@name, x@name (no tuple)",
            "[x@name, y@name] = (#",
            "[first@name, *rest@name] = s@name",
            "o@name.attr = 1#",
            "o@name[i@name] = 2#",
            "o@name[1#",
            "c@name = 5#",
            "n@name += 1#",
            "o@name.attr *= 2#",
            "del a@name, b@name, o@name.attr, o@name[0#",
        ],
    );
    assert!(
        dump.contains("9: pass"),
        "a bare annotation is a no-op: {dump}"
    );
    let p = script("first, *rest = s\n");
    let StmtKind::Assign { targets, .. } = &unit_body(&p, 0)[0].kind else {
        panic!()
    };
    assert!(
        matches!(&targets[0].kind, TargetKind::Unpack { star: Some(1), targets } if targets.len() == 2)
    );
}

#[test]
fn control_flow_statements() {
    dump_has(
        "if a:\n    pass\nelif b:\n    x = 1\nelse:\n    x = 2\nwhile a:\n    break\nelse:\n    pass\nfor i in [1, 2]:\n    continue\nelse:\n    pass\n",
        &["1: if a@name", "3: if b@name", "while a@name", "8: break", "for i@name in (#", "12: continue"],
    );
}

#[test]
fn exceptions_and_context_managers() {
    dump_has(
        "try:\n    f()\nexcept (A, B) as e:\n    raise C() from e\nexcept:\n    raise\nelse:\n    pass\nfinally:\n    g()\nwith a() as x, b():\n    pass\nassert x, 'm'\n",
        &[
            "except tuple(A@name, B@name) as e@name:",
            "raise C@name() from e@name",
            "except :",
            "6: raise",
            "finally:",
            "with a@name() as x@name, b@name()",
            "assert x@name, \"m\"",
        ],
    );
}

#[test]
fn imports() {
    dump_has(
        "import gc\nimport os.path\nimport os.path as p\nfrom collections import deque as d, OrderedDict\nfrom . import sibling\n",
        &[
            "import gc -> gc@name\n",
            "import os.path -> os@name (top package)",
            "import os.path -> p@name\n",
            "from collections import deque -> d@name, OrderedDict -> OrderedDict@name fromlist=#",
            "from . import sibling -> sibling@name",
        ],
    );
}

#[test]
fn functions_classes_and_lambdas() {
    let p = script("@deco\n@other(1)\ndef f(a, /, b, c=1, *args, d, e=2, **kw):\n    'doc'\n    return a\nclass C(B, D):\n    '''class doc'''\n    x = 1\ng = lambda x, y=3: x + y\n");
    let f = code_named(&p, "f");
    assert_eq!(
        f.first_line, 1,
        "a decorated function starts at its first decorator"
    );
    let params = &f.params;
    assert_eq!(
        (
            params.posonly,
            params.positional,
            params.defaults,
            params.kwonly
        ),
        (1, 3, 1, 2)
    );
    assert!(params.varargs && params.varkw);
    let names: Vec<&str> = f.varnames.iter().map(|&n| p.name(n)).collect();
    assert_eq!(names, ["a", "b", "c", "d", "e", "args", "kw"]);
    assert!(f.docstring.is_some());
    let StmtKind::FunctionDef {
        decorators, func, ..
    } = &unit_body(&p, 0)[0].kind
    else {
        panic!()
    };
    assert_eq!(decorators.len(), 2);
    assert!(func.defaults.is_some() && func.kwdefaults.is_some());
    assert_eq!(
        unit_body(&p, 0)[0].loc.line,
        3,
        "the statement is the `def` line"
    );
    let c = code_named(&p, "C");
    assert_eq!(c.kind, CodeKind::Class);
    assert!(c.docstring.is_some());
    assert!(
        matches!(&c.body[0].kind, StmtKind::Assign { .. }),
        "__doc__ is stored first"
    );
    let StmtKind::ClassDef(class) = &unit_body(&p, 0)[1].kind else {
        panic!()
    };
    assert_eq!(class.bases.len(), 2);
    assert!(class.keywords.is_empty());
    let lambda = code_named(&p, "<lambda>");
    assert_eq!(lambda.kind, CodeKind::Lambda);
    assert!(matches!(lambda.body[0].kind, StmtKind::Return(Some(_))));
}

#[test]
fn generators_and_yield() {
    let p =
        script("def g(x):\n    yield 1\n    y = yield\n    yield from x\ndef h():\n    return 1\n");
    assert!(code_named(&p, "g").is_generator);
    assert!(!code_named(&p, "h").is_generator);
    let p = script("s = sum(i for i in range(3))\n");
    let gen = code_named(&p, "<genexpr>");
    assert!(gen.is_generator);
    assert!(
        matches!(&gen.body[0].kind, StmtKind::For { body, .. } if matches!(body[0].kind, StmtKind::Expr(ref e) if matches!(e.kind, ExprKind::Yield(Some(_)))))
    );
}

#[test]
fn comprehensions_of_every_kind() {
    let dump = dump_has(
        "a = [i for i in x if i if i > 1 for j in i]\nb = {i for i in x}\nc = {k: v for k, v in x}\nd = (i for i in x)\n",
        &["<listcomp>", "<setcomp>", "<dictcomp>", "<genexpr>", "append k@fast1: v@fast2", "if (i@fast1 > 1#"],
    );
    assert!(dump.contains("for j@fast2 in i@fast1"), "{dump}");
}

#[test]
fn fstrings() {
    dump_has(
        "x = f'a{b!r:>{w}}c{d=}'\ny = f'plain'\nz = f'{v}'\n",
        &[
            "x@name = f[#",
            "{b@name!r:f[#",
            "{w@name}]}",
            "{d@name!r}",
            "y@name = \"plain\" interned#",
            "z@name = f[{v@name}]",
        ],
    );
}

#[test]
fn named_expressions_and_comparisons() {
    dump_has(
        "if (n := len(a)) > 10 and 1 < n <= 3 and x not in {1, 2, 3} and not a is b:\n    pass\n",
        &[
            "(n@name := len@name(a@name))",
            "< n@name <= 3#",
            "x@name not in frozenset(",
            "(a@name is not b@name)",
        ],
    );
}

#[test]
fn repl_echoes_top_level_expressions() {
    let p = repl("1 + 2\nx = 3\nx\nfor i in range(2):\n    i\ndef f():\n    i\n");
    assert!(
        matches!(unit_body(&p, 0)[0].kind, StmtKind::Echo(_)),
        "constants are echoed too"
    );
    assert!(matches!(unit_body(&p, 2)[0].kind, StmtKind::Echo(_)));
    let StmtKind::For { body, .. } = &unit_body(&p, 3)[0].kind else {
        panic!()
    };
    assert!(
        matches!(body[0].kind, StmtKind::Echo(_)),
        "module-level loops echo too"
    );
    let f = code_named(&p, "f");
    assert!(matches!(f.body[0].kind, StmtKind::Expr(_)));
    let p = script("1 + 2\nx\n");
    assert!(
        matches!(unit_body(&p, 0)[0].kind, StmtKind::Pass),
        "a constant statement compiles to nothing"
    );
    assert!(matches!(unit_body(&p, 0)[1].kind, StmtKind::Expr(_)));
}

#[test]
fn locations_are_lines_and_byte_ranges() {
    let source = "x = 1\nyy = a + bb\n";
    let p = script(source);
    let stmt = &unit_body(&p, 0)[1];
    assert_eq!(
        stmt.loc,
        Loc {
            line: 2,
            start: 6,
            end: 17
        }
    );
    let value = assigned(stmt);
    assert_eq!(
        &source[value.loc.start as usize..value.loc.end as usize],
        "a + bb"
    );
    assert_eq!(p.line_text(2), "yy = a + bb");
    assert_eq!(p.lines.line_of(value.loc.end), 2);
}
