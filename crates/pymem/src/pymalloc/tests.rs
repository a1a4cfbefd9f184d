//! Contract tests: the allocator as the rest of the engine sees it, checked
//! against CPython 3.11's rules (cpython-facts §2) and, where a number can be
//! measured, against what CPython 3.11.7 prints.

use std::collections::BTreeMap;

use super::config::{POOL_OVERHEAD, POOL_SIZE};
use super::*;

const MIB: u64 = 1 << 20;

fn block_of(placement: Placement) -> (ArenaId, PoolId, SizeClass, u16) {
    match placement {
        Placement::Block {
            arena,
            pool,
            szidx,
            block,
        } => (arena, pool, szidx, block),
        Placement::Raw { .. } => panic!("expected a pymalloc block, got {placement:?}"),
    }
}

fn malloc_n(a: &mut Allocator, n: usize, nbytes: usize) -> Vec<Addr> {
    (0..n).map(|_| a.malloc(nbytes).addr).collect()
}

fn pool_address(a: &Allocator, arena: ArenaId, pool: PoolId) -> Addr {
    a.pool_detail(arena, pool)
        .expect("pool exists")
        .pool
        .address
}

#[test]
fn blocks_sit_at_pool_base_plus_48_in_misaligned_arenas() {
    let mut a = Allocator::new();
    let first = a.malloc(32);
    let (arena, pool, szidx, block) = block_of(first.placement);
    assert_eq!(
        (arena, pool, szidx.index(), block),
        (ArenaId(0), PoolId(0), 1, 0)
    );

    let view = a.view();
    let arena_base = view.arenas[0].address;
    assert_eq!(arena_base % 4096, 0, "mmap returns page-aligned memory");
    assert_ne!(arena_base % POOL_SIZE as u64, 0, "but not pool-aligned");
    assert_eq!(view.arenas[0].ntotalpools, 63);
    let pool0 = arena_base.next_multiple_of(POOL_SIZE as u64);
    assert_eq!(view.arenas[0].pools[0].address, pool0);
    assert_eq!(first.addr, pool0 + POOL_OVERHEAD as u64);

    // Consecutive requests of one class take consecutive blocks.
    let second = a.malloc(17);
    assert_eq!(second.addr, first.addr + 32);
    assert_eq!(block_of(second.placement).3, 1);
    // Another class gets its own pool, the next one carved.
    let small = a.malloc(8);
    assert_eq!(small.addr, pool0 + POOL_SIZE as u64 + 48);
    assert_eq!(block_of(small.placement).1, PoolId(1));

    assert_eq!(
        a.take_events(),
        vec![
            AllocatorEvent::ArenaNew {
                arena: ArenaId(0),
                address: arena_base
            },
            AllocatorEvent::PoolInit {
                arena: ArenaId(0),
                pool: PoolId(0),
                szidx
            },
            AllocatorEvent::PoolInit {
                arena: ArenaId(0),
                pool: PoolId(1),
                szidx: SizeClass::for_request(8).unwrap()
            },
        ]
    );
    assert!(a.take_events().is_empty(), "take_events drains");
    let stats = a.stats();
    assert_eq!(stats.bytes_lost_to_arena_alignment, 16_384);
    assert_eq!(stats.unused_pools, 61);
    a.check_invariants();
}

#[test]
fn a_freed_block_is_the_next_one_handed_out() {
    let mut a = Allocator::new();
    let blocks = malloc_n(&mut a, 3, 32);
    a.free(blocks[1]);
    a.free(blocks[0]);
    assert_eq!(a.malloc(32).addr, blocks[0], "last freed, first reused");
    assert_eq!(a.malloc(25).addr, blocks[1]);
    assert_eq!(
        a.malloc(32).addr,
        blocks[2] + 32,
        "then the virgin area, in address order"
    );
    // A different class never takes the block.
    a.free(blocks[2]);
    assert_ne!(a.malloc(48).addr, blocks[2]);
    a.check_invariants();
}

