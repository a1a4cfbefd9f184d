//! The narration: a polite live region that tells, in words, what the step
//! just shown did to memory ("list object allocated, refcount 1").

use yew::prelude::*;

use crate::narrate::{narrate, position};
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let said = narrate(&props.trace, props.cursor);
    let at = position(&props.trace, props.cursor);
    let ran =
        props.cursor.checked_sub(1).and_then(|i| props.trace.points.get(i)).map(|p| p.snap.line).filter(|&l| l > 0);
    html! {
        <div class="narration" data-role="narration" role="log" aria-live="polite" aria-label="What this step did">
            <p class="where">
                { at }
                if let Some(l) = ran {
                    { format!(" · line {l} just ran") }
                }
            </p>
            if said.is_empty() {
                <p class="quiet">{ "No memory events at this step." }</p>
            } else {
                <ul>{ for said.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
            }
        </div>
    }
}
