//! The allocator: pymalloc's arenas as grids of their pools, each pool
//! coloured by its size class and shaded by how full it is (empty pools
//! outlined, uncarved ones blank), arenas appearing and disappearing as the
//! program runs; a legend of the size classes in use; beside them, the
//! requests too big for pymalloc that went to malloc. What changed at this
//! step is highlighted.

use std::collections::HashMap;

use pymem::pymalloc::config::{ARENA_SIZE, POOL_SIZE};
use pymem::pymalloc::SizeClass;
use pymem::snapshot::{ArenaGrid, PoolCell};
use yew::prelude::*;

use crate::geometry::bytes;
use crate::trace::{Note, Place, Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct AllocatorProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

#[component]
pub fn Allocator(props: &AllocatorProps) -> Html {
    let trace = &props.trace;
    let Some(point) = trace.points.get(props.cursor) else { return html! {} };
    let prev = props.cursor.checked_sub(1).and_then(|i| trace.points.get(i));
    let a = &point.snap.alloc;
    let before: HashMap<u64, (u64, u64)> =
        prev.map(|p| p.snap.alloc.classes.iter().map(|c| (c.0, (c.1, c.2))).collect()).unwrap_or_default();
    // Arena id → picture at the previous point: a different picture flashes.
    let rows_before: HashMap<u32, u32> =
        prev.map(|_| trace.grid_at(props.cursor - 1).map(|(row, g)| (g.id, row)).collect()).unwrap_or_default();
    let pools: u64 = a.classes.iter().map(|c| c.1).sum();
    let raw_changed = prev.is_some_and(|p| p.snap.alloc.raw_bytes != a.raw_bytes);
    let drawn: Vec<(u32, &ArenaGrid)> = trace.grid_at(props.cursor).collect();
    let hidden = a.arenas.saturating_sub(drawn.len() as u64);
    let placed = placed(point);
    html! {
        <section class="view allocator" data-role="allocator" aria-label="pymalloc and malloc">
            <h5>{ "Allocator" }<span class="sub">{ format!("{} mapped", bytes(a.mapped_bytes)) }</span></h5>
            <p class="arena-text">
                { format!("{} arena{} of {} (most ever: {}), {pools} pools of {} in use",
                    a.arenas, if a.arenas == 1 { "" } else { "s" }, bytes(ARENA_SIZE as u64),
                    a.arenas_highwater, bytes(POOL_SIZE as u64)) }
            </p>
            <p class="grid-key">
                { "Each square is a pool: its colour the block size, its shade how full it is; outlined: empty; grey: not carved yet. Arenas are numbered as CPython numbers them. Hover for details." }
            </p>
            <div class="alloc-body">
                // Big squares for a small program, smaller ones as arenas add
                // up, so thirty fit in a column.
                <div class={classes!("arenas", density(drawn.len()))} aria-label="pymalloc arenas, pool by pool">
                    { for drawn.iter().map(|&(row, g)| {
                        let changed = prev.is_some() && rows_before.get(&g.id) != Some(&row);
                        html! { <Arena key={g.id} trace={trace.clone()} row={row} changed={changed} short={drawn.len() > 6} /> }
                    }) }
                    if hidden > 0 {
                        <p class="more-arenas">
                            { format!("+ {hidden} more arena{}: {} blocks in use, {}",
                                if hidden == 1 { "" } else { "s" }, a.hidden_blocks, bytes(a.hidden_bytes)) }
                        </p>
                    }
                </div>
                <div class={classes!("raw", raw_changed.then_some("changed"))}>
                    <strong>{ "malloc" }</strong>{ " (requests over 512 B): " }
                    { format!("{} block{}, {}", a.raw_count, if a.raw_count == 1 { "" } else { "s" }, bytes(a.raw_bytes)) }
                    if !a.raw_largest.is_empty() {
                        <ol class="raw-list" aria-label="Largest malloc blocks">
                            { for a.raw_largest.iter().map(|&b| {
                                let share = b as f64 / a.raw_largest[0].max(1) as f64;
                                html! { <li style={format!("--w:{:.0}%", 8.0 + 92.0 * share)}>{ bytes(b) }</li> }
                            }) }
                            if a.raw_count > a.raw_largest.len() as u64 {
                                <li class="more">{ format!("and {} more", a.raw_count - a.raw_largest.len() as u64) }</li>
                            }
                        </ol>
                    }
                </div>
            </div>
            if !placed.0.is_empty() {
                <ul class="placed" aria-label="Where this step's allocations went">
                    { for placed.0.iter().map(|t| html! { <li>{ t }</li> }) }
                    if placed.1 > 0 {
                        <li class="more">{ format!("and {} more", placed.1) }</li>
                    }
                </ul>
            }
            <table class="classes">
                <caption>{ "pymalloc size classes in use" }</caption>
                <thead><tr><th scope="col">{ "block" }</th><th scope="col">{ "pools" }</th><th scope="col">{ "blocks used / free" }</th></tr></thead>
                <tbody>
                    { for a.classes.iter().map(|&(size, npools, used, avail)| {
                        let changed = before.get(&size).is_none_or(|&(p, u)| p != npools || u != used) && prev.is_some();
                        let hue = SizeClass::for_request(size as usize).map_or(0, hue);
                        html! {
                            <tr key={size} class={classes!(changed.then_some("changed"))}>
                                <th scope="row"><span class="swatch" style={format!("--h:{hue}")}></span>{ format!("{size} B") }</th>
                                <td class="num">{ npools }</td>
                                <td class="num">{ format!("{used} / {avail}") }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ArenaProps {
    trace: Shared<Trace>,
    /// Index into `Trace::arena_rows`: an unchanged arena is not re-rendered.
    row: u32,
    changed: bool,
    /// Caption with the number only (small squares).
    short: bool,
}

/// One arena: its pools in address order, nine to a row.
#[component]
fn Arena(p: &ArenaProps) -> Html {
    let Some(a) = p.trace.arena_rows.get(p.row as usize) else { return html! {} };
    let in_use = a.pools.iter().filter(|c| c.used() > 0).count();
    let pools = match full_of_one_class(a) {
        // Most arenas of a big run: one element painted as the grid, not 63.
        Some(class) => {
            let title = format!(
                "arena {}: all {} pools hold {}-byte blocks, each full ({n}/{n} used)",
                a.id,
                a.pools.len(),
                class.block_size(),
                n = class.blocks_per_pool()
            );
            html! {
                <div class="pools uniform" role="img" aria-label={title.clone()} {title} data-pools={a.pools.len().to_string()}
                    style={format!("--h:{};--rows:{}", hue(class), a.pools.len().div_ceil(9))}></div>
            }
        }
        None => {
            let label = format!("arena {}: {in_use} of {} pools in use", a.id, a.pools.len());
            html! {
                <div class="pools" role="img" aria-label={label.clone()} title={label}>
                    { for a.pools.iter().enumerate().map(|(i, &c)| pool(a.id, i, c)) }
                </div>
            }
        }
    };
    html! {
        <figure class={classes!("arena", p.changed.then_some("changed"))} data-arena={a.id.to_string()}>
            { pools }
            <figcaption>{ if p.short { a.id.to_string() } else { format!("arena {}", a.id) } }</figcaption>
        </figure>
    }
}

/// The class of an arena whose pools are all full of one class.
fn full_of_one_class(a: &ArenaGrid) -> Option<SizeClass> {
    let first = *a.pools.first()?;
    let class = first.class()?;
    (first.used() == first.capacity() && a.pools.iter().all(|&c| c == first)).then_some(class)
}

fn pool(arena: u32, i: usize, c: PoolCell) -> Html {
    let Some(class) = c.class() else {
        return html! { <span class="pool uncarved" title={format!("pool {i} of arena {arena}: not carved yet")}></span> };
    };
    let size = class.block_size();
    if c.is_empty() {
        let title = format!("pool {i} of arena {arena}: empty (last held {size}-byte blocks)");
        return html! { <span class="pool empty" style={format!("--h:{}", hue(class))} {title}></span> };
    }
    let (used, cap) = (c.used(), c.capacity());
    let title = format!("pool {i} of arena {arena}: {size}-byte blocks, {used}/{cap} used");
    let fill = used as f64 / cap.max(1) as f64;
    html! {
        <span class={classes!("pool", (used == cap).then_some("full"))}
            style={format!("--h:{};--f:{fill:.2}", hue(class))} {title}></span>
    }
}

fn density(arenas: usize) -> Option<&'static str> {
    match arenas {
        0..=2 => Some("roomy"),
        3..=6 => None,
        7..=15 => Some("dense"),
        _ => Some("denser"),
    }
}

/// A class's colour: neighbouring classes get distant hues (golden angle).
fn hue(class: SizeClass) -> u32 {
    (class.index() as u32 * 137 + 210) % 360
}

/// Where the step's allocations landed (arena › pool › block), from the
/// timeline: the first three, and how many more.
fn placed(point: &crate::trace::Point) -> (Vec<String>, usize) {
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
    let more = all.len().saturating_sub(3);
    (all.into_iter().take(3).collect(), more)
}
