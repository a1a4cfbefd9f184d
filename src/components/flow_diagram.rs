//! The document's two diagrams, drawn in mermaid's top-down layout and
//! animated by the example's run: at each step the nodes and edges of what
//! happened light up, and the edges carry counters of everything so far.

use yew::prelude::*;

use crate::content::Diagram;
use crate::diagram::{activity, layout, Activity};
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct FlowDiagramProps {
    pub diagram: Diagram,
    pub trace: Option<Shared<Trace>>,
    pub cursor: usize,
}

#[component]
pub fn FlowDiagram(p: &FlowDiagramProps) -> Html {
    let l = use_memo(p.diagram, |d| layout(*d));
    let act = p.trace.as_ref().map(|t| activity(p.diagram, t, p.cursor)).unwrap_or_default();
    let Activity { nodes, edges, counters, details, caption } = &act;
    let title = match p.diagram {
        Diagram::AllocationFlow => "Memory Allocation Flow",
        Diagram::GcProcess => "Garbage Collection Process",
    };
    let caption = if p.trace.is_some() {
        caption.clone()
    } else {
        "Run the program below and step through it to animate the diagram.".into()
    };
    html! {
        <figure class="diagram" data-role="diagram" data-diagram={title}>
            <svg viewBox={format!("0 0 {:.0} {:.0}", l.width, l.height)} role="img"
                aria-label={format!("{title} diagram. {caption}")}>
                <defs>
                    <marker id={format!("dg-arrow-{}", l.nodes.len())} viewBox="0 0 10 10" refX="9" refY="5"
                        markerWidth="8" markerHeight="8" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" />
                    </marker>
                </defs>
                { for l.edges.iter().map(|e| {
                    let lit = edges.contains(&e.key);
                    let counter = counters.iter().find(|c| c.0 == e.key).map(|c| c.1.clone());
                    let w = 6.3 * e.label.len().max(counter.as_ref().map_or(0, |c| c.len())) as f64 + 12.0;
                    let (x, y) = e.label_at;
                    html! {
                        <g key={e.key} class={classes!("dedge", lit.then_some("lit"))} data-edge={e.key}>
                            <path d={e.d.clone()} marker-end={format!("url(#dg-arrow-{})", l.nodes.len())} />
                            <rect class="elabel" x={format!("{:.1}", x - w / 2.0)} y={format!("{:.1}", y - 13.0)}
                                width={format!("{w:.1}")} height={if counter.is_some() { "30" } else { "17" }} rx="4" />
                            <text x={format!("{x:.1}")} y={format!("{:.1}", y)}>{ e.label }</text>
                            if let Some(c) = counter {
                                <text class="counter" x={format!("{x:.1}")} y={format!("{:.1}", y + 13.0)}>{ c }</text>
                            }
                        </g>
                    }
                }) }
                { for l.nodes.iter().map(|n| {
                    let lit = nodes.contains(&n.key);
                    let detail = details.iter().find(|d| d.0 == n.key).map(|d| d.1.clone());
                    html! {
                        <g key={n.key} class={classes!("dnode", lit.then_some("lit"))} data-node={n.key}
                            transform={format!("translate({:.1},{:.1})", n.x - n.w / 2.0, n.y - n.h / 2.0)}>
                            <rect width={n.w.to_string()} height={n.h.to_string()} rx="6" />
                            <text x={(n.w / 2.0).to_string()} y={if detail.is_some() { "17" } else { "26" }}>{ n.label }</text>
                            if let Some(d) = detail {
                                <text class="detail" x={(n.w / 2.0).to_string()} y="33">{ d }</text>
                            }
                        </g>
                    }
                }) }
            </svg>
            <figcaption aria-live="polite">{ caption }</figcaption>
        </figure>
    }
}
