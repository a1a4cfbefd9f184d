//! The tunables of pymalloc and every number derived from them.
//!
//! CPython 3.11 (`Objects/obmalloc.c`, 64-bit build with the radix tree) fixes
//! four tunables: the alignment shift, the small-request threshold and the
//! pool and arena bit widths. Everything else (size-class count, pools per
//! arena, blocks per pool, the pool header size) is computed here, so the
//! numbers cannot drift apart, and a test checks the results against what the
//! real interpreter reports in `sys._debugmallocstats()`. The UI legend reads
//! the same constants.

/// Block sizes are multiples of `1 << ALIGNMENT_SHIFT` bytes (16 on 64-bit).
pub const ALIGNMENT_SHIFT: u32 = 4;
/// Requests of 1..=`SMALL_REQUEST_THRESHOLD` bytes are served by pymalloc;
/// 0 and larger requests go to the raw allocator (`PyMem_RawMalloc`).
pub const SMALL_REQUEST_THRESHOLD: usize = 512;
/// A pool is `1 << POOL_BITS` bytes (16 KiB since 3.10).
pub const POOL_BITS: u32 = 14;
/// An arena is `1 << ARENA_BITS` bytes (1 MiB since 3.10).
pub const ARENA_BITS: u32 = 20;

/// `ALIGNMENT`: the block size step and the alignment of every block.
pub const ALIGNMENT: usize = 1 << ALIGNMENT_SHIFT;
/// `NB_SMALL_SIZE_CLASSES`: 512 / 16 = 32.
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD >> ALIGNMENT_SHIFT;
/// `POOL_SIZE`: 16,384 bytes.
pub const POOL_SIZE: usize = 1 << POOL_BITS;
/// `ARENA_SIZE`: 1,048,576 bytes.
pub const ARENA_SIZE: usize = 1 << ARENA_BITS;
/// `MAX_POOLS_IN_ARENA`: 64 pool-sized slots in an arena.
pub const MAX_POOLS_IN_ARENA: usize = ARENA_SIZE / POOL_SIZE;

/// Byte sizes of the fields of CPython's `struct pool_header` on a 64-bit
/// build, in order: `ref` (a union padded to a pointer), `freeblock`,
/// `nextpool`, `prevpool`, `arenaindex`, `szidx`, `nextoffset`,
/// `maxnextoffset`.
const POOL_HEADER_FIELDS: [usize; 8] = [8, 8, 8, 8, 4, 4, 4, 4];

/// `POOL_OVERHEAD`: `sizeof(struct pool_header)` rounded up to `ALIGNMENT`,
/// i.e. the offset of the first block in a pool (48 bytes).
pub const POOL_OVERHEAD: usize = round_up(sum(&POOL_HEADER_FIELDS), ALIGNMENT);

/// Page size of the simulated Linux kernel: `mmap` returns page-aligned
/// addresses.
pub const PAGE_SIZE: usize = 4096;

/// Pools an arena really offers. `mmap` only guarantees page alignment, so an
/// arena base is (in this simulation, always) not pool-aligned: CPython skips
/// the partial pool at the start (`new_arena`: `excess != 0`) and the arena
/// holds 63 pools instead of 64. The skipped bytes are what
/// `_debugmallocstats` calls "bytes lost to arena alignment".
pub const POOLS_PER_ARENA: usize = MAX_POOLS_IN_ARENA - 1;

/// Bytes per arena lost to pool alignment (one pool's worth, as CPython counts).
pub const ARENA_ALIGNMENT_LOSS: usize = POOL_SIZE;

/// `INITIAL_ARENA_OBJECTS`: the first size of the `arenas` vector; it doubles
/// whenever it runs out of unassociated arena objects.
pub const INITIAL_ARENA_OBJECTS: usize = 16;

/// Block size of size class `szidx` (`INDEX2SIZE`).
pub const fn index2size(szidx: usize) -> usize {
    (szidx + 1) << ALIGNMENT_SHIFT
}

/// Blocks that fit in one pool of size class `szidx` (`NUMBLOCKS`).
pub const fn blocks_per_pool(szidx: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / index2size(szidx)
}

const fn sum(fields: &[usize]) -> usize {
    let mut total = 0;
    let mut i = 0;
    while i < fields.len() {
        total += fields[i];
        i += 1;
    }
    total
}

const fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks per pool for each size class, as CPython 3.11.7 reports them
    /// (the "blocks in use" and "avail blocks" columns of
    /// `sys._debugmallocstats()` add up to these; see cpython-facts §2.1).
    const CPYTHON_BLOCKS_PER_POOL: [usize; 32] = [
        1021, 510, 340, 255, 204, 170, 145, 127, 113, 102, 92, 85, 78, 72, 68, 63, 60, 56, 53, 51,
        48, 46, 44, 42, 40, 39, 37, 36, 35, 34, 32, 31,
    ];

    #[test]
    fn derived_constants_match_cpython() {
        // "Small block threshold = 512, in 32 size classes."
        assert_eq!(NB_SMALL_SIZE_CLASSES, 32);
        // "1048576 bytes/arena", "16384 bytes" per unused pool.
        assert_eq!(ARENA_SIZE, 1_048_576);
        assert_eq!(POOL_SIZE, 16_384);
        assert_eq!(MAX_POOLS_IN_ARENA, 64);
        assert_eq!(POOLS_PER_ARENA, 63);
        // 3,024 bytes of pool headers over 63 pools.
        assert_eq!(POOL_OVERHEAD, 48);
        assert_eq!(POOL_OVERHEAD * 63, 3_024);
        assert_eq!(ALIGNMENT, 16);
        for (szidx, &expected) in CPYTHON_BLOCKS_PER_POOL.iter().enumerate() {
            assert_eq!(index2size(szidx), 16 * (szidx + 1));
            assert_eq!(blocks_per_pool(szidx), expected, "class {szidx}");
        }
        assert_eq!(
            index2size(NB_SMALL_SIZE_CLASSES - 1),
            SMALL_REQUEST_THRESHOLD
        );
    }
}
