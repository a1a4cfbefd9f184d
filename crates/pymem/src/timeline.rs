//! The timeline: what happened during a run, in order, for the app to
//! replay. The interpreter reports events through the `Vm::on_*` hooks; the
//! recorder keeps them (up to a limit, so memory stays bounded) tagged with
//! the step at which they happened.

use serde::{Deserialize, Serialize};

use crate::gc::CollectReport;
use crate::ids::ObjectId;
use crate::pymalloc::Placement;
use crate::snapshot::Snapshot;
use crate::vm::Vm;

/// One thing that happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// A new source line started executing, `depth` frames deep.
    Line { line: u32, depth: u32 },
    /// An object was created at `addr` with `size` bytes, in a pymalloc
    /// block or a raw allocation (`where_`), with its first reference.
    Alloc { id: ObjectId, addr: u64, size: u32, type_name: String, where_: Option<Placement> },
    /// An object's refcount reached zero and it was freed.
    Free { id: ObjectId, type_name: String },
    /// A Python frame started (`name`) or finished.
    FramePush { name: String, depth: u32 },
    FramePop { name: String, depth: u32 },
    /// The weak references to a dying object were cleared.
    WeakrefsCleared { target: ObjectId, count: u32 },
    /// The program printed `text`.
    Stdout { text: String },
    /// A cyclic-GC collection of `generation` starts.
    CollectStart { generation: u32 },
    /// A cyclic-GC collection ran (what it found, phase by phase).
    Collect(Box<CollectReport>),
}

/// An event and the evaluation step it happened at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stamped {
    pub step: u64,
    pub event: Event,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Recorder {
    pub enabled: bool,
    /// Events kept; beyond it events are counted but dropped.
    pub limit: usize,
    pub events: Vec<Stamped>,
    pub dropped: u64,
    /// Snapshots taken as lines start, in step order, kept by [`Keep`].
    pub snapshots: Vec<Snapshot>,
    /// Why each of `snapshots` was kept (same length).
    kept: Vec<Keep>,
    /// Samplers of the lines right after a call, right after a return, and
    /// of the other lines.
    calls: Sampler,
    returns: Sampler,
    repeats: Sampler,
    /// The (code object, line) pairs that have run, sorted (at most
    /// [`MAX_FIRST_LINES`]: a binary search is cheaper than hashing).
    seen: Vec<(ObjectId, u32)>,
    /// Frames deep at the previous line event.
    depth: u32,
    /// Start-up is over (its allocations are not the program's events).
    pub started: bool,
}

/// Snapshots kept for lines that run for the first time (a `print` after a
/// million-iteration loop, a `del`): every one, up to this many.
pub const MAX_FIRST_LINES: usize = 512;
/// Snapshots kept for lines that start right after a frame was pushed (a
/// call's first line), and as many right after one was popped (the caller's
/// next line), each thinned beyond it. Calls and returns are sampled apart
/// so that a kept call keeps its return too.
pub const MAX_BOUNDARIES: usize = 256;
/// Snapshots kept for the other (repeated) lines, thinned beyond it.
pub const MAX_REPEATS: usize = 1023;
/// All snapshots of a run, the final one included.
pub const MAX_SNAPSHOTS: usize = MAX_FIRST_LINES + 2 * MAX_BOUNDARIES + MAX_REPEATS + 1;

/// Why a snapshot was kept: first executions are never thinned; the sampled
/// kinds are thinned separately, so a long loop's repetitions cannot push
/// out the calls and returns, and nothing pushes out the lines that ran once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Keep {
    First,
    Call,
    Return,
    Repeat,
}

/// Keeps every `stride`-th event of one kind; when `limit` are kept, every
/// other one is dropped and the stride doubles (so the kept ones stay evenly
/// spread over the run, and the count bounded).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Sampler {
    seen: u64,
    stride: u64,
    kept: usize,
}

impl Sampler {
    fn wants(&mut self) -> bool {
        self.seen += 1;
        (self.seen - 1).is_multiple_of(self.stride.max(1))
    }
}

/// Object views kept at most across the sampled snapshots: big heaps thin
/// sooner, so the trace the page holds and decodes stays bounded.
pub const OBJECT_BUDGET: usize = 120_000;

impl Recorder {
    pub fn new(enabled: bool, limit: usize) -> Recorder {
        Recorder { enabled, limit, ..Recorder::default() }
    }

