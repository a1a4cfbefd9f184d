//! dict: CPython 3.11's compact ordered table (Objects/dictobject.c).
//!
//! An index table of `2^log2_size` slots (open addressing with CPython's
//! perturbed probing) points into an insertion-ordered entry array. The keys
//! object (index table + entries) is a separate allocation whose size decides
//! `sys.getsizeof`: 32-byte header, 1/2/4/8-byte indices, and `usable` entries
//! of 24 bytes (16 when every key is a str).

use crate::heap::{flag, Payload, NULL};
use crate::ids::ObjectId;
use crate::pymalloc::Addr;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const PERTURB_SHIFT: u32 = 5;
pub const LOG_MINSIZE: u8 = 3;

#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub hash: i64,
    pub key: ObjectId,
    pub value: ObjectId,
}

#[derive(Clone, Debug, Default)]
pub struct Dict {
    /// `dk_entries`; deleted entries stay as None (they still count in
    /// `dk_nentries` until the next resize).
    pub entries: Vec<Option<Entry>>,
    /// Empty for the shared empty keys object of `{}`.
    pub indices: Vec<i32>,
    pub used: usize,
    pub log2_size: u8,
    /// All keys are str: 16-byte entries (DICT_KEYS_UNICODE).
    pub unicode: bool,
    /// The keys object's allocation (None while sharing the empty keys, or
    /// the class's shared keys when split).
    pub keys_addr: Option<Addr>,
    /// A split table (an instance `__dict__` made from its 3.11 values
    /// array): the values array it owns, and the shared keys' capacity
    /// (`nentries + usable`) that `sys.getsizeof` counts.
    pub split: Option<Split>,
    /// `collections.defaultdict`'s `default_factory` (a reference the dict
    /// holds and traverses), None for every other dict.
    pub factory: Option<ObjectId>,
}

#[derive(Clone, Copy, Debug)]
pub struct Split {
    pub values_addr: Option<Addr>,
    pub values_size: usize,
    pub shared_capacity: usize,
    /// The class whose shared keys these are, and its serial. The class may
    /// die before the dict; CPython's dict then owns the keys alone (and
    /// counts them in its size), here a new key makes the table combined.
    pub owner: ObjectId,
    pub serial: u32,
}

/// `USABLE_FRACTION`: entries a table of `size` slots can hold.
pub fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// Bytes of a keys object with `2^log2` slots.
pub fn keys_bytes(log2: u8, unicode: bool) -> usize {
    let size = 1usize << log2;
    let index_bytes = if log2 < 8 {
        1
    } else if log2 < 16 {
        2
    } else if log2 < 32 {
        4
    } else {
        8
    };
    32 + size * index_bytes + usable_fraction(size) * if unicode { 16 } else { 24 }
}

/// Smallest log2 size ≥ `minsize` (at least LOG_MINSIZE).
pub fn calculate_log2_keysize(minsize: usize) -> u8 {
    let mut log2 = LOG_MINSIZE;
    while (1usize << log2) < minsize {
        log2 += 1;
    }
    log2
}

/// `ESTIMATE_SIZE`: the table for a dict presized to hold `n` items.
pub fn estimate_log2_keysize(n: usize) -> u8 {
    calculate_log2_keysize((n * 3).div_ceil(2))
}

impl Dict {
    /// `dict_traverse`: all-str tables visit only the values; others visit
    /// each value then its key.
    pub fn visit(&self, visit: &mut dyn FnMut(ObjectId)) {
        // `defdict_traverse` visits the factory, then the dict's items.
        if let Some(f) = self.factory {
            visit(f);
        }
        for e in self.entries.iter().flatten() {
            visit(e.value);
            if !self.unicode {
                visit(e.key);
            }
        }
    }

    pub fn usable(&self) -> usize {
        if self.indices.is_empty() {
            0
        } else {
            usable_fraction(self.indices.len()) - self.entries.len()
        }
    }

    /// `sys.getsizeof`: the object plus its keys object.
    pub fn sizeof(&self) -> usize {
        if let Some(s) = self.split {
            return 64 + 8 * s.shared_capacity;
        }
        64 + if self.keys_addr.is_some() { keys_bytes(self.log2_size, self.unicode) } else { 0 }
    }

