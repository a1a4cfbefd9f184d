//! `use_playback`: while `playing`, call `on_tick` every `interval_ms`. The
//! interval lives in an effect and is dropped (cleared) when playback stops,
//! the speed changes or the component goes away; the reducer never holds a
//! timer handle.

use gloo::timers::callback::Interval;
use yew::prelude::*;

#[hook]
pub fn use_playback(playing: bool, interval_ms: u32, on_tick: Callback<()>) {
    use_effect_with((playing, interval_ms), move |&(playing, ms)| {
        let timer = playing.then(|| Interval::new(ms, move || on_tick.emit(())));
        move || drop(timer)
    });
}
