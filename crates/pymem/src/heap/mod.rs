//! The private heap: the object table and the one funnel through which every
//! byte is allocated and freed.
//!
//! Only this module talks to the allocator (`pymalloc`), to tracemalloc's
//! traces and to the timeline's memory events, so the three can never
//! disagree (the "one funnel for memory" of clox's `memory.c`). Object
//! *lifecycles* (incref/decref, finalizers, the GC) need the interpreter and
//! live in `vm::memory`; they call down into this module.

pub mod object;
pub mod tracemalloc;

use crate::gc::GcState;
use crate::ids::ObjectId;
use crate::pymalloc::{Addr, Allocator, BlockHint};

pub use object::{flag, GetSetObj, Int, Object, Payload, RangeObj, NULL};
pub use tracemalloc::Tracemalloc;

/// Where a block came from, so that freeing returns it to the same place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Domain {
    /// `PyObject_Malloc` / `PyMem_Malloc`: pymalloc for ≤ 512 bytes.
    Object,
    /// `PyMem_RawMalloc`.
    Raw,
}

#[derive(Clone, Debug)]
pub struct Heap {
    objects: Vec<Object>,
    /// Head of the free-slot list threaded through `Payload::Free`.
    free_head: u32,
    pub live: usize,
    /// Live objects the program made (flag USER), kept as a count so
    /// snapshots need not scan the table.
    pub user_live: usize,
    pub alloc: Allocator,
    pub gc: GcState,
    pub tracemalloc: Tracemalloc,
    /// The source line running now: tracemalloc charges allocations to it.
    pub line: u32,
    /// Bytes handed out and not yet freed (all domains), for the memory cap.
    pub in_use: u64,
    pub cap: u64,
}

const NO_FREE: u32 = u32::MAX;

impl Heap {
    pub fn new(cap: u64) -> Heap {
        Heap {
            objects: Vec::new(),
            free_head: NO_FREE,
            live: 0,
            user_live: 0,
            alloc: Allocator::new(),
            gc: GcState::default(),
            tracemalloc: Tracemalloc::default(),
            line: 0,
            in_use: 0,
            cap,
        }
    }

    #[inline]
    pub fn get(&self, id: ObjectId) -> &Object {
        &self.objects[id.index()]
    }

    #[inline]
    pub fn get_mut(&mut self, id: ObjectId) -> &mut Object {
        &mut self.objects[id.index()]
    }

    #[inline]
    pub fn payload(&self, id: ObjectId) -> &Payload {
        &self.objects[id.index()].payload
    }

    #[inline]
    pub fn payload_mut(&mut self, id: ObjectId) -> &mut Payload {
        &mut self.objects[id.index()].payload
    }

    #[inline]
    pub fn is_live(&self, id: ObjectId) -> bool {
        self.objects.get(id.index()).is_some_and(|o| !matches!(o.payload, Payload::Free(_)))
    }

    /// Number of slots (live or free) in the table: an upper bound for ids.
    pub fn capacity(&self) -> usize {
        self.objects.len()
    }

    /// Puts a fully built object in the table and returns its handle.
    #[inline]
    pub fn insert(&mut self, obj: Object) -> ObjectId {
        self.live += 1;
        if obj.flags & flag::USER != 0 {
            self.user_live += 1;
        }
        if self.free_head != NO_FREE {
            let idx = self.free_head;
            if let Payload::Free(next) = self.objects[idx as usize].payload {
                self.free_head = next;
            }
            self.objects[idx as usize] = obj;
            ObjectId(idx)
        } else {
            self.objects.push(obj);
            ObjectId(self.objects.len() as u32 - 1)
        }
    }

    /// Marks an object as the interpreter's, not the program's (code objects).
    pub fn mark_not_user(&mut self, id: ObjectId) {
        let o = &mut self.objects[id.index()];
        if o.flags & flag::USER != 0 {
            o.flags &= !flag::USER;
            self.user_live -= 1;
        }
    }

    /// Removes a dead object's slot (its memory was already released) and
    /// returns what it held.
    #[inline]
    pub fn remove(&mut self, id: ObjectId) -> Payload {
        self.live -= 1;
        let slot = &mut self.objects[id.index()];
        if slot.flags & flag::USER != 0 {
            self.user_live -= 1;
        }
        slot.refcnt = 0;
        let payload = std::mem::replace(&mut slot.payload, Payload::Free(self.free_head));
        self.free_head = id.0;
        payload
    }

    /// Live objects in table order.
    pub fn iter(&self) -> impl Iterator<Item = (ObjectId, &Object)> {
        self.objects
            .iter()
            .enumerate()
            .filter(|(_, o)| !matches!(o.payload, Payload::Free(_)))
            .map(|(i, o)| (ObjectId(i as u32), o))
    }

    /// Would a request of `n` more bytes exceed the simulated memory cap?
    #[inline]
    pub fn over_cap(&self, n: usize) -> bool {
        self.in_use.saturating_add(n as u64) > self.cap
    }

    /// Allocates `n` bytes in `domain`, traced by tracemalloc when it runs.
    #[inline]
    pub fn malloc(&mut self, n: usize, domain: Domain) -> Addr {
        let a = match domain {
            Domain::Object => self.alloc.malloc(n),
            Domain::Raw => self.alloc.raw_malloc(n),
        };
        self.in_use += n as u64;
        self.tracemalloc.on_alloc(a.addr, n, self.line);
        a.addr
    }

    /// [`Heap::malloc`] in the object domain, with the block hint for
    /// [`Heap::free_hinted`].
    #[inline]
    pub fn malloc_object(&mut self, n: usize) -> (Addr, BlockHint) {
        let (addr, hint) = self.alloc.malloc_hinted(n);
        self.in_use += n as u64;
        self.tracemalloc.on_alloc(addr, n, self.line);
        (addr, hint)
    }

    /// [`Heap::free`] of memory from [`Heap::malloc_object`].
    #[inline]
    pub fn free_hinted(&mut self, addr: Addr, n: usize, hint: BlockHint) {
        self.alloc.free_hinted(addr, hint);
        self.in_use = self.in_use.saturating_sub(n as u64);
        self.tracemalloc.on_free(addr);
    }

    #[inline]
    pub fn free(&mut self, addr: Addr, n: usize) {
        self.alloc.free(addr);
        self.in_use = self.in_use.saturating_sub(n as u64);
        self.tracemalloc.on_free(addr);
    }

    /// `PyMem_Realloc`: may move the block.
    pub fn realloc(&mut self, addr: Option<Addr>, old: usize, n: usize) -> Addr {
        let a = match addr {
            Some(addr) => self.alloc.realloc(addr, n),
            None => self.alloc.malloc(n),
        };
        self.in_use = (self.in_use + n as u64).saturating_sub(old as u64);
        if let Some(addr) = addr {
            self.tracemalloc.on_free(addr);
        }
        self.tracemalloc.on_alloc(a.addr, n, self.line);
        a.addr
    }
}