    pub fn live(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    fn mask(&self) -> usize {
        self.indices.len() - 1
    }

    /// Slot where `hash` would be inserted (first empty or dummy on its probe
    /// path); the table must have room.
    fn find_empty_slot(&self, hash: i64) -> usize {
        let mask = self.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        while self.indices[i] >= 0 {
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb as usize + 1) & mask;
        }
        i
    }

    /// Room for one more entry in a split table's host-side index, which
    /// has no simulated allocation of its own (the keys are the class's).
    fn make_room_in_split(&mut self) {
        if self.indices.is_empty() || self.usable() == 0 {
            let log2 = calculate_log2_keysize((self.used + 1) * 3);
            self.rebuild(log2);
        }
    }

    /// Rebuilds the index table at `2^log2` slots, dropping deleted entries.
    pub(crate) fn rebuild(&mut self, log2: u8) {
        self.entries.retain(|e| e.is_some());
        self.log2_size = log2;
        self.indices = vec![EMPTY; 1 << log2];
        for (n, e) in self.entries.iter().enumerate() {
            let h = e.expect("live").hash;
            let slot = self.find_empty_slot(h);
            self.indices[slot] = n as i32;
        }
    }
}

/// Where a key was found.
enum Found {
    /// Index into `entries`, and the slot in `indices`.
    At(usize, usize),
    Missing,
}

impl Vm {
    /// A new empty dict (the `{}` that shares the static empty keys).
    pub fn new_dict(&mut self) -> R<ObjectId> {
        self.new_dict_with(Dict::default())
    }

    /// `_PyDict_NewPresized(n)`, as BUILD_MAP does.
    pub fn new_dict_presized(&mut self, n: usize) -> ObjectId {
        let d = if n <= 5 {
            self.new_dict()
        } else {
            let log2 = estimate_log2_keysize(n);
            match self.alloc_buffer(keys_bytes(log2, true)) {
                Ok(addr) => self.new_dict_with(Dict {
                    indices: vec![EMPTY; 1 << log2],
                    log2_size: log2,
                    unicode: true,
                    keys_addr: Some(addr),
                    ..Dict::default()
                }),
                Err(e) => Err(e),
            }
        };
        match d {
            Ok(d) => d,
            Err(e) => {
                self.discard(e);
                self.new_dict().unwrap_or(self.wk.none)
            }
        }
    }

    fn new_dict_with(&mut self, d: Dict) -> R<ObjectId> {
        self.new_dict_alloc(d, true)
    }

    /// `dict(...)` called as a type: `PyType_GenericAlloc`, never the free list.
    /// `ty` is dict or a class extending it; an instance of a class is
    /// tracked at once (`PyType_GenericAlloc`), a dict later.
    pub fn new_dict_generic(&mut self, ty: ObjectId) -> R<ObjectId> {
        if ty == Builtin::Dict.id() {
            return self.new_dict_alloc(Dict::default(), false);
        }
        let spec = self.generic_spec(ty, crate::layout::object::Builtin::Dict);
        self.alloc_object(ty, Payload::Dict(Box::default()), spec)
    }

    fn new_dict_alloc(&mut self, d: Dict, free_list: bool) -> R<ObjectId> {
        let fl = free_list.then_some(crate::vm::memory::FreeList::Dict);
        self.alloc_object(
            Builtin::Dict.id(),
            Payload::Dict(Box::new(d)),
            // Tracked later, when an entry may be (`MAINTAIN_TRACKING`).
            crate::vm::memory::Spec { track: false, free_list: fl, ..crate::vm::memory::Spec::of(crate::layout::object::Builtin::Dict) },
        )
    }

    #[inline]
    fn dict_ref(&self, d: ObjectId) -> &Dict {
        match self.heap.payload(d) {
            Payload::Dict(x) => x,
            _ => panic!("not a dict: compiler or interpreter bug"),
        }
    }

    /// The dict to change; changing a class namespace invalidates the type
    /// attribute cache.
    #[inline]
    fn dict_mut(&mut self, d: ObjectId) -> &mut Dict {
        let o = self.heap.get_mut(d);
        if o.flags & flag::TYPE_DICT != 0 {
            self.type_cache.get_mut().invalidate();
        }
        match self.heap.payload_mut(d) {
            Payload::Dict(x) => x,
            _ => panic!("not a dict: compiler or interpreter bug"),
        }
    }

    pub fn is_dict(&self, d: ObjectId) -> bool {
        matches!(self.heap.payload(d), Payload::Dict(_))
    }

