//! `collections.deque` (Modules/_collectionsmodule.c): a doubly linked list
//! of 64-slot blocks, each a separate 528-byte `PyMem` allocation (so above
//! pymalloc's 512-byte limit: every block comes from the raw allocator).
//!
//! The simulation keeps the items in a `VecDeque` and mirrors CPython's
//! block bookkeeping exactly: `leftindex`/`rightindex` within the end
//! blocks, a new deque's one block "centred" (`leftindex = 32`, so 32
//! appends or 32 appendlefts fit before a second block), the
//! space-saving heuristic of `extend` on an empty deque (start at the left
//! edge), the rotation that moves blocks from one end to the other, and the
//! deque's own cache of up to 16 free blocks (`freeblocks`), which makes a
//! queue that appends and pops stop allocating. `sys.getsizeof` is 216
//! (+16 GC head) plus 528 per block in use.

use std::collections::VecDeque;

use crate::ids::ObjectId;
use crate::pymalloc::Addr;
use crate::vm::builtins::Args;
use crate::vm::modules::ext::Ext;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

pub const BLOCKLEN: i64 = 64;
const CENTER: i64 = (BLOCKLEN - 1) / 2;
/// `sizeof(block)`: 64 item pointers plus the left and right links.
pub const BLOCK_BYTES: usize = BLOCKLEN as usize * 8 + 16;
const MAXFREEBLOCKS: usize = 16;
/// `sizeof(dequeobject)` plus the GC head.
const DEQUE_OBJECT_BYTES: usize = 16 + 216;

#[derive(Clone, Debug, Default)]
pub struct Deque {
    pub items: VecDeque<ObjectId>,
    /// Block addresses from `leftblock` to `rightblock`.
    pub blocks: VecDeque<Addr>,
    pub leftindex: i64,
    pub rightindex: i64,
    /// Bumped by every mutation that moves items (iterators check it).
    pub state: u64,
    pub maxlen: Option<usize>,
    pub freeblocks: Vec<Addr>,
}

/// Where a block goes when a deque lets go of it.
enum Sink {
    /// The live deque's `freeblocks` cache.
    Live(ObjectId),
    /// A dying deque's cache (its payload already left the heap).
    Local(Vec<Addr>),
}

impl Vm {
    fn dq(&self, d: ObjectId) -> &Deque {
        match self.ext(d) {
            Some(Ext::Deque(x)) => x,
            _ => unreachable!("not a deque"),
        }
    }

    fn dq_mut(&mut self, d: ObjectId) -> &mut Deque {
        match self.ext_mut(d) {
            Some(Ext::Deque(x)) => x,
            _ => unreachable!("not a deque"),
        }
    }

    pub(crate) fn is_deque(&self, v: ObjectId) -> bool {
        matches!(self.ext(v), Some(Ext::Deque(_)))
    }

    pub(crate) fn deque_len(&self, d: ObjectId) -> usize {
        self.dq(d).items.len()
    }

    /// `newblock`: from the deque's cache, else `PyMem_Malloc(528)`.
    fn newblock(&mut self, d: ObjectId) -> R<Addr> {
        if let Some(b) = self.dq_mut(d).freeblocks.pop() {
            return Ok(b);
        }
        self.alloc_buffer(BLOCK_BYTES)
    }

    /// `freeblock`: into the cache while it has room, else `PyMem_Free`.
    fn freeblock(&mut self, sink: &mut Sink, b: Addr) {
        let cache = match sink {
            Sink::Live(d) => match self.ext_mut(*d) {
                Some(Ext::Deque(x)) => Some(&mut x.freeblocks),
                _ => None,
            },
            Sink::Local(v) => Some(v),
        };
        match cache {
            Some(c) if c.len() < MAXFREEBLOCKS => c.push(b),
            _ => self.heap.free(b, BLOCK_BYTES),
        }
    }

