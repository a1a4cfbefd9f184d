//! One panel per heading of the document: the heading (with a toggle to fold
//! the panel), the prose, the animated diagram where there is one, and the
//! examples.

use yew::prelude::*;

use crate::components::{example::Example, prose::Prose};
use crate::content::Section;
use crate::route::section_dom_id;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub section: Section,
    pub open: bool,
    pub on_toggle: Callback<String>,
}

#[component]
pub fn Panel(props: &PanelProps) -> Html {
    let s = props.section;
    let slug = s.slug();
    let heading_id = format!("h-{slug}");
    let toggle = {
        let (cb, slug) = (props.on_toggle.clone(), slug.clone());
        Callback::from(move |_| cb.emit(slug.clone()))
    };
    let heading = html! {
        <>
            <button type="button" class="fold" aria-expanded={props.open.to_string()}
                aria-controls={format!("body-{slug}")} onclick={toggle}
                aria-label={format!("{} section {}", if props.open { "Collapse" } else { "Expand" }, s.title)}>
                { if props.open { "▾" } else { "▸" } }
            </button>
            { s.title }
        </>
    };
    html! {
        <section class={classes!("panel", format!("level-{}", s.level))} data-section={slug.clone()}
            id={section_dom_id(&slug)} aria-labelledby={heading_id.clone()}>
            if s.level == 2 {
                <h2 id={heading_id}>{ heading }</h2>
            } else {
                <h3 id={heading_id}>{ heading }</h3>
            }
            // Folded panels stay mounted (hidden), so their runs survive.
            <div class="panel-body" id={format!("body-{slug}")} hidden={!props.open}>
                <Prose blocks={s.prose} />
                { for s.examples().map(|e| html! {
                    <Example key={e.id} example={*e} diagram={s.diagram} />
                }) }
            </div>
        </section>
    }
}
