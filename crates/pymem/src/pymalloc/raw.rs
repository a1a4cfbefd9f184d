//! The raw allocator (`PyMem_RawMalloc`, i.e. glibc `malloc`): a small,
//! deterministic model of glibc 2.36 on x86-64, good for realistic addresses
//! and byte totals, not for glibc's exact placement decisions.
//!
//! What is modelled:
//! - Chunk sizes: a request of `n` bytes (0 counts as 1, as `PyMem_RawMalloc`
//!   asks for) takes a chunk of `max(32, round_up(n + 8, 16))` bytes; the user
//!   pointer is 16 bytes into the chunk, so consecutive fresh chunks are
//!   exactly one chunk size apart.
//! - Two regions: chunks under the mmap threshold (128 KiB) come from the
//!   `brk` heap, which starts at a low address after glibc's 0x290-byte tcache
//!   chunk and grows up; larger chunks are `mmap`ed one by one, page-rounded
//!   (`round_up(chunk + 8, 4096)`), in a region below the arenas growing down,
//!   with the user pointer 16 bytes past the page boundary.
//! - Reuse: a freed chunk goes on a LIFO bin of its exact chunk size, and the
//!   next request of that chunk size gets it back (like tcache and fastbins).
//! - realloc: shrinking stays in place (a heap chunk splits off a tail of 32
//!   bytes or more; an mmapped chunk gives back whole pages, like `mremap`);
//!   a heap chunk at the top of the heap grows in place; anything else moves.
//!
//! What is approximated: no coalescing of neighbouring free chunks, no
//! splitting of larger free chunks to serve smaller requests, no heap
//! trimming, a fixed mmap threshold (glibc raises it dynamically after an
//! mmapped chunk is freed), and freed mappings are reused only by mappings of
//! the same size.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::{Deserialize, Serialize};

use super::arena::ARENA_SPACE_BOTTOM;
use super::config::PAGE_SIZE;
use super::Addr;

/// Start of the simulated `brk` heap (just after a position-independent
/// executable, as on x86-64 Linux).
pub(crate) const HEAP_BASE: Addr = 0x55c8_3a41_2000;
/// glibc's first heap chunk holds the thread's tcache bookkeeping.
const TCACHE_CHUNK: u64 = 0x290;
/// Top of the region for `mmap`ed chunks: just below the arena region.
pub(crate) const MMAP_TOP: Addr = ARENA_SPACE_BOTTOM;
/// `M_MMAP_THRESHOLD` default: chunks of this size or more are mmapped.
pub(crate) const MMAP_THRESHOLD: u64 = 128 * 1024;
/// Requests above this are clamped (1 TiB); the interpreter is expected to
/// raise `MemoryError` long before asking for that much.
pub(crate) const MAX_REQUEST: u64 = 1 << 40;
const SIZE_SZ: u64 = 8;
const MIN_CHUNK: u64 = 32;
const MALLOC_ALIGNMENT: u64 = 16;
/// Offset of the user pointer inside a chunk (`prev_size` and `size` words).
const CHUNK_HEADER: u64 = 2 * SIZE_SZ;

/// A deterministic hash for addresses and sizes (std's default hasher is
/// randomly seeded).
#[derive(Clone, Copy, Default)]
pub(crate) struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type AddrMap<V> = HashMap<u64, V, BuildHasherDefault<AddrHasher>>;

/// One live raw allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RawChunk {
    /// Bytes the caller asked for (0 stays 0 here).
    pub(crate) size: u64,
    /// Bytes the chunk occupies (page-rounded mapping when mmapped).
    pub(crate) chunk: u64,
    pub(crate) mmapped: bool,
}

