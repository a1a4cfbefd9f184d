//! The `gc` module over `gc::GcState` and `gc::collect`.

use crate::gc::{CallbackInfo, CallbackPhase, GcHost, Reason, NUM_GENERATIONS};
use crate::ids::ObjectId;
use crate::vm::builtins::Args;
use crate::vm::modules::ModuleFn;
use crate::vm::{Vm, R};

impl Vm {
    pub(super) fn init_gc_module(&mut self, dict: ObjectId) -> R<()> {
        let (g, c) = (self.gc_garbage, self.gc_callbacks);
        self.module_set(dict, "garbage", g)?;
        self.module_set(dict, "callbacks", c)?;
        for (name, v) in [("DEBUG_STATS", 1), ("DEBUG_COLLECTABLE", 2), ("DEBUG_UNCOLLECTABLE", 4), ("DEBUG_SAVEALL", 32), ("DEBUG_LEAK", 38)] {
            let n = self.new_int(v)?;
            self.module_set(dict, name, n)?;
            self.decref(n);
        }
        Ok(())
    }

    fn int_tuple(&mut self, values: &[i64]) -> R<ObjectId> {
        let mut items = Vec::with_capacity(values.len());
        for &v in values {
            items.push(self.new_int(v)?);
        }
        self.new_tuple(items)
    }

    fn generation_arg(&mut self, v: Option<ObjectId>) -> R<Option<usize>> {
        match v {
            None => Ok(None),
            Some(v) if v == self.wk.none => Ok(None),
            Some(v) => match self.as_i64(v) {
                Some(g) if (0..NUM_GENERATIONS as i64).contains(&g) => Ok(Some(g as usize)),
                Some(_) => Err(self.error("ValueError", "invalid generation")),
                None => {
                    let t = self.type_name(v);
                    Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")))
                }
            },
        }
    }

