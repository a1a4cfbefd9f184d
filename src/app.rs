//! The page: title, table of contents, and the sections with their examples.

use yew::prelude::*;

use crate::components::{example::Example, nav::Nav};
use crate::content::{EXAMPLES, SECTIONS};

#[component]
pub fn App() -> Html {
    html! {
        <div class="page">
            <header>
                <h1>{ "PyMem Lab" }</h1>
                <p class="tagline">{ "How CPython 3.11 manages memory — run it and watch." }</p>
            </header>
            <Nav />
            <main>
                { for SECTIONS.iter().filter(|s| EXAMPLES.iter().any(|e| e.section == s.slug())).map(|s| {
                    let slug = s.slug();
                    html! {
                        <section data-section={slug.clone()} id={slug.clone()}>
                            <h2>{ s.title }</h2>
                            { for EXAMPLES.iter().filter(|e| e.section == slug).map(|e| html! { <Example example={*e} /> }) }
                        </section>
                    }
                }) }
            </main>
        </div>
    }
}
