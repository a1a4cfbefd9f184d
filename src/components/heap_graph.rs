//! The heap graph: frames with their names (and value-stack temporaries) on
//! the left, objects as boxes (type, value, live refcount badge), references
//! as arrows. One SVG group per object, keyed by object id, so a step moves,
//! updates or fades the same element; objects freed by the step linger as
//! fading ghosts, new ones pop in, changed refcounts flash. Cycles are drawn
//! in their own colour and unreachable cycles in a band of their own.
//!
//! A crowded heap is drawn compact (see `geometry`): small cells, each a
//! memoised component, so a step re-renders only the cells whose value,
//! refcount or place changed; a bracket (one path for all) ties each full
//! box to the rows of its items, and the object under the pointer (or
//! tapped) gets its arrows drawn.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use pymem::ids::ObjectId;
use pymem::snapshot::ObjView;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::output::group_thousands;
use crate::geometry::{
    focus_edges, heap_layout, EdgeKind, EdgePath, HeapLayout, NodeBox, CELL_H, CELL_W, FRAME_HEAD, FRAME_W, NODE_H, NODE_W,
};
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct HeapGraphProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
}

/// Layouts of the last few steps of one trace: playing forward lays out
/// each step once (this step's layout is the next step's "before").
#[derive(Default)]
struct LayoutCache {
    trace: Option<Shared<Trace>>,
    kept: Vec<(usize, Rc<HeapLayout>)>,
}

impl LayoutCache {
    fn get(&mut self, trace: &Shared<Trace>, i: usize) -> Rc<HeapLayout> {
        if self.trace.as_ref() != Some(trace) {
            self.trace = Some(trace.clone());
            self.kept.clear();
        }
        if let Some((_, l)) = self.kept.iter().find(|(c, _)| *c == i) {
            return l.clone();
        }
        let l = Rc::new(heap_layout(&trace.points[i].snap));
        if self.kept.len() >= 4 {
            self.kept.remove(0);
        }
        self.kept.push((i, l.clone()));
        l
    }
}

