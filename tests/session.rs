//! Reducer transitions of an example session, under Node (no DOM needed).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use pymem::RunMode;
use pymem_lab::session::{Action, Session, Status};
use pymem_lab::trace::{execute, Job, Shared};
use wasm_bindgen_test::*;
use yew::Reducible;

const CODE: &str = "x = [1]\nprint('hi')\ndel x\n";

fn run(s: Rc<Session>) -> Rc<Session> {
    let id = s.next_job;
    let s = s.reduce(Action::Started(id));
    let trace = execute(&Job { id, code: s.code.clone(), mode: s.mode, filename: "t.py".into() });
    s.reduce(Action::Finished(id, Shared::new(trace)))
}

#[wasm_bindgen_test]
fn a_run_ends_at_the_last_step_and_edits_clear_it() {
    let s = Rc::new(Session::new(CODE));
    let ran = run(s);
    let t = ran.trace().unwrap().clone();
    assert_eq!(t.stdout, "hi\n");
    assert_eq!(ran.cursor, t.last());
    let same = ran.clone().reduce(Action::Edit(CODE.into()));
    assert!(Rc::ptr_eq(&same, &ran));
    let edited = ran.reduce(Action::Edit("print(2)\n".into()));
    assert_eq!(edited.status, Status::Idle);
    assert_eq!(edited.code, "print(2)\n");
}

#[wasm_bindgen_test]
fn stepping_is_bounded_and_noops_keep_the_state() {
    let s = run(Rc::new(Session::new(CODE)));
    let last = s.cursor;
    let same = s.clone().reduce(Action::StepForward);
    assert!(Rc::ptr_eq(&same, &s), "stepping past the end changes nothing");
    let back = s.reduce(Action::StepBack);
    assert_eq!(back.cursor, last - 1);
    let start = back.reduce(Action::Seek(0));
    assert_eq!(start.cursor, 0);
    let still = start.clone().reduce(Action::StepBack);
    assert!(Rc::ptr_eq(&still, &start));
    assert_eq!(start.reduce(Action::Seek(999)).cursor, last);
}

#[wasm_bindgen_test]
fn play_ticks_to_the_end_then_stops_and_restarts_from_the_beginning() {
    let s = run(Rc::new(Session::new(CODE)));
    let last = s.cursor;
    let playing = s.reduce(Action::TogglePlay);
    assert!(playing.playing);
    assert_eq!(playing.cursor, 0, "play at the end starts over");
    let mut p = playing;
    for _ in 0..last {
        p = p.reduce(Action::Tick);
    }
    assert_eq!(p.cursor, last);
    assert!(!p.playing, "playback stops at the end");
    let idle = p.clone().reduce(Action::Tick);
    assert!(Rc::ptr_eq(&idle, &p));
}

#[wasm_bindgen_test]
fn stale_results_and_stopped_runs_are_ignored() {
    let s = Rc::new(Session::new(CODE)).reduce(Action::Started(1));
    let stopped = s.reduce(Action::Stop);
    assert_eq!(stopped.status, Status::Stopped);
    let trace = execute(&Job { id: 1, code: CODE.into(), mode: RunMode::Script, filename: "t.py".into() });
    let late = stopped.clone().reduce(Action::Finished(1, Shared::new(trace)));
    assert!(Rc::ptr_eq(&late, &stopped));
    let failed = stopped.reduce(Action::Started(2)).reduce(Action::Failed(2, "worker died".into()));
    assert_eq!(failed.status, Status::Failed("worker died".into()));
}

#[wasm_bindgen_test]
fn reset_restores_the_original_code_and_mode() {
    let s = Rc::new(Session::with_mode(CODE, RunMode::Script))
        .reduce(Action::Edit("x = 1\n".into()))
        .reduce(Action::SetMode(RunMode::Repl))
        .reduce(Action::Reset);
    assert_eq!(s.code, CODE);
    assert_eq!(s.mode, RunMode::Script);
    let again = s.clone().reduce(Action::Reset);
    assert!(Rc::ptr_eq(&s, &again));
}
