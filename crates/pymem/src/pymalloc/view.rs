//! Plain-data pictures of the allocator for the UI: the arena/pool grid, the
//! list orders that decide where the next block goes, a summary of raw
//! allocations, and a zoomed-in view of one pool's blocks. Building them walks
//! every pool (O(arenas × pools)); they are meant for display, not for the
//! interpreter's hot path.

use serde::{Deserialize, Serialize};

use super::arena::ArenaId;
use super::config::{POOL_OVERHEAD, POOL_SIZE};
use super::obmalloc::Obmalloc;
use super::pool::{BlockState, PoolId, PoolState};
use super::raw::RawAllocator;
use super::size_class::SizeClass;
use super::Addr;

/// Raw allocations listed one by one in [`RawView`]; the rest are summarised.
pub const RAW_VIEW_LIMIT: usize = 64;

/// Everything the allocator panel draws.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocatorView {
    /// Allocated arenas, lowest address first.
    pub arenas: Vec<ArenaView>,
    /// `usable_arenas`, head first: the head gives the next new pool.
    pub usable_arenas: Vec<ArenaId>,
    /// For each size class (index = `szidx`), the pools of `usedpools[szidx]`,
    /// front first: the front pool serves the next request of that class.
    pub usedpools: Vec<Vec<PoolAt>>,
    pub raw: RawView,
}

/// A pool named by its arena and position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PoolAt {
    pub arena: ArenaId,
    pub pool: PoolId,
}

/// One arena of the grid.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArenaView {
    pub id: ArenaId,
    /// Base of the 1 MiB mapping.
    pub address: Addr,
    pub nfreepools: u32,
    pub ntotalpools: u32,
    /// All `ntotalpools` pools, lowest address first, uncarved ones included.
    pub pools: Vec<PoolView>,
}

/// One pool of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolView {
    pub id: PoolId,
    pub address: Addr,
    /// The class the pool serves (or last served, when empty); `None` if uncarved.
    pub szidx: Option<SizeClass>,
    /// Live blocks.
    pub used: u16,
    /// Blocks the pool holds at its class (0 when uncarved).
    pub capacity: u16,
    pub state: PoolState,
}

/// Summary of live raw allocations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawView {
    pub count: u64,
    /// Requested bytes.
    pub bytes: u64,
    /// Bytes of the chunks (rounding, headers and page rounding included).
    pub chunk_bytes: u64,
    /// The largest allocations (at most [`RAW_VIEW_LIMIT`]), largest first,
    /// then by address.
    pub largest: Vec<RawAllocView>,
    /// How many allocations and requested bytes `largest` leaves out.
    pub omitted_count: u64,
    pub omitted_bytes: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawAllocView {
    pub addr: Addr,
    /// Requested bytes.
    pub size: u64,
    /// Chunk bytes.
    pub chunk: u64,
    /// Served by its own `mmap` (128 KiB or more).
    pub mmapped: bool,
}

/// One pool block by block, to show the free list and LIFO reuse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolDetail {
    pub pool: PoolView,
    /// Address of block 0 (pool address + 48).
    pub first_block: Addr,
    pub block_size: u64,
    /// Per block, lowest address first.
    pub blocks: Vec<BlockState>,
    /// Block indices of the free list (`freeblock` chain), in the order the
    /// next allocations will take them.
    pub free_list: Vec<u16>,
}

pub(crate) fn allocator_view(small: &Obmalloc, raw: &RawAllocator) -> AllocatorView {
    let mut arenas: Vec<ArenaView> = small
        .arenas
        .iter()
        .enumerate()
        .filter(|(_, a)| a.address != 0)
        .map(|(i, _)| arena_view(small, ArenaId(i as u32)))
        .collect();
    arenas.sort_by_key(|a| a.address);
    let usedpools = SizeClass::all()
        .map(|s| {
            small
                .used_order(s)
                .into_iter()
                .map(|key| {
                    let (a, p) = super::obmalloc::split_key(key);
                    PoolAt {
                        arena: ArenaId(a as u32),
                        pool: PoolId(p as u16),
                    }
                })
                .collect()
        })
        .collect();
    AllocatorView {
        arenas,
        usable_arenas: small.usable_order().into_iter().map(ArenaId).collect(),
        usedpools,
        raw: raw_view(raw),
    }
}

fn arena_view(small: &Obmalloc, id: ArenaId) -> ArenaView {
    let arena = &small.arenas[id.index()];
    let pools = (0..arena.ntotalpools as usize)
        .map(|p| pool_view(small, id, PoolId(p as u16)).expect("pool within the arena"))
        .collect();
    ArenaView {
        id,
        address: arena.address,
        nfreepools: arena.nfreepools,
        ntotalpools: arena.ntotalpools,
        pools,
    }
}

/// The view of one pool, `None` if the arena is not allocated or the pool
/// index is beyond it.
pub(crate) fn pool_view(small: &Obmalloc, arena: ArenaId, pool: PoolId) -> Option<PoolView> {
    let a = small.arenas.get(arena.index()).filter(|a| a.address != 0)?;
    if pool.index() >= a.ntotalpools as usize {
        return None;
    }
    let address = a.first_pool() + (pool.index() * POOL_SIZE) as Addr;
    Some(match a.pools.get(pool.index()) {
        Some(p) => PoolView {
            id: pool,
            address,
            szidx: p.szidx,
            used: p.count,
            capacity: p.capacity() as u16,
            state: p.state(),
        },
        None => PoolView {
            id: pool,
            address,
            szidx: None,
            used: 0,
            capacity: 0,
            state: PoolState::Uncarved,
        },
    })
}

pub(crate) fn pool_detail(small: &Obmalloc, arena: ArenaId, pool: PoolId) -> Option<PoolDetail> {
    let view = pool_view(small, arena, pool)?;
    let p = small.arenas[arena.index()].pools.get(pool.index());
    let (blocks, free_list) = p.map(|p| p.blocks()).unwrap_or_default();
    Some(PoolDetail {
        pool: view,
        first_block: view.address + POOL_OVERHEAD as Addr,
        block_size: view.szidx.map_or(0, |s| s.block_size() as u64),
        blocks,
        free_list,
    })
}

fn raw_view(raw: &RawAllocator) -> RawView {
    let mut all: Vec<RawAllocView> = raw
        .live
        .iter()
        .map(|(&addr, c)| RawAllocView {
            addr,
            size: c.size,
            chunk: c.chunk,
            mmapped: c.mmapped,
        })
        .collect();
    all.sort_by(|x, y| y.size.cmp(&x.size).then(x.addr.cmp(&y.addr)));
    let omitted = all.split_off(all.len().min(RAW_VIEW_LIMIT));
    RawView {
        count: raw.count() as u64,
        bytes: raw.requested_bytes,
        chunk_bytes: raw.chunk_bytes,
        largest: all,
        omitted_count: omitted.len() as u64,
        omitted_bytes: omitted.iter().map(|r| r.size).sum(),
    }
}
