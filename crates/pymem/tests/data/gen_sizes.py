"""Measure CPython 3.11's object sizes for crates/pymem/src/layout.

Run with the oracle interpreter and commit the output:

    python3 -I -S crates/pymem/tests/data/gen_sizes.py > crates/pymem/tests/data/getsizeof.tsv

Each case runs a setup, then one statement compiled under its own file name
that leaves the object of interest in `x`. A case reports `sys.getsizeof(x)`
and, unless marked otherwise, the sizes tracemalloc still traces for that file
name after a full collection: the requested sizes of everything the statement
allocated and kept (the full collection first empties the free lists, so
temporaries parked on them do not count; objects taken *from* a free list are
re-attributed to the statement by tracemalloc and do count).

Columns: model (what the Rust test computes: a kind and its arguments, ints in
hex), getsizeof, traced (sizes, largest first; `-` when not measured), the
statement, and its setup. The statement may only bind names in NAMES, so that
storing them never resizes the namespace dict during the measurement.
"""
import gc
import sys
import tracemalloc

# Park an untraced slice in the interpreter's one-slot slice cache, so that
# `a[i:j]` in a statement reuses it instead of attributing a slice to the case.
_slice = slice(0)
del _slice

NAMES = ("x", "i", "j", "k", "y", "z", "o", "_")
ROWS = []


def case(model, stmt, setup="", traced=True, measure="sys.getsizeof(x)"):
    """Run one case and record its row."""
    ns = dict.fromkeys(NAMES)
    exec(setup, ns)
    fname = "<case %d>" % len(ROWS)
    code = compile(stmt, fname, "exec")
    gc.collect()
    exec(code, ns)
    gc.collect()
    sizes = "-"
    if traced:
        snap = tracemalloc.take_snapshot()
        found = sorted((t.size for t in snap.traces if t.traceback[0].filename == fname), reverse=True)
        sizes = ",".join(map(str, found))
        del snap
    ns["sys"] = sys
    size = eval(measure, ns)
    flat = lambda s: s.strip().replace("\t", " ").replace("\n", " \\n ")
    ROWS.append((model, size, sizes, flat(stmt), flat(setup)))


def hx(v):
    return ("-" if v < 0 else "") + hex(abs(v))


def ints():
    lits = [0, 1, -1, 255, 256, 257, -5, -6, 2**30 - 1, 2**30, 2**60 - 1, 2**60, 2**90, 10**100, -(2**65)]
    lits += [2 ** (30 * k - 1) for k in range(1, 13)]
    for v in lits:
        case("int_literal %d %s" % (len(str(abs(v))), hx(v)), "x = %d" % v, traced=False)
    # PyLong_FromDouble / PyLong_FromLong.
    for v in [7, 300, 2**29, 2**30, 2**40, -(2**45), 10**18, 2**80, -(10**30)]:
        case("int_from_value %s" % hx(v), "x = int(f)", "f = %r" % float(v))
    # PyLong_FromString, decimal.
    for s in ["1", "-7", "1000", "123456789", "1234567890", "1" * 19, "9" * 30, "1_000_000", "1" + "0" * 99, "-" + "3" * 60]:
        v = int(s)
        ndec = sum(c.isdigit() for c in s)
        case("int_from_str %d %s" % (ndec, hx(v)), "x = int(s)", "s = %r" % s)
    ops = {"+": "Add", "-": "Sub", "*": "Mul", "//": "FloorDiv", "%": "Mod", "&": "And", "|": "Or", "^": "Xor"}
    vals = [3, -1000, 2**30 - 1, 2**30, -(2**45) - 7, 2**60 + 5, 2**100, -(2**100 + 2**99), 10**40, 3 * 2**89 + 7]
    for sym, name in ops.items():
        for i, a in enumerate(vals):
            # A different stride per operator spreads the pairs around the grid.
            for b in vals[(i * 3 + len(name)) % 5 :: 4]:
                if b == 0 and sym in ("//", "%"):
                    continue
                case("int_op %s %s %s %s" % (name, hx(a), hx(b), hx(eval("a %s b" % sym))), "x = a %s b" % sym, "a = %d; b = %d" % (a, b))
    for a in [1000, -(2**40), 2**100 + 3, -(2**100)]:
        for s in [0, 1, 29, 30, 31, 61]:
            case("int_op LShift %s %s %s" % (hx(a), hx(s), hx(a << s)), "x = a << b", "a = %d; b = %d" % (a, s))
            case("int_op RShift %s %s %s" % (hx(a), hx(s), hx(a >> s)), "x = a >> b", "a = %d; b = %d" % (a, s))
    for a in [2, -3, 1000, 2**30, 2**40, 10**20]:
        for e in [0, 1, 2, 3, 10, 17, 100]:
            case("int_op Pow %s %s %s" % (hx(a), hx(e), hx(a**e)), "x = a ** b", "a = %d; b = %d" % (a, e))
    for a in [7, -300, 2**30 - 1, -(2**30), 2**60, -(2**100), 2**100 - 1]:
        for sym, name in (("-a", "Neg"), ("~a", "Invert"), ("abs(a)", "Abs"), ("+a", "Pos")):
            case("int_unary %s %s %s" % (name, hx(a), hx(eval(sym))), "x = " + sym, "a = %d" % a)


