//! The output area: what the program printed, its error, and how long it ran.
//! After a run it always says something, even when the program printed nothing.

use yew::prelude::*;

use crate::session::RunView;

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub run: Option<std::rc::Rc<RunView>>,
}

#[component]
pub fn Output(props: &OutputProps) -> Html {
    let Some(run) = &props.run else {
        return html! {
            <div class="output idle" data-role="output" aria-live="polite">
                <p class="hint">{ "Press Run to execute this code in the simulated CPython 3.11." }</p>
            </div>
        };
    };
    let nothing = run.stdout.is_empty() && run.stderr.is_empty();
    html! {
        <div class="output" data-role="output" aria-live="polite">
            if !run.stdout.is_empty() {
                <pre class="stdout">{ &run.stdout }</pre>
            }
            if !run.stderr.is_empty() {
                <pre class="stderr">{ &run.stderr }</pre>
            }
            if nothing {
                <p class="hint">{ "The program printed nothing." }</p>
            }
            <p class="meta">{ format!("{} steps", group_thousands(run.steps)) }</p>
        </div>
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
