//! The allocator part of a snapshot: pymalloc's arenas pool by pool, in a
//! compact form (one `u16` per pool), and the biggest raw allocations.
//!
//! A long run keeps about two thousand snapshots of dozens of arenas each,
//! so a pool is packed into two bytes rather than `PoolView`'s twenty; the
//! app also shares arenas that did not change between snapshots.

use serde::{Deserialize, Serialize};

use super::AllocView;
use crate::pymalloc::{Allocator, SizeClass};

/// Arenas drawn pool by pool, in the order CPython numbered them; the rest
/// are summed up.
pub const MAX_GRID_ARENAS: usize = 48;
/// Raw allocations listed by size.
pub const MAX_RAW_LISTED: usize = 5;

/// One allocated arena: its index in CPython's `arenas` vector and its pools,
/// lowest address first (uncarved ones included).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArenaGrid {
    pub id: u32,
    pub pools: Vec<PoolCell>,
}

/// One pool in two bytes: bit 15 says it is carved, bits 10..15 hold its
/// size class (`szidx`, kept while the pool is empty), bits 0..10 its live
/// blocks (at most 1,021).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PoolCell(pub u16);

const CARVED: u16 = 1 << 15;
const USED_BITS: u32 = 10;

impl PoolCell {
    /// A pool not yet carved from its arena.
    pub const UNCARVED: PoolCell = PoolCell(0);

    pub fn new(class: Option<SizeClass>, used: u16) -> PoolCell {
        match class {
            None => PoolCell::UNCARVED,
            Some(c) => PoolCell(CARVED | (c.index() as u16) << USED_BITS | used.min((1 << USED_BITS) - 1)),
        }
    }

    /// The class the pool serves (or last served, when empty).
    pub fn class(self) -> Option<SizeClass> {
        (self.0 & CARVED != 0).then(|| SizeClass::from_index(((self.0 & !CARVED) >> USED_BITS) as usize)).flatten()
    }

    /// Live blocks.
    pub fn used(self) -> u16 {
        self.0 & ((1 << USED_BITS) - 1)
    }

    /// Blocks the pool holds at its class (0 when uncarved).
    pub fn capacity(self) -> u16 {
        self.class().map_or(0, |c| c.blocks_per_pool() as u16)
    }

    /// Carved, with no live block (on its arena's `freepools` list).
    pub fn is_empty(self) -> bool {
        self.class().is_some() && self.used() == 0
    }
}

/// The allocator's state as the views draw it.
pub(super) fn alloc_view(alloc: &Allocator) -> AllocView {
    let stats = alloc.stats();
    let mut view = alloc.view();
    // By arena number rather than address (new mappings come at lower
    // addresses): the grid then fills in the order the arenas were made.
    view.arenas.sort_by_key(|a| a.id.0);
    let grid: Vec<ArenaGrid> = view
        .arenas
        .iter()
        .take(MAX_GRID_ARENAS)
        .map(|a| ArenaGrid { id: a.id.0, pools: a.pools.iter().map(|p| PoolCell::new(p.szidx, p.used)).collect() })
        .collect();
    let (mut hidden_blocks, mut hidden_bytes) = (0, 0);
    for p in view.arenas.iter().skip(MAX_GRID_ARENAS).flat_map(|a| &a.pools) {
        if let Some(c) = p.szidx {
            hidden_blocks += p.used as u64;
            hidden_bytes += p.used as u64 * c.block_size() as u64;
        }
    }
    AllocView {
        arenas: stats.arenas_allocated_current,
        arenas_highwater: stats.arenas_highwater,
        classes: stats
            .classes
            .iter()
            .filter(|c| c.num_pools > 0)
            .map(|c| (c.size, c.num_pools, c.blocks_in_use, c.avail_blocks))
            .collect(),
        raw_count: stats.raw_count,
        raw_bytes: stats.raw_bytes,
        mapped_bytes: alloc.mapped_bytes(),
        grid,
        hidden_blocks,
        hidden_bytes,
        raw_largest: view.raw.largest.iter().take(MAX_RAW_LISTED).map(|r| r.size).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_packs_class_and_count() {
        for c in SizeClass::all() {
            for used in [0, 1, c.blocks_per_pool() as u16] {
                let cell = PoolCell::new(Some(c), used);
                assert_eq!((cell.class(), cell.used(), cell.capacity()), (Some(c), used, c.blocks_per_pool() as u16));
                assert_eq!(cell.is_empty(), used == 0);
            }
        }
        assert_eq!(PoolCell::UNCARVED.class(), None);
        assert!(!PoolCell::UNCARVED.is_empty());
    }

    #[test]
    fn the_grid_matches_the_allocator_view_pool_for_pool() {
        let mut a = Allocator::new();
        let small: Vec<_> = (0..12000).map(|i| a.malloc(16 + (i % 7) * 48).addr).collect();
        let big: Vec<_> = (1..=8).map(|i| a.malloc(1000 * i).addr).collect();
        for &p in small.iter().step_by(3) {
            a.free(p);
        }
        let v = alloc_view(&a);
        let mut truth = a.view();
        truth.arenas.sort_by_key(|a| a.id.0);
        assert!(truth.arenas.len() >= 2);
        assert_eq!(v.grid.len(), truth.arenas.len());
        for (g, t) in v.grid.iter().zip(&truth.arenas) {
            assert_eq!(g.id, t.id.0);
            assert_eq!(g.pools.len(), t.pools.len());
            for (c, p) in g.pools.iter().zip(&t.pools) {
                assert_eq!((c.class(), c.used(), c.capacity()), (p.szidx, p.used, p.capacity));
            }
        }
        let live: u64 = v.grid.iter().flat_map(|g| &g.pools).map(|c| c.used() as u64).sum();
        assert_eq!(live, 8000);
        assert_eq!(v.raw_largest, [8000, 7000, 6000, 5000, 4000]);
        assert_eq!((v.hidden_blocks, v.hidden_bytes), (0, 0));
        for p in big {
            a.free(p);
        }
        assert!(alloc_view(&a).raw_largest.is_empty());
    }
}
