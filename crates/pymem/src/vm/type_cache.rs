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

/// Entries (a power of two); CPython's `MCACHE_SIZE_EXP` is 12.
const SIZE_BITS: u32 = 10;

#[derive(Clone, Debug, Default)]
struct Entry {
    epoch: u32,
    ty: ObjectId,
    key: u64,
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
        TypeCache { epoch: 1, entries: vec![Entry::default(); 1 << SIZE_BITS] }
    }
}

/// A looked-up slot: where a result for this (type, name) lives.
pub struct Slot {
    index: usize,
    key: u64,
}

impl TypeCache {
    #[inline]
    pub fn slot(ty: ObjectId, name: &str) -> Slot {
        // A cheap mix of the length and a few bytes (the entry keeps the
        // whole name to compare): hashing every byte cost more than the
        // lookup it saved. Bytes 2 and n-3 tell dunders apart.
        let b = name.as_bytes();
        let n = b.len();
        let at = |i: usize| b.get(i).map_or(0, |&c| c as u64);
        let key = [at(0), at(2), at(n / 2), at(n.wrapping_sub(3)), at(n.wrapping_sub(1))]
            .into_iter()
            .fold((ty.0 as u64) << 8 ^ n as u64, |h, c| (h ^ c).wrapping_mul(0x100_0000_01B3));
        let index = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SIZE_BITS)) as usize;
        Slot { index, key }
    }

    /// `Some(found)` when the slot holds this epoch's answer for (ty, name).
    #[inline]
    pub fn get(&self, slot: &Slot, ty: ObjectId, name: &str) -> Option<Option<ObjectId>> {
        let e = &self.entries[slot.index];
        if e.epoch == self.epoch && e.key == slot.key && e.ty == ty && e.name.as_deref().is_some_and(|n| same_str(n, name)) {
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
        *e = Entry { epoch: self.epoch, ty, key: slot.key, name: Some(name), value: found.unwrap_or(NULL) };
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

/// `a == b` for the short names attributes have, compared inline (the
/// library comparison is a call to `memcmp`).
#[inline]
fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
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
        assert_eq!(c.get(&s, t, "othe"), None);
        // Dunders of one length land in different slots.
        let slots: std::collections::HashSet<usize> =
            ["__init__", "__iter__", "__next__", "__repr__", "__hash__"].iter().map(|n| TypeCache::slot(t, n).index).collect();
        assert_eq!(slots.len(), 5);
        c.insert(&s, t, "other", None);
        assert_eq!(c.get(&s, t, "other"), Some(None));
        c.invalidate();
        assert_eq!(c.get(&s, t, "other"), None);
    }
}
