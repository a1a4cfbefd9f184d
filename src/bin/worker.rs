//! The engine's thread: a dedicated Web Worker that receives a [`Job`]
//! (bincode bytes), runs it in `pymem` and posts back the digested
//! [`Trace`](pymem_lab::trace::Trace). Built by trunk as `worker.js` +
//! `worker_bg.wasm`, loaded through `worker_loader.js`. It says [`READY`]
//! once it listens, since messages sent while the wasm loads are lost.

use js_sys::{Array, Uint8Array};
use pymem_lab::runner::{decode, encode, Reply, READY};
use pymem_lab::trace::{execute, Job};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("pymem worker panicked: {info}").into());
    }));
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let bytes = Uint8Array::new(&e.data()).to_vec();
        let reply = match decode::<Job>(&bytes) {
            Ok(job) => Reply { id: job.id, result: Ok(execute(&job)) },
            Err(err) => Reply { id: 0, result: Err(err) },
        };
        let out = Uint8Array::from(&encode(&reply)[..]);
        let transfer = Array::of1(&out.buffer());
        if let Err(err) = reply_to.post_message_with_transfer(&out, &transfer) {
            web_sys::console::error_2(&"pymem worker: cannot post the result".into(), &err);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before this point were dropped: the page waits for this.
    let _ = scope.post_message(&READY.into());
}
