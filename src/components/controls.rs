//! The example's controls: Run/Stop, Reset, stepping, play/pause with a
//! speed, the timeline slider; and the script/REPL switch and the diagrams'
//! program picker. Data and callbacks only.

use pymem::RunMode;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::content::EXAMPLES;
use crate::session::SPEEDS;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub has_trace: bool,
    pub running: bool,
    pub playing: bool,
    pub cursor: usize,
    pub last: usize,
    pub speed: u32,
    pub on_run: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_reset: Callback<()>,
    pub on_back: Callback<()>,
    pub on_forward: Callback<()>,
    pub on_play: Callback<()>,
    pub on_seek: Callback<usize>,
    pub on_speed: Callback<u32>,
}

fn click(cb: &Callback<()>) -> Callback<MouseEvent> {
    cb.reform(|_| ())
}

#[component]
pub fn Controls(p: &ControlsProps) -> Html {
    let stepping = p.has_trace && !p.running;
    let on_seek = p.on_seek.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value().parse().unwrap_or(0)
    });
    let on_speed = p.on_speed.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().unwrap_or(crate::session::DEFAULT_SPEED)
    });
    html! {
        <div class="controls" role="group" aria-label="Run and step">
            <div class="run-row">
                if p.running {
                    <button type="button" class="stop" onclick={click(&p.on_stop)}>{ "Stop" }</button>
                } else {
                    <button type="button" class="run" onclick={click(&p.on_run)}>{ "Run" }</button>
                }
                <button type="button" class="reset" onclick={click(&p.on_reset)}>{ "Reset" }</button>
            </div>
            <div class="step-row">
                <button type="button" aria-label="Step back" title="Step back (←)" disabled={!stepping || p.cursor == 0}
                    onclick={click(&p.on_back)}>{ "← Back" }</button>
                <button type="button" class="play" aria-label={if p.playing { "Pause" } else { "Play" }}
                    title="Play / pause (space)" disabled={!stepping} onclick={click(&p.on_play)}>
                    { if p.playing { "❚❚ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" aria-label="Step forward" title="Step forward (→)"
                    disabled={!stepping || p.cursor >= p.last} onclick={click(&p.on_forward)}>{ "Forward →" }</button>
                <input type="range" class="timeline" aria-label="Timeline" min="0" max={p.last.to_string()}
                    value={p.cursor.to_string()} disabled={!stepping}
                    aria-valuetext={format!("step {} of {}", p.cursor + 1, p.last + 1)} oninput={on_seek} />
                <select class="speed" aria-label="Speed" onchange={on_speed} disabled={!stepping}>
                    { for SPEEDS.iter().map(|&(ms, name)| html! {
                        <option value={ms.to_string()} selected={ms == p.speed}>{ name }</option>
                    }) }
                </select>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ModeSwitchProps {
    /// Unique per example (the radio group's name).
    pub name: &'static str,
    pub mode: RunMode,
    pub on_change: Callback<RunMode>,
}

/// Script or REPL: whether the program is compiled as one unit or one
/// statement at a time (which changes constant sharing).
#[component]
pub fn ModeSwitch(p: &ModeSwitchProps) -> Html {
    let radio = |mode: RunMode, label: &'static str, hint: &'static str| {
        let on_change = p.on_change.reform(move |_: Event| mode);
        html! {
            <label title={hint}>
                <input type="radio" name={format!("mode-{}", p.name)} checked={p.mode == mode} onchange={on_change} />
                { label }
            </label>
        }
    };
    html! {
        <fieldset class="mode">
            <legend>{ "Run as" }</legend>
            { radio(RunMode::Script, "Script", "python3 file.py: the whole file is compiled at once") }
            { radio(RunMode::Repl, "REPL", "python3 -i: each statement is compiled on its own and expression values are echoed") }
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProgramPickerProps {
    pub current: &'static str,
    pub on_pick: Callback<String>,
}

/// Loads another example's program into this one (for the diagrams).
#[component]
pub fn ProgramPicker(p: &ProgramPickerProps) -> Html {
    let on_change = p.on_pick.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        select.value()
    });
    html! {
        <label class="picker">
            { "Animate the program of: " }
            <select aria-label="Program to animate" onchange={on_change}>
                { for EXAMPLES.iter().map(|e| html! {
                    <option value={e.id} selected={e.id == p.current}>{ e.title }</option>
                }) }
            </select>
        </label>
    }
}
