//! The source document's two mermaid diagrams ("Memory Allocation Flow",
//! "Garbage Collection Process") as positioned nodes and edges in mermaid's
//! top-down layout, and what a step of a real run lights up on them, with
//! the counters shown on the edges. Pure: tested natively.

use pymem::gc::Reason;

use crate::content::Diagram;
use crate::trace::Trace;

#[derive(Clone, Debug, PartialEq)]
pub struct DNode {
    pub key: &'static str,
    pub label: &'static str,
    /// Centre.
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DEdge {
    pub key: &'static str,
    pub label: &'static str,
    pub d: String,
    pub label_at: (f64, f64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct DLayout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<DNode>,
    pub edges: Vec<DEdge>,
}

const NW: f64 = 210.0;
const NH: f64 = 42.0;
const RANK: f64 = 104.0;

fn node(key: &'static str, label: &'static str, x: f64, rank: usize) -> DNode {
    DNode { key, label, x, y: 30.0 + RANK * rank as f64, w: NW, h: NH }
}

/// A straight edge from the bottom of `a` to the top of `b`.
fn down(key: &'static str, label: &'static str, a: &DNode, b: &DNode) -> DEdge {
    let (x1, y1, x2, y2) = (a.x, a.y + a.h / 2.0, b.x, b.y - b.h / 2.0);
    let d = format!("M{x1:.1},{y1:.1} C{x1:.1},{:.1} {x2:.1},{:.1} {x2:.1},{y2:.1}", y1 + 25.0, y2 - 25.0);
    DEdge { key, label, d, label_at: ((x1 + x2) / 2.0, (y1 + y2) / 2.0 + 4.0) }
}

/// An edge leaving `a`'s right side and entering `b` from the side at `lane`.
fn around(key: &'static str, label: &'static str, a: &DNode, b: &DNode, lane: f64, into_top: bool) -> DEdge {
    let (x1, y1) = (a.x + a.w / 2.0, a.y);
    let (x2, y2) =
        if into_top { (b.x + b.w * 0.2 + (lane - 300.0) * 0.3, b.y - b.h / 2.0) } else { (b.x + b.w / 2.0, b.y) };
    let d = if into_top {
        format!("M{x1:.1},{y1:.1} C{lane:.1},{y1:.1} {lane:.1},{y1:.1} {lane:.1},{:.1} L{lane:.1},{:.1} C{lane:.1},{:.1} {x2:.1},{:.1} {x2:.1},{y2:.1}",
            y1 + 30.0, y2 - 40.0, y2 - 10.0, y2 - 30.0)
    } else {
        format!("M{x1:.1},{y1:.1} C{lane:.1},{y1:.1} {lane:.1},{y2:.1} {x2:.1},{y2:.1}")
    };
    DEdge { key, label, d, label_at: (lane, (y1 + y2) / 2.0) }
}

pub fn layout(d: Diagram) -> DLayout {
    match d {
        Diagram::AllocationFlow => {
            let x = 150.0;
            let nodes = vec![
                node("A", "Private Heap Space", x, 0),
                node("B", "Memory Allocators", x, 1),
                node("C", "Objects (int, str, list, etc.)", x, 2),
                node("D", "Reference Counting", x, 3),
                node("E", "Garbage Collection", x, 4),
            ];
            let edges = vec![
                down("A-B", "Managed by Memory Manager", &nodes[0], &nodes[1]),
                down("B-C", "Allocates", &nodes[1], &nodes[2]),
                down("C-D", "References", &nodes[2], &nodes[3]),
                down("D-E", "Handles", &nodes[3], &nodes[4]),
                around("E-A", "Reclaims", &nodes[4], &nodes[0], 330.0, false),
            ];
            DLayout { width: 420.0, height: 30.0 + RANK * 4.0 + 40.0, nodes, edges }
        }
        Diagram::GcProcess => {
            let x = 140.0;
            let nodes = vec![
                node("G0", "Generation 0", x, 0),
                node("G1", "Generation 1", x, 1),
                node("G2", "Generation 2", x, 2),
                node("GC", "Garbage Collector", x + 60.0, 3),
            ];
            let edges = vec![
                down("G0-G1", "Promote if survives", &nodes[0], &nodes[1]),
                down("G1-G2", "Promote if survives", &nodes[1], &nodes[2]),
                around("G0-GC", "Collect frequently", &nodes[0], &nodes[3], 420.0, true),
                around("G1-GC", "Collect less frequently", &nodes[1], &nodes[3], 340.0, true),
                down("G2-GC", "Collect rarely", &nodes[2], &nodes[3]),
            ];
            DLayout { width: 500.0, height: 30.0 + RANK * 3.0 + 40.0, nodes, edges }
        }
    }
}

/// What one step lights up, and the counters so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Activity {
    pub nodes: Vec<&'static str>,
    pub edges: Vec<&'static str>,
    /// Edge key → counter text.
    pub counters: Vec<(&'static str, String)>,
    /// Node key → a second line (live numbers).
    pub details: Vec<(&'static str, String)>,
    /// One sentence on what lit up.
    pub caption: String,
}

pub fn activity(d: Diagram, trace: &Trace, at: usize) -> Activity {
    let Some(p) = trace.points.get(at) else { return Activity::default() };
    let prev = at.checked_sub(1).and_then(|i| trace.points.get(i));
    let (delta, totals, snap) = (&p.delta, &p.totals, &p.snap);
    let mut a = Activity::default();
    let mut said: Vec<String> = Vec::new();
    match d {
        Diagram::AllocationFlow => {
            let gc_freed: u64 = delta.collects.iter().map(|c| c.collected as u64).sum();
            let rc_freed = delta.frees.saturating_sub(gc_freed);
            if prev.is_some_and(|q| q.snap.alloc.arenas != snap.alloc.arenas) {
                a.nodes.extend(["A", "B"]);
                a.edges.push("A-B");
                said.push(format!("the heap now has {} arenas", snap.alloc.arenas));
            }
            if delta.allocs > 0 {
                a.nodes.extend(["B", "C"]);
                a.edges.push("B-C");
                said.push(format!("{} allocated", plural(delta.allocs, "object")));
            }
            // By id (a snapshot lists up to 1,200 objects: no pairwise scan).
            let rc_changed = prev.is_some_and(|q| {
                let before: std::collections::HashMap<_, _> = q.snap.objects.iter().map(|b| (b.id, b.refcount)).collect();
                snap.objects.iter().any(|o| !o.cached && before.get(&o.id).is_some_and(|&rc| rc != o.refcount))
            });
            if rc_changed {
                a.nodes.extend(["C", "D"]);
                a.edges.push("C-D");
                said.push("reference counts changed".into());
            }
            if rc_freed > 0 {
                a.nodes.extend(["D", "A"]);
                a.edges.push("E-A");
                said.push(format!("{} freed by reference counting", plural(rc_freed, "object")));
            }
            if !delta.collects.is_empty() {
                a.nodes.extend(["D", "E", "A"]);
                a.edges.extend(["D-E", "E-A"]);
                said.push(format!("the collector freed {}", plural(gc_freed, "object")));
            }
            a.counters = vec![
                ("A-B", plural(snap.alloc.arenas, "arena")),
                ("B-C", plural(totals.allocs, "allocation")),
                ("C-D", format!("{} live", snap.live_objects)),
                ("D-E", plural(snap.gc.collections.iter().sum(), "collection")),
                ("E-A", format!("{} freed, {} by GC", totals.frees, totals.gc_freed)),
            ];
            a.details = vec![
                ("A", format!("{} mapped", crate::geometry::bytes(snap.alloc.mapped_bytes))),
                ("C", format!("{} live objects", snap.live_objects)),
            ];
        }
        Diagram::GcProcess => {
            let gens = ["G0", "G1", "G2"];
            for c in &delta.collects {
                let g = c.generation.min(2);
                a.nodes.extend(gens[..=g].iter().copied());
                a.nodes.push("GC");
                a.edges.push(["G0-GC", "G1-GC", "G2-GC"][g]);
                if g < 2 && c.promoted > 0 {
                    a.edges.push(["G0-G1", "G1-G2"][g]);
                    a.nodes.push(gens[g + 1]);
                }
                let why = if c.reason == Reason::Manual { "gc.collect()" } else { "automatic" };
                said.push(format!(
                    "generation {g} collected ({why}): {} freed, {} promoted",
                    c.collected,
                    if g < 2 { c.promoted } else { 0 }
                ));
            }
            if delta.collects.is_empty() && prev.is_some_and(|q| q.snap.gc.count[0] < snap.gc.count[0]) {
                a.nodes.push("G0");
                said.push(format!("generation 0 count rose to {}", snap.gc.count[0]));
            }
            let c = snap.gc.collections;
            a.counters = vec![
                ("G0-G1", format!("{} promoted", totals.promoted[0])),
                ("G1-G2", format!("{} promoted", totals.promoted[1])),
                ("G0-GC", plural(c[0], "collection")),
                ("G1-GC", plural(c[1], "collection")),
                ("G2-GC", plural(c[2], "collection")),
            ];
            a.details = (0..3)
                .map(|g| {
                    (gens[g], format!("{} / {} · {} tracked", snap.gc.count[g], snap.gc.threshold[g], snap.gc.size[g]))
                })
                .collect();
            a.details.push(("GC", format!("{} objects freed so far", totals.gc_freed)));
        }
    }
    a.nodes.sort_unstable();
    a.nodes.dedup();
    a.caption = if said.is_empty() {
        "Nothing on this diagram changed at this step.".into()
    } else {
        capitalise(&said.join("; "))
    };
    a
}

fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default() + "."
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{execute, Job};

    fn trace(code: &str) -> Trace {
        execute(&Job { id: 1, code: code.into(), mode: pymem::RunMode::Script, filename: "t.py".into() })
    }

    #[test]
    fn layouts_match_the_documents_graphs() {
        let f = layout(Diagram::AllocationFlow);
        assert_eq!(f.nodes.len(), 5);
        assert_eq!(
            f.edges.iter().map(|e| e.label).collect::<Vec<_>>(),
            ["Managed by Memory Manager", "Allocates", "References", "Handles", "Reclaims"]
        );
        // Top-down: each node below the one before.
        assert!(f.nodes.windows(2).all(|w| w[1].y > w[0].y));
        let g = layout(Diagram::GcProcess);
        assert_eq!(g.nodes.len(), 4);
        assert_eq!(g.edges.len(), 5);
        for l in [f, g] {
            assert!(l.nodes.iter().all(|n| n.x + n.w / 2.0 <= l.width && n.y + n.h / 2.0 <= l.height));
        }
    }

    #[test]
    fn a_step_lights_what_it_did() {
        let t = trace("import gc\nclass N:\n    pass\na = N()\na.me = a\nx = [1]\ndel x\ndel a\ngc.collect()\n");
        let line = |l: u32| t.points.iter().position(|p| p.snap.line == l).unwrap();
        // The step that ran `x = [1]` allocated; the one that ran `del x` freed by refcount.
        let alloc = activity(Diagram::AllocationFlow, &t, line(7));
        assert!(alloc.edges.contains(&"B-C"), "{alloc:?}");
        let freed = activity(Diagram::AllocationFlow, &t, line(8));
        assert!(freed.edges.contains(&"E-A") && freed.caption.contains("reference counting"), "{freed:?}");
        let collected = activity(Diagram::AllocationFlow, &t, t.last());
        assert!(collected.edges.contains(&"D-E"), "{collected:?}");
        let gc = activity(Diagram::GcProcess, &t, t.last());
        assert!(gc.edges.contains(&"G2-GC") && gc.nodes.contains(&"GC"), "{gc:?}");
        assert!(gc.counters.contains(&("G2-GC", "1 collection".into())));
    }
}