    /// `deque_new` (+ `deque_init`'s maxlen): the object and its first,
    /// centred block.
    pub(crate) fn new_deque(&mut self, maxlen: Option<usize>) -> R<ObjectId> {
        let dq = Deque { leftindex: CENTER + 1, rightindex: CENTER, maxlen, ..Deque::default() };
        let d = self.new_ext(Builtin::Deque, Ext::Deque(Box::new(dq)), DEQUE_OBJECT_BYTES)?;
        match self.alloc_buffer(BLOCK_BYTES) {
            Ok(b) => {
                self.dq_mut(d).blocks.push_back(b);
                Ok(d)
            }
            Err(e) => {
                self.decref(d);
                Err(e)
            }
        }
    }

    /// `deque_append_internal`: takes ownership of `item`.
    fn deque_append_internal(&mut self, d: ObjectId, item: ObjectId) -> R<()> {
        if self.dq(d).rightindex == BLOCKLEN - 1 {
            match self.newblock(d) {
                Ok(b) => {
                    let x = self.dq_mut(d);
                    x.blocks.push_back(b);
                    x.rightindex = -1;
                }
                Err(e) => {
                    self.decref(item);
                    return Err(e);
                }
            }
        }
        let x = self.dq_mut(d);
        x.rightindex += 1;
        x.items.push_back(item);
        if x.maxlen.is_some_and(|m| x.items.len() > m) {
            if let Some(old) = self.deque_popleft(d) {
                self.decref(old);
            }
        } else {
            x.state += 1;
        }
        Ok(())
    }

    /// `deque_appendleft_internal`: takes ownership of `item`.
    fn deque_appendleft_internal(&mut self, d: ObjectId, item: ObjectId) -> R<()> {
        if self.dq(d).leftindex == 0 {
            match self.newblock(d) {
                Ok(b) => {
                    let x = self.dq_mut(d);
                    x.blocks.push_front(b);
                    x.leftindex = BLOCKLEN;
                }
                Err(e) => {
                    self.decref(item);
                    return Err(e);
                }
            }
        }
        let x = self.dq_mut(d);
        x.leftindex -= 1;
        x.items.push_front(item);
        if x.maxlen.is_some_and(|m| x.items.len() > m) {
            if let Some(old) = self.deque_pop(d) {
                self.decref(old);
            }
        } else {
            x.state += 1;
        }
        Ok(())
    }

    /// `deque_pop`: the rightmost item (owned), None when empty.
    fn deque_pop(&mut self, d: ObjectId) -> Option<ObjectId> {
        let x = self.dq_mut(d);
        let item = x.items.pop_back()?;
        x.rightindex -= 1;
        x.state += 1;
        if x.rightindex < 0 {
            if x.items.is_empty() {
                // Re-centre instead of freeing the only block.
                x.leftindex = CENTER + 1;
                x.rightindex = CENTER;
            } else {
                let b = x.blocks.pop_back();
                x.rightindex = BLOCKLEN - 1;
                if let Some(b) = b {
                    self.freeblock(&mut Sink::Live(d), b);
                }
            }
        }
        Some(item)
    }

    /// `deque_popleft`: the leftmost item (owned), None when empty.
    fn deque_popleft(&mut self, d: ObjectId) -> Option<ObjectId> {
        let x = self.dq_mut(d);
        let item = x.items.pop_front()?;
        x.leftindex += 1;
        x.state += 1;
        if x.leftindex == BLOCKLEN {
            if x.items.is_empty() {
                x.leftindex = CENTER + 1;
                x.rightindex = CENTER;
            } else {
                let b = x.blocks.pop_front();
                x.leftindex = 0;
                if let Some(b) = b {
                    self.freeblock(&mut Sink::Live(d), b);
                }
            }
        }
        Some(item)
    }

