//! pymalloc: a simulation of the memory allocator of CPython 3.11 on 64-bit
//! Linux (`Objects/obmalloc.c`), so that every simulated object gets the
//! address, block, pool and arena it would get in the real interpreter, and
//! the page can show arenas filling up and being returned to the OS.
//!
//! Requests of 1..=512 bytes (`PyObject_Malloc`, `PyMem_Malloc`) are served
//! from 16 KiB pools of equal-size blocks inside 1 MiB arenas; everything else
//! (0 bytes, larger requests, and `PyMem_RawMalloc`) goes to a model of glibc
//! `malloc`. `free` and `realloc` decide which allocator owns an address from
//! the address alone, as CPython's `address_in_range` does.
//!
//! Code map:
//! - `config`: the four tunables and every derived number.
//! - `size_class`: `SizeClass` (`szidx`).
//! - `pool`: one pool, its block free list, and the pool state machine.
//! - `arena`: arena objects and the address space arenas are mapped in.
//! - `obmalloc`: allocation, free, `usedpools`, `usable_arenas` ordering and
//!   arena return.
//! - `raw`: the glibc `malloc` model (what it models and what it approximates
//!   is documented there).
//! - `stats`, `view`, `event`: what the rest of the engine and the UI read.
//!
//! What is modelled exactly: block sizes and addresses (pool base + 48 +
//! k × block size), the free-list order (LIFO reuse, then virgin blocks in
//! address order), the pool chosen (front of `usedpools[szidx]`), the arena
//! chosen for a new pool (head of `usable_arenas`, fewest free pools first;
//! empty pools before uncarved ones), empty pools keeping their class, the
//! arena return rule (at most one wholly free arena kept), the realloc 3/4
//! rule, and every counter in the pymalloc part of `sys._debugmallocstats()`.
//!
//! What is chosen rather than measured: arena base addresses (top-down 1 MiB
//! slots from a fixed page-aligned, never pool-aligned address, so every arena
//! has 63 pools; real `mmap` results are sometimes pool-aligned, giving 64),
//! and the raw allocator's placement (see `raw`).
//!
//! Invariants, stated as absences: no real memory is touched, nothing depends
//! on a clock, randomness or hash seeds, and no input makes it panic: a bad
//! `free` or `realloc` is reported as a [`FreeError`] and changes nothing.

mod arena;
pub mod config;
mod event;
mod obmalloc;
mod pool;
mod raw;
mod size_class;
mod stats;
mod view;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use arena::ArenaId;
pub use event::AllocatorEvent;
pub use pool::{BlockState, PoolId, PoolState};
pub use size_class::SizeClass;
pub use stats::{AllocStats, ClassStats};
pub use view::{
    AllocatorView, ArenaView, PoolAt, PoolDetail, PoolView, RawAllocView, RawView, RAW_VIEW_LIMIT,
};

use config::ARENA_SIZE;
use event::EventLog;
pub use obmalloc::BlockHint;
use obmalloc::{BlockRef, Obmalloc};
use raw::{MapChange, RawAllocator, MAX_REQUEST};

/// A simulated 64-bit address.
pub type Addr = u64;

/// The result of an allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Allocation {
    pub addr: Addr,
    pub placement: Placement,
}

/// Where an allocation lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Placement {
    /// A pymalloc block: block `block` of pool `pool` of arena `arena`.
    Block {
        arena: ArenaId,
        pool: PoolId,
        szidx: SizeClass,
        block: u16,
    },
    /// A raw (glibc `malloc`) allocation of `size` requested bytes. A 0-byte
    /// request reports 0 here; the simulated chunk holds 1 byte, as
    /// `PyMem_RawMalloc` asks `malloc` for.
    Raw { size: usize },
}

impl Placement {
    /// Usable bytes: the block size, or the requested size of a raw allocation.
    pub fn usable_size(&self) -> usize {
        match self {
            Placement::Block { szidx, .. } => szidx.block_size(),
            Placement::Raw { size } => *size,
        }
    }
}

/// The result of a free: where the memory was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freed {
    pub placement: Placement,
}

/// Why an address cannot be freed or reallocated. In CPython each of these is
/// undefined behaviour (usually silent heap corruption); here nothing changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FreeError {
    /// The null address. `free(NULL)` is a no-op in C, so [`Allocator::free`]
    /// ignores it without an event; only [`Allocator::try_free`] reports it.
    Null,
    /// Neither inside an arena nor a live raw allocation (for example a raw
    /// allocation freed twice).
    Unknown,
    /// Inside an arena but not at the start of a block: a pool header, the
    /// middle of a block, the alignment gap or an uncarved pool.
    NotABlockStart,
    /// The start of a pymalloc block that is not allocated: a double free.
    NotAllocated,
}

