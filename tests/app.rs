//! Component tests in headless Chromium (wasm-bindgen-test): mount the app in
//! a fresh element, act on it as a reader would, and check what renders.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use pymem_lab::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> web_sys::Element {
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Yew renders on its scheduler: yield before looking.
async fn settle() {
    gloo::timers::future::sleep(Duration::ZERO).await;
}

fn click(root: &web_sys::Element, selector: &str) {
    root.query_selector(selector).unwrap().unwrap().dyn_into::<HtmlElement>().unwrap().click();
}

fn text(root: &web_sys::Element, selector: &str) -> Option<String> {
    root.query_selector(selector).unwrap().and_then(|e| e.text_content())
}

#[wasm_bindgen_test]
async fn renders_title_nav_and_the_first_example() {
    let root = mount();
    settle().await;
    assert_eq!(text(&root, "h1").as_deref(), Some("PyMem Lab"));
    assert_eq!(root.query_selector_all("nav.toc a").unwrap().length(), 25);
    assert!(root.query_selector("[data-section=reference-counting] [data-example=refcount]").unwrap().is_some());
    let hint = text(&root, "[data-role=output]").unwrap();
    assert!(hint.contains("Press Run"), "{hint}");
}

#[wasm_bindgen_test]
async fn run_shows_the_engine_output_and_step_count() {
    let root = mount();
    settle().await;
    click(&root, "[data-example=refcount] button.run");
    settle().await;
    assert_eq!(text(&root, "[data-example=refcount] pre.stdout").as_deref(), Some("2\n3\n2\n"));
    let meta = text(&root, "[data-example=refcount] .meta").unwrap();
    assert!(meta.ends_with(" steps"), "{meta}");
}

#[wasm_bindgen_test]
async fn a_program_that_prints_nothing_says_so() {
    let root = mount();
    settle().await;
    let area: HtmlTextAreaElement = root.query_selector("textarea").unwrap().unwrap().dyn_into().unwrap();
    area.set_value("x = [1, 2, 3]\ndel x\n");
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    click(&root, "[data-example=refcount] button.run");
    settle().await;
    let out = text(&root, "[data-example=refcount] [data-role=output]").unwrap();
    assert!(out.contains("The program printed nothing."), "{out}");
}
