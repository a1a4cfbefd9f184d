//! Prose blocks with their tiny inline markup (`code`, **strong**), always
//! rendered as text nodes, never as HTML.

use yew::prelude::*;

use crate::content::Block;

#[derive(Properties, PartialEq)]
pub struct ProseProps {
    pub blocks: &'static [Block],
}

#[component]
pub fn Prose(props: &ProseProps) -> Html {
    html! {
        <div class="prose">
            { for props.blocks.iter().map(|b| match b {
                Block::P(t) => html! { <p>{ inline(t) }</p> },
                Block::List(items) => html! { <ul>{ for items.iter().map(|t| html! { <li>{ inline(t) }</li> }) }</ul> },
                Block::Note(t) => html! { <p class="note"><strong>{ "Precisely: " }</strong>{ inline(t) }</p> },
            }) }
        </div>
    }
}

/// Splits on `` ` `` and `**` into text, `<code>` and `<strong>`.
pub fn inline(text: &str) -> Html {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let code = rest.find('`');
        let strong = rest.find("**");
        match (code, strong) {
            (Some(c), s) if s.is_none_or(|s| c < s) => {
                out.push(html! { { &rest[..c] } });
                let after = &rest[c + 1..];
                let end = after.find('`').unwrap_or(after.len());
                out.push(html! { <code>{ &after[..end] }</code> });
                rest = after.get(end + 1..).unwrap_or("");
            }
            (_, Some(s)) => {
                out.push(html! { { &rest[..s] } });
                let after = &rest[s + 2..];
                let end = after.find("**").unwrap_or(after.len());
                out.push(html! { <strong>{ inline(&after[..end]) }</strong> });
                rest = after.get(end + 2..).unwrap_or("");
            }
            _ => {
                out.push(html! { { rest } });
                rest = "";
            }
        }
    }
    out.into_iter().collect::<Html>()
}
