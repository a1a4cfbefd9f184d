//! The recorded timeline and snapshots of the document's circular-reference
//! example: what the page replays.

use pymem::snapshot::Snapshot;
use pymem::timeline::Event;
use pymem::RunConfig;

const NODE_CYCLE: &str = "\
import gc

class Node:
    def __init__(self, value):
        self.value = value
        self.next = None

a = Node(1)
b = Node(2)
a.next = b
b.next = a
del a, b
print(gc.collect())
";

fn recorded() -> pymem::Run {
    pymem::run(NODE_CYCLE, &RunConfig { record: true, ..RunConfig::default() })
}

fn nodes(s: &Snapshot) -> Vec<&pymem::snapshot::ObjView> {
    s.objects.iter().filter(|o| o.type_name == "Node").collect()
}

#[test]
fn the_cycle_survives_del_and_the_collection_frees_it() {
    let run = recorded();
    assert_eq!(run.stdout, "2\n");
    // Before `del a, b` (line 12) both nodes are reachable from the globals,
    // each with two references: a name and the other node's attribute.
    let before_del = run.snapshots.iter().find(|s| s.line == 12).expect("a snapshot at line 12");
    let shown = nodes(before_del);
    assert_eq!(shown.len(), 2);
    assert!(shown.iter().all(|o| o.refcount == 2), "{shown:?}");
    // The collection reports the two unreachable nodes, then they are freed.
    let events: Vec<&Event> = run.timeline.iter().map(|s| &s.event).collect();
    let done = events
        .iter()
        .position(|e| matches!(e, Event::Collect(r) if r.total() == 2))
        .expect("a collection that freed two objects");
    let start = events[..done].iter().rposition(|e| matches!(e, Event::CollectStart { generation: 2 })).expect("its start");
    let freed_nodes = events[start..done].iter().filter(|e| matches!(e, Event::Free { type_name, .. } if type_name == "Node")).count();
    assert_eq!(freed_nodes, 2);
    let allocs = events.iter().filter(|e| matches!(e, Event::Alloc { type_name, where_: Some(_), .. } if type_name == "Node")).count();
    assert_eq!(allocs, 2);
}

#[test]
fn frames_are_pushed_and_popped_and_snapshots_show_them() {
    let run = recorded();
    let pushes = run.timeline.iter().filter(|s| matches!(&s.event, Event::FramePush { name, .. } if name == "Node.__init__")).count();
    let pops = run.timeline.iter().filter(|s| matches!(&s.event, Event::FramePop { name, .. } if name == "Node.__init__")).count();
    assert_eq!((pushes, pops), (2, 2));
    let class_body = run.snapshots.iter().find(|s| s.frames.len() == 2).expect("a snapshot in a nested frame");
    assert_eq!(class_body.frames[1].name, "Node", "the class body runs first, in its own frame");
    let inside = run
        .snapshots
        .iter()
        .find(|s| s.frames.len() == 2 && s.frames[1].name == "Node.__init__")
        .expect("a snapshot inside __init__");
    assert!(inside.frames[1].vars.iter().any(|(n, _)| n == "self"));
    // Snapshots are in step order and end with the final state.
    assert!(run.snapshots.windows(2).all(|w| w[0].step <= w[1].step));
    assert!(run.snapshots.last().unwrap().gc.collections[2] >= 1);
}

#[test]
fn recording_is_off_by_default_and_does_not_change_the_output() {
    let plain = pymem::run(NODE_CYCLE, &RunConfig::default());
    assert!(plain.timeline.is_empty() && plain.snapshots.is_empty());
    assert_eq!(plain.stdout, recorded().stdout);
}

// Objects only the value stack holds: temporaries with no name.

fn record(src: &str) -> pymem::Run {
    pymem::run(src, &RunConfig { record: true, ..RunConfig::default() })
}

#[test]
fn lines_that_run_once_after_a_long_loop_keep_their_snapshot() {
    let src = "total = 0\nfor i in range(150000):\n    total += i\nprint(total)\nx = [total]\ndel x\ny = 2\n";
    let run = record(src);
    assert_eq!(run.stdout, "11249925000\n");
    assert!(run.snapshots.len() <= pymem::timeline::MAX_SNAPSHOTS, "{}", run.snapshots.len());
    for line in 1..=7 {
        assert!(run.snapshots.iter().any(|s| s.line == line), "no snapshot at line {line}");
    }
    // The loop is thinned, not dropped: its snapshots still cover the run.
    let in_loop = run.snapshots.iter().filter(|s| s.line == 3).count();
    assert!((500..=1100).contains(&in_loop), "{in_loop}");
    assert!(run.snapshots.windows(2).all(|w| w[0].step < w[1].step));
}

