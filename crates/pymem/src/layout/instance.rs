//! Instances of ordinary classes in 3.11: key-sharing dictionaries and
//! per-instance values arrays.
//!
//! Models Objects/dictobject.c (`_PyDict_NewKeysForClass`,
//! `init_inline_values`, `new_values`, `insert_into_dictkeys`,
//! `make_dict_from_instance_attributes`) and Objects/typeobject.c
//! (`object_new`) of CPython 3.11.
//!
//! A class whose instances have a managed dict owns one *shared keys*
//! object: a 64-slot str-only table that holds at most 30 attribute names,
//! allocated with the class. Every new instance gets, besides its object, a
//! values array from `PyMem_Malloc` with one slot per name the shared keys
//! can still hold — and creating an instance first takes one slot of room
//! away from the shared keys (never below one). So the first instance of a
//! class with two attributes gets 29 slots, the next 28, and after 28
//! instances every new one gets 3.
//!
//! Attribute stores write into the values array while the name is in the
//! shared keys or can be added to them. Asking for `__dict__` (or storing a
//! name when the shared keys are full) *materialises* a dict object that
//! adopts the values array; see [`super::dict::Table::Split`].

use serde::{Deserialize, Serialize};

use super::dict::{keys_size, DictKind, DictState, Table};
use super::object::WORD;
use super::{round_up, Request};

/// `SHARED_KEYS_MAX_SIZE`: a class's shared keys hold at most 30 names.
pub const SHARED_KEYS_MAX_SIZE: usize = 30;

/// A class's shared keys (`CACHED_KEYS(tp)`): the attribute names in
/// insertion order and the room left (`dk_usable`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SharedKeys {
    pub names: Vec<String>,
    /// `dk_usable`: starts at [`SHARED_KEYS_MAX_SIZE`], loses one per new
    /// name and one per new instance (but not below 1 for instances).
    pub usable: usize,
}

impl Default for SharedKeys {
    fn default() -> Self {
        SharedKeys::new()
    }
}

/// Where one instance keeps its attributes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InstanceDict {
    /// A values array of `size` slots (`PyMem_Malloc`), no dict object.
    Values { size: usize },
    /// A materialised dict object (split while it still uses the shared
    /// keys, combined after a resize).
    Dict(DictState),
}

/// What storing a new attribute on an instance with a values array did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AttrStore {
    /// The name was already in the shared keys: the value goes into its slot.
    Existing,
    /// The name was added to the shared keys.
    NewSharedName,
    /// The shared keys are full (or the name is not a str): the instance's
    /// dict must be materialised ([`materialise`]) and the name inserted
    /// into it with [`DictState::insert`], which turns it into a combined
    /// dict.
    NeedsDict,
}

impl SharedKeys {
    /// `NEXT_LOG2_SHARED_KEYS_MAX_SIZE`: the table has 64 slots.
    pub const LOG2_SIZE: u8 = 6;
    /// The shared keys object's size, which `sys.getsizeof(cls)` includes.
    pub const TABLE_SIZE: usize = keys_size(SharedKeys::LOG2_SIZE, DictKind::Split);

    /// `_PyDict_NewKeysForClass`, called when the class is created.
    pub const fn new() -> SharedKeys {
        SharedKeys {
            names: Vec::new(),
            usable: SHARED_KEYS_MAX_SIZE,
        }
    }

    /// The request for the shared keys object (`PyObject_Malloc`).
    pub const fn request() -> Request {
        Request::obj(SharedKeys::TABLE_SIZE)
    }

    /// `dk_nentries`.
    pub fn nentries(&self) -> usize {
        self.names.len()
    }

    /// `shared_keys_usable_size`: names present plus room left. This sizes
    /// new values arrays and `sys.getsizeof` of materialised dicts.
    pub fn usable_size(&self) -> usize {
        self.nentries() + self.usable
    }

    /// `init_inline_values`, run by `object.__new__` for every new instance:
    /// take one slot of room (unless only one is left) and return the size of
    /// the instance's values array.
    pub fn new_instance(&mut self) -> usize {
        if self.usable > 1 {
            self.usable -= 1;
        }
        self.usable_size()
    }

