//! The table of contents: the document's headings as links to `#/SLUG`.

use yew::prelude::*;

use crate::content::SECTIONS;

#[component]
pub fn Nav() -> Html {
    html! {
        <nav class="toc" aria-label="Sections">
            <ol>
                { for SECTIONS.iter().map(|s| {
                    let slug = s.slug();
                    html! {
                        <li class={classes!(format!("level-{}", s.level))}>
                            <a href={format!("#/{slug}")}>{ s.title }</a>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
