//! The table of contents: the document's headings as links to `#/SLUG`.

use yew::prelude::*;

use crate::content::SECTIONS;
use crate::route::section_href;

#[derive(Properties, PartialEq)]
pub struct NavProps {
    /// The routed section, marked as current.
    #[prop_or_default]
    pub active: Option<String>,
}

#[component]
pub fn Nav(props: &NavProps) -> Html {
    html! {
        <nav class="toc" aria-label="Sections">
            <ol>
                { for SECTIONS.iter().map(|s| {
                    let slug = s.slug();
                    let current = (props.active.as_deref() == Some(slug.as_str())).then_some("location");
                    html! {
                        <li class={classes!(format!("level-{}", s.level))}>
                            <a href={section_href(&slug)} aria-current={current}>{ s.title }</a>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
