#!/usr/bin/env python3
"""Regenerate `error_cases.rs`: syntax errors as CPython 3.11 prints them.

Each case is written to `x.py` in a scratch folder and run as `python3 -I -S x.py`;
its stderr is the text `SyntaxError`'s `Display` must reproduce. Run from this folder:
`python3 regen_errors.py` (CPython 3.11 is the oracle; other versions word errors differently).
"""
import os
import subprocess
import sys
import tempfile

CASES = [
    # Parser errors.
    ("invalid_syntax", "x = = 1\n"),
    ("invalid_syntax_second_line", "a = 1\nb = 2 3 +\n"),
    ("unexpected_indent", "x = 1\n    y = 2\n"),
    ("expected_block_if", "if x:\nprint(1)\n"),
    ("expected_block_def", "def f():\nreturn 1\n"),
    ("expected_block_for", "for i in x:\npass\n"),
    ("expected_block_while", "while x:\npass\n"),
    ("expected_block_class", "class C:\npass\n"),
    ("expected_block_else", "if x:\n    pass\nelse:\npass\n"),
    ("expected_block_elif", "if x:\n    pass\nelif y:\npass\n"),
    ("expected_block_try", "try:\npass\n"),
    ("expected_block_with", "with x:\npass\n"),
    ("expected_block_eof", "def f():\n"),
    ("unindent_mismatch", "if x:\n    a = 1\n  b = 2\n"),
    ("tab_error", "if x:\n        a = 1\n\tb = 2\n"),
    ("paren_never_closed", "x = (1,\ny = 2\n"),
    ("call_never_closed", "foo(1, 2\n"),
    ("bracket_never_closed_eof", "x = [1,\n"),
    ("brace_never_closed", "x = {1: 2\n"),
    ("unmatched_paren", "x = 1)\n"),
    ("mismatched_paren", "x = (1]\n"),
    ("unterminated_string", "x = 'abc\n"),
    ("unterminated_string_line2", "a = 1\nx = \"abc\n"),
    ("unterminated_triple", "x = \"\"\"abc\n\ny = 1\n"),
    ("expected_colon_if", "if x\n    pass\n"),
    ("expected_colon_def", "def f()\n    pass\n"),
    ("expected_colon_for", "for x in y\n    pass\n"),
    ("expected_colon_class", "class C\n    pass\n"),
    ("forgot_comma_list", "x = [1 2]\n"),
    ("forgot_comma_call", "f(a b)\n"),
    ("assign_literal", "1 = x\n"),
    ("assign_literal_for", "for 1 in x:\n    pass\n"),
    ("assign_call", "f() = 1\n"),
    ("assign_true", "True = 1\n"),
    ("assign_none", "None = 1\n"),
    ("augassign_literal", "1 += 1\n"),
    ("del_literal", "del 1\n"),
    ("del_call", "del f()\n"),
    ("invalid_character", "x = 1 $ 2\n"),
    ("print_statement", "print 'hello'\n"),
    ("else_without_if", "else:\n    pass\n"),
    ("if_assign", "if x = 1:\n    pass\n"),
    ("positional_after_keyword", "f(a=1, b)\n"),
    ("non_default_after_default", "def f(a=1, b):\n    pass\n"),
    ("duplicate_argument", "def f(a, a):\n    pass\n"),
    ("genexp_not_parenthesized", "f(x for x in y, 1)\n"),
    ("star_expr_here", "x = *a\n"),
    ("star_assign_target", "*a = 1\n"),
    ("multiple_starred", "a, *b, *c = d\n"),
    ("leading_zero", "x = 08\n"),
    ("invalid_decimal", "x = 1__0\n"),
    ("invalid_hex", "x = 0x\n"),
    ("expected_else", "x = 1 if 2\n"),
    ("dict_missing_value", "x = {1: 2, 3}\n"),
    ("double_comma", "print(1,,2)\n"),
    ("fstring_bad_conversion", "print(f'{x!z}')\n"),
    ("fstring_expecting_brace", "x = f'{'\n"),
    ("fstring_single_brace", "x = f'}'\n"),
    ("fstring_empty_expression", "x = f'{}'\n"),
    ("lambda_default_order", "lambda a=1, b: 0\n"),
    ("bare_star", "def f(*):\n    pass\n"),
    ("keyword_repeated", "f(a=1, a=2)\n"),
    ("unicode_name", "x = \"\\N{foo}\"\n"),
    ("trailing_operator", "x = 1 +\n"),
    ("unexpected_eof_call_args", "def f(:\n    pass\n"),
    ("missing_except", "try:\n    pass\nx = 1\n"),
    ("import_trailing_as", "import a as\n"),
    ("nested_indent_error", "def f():\n    if x:\n        pass\n      y = 1\n"),
    ("non_ascii_line", "é = (1 2)\n"),
    ("indented_first_line", "  x = 1\n"),
    ("walrus_at_statement", "x := 1\n"),
    ("iterable_after_kwargs_unpacking", "f(**a, *b)\n"),
    # Errors the compiler (symtable, codegen) reports, which the lowering detects.
    ("return_outside_function", "x = 1\nreturn x\n"),
    ("return_in_class", "class C:\n    return 1\n"),
    ("break_outside_loop", "break\n"),
    ("break_in_function", "for x in y:\n    def f():\n        break\n"),
    ("continue_outside_loop", "if x:\n    continue\n"),
    ("yield_outside_function", "yield 1\n"),
    ("yield_in_expression", "x = (yield 1) + 2\n"),
    ("yield_in_class", "class C:\n    x = yield\n"),
    ("yield_from_outside", "yield from x\n"),
    ("global_after_use", "def f():\n    print(x)\n    global x\n"),
    ("global_after_assign", "def f():\n    x = 1\n    global x\n"),
    ("global_parameter", "def f(x):\n    global x\n"),
    ("nonlocal_no_binding", "def f():\n    nonlocal x\n"),
    ("nonlocal_module_level", "nonlocal x\n"),
    ("nonlocal_and_global", "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n"),
    ("nonlocal_after_use", "def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n"),
    ("nonlocal_parameter", "def f(x):\n    def g(x):\n        nonlocal x\n"),
    ("global_at_module_after_use", "print(x)\nglobal x\n"),
    ("yield_in_listcomp", "def f():\n    return [(yield x) for x in y]\n"),
    ("walrus_rebinds_iter", "[i := 0 for i in range(3)]\n"),
    ("walrus_in_class_comp", "class C:\n    [y := 1 for x in z]\n"),
    ("default_except_not_last", "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n"),
    ("symtable_before_codegen", "break\nnonlocal x\n"),
    ("nonlocal_binding_class_skipped", "def f():\n    x = 1\n    class C:\n        x = 2\n        def g():\n            nonlocal y\n"),
    ("return_with_tab_indent", "if 1:\n\treturn 1\n"),
]


