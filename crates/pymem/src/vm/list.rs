//! list: items plus CPython's `allocated`, grown and shrunk exactly as
//! `list_resize` does (Objects/listobject.c), with the item buffer as a
//! separate `PyMem_Realloc`'d allocation of 8 bytes per slot.

use crate::heap::object::List;
use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::memory::{FreeList, Spec};
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

/// `list_resize`'s new allocation for `newsize` items, or None when the
/// current allocation is kept.
pub fn resized_allocation(allocated: usize, oldsize: usize, newsize: usize) -> Option<usize> {
    if allocated >= newsize && newsize >= allocated >> 1 {
        return None;
    }
    if newsize == 0 {
        return Some(0);
    }
    let mut new_allocated = (newsize + (newsize >> 3) + 6) & !3;
    if newsize - oldsize.min(newsize) > new_allocated - newsize {
        new_allocated = (newsize + 3) & !3;
    }
    Some(new_allocated)
}

impl Vm {
    fn list_ref(&self, l: ObjectId) -> &List {
        match self.heap.payload(l) {
            Payload::List(x) => x,
            _ => panic!("not a list: interpreter bug"),
        }
    }

    fn list_mut(&mut self, l: ObjectId) -> &mut List {
        match self.heap.payload_mut(l) {
            Payload::List(x) => x,
            _ => panic!("not a list: interpreter bug"),
        }
    }

    pub fn is_list(&self, l: ObjectId) -> bool {
        matches!(self.heap.payload(l), Payload::List(_))
    }

    /// A new list owning `items`, with exactly `allocated` slots (≥ len),
    /// as `PyList_New` makes it (from the free list when it can).
    pub fn new_list(&mut self, items: Vec<ObjectId>, allocated: usize) -> R<ObjectId> {
        self.new_list_from(items, allocated, true)
    }

    /// `list(...)` called as a type (`ty`: list or a class extending it):
    /// `PyType_GenericAlloc`, never the free list.
    pub fn new_list_generic(&mut self, ty: ObjectId) -> R<ObjectId> {
        let spec = self.generic_spec(ty, LayoutType::List);
        self.alloc_list(ty, spec, Vec::new(), 0)
    }

    fn new_list_from(&mut self, items: Vec<ObjectId>, allocated: usize, free_list: bool) -> R<ObjectId> {
        let spec = Spec { free_list: free_list.then_some(FreeList::List), ..Spec::of(LayoutType::List) };
        self.alloc_list(Builtin::List.id(), spec, items, allocated)
    }

    fn alloc_list(&mut self, ty: ObjectId, spec: Spec, items: Vec<ObjectId>, allocated: usize) -> R<ObjectId> {
        let allocated = allocated.max(items.len());
        let buf = if allocated > 0 {
            match self.alloc_buffer(8 * allocated) {
                Ok(a) => Some(a),
                Err(e) => {
                    for i in items {
                        self.decref(i);
                    }
                    return Err(e);
                }
            }
        } else {
            None
        };
        self.alloc_object(ty, Payload::List(Box::new(List { items, allocated, buf })), spec)
    }

    pub fn list_len(&self, l: ObjectId) -> usize {
        self.list_ref(l).items.len()
    }

    pub fn list_allocated(&self, l: ObjectId) -> usize {
        self.list_ref(l).allocated
    }

    /// The items (borrowed references).
    pub fn list_items(&self, l: ObjectId) -> Vec<ObjectId> {
        self.list_ref(l).items.clone()
    }

    pub fn list_item(&self, l: ObjectId, i: usize) -> ObjectId {
        self.list_ref(l).items[i]
    }

    /// Sets the allocation to exactly `slots` (realloc of the buffer).
    fn list_set_allocation(&mut self, l: ObjectId, slots: usize) -> R<()> {
        let (old, buf) = {
            let list = self.list_ref(l);
            (list.allocated, list.buf)
        };
        if slots == old {
            return Ok(());
        }
        let new_buf = if slots == 0 {
            if let Some(b) = buf {
                self.heap.free(b, old * 8);
            }
            None
        } else {
            Some(self.realloc_buffer(buf, old * 8, slots * 8)?)
        };
        let list = self.list_mut(l);
        list.allocated = slots;
        list.buf = new_buf;
        Ok(())
    }

    /// `list_resize(self, newsize)`: adjusts the allocation for a list about
    /// to hold `newsize` items.
    pub fn list_resize(&mut self, l: ObjectId, newsize: usize) -> R<()> {
        let (allocated, len) = {
            let list = self.list_ref(l);
            (list.allocated, list.items.len())
        };
        match resized_allocation(allocated, len, newsize) {
            Some(slots) => self.list_set_allocation(l, slots),
            None => Ok(()),
        }
    }

    /// `list_preallocate_exact`: room for `n` items, rounded up to even.
    pub fn list_preallocate_exact(&mut self, l: ObjectId, n: usize) -> R<()> {
        self.list_set_allocation(l, (n + 1) & !1)
    }

    /// `list.append(v)` (borrowed `v`; the list takes a reference).
    pub fn list_append(&mut self, l: ObjectId, v: ObjectId) -> R<()> {
        self.list_append_ref(l, v, true)
    }

    /// LIST_APPEND: like `list_append`, but the list takes over the
    /// caller's reference to `v` (none is taken when the append fails).
    pub fn list_append_owned(&mut self, l: ObjectId, v: ObjectId) -> R<()> {
        self.list_append_ref(l, v, false)
    }

