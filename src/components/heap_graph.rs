//! The heap graph: frames with their names on the left, objects as boxes
//! (type, value, live refcount badge), references as arrows. One SVG group
//! per object, keyed by object id, so a step moves, updates or fades the
//! same element; objects freed by the step linger as fading ghosts, new ones
//! pop in, changed refcounts flash. Cycles are drawn in their own colour and
//! unreachable cycles in a band of their own.

use std::collections::{HashMap, HashSet};

use pymem::ids::ObjectId;
use pymem::snapshot::ObjView;
use yew::prelude::*;

use crate::components::output::group_thousands;
use crate::geometry::{heap_layout, EdgeKind, HeapLayout, NodeBox, FRAME_HEAD, FRAME_W, MORE_H, NODE_H, NODE_W};
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct HeapGraphProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

#[component]
pub fn HeapGraph(props: &HeapGraphProps) -> Html {
    let Some(point) = props.trace.points.get(props.cursor) else { return html! {} };
    let prev = props.cursor.checked_sub(1).and_then(|i| props.trace.points.get(i));
    let layout = use_memo((props.trace.clone(), props.cursor), |(t, c)| heap_layout(&t.points[*c].snap));
    let prev_layout = use_memo((props.trace.clone(), props.cursor), |(t, c)| {
        c.checked_sub(1).map(|p| heap_layout(&t.points[p].snap))
    });
    let snap = &point.snap;
    let before: HashMap<ObjectId, &ObjView> =
        prev.map(|p| p.snap.objects.iter().map(|o| (o.id, o)).collect()).unwrap_or_default();
    let alive: HashSet<ObjectId> = snap.objects.iter().map(|o| o.id).collect();
    let ghosts: Vec<(&NodeBox, &ObjView)> = match (prev, prev_layout.as_ref()) {
        (Some(p), Some(pl)) => {
            pl.nodes.iter().filter(|b| !alive.contains(&b.id)).map(|b| (b, &p.snap.objects[b.index])).collect()
        }
        _ => Vec::new(),
    };
    let l: &HeapLayout = &layout;
    // Objects the collector freed during this step (drawn as red ghosts).
    let collected: HashSet<ObjectId> =
        point.delta.collects.iter().flat_map(|c| c.deleted.first.iter().copied()).collect();
    let summary = if snap.objects.is_empty() {
        "No objects are reachable from the program's names yet.".to_string()
    } else {
        let drawn = l.nodes.len();
        format!(
            "{drawn} objects drawn · {} objects created by the program are alive{}",
            group_thousands(snap.live_objects as u64),
            if snap.live_objects > drawn {
                format!(" ({} not drawn)", group_thousands((snap.live_objects - drawn) as u64))
            } else {
                String::new()
            }
        )
    };
    html! {
        <section class="view heap" data-role="heap" aria-label="Heap graph">
            <h5>{ "Heap" }<span class="sub">{ summary.clone() }</span></h5>
            <div class="scroll">
                // Shrinks to fit, but not below 70% (then it scrolls): text stays legible.
                <svg width={format!("{:.0}", l.width)} height={format!("{:.0}", l.height)}
                    style={format!("min-width:{:.0}px", l.width * 0.7)}
                    viewBox={format!("-4 -4 {:.0} {:.0}", l.width + 8.0, l.height + 8.0)} role="img" aria-label={summary}>
                    <defs>
                        { for ["name", "ref", "cycle"].iter().map(|k| html! {
                            <marker id={format!("arrow-{k}")} class={format!("arrow {k}")} viewBox="0 0 10 10" refX="9" refY="5"
                                markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                                <path d="M0,0 L10,5 L0,10 z" />
                            </marker>
                        }) }
                    </defs>
                    if let Some(top) = l.garbage_top {
                        <g class="garbage-band">
                            <rect x={FRAME_W.to_string()} y={format!("{:.0}", top)} width={format!("{:.0}", l.width - FRAME_W)}
                                height={format!("{:.0}", l.height - top)} rx="8" />
                            <text x={format!("{:.0}", FRAME_W + 10.0)} y={format!("{:.0}", top + 15.0)}>
                                { "Unreachable: only a reference cycle keeps these alive" }
                            </text>
                        </g>
                    }
                    <g class="frames">
                        { for l.frames.iter().map(|f| html! {
                            <g key={f.key.clone()} class="frame" transform={format!("translate({:.1},{:.1})", f.x, f.y)}>
                                <rect width={FRAME_W.to_string()} height={format!("{:.1}", f.h)} rx="6" />
                                <text class="fname" x="8" y="16">{ short(&f.name, 18) }</text>
                                { for f.vars.iter().map(|v| html! {
                                    <text class="var" x={(FRAME_W - 8.0).to_string()} y={format!("{:.1}", v.y - f.y + 4.0)}>
                                        { short(&v.name, 16) }
                                    </text>
                                }) }
                                <line x1="0" x2={FRAME_W.to_string()} y1={FRAME_HEAD.to_string()} y2={FRAME_HEAD.to_string()} />
                            </g>
                        }) }
                    </g>
                    <g class="edges">
                        { for l.edges.iter().map(|e| {
                            let k = match e.kind { EdgeKind::Name => "name", EdgeKind::Ref => "ref", EdgeKind::Cycle => "cycle" };
                            html! {
                                <g key={e.key.clone()} class={classes!("edge", k)}>
                                    <path d={e.d.clone()} marker-end={format!("url(#arrow-{k})")} />
                                    if !e.label.is_empty() {
                                        <text x={format!("{:.1}", e.label_at.0)} y={format!("{:.1}", e.label_at.1)}>{ short(&e.label, 14) }</text>
                                    }
                                </g>
                            }
                        }) }
                    </g>
                    <g class="more">
                        { for l.more.iter().map(|m| html! {
                            <g key={m.key.clone()} transform={format!("translate({:.1},{:.1})", m.x, m.y)}>
                                <rect width={NODE_W.to_string()} height={MORE_H.to_string()} rx="7" />
                                <text x="9" y="18">{ format!("… {} more not drawn", group_thousands(m.count)) }</text>
                            </g>
                        }) }
                    </g>
                    <g class="objects">
                        { for ghosts.iter().map(|(b, o)| node(b, o, None, Some(collected.contains(&o.id)))) }
                        { for l.nodes.iter().map(|b| node(b, &snap.objects[b.index], prev.map(|_| before.get(&b.id).copied()), None)) }
                    </g>
                </svg>
            </div>
        </section>
    }
}

