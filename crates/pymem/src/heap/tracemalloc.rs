//! tracemalloc's traces: requested sizes of live blocks allocated since
//! `start()`, charged to the line that allocated them (Modules/_tracemalloc.c).
//!
//! It counts what was *requested*, not pymalloc's rounded blocks; memory
//! allocated before `start()` is never counted, even when freed later; blocks
//! kept on free lists stay traced.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Addresses are already well spread: one multiply, not SipHash (which was
/// a quarter of the tracemalloc benchmark's instructions).
#[derive(Default, Clone, Copy, Debug)]
pub struct AddrHash(u64);

impl std::hash::Hasher for AddrHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, b: &[u8]) {
        for &x in b {
            self.write_u64(x as u64)
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

use crate::pymalloc::Addr;

#[derive(Clone, Debug, Default)]
pub struct Tracemalloc {
    pub tracing: bool,
    /// addr → (size, line).
    pub traces: HashMap<Addr, (u32, u32), BuildHasherDefault<AddrHash>>,
    pub current: u64,
    pub peak: u64,
}

impl Tracemalloc {
    pub fn start(&mut self) {
        self.tracing = true;
    }

    /// `stop()` forgets every trace.
    pub fn stop(&mut self) {
        self.tracing = false;
        self.clear();
    }

    pub fn clear(&mut self) {
        self.traces.clear();
        self.current = 0;
        self.peak = 0;
    }

    pub fn reset_peak(&mut self) {
        self.peak = self.current;
    }

    #[inline]
    pub fn on_alloc(&mut self, addr: Addr, size: usize, line: u32) {
        if self.tracing {
            if let Some((old, _)) = self.traces.insert(addr, (size as u32, line)) {
                self.current -= old as u64;
            }
            self.current += size as u64;
            self.peak = self.peak.max(self.current);
        }
    }

    #[inline]
    pub fn on_free(&mut self, addr: Addr) {
        if self.tracing {
            if let Some((size, _)) = self.traces.remove(&addr) {
                self.current -= size as u64;
            }
        }
    }

    /// (size, count) per line, largest first, as `statistics('lineno')`.
    pub fn by_line(&self) -> Vec<(u32, u64, u64)> {
        let mut per: HashMap<u32, (u64, u64)> = HashMap::new();
        for (size, line) in self.traces.values() {
            let e = per.entry(*line).or_default();
            e.0 += *size as u64;
            e.1 += 1;
        }
        let mut v: Vec<_> = per.into_iter().map(|(l, (s, c))| (l, s, c)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        v
    }
}
