//! A run as the views consume it: the engine's snapshots, each paired with a
//! digest of the timeline events since the one before (what the step *did*)
//! and running totals. Built once per run (in the worker), so stepping is an
//! index and the views never scan the raw timeline.
//!
//! Pure data and pure functions: tested natively.

use std::ops::Deref;
use std::rc::Rc;

use pymem::gc::CollectReport;
use pymem::ids::ObjectId;
use pymem::pymalloc::Placement;
use pymem::snapshot::{ArenaGrid, Snapshot};
use pymem::timeline::Event;
use pymem::{Run, RunConfig, RunMode};
use serde::{Deserialize, Serialize};

/// What the page asks the engine to run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Distinguishes runs, so a late answer to an old run is ignored.
    pub id: u32,
    pub code: String,
    pub mode: RunMode,
    pub filename: String,
}

/// Narrated events kept per step (the rest are only counted).
pub const NOTES_PER_STEP: usize = 24;
/// Collections whose full report (gc_refs, object sets) is kept; later ones
/// keep their numbers only, so a run with thousands stays small.
pub const FULL_REPORTS: usize = 64;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    pub stdout: String,
    pub stderr: String,
    pub steps: u64,
    pub failed: bool,
    /// One per snapshot: every executed line (sampled on long runs), then the
    /// end of the program.
    pub points: Vec<Point>,
    /// The engine stopped recording events part-way (its event limit): the
    /// per-step digests after that point are empty.
    pub events_truncated: bool,
    /// The run's arena pictures, which points name by index: an arena that
    /// did not change between points is stored (and sent from the worker)
    /// once.
    pub arena_rows: Vec<ArenaGrid>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// The snapshot, its `alloc.grid` moved to [`Trace::arena_rows`].
    pub snap: Snapshot,
    /// The drawn arenas, by arena number, as indices into
    /// [`Trace::arena_rows`].
    pub grid: Vec<u32>,
    /// What happened since the previous point.
    pub delta: Delta,
    /// Counters from the start of the run up to this point.
    pub totals: Totals,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Delta {
    pub allocs: u64,
    pub frees: u64,
    /// The first [`NOTES_PER_STEP`] allocations and frees, in order.
    pub notes: Vec<Note>,
    pub collects: Vec<CollectReport>,
    pub printed: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub allocs: u64,
    pub frees: u64,
    /// Objects freed by the cyclic collector.
    pub gc_freed: u64,
    /// Collections of each generation.
    pub collections: [u64; 3],
    /// Objects promoted out of generation 0 and out of generation 1.
    pub promoted: [u64; 2],
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Note {
    Alloc { id: ObjectId, type_name: String, size: u32, place: Option<Place> },
    Free { id: ObjectId, type_name: String },
}

/// Where an allocation landed: a pymalloc block, or a malloc'd chunk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    Block { arena: u32, pool: u16, block: u16, block_size: u32 },
    Raw { size: u64 },
}

impl From<Placement> for Place {
    fn from(p: Placement) -> Place {
        match p {
            Placement::Block { arena, pool, block, szidx } => {
                Place::Block { arena: arena.0, pool: pool.0, block, block_size: szidx.block_size() as u32 }
            }
            Placement::Raw { size } => Place::Raw { size: size as u64 },
        }
    }
}

impl Trace {
    pub fn from_run(run: Run) -> Trace {
        let mut totals = Totals::default();
        let mut from = 0usize;
        let mut points = Vec::with_capacity(run.snapshots.len());
        let mut full_reports = 0;
        let mut rows = ArenaRows::default();
        for mut snap in run.snapshots {
            let grid = std::mem::take(&mut snap.alloc.grid).into_iter().map(|a| rows.index(a)).collect();
            let to = snap.events.clamp(from, run.timeline.len());
            let mut delta = Delta::default();
            for stamped in &run.timeline[from..to] {
                match &stamped.event {
                    Event::Alloc { id, size, type_name, where_, .. } => {
                        delta.allocs += 1;
                        if delta.notes.len() < NOTES_PER_STEP {
                            let place = where_.map(Place::from);
                            delta.notes.push(Note::Alloc { id: *id, type_name: type_name.clone(), size: *size, place });
                        }
                    }
                    Event::Free { id, type_name } => {
                        delta.frees += 1;
                        if delta.notes.len() < NOTES_PER_STEP {
                            delta.notes.push(Note::Free { id: *id, type_name: type_name.clone() });
                        }
                    }
                    Event::Collect(report) => {
                        let mut report = (**report).clone();
                        totals.gc_freed += report.collected as u64;
                        totals.collections[report.generation.min(2)] += 1;
                        if report.generation < 2 {
                            totals.promoted[report.generation] += report.promoted as u64;
                        }
                        full_reports += 1;
                        if full_reports > FULL_REPORTS {
                            slim(&mut report);
                        }
                        delta.collects.push(report);
                    }
                    Event::Stdout { .. } => delta.printed = true,
                    Event::Line { .. }
                    | Event::FramePush { .. }
                    | Event::FramePop { .. }
                    | Event::WeakrefsCleared { .. }
                    | Event::CollectStart { .. } => {}
                }
            }
            totals.allocs += delta.allocs;
            totals.frees += delta.frees;
            from = to;
            points.push(Point { snap, grid, delta, totals: totals.clone() });
        }
        Trace {
            stdout: run.stdout,
            stderr: run.stderr,
            steps: run.steps,
            failed: run.failed,
            events_truncated: run.timeline.len() >= RunConfig::default().event_limit,
            points,
            arena_rows: rows.rows,
        }
    }

