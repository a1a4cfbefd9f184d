//! `pymem`: a Python-subset interpreter whose every object lives in a simulated
//! CPython 3.11 (64-bit) memory manager.
//!
//! The engine is pure and deterministic: no clock, no randomness, no I/O and no
//! web types. A run takes source text and returns data (output, events,
//! snapshots) that the app replays.

pub mod gc;
pub mod ids;
pub mod layout;
pub mod pymalloc;
pub mod syntax;
