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