    /// The arenas drawn at point `at`, by arena number, with their
    /// index in [`Trace::arena_rows`] (equal indices: the same picture).
    pub fn grid_at(&self, at: usize) -> impl Iterator<Item = (u32, &ArenaGrid)> {
        let grid = self.points.get(at).map_or(&[][..], |p| &p.grid[..]);
        grid.iter().filter_map(|&i| Some((i, self.arena_rows.get(i as usize)?)))
    }

    /// The output printed up to point `at`: everything at the last point.
    pub fn stdout_at(&self, at: usize) -> &str {
        match self.points.get(at) {
            Some(p) if at + 1 < self.points.len() => {
                let mut n = p.snap.stdout_len.min(self.stdout.len());
                while !self.stdout.is_char_boundary(n) {
                    n -= 1;
                }
                &self.stdout[..n]
            }
            _ => &self.stdout,
        }
    }

    pub fn last(&self) -> usize {
        self.points.len().saturating_sub(1)
    }
}

/// The arena pictures, numbered in order of appearance; an arena that looks
/// as it did at the previous point reuses that picture.
#[derive(Default)]
struct ArenaRows {
    rows: Vec<ArenaGrid>,
    /// By arena number: its picture at the latest point that drew it.
    latest: Vec<Option<u32>>,
}

impl ArenaRows {
    fn index(&mut self, arena: ArenaGrid) -> u32 {
        let id = arena.id as usize;
        if let Some(Some(i)) = self.latest.get(id) {
            if self.rows[*i as usize] == arena {
                return *i;
            }
        }
        let i = self.rows.len() as u32;
        if self.latest.len() <= id {
            self.latest.resize(id + 1, None);
        }
        self.latest[id] = Some(i);
        self.rows.push(arena);
        i
    }
}

fn slim(report: &mut CollectReport) {
    report.gc_refs.clear();
    for s in [
        &mut report.unreachable,
        &mut report.finalized,
        &mut report.resurrected,
        &mut report.deleted,
        &mut report.legacy,
    ] {
        s.first.clear();
    }
}

/// Runs a job to completion and digests it. Used by the worker (and by the
/// in-page runner of the component tests).
pub fn execute(job: &Job) -> Trace {
    let config = RunConfig { mode: job.mode, filename: job.filename.clone(), record: true, ..RunConfig::default() };
    Trace::from_run(pymem::run(&job.code, &config))
}

/// One row of the per-line memory table (memory_profiler's columns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineRow {
    pub line: u32,
    /// The process size (arenas + raw blocks) after the line last ran, at
    /// its largest.
    pub mem: u64,
    /// Sum over executions of the change the line made.
    pub increment: i64,
    pub occurrences: u32,
}

/// memory_profiler's table, from the snapshots: each snapshot is taken as a
/// line starts, so the line of one point ran until the next point.
pub fn line_table(points: &[Point]) -> Vec<LineRow> {
    let mut rows: Vec<LineRow> = Vec::new();
    for w in points.windows(2) {
        let line = w[0].snap.line;
        if line == 0 {
            continue;
        }
        let (before, after) = (w[0].snap.alloc.mapped_bytes, w[1].snap.alloc.mapped_bytes);
        let inc = after as i64 - before as i64;
        match rows.iter_mut().find(|r| r.line == line) {
            Some(r) => {
                r.mem = r.mem.max(after);
                r.increment += inc;
                r.occurrences += 1;
            }
            None => rows.push(LineRow { line, mem: after, increment: inc, occurrences: 1 }),
        }
    }
    rows.sort_by_key(|r| r.line);
    rows
}

