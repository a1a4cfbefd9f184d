//! Pure layout: snapshots → positions and paths for the SVG views. No Yew,
//! no DOM, so every rule here is tested natively.
//!
//! The heap graph puts the stack's frames in a left column (their names,
//! then the temporaries on their value stacks) and the objects in columns by
//! distance from a name (objects a variable refers to first, what they refer
//! to next, …). Objects that only a cycle keeps alive get a band of their
//! own underneath. References are cubic curves: forward edges go left to
//! right; edges back to an earlier column (as in a cycle) loop round the
//! right-hand side.
//!
//! A crowded heap (more than [`COMPACT_FROM`] objects) is drawn compact: the
//! objects names (and temporaries) refer to keep their full boxes; under
//! them and the frames, everything they lead to becomes a small cell (value
//! and refcount) in a grid, by distance, each full box's items in rows of
//! their own at their index, tied to the box by a bracket; the view draws
//! the arrows of one object at a time ([`focus_edges`]).

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
/// Objects drawn at most for the references of one container (detailed
/// layout).
pub const CHILD_CAP: usize = 10;
/// Height of a "more" box.
pub const MORE_H: f64 = 28.0;
/// Garbage objects drawn as full boxes in a compact layout; the rest are cells.
pub const GARBAGE_FULL_BOXES: usize = 6;
/// Objects in a snapshot from which the compact layout is used.
pub const COMPACT_FROM: usize = 60;
/// A compact cell.
pub const CELL_W: f64 = 58.0;
pub const CELL_H: f64 = 24.0;
pub const CELL_GAP: f64 = 4.0;
/// Cells per grid row: the grid is about as wide as the frames and first
/// column above it, so it fits a panel without shrinking much.
pub const GRID_COLS: usize = 10;
/// The grid's left edge (room for the brackets) and its distance below
/// the frames and full boxes.
pub const GRID_X: f64 = 24.0;
pub const GRID_TOP_GAP: f64 = 30.0;
/// Extra room between the rows of two distances in the grid, and the
/// caption's line there.
pub const GRID_GROUP_GAP: f64 = 6.0;
pub const GRID_NOTE_H: f64 = 16.0;
const DEEPER_NOTE: &str = "What those refer to (point at a cell for its arrows):";

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
    /// Drawn compact (small cells for most objects).
    pub compact: bool,
    /// Compact layout: the brackets tying each full box to the rows of its
    /// items, as one path.
    pub fan: String,
    /// Compact layout: captions in the grid.
    pub notes: Vec<GridNote>,
}

/// A caption between the grid's rows (its baseline at `y`).
#[derive(Clone, Debug, PartialEq)]
pub struct GridNote {
    pub x: f64,
    pub y: f64,
    pub text: String,
}

/// "… N more": the references of one container that are not drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct MoreBox {
    pub key: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
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
    /// The variable's name, or "(temp)" for a value-stack entry.
    pub name: String,
    /// Centre line of the variable's row.
    pub y: f64,
    pub target: ObjectId,
    /// A value-stack entry rather than a name.
    pub temp: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    pub id: ObjectId,
    /// Index into the snapshot's `objects`.
    pub index: usize,
    pub x: f64,
    pub y: f64,
    /// Drawn as a small cell (compact layout) rather than a full box.
    pub cell: bool,
    /// Only a cycle keeps it alive (a full collection would free it).
    pub garbage: bool,
    /// On a reference cycle.
    pub cyclic: bool,
}

impl NodeBox {
    pub fn w(&self) -> f64 {
        if self.cell {
            CELL_W
        } else {
            NODE_W
        }
    }
    pub fn h(&self) -> f64 {
        if self.cell {
            CELL_H
        } else {
            NODE_H
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Copy)]
pub enum EdgeKind {
    /// From a name in a frame.
    Name,
    /// From a frame's value stack (a temporary).
    Temp,
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
    let compact = n > COMPACT_FROM;

