//! The small-object allocator proper: `pymalloc_alloc`, `pymalloc_free` and
//! the arena bookkeeping of CPython 3.11's `Objects/obmalloc.c`, ported line
//! for line in behaviour (which pool, which arena, which address) but with
//! indices instead of pointers.
//!
//! Three lists steer every decision, as in CPython:
//! - `usedpools[szidx]`: the partially filled pools of each class; the front
//!   pool serves the next request of that class.
//! - `usable_arenas`: arenas with at least one free pool, sorted by ascending
//!   `nfreepools`, so new pools come from the most used arena and nearly empty
//!   arenas get a chance to drain. `nfp2lasta[n]` is the last arena in that
//!   list with `n` free pools, which keeps the list sorted in O(1).
//! - `unused_arena_objects`: arena objects with no memory, reused LIFO.
//!
//! Pools are named by a *pool key*, `arena * MAX_POOLS_IN_ARENA + pool`.
//! Statistics are kept as running counters so that `stats()` is O(classes).

use serde::{Deserialize, Serialize};

use super::arena::{Arena, ArenaId, ArenaSpace};
use super::config::{
    INITIAL_ARENA_OBJECTS, MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE,
};
use super::event::{AllocatorEvent, EventLog};
use super::pool::{Pool, PoolId, NIL};
use super::size_class::SizeClass;
use super::{Addr, FreeError};

/// Where a live block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BlockRef {
    pub(crate) arena: u32,
    pub(crate) pool: u16,
    pub(crate) block: u16,
    pub(crate) szidx: SizeClass,
    pub(crate) addr: Addr,
}

/// A block's arena, pool and index packed in 32 bits, kept by the object
/// table so a free can skip the address lookup. `BlockHint::NONE` when the
/// block is not a pymalloc block or the arena index does not fit 16 bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockHint(pub(crate) u32);

impl BlockHint {
    pub const NONE: BlockHint = BlockHint(u32::MAX);

    #[inline]
    pub(crate) fn of(b: &BlockRef) -> BlockHint {
        if b.arena >= 0xFFFF {
            return BlockHint::NONE;
        }
        BlockHint(b.arena << 16 | (b.pool as u32) << 10 | b.block as u32)
    }

    #[inline]
    fn split(self) -> Option<(usize, usize, usize)> {
        if self == BlockHint::NONE {
            return None;
        }
        let h = self.0 as usize;
        Some((h >> 16, (h >> 10) & 63, h & 1023))
    }
}

impl BlockRef {
    pub(crate) fn arena_id(&self) -> ArenaId {
        ArenaId(self.arena)
    }

    pub(crate) fn pool_id(&self) -> PoolId {
        PoolId(self.pool)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Obmalloc {
    /// The `arenas` vector; `maxarenas` is its length.
    pub(crate) arenas: Vec<Arena>,
    /// Head of `unused_arena_objects` (singly linked through `nextarena`).
    unused_arena_objects: u32,
    /// Head of `usable_arenas` (doubly linked, sorted by `nfreepools`).
    pub(crate) usable_arenas: u32,
    /// `nfp2lasta[n]`: the last arena in `usable_arenas` with `n` free pools.
    nfp2lasta: Vec<u32>,
    /// `usedpools[szidx]`: front pool key of each class's used-pool list.
    pub(crate) usedpools: Vec<u32>,
    space: ArenaSpace,
    pub(crate) counters: Counters,
}

/// Running totals behind `sys._debugmallocstats`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Counters {
    pub(crate) narenas_currently_allocated: u64,
    pub(crate) ntimes_arena_allocated: u64,
    pub(crate) narenas_highwater: u64,
    /// Sum of `nfreepools` over allocated arenas ("unused pools").
    pub(crate) numfreepools: u64,
    /// Sum of alignment losses over allocated arenas.
    pub(crate) arena_alignment: u64,
    /// Pools with at least one live block, per class.
    pub(crate) numpools: Vec<u64>,
    /// Live blocks, per class.
    pub(crate) numblocks: Vec<u64>,
}

impl Default for Obmalloc {
    fn default() -> Self {
        Obmalloc {
            arenas: Vec::new(),
            unused_arena_objects: NIL,
            usable_arenas: NIL,
            nfp2lasta: vec![NIL; MAX_POOLS_IN_ARENA + 1],
            usedpools: vec![NIL; NB_SMALL_SIZE_CLASSES],
            space: ArenaSpace::default(),
            counters: Counters {
                narenas_currently_allocated: 0,
                ntimes_arena_allocated: 0,
                narenas_highwater: 0,
                numfreepools: 0,
                arena_alignment: 0,
                numpools: vec![0; NB_SMALL_SIZE_CLASSES],
                numblocks: vec![0; NB_SMALL_SIZE_CLASSES],
            },
        }
    }
}

#[inline]
pub(crate) fn pool_key(arena: u32, pool: u16) -> u32 {
    arena * MAX_POOLS_IN_ARENA as u32 + pool as u32
}

#[inline]
pub(crate) fn split_key(key: u32) -> (usize, usize) {
    (
        (key / MAX_POOLS_IN_ARENA as u32) as usize,
        (key % MAX_POOLS_IN_ARENA as u32) as usize,
    )
}

impl Obmalloc {
    #[inline]
    fn pool_mut(&mut self, key: u32) -> &mut Pool {
        let (a, p) = split_key(key);
        &mut self.arenas[a].pools[p]
    }

