//! The `tracemalloc` module over the heap's traces.

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
            TmGetTracebackLimit => self.new_int(1),
            TmGetTracemallocMemory => {
                let n = self.heap.tracemalloc.traces.len() as i64 * 64;
                self.new_int(n)
            }
            _ => unreachable!("not a tracemalloc function"),
        }
    }
}