    /// The slot of `name`, if the shared keys have it.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// `_PyObject_StoreInstanceAttribute` on an instance that still has its
    /// values array.
    pub fn store(&mut self, name: &str) -> AttrStore {
        if self.index(name).is_some() {
            AttrStore::Existing
        } else if self.usable > 0 {
            self.names.push(name.to_owned());
            self.usable -= 1;
            AttrStore::NewSharedName
        } else {
            AttrStore::NeedsDict
        }
    }

    /// A new str key inserted into a split dict that uses these keys, while
    /// `usable > 0` (see [`DictState::insert`]).
    pub(crate) fn insert_new_key(&mut self, name: &str) {
        self.names.push(name.to_owned());
        self.usable -= 1;
    }
}

/// `new_values(size)`: a prefix of `size + 2` bytes (insertion order and
/// counts) rounded up to a word, then `size` pointers, from `PyMem_Malloc`.
pub const fn values_request(size: usize) -> Request {
    Request::mem(round_up(size + 2, WORD) + size * WORD)
}

/// `make_dict_from_instance_attributes`: the dict that `obj.__dict__`
/// creates for an instance with a values array of `values_size` slots and
/// `nattrs` attributes set. The dict object (64 bytes, from the dict free
/// list if possible) adopts the values array; nothing else is allocated.
pub const fn materialise(values_size: usize, nattrs: usize) -> DictState {
    DictState {
        used: nattrs,
        table: Table::Split { values_size },
    }
}

/// `sys.getsizeof(obj.__dict__)` of a materialised, still split dict:
/// `64 + 8 * (nentries + usable)` of the shared keys *now*.
pub fn materialised_getsizeof(shared: &SharedKeys) -> usize {
    materialise(0, 0).getsizeof(Some(shared))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_attr_instance(shared: &mut SharedKeys) -> usize {
        let size = shared.new_instance();
        shared.store("a");
        shared.store("b");
        size
    }

    #[test]
    fn values_arrays_shrink_by_one_slot_per_instance() {
        let mut shared = SharedKeys::new();
        let mut dict_sizes = vec![];
        let mut requests = vec![];
        for _ in 0..6 {
            let size = two_attr_instance(&mut shared);
            requests.push(values_request(size).size);
            dict_sizes.push(materialised_getsizeof(&shared));
        }
        assert_eq!(dict_sizes, [296, 288, 280, 272, 264, 256]);
        assert_eq!(requests, [264, 256, 248, 240, 232, 224]);
    }

    #[test]
    fn steady_state_is_nentries_plus_one() {
        let mut shared = SharedKeys::new();
        let sizes: Vec<usize> = (0..40).map(|_| two_attr_instance(&mut shared)).collect();
        assert_eq!(sizes[39], 3);
        assert_eq!(values_request(3).size, 32);
    }

    #[test]
    fn forty_attributes_need_a_combined_dict() {
        let mut shared = SharedKeys::new();
        let size = shared.new_instance();
        let mut dict = None;
        for i in 0..40 {
            let name = format!("a{i}");
            match dict.as_mut() {
                None => {
                    if shared.store(&name) == AttrStore::NeedsDict {
                        let mut d = materialise(size, i);
                        d.insert(true, Some((&mut shared, &name)));
                        dict = Some(d);
                    }
                }
                Some(d) => drop(d.insert(true, Some((&mut shared, &name)))),
            }
        }
        assert_eq!(dict.unwrap().getsizeof(Some(&shared)), 1584);
    }

    #[test]
    fn a_split_dict_reuses_names_other_instances_added() {
        let mut shared = SharedKeys::new();
        let first = shared.new_instance();
        shared.store("a");
        let mut dict = materialise(first, 1);
        let second = shared.new_instance();
        assert_eq!(shared.store("b"), AttrStore::NewSharedName);
        assert!(dict.insert(true, Some((&mut shared, "b"))).is_empty());
        assert_eq!((shared.nentries(), dict.used), (2, 2));
        assert_eq!(dict.getsizeof(Some(&shared)), 64 + 8 * second);
    }

    #[test]
    fn shared_keys_table() {
        assert_eq!(SharedKeys::TABLE_SIZE, 768);
    }
}