    #[inline]
    fn block_ref(&self, key: u32, block: u16, szidx: SizeClass) -> BlockRef {
        let (a, p) = split_key(key);
        let base = self.arenas[a].first_pool() + (p * POOL_SIZE) as Addr;
        BlockRef {
            arena: a as u32,
            pool: p as u16,
            block,
            szidx,
            addr: base + (POOL_OVERHEAD + block as usize * szidx.block_size()) as Addr,
        }
    }

    /// `pymalloc_alloc`. `None` only when no arena can be mapped; the caller
    /// then falls back to the raw allocator, as `_PyObject_Malloc` does.
    #[inline]
    pub(crate) fn alloc(&mut self, szidx: SizeClass, log: &mut EventLog) -> Option<BlockRef> {
        let size = szidx.index();
        let key = self.usedpools[size];
        if key == NIL {
            return self.allocate_from_new_pool(szidx, log);
        }
        let (block, full) = self.pool_mut(key).pop();
        self.counters.numblocks[size] += 1;
        if full {
            self.pool_filled(key, log);
        }
        Some(self.block_ref(key, block, szidx))
    }

    /// A pool just handed out its last block: it leaves `usedpools`.
    #[cold]
    #[inline(never)]
    fn pool_filled(&mut self, key: u32, log: &mut EventLog) {
        self.unlink_used(key);
        let (a, p) = split_key(key);
        log.push(AllocatorEvent::PoolFull {
            arena: ArenaId(a as u32),
            pool: PoolId(p as u16),
        });
    }

    #[cold]
    #[inline(never)]
    fn allocate_from_new_pool(&mut self, szidx: SizeClass, log: &mut EventLog) -> Option<BlockRef> {
        if self.usable_arenas == NIL {
            let a = self.new_arena(log)?;
            self.usable_arenas = a;
            let arena = &mut self.arenas[a as usize];
            arena.nextarena = NIL;
            arena.prevarena = NIL;
            self.nfp2lasta[arena.nfreepools as usize] = a;
        }
        let a = self.usable_arenas;
        let ai = a as usize;

        // This arena already has the fewest free pools; taking one keeps it
        // first, but the search fingers must follow it.
        let nf = self.arenas[ai].nfreepools as usize;
        if self.nfp2lasta[nf] == a {
            self.nfp2lasta[nf] = NIL;
        }
        if nf > 1 {
            self.nfp2lasta[nf - 1] = a;
        }

        let arena = &mut self.arenas[ai];
        let key = if arena.freepools != NIL {
            // A cached empty pool.
            let key = arena.freepools;
            let (_, p) = split_key(key);
            arena.freepools = arena.pools[p].nextpool;
            key
        } else {
            // Carve off a new pool.
            let p = arena.pools.len();
            arena.pools.push(Pool::carved());
            arena.pool_address += POOL_SIZE as Addr;
            pool_key(a, p as u16)
        };
        arena.nfreepools -= 1;
        self.counters.numfreepools -= 1;
        if arena.nfreepools == 0 {
            // Wholly allocated: unlink from usable_arenas.
            self.usable_arenas = arena.nextarena;
            if self.usable_arenas != NIL {
                self.arenas[self.usable_arenas as usize].prevarena = NIL;
            }
        }

        self.push_used_front(szidx, key);
        let (_, p) = split_key(key);
        let (arena_id, pool_id) = (ArenaId(a), PoolId(p as u16));
        let pool = self.pool_mut(key);
        let block = if pool.szidx == Some(szidx) {
            // Same class as last time: header and free list are still valid.
            let (block, _) = pool.pop();
            log.push(AllocatorEvent::PoolReuse {
                arena: arena_id,
                pool: pool_id,
                szidx,
            });
            block
        } else {
            let block = pool.init(szidx);
            log.push(AllocatorEvent::PoolInit {
                arena: arena_id,
                pool: pool_id,
                szidx,
            });
            block
        };
        self.counters.numpools[szidx.index()] += 1;
        self.counters.numblocks[szidx.index()] += 1;
        Some(self.block_ref(key, block, szidx))
    }

