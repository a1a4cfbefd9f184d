//! The page's side of the engine: start a [`Job`], get a [`Trace`] back
//! later, or stop it.
//!
//! On the page the engine runs in Web Workers (a warm one is kept idle), so a
//! long run never blocks the page and **Stop** terminates its worker. The
//! component tests use [`Runner::in_page`], which runs on the page after a
//! tick. The two are behind a trait object so the page's own wasm never links
//! the engine (it lives in the worker's).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};
use yew::Callback;

use crate::trace::{Job, Trace};

/// What a fresh worker posts once it listens for jobs.
pub const READY: &str = "ready";

/// What comes back for a job.
#[derive(Debug, Serialize, Deserialize)]
pub struct Reply {
    pub id: u32,
    pub result: Result<Trace, String>,
}

pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    bincode::serialize(value).expect("engine data always serialises")
}

pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    bincode::deserialize(bytes).map_err(|e| format!("cannot decode the engine's message: {e}"))
}

/// Something that runs jobs.
pub trait Engine {
    /// Starts `job`; `done` is called once with its trace or an error,
    /// unless the job is stopped first.
    fn start(&self, job: Job, done: Callback<Result<Trace, String>>);
    fn stop(&self, job: u32);
}

/// A handle on an engine, shared by every example (compared by identity).
#[derive(Clone)]
pub struct Runner(Rc<dyn Engine>);

impl PartialEq for Runner {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Runner {
    pub fn new(engine: impl Engine + 'static) -> Runner {
        Runner(Rc::new(engine))
    }

    /// Runs jobs in Web Workers loaded from `loader_url`.
    pub fn worker(loader_url: &str) -> Runner {
        Runner::new(WorkerPool(Rc::new(Pool {
            url: loader_url.into(),
            idle: RefCell::new(None),
            busy: Default::default(),
            retired: Default::default(),
        })))
    }

    pub fn start(&self, job: Job, done: Callback<Result<Trace, String>>) {
        self.0.start(job, done)
    }

    pub fn stop(&self, job: u32) {
        self.0.stop(job)
    }
}

struct Pool {
    url: String,
    /// A worker that has said it is ready, kept warm for the next run.
    idle: RefCell<Option<Worker>>,
    busy: RefCell<HashMap<u32, Busy>>,
    /// Finished jobs' handlers, dropped at the next start: a handler cannot
    /// drop itself while it runs.
    retired: RefCell<Vec<Busy>>,
}

/// A worker running a job, with the handlers that must live as long.
struct Busy {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

struct WorkerPool(Rc<Pool>);

impl Pool {
    /// A worker, and whether it is ready (a new one says so first).
    fn take_worker(&self) -> Result<(Worker, bool), String> {
        if let Some(w) = self.idle.borrow_mut().take() {
            return Ok((w, true));
        }
        let w = Worker::new(&self.url).map_err(|e| format!("cannot start the engine's worker: {e:?}"))?;
        Ok((w, false))
    }

    /// The job ended: keep its worker warm for the next run, or end it.
    fn release(&self, id: u32) {
        let Some(busy) = self.busy.borrow_mut().remove(&id) else { return };
        busy.worker.set_onmessage(None);
        busy.worker.set_onerror(None);
        let mut idle = self.idle.borrow_mut();
        if idle.is_none() {
            *idle = Some(busy.worker.clone());
        } else {
            busy.worker.terminate();
        }
        self.retired.borrow_mut().push(busy);
    }
}

impl Engine for WorkerPool {
    fn start(&self, job: Job, done: Callback<Result<Trace, String>>) {
        self.0.retired.borrow_mut().clear();
        let (worker, ready) = match self.0.take_worker() {
            Ok(w) => w,
            Err(e) => return done.emit(Err(e)),
        };
        let id = job.id;
        let post = {
            let (worker, bytes) = (worker.clone(), encode(&job));
            move || {
                let bytes = Uint8Array::from(&bytes[..]);
                let transfer = Array::of1(&bytes.buffer());
                if let Err(e) = worker.post_message_with_transfer(&bytes, &transfer) {
                    web_sys::console::warn_2(&"pymem: cannot post a job".into(), &e);
                }
            }
        };
        let pool = Rc::downgrade(&self.0);
        let on_done = done.clone();
        let mut post = Some(post);
        if ready {
            (post.take().expect("not posted yet"))();
        }
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if e.data().as_string().as_deref() == Some(READY) {
                if let Some(post) = post.take() {
                    post();
                }
                return;
            }
            let bytes = Uint8Array::new(&e.data()).to_vec();
            let result = decode::<Reply>(&bytes).and_then(|r| r.result);
            if let Some(pool) = pool.upgrade() {
                pool.release(id);
            }
            on_done.emit(result);
        });
        let pool = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |e: ErrorEvent| {
            e.prevent_default();
            if let Some(pool) = pool.upgrade() {
                let busy = pool.busy.borrow_mut().remove(&id);
                if let Some(busy) = busy {
                    busy.worker.terminate();
                    pool.retired.borrow_mut().push(busy);
                }
            }
            done.emit(Err(format!("the engine stopped unexpectedly: {}", e.message())));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.0.busy.borrow_mut().insert(id, Busy { worker, _on_message: on_message, _on_error: on_error });
    }

    fn stop(&self, job: u32) {
        if let Some(busy) = self.0.busy.borrow_mut().remove(&job) {
            busy.worker.terminate();
        }
    }
}

/// Runs jobs on the page itself, one tick after they start (tests).
pub struct InPage {
    stopped: Rc<RefCell<std::collections::HashSet<u32>>>,
}

impl Runner {
    pub fn in_page() -> Runner {
        Runner::new(InPage { stopped: Default::default() })
    }
}

impl Engine for InPage {
    fn start(&self, job: Job, done: Callback<Result<Trace, String>>) {
        let stopped = self.stopped.clone();
        gloo::timers::callback::Timeout::new(0, move || {
            if !stopped.borrow_mut().remove(&job.id) {
                done.emit(Ok(crate::trace::execute(&job)));
            }
        })
        .forget();
    }

    fn stop(&self, job: u32) {
        self.stopped.borrow_mut().insert(job);
    }
}
