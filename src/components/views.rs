//! The memory views of one step, side by side: heap graph and stack, then
//! generations, allocator and tracemalloc. A focusable region, so the arrow
//! keys step while it has focus.

use yew::prelude::*;

use crate::components::{
    allocator::Allocator, generations::Generations, heap_graph::HeapGraph, stack::Stack,
    tracemalloc_plot::TracemallocPlot,
};
use crate::trace::{Shared, Trace};

#[derive(Properties, PartialEq)]
pub struct ViewsProps {
    pub trace: Shared<Trace>,
    pub cursor: usize,
    pub code: String,
    pub line_table: bool,
}

#[component]
pub fn Views(p: &ViewsProps) -> Html {
    html! {
        <div class="views" tabindex="0"
            aria-label="Memory at this step. Left and right arrows step, space plays or pauses.">
            <div class="views-top">
                <HeapGraph trace={p.trace.clone()} cursor={p.cursor} />
                <Stack trace={p.trace.clone()} cursor={p.cursor} />
            </div>
            <div class="views-bottom">
                <Generations trace={p.trace.clone()} cursor={p.cursor} />
                <Allocator trace={p.trace.clone()} cursor={p.cursor} />
                <TracemallocPlot trace={p.trace.clone()} cursor={p.cursor} code={p.code.clone()} line_table={p.line_table} />
            </div>
        </div>
    }
}
