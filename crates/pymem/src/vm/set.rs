//! set and frozenset: CPython's open-addressing table (Objects/setobject.c),
//! with its linear probes and perturbation, so iteration order (table
//! order) matches CPython's for ints. Tables of 8 slots live inside the
//! object (`smalltable`); larger ones are a separate allocation of 16 bytes
//! per slot.

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::pymalloc::Addr;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

pub const MINSIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const DUMMY_HASH: i64 = -1;

#[derive(Clone, Debug)]
pub struct Set {
    /// (hash, key); key NULL = never used; hash -1 with key NULL = deleted.
    pub table: Vec<(i64, ObjectId)>,
    pub fill: usize,
    pub used: usize,
    /// The separate table allocation when larger than the smalltable.
    pub table_addr: Option<Addr>,
}

impl Default for Set {
    fn default() -> Self {
        Set { table: vec![(0, NULL); MINSIZE], fill: 0, used: 0, table_addr: None }
    }
}

impl Set {
    pub fn visit(&self, visit: &mut dyn FnMut(ObjectId)) {
        for &(_, k) in &self.table {
            if k != NULL {
                visit(k);
            }
        }
    }

    pub fn keys(&self) -> Vec<ObjectId> {
        self.table.iter().filter(|(_, k)| *k != NULL).map(|(_, k)| *k).collect()
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// `sys.getsizeof`.
    pub fn sizeof(&self) -> usize {
        216 + if self.table.len() > MINSIZE { 16 * self.table.len() } else { 0 }
    }

    /// Puts a key known to be absent into a table with no deleted slots.
    fn insert_clean(table: &mut [(i64, ObjectId)], hash: i64, key: ObjectId) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if table[i].1 == NULL {
                table[i] = (hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if table[i + j].1 == NULL {
                        table[i + j] = (hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
    }
}

enum Probe {
    Found(usize),
    /// The slot to insert into, and whether it is a reused deleted slot.
    Absent(usize, bool),
}

impl Vm {
    fn set_ref(&self, s: ObjectId) -> &Set {
        match self.heap.payload(s) {
            Payload::Set(x) | Payload::FrozenSet(x) => x,
            _ => panic!("not a set: interpreter bug"),
        }
    }

    fn set_mut(&mut self, s: ObjectId) -> &mut Set {
        match self.heap.payload_mut(s) {
            Payload::Set(x) | Payload::FrozenSet(x) => x,
            _ => panic!("not a set: interpreter bug"),
        }
    }

    pub fn is_set(&self, s: ObjectId) -> bool {
        matches!(self.heap.payload(s), Payload::Set(_) | Payload::FrozenSet(_))
    }

    /// A new set (or frozenset) holding `items` (owned references).
    pub fn new_set_from(&mut self, items: Vec<ObjectId>, frozen: bool) -> R<ObjectId> {
        let ty = if frozen { Builtin::FrozenSet.id() } else { Builtin::Set.id() };
        self.new_set_of(ty, items, frozen)
    }

    /// A set or frozenset of type `ty`: the builtin or a class extending it.
    pub fn new_set_of(&mut self, ty: ObjectId, items: Vec<ObjectId>, frozen: bool) -> R<ObjectId> {
        let payload = if frozen { Payload::FrozenSet(Box::default()) } else { Payload::Set(Box::default()) };
        let spec = self.generic_spec(ty, LayoutType::Set);
        let s = match self.alloc_object(ty, payload, spec) {
            Ok(s) => s,
            Err(e) => {
                for i in items {
                    self.decref(i);
                }
                return Err(e);
            }
        };
        let mut r = Ok(());
        for &i in &items {
            if r.is_ok() {
                r = self.set_add(s, i);
            }
        }
        for i in items {
            self.decref(i);
        }
        if let Err(e) = r {
            self.decref(s);
            return Err(e);
        }
        Ok(s)
    }

    pub fn set_len(&self, s: ObjectId) -> usize {
        self.set_ref(s).used
    }

    pub fn set_keys(&self, s: ObjectId) -> Vec<ObjectId> {
        self.set_ref(s).keys()
    }

    fn set_probe(&mut self, s: ObjectId, key: ObjectId, hash: i64) -> R<Probe> {
        let mask = self.set_ref(s).mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut freeslot = None;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                let (h, k) = self.set_ref(s).table[i + j];
                if k == NULL {
                    if h == DUMMY_HASH {
                        freeslot.get_or_insert(i + j);
                        continue;
                    }
                    return Ok(match freeslot {
                        Some(f) => Probe::Absent(f, true),
                        None => Probe::Absent(i + j, false),
                    });
                }
                if k == key {
                    return Ok(Probe::Found(i + j));
                }
                if h == hash {
                    let eq = match self.fast_eq(k, key) {
                        Some(b) => b,
                        None => self.eq_bool(k, key)?,
                    };
                    if eq {
                        return Ok(Probe::Found(i + j));
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
    }

    pub fn set_contains(&mut self, s: ObjectId, key: ObjectId) -> R<bool> {
        let hash = self.hash(key)?;
        Ok(matches!(self.set_probe(s, key, hash)?, Probe::Found(_)))
    }

    /// Adds `key` (borrowed; the set takes a reference).
    pub fn set_add(&mut self, s: ObjectId, key: ObjectId) -> R<()> {
        let hash = self.hash(key)?;
        match self.set_probe(s, key, hash)? {
            Probe::Found(_) => Ok(()),
            Probe::Absent(slot, reused) => {
                self.incref(key);
                let set = self.set_mut(s);
                set.table[slot] = (hash, key);
                set.used += 1;
                if reused {
                    return Ok(());
                }
                set.fill += 1;
                if set.fill * 5 < set.mask() * 3 {
                    return Ok(());
                }
                let minused = if set.used > 50000 { set.used * 2 } else { set.used * 4 };
                self.set_resize(s, minused)
            }
        }
    }

    /// `set_table_resize`: the smallest power of two above `minused`.
    fn set_resize(&mut self, s: ObjectId, minused: usize) -> R<()> {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let (old_len, old_addr) = {
            let set = self.set_ref(s);
            (set.table.len(), set.table_addr)
        };
        let new_addr = if newsize > MINSIZE { Some(self.alloc_buffer(16 * newsize)?) } else { None };
        if let Some(a) = old_addr {
            self.heap.free(a, 16 * old_len);
        }
        let set = self.set_mut(s);
        let old = std::mem::replace(&mut set.table, vec![(0, NULL); newsize]);
        for (h, k) in old {
            if k != NULL {
                Set::insert_clean(&mut set.table, h, k);
            }
        }
        set.fill = set.used;
        set.table_addr = new_addr;
        Ok(())
    }

    /// Removes `key`; false when absent.
    pub fn set_discard(&mut self, s: ObjectId, key: ObjectId) -> R<bool> {
        let hash = self.hash(key)?;
        match self.set_probe(s, key, hash)? {
            Probe::Found(slot) => {
                let set = self.set_mut(s);
                let (_, k) = std::mem::replace(&mut set.table[slot], (DUMMY_HASH, NULL));
                set.used -= 1;
                self.decref(k);
                Ok(true)
            }
            Probe::Absent(..) => Ok(false),
        }
    }

    /// `set.update(iterable)`. From another set or a dict CPython first
    /// makes room for both at once (`set_merge`: the table is resized to
    /// hold `2 × (used + other)` when that would pass 3/5 full).
    pub fn set_update(&mut self, s: ObjectId, iterable: ObjectId) -> R<()> {
        let other_len = match self.heap.payload(iterable) {
            Payload::Set(o) | Payload::FrozenSet(o) => Some(o.used),
            Payload::Dict(d) => Some(d.used),
            _ => None,
        };
        if let Some(n) = other_len {
            let (fill, used, mask) = {
                let set = self.set_ref(s);
                (set.fill, set.used, set.mask())
            };
            if n > 0 && (fill + n) * 5 >= mask * 3 {
                self.set_resize(s, (used + n) * 2)?;
            }
        }
        let items = self.collect_iterable(iterable)?;
        let mut r = Ok(());
        for &i in &items {
            if r.is_ok() {
                r = self.set_add(s, i);
            }
        }
        for i in items {
            self.decref(i);
        }
        r
    }

    /// `set.clear()`: back to the inline smalltable.
    pub fn set_clear(&mut self, s: ObjectId) {
        let old = std::mem::take(self.set_mut(s));
        self.release_set(old);
    }

    pub(crate) fn release_set(&mut self, set: Set) {
        for &(_, k) in &set.table {
            if k != NULL {
                self.decref(k);
            }
        }
        if let Some(a) = set.table_addr {
            self.heap.free(a, 16 * set.table.len());
        }
    }
}