#[test]
fn calls_in_a_long_loop_keep_snapshots_inside_and_after_each_sampled_call() {
    let src = "def f(x):\n    return x + 1\nn = 0\nfor i in range(60000):\n    n = f(n)\nprint(n)\n";
    let run = record(src);
    assert!(run.snapshots.len() <= pymem::timeline::MAX_SNAPSHOTS);
    let last_step = run.snapshots.last().unwrap().step;
    let late_calls = run.snapshots.iter().filter(|s| s.frames.len() == 2 && s.step > last_step / 2).count();
    assert!(late_calls >= 100, "calls late in the run are sampled too: {late_calls}");
    assert!(run.snapshots.iter().any(|s| s.line == 6));
    // The same program keeps the same snapshots.
    let again: Vec<u64> = record(src).snapshots.iter().map(|s| s.step).collect();
    assert_eq!(again, run.snapshots.iter().map(|s| s.step).collect::<Vec<_>>());
}

#[test]
fn the_pool_grid_fills_and_empties_as_the_program_runs() {
    let run = record("x = [i for i in range(200000)]\ndel x\ny = 1\n");
    let at = |line| run.snapshots.iter().rev().find(|s| s.line == line).expect("a snapshot");
    // 32-byte blocks (ints) in use, over the drawn arenas.
    let ints = |s: &Snapshot| -> u64 {
        s.alloc.grid.iter().flat_map(|a| &a.pools).filter(|p| p.class().map(|c| c.block_size()) == Some(32)).map(|p| p.used() as u64).sum()
    };
    let (start, full, freed) = (&run.snapshots[0], at(2), at(3));
    assert!(ints(full) >= ints(start) + 199_000, "{} -> {}", ints(start), ints(full));
    assert!(ints(freed) + 199_000 <= ints(full));
    assert!(full.alloc.grid.len() >= start.alloc.grid.len() + 6, "the ints fill new arenas");
    assert!(freed.alloc.grid.len() < full.alloc.grid.len(), "emptied arenas are returned");
    assert_eq!(freed.alloc.grid.len() as u64, freed.alloc.arenas);
    // The list's item buffer is the largest raw allocation while it lives.
    assert!(full.alloc.raw_largest[0] >= 8 * 200_000);
    assert!(freed.alloc.raw_largest.first().is_none_or(|&b| b < 8 * 200_000));
    // Every snapshot in between shows the list's arenas filling up.
    let counts: Vec<usize> = run.snapshots.iter().filter(|s| s.line == 1).map(|s| s.alloc.grid.len()).collect();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
}

#[test]
fn a_comprehension_list_is_held_by_its_frame_as_a_temporary() {
    // The document's tracemalloc example: mid-comprehension, the list being
    // built is on the <listcomp> frame's value stack and nowhere else.
    let run = record(include_str!("../../../src/content/examples/tracemalloc.py"));
    let mid = run
        .snapshots
        .iter()
        .filter(|s| s.frames.last().is_some_and(|f| f.name == "<listcomp>"))
        .nth(10)
        .expect("snapshots inside the comprehension");
    let comp = mid.frames.last().unwrap();
    let held: Vec<&pymem::snapshot::ObjView> =
        comp.stack.iter().map(|id| mid.objects.iter().find(|o| o.id == *id).expect("listed")).collect();
    let list = held.iter().find(|o| o.type_name == "list").expect("the list on the stack");
    assert!(list.label.starts_with("list of ") && list.label.ends_with(" ints"), "{}", list.label);
    assert_eq!(list.refcount, 1, "only the stack refers to it");
    assert!(held.iter().any(|o| o.type_name == "range_iterator"), "the loop's iterator too");
    assert!(comp.vars.iter().all(|(_, v)| *v != list.id), "no name refers to it");
    // A million-item list is summed up: a few items listed, the rest counted.
    assert!(list.refs.len() <= pymem::snapshot::MAX_REFS && list.hidden_refs > 0);
    // Once the comprehension returns, the list has a name and no frame
    // holds it as a temporary.
    let end = run.snapshots.last().unwrap();
    assert!(end.frames.iter().all(|f| f.stack.is_empty()), "{:?}", end.frames);
    let x = end.frames[0].vars.iter().find(|(n, _)| n == "x").expect("x").1;
    assert_eq!(end.objects.iter().find(|o| o.id == x).unwrap().label, "list of 1,000,000 ints");
}