#[test]
fn pools_go_full_then_used_then_empty() {
    let mut a = Allocator::new();
    let class = SizeClass::for_request(512).unwrap();
    assert_eq!(class.blocks_per_pool(), 31);
    let blocks = malloc_n(&mut a, 31, 512);
    let events = a.take_events();
    assert_eq!(
        events.last(),
        Some(&AllocatorEvent::PoolFull {
            arena: ArenaId(0),
            pool: PoolId(0)
        })
    );
    assert_eq!(a.view().arenas[0].pools[0].state, PoolState::Full);
    assert!(
        a.view().usedpools[31].is_empty(),
        "a full pool is on no list"
    );

    // The next request needs a new pool.
    let other = a.malloc(500);
    assert_eq!(block_of(other.placement).1, PoolId(1));

    // Freeing into a full pool puts it back at the front of usedpools.
    a.free(blocks[7]);
    assert_eq!(
        a.view().usedpools[31][0],
        PoolAt {
            arena: ArenaId(0),
            pool: PoolId(0)
        }
    );
    assert_eq!(a.view().arenas[0].pools[0].state, PoolState::Used);
    assert_eq!(a.malloc(512).addr, blocks[7], "the front pool serves first");
    a.free(blocks[7]);

    for &b in &blocks {
        a.free(b);
    }
    let events = a.take_events();
    assert_eq!(
        events.first(),
        Some(&AllocatorEvent::PoolInit {
            arena: ArenaId(0),
            pool: PoolId(1),
            szidx: class
        })
    );
    assert!(events.contains(&AllocatorEvent::PoolUsed {
        arena: ArenaId(0),
        pool: PoolId(0)
    }));
    assert_eq!(
        events.last(),
        Some(&AllocatorEvent::PoolEmpty {
            arena: ArenaId(0),
            pool: PoolId(0)
        })
    );
    let view = a.view();
    assert_eq!(view.arenas[0].pools[0].state, PoolState::Empty);
    assert_eq!(
        view.arenas[0].pools[0].szidx,
        Some(class),
        "an empty pool keeps its class"
    );
    assert_eq!(view.arenas[0].pools[1].state, PoolState::Used);
    assert_eq!(view.arenas[0].pools[2].state, PoolState::Uncarved);
    assert_eq!(a.stats().classes[31].num_pools, 1);
    assert_eq!(a.stats().unused_pools, 62);
    a.check_invariants();
}

#[test]
fn an_empty_pool_is_reused_as_is_by_its_class_and_reinitialised_by_another() {
    let mut a = Allocator::new();
    let blocks = malloc_n(&mut a, 3, 512);
    for &b in &blocks {
        a.free(b);
    }
    a.take_events();
    // Same class: the header is kept, and so is the free list (LIFO).
    let again = a.malloc(512);
    assert_eq!(again.addr, blocks[2]);
    assert_eq!(
        a.take_events(),
        vec![AllocatorEvent::PoolReuse {
            arena: ArenaId(0),
            pool: PoolId(0),
            szidx: SizeClass::for_request(512).unwrap()
        }]
    );
    a.free(again.addr);

    // Another class: the empty pool (preferred over carving) is re-initialised.
    let other = a.malloc(64);
    let (_, pool, szidx, block) = block_of(other.placement);
    assert_eq!((pool, szidx.index(), block), (PoolId(0), 3, 0));
    assert_eq!(other.addr, blocks[0], "block 0 of the re-initialised pool");
    assert_eq!(a.malloc(64).addr, blocks[0] + 64);
    assert!(matches!(
        a.take_events()[1],
        AllocatorEvent::PoolInit {
            pool: PoolId(0),
            ..
        }
    ));
    a.check_invariants();
}

