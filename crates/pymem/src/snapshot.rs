//! Snapshots: the state of the simulated process at one step, in the UI's
//! terms (objects with refcounts and references, frames with their names,
//! GC generations, the allocator's arenas and pools, tracemalloc). A recorded
//! run keeps one per executed source line (sampled once there are many: see
//! `timeline::Recorder`), so stepping back and forth is an index, not a re-run.

use serde::{Deserialize, Serialize};

use crate::heap::{flag, Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::Vm;

mod alloc;
pub use alloc::{ArenaGrid, PoolCell, MAX_GRID_ARENAS, MAX_RAW_LISTED};

/// One object as the heap view draws it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjView {
    pub id: ObjectId,
    /// `id()` as CPython would print it.
    pub addr: u64,
    pub type_name: String,
    /// A short repr (truncated), or a summary for big containers.
    pub label: String,
    pub refcount: u64,
    /// `sys.getsizeof`.
    pub size: u64,
    /// GC generation when tracked.
    pub generation: Option<u8>,
    /// Statically allocated (small ints, singletons): shared, never freed.
    pub cached: bool,
    /// Outgoing references to other shown objects, with a label (index,
    /// key or attribute name).
    pub refs: Vec<(String, ObjectId)>,
    /// References not drawn because the view is capped.
    pub hidden_refs: u32,
}

