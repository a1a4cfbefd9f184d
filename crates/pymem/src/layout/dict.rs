//! `dict` objects: a 64-byte object (from the dict free list when it has
//! one) and a keys object holding the hash index and the entries.
//!
//! Models Objects/dictobject.c and Include/internal/pycore_dict.h of CPython
//! 3.11. The keys object is one `PyObject_Malloc` block: a 32-byte header,
//! an index of `2**log2_size` slots (1, 2, 4 or 8 bytes each, by table size),
//! then `USABLE_FRACTION(size)` entries of 24 bytes (hash, key, value) or 16
//! (key, value) while every key is an exact str. An empty dict shares the
//! static `Py_EMPTY_KEYS` and owns no keys object.
//!
//! The table never shrinks on deletion: deleted entries stay in place and
//! `dk_usable` only goes down. When an insertion finds it at 0, or a non-str
//! key arrives in an all-str table, the dict is rebuilt at
//! `calculate_log2_keysize(used * 3)`, which may be smaller than before.
//! Displays and `dict.fromkeys` of a dict or set presize; copies clone the
//! keys object when it is compact enough.
//!
//! The third form of table, the *split* table of a materialised instance
//! `__dict__`, shares its keys with the class; it lives in
//! [`super::instance`], and the operations here take the class's
//! [`SharedKeys`] when the dict may be split.

use serde::{Deserialize, Serialize};

use super::instance::{values_request, SharedKeys};
use super::object::{Builtin, WORD};
use super::{Buffer, Effect, Request};

/// `PyDict_LOG_MINSIZE`: the smallest table has 8 slots.
pub const PYDICT_LOG_MINSIZE: u8 = 3;
/// `PyDict_MINSIZE`.
pub const PYDICT_MINSIZE: usize = 1 << PYDICT_LOG_MINSIZE;
/// `sizeof(PyDictKeysObject)` without its variable part: `dk_refcnt`; the
/// byte-sized `dk_log2_size`, `dk_log2_index_bytes`, `dk_kind` and the 4-byte
/// `dk_version` sharing one word; `dk_usable`; `dk_nentries`.
pub const DICT_KEYS_HEADER: usize = 4 * WORD;
/// `sizeof(PyDictKeyEntry)`: hash, key, value.
pub const GENERAL_ENTRY_SIZE: usize = 3 * WORD;
/// `sizeof(PyDictUnicodeEntry)`: key, value (the hash is cached in the str).
pub const UNICODE_ENTRY_SIZE: usize = 2 * WORD;
/// `dict_new_presized` never presizes beyond `2**17` slots.
pub const LOG2_MAX_PRESIZE: u8 = 17;

/// `USABLE_FRACTION`: how many entries a table of `size` slots holds.
pub const fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// `GROWTH_RATE`: the minimum table size asked for when a dict with `used`
/// items must grow.
pub const fn growth_rate(used: usize) -> usize {
    used * 3
}

/// `calculate_log2_keysize` as compiled on 64-bit Linux:
/// `bit_length(((minsize | 8) - 1) | 7)`, the log2 of the smallest power of
/// two at or above `minsize | 8`. Setting bit 3 first means that minimum
/// sizes 1..=7, and powers of two from 16 up, get twice the table they need
/// (a non-str key arriving in a one-item str table makes 16 slots, not 8).
pub const fn calculate_log2_keysize(minsize: usize) -> u8 {
    let x = ((minsize | PYDICT_MINSIZE) - 1) | (PYDICT_MINSIZE - 1);
    (usize::BITS - x.leading_zeros()) as u8
}

/// `estimate_log2_keysize`: the table for `n` items known in advance
/// (`ESTIMATE_SIZE(n) = (3n + 1) / 2`).
pub const fn estimate_log2_keysize(n: usize) -> u8 {
    calculate_log2_keysize((n * 3 + 1) >> 1)
}

/// `dk_log2_index_bytes`: index slots are 1 byte up to 128 slots, then 2, 4
/// and 8.
pub const fn log2_index_bytes(log2_size: u8) -> u8 {
    if log2_size < 8 {
        log2_size
    } else if log2_size < 16 {
        log2_size + 1
    } else if log2_size < 32 {
        log2_size + 2
    } else {
        log2_size + 3
    }
}