    /// `new_arena`: take an arena object (growing the vector when none is
    /// free) and map 1 MiB for it.
    fn new_arena(&mut self, log: &mut EventLog) -> Option<u32> {
        if self.unused_arena_objects == NIL {
            let old = self.arenas.len();
            let new = if old == 0 {
                INITIAL_ARENA_OBJECTS
            } else {
                old * 2
            };
            for i in old..new {
                let next = if i + 1 < new { (i + 1) as u32 } else { NIL };
                self.arenas.push(Arena::unassociated(next));
            }
            self.unused_arena_objects = old as u32;
        }
        let a = self.unused_arena_objects;
        let address = self.space.map(a)?;
        let arena = &mut self.arenas[a as usize];
        self.unused_arena_objects = arena.nextarena;
        arena.associate(address);

        let c = &mut self.counters;
        c.narenas_currently_allocated += 1;
        c.ntimes_arena_allocated += 1;
        c.narenas_highwater = c.narenas_highwater.max(c.narenas_currently_allocated);
        c.numfreepools += arena.nfreepools as u64;
        c.arena_alignment += arena.alignment_loss();
        log.push(AllocatorEvent::ArenaNew {
            arena: ArenaId(a),
            address,
        });
        Some(a)
    }

    /// `address_in_range` plus validation: `None` when `addr` is outside every
    /// arena (the raw allocator's business), otherwise the live block starting
    /// at `addr` or why there is none.
    #[inline]
    pub(crate) fn locate(&self, addr: Addr) -> Option<Result<BlockRef, FreeError>> {
        let a = self.space.owner(addr)?;
        let arena = &self.arenas[a as usize];
        let first = arena.first_pool();
        if addr < first {
            return Some(Err(FreeError::NotABlockStart));
        }
        let p = ((addr - first) / POOL_SIZE as Addr) as usize;
        let Some(pool) = arena.pools.get(p) else {
            return Some(Err(FreeError::NotABlockStart));
        };
        let offset = ((addr - first) % POOL_SIZE as Addr) as usize;
        Some(pool.live_block(offset).map(|block| BlockRef {
            arena: a,
            pool: p as u16,
            block,
            szidx: pool.szidx.expect("a live block implies a class"),
            addr,
        }))
    }

    /// The live block `hint` names, if it starts at `addr`: the same answer
    /// [`Obmalloc::locate`] gives, without the address arithmetic. A stale
    /// hint (pool reused for another class, arena unmapped) fails a check and
    /// returns `None`.
    #[inline]
    pub(crate) fn locate_hinted(&self, addr: Addr, hint: BlockHint) -> Option<BlockRef> {
        let (a, p, k) = hint.split()?;
        let arena = self.arenas.get(a)?;
        let pool = arena.pools.get(p)?;
        let szidx = pool.szidx?;
        let offset = POOL_OVERHEAD + k * szidx.block_size();
        if arena.address == 0 || k >= szidx.blocks_per_pool() || !pool.is_live(k, offset) {
            return None;
        }
        if arena.first_pool() + (p * POOL_SIZE + offset) as Addr != addr {
            return None;
        }
        Some(BlockRef { arena: a as u32, pool: p as u16, block: k as u16, szidx, addr })
    }

    /// `pymalloc_free` of a block found by [`Obmalloc::locate`].
    #[inline]
    pub(crate) fn free(&mut self, b: BlockRef, log: &mut EventLog) {
        let size = b.szidx.index();
        let pool = &mut self.arenas[b.arena as usize].pools[b.pool as usize];
        let was_full = pool.count as usize == b.szidx.blocks_per_pool();
        pool.push(b.block);
        let now_empty = pool.count == 0;
        self.counters.numblocks[size] -= 1;
        if was_full || now_empty {
            self.free_relinks(b, was_full, log);
        }
    }

