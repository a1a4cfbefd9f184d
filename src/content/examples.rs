//! The runnable examples, each tied to the section it illustrates. The code
//! lives in `examples/ID.py` beside the output CPython 3.11.7 printed for it
//! (`ID.out`, and `ID.repl.out` for the REPL mode), so a native test can hold
//! the engine to the oracle.

use pymem::RunMode;

/// A runnable, editable example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable id used by `data-example` and `#/SLUG/ID` routes.
    pub id: &'static str,
    /// Slug of the section the example belongs to.
    pub section: &'static str,
    pub title: &'static str,
    /// What to look at while stepping (one or two sentences).
    pub lead: &'static str,
    pub code: &'static str,
    /// The mode it opens in.
    pub mode: RunMode,
    /// Offer the script/REPL switch (the result depends on it).
    pub modes: bool,
    /// Where the simulator differs from CPython for this program, said
    /// plainly next to the example.
    pub caveat: Option<&'static str>,
    /// Show the per-line memory table (the profiling example).
    pub line_table: bool,
    /// Taken from the source document (the others are this page's own).
    pub from_document: bool,
}

/// The generation-0 count at a program's first line (see gc_025 in the
/// engine's conformance cases).
const GEN0_START: &str = "Before the first line runs, CPython's generation-0 count already holds what its compiler allocated for this file (about a dozen objects per def or class), so it depends on the whole program. The simulator starts every program from CPython's count for a minimal script: a program that reads gc.get_count() or waits for an automatic collection before calling gc.collect() can see a different count in CPython (usually higher, by a dozen or more) and automatic collections at other moments. Calling gc.collect() first, as here, removes the difference.";

const fn ex(id: &'static str, section: &'static str, title: &'static str, code: &'static str) -> Example {
    Example {
        id,
        section,
        title,
        lead: "",
        code,
        mode: RunMode::Script,
        modes: false,
        caveat: None,
        line_table: false,
        from_document: false,
    }
}

impl Example {
    const fn lead(mut self, lead: &'static str) -> Self {
        self.lead = lead;
        self
    }
    const fn doc(mut self) -> Self {
        self.from_document = true;
        self
    }
    const fn modes(mut self) -> Self {
        self.modes = true;
        self
    }
    const fn caveat(mut self, caveat: &'static str) -> Self {
        self.caveat = Some(caveat);
        self
    }
    const fn line_table(mut self) -> Self {
        self.line_table = true;
        self
    }

    /// The file name tracebacks and tracemalloc show.
    pub fn filename(&self) -> String {
        format!("{}.py", self.id)
    }

    /// The other examples' code, for the diagrams' program picker.
    pub fn by_id(id: &str) -> Option<&'static Example> {
        EXAMPLES.iter().find(|e| e.id == id)
    }
}

macro_rules! code {
    ($id:literal) => {
        include_str!(concat!("examples/", $id, ".py"))
    };
}