/// `dk_kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DictKind {
    /// `DICT_KEYS_GENERAL`: 24-byte entries.
    General,
    /// `DICT_KEYS_UNICODE`: every key an exact str, 16-byte entries.
    Unicode,
    /// `DICT_KEYS_SPLIT`: a class's shared keys (str only, 16-byte entries,
    /// values elsewhere).
    Split,
}

/// `_PyDict_KeysSize`, which is also `new_keys_object`'s request.
pub const fn keys_size(log2_size: u8, kind: DictKind) -> usize {
    let entry = match kind {
        DictKind::General => GENERAL_ENTRY_SIZE,
        DictKind::Unicode | DictKind::Split => UNICODE_ENTRY_SIZE,
    };
    DICT_KEYS_HEADER + (1 << log2_index_bytes(log2_size)) + usable_fraction(1 << log2_size) * entry
}

/// An owned (combined) keys object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DictKeys {
    /// `dk_log2_size`.
    pub log2_size: u8,
    /// All keys are str (`DICT_KEYS_UNICODE`) or not (`DICT_KEYS_GENERAL`).
    pub unicode: bool,
    /// `dk_usable`: insertions left before a resize.
    pub usable: usize,
    /// `dk_nentries`: entries used, including deleted ones.
    pub nentries: usize,
}

impl DictKeys {
    /// `new_keys_object(log2_size, unicode)`.
    pub const fn new(log2_size: u8, unicode: bool) -> DictKeys {
        DictKeys {
            log2_size,
            unicode,
            usable: usable_fraction(1 << log2_size),
            nentries: 0,
        }
    }

    pub const fn kind(&self) -> DictKind {
        if self.unicode {
            DictKind::Unicode
        } else {
            DictKind::General
        }
    }

    /// The keys object's size in bytes.
    pub const fn size(&self) -> usize {
        keys_size(self.log2_size, self.kind())
    }

    /// Its request (`PyObject_Malloc`).
    pub const fn request(&self) -> Request {
        Request::obj(self.size())
    }

    /// Whether freeing these keys puts them on the keys free list instead
    /// (minimum size and all-str, see [`super::freelist`]); allocating such
    /// keys takes one from the list when it is not empty.
    pub const fn freelist_eligible(&self) -> bool {
        self.log2_size == PYDICT_LOG_MINSIZE && self.unicode
    }
}

/// Where a dict's entries live.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Table {
    /// `Py_EMPTY_KEYS`: nothing allocated.
    Empty,
    /// An owned keys object.
    Combined(DictKeys),
    /// A materialised instance dict: the class's shared keys and a values
    /// array of `values_size` slots (allocated with the instance).
    Split { values_size: usize },
}

/// The size state of one dict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DictState {
    /// `ma_used`: live items.
    pub used: usize,
    pub table: Table,
}

impl Default for DictState {
    fn default() -> Self {
        DictState::new()
    }
}

impl DictState {
    /// `{}`, `dict()`, `PyDict_New()`.
    pub const fn new() -> DictState {
        DictState {
            used: 0,
            table: Table::Empty,
        }
    }

    /// `dict_new_presized(n, unicode)` (empty, ready for `n` items): tables
    /// for more than 5 items are allocated at once.
    pub const fn presized(n: usize, unicode: bool) -> DictState {
        if n <= usable_fraction(PYDICT_MINSIZE) {
            return DictState::new();
        }
        let log2 = estimate_log2_keysize(n);
        let log2 = if log2 > LOG2_MAX_PRESIZE {
            LOG2_MAX_PRESIZE
        } else {
            log2
        };
        DictState {
            used: 0,
            table: Table::Combined(DictKeys::new(log2, unicode)),
        }
    }