    /// Why the line starting now (`depth` frames deep, in `code`) should be
    /// snapshotted, or `None`.
    fn wants_snapshot(&mut self, code: ObjectId, line: u32, depth: u32) -> Option<Keep> {
        let before = std::mem::replace(&mut self.depth, depth);
        // Boundaries are counted even when they run first, so the n-th call
        // and the n-th return are sampled together.
        let sampled = match depth.cmp(&before) {
            std::cmp::Ordering::Greater => self.calls.wants().then_some(Keep::Call),
            std::cmp::Ordering::Less => self.returns.wants().then_some(Keep::Return),
            std::cmp::Ordering::Equal => None,
        };
        // `seen` only grows with first executions, so once full no line
        // costs a lookup.
        if self.seen.len() < MAX_FIRST_LINES {
            if let Err(at) = self.seen.binary_search(&(code, line)) {
                self.seen.insert(at, (code, line));
                return Some(Keep::First);
            }
        }
        if depth != before {
            return sampled;
        }
        self.repeats.wants().then_some(Keep::Repeat)
    }

    fn keep_snapshot(&mut self, s: Snapshot, why: Keep) {
        self.snapshots.push(s);
        self.kept.push(why);
        let (sampler, limit) = match why {
            Keep::First => return,
            Keep::Call => (&mut self.calls, MAX_BOUNDARIES),
            Keep::Return => (&mut self.returns, MAX_BOUNDARIES),
            Keep::Repeat => (&mut self.repeats, MAX_REPEATS),
        };
        sampler.kept += 1;
        let listed: usize = self.snapshots.iter().map(|s| s.objects.len()).sum();
        if sampler.kept >= limit || (sampler.kept > 2 && listed > OBJECT_BUDGET) {
            // Drop every other snapshot of this kind, oldest kept.
            let mut nth = 0;
            let keep: Vec<bool> = self
                .kept
                .iter()
                .map(|&k| {
                    if k != why {
                        return true;
                    }
                    nth += 1;
                    nth % 2 == 1
                })
                .collect();
            let mut i = 0;
            self.snapshots.retain(|_| {
                i += 1;
                keep[i - 1]
            });
            let mut i = 0;
            self.kept.retain(|_| {
                i += 1;
                keep[i - 1]
            });
            sampler.kept = sampler.kept.div_ceil(2);
            sampler.stride = sampler.stride.max(1) * 2;
        }
    }

    fn push(&mut self, step: u64, event: Event) {
        if !self.started {
            return;
        }
        if self.events.len() < self.limit {
            self.events.push(Stamped { step, event });
        } else {
            self.dropped += 1;
        }
    }
}

impl Vm {
    pub(crate) fn on_line(&mut self, line: u32) {
        // memory_profiler's line events (a no-op unless a @profile runs).
        self.profile_line(line);
        if self.timeline.enabled {
            let depth = self.frames.len() as u32;
            self.timeline.push(self.steps, Event::Line { line, depth });
            let code = self.frames.last().map_or(crate::heap::NULL, |f| f.code_obj);
            if let Some(why) = self.timeline.wants_snapshot(code, line, depth) {
                let s = self.snapshot();
                self.timeline.keep_snapshot(s, why);
            }
        }
    }

    /// The state at the end of the program (before interpreter shutdown).
    pub(crate) fn final_snapshot(&mut self) {
        if self.timeline.enabled {
            let s = self.snapshot();
            self.timeline.snapshots.push(s);
        }
    }

    pub(crate) fn on_alloc(&mut self, id: ObjectId) {
        if self.timeline.enabled {
            let o = self.heap.get(id);
            let (addr, size) = (o.addr, o.size);
            let where_ = self.heap.alloc.placement(addr);
            let type_name = self.type_name(id);
            self.timeline.push(self.steps, Event::Alloc { id, addr, size, type_name, where_ });
        }
    }

    pub(crate) fn on_free(&mut self, id: ObjectId) {
        if self.timeline.enabled {
            let type_name = self.type_name(id);
            self.timeline.push(self.steps, Event::Free { id, type_name });
        }
    }

    pub(crate) fn on_frame(&mut self, name: &str, push: bool) {
        if self.timeline.enabled {
            let depth = self.frames.len() as u32;
            let name = name.to_string();
            let e = if push { Event::FramePush { name, depth } } else { Event::FramePop { name, depth } };
            self.timeline.push(self.steps, e);
        }
    }

    pub(crate) fn on_weakrefs_cleared(&mut self, target: ObjectId, count: u32) {
        if self.timeline.enabled {
            self.timeline.push(self.steps, Event::WeakrefsCleared { target, count });
        }
    }

    pub(crate) fn on_stdout(&mut self, text: &str) {
        if self.timeline.enabled {
            self.timeline.push(self.steps, Event::Stdout { text: text.to_string() });
        }
    }

    pub(crate) fn on_collect_start(&mut self, generation: usize) {
        if self.timeline.enabled {
            self.timeline.push(self.steps, Event::CollectStart { generation: generation as u32 });
        }
    }

    pub(crate) fn on_collect(&mut self, report: &CollectReport) {
        if self.timeline.enabled {
            self.timeline.push(self.steps, Event::Collect(Box::new(report.clone())));
        }
    }
}