#[test]
fn a_temporary_argument_is_on_the_callers_stack() {
    // While g runs, f (the callable about to be called) waits on the
    // module frame's stack; the builtins (len) are not the program's.
    let run = record("def f(v):\n    return v\ndef g(v):\n    return [v]\nx = f(g(len('ab')))\n");
    let in_g = run.snapshots.iter().find(|s| s.frames.last().is_some_and(|f| f.name == "g")).expect("inside g");
    let module = &in_g.frames[0];
    let names: Vec<&str> = module
        .stack
        .iter()
        .map(|id| in_g.objects.iter().find(|o| o.id == *id).unwrap().label.as_str())
        .collect();
    assert_eq!(names, ["<function f>"]);
}

#[test]
fn a_thousand_small_objects_are_all_listed_and_big_runs_stay_bounded() {
    let run = record("objs = []\nfor i in range(1000):\n    objs.append([i])\nprint(len(objs))\n");
    let end = run.snapshots.last().unwrap();
    let lists = end.objects.iter().filter(|o| o.type_name == "list").count();
    assert_eq!(lists, 1001);
    let objs = end.objects.iter().find(|o| o.label == "list of 1,000 lists").unwrap();
    assert_eq!((objs.refs.len(), objs.hidden_refs), (1000, 0));
    assert!(end.objects.len() <= pymem::snapshot::MAX_OBJECTS);
    let listed: usize = run.snapshots.iter().map(|s| s.objects.len()).sum();
    assert!(listed <= pymem::timeline::OBJECT_BUDGET + pymem::snapshot::MAX_OBJECTS, "{listed}");
    assert!(run.snapshots.len() >= 64, "still enough steps to play: {}", run.snapshots.len());
}

#[test]
fn function_like_objects_are_labelled_as_their_repr_says() {
    let run = record("from memory_profiler import profile\n\n@profile\ndef f():\n    return 1\n\ng = len\nh = [].append\nx = 1\n");
    let end = run.snapshots.last().unwrap();
    let var = |name: &str| {
        let id = end.frames[0].vars.iter().find(|(n, _)| n == name).unwrap().1;
        end.objects.iter().find(|o| o.id == id).unwrap().label.clone()
    };
    assert_eq!(var("f"), "<function f>", "memory_profiler's wrapper is a function in CPython");
    assert_eq!(var("g"), "<built-in function len>");
    assert_eq!(var("h"), "<built-in method append>");
}

#[test]
fn a_defaultdict_shows_its_factory_as_a_reference() {
    let run = record("from collections import defaultdict\nd = defaultdict(list)\nd['a'].append(1)\nx = 1\n");
    let end = run.snapshots.last().unwrap();
    let id = end.frames[0].vars.iter().find(|(n, _)| n == "d").unwrap().1;
    let d = end.objects.iter().find(|o| o.id == id).unwrap();
    let labels: Vec<&str> = d.refs.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["default_factory", "key 'a'", "['a']"]);
    let factory = end.objects.iter().find(|o| o.id == d.refs[0].1).unwrap();
    assert_eq!(factory.type_name, "type");
}

#[test]
fn constants_no_code_keeps_are_freed_in_the_same_order_every_run() {
    // The fromlist tuples of relative imports are constants no code object
    // holds: they are freed when the unit's constant table goes. Every run
    // of the same program must record the same timeline.
    let src = "try:\n    from . import a\nexcept ImportError:\n    pass\ntry:\n    from .b import c\nexcept ImportError:\n    pass\nfrom .. import d, e\n";
    let first = record(src).timeline;
    assert!(first.iter().filter(|e| matches!(&e.event, Event::Free { type_name, .. } if type_name == "tuple")).count() >= 3);
    for _ in 0..8 {
        assert!(record(src).timeline == first, "the timeline changed between runs");
    }
}