    // Frames, top to bottom in call order: names, then temporaries.
    let mut frames = Vec::new();
    let mut y = 0.0;
    for (i, f) in snap.frames.iter().enumerate() {
        let slots = f.vars.iter().map(|(name, t)| (name.clone(), *t, false));
        let temps = f.stack.iter().map(|t| ("(temp)".to_string(), *t, true));
        let vars: Vec<VarSlot> = slots
            .chain(temps)
            .enumerate()
            .map(|(j, (name, target, temp))| VarSlot { name, y: y + FRAME_HEAD + VAR_H * (j as f64 + 0.5), target, temp })
            .collect();
        let h = FRAME_HEAD + VAR_H * vars.len() as f64 + 6.0;
        frames.push(FrameBox { key: format!("{i}:{}", f.name), name: f.name.clone(), x: 0.0, y, h, vars });
        y += h + FRAME_GAP;
    }
    let frames_bottom = (y - FRAME_GAP).max(0.0);

    // Columns by breadth-first distance: from the names, then from garbage.
    // In the detailed layout a container shows at most CHILD_CAP of the
    // objects it leads to; the rest are summed up in a "more" box.
    let child_cap = if compact { usize::MAX } else { CHILD_CAP };
    let mut depth: Vec<Option<usize>> = vec![None; n];
    let mut band: Vec<u8> = vec![0; n];
    let mut order: Vec<usize> = Vec::new();
    let mut kids = vec![0usize; n];
    let mut capped = vec![0u64; n];
    let mut parent: Vec<Option<usize>> = vec![None; n];
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
                if kids[i] >= child_cap {
                    capped[i] += 1;
                    continue;
                }
                kids[i] += 1;
                parent[j] = Some(i);
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
    let more_counts: Vec<(usize, u64)> = order
        .iter()
        .map(|&i| (i, capped[i] + snap.objects[i].hidden_refs as u64))
        .filter(|&(i, count)| count > 0 && kids[i] > 0)
        .collect();

    let garbage: std::collections::HashSet<ObjectId> = snap.garbage.iter().copied().collect();
    let scc = cycles(snap, &index);
    let node = |i: usize, x: f64, y: f64, cell: bool| {
        let id = snap.objects[i].id;
        NodeBox { id, index: i, x, y, cell, garbage: garbage.contains(&id), cyclic: scc.cyclic[i] }
    };
    let col_x = |d: usize| FRAME_W + COL_GAP + (d.clamp(1, MAX_COLUMNS) - 1) as f64 * (NODE_W + COL_GAP);