#[component]
pub fn HeapGraph(props: &HeapGraphProps) -> Html {
    let cache = use_mut_ref(LayoutCache::default);
    let focus = use_state(|| None::<ObjectId>);
    let Some(point) = props.trace.points.get(props.cursor) else { return html! {} };
    let prev = props.cursor.checked_sub(1).and_then(|i| props.trace.points.get(i));
    let (layout, prev_layout) = {
        let mut c = cache.borrow_mut();
        (c.get(&props.trace, props.cursor), prev.map(|_| c.get(&props.trace, props.cursor - 1)))
    };
    let snap = &point.snap;
    let before: HashMap<ObjectId, &ObjView> =
        prev.map(|p| p.snap.objects.iter().map(|o| (o.id, o)).collect()).unwrap_or_default();
    let alive: HashSet<ObjectId> = snap.objects.iter().map(|o| o.id).collect();
    let ghosts: Vec<(&NodeBox, &ObjView)> = match (prev, prev_layout.as_deref()) {
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
    // The focused object: its arrows, and what it is.
    let focused = (*focus).filter(|id| alive.contains(id));
    let focus_lines: Vec<EdgePath> = match focused {
        Some(id) if l.compact => focus_edges(l, snap, id),
        _ => Vec::new(),
    };
    let focus_note = focused.filter(|_| l.compact).and_then(|id| snap.objects.iter().find(|o| o.id == id)).map(describe);
    let on_pick = {
        let focus = focus.clone();
        Callback::from(move |e: MouseEvent| {
            let id = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("[data-object-id]").ok().flatten())
                .and_then(|el| el.get_attribute("data-object-id"))
                .and_then(|s| s.parse::<u32>().ok())
                .map(ObjectId);
            if id.is_some() && id != *focus {
                focus.set(id);
            }
        })
    };
    let on_leave = {
        let focus = focus.clone();
        Callback::from(move |_: MouseEvent| focus.set(None))
    };
    let is_new = |id: &ObjectId| prev.is_some() && !before.contains_key(id);
    let rc_change = |o: &ObjView| match before.get(&o.id) {
        Some(p) if p.refcount < o.refcount => Some("up"),
        Some(p) if p.refcount > o.refcount => Some("down"),
        _ => None,
    };
    html! {
        <section class="view heap" data-role="heap" aria-label="Heap graph">
            <h5>{ "Heap" }<span class="sub">{ summary.clone() }</span></h5>
            if l.compact {
                <p class="heap-note" aria-live="polite">{
                    focus_note.unwrap_or_else(|| "Many objects: each is a cell with its value and refcount. Point at one (or tap it) to see its references.".into())
                }</p>
            }
            <div class="scroll">
                // Shrinks to fit, but not below 70% (then it scrolls): text stays legible.
                <svg class={classes!(l.compact.then_some("compact"))} width={format!("{:.0}", l.width)} height={format!("{:.0}", l.height)}
                    style={format!("min-width:{:.0}px", l.width * 0.7)}
                    viewBox={format!("-4 -4 {:.0} {:.0}", l.width + 8.0, l.height + 8.0)} role="img" aria-label={summary}
                    onmouseover={on_pick.clone()} onclick={on_pick} onmouseleave={on_leave}>
                    <defs>
                        { for ["name", "ref", "cycle", "temp"].iter().map(|k| html! {
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
                                    <text class={classes!("var", v.temp.then_some("temp"))} x={(FRAME_W - 8.0).to_string()} y={format!("{:.1}", v.y - f.y + 4.0)}>
                                        { short(&v.name, 16) }
                                    </text>
                                }) }
                                <line x1="0" x2={FRAME_W.to_string()} y1={FRAME_HEAD.to_string()} y2={FRAME_HEAD.to_string()} />
                            </g>
                        }) }
                    </g>
                    if l.compact {
                        <path class="fan" d={l.fan.clone()} />
                        <g class="grid-notes">
                            { for l.notes.iter().map(|n| html! {
                                <text x={format!("{:.0}", n.x)} y={format!("{:.0}", n.y)}>{ n.text.clone() }</text>
                            }) }
                        </g>
                    }
                    <g class="edges">
                        { for l.edges.iter().map(edge) }
                    </g>
                    <g class="more">
                        { for l.more.iter().map(|m| html! {
                            <g key={m.key.clone()} transform={format!("translate({:.1},{:.1})", m.x, m.y)}>
                                <rect width={format!("{:.1}", m.w)} height={format!("{:.1}", m.h)} rx="7" />
                                <text x="9" y={format!("{:.1}", m.h / 2.0 + 4.0)}>{
                                    if l.compact {
                                        format!("… {} more", group_thousands(m.count))
                                    } else {
                                        format!("… {} more not drawn", group_thousands(m.count))
                                    }
                                }</text>
                            </g>
                        }) }
                    </g>
                    <g class="objects">
                        { for ghosts.iter().filter(|(b, _)| !b.cell).map(|(b, o)| node(b, o, None, Some(collected.contains(&o.id)))) }
                        { for l.nodes.iter().filter(|b| !b.cell).map(|b| {
                            let o = &snap.objects[b.index];
                            node(b, o, prev.map(|_| before.get(&b.id).copied()), None)
                        }) }
                    </g>
                    <g class="cells">
                        { for ghosts.iter().filter(|(b, _)| b.cell).map(|(b, o)| html! {
                            <Cell key={format!("g{}", o.id.0)} id={o.id.0} x={b.x} y={b.y} text={cell_text(o)}
                                refcount={o.refcount} ghost={Some(collected.contains(&o.id))} />
                        }) }
                        { for l.nodes.iter().filter(|b| b.cell).map(|b| {
                            let o = &snap.objects[b.index];
                            html! {
                                <Cell key={format!("o{}", o.id.0)} id={o.id.0} x={b.x} y={b.y} text={cell_text(o)} refcount={o.refcount}
                                    new={is_new(&o.id)} change={rc_change(o)} cached={o.cached} cyclic={b.cyclic} garbage={b.garbage}
                                    focused={focused == Some(o.id)} />
                            }
                        }) }
                    </g>
                    <g class="edges focus">
                        { for focus_lines.iter().map(edge) }
                    </g>
                </svg>
            </div>
        </section>
    }
}

