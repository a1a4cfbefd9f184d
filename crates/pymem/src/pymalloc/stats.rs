//! `AllocStats`: the numbers `sys._debugmallocstats()` prints
//! (`_PyObject_DebugMallocStats` in `Objects/obmalloc.c`), plus totals for
//! the raw allocator. Its `Display` reproduces CPython's text layout for the
//! part that concerns pymalloc, so `sys._debugmallocstats` can print it.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::{
    ARENA_SIZE, NB_SMALL_SIZE_CLASSES, POOL_OVERHEAD, POOL_SIZE, SMALL_REQUEST_THRESHOLD,
};
use super::obmalloc::Counters;
use super::raw::RawAllocator;
use super::size_class::SizeClass;

/// One row of the per-class table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassStats {
    pub szidx: SizeClass,
    /// Block size in bytes.
    pub size: u64,
    /// Pools with at least one live block ("num pools").
    pub num_pools: u64,
    /// Live blocks ("blocks in use").
    pub blocks_in_use: u64,
    /// Free blocks in those pools, virgin ones included ("avail blocks").
    pub avail_blocks: u64,
}

/// A snapshot of allocator totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocStats {
    /// "# arenas allocated total": arenas ever mapped.
    pub arenas_allocated_total: u64,
    /// "# arenas reclaimed": arenas returned to the OS.
    pub arenas_reclaimed: u64,
    /// "# arenas highwater mark".
    pub arenas_highwater: u64,
    /// "# arenas allocated current".
    pub arenas_allocated_current: u64,
    /// All 32 classes, including those with no pools (CPython prints only
    /// the rows with pools).
    pub classes: Vec<ClassStats>,
    /// "# bytes in allocated blocks".
    pub bytes_in_allocated_blocks: u64,
    /// "# bytes in available blocks".
    pub bytes_in_available_blocks: u64,
    /// "N unused pools": empty pools plus pools not yet carved.
    pub unused_pools: u64,
    /// "# bytes lost to pool headers".
    pub bytes_lost_to_pool_headers: u64,
    /// "# bytes lost to quantization": the tail of each pool too small for a block.
    pub bytes_lost_to_quantization: u64,
    /// "# bytes lost to arena alignment".
    pub bytes_lost_to_arena_alignment: u64,
    /// Live raw (glibc malloc) allocations, pymalloc's fallbacks included.
    pub raw_count: u64,
    /// Bytes requested by those allocations.
    pub raw_bytes: u64,
    /// Bytes of the chunks holding them (headers and rounding included).
    pub raw_chunk_bytes: u64,
}

impl AllocStats {
    pub(crate) fn new(c: &Counters, raw: &RawAllocator) -> AllocStats {
        let mut stats = AllocStats {
            arenas_allocated_total: c.ntimes_arena_allocated,
            arenas_reclaimed: c.ntimes_arena_allocated - c.narenas_currently_allocated,
            arenas_highwater: c.narenas_highwater,
            arenas_allocated_current: c.narenas_currently_allocated,
            classes: Vec::with_capacity(NB_SMALL_SIZE_CLASSES),
            bytes_in_allocated_blocks: 0,
            bytes_in_available_blocks: 0,
            unused_pools: c.numfreepools,
            bytes_lost_to_pool_headers: 0,
            bytes_lost_to_quantization: 0,
            bytes_lost_to_arena_alignment: c.arena_alignment,
            raw_count: raw.count() as u64,
            raw_bytes: raw.requested_bytes,
            raw_chunk_bytes: raw.chunk_bytes,
        };
        for szidx in SizeClass::all() {
            let i = szidx.index();
            let size = szidx.block_size() as u64;
            let (p, b) = (c.numpools[i], c.numblocks[i]);
            let f = p * szidx.blocks_per_pool() as u64 - b;
            stats.classes.push(ClassStats {
                szidx,
                size,
                num_pools: p,
                blocks_in_use: b,
                avail_blocks: f,
            });
            stats.bytes_in_allocated_blocks += b * size;
            stats.bytes_in_available_blocks += f * size;
            stats.bytes_lost_to_pool_headers += p * POOL_OVERHEAD as u64;
            stats.bytes_lost_to_quantization += p * ((POOL_SIZE - POOL_OVERHEAD) as u64 % size);
        }
        stats
    }