    let mut nodes: Vec<NodeBox>;
    let mut notes: Vec<GridNote> = Vec::new();
    // Compact layout: the rows of each full box's items, top and bottom.
    let mut brackets: std::collections::BTreeMap<usize, (f64, f64)> = Default::default();
    let mut more_boxes: Vec<(usize, MoreBox)> = Vec::new();
    let mut band_bottom = [0.0f64; 2];
    let garbage_top: Option<f64>;
    if compact {
        // Roots (depth 1) as full boxes in the first column; below them and
        // the frames, everything else as cells in a grid, by distance then
        // in BFS order (so a container's items sit together). A new row
        // starts for each distance and for the items of each full box,
        // which a bracket on the grid's left ties to that box.
        nodes = Vec::with_capacity(order.len());
        let mut tops = [0.0f64; 2];
        let pitch = (CELL_W + CELL_GAP, CELL_H + CELL_GAP);
        for b in 0..2u8 {
            let top = if b == 1 {
                if !order.iter().any(|&i| band[i] == 1) {
                    break;
                }
                band_bottom[0].max(frames_bottom) + BAND_GAP + BAND_HEAD
            } else {
                0.0
            };
            tops[b as usize] = top;
            let mut row_y = top;
            let mut roots_bottom = top;
            // Every unreachable object is a root of the garbage band: a few
            // get full boxes, the rest join the grid (thousands of dead
            // cycles must not become a column thousands of boxes tall).
            let roots: Vec<usize> = order.iter().copied().filter(|&i| band[i] == b && depth[i] == Some(1)).collect();
            let full_roots = if b == 1 { roots.len().min(GARBAGE_FULL_BOXES) } else { roots.len() };
            for &i in &roots[..full_roots] {
                nodes.push(node(i, col_x(1), row_y, false));
                roots_bottom = row_y + NODE_H;
                row_y += NODE_H + ROW_GAP;
            }
            let mut deep: Vec<usize> = roots[full_roots..].to_vec();
            deep.extend(order.iter().copied().filter(|&i| band[i] == b && depth[i].unwrap_or(0) > 1));
            deep.sort_by_key(|&i| depth[i]);
            let grid_top = roots_bottom.max(if b == 0 { frames_bottom } else { top }) + GRID_TOP_GAP;
            let (mut col, mut y) = (0usize, grid_top);
            let mut bottom = roots_bottom;
            let mut last: Option<(Option<usize>, Option<usize>)> = None;
            // The current full box's items: where its rows start, and each
            // item's place in its references (so an item that gets a name,
            // and a full box, leaves a gap instead of shifting the others).
            let mut slots: (f64, HashMap<ObjectId, usize>) = (0.0, HashMap::new());
            for &i in &deep {
                // A full box's items start a row of their own.
                let group = parent[i].filter(|&p| depth[p] == Some(1));
                let key = (depth[i], group);
                match last {
                    Some((d, _)) if d != depth[i] => {
                        y += pitch.1 + GRID_GROUP_GAP;
                        notes.push(GridNote { x: GRID_X, y: y - 4.0, text: DEEPER_NOTE.into() });
                        y += GRID_NOTE_H;
                        col = 0;
                    }
                    Some(k) if k != key && col > 0 => {
                        y += pitch.1;
                        col = 0;
                    }
                    _ => {}
                }
                if let Some(p) = group.filter(|_| last != Some(key)) {
                    let mut at = HashMap::new();
                    for (k, (_, c)) in snap.objects[p].refs.iter().enumerate() {
                        at.entry(*c).or_insert(k);
                    }
                    slots = (y, at);
                }
                last = Some(key);
                let (x, cy) = match group.and_then(|_| slots.1.get(&snap.objects[i].id)) {
                    Some(&k) => {
                        // Later cells go after the furthest slot used.
                        let (row, c) = (k / GRID_COLS, k % GRID_COLS);
                        let cy = slots.0 + row as f64 * pitch.1;
                        if cy > y || (cy == y && c >= col) {
                            y = cy;
                            col = c + 1;
                        }
                        (GRID_X + c as f64 * pitch.0, cy)
                    }
                    None => {
                        if col >= GRID_COLS {
                            col = 0;
                            y += pitch.1;
                        }
                        col += 1;
                        (GRID_X + (col - 1) as f64 * pitch.0, y)
                    }
                };
                nodes.push(node(i, x, cy, true));
                bottom = bottom.max(cy + CELL_H);
                if let Some(p) = group {
                    let span = brackets.entry(p).or_insert((cy, cy));
                    span.0 = span.0.min(cy);
                    span.1 = span.1.max(cy);
                }
            }
            // The summaries of big containers, after the cells.
            for &(i, count) in more_counts.iter().filter(|(i, _)| band[*i] == b) {
                let w = 3;
                if col + w > GRID_COLS {
                    col = 0;
                    y += pitch.1;
                }
                if deep.is_empty() && col == 0 {
                    y = y.max(grid_top);
                }
                let (x, my) = (GRID_X + col as f64 * pitch.0, y);
                col += w;
                let key = format!("more{}", snap.objects[i].id.0);
                more_boxes.push((i, MoreBox { key, x, y: my, w: w as f64 * pitch.0 - CELL_GAP, h: CELL_H, count }));
                bottom = bottom.max(my + CELL_H);
                if depth[i] == Some(1) {
                    let span = brackets.entry(i).or_insert((my, my));
                    span.1 = my;
                }
            }
            band_bottom[b as usize] = bottom;
        }
        garbage_top = (tops[1] > 0.0).then(|| tops[1] - BAND_HEAD);
    } else {
        let mut filled = [[0usize; MAX_COLUMNS + 1]; 2];
        let mut slots = vec![(0.0, 0usize); n];
        for &i in &order {
            let col = depth[i].unwrap_or(1).clamp(1, MAX_COLUMNS);
            let b = band[i] as usize;
            slots[i] = (col_x(col), filled[b][col]);
            filled[b][col] += 1;
        }
        let mut more_slots = Vec::new();
        for &(i, count) in &more_counts {
            let col = (depth[i].unwrap_or(1) + 1).clamp(1, MAX_COLUMNS);
            let b = band[i] as usize;
            more_slots.push((i, col, b, filled[b][col], count));
            filled[b][col] += 1;
        }
        let rows = |b: usize| filled[b].iter().copied().max().unwrap_or(0) as f64;
        let main_h = (rows(0) * (NODE_H + ROW_GAP) - ROW_GAP).max(0.0);
        garbage_top = (rows(1) > 0.0).then_some(main_h.max(frames_bottom) + BAND_GAP);
        let band_top = |b: u8| if b == 1 { garbage_top.unwrap_or(0.0) + BAND_HEAD } else { 0.0 };
        nodes = order
            .iter()
            .map(|&i| node(i, slots[i].0, band_top(band[i]) + slots[i].1 as f64 * (NODE_H + ROW_GAP), false))
            .collect();
        for (i, col, b, row, count) in more_slots {
            let (x, y) = (col_x(col), band_top(b as u8) + row as f64 * (NODE_H + ROW_GAP));
            let key = format!("more{}", snap.objects[i].id.0);
            more_boxes.push((i, MoreBox { key, x, y, w: NODE_W, h: MORE_H, count }));
        }
        band_bottom = [main_h, garbage_top.map(|t| t + BAND_HEAD + rows(1) * (NODE_H + ROW_GAP) - ROW_GAP).unwrap_or(0.0)];
    }
    nodes.sort_by_key(|b| b.index);
    let at: HashMap<ObjectId, &NodeBox> = nodes.iter().map(|b| (b.id, b)).collect();

