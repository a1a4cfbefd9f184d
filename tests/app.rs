//! Component tests in headless Chromium (wasm-bindgen-test): mount the app in
//! a fresh element with the in-page engine, act on it as a reader would, and
//! check what renders.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use pymem_lab::runner::Runner;
use pymem_lab::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn mount() -> Element {
    let window = gloo::utils::window();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let doc = gloo::utils::document();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps { runner: Runner::in_page() }).render();
    root
}

/// Yew renders on its scheduler: yield before looking.
async fn settle() {
    gloo::timers::future::sleep(Duration::from_millis(5)).await;
}

/// Waits (up to 20 s) until `selector` matches inside `root`.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..2000 {
        if let Some(e) = root.query_selector(selector).unwrap() {
            return e;
        }
        settle().await;
    }
    panic!("{selector} never appeared");
}

fn el(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn click(root: &Element, selector: &str) {
    el(root, selector).dyn_into::<HtmlElement>().unwrap().click();
}

fn text(root: &Element, selector: &str) -> String {
    el(root, selector).text_content().unwrap_or_default()
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

fn button(example: &str, name: &str) -> String {
    format!("[data-example={example}] button[aria-label='{name}']")
}

async fn run(root: &Element, example: &str) {
    click(root, &format!("[data-example={example}] button.run"));
    wait_for(root, &format!("[data-example={example}] [data-role=output] .meta")).await;
    settle().await;
}

fn type_code(root: &Element, example: &str, code: &str) {
    let area: HtmlTextAreaElement = el(root, &format!("[data-example={example}] textarea")).dyn_into().unwrap();
    area.set_value(code);
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn renders_every_panel_in_order_with_its_examples() {
    let root = mount();
    settle().await;
    assert_eq!(text(&root, "h1"), "PyMem Lab");
    assert_eq!(count(&root, "nav.toc a"), 25);
    assert_eq!(count(&root, "section[data-section]"), 25);
    let first = el(&root, "section[data-section]");
    assert_eq!(first.get_attribute("data-section").as_deref(), Some("overview-of-memory-management-in-python"));
    for slug in [
        "reference-counting",
        "sys-getsizeof",
        "object-specific-allocators",
        "tracemalloc",
        "garbage-collection-process",
    ] {
        assert!(count(&root, &format!("[data-section={slug}] [data-example]")) >= 1, "{slug}");
    }
    assert!(text(&root, "[data-example=refcount] [data-role=output]").contains("Press Run"));
    assert_eq!(count(&root, "textarea[aria-label='Python code']"), count(&root, "[data-example]"));
    assert_eq!(count(&root, "[data-section=garbage-collection-process] figure.diagram"), 1);
}

#[wasm_bindgen_test]
async fn run_shows_the_engine_output_views_and_step_count() {
    let root = mount();
    settle().await;
    run(&root, "refcount").await;
    assert_eq!(text(&root, "[data-example=refcount] pre.stdout"), "2\n3\n2\n");
    assert!(text(&root, "[data-example=refcount] .meta").ends_with(" steps"));
    for role in ["heap", "stack", "generations", "allocator", "tracemalloc"] {
        assert_eq!(count(&root, &format!("[data-example=refcount] [data-role={role}]")), 1, "{role}");
    }
    // The generations view says where its numbers differ from CPython's.
    assert!(text(&root, "[data-example=refcount] [data-role=generations] .view-note").contains("start-up"));
}

#[wasm_bindgen_test]
async fn stepping_back_and_forward_changes_the_heap_and_the_output() {
    let root = mount();
    settle().await;
    run(&root, "refcount-basics").await;
    let ex = "[data-example=refcount-basics]";
    // At the end the list is gone.
    assert_eq!(count(&root, &format!("{ex} [data-role=heap] [data-object-id]")), 0);
    let slider: HtmlInputElement = el(&root, &format!("{ex} input[aria-label=Timeline]")).dyn_into().unwrap();
    let last: usize = slider.max().parse().unwrap();
    click(&root, &button("refcount-basics", "Step back"));
    settle().await;
    assert_eq!(slider.value(), (last - 1).to_string());
    // Before `del y`: the list, with one reference left.
    let list = el(&root, &format!("{ex} [data-role=heap] [data-object-id] [data-refcount]"));
    assert!(text(&root, &format!("{ex} [data-role=heap]")).contains("[1, 2, 3]"));
    assert_eq!(list.get_attribute("data-refcount").as_deref(), Some("1"));
    click(&root, &button("refcount-basics", "Step back"));
    settle().await;
    let rc = el(&root, &format!("{ex} [data-role=heap] .obj:not(.cached) [data-refcount]"));
    assert_eq!(rc.get_attribute("data-refcount").as_deref(), Some("2"), "x and y both refer to it");
    assert!(text(&root, &format!("{ex} [data-role=narration]")).contains("refcount 1 → 2"));
    click(&root, &button("refcount-basics", "Step forward"));
    settle().await;
    assert_eq!(slider.value(), (last - 1).to_string());
    // Where the list went: its pymalloc block, from the timeline.
    slider.set_value("1");
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    assert!(text(&root, &format!("{ex} [data-role=allocator]")).contains("list → 64 B block"));
    slider.set_value(&(last - 1).to_string());
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    // The editor marks the line about to run.
    assert_eq!(text(&root, &format!("{ex} .gutter .current")), "4");
}

#[wasm_bindgen_test]
async fn the_node_cycle_survives_del_and_goes_at_gc_collect() {
    let root = mount();
    settle().await;
    run(&root, "node-cycle").await;
    let ex = "[data-example=node-cycle]";
    assert_eq!(text(&root, &format!("{ex} pre.stdout")), "unreachable objects found: 2\n");
    let slider: HtmlInputElement = el(&root, &format!("{ex} input[aria-label=Timeline]")).dyn_into().unwrap();
    let last: usize = slider.max().parse().unwrap();
    // One step before the end, `print(... gc.collect())` is about to run.
    slider.set_value(&(last - 1).to_string());
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    assert_eq!(count(&root, &format!("{ex} [data-role=heap] .obj.garbage[data-object-id]")), 2);
    click(&root, &button("node-cycle", "Step forward"));
    settle().await;
    assert_eq!(count(&root, &format!("{ex} [data-role=heap] .obj.garbage[data-object-id]")), 0);
    assert_eq!(count(&root, &format!("{ex} [data-role=heap] .obj.ghost.collected")), 2, "freed by the collector");
    assert!(text(&root, &format!("{ex} [data-role=generations]")).contains("Generation 2 collection"));
    assert!(text(&root, &format!("{ex} [data-role=narration]")).contains("2 collected"));
}

#[wasm_bindgen_test]
async fn a_program_that_prints_nothing_says_so_and_reset_restores() {
    let root = mount();
    settle().await;
    let original = el(&root, "[data-example=refcount] textarea").dyn_into::<HtmlTextAreaElement>().unwrap().value();
    type_code(&root, "refcount", "x = [1, 2, 3]\ndel x\n");
    settle().await;
    run(&root, "refcount").await;
    assert!(text(&root, "[data-example=refcount] [data-role=output]").contains("The program printed nothing."));
    // Edits persist per example.
    let saved = gloo::utils::window().local_storage().unwrap().unwrap().get_item("pymem-lab/code/refcount").unwrap();
    assert_eq!(saved.as_deref(), Some("x = [1, 2, 3]\ndel x\n"));
    click(&root, "[data-example=refcount] button.reset");
    settle().await;
    let area: HtmlTextAreaElement = el(&root, "[data-example=refcount] textarea").dyn_into().unwrap();
    assert_eq!(area.value(), original);
    assert!(text(&root, "[data-example=refcount] [data-role=output]").contains("Press Run"));
}

#[wasm_bindgen_test]
async fn the_mode_switch_changes_constant_sharing() {
    let root = mount();
    settle().await;
    run(&root, "small-int-cache").await;
    assert_eq!(text(&root, "[data-example=small-int-cache] pre.stdout"), "True\nTrue\n");
    let radios = root.query_selector_all("[data-example=small-int-cache] fieldset.mode input").unwrap();
    radios.item(1).unwrap().dyn_into::<HtmlElement>().unwrap().click();
    settle().await;
    run(&root, "small-int-cache").await;
    assert_eq!(text(&root, "[data-example=small-int-cache] pre.stdout"), "True\nFalse\n");
}

#[wasm_bindgen_test]
async fn keyboard_steps_and_play_runs_to_the_end() {
    let root = mount();
    settle().await;
    run(&root, "call-stack").await;
    let ex = "[data-example=call-stack]";
    let slider: HtmlInputElement = el(&root, &format!("{ex} input[aria-label=Timeline]")).dyn_into().unwrap();
    let last = slider.max();
    let key = |k: &str| {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(k);
        init.set_bubbles(true);
        let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        el(&root, &format!("{ex} .views")).dispatch_event(&e).unwrap();
    };
    key("ArrowLeft");
    key("ArrowLeft");
    settle().await;
    let at: usize = slider.value().parse().unwrap();
    assert_eq!(at + 2, last.parse::<usize>().unwrap());
    // Deeper in the recursion there are more frames on the stack.
    slider.set_value("9");
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    settle().await;
    assert!(count(&root, &format!("{ex} [data-role=stack] li.frame")) >= 3);
    let speed: web_sys::HtmlSelectElement = el(&root, &format!("{ex} select.speed")).dyn_into().unwrap();
    speed.set_value("40");
    speed.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    key(" ");
    settle().await;
    assert!(count(&root, &button("call-stack", "Pause")) == 1);
    for _ in 0..400 {
        if slider.value() == last {
            break;
        }
        settle().await;
    }
    settle().await;
    assert_eq!(slider.value(), last);
    assert_eq!(count(&root, &button("call-stack", "Play")), 1, "playback stops at the end");
}

#[wasm_bindgen_test]
async fn the_diagram_lights_up_from_the_run() {
    let root = mount();
    settle().await;
    run(&root, "allocation-flow").await;
    let fig = "[data-section=memory-allocation-flow] figure.diagram";
    assert!(count(&root, &format!("{fig} .dedge.lit")) >= 1);
    assert!(text(&root, &format!("{fig} [data-edge=B-C]")).contains("allocation"));
}

#[wasm_bindgen_test]
async fn panels_fold_and_routes_mark_the_current_section() {
    let root = mount();
    settle().await;
    click(&root, "[data-section=tracemalloc] button.fold");
    settle().await;
    let body = el(&root, "[data-section=tracemalloc] .panel-body");
    assert!(body.has_attribute("hidden"));
    assert_eq!(
        el(&root, "[data-section=tracemalloc] button.fold").get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    gloo::utils::window().location().set_hash("#/tracemalloc/tracemalloc").unwrap();
    for _ in 0..100 {
        if !body.has_attribute("hidden") {
            break;
        }
        settle().await;
    }
    assert!(!body.has_attribute("hidden"), "routing opens the panel");
    assert_eq!(text(&root, "nav.toc a[aria-current]"), "Tracemalloc");
    gloo::utils::window().location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn the_allocator_grid_fills_and_empties_as_the_reader_steps() {
    let root = mount();
    settle().await;
    type_code(&root, "size-classes", "x = [i for i in range(70000)]\ndel x\ny = 1\n");
    settle().await;
    run(&root, "size-classes").await;
    let ex = "[data-example=size-classes]";
    let slider: HtmlInputElement = el(&root, &format!("{ex} input[aria-label=Timeline]")).dyn_into().unwrap();
    let last: usize = slider.max().parse().unwrap();
    let arenas = || count(&root, &format!("{ex} [data-role=allocator] figure.arena"));
    // Pools of 32-byte blocks in use: one element each, or a whole full
    // arena drawn as one element.
    let int_pools = || {
        let whole = root.query_selector_all(&format!("{ex} [data-role=allocator] .pools.uniform[title*='32-byte blocks']")).unwrap();
        let in_whole: u32 = (0..whole.length())
            .map(|i| whole.item(i).unwrap().dyn_into::<Element>().unwrap().get_attribute("data-pools").unwrap().parse::<u32>().unwrap())
            .sum();
        count(&root, &format!("{ex} [data-role=allocator] .pool:not(.empty)[title*='32-byte blocks']")) + in_whole
    };
    let uniform = || count(&root, &format!("{ex} [data-role=allocator] .pools.uniform"));
    let mut seen = Vec::new();
    for i in 0..=last {
        slider.set_value(&i.to_string());
        slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
        settle().await;
        let current = root.query_selector(&format!("{ex} .gutter .current")).unwrap();
        let line = current.and_then(|c| c.text_content()).unwrap_or_default();
        seen.push((line, arenas(), int_pools(), count(&root, &format!("{ex} [data-role=allocator] .arena.changed")), uniform()));
    }
    let (start, full) = (&seen[0], seen.iter().rev().find(|s| s.0 == "2").expect("a step before `del x`"));
    let after = seen.iter().rev().find(|s| s.0 == "3").expect("a step after `del x`");
    // 70,000 ints in 32-byte blocks (510 to a pool): about 140 more pools,
    // in new arenas; `del x` empties them and the arenas are returned.
    assert!(full.1 >= start.1 + 2, "{start:?} -> {full:?}");
    assert!(full.2 >= start.2 + 130, "{start:?} -> {full:?}");
    assert!(after.1 < full.1 && after.2 + 130 <= full.2, "{full:?} -> {after:?}");
    assert!(seen.iter().any(|s| s.3 > 0), "the arena that changed at a step is marked");
    assert!(full.4 >= 1, "an arena full of ints is drawn as one element: {full:?}");
    // Hovering a pool says what it holds.
    let pool = el(&root, &format!("{ex} [data-role=allocator] .pool:not(.empty)[title*='32-byte blocks']"));
    let title = pool.get_attribute("title").unwrap();
    let (head, counts) = title.split_once(": 32-byte blocks, ").unwrap();
    assert!(head.starts_with("pool ") && head.contains(" of arena "), "{title}");
    assert!(counts.ends_with("/510 used"), "{title}");
    assert!(text(&root, &format!("{ex} [data-role=allocator]")).contains("malloc"));
    // After `del x` the emptied pools stay carved (outlined) in the arena
    // that keeps live blocks; the other arenas went back to the system.
    let empty = count(&root, &format!("{ex} [data-role=allocator] .pool.empty"));
    assert!(empty > 0, "{after:?}");
}

fn seek(root: &Element, example: &str, to: usize) {
    let slider: HtmlInputElement = el(root, &format!("[data-example={example}] input[aria-label=Timeline]")).dyn_into().unwrap();
    slider.set_value(&to.to_string());
    slider.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
}

#[wasm_bindgen_test]
async fn the_heap_draws_a_thousand_objects_and_steps_their_refcounts() {
    let root = mount();
    settle().await;
    let id = "thousand-floats";
    let ex = format!("[data-example={id}]");
    type_code(&root, id, "objs = [[i] for i in range(1000)]\na = objs[500]\nb = a\ndel a\nprint(len(objs))\n");
    settle().await;
    run(&root, id).await;
    assert_eq!(text(&root, &format!("{ex} pre.stdout")), "1000\n");
    let heap = format!("{ex} [data-role=heap]");
    // At the end: objs and its 1,000 lists, each drawn with its refcount.
    assert!(count(&root, &format!("{heap} [data-object-id]")) >= 1001);
    assert!(count(&root, &format!("{heap} [data-object-id] [data-refcount]")) >= 1001);
    assert!(text(&root, &heap).contains("list of 1,000 lists"));
    // objs[500]: `b` still refers to it (so it has a full box).
    let labels = root.query_selector_all(&format!("{heap} [data-object-id] .label")).unwrap();
    let cell: Element = (0..labels.length())
        .map(|i| labels.item(i).unwrap().dyn_into::<Element>().unwrap())
        .find(|c| c.text_content().unwrap_or_default() == "[500]")
        .and_then(|c| c.closest("[data-object-id]").unwrap())
        .expect("objs[500] is drawn");
    let oid = cell.get_attribute("data-object-id").unwrap();
    let rc = |root: &Element| {
        root.query_selector(&format!("{heap} [data-object-id='{oid}'] [data-refcount]"))
            .unwrap()
            .and_then(|e| e.get_attribute("data-refcount"))
    };
    assert_eq!(rc(&root).as_deref(), Some("2"), "objs and b");
    let other = el(&root, &format!("{heap} .cell[data-object-id]:not([data-object-id='{oid}'])"));
    let other_id = other.get_attribute("data-object-id").unwrap();
    // Stepping back replays its count: objs and b (2), then a too before
    // `del a` (3), objs and a before `b = a` (2), objs alone before `a = ...` (1).
    let slider: HtmlInputElement = el(&root, &format!("{ex} input[aria-label=Timeline]")).dyn_into().unwrap();
    let last: usize = slider.max().parse().unwrap();
    let mut counts: Vec<String> = vec!["2".into()];
    for step in (0..last).rev() {
        seek(&root, id, step);
        settle().await;
        match rc(&root) {
            Some(now) if counts.last() != Some(&now) => counts.push(now),
            Some(_) => {}
            // Not drawn yet: the list of lists is still being built.
            None => break,
        }
        if counts.len() == 4 {
            break;
        }
    }
    assert_eq!(counts, ["2", "3", "2", "1"]);
    // Cells are keyed: an object drawn at both steps is the same element.
    let again = el(&root, &format!("{heap} [data-object-id='{other_id}']"));
    assert!(again.is_same_node(Some(&other)), "the cell was reused, not rebuilt");
    // Pointing at a cell draws its arrows and says what it is.
    let target = el(&root, &format!("{heap} [data-object-id='{other_id}'] rect"));
    let over = web_sys::MouseEvent::new_with_mouse_event_init_dict("mouseover", &{
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    target.dispatch_event(&over).unwrap();
    settle().await;
    assert!(count(&root, &format!("{heap} .edges.focus .edge")) >= 1);
    assert!(text(&root, &format!("{heap} .heap-note")).starts_with("list ["));
}

#[wasm_bindgen_test]
async fn a_comprehension_list_shows_as_a_temporary_of_its_frame() {
    let root = mount();
    settle().await;
    let id = "thousand-floats";
    let ex = format!("[data-example={id}]");
    run(&root, id).await;
    let slider: HtmlInputElement = el(&root, &format!("{ex} input[aria-label=Timeline]")).dyn_into().unwrap();
    let last: usize = slider.max().parse().unwrap();
    // Somewhere in the first half the comprehension is running.
    let mut found = false;
    for step in 1..last / 2 {
        seek(&root, id, step);
        settle().await;
        if text(&root, &format!("{ex} [data-role=heap] .frames")).contains("<listcomp>") {
            found = true;
            break;
        }
    }
    assert!(found, "a step inside the comprehension");
    assert!(count(&root, &format!("{ex} [data-role=heap] .frame .var.temp")) >= 1);
    assert!(count(&root, &format!("{ex} [data-role=heap] .edge.temp")) >= 1);
}
