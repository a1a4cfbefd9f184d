//! Pure layout: snapshots → positions and paths for the SVG views. No Yew,
//! no DOM, so every rule here is tested natively.
//!
//! The heap graph puts the stack's frames in a left column and the objects
//! in columns by distance from a name (objects a variable refers to first,
//! what they refer to next, …). Objects that only a cycle keeps alive get a
//! band of their own underneath. References are cubic curves: forward edges
//! go left to right; edges back to an earlier column (as in a cycle) loop
//! round the right-hand side.

use std::collections::{HashMap, VecDeque};

use pymem::ids::ObjectId;
use pymem::snapshot::Snapshot;

pub const NODE_W: f64 = 170.0;
pub const NODE_H: f64 = 46.0;
pub const COL_GAP: f64 = 70.0;
pub const ROW_GAP: f64 = 14.0;
pub const FRAME_W: f64 = 140.0;
pub const FRAME_HEAD: f64 = 24.0;
pub const VAR_H: f64 = 22.0;
pub const FRAME_GAP: f64 = 12.0;
pub const BAND_GAP: f64 = 44.0;
/// Room for the garbage band's caption above its objects.
pub const BAND_HEAD: f64 = 30.0;
/// Deeper objects share the last column.
pub const MAX_COLUMNS: usize = 4;
/// Objects drawn at most for the references of one container.
pub const CHILD_CAP: usize = 10;
/// Height of a "more" box.
pub const MORE_H: f64 = 28.0;

#[derive(Clone, Debug, PartialEq)]
pub struct HeapLayout {
    pub width: f64,
    pub height: f64,
    pub frames: Vec<FrameBox>,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgePath>,
    /// Where the band of cyclic garbage starts, if there is any.
    pub garbage_top: Option<f64>,
    /// Summaries of the references not drawn.
    pub more: Vec<MoreBox>,
}

/// "… N more": the references of one container that are not drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MoreBox {
    pub key: String,
    pub x: f64,
    pub y: f64,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FrameBox {
    pub key: String,
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub h: f64,
    pub vars: Vec<VarSlot>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VarSlot {
    pub name: String,
    /// Centre line of the variable's row.
    pub y: f64,
    pub target: ObjectId,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub id: ObjectId,
    /// Index into the snapshot's `objects`.
    pub index: usize,
    pub x: f64,
    pub y: f64,
    /// Only a cycle keeps it alive (a full collection would free it).
    pub garbage: bool,
    /// On a reference cycle.
    pub cyclic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Copy)]