def rust_str(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\t':
            out.append('\\t')
        elif ch == '\r':
            out.append('\\r')
        elif ord(ch) < 0x20 or ord(ch) > 0x7e:
            out.append('\\u{%x}' % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def main() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit("run this with CPython 3.11")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.py")
        for name, source in CASES:
            with open(path, "w", encoding="utf-8") as f:
                f.write(source)
            proc = subprocess.run([sys.executable, "-I", "-S", "x.py"], cwd=tmp,
                                  capture_output=True, text=True)
            if proc.returncode == 0:
                sys.exit(f"{name}: compiled without error")
            stderr = proc.stderr.replace(path, "x.py")
            rows.append(f"    ({rust_str(name)}, {rust_str(source)}, {rust_str(stderr)}),\n")
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "error_cases.rs"), "w", encoding="utf-8") as f:
        f.write("//! Syntax errors as CPython 3.11.7 prints them for `python3 -I -S x.py`.\n")
        f.write("//! Generated by `regen_errors.py` in this folder: edit that script, not this file.\n\n")
        f.write("/// (case name, source of `x.py`, expected stderr).\n")
        f.write("pub(super) const CASES: &[(&str, &str, &str)] = &[\n")
        f.writelines(rows)
        f.write("];\n")


if __name__ == "__main__":
    main()
