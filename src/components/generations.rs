//! The generations: three lanes with each count against its threshold, the
//! tracked objects, the collections so far, and the drawn objects as dots in
//! the lane of their generation (flashing when promoted). When the step ran
//! a collection, its report: the gc_refs left after subtracting internal
//! references, the unreachable set, what was collected and promoted.

use std::collections::HashMap;

use pymem::gc::{CollectReport, Reason};
use pymem::ids::ObjectId;
use yew::prelude::*;

use crate::components::heap_graph::short;
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct GenerationsProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

const COUNTS: [&str; 3] =
    ["containers allocated − freed", "gen-0 collections since gen 1's", "gen-1 collections since gen 2's"];

#[component]
pub fn Generations(props: &GenerationsProps) -> Html {
    let Some(point) = props.trace.points.get(props.cursor) else { return html! {} };
    let prev = props.cursor.checked_sub(1).and_then(|i| props.trace.points.get(i));
    let gc = &point.snap.gc;
    let old_gen: HashMap<ObjectId, Option<u8>> =
        prev.map(|p| p.snap.objects.iter().map(|o| (o.id, o.generation)).collect()).unwrap_or_default();
    let mut names: HashMap<ObjectId, String> = HashMap::new();
    for o in prev.iter().flat_map(|p| p.snap.objects.iter()).chain(point.snap.objects.iter()) {
        names.insert(o.id, format!("{} {}", o.type_name, short(&o.label, 18)));
    }
    let collected: Vec<usize> = point.delta.collects.iter().map(|c| c.generation).collect();
    html! {
        <section class="view generations" data-role="generations" aria-label="GC generations">
            <h5>{ "Generations" }<span class="sub">{ if gc.enabled { "automatic GC on" } else { "automatic GC disabled" } }</span></h5>
            <div class="lanes">
                { for (0..3).map(|g| {
                    let (count, threshold) = (gc.count[g], gc.threshold[g]);
                    let pct = if threshold > 0 { (count as f64 / threshold as f64 * 100.0).clamp(0.0, 100.0) } else { 0.0 };
                    let dots = point.snap.objects.iter().filter(|o| o.generation == Some(g as u8) && !o.cached);
                    html! {
                        <div class={classes!("lane", collected.iter().any(|&c| c >= g).then_some("collecting"))} data-generation={g.to_string()}>
                            <div class="lane-head">
                                <strong>{ format!("gen {g}") }</strong>
                                <span>{ format!("{} tracked", gc.size[g]) }</span>
                                <span>{ format!("{} collections", gc.collections[g]) }</span>
                            </div>
                            <div class="meter" role="meter" aria-label={format!("generation {g} count against its threshold")}
                                aria-valuemin="0" aria-valuemax={threshold.to_string()} aria-valuenow={count.max(0).to_string()}>
                                <div class="fill" style={format!("width:{pct:.1}%")}></div>
                                <span>{ format!("{count} / {threshold}") }</span>
                            </div>
                            <div class="count-hint">{ COUNTS[g] }</div>
                            <div class="dots">
                                { for dots.map(|o| {
                                    let promoted = matches!(old_gen.get(&o.id), Some(Some(before)) if *before < g as u8);
                                    html! {
                                        <span key={o.id.0} class={classes!("dot", promoted.then_some("promoted"))}
                                            title={format!("{} {}{}", o.type_name, o.label, if promoted { " (promoted)" } else { "" })}></span>
                                    }
                                }) }
                            </div>
                        </div>
                    }
                }) }
            </div>
            <p class="view-note">{ STARTUP_NOTE }</p>
            if let Some(c) = point.delta.collects.last() {
                <CollectView report={c.clone()} names={names} others={point.delta.collects.len() - 1} />
            }
        </section>
    }
}

/// Where the lanes differ from CPython: its start-up objects are not simulated.
pub const STARTUP_NOTE: &str = "Counts and collections follow CPython's from the state its start-up \
leaves for a minimal script; CPython's compiler adds about a dozen more to gen 0 for each def or \
class in the file, which the simulator does not model. \
\"Tracked\" counts only this program's containers: CPython also tracks about 4,000 objects \
of its own start-up (445 in gen 0 and 3,584 in gen 1 under python3 -I -S), which a \
collection of those generations examines too.";

#[derive(Properties, PartialEq)]
struct CollectViewProps {
    report: CollectReport,
    names: HashMap<ObjectId, String>,
    others: usize,
}

/// Rows of the gc_refs table shown at most.
const GC_REFS_ROWS: usize = 10;

#[component]
fn CollectView(p: &CollectViewProps) -> Html {
    let r = &p.report;
    let unreachable: std::collections::HashSet<ObjectId> = r.unreachable.first.iter().copied().collect();
    // Objects the reader can name first, then the rest.
    let mut rows: Vec<&(ObjectId, u32)> = r.gc_refs.iter().filter(|(id, _)| p.names.contains_key(id)).collect();
    rows.truncate(GC_REFS_ROWS);
    let why = if r.reason == Reason::Manual { "gc.collect()" } else { "automatic: the threshold was passed" };
    html! {
        <div class="collect" role="group" aria-label="The collection at this step">
            <p class="collect-head">
                <strong>{ format!("Generation {} collection", r.generation) }</strong>{ format!(" ({why})") }
                if p.others > 0 {
                    { format!(" — and {} more collections during this step", p.others) }
                }
            </p>
            <ol class="phases">
                <li>{ format!("{} objects examined; each starts with gc_refs = its refcount, minus the references from other examined objects:", r.examined) }</li>
            </ol>
            if !rows.is_empty() {
                <table class="gc-refs">
                    <thead><tr><th scope="col">{ "object" }</th><th scope="col">{ "gc_refs" }</th><th scope="col">{ "verdict" }</th></tr></thead>
                    <tbody>
                        { for rows.iter().map(|(id, refs)| {
                            let lost = unreachable.contains(id);
                            html! {
                                <tr class={classes!(lost.then_some("unreachable"))}>
                                    <td><code>{ p.names.get(id).cloned().unwrap_or_default() }</code></td>
                                    <td>{ refs }</td>
                                    <td>{ if lost { "unreachable" } else if *refs > 0 { "root: referenced from outside" } else { "reachable from a root" } }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
            <ol class="phases" start="2">
                <li>{ format!("Unreachable: {} object{}.", r.unreachable.total, if r.unreachable.total == 1 { "" } else { "s" }) }</li>
                <li>{ format!("Collected {}; {} survivors{}.", r.collected, r.survivors,
                    if r.generation < 2 { format!(", {} promoted to generation {}", r.promoted, r.generation + 1) } else { " stay in generation 2".into() }) }</li>
            </ol>
        </div>
    }
}