    /// A dict display `{k: v, ...}` whose keys are str or not as listed
    /// (`BUILD_MAP` / `BUILD_CONST_KEY_MAP`, `_PyDict_FromItems`). The
    /// compiler emits displays of more than 16 pairs in chunks of 17, each a
    /// presized dict merged into the first with `DICT_UPDATE`; the temporary
    /// chunk dicts are not reported. Keys are assumed distinct.
    pub fn display(keys_are_str: &[bool]) -> DictState {
        let mut chunks: Vec<&[bool]> = Vec::new();
        let (mut start, mut elements) = (0, 0);
        for i in 0..keys_are_str.len() {
            if elements * 2 > super::list::STACK_USE_GUIDELINE {
                chunks.push(&keys_are_str[start..=i]);
                start = i + 1;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if start < keys_are_str.len() {
            chunks.push(&keys_are_str[start..]);
        }
        let mut dict = DictState::new();
        for (i, chunk) in chunks.into_iter().enumerate() {
            let mut part = DictState::presized(chunk.len(), chunk.iter().all(|&s| s));
            for &s in chunk {
                part.insert(s, None);
            }
            if i == 0 {
                dict = part;
            } else {
                dict.merge(&part, chunk);
            }
        }
        dict
    }

    /// `dict.fromkeys(d)` for an exact dict `d` with `n` keys (`unicode`: all
    /// str), or with `unicode = false` for an exact set or frozenset of `n`:
    /// the table is sized for `n` first. Other iterables insert one key at a
    /// time into a new dict (use [`insert`](Self::insert)).
    pub fn fromkeys_presized(n: usize, unicode: bool) -> DictState {
        let mut keys = DictKeys::new(estimate_log2_keysize(n), unicode);
        keys.usable -= n;
        keys.nentries = n;
        DictState {
            used: n,
            table: Table::Combined(keys),
        }
    }

    /// `sys.getsizeof`: the object, plus the keys object when the dict owns
    /// it, plus a split dict's values (sized by the shared keys as they are
    /// now).
    pub fn getsizeof(&self, shared: Option<&SharedKeys>) -> usize {
        let base = Builtin::Dict.getsizeof();
        match self.table {
            Table::Empty => base,
            Table::Combined(k) => base + k.size(),
            Table::Split { values_size } => {
                base + WORD * shared.map_or(values_size, SharedKeys::usable_size)
            }
        }
    }

    /// The keys object's request, when the dict owns one.
    pub const fn keys_request(&self) -> Option<Request> {
        match self.table {
            Table::Combined(k) => Some(k.request()),
            _ => None,
        }
    }

    /// Insert a key that is not in the dict (`d[k] = v`, `setdefault`,
    /// comprehension `MAP_ADD`, `dict(a=1)`, `dict(pairs)`). Replacing the
    /// value of an existing key changes nothing. A split dict needs its
    /// class's shared keys and the key's name: a name the shared keys lack
    /// is added to them while they have room; once they are full (or given
    /// `None`) the dict is rebuilt as a combined table.
    pub fn insert(
        &mut self,
        key_is_str: bool,
        shared: Option<(&mut SharedKeys, &str)>,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        let unicode_table = match self.table {
            Table::Empty | Table::Split { .. } => true,
            Table::Combined(k) => k.unicode,
        };
        if unicode_table && !key_is_str {
            effects.extend(self.resize(calculate_log2_keysize(growth_rate(self.used)), false));
        }
        if let Table::Split { .. } = self.table {
            match shared {
                // Another instance already added the name: only this dict's
                // values change.
                Some((sk, name)) if sk.index(name).is_some() => {
                    self.used += 1;
                    return effects;
                }
                Some((sk, name)) if sk.usable > 0 => {
                    sk.insert_new_key(name);
                    self.used += 1;
                    return effects;
                }
                _ => effects
                    .extend(self.resize(calculate_log2_keysize(growth_rate(self.used)), true)),
            }
        }
        let usable = match self.table {
            Table::Combined(k) => k.usable,
            _ => 0,
        };
        if usable == 0 {
            effects.extend(self.resize(calculate_log2_keysize(growth_rate(self.used)), true));
        }
        if let Table::Combined(k) = &mut self.table {
            k.usable -= 1;
            k.nentries += 1;
        }
        self.used += 1;
        effects
    }

    /// Delete a key (`del d[k]`, `pop`, `popitem`): the entry becomes a
    /// dummy; nothing is freed.
    pub fn delete(&mut self) {
        self.used -= 1;
    }

    /// `dict.clear()`: back to the shared empty keys, freeing the keys object
    /// (or a split dict's values).
    pub fn clear(&mut self) -> Vec<Effect> {
        let freed = self.table_buffer();
        *self = DictState::new();
        freed.into_iter().map(|(b, r)| Effect::Free(b, r)).collect()
    }

    /// `dict_merge(self, other)`: `d.update(other)`, `{**a, **b}`, `dict(a)`,
    /// `a | b` (after a copy). `new_keys` lists, in `other`'s order, whether
    /// each key of `other` that is not yet in `self` is a str.
    ///
    /// Into an empty dict, a combined `other` without deleted entries whose
    /// table is at least half full (or minimum-sized) is cloned. Otherwise the
    /// table is first resized for `self.used + other.used` items if its
    /// usable fraction is below `other.used` (always, for an empty dict),
    /// then the new keys are inserted.
    pub fn merge(&mut self, other: &DictState, new_keys: &[bool]) -> Vec<Effect> {
        let mut effects = Vec::new();
        if other.used == 0 {
            return effects;
        }
        if self.used == 0 {
            if let Some(clone) = other.clone_keys() {
                effects.extend(self.table_buffer().map(|(b, r)| Effect::Free(b, r)));
                effects.push(Effect::Alloc(Buffer::Keys, clone.request()));
                *self = DictState {
                    used: other.used,
                    table: Table::Combined(clone),
                };
                return effects;
            }
        }
        let size = match self.table {
            Table::Empty => 1,
            Table::Combined(k) => 1 << k.log2_size,
            Table::Split { .. } => 1 << SharedKeys::LOG2_SIZE,
        };
        if usable_fraction(size) < other.used {
            let unicode = match other.table {
                Table::Combined(k) => k.unicode,
                _ => true,
            };
            effects.extend(self.resize(estimate_log2_keysize(self.used + other.used), unicode));
        }
        for &s in new_keys {
            effects.extend(self.insert(s, None));
        }
        effects
    }

    /// `dict.copy()` (`PyDict_Copy`): an empty dict for an empty one; a split
    /// dict copies its values array (new dict object with
    /// `PyObject_GC_New`); a combined dict with at most a third of its
    /// entries deleted clones its keys object; anything else is merged into a
    /// new dict. Returns the copy and the allocations for its buffers.
    pub fn copy(&self, shared: Option<&SharedKeys>) -> (DictState, Vec<Effect>) {
        if self.used == 0 {
            return (DictState::new(), Vec::new());
        }
        match self.table {
            Table::Split { values_size } => {
                let size = shared.map_or(values_size, SharedKeys::usable_size);
                let copy = DictState {
                    used: self.used,
                    table: Table::Split { values_size: size },
                };
                (
                    copy,
                    vec![Effect::Alloc(Buffer::Values, values_request(size))],
                )
            }
            Table::Combined(k) if self.used >= k.nentries * 2 / 3 => {
                let copy = DictState {
                    used: self.used,
                    table: Table::Combined(k),
                };
                (copy, vec![Effect::Alloc(Buffer::Keys, k.request())])
            }
            _ => {
                let mut copy = DictState::new();
                let keys = vec![self.all_str(); self.used];
                let effects = copy.merge(self, &keys);
                (copy, effects)
            }
        }
    }

    /// `dictresize`: allocate a table of `2**log2` slots (str-only when
    /// `unicode` and the current table is), move the live items into it and
    /// free the old table.
    fn resize(&mut self, log2: u8, unicode: bool) -> Vec<Effect> {
        let unicode = unicode && self.all_str();
        let mut keys = DictKeys::new(log2, unicode);
        keys.usable -= self.used;
        keys.nentries = self.used;
        let mut effects = vec![Effect::Alloc(Buffer::Keys, keys.request())];
        effects.extend(self.table_buffer().map(|(b, r)| Effect::Free(b, r)));
        self.table = Table::Combined(keys);
        effects
    }

    /// The keys of other as `clone_combined_dict_keys` would copy them, when
    /// `dict_merge` into an empty dict takes that path.
    fn clone_keys(&self) -> Option<DictKeys> {
        match self.table {
            Table::Combined(k)
                if self.used == k.nentries
                    && (k.log2_size == PYDICT_LOG_MINSIZE
                        || usable_fraction((1 << k.log2_size) / 2) < self.used) =>
            {
                Some(k)
            }
            _ => None,
        }
    }

    /// Whether the current table is str-only (`DK_IS_UNICODE`; true for an
    /// empty dict, whose shared empty keys are of the str kind). Decides the
    /// kind of `dict.fromkeys(d)` and of tables merged from this dict.
    pub fn is_unicode(&self) -> bool {
        self.all_str()
    }

    fn all_str(&self) -> bool {
        match self.table {
            Table::Combined(k) => k.unicode,
            Table::Empty | Table::Split { .. } => true,
        }
    }

    /// The buffer a resize or clear frees: the owned keys object, or a split
    /// dict's values array (the shared keys belong to the class).
    fn table_buffer(&self) -> Option<(Buffer, Request)> {
        match self.table {
            Table::Empty => None,
            Table::Combined(k) => Some((Buffer::Keys, k.request())),
            Table::Split { values_size } => Some((Buffer::Values, values_request(values_size))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growth(str_keys: bool) -> Vec<(usize, usize)> {
        let mut d = DictState::new();
        let mut out = vec![(0, d.getsizeof(None))];
        for _ in 0..100 {
            d.insert(str_keys, None);
            let s = d.getsizeof(None);
            if out.last().unwrap().1 != s {
                out.push((d.used, s));
            }
        }
        out
    }

    #[test]
    fn growth_with_int_and_str_keys() {
        assert_eq!(
            growth(false),
            [
                (0, 64),
                (1, 224),
                (6, 352),
                (11, 632),
                (22, 1168),
                (43, 2264),
                (86, 4688)
            ]
        );
        assert_eq!(
            growth(true),
            [
                (0, 64),
                (1, 184),
                (6, 272),
                (11, 464),
                (22, 832),
                (43, 1584),
                (86, 3328)
            ]
        );
    }

    #[test]
    fn keysize_quirk() {
        let sizes: Vec<u8> = [0, 1, 3, 8, 9, 15, 16, 17, 30, 32, 48, 63, 64]
            .map(calculate_log2_keysize)
            .to_vec();
        assert_eq!(sizes, [3, 4, 4, 3, 4, 4, 5, 5, 5, 6, 6, 6, 7]);
    }

    #[test]
    fn a_non_str_key_converts_a_str_table() {
        let d = DictState::display(&[true, false]);
        assert_eq!(d.getsizeof(None), 352);
    }

    #[test]
    fn fromkeys_of_a_set_presizes() {
        let by_set = DictState::fromkeys_presized(21, false);
        assert_eq!(by_set.getsizeof(None), 1168);
        let mut by_range = DictState::new();
        (0..21).for_each(|_| drop(by_range.insert(false, None)));
        assert_eq!(by_range.getsizeof(None), 632);
    }

    #[test]
    fn resize_after_deletions_can_shrink() {
        let mut d = DictState::new();
        (0..5).for_each(|_| drop(d.insert(false, None)));
        (0..4).for_each(|_| d.delete());
        d.insert(false, None);
        // used was 1: GROWTH_RATE 3 gives a 16-slot table, bigger than 8.
        assert_eq!(d.getsizeof(None), 64 + keys_size(4, DictKind::General));
        let mut big = DictState::new();
        (0..50).for_each(|_| drop(big.insert(false, None)));
        (0..49).for_each(|_| big.delete());
        (0..35).for_each(|_| drop(big.insert(false, None)));
        assert_eq!(big.getsizeof(None), 64 + keys_size(7, DictKind::General));
    }
}