    pub(super) fn run_gc_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        match f {
            GcCollect => {
                let g = self.generation_arg(a.pos.first().copied().or_else(|| a.kw("generation")))?.unwrap_or(2);
                let n = match self.collect_generation(g, Reason::Manual) {
                    Some(r) => r.total() as i64,
                    None => 0,
                };
                self.new_int(n)
            }
            GcEnable | GcDisable => {
                self.heap.gc.enabled = f == GcEnable;
                Ok(self.none_ref())
            }
            GcIsEnabled => Ok(self.bool_ref(self.heap.gc.enabled)),
            GcGetThreshold => {
                let t = self.heap.gc.get_threshold();
                self.int_tuple(&t.map(i64::from))
            }
            GcSetThreshold => {
                // METH_VARARGS: CPython packs the arguments into a tuple.
                let items = a.pos.clone();
                for &i in &items {
                    self.incref(i);
                }
                let args = self.new_tuple(items)?;
                self.decref(args);
                if a.pos.is_empty() || a.pos.len() > 3 {
                    let n = a.pos.len();
                    let msg = if n == 0 {
                        "set_threshold() takes at least 1 argument (0 given)".to_string()
                    } else {
                        format!("set_threshold() takes at most 3 arguments ({n} given)")
                    };
                    return Err(self.error("TypeError", &msg));
                }
                let mut t = Vec::new();
                for &v in &a.pos {
                    match self.as_i64(v) {
                        Some(x) => t.push(x as i32),
                        None => return Err(self.error("TypeError", "'float' object cannot be interpreted as an integer")),
                    }
                }
                self.heap.gc.set_threshold(t[0], t.get(1).copied(), t.get(2).copied());
                Ok(self.none_ref())
            }
            GcGetCount => {
                let c = self.heap.gc.get_count();
                self.int_tuple(&c.map(i64::from))
            }
            GcGetObjects => {
                let g = self.generation_arg(a.pos.first().copied().or_else(|| a.kw("generation")))?;
                let objs = self.heap.gc.objects(g);
                for &o in &objs {
                    self.incref(o);
                }
                let n = objs.len();
                self.new_list(objs, n)
            }
            GcGetReferents => {
                let mut out = Vec::new();
                for &o in &a.pos {
                    if self.is_gc(o) {
                        self.traverse(o, &mut |c| out.push(c));
                    }
                }
                for &o in &out {
                    self.incref(o);
                }
                let n = out.len();
                self.new_list(out, n)
            }
            GcGetReferrers => {
                let mut out = Vec::new();
                for o in self.heap.gc.objects(None) {
                    let mut refers = false;
                    self.traverse(o, &mut |c| refers |= a.pos.contains(&c));
                    if refers {
                        out.push(o);
                    }
                }
                for &o in &out {
                    self.incref(o);
                }
                let n = out.len();
                self.new_list(out, n)
            }
            GcIsTracked => {
                self.arity("gc.is_tracked", a, 1, 1)?;
                Ok(self.bool_ref(self.heap.gc.is_tracked(a.pos[0])))
            }
            GcIsFinalized => {
                self.arity("gc.is_finalized", a, 1, 1)?;
                Ok(self.bool_ref(self.heap.gc.is_finalized(a.pos[0])))
            }
            GcGetStats => {
                let stats = self.heap.gc.get_stats();
                let mut dicts = Vec::new();
                for s in stats {
                    let d = self.new_dict()?;
                    for (k, v) in [("collections", s.collections), ("collected", s.collected), ("uncollectable", s.uncollectable)] {
                        let n = self.new_int(v as i64)?;
                        let key = self.new_str(k)?;
                        self.dict_set(d, key, n)?;
                        self.decref(key);
                        self.decref(n);
                    }
                    dicts.push(d);
                }
                self.new_list(dicts, 3)
            }
            GcFreeze => {
                self.heap.gc.freeze();
                Ok(self.none_ref())
            }
            GcUnfreeze => {
                self.heap.gc.unfreeze();
                Ok(self.none_ref())
            }
            GcGetFreezeCount => {
                let n = self.heap.gc.get_freeze_count();
                self.new_int(n as i64)
            }
            GcSetDebug => {
                self.arity("gc.set_debug", a, 1, 1)?;
                self.heap.gc.debug = self.as_i64(a.pos[0]).unwrap_or(0) as u32;
                Ok(self.none_ref())
            }
            GcGetDebug => {
                let d = self.heap.gc.debug;
                self.new_int(d as i64)
            }
            _ => unreachable!("not a gc function"),
        }
    }

    /// Calls each of `gc.callbacks` with (phase, info).
    pub(crate) fn run_gc_callbacks(&mut self, phase: CallbackPhase, info: CallbackInfo) {
        if phase == CallbackPhase::Start {
            self.on_collect_start(info.generation);
        }
        let cbs = self.list_items(self.gc_callbacks);
        if cbs.is_empty() {
            return;
        }
        let r: R<()> = (|| {
            let p = self.new_str(if phase == CallbackPhase::Start { "start" } else { "stop" })?;
            let d = self.new_dict()?;
            for (k, v) in [("generation", info.generation), ("collected", info.collected), ("uncollectable", info.uncollectable)] {
                let n = self.new_int(v as i64)?;
                let key = self.new_str(k)?;
                self.dict_set(d, key, n)?;
                self.decref(key);
                self.decref(n);
            }
            for cb in cbs {
                self.incref(p);
                self.incref(d);
                self.incref(cb);
                let r = self.call(cb, vec![p, d]);
                self.decref(cb);
                match r {
                    Ok(v) => self.decref(v),
                    Err(e) => self.unraisable(e, "gc callback"),
                }
            }
            self.decref(p);
            self.decref(d);
            Ok(())
        })();
        if let Err(e) = r {
            self.discard(e);
        }
    }

    /// Empties the free lists (a full collection's `clear_freelists`).
    pub(crate) fn clear_free_lists(&mut self) {
        let fl = std::mem::take(&mut self.free_lists);
        for a in fl.floats {
            self.heap.free(a, 24);
        }
        for (n, list) in fl.tuples.into_iter().enumerate() {
            for a in list {
                self.heap.free(a, 16 + 24 + 8 * n);
                self.heap.gc.on_gc_dealloc();
            }
        }
        for a in fl.lists {
            self.heap.free(a, 16 + 40);
            self.heap.gc.on_gc_dealloc();
        }
        for a in fl.dicts {
            self.heap.free(a, 16 + 48);
            self.heap.gc.on_gc_dealloc();
        }
    }

}
