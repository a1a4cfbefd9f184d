//! The page's own words for each heading of the source document: concise,
//! and precise about CPython 3.11 (64-bit) where the usual telling is loose.
//! Inline markup: `` `code` `` and `**strong**`, nothing else.

use super::Block::{self, List, Note, P};

pub const OVERVIEW: &[Block] = &[
    P("In CPython every value — an int, a list, a function, a class — is an **object**: a block of memory that starts with a header holding its **reference count** and a pointer to its **type**. Variables do not contain values; they hold references to objects."),
    List(&[
        "**A private heap.** All objects live in memory the interpreter manages. Python code never sees addresses, only references (`id()` happens to return the address in CPython).",
        "**Layered allocators.** Object memory comes from `pymalloc`, CPython's allocator for requests up to 512 bytes, which carves 1 MiB arenas into 16 KiB pools of equal-sized blocks. Larger requests go to the C library's `malloc`.",
        "**Reference counting** frees most objects the instant their last reference disappears.",
        "**A cyclic garbage collector** finds groups of objects that refer only to each other, which reference counting alone can never free.",
    ]),
    P("Every example on this page runs in a simulation of that machinery. Press **Run**, then step through the program and watch the objects, their refcounts, the GC generations and the allocator change line by line."),
];

pub const KEY_CONCEPTS: &[Block] = &[
    P("CPython reclaims memory in two complementary ways. **Reference counting** does almost all of the work, immediately and deterministically. The **cyclic garbage collector** exists only for what reference counting misses: objects kept alive by reference cycles. The collector is **generational**, so that it rarely has to look at long-lived objects."),
];

pub const REFERENCE_COUNTING: &[Block] = &[
    P("Each object's header holds `ob_refcnt`, the number of references to it: from variables, from containers, from the interpreter's own stack. Binding a name, storing into a list or passing an argument adds one; unbinding, overwriting or leaving a function removes one."),
    P("When the count reaches **0** the object is deallocated at once — and that drops the references that object held, which may free more objects in turn. There is no pause and no separate sweep."),
    Note("`del x` deletes a **name**, not an object. The object goes away only if that was its last reference."),
];

pub const GARBAGE_COLLECTION: &[Block] = &[
    P("Reference counting cannot free a **cycle**: two objects that refer to each other keep each other's count at 1 or more even when nothing else can reach them. CPython's `gc` module finds such garbage."),
    P("It only tracks **container** objects (lists, dicts, instances, functions…), since only they can form cycles. For a collection it copies each object's refcount into a scratch field `gc_refs`, subtracts every reference that comes from another tracked object, and whatever still has `gc_refs > 0` is referenced from outside — a root. Everything reachable from the roots survives; the rest is unreachable garbage and is freed."),
    Note("The collector does not run on a timer: in 3.11 it runs inside an allocation, when the count of new container objects passes a threshold, or when you call `gc.collect()`."),
];

pub const GENERATIONAL: &[Block] = &[
    P("Most objects die young. So tracked objects are kept in three lists, **generations 0, 1 and 2**. New containers enter generation 0; the survivors of a collection move up one generation."),
    List(&[
        "Generation 0 is collected when allocations minus deallocations of containers exceed its threshold, **700**.",
        "Generation 1 is collected (together with 0) once more than 10 collections of generation 0 have run since its last one; generation 2 likewise after more than 10 of generation 1.",
        "A full collection additionally waits until the objects promoted into generation 2 since the last one reach 25% of the survivors of that one, so big long-lived heaps are not rescanned constantly.",
    ]),
    Note("`gc.get_count()` shows the current counts against those thresholds. In CPython 3.13 the first threshold became 2000."),
];

pub const TYPES_OF_MEMORY: &[Block] = &[
    P("Python programmers meet two kinds of memory. The **call stack** records which functions are running and what their local names refer to. The **heap** holds every object. The words are borrowed from C, where they mean something a little different; the subsections say how CPython 3.11 really does it."),
];

pub const STACK: &[Block] = &[
    P("Each function call creates a **frame**: the code being run, the position in it, a small evaluation stack and the local variables. Calls push frames and returns pop them, last in, first out."),
    Note("A frame's locals are **references**: `n = 4` puts a pointer to the int object `4` in the frame, not the number itself. In 3.11 frames live in a per-thread chunk of memory the interpreter manages like a stack; a full frame object is created on the heap only if something asks for it (a traceback, `sys._getframe()`)."),
];