/// The whole simulated allocator: pymalloc plus the raw allocator.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Allocator {
    small: Obmalloc,
    raw: RawAllocator,
    log: EventLog,
}

impl Allocator {
    /// A fresh allocator: no arenas, no raw allocations.
    pub fn new() -> Self {
        Self::default()
    }

    /// `PyObject_Malloc` / `PyMem_Malloc`: pymalloc for 1..=512 bytes, the
    /// raw allocator for 0 bytes and larger requests (and, as in CPython, if
    /// no arena can be mapped).
    #[inline]
    pub fn malloc(&mut self, nbytes: usize) -> Allocation {
        if let Some(szidx) = SizeClass::for_request(nbytes) {
            if let Some(b) = self.small.alloc(szidx, &mut self.log) {
                return Allocation {
                    addr: b.addr,
                    placement: block_placement(&b),
                };
            }
        }
        self.raw_malloc(nbytes)
    }

    /// [`Allocator::malloc`], plus a hint that lets
    /// [`Allocator::free_hinted`] skip the address lookup.
    #[inline]
    pub fn malloc_hinted(&mut self, nbytes: usize) -> (Addr, BlockHint) {
        if let Some(szidx) = SizeClass::for_request(nbytes) {
            if let Some(b) = self.small.alloc(szidx, &mut self.log) {
                return (b.addr, BlockHint::of(&b));
            }
        }
        (self.raw_malloc(nbytes).addr, BlockHint::NONE)
    }

    /// [`Allocator::free`] of `addr` with the hint its allocation returned:
    /// the same outcome, found without the address lookup while the hint
    /// still names the live block at `addr`.
    #[inline]
    pub fn free_hinted(&mut self, addr: Addr, hint: BlockHint) {
        match self.small.locate_hinted(addr, hint) {
            Some(b) => self.small.free(b, &mut self.log),
            None => {
                self.free(addr);
            }
        }
    }

    /// `PyMem_RawMalloc`: always the raw (glibc `malloc`) allocator. Requests
    /// above 1 TiB are clamped to 1 TiB: the interpreter should raise
    /// `MemoryError` before asking for that much.
    pub fn raw_malloc(&mut self, nbytes: usize) -> Allocation {
        let size = (nbytes as u64).min(MAX_REQUEST);
        let (addr, change) = self.raw.malloc(size);
        self.log_map_change(change);
        Allocation {
            addr,
            placement: Placement::Raw {
                size: size as usize,
            },
        }
    }

    /// `PyObject_Free` / `PyMem_Free` / `PyMem_RawFree`. Invalid addresses are
    /// ignored: nothing changes, a [`AllocatorEvent::BadFree`] is recorded
    /// (except for the null address) and the result says `Raw { size: 0 }`.
    /// Use [`Allocator::try_free`] to get the error instead.
    #[inline]
    pub fn free(&mut self, addr: Addr) -> Freed {
        match self.try_free(addr) {
            Ok(freed) => freed,
            Err(error) => {
                if error != FreeError::Null {
                    self.log.push(AllocatorEvent::BadFree { addr, error });
                }
                Freed {
                    placement: Placement::Raw { size: 0 },
                }
            }
        }
    }

    /// Like [`Allocator::free`], but reports an invalid address as an error
    /// (and records no event).
    #[inline]
    pub fn try_free(&mut self, addr: Addr) -> Result<Freed, FreeError> {
        if addr == 0 {
            return Err(FreeError::Null);
        }
        match self.small.locate(addr) {
            Some(Ok(b)) => {
                self.small.free(b, &mut self.log);
                Ok(Freed {
                    placement: block_placement(&b),
                })
            }
            Some(Err(error)) => Err(error),
            None => {
                let (chunk, change) = self.raw.free(addr).ok_or(FreeError::Unknown)?;
                self.log_map_change(change);
                Ok(Freed {
                    placement: Placement::Raw {
                        size: chunk.size as usize,
                    },
                })
            }
        }
    }

    /// `PyObject_Realloc` (`pymalloc_realloc`): a pymalloc block stays in
    /// place when `nbytes` fits it and uses more than 3/4 of it; otherwise a
    /// new allocation is made (pymalloc or raw, by size, so 0 bytes and more
    /// than 512 bytes go raw), then the old block is freed. A raw allocation
    /// is reallocated by the raw allocator, even if it becomes small. The null
    /// address behaves like `malloc`. An invalid address records a
    /// [`AllocatorEvent::BadFree`], leaves it alone and returns a fresh
    /// `malloc(nbytes)`; [`Allocator::try_realloc`] reports the error instead.
    pub fn realloc(&mut self, addr: Addr, nbytes: usize) -> Allocation {
        match self.try_realloc(addr, nbytes) {
            Ok(allocation) => allocation,
            Err(error) => {
                self.log.push(AllocatorEvent::BadFree { addr, error });
                self.malloc(nbytes)
            }
        }
    }

