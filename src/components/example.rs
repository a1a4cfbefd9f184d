//! One runnable example: editable code, Run and Reset, and the output.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::output::Output;
use crate::content::Example as ExampleData;
use crate::session::{Action, Session};

#[derive(Properties, PartialEq)]
pub struct ExampleProps {
    pub example: ExampleData,
}

#[component]
pub fn Example(props: &ExampleProps) -> Html {
    let ex = props.example;
    let session = use_reducer(|| Session::new(ex.code));
    let oninput = {
        let session = session.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            session.dispatch(Action::Edit(area.value()));
        })
    };
    let on_run = {
        let session = session.clone();
        Callback::from(move |_| session.dispatch(Action::Run))
    };
    let on_reset = {
        let session = session.clone();
        Callback::from(move |_| session.dispatch(Action::Reset))
    };
    let rows = session.code.lines().count().max(3) as u32 + 1;
    html! {
        <div class="example" data-example={ex.id} id={format!("{}/{}", ex.section, ex.id)}>
            <h4>{ ex.title }</h4>
            <textarea class="code" aria-label="Python code" spellcheck="false"
                rows={rows.to_string()} value={session.code.clone()} {oninput} />
            <div class="controls">
                <button type="button" class="run" onclick={on_run}>{ "Run" }</button>
                <button type="button" onclick={on_reset}>{ "Reset" }</button>
            </div>
            <Output run={session.run.clone()} />
        </div>
    }
}