/// What a raw operation did to mappings, for the event log.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MapChange {
    pub(crate) mapped: Option<(Addr, u64)>,
    pub(crate) unmapped: Option<(Addr, u64)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct RawAllocator {
    /// End of the heap: the next fresh heap chunk starts here.
    heap_top: Addr,
    /// Lowest mapped address of the mmap region.
    mmap_bottom: Addr,
    /// Live allocations by user address.
    pub(crate) live: AddrMap<RawChunk>,
    /// Free heap chunks (user addresses) by chunk size, last freed last.
    heap_bins: AddrMap<Vec<Addr>>,
    /// Unmapped address ranges (user addresses) by mapping size.
    mmap_bins: AddrMap<Vec<Addr>>,
    /// Sum of `size` over live allocations.
    pub(crate) requested_bytes: u64,
    /// Sum of `chunk` over live allocations.
    pub(crate) chunk_bytes: u64,
}

impl Default for RawAllocator {
    fn default() -> Self {
        RawAllocator {
            heap_top: HEAP_BASE + TCACHE_CHUNK,
            mmap_bottom: MMAP_TOP,
            live: AddrMap::default(),
            heap_bins: AddrMap::default(),
            mmap_bins: AddrMap::default(),
            requested_bytes: 0,
            chunk_bytes: 0,
        }
    }
}

/// glibc's `request2size`, with 0 treated as 1 and huge requests clamped.
fn chunk_size(nbytes: u64) -> u64 {
    let n = nbytes.clamp(1, MAX_REQUEST);
    (n + SIZE_SZ)
        .next_multiple_of(MALLOC_ALIGNMENT)
        .max(MIN_CHUNK)
}

/// Size of the mapping for an mmapped chunk of `chunk` bytes.
fn mapping_size(chunk: u64) -> u64 {
    (chunk + SIZE_SZ).next_multiple_of(PAGE_SIZE as u64)
}

impl RawAllocator {
    /// `malloc(nbytes)`: the user address and any new mapping.
    pub(crate) fn malloc(&mut self, nbytes: u64) -> (Addr, MapChange) {
        let size = nbytes.min(MAX_REQUEST);
        let nb = chunk_size(size);
        let mut change = MapChange::default();
        let (addr, chunk, mmapped) = if nb < MMAP_THRESHOLD {
            let addr = match self.heap_bins.get_mut(&nb).and_then(Vec::pop) {
                Some(addr) => addr,
                None => {
                    let chunk_start = self.heap_top;
                    self.heap_top = self.heap_top.saturating_add(nb);
                    chunk_start + CHUNK_HEADER
                }
            };
            (addr, nb, false)
        } else {
            let len = mapping_size(nb);
            let addr = match self.mmap_bins.get_mut(&len).and_then(Vec::pop) {
                Some(addr) => addr,
                None => {
                    self.mmap_bottom = self.mmap_bottom.saturating_sub(len);
                    self.mmap_bottom + CHUNK_HEADER
                }
            };
            change.mapped = Some((addr - CHUNK_HEADER, len));
            (addr, len, true)
        };
        self.live.insert(
            addr,
            RawChunk {
                size,
                chunk,
                mmapped,
            },
        );
        self.requested_bytes += size;
        self.chunk_bytes += chunk;
        (addr, change)
    }

    /// `free(addr)`: the chunk freed, or `None` if `addr` is not live.
    pub(crate) fn free(&mut self, addr: Addr) -> Option<(RawChunk, MapChange)> {
        let chunk = self.live.remove(&addr)?;
        self.requested_bytes -= chunk.size;
        self.chunk_bytes -= chunk.chunk;
        let mut change = MapChange::default();
        if chunk.mmapped {
            self.mmap_bins.entry(chunk.chunk).or_default().push(addr);
            change.unmapped = Some((addr - CHUNK_HEADER, chunk.chunk));
        } else {
            self.heap_bins.entry(chunk.chunk).or_default().push(addr);
        }
        Some((chunk, change))
    }