def strings():
    chars = {"Ascii": "x", "Latin1": "\\xe9", "Ucs2": "\\u20ac", "Ucs4": "\\U0001f600"}
    for kind, ch in chars.items():
        for n in [0, 1, 2, 10, 100]:
            case("str_repeat %s %d" % (kind, n), "x = c * n", "c = '%s'; n = %d" % (ch, n))
    case("str Ucs2 7", "x = a + b", "a = 'abcdef'; b = '\\u20ac'")
    case("str Latin1 4", "x = a + b", "a = 'abc'; b = '\\xe9'")
    case("str Ascii 12", "x = str(a)", "a = 123456789012")
    for n in [0, 1, 2, 10, 100]:
        case("bytes_repeat %d" % n, "x = b * n", "b = b'x'; n = %d" % n)
    for n in [0, 1, 2, 10, 100]:
        case("bytearray_from_bytes %d" % n, "x = bytearray(b)", "b = b'x' * %d" % n)
        case("bytearray_from_int %d" % n, "x = bytearray(n)", "n = %d" % n)
    for n in [1, 2, 5, 9, 13, 20, 50]:
        case("bytearray_append %d" % n, "x = bytearray()\nfor i in range(%d): x.append(1)" % n)


def tuples():
    for n in [0, 1, 2, 3, 10, 20, 21, 100]:
        case("tuple %d" % n, "x = tuple(l)", "l = list(range(%d))" % n)


def lists():
    small = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 17, 33]
    for n in [1, 2, 3, 4, 5, 6, 9, 12, 20, 31, 40]:
        case("list_display_const %d" % n, "x = [%s]" % ", ".join(map(str, range(n))))
    for n in [1, 2, 3, 5, 12, 30, 31, 40, 60]:
        case("list_display_vars %d" % n, "x = [%s]" % ", ".join(["a"] * n), "a = None")
    for n in small + [100, 1000]:
        # A dict's keys: a sized iterable whose items already exist.
        case("list_from_len %d" % n, "x = list(r)", "r = dict.fromkeys(range(%d))" % n)
    for n in [1, 3, 6, 17]:
        case("list_from_tuple %d" % n, "x = list(t)", "t = (None,) * %d" % n)
    for n in small + [100]:
        case("list_from_iter_hint %d" % n, "x = list(iter(r))", "r = range(%d)" % n)
        case("list_from_genexpr %d" % n, "x = list(i for i in r)", "r = range(%d)" % n)
        case("list_comp %d" % n, "x = [i for i in r]", "r = range(%d)" % n)
    for n in [0, 1, 5, 9, 100]:
        case("list_repeat %d" % n, "x = [None] * n", "n = %d" % n)
        case("list_slice %d" % n, "x = l[:n]", "l = [None] * 300; n = %d" % n)
        case("list_copy %d" % n, "x = l.copy()", "l = [None] * %d" % n)
        case("list_star %d" % n, "x = [*r]", "r = range(%d)" % n)
        case("list_sorted %d" % n, "x = sorted(t)", "t = (1,) * %d" % n)
    case("list_concat 3 4", "x = a + b", "a = [None] * 3; b = [None] * 4")
    for n in [0, 1, 3, 12, 13, 25]:
        case("list_split %d" % n, "x = s.split()", "s = ' '.join(['x'] * %d)" % n)
    for n in [1, 4, 5, 8, 9, 16, 17, 100, 500, 1000]:
        case("list_append %d" % n, "x = []\nfor i in L: x.append(i)", "L = [None] * %d" % n)
    for n in [1, 5, 20]:
        case("list_extend_nonempty %d" % n, "x = [None]\nx.extend(iter(r))", "r = range(%d)" % n)
    for n, k in [(100, 10), (100, 60), (20, 3), (9, 4)]:
        case("list_del_tail %d %d" % (n, k), "x = [None] * %d\ndel x[%d:]" % (n, k))
    case("list_pop_all 3", "x = [None] * 3\nfor i in range(3): x.pop()")
    case("list_clear 3", "x = [None] * 3\nx.clear()")
    case("list_inplace_repeat 3 5", "x = [None] * 3\nx *= 5")


