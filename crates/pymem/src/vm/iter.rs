//! Iteration: the builtin iterator objects (each a real heap object with
//! CPython's size, tracked by the GC where CPython tracks it) and the
//! protocol helpers `iter()`, `next()`, unpacking and length hints.

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::layout::object::Builtin as LayoutType;
use crate::vm::memory::Spec;
use crate::vm::types::Builtin;
use crate::vm::{Unwind, Vm, R};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

#[derive(Clone, Debug)]
pub enum IterState {
    /// list_iterator / tuple_iterator.
    Seq { seq: ObjectId, index: usize },
    Range { next: i64, step: i64, left: usize },
    Str { s: ObjectId, index: usize },
    Dict { dict: ObjectId, index: usize, part: DictPart, len: usize },
    Set { set: ObjectId, index: usize, len: usize },
    Enumerate { it: ObjectId, count: i64 },
    Zip { its: Vec<ObjectId> },
    Map { func: ObjectId, its: Vec<ObjectId> },
    Filter { func: ObjectId, it: ObjectId },
    Reversed { seq: ObjectId, index: usize },
    /// `d.keys()`, `d.values()`, `d.items()`: views, not iterators.
    DictView { dict: ObjectId, part: DictPart },
    Exhausted,
}

impl IterState {
    pub fn visit(&self, v: &mut dyn FnMut(ObjectId)) {
        match self {
            IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => v(*seq),
            IterState::Str { s, .. } => v(*s),
            IterState::Dict { dict, .. } | IterState::DictView { dict, .. } => v(*dict),
            IterState::Set { set, .. } => v(*set),
            IterState::Enumerate { it, .. } => v(*it),
            IterState::Zip { its } => its.iter().for_each(|&i| v(i)),
            IterState::Map { func, its } => {
                v(*func);
                its.iter().for_each(|&i| v(i));
            }
            IterState::Filter { func, it } => {
                v(*func);
                v(*it);
            }
            IterState::Range { .. } | IterState::Exhausted => {}
        }
    }
}

/// Number of items in `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as usize
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as usize
    } else {
        0
    }
}

impl Vm {
    pub fn new_range(&mut self, start: i64, stop: i64, step: i64) -> R<ObjectId> {
        self.alloc_object(
            Builtin::Range.id(),
            Payload::Range(Box::new(crate::heap::RangeObj { start, stop, step })),
            Spec::of(LayoutType::Range),
        )
    }

    /// A new iterator object. `state`'s references are owned by it.
    pub fn new_iter(&mut self, ty: Builtin, state: IterState) -> R<ObjectId> {
        let (size, gc) = match ty {
            Builtin::RangeIterator => (48, false),
            Builtin::DictKeyIterator | Builtin::DictValueIterator | Builtin::DictItemIterator => (16 + 56, true),
            Builtin::Enumerate => (16 + 56, true),
            Builtin::SetIterator | Builtin::Zip => (16 + 48, true),
            Builtin::DictKeys | Builtin::DictValues | Builtin::DictItems => (16 + 24, true),
            _ => (16 + 32, true),
        };
        self.alloc_object(ty.id(), Payload::Iter(Box::new(state)), Spec { size, gc, track: gc, free_list: None })
    }

