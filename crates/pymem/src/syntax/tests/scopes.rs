//! Name resolution, as CPython's symtable does it.

use super::super::ir::{CodeKind, ExprKind, StmtKind, TargetKind, Var};
use super::{assigned, code_named, code_of, script, unit_body};

/// The names of a code object's cells and free variables.
fn slots(p: &super::Program, name: &str) -> (Vec<String>, Vec<String>) {
    let c = code_named(p, name);
    let names =
        |ids: &[super::super::ir::NameId]| ids.iter().map(|&n| p.name(n).to_string()).collect();
    (names(&c.cellvars), names(&c.freevars))
}

#[test]
fn closures_use_cells_and_free_variables() {
    let p = script("def f():\n    x = 1\n    def g():\n        return x\n    return g\n");
    assert_eq!(slots(&p, "f"), (vec!["x".into()], vec![]));
    assert_eq!(slots(&p, "g"), (vec![], vec!["x".into()]));
    let f = code_named(&p, "f");
    let StmtKind::Assign { targets, .. } = &f.body[0].kind else {
        panic!()
    };
    assert_eq!(targets[0].kind, TargetKind::Var(Var::Deref(0)));
    let StmtKind::FunctionDef { func, target, .. } = &f.body[1].kind else {
        panic!()
    };
    assert_eq!(&*func.closure, &[0]);
    assert!(matches!(target, Var::Fast(_)));
    let g = code_named(&p, "g");
    let StmtKind::Return(Some(ret)) = &g.body[0].kind else {
        panic!()
    };
    assert_eq!(ret.kind, ExprKind::Load(Var::Deref(0)));
    assert_eq!(p.name(g.qualname), "f.<locals>.g");
}

#[test]
fn parameters_that_are_cells_start_in_their_cell() {
    let p = script("def f(a, b):\n    return lambda: a + b\n");
    let f = code_named(&p, "f");
    assert_eq!(slots(&p, "f").0, ["a", "b"]);
    assert_eq!(&*f.cell_params, &[(0, 0), (1, 1)]);
}

#[test]
fn global_and_nonlocal_declarations() {
    let p = script("x = 0\ndef f():\n    global x\n    x = 1\n    y = 2\n    def g():\n        nonlocal y\n        y = 3\n    return g\n");
    let f = code_named(&p, "f");
    let StmtKind::Assign { targets, .. } = &f.body[1].kind else {
        panic!()
    };
    assert!(matches!(targets[0].kind, TargetKind::Var(Var::Global(_))));
    assert_eq!(slots(&p, "g").1, ["y"]);
    // Implicit globals in functions are `Global`, at module level `Name`.
    let p = script("def f():\n    return len\nlen\n");
    let f = code_named(&p, "f");
    let StmtKind::Return(Some(r)) = &f.body[0].kind else {
        panic!()
    };
    assert!(matches!(r.kind, ExprKind::Load(Var::Global(_))));
}

#[test]
fn class_bodies_are_not_visible_to_methods() {
    let p = script("class C:\n    y = 1\n    def m(self):\n        return y\n");
    let m = code_named(&p, "m");
    let StmtKind::Return(Some(r)) = &m.body[0].kind else {
        panic!()
    };
    assert!(matches!(r.kind, ExprKind::Load(Var::Global(n)) if p.name(n) == "y"));
    let (_, class) = code_of(&p, CodeKind::Class);
    assert!(
        matches!(&class.body[0].kind, StmtKind::Assign { targets, .. } if matches!(targets[0].kind, TargetKind::Var(Var::Name(_))))
    );
    assert_eq!(p.name(m.qualname), "C.m");
}

#[test]
fn class_bodies_read_free_variables_through_the_namespace_first() {
    let p = script("def f():\n    x = 1\n    class C:\n        y = x\n        x = 2\n        def g(self):\n            return x\n    return C\n");
    // `x` is bound in C *and* passed through to g: DEF_FREE_CLASS.
    assert_eq!(slots(&p, "C").1, ["x"]);
    let c = code_named(&p, "C");
    let value = assigned(&c.body[0]);
    assert!(
        matches!(value.kind, ExprKind::Load(Var::Name(_))),
        "x is local to the class body: {value:?}"
    );
    let p = script("def f():\n    x = 1\n    class C:\n        y = x\n    return C\n");
    let c = code_named(&p, "C");
    assert!(matches!(
        assigned(&c.body[0]).kind,
        ExprKind::Load(Var::ClassDeref(0, _))
    ));
}