pub const HEAP: &[Block] = &[
    P("Every object lives on the heap, whoever created it. An object is not tied to the frame that made it: it lives exactly as long as something refers to it. Returning a local object from a function hands the reference to the caller, and the object survives the frame."),
    P("The heap view draws what the program can reach: frames on the left with their names, objects as boxes with their type, value and live refcount, references as arrows. Objects that only a cycle keeps alive are drawn apart, in red."),
];

pub const ALLOCATORS: &[Block] = &[
    P("CPython asks for memory through three layers: raw (`PyMem_RawMalloc`, straight to the C library), mem (`PyMem_Malloc`) and object (`PyObject_Malloc`). In a default build the last two both use **pymalloc**."),
    List(&[
        "pymalloc serves requests of 1 to 512 bytes, rounded up to a multiple of 16: 32 **size classes** (16, 32, …, 512 bytes).",
        "It takes memory from the system in **arenas** of 1 MiB, split into **pools** of 16 KiB. Each pool holds blocks of one size class only.",
        "A freed block goes back on its pool's free list and is usually the next one handed out. An arena is returned to the system only when all its pools are empty.",
        "Larger requests (a big list's item array, `bytes(1000)`) go to `malloc` directly.",
    ]),
    P("On top of that, some types keep **free lists** of dead objects to reuse (floats, tuples, lists, dicts), and some values are **preallocated** (small ints, `None`, the empty tuple)."),
    Note("`PyObject_Malloc` is not a separate allocator next to pymalloc: it is pymalloc's entry point for objects."),
];

pub const OPTIMIZATION: &[Block] = &[
    P("CPython saves memory and time by sharing immutable objects, recycling dead ones, and letting you choose compact containers. Knowing which of these apply explains many surprising `is` results and `getsizeof` numbers."),
];

pub const INTERNING: &[Block] = &[
    P("Because immutable objects never change, one object can safely stand for every occurrence of a value."),
    List(&[
        "**Small ints** from −5 to 256 are preallocated; every computation that produces one returns the shared object.",
        "**Constants** that are equal are merged within one compilation: a script is compiled as a whole, so two `1000` literals in it become one object.",
        "**Strings** made only of letters, digits and underscores are interned when they appear as constants; names always are. `sys.intern()` interns any string.",
    ]),
    Note("So `x is y` for `x = 1000; y = 1000` is **True** in a script but **False** when the lines are typed separately in the REPL, where each statement is compiled on its own. `is` tests identity; compare values with `==`."),
];

pub const REUSE: &[Block] = &[
    P("Instead of returning a dead object's memory to the allocator, several types keep it on a **free list** and hand it to the next object of the same kind. In 3.11: up to 2000 tuples of each length 1–20, 80 lists, 80 dicts, 100 floats."),
    P("The empty tuple, the empty string and `None`, `True`, `False` are singletons that are never freed."),
    Note("`frozenset()` is not a singleton in 3.11, and immutability alone does not make objects shared: two equal tuples built at run time are two objects."),
];

pub const DATA_STRUCTURES: &[Block] = &[
    P("A list stores pointers, and each element is a full object: a list of a million small ints costs 8 bytes per slot plus 32 bytes per int. Choosing the container changes that."),
    List(&[
        "`array.array` stores raw machine values: 4 bytes per `'i'` item, no objects at all.",
        "`collections.deque` is a linked list of 64-slot blocks: appending and popping at either end is O(1), where `list.pop(0)` moves every item.",
        "`__slots__` on a class drops the per-instance dict machinery.",
        "Generators produce items one at a time instead of building a list.",
    ]),
];

pub const MANUAL: &[Block] = &[
    P("You cannot free an object yourself, but you can steer the collector with the `gc` module."),
    List(&[
        "`gc.collect()` runs a full collection now and returns the number of unreachable objects found.",
        "`gc.disable()` / `gc.enable()` switch automatic collection off and on; reference counting keeps working regardless.",
        "`gc.get_count()`, `gc.get_threshold()`, `gc.set_threshold()`, `gc.get_stats()` inspect and tune the generations; `gc.freeze()` moves everything to a permanent generation that is never scanned.",
    ]),
    Note("Disabling the collector is safe only if your program makes no cycles (or collects them itself): otherwise cyclic garbage accumulates."),
];

