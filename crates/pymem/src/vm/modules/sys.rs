//! The `sys` module: sizes, reference counts, interning, recursion limit.

use crate::ids::ObjectId;
use crate::vm::builtins::Args;
use crate::vm::modules::ModuleFn;
use crate::vm::{Vm, R};

impl Vm {
    pub(super) fn init_sys_module(&mut self, dict: ObjectId) -> R<()> {
        let max = self.new_int(i64::MAX)?;
        self.module_set(dict, "maxsize", max)?;
        self.decref(max);
        let v = self.new_str("3.11.7 (PyMem Lab simulation of CPython 3.11, 64-bit)")?;
        self.module_set(dict, "version", v)?;
        self.decref(v);
        Ok(())
    }

    pub(super) fn run_sys_fn(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        match f {
            SysGetSizeOf => {
                if a.pos.is_empty() && a.kw("object").is_none() {
                    return Err(self.error("TypeError", "getsizeof() missing required argument 'object' (pos 1)"));
                }
                self.arity("getsizeof", a, 1, 2)?;
                let n = self.getsizeof(a.pos[0])?;
                self.new_int(n as i64)
            }
            SysGetRefCount => {
                if a.pos.len() != 1 {
                    let n = a.pos.len();
                    return Err(self.error("TypeError", &format!("sys.getrefcount() takes exactly one argument ({n} given)")));
                }
                let n = self.heap.get(a.pos[0]).refcnt;
                self.new_bigint(n.into())
            }
            SysIntern => {
                self.arity("sys.intern", a, 1, 1)?;
                let v = a.pos[0];
                let s = match self.heap.payload(v) {
                    crate::heap::Payload::Str(s) => s.clone(),
                    _ => {
                        let t = self.type_name(v);
                        return Err(self.error("TypeError", &format!("intern() argument must be str, not {t}")));
                    }
                };
                if let Some(&existing) = self.interned.get(&s) {
                    self.incref(existing);
                    return Ok(existing);
                }
                // Interning in place: this very object becomes the interned one.
                self.heap.get_mut(v).flags |= crate::heap::flag::INTERNED;
                self.interned.insert(s, v);
                self.incref(v);
                Ok(v)
            }
            SysGetRecursionLimit => {
                let n = self.recursion_limit;
                self.new_int(n as i64)
            }
            SysSetRecursionLimit => {
                self.arity("sys.setrecursionlimit", a, 1, 1)?;
                match self.as_i64(a.pos[0]) {
                    Some(n) if n >= 1 => {
                        // Deep Python recursion is simulated without Rust
                        // recursion, but keep a sane ceiling.
                        self.recursion_limit = (n as usize).min(100_000);
                        Ok(self.none_ref())
                    }
                    Some(_) => Err(self.error("ValueError", "recursion limit must be greater or equal than 1")),
                    None => Err(self.error("TypeError", "'float' object cannot be interpreted as an integer")),
                }
            }
            _ => unreachable!("not a sys function"),
        }
    }
}