    /// Like [`Allocator::realloc`], but an invalid address is an error and
    /// nothing is allocated.
    pub fn try_realloc(&mut self, addr: Addr, nbytes: usize) -> Result<Allocation, FreeError> {
        if addr == 0 {
            return Ok(self.malloc(nbytes));
        }
        match self.small.locate(addr) {
            Some(Ok(b)) => {
                let size = b.szidx.block_size() as u64;
                let n = nbytes as u64;
                if n <= size && 4 * n > 3 * size {
                    return Ok(Allocation {
                        addr,
                        placement: block_placement(&b),
                    });
                }
                // Allocate first, then free, as CPython does: the new block
                // can never be the old one.
                let moved = self.malloc(nbytes);
                self.small.free(b, &mut self.log);
                Ok(moved)
            }
            Some(Err(error)) => Err(error),
            None => {
                let size = (nbytes as u64).min(MAX_REQUEST);
                let (new_addr, change) = self.raw.realloc(addr, size).ok_or(FreeError::Unknown)?;
                self.log_map_change(change);
                Ok(Allocation {
                    addr: new_addr,
                    placement: Placement::Raw {
                        size: size as usize,
                    },
                })
            }
        }
    }

    /// Where the live allocation starting at `addr` is, or `None` if no live
    /// allocation starts there.
    pub fn placement(&self, addr: Addr) -> Option<Placement> {
        match self.small.locate(addr) {
            Some(found) => found.ok().map(|b| block_placement(&b)),
            None => self.raw.live.get(&addr).map(|c| Placement::Raw {
                size: c.size as usize,
            }),
        }
    }

    /// The numbers `sys._debugmallocstats()` prints, plus raw totals.
    /// O(size classes). `Display` formats it like CPython.
    pub fn stats(&self) -> AllocStats {
        AllocStats::new(&self.small.counters, &self.raw)
    }

    /// The arena/pool grid and list orders for the UI. O(arenas × pools).
    pub fn view(&self) -> AllocatorView {
        view::allocator_view(&self.small, &self.raw)
    }

    /// One pool block by block (free list included), or `None` if the arena
    /// is not allocated or has no such pool.
    pub fn pool_detail(&self, arena: ArenaId, pool: PoolId) -> Option<PoolDetail> {
        view::pool_detail(&self.small, arena, pool)
    }

    /// Structural events since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<AllocatorEvent> {
        std::mem::take(&mut self.log.events)
    }

    /// Turn event recording on (the default) or off. With it off, events are
    /// dropped; callers that never drain the log can avoid its growth.
    pub fn set_event_recording(&mut self, on: bool) {
        self.log.recording = on;
    }

    /// What an RSS reading would see of the heap: allocated arenas × 1 MiB
    /// plus the chunk bytes of live raw allocations (for memory_profiler).
    /// Approximation: glibc keeps freed small chunks in the process, which
    /// this ignores.
    pub fn mapped_bytes(&self) -> u64 {
        self.small.counters.narenas_currently_allocated * ARENA_SIZE as u64 + self.raw.chunk_bytes
    }

    fn log_map_change(&mut self, change: MapChange) {
        // A moving realloc maps the new chunk before unmapping the old one.
        if let Some((address, bytes)) = change.mapped {
            self.log.push(AllocatorEvent::RawMapped { address, bytes });
        }
        if let Some((address, bytes)) = change.unmapped {
            self.log
                .push(AllocatorEvent::RawUnmapped { address, bytes });
        }
    }

    #[cfg(test)]
    fn check_invariants(&self) {
        self.small.check_invariants();
        let stats = self.stats();
        assert_eq!(
            stats.total(),
            stats.arenas_allocated_current * ARENA_SIZE as u64
        );
        let requested: u64 = self.raw.live.values().map(|c| c.size).sum();
        let chunks: u64 = self.raw.live.values().map(|c| c.chunk).sum();
        assert_eq!(requested, self.raw.requested_bytes);
        assert_eq!(chunks, self.raw.chunk_bytes);
    }
}

#[inline]
fn block_placement(b: &BlockRef) -> Placement {
    Placement::Block {
        arena: b.arena_id(),
        pool: b.pool_id(),
        szidx: b.szidx,
        block: b.block,
    }
}