    /// `iter(obj)`: a new reference to an iterator.
    pub fn get_iter(&mut self, obj: ObjectId) -> R<ObjectId> {
        let (ty, state) = match self.heap.payload(obj) {
            Payload::List(_) => (Builtin::ListIterator, IterState::Seq { seq: obj, index: 0 }),
            Payload::Tuple(_) => (Builtin::TupleIterator, IterState::Seq { seq: obj, index: 0 }),
            Payload::Str(_) => (Builtin::StrIterator, IterState::Str { s: obj, index: 0 }),
            Payload::Bytes(_) => (Builtin::TupleIterator, IterState::Seq { seq: obj, index: 0 }),
            Payload::Range(r) => {
                let left = range_len(r.start, r.stop, r.step);
                let (next, step) = (r.start, r.step);
                return self.new_iter(Builtin::RangeIterator, IterState::Range { next, step, left });
            }
            Payload::Dict(d) => {
                let len = d.used;
                (Builtin::DictKeyIterator, IterState::Dict { dict: obj, index: 0, part: DictPart::Keys, len })
            }
            Payload::Set(s) | Payload::FrozenSet(s) => {
                let len = s.used;
                (Builtin::SetIterator, IterState::Set { set: obj, index: 0, len })
            }
            Payload::Iter(state) => match **state {
                IterState::DictView { dict, part } => {
                    let len = self.dict_len(dict);
                    let ty = match part {
                        DictPart::Keys => Builtin::DictKeyIterator,
                        DictPart::Values => Builtin::DictValueIterator,
                        DictPart::Items => Builtin::DictItemIterator,
                    };
                    self.incref(dict);
                    return self.new_iter(ty, IterState::Dict { dict, index: 0, part, len });
                }
                _ => {
                    self.incref(obj);
                    return Ok(obj);
                }
            },
            Payload::Generator(_) => {
                self.incref(obj);
                return Ok(obj);
            }
            Payload::Instance(_) => {
                if let Some(it) = self.call_dunder(obj, "__iter__", &[])? {
                    return Ok(it);
                }
                if self.lookup_type_attr(self.heap.get(obj).ty, "__getitem__").is_some() {
                    return Err(self.unsupported("iteration through __getitem__"));
                }
                let t = self.type_name(obj);
                return Err(self.error("TypeError", &format!("'{t}' object is not iterable")));
            }
            _ => {
                if let Some(it) = self.module_iter(obj)? {
                    return Ok(it);
                }
                let t = self.type_name(obj);
                return Err(self.error("TypeError", &format!("'{t}' object is not iterable")));
            }
        };
        self.incref(obj);
        self.new_iter(ty, state)
    }

    /// `next(it)`: Some(new reference), or None when exhausted.
    pub fn iter_next(&mut self, it: ObjectId) -> R<Option<ObjectId>> {
        // The two commonest iterators step in place: `advance` below would
        // clone and store back their whole state.
        if let Payload::Iter(s) = self.heap.payload(it) {
            match **s {
                IterState::Range { next, step, left } => {
                    if left == 0 {
                        return Ok(None);
                    }
                    let v = self.new_int(next)?;
                    // Fields in place: assigning a whole state would first drop the old one.
                    if let Payload::Iter(s) = self.heap.payload_mut(it) {
                        if let IterState::Range { next: n, left: l, .. } = &mut **s {
                            *n = next.wrapping_add(step);
                            *l = left - 1;
                        }
                    }
                    return Ok(Some(v));
                }
                IterState::Seq { seq, index } => {
                    let item = match self.heap.payload(seq) {
                        Payload::List(l) => l.items.get(index).copied(),
                        Payload::Tuple(t) => t.get(index).copied(),
                        _ => None,
                    };
                    if let Some(v) = item {
                        self.incref(v);
                        if let Payload::Iter(s) = self.heap.payload_mut(it) {
                            if let IterState::Seq { index: i, .. } = &mut **s {
                                *i = index + 1;
                            }
                        }
                        return Ok(Some(v));
                    }
                }
                _ => {}
            }
        }
        let state = match self.heap.payload(it) {
            Payload::Iter(s) => (**s).clone(),
            Payload::Generator(_) => {
                let none = self.wk.none;
                return self.gen_send(it, none);
            }
            Payload::Instance(_) => {
                return match self.call_dunder(it, "__next__", &[]) {
                    Ok(Some(v)) => Ok(Some(v)),
                    Ok(None) => {
                        let t = self.type_name(it);
                        Err(self.error("TypeError", &format!("'{t}' object is not an iterator")))
                    }
                    Err(Unwind::Exc(e)) if self.is_instance_of_name(e, "StopIteration") => {
                        self.decref(e);
                        Ok(None)
                    }
                    Err(e) => Err(e),
                };
            }
            _ => {
                if let Some(v) = self.module_next(it)? {
                    return Ok(v);
                }
                let t = self.type_name(it);
                return Err(self.error("TypeError", &format!("'{t}' object is not an iterator")));
            }
        };
        let releases = matches!(
            state,
            IterState::Seq { .. } | IterState::Str { .. } | IterState::Dict { .. } | IterState::Set { .. } | IterState::Reversed { .. }
        );
        let (result, new_state) = self.advance(state)?;
        if result.is_none() && releases {
            // An exhausted sequence iterator drops its container (it_seq = NULL).
            let old = match self.heap.payload_mut(it) {
                Payload::Iter(s) => std::mem::replace(&mut **s, IterState::Exhausted),
                _ => IterState::Exhausted,
            };
            let mut held = Vec::new();
            old.visit(&mut |c| held.push(c));
            for c in held {
                self.decref(c);
            }
        } else if let (Some(ns), Payload::Iter(s)) = (new_state, self.heap.payload_mut(it)) {
            **s = ns;
        }
        Ok(result)
    }

