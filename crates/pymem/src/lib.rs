//! `pymem`: a Python-subset interpreter whose every object lives in a simulated
//! CPython 3.11 (64-bit) memory manager.
//!
//! The engine is pure and deterministic: no clock, no randomness, no I/O and no
//! web types. A run takes source text and returns data (output, events,
//! snapshots) that the app replays.

pub mod bytecode;
pub mod compile;
pub mod gc;
pub mod heap;
pub mod ids;
pub mod layout;
pub mod pymalloc;
pub mod run;
pub mod snapshot;
pub mod syntax;
pub mod timeline;
pub mod vm;

pub use run::{run, Run, RunConfig, RunMode};
