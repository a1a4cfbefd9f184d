//! One pool: a 16 KiB slice of an arena carved into equal blocks of a single
//! size class, with a 48-byte header in front (CPython's `struct pool_header`
//! in `Objects/obmalloc.c`).
//!
//! CPython keeps the free list inside the free blocks themselves: each free
//! block's first word points at the next one. The simulation has no memory to
//! write into, so each pool owns a compact array of 16-bit links, one per
//! block, holding either the index of the next free block or a marker saying
//! the block is handed out. The marker lets `free` detect a double free in
//! O(1) instead of corrupting the list the way C would.

use serde::{Deserialize, Serialize};

use super::config::{blocks_per_pool, POOL_OVERHEAD, POOL_SIZE};
use super::size_class::SizeClass;
use super::FreeError;

/// A pool's position inside its arena: 0 is the first whole pool above the
/// arena base (the lowest address), up to 62.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PoolId(pub u16);

impl PoolId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What a pool is doing, as the UI draws it.
///
/// A pool's life, as `Objects/obmalloc.c` runs it: an arena starts as 63
/// *uncarved* pools; `pool_address` marks the next one to carve. When a size
/// class has no partially filled pool, the allocator takes a pool from the
/// arena at the head of `usable_arenas`, preferring a previously emptied pool
/// from the arena's `freepools` list and otherwise carving a new one. The pool
/// is then *used*: linked at the front of `usedpools[szidx]`, its count of
/// handed-out blocks between 1 and capacity-1. When its last block is handed
/// out it becomes *full* and is unlinked from every list (nothing needs to
/// find it until one of its blocks is freed). Freeing a block of a full pool
/// makes it *used* again and links it at the front of `usedpools[szidx]`, so
/// the next allocation of that class fills it first. Freeing the last live
/// block makes it *empty*: it moves to its arena's `freepools` list, keeping
/// its `szidx` and its free list, so that if the same class asks for a pool
/// again the header need not be rebuilt. An empty pool taken by another class
/// is re-initialised. A pool stops existing only when its whole arena is
/// returned to the operating system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoolState {
    /// Not yet carved from the arena: no header, no class.
    Uncarved,
    /// Carved, no live block; on the arena's `freepools` list.
    Empty,
    /// Some blocks live, some free; in `usedpools[szidx]`.
    Used,
    /// Every block live; on no list.
    Full,
}

/// One block of a pool, for the UI's zoomed-in view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockState {
    /// Handed out.
    Live,
    /// Freed (or carved but not yet handed out) and on the pool's free list.
    Free,
    /// Never reached: beyond `nextoffset`.
    Virgin,
}

/// "No pool" / "no arena" in the simulated linked lists.
pub(crate) const NIL: u32 = u32::MAX;

/// Link value: end of the free list (CPython's NULL).
const END: u16 = u16::MAX;
/// Link value: the block is handed out (not on the free list).
const LIVE: u16 = u16::MAX - 1;

/// The header of one carved pool, with CPython's field names.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Pool {
    /// `ref.count`: blocks handed out.
    pub(crate) count: u16,
    /// `freeblock`: index of the first block of the free list, or `END`.
    pub(crate) freeblock: u16,
    /// `nextpool`: next pool in `usedpools[szidx]` or in `freepools` (a pool key).
    pub(crate) nextpool: u32,
    /// `prevpool`: previous pool in `usedpools[szidx]` (a pool key).
    pub(crate) prevpool: u32,
    /// `szidx`; `None` is CPython's `DUMMY_SIZE_IDX` (carved, never initialised).
    pub(crate) szidx: Option<SizeClass>,
    /// `nextoffset`: byte offset of the first never-used ("virgin") block.
    pub(crate) nextoffset: u32,
    /// `maxnextoffset`: the largest offset at which a whole block still fits.
    pub(crate) maxnextoffset: u32,
    /// Blocks below `nextoffset` (the index of the first virgin block), kept
    /// so that extending the pool needs no division.
    carved: u16,
    /// One link per block: next free block, `END`, or `LIVE`. Only blocks
    /// below `nextoffset` have meaningful links.
    links: Vec<u16>,
}

impl Pool {
    /// A freshly carved pool (`pool->szidx = DUMMY_SIZE_IDX`).
    pub(crate) fn carved() -> Pool {
        Pool {
            count: 0,
            freeblock: END,
            nextpool: NIL,
            prevpool: NIL,
            szidx: None,
            nextoffset: 0,
            maxnextoffset: 0,
            carved: 0,
            links: Vec::new(),
        }
    }

    /// Initialise the header for `szidx` and hand out block 0; block 1 starts
    /// the free list and the rest is virgin (`allocate_from_new_pool`).
    pub(crate) fn init(&mut self, szidx: SizeClass) -> u16 {
        let size = szidx.block_size() as u32;
        if self.links.is_empty() {
            // Once per carved pool, sized for the smallest class so that a
            // later re-initialisation never reallocates.
            self.links = vec![END; blocks_per_pool(0)];
        }
        self.szidx = Some(szidx);
        self.count = 1;
        self.nextoffset = POOL_OVERHEAD as u32 + 2 * size;
        self.maxnextoffset = POOL_SIZE as u32 - size;
        self.carved = 2;
        self.links[0] = LIVE;
        self.links[1] = END;
        self.freeblock = 1;
        0
    }

