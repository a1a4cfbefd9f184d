//! `obj[key]`, `obj[key] = v`, `del obj[key]`: indexing and slicing of the
//! builtin sequences and mappings, and `__getitem__` & co. on user classes.

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::{Vm, R};

/// A slice resolved against a length: start, stop, step and item count
/// (`PySlice_AdjustIndices`).
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub len: usize,
}

impl Span {
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len).map(move |k| (self.start + k as i64 * self.step) as usize)
    }
}

impl Vm {
    /// Converts an index argument to i64, raising TypeError for non-ints.
    fn index_value(&mut self, key: ObjectId, what: &str) -> R<i64> {
        match self.as_i64(key) {
            Some(v) => Ok(v),
            None if self.is_int(key) => Err(self.error("IndexError", "cannot fit 'int' into an index-sized integer")),
            None => {
                let t = self.type_name(key);
                Err(self.error("TypeError", &format!("{what} indices must be integers or slices, not {t}")))
            }
        }
    }

    /// Resolves `slice` against a sequence of `len` items.
    pub fn slice_span(&mut self, slice: ObjectId, len: usize) -> R<Span> {
        let [a, b, c] = match self.heap.payload(slice) {
            Payload::Slice(p) => *p,
            _ => unreachable!("slice_span on a non-slice"),
        };
        let get = |vm: &mut Vm, id: ObjectId| -> R<Option<i64>> {
            if id == NULL || id == vm.wk.none {
                return Ok(None);
            }
            match vm.as_i64(id) {
                Some(v) => Ok(Some(v)),
                None => Err(vm.error("TypeError", "slice indices must be integers or None or have an __index__ method")),
            }
        };
        let step = get(self, c)?.unwrap_or(1);
        if step == 0 {
            return Err(self.error("ValueError", "slice step cannot be zero"));
        }
        let len = len as i64;
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let adjust = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(v) if v < 0 => (v + len).max(lo),
                Some(v) => v.min(hi),
            }
        };
        let start = adjust(get(self, a)?, if step < 0 { hi } else { lo });
        let stop = adjust(get(self, b)?, if step < 0 { lo } else { hi });
        let n = if step > 0 {
            if stop > start { (stop - start - 1) / step + 1 } else { 0 }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok(Span { start, stop, step, len: n as usize })
    }

    fn normalise_index(&mut self, i: i64, len: usize, what: &str) -> R<usize> {
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.error("IndexError", &format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    pub fn is_slice(&self, id: ObjectId) -> bool {
        matches!(self.heap.payload(id), Payload::Slice(_))
    }

    /// `obj[key]`: a new reference.
    pub fn getitem(&mut self, obj: ObjectId, key: ObjectId) -> R<ObjectId> {
        match self.heap.payload(obj) {
            Payload::List(_) | Payload::Tuple(_) => {
                let is_list = self.is_list(obj);
                let what = if is_list { "list" } else { "tuple" };
                let items = self.seq_items(obj);
                if self.is_slice(key) {
                    let span = self.slice_span(key, items.len())?;
                    let picked: Vec<ObjectId> = span.indices().map(|i| items[i]).collect();
                    for &p in &picked {
                        self.incref(p);
                    }
                    return if is_list {
                        let n = picked.len();
                        self.new_list(picked, n)
                    } else if picked.len() == items.len() && span.step == 1 {
                        for p in picked {
                            self.decref(p);
                        }
                        self.incref(obj);
                        Ok(obj)
                    } else {
                        self.new_tuple(picked)
                    };
                }
                let i = self.index_value(key, what)?;
                let i = self.normalise_index(i, items.len(), what)?;
                let v = items[i];
                self.incref(v);
                Ok(v)
            }
            Payload::Str(s) => {
                let s = s.clone();
                if self.is_slice(key) {
                    let chars: Vec<char> = s.chars().collect();
                    let span = self.slice_span(key, chars.len())?;
                    if span.len == chars.len() && span.step == 1 {
                        self.incref(obj);
                        return Ok(obj);
                    }
                    let out: String = span.indices().map(|i| chars[i]).collect();
                    return self.new_str(&out);
                }
                let i = self.index_value(key, "string")?;
                let n = s.chars().count();
                let i = self.normalise_index(i, n, "string")?;
                let c = s.chars().nth(i).expect("in range");
                self.new_str(c.encode_utf8(&mut [0; 4]))
            }
            Payload::Bytes(b) => {
                let b = b.clone();
                if self.is_slice(key) {
                    let span = self.slice_span(key, b.len())?;
                    let out: Vec<u8> = span.indices().map(|i| b[i]).collect();
                    return self.new_bytes(&out);
                }
                let i = self.index_value(key, "byte")?;
                let i = self.normalise_index(i, b.len(), "index")?;
                self.new_int(b[i] as i64)
            }
            Payload::Range(r) => {
                let crate::heap::RangeObj { start, stop, step } = **r;
                let n = crate::vm::iter::range_len(start, stop, step);
                if self.is_slice(key) {
                    let span = self.slice_span(key, n)?;
                    let s = start + span.start * step;
                    let st = step * span.step;
                    let e = s + span.len as i64 * st;
                    return self.new_range(s, e, st);
                }
                let i = self.index_value(key, "range object")?;
                let i = match self.normalise_index(i, n, "range object") {
                    Ok(i) => i,
                    Err(e) => {
                        self.discard(e);
                        return Err(self.error("IndexError", "range object index out of range"));
                    }
                };
                self.new_int(start + i as i64 * step)
            }
            Payload::Dict(_) => match self.dict_get(obj, key)? {
                Some(v) => {
                    self.incref(v);
                    Ok(v)
                }
                // A dict subclass's `__missing__` (Counter's 0).
                None => match self.module_missing(obj, key)? {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(key)),
                },
            },
            Payload::Instance(_) => match self.call_dunder(obj, "__getitem__", &[key])? {
                Some(v) => Ok(v),
                None => Err(self.not_subscriptable(obj)),
            },
            Payload::Type(_) => {
                // `list[int]` and friends: a generic alias is out of scope.
                Err(self.unsupported("subscripting a type (generic aliases)"))
            }
            _ => match self.module_getitem(obj, key)? {
                Some(v) => Ok(v),
                None => Err(self.not_subscriptable(obj)),
            },
        }
    }

    fn not_subscriptable(&mut self, obj: ObjectId) -> crate::vm::Unwind {
        let t = self.type_name(obj);
        self.error("TypeError", &format!("'{t}' object is not subscriptable"))
    }

    /// `obj[key] = v`.
    pub fn setitem(&mut self, obj: ObjectId, key: ObjectId, v: ObjectId) -> R<()> {
        match self.heap.payload(obj) {
            Payload::List(_) => {
                let n = self.list_len(obj);
                if self.is_slice(key) {
                    let span = self.slice_span(key, n)?;
                    let new_items = self.collect_iterable(v)?;
                    let old = self.list_items(obj);
                    if span.step == 1 {
                        let stop = (span.start as usize + span.len).max(span.start as usize);
                        let mut items: Vec<ObjectId> = old[..span.start as usize].to_vec();
                        items.extend(new_items.iter().copied());
                        items.extend(old[stop..].iter().copied());
                        for &i in old[..span.start as usize].iter().chain(old[stop..].iter()) {
                            self.incref(i);
                        }
                        return self.list_replace(obj, items);
                    }
                    if new_items.len() != span.len {
                        let msg = format!(
                            "attempt to assign sequence of size {} to extended slice of size {}",
                            new_items.len(),
                            span.len
                        );
                        for i in new_items {
                            self.decref(i);
                        }
                        return Err(self.error("ValueError", &msg));
                    }
                    let idx: Vec<usize> = span.indices().collect();
                    for (k, item) in idx.into_iter().zip(new_items) {
                        self.list_set_item(obj, k, item);
                        self.decref(item);
                    }
                    return Ok(());
                }
                let i = self.index_value(key, "list")?;
                let i = match self.normalise_index(i, n, "list") {
                    Ok(i) => i,
                    Err(e) => {
                        self.discard(e);
                        return Err(self.error("IndexError", "list assignment index out of range"));
                    }
                };
                self.list_set_item(obj, i, v);
                Ok(())
            }
            Payload::Dict(_) => self.dict_set(obj, key, v),
            Payload::Instance(_) => match self.call_dunder(obj, "__setitem__", &[key, v])? {
                Some(r) => {
                    self.decref(r);
                    Ok(())
                }
                None => Err(self.no_item_assignment(obj)),
            },
            _ => {
                if self.module_setitem(obj, key, v)? {
                    return Ok(());
                }
                Err(self.no_item_assignment(obj))
            }
        }
    }

    fn no_item_assignment(&mut self, obj: ObjectId) -> crate::vm::Unwind {
        let t = self.type_name(obj);
        self.error("TypeError", &format!("'{t}' object does not support item assignment"))
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, obj: ObjectId, key: ObjectId) -> R<()> {
        match self.heap.payload(obj) {
            Payload::List(_) => {
                let n = self.list_len(obj);
                if self.is_slice(key) {
                    let span = self.slice_span(key, n)?;
                    let drop: std::collections::HashSet<usize> = span.indices().collect();
                    let old = self.list_items(obj);
                    let keep: Vec<ObjectId> =
                        old.iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, v)| *v).collect();
                    for &k in &keep {
                        self.incref(k);
                    }
                    return self.list_replace(obj, keep);
                }
                let i = self.index_value(key, "list")?;
                let i = match self.normalise_index(i, n, "list") {
                    Ok(i) => i,
                    Err(e) => {
                        self.discard(e);
                        return Err(self.error("IndexError", "list assignment index out of range"));
                    }
                };
                let v = self.list_pop_at(obj, i)?;
                self.decref(v);
                Ok(())
            }
            Payload::Dict(_) => {
                if self.dict_del(obj, key)? {
                    Ok(())
                } else {
                    Err(self.key_error(key))
                }
            }
            Payload::Instance(_) => match self.call_dunder(obj, "__delitem__", &[key])? {
                Some(r) => {
                    self.decref(r);
                    Ok(())
                }
                None => {
                    let t = self.type_name(obj);
                    Err(self.error("TypeError", &format!("'{t}' object does not support item deletion")))
                }
            },
            _ => {
                if self.module_delitem(obj, key)? {
                    return Ok(());
                }
                let t = self.type_name(obj);
                Err(self.error("TypeError", &format!("'{t}' object does not support item deletion")))
            }
        }
    }

    /// `KeyError(key)`.
    pub fn key_error(&mut self, key: ObjectId) -> crate::vm::Unwind {
        self.incref(key);
        match self.new_tuple(vec![key]) {
            Ok(args) => self.error_with_args("KeyError", args),
            Err(e) => e,
        }
    }
}
