//! Global and builtin name lookups with a per-name inline cache, in the
//! spirit of 3.11's LOAD_GLOBAL specialisation: module-level code reads
//! every variable through the globals dict, so each read would hash the name
//! and probe the table.
//!
//! The cache remembers, per interned name, the name's hash and the entry
//! index where it was last found in a globals dict and in the builtins. A
//! remembered index is trusted only if that entry's key is still the name
//! object itself, and a name's slot is forgotten when the (mortal, 3.11)
//! interned name dies, before its id can be reused; so the cache can never
//! return a stale value: a deleted, moved or replaced entry just
//! misses and the name is looked up again. A miss in the globals (a builtin
//! name) is always re-probed, with the remembered hash.

use crate::heap::{flag, Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::dict::str_hash;
use crate::vm::{Vm, R};

/// No entry remembered.
const NONE: u32 = u32::MAX;
/// Names with larger ids are looked up uncached (the table stays small).
const MAX_CACHED: usize = 1 << 20;

#[derive(Clone, Copy, Debug)]
pub struct NameCache {
    name: ObjectId,
    hash: i64,
    globals: ObjectId,
    globals_ix: u32,
    builtins_ix: u32,
}

/// The cache, indexed by the name's object index.
#[derive(Clone, Debug, Default)]
pub struct GlobalsCache {
    slots: Vec<Option<NameCache>>,
}

impl Vm {
    /// The cache slot of `name`, made on first use.
    fn name_cache(&mut self, name: ObjectId) -> Option<NameCache> {
        let i = name.index();
        if i >= MAX_CACHED {
            return None;
        }
        if let Some(Some(c)) = self.globals_cache.slots.get(i) {
            if c.name == name {
                return Some(*c);
            }
        }
        // Only interned names: their slot is cleared when they die, so an id
        // keeps its string while cached.
        if self.heap.get(name).flags & flag::INTERNED == 0 {
            return None;
        }
        let hash = match self.heap.payload(name) {
            Payload::Str(s) => str_hash(s),
            _ => return None,
        };
        if self.globals_cache.slots.len() <= i {
            self.globals_cache.slots.resize(i + 1, None);
        }
        let c = NameCache { name, hash, globals: NULL, globals_ix: NONE, builtins_ix: NONE };
        self.globals_cache.slots[i] = Some(c);
        Some(c)
    }

    /// An interned name died: its id may soon name another string.
    pub(crate) fn forget_name(&mut self, name: ObjectId) {
        if let Some(slot) = self.globals_cache.slots.get_mut(name.index()) {
            *slot = None;
        }
    }

    fn set_name_cache(&mut self, c: NameCache) {
        self.globals_cache.slots[c.name.index()] = Some(c);
    }

    /// Globals, then builtins; NameError otherwise. Returns a borrowed value.
    #[inline]
    pub(crate) fn load_global_name(&mut self, g: ObjectId, name: ObjectId) -> R<ObjectId> {
        // The common case first: found where it was last time.
        if let Some(Some(c)) = self.globals_cache.slots.get(name.index()) {
            if c.globals == g && c.name == name {
                if let Some(v) = self.dict_entry_for(g, c.globals_ix, name) {
                    return Ok(v);
                }
            }
        }
        self.load_global_slow(g, name)
    }

    fn load_global_slow(&mut self, g: ObjectId, name: ObjectId) -> R<ObjectId> {
        let Some(mut c) = self.name_cache(name) else {
            return self.load_global_uncached(g, name);
        };
        if c.globals == g && c.globals_ix != NONE {
            if let Some(v) = self.dict_entry_for(g, c.globals_ix, name) {
                return Ok(v);
            }
        }
        if let Some(ix) = self.dict_find_str(g, name, c.hash) {
            c.globals = g;
            c.globals_ix = ix as u32;
            self.set_name_cache(c);
            return Ok(self.dict_value_at(g, ix));
        }
        let b = self.wk.builtins;
        if c.builtins_ix != NONE {
            if let Some(v) = self.dict_entry_for(b, c.builtins_ix, name) {
                return Ok(v);
            }
        }
        if let Some(ix) = self.dict_find_str(b, name, c.hash) {
            c.builtins_ix = ix as u32;
            self.set_name_cache(c);
            return Ok(self.dict_value_at(b, ix));
        }
        self.name_error(name)
    }

    fn load_global_uncached(&mut self, g: ObjectId, name: ObjectId) -> R<ObjectId> {
        if let Some(v) = self.dict_get_str(g, name) {
            return Ok(v);
        }
        if let Some(v) = self.dict_get_str(self.wk.builtins, name) {
            return Ok(v);
        }
        self.name_error(name)
    }

    fn name_error(&mut self, name: ObjectId) -> R<ObjectId> {
        let n = self.str_of(name).to_string();
        Err(self.error("NameError", &format!("name '{n}' is not defined")))
    }

    /// STORE_GLOBAL / module-level STORE_NAME: `g[name] = v` (borrowed),
    /// replacing in place when the cache knows the entry.
    #[inline]
    pub(crate) fn store_global_name(&mut self, g: ObjectId, name: ObjectId, v: ObjectId) -> R<()> {
        if let Some(Some(c)) = self.globals_cache.slots.get(name.index()) {
            if c.name == name && c.globals == g && c.globals_ix != NONE && self.dict_entry_for(g, c.globals_ix, name).is_some() {
                self.dict_replace_at(g, c.globals_ix as usize, name, v);
                return Ok(());
            }
        }
        self.dict_set(g, name, v)
    }
}