pub const EXAMPLES: &[Example] = &[
    ex("everything-is-an-object", "overview-of-memory-management-in-python", "Every value is an object on the heap", code!("everything-is-an-object"))
        .lead("Step through and watch three objects appear, then a list whose slots refer to them: names and list slots hold references, never copies."),
    ex("refcount-basics", "reference-counting", "Two names, one list", code!("refcount-basics"))
        .doc()
        .lead("The list's refcount badge goes 1 → 2 → 1, and the box disappears the moment the last reference is deleted."),
    ex("refcount", "reference-counting", "Asking for the count: sys.getrefcount", code!("refcount"))
        .lead("sys.getrefcount reports one more than you might expect: its own argument is a reference too."),
    ex("node-cycle", "garbage-collection", "A cycle that reference counting cannot free", code!("node-cycle"))
        .doc()
        .lead("After both del statements the two Nodes are unreachable but still alive (each refcount is 1); gc.collect() finds the cycle and frees it."),
    ex("gc-threshold", "generational-garbage-collection", "The thresholds", code!("gc-threshold"))
        .doc()
        .lead("A generation-0 collection starts when allocations minus deallocations of container objects exceed 700."),
    ex("gc-generations", "generational-garbage-collection", "Watching generation 0 fill up", code!("gc-generations"))
        .lead("Play it: the gen-0 count climbs to the threshold, a collection runs, and the surviving lists move to generation 1.")
        .caveat(GEN0_START),
    ex("call-stack", "stack-memory", "Frames pushed and popped", code!("call-stack"))
        .lead("Each call adds a frame holding its local n; each return removes one. The ints themselves live on the heap."),
    ex("heap-outlives-frame", "heap-memory", "An object outlives the frame that made it", code!("heap-outlives-frame"))
        .lead("The dict is created inside make_point, yet it survives the return: the frame goes, the reference p keeps the object."),
    ex("size-classes", "object-specific-allocators", "Which allocator serves which object", code!("size-classes"))
        .lead("Small requests are rounded up to a multiple of 16 and served by pymalloc; the 1,033-byte bytes object goes to malloc (the raw column in the allocator view)."),
    ex("small-int-cache", "immutable-objects-and-interning", "Small ints and shared constants", code!("small-int-cache"))
        .doc()
        .modes()
        .lead("Run it as a script, then switch to REPL mode and run it again: the second answer changes."),
    ex("string-interning", "immutable-objects-and-interning", "Interned strings", code!("string-interning"))
        .modes()
        .lead("Identifier-like string constants are interned; strings built at run time are not, unless you ask sys.intern."),
    ex("tuple-reuse", "object-reuse", "A tuple comes back from the free list", code!("tuple-reuse"))
        .lead("The freed 2-tuple is not returned to the allocator: the next 2-tuple gets the very same address."),
    ex("array-vs-list", "efficient-data-structures", "list vs array.array vs deque", code!("array-vs-list"))
        .lead("The list's 8,056 bytes are only its pointer array: each of the 1,000 ints is a separate object. The array stores raw 4-byte C ints; the deque, blocks of 64 slots."),
    ex("gc-module", "manual-memory-management", "Driving the collector by hand", code!("gc-module"))
        .doc()
        .lead("gc.collect() returns how many unreachable objects it found; disabling only stops automatic collections."),
    ex("leaky-cache", "memory-leaks", "A leak through a global cache, and its fix", code!("leaky-cache"))
        .lead("Nothing is unreachable here, so the collector cannot help: the dict keeps every entry alive until the program drops them."),
    ex("copies-vs-generators", "high-memory-usage", "A temporary list vs a generator", code!("copies-vs-generators"))
        .lead("Same sum, very different peaks: the list comprehension materialises 10,000 ints at once."),
    ex("per-object-overhead", "overhead-of-python-objects", "What an object costs", code!("per-object-overhead"))
        .lead("Every object pays a 16-byte header (refcount and type); containers pay 16 more for the GC links, and instances 16 more for the managed dict."),
    ex("thousand-floats", "overhead-of-python-objects", "A thousand floats, a thousand headers", code!("thousand-floats"))
        .lead("Play it: as the comprehension fills the list (held by its frame as a temporary), the heap view turns into a grid of 1,000 float objects, 24 bytes each, besides the list's own 8 bytes per slot."),
    ex("getsizeof", "sys-getsizeof", "Measuring a list", code!("getsizeof"))
        .doc()
        .lead("88 = 16 (GC header) + 40 (list object) + 32 (room for 4 item pointers)."),
    ex("shallow-size", "sys-getsizeof", "getsizeof is shallow", code!("shallow-size"))
        .lead("The list's size does not include the strings it refers to: add them yourself (or use a deep-size tool)."),
    ex("memory-profiler", "memory-profiling", "memory_profiler's @profile", code!("memory-profiler"))
        .doc()
        .lead("The decorator prints a table: the memory after each line of the function, the increment, and how often the line ran (the comprehension's line runs once per item).")
        .caveat("memory_profiler is a third-party package measuring the real process (RSS). The simulator models it: Mem usage is the simulated process size — pymalloc arenas and malloc'd blocks — plus a fixed 20 MiB standing for the interpreter itself, so real runs print other numbers."),
    ex("line-memory", "memory-profiling", "The same table, without the package", code!("line-memory"))
        .line_table()
        .lead("The same kind of table, computed by this page from the run for every line of the program: the list stays, the 10 MB bytes object comes and goes, and the memory goes back when the function returns."),
    ex("tracemalloc", "tracemalloc", "Current and peak traced memory", code!("tracemalloc"))
        .doc()
        .lead("A million-element run: the views summarise it. The plot shows traced memory climbing as the list grows: 8 bytes per slot plus a 32-byte int per item."),
    ex("tracemalloc-snapshot", "tracemalloc", "Which line allocated it? take_snapshot", code!("tracemalloc-snapshot"))
        .lead("A snapshot groups the live traces by the line that allocated them: 100 bytes objects of 1,033 bytes each, plus the list."),
    ex("allocation-flow", "memory-allocation-flow", "One object's life", code!("allocation-flow"))
        .lead("Step through it and follow the diagram: allocate → object → references → garbage collection → reclaim."),
    ex("gc-process", "garbage-collection-process", "Thousands of short cycles", code!("gc-process"))
        .lead("Play it (or drag the timeline): gen-0 collections free the dead cycles and promote the survivors.")
        .caveat(GEN0_START),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::SECTIONS;

    /// memory_profiler is not installed for the oracle (and it reads RSS):
    /// for it the simulated table's shape is checked instead.
    const NO_ORACLE: &[&str] = &["memory-profiler"];

    fn oracle(id: &str, mode: RunMode) -> Option<&'static str> {
        macro_rules! outs {
            ($($id:literal),*) => {
                match (id, mode) {
                    $(($id, RunMode::Script) => Some(include_str!(concat!("examples/", $id, ".out"))),)*
                    ("small-int-cache", RunMode::Repl) => Some(include_str!("examples/small-int-cache.repl.out")),
                    ("string-interning", RunMode::Repl) => Some(include_str!("examples/string-interning.repl.out")),
                    _ => None,
                }
            };
        }
        outs!(
            "everything-is-an-object",
            "refcount-basics",
            "refcount",
            "node-cycle",
            "gc-threshold",
            "gc-generations",
            "call-stack",
            "heap-outlives-frame",
            "size-classes",
            "small-int-cache",
            "string-interning",
            "tuple-reuse",
            "array-vs-list",
            "gc-module",
            "leaky-cache",
            "copies-vs-generators",
            "per-object-overhead",
            "thousand-floats",
            "getsizeof",
            "shallow-size",
            "line-memory",
            "tracemalloc",
            "tracemalloc-snapshot",
            "allocation-flow",
            "gc-process"
        )
    }

    #[test]
    fn every_example_prints_what_cpython_printed() {
        for e in EXAMPLES {
            let modes: &[RunMode] = if e.modes { &[RunMode::Script, RunMode::Repl] } else { &[e.mode] };
            for &mode in modes {
                let config = pymem::RunConfig { mode, filename: e.filename(), ..Default::default() };
                let run = pymem::run(e.code, &config);
                if NO_ORACLE.contains(&e.id) {
                    assert_eq!(run.stderr, "", "{} {mode:?}", e.id);
                    assert!(run.stdout.contains("Line #    Mem usage    Increment  Occurrences   Line Contents"), "{}", run.stdout);
                    continue;
                }
                let want = oracle(e.id, mode).unwrap_or_else(|| panic!("no oracle output for {} {mode:?}", e.id));
                assert_eq!(run.stderr, "", "{} {mode:?}", e.id);
                assert_eq!(run.stdout, want, "{} {mode:?}", e.id);
            }
        }
    }

    #[test]
    fn every_subsection_has_an_example_and_every_example_a_section() {
        for s in SECTIONS.iter().filter(|s| s.level == 3) {
            assert!(EXAMPLES.iter().any(|e| e.section == s.slug()), "no example for {}", s.title);
        }
        for e in EXAMPLES {
            assert!(SECTIONS.iter().any(|s| s.slug() == e.section), "{} has no section {}", e.id, e.section);
        }
        let mut ids: Vec<_> = EXAMPLES.iter().map(|e| e.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), EXAMPLES.len(), "duplicate example ids");
    }

    #[test]
    fn the_documents_eight_examples_are_all_here() {
        assert_eq!(EXAMPLES.iter().filter(|e| e.from_document).count(), 8);
    }
}
