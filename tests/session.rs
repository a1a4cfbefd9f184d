//! Reducer transitions of an example session, under Node (no DOM needed).
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use pymem_lab::session::{Action, Session};
use wasm_bindgen_test::*;
use yew::Reducible;

const CODE: &str = "print('hi')\n";

#[wasm_bindgen_test]
fn edit_clears_the_last_run_and_noop_edits_keep_the_state() {
    let s = Rc::new(Session::new(CODE));
    let ran = s.clone().reduce(Action::Run);
    assert_eq!(ran.run.as_ref().unwrap().stdout, "hi\n");
    let same = ran.clone().reduce(Action::Edit(CODE.into()));
    assert!(Rc::ptr_eq(&same, &ran));
    let edited = ran.reduce(Action::Edit("print(2)\n".into()));
    assert!(edited.run.is_none());
    assert_eq!(edited.code, "print(2)\n");
}

#[wasm_bindgen_test]
fn reset_restores_the_original() {
    let s = Rc::new(Session::new(CODE)).reduce(Action::Edit("x = 1\n".into())).reduce(Action::Reset);
    assert_eq!(s.code, CODE);
    let again = s.clone().reduce(Action::Reset);
    assert!(Rc::ptr_eq(&s, &again));
}