    /// The rare part of a free: a full pool rejoins `usedpools`, an empty
    /// one goes to its arena's free pools.
    #[cold]
    #[inline(never)]
    fn free_relinks(&mut self, b: BlockRef, was_full: bool, log: &mut EventLog) {
        let key = pool_key(b.arena, b.pool);
        let size = b.szidx.index();
        if was_full {
            // Full pools are on no list: link it at the front so the next
            // request of this class fills it (`insert_to_usedpool`).
            self.push_used_front(b.szidx, key);
            log.push(AllocatorEvent::PoolUsed {
                arena: b.arena_id(),
                pool: b.pool_id(),
            });
            // A pool cannot go from full to empty with one free (capacity >= 31).
            return;
        }
        // Otherwise the pool is now empty.
        self.counters.numpools[size] -= 1;
        log.push(AllocatorEvent::PoolEmpty {
            arena: b.arena_id(),
            pool: b.pool_id(),
        });
        self.insert_to_freepool(key, log);
    }

    /// `insert_to_freepool`: move an empty pool to its arena's `freepools`
    /// and keep `usable_arenas` sorted, returning the arena to the OS when it
    /// is wholly free and not the last usable arena.
    fn insert_to_freepool(&mut self, key: u32, log: &mut EventLog) {
        self.unlink_used(key);
        let (ai, p) = split_key(key);
        let a = ai as u32;
        let freepools = self.arenas[ai].freepools;
        self.arenas[ai].pools[p].nextpool = freepools;
        self.arenas[ai].freepools = key;

        let mut nf = self.arenas[ai].nfreepools as usize;
        // If this is the rightmost arena with nf free pools, the finger moves
        // left (or vanishes).
        let lastnf = self.nfp2lasta[nf];
        if lastnf == a {
            let prev = self.arenas[ai].prevarena;
            self.nfp2lasta[nf] =
                if prev != NIL && self.arenas[prev as usize].nfreepools as usize == nf {
                    prev
                } else {
                    NIL
                };
        }
        nf += 1;
        self.arenas[ai].nfreepools = nf as u32;
        self.counters.numfreepools += 1;

        let (next, prev) = (self.arenas[ai].nextarena, self.arenas[ai].prevarena);
        if nf == self.arenas[ai].ntotalpools as usize && next != NIL {
            // Case 1: wholly free and another usable arena follows, so one
            // wholly free arena is still kept: unlink and unmap this one.
            if prev == NIL {
                self.usable_arenas = next;
            } else {
                self.arenas[prev as usize].nextarena = next;
            }
            self.arenas[next as usize].prevarena = prev;
            let arena = &mut self.arenas[ai];
            arena.nextarena = self.unused_arena_objects;
            self.unused_arena_objects = a;
            let address = arena.address;
            self.space.unmap(address);
            let c = &mut self.counters;
            c.narenas_currently_allocated -= 1;
            c.numfreepools -= arena.ntotalpools as u64;
            c.arena_alignment -= arena.alignment_loss();
            arena.address = 0;
            arena.pool_address = 0;
            arena.nfreepools = 0;
            arena.ntotalpools = 0;
            arena.freepools = NIL;
            arena.prevarena = NIL;
            arena.pools.clear();
            log.push(AllocatorEvent::ArenaFreed {
                arena: ArenaId(a),
                address,
            });
            return;
        }

        if nf == 1 {
            // Case 2: the arena was wholly allocated, so it was on no list:
            // it has the fewest free pools and goes first.
            self.arenas[ai].nextarena = self.usable_arenas;
            self.arenas[ai].prevarena = NIL;
            if self.usable_arenas != NIL {
                self.arenas[self.usable_arenas as usize].prevarena = a;
            }
            self.usable_arenas = a;
            if self.nfp2lasta[1] == NIL {
                self.nfp2lasta[1] = a;
            }
            return;
        }

        if self.nfp2lasta[nf] == NIL {
            self.nfp2lasta[nf] = a;
        }
        if a == lastnf {
            // Case 4: it was the rightmost with the old count; still sorted.
            return;
        }

        // Case 3: slide right, to just after the last arena that had the
        // old count.
        if prev != NIL {
            self.arenas[prev as usize].nextarena = next;
        } else {
            self.usable_arenas = next;
        }
        self.arenas[next as usize].prevarena = prev;
        let after = self.arenas[lastnf as usize].nextarena;
        self.arenas[ai].prevarena = lastnf;
        self.arenas[ai].nextarena = after;
        if after != NIL {
            self.arenas[after as usize].prevarena = a;
        }
        self.arenas[lastnf as usize].nextarena = a;
    }