def dicts():
    ns = [0, 1, 2, 5, 6, 10, 11, 21, 22, 42, 43, 85, 86, 100]
    for n in ns:
        case("dict_int %d" % n, "x = {}\nfor i in range(%d): x[i] = None" % n)
        case("dict_str %d" % n, "x = {}\nfor i in range(%d): x[K[i]] = None" % n, "K = ['k%d' % i for i in range(200)]")
    for n in [1, 2, 5, 6, 10, 11, 16, 17, 20, 33, 40]:
        case("dict_display_const %d" % n, "x = {%s}" % ", ".join("%d: None" % i for i in range(n)))
        case("dict_display_str %d" % n, "x = {%s}" % ", ".join("'k%d': None" % i for i in range(n)))
    for n in [3, 6, 17, 20]:
        case("dict_display_vars %d" % n, "x = {%s}" % ", ".join("a%d: None" % i for i in range(n)), "; ".join("a%d = %d" % (i, i) for i in range(n)))
    case("dict_display_mixed 1 1", "x = {'a': 1, 2: 2}")
    for n in [0, 1, 6, 11]:
        case("dict_comp %d" % n, "x = {i: None for i in r}", "r = range(%d)" % n)
        case("dict_kwargs %d" % n, "x = dict(%s)" % ", ".join("k%d=None" % i for i in range(n)))
        case("dict_pairs %d" % n, "x = dict(l)", "l = [(i, None) for i in range(%d)]" % n)
    for n in [0, 5, 6, 10, 11, 21, 22]:
        case("dict_fromkeys_range %d" % n, "x = dict.fromkeys(r)", "r = range(%d)" % n)
        case("dict_fromkeys_set %d" % n, "x = dict.fromkeys(s)", "s = set(range(%d))" % n)
        case("dict_fromkeys_dict %d" % n, "x = dict.fromkeys(d)", "d = dict.fromkeys(range(%d))" % n)
        case("dict_fromkeys_strdict %d" % n, "x = dict.fromkeys(d)", "d = {'k%%d' %% i: None for i in range(%d)}" % n)
    for n in [1, 5, 6, 10, 21, 22]:
        case("dict_copy %d 0" % n, "x = d.copy()", "d = dict.fromkeys(range(%d))" % n)
        case("dict_call_dict %d 0" % n, "x = dict(d)", "d = dict.fromkeys(range(%d))" % n)
        case("dict_unpack %d" % n, "x = {**d}", "d = {'k%%d' %% i: None for i in range(%d)}" % n)
    for n, k in [(10, 3), (10, 8), (22, 10)]:
        case("dict_copy %d %d" % (n, k), "x = d.copy()", "d = dict.fromkeys(range(%d))\nfor i in range(%d): del d[i]" % (n, k))
        case("dict_call_dict %d %d" % (n, k), "x = dict(d)", "d = dict.fromkeys(range(%d))\nfor i in range(%d): del d[i]" % (n, k))
    case("dict_unpack2 6 6", "x = {**a, **b}", "a = dict.fromkeys(range(6)); b = dict.fromkeys(range(6, 12))")
    case("dict_or 6 6", "x = a | b", "a = dict.fromkeys(range(6)); b = dict.fromkeys(range(6, 12))")
    case("dict_update 1 7", "x = {-1: None}\nx.update(d)", "d = dict.fromkeys(range(7))")
    for n, m in [(1, 1), (3, 3), (5, 1)]:
        case("dict_str_then_int %d %d" % (n, m), "x = {}\nfor i in range(%d): x[K[i]] = None\nfor i in range(%d): x[i] = None" % (n, m), "K = ['k%d' % i for i in range(50)]")
    for n, k, m in [(5, 4, 1), (10, 9, 1), (50, 49, 36), (6, 0, 0), (22, 21, 1)]:
        case("dict_del_insert %d %d %d" % (n, k, m), "x = {}\nfor i in range(%d): x[i] = None\nfor i in range(%d): del x[i]\nfor i in range(%d): x[K[i]] = None" % (n, k, m), "K = list(range(-1, -100, -1))")
    case("dict_clear 10", "x = dict.fromkeys(range(10))\nx.clear()")


