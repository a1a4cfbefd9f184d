//! The `tracemalloc` module over the heap's traces (the snapshot classes
//! are in `tm_snapshot.rs`).

use crate::vm::builtins::Args;
use crate::vm::modules::ModuleFn;
use crate::ids::ObjectId;
use crate::vm::{Vm, R};

impl Vm {
    pub(super) fn run_tracemalloc_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        match f {
            TmStart => {
                self.arity("start", a, 0, 1)?;
                if let Some(&n) = a.pos.first() {
                    match self.as_i64(n).filter(|_| self.is_int(n)) {
                        Some(n) if (1..=65535).contains(&n) => self.ext_state.tm_traceback_limit = n as u32,
                        Some(_) => return Err(self.error("ValueError", "the number of frames must be in range [1; 65535]")),
                        None => {
                            let t = self.type_name(n);
                            return Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")));
                        }
                    }
                }
                self.heap.tracemalloc.start();
                Ok(self.none_ref())
            }
            TmStop => {
                self.heap.tracemalloc.stop();
                Ok(self.none_ref())
            }
            TmIsTracing => Ok(self.bool_ref(self.heap.tracemalloc.tracing)),
            TmGetTracedMemory => {
                let (cur, peak) = (self.heap.tracemalloc.current, self.heap.tracemalloc.peak);
                let c = self.new_bigint(cur.into())?;
                let p = self.new_bigint(peak.into())?;
                self.new_tuple(vec![c, p])
            }
            TmResetPeak => {
                if !self.heap.tracemalloc.tracing {
                    return Err(self.error("RuntimeError", "the tracemalloc module must be tracing memory allocations to reset the peak"));
                }
                self.heap.tracemalloc.reset_peak();
                Ok(self.none_ref())
            }
            TmClearTraces => {
                self.heap.tracemalloc.clear();
                Ok(self.none_ref())
            }
            TmGetTracebackLimit => {
                let n = self.ext_state.tm_traceback_limit;
                self.new_int(n as i64)
            }
            TmTakeSnapshot => {
                if !a.pos.is_empty() {
                    let n = a.pos.len();
                    let was = if n == 1 { "was" } else { "were" };
                    return Err(self.error("TypeError", &format!("take_snapshot() takes 0 positional arguments but {n} {was} given")));
                }
                self.take_snapshot()
            }
            TmGetObjectTraceback => match a.pos.len() {
                1 => self.get_object_traceback(a.pos[0]),
                0 => Err(self.error("TypeError", "get_object_traceback() missing 1 required positional argument: 'obj'")),
                n => Err(self.error("TypeError", &format!("get_object_traceback() takes 1 positional argument but {n} were given"))),
            },
            TmGetTracemallocMemory => {
                let n = self.heap.tracemalloc.traces.len() as i64 * 64;
                self.new_int(n)
            }
            _ => unreachable!("not a tracemalloc function"),
        }
    }
}