    /// Bytes in unused pools.
    pub fn bytes_in_unused_pools(&self) -> u64 {
        self.unused_pools * POOL_SIZE as u64
    }

    /// The sum of the accounting lines; always `arenas_allocated_current`
    /// times the arena size, as CPython asserts.
    pub fn total(&self) -> u64 {
        self.bytes_in_allocated_blocks
            + self.bytes_in_available_blocks
            + self.bytes_in_unused_pools()
            + self.bytes_lost_to_pool_headers
            + self.bytes_lost_to_quantization
            + self.bytes_lost_to_arena_alignment
    }
}

/// CPython's `printone`: the label padded to 35 columns, `=`, and the value
/// right-aligned in 21 columns with thousands separators.
fn printone(f: &mut fmt::Formatter<'_>, label: &str, value: u64) -> fmt::Result {
    writeln!(f, "{label:<35}={:>21}", with_commas(value))
}

fn with_commas(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for AllocStats {
    /// The pymalloc part of `sys._debugmallocstats()`, up to the first
    /// "Total" line (the arena-map and free-list sections are not modelled
    /// here).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes."
        )?;
        writeln!(f)?;
        writeln!(f, "class   size   num pools   blocks in use  avail blocks")?;
        writeln!(f, "-----   ----   ---------   -------------  ------------")?;
        for c in self.classes.iter().filter(|c| c.num_pools > 0) {
            writeln!(
                f,
                "{:>5} {:>6} {:>11} {:>15} {:>13}",
                c.szidx.index(),
                c.size,
                c.num_pools,
                c.blocks_in_use,
                c.avail_blocks
            )?;
        }
        writeln!(f)?;
        printone(f, "# arenas allocated total", self.arenas_allocated_total)?;
        printone(f, "# arenas reclaimed", self.arenas_reclaimed)?;
        printone(f, "# arenas highwater mark", self.arenas_highwater)?;
        printone(
            f,
            "# arenas allocated current",
            self.arenas_allocated_current,
        )?;
        let current = self.arenas_allocated_current;
        printone(
            f,
            &format!("{current} arenas * {ARENA_SIZE} bytes/arena"),
            current * ARENA_SIZE as u64,
        )?;
        writeln!(f)?;
        printone(
            f,
            "# bytes in allocated blocks",
            self.bytes_in_allocated_blocks,
        )?;
        printone(
            f,
            "# bytes in available blocks",
            self.bytes_in_available_blocks,
        )?;
        printone(
            f,
            &format!("{} unused pools * {POOL_SIZE} bytes", self.unused_pools),
            self.bytes_in_unused_pools(),
        )?;
        printone(
            f,
            "# bytes lost to pool headers",
            self.bytes_lost_to_pool_headers,
        )?;
        printone(
            f,
            "# bytes lost to quantization",
            self.bytes_lost_to_quantization,
        )?;
        printone(
            f,
            "# bytes lost to arena alignment",
            self.bytes_lost_to_arena_alignment,
        )?;
        printone(f, "Total", self.total())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printone_matches_cpython_layout() {
        // Lines copied from CPython 3.11.7's `sys._debugmallocstats()`.
        struct Line(&'static str, u64);
        impl fmt::Display for Line {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                printone(f, self.0, self.1)
            }
        }
        assert_eq!(
            Line("# arenas allocated total", 4).to_string(),
            "# arenas allocated total           =                    4\n"
        );
        assert_eq!(
            Line("4 arenas * 1048576 bytes/arena", 4_194_304).to_string(),
            "4 arenas * 1048576 bytes/arena     =            4,194,304\n"
        );
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(1000), "1,000");
        assert_eq!(with_commas(329_792), "329,792");
    }
}
