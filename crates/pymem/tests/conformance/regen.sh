#!/usr/bin/env bash
# Regenerates the expected outputs of every conformance case in this folder with the reference
# interpreter, CPython 3.11, run isolated (-I) and without the site module (-S).
#
#   NAME.py       -> NAME.out (stdout) and NAME.err (stderr, deleted when empty), run as
#                    `python3 -I -S NAME.py` from inside this folder. CPython makes the script
#                    path absolute in tracebacks; this folder's path is cut from NAME.err so
#                    that a traceback says File "NAME.py".
#   repl_NAME.py  -> repl_NAME.out only: the file is fed on stdin to `python3 -I -S -i`, one
#                    interactive input per top-level statement (statements sharing a line stay
#                    one input), blank lines inside a statement removed and one blank line added
#                    after every compound statement so that the REPL ends it. The REPL writes its
#                    banner and prompts to stderr, which is discarded; stdout holds what the
#                    program printed plus the repr of every expression statement.
#
# Usage: ./regen.sh            (PY=/path/to/python3.11 ./regen.sh to choose the interpreter)
set -eu
cd "$(dirname "$0")"
here="$(pwd -P)"
PY="${PY:-python3}"
"$PY" -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version'

# Turns a repl_*.py file into the text typed at the interactive prompt.
repl_feed() {
  "$PY" -I -S - "$1" <<'EOF'
import ast, sys
src = open(sys.argv[1]).read()
lines = src.splitlines()
compound = (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.FunctionDef, ast.ClassDef,
            ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith)
groups = []  # [first line, last line, needs a terminating blank line]
for st in ast.parse(src).body:
    start = min([st.lineno] + [d.lineno for d in getattr(st, "decorator_list", [])])
    end = st.end_lineno
    multi = end > start or isinstance(st, compound)
    if groups and start <= groups[-1][1]:
        groups[-1][1] = max(groups[-1][1], end)
        groups[-1][2] = groups[-1][2] or multi
    else:
        groups.append([start, end, multi])
out = []
for start, end, multi in groups:
    out += [line for line in lines[start - 1:end] if line.strip()]
    if multi:
        out.append("")
sys.stdout.write("\n".join(out) + "\n")
EOF
}

n_script=0
n_repl=0
for f in *.py; do
  n="${f%.py}"
  rm -f "$n.err"
  case "$f" in
    repl_*)
      repl_feed "$f" | "$PY" -I -S -i > "$n.out" 2> /dev/null || true
      n_repl=$((n_repl + 1))
      ;;
    *)
      "$PY" -I -S "$f" > "$n.out" 2> "$n.err" || true
      if [ -s "$n.err" ]; then
        # CPython 3.9+ makes the script path absolute (tracebacks, warnings); keep the file name.
        sed -i "s|$here/||g" "$n.err"
      else
        rm -f "$n.err"
      fi
      n_script=$((n_script + 1))
      ;;
  esac
done
echo "regenerated $n_script script cases and $n_repl REPL cases"
