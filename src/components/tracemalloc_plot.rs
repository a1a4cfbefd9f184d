//! tracemalloc: traced memory (current and peak) as a plot over the run's
//! steps with the cursor marked — or, for a program that never starts
//! tracemalloc, the simulated process size — and, for the profiling example,
//! memory_profiler's per-line table computed from the run.

use yew::prelude::*;

use crate::geometry::{bytes, polyline, x_of};
use crate::trace::{line_table, Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct TracemallocPlotProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
    pub code: String,
    pub line_table: bool,
}

const W: f64 = 300.0;
const H: f64 = 110.0;

#[component]
pub fn TracemallocPlot(p: &TracemallocPlotProps) -> Html {
    let points = &p.trace.points;
    let Some(now) = points.get(p.cursor) else { return html! {} };
    let traced = points.iter().any(|q| q.snap.tracing || q.snap.traced.1 > 0);
    let (current, peak): (Vec<u64>, Vec<u64>) = if traced {
        points.iter().map(|q| q.snap.traced).unzip()
    } else {
        points.iter().map(|q| (q.snap.alloc.mapped_bytes, q.snap.alloc.mapped_bytes)).unzip()
    };
    let max = peak.iter().chain(current.iter()).copied().max().unwrap_or(0);
    let x = x_of(p.cursor, points.len(), W);
    let (cur, pk) = if traced { now.snap.traced } else { (now.snap.alloc.mapped_bytes, 0) };
    let caption = if traced {
        format!(
            "traced now {} · peak {}{}",
            bytes(cur),
            bytes(pk),
            if now.snap.tracing { "" } else { " · not tracing at this step" }
        )
    } else {
        format!("this program does not start tracemalloc: plotting the process size instead ({} now)", bytes(cur))
    };
    html! {
        <section class={classes!("view", "tracemalloc", p.line_table.then_some("wide"))} data-role="tracemalloc" aria-label="tracemalloc">
            <h5>{ "tracemalloc" }<span class="sub">{ caption.clone() }</span></h5>
            <svg class="plot" viewBox={format!("-62 -8 {} {}", W + 70.0, H + 26.0)} role="img" aria-label={caption}>
                <line class="axis" x1="0" y1={H.to_string()} x2={W.to_string()} y2={H.to_string()} />
                <line class="axis" x1="0" y1="0" x2="0" y2={H.to_string()} />
                <text class="tick" x="-4" y="4" text-anchor="end">{ bytes(max) }</text>
                <text class="tick" x="-4" y={H.to_string()} text-anchor="end">{ "0" }</text>
                <text class="tick" x={W.to_string()} y={(H + 14.0).to_string()} text-anchor="end">{ "time (lines run) →" }</text>
                if traced {
                    <polyline class="peak" points={polyline(&peak, max, W, H)} />
                }
                <polyline class="current" points={polyline(&current, max, W, H)} />
                <line class="cursor" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1="0" y2={H.to_string()} />
            </svg>
            if traced {
                <p class="legend"><span class="key current"></span>{ "current " }<span class="key peak"></span>{ "peak" }</p>
            }
            if p.line_table {
                <LineTable trace={p.trace.clone()} code={p.code.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LineTableProps {
    trace: Shared<Trace>,
    code: String,
}

/// memory_profiler's columns, from the simulated process size (RSS-like:
/// arenas plus malloc blocks) after each line.
#[component]
fn LineTable(p: &LineTableProps) -> Html {
    let rows = line_table(&p.trace.points);
    let src: Vec<&str> = p.code.lines().collect();
    let mib = |b: f64| format!("{:.1} MiB", b / 1048576.0);
    let sampled = p.trace.points.len() >= 512;
    html! {
        <table class="line-table">
            <caption>{ "Per line, like memory_profiler: the simulated process size (arenas + malloc) after the line ran" }
                if sampled { { " — occurrences are sampled on this long run" } }
            </caption>
            <thead><tr>
                <th scope="col">{ "Line #" }</th><th scope="col">{ "Mem usage" }</th><th scope="col">{ "Increment" }</th>
                <th scope="col">{ "Occurrences" }</th><th scope="col">{ "Line Contents" }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|r| html! {
                    <tr>
                        <td class="num">{ r.line }</td>
                        <td class="num">{ mib(r.mem as f64) }</td>
                        <td class="num">{ mib(r.increment as f64) }</td>
                        <td class="num">{ r.occurrences }</td>
                        <td><code>{ src.get(r.line as usize - 1).copied().unwrap_or("") }</code></td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
