//! Iterators over the module containers: `arrayiterator`,
//! `bytearray_iterator`, `reversed` over an array or bytearray, and the
//! deque's `_deque_iterator` / `_deque_reverse_iterator`.
//!
//! Array and bytearray iterators drop their container when exhausted
//! (`it_seq = NULL`), as list iterators do; deque iterators keep it and
//! raise "deque mutated during iteration" when the deque's `state` counter
//! moved since they were created.

use crate::heap::NULL;
use crate::ids::ObjectId;
use crate::vm::modules::ext::Ext;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

#[derive(Clone, Debug)]
pub struct SeqIter {
    /// The container, or NULL once an array/bytearray iterator is done.
    pub seq: ObjectId,
    /// Next position (forward kinds) or items left (`Reversed`).
    pub index: usize,
    pub kind: IterKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterKind {
    Array,
    ByteArray,
    Reversed,
    /// The deque's `state` at creation and the items still to give.
    Deque { state: u64, counter: usize },
    DequeReverse { state: u64, counter: usize },
}

impl Vm {
    /// `iter()` of a module container (None when `obj` is not one).
    pub(crate) fn ext_iter(&mut self, obj: ObjectId) -> R<Option<ObjectId>> {
        let (ty, kind, size) = match self.ext(obj) {
            Some(Ext::Array(_)) => (Builtin::ArrayIterator, IterKind::Array, 16 + 40),
            Some(Ext::ByteArray(_)) => (Builtin::ByteArrayIterator, IterKind::ByteArray, 16 + 32),
            Some(Ext::Deque(d)) => {
                let (state, counter) = (d.state, d.items.len());
                (Builtin::DequeIterator, IterKind::Deque { state, counter }, 16 + 56)
            }
            Some(Ext::SeqIter(_)) => {
                self.incref(obj);
                return Ok(Some(obj));
            }
            Some(Ext::Tm(_)) => return self.tm_iter(obj),
            _ => return Ok(None),
        };
        self.incref(obj);
        self.new_ext(ty, Ext::SeqIter(SeqIter { seq: obj, index: 0, kind }), size).map(Some)
    }

    /// `reversed()` of a module container (None when it is not one).
    pub(crate) fn ext_reversed(&mut self, obj: ObjectId) -> R<Option<ObjectId>> {
        let (ty, kind, index, size) = match self.ext(obj) {
            Some(Ext::Array(a)) => (Builtin::Reversed, IterKind::Reversed, a.len(), 16 + 32),
            Some(Ext::ByteArray(b)) => (Builtin::Reversed, IterKind::Reversed, b.data.len(), 16 + 32),
            Some(Ext::Deque(d)) => {
                let (state, counter) = (d.state, d.items.len());
                (Builtin::DequeReverseIterator, IterKind::DequeReverse { state, counter }, 0, 16 + 56)
            }
            _ => return Ok(None),
        };
        self.incref(obj);
        self.new_ext(ty, Ext::SeqIter(SeqIter { seq: obj, index, kind }), size).map(Some)
    }

    /// `next()` of a module iterator: Some(Some(item)), Some(None) when
    /// exhausted, None when `it` is not a module iterator.
    pub(crate) fn ext_next(&mut self, it: ObjectId) -> R<Option<Option<ObjectId>>> {
        let Some(Ext::SeqIter(s)) = self.ext(it) else { return Ok(None) };
        let s = s.clone();
        if s.seq == NULL {
            return Ok(Some(None));
        }
        let item = match s.kind {
            IterKind::Array | IterKind::ByteArray | IterKind::Reversed => {
                let len = self.ext_seq_len(s.seq);
                let pos = match s.kind {
                    IterKind::Reversed => s.index.checked_sub(1).filter(|&p| p < len),
                    _ => Some(s.index).filter(|&p| p < len),
                };
                match pos {
                    Some(p) => {
                        let v = self.ext_seq_item(s.seq, p)?;
                        if let Some(Ext::SeqIter(x)) = self.ext_mut(it) {
                            x.index = if x.kind == IterKind::Reversed { p } else { p + 1 };
                        }
                        Some(v)
                    }
                    None => {
                        if let Some(Ext::SeqIter(x)) = self.ext_mut(it) {
                            x.seq = NULL;
                            x.index = 0;
                        }
                        self.decref(s.seq);
                        None
                    }
                }
            }
            IterKind::Deque { state, counter } | IterKind::DequeReverse { state, counter } => {
                let (now, len) = match self.ext(s.seq) {
                    Some(Ext::Deque(d)) => (d.state, d.items.len()),
                    _ => (state, 0),
                };
                if now != state {
                    self.set_deque_counter(it, 0);
                    return Err(self.error("RuntimeError", "deque mutated during iteration"));
                }
                if counter == 0 {
                    None
                } else {
                    let forward = matches!(s.kind, IterKind::Deque { .. });
                    let pos = if forward { len - counter } else { counter - 1 };
                    let v = match self.ext(s.seq) {
                        Some(Ext::Deque(d)) => d.items.get(pos).copied().unwrap_or(self.wk.none),
                        _ => self.wk.none,
                    };
                    self.incref(v);
                    self.set_deque_counter(it, counter - 1);
                    Some(v)
                }
            }
        };
        Ok(Some(item))
    }

    fn set_deque_counter(&mut self, it: ObjectId, n: usize) {
        if let Some(Ext::SeqIter(x)) = self.ext_mut(it) {
            match &mut x.kind {
                IterKind::Deque { counter, .. } | IterKind::DequeReverse { counter, .. } => *counter = n,
                _ => {}
            }
        }
    }

    /// `__length_hint__` of a module iterator.
    pub(crate) fn ext_iter_hint(&self, it: ObjectId) -> Option<usize> {
        let Some(Ext::SeqIter(s)) = self.ext(it) else { return None };
        if s.seq == NULL {
            return Some(0);
        }
        Some(match s.kind {
            IterKind::Array | IterKind::ByteArray => self.ext_seq_len(s.seq).saturating_sub(s.index),
            IterKind::Reversed => s.index,
            IterKind::Deque { counter, .. } | IterKind::DequeReverse { counter, .. } => counter,
        })
    }

    fn ext_seq_len(&self, seq: ObjectId) -> usize {
        match self.ext(seq) {
            Some(Ext::Array(a)) => a.len(),
            Some(Ext::ByteArray(b)) => b.data.len(),
            _ => 0,
        }
    }

    fn ext_seq_item(&mut self, seq: ObjectId, i: usize) -> R<ObjectId> {
        match self.ext(seq) {
            Some(Ext::Array(a)) => {
                let item = a.get(i);
                self.array_item_object(item)
            }
            Some(Ext::ByteArray(b)) => {
                let x = b.data[i];
                self.new_int(x as i64)
            }
            _ => Ok(self.none_ref()),
        }
    }
}