    #[inline]
    fn list_append_ref(&mut self, l: ObjectId, v: ObjectId, new_ref: bool) -> R<()> {
        let len = match self.heap.payload_mut(l) {
            Payload::List(list) if list.items.len() < list.allocated => {
                // Room in the item array: no resize.
                list.items.push(v);
                if new_ref {
                    self.incref(v);
                }
                return Ok(());
            }
            _ => self.list_len(l),
        };
        self.list_resize(l, len + 1)?;
        if new_ref {
            self.incref(v);
        }
        self.list_mut(l).items.push(v);
        Ok(())
    }

    /// `list.extend(iterable)` / LIST_EXTEND, with CPython's sizing: an
    /// empty list extended by a list or tuple is preallocated exactly
    /// (rounded to even); other iterables reserve their length hint, then
    /// the list is cut back.
    pub fn list_extend(&mut self, l: ObjectId, iterable: ObjectId) -> R<()> {
        let src = match self.heap.payload(iterable) {
            Payload::List(x) => Some(x.items.clone()),
            Payload::Tuple(t) => Some(t.to_vec()),
            _ => None,
        };
        if let Some(items) = src {
            if items.is_empty() {
                return Ok(());
            }
            let m = self.list_len(l);
            if self.list_ref(l).buf.is_none() {
                self.list_preallocate_exact(l, items.len())?;
            } else {
                self.list_resize(l, m + items.len())?;
            }
            for &v in &items {
                self.incref(v);
            }
            self.list_mut(l).items.extend(items);
            return Ok(());
        }
        let hint = self.length_hint(iterable, 8)?;
        let m = self.list_len(l);
        if self.list_ref(l).buf.is_none() {
            // 3.11: an empty list with no array is preallocated exactly.
            if hint > 0 {
                self.list_preallocate_exact(l, hint)?;
            }
        } else {
            self.list_resize(l, m + hint)?;
        }
        let it = self.get_iter(iterable)?;
        loop {
            match self.iter_next(it) {
                Ok(Some(v)) => {
                    let r = self.list_append(l, v);
                    self.decref(v);
                    if let Err(e) = r {
                        self.decref(it);
                        return Err(e);
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    self.decref(it);
                    return Err(e);
                }
            }
        }
        self.decref(it);
        let len = self.list_len(l);
        if len < self.list_allocated(l) {
            self.list_resize(l, len)?;
        }
        Ok(())
    }

    /// Replaces the items (the list takes ownership of `items`; the old
    /// items are released), resizing as `list_ass_slice` would.
    pub fn list_replace(&mut self, l: ObjectId, items: Vec<ObjectId>) -> R<()> {
        self.list_resize(l, items.len())?;
        let old = std::mem::replace(&mut self.list_mut(l).items, items);
        for v in old.into_iter().rev() {
            self.decref(v);
        }
        Ok(())
    }

    /// Removes and returns (owned) the item at `i`, shrinking like list_resize.
    pub fn list_pop_at(&mut self, l: ObjectId, i: usize) -> R<ObjectId> {
        let len = self.list_len(l);
        let v = self.list_mut(l).items.remove(i);
        self.list_resize(l, len - 1)?;
        Ok(v)
    }

    pub fn list_insert(&mut self, l: ObjectId, i: usize, v: ObjectId) -> R<()> {
        let len = self.list_len(l);
        self.list_resize(l, len + 1)?;
        self.incref(v);
        let list = self.list_mut(l);
        let at = i.min(list.items.len());
        list.items.insert(at, v);
        Ok(())
    }

    pub fn list_set_item(&mut self, l: ObjectId, i: usize, v: ObjectId) {
        self.incref(v);
        let old = std::mem::replace(&mut self.list_mut(l).items[i], v);
        self.decref(old);
    }

    pub fn list_clear(&mut self, l: ObjectId) -> R<()> {
        let old = std::mem::take(&mut self.list_mut(l).items);
        self.list_set_allocation(l, 0)?;
        for v in old.into_iter().rev() {
            self.decref(v);
        }
        Ok(())
    }

    pub fn list_reverse(&mut self, l: ObjectId) {
        self.list_mut(l).items.reverse();
    }

    /// Reorders the items in place (a permutation of the same references).
    pub fn list_set_order(&mut self, l: ObjectId, items: Vec<ObjectId>) {
        self.list_mut(l).items = items;
    }
}

#[cfg(test)]
mod tests {
    use super::resized_allocation;

    /// Appending one at a time reproduces CPython's 28 resizes up to 1000.
    #[test]
    fn append_growth_matches_cpython() {
        let expected = [
            (1, 4), (5, 8), (9, 16), (17, 24), (25, 32), (33, 40), (41, 52), (53, 64), (65, 76), (77, 92),
            (93, 108), (109, 128), (129, 148), (149, 172), (173, 200), (201, 232), (233, 268), (269, 308),
            (309, 352), (353, 400), (401, 456), (457, 520), (521, 592), (593, 672), (673, 760), (761, 860),
            (861, 972), (973, 1100),
        ];
        let mut allocated = 0;
        let mut seen = Vec::new();
        for n in 1..=1000usize {
            if let Some(a) = resized_allocation(allocated, n - 1, n) {
                allocated = a;
                seen.push((n, a));
            }
        }
        assert_eq!(seen, expected);
    }
}