pub const ISSUES: &[Block] = &[
    P("Most memory problems in Python are not about the allocator: they are references you forgot about, data structures bigger than they need to be, or many small objects each paying the per-object overhead."),
];

pub const LEAKS: &[Block] = &[
    P("A Python \"leak\" is almost always an object that is still **reachable**: a global cache, a list of callbacks, a class attribute, a long-lived closure. The collector cannot free it, because it is not garbage."),
    P("Cycles are the other source: before Python 3.4, cycles with `__del__` methods were never freed automatically; today they are, but objects in cycles still live until the next collection of their generation."),
    Note("To find a leak, compare `tracemalloc` snapshots taken some time apart, or look at `gc.get_referrers()` of an object that should have died."),
];

pub const HIGH_USAGE: &[Block] = &[
    P("Peak memory, not final memory, is what exhausts a machine. Temporary lists, slices (which copy), `str` concatenation in a loop and reading whole files into memory all raise the peak."),
    P("Process items as a stream (generators, iterators, `itertools`), use views (`memoryview`, dict views) instead of copies, and measure the peak with `tracemalloc.get_traced_memory()`. Third-party tools such as `pympler` and `objgraph` summarise which types take the memory."),
];

pub const OVERHEAD: &[Block] = &[
    P("Every object carries a header: the reference count and the type pointer, 16 bytes on a 64-bit build. Variable-size objects add a length; objects the collector tracks carry 16 more bytes of GC links **before** the header; 3.11 instances add 16 more for their attribute storage."),
    List(&[
        "`1` costs 28 bytes; `1.0` 24; an empty `str` 49; an empty list 56 (plus 8 per slot, separately).",
        "An instance with two attributes is 56 bytes plus a small values array; with `__slots__` it is 48.",
        "pymalloc rounds each request up to a multiple of 16.",
    ]),
];

pub const DEBUGGING: &[Block] = &[
    P("Three standard tools answer three questions: how big is this object (`sys.getsizeof`), which lines use the memory (a line profiler such as `memory_profiler`), and which allocations are live and where they came from (`tracemalloc`)."),
];

pub const GETSIZEOF: &[Block] = &[
    P("`sys.getsizeof(obj)` returns the object's own size in bytes, including its GC header and any buffer it owns (a list's pointer array, a dict's table)."),
    Note("It is **shallow**: the objects a container refers to are not included, and it says nothing about pymalloc's rounding or about memory shared with other objects."),
];

pub const PROFILING: &[Block] = &[
    P("`memory_profiler` (a third-party package) decorates a function with `@profile` and prints, for each line, the process's memory after it ran, the increment, and how many times it ran. It samples the resident set size (RSS) of the process, so it sees pymalloc arenas and `malloc` blocks, not individual objects."),
    Note("RSS rarely drops after `del`: pymalloc returns an arena to the system only when every pool in it is empty."),
];

pub const TRACEMALLOC: &[Block] = &[
    P("`tracemalloc` hooks all three allocator layers and records every live block with the traceback that allocated it. `get_traced_memory()` returns `(current, peak)` in bytes; `take_snapshot()` lets you group the live blocks by line or compare two moments."),
    Note("It counts requested bytes, not pymalloc's rounded blocks or arena overhead, and only allocations made after `tracemalloc.start()`; objects reused from free lists are not counted again."),
];

pub const VISUALIZATION: &[Block] = &[
    P("The source document sums the machinery up in two diagrams. Here they are animated by a real run: step through the example below each one and the node or edge of the current event lights up, with counters of what happened so far on the edges. Pick another program from the list to animate it instead."),
];

pub const ALLOCATION_FLOW: &[Block] = &[
    P("Memory flows in a loop: the memory manager obtains arenas for the private heap, the allocators carve objects from them, references keep the objects alive, and reclaimed memory returns to the heap for reuse."),
    Note("Most memory is reclaimed by reference counting directly, without the collector: the \"Reclaims\" edge counts both paths."),
];

pub const GC_PROCESS: &[Block] = &[
    P("Generation 0 is collected often, generation 1 less often, generation 2 rarely. Each collection of a generation also collects the younger ones, and its survivors are promoted one generation up (generation 2's stay where they are)."),
];