    pub fn dict_len(&self, d: ObjectId) -> usize {
        self.dict_ref(d).used
    }

    /// Live entries, in insertion order (borrowed references).
    pub fn dict_entries(&self, d: ObjectId) -> Vec<(ObjectId, ObjectId)> {
        self.dict_ref(d).live().map(|e| (e.key, e.value)).collect()
    }

    fn lookup(&mut self, d: ObjectId, key: ObjectId, hash: i64) -> R<Found> {
        let (mask, mut i) = {
            let dict = self.dict_ref(d);
            if dict.indices.is_empty() {
                return Ok(Found::Missing);
            }
            (dict.mask(), (hash as u64 as usize) & dict.mask())
        };
        let mut perturb = hash as u64;
        loop {
            let (ix, entry) = {
                let dict = self.dict_ref(d);
                let ix = dict.indices[i];
                (ix, if ix >= 0 { dict.entries[ix as usize] } else { None })
            };
            if ix == EMPTY {
                return Ok(Found::Missing);
            }
            if let Some(e) = entry {
                if e.key == key {
                    return Ok(Found::At(ix as usize, i));
                }
                if e.hash == hash {
                    let equal = match self.fast_eq(e.key, key) {
                        Some(b) => b,
                        None => self.eq_bool(e.key, key)?,
                    };
                    if equal {
                        return Ok(Found::At(ix as usize, i));
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb as usize + 1) & mask;
        }
    }

    /// `d[key]`, borrowed; None when missing.
    pub fn dict_get(&mut self, d: ObjectId, key: ObjectId) -> R<Option<ObjectId>> {
        let hash = self.hash(key)?;
        Ok(match self.lookup(d, key, hash)? {
            Found::At(ix, _) => self.dict_ref(d).entries[ix].map(|e| e.value),
            Found::Missing => None,
        })
    }

    /// Lookup by an (interned) str key; never runs Python code.
    pub fn dict_get_str(&self, d: ObjectId, key: ObjectId) -> Option<ObjectId> {
        let hash = match self.heap.payload(key) {
            Payload::Str(s) => str_hash(s),
            _ => str_hash(""),
        };
        let ix = self.dict_find_str(d, key, hash)?;
        self.dict_ref(d).entries[ix].map(|e| e.value)
    }

    /// The entry index of str `key` (whose hash is `hash`) in `d`, found as
    /// `dict_get_str` finds it.
    pub fn dict_find_str(&self, d: ObjectId, key: ObjectId, hash: i64) -> Option<usize> {
        let target: &str = match self.heap.payload(key) {
            Payload::Str(s) => s,
            _ => "",
        };
        self.probe_str(d, hash, target, key)
    }

    /// The value under the str key equal to `name` (borrowed), found by
    /// hash: the entry a scan for a str key equal to `name` would find.
    pub fn dict_lookup_str(&self, d: ObjectId, name: &str) -> Option<ObjectId> {
        let ix = self.probe_str(d, str_hash(name), name, NULL)?;
        self.dict_ref(d).entries[ix].map(|e| e.value)
    }

    /// The open-addressing probe for a str key: the entry whose key is the
    /// object `key` itself (NULL: none) or a str equal to `name` with the
    /// same hash.
    fn probe_str(&self, d: ObjectId, hash: i64, name: &str, key: ObjectId) -> Option<usize> {
        let dict = self.dict_ref(d);
        if dict.indices.is_empty() {
            return None;
        }
        let mask = dict.mask();
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        loop {
            let ix = dict.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                if let Some(e) = dict.entries[ix as usize] {
                    if e.key == key || (e.hash == hash && matches!(self.heap.payload(e.key), Payload::Str(s) if **s == *name)) {
                        return Some(ix as usize);
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + perturb as usize + 1) & mask;
        }
    }

    /// The value of live entry `ix` of `d`.
    pub fn dict_value_at(&self, d: ObjectId, ix: usize) -> ObjectId {
        self.dict_ref(d).entries[ix].expect("live").value
    }

    /// The value of entry `ix` of `d` if that entry's key is `key` itself.
    #[inline]
    pub fn dict_entry_for(&self, d: ObjectId, ix: u32, key: ObjectId) -> Option<ObjectId> {
        match self.heap.payload(d) {
            Payload::Dict(dict) => match dict.entries.get(ix as usize) {
                Some(Some(e)) if e.key == key => Some(e.value),
                _ => None,
            },
            _ => None,
        }
    }

    /// `d[key] = value` for a key known to be at entry `ix`: `dict_set`'s
    /// existing-key branch.
    #[inline]
    pub fn dict_replace_at(&mut self, d: ObjectId, ix: usize, key: ObjectId, value: ObjectId) {
        self.incref(value);
        let old = {
            let e = self.dict_mut(d).entries[ix].as_mut().expect("live");
            std::mem::replace(&mut e.value, value)
        };
        self.maintain_tracking(d, key, value);
        self.decref(old);
    }

    /// `d[key] = value` (borrowed arguments; the dict takes references).
    pub fn dict_set(&mut self, d: ObjectId, key: ObjectId, value: ObjectId) -> R<()> {
        let hash = self.hash(key)?;
        if let Found::At(ix, _) = self.lookup(d, key, hash)? {
            self.dict_replace_at(d, ix, key, value);
            return Ok(());
        }
        let is_str = matches!(self.heap.payload(key), Payload::Str(_)) && self.heap.get(key).ty == Builtin::Str.id();
        let split = self.dict_ref(d).split;
        match split {
            Some(split) if is_str && self.add_shared_key(split, key) => self.dict_mut(d).make_room_in_split(),
            Some(_) => {
                self.unsplit(d)?;
                self.dict_make_room(d, is_str)?;
            }
            None => self.dict_make_room(d, is_str)?,
        }
        self.incref(key);
        self.incref(value);
        let dict = self.dict_mut(d);
        let slot = dict.find_empty_slot(hash);
        dict.indices[slot] = dict.entries.len() as i32;
        dict.entries.push(Some(Entry { hash, key, value }));
        dict.used += 1;
        self.maintain_tracking(d, key, value);
        Ok(())
    }

    /// Ensures one more entry fits, growing the keys object like
    /// `insertion_resize` (`GROWTH_RATE` = used × 3).
    fn dict_make_room(&mut self, d: ObjectId, key_is_str: bool) -> R<()> {
        let (empty_keys, usable, used, unicode, log2, addr) = {
            let dict = self.dict_ref(d);
            (dict.indices.is_empty(), dict.usable(), dict.used, dict.unicode, dict.log2_size, dict.keys_addr)
        };
        // A non-str key in an all-str table forces a resize to a general
        // table, as `insertdict` does.
        let must_generalise = !empty_keys && unicode && !key_is_str;
        if !empty_keys && usable > 0 && !must_generalise {
            return Ok(());
        }
        let (new_log2, new_unicode) = if empty_keys {
            (LOG_MINSIZE, key_is_str)
        } else {
            (calculate_log2_keysize(used * 3), unicode && key_is_str)
        };
        let bytes = keys_bytes(new_log2, new_unicode);
        let new_addr = self.alloc_buffer(bytes)?;
        if let Some(a) = addr {
            self.heap.free(a, keys_bytes(log2, unicode));
        }
        let dict = self.dict_mut(d);
        dict.unicode = new_unicode;
        dict.keys_addr = Some(new_addr);
        dict.rebuild(new_log2);
        Ok(())
    }

    /// A new str key in a split dict (`insertdict`): when the class's shared
    /// keys know it or have room for it (entering it there for every
    /// instance), the dict stays split and its values array takes the value.
    /// False when the table must become combined.
    fn add_shared_key(&mut self, split: Split, key: ObjectId) -> bool {
        if !self.heap.is_live(split.owner) {
            return false;
        }
        let name = self.str_of(key);
        match self.heap.payload_mut(split.owner) {
            Payload::Type(t) if t.serial == split.serial => {
                if t.shared_keys.contains(&name) {
                    return true;
                }
                if t.shared_keys.len() < crate::vm::attr::SHARED_KEYS_MAX_SIZE && t.shared_usable > 0 {
                    t.shared_keys.push(name);
                    t.shared_usable -= 1;
                    return true;
                }
                false
            }
            _ => false,
        }
    }

    /// A new key in a split dict: it gets its own (combined) keys table and
    /// gives the values array back (`insertion_resize`).
    fn unsplit(&mut self, d: ObjectId) -> R<()> {
        let (used, split) = {
            let dict = self.dict_ref(d);
            (dict.used, dict.split)
        };
        let Some(split) = split else { return Ok(()) };
        let log2 = calculate_log2_keysize(used * 3);
        let addr = self.alloc_buffer(keys_bytes(log2, true))?;
        if let Some(a) = split.values_addr {
            self.heap.free(a, crate::vm::memory::values_array_bytes(split.values_size));
        }
        let dict = self.dict_mut(d);
        dict.split = None;
        dict.keys_addr = Some(addr);
        dict.unicode = true;
        dict.rebuild(log2);
        Ok(())
    }

    /// `MAINTAIN_TRACKING`: an untracked dict starts being tracked when it
    /// stores something that may be part of a cycle.
    #[inline]
    fn maintain_tracking(&mut self, d: ObjectId, key: ObjectId, value: ObjectId) {
        if !self.heap.gc.is_tracked(d) && (self.may_be_tracked(key) || self.may_be_tracked(value)) {
            self.heap.gc.track(d);
        }
    }

    /// `del d[key]`; false when the key is missing.
    pub fn dict_del(&mut self, d: ObjectId, key: ObjectId) -> R<bool> {
        let hash = self.hash(key)?;
        match self.lookup(d, key, hash)? {
            Found::At(ix, slot) => {
                let dict = self.dict_mut(d);
                let e = dict.entries[ix].take().expect("live");
                dict.indices[slot] = DUMMY;
                dict.used -= 1;
                self.decref(e.key);
                self.decref(e.value);
                Ok(true)
            }
            Found::Missing => Ok(false),
        }
    }

    /// `dict.clear()`: back to the shared empty keys (the table is freed).
    pub fn dict_clear(&mut self, d: ObjectId) {
        let mut old = std::mem::take(self.dict_mut(d));
        // `dd.clear()` keeps a defaultdict's factory.
        self.dict_mut(d).factory = old.factory.take();
        self.release_dict(old);
    }

    /// `dict.__init__` on a new dict: the mapping or pairs, then the
    /// keywords (interned, as their names are in CPython).
    pub fn dict_init(&mut self, d: ObjectId, iterable: Option<ObjectId>, kw: &[(String, ObjectId)]) -> R<()> {
        if let Some(v) = iterable {
            self.dict_update(d, v)?;
        }
        for (k, v) in kw {
            let key = self.intern(k);
            let r = self.dict_set(d, key, *v);
            self.decref(key);
            r?;
        }
        Ok(())
    }

    /// `dict.update(other)` / `{**other}` for a dict or an iterable of pairs.
    pub fn dict_update(&mut self, d: ObjectId, other: ObjectId) -> R<()> {
        if self.is_dict(other) {
            for (k, v) in self.dict_entries(other) {
                self.dict_set(d, k, v)?;
            }
            return Ok(());
        }
        let items = self.collect_iterable(other)?;
        let mut r = Ok(());
        for pair in &items {
            if r.is_ok() {
                r = match self.unpack(*pair, 2, None) {
                    Ok(kv) => {
                        let r = self.dict_set(d, kv[0], kv[1]);
                        self.decref(kv[0]);
                        self.decref(kv[1]);
                        r
                    }
                    Err(e) => Err(e),
                };
            }
        }
        for p in items {
            self.decref(p);
        }
        r
    }

    /// Releases a dead dict's references and keys; true when its block may
    /// go to the dict free list.
    pub(crate) fn release_dict(&mut self, d: Dict) -> bool {
        if let Some(f) = d.factory {
            self.decref(f);
        }
        for e in d.entries.iter().flatten() {
            self.decref(e.key);
            self.decref(e.value);
        }
        if let Some(a) = d.keys_addr {
            self.heap.free(a, keys_bytes(d.log2_size, d.unicode));
        }
        if let Some(Split { values_addr: Some(a), values_size, .. }) = d.split {
            self.heap.free(a, crate::vm::memory::values_array_bytes(values_size));
        }
        true
    }

    /// `_PyObject_GC_MAY_BE_TRACKED`.
    pub fn may_be_tracked(&self, id: ObjectId) -> bool {
        let ty = self.heap.get(id).ty;
        if !self.type_is_gc(ty) || self.heap.get(id).flags & crate::heap::flag::STATIC != 0 {
            return false;
        }
        !matches!(self.heap.payload(id), Payload::Tuple(_)) || self.heap.gc.is_tracked(id)
    }
}

/// The str hash. CPython randomises it per process (SipHash with a secret
/// key); the simulation uses a fixed FNV-1a so runs are reproducible.
pub fn str_hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn is_null(id: ObjectId) -> bool {
    id == NULL
}