    /// One step of a builtin iterator: the item (new reference) and the
    /// updated state.
    fn advance(&mut self, state: IterState) -> R<(Option<ObjectId>, Option<IterState>)> {
        Ok(match state {
            IterState::Seq { seq, index } => {
                let item = match self.heap.payload(seq) {
                    Payload::List(l) => l.items.get(index).copied(),
                    Payload::Tuple(t) => t.get(index).copied(),
                    Payload::Bytes(b) => {
                        let byte = b.get(index).copied();
                        return Ok(match byte {
                            Some(x) => (Some(self.new_int(x as i64)?), Some(IterState::Seq { seq, index: index + 1 })),
                            None => (None, None),
                        });
                    }
                    _ => None,
                };
                match item {
                    Some(v) => {
                        self.incref(v);
                        (Some(v), Some(IterState::Seq { seq, index: index + 1 }))
                    }
                    None => (None, None),
                }
            }
            IterState::Range { next, step, left } => {
                if left == 0 {
                    (None, None)
                } else {
                    let v = self.new_int(next)?;
                    (Some(v), Some(IterState::Range { next: next.wrapping_add(step), step, left: left - 1 }))
                }
            }
            IterState::Str { s, index } => {
                let c = match self.heap.payload(s) {
                    Payload::Str(text) => text.chars().nth(index),
                    _ => None,
                };
                match c {
                    Some(c) => {
                        let v = self.new_str(c.encode_utf8(&mut [0; 4]))?;
                        (Some(v), Some(IterState::Str { s, index: index + 1 }))
                    }
                    None => (None, None),
                }
            }
            IterState::Dict { dict, mut index, part, len } => {
                if self.dict_len(dict) != len {
                    return Err(self.error("RuntimeError", "dictionary changed size during iteration"));
                }
                let entry = loop {
                    let e = match self.heap.payload(dict) {
                        Payload::Dict(d) => d.entries.get(index).copied(),
                        _ => None,
                    };
                    index += 1;
                    match e {
                        Some(Some(e)) => break Some(e),
                        Some(None) => continue,
                        None => break None,
                    }
                };
                match entry {
                    Some(e) => {
                        let v = match part {
                            DictPart::Keys => {
                                self.incref(e.key);
                                e.key
                            }
                            DictPart::Values => {
                                self.incref(e.value);
                                e.value
                            }
                            DictPart::Items => {
                                self.incref(e.key);
                                self.incref(e.value);
                                self.new_tuple(vec![e.key, e.value])?
                            }
                        };
                        (Some(v), Some(IterState::Dict { dict, index, part, len }))
                    }
                    None => (None, None),
                }
            }
            IterState::Set { set, mut index, len } => {
                if self.set_len(set) != len {
                    return Err(self.error("RuntimeError", "Set changed size during iteration"));
                }
                let key = loop {
                    let k = match self.heap.payload(set) {
                        Payload::Set(s) | Payload::FrozenSet(s) => s.table.get(index).map(|e| e.1),
                        _ => None,
                    };
                    index += 1;
                    match k {
                        Some(k) if k != NULL => break Some(k),
                        Some(_) => continue,
                        None => break None,
                    }
                };
                match key {
                    Some(k) => {
                        self.incref(k);
                        (Some(k), Some(IterState::Set { set, index, len }))
                    }
                    None => (None, None),
                }
            }
            IterState::Enumerate { it, count } => match self.iter_next(it)? {
                Some(v) => {
                    let c = self.new_int(count)?;
                    let t = self.new_tuple(vec![c, v])?;
                    (Some(t), Some(IterState::Enumerate { it, count: count + 1 }))
                }
                None => (None, None),
            },
            IterState::Zip { ref its } => {
                if its.is_empty() {
                    return Ok((None, None));
                }
                let mut items = Vec::with_capacity(its.len());
                for &i in its {
                    match self.iter_next(i) {
                        Ok(Some(v)) => items.push(v),
                        Ok(None) => {
                            for v in items {
                                self.decref(v);
                            }
                            return Ok((None, None));
                        }
                        Err(e) => {
                            for v in items {
                                self.decref(v);
                            }
                            return Err(e);
                        }
                    }
                }
                (Some(self.new_tuple(items)?), None)
            }
            IterState::Map { func, ref its } => {
                let mut args = Vec::with_capacity(its.len());
                for &i in its {
                    match self.iter_next(i)? {
                        Some(v) => args.push(v),
                        None => {
                            for v in args {
                                self.decref(v);
                            }
                            return Ok((None, None));
                        }
                    }
                }
                (Some(self.call(func, args)?), None)
            }
            IterState::Filter { func, it } => loop {
                let Some(v) = self.iter_next(it)? else { break (None, None) };
                let keep = if func == NULL || func == self.wk.none {
                    self.truthy(v)
                } else {
                    self.incref(v);
                    match self.call(func, vec![v]) {
                        Ok(r) => {
                            let t = self.truthy(r);
                            self.decref(r);
                            t
                        }
                        Err(e) => Err(e),
                    }
                };
                match keep {
                    Ok(true) => break (Some(v), None),
                    Ok(false) => self.decref(v),
                    Err(e) => {
                        self.decref(v);
                        return Err(e);
                    }
                }
            },
            IterState::Reversed { seq, index } => {
                if index == 0 {
                    (None, None)
                } else {
                    let v = self.seq_items(seq).get(index - 1).copied();
                    match v {
                        Some(v) => {
                            self.incref(v);
                            (Some(v), Some(IterState::Reversed { seq, index: index - 1 }))
                        }
                        None => (None, None),
                    }
                }
            }
            IterState::DictView { .. } | IterState::Exhausted => (None, None),
        })
    }