fn edge(e: &EdgePath) -> Html {
    let k = match e.kind {
        EdgeKind::Name => "name",
        EdgeKind::Temp => "temp",
        EdgeKind::Ref => "ref",
        EdgeKind::Cycle => "cycle",
    };
    html! {
        <g key={e.key.clone()} class={classes!("edge", k)}>
            <path d={e.d.clone()} marker-end={format!("url(#arrow-{k})")} />
            if !e.label.is_empty() {
                <text x={format!("{:.1}", e.label_at.0)} y={format!("{:.1}", e.label_at.1)}>{ short(&e.label, 14) }</text>
            }
        </g>
    }
}

/// What the compact view says about the focused object.
fn describe(o: &ObjView) -> String {
    format!(
        "{} {} at 0x{:x}: {} bytes, refcount {}{}",
        o.type_name,
        short(&o.label, 40),
        o.addr,
        o.size,
        o.refcount,
        o.generation.map(|g| format!(", GC generation {g}")).unwrap_or_default()
    )
}

/// A cell's text: the value's first characters, or the type for a
/// `<…>` repr.
fn cell_text(o: &ObjView) -> AttrValue {
    let t = if o.label.starts_with('<') || o.label.is_empty() { short(&o.type_name, 6) } else { short(&o.label, 6) };
    AttrValue::from(t)
}

#[derive(Properties, PartialEq)]
pub struct CellProps {
    pub id: u32,
    pub x: f64,
    pub y: f64,
    pub text: AttrValue,
    pub refcount: u64,
    #[prop_or_default]
    pub new: bool,
    /// "up" or "down" when the step changed the refcount.
    #[prop_or_default]
    pub change: Option<&'static str>,
    #[prop_or_default]
    pub cached: bool,
    #[prop_or_default]
    pub cyclic: bool,
    #[prop_or_default]
    pub garbage: bool,
    #[prop_or_default]
    pub focused: bool,
    /// `Some(by_gc)` for an object freed by this step.
    #[prop_or_default]
    pub ghost: Option<bool>,
}

/// One object of a crowded heap: a small cell with its value and refcount.
/// Props compare equal when nothing about the object changed, so Yew skips it.
#[component]
fn Cell(p: &CellProps) -> Html {
    let ghost = p.ghost.is_some();
    let class = classes!(
        "obj",
        "cell",
        ghost.then_some("ghost"),
        (p.ghost == Some(true)).then_some("collected"),
        p.new.then_some("new"),
        p.garbage.then_some("garbage"),
        p.cyclic.then_some("cyclic"),
        p.cached.then_some("cached"),
        p.focused.then_some("focused"),
    );
    let id_attr = (!ghost).then(|| p.id.to_string());
    let ghost_attr = ghost.then(|| p.id.to_string());
    html! {
        <g class={class} data-object-id={id_attr} data-ghost-id={ghost_attr} transform={format!("translate({:.0},{:.0})", p.x, p.y)}>
            <rect class="box" width={CELL_W.to_string()} height={CELL_H.to_string()} rx="4" />
            <text class="label" x="4" y="16">{ p.text.clone() }</text>
            <text class={classes!("rc", p.change)} x={(CELL_W - 4.0).to_string()} y="16" data-refcount={p.refcount.to_string()}>
                { refcount_text(p.refcount) }
            </text>
        </g>
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
