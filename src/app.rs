//! The page: title, table of contents, and one panel per heading of the
//! document. Owns routing (`#/SLUG`, `#/SLUG/ID`: open and scroll to the
//! panel or example) and which panels are collapsed; provides the engine
//! [`Runner`] to every example.

use std::collections::HashSet;
use std::rc::Rc;

use gloo::events::EventListener;
use yew::prelude::*;

use crate::components::{nav::Nav, panel::Panel};
use crate::content::SECTIONS;
use crate::route::Route;
use crate::runner::Runner;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub runner: Runner,
}

fn current_route() -> Option<Route> {
    Route::parse(&gloo::utils::window().location().hash().unwrap_or_default())
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let route = use_state(current_route);
    let collapsed = use_state(|| Rc::new(HashSet::<String>::new()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener =
                EventListener::new(&gloo::utils::window(), "hashchange", move |_| route.set(current_route()));
            move || drop(listener)
        });
    }
    // Opening the routed panel, then scrolling to it once it is drawn.
    {
        let collapsed = collapsed.clone();
        use_effect_with((*route).clone(), move |route| {
            if let Some(r) = route {
                if collapsed.contains(&r.section) {
                    let mut next = (**collapsed).clone();
                    next.remove(&r.section);
                    collapsed.set(Rc::new(next));
                }
                let id = r.target_id();
                gloo::timers::callback::Timeout::new(30, move || scroll_to(&id)).forget();
            }
        });
    }
    let on_toggle = {
        let collapsed = collapsed.clone();
        Callback::from(move |slug: String| {
            let mut next = (**collapsed).clone();
            if !next.remove(&slug) {
                next.insert(slug);
            }
            collapsed.set(Rc::new(next));
        })
    };
    let active = route.as_ref().map(|r| r.section.clone());
    html! {
        <ContextProvider<Runner> context={props.runner.clone()}>
            <div class="page">
                <header>
                    <h1>{ "PyMem Lab" }</h1>
                    <p class="tagline">{ "How CPython 3.11 manages memory — run it and watch." }</p>
                </header>
                <Nav active={active} />
                <main>
                    { for SECTIONS.iter().map(|s| {
                        let slug = s.slug();
                        html! {
                            <Panel key={slug.clone()} section={*s} open={!collapsed.contains(&slug)}
                                on_toggle={on_toggle.clone()} />
                        }
                    }) }
                    <footer class="page-foot">
                        <p>{ "Every number on this page comes from pymem, a simulation of CPython 3.11's memory manager (64-bit Linux) running in your browser. Where it is known to differ from CPython, the example says so." }</p>
                    </footer>
                </main>
            </div>
        </ContextProvider<Runner>>
    }
}

fn scroll_to(id: &str) {
    let Some(el) = gloo::utils::document().get_element_by_id(id) else { return };
    let opts = web_sys::ScrollIntoViewOptions::new();
    let reduce = gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches());
    opts.set_behavior(if reduce { web_sys::ScrollBehavior::Auto } else { web_sys::ScrollBehavior::Smooth });
    opts.set_block(web_sys::ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}
