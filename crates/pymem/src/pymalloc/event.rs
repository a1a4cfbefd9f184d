//! Structural events: the changes to arenas and pools that the UI animates
//! (an arena mapped, a pool initialised, filled, emptied...). Block-level
//! allocations and frees are not events: they are the return values of
//! `malloc` and `free`, and there are millions of them.

use serde::{Deserialize, Serialize};

use super::arena::ArenaId;
use super::pool::PoolId;
use super::size_class::SizeClass;
use super::{Addr, FreeError};

/// One structural change inside the allocator, in the order it happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AllocatorEvent {
    /// `new_arena`: 1 MiB mapped at `address`.
    ArenaNew { arena: ArenaId, address: Addr },
    /// The arena's last pool became empty and it was not the last usable
    /// arena, so its memory went back to the OS (`munmap`).
    ArenaFreed { arena: ArenaId, address: Addr },
    /// A pool's header was initialised for `szidx`: it was just carved from
    /// its arena, or it was an empty pool of another class.
    PoolInit {
        arena: ArenaId,
        pool: PoolId,
        szidx: SizeClass,
    },
    /// An empty pool was taken again by the class it last served; CPython
    /// skips re-initialisation and keeps the old free list.
    PoolReuse {
        arena: ArenaId,
        pool: PoolId,
        szidx: SizeClass,
    },
    /// The pool's last free block was handed out: unlinked from `usedpools`.
    PoolFull { arena: ArenaId, pool: PoolId },
    /// A block of a full pool was freed: linked back at the front of
    /// `usedpools[szidx]`.
    PoolUsed { arena: ArenaId, pool: PoolId },
    /// The pool's last live block was freed: moved to its arena's `freepools`.
    PoolEmpty { arena: ArenaId, pool: PoolId },
    /// The raw allocator mapped a large chunk (glibc serves requests of
    /// 128 KiB and more with `mmap`).
    RawMapped { address: Addr, bytes: u64 },
    /// The raw allocator unmapped a large chunk.
    RawUnmapped { address: Addr, bytes: u64 },
    /// `free` or `realloc` was given an address the allocator did not hand
    /// out (or already took back). Nothing was changed.
    BadFree { addr: Addr, error: FreeError },
}

/// The buffer of events not yet taken by the caller.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct EventLog {
    pub(crate) recording: bool,
    pub(crate) events: Vec<AllocatorEvent>,
}

impl Default for EventLog {
    fn default() -> Self {
        EventLog {
            recording: true,
            events: Vec::new(),
        }
    }
}

impl EventLog {
    pub(crate) fn push(&mut self, event: AllocatorEvent) {
        if self.recording {
            self.events.push(event);
        }
    }
}
