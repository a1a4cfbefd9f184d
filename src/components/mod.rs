//! Yew components. Each takes data and callbacks; none owns engine state.

pub mod example;
pub mod nav;
pub mod output;