/// A frame on the stack with its variables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrameView {
    pub name: String,
    pub line: u32,
    pub vars: Vec<(String, ObjectId)>,
    /// The program's objects on the frame's value stack (bottom first, each
    /// once): temporaries no name refers to, such as the list a
    /// comprehension is building or a `for` loop's iterator. They hold a
    /// reference each, which the refcounts include.
    pub stack: Vec<ObjectId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GenView {
    pub count: [i32; 3],
    pub threshold: [i32; 3],
    /// Tracked objects in each generation.
    pub size: [usize; 3],
    pub collections: [u64; 3],
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AllocView {
    pub arenas: u64,
    pub arenas_highwater: u64,
    /// (block size, pools, blocks in use, blocks available) per size class
    /// that has pools.
    pub classes: Vec<(u64, u64, u64, u64)>,
    pub raw_count: u64,
    pub raw_bytes: u64,
    /// What an RSS reading would see (arenas + raw).
    pub mapped_bytes: u64,
    /// The first [`MAX_GRID_ARENAS`] arenas by arena number, pool by pool
    /// (as `Allocator::view()` sees them).
    pub grid: Vec<ArenaGrid>,
    /// Blocks in use, and their bytes, in the arenas `grid` leaves out.
    pub hidden_blocks: u64,
    pub hidden_bytes: u64,
    /// The largest raw allocations' requested bytes (at most
    /// [`MAX_RAW_LISTED`]), largest first.
    pub raw_largest: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Evaluation step (instructions executed so far).
    pub step: u64,
    pub line: u32,
    /// Length of stdout so far (the output view shows that prefix).
    pub stdout_len: usize,
    pub frames: Vec<FrameView>,
    pub objects: Vec<ObjView>,
    /// Live objects the program created that are not shown (cap reached).
    pub more_objects: usize,
    pub live_objects: usize,
    pub gc: GenView,
    pub alloc: AllocView,
    pub traced: (u64, u64),
    pub tracing: bool,
    /// Timeline events recorded before this snapshot: the events between two
    /// snapshots are `timeline[a.events..b.events]`.
    pub events: usize,
    /// The program's objects that only reference cycles keep alive (what a
    /// full collection would free now). Also in `objects`, after the objects
    /// reachable from the frames. Empty when more than
    /// [`GARBAGE_SCAN_LIMIT`] objects or references are tracked (the scan is
    /// skipped).
    pub garbage: Vec<ObjectId>,
}

/// Objects listed at most per snapshot: enough for a heap of 1,000 small
/// objects to be drawn whole.
pub const MAX_OBJECTS: usize = 1_200;
/// References listed at most for a container bigger than
/// [`FULL_CONTAINER`] (it is drawn as a summary with a few of its items).
pub const MAX_REFS: usize = 24;
/// Containers up to this many items list all their references (within
/// [`MAX_OBJECTS`]); a million-item list costs no more than a 25-item one.
pub const FULL_CONTAINER: usize = 1_000;
/// Tracked objects, and references among them, beyond which snapshots do not
/// look for cyclic garbage (the scan would cost more than the line).
pub const GARBAGE_SCAN_LIMIT: usize = 3_000;

impl Vm {
    /// The state now, as the views show it.
    pub fn snapshot(&mut self) -> Snapshot {
        let line = self.frames.last().map(|f| f.line).unwrap_or(0);
        let mut frames = Vec::new();
        if self.frames.is_empty() && self.main_globals != NULL {
            // After the program ends: its module namespace.
            let vars = self.global_vars(self.main_globals);
            frames.push(FrameView { name: "<module>".into(), line, vars, stack: Vec::new() });
        }
        for (fi, f) in self.frames.iter().enumerate() {
            let mut vars = Vec::new();
            if f.locals == NULL && f.func == NULL {
                vars = self.global_vars(f.globals);
            } else if f.locals != NULL {
                for (k, v) in self.dict_entries(f.locals) {
                    vars.push((self.str_of(k).to_string(), v));
                }
            }
            let nv = f.code.varnames.len();
            for (i, name) in f.code.varnames.iter().enumerate() {
                if f.fast[i] != NULL {
                    vars.push((name.to_string(), f.fast[i]));
                }
            }
            for (j, name) in f.code.cellvars.iter().chain(f.code.freevars.iter()).enumerate() {
                let cell = f.fast[nv + j];
                if let Some(Payload::Cell(v)) = (cell != NULL).then(|| self.heap.payload(cell)) {
                    if *v != NULL {
                        vars.push((name.to_string(), *v));
                    }
                }
            }
            let name = if &*f.code.name == "<module>" { "<module>".to_string() } else { f.code.qualname.to_string() };
            let mut stack: Vec<ObjectId> = Vec::new();
            // This frame's part of the shared value stack: up to where the
            // frame above starts.
            let end = self.frames.get(fi + 1).map_or(self.stack.len(), |above| above.stack_base);
            for &v in &self.stack[f.stack_base.min(end)..end] {
                if v != NULL && self.heap.get(v).flags & flag::USER != 0 && !stack.contains(&v) {
                    stack.push(v);
                }
            }
            frames.push(FrameView { name, line: f.line, vars, stack });
        }
        // Breadth-first from the frames' variables.
        let mut order: Vec<ObjectId> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for f in &frames {
            for v in f.vars.iter().map(|(_, v)| v).chain(&f.stack) {
                if seen.insert(*v) {
                    order.push(*v);
                }
            }
        }
        let mut i = 0;
        self.walk_refs(&mut order, &mut seen, &mut i);
        // Then the cycles nothing else refers to, with what they hold.
        let garbage = self.cyclic_garbage();
        for &g in &garbage {
            if order.len() < MAX_OBJECTS && seen.insert(g) {
                order.push(g);
            }
        }
        self.walk_refs(&mut order, &mut seen, &mut i);
        // `seen` holds exactly the objects in `order`: the ones shown.
        let objects: Vec<ObjView> = order.iter().map(|&id| self.obj_view(id, &seen)).collect();
        let user_live = self.heap.user_live;
        let gc = &self.heap.gc;
        let gen_view = GenView {
            count: gc.get_count(),
            threshold: gc.get_threshold(),
            size: [
                gc.list_len(crate::gc::GcList::generation(0)),
                gc.list_len(crate::gc::GcList::generation(1)),
                gc.list_len(crate::gc::GcList::generation(2)),
            ],
            collections: gc.get_stats().map(|s| s.collections),
            enabled: gc.enabled,
        };
        let alloc = alloc::alloc_view(&self.heap.alloc);
        Snapshot {
            step: self.steps,
            line,
            stdout_len: self.stdout.len(),
            frames,
            more_objects: user_live.saturating_sub(objects.len()),
            objects,
            live_objects: user_live,
            gc: gen_view,
            alloc,
            traced: (self.heap.tracemalloc.current, self.heap.tracemalloc.peak),
            tracing: self.heap.tracemalloc.tracing,
            events: self.timeline.events.len(),
            garbage,
        }
    }

    /// The program's tracked objects that a full collection would find
    /// unreachable right now, found the way `deduce_unreachable` does
    /// (refcounts minus references from other tracked objects, then
    /// reachability from what is left) but without changing anything.
    fn cyclic_garbage(&self) -> Vec<ObjectId> {
        use crate::gc::GcHost;
        let gc = &self.heap.gc;
        let tracked: usize = (0..3).map(|g| gc.list_len(crate::gc::GcList::generation(g))).sum();
        if tracked > GARBAGE_SCAN_LIMIT {
            return Vec::new();
        }
        let all = gc.objects(None);
        let index: std::collections::HashMap<ObjectId, usize> = all.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut refs: Vec<i64> = all.iter().map(|&o| self.refcnt(o) as i64).collect();
        let mut budget = GARBAGE_SCAN_LIMIT;
        for &o in &all {
            // A container bigger than what is left of the budget ends the
            // scan before walking it (a million-item list per snapshot).
            let len = match self.heap.payload(o) {
                Payload::List(l) => l.items.len(),
                Payload::Tuple(t) => t.len(),
                Payload::Dict(d) => 2 * d.used,
                Payload::Set(st) | Payload::FrozenSet(st) => st.used,
                _ => 0,
            };
            if len >= budget {
                return Vec::new();
            }
            self.traverse(o, &mut |c| {
                budget = budget.saturating_sub(1);
                if budget > 0 {
                    if let Some(&j) = index.get(&c) {
                        refs[j] -= 1;
                    }
                }
            });
            if budget == 0 {
                return Vec::new();
            }
        }
        let mut reached: Vec<bool> = refs.iter().map(|&r| r > 0).collect();
        let mut todo: Vec<usize> = (0..all.len()).filter(|&i| reached[i]).collect();
        while let Some(i) = todo.pop() {
            self.traverse(all[i], &mut |c| {
                if let Some(&j) = index.get(&c) {
                    if !reached[j] {
                        reached[j] = true;
                        todo.push(j);
                    }
                }
            });
        }
        all.iter()
            .zip(reached)
            .filter(|(&o, r)| !r && self.heap.get(o).flags & flag::USER != 0)
            .map(|(&o, _)| o)
            .collect()
    }

    /// A module namespace without its dunder entries.
    fn global_vars(&self, globals: ObjectId) -> Vec<(String, ObjectId)> {
        self.dict_entries(globals)
            .into_iter()
            .map(|(k, v)| (self.str_of(k).to_string(), v))
            .filter(|(k, _)| !(k.starts_with("__") && k.ends_with("__")))
            .collect()
    }

    /// The objects [`Self::labelled_refs`] lists, without making their
    /// labels (the breadth-first walk needs only the ids).
    fn ref_ids(&self, id: ObjectId, out: &mut Vec<ObjectId>) {
        let take = |len: usize| if len <= FULL_CONTAINER { len } else { MAX_REFS };
        match self.heap.payload(id) {
            Payload::List(l) => out.extend(l.items.iter().take(take(l.items.len()))),
            Payload::Tuple(t) => out.extend(t.iter().take(take(t.len()))),
            Payload::Dict(d) => {
                out.extend(d.factory);
                for e in d.live().take(take(2 * d.used) / 2) {
                    out.push(e.key);
                    out.push(e.value);
                }
            }
            Payload::Set(s) | Payload::FrozenSet(s) => {
                out.extend(s.table.iter().filter(|e| e.1 != NULL).take(take(s.used)).map(|e| e.1))
            }
            _ => out.extend(self.labelled_refs(id).0.into_iter().map(|(_, c)| c)),
        }
    }

    /// An object's references with the label the heap view shows (all of
    /// them for a container of up to [`FULL_CONTAINER`] items, else the first
    /// [`MAX_REFS`]), and how many it has in all (a million-item list costs
    /// no more than a small one).
    /// Continues a breadth-first walk: appends the referents of `order[*next..]`
    /// not yet `seen`, until [`MAX_OBJECTS`] are listed.
    fn walk_refs(&self, order: &mut Vec<ObjectId>, seen: &mut std::collections::HashSet<ObjectId>, next: &mut usize) {
        let mut kids = Vec::new();
        while *next < order.len() && order.len() < MAX_OBJECTS {
            let id = order[*next];
            *next += 1;
            kids.clear();
            self.ref_ids(id, &mut kids);
            for &c in &kids {
                if order.len() >= MAX_OBJECTS {
                    break;
                }
                if seen.insert(c) {
                    order.push(c);
                }
            }
        }
    }

    fn labelled_refs(&self, id: ObjectId) -> (Vec<(String, ObjectId)>, usize) {
        let mut out = Vec::new();
        let take = |len: usize| if len <= FULL_CONTAINER { len } else { MAX_REFS };
        let total = match self.heap.payload(id) {
            Payload::List(l) => {
                out.extend(l.items.iter().take(take(l.items.len())).enumerate().map(|(i, &v)| (format!("[{i}]"), v)));
                l.items.len()
            }
            Payload::Tuple(t) => {
                out.extend(t.iter().take(take(t.len())).enumerate().map(|(i, &v)| (format!("[{i}]"), v)));
                t.len()
            }
            Payload::Dict(d) => {
                if let Some(f) = d.factory {
                    out.push(("default_factory".to_string(), f));
                }
                for e in d.live().take(take(2 * d.used) / 2) {
                    let k = self.short_label(e.key);
                    out.push((format!("key {k}"), e.key));
                    out.push((format!("[{k}]"), e.value));
                }
                2 * d.used + usize::from(d.factory.is_some())
            }
            Payload::Set(s) | Payload::FrozenSet(s) => {
                out.extend(s.table.iter().filter(|e| e.1 != NULL).take(take(s.used)).map(|e| ("∈".to_string(), e.1)));
                s.used
            }
            _ => 0,
        };
        if total > 0 {
            return (out, total);
        }
        match self.heap.payload(id) {
            Payload::Instance(inst) => {
                for (k, v) in &inst.values {
                    out.push((format!(".{k}"), *v));
                }
                {
                    let layout = self.instance_layout(self.heap.get(id).ty);
                    for (n, &v) in layout.slots.iter().zip(inst.slots.iter()) {
                        if v != NULL {
                            out.push((format!(".{n}"), v));
                        }
                    }
                }
                if inst.dict != NULL {
                    out.push(("__dict__".into(), inst.dict));
                }
            }
            Payload::Cell(c) if *c != NULL => out.push(("contents".into(), *c)),
            Payload::Method { func, this } => {
                out.push(("__func__".into(), *func));
                out.push(("__self__".into(), *this));
            }
            Payload::Function(f) => {
                if f.closure != NULL {
                    out.push(("__closure__".into(), f.closure));
                }
                if f.defaults != NULL {
                    out.push(("__defaults__".into(), f.defaults));
                }
            }
            Payload::WeakRef { .. } => {}
            Payload::Ext(x) => out.extend(x.labelled_refs()),
            Payload::Iter(it) => {
                let mut v = Vec::new();
                it.visit(&mut |c| v.push(c));
                out.extend(v.into_iter().map(|c| ("iterates".to_string(), c)));
            }
            _ => {}
        }
        let total = out.len();
        out.truncate(MAX_REFS);
        (out, total)
    }

    fn short_label(&self, id: ObjectId) -> String {
        match self.heap.payload(id) {
            Payload::Str(s) if s.chars().count() <= 24 => crate::vm::repr::str_repr(s),
            Payload::Int(crate::heap::Int::Small(v)) => v.to_string(),
            Payload::Bool(b) => if *b { "True" } else { "False" }.into(),
            Payload::None => "None".into(),
            Payload::Float(f) => crate::vm::repr::float_repr(*f),
            _ => self.type_name(id),
        }
    }

    fn obj_view(&mut self, id: ObjectId, shown: &std::collections::HashSet<ObjectId>) -> ObjView {
        let (refs_all, total) = self.labelled_refs(id);
        let refs: Vec<(String, ObjectId)> = refs_all.into_iter().filter(|(_, c)| shown.contains(c)).collect();
        let o = self.heap.get(id);
        let (refcount, cached) = (o.refcnt, o.flags & flag::STATIC != 0);
        let label = self.summary_label(id);
        ObjView {
            id,
            addr: self.id_of(id),
            type_name: self.type_name(id),
            label,
            refcount,
            size: self.sizeof_without_preheader(id) as u64 + self.preheader_size(id),
            generation: self.heap.gc.generation_of(id).map(|g| g as u8),
            cached,
            hidden_refs: (total - refs.len()) as u32,
            refs,
        }
    }

    /// What a big sequence or set holds, as its summary says it ("ints"):
    /// judged by its first [`MAX_REFS`] items and its last, so a
    /// million-item list costs no more than a small one; "items" when mixed.
    fn item_kind(&self, id: ObjectId) -> String {
        let sample: Vec<ObjectId> = match self.heap.payload(id) {
            Payload::List(l) => l.items.iter().take(MAX_REFS).chain(l.items.last()).copied().collect(),
            Payload::Tuple(t) => t.iter().take(MAX_REFS).chain(t.last()).copied().collect(),
            Payload::Set(s) | Payload::FrozenSet(s) => {
                s.table.iter().filter(|e| e.1 != NULL).take(MAX_REFS).map(|e| e.1).collect()
            }
            _ => Vec::new(),
        };
        let ty = |&o: &ObjectId| self.heap.get(o).ty;
        match sample.first().map(ty) {
            Some(t) if sample.iter().all(|o| ty(o) == t) => format!("{}s", self.type_name_of_type(t)),
            _ => "items".into(),
        }
    }

    /// A repr short enough for a box, or a summary of a big container.
    fn summary_label(&self, id: ObjectId) -> String {
        let n = match self.heap.payload(id) {
            Payload::List(l) => Some(l.items.len()),
            Payload::Tuple(t) => Some(t.len()),
            Payload::Dict(d) => Some(d.used),
            Payload::Set(s) | Payload::FrozenSet(s) => Some(s.used),
            _ => None,
        };
        if let Some(n) = n.filter(|&n| n > 8) {
            return format!("{} of {} {}", self.type_name(id), group(n), self.item_kind(id));
        }
        // Never run Python code here (a __repr__ would change the state).
        let items = |vm: &Vm, v: &[ObjectId]| v.iter().map(|&i| vm.short_label(i)).collect::<Vec<_>>().join(", ");
        let r = match self.heap.payload(id) {
            Payload::List(l) => format!("[{}]", items(self, &l.items)),
            Payload::Tuple(t) if t.len() == 1 => format!("({},)", items(self, t)),
            Payload::Tuple(t) => format!("({})", items(self, t)),
            Payload::Set(st) if st.used == 0 => "set()".into(),
            Payload::Set(st) => format!("{{{}}}", items(self, &st.keys())),
            Payload::FrozenSet(st) => format!("frozenset({{{}}})", items(self, &st.keys())),
            Payload::Dict(d) => {
                let parts: Vec<String> =
                    d.live().map(|e| format!("{}: {}", self.short_label(e.key), self.short_label(e.value))).collect();
                format!("{{{}}}", parts.join(", "))
            }
            Payload::Str(st) => crate::vm::repr::str_repr(st),
            Payload::Int(crate::heap::Int::Big(b)) => b.to_string(),
            Payload::Instance(_) => {
                let t = self.heap.get(id).ty;
                format!("<{} object>", self.type_name_of_type(t))
            }
            Payload::Function(f) => format!("<function {}>", self.str_of(f.qualname)),
            // memory_profiler's wrapper is a function in CPython (functools.wraps).
            Payload::Ext(x) => match &**x {
                crate::vm::modules::ext::Ext::Profiled { func, .. } => match self.heap.payload(*func) {
                    Payload::Function(f) => format!("<function {}>", self.str_of(f.qualname)),
                    _ => self.short_label(id),
                },
                _ => self.short_label(id),
            },
            Payload::Builtin { which, bound } => {
                if *bound == NULL || matches!(self.heap.payload(*bound), Payload::Module(_)) {
                    format!("<built-in function {}>", which.name())
                } else {
                    format!("<built-in method {}>", which.name())
                }
            }
            Payload::Type(t) => format!("<class '{}'>", t.qualname),
            Payload::Module(m) => format!("<module '{}'>", m.name),
            Payload::Range(r) => {
                let crate::heap::RangeObj { start, stop, step } = **r;
                if step == 1 {
                    format!("range({start}, {stop})")
                } else {
                    format!("range({start}, {stop}, {step})")
                }
            }
            _ => self.short_label(id),
        };
        if r.chars().count() > 40 {
            format!("{}…", r.chars().take(39).collect::<String>())
        } else {
            r
        }
    }
}

fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{run, RunConfig};

    fn record(src: &str) -> crate::Run {
        run(src, &RunConfig { record: true, ..RunConfig::default() })
    }

    #[test]
    fn a_dropped_cycle_is_shown_as_garbage_until_collected() {
        let r = record("import gc\nclass N:\n    pass\na = N()\na.me = a\ndel a\ngc.collect()\nx = 1\n");
        let at = |line| r.snapshots.iter().find(|s| s.line == line).unwrap();
        // Before `del a` the instance is reachable; at `gc.collect()` only its
        // own reference keeps it alive; after the collection it is gone.
        assert!(at(6).garbage.is_empty());
        let g = &at(7).garbage;
        assert_eq!(g.len(), 1);
        assert!(at(7).objects.iter().any(|o| o.id == g[0] && o.refcount == 1));
        assert!(at(8).garbage.is_empty());
    }

    #[test]
    fn snapshots_index_the_timeline() {
        let r = record("x = [1]\ny = [2]\n");
        let ev: Vec<usize> = r.snapshots.iter().map(|s| s.events).collect();
        assert!(ev.windows(2).all(|w| w[0] <= w[1]), "{ev:?}");
        assert!(*ev.last().unwrap() <= r.timeline.len());
    }
}