/// One object box. `before` is `Some(None)` for an object new at this step.
/// `ghost` is `Some(by_gc)` for an object freed by this step.
fn node(b: &NodeBox, o: &ObjView, before: Option<Option<&ObjView>>, ghost: Option<bool>) -> Html {
    let (by_gc, ghost) = (ghost == Some(true), ghost.is_some());
    let rc_change = match before {
        Some(Some(p)) if p.refcount < o.refcount => Some("up"),
        Some(Some(p)) if p.refcount > o.refcount => Some("down"),
        _ => None,
    };
    let class = classes!(
        "obj",
        ghost.then_some("ghost"),
        by_gc.then_some("collected"),
        matches!(before, Some(None)).then_some("new"),
        b.garbage.then_some("garbage"),
        b.cyclic.then_some("cyclic"),
        o.cached.then_some("cached"),
    );
    let rc = o.refcount.to_string();
    let shown = refcount_text(o.refcount);
    let badge_w = 14.0 + 7.0 * shown.chars().count() as f64;
    let title = format!(
        "{} at 0x{:x}: {} bytes (sys.getsizeof), refcount {}{}{}",
        o.type_name,
        o.addr,
        o.size,
        o.refcount,
        o.generation.map(|g| format!(", GC generation {g}")).unwrap_or_default(),
        if o.cached { ", statically allocated (shared, never freed)" } else { "" }
    );
    let id_attr = (!ghost).then(|| o.id.0.to_string());
    let ghost_attr = ghost.then(|| o.id.0.to_string());
    html! {
        <g key={format!("o{}", o.id.0)} class={class} data-object-id={id_attr} data-ghost-id={ghost_attr}
            transform={format!("translate({:.1},{:.1})", b.x, b.y)}>
            <title>{ title }</title>
            <rect class="box" width={NODE_W.to_string()} height={NODE_H.to_string()} rx="7" />
            <text class="type" x="9" y="17">{ short(&o.type_name, 14) }</text>
            <text class="label" x="9" y="36">{ short(&o.label, 22) }</text>
            <g class={classes!("badge", rc_change)} transform={format!("translate({:.1},5)", NODE_W - badge_w - 5.0)}>
                <rect width={format!("{badge_w:.1}")} height="17" rx="8.5" />
                <text x={format!("{:.1}", badge_w / 2.0)} y="12.5" data-refcount={rc}>{ shown }</text>
            </g>
        </g>
    }
}

/// The badge text: the count, or for CPython 3.11's statically allocated
/// objects (whose count starts at 999,999,999) an order of magnitude; the
/// exact number stays in `data-refcount` and the tooltip.
pub fn refcount_text(rc: u64) -> String {
    if rc >= 100_000_000 {
        "≈10⁹".into()
    } else {
        rc.to_string()
    }
}

/// At most `n` characters, with an ellipsis when cut.
pub fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    }
}
