//! Arenas: 1 MiB regions obtained from the OS with `mmap`, each cut into
//! 16 KiB pools (CPython's `struct arena_object` and `new_arena` in
//! `Objects/obmalloc.c`), and the simulated address space they are mapped in.
//!
//! The address model: Linux hands out anonymous mappings top-down, each new
//! one just below the previous, reusing the highest hole that fits. Arenas are
//! therefore placed in 1 MiB slots counting down from a fixed top address, and
//! a new arena takes the highest free slot. The top is page-aligned but not
//! 16 KiB-aligned (as real `mmap` results usually are), so every arena loses
//! its first partial pool to alignment and offers 63 pools, exactly what
//! `sys._debugmallocstats()` reports. Because the slots are fixed, finding the
//! arena that owns an address is one division, like CPython's radix tree
//! (`arena_map_is_used`).

use serde::{Deserialize, Serialize};

use super::config::{ARENA_SIZE, PAGE_SIZE, POOL_SIZE};
use super::pool::{Pool, NIL};
use super::Addr;

/// An arena object: an index into CPython's `arenas` vector. Indices are
/// reused (last freed, first reused) after an arena is returned to the OS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArenaId(pub u32);

impl ArenaId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One entry of the `arenas` vector, with CPython's field names.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Arena {
    /// Base address of the mapping; 0 when the object is unassociated.
    pub(crate) address: Addr,
    /// `pool_address`: the next pool to carve.
    pub(crate) pool_address: Addr,
    /// `nfreepools`: empty pools plus pools not yet carved.
    pub(crate) nfreepools: u32,
    /// `ntotalpools`: 63 for a misaligned arena, 64 for an aligned one.
    pub(crate) ntotalpools: u32,
    /// `freepools`: head of the singly linked list of empty pools (a pool key).
    pub(crate) freepools: u32,
    /// `nextarena`: next in `usable_arenas` or in `unused_arena_objects`.
    pub(crate) nextarena: u32,
    /// `prevarena`: previous in `usable_arenas`.
    pub(crate) prevarena: u32,
    /// Carved pools, in address order (`PoolId` is the index).
    pub(crate) pools: Vec<Pool>,
}

impl Arena {
    /// An arena object with no memory, linked to `nextarena`.
    pub(crate) fn unassociated(nextarena: u32) -> Arena {
        Arena {
            address: 0,
            pool_address: 0,
            nfreepools: 0,
            ntotalpools: 0,
            freepools: NIL,
            nextarena,
            prevarena: NIL,
            pools: Vec::new(),
        }
    }

    /// Associate the object with memory at `address` (the end of
    /// `new_arena`): pools start at the first pool-aligned address.
    pub(crate) fn associate(&mut self, address: Addr) {
        let excess = address % POOL_SIZE as Addr;
        let total = if excess == 0 {
            ARENA_SIZE / POOL_SIZE
        } else {
            ARENA_SIZE / POOL_SIZE - 1
        };
        self.address = address;
        self.pool_address = if excess == 0 {
            address
        } else {
            address + POOL_SIZE as Addr - excess
        };
        self.nfreepools = total as u32;
        self.ntotalpools = total as u32;
        self.freepools = NIL;
        self.pools.clear();
    }

    /// Address of the first whole pool.
    #[inline]
    pub(crate) fn first_pool(&self) -> Addr {
        self.address.next_multiple_of(POOL_SIZE as Addr)
    }

    /// Bytes lost before the first pool (one pool's worth when misaligned,
    /// as `_debugmallocstats` counts it).
    pub(crate) fn alignment_loss(&self) -> u64 {
        if self.address.is_multiple_of(POOL_SIZE as Addr) {
            0
        } else {
            POOL_SIZE as u64
        }
    }
}

