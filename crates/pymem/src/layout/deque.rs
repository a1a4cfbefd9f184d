//! `collections.deque`: a 232-byte object and a doubly linked chain of
//! 64-slot blocks, each a separate 528-byte `PyMem_Malloc`.
//!
//! Models Modules/_collectionsmodule.c of CPython 3.11. A new deque owns one
//! block with its two ends meeting in the middle (`leftindex` 32,
//! `rightindex` 31), so `append` and `appendleft` both get 32 slots before
//! they need a second block. `extend` into an empty deque instead starts
//! filling at slot 1 ("space saving heuristic"), which is what `deque(it)`
//! does. Each deque keeps up to 16 emptied blocks for reuse; they stay
//! allocated (and traced) but are not counted by `sys.getsizeof`, which
//! computes the block count from `leftindex + len`.

use serde::{Deserialize, Serialize};

use super::object::{Builtin, WORD};
use super::{Buffer, Effect, Request};

/// `BLOCKLEN`: item slots per block.
pub const BLOCKLEN: usize = 64;
/// `CENTER`: where a new deque's ends meet.
pub const CENTER: usize = (BLOCKLEN - 1) / 2;
/// `sizeof(block)`: `leftlink`, 64 slots, `rightlink`.
pub const BLOCK_SIZE: usize = (BLOCKLEN + 2) * WORD;
/// `MAXFREEBLOCKS`: emptied blocks a deque keeps for reuse.
pub const MAXFREEBLOCKS: usize = 16;

/// The block state of one deque.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DequeState {
    /// `Py_SIZE`: the number of items.
    pub len: usize,
    /// Slot of the first item in the leftmost block.
    pub leftindex: usize,
    /// Slot of the last item in the rightmost block, plus one (CPython's
    /// `rightindex + 1`, so that it is never negative).
    pub rightend: usize,
    /// Blocks in the chain.
    pub nblocks: usize,
    /// `numfreeblocks`: emptied blocks kept for reuse.
    pub numfreeblocks: usize,
    /// `maxlen`, `None` for unbounded.
    pub maxlen: Option<usize>,
}

/// The request for one block.
pub const fn block_request() -> Request {
    Request::mem(BLOCK_SIZE)
}

impl DequeState {
    /// `deque()` / `deque(maxlen=m)`: `deque_new` allocates the first block
    /// (the object itself comes from `PyType_GenericAlloc`).
    pub fn new(maxlen: Option<usize>) -> (DequeState, Vec<Effect>) {
        let d = DequeState {
            len: 0,
            leftindex: CENTER + 1,
            rightend: CENTER + 1,
            nblocks: 1,
            numfreeblocks: 0,
            maxlen,
        };
        (d, vec![Effect::Alloc(Buffer::Block, block_request())])
    }

    /// `deque(iterable)`: a new deque extended by `n` items.
    pub fn from_iterable(n: usize, maxlen: Option<usize>) -> (DequeState, Vec<Effect>) {
        let (mut d, mut effects) = DequeState::new(maxlen);
        effects.extend(d.extend(n));
        (d, effects)
    }

    /// `sys.getsizeof`: `deque_sizeof` counts `(leftindex + len + 63) / 64`
    /// blocks.
    pub const fn getsizeof(&self) -> usize {
        Builtin::Deque.getsizeof() + (self.leftindex + self.len).div_ceil(BLOCKLEN) * BLOCK_SIZE
    }

    /// Blocks currently allocated for this deque: the chain and the kept
    /// free blocks.
    pub const fn allocated_blocks(&self) -> usize {
        self.nblocks + self.numfreeblocks
    }

    /// `deque.append`.
    pub fn append(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.rightend == BLOCKLEN {
            effects.extend(self.newblock());
            self.rightend = 0;
        }
        self.len += 1;
        self.rightend += 1;
        if self.needs_trim() {
            effects.extend(self.popleft());
        }
        effects
    }

    /// `deque.appendleft`.
    pub fn appendleft(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.leftindex == 0 {
            effects.extend(self.newblock());
            self.leftindex = BLOCKLEN;
        }
        self.len += 1;
        self.leftindex -= 1;
        if self.needs_trim() {
            effects.extend(self.pop());
        }
        effects
    }

    /// `deque.pop`: an emptied right block is released; a deque that becomes
    /// empty at a block edge is re-centred instead.
    pub fn pop(&mut self) -> Vec<Effect> {
        self.rightend -= 1;
        self.len -= 1;
        if self.rightend > 0 {
            return Vec::new();
        }
        if self.len > 0 {
            self.rightend = BLOCKLEN;
            self.freeblock().into_iter().collect()
        } else {
            self.recentre();
            Vec::new()
        }
    }