/// Shared, immutable data compared by identity (a run is never compared
/// field by field when the views re-render).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(code: &str) -> Trace {
        execute(&Job { id: 1, code: code.into(), mode: RunMode::Script, filename: "t.py".into() })
    }

    #[test]
    fn one_point_per_line_and_one_at_the_end() {
        let t = run("x = [1]\ny = x\ndel x\n");
        let lines: Vec<u32> = t.points.iter().map(|p| p.snap.line).collect();
        assert_eq!(lines[..3], [1, 2, 3]);
        assert_eq!(t.points.len(), 4);
    }

    #[test]
    fn deltas_say_what_each_line_did() {
        let t = run("x = [1]\ndel x\nprint('hi')\n");
        // Point 1 is the start of line 2: line 1 allocated the list.
        assert!(t.points[1]
            .delta
            .notes
            .iter()
            .any(|n| matches!(n, Note::Alloc { type_name, .. } if type_name == "list")));
        assert!(t.points[2]
            .delta
            .notes
            .iter()
            .any(|n| matches!(n, Note::Free { type_name, .. } if type_name == "list")));
        assert!(t.points[3].delta.printed);
        assert!(t.points[3].totals.frees >= 1);
    }

    #[test]
    fn collections_are_counted_and_the_cycle_shows_as_garbage() {
        let t = run("import gc\nclass N:\n    pass\na = N()\na.me = a\ndel a\nn = gc.collect()\nprint(n)\n");
        assert_eq!(t.stdout, "1\n");
        let at_collect = t.points.iter().position(|p| p.snap.line == 7).unwrap();
        assert_eq!(t.points[at_collect].snap.garbage.len(), 1);
        let after = &t.points[at_collect + 1];
        assert_eq!(after.delta.collects.len(), 1);
        assert_eq!(after.totals.collections, [0, 0, 1]);
        assert!(after.snap.garbage.is_empty());
    }

    #[test]
    fn stdout_grows_with_the_cursor() {
        let t = run("print(1)\nprint(2)\n");
        assert_eq!(t.stdout_at(0), "");
        assert_eq!(t.stdout_at(1), "1\n");
        assert_eq!(t.stdout_at(t.last()), "1\n2\n");
    }

    #[test]
    fn the_line_table_charges_each_line_with_what_it_allocated() {
        let t = run("x = bytes(100000)\ny = 1\n");
        let rows = line_table(&t.points);
        assert_eq!(rows[0].line, 1);
        assert!(rows[0].increment >= 100_000, "{rows:?}");
        assert_eq!(rows[1].increment, 0);
    }

    #[test]
    fn a_syntax_error_gives_no_points_but_an_error() {
        let t = run("x = (\n");
        assert!(t.failed);
        assert!(t.stderr.contains("SyntaxError"), "{}", t.stderr);
        assert_eq!(t.stdout_at(0), "");
    }

    #[test]
    fn the_grid_of_each_point_is_the_snapshot_s_and_unchanged_arenas_are_shared() {
        let code = "x = [i for i in range(100000)]\ndel x\ny = 1\n";
        let t = run(code);
        let direct = pymem::run(code, &RunConfig { record: true, ..RunConfig::default() });
        assert_eq!(t.points.len(), direct.snapshots.len());
        for (i, s) in direct.snapshots.iter().enumerate() {
            let grid: Vec<ArenaGrid> = t.grid_at(i).map(|(_, g)| g.clone()).collect();
            assert_eq!(grid, s.alloc.grid, "point {i}");
            assert!(t.points[i].snap.alloc.grid.is_empty());
        }
        // The full arenas are the same picture from one point to the next.
        assert!(t.points.windows(2).filter(|w| w[0].grid.iter().any(|r| w[1].grid.contains(r))).count() > t.points.len() / 2);
    }

    /// The document's tracemalloc example: a million ints in ~30 arenas over
    /// a thousand points. The arena pictures must stay a small part of what
    /// the worker sends.
    #[test]
    fn a_million_objects_cost_little_grid_data() {
        let t = run(include_str!("content/examples/tracemalloc.py"));
        let total = bincode::serialize(&t).unwrap().len();
        let grid = bincode::serialize(&t.arena_rows).unwrap().len() + t.points.iter().map(|p| 8 + 4 * p.grid.len()).sum::<usize>();
        let most = t.points.iter().map(|p| p.grid.len()).max().unwrap();
        eprintln!("trace {total} B, of which arena grid {grid} B ({} rows, {} points, up to {most} arenas)", t.arena_rows.len(), t.points.len());
        assert!(most >= 30, "the ints fill about thirty arenas: {most}");
        let drawn: usize = t.points.iter().map(|p| p.grid.len()).sum();
        assert!(t.arena_rows.len() * 10 < drawn, "{} pictures for {drawn} drawn arenas", t.arena_rows.len());
        assert!(grid < 600_000, "{grid}");
    }
}