def sets():
    ns = [0, 1, 4, 5, 18, 19, 76, 77, 100, 200]
    for n in ns:
        case("set_add %d" % n, "x = set()\nfor i in range(%d): x.add(i)" % n)
        case("set_from_range %d" % n, "x = set(r)", "r = range(%d)" % n)
    for n in [4, 5, 19, 77]:
        case("frozenset_from_range %d" % n, "x = frozenset(r)", "r = range(%d)" % n)
        case("set_comp %d" % n, "x = {i for i in r}", "r = range(%d)" % n)
        case("set_copy %d" % n, "x = s.copy()", "s = set(range(%d))" % n)
        case("set_from_set %d" % n, "x = set(s)", "s = set(range(%d))" % n)
        case("set_from_dict %d" % n, "x = set(d)", "d = dict.fromkeys(range(%d))" % n)
    for n in [1, 2, 3, 4, 5, 10, 20, 40]:
        case("set_display_const %d" % n, "x = {%s}" % ", ".join(map(str, range(n))))
    for n in [3, 5, 20]:
        case("set_display_vars %d" % n, "x = {%s}" % ", ".join("a%d" % i for i in range(n)), "; ".join("a%d = %d" % (i, i) for i in range(n)))
    case("set_union 10 10", "x = a | b", "a = set(range(10)); b = set(range(10, 20))")
    for la, lb, common in [(20, 20, 10), (100, 5, 5), (3, 40, 3)]:
        setup = "a = set(range(%d)); b = set(range(%d, %d))" % (la, la - common, la - common + lb)
        case("set_and %d %d %d" % (la, lb, common), "x = a & b", setup)
        case("set_sub %d %d %d" % (la, lb, common), "x = a - b", setup)
        case("set_xor %d %d %d" % (la, lb, common), "x = a ^ b", setup)
    case("set_discard_add 5 3 3", "x = set(range(5))\nfor i in range(3): x.discard(i)\nfor i in range(3): x.add(i)")
    case("set_clear 20", "x = set(range(20))\nx.clear()")


def deques():
    for n in [0, 1, 32, 33, 96, 97, 160, 161, 200]:
        case("deque_append %d" % n, "x = deque()\nfor i in range(%d): x.append(i)" % n, "from collections import deque")
        case("deque_appendleft %d" % n, "x = deque()\nfor i in range(%d): x.appendleft(i)" % n, "from collections import deque")
    for n in [0, 1, 63, 64, 127, 128, 200]:
        case("deque_from_iterable %d" % n, "x = deque(r)", "from collections import deque; r = range(%d)" % n)
        case("deque_extendleft %d" % n, "x = deque()\nx.extendleft(r)", "from collections import deque; r = range(%d)" % n)
    for n, k in [(200, 100), (200, 200), (5, 5)]:
        case("deque_pop %d %d" % (n, k), "x = deque(r)\nfor i in range(%d): x.pop()" % k, "from collections import deque; r = range(%d)" % n)
        case("deque_popleft %d %d" % (n, k), "x = deque(r)\nfor i in range(%d): x.popleft()" % k, "from collections import deque; r = range(%d)" % n)
    case("deque_maxlen 3 100", "x = deque(maxlen=3)\nfor i in range(100): x.append(i)", "from collections import deque")
    case("deque_clear 200", "x = deque(r)\nx.clear()", "from collections import deque; r = range(200)")


