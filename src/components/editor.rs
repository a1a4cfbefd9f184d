//! The code editor: a plain textarea (so editing, selection, undo and
//! screen readers work as usual) over a highlighted copy of the same text,
//! with line numbers and the line about to run marked while stepping.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::highlight::highlight;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub code: String,
    /// The line about to run at the cursor (1-based), while stepping.
    #[prop_or_default]
    pub current_line: Option<u32>,
    pub on_input: Callback<String>,
}

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let lines = use_memo(props.code.clone(), |code| highlight(code));
    let oninput = props.on_input.reform(|e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let current = props.current_line.map(|l| l as usize);
    let rows = lines.len().max(2);
    html! {
        <div class="editor">
            <div class="gutter" aria-hidden="true">
                { for (1..=lines.len()).map(|n| html! {
                    <span class={classes!("gn", (Some(n) == current).then_some("current"))}>{ n }</span>
                }) }
            </div>
            <div class="code-wrap">
                <pre class="hl" aria-hidden="true">
                    { for lines.iter().enumerate().map(|(i, spans)| html! {
                        <span class={classes!("ln", (Some(i + 1) == current).then_some("current"))}>
                            { for spans.iter().map(|(k, t)| match k.class() {
                                Some(c) => html! { <span class={c}>{ t }</span> },
                                None => html! { { t } },
                            }) }
                            { " " }
                        </span>
                    }) }
                </pre>
                <textarea class="code" aria-label="Python code" spellcheck="false" autocomplete="off"
                    autocapitalize="off" wrap="off" rows={rows.to_string()} value={props.code.clone()} {oninput} />
            </div>
        </div>
    }
}
