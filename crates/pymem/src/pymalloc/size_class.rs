//! Size classes: pymalloc serves each small request from a block of the next
//! multiple of 16 bytes, so a request of `n` bytes (1..=512) belongs to class
//! `(n - 1) >> 4` with blocks of `(class + 1) << 4` bytes. CPython calls the
//! class index `szidx` (`Objects/obmalloc.c`, `INDEX2SIZE`).

use serde::{Deserialize, Serialize};

use super::config::{
    blocks_per_pool, index2size, ALIGNMENT_SHIFT, NB_SMALL_SIZE_CLASSES, SMALL_REQUEST_THRESHOLD,
};

/// A pymalloc size class (`szidx`), 0..=31 on 64-bit builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SizeClass(u8);

impl SizeClass {
    /// The class serving a request of `nbytes`, or `None` when pymalloc does
    /// not handle the request (0 bytes, or more than 512).
    #[inline]
    pub fn for_request(nbytes: usize) -> Option<SizeClass> {
        if nbytes == 0 || nbytes > SMALL_REQUEST_THRESHOLD {
            return None;
        }
        Some(SizeClass(((nbytes - 1) >> ALIGNMENT_SHIFT) as u8))
    }

    /// The class with index `szidx`, if it exists.
    pub fn from_index(szidx: usize) -> Option<SizeClass> {
        (szidx < NB_SMALL_SIZE_CLASSES).then_some(SizeClass(szidx as u8))
    }

    /// Every class, smallest blocks first.
    pub fn all() -> impl Iterator<Item = SizeClass> {
        (0..NB_SMALL_SIZE_CLASSES).map(|i| SizeClass(i as u8))
    }

    /// The index CPython uses (`szidx`).
    #[inline]
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// Bytes per block (16, 32, ..., 512).
    #[inline]
    pub fn block_size(self) -> usize {
        index2size(self.index())
    }

    /// Blocks in one pool of this class (1021 for 16-byte blocks, 31 for 512).
    #[inline]
    pub fn blocks_per_pool(self) -> usize {
        BLOCKS_PER_POOL[self.index()] as usize
    }
}

/// [`blocks_per_pool`] for every class, so the hot paths do not divide.
const BLOCKS_PER_POOL: [u16; NB_SMALL_SIZE_CLASSES] = {
    let mut t = [0u16; NB_SMALL_SIZE_CLASSES];
    let mut i = 0;
    while i < NB_SMALL_SIZE_CLASSES {
        t[i] = blocks_per_pool(i) as u16;
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_map_to_classes() {
        assert_eq!(SizeClass::for_request(0), None);
        assert_eq!(
            SizeClass::for_request(1).map(SizeClass::block_size),
            Some(16)
        );
        assert_eq!(
            SizeClass::for_request(16).map(SizeClass::block_size),
            Some(16)
        );
        assert_eq!(
            SizeClass::for_request(17).map(SizeClass::block_size),
            Some(32)
        );
        // A medium int asks for 32 bytes; a float for 24 (cpython-facts §3.3).
        assert_eq!(SizeClass::for_request(24).map(SizeClass::index), Some(1));
        assert_eq!(SizeClass::for_request(512).map(SizeClass::index), Some(31));
        assert_eq!(SizeClass::for_request(513), None);
        assert_eq!(SizeClass::all().count(), 32);
        assert_eq!(SizeClass::from_index(32), None);
    }
}
