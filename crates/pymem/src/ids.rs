//! Typed handles. Objects are referenced by index into the heap's object
//! table rather than by pointer (as in loxido), so the engine stays safe Rust
//! and a run can be replayed and serialised.

use serde::{Deserialize, Serialize};

/// A Python object in the simulated heap. Indices are reused after the object
/// is freed; the object's *address* (its `id()`) comes from the allocator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObjectId(pub u32);

/// The default handle is the "no object" sentinel (CPython's NULL).
impl Default for ObjectId {
    fn default() -> Self {
        ObjectId(u32::MAX)
    }
}

impl ObjectId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}