/// Highest address of the arena region: page-aligned, not pool-aligned.
pub(crate) const ARENA_SPACE_TOP: Addr = 0x7f4c_1e7f_3000;
/// Arena slots available (256 GiB of address space). When they run out,
/// `new_arena` fails and, as in CPython, the request falls back to the raw
/// allocator.
pub(crate) const ARENA_SPACE_SLOTS: u32 = 1 << 18;
/// Lowest address of the arena region; the raw allocator's mappings live below.
pub(crate) const ARENA_SPACE_BOTTOM: Addr =
    ARENA_SPACE_TOP - ARENA_SPACE_SLOTS as Addr * ARENA_SIZE as Addr;

const _: () = assert!(ARENA_SPACE_TOP.is_multiple_of(PAGE_SIZE as Addr));
const _: () = assert!(!ARENA_SPACE_TOP.is_multiple_of(POOL_SIZE as Addr));

/// Which 1 MiB slots of the arena region are mapped, and by which arena.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct ArenaSpace {
    /// Slot number (0 = highest address) to arena object index, or `NIL`.
    owner: Vec<u32>,
    /// Unmapped slots below the lowest slot ever used.
    holes: Vec<u32>,
}

impl ArenaSpace {
    /// `mmap` 1 MiB for arena object `arena`: the highest free slot, or a new
    /// one below all others. `None` when the region is exhausted.
    pub(crate) fn map(&mut self, arena: u32) -> Option<Addr> {
        let slot = if let Some((i, _)) = self.holes.iter().enumerate().min_by_key(|(_, &s)| s) {
            self.holes.swap_remove(i)
        } else if (self.owner.len() as u32) < ARENA_SPACE_SLOTS {
            self.owner.push(NIL);
            self.owner.len() as u32 - 1
        } else {
            return None;
        };
        self.owner[slot as usize] = arena;
        Some(slot_address(slot))
    }

    /// `munmap` the arena at `address`.
    pub(crate) fn unmap(&mut self, address: Addr) {
        if let Some(slot) = slot_of(address) {
            if let Some(owner) = self.owner.get_mut(slot as usize) {
                *owner = NIL;
                self.holes.push(slot);
            }
        }
    }

    /// The arena object whose mapping contains `addr`, if any
    /// (`address_in_range`).
    #[inline]
    pub(crate) fn owner(&self, addr: Addr) -> Option<u32> {
        let slot = slot_of(addr)?;
        self.owner.get(slot as usize).copied().filter(|&a| a != NIL)
    }
}

fn slot_address(slot: u32) -> Addr {
    ARENA_SPACE_TOP - (slot as Addr + 1) * ARENA_SIZE as Addr
}

#[inline]
fn slot_of(addr: Addr) -> Option<u32> {
    if !(ARENA_SPACE_BOTTOM..ARENA_SPACE_TOP).contains(&addr) {
        return None;
    }
    Some(((ARENA_SPACE_TOP - 1 - addr) / ARENA_SIZE as Addr) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arenas_are_page_aligned_not_pool_aligned_and_reuse_the_highest_hole() {
        let mut space = ArenaSpace::default();
        let a = space.map(0).unwrap();
        let b = space.map(1).unwrap();
        let c = space.map(2).unwrap();
        assert_eq!(a % PAGE_SIZE as Addr, 0);
        assert_ne!(a % POOL_SIZE as Addr, 0);
        assert_eq!(a - b, ARENA_SIZE as Addr, "top-down, adjacent");
        assert_eq!(space.owner(b), Some(1));
        assert_eq!(space.owner(b + ARENA_SIZE as Addr - 1), Some(1));
        assert_eq!(space.owner(b - 1), Some(2));
        space.unmap(c);
        space.unmap(a);
        assert_eq!(space.owner(a), None);
        assert_eq!(space.map(7), Some(a), "the highest hole first");
        assert_eq!(space.map(8), Some(c));

        let mut arena = Arena::unassociated(NIL);
        arena.associate(a);
        assert_eq!(arena.ntotalpools, 63);
        assert_eq!(arena.first_pool() % POOL_SIZE as Addr, 0);
        assert!(arena.first_pool() + 63 * (POOL_SIZE as Addr) <= a + ARENA_SIZE as Addr);
    }
}