#[test]
fn comprehensions_are_function_scopes() {
    let p = script("y = [1]\nr = [x * 2 for x in y if x]\n");
    let comp = code_named(&p, "<listcomp>");
    assert_eq!(
        comp.kind,
        CodeKind::Comprehension(super::super::ir::CompKind::List)
    );
    assert_eq!(comp.params.positional, 1);
    let names: Vec<&str> = comp.varnames.iter().map(|&n| p.name(n)).collect();
    assert_eq!(names, [".0", "x"]);
    let ExprKind::Comprehension { iter, .. } = &assigned(&unit_body(&p, 0)[1]).kind else {
        panic!()
    };
    assert!(
        matches!(iter.kind, ExprKind::Load(Var::Name(_))),
        "the first iterable is evaluated outside"
    );
    // In a class body, the comprehension does not see class names (except the first
    // iterable).
    let p = script("class C:\n    a = 3\n    b = [a for _ in range(a)]\n");
    let comp = code_named(&p, "<listcomp>");
    let StmtKind::For { body, .. } = &comp.body[0].kind else {
        panic!()
    };
    let StmtKind::CompAppend { value, .. } = &body[0].kind else {
        panic!()
    };
    assert!(matches!(value.kind, ExprKind::Load(Var::Global(_))));
    assert_eq!(p.name(comp.qualname), "C.<listcomp>");
    // Enclosing function locals are free in the comprehension.
    let p = script("def f(n):\n    return [i * n for i in range(n)]\n");
    assert_eq!(slots(&p, "<listcomp>").1, ["n"]);
    assert_eq!(slots(&p, "f").0, ["n"]);
}

#[test]
fn walrus_in_a_comprehension_binds_in_the_enclosing_function() {
    let p = script("def f():\n    [last := i for i in range(3)]\n    return last\n");
    assert_eq!(slots(&p, "f").0, ["last"]);
    assert_eq!(slots(&p, "<listcomp>").1, ["last"]);
    let p = script("[last := i for i in range(3)]\n");
    let comp = code_named(&p, "<listcomp>");
    let StmtKind::For { body, .. } = &comp.body[0].kind else {
        panic!()
    };
    let StmtKind::CompAppend { value, .. } = &body[0].kind else {
        panic!()
    };
    assert!(matches!(
        value.kind,
        ExprKind::Named {
            target: Var::Global(_),
            ..
        }
    ));
}

#[test]
fn defaults_are_evaluated_in_the_enclosing_scope() {
    let p = script("def f(x):\n    return lambda y=x: y\n");
    let f = code_named(&p, "f");
    let StmtKind::Return(Some(r)) = &f.body[0].kind else {
        panic!()
    };
    let ExprKind::Lambda(make) = &r.kind else {
        panic!()
    };
    let defaults = make.defaults.as_ref().map(|d| &d.kind);
    assert!(
        matches!(defaults, Some(ExprKind::Tuple { items, .. }) if items[0].kind == ExprKind::Load(Var::Fast(0)))
    );
    assert!(make.closure.is_empty());
}

#[test]
fn zero_argument_super_gets_a_class_cell() {
    let p = script("class C(B):\n    def m(self):\n        return super().m()\n");
    let c = code_named(&p, "C");
    assert_eq!(c.class_cell, Some(0));
    assert_eq!(slots(&p, "C").0, ["__class__"]);
    assert_eq!(slots(&p, "m").1, ["__class__"]);
    let StmtKind::FunctionDef { func, .. } = &c.body[0].kind else {
        panic!()
    };
    assert_eq!(&*func.closure, &[0]);
}

#[test]
fn private_names_are_mangled() {
    let p = script("class C:\n    __x = 1\n    def __m(self):\n        return self.__x + __y\n");
    let m = code_named(&p, "__m");
    assert_eq!(p.name(m.qualname), "C.__m");
    for name in ["_C__x", "_C__m", "_C__y"] {
        assert!(p.names.iter().any(|n| &**n == name), "{name}");
    }
}