    /// `deque_extend` / `deque_extendleft`.
    fn deque_extend(&mut self, d: ObjectId, iterable: ObjectId, left: bool) -> R<()> {
        if iterable == d {
            let items: Vec<ObjectId> = self.dq(d).items.iter().copied().collect();
            items.iter().for_each(|&i| self.incref(i));
            let n = items.len();
            let copy = self.new_list(items, n)?;
            let r = self.deque_extend(d, copy, left);
            self.decref(copy);
            return r;
        }
        let it = self.get_iter(iterable)?;
        let r = self.deque_extend_from(d, it, left);
        self.decref(it);
        r
    }

    fn deque_extend_from(&mut self, d: ObjectId, it: ObjectId, left: bool) -> R<()> {
        if self.dq(d).maxlen == Some(0) {
            while let Some(v) = self.iter_next(it)? {
                self.decref(v);
            }
            return Ok(());
        }
        // Space-saving heuristic: an empty deque fills from one edge.
        let x = self.dq_mut(d);
        if x.items.is_empty() {
            (x.leftindex, x.rightindex) = if left { (BLOCKLEN - 1, BLOCKLEN - 2) } else { (1, 0) };
        }
        while let Some(v) = self.iter_next(it)? {
            if left {
                self.deque_appendleft_internal(d, v)?;
            } else {
                self.deque_append_internal(d, v)?;
            }
        }
        Ok(())
    }

    /// `_deque_rotate`: moves `n` items from the right end to the left
    /// (left to right when negative), carrying blocks across as they empty.
    fn deque_rotate(&mut self, d: ObjectId, n: i64) -> R<()> {
        let len = self.deque_len(d) as i64;
        let halflen = len >> 1;
        if len <= 1 {
            return Ok(());
        }
        let mut n = n;
        if n > halflen || n < -halflen {
            n %= len;
            if n > halflen {
                n -= len;
            } else if n < -halflen {
                n += len;
            }
        }
        self.dq_mut(d).state += 1;
        let (total, mut spare, mut result) = (n, None::<Addr>, Ok(()));
        let (mut li, mut ri) = (self.dq(d).leftindex, self.dq(d).rightindex);
        while n > 0 {
            if li == 0 {
                let b = match spare.take() {
                    Some(b) => b,
                    None => match self.newblock(d) {
                        Ok(b) => b,
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    },
                };
                self.dq_mut(d).blocks.push_front(b);
                li = BLOCKLEN;
            }
            let m = n.min(ri + 1).min(li);
            ri -= m;
            li -= m;
            n -= m;
            if ri < 0 {
                spare = self.dq_mut(d).blocks.pop_back();
                ri = BLOCKLEN - 1;
            }
        }
        while n < 0 && result.is_ok() {
            if ri == BLOCKLEN - 1 {
                let b = match spare.take() {
                    Some(b) => b,
                    None => match self.newblock(d) {
                        Ok(b) => b,
                        Err(e) => {
                            result = Err(e);
                            break;
                        }
                    },
                };
                self.dq_mut(d).blocks.push_back(b);
                ri = -1;
            }
            let m = (-n).min(BLOCKLEN - li).min(BLOCKLEN - 1 - ri);
            li += m;
            ri += m;
            n += m;
            if li == BLOCKLEN {
                spare = self.dq_mut(d).blocks.pop_front();
                li = 0;
            }
        }
        if let Some(b) = spare {
            self.freeblock(&mut Sink::Live(d), b);
        }
        let moved = total - n;
        let x = self.dq_mut(d);
        x.leftindex = li;
        x.rightindex = ri;
        if moved > 0 {
            x.items.rotate_right(moved as usize);
        } else {
            x.items.rotate_left((-moved) as usize);
        }
        result
    }

