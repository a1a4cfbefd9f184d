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
    /// One snapshot per executed line, thinned to every `stride`-th line
    /// once `MAX_SNAPSHOTS` is reached, so memory stays bounded.
    pub snapshots: Vec<Snapshot>,
    pub lines_seen: u64,
    pub stride: u64,
    /// Start-up is over (its allocations are not the program's events).
    pub started: bool,
}

/// Snapshots kept at most; beyond it every other one is dropped and the
/// sampling stride doubles.
pub const MAX_SNAPSHOTS: usize = 1024;
/// Object views kept at most across all snapshots.
pub const OBJECT_BUDGET: usize = 120_000;

impl Recorder {
    pub fn new(enabled: bool, limit: usize) -> Recorder {
        Recorder { enabled, limit, events: Vec::new(), dropped: 0, snapshots: Vec::new(), lines_seen: 0, stride: 1, started: false }
    }

    /// Whether the next line event should be snapshotted.
    fn wants_snapshot(&mut self) -> bool {
        self.lines_seen += 1;
        (self.lines_seen - 1).is_multiple_of(self.stride)
    }

    fn keep_snapshot(&mut self, s: Snapshot) {
        self.snapshots.push(s);
        // Big heaps thin sooner: the objects listed by all kept snapshots
        // stay within OBJECT_BUDGET (what the page holds and decodes).
        let listed: usize = self.snapshots.iter().map(|s| s.objects.len()).sum();
        if self.snapshots.len() >= MAX_SNAPSHOTS || (self.snapshots.len() > 2 && listed > OBJECT_BUDGET) {
            let mut i = 0;
            self.snapshots.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
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
            if self.timeline.wants_snapshot() {
                let s = self.snapshot();
                self.timeline.keep_snapshot(s);
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