    fn push_used_front(&mut self, szidx: SizeClass, key: u32) {
        let head = self.usedpools[szidx.index()];
        {
            let pool = self.pool_mut(key);
            pool.nextpool = head;
            pool.prevpool = NIL;
        }
        if head != NIL {
            self.pool_mut(head).prevpool = key;
        }
        self.usedpools[szidx.index()] = key;
    }

    fn unlink_used(&mut self, key: u32) {
        let pool = self.pool_mut(key);
        let (next, prev) = (pool.nextpool, pool.prevpool);
        let szidx = pool.szidx.expect("a pool in usedpools has a class");
        pool.nextpool = NIL;
        pool.prevpool = NIL;
        if prev == NIL {
            self.usedpools[szidx.index()] = next;
        } else {
            self.pool_mut(prev).nextpool = next;
        }
        if next != NIL {
            self.pool_mut(next).prevpool = prev;
        }
    }

    /// Arena objects in `usable_arenas` order.
    pub(crate) fn usable_order(&self) -> Vec<u32> {
        let mut order = Vec::new();
        let mut a = self.usable_arenas;
        while a != NIL && order.len() < self.arenas.len() {
            order.push(a);
            a = self.arenas[a as usize].nextarena;
        }
        order
    }

    /// Pool keys of `usedpools[szidx]`, front first.
    pub(crate) fn used_order(&self, szidx: SizeClass) -> Vec<u32> {
        let mut order = Vec::new();
        let mut key = self.usedpools[szidx.index()];
        let limit = self.arenas.len() * MAX_POOLS_IN_ARENA;
        while key != NIL && order.len() < limit {
            order.push(key);
            let (a, p) = split_key(key);
            key = self.arenas[a].pools[p].nextpool;
        }
        order
    }

    /// Recompute every counter and list from scratch and compare (tests).
    #[cfg(test)]
    pub(crate) fn check_invariants(&self) {
        use super::pool::PoolState;
        let mut numpools = vec![0u64; NB_SMALL_SIZE_CLASSES];
        let mut numblocks = vec![0u64; NB_SMALL_SIZE_CLASSES];
        let (mut narenas, mut numfreepools) = (0u64, 0u64);
        for (ai, arena) in self.arenas.iter().enumerate() {
            if arena.address == 0 {
                continue;
            }
            narenas += 1;
            numfreepools += arena.nfreepools as u64;
            let empty = arena.pools.iter().filter(|p| p.count == 0).count();
            let uncarved = arena.ntotalpools as usize - arena.pools.len();
            assert_eq!(
                arena.nfreepools as usize,
                empty + uncarved,
                "arena {ai} nfreepools"
            );
            assert_eq!(
                arena.pool_address,
                arena.first_pool() + (arena.pools.len() * POOL_SIZE) as Addr
            );
            for (p, pool) in arena.pools.iter().enumerate() {
                if let Some(s) = pool.szidx.filter(|_| pool.count > 0) {
                    numpools[s.index()] += 1;
                    numblocks[s.index()] += pool.count as u64;
                    let listed = self.used_order(s).contains(&pool_key(ai as u32, p as u16));
                    assert_eq!(
                        listed,
                        pool.state() == PoolState::Used,
                        "usedpools membership"
                    );
                }
            }
        }
        assert_eq!(narenas, self.counters.narenas_currently_allocated);
        assert_eq!(numfreepools, self.counters.numfreepools);
        assert_eq!(numpools, self.counters.numpools);
        assert_eq!(numblocks, self.counters.numblocks);
        // usable_arenas: exactly the arenas with free pools, sorted, fingers right.
        let order = self.usable_order();
        let with_free = self
            .arenas
            .iter()
            .filter(|a| a.address != 0 && a.nfreepools > 0)
            .count();
        assert_eq!(order.len(), with_free);
        for pair in order.windows(2) {
            let (x, y) = (
                &self.arenas[pair[0] as usize],
                &self.arenas[pair[1] as usize],
            );
            assert!(x.nfreepools <= y.nfreepools, "usable_arenas sorted");
            assert_eq!(y.prevarena, pair[0]);
        }
        for (nf, &last) in self.nfp2lasta.iter().enumerate() {
            let expected = order
                .iter()
                .rev()
                .find(|&&a| self.arenas[a as usize].nfreepools as usize == nf);
            assert_eq!(last, expected.copied().unwrap_or(NIL), "nfp2lasta[{nf}]");
        }
        let wholly_free = order
            .iter()
            .filter(|&&a| self.arenas[a as usize].nfreepools == self.arenas[a as usize].ntotalpools)
            .count();
        assert!(wholly_free <= 1, "at most one wholly free arena is kept");
    }
}
