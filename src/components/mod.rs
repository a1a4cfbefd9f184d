//! Yew components. Each takes data and callbacks; none owns engine state
//! except `example`, which owns its session reducer.

pub mod allocator;
pub mod controls;
pub mod editor;
pub mod example;
pub mod flow_diagram;
pub mod generations;
pub mod heap_graph;
pub mod narration;
pub mod nav;
pub mod output;
pub mod panel;
pub mod prose;
pub mod stack;
pub mod tracemalloc_plot;
pub mod views;
