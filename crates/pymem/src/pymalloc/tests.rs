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
                szidx: szidx
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
