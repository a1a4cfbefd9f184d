//! The state of one example: its code and mode, the run in progress or the
//! last run's trace, and the stepping cursor with its playback.
//!
//! One reducer over immutable data (as in Yew's `function_todomvc`):
//! components dispatch [`Action`]s and render whatever the reducer returns;
//! an action that changes nothing returns the same `Rc`. Effects (starting
//! the engine, timers, storage) live in the component and its hooks.

use std::rc::Rc;

use pymem::RunMode;
use yew::Reducible;

use crate::trace::{Shared, Trace};

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The code as the reader last edited it.
    pub code: String,
    /// The example's original code and mode, restored by Reset.
    pub original: &'static str,
    pub original_mode: RunMode,
    pub mode: RunMode,
    pub status: Status,
    /// Index into the trace's points.
    pub cursor: usize,
    pub playing: bool,
    /// Milliseconds per step while playing.
    pub speed: u32,
    /// The id the next run will get.
    pub next_job: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Idle,
    Running {
        job: u32,
    },
    Done(Shared<Trace>),
    /// The reader stopped the run.
    Stopped,
    /// The engine could not run it (a crashed worker).
    Failed(String),
}

pub const SPEEDS: [(u32, &str); 4] = [(1000, "Slow"), (450, "Normal"), (150, "Fast"), (40, "Fastest")];
pub const DEFAULT_SPEED: u32 = 450;

pub enum Action {
    Edit(String),
    SetMode(RunMode),
    Reset,
    /// A run was handed to the engine as job `id`.
    Started(u32),
    Finished(u32, Shared<Trace>),
    Failed(u32, String),
    Stop,
    StepBack,
    StepForward,
    Seek(usize),
    TogglePlay,
    /// One playback step (from the playback timer).
    Tick,
    SetSpeed(u32),
}

impl Session {
    pub fn new(original: &'static str) -> Self {
        Session::with_mode(original, RunMode::Script)
    }

    pub fn with_mode(original: &'static str, mode: RunMode) -> Self {
        Session {
            code: original.to_string(),
            original,
            original_mode: mode,
            mode,
            status: Status::Idle,
            cursor: 0,
            playing: false,
            speed: DEFAULT_SPEED,
            next_job: 1,
        }
    }

    /// The finished run, if any.
    pub fn trace(&self) -> Option<&Shared<Trace>> {
        match &self.status {
            Status::Done(t) => Some(t),
            _ => None,
        }
    }

    pub fn running(&self) -> Option<u32> {
        match self.status {
            Status::Running { job } => Some(job),
            _ => None,
        }
    }

    fn last(&self) -> usize {
        self.trace().map_or(0, |t| t.last())
    }

    fn with(self: &Rc<Self>, f: impl FnOnce(&mut Session)) -> Rc<Self> {
        let mut next = (**self).clone();
        f(&mut next);
        if next == **self {
            self.clone()
        } else {
            Rc::new(next)
        }
    }

    fn at(self: &Rc<Self>, cursor: usize) -> Rc<Self> {
        if self.trace().is_none() {
            return self.clone();
        }
        let cursor = cursor.min(self.last());
        self.with(|s| {
            s.cursor = cursor;
            s.playing = false;
        })
    }
}

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(code) if code == self.code => self,
            Action::Edit(code) => self.with(|s| {
                s.code = code;
                s.status = Status::Idle;
                s.cursor = 0;
                s.playing = false;
            }),
            Action::SetMode(mode) => self.with(|s| {
                if s.mode != mode {
                    s.mode = mode;
                    s.status = Status::Idle;
                    s.cursor = 0;
                    s.playing = false;
                }
            }),
            Action::Reset => self.with(|s| {
                let speed = s.speed;
                *s = Session { speed, next_job: s.next_job, ..Session::with_mode(s.original, s.original_mode) };
            }),
            Action::Started(job) => self.with(|s| {
                s.status = Status::Running { job };
                s.next_job = s.next_job.max(job + 1);
                s.cursor = 0;
                s.playing = false;
            }),
            Action::Finished(job, trace) if self.running() == Some(job) => self.with(|s| {
                s.cursor = trace.last();
                s.status = Status::Done(trace);
            }),
            Action::Failed(job, msg) if self.running() == Some(job) => self.with(|s| s.status = Status::Failed(msg)),
            Action::Finished(..) | Action::Failed(..) => self,
            Action::Stop if self.running().is_some() => self.with(|s| s.status = Status::Stopped),
            Action::Stop => self,
            Action::StepBack => self.at(self.cursor.saturating_sub(1)),
            Action::StepForward => self.at(self.cursor + 1),
            Action::Seek(i) => self.at(i),
            Action::TogglePlay if self.trace().is_none() => self,
            Action::TogglePlay => self.with(|s| {
                if s.playing {
                    s.playing = false;
                } else {
                    if s.cursor >= s.last() {
                        s.cursor = 0;
                    }
                    s.playing = true;
                }
            }),
            Action::Tick if !self.playing => self,
            Action::Tick => self.with(|s| {
                s.cursor = (s.cursor + 1).min(s.last());
                s.playing = s.cursor < s.last();
            }),
            Action::SetSpeed(ms) => self.with(|s| s.speed = ms.max(10)),
        }
    }
}