#[test]
fn new_pools_come_from_the_arena_with_the_fewest_free_pools() {
    let mut a = Allocator::new();
    // Two full arenas of 512-byte blocks (63 pools × 31 blocks) and one pool more.
    let per_arena = 63 * 31;
    let blocks = malloc_n(&mut a, 2 * per_arena + 1, 512);
    assert_eq!(a.stats().arenas_allocated_current, 3);
    let pool_blocks = |arena: u32, pool: u16| -> Vec<Addr> {
        blocks
            .iter()
            .copied()
            .filter(|&b| {
                let (ar, p, _, _) = block_of(a.placement(b).unwrap());
                ar == ArenaId(arena) && p == PoolId(pool)
            })
            .collect()
    };
    let (a0p5, a0p9, a0p2, a1p4) = (
        pool_blocks(0, 5),
        pool_blocks(0, 9),
        pool_blocks(0, 2),
        pool_blocks(1, 4),
    );
    // Empty three pools of arena 0 and one of arena 1.
    for b in a0p5.iter().chain(&a0p9).chain(&a0p2).chain(&a1p4) {
        a.free(*b);
    }
    let view = a.view();
    assert_eq!(
        view.usable_arenas,
        vec![ArenaId(1), ArenaId(0), ArenaId(2)],
        "sorted by nfreepools"
    );
    // The grid lists arenas by address; arenas are mapped top-down.
    assert_eq!(
        view.arenas
            .iter()
            .map(|x| (x.id, x.nfreepools))
            .collect::<Vec<_>>(),
        vec![(ArenaId(2), 62), (ArenaId(1), 1), (ArenaId(0), 3)]
    );
    a.check_invariants();

    // A class with no used pool takes a pool from the head arena (1)...
    let x = a.malloc(16);
    assert_eq!(block_of(x.placement).0, ArenaId(1));
    assert_eq!(block_of(x.placement).1, PoolId(4));
    // ...which is now wholly used, so the next new pool comes from arena 0,
    // whose empty pools are reused last-emptied first.
    let y = a.malloc(32);
    assert_eq!(
        (block_of(y.placement).0, block_of(y.placement).1),
        (ArenaId(0), PoolId(2))
    );
    let z = a.malloc(48);
    assert_eq!(
        (block_of(z.placement).0, block_of(z.placement).1),
        (ArenaId(0), PoolId(9))
    );
    assert_eq!(a.view().usable_arenas, vec![ArenaId(0), ArenaId(2)]);
    a.check_invariants();
}

/// cpython-facts §2.4 and conformance case c26: with `-I -S`, CPython 3.11.7
/// holds 34 arenas while a list of 1,000,000 medium ints (32-byte blocks) is
/// alive, and 4 after `del` (30 reclaimed). The interpreter does not run c26
/// itself (it reads `sys._debugmallocstats` through `os.dup2`), so its numbers
/// are reproduced here: startup data is modelled as 150 pools of 64-byte
/// blocks, which spill into a third arena as CPython's startup heap does.
#[test]
fn c26_one_million_ints_then_del_leaves_four_arenas() {
    let mut a = Allocator::new();
    let startup = malloc_n(&mut a, 150 * 255, 64);
    let ints = malloc_n(&mut a, 1_000_000, 32);
    let s1 = a.stats();
    assert_eq!((s1.arenas_allocated_current, s1.arenas_reclaimed), (34, 0));
    // `del x`: list_dealloc decrefs the items from the last to the first.
    for &addr in ints.iter().rev() {
        a.free(addr);
    }
    let s2 = a.stats();
    assert_eq!((s2.arenas_allocated_current, s2.arenas_reclaimed), (4, 30));
    assert_eq!(s2.arenas_highwater, 34);
    assert_eq!(
        s1.arenas_allocated_current - s2.arenas_allocated_current,
        30
    );
    // Three arenas still hold startup data; one is wholly free and kept.
    let view = a.view();
    let wholly_free: Vec<_> = view
        .arenas
        .iter()
        .filter(|x| x.nfreepools == x.ntotalpools)
        .collect();
    assert_eq!(wholly_free.len(), 1);
    a.check_invariants();

    // The header lines c26 prints.
    let text = s2.to_string();
    assert!(text.starts_with("Small block threshold = 512, in 32 size classes.\n"));
    assert!(text.contains("4 arenas * 1048576 bytes/arena     =            4,194,304\n"));
    assert!(text.contains("# arenas reclaimed                 =                   30\n"));
    assert!(text.contains(" unused pools * 16384 bytes"));
    drop(startup);
}