def arrays():
    for tc in "bBuhHiIlLqQfd":
        case("array_empty %s" % tc, "x = array(tc)", "from array import array; tc = %r" % tc)
    for tc in "bid":
        for n in [1, 3, 10, 100]:
            init = "'x' * %d" % n if tc == "u" else "[0] * %d" % n
            case("array_from_list %s %d" % (tc, n), "x = array(tc, l)", "from array import array; tc = %r; l = %s" % (tc, init))
            case("array_from_range %s %d" % (tc, n), "x = array(tc, r)", "from array import array; tc = %r; r = range(%d)" % (tc, n))
        for n in [8, 16, 24, 104]:
            case("array_from_bytes %s %d" % (tc, n), "x = array(tc, b)", "from array import array; tc = %r; b = bytes(%d)" % (tc, n))
    for n in [1, 4, 5, 9, 17, 26, 35, 80]:
        case("array_append i %d" % n, "x = array('i')\nfor i in range(%d): x.append(0)" % n, "from array import array")


def instances():
    def cls(nattrs):
        body = "; ".join("self.a%d = None" % i for i in range(nattrs)) or "pass"
        return "class C:\n    def __init__(self): %s\n" % body

    for nattrs in [0, 2, 5]:
        for k in [1, 2, 3, 5, 28, 29, 40]:
            make = "for _ in range(%d): C()\n" % (k - 1)
            case("instance %d %d" % (nattrs, k), "x = C()", cls(nattrs) + make)
            case("instance_dict %d %d" % (nattrs, k), "x = C().__dict__", cls(nattrs) + make)
    # Set the attributes from the statement itself, so that the dict made when
    # the shared keys fill up is attributed to it (names interned beforehand).
    for nattrs in [29, 30, 31, 40]:
        case("instance_dict %d 1" % nattrs, "o = C()\nfor i in N: setattr(o, i, None)\nx = o.__dict__\ndel o",
             "import sys\nclass C: pass\nN = [sys.intern('a%%d' %% i) for i in range(%d)]" % nattrs)
    for n in [0, 1, 2, 5]:
        slots = "".join("'s%d', " % i for i in range(n))
        case("slots %d 0 0" % n, "x = S()", "class S:\n    __slots__ = (%s)" % slots)
    case("slots 2 0 1", "x = S()", "class S:\n    __slots__ = ('a', 'b', '__weakref__')")
    case("slots 1 1 0", "x = S()", "class S:\n    __slots__ = ('a', '__dict__')")
    for base in ["list", "dict", "tuple", "int", "Exception", "set"]:
        case("subclass %s" % base, "x = S()", "class S(%s): pass" % base)
    case("subclass_int 1", "x = S(a)", "class S(int): pass\na = 5")
    case("subclass_int 2", "x = S(a)", "class S(int): pass\na = 2 ** 40")
    case("subclass_tuple 2", "x = S(a)", "class S(tuple): pass\na = (1, 2)")
    case("subclass_of_slots 2", "x = T()", "class S:\n    __slots__ = ('a', 'b')\nclass T(S): pass")
    case("class plain", "class x: pass", traced=False)
    case("class slots", "class x:\n    __slots__ = ('a',)", traced=False)
    case("class subclass", "class x(B): pass", "class B: pass", traced=False)


