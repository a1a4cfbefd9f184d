//! The allocator: pymalloc's arenas, and for each size class in use its
//! pools as cells filling with blocks; beside it, the requests too big for
//! pymalloc that went to malloc. Classes that changed at this step flash.

use std::collections::HashMap;

use yew::prelude::*;

use crate::geometry::{bytes, pool_cells};
use crate::trace::{Note, Place, Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct AllocatorProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

/// Pool cells drawn per size class.
const MAX_CELLS: usize = 24;
/// A 16 KiB pool, a 1 MiB arena (CPython 3.11, 64-bit).
const POOLS_PER_ARENA: u64 = 64;

#[component]
pub fn Allocator(props: &AllocatorProps) -> Html {
    let Some(point) = props.trace.points.get(props.cursor) else { return html! {} };
    let prev = props.cursor.checked_sub(1).and_then(|i| props.trace.points.get(i));
    let a = &point.snap.alloc;
    let before: HashMap<u64, (u64, u64)> =
        prev.map(|p| p.snap.alloc.classes.iter().map(|c| (c.0, (c.1, c.2))).collect()).unwrap_or_default();
    let pools: u64 = a.classes.iter().map(|c| c.1).sum();
    let raw_changed = prev.is_some_and(|p| p.snap.alloc.raw_bytes != a.raw_bytes);
    // Where the step's allocations landed (arena › pool › block), from the timeline.
    let all: Vec<String> = point
        .delta
        .notes
        .iter()
        .filter_map(|n| match n {
            Note::Alloc { type_name, place: Some(Place::Block { arena, pool, block, block_size }), .. } => {
                Some(format!("{type_name} → {block_size} B block {block} of pool {pool}, arena {arena}"))
            }
            Note::Alloc { type_name, place: Some(Place::Raw { size }), .. } => {
                Some(format!("{type_name} → malloc, {}", bytes(*size)))
            }
            _ => None,
        })
        .collect();
    let shown_placed = 3;
    let more_placed = all.len().saturating_sub(shown_placed);
    let placed: Vec<String> = all.into_iter().take(shown_placed).collect();
    html! {
        <section class="view allocator" data-role="allocator" aria-label="pymalloc and malloc">
            <h5>{ "Allocator" }<span class="sub">{ format!("{} mapped", bytes(a.mapped_bytes)) }</span></h5>
            <div class="arenas" aria-label={format!("{} arenas of 1 MiB", a.arenas)}>
                { for (0..a.arenas.min(40)).map(|i| {
                    let used = pools.saturating_sub(i * POOLS_PER_ARENA).min(POOLS_PER_ARENA);
                    html! { <span class="arena" title={format!("arena {}", i + 1)}>
                        <span class="arena-fill" style={format!("height:{:.0}%", used as f64 / POOLS_PER_ARENA as f64 * 100.0)}></span>
                    </span> }
                }) }
                <span class="arena-text">
                    { format!("{} arena{} of 1 MiB (most ever: {}), {pools} pools of 16 KiB in use",
                        a.arenas, if a.arenas == 1 { "" } else { "s" }, a.arenas_highwater) }
                </span>
            </div>
            if !placed.is_empty() {
                <ul class="placed" aria-label="Where this step's allocations went">
                    { for placed.iter().map(|t| html! { <li>{ t }</li> }) }
                    if more_placed > 0 {
                        <li class="more">{ format!("and {more_placed} more") }</li>
                    }
                </ul>
            }
            <p class={classes!("raw", raw_changed.then_some("changed"))}>
                <strong>{ "malloc (requests over 512 B): " }</strong>
                { format!("{} block{}, {}", a.raw_count, if a.raw_count == 1 { "" } else { "s" }, bytes(a.raw_bytes)) }
            </p>
            <div class="alloc-body">
                <table class="classes">
                    <caption>{ "pymalloc size classes: pools, and blocks in use" }</caption>
                    <thead><tr><th scope="col">{ "block" }</th><th scope="col">{ "pools" }</th><th scope="col">{ "blocks used / free" }</th></tr></thead>
                    <tbody>
                        { for a.classes.iter().map(|&(size, npools, used, avail)| {
                            let cells = pool_cells(npools, used, avail, MAX_CELLS);
                            let changed = before.get(&size).is_none_or(|&(p, u)| p != npools || u != used) && prev.is_some();
                            html! {
                                <tr key={size} class={classes!(changed.then_some("changed"))}>
                                    <th scope="row">{ format!("{size} B") }</th>
                                    <td class="cells">
                                        { for cells.fills.iter().map(|f| html! {
                                            <span class="pool"><span class="pool-fill" style={format!("width:{:.0}%", f * 100.0)}></span></span>
                                        }) }
                                        if cells.hidden > 0 {
                                            <span class="more">{ format!("+{}", cells.hidden) }</span>
                                        }
                                    </td>
                                    <td class="num">{ format!("{used} / {avail}") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