#[test]
fn at_most_one_wholly_free_arena_is_kept_whatever_the_free_order() {
    let per_arena = 63 * 31;
    let mut a = Allocator::new();
    let blocks = malloc_n(&mut a, 5 * per_arena, 512);
    assert_eq!(a.stats().arenas_allocated_current, 5);
    a.take_events();
    // Free every other arena's worth first, then the rest, front to back.
    let (even, odd): (Vec<_>, Vec<_>) = blocks
        .chunks(per_arena)
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    for (_, chunk) in even.iter().chain(odd.iter()) {
        for &b in chunk.iter() {
            a.free(b);
        }
        a.check_invariants();
    }
    let stats = a.stats();
    assert_eq!(
        (stats.arenas_allocated_current, stats.arenas_reclaimed),
        (1, 4)
    );
    let freed: Vec<_> = a
        .take_events()
        .into_iter()
        .filter_map(|e| match e {
            AllocatorEvent::ArenaFreed { arena, .. } => Some(arena),
            _ => None,
        })
        .collect();
    assert_eq!(freed.len(), 4);

    // The kept arena serves the next allocations: no new mapping.
    let kept = a.view().arenas[0].id;
    let x = a.malloc(100);
    assert_eq!(block_of(x.placement).0, kept);
    assert!(!a
        .take_events()
        .iter()
        .any(|e| matches!(e, AllocatorEvent::ArenaNew { .. })));
}

#[test]
fn arena_objects_and_addresses_are_reused() {
    let per_arena = 63 * 31;
    let mut a = Allocator::new();
    let blocks = malloc_n(&mut a, 3 * per_arena, 512);
    let addresses: Vec<Addr> = {
        let mut v: Vec<_> = a.view().arenas.iter().map(|x| (x.id, x.address)).collect();
        v.sort();
        v.into_iter().map(|(_, addr)| addr).collect()
    };
    assert_eq!(
        addresses[0] - addresses[1],
        MIB,
        "each new arena just below the previous"
    );
    // Empty arenas 0 and 1 in turn. Arena 0 is then the only usable arena,
    // so it is kept although wholly free; arena 1 empties while arena 0
    // follows it in usable_arenas, so it goes back to the OS.
    for &b in &blocks[..2 * per_arena] {
        a.free(b);
    }
    let events = a.take_events();
    let freed: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            AllocatorEvent::ArenaFreed { arena, address } => Some((*arena, *address)),
            _ => None,
        })
        .collect();
    assert_eq!(freed, vec![(ArenaId(1), addresses[1])]);
    // Fill arena 0 again and need one more arena: it reuses object 1 and its hole.
    let refill = malloc_n(&mut a, per_arena + 1, 512);
    let new: Vec<_> = a
        .take_events()
        .into_iter()
        .filter_map(|e| match e {
            AllocatorEvent::ArenaNew { arena, address } => Some((arena, address)),
            _ => None,
        })
        .collect();
    assert_eq!(new, vec![(ArenaId(1), addresses[1])]);
    assert_eq!(refill.len(), per_arena + 1);
    a.check_invariants();
}

#[test]
fn realloc_keeps_a_block_that_stays_above_three_quarters() {
    let mut a = Allocator::new();
    let x = a.malloc(100); // 112-byte block
    assert_eq!(a.realloc(x.addr, 112), x);
    assert_eq!(a.realloc(x.addr, 85), x, "4 * 85 = 340 > 336");
    let moved = a.realloc(x.addr, 84); // 4 * 84 = 336: not above 3/4
    assert_ne!(moved.addr, x.addr);
    assert_eq!(block_of(moved.placement).2.block_size(), 96);
    assert_eq!(a.placement(x.addr), None, "the old block was freed");
    // Growing within pymalloc moves to the bigger class.
    let grown = a.realloc(moved.addr, 200);
    assert_eq!(block_of(grown.placement).2.block_size(), 208);
    assert_eq!(a.placement(moved.addr), None);
    a.check_invariants();
}

