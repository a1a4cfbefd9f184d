//! One runnable example: its session reducer and the effects around it
//! (the engine run, playback timer, storage of edits, keyboard), laid out as
//! editor, controls, output, the memory views and the narration log.

use pymem::RunMode;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::controls::{Controls, ModeSwitch, ProgramPicker};
use crate::components::flow_diagram::FlowDiagram;
use crate::components::{editor::Editor, narration::Narration, output::Output, views::Views};
use crate::content::{Diagram, Example as ExampleData};
use crate::hooks::use_playback;
use crate::route::{example_dom_id, example_href};
use crate::runner::Runner;
use crate::session::{Action, Session};
use crate::storage;
use crate::trace::{Job, Shared};

#[derive(Properties, PartialEq)]
pub struct ExampleProps {
    pub example: ExampleData,
    /// The panel's animated diagram, drawn from this example's run.
    #[prop_or_default]
    pub diagram: Option<Diagram>,
}

#[component]
pub fn Example(props: &ExampleProps) -> Html {
    let ex = props.example;
    let runner = use_context::<Runner>().expect("the app provides a Runner");
    let session = use_reducer(|| {
        let mut s = Session::with_mode(ex.code, ex.mode);
        if let Some(saved) = storage::load_code(ex.id) {
            s.code = saved;
        }
        s
    });
    let dispatch = |make: fn() -> Action| {
        let session = session.clone();
        Callback::from(move |_| session.dispatch(make()))
    };
    let on_tick = dispatch(|| Action::Tick);
    use_playback(session.playing, session.speed, on_tick);

    let on_edit = {
        let session = session.clone();
        Callback::from(move |code: String| {
            storage::save_code(ex.id, &code, ex.code);
            session.dispatch(Action::Edit(code));
        })
    };
    let on_mode = {
        let session = session.clone();
        Callback::from(move |mode: RunMode| session.dispatch(Action::SetMode(mode)))
    };
    let on_run = {
        let (session, runner) = (session.clone(), runner.clone());
        Callback::from(move |_| {
            if let Some(job) = session.running() {
                runner.stop(job);
            }
            let id = session.next_job;
            session.dispatch(Action::Started(id));
            let done = {
                let session = session.clone();
                Callback::from(move |result| match result {
                    Ok(trace) => session.dispatch(Action::Finished(id, Shared::new(trace))),
                    Err(msg) => session.dispatch(Action::Failed(id, msg)),
                })
            };
            let job = Job { id, code: session.code.clone(), mode: session.mode, filename: ex.filename() };
            runner.start(job, done);
        })
    };
    let on_stop = {
        let (session, runner) = (session.clone(), runner.clone());
        Callback::from(move |_| {
            if let Some(job) = session.running() {
                runner.stop(job);
                session.dispatch(Action::Stop);
            }
        })
    };
    let on_reset = {
        let (session, runner) = (session.clone(), runner.clone());
        Callback::from(move |_| {
            if let Some(job) = session.running() {
                runner.stop(job);
            }
            storage::forget_code(ex.id);
            session.dispatch(Action::Reset);
        })
    };
    let on_pick = {
        let session = session.clone();
        Callback::from(move |id: String| {
            if let Some(other) = ExampleData::by_id(&id) {
                storage::save_code(ex.id, other.code, ex.code);
                session.dispatch(Action::SetMode(other.mode));
                session.dispatch(Action::Edit(other.code.to_string()));
            }
        })
    };
    let on_seek = {
        let session = session.clone();
        Callback::from(move |i: usize| session.dispatch(Action::Seek(i)))
    };
    let on_speed = {
        let session = session.clone();
        Callback::from(move |ms: u32| session.dispatch(Action::SetSpeed(ms)))
    };
    let on_key = {
        let session = session.clone();
        Callback::from(move |e: KeyboardEvent| {
            let tag = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .map(|el| el.tag_name())
                .unwrap_or_default();
            if matches!(tag.as_str(), "TEXTAREA" | "INPUT" | "SELECT") || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let action = match e.key().as_str() {
                "ArrowLeft" => Action::StepBack,
                "ArrowRight" => Action::StepForward,
                " " if tag != "BUTTON" => Action::TogglePlay,
                _ => return,
            };
            e.prevent_default();
            session.dispatch(action);
        })
    };

    let trace = session.trace().cloned();
    let cursor = session.cursor;
    let at_end = trace.as_ref().is_none_or(|t| cursor >= t.last());
    let current_line =
        trace.as_ref().filter(|_| !at_end).and_then(|t| t.points.get(cursor)).map(|p| p.snap.line).filter(|&l| l > 0);
    let title_id = format!("title-{}", ex.id);
    html! {
        <article class="example" data-example={ex.id} id={example_dom_id(ex.id)} aria-labelledby={title_id.clone()}
            onkeydown={on_key}>
            <header class="example-head">
                <h4 id={title_id}>{ ex.title }</h4>
                if ex.from_document {
                    <span class="badge" title="This example is the source document's">{ "from the document" }</span>
                }
                <a class="permalink" href={example_href(ex.section, ex.id)} aria-label={format!("Link to the example {}", ex.title)}>{ "#" }</a>
            </header>
            if !ex.lead.is_empty() {
                <p class="lead">{ crate::components::prose::inline(ex.lead) }</p>
            }
            if let Some(c) = ex.caveat {
                <p class="caveat" role="note"><strong>{ "Simulator note: " }</strong>{ c }</p>
            }
            if let Some(d) = props.diagram {
                <FlowDiagram diagram={d} trace={trace.clone()} cursor={cursor} />
                <ProgramPicker current={ex.id} on_pick={on_pick} />
            }
            if ex.modes {
                <ModeSwitch name={ex.id} mode={session.mode} on_change={on_mode} />
            }
            <Editor code={session.code.clone()} current_line={current_line} on_input={on_edit} />
            <Controls
                has_trace={trace.is_some()} running={session.running().is_some()} playing={session.playing}
                cursor={cursor} last={trace.as_ref().map_or(0, |t| t.last())} speed={session.speed}
                on_run={on_run} on_stop={on_stop} on_reset={on_reset}
                on_back={dispatch(|| Action::StepBack)} on_forward={dispatch(|| Action::StepForward)}
                on_play={dispatch(|| Action::TogglePlay)} on_seek={on_seek} on_speed={on_speed} />
            <Output status={session.status.clone()} cursor={cursor} />
            if let Some(t) = trace.clone() {
                <Views trace={t.clone()} cursor={cursor} code={session.code.clone()} line_table={ex.line_table} />
                <Narration trace={t} cursor={cursor} />
            }
        </article>
    }
}
