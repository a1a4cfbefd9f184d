//! PyMem Lab, the web app: a tutorial on CPython's memory management whose
//! examples run in the `pymem` engine compiled to WebAssembly.
//!
//! The app knows Yew and the DOM and nothing of allocation rules: it renders
//! what the engine returns.

pub mod app;
pub mod components;
pub mod content;
pub mod session;

pub use app::App;