#[test]
fn realloc_moves_to_raw_above_512_and_for_0_bytes() {
    let mut a = Allocator::new();
    let x = a.malloc(500);
    let big = a.realloc(x.addr, 600);
    assert_eq!(big.placement, Placement::Raw { size: 600 });
    assert_eq!(a.placement(x.addr), None);
    // A raw allocation stays raw, even when it becomes small.
    let small = a.realloc(big.addr, 10);
    assert_eq!(small.placement, Placement::Raw { size: 10 });
    assert_eq!(small.addr, big.addr, "shrinking in place");

    let y = a.malloc(16);
    let zero = a.realloc(y.addr, 0);
    assert_eq!(zero.placement, Placement::Raw { size: 0 });
    assert_eq!(a.placement(y.addr), None);
    // realloc(NULL, n) is malloc(n).
    assert!(matches!(
        a.realloc(0, 40).placement,
        Placement::Block { .. }
    ));
    a.check_invariants();
}

#[test]
fn zero_and_large_requests_fall_back_to_raw() {
    let mut a = Allocator::new();
    let zero = a.malloc(0);
    assert_eq!(zero.placement, Placement::Raw { size: 0 });
    assert_eq!(
        a.stats().raw_chunk_bytes,
        32,
        "malloc(1): the minimum chunk"
    );
    assert_eq!(a.malloc(513).placement, Placement::Raw { size: 513 });
    assert_eq!(block_of(a.malloc(512).placement).2.index(), 31);
    assert_eq!(a.raw_malloc(8).placement, Placement::Raw { size: 8 });
    assert_eq!(a.stats().raw_count, 3);
    assert_eq!(a.stats().arenas_allocated_current, 1);
    assert_eq!(a.free(zero.addr).placement, Placement::Raw { size: 0 });
    assert_eq!(a.stats().raw_count, 2);
}

#[test]
fn stats_after_mixed_operations_match_debugmallocstats_accounting() {
    let mut a = Allocator::new();
    let small = malloc_n(&mut a, 10, 32);
    malloc_n(&mut a, 3, 512);
    a.malloc(600);
    a.malloc(0);
    a.free(small[3]);
    a.free(small[8]);
    let s = a.stats();
    assert_eq!(
        (
            s.arenas_allocated_total,
            s.arenas_reclaimed,
            s.arenas_highwater,
            s.arenas_allocated_current
        ),
        (1, 0, 1, 1)
    );
    let c1 = s.classes[1];
    assert_eq!(
        (c1.size, c1.num_pools, c1.blocks_in_use, c1.avail_blocks),
        (32, 1, 8, 502)
    );
    let c31 = s.classes[31];
    assert_eq!(
        (c31.size, c31.num_pools, c31.blocks_in_use, c31.avail_blocks),
        (512, 1, 3, 28)
    );
    assert_eq!(s.bytes_in_allocated_blocks, 8 * 32 + 3 * 512);
    assert_eq!(s.bytes_in_available_blocks, 502 * 32 + 28 * 512);
    assert_eq!(s.unused_pools, 61);
    assert_eq!(s.bytes_lost_to_pool_headers, 2 * 48);
    assert_eq!(s.bytes_lost_to_quantization, 16_336 % 32 + 16_336 % 512);
    assert_eq!(s.bytes_lost_to_arena_alignment, 16_384);
    assert_eq!(s.total(), MIB);
    assert_eq!(
        (s.raw_count, s.raw_bytes, s.raw_chunk_bytes),
        (2, 600, 608 + 32)
    );

    let text = s.to_string();
    assert!(text.contains("    1     32           1               8           502\n"));
    assert!(text.contains("   31    512           1               3            28\n"));
    assert!(text.contains("61 unused pools * 16384 bytes      =              999,424\n"));
    assert!(text.ends_with("Total                              =            1,048,576\n"));
    assert!(
        !text.contains("    0     16"),
        "classes without pools are not printed"
    );
}

#[test]
fn mapped_bytes_counts_arenas_and_live_raw_chunks() {
    let mut a = Allocator::new();
    assert_eq!(a.mapped_bytes(), 0);
    let x = a.malloc(32);
    assert_eq!(a.mapped_bytes(), MIB);
    // The item buffer of a 1,000,000-item list built by appending.
    let buffer = a.malloc(8_448_672);
    assert_eq!(a.mapped_bytes(), MIB + 8_450_048);
    let events = a.take_events();
    assert!(matches!(
        events.last(),
        Some(AllocatorEvent::RawMapped {
            bytes: 8_450_048,
            ..
        })
    ));
    a.free(buffer.addr);
    assert_eq!(a.mapped_bytes(), MIB);
    assert!(matches!(
        a.take_events()[..],
        [AllocatorEvent::RawUnmapped {
            bytes: 8_450_048,
            ..
        }]
    ));
    // The last arena is kept even when empty.
    a.free(x.addr);
    assert_eq!(a.mapped_bytes(), MIB);
}

