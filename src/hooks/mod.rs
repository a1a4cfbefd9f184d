//! Hooks that own effects (timers) and clean them up.

mod playback;

pub use playback::use_playback;