def builtins():
    setup = "class C:\n    def m(self): pass\no = C()\nl = [1, 2]\nt = (1, 2)\nd = {1: 2}\ns = {1, 2}\nb = b'ab'\n" \
            "import array, collections, weakref\na = array.array('b')\ndq = collections.deque()\nf = len\n" \
            "def g(): pass\nmk = lambda v: lambda: v\nr = range(10)\nu = 'ab'\n" \
            "try:\n    1 / 0\nexcept Exception as e:\n    tb = e.__traceback__"
    samples = {
        "Object": "object()", "NoneType": "None", "Ellipsis": "...", "NotImplementedType": "NotImplemented",
        "Int": "r.stop * 100", "Bool": "r.stop > 1", "Float": "r.stop * 0.5", "Complex": "r.stop * 1j",
        "Str": "u + u", "Bytes": "b + b", "ByteArray": "bytearray()", "Tuple": "tuple(l)", "List": "[]",
        "Dict": "{}", "Set": "set()", "FrozenSet": "frozenset()", "Range": "range(r.stop)",
        "Slice": "slice(r.stop)", "Function": "lambda: 0", "Method": "o.m", "BuiltinFunction": "l.append",
        "MethodWrapper": "o.__str__", "Cell": "mk(1).__closure__[0]", "Module": "type(array)('m')",
        "WeakRef": "weakref.ref(o)", "Property": "property()", "StaticMethod": "staticmethod(g)",
        "ClassMethod": "classmethod(g)", "Super": "super(C, o)", "MappingProxy": "C.__dict__",
        "Enumerate": "enumerate(l)", "Zip": "zip(l, l)", "Map": "map(f, l)", "Filter": "filter(f, l)",
        "Reversed": "reversed(t)", "ListIter": "iter(l)", "ListRevIter": "reversed(l)", "TupleIter": "iter(t)",
        "RangeIter": "iter(r)", "StrIter": "iter(u)", "BytesIter": "iter(b)", "DictKeyIter": "iter(d)",
        "DictValueIter": "iter(d.values())", "DictItemIter": "iter(d.items())", "DictView": "d.keys()",
        "SetIter": "iter(s)", "CallableIter": "iter(f, None)", "ArrayIter": "iter(a)", "Array": "array.array('b')",
        "Deque": "collections.deque()", "DequeIter": "iter(dq)", "DequeRevIter": "reversed(dq)",
        "BaseException": "ValueError()",
    }
    for name, expr in samples.items():
        untraced = name in ("Slice", "StaticMethod", "ClassMethod")
        case("type %s" % name, "x = " + expr, setup, traced=not untraced)
    # __basicsize__, __itemsize__ and the GC flag, packed into the getsizeof column.
    types = dict(samples)
    types.update({"Code": "g.__code__", "Generator": "(i for i in l)", "Type": "C",
                  "LongRangeIter": "iter(range(2 ** 70))", "Traceback": "tb", "Frame": "tb.tb_frame"})
    for name, expr in types.items():
        measure = "x.__basicsize__ * 1000000 + x.__itemsize__ * 1000 + bool(x.__flags__ & (1 << 14))"
        case("basicsize %s" % name, "x = type(%s)" % expr, setup, traced=False, measure=measure)


def functions():
    case("function", "def x(a, b): return a + b")
    case("closure", "def k(v):\n    def x(): return v\n    return x\nx = k(1)\ndel k")
    gens = {
        "def g():\n    yield 1": "g()",
        "def g(a, b):\n    c = a + b\n    yield c": "g(1, 2)",
        "def g(n):\n    for i in range(n):\n        yield i * 2": "g(3)",
    }
    for src, call in gens.items():
        ns = {}
        exec(src, ns)
        co = ns["g"].__code__
        nlocalsplus = len(co.co_varnames) + len(co.co_cellvars) + len(co.co_freevars)
        case("generator %d %d" % (nlocalsplus, co.co_stacksize), "x = " + call, src)
    case("genexpr", "x = (i for i in l)", "l = []")
    for src in ["def g(): pass", "def g(a, b):\n    return [a, b, a + b]"]:
        ns = {}
        exec(src, ns)
        case("code %d" % (len(ns["g"].__code__.co_code) // 2), "x = g.__code__", src, traced=False)
    stmt = "x = sys._getframe()"
    case("frame 0 %d" % compile(stmt, "", "exec").co_stacksize, stmt, "import sys")
    stmt = "try:\n    1 / 0\nexcept Exception as e:\n    x = e.__traceback__"
    case("traceback 0 %d" % compile(stmt, "", "exec").co_stacksize, stmt)
    for n in [0, 10, 1000, 2**70]:
        case("range %s" % hx(n), "x = range(n)", "n = %d" % n)


def main():
    tracemalloc.start(1)
    for part in (ints, strings, tuples, lists, dicts, sets, deques, arrays, instances, builtins, functions):
        part()
    tracemalloc.stop()
    print("# CPython %s, sys.getsizeof and tracemalloc-traced requests; generated by gen_sizes.py" % sys.version.split()[0])
    print("# model\tgetsizeof\ttraced\tstatement\tsetup")
    for row in ROWS:
        print("\t".join(map(str, row)))


if __name__ == "__main__":
    main()
