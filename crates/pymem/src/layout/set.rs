//! `set` and `frozenset`: a 216-byte object with an inline table of 8
//! entries, and a separate `PyMem_Malloc` table once that is outgrown.
//!
//! Models Objects/setobject.c of CPython 3.11 (`set_add_entry`,
//! `set_table_resize`, `set_merge`, `set_update_internal`, `set_sizeof`).
//! After an insertion into a never-used slot makes `fill * 5 >= mask * 3`,
//! the table is rebuilt at the smallest power of two greater than
//! `used * 4` (`used * 2` above 50000 items). Deletions leave dummies
//! (`fill` stays), and tables never shrink on deletion. Merging a set or a
//! dict first resizes once for both sizes, so `set(s)`, `s.copy()` and
//! displays of constants get smaller tables than adding one at a time.
//!
//! Sets and frozensets are created by `PyType_GenericAlloc` (no free list).
//! The operators build their results from these steps: `a | b` is a copy of
//! `a` ([`SetState::from_set`]) merged with `b`; `a & b` adds the common keys
//! one at a time to a new set; `a - b` copies `a` and discards when
//! `len(a) / 4 > len(b)`, else adds the surviving keys to a new set; `a ^ b`
//! copies `b`, then walks `a` in table order, discarding each key found in
//! the copy and adding the others (so the order of the two matters).

use serde::{Deserialize, Serialize};

use super::object::{Builtin, WORD};
use super::{Buffer, Effect, Request};

/// `PySet_MINSIZE`: the inline `smalltable`.
pub const PYSET_MINSIZE: usize = 8;
/// `sizeof(setentry)`: key and hash.
pub const SETENTRY_SIZE: usize = 2 * WORD;
/// The inline table's bytes, part of the set object.
pub const SMALLTABLE_BYTES: usize = PYSET_MINSIZE * SETENTRY_SIZE;
/// Above this many items a resize only doubles (`used * 2`).
pub const LARGE_SET: usize = 50_000;

/// The table state of one set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SetState {
    /// `fill`: active plus dummy entries.
    pub fill: usize,
    /// `used`: active entries (`len`).
    pub used: usize,
    /// `mask`: table size minus one.
    pub mask: usize,
}

impl Default for SetState {
    fn default() -> Self {
        SetState::new()
    }
}

impl SetState {
    /// `set()`, `frozenset()`: the inline table. (A set display of two or
    /// fewer items, or of non-constants, is `set()` plus one
    /// [`add`](Self::add) per item.)
    pub const fn new() -> SetState {
        SetState {
            fill: 0,
            used: 0,
            mask: PYSET_MINSIZE - 1,
        }
    }

    /// `set(s)`, `frozenset(s)`, `s.copy()`, or a display of more than two
    /// constants (`BUILD_SET 0` + `SET_UPDATE` of a constant frozenset):
    /// [`merge`](Self::merge) of a set with `n` items into a new set.
    pub fn from_set(n: usize) -> (SetState, Vec<Effect>) {
        let mut s = SetState::new();
        let effects = s.merge(n, n);
        (s, effects)
    }

    /// The number of slots.
    pub const fn table_size(&self) -> usize {
        self.mask + 1
    }

    /// The separate table's request, once the set has one.
    pub const fn table_request(&self) -> Option<Request> {
        if self.table_size() > PYSET_MINSIZE {
            Some(Request::mem(self.table_size() * SETENTRY_SIZE))
        } else {
            None
        }
    }

    /// `sys.getsizeof`.
    pub const fn getsizeof(&self) -> usize {
        Builtin::Set.getsizeof()
            + match self.table_request() {
                Some(r) => r.size,
                None => 0,
            }
    }

