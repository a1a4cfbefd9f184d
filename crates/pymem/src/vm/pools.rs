//! Host-side reuse of buffers the interpreter would otherwise allocate and
//! free over and over: argument vectors, frame locals, instance boxes. Each
//! pool keeps a bounded number, with its own rule for what is worth keeping.
//! Nothing here is simulated: CPython's own free lists are `memory::FreeLists`.

use crate::heap::object::Instance;
use crate::heap::NULL;
use crate::ids::ObjectId;

/// Emptied argument vectors of finished builtin calls: a call of `len`,
/// `str` or `list.append` passes its arguments in a vector, and taking it
/// from here saves a host allocation and free per call.
#[derive(Clone, Debug, Default)]
pub struct ArgPool {
    bufs: Vec<Vec<ObjectId>>,
}

const ARG_POOL_MAX: usize = 16;

impl ArgPool {
    #[inline]
    pub fn take(&mut self, capacity: usize) -> Vec<ObjectId> {
        if capacity == 0 {
            return Vec::new();
        }
        match self.bufs.pop() {
            Some(mut v) => {
                v.reserve(capacity);
                v
            }
            None => Vec::with_capacity(capacity.max(4)),
        }
    }

    /// Keeps an argument vector whose references were released.
    #[inline]
    pub fn give(&mut self, mut v: Vec<ObjectId>) {
        if self.bufs.len() < ARG_POOL_MAX && (1..=64).contains(&v.capacity()) {
            v.clear();
            self.bufs.push(v);
        }
    }
}

/// Emptied locals vectors of finished frames. A Python call takes its
/// locals from here instead of allocating a vector (the real allocator's
/// work; nothing simulated is allocated for a frame).
#[derive(Clone, Debug, Default)]
pub struct FramePool {
    bufs: Vec<Vec<ObjectId>>,
}

/// Enough for deep recursion to reuse buffers without keeping many.
const FRAME_POOL_MAX: usize = 64;

impl FramePool {
    #[inline]
    pub fn take(&mut self) -> Vec<ObjectId> {
        self.bufs.pop().unwrap_or_default()
    }

    /// Keeps the locals vector of a finished frame (already emptied).
    #[inline]
    pub fn give(&mut self, fast: Vec<ObjectId>) {
        debug_assert!(fast.is_empty());
        if self.bufs.len() < FRAME_POOL_MAX {
            self.bufs.push(fast);
        }
    }
}

/// Emptied instance boxes of freed objects: making a user-class instance
/// takes its box (and the capacity of its values vector) from here instead
/// of two host allocations. Host memory only; nothing simulated.
#[derive(Clone, Debug, Default)]
pub struct InstancePool {
    boxes: Vec<Box<Instance>>,
}

/// Enough for the instances one generation-0 collection frees (its
/// threshold is 700 allocations), about 200 KB of host memory at most.
const INSTANCE_POOL_MAX: usize = 1024;

impl InstancePool {
    /// An empty instance (all NULL, no values), reusing a pooled box.
    #[inline]
    pub fn take(&mut self) -> Box<Instance> {
        self.boxes.pop().unwrap_or_default()
    }

    /// Keeps the box of an instance whose references were released.
    #[inline]
    pub fn give(&mut self, mut inst: Box<Instance>) {
        if self.boxes.len() < INSTANCE_POOL_MAX && inst.values.capacity() <= 32 && inst.slots.capacity() <= 32 {
            // Reset field by field (naming every field, so a new one cannot
            // be missed): assigning a fresh `Instance` would run the old
            // one's drop glue, a measurable cost per object in wasm.
            let Instance { values, values_addr, values_size, dict, slots, args, tb, cause, context } = &mut *inst;
            values.clear();
            slots.clear();
            *values_addr = None;
            *values_size = 0;
            for f in [dict, args, tb, cause, context] {
                *f = NULL;
            }
            self.boxes.push(inst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ArgPool;
    use crate::ids::ObjectId;

    /// A returned vector comes back empty, with its buffer, for the next call;
    /// argument-less calls never take one.
    #[test]
    fn argument_vectors_are_reused() {
        let mut pool = ArgPool::default();
        assert_eq!(pool.take(0).capacity(), 0);
        let mut v = pool.take(2);
        v.extend([ObjectId(1), ObjectId(2)]);
        let buf = v.as_ptr();
        pool.give(v);
        let again = pool.take(1);
        assert!(again.is_empty());
        assert_eq!(again.as_ptr(), buf);
        pool.give(Vec::new());
        assert!(pool.take(1).capacity() >= 1);
    }
}