#[test]
fn bad_frees_and_reallocs_change_nothing_and_never_panic() {
    let mut a = Allocator::new();
    let blocks = malloc_n(&mut a, 4, 32);
    let raw = a.malloc(1000).addr;
    a.free(blocks[2]);
    a.free(raw);
    a.take_events();
    let before = a.stats();
    let pool0 = pool_address(&a, ArenaId(0), PoolId(0));

    assert_eq!(a.try_free(0), Err(FreeError::Null));
    assert_eq!(
        a.try_free(blocks[2]),
        Err(FreeError::NotAllocated),
        "double free"
    );
    assert_eq!(
        a.try_free(blocks[0] + 8),
        Err(FreeError::NotABlockStart),
        "interior pointer"
    );
    assert_eq!(
        a.try_free(pool0),
        Err(FreeError::NotABlockStart),
        "pool header"
    );
    assert_eq!(
        a.try_free(pool0 - 8),
        Err(FreeError::NotABlockStart),
        "alignment gap"
    );
    assert_eq!(
        a.try_free(pool0 + 5 * POOL_SIZE as u64 + 48),
        Err(FreeError::NotABlockStart),
        "uncarved pool"
    );
    assert_eq!(
        a.try_free(blocks[3] + 5 * 32),
        Err(FreeError::NotAllocated),
        "virgin block"
    );
    assert_eq!(a.try_free(raw), Err(FreeError::Unknown), "raw double free");
    assert_eq!(a.try_free(0xdead_beef), Err(FreeError::Unknown));
    assert_eq!(a.try_realloc(blocks[2], 10), Err(FreeError::NotAllocated));
    assert_eq!(a.try_realloc(u64::MAX, 10), Err(FreeError::Unknown));
    assert!(a.take_events().is_empty(), "try_* record nothing");
    assert_eq!(a.stats(), before);

    assert_eq!(a.free(0).placement, Placement::Raw { size: 0 });
    assert!(a.take_events().is_empty(), "free(NULL) is a silent no-op");
    assert_eq!(a.free(blocks[2]).placement, Placement::Raw { size: 0 });
    assert_eq!(
        a.take_events(),
        vec![AllocatorEvent::BadFree {
            addr: blocks[2],
            error: FreeError::NotAllocated
        }]
    );
    assert_eq!(a.stats(), before);
    // realloc of a bad address allocates afresh and reports it.
    let fresh = a.realloc(raw, 20);
    assert_eq!(fresh.addr, blocks[2], "the LIFO block");
    assert_eq!(
        a.take_events(),
        vec![AllocatorEvent::BadFree {
            addr: raw,
            error: FreeError::Unknown
        }]
    );

    // Absurd sizes do not panic.
    let huge = a.malloc(usize::MAX);
    assert!(matches!(huge.placement, Placement::Raw { .. }));
    a.realloc(huge.addr, usize::MAX);
    a.raw_malloc(usize::MAX);
    a.check_invariants();
}

#[test]
fn view_lists_every_pool_and_summarises_many_raw_allocations() {
    let mut a = Allocator::new();
    malloc_n(&mut a, 600, 32);
    let raws: Vec<Addr> = (0..100).map(|i| a.malloc(1000 + i).addr).collect();
    let view = a.view();
    assert_eq!(view.arenas.len(), 1);
    let pools = &view.arenas[0].pools;
    assert_eq!(pools.len(), 63);
    assert_eq!(
        (pools[0].state, pools[0].used, pools[0].capacity),
        (PoolState::Full, 510, 510)
    );
    assert_eq!(
        (pools[1].state, pools[1].used, pools[1].capacity),
        (PoolState::Used, 90, 510)
    );
    assert_eq!(pools[2].state, PoolState::Uncarved);
    assert_eq!(pools[1].address - pools[0].address, POOL_SIZE as u64);
    assert_eq!(view.usable_arenas, vec![ArenaId(0)]);
    assert_eq!(
        view.usedpools[1],
        vec![PoolAt {
            arena: ArenaId(0),
            pool: PoolId(1)
        }]
    );

    assert_eq!(view.raw.count, 100);
    assert_eq!(view.raw.largest.len(), RAW_VIEW_LIMIT);
    assert_eq!(view.raw.largest[0].size, 1099, "largest first");
    assert_eq!(view.raw.omitted_count, 100 - RAW_VIEW_LIMIT as u64);
    let listed: u64 = view.raw.largest.iter().map(|r| r.size).sum();
    assert_eq!(listed + view.raw.omitted_bytes, view.raw.bytes);
    assert_eq!(view.raw.bytes, (1000..1100).sum::<u64>());
    drop(raws);
}

