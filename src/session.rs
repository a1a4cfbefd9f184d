//! The state of one example: its code, and the result of the last run.
//!
//! One reducer over immutable data (as in Yew's `function_todomvc`): components
//! dispatch [`Action`]s and render whatever the reducer returns.

use std::rc::Rc;

use pymem::{Run, RunConfig};
use yew::Reducible;

#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The code as the reader last edited it.
    pub code: String,
    /// The example's original code, restored by Reset.
    pub original: &'static str,
    /// The last run, if any; cleared by edits so output never describes
    /// different code from what is shown.
    pub run: Option<Rc<RunView>>,
}

/// What the output area shows after a run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunView {
    pub stdout: String,
    pub stderr: String,
    pub steps: u64,
}

impl From<Run> for RunView {
    fn from(run: Run) -> Self {
        RunView { stdout: run.stdout, stderr: run.stderr, steps: run.steps }
    }
}

pub enum Action {
    Edit(String),
    Run,
    Reset,
}

impl Session {
    pub fn new(original: &'static str) -> Self {
        Session { code: original.to_string(), original, run: None }
    }
}

impl Reducible for Session {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Edit(code) if code == self.code => self,
            Action::Edit(code) => Rc::new(Session { code, run: None, ..(*self).clone() }),
            Action::Run => {
                let run = pymem::run(&self.code, &RunConfig::default());
                Rc::new(Session { run: Some(Rc::new(run.into())), ..(*self).clone() })
            }
            Action::Reset if self.code == self.original && self.run.is_none() => self,
            Action::Reset => Rc::new(Session::new(self.original)),
        }
    }
}