    /// `realloc(addr, nbytes)` of a live chunk: the new user address, or
    /// `None` if `addr` is not live.
    pub(crate) fn realloc(&mut self, addr: Addr, nbytes: u64) -> Option<(Addr, MapChange)> {
        let old = *self.live.get(&addr)?;
        let size = nbytes.min(MAX_REQUEST);
        let nb = chunk_size(size);
        let new_chunk = if old.mmapped { mapping_size(nb) } else { nb };
        let chunk_start = addr - CHUNK_HEADER;
        let at_top = !old.mmapped && chunk_start + old.chunk == self.heap_top;

        let in_place = if new_chunk <= old.chunk {
            // Shrink in place; give back the tail when it can stand alone.
            let tail = old.chunk - new_chunk;
            if old.mmapped || tail >= MIN_CHUNK {
                if at_top {
                    self.heap_top -= tail;
                } else if !old.mmapped {
                    self.heap_bins
                        .entry(tail)
                        .or_default()
                        .push(chunk_start + new_chunk + CHUNK_HEADER);
                }
                Some(new_chunk)
            } else {
                Some(old.chunk)
            }
        } else if at_top && nb < MMAP_THRESHOLD {
            // Grow into the top of the heap.
            self.heap_top = self.heap_top.saturating_add(new_chunk - old.chunk);
            Some(new_chunk)
        } else {
            None
        };

        match in_place {
            Some(chunk) => {
                self.requested_bytes = self.requested_bytes - old.size + size;
                self.chunk_bytes = self.chunk_bytes - old.chunk + chunk;
                self.live.insert(
                    addr,
                    RawChunk {
                        size,
                        chunk,
                        mmapped: old.mmapped,
                    },
                );
                Some((addr, MapChange::default()))
            }
            None => {
                // Move: malloc, copy, free.
                let (new_addr, mapped) = self.malloc(size);
                let (_, unmapped) = self.free(addr)?;
                Some((
                    new_addr,
                    MapChange {
                        mapped: mapped.mapped,
                        unmapped: unmapped.unmapped,
                    },
                ))
            }
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.live.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heap_chunks_are_one_chunk_size_apart_and_reused_lifo() {
        let mut raw = RawAllocator::default();
        let (a, _) = raw.malloc(600);
        let (b, _) = raw.malloc(600);
        assert_eq!(a, HEAP_BASE + 0x290 + 16);
        assert_eq!(b - a, 608, "600 + 8, a multiple of 16");
        let (c, _) = raw.malloc(1);
        assert_eq!(raw.live[&c].chunk, 32, "minimum chunk");
        raw.free(a).unwrap();
        raw.free(b).unwrap();
        assert_eq!(raw.malloc(595).0, b, "same chunk size, last freed first");
        assert_eq!(raw.malloc(600).0, a);
        assert!(raw.free(12345).is_none());
    }

    #[test]
    fn large_chunks_are_mmapped_page_rounded() {
        let mut raw = RawAllocator::default();
        // The list buffer of `[i for i in range(1000000)]` (cpython-facts §12).
        let (a, change) = raw.malloc(8_448_672);
        assert_eq!(a % PAGE_SIZE as Addr, 16);
        assert_eq!(change.mapped, Some((a - 16, 8_450_048)));
        assert!(a < MMAP_TOP);
        let (_, change) = raw.free(a).unwrap();
        assert_eq!(change.unmapped, Some((a - 16, 8_450_048)));
        assert_eq!(raw.chunk_bytes, 0);
    }

    #[test]
    fn realloc_grows_at_the_top_in_place_and_moves_otherwise() {
        let mut raw = RawAllocator::default();
        let (a, _) = raw.malloc(1000);
        let (a2, _) = raw.realloc(a, 2000).unwrap();
        assert_eq!(a2, a, "top chunk grows in place");
        let (b, _) = raw.malloc(1000);
        let (a3, _) = raw.realloc(a, 4000).unwrap();
        assert_ne!(a3, a, "no longer at the top: moves");
        assert!(a3 > b);
        let (a4, _) = raw.realloc(a3, 100).unwrap();
        assert_eq!(a4, a3, "shrinks in place");
        assert_eq!(raw.live[&a4].chunk, 112);
        assert_eq!(raw.chunk_bytes, 112 + 1008);
        assert_eq!(raw.requested_bytes, 100 + 1000);
    }
}