    /// `deque_clear` on a live deque: it is made empty (on a fresh block)
    /// before any item is released, then the old blocks go to the cache as
    /// the release walks past them.
    pub(crate) fn deque_clear(&mut self, d: ObjectId) {
        if self.deque_len(d) == 0 {
            return;
        }
        let fresh = match self.newblock(d) {
            Ok(b) => b,
            Err(e) => {
                // The alternate method: pop until empty.
                self.discard(e);
                while let Some(v) = self.deque_pop(d) {
                    self.decref(v);
                }
                return;
            }
        };
        let x = self.dq_mut(d);
        let items = std::mem::take(&mut x.items);
        let blocks = std::mem::replace(&mut x.blocks, VecDeque::from([fresh]));
        let leftindex = x.leftindex;
        x.leftindex = CENTER + 1;
        x.rightindex = CENTER;
        x.state += 1;
        self.release_blocks(items, blocks, leftindex, &mut Sink::Live(d));
    }

    /// Releases `items` left to right, freeing each block once the walk
    /// leaves it (and the last one at the end), as `deque_clear` does.
    fn release_blocks(&mut self, items: VecDeque<ObjectId>, mut blocks: VecDeque<Addr>, leftindex: i64, sink: &mut Sink) {
        let mut room = (BLOCKLEN - leftindex) as usize;
        for item in items {
            if room == 0 {
                if let Some(b) = blocks.pop_front() {
                    self.freeblock(sink, b);
                }
                room = BLOCKLEN as usize;
            }
            room -= 1;
            self.decref(item);
        }
        for b in blocks {
            self.freeblock(sink, b);
        }
    }

    /// `deque_dealloc`: clear (which takes a fresh block), free the left
    /// block into the cache, then free the whole cache.
    pub(crate) fn release_deque(&mut self, d: Deque) {
        let Deque { items, mut blocks, leftindex, mut freeblocks, .. } = d;
        if !items.is_empty() {
            let fresh = match freeblocks.pop() {
                Some(b) => Some(b),
                None if !self.heap.over_cap(BLOCK_BYTES) => Some(self.heap.malloc(BLOCK_BYTES, crate::heap::Domain::Object)),
                None => None,
            };
            let old = std::mem::replace(&mut blocks, fresh.into_iter().collect());
            let mut sink = Sink::Local(freeblocks);
            self.release_blocks(items, old, leftindex, &mut sink);
            freeblocks = match sink {
                Sink::Local(v) => v,
                Sink::Live(_) => Vec::new(),
            };
        }
        let mut sink = Sink::Local(freeblocks);
        for b in blocks {
            self.freeblock(&mut sink, b);
        }
        if let Sink::Local(v) = sink {
            for b in v {
                self.heap.free(b, BLOCK_BYTES);
            }
        }
    }

    /// `deque_del_item`: rotate the item to the left end, pop it, rotate back.
    fn deque_del_item(&mut self, d: ObjectId, i: usize) -> R<()> {
        self.deque_rotate(d, -(i as i64))?;
        let item = self.deque_popleft(d);
        let r = self.deque_rotate(d, i as i64);
        if let Some(v) = item {
            self.decref(v);
        }
        r
    }

    /// The position of the first item equal to `v` in `start..stop`, with
    /// the mutation check of `deque_index`/`deque_remove`.
    fn deque_find(&mut self, d: ObjectId, v: ObjectId, start: usize, stop: usize, mutated: (&str, &str)) -> R<Option<usize>> {
        let state = self.dq(d).state;
        for i in start..stop {
            let Some(&item) = self.dq(d).items.get(i) else { break };
            self.incref(item);
            let eq = self.eq_bool(item, v);
            self.decref(item);
            if eq? {
                return Ok(Some(i));
            }
            if self.dq(d).state != state {
                return Err(self.error(mutated.0, mutated.1));
            }
        }
        Ok(None)
    }

    pub(crate) fn deque_contains(&mut self, d: ObjectId, v: ObjectId) -> R<bool> {
        let n = self.deque_len(d);
        Ok(self.deque_find(d, v, 0, n, ("RuntimeError", "deque mutated during iteration"))?.is_some())
    }