    /// All items of an iterable, as owned references.
    pub fn collect_iterable(&mut self, obj: ObjectId) -> R<Vec<ObjectId>> {
        if let Payload::List(_) | Payload::Tuple(_) = self.heap.payload(obj) {
            let items = self.seq_items(obj);
            for &i in &items {
                self.incref(i);
            }
            return Ok(items);
        }
        let it = self.get_iter(obj)?;
        let mut out = Vec::new();
        loop {
            match self.iter_next(it) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => break,
                Err(e) => {
                    self.decref(it);
                    for v in out {
                        self.decref(v);
                    }
                    return Err(e);
                }
            }
        }
        self.decref(it);
        Ok(out)
    }

    /// `operator.length_hint(obj, default)`.
    pub fn length_hint(&mut self, obj: ObjectId, default: usize) -> R<usize> {
        Ok(match self.heap.payload(obj) {
            Payload::List(l) => l.items.len(),
            Payload::Tuple(t) => t.len(),
            Payload::Str(s) => s.chars().count(),
            Payload::Dict(d) => d.used,
            Payload::Set(s) | Payload::FrozenSet(s) => s.used,
            Payload::Range(r) => range_len(r.start, r.stop, r.step),
            Payload::Iter(s) => match &**s {
                IterState::Range { left, .. } => *left,
                IterState::Seq { seq, index } => self.seq_items(*seq).len().saturating_sub(*index),
                IterState::Reversed { index, .. } => *index,
                IterState::Dict { dict, len, .. } => len.min(&self.dict_len(*dict)).to_owned(),
                _ => default,
            },
            Payload::Ext(_) => self.module_length_hint(obj).unwrap_or(default),
            _ => default,
        })
    }

    /// Unpacks `seq` into exactly `n` values, or, with `after`, into `n`
    /// values, a list of the middle, and `after` values. Owned references.
    pub fn unpack(&mut self, seq: ObjectId, n: usize, after: Option<usize>) -> R<Vec<ObjectId>> {
        let items = match self.collect_iterable(seq) {
            Ok(v) => v,
            Err(Unwind::Exc(e)) if self.is_instance_of_name(e, "TypeError") => {
                self.decref(e);
                let t = self.type_name(seq);
                return Err(self.error("TypeError", &format!("cannot unpack non-iterable {t} object")));
            }
            Err(e) => return Err(e),
        };
        match after {
            None => {
                if items.len() != n {
                    let got = items.len();
                    for v in items {
                        self.decref(v);
                    }
                    return Err(if got > n {
                        self.error("ValueError", &format!("too many values to unpack (expected {n})"))
                    } else {
                        self.error("ValueError", &format!("not enough values to unpack (expected {n}, got {got})"))
                    });
                }
                Ok(items)
            }
            Some(after) => {
                if items.len() < n + after {
                    let got = items.len();
                    for v in items {
                        self.decref(v);
                    }
                    return Err(self.error(
                        "ValueError",
                        &format!("not enough values to unpack (expected at least {}, got {got})", n + after),
                    ));
                }
                let mut items = items;
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(n);
                let m = middle.len();
                let list = self.new_list(middle, m)?;
                items.push(list);
                items.extend(tail);
                Ok(items)
            }
        }
    }
}