    /// `set_add_entry` for a key not in the set that lands in a never-used
    /// slot (`add`, `SET_ADD`, `set(iterable)` for iterables that are not sets
    /// or dicts).
    pub fn add(&mut self) -> Vec<Effect> {
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 < self.mask * 3 {
            return Vec::new();
        }
        let minused = if self.used > LARGE_SET {
            self.used * 2
        } else {
            self.used * 4
        };
        self.table_resize(minused)
    }

    /// `set_add_entry` for a key that reuses a dummy left by a deletion, which
    /// happens when its probe sequence meets the dummy before a never-used
    /// slot (re-adding a just-removed key always does). No growth check.
    pub fn add_into_dummy(&mut self) {
        self.used += 1;
    }

    /// `discard`, `remove`, `pop`: the entry becomes a dummy.
    pub fn discard(&mut self) {
        self.used -= 1;
    }

    /// `set.clear()`: back to the inline table, freeing the separate one.
    pub fn clear(&mut self) -> Vec<Effect> {
        let old = self.table_request();
        *self = SetState::new();
        old.into_iter()
            .map(|r| Effect::Free(Buffer::Table, r))
            .collect()
    }

    /// `set_merge` (`|=`, `update` with a set or frozenset, and every way of
    /// copying one) with a set of `other_used` items, `new_keys` of them not
    /// already in this set: one resize for `used + other_used` if the sum
    /// would overfill the table, then the insertions.
    pub fn merge(&mut self, other_used: usize, new_keys: usize) -> Vec<Effect> {
        if other_used == 0 {
            return Vec::new();
        }
        let mut effects = Vec::new();
        if (self.fill + other_used) * 5 >= self.mask * 3 {
            effects.extend(self.table_resize((self.used + other_used) * 2));
        }
        if self.fill == 0 {
            // set_insert_clean into an empty table: no growth checks.
            self.fill = new_keys;
            self.used = new_keys;
        } else {
            for _ in 0..new_keys {
                effects.extend(self.add());
            }
        }
        effects
    }

    /// `set_update_internal` with an exact dict of `dict_len` keys
    /// (`set(d)`, `s.update(d)`), `new_keys` of them not yet in the set.
    pub fn update_from_dict(&mut self, dict_len: usize, new_keys: usize) -> Vec<Effect> {
        let mut effects = Vec::new();
        if (self.fill + dict_len) * 5 >= self.mask * 3 {
            effects.extend(self.table_resize((self.used + dict_len) * 2));
        }
        for _ in 0..new_keys {
            effects.extend(self.add());
        }
        effects
    }

    /// `set_table_resize(so, minused)`: the smallest power of two above
    /// `minused`, at least 8; the inline table is reused for 8. Dummies are
    /// dropped.
    pub fn table_resize(&mut self, minused: usize) -> Vec<Effect> {
        let mut newsize = PYSET_MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = self.table_request();
        if newsize == PYSET_MINSIZE && old.is_none() && self.fill == self.used {
            return Vec::new();
        }
        self.mask = newsize - 1;
        self.fill = self.used;
        let mut effects: Vec<Effect> = self
            .table_request()
            .map(|r| Effect::Alloc(Buffer::Table, r))
            .into_iter()
            .collect();
        effects.extend(old.map(|r| Effect::Free(Buffer::Table, r)));
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_when_adding_one_at_a_time() {
        let mut s = SetState::new();
        let mut out = vec![(0, s.getsizeof())];
        for _ in 0..200 {
            s.add();
            if out.last().unwrap().1 != s.getsizeof() {
                out.push((s.used, s.getsizeof()));
            }
        }
        assert_eq!(out, [(0, 216), (5, 728), (19, 2264), (77, 8408)]);
    }

    #[test]
    fn merging_presizes() {
        assert_eq!(SetState::from_set(4).0.getsizeof(), 216);
        assert_eq!(SetState::from_set(5).0.getsizeof(), 472);
        let mut s = SetState::new();
        let effects = s.update_from_dict(5, 5);
        assert_eq!(effects, [Effect::Alloc(Buffer::Table, Request::mem(256))]);
    }
}