pub enum EdgeKind {
    /// From a name in a frame.
    Name,
    /// From a container or instance.
    Ref,
    /// A reference that is part of a cycle.
    Cycle,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EdgePath {
    pub key: String,
    pub d: String,
    pub label: String,
    pub label_at: (f64, f64),
    pub kind: EdgeKind,
    pub to: ObjectId,
}

/// Lays out one snapshot.
pub fn heap_layout(snap: &Snapshot) -> HeapLayout {
    let index: HashMap<ObjectId, usize> = snap.objects.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let n = snap.objects.len();

    // Frames, top to bottom in call order.
    let mut frames = Vec::new();
    let mut y = 0.0;
    for (i, f) in snap.frames.iter().enumerate() {
        let vars: Vec<VarSlot> = f
            .vars
            .iter()
            .enumerate()
            .map(|(j, (name, target))| VarSlot {
                name: name.clone(),
                y: y + FRAME_HEAD + VAR_H * (j as f64 + 0.5),
                target: *target,
            })
            .collect();
        let h = FRAME_HEAD + VAR_H * vars.len() as f64 + 6.0;
        frames.push(FrameBox { key: format!("{i}:{}", f.name), name: f.name.clone(), x: 0.0, y, h, vars });
        y += h + FRAME_GAP;
    }
    let frames_bottom = (y - FRAME_GAP).max(0.0);

    // Columns by breadth-first distance: from the names, then from garbage.
    // A container shows at most CHILD_CAP of the objects it leads to; the
    // rest are summed up in a "more" box.
    let mut depth: Vec<Option<usize>> = vec![None; n];
    let mut band: Vec<u8> = vec![0; n];
    let mut order: Vec<usize> = Vec::new();
    let mut kids = vec![0usize; n];
    let mut capped = vec![0u64; n];
    let mut bfs = |roots: Vec<usize>, b: u8, depth: &mut Vec<Option<usize>>, order: &mut Vec<usize>| {
        let mut q = VecDeque::new();
        for r in roots {
            if depth[r].is_none() {
                depth[r] = Some(1);
                band[r] = b;
                order.push(r);
                q.push_back(r);
            }
        }
        while let Some(i) = q.pop_front() {
            for (_, c) in &snap.objects[i].refs {
                let Some(&j) = index.get(c) else { continue };
                if depth[j].is_some() {
                    continue;
                }
                depth[j] = Some(depth[i].unwrap_or(1) + 1);
                band[j] = b;
                if kids[i] >= CHILD_CAP {
                    capped[i] += 1;
                    continue;
                }
                kids[i] += 1;
                order.push(j);
                q.push_back(j);
            }
        }
    };
    let named: Vec<usize> =
        frames.iter().flat_map(|f| f.vars.iter()).filter_map(|v| index.get(&v.target).copied()).collect();
    bfs(named, 0, &mut depth, &mut order);
    let garbage_roots: Vec<usize> = snap.garbage.iter().filter_map(|g| index.get(g).copied()).collect();
    bfs(garbage_roots, 1, &mut depth, &mut order);
    // Objects the engine listed without the reference that leads to them
    // (a big container's items past its reference cap): summed up under
    // that container when there is one, drawn apart otherwise.
    let rest: Vec<usize> = (0..n).filter(|&i| depth[i].is_none()).collect();
    if order.iter().any(|&i| snap.objects[i].hidden_refs > 0) {
        for i in rest {
            depth[i] = Some(0);
        }
    } else {
        bfs(rest, 0, &mut depth, &mut order);
    }

    let col_x = |d: usize| FRAME_W + COL_GAP + (d.clamp(1, MAX_COLUMNS) - 1) as f64 * (NODE_W + COL_GAP);
    let mut filled = [[0usize; MAX_COLUMNS + 1]; 2];
    let mut slots = vec![(0.0, 0usize); n];
    for &i in &order {
        let col = depth[i].unwrap_or(1).clamp(1, MAX_COLUMNS);
        let b = band[i] as usize;
        slots[i] = (col_x(col), filled[b][col]);
        filled[b][col] += 1;
    }
    let mut more_slots = Vec::new();
    for &i in &order {
        let count = capped[i] + snap.objects[i].hidden_refs as u64;
        if count > 0 && kids[i] > 0 {
            let col = (depth[i].unwrap_or(1) + 1).clamp(1, MAX_COLUMNS);
            let b = band[i] as usize;
            more_slots.push((i, col, b, filled[b][col], count));
            filled[b][col] += 1;
        }
    }
    let rows = |b: usize| filled[b].iter().copied().max().unwrap_or(0) as f64;
    let main_h = (rows(0) * (NODE_H + ROW_GAP) - ROW_GAP).max(frames_bottom).max(0.0);
    let garbage_top = (rows(1) > 0.0).then_some(main_h + BAND_GAP);
    let band_top = |b: u8| if b == 1 { garbage_top.unwrap_or(0.0) + BAND_HEAD } else { 0.0 };
    let garbage: std::collections::HashSet<ObjectId> = snap.garbage.iter().copied().collect();
    let reach = reachability(snap, &index);
    let mut nodes: Vec<NodeBox> = order
        .iter()
        .map(|&i| {
            let (x, row) = slots[i];
            let id = snap.objects[i].id;
            let cyclic = reach[i][i];
            NodeBox {
                id,
                index: i,
                x,
                y: band_top(band[i]) + row as f64 * (NODE_H + ROW_GAP),
                garbage: garbage.contains(&id),
                cyclic,
            }
        })
        .collect();
    nodes.sort_by_key(|b| b.index);
    let at: HashMap<ObjectId, &NodeBox> = nodes.iter().map(|b| (b.id, b)).collect();

    let mut edges = Vec::new();
    for f in &frames {
        for v in &f.vars {
            if let Some(t) = at.get(&v.target) {
                let (sx, sy) = (f.x + FRAME_W, v.y);
                let (tx, ty) = (t.x, t.y + NODE_H / 2.0);
                let dx = ((tx - sx) / 2.0).max(20.0);
                let c = [(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)];
                edges.push(edge(format!("{}.{}", f.key, v.name), c, String::new(), EdgeKind::Name, v.target));
            }
        }
    }
    let mut max_x: f64 = FRAME_W;
    for b in nodes.iter() {
        max_x = max_x.max(b.x + NODE_W);
        let o = &snap.objects[b.index];
        for (k, (label, target)) in o.refs.iter().enumerate() {
            let Some(t) = at.get(target) else { continue };
            let kind = if reach[index[target]][b.index] { EdgeKind::Cycle } else { EdgeKind::Ref };
            let (sx, sy) = (b.x + NODE_W, b.y + NODE_H / 2.0);
            let c = if t.id == b.id {
                [(sx, b.y + 12.0), (sx + 44.0, b.y - 14.0), (sx + 44.0, b.y + NODE_H + 14.0), (sx, b.y + NODE_H - 12.0)]
            } else if t.x > b.x {
                let (tx, ty) = (t.x, t.y + NODE_H / 2.0);
                let dx = (tx - sx) / 2.0;
                [(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)]
            } else {
                let (tx, ty) = (t.x + NODE_W, t.y + NODE_H / 2.0);
                let out = sx.max(tx) + 36.0 + 10.0 * (k % 3) as f64;
                [(sx, sy), (out, sy), (out, ty), (tx, ty)]
            };
            edges.push(edge(format!("{}>{}#{k}", b.id.0, target.0), c, label.clone(), kind, *target));
        }
    }
    let mut more = Vec::new();
    for (i, col, b, row, count) in more_slots {
        let (x, y) = (col_x(col), band_top(b as u8) + row as f64 * (NODE_H + ROW_GAP));
        let src = nodes.iter().find(|n| n.index == i).expect("drawn");
        let (sx, sy, tx, ty) = (src.x + NODE_W, src.y + NODE_H / 2.0, x, y + MORE_H / 2.0);
        if tx > sx {
            let dx = (tx - sx) / 2.0;
            let c = [(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)];
            edges.push(edge(format!("{}>more", src.id.0), c, "…".into(), EdgeKind::Ref, src.id));
        }
        max_x = max_x.max(x + NODE_W);
        more.push(MoreBox { key: format!("more{}", src.id.0), x, y, count });
    }
    let bottom = match garbage_top {
        Some(top) => top + BAND_HEAD + rows(1) * (NODE_H + ROW_GAP) - ROW_GAP,
        None => main_h,
    };
    HeapLayout { width: max_x + 70.0, height: bottom + 16.0, frames, nodes, edges, garbage_top, more }
}

fn edge(key: String, c: [(f64, f64); 4], label: String, kind: EdgeKind, to: ObjectId) -> EdgePath {
    let d = format!(
        "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
        c[0].0, c[0].1, c[1].0, c[1].1, c[2].0, c[2].1, c[3].0, c[3].1
    );
    // The curve's midpoint (t = 1/2), a little above it.
    let label_at = (
        (c[0].0 + 3.0 * c[1].0 + 3.0 * c[2].0 + c[3].0) / 8.0,
        (c[0].1 + 3.0 * c[1].1 + 3.0 * c[2].1 + c[3].1) / 8.0 - 3.0,
    );
    EdgePath { key, d, label, label_at, kind, to }
}

/// `reach[a][b]`: object `b` can be reached from `a` by one or more
/// references (so `reach[a][a]` means `a` is on a cycle).
fn reachability(snap: &Snapshot, index: &HashMap<ObjectId, usize>) -> Vec<Vec<bool>> {
    let n = snap.objects.len();
    let adj: Vec<Vec<usize>> =
        snap.objects.iter().map(|o| o.refs.iter().filter_map(|(_, c)| index.get(c).copied()).collect()).collect();
    (0..n)
        .map(|s| {
            let mut seen = vec![false; n];
            let mut stack: Vec<usize> = adj[s].clone();
            while let Some(i) = stack.pop() {
                if !seen[i] {
                    seen[i] = true;
                    stack.extend(adj[i].iter().copied());
                }
            }
            seen
        })
        .collect()
}

/// Scales a series into a `w`×`h` box as an SVG polyline's points (x by
/// index, y from 0 at the bottom to `max` at the top).
pub fn polyline(values: &[u64], max: u64, w: f64, h: f64) -> String {
    let n = values.len();
    let max = max.max(1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let x = if n <= 1 { 0.0 } else { w * i as f64 / (n - 1) as f64 };
            format!("{:.1},{:.1}", x, h - h * (v as f64 / max))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The x of point `i` of `n` across a width `w` (as [`polyline`] places it).
pub fn x_of(i: usize, n: usize, w: f64) -> f64 {
    if n <= 1 {
        0.0
    } else {
        w * i as f64 / (n - 1) as f64
    }
}

/// A round number of bytes as people read it: 512 B, 1.5 KiB, 38.6 MiB.
pub fn bytes(n: u64) -> String {
    const K: f64 = 1024.0;
    let f = n as f64;
    if f < K {
        format!("{n} B")
    } else if f < K * K {
        format!("{:.1} KiB", f / K)
    } else if f < K * K * K {
        format!("{:.1} MiB", f / K / K)
    } else {
        format!("{:.2} GiB", f / K / K / K)
    }
}

/// How a size class's pools are drawn: `shown` cells, each filled to a
/// fraction, and how many pools did not fit.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolCells {
    pub fills: Vec<f64>,
    pub hidden: u64,
}

/// Pools of one size class as cells: the blocks in use fill the pools in
/// order (full pools first), at most `max` cells.
pub fn pool_cells(pools: u64, used: u64, avail: u64, max: usize) -> PoolCells {
    let per_pool = (used + avail).checked_div(pools).unwrap_or(1).max(1);
    let shown = pools.min(max as u64);
    let mut left = used;
    let fills = (0..shown)
        .map(|_| {
            let take = left.min(per_pool);
            left -= take;
            take as f64 / per_pool as f64
        })
        .collect();
    PoolCells { fills, hidden: pools - shown }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The snapshot taken as `line` starts, from a real run.
    fn snapshot_of(code: &str, line: u32) -> Snapshot {
        let run = pymem::run(code, &pymem::RunConfig { record: true, ..Default::default() });
        run.snapshots.into_iter().find(|s| s.line == line).expect("a snapshot at that line")
    }

    fn overlap(a: &NodeBox, b: &NodeBox) -> bool {
        a.x < b.x + NODE_W && b.x < a.x + NODE_W && a.y < b.y + NODE_H && b.y < a.y + NODE_H
    }

    #[test]
    fn names_point_at_their_objects_and_boxes_never_overlap() {
        let snap = snapshot_of("x = [1, 2, 3]\ny = x\nz = (x, 'a')\npass\n", 4);
        let l = heap_layout(&snap);
        assert_eq!(l.frames.len(), 1);
        let names: Vec<&str> = l.frames[0].vars.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["x", "y", "z"]);
        assert_eq!(l.edges.iter().filter(|e| e.kind == EdgeKind::Name).count(), 3);
        for (i, a) in l.nodes.iter().enumerate() {
            for b in &l.nodes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} overlaps {b:?}");
            }
            assert!(a.x >= FRAME_W && a.x + NODE_W <= l.width && a.y + NODE_H <= l.height);
        }
        // The list is one column right of the names; its ints one further.
        let list = l.nodes.iter().find(|b| snap.objects[b.index].type_name == "list").unwrap();
        let one = l.nodes.iter().find(|b| snap.objects[b.index].label == "1").unwrap();
        assert!(one.x > list.x);
    }

    #[test]
    fn a_cycle_is_marked_and_dropped_cycles_get_their_own_band() {
        let code = "class N:\n    pass\na = N()\nb = N()\na.o = b\nb.o = a\ndel a, b\npass\n";
        let live = heap_layout(&snapshot_of(code, 7));
        assert!(live.garbage_top.is_none());
        assert!(live.edges.iter().any(|e| e.kind == EdgeKind::Cycle && e.label == ".o"));
        assert_eq!(live.nodes.iter().filter(|b| b.cyclic).count(), 2);
        let dead = heap_layout(&snapshot_of(code, 8));
        let top = dead.garbage_top.expect("a garbage band");
        let g: Vec<&NodeBox> = dead.nodes.iter().filter(|b| b.garbage).collect();
        assert_eq!(g.len(), 2);
        assert!(g.iter().all(|b| b.y > top && b.cyclic));
    }

    #[test]
    fn a_big_container_shows_a_few_items_and_sums_up_the_rest() {
        let snap = snapshot_of("x = list(range(1000, 2000))\npass\n", 2);
        let l = heap_layout(&snap);
        let items = l.nodes.iter().filter(|b| snap.objects[b.index].type_name == "int").count();
        assert_eq!(items, CHILD_CAP);
        assert_eq!(l.more.len(), 1);
        assert_eq!(l.more[0].count as usize, 1000 - CHILD_CAP);
    }

    #[test]
    fn call_frames_stack_downwards() {
        let snap = snapshot_of("def f(n):\n    return n\nf(5)\n", 2);
        let l = heap_layout(&snap);
        assert_eq!(l.frames.len(), 2);
        assert!(l.frames[1].y >= l.frames[0].y + l.frames[0].h);
    }

    #[test]
    fn series_and_sizes() {
        assert_eq!(polyline(&[0, 5, 10], 10, 100.0, 50.0), "0.0,50.0 50.0,25.0 100.0,0.0");
        assert_eq!(x_of(1, 3, 100.0), 50.0);
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1536), "1.5 KiB");
        assert_eq!(bytes(40 << 20), "40.0 MiB");
    }

    #[test]
    fn pools_fill_in_order() {
        let c = pool_cells(3, 1200, 330, 64);
        assert_eq!(c.fills.len(), 3);
        assert_eq!(c.fills[0], 1.0);
        assert!(c.fills[2] < 1.0 && c.fills[2] > 0.0);
        assert_eq!(pool_cells(100, 10, 0, 8).hidden, 92);
    }
}