    /// An index argument of `d[i]`.
    fn deque_index_arg(&mut self, key: ObjectId) -> R<i64> {
        if !self.is_int(key) {
            let t = self.type_name(key);
            return Err(self.error("TypeError", &format!("sequence index must be integer, not '{t}'")));
        }
        match self.as_i64(key) {
            Some(i) => Ok(i),
            None => Err(self.error("IndexError", "cannot fit 'int' into an index-sized integer")),
        }
    }

    pub(crate) fn deque_getitem(&mut self, d: ObjectId, key: ObjectId) -> R<ObjectId> {
        let i = self.deque_index_arg(key)?;
        let n = self.deque_len(d) as i64;
        let j = if i < 0 { i + n } else { i };
        match self.dq(d).items.get(j as usize).filter(|_| j >= 0) {
            Some(&v) => {
                self.incref(v);
                Ok(v)
            }
            None => Err(self.error("IndexError", "deque index out of range")),
        }
    }

    /// `deque_ass_item`; `v` None deletes.
    pub(crate) fn deque_setitem(&mut self, d: ObjectId, key: ObjectId, v: Option<ObjectId>) -> R<()> {
        let i = self.deque_index_arg(key)?;
        let n = self.deque_len(d) as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(self.error("IndexError", "deque index out of range"));
        }
        match v {
            None => self.deque_del_item(d, j as usize),
            Some(v) => {
                self.incref(v);
                let old = std::mem::replace(&mut self.dq_mut(d).items[j as usize], v);
                self.decref(old);
                Ok(())
            }
        }
    }

    /// `deque_copy`: a new deque with the same maxlen, filled by `extend`
    /// (or one `append` when there is one item).
    fn deque_copy(&mut self, d: ObjectId) -> R<ObjectId> {
        let maxlen = self.dq(d).maxlen;
        let out = self.new_deque(maxlen)?;
        let r = if self.deque_len(d) == 1 {
            let item = self.dq(d).items[0];
            self.incref(item);
            self.deque_append_internal(out, item)
        } else {
            self.deque_extend(out, d, false)
        };
        match r {
            Ok(()) => Ok(out),
            Err(e) => {
                self.decref(out);
                Err(e)
            }
        }
    }

    /// `deque_inplace_repeat`.
    fn deque_repeat_in_place(&mut self, d: ObjectId, n: i64) -> R<()> {
        let size = self.deque_len(d);
        if size == 0 || n == 1 {
            return Ok(());
        }
        if n <= 0 {
            self.deque_clear(d);
            return Ok(());
        }
        let mut n = n as usize;
        if let Some(m) = self.dq(d).maxlen {
            if n.saturating_mul(size) > m {
                n = m.div_ceil(size);
            }
        }
        if self.heap.over_cap(size.saturating_mul(n).saturating_mul(8)) {
            return Err(self.memory_error());
        }
        let items: Vec<ObjectId> = self.dq(d).items.iter().copied().collect();
        for _ in 1..n {
            for &v in &items {
                self.incref(v);
                self.deque_append_internal(d, v)?;
            }
        }
        Ok(())
    }

    /// `deque + x`, `deque * n` and the in-place forms.
    pub(crate) fn deque_binary_op(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::BinOp, inplace: bool) -> R<Option<ObjectId>> {
        use crate::bytecode::BinOp;
        let (dq, other) = if self.is_deque(a) { (a, b) } else { (b, a) };
        match op {
            BinOp::Add if dq == a => {
                if inplace {
                    self.deque_extend(a, b, false)?;
                    self.incref(a);
                    return Ok(Some(a));
                }
                if !self.is_deque(b) {
                    let t = self.type_name(b);
                    return Err(self.error("TypeError", &format!("can only concatenate deque (not \"{t}\") to deque")));
                }
                let out = self.deque_copy(a)?;
                if let Err(e) = self.deque_extend(out, b, false) {
                    self.decref(out);
                    return Err(e);
                }
                Ok(Some(out))
            }
            BinOp::Mul if self.is_int(other) => {
                let n = self.repeat_count(other)? as i64;
                if inplace && dq == a {
                    self.deque_repeat_in_place(a, n)?;
                    self.incref(a);
                    return Ok(Some(a));
                }
                let out = self.deque_copy(dq)?;
                if let Err(e) = self.deque_repeat_in_place(out, n) {
                    self.decref(out);
                    return Err(e);
                }
                Ok(Some(out))
            }
            _ => Ok(None),
        }
    }

    /// Rich comparison of two deques (None when one is not a deque).
    pub(crate) fn deque_compare(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::CmpOp) -> R<Option<bool>> {
        use crate::bytecode::CmpOp;
        if !self.is_deque(a) || !self.is_deque(b) {
            return Ok(None);
        }
        let (x, y): (Vec<ObjectId>, Vec<ObjectId>) =
            (self.dq(a).items.iter().copied().collect(), self.dq(b).items.iter().copied().collect());
        match op {
            CmpOp::Eq | CmpOp::Ne if a == b => return Ok(Some(op == CmpOp::Eq)),
            CmpOp::Eq | CmpOp::Ne if x.len() != y.len() => return Ok(Some(op == CmpOp::Ne)),
            _ => {}
        }
        x.iter().chain(y.iter()).for_each(|&i| self.incref(i));
        let r = (|| {
            for (&p, &q) in x.iter().zip(y.iter()) {
                if !self.eq_bool(p, q)? {
                    let v = self.compare(p, q, op)?;
                    let t = self.truthy(v);
                    self.decref(v);
                    return t;
                }
            }
            let (lx, ly) = (x.len(), y.len());
            Ok(match op {
                CmpOp::Lt => lx < ly,
                CmpOp::Le => lx <= ly,
                CmpOp::Eq => lx == ly,
                CmpOp::Ne => lx != ly,
                CmpOp::Gt => lx > ly,
                CmpOp::Ge => lx >= ly,
            })
        })();
        x.iter().chain(y.iter()).for_each(|&i| self.decref(i));
        r.map(Some)
    }

    pub(crate) fn deque_repr(&mut self, d: ObjectId) -> R<String> {
        let items: Vec<ObjectId> = self.dq(d).items.iter().copied().collect();
        let maxlen = self.dq(d).maxlen;
        let mut parts = Vec::with_capacity(items.len());
        for i in items {
            parts.push(self.repr(i)?);
        }
        Ok(match maxlen {
            Some(m) => format!("deque([{}], maxlen={m})", parts.join(", ")),
            None => format!("deque([{}])", parts.join(", ")),
        })
    }

    /// `deque(iterable=(), maxlen=None)`.
    pub(crate) fn construct_deque(&mut self, a: &Args) -> R<ObjectId> {
        if a.pos.len() > 2 {
            return Err(self.error("TypeError", &format!("deque() takes at most 2 arguments ({} given)", a.pos.len())));
        }
        if let Some((k, _)) = a.kw.iter().find(|(k, _)| k != "iterable" && k != "maxlen") {
            return Err(self.error("TypeError", &format!("'{k}' is an invalid keyword argument for deque()")));
        }
        let iterable = a.pos.first().copied().or_else(|| a.kw("iterable"));
        let maxlen = match a.pos.get(1).copied().or_else(|| a.kw("maxlen")) {
            Some(m) if m != self.wk.none => match self.as_i64(m).filter(|_| self.is_int(m)) {
                Some(n) if n >= 0 => Some(n as usize),
                Some(_) => return Err(self.error("ValueError", "maxlen must be non-negative")),
                None if self.is_int(m) => return Err(self.error("OverflowError", "Python int too large to convert to C ssize_t")),
                None => return Err(self.error("TypeError", "an integer is required")),
            },
            _ => None,
        };
        let d = self.new_deque(maxlen)?;
        if let Some(it) = iterable {
            if let Err(e) = self.deque_extend(d, it, false) {
                self.decref(d);
                return Err(e);
            }
        }
        Ok(d)
    }

    pub(crate) fn deque_getattr(&mut self, d: ObjectId, name: &str) -> R<Option<ObjectId>> {
        match name {
            "maxlen" => match self.dq(d).maxlen {
                Some(m) => self.new_int(m as i64).map(Some),
                None => Ok(Some(self.none_ref())),
            },
            _ => Ok(None),
        }
    }

    /// The methods of `collections.deque` (`a.pos[0]` is the deque).
    pub(super) fn run_deque_method(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        let this = a.pos[0];
        if !self.is_deque(this) {
            let t = self.type_name(this);
            return Err(self.error("TypeError", &format!("descriptor '{}' for 'collections.deque' objects doesn't apply to a '{t}' object", f.name())));
        }
        let args = &a.pos[1..];
        let name = f.name();
        let exactly = |vm: &mut Vm, n: usize| vm.method_arity("deque", name, args.len(), n);
        match f {
            DequeAppend | DequeAppendLeft => {
                exactly(self, 1)?;
                self.incref(args[0]);
                if f == DequeAppend {
                    self.deque_append_internal(this, args[0])?;
                } else {
                    self.deque_appendleft_internal(this, args[0])?;
                }
                Ok(self.none_ref())
            }
            DequePop | DequePopLeft => {
                exactly(self, 0)?;
                let v = if f == DequePop { self.deque_pop(this) } else { self.deque_popleft(this) };
                match v {
                    Some(v) => Ok(v),
                    None => Err(self.error("IndexError", "pop from an empty deque")),
                }
            }
            DequeExtend | DequeExtendLeft => {
                exactly(self, 1)?;
                self.deque_extend(this, args[0], f == DequeExtendLeft)?;
                Ok(self.none_ref())
            }
            DequeRotate => {
                if args.len() > 1 {
                    return Err(self.error("TypeError", &format!("rotate expected at most 1 argument, got {}", args.len())));
                }
                let n = match args.first() {
                    Some(&v) => self.ssize_arg(v)?,
                    None => 1,
                };
                self.deque_rotate(this, n)?;
                Ok(self.none_ref())
            }
            DequeClear => {
                exactly(self, 0)?;
                self.deque_clear(this);
                Ok(self.none_ref())
            }
            DequeCount => {
                exactly(self, 1)?;
                let state = self.dq(this).state;
                let mut count = 0;
                let mut i = 0;
                while let Some(&item) = self.dq(this).items.get(i) {
                    self.incref(item);
                    let eq = self.eq_bool(item, args[0]);
                    self.decref(item);
                    count += eq? as i64;
                    if self.dq(this).state != state {
                        return Err(self.error("RuntimeError", "deque mutated during iteration"));
                    }
                    i += 1;
                }
                self.new_int(count)
            }
            DequeIndex => {
                if args.is_empty() || args.len() > 3 {
                    return Err(self.error("TypeError", &format!("index expected at least 1 argument, got {}", args.len())));
                }
                let n = self.deque_len(this) as i64;
                let bound = |vm: &mut Vm, v: Option<&ObjectId>, default: i64| -> R<usize> {
                    let x = match v {
                        Some(&v) => vm.slice_index_arg(v)?,
                        None => default,
                    };
                    Ok((if x < 0 { (x + n).max(0) } else { x.min(n) }) as usize)
                };
                let stop = bound(self, args.get(2), n)?;
                let start = bound(self, args.get(1), 0)?.min(stop);
                match self.deque_find(this, args[0], start, stop, ("RuntimeError", "deque mutated during iteration"))? {
                    Some(i) => self.new_int(i as i64),
                    None => {
                        let r = self.repr(args[0])?;
                        Err(self.error("ValueError", &format!("{r} is not in deque")))
                    }
                }
            }
            DequeRemove => {
                exactly(self, 1)?;
                let n = self.deque_len(this);
                match self.deque_find(this, args[0], 0, n, ("IndexError", "deque mutated during remove()."))? {
                    Some(i) => {
                        self.deque_del_item(this, i)?;
                        Ok(self.none_ref())
                    }
                    None => {
                        let r = self.repr(args[0])?;
                        Err(self.error("ValueError", &format!("{r} is not in deque")))
                    }
                }
            }
            DequeInsert => {
                exactly(self, 2)?;
                let index = self.ssize_arg(args[0])?;
                let n = self.deque_len(this) as i64;
                if self.dq(this).maxlen == Some(n as usize) {
                    return Err(self.error("IndexError", "deque already at its maximum size"));
                }
                self.incref(args[1]);
                if index >= n {
                    self.deque_append_internal(this, args[1])?;
                } else if index <= -n || index == 0 {
                    self.deque_appendleft_internal(this, args[1])?;
                } else {
                    if let Err(e) = self.deque_rotate(this, -index) {
                        self.decref(args[1]);
                        return Err(e);
                    }
                    if index < 0 {
                        self.deque_append_internal(this, args[1])?;
                    } else {
                        self.deque_appendleft_internal(this, args[1])?;
                    }
                    self.deque_rotate(this, index)?;
                }
                Ok(self.none_ref())
            }
            DequeReverse => {
                exactly(self, 0)?;
                let x = self.dq_mut(this);
                x.items.make_contiguous().reverse();
                Ok(self.none_ref())
            }
            DequeCopy => {
                exactly(self, 0)?;
                self.deque_copy(this)
            }
            _ => unreachable!("not a deque method"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{run, RunConfig};

    fn out(src: &str) -> String {
        let r = run(src, &RunConfig::default());
        assert_eq!(r.stderr, "", "{src}");
        r.stdout
    }

    /// `sys.getsizeof` as deques grow and shrink; the numbers are python3's.
    #[test]
    fn deque_sizes_match_cpython() {
        let src = "import sys\nfrom collections import deque\n\
            d = deque()\nseen = [(0, sys.getsizeof(d))]\n\
            for i in range(200):\n    d.append(i)\n    if sys.getsizeof(d) != seen[-1][1]:\n        seen.append((len(d), sys.getsizeof(d)))\n\
            print(seen)\n\
            print([sys.getsizeof(deque(range(n))) for n in (0, 10, 63, 64, 200)])\n\
            d = deque(range(200)); d.clear(); print(sys.getsizeof(d))\n\
            d = deque(range(100)); d.rotate(30); a = sys.getsizeof(d); d.rotate(-70); print(a, sys.getsizeof(d), d[0], d[-1])\n";
        assert_eq!(
            out(src),
            "[(0, 760), (33, 1288), (97, 1816), (161, 2344)]\n[760, 760, 760, 1288, 2344]\n760\n1816 1288 40 39\n"
        );
    }

    #[test]
    fn deque_operations_match_cpython() {
        let src = "from collections import deque\n\
            d = deque([1, 2, 3]); d[0] = 10; del d[1]; print(d); d.remove(3); print(d)\n\
            print(deque([1, 2, 3], 2), deque(maxlen=0), deque([1]) + deque([2]), deque([1]) * 3)\n\
            d = deque([1, 2, 3, 4]); d.insert(2, 9); d.reverse(); print(d, d.index(9), d.count(1))\n\
            d = deque([1, 2, 3])\ntry:\n    for x in d:\n        d.append(x)\nexcept RuntimeError as e:\n    print(e)\n";
        assert_eq!(
            out(src),
            "deque([10, 3])\ndeque([10])\ndeque([2, 3], maxlen=2) deque([], maxlen=0) deque([1, 2]) deque([1, 1, 1])\n\
             deque([4, 3, 9, 2, 1]) 2 1\ndeque mutated during iteration\n"
        );
    }
}