#[test]
fn pool_detail_shows_the_free_list_in_pop_order() {
    let mut a = Allocator::new();
    let blocks = malloc_n(&mut a, 4, 32);
    a.free(blocks[1]);
    a.free(blocks[3]);
    let detail = a.pool_detail(ArenaId(0), PoolId(0)).unwrap();
    assert_eq!(detail.first_block, blocks[0]);
    assert_eq!(detail.block_size, 32);
    assert_eq!(detail.free_list, vec![3, 1, 4]);
    assert_eq!(
        detail.blocks[..6],
        [
            BlockState::Live,
            BlockState::Free,
            BlockState::Live,
            BlockState::Free,
            BlockState::Free,
            BlockState::Virgin
        ]
    );
    assert_eq!(detail.blocks.len(), 510);
    assert_eq!(
        a.pool_detail(ArenaId(0), PoolId(5)).unwrap().pool.state,
        PoolState::Uncarved
    );
    assert_eq!(a.pool_detail(ArenaId(0), PoolId(63)), None);
    assert_eq!(a.pool_detail(ArenaId(3), PoolId(0)), None);
}

#[test]
fn event_recording_can_be_switched_off() {
    let mut a = Allocator::new();
    a.set_event_recording(false);
    malloc_n(&mut a, 2000, 512);
    assert!(a.take_events().is_empty());
    a.set_event_recording(true);
    a.malloc(16);
    assert_eq!(a.take_events().len(), 1);
}

/// A tiny linear congruential generator (Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_size(rng: &mut Lcg) -> usize {
    match rng.below(100) {
        0 => 0,
        1..=3 => 513 + rng.below(4000) as usize,
        4 => 100_000 + rng.below(200_000) as usize,
        _ => 1 + rng.below(512) as usize,
    }
}

/// Bytes an allocation really occupies, for the overlap check.
fn extent(p: Placement) -> u64 {
    match p {
        Placement::Block { szidx, .. } => szidx.block_size() as u64,
        Placement::Raw { size } => size.max(1) as u64,
    }
}

fn record(live: &mut BTreeMap<Addr, Placement>, a: &Allocator, got: Allocation) {
    let start = got.addr;
    let end = start + extent(got.placement);
    if let Some((&prev, &p)) = live.range(..start).next_back() {
        assert!(prev + extent(p) <= start, "{got:?} overlaps {prev:#x}");
    }
    if let Some((&next, _)) = live.range(start..).next() {
        assert!(end <= next, "{got:?} overlaps {next:#x}");
    }
    assert_eq!(a.placement(start), Some(got.placement));
    if let Placement::Block {
        arena,
        pool,
        szidx,
        block,
    } = got.placement
    {
        let base = pool_address(a, arena, pool);
        assert_eq!(start, base + 48 + block as u64 * szidx.block_size() as u64);
    }
    live.insert(start, got.placement);
}