    let mut edges = Vec::new();
    for f in &frames {
        for (j, v) in f.vars.iter().enumerate() {
            if let Some(t) = at.get(&v.target) {
                let (sx, sy) = (f.x + FRAME_W, v.y);
                let (tx, ty) = (t.x, t.y + t.h() / 2.0);
                let dx = ((tx - sx) / 2.0).max(20.0);
                let c = [(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)];
                let kind = if v.temp { EdgeKind::Temp } else { EdgeKind::Name };
                let label = if v.temp { "temp".to_string() } else { String::new() };
                edges.push(edge(format!("{}.{j}.{}", f.key, v.name), c, label, kind, v.target));
            }
        }
    }
    let mut max_x: f64 = FRAME_W;
    for b in nodes.iter() {
        max_x = max_x.max(b.x + b.w());
        let o = &snap.objects[b.index];
        for (k, (label, target)) in o.refs.iter().enumerate() {
            let Some(t) = at.get(target) else { continue };
            // References into or out of cells are drawn as brackets (below)
            // or on demand (focus_edges).
            if b.cell || t.cell {
                continue;
            }
            let kind = if scc.same(index[target], b.index) { EdgeKind::Cycle } else { EdgeKind::Ref };
            edges.push(edge(format!("{}>{}#{k}", b.id.0, target.0), ref_curve(b, t, k), label.clone(), kind, *target));
        }
    }
    // Each full box's bracket: from its left side down past the boxes
    // below it to the grid, along the grid's left margin, a tick per row.
    let mut fan = String::new();
    for (lane, (&i, &(first, last))) in brackets.iter().enumerate() {
        use std::fmt::Write;
        let src = at[&snap.objects[i].id];
        let off = 5.0 * (lane % 4) as f64;
        let (side, bus) = (src.x - 14.0 - off, 4.0 + off);
        let above = first - 8.0 - off;
        let _ = write!(fan, "M{:.0},{:.0}H{side:.0}V{above:.0}H{bus:.0}V{:.0}", src.x, src.y + src.h() / 2.0, last + CELL_H / 2.0);
        let mut y = first;
        while y <= last + 0.5 {
            let _ = write!(fan, "M{bus:.0},{:.0}H{GRID_X:.0}", y + CELL_H / 2.0);
            y += CELL_H + CELL_GAP;
        }
    }
    let mut more = Vec::new();
    for (i, m) in more_boxes {
        let src = at[&snap.objects[i].id];
        let (sx, sy, tx, ty) = (src.x + src.w(), src.y + src.h() / 2.0, m.x, m.y + m.h / 2.0);
        if tx > sx {
            let dx = (tx - sx) / 2.0;
            let c = [(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)];
            edges.push(edge(format!("{}>more", src.id.0), c, "…".into(), EdgeKind::Ref, src.id));
        }
        max_x = max_x.max(m.x + m.w);
        more.push(m);
    }
    let bottom = if garbage_top.is_some() { band_bottom[1] } else { band_bottom[0].max(frames_bottom) };
    let width = if compact { max_x + 16.0 } else { max_x + 70.0 };
    HeapLayout { width, height: bottom + 16.0, frames, nodes, edges, garbage_top, more, compact, fan, notes }
}

/// The curve of a reference between two drawn boxes: forward to the right,
/// a loop for a self-reference, round the right-hand side going back.
fn ref_curve(b: &NodeBox, t: &NodeBox, k: usize) -> [(f64, f64); 4] {
    let (sx, sy) = (b.x + b.w(), b.y + b.h() / 2.0);
    if t.id == b.id {
        [(sx, b.y + 12.0), (sx + 44.0, b.y - 14.0), (sx + 44.0, b.y + b.h() + 14.0), (sx, b.y + b.h() - 12.0)]
    } else if t.x > b.x {
        let (tx, ty) = (t.x, t.y + t.h() / 2.0);
        let dx = (tx - sx) / 2.0;
        [(sx, sy), (sx + dx, sy), (tx - dx, ty), (tx, ty)]
    } else {
        let (tx, ty) = (t.x + t.w(), t.y + t.h() / 2.0);
        let out = sx.max(tx) + 36.0 + 10.0 * (k % 3) as f64;
        [(sx, sy), (out, sy), (out, ty), (tx, ty)]
    }
}

/// The arrows into and out of one object (compact layout: the view draws
/// them for the object under the pointer), labelled like the full ones.
pub fn focus_edges(layout: &HeapLayout, snap: &Snapshot, id: ObjectId) -> Vec<EdgePath> {
    let at: HashMap<ObjectId, &NodeBox> = layout.nodes.iter().map(|b| (b.id, b)).collect();
    let mut out = Vec::new();
    for b in &layout.nodes {
        for (k, (label, target)) in snap.objects[b.index].refs.iter().enumerate() {
            let Some(&t) = at.get(target) else { continue };
            if b.id == id || t.id == id {
                let key = format!("focus{}>{}#{k}", b.id.0, t.id.0);
                out.push(edge(key, ref_curve(b, t, k), label.clone(), EdgeKind::Ref, t.id));
            }
        }
    }
    out
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

/// The snapshot's strongly connected components (Tarjan's algorithm, without
/// recursion): an object is on a cycle when its component has more than one
/// object or it refers to itself; a reference is part of a cycle when both
/// ends share a component. Linear in objects and references, so a heap of
/// 1,000 objects costs no more per step than its drawing.
struct Components {
    comp: Vec<usize>,
    cyclic: Vec<bool>,
}

impl Components {
    fn same(&self, a: usize, b: usize) -> bool {
        self.comp[a] == self.comp[b] && self.cyclic[a]
    }
}

fn cycles(snap: &Snapshot, index: &HashMap<ObjectId, usize>) -> Components {
    let n = snap.objects.len();
    let adj: Vec<Vec<usize>> =
        snap.objects.iter().map(|o| o.refs.iter().filter_map(|(_, c)| index.get(c).copied()).collect()).collect();
    const UNSEEN: usize = usize::MAX;
    let (mut num, mut low, mut on_stack) = (vec![UNSEEN; n], vec![0usize; n], vec![false; n]);
    let mut comp = vec![UNSEEN; n];
    let (mut stack, mut next, mut comps) = (Vec::new(), 0usize, 0usize);
    for s in 0..n {
        if num[s] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(s, 0usize)];
        num[s] = next;
        low[s] = next;
        next += 1;
        stack.push(s);
        on_stack[s] = true;
        while let Some(&mut (v, ref mut e)) = work.last_mut() {
            if let Some(&w) = adj[v].get(*e) {
                *e += 1;
                if num[w] == UNSEEN {
                    num[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(num[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(u, _)) = work.last() {
                low[u] = low[u].min(low[v]);
            }
            if low[v] == num[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    let mut size = vec![0usize; comps];
    for &c in &comp {
        size[c] += 1;
    }
    let cyclic = (0..n).map(|i| size[comp[i]] > 1 || adj[i].contains(&i)).collect();
    Components { comp, cyclic }
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
    fn a_small_heap_keeps_a_few_items_per_container() {
        let snap = snapshot_of("x = list(range(1000, 1040))\npass\n", 2);
        let l = heap_layout(&snap);
        assert!(!l.compact);
        let items = l.nodes.iter().filter(|b| snap.objects[b.index].type_name == "int").count();
        assert_eq!(items, CHILD_CAP);
        assert_eq!(l.more.len(), 1);
        assert_eq!(l.more[0].count as usize, 40 - CHILD_CAP);
    }

    #[test]
    fn a_huge_container_is_summed_up_not_drawn_whole() {
        let snap = snapshot_of("x = list(range(1000, 6000))\npass\n", 2);
        let l = heap_layout(&snap);
        let list = l.nodes.iter().find(|b| snap.objects[b.index].type_name == "list").unwrap();
        assert_eq!(snap.objects[list.index].label, "list of 5,000 ints");
        assert!(l.nodes.len() < 60, "{}", l.nodes.len());
        assert_eq!(l.more.iter().map(|m| m.count).sum::<u64>() + l.nodes.len() as u64 - 1, 5000);
    }

    const THOUSAND: &str = "objs = []\nfor i in range(1000):\n    objs.append([i])\nprint(len(objs))\n";

    fn assert_no_overlaps(l: &HeapLayout) {
        // Sweep by x: boxes sorted by left edge, each compared with those
        // whose left edge is within the widest box.
        let mut boxes: Vec<(f64, f64, f64, f64)> = l.nodes.iter().map(|b| (b.x, b.y, b.w(), b.h())).collect();
        boxes.extend(l.more.iter().map(|m| (m.x, m.y, m.w, m.h)));
        boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (i, a) in boxes.iter().enumerate() {
            for b in boxes[i + 1..].iter().take_while(|b| b.0 < a.0 + NODE_W) {
                let apart = a.0 + a.2 <= b.0 || b.0 + b.2 <= a.0 || a.1 + a.3 <= b.1 || b.1 + b.3 <= a.1;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
            assert!(a.0 >= 0.0 && a.0 + a.2 <= l.width && a.1 + a.3 <= l.height, "{a:?} outside");
            for f in &l.frames {
                let apart = a.0 >= f.x + FRAME_W || a.1 + a.3 <= f.y || a.1 >= f.y + f.h;
                assert!(apart, "{a:?} overlaps frame {}", f.name);
            }
        }
    }

    #[test]
    fn a_thousand_objects_are_all_placed_compactly_without_overlap() {
        // The end of the program (the line-4 snapshot may be thinned away).
        let run = pymem::run(THOUSAND, &pymem::RunConfig { record: true, ..Default::default() });
        let snap = run.snapshots.last().unwrap().clone();
        let l = heap_layout(&snap);
        assert!(l.compact);
        let lists = l.nodes.iter().filter(|b| snap.objects[b.index].type_name == "list").count();
        assert_eq!(lists, 1001, "objs and its 1,000 lists");
        assert_eq!(l.nodes.len(), snap.objects.len(), "every listed object is placed");
        assert!(l.nodes.len() >= 1_000);
        // The named list keeps its full box; its items are cells, each
        // reference from it one segment of the fan.
        let objs = l.nodes.iter().find(|b| snap.objects[b.index].label == "list of 1,000 lists").unwrap();
        assert!(!objs.cell);
        assert!(l.nodes.iter().filter(|b| !b.cell).count() <= 2, "only what a name refers to is a full box");
        // One bracket ties objs to the rows of its items (a tick per row).
        assert_eq!(l.fan.matches('M').count(), 1 + 1000usize.div_ceil(GRID_COLS));
        // The grid sits under the frames and full boxes, and is about a
        // panel wide.
        let boxes_bottom = l.nodes.iter().filter(|b| !b.cell).map(|b| b.y + b.h()).fold(0.0, f64::max);
        assert!(l.nodes.iter().filter(|b| b.cell).all(|b| b.y > boxes_bottom));
        assert!(l.width <= 700.0, "{}", l.width);
        assert_no_overlaps(&l);
        // The same snapshot gives the same drawing.
        assert_eq!(heap_layout(&snap), l);
        // Hovering one cell draws its arrows: the one from `objs` and the
        // one to its int.
        let cell = l.nodes.iter().find(|b| b.cell && snap.objects[b.index].label == "[100]").unwrap();
        let focus = focus_edges(&l, &snap, cell.id);
        assert_eq!(focus.iter().filter(|e| e.to == cell.id).count(), 1);
        assert_eq!(focus.iter().filter(|e| e.label == "[0]" && e.to != cell.id).count(), 1);
    }

    #[test]
    fn hundreds_of_dead_cycles_fill_a_grid_not_a_column() {
        // The GC-process example's shape: dead two-object cycles pile up in
        // generation 0 until it is collected.
        let src = "import gc\ngc.disable()\nclass Node:\n    pass\nfor i in range(300):\n    a = Node()\n    b = Node()\n    a.o = b\n    b.o = a\ndel a, b\nx = 1\n";
        let snap = snapshot_of(src, 11);
        assert!(snap.garbage.len() >= 400, "{}", snap.garbage.len());
        let l = heap_layout(&snap);
        assert!(l.compact && l.garbage_top.is_some());
        let full = l.nodes.iter().filter(|b| b.garbage && !b.cell).count();
        assert_eq!(full, GARBAGE_FULL_BOXES, "a few dead objects keep full boxes");
        assert!(l.nodes.iter().filter(|b| b.garbage && b.cell).count() >= 400 - GARBAGE_FULL_BOXES);
        assert!(l.height < 2500.0, "a grid, not a column: {}", l.height);
        assert_no_overlaps(&l);
    }

    #[test]
    fn naming_one_item_leaves_a_gap_and_moves_no_other_cell() {
        let code = "xs = [float(i) for i in range(100)]\npass\nt = xs[15]\npass\n";
        let (before, after) = (snapshot_of(code, 3), snapshot_of(code, 4));
        let (lb, la) = (heap_layout(&before), heap_layout(&after));
        assert!(lb.compact && la.compact);
        let place = |l: &HeapLayout, s: &Snapshot, label: &str| {
            let b = l.nodes.iter().find(|b| s.objects[b.index].label == label).unwrap();
            (b.x, b.y, b.cell)
        };
        let (x, y, _) = place(&lb, &before, "15.0");
        assert!(!place(&la, &after, "15.0").2, "t's float has a full box");
        // The grid moves down as a whole (the new name and box above it);
        // within it no cell moves.
        let shift = place(&la, &after, "0.0").1 - place(&lb, &before, "0.0").1;
        for v in ["14.0", "16.0", "99.0"] {
            let (b, a) = (place(&lb, &before, v), place(&la, &after, v));
            assert_eq!((b.0, b.1 + shift), (a.0, a.1), "{v} stays put");
        }
        assert!(la.nodes.iter().all(|b| !b.cell || (b.x, b.y) != (x, y + shift)), "its cell's slot is left empty");
        assert_no_overlaps(&la);
    }

    #[test]
    fn a_comprehension_list_is_a_temporary_of_its_frame() {
        let code = "x = [i * 2 for i in range(2000)]\n";
        let run = pymem::run(code, &pymem::RunConfig { record: true, ..Default::default() });
        let snap = run
            .snapshots
            .iter()
            .find(|s| s.frames.iter().any(|f| f.name == "<listcomp>" && !f.stack.is_empty()) && s.objects.len() > 20)
            .expect("a snapshot inside the comprehension");
        let l = heap_layout(snap);
        let comp = l.frames.iter().find(|f| f.name == "<listcomp>").unwrap();
        let temp = comp.vars.iter().find(|v| v.temp).expect("a temporary");
        let list = snap.objects.iter().find(|o| o.id == temp.target).unwrap();
        assert_eq!(list.type_name, "list");
        assert!(l.edges.iter().any(|e| e.kind == EdgeKind::Temp && e.to == temp.target && e.label == "temp"));
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
}
