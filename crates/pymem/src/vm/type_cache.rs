//! The type attribute cache: remembers what `_PyType_Lookup` found for a
//! (type, name) pair, so `obj.attr = v`, `Cls()` and method calls do not walk
//! the MRO's dicts every time. CPython keeps the same kind of cache, keyed by
//! type version tags. Here one epoch stands for every tag: any change to a
//! class namespace (a dict flagged `TYPE_DICT`), a class made, cleared or
//! freed, starts a new epoch and so invalidates every entry. Host-side
//! only: nothing simulated is allocated or counted.

use std::rc::Rc;

use crate::heap::NULL;
use crate::ids::ObjectId;
use crate::vm::dict::str_hash;

/// Entries (a power of two); CPython's `MCACHE_SIZE_EXP` is 12.
const SIZE_BITS: u32 = 10;

#[derive(Clone, Debug, Default)]
struct Entry {
    epoch: u32,
    ty: ObjectId,
    hash: i64,
    name: Option<Rc<str>>,
    /// What the lookup found (borrowed), or NULL for "not found".
    value: ObjectId,
}

#[derive(Clone, Debug)]
pub struct TypeCache {
    epoch: u32,
    entries: Vec<Entry>,
}

impl Default for TypeCache {
    fn default() -> Self {
        TypeCache {
            epoch: 1,
            entries: vec![Entry::default(); 1 << SIZE_BITS],
        }
    }
}

/// A looked-up slot: where a result for this (type, name) lives.
pub struct Slot {
    index: usize,
    hash: i64,
}

impl TypeCache {
    #[inline]
    pub fn slot(ty: ObjectId, name: &str) -> Slot {
        let hash = str_hash(name);
        let mixed = (hash as u64) ^ (ty.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let index = (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SIZE_BITS)) as usize;
        Slot { index, hash }
    }

    /// `Some(found)` when the slot holds this epoch's answer for (ty, name).
    #[inline]
    pub fn get(&self, slot: &Slot, ty: ObjectId, name: &str) -> Option<Option<ObjectId>> {
        let e = &self.entries[slot.index];
        if e.epoch == self.epoch
            && e.ty == ty
            && e.hash == slot.hash
            && e.name.as_deref() == Some(name)
        {
            return Some((e.value != NULL).then_some(e.value));
        }
        None
    }

    pub fn insert(&mut self, slot: &Slot, ty: ObjectId, name: &str, found: Option<ObjectId>) {
        let e = &mut self.entries[slot.index];
        // Reuse the entry's name when it is the same string.
        let name = match e.name.take() {
            Some(n) if *n == *name => n,
            _ => Rc::from(name),
        };
        *e = Entry {
            epoch: self.epoch,
            ty,
            hash: slot.hash,
            name: Some(name),
            value: found.unwrap_or(NULL),
        };
    }

    /// Forgets every entry: some class namespace or MRO changed.
    #[inline]
    pub fn invalidate(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.entries.iter_mut().for_each(|e| *e = Entry::default());
            self.epoch = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TypeCache;
    use crate::ids::ObjectId;

    #[test]
    fn answers_until_invalidated() {
        let mut c = TypeCache::default();
        let (t, v) = (ObjectId(7), ObjectId(9));
        let s = TypeCache::slot(t, "other");
        assert_eq!(c.get(&s, t, "other"), None);
        c.insert(&s, t, "other", Some(v));
        assert_eq!(c.get(&s, t, "other"), Some(Some(v)));
        // Another type or name in the same slot is a miss, not a wrong hit.
        assert_eq!(c.get(&s, ObjectId(8), "other"), None);
        assert_eq!(c.get(&s, t, "otheR"), None);
        c.insert(&s, t, "other", None);
        assert_eq!(c.get(&s, t, "other"), Some(None));
        c.invalidate();
        assert_eq!(c.get(&s, t, "other"), None);
    }
}