    /// Hand out the head of the free list. Returns the block index and whether
    /// the pool is now full. The caller guarantees the pool is not full.
    #[inline]
    pub(crate) fn pop(&mut self) -> (u16, bool) {
        let block = self.freeblock;
        let k = block as usize;
        self.freeblock = self.links[k];
        self.links[k] = LIVE;
        self.count += 1;
        if self.freeblock != END {
            return (block, false);
        }
        // `pymalloc_pool_extend`: take the next virgin block, if one fits.
        if self.nextoffset <= self.maxnextoffset {
            let next = self.carved;
            debug_assert_eq!(next, self.block_at(self.nextoffset));
            self.links[next as usize] = END;
            self.freeblock = next;
            self.carved += 1;
            self.nextoffset += self.block_size();
            return (block, false);
        }
        (block, true)
    }

    /// Push a live block back on the free list (LIFO). The caller has checked
    /// the block with [`Pool::live_block`].
    #[inline]
    pub(crate) fn push(&mut self, block: u16) {
        self.links[block as usize] = self.freeblock;
        self.freeblock = block;
        self.count -= 1;
    }

    /// Is block `k`, at byte `offset`, handed out? ([`Pool::live_block`]'s
    /// last check, for a caller that already knows the index.)
    #[inline]
    pub(crate) fn is_live(&self, k: usize, offset: usize) -> bool {
        self.count != 0 && offset < self.nextoffset as usize && self.links.get(k) == Some(&LIVE)
    }

    /// The index of the live block starting at byte `offset` of this pool, or
    /// why there is none.
    #[inline]
    pub(crate) fn live_block(&self, offset: usize) -> Result<u16, FreeError> {
        let Some(szidx) = self.szidx else {
            return Err(FreeError::NotABlockStart);
        };
        let size = szidx.block_size();
        if offset < POOL_OVERHEAD || !(offset - POOL_OVERHEAD).is_multiple_of(size) {
            return Err(FreeError::NotABlockStart);
        }
        let k = (offset - POOL_OVERHEAD) / size;
        if k >= szidx.blocks_per_pool() {
            return Err(FreeError::NotABlockStart);
        }
        if self.count == 0 || offset >= self.nextoffset as usize || self.links[k] != LIVE {
            return Err(FreeError::NotAllocated);
        }
        Ok(k as u16)
    }

    /// Blocks a pool of its class holds, 0 when it has no class yet.
    #[inline]
    pub(crate) fn capacity(&self) -> usize {
        self.szidx.map_or(0, SizeClass::blocks_per_pool)
    }

    pub(crate) fn state(&self) -> PoolState {
        if self.count == 0 {
            PoolState::Empty
        } else if self.count as usize == self.capacity() {
            PoolState::Full
        } else {
            PoolState::Used
        }
    }

    /// Per-block states, lowest address first, and the free list in pop order.
    pub(crate) fn blocks(&self) -> (Vec<BlockState>, Vec<u16>) {
        let capacity = self.capacity();
        let carved = self.carved_blocks();
        let mut states = vec![BlockState::Virgin; capacity];
        for (k, state) in states.iter_mut().enumerate().take(carved) {
            *state = if self.links[k] == LIVE {
                BlockState::Live
            } else {
                BlockState::Free
            };
        }
        let mut free_list = Vec::new();
        let mut k = self.freeblock;
        while k != END && free_list.len() < capacity {
            free_list.push(k);
            k = self.links[k as usize];
        }
        (states, free_list)
    }

    /// Blocks below `nextoffset`, i.e. handed out at least once.
    fn carved_blocks(&self) -> usize {
        match self.szidx {
            Some(szidx) => (self.nextoffset as usize - POOL_OVERHEAD) / szidx.block_size(),
            None => 0,
        }
    }

    #[inline]
    fn block_size(&self) -> u32 {
        self.szidx.map_or(0, |s| s.block_size() as u32)
    }

    #[inline]
    fn block_at(&self, offset: u32) -> u16 {
        ((offset - POOL_OVERHEAD as u32) / self.block_size()) as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_hands_out_blocks_in_address_order_then_lifo() {
        let class = SizeClass::for_request(32).unwrap();
        let mut pool = Pool::carved();
        assert_eq!(pool.init(class), 0);
        assert_eq!(pool.pop(), (1, false));
        assert_eq!(pool.pop(), (2, false));
        pool.push(1);
        assert_eq!(
            pool.pop(),
            (1, false),
            "the block just freed comes back first"
        );
        assert_eq!(pool.live_block(POOL_OVERHEAD + 32), Ok(1));
        assert_eq!(
            pool.live_block(POOL_OVERHEAD + 40),
            Err(FreeError::NotABlockStart)
        );
        assert_eq!(
            pool.live_block(POOL_OVERHEAD + 5 * 32),
            Err(FreeError::NotAllocated)
        );
        let mut full = false;
        while !full {
            full = pool.pop().1;
        }
        assert_eq!(pool.count as usize, class.blocks_per_pool());
        assert_eq!(pool.state(), PoolState::Full);
    }
}
