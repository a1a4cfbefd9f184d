//! The stack: the frames of the running calls, innermost last, each with
//! its local names and what they refer to. Frames are keyed by depth and
//! function, so a call slides a new frame in and a return removes it.

use std::collections::HashMap;

use pymem::ids::ObjectId;
use yew::prelude::*;

use crate::components::heap_graph::short;
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct StackProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

#[component]
pub fn Stack(props: &StackProps) -> Html {
    let Some(point) = props.trace.points.get(props.cursor) else { return html! {} };
    let snap = &point.snap;
    let labels: HashMap<ObjectId, (&str, &str)> =
        snap.objects.iter().map(|o| (o.id, (o.type_name.as_str(), o.label.as_str()))).collect();
    let depth = snap.frames.len();
    let finished = props.cursor + 1 == props.trace.points.len();
    html! {
        <section class="view stack" data-role="stack" aria-label="Call stack">
            <h5>
                { "Stack" }
                <span class="sub">{
                    if finished { "program finished: the module's names remain".to_string() }
                    else { format!("{depth} frame{}", if depth == 1 { "" } else { "s" }) }
                }</span>
            </h5>
            <ol class="frames">
                { for snap.frames.iter().enumerate().map(|(i, f)| html! {
                    <li key={format!("{i}:{}", f.name)} class={classes!("frame", (i + 1 == depth).then_some("top"))}>
                        <div class="fhead">
                            <code>{ short(&f.name, 28) }</code>
                            if f.line > 0 {
                                <span class="fline">{ format!("line {}", f.line) }</span>
                            }
                        </div>
                        if f.vars.is_empty() {
                            <p class="empty">{ "no names yet" }</p>
                        } else {
                            <table>
                                <tbody>
                                    { for f.vars.iter().map(|(name, id)| {
                                        let (ty, label) = labels.get(id).copied().unwrap_or(("…", "(not drawn)"));
                                        html! {
                                            <tr>
                                                <th scope="row"><code>{ short(name, 18) }</code></th>
                                                <td><span class="ty">{ ty }</span>{ " " }<code>{ short(label, 26) }</code></td>
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        }
                    </li>
                }) }
            </ol>
        </section>
    }
}