    /// `deque.popleft`.
    pub fn popleft(&mut self) -> Vec<Effect> {
        self.leftindex += 1;
        self.len -= 1;
        if self.leftindex < BLOCKLEN {
            return Vec::new();
        }
        if self.len > 0 {
            self.leftindex = 0;
            self.freeblock().into_iter().collect()
        } else {
            self.recentre();
            Vec::new()
        }
    }

    /// `deque.extend` with `n` items: an empty deque first moves its ends to
    /// the left of its block.
    pub fn extend(&mut self, n: usize) -> Vec<Effect> {
        if self.maxlen == Some(0) {
            return Vec::new();
        }
        if self.len == 0 {
            self.leftindex = 1;
            self.rightend = 1;
        }
        (0..n).flat_map(|_| self.append()).collect()
    }

    /// `deque.extendleft` with `n` items: an empty deque first moves its ends
    /// to the right of its block.
    pub fn extendleft(&mut self, n: usize) -> Vec<Effect> {
        if self.maxlen == Some(0) {
            return Vec::new();
        }
        if self.len == 0 {
            self.leftindex = BLOCKLEN - 1;
            self.rightend = BLOCKLEN - 1;
        }
        (0..n).flat_map(|_| self.appendleft()).collect()
    }

    /// `deque.clear`: take a fresh block for the empty deque, then release
    /// every old block.
    pub fn clear(&mut self) -> Vec<Effect> {
        if self.len == 0 {
            return Vec::new();
        }
        let old = self.nblocks;
        let mut effects: Vec<Effect> = self.newblock().into_iter().collect();
        for _ in 0..old {
            effects.extend(self.freeblock());
        }
        self.len = 0;
        self.recentre();
        effects
    }

    /// `deque_dealloc`: clear, free the last block, then the kept ones.
    pub fn dealloc(&mut self) -> Vec<Effect> {
        let mut effects = self.clear();
        effects.extend(self.freeblock());
        let kept = std::mem::take(&mut self.numfreeblocks);
        effects.extend((0..kept).map(|_| Effect::Free(Buffer::Block, block_request())));
        effects
    }

    fn needs_trim(&self) -> bool {
        self.maxlen.is_some_and(|m| self.len > m)
    }

    fn recentre(&mut self) {
        self.leftindex = CENTER + 1;
        self.rightend = CENTER + 1;
    }

    /// `newblock`: reuse a kept block or allocate one.
    fn newblock(&mut self) -> Option<Effect> {
        self.nblocks += 1;
        if self.numfreeblocks > 0 {
            self.numfreeblocks -= 1;
            None
        } else {
            Some(Effect::Alloc(Buffer::Block, block_request()))
        }
    }

    /// `freeblock`: keep the block if there is room, else free it.
    fn freeblock(&mut self) -> Option<Effect> {
        self.nblocks -= 1;
        if self.numfreeblocks < MAXFREEBLOCKS {
            self.numfreeblocks += 1;
            None
        } else {
            Some(Effect::Free(Buffer::Block, block_request()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growth(left: bool) -> Vec<(usize, usize)> {
        let (mut d, _) = DequeState::new(None);
        let mut out = vec![(0, d.getsizeof())];
        for _ in 0..200 {
            if left {
                d.appendleft();
            } else {
                d.append();
            }
            if out.last().unwrap().1 != d.getsizeof() {
                out.push((d.len, d.getsizeof()));
            }
        }
        out
    }

    #[test]
    fn growth_from_both_ends() {
        let expected = [(0, 760), (33, 1288), (97, 1816), (161, 2344)];
        assert_eq!(growth(false), expected);
        assert_eq!(growth(true), expected);
    }

    #[test]
    fn extend_fills_from_the_left_of_the_block() {
        assert_eq!(DequeState::from_iterable(63, None).0.getsizeof(), 760);
        assert_eq!(DequeState::from_iterable(64, None).0.getsizeof(), 1288);
    }

    #[test]
    fn popped_blocks_are_kept_then_reused() {
        let (mut d, _) = DequeState::from_iterable(200, None);
        assert_eq!(d.nblocks, 4);
        for _ in 0..200 {
            d.pop();
        }
        assert_eq!((d.nblocks, d.numfreeblocks), (1, 3));
        let effects: Vec<Effect> = (0..200).flat_map(|_| d.append()).collect();
        assert!(effects.is_empty());
    }
}
