//! PyMem Lab, the web app: a tutorial on CPython's memory management whose
//! examples run in the `pymem` engine compiled to WebAssembly.
//!
//! The app knows Yew and the DOM and nothing of allocation rules: it renders
//! what the engine returns. The engine runs in a Web Worker (`src/bin/worker.rs`)
//! so the page never freezes; [`runner`] is the page's side of that.

pub mod app;
pub mod components;
pub mod content;
pub mod diagram;
pub mod geometry;
pub mod highlight;
pub mod hooks;
pub mod narrate;
pub mod route;
pub mod runner;
pub mod session;
pub mod storage;
pub mod trace;

pub use app::{App, AppProps};