#[test]
fn random_operations_keep_every_invariant() {
    let mut rng = Lcg(2024);
    let mut a = Allocator::new();
    let mut live: BTreeMap<Addr, Placement> = BTreeMap::new();
    let mut order: Vec<Addr> = Vec::new();
    for step in 0..40_000 {
        let op = rng.below(10);
        if op < 5 || order.is_empty() {
            let got = a.malloc(random_size(&mut rng));
            record(&mut live, &a, got);
            order.push(got.addr);
        } else if op < 8 {
            let i = rng.below(order.len() as u64) as usize;
            let addr = order.swap_remove(i);
            let expected = live.remove(&addr).unwrap();
            assert_eq!(a.free(addr).placement, expected);
        } else {
            let i = rng.below(order.len() as u64) as usize;
            let addr = order[i];
            let old = live.remove(&addr).unwrap();
            let nbytes = random_size(&mut rng);
            let got = a.realloc(addr, nbytes);
            if got.addr != addr {
                assert_eq!(a.placement(addr), None, "moved: the old allocation is gone");
            } else if let Placement::Block { szidx, .. } = old {
                assert!(nbytes <= szidx.block_size() && 4 * nbytes > 3 * szidx.block_size());
            }
            record(&mut live, &a, got);
            order[i] = got.addr;
        }
        if step % 2_000 == 0 || step == 39_999 {
            a.check_invariants();
            let s = a.stats();
            let blocks = live
                .values()
                .filter(|p| matches!(p, Placement::Block { .. }))
                .count() as u64;
            assert_eq!(
                s.classes.iter().map(|c| c.blocks_in_use).sum::<u64>(),
                blocks
            );
            let raw: Vec<_> = live
                .values()
                .filter_map(|p| match p {
                    Placement::Raw { size } => Some(*size as u64),
                    _ => None,
                })
                .collect();
            assert_eq!(s.raw_count, raw.len() as u64);
            assert_eq!(s.raw_bytes, raw.iter().sum::<u64>());
            assert_eq!(s.total(), s.arenas_allocated_current * MIB);
            assert_eq!(
                a.mapped_bytes(),
                s.arenas_allocated_current * MIB + s.raw_chunk_bytes
            );
        }
    }
    for addr in order.drain(..) {
        a.free(addr);
    }
    let s = a.stats();
    assert_eq!(
        s.arenas_allocated_current, 1,
        "everything freed: one empty arena kept"
    );
    assert_eq!(
        (s.raw_count, s.raw_bytes, s.bytes_in_allocated_blocks),
        (0, 0, 0)
    );
    a.check_invariants();
}

#[test]
fn runs_are_deterministic_and_clones_behave_identically() {
    let run = |a: &mut Allocator| -> Vec<Addr> {
        let mut rng = Lcg(7);
        let mut live = Vec::new();
        let mut out = Vec::new();
        for _ in 0..5_000 {
            if rng.below(3) < 2 || live.is_empty() {
                let got = a.malloc(random_size(&mut rng));
                live.push(got.addr);
                out.push(got.addr);
            } else {
                let i = rng.below(live.len() as u64) as usize;
                a.free(live.swap_remove(i));
            }
        }
        out
    };
    let mut first = Allocator::new();
    let mut second = Allocator::new();
    assert_eq!(run(&mut first), run(&mut second));
    let mut copy = first.clone();
    assert_eq!(run(&mut first), run(&mut copy));
    assert_eq!(first.take_events(), copy.take_events());
    assert_eq!(first.view(), copy.view());
}

#[test]
fn usable_arenas_stay_sorted_while_many_arenas_drain_in_random_order() {
    let mut rng = Lcg(99);
    let mut a = Allocator::new();
    // About 12 arenas of mixed classes, then free everything in random order,
    // with some allocations mixed in.
    let mut live: Vec<Addr> = (0..40_000)
        .map(|_| a.malloc(1 + rng.below(512) as usize).addr)
        .collect();
    let highwater = a.stats().arenas_allocated_current;
    assert!(highwater >= 10, "{highwater} arenas");
    let mut step = 0;
    while !live.is_empty() {
        let i = rng.below(live.len() as u64) as usize;
        a.free(live.swap_remove(i));
        if rng.below(10) == 0 {
            live.push(a.malloc(1 + rng.below(512) as usize).addr);
        }
        step += 1;
        if step % 1_000 == 0 {
            a.check_invariants();
        }
    }
    a.check_invariants();
    let s = a.stats();
    assert_eq!(s.arenas_allocated_current, 1);
    assert_eq!(s.arenas_reclaimed, s.arenas_allocated_total - 1);
}
