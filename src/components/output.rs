//! The output area. After a run it always says something: what the program
//! printed up to the cursor (all of it at the end), its error, or that it
//! printed nothing, and how many steps ran. While a run goes on it shows
//! the elapsed time.

use yew::prelude::*;

use crate::session::Status;

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub status: Status,
    pub cursor: usize,
}

#[component]
pub fn Output(props: &OutputProps) -> Html {
    let body = match &props.status {
        Status::Idle => html! {
            <p class="hint">{ "Press Run to execute this code in the simulated CPython 3.11." }</p>
        },
        Status::Running { .. } => html! { <Progress /> },
        Status::Stopped => html! { <p class="hint">{ "Run stopped. Press Run to start again." }</p> },
        Status::Failed(msg) => html! { <pre class="stderr">{ msg }</pre> },
        Status::Done(t) => {
            let at_end = props.cursor >= t.last();
            let stdout = t.stdout_at(props.cursor);
            let nothing = at_end && t.stdout.is_empty() && t.stderr.is_empty();
            html! {
                <>
                    if !stdout.is_empty() {
                        <pre class="stdout">{ stdout }</pre>
                    }
                    if at_end && !t.stderr.is_empty() {
                        <pre class="stderr">{ &t.stderr }</pre>
                    }
                    if nothing {
                        <p class="hint">{ "The program printed nothing." }</p>
                    } else if !at_end && stdout.is_empty() {
                        <p class="hint">{ "Nothing printed yet at this step." }</p>
                    }
                    <p class="meta">{ format!("{} steps", group_thousands(t.steps)) }</p>
                </>
            }
        }
    };
    let busy = matches!(props.status, Status::Running { .. });
    html! {
        <div class="output" data-role="output" aria-live="polite" aria-busy={busy.to_string()}>{ body }</div>
    }
}

/// A spinner with the seconds elapsed, ticking while it is mounted.
#[component]
fn Progress() -> Html {
    let tenths = use_state(|| 0u32);
    {
        let tenths = tenths.clone();
        use_effect_with((), move |_| {
            let mut n = 0;
            let timer = gloo::timers::callback::Interval::new(100, move || {
                n += 1;
                tenths.set(n);
            });
            move || drop(timer)
        });
    }
    html! {
        <p class="running" role="status">
            <span class="spinner" aria-hidden="true"></span>
            { "Running… " }
            <span aria-hidden="true">{ format!("{:.1} s", *tenths as f64 / 10.0) }</span>
            <span class="hint">{ " — press Stop to abandon a long run" }</span>
        </p>
    }
}

/// 1234567 → "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_thousands() {
        assert_eq!(super::group_thousands(0), "0");
        assert_eq!(super::group_thousands(999), "999");
        assert_eq!(super::group_thousands(1000), "1,000");
        assert_eq!(super::group_thousands(1234567), "1,234,567");
    }
}
