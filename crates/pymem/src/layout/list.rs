//! `list` objects: a fixed 56-byte object (from the list free list when it
//! has one) and a separate item array of `8 * allocated` bytes obtained with
//! `PyMem_Malloc`/`PyMem_Realloc`.
//!
//! Models Objects/listobject.c of CPython 3.11. The capacity (`allocated`)
//! depends on how a list was built, which is why `sys.getsizeof` of equal
//! lists differs:
//!
//! - `[a, b]`, `PyList_New(n)`, `[x] * n`, slices, `+`, `.copy()`: exactly
//!   `n` ([`ListState::exact`]);
//! - a display of more than two constants (`[1, 2, 3]`) is compiled to an
//!   empty list extended by a constant tuple, and `list(x)`, `sorted(x)`,
//!   `[*x]` with a known length preallocate: `n` rounded up to even
//!   ([`list_preallocate_exact`]);
//! - appends, comprehensions and inserts grow by [`list_resize`]'s roughly
//!   1/8 over-allocation, and removals shrink only below half;
//! - `str.split()` preallocates [`MAX_PREALLOC`] slots and never trims.
//!
//! [`ListState`] follows one list through these operations and reports each
//! change to its item array as an [`Effect`].

use serde::{Deserialize, Serialize};

use super::object::{Builtin, WORD};
use super::{Buffer, Effect, Request};

/// Bytes per item slot (a `PyObject *`).
pub const ITEM_SIZE: usize = WORD;
/// `MAX_PREALLOC` in Objects/stringlib/split.h: `str.split` and `bytes.split`
/// start with this many slots.
pub const MAX_PREALLOC: usize = 12;
/// `STACK_USE_GUIDELINE` in Python/compile.c: displays with more elements
/// are built by appending one at a time.
pub const STACK_USE_GUIDELINE: usize = 30;
/// The length `PyObject_LengthHint` assumes for iterators that give none
/// (generators, `map`, `filter`, `zip`, `enumerate`, file objects).
pub const DEFAULT_LENGTH_HINT: usize = 8;

/// `list_resize`: the capacity after asking a list of `size` items and
/// capacity `allocated` to hold `newsize` items. Unchanged while
/// `allocated / 2 <= newsize <= allocated`; otherwise
/// `newsize + newsize/8 + 6` rounded down to a multiple of 4, or
/// `newsize` rounded up to a multiple of 4 when that is not enough for a big
/// jump, or 0 for an empty list.
pub const fn list_resize(allocated: usize, size: usize, newsize: usize) -> usize {
    if allocated >= newsize && newsize >= allocated >> 1 {
        return allocated;
    }
    if newsize == 0 {
        return 0;
    }
    let new_allocated = (newsize + (newsize >> 3) + 6) & !3;
    if newsize.saturating_sub(size) > new_allocated - newsize {
        (newsize + 3) & !3
    } else {
        new_allocated
    }
}

/// `list_preallocate_exact`: `n` rounded up to an even number (pymalloc's
/// 16-byte granularity makes the odd slot free).
pub const fn list_preallocate_exact(n: usize) -> usize {
    (n + 1) & !1
}

/// The item array's request for a capacity.
pub const fn items_request(allocated: usize) -> Request {
    Request::mem(allocated * ITEM_SIZE)
}

/// `sys.getsizeof` of a list with capacity `allocated`.
pub const fn getsizeof(allocated: usize) -> usize {
    Builtin::List.getsizeof() + allocated * ITEM_SIZE
}

/// The capacity `str.split()` / `str.rsplit()` leave for `count` pieces:
/// `PyList_New(min(12, maxsplit + 1))`, then appends.
pub fn split_capacity(maxsplit: Option<usize>, count: usize) -> usize {
    let prealloc = maxsplit.map_or(MAX_PREALLOC, |m| MAX_PREALLOC.min(m + 1));
    // PyList_New(prealloc) sets the length to `prealloc`; pieces past it are
    // appended, and the length is set to `count` at the end without a resize.
    let mut list = ListState::exact(prealloc);
    for _ in prealloc..count {
        list.append();
    }
    list.allocated
}

/// What a list is extended with (`list.extend`, `+=`, `list(x)`, `[*x]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Extend {
    /// An exact list or tuple (or the list itself) of `n` items: one resize
    /// to the final length.
    Sequence(usize),
    /// Anything else: `hint` is `len(x)` or `x.__length_hint__()` (`None` if
    /// it has neither, and [`DEFAULT_LENGTH_HINT`] is assumed); `count` is how
    /// many items it really yields.
    Iterator { hint: Option<usize>, count: usize },
}

/// The capacity of one list and whether its item array exists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ListState {
    /// `Py_SIZE`: the number of items.
    pub size: usize,
    /// `allocated`: the number of item slots.
    pub allocated: usize,
    /// `ob_item != NULL`. A list emptied by `pop()` keeps a 0-byte array;
    /// `clear()` and `del l[:]` free it.
    pub has_items: bool,
}

impl ListState {
    /// `[]`, `list()`, `PyList_New(0)`: no item array.
    pub const fn new() -> ListState {
        ListState {
            size: 0,
            allocated: 0,
            has_items: false,
        }
    }

    /// A list made with exactly `n` slots (`[a, b]`, `PyList_New(n)`,
    /// `list_new_prealloc`: `[x] * n`, slicing, `a + b`, `.copy()`). With
    /// `n == 0` there is no item array.
    pub const fn exact(n: usize) -> ListState {
        ListState {
            size: n,
            allocated: n,
            has_items: n > 0,
        }
    }

    /// A list display of `n` elements without starred items. More than two
    /// constants become `BUILD_LIST 0` + `LIST_EXTEND` of a constant tuple;
    /// more than [`STACK_USE_GUIDELINE`] other elements are appended one at a
    /// time; anything else is `BUILD_LIST n`.
    pub fn display(n: usize, all_constant: bool) -> ListState {
        let mut list = ListState::new();
        if all_constant && n > 2 {
            list.extend(Extend::Sequence(n));
        } else if n > STACK_USE_GUIDELINE {
            for _ in 0..n {
                list.append();
            }
        } else {
            list = ListState::exact(n);
        }
        list
    }

    /// `list(iterable)`: `list.__init__` preallocates exactly for objects
    /// with `__len__` (`len` is `Some`), then extends. Without a length this
    /// is `list.extend` on an empty list (which also serves `sorted()`,
    /// `[*x]` and `PySequence_List`).
    pub fn from_iterable(len: Option<usize>, source: Extend) -> (ListState, Vec<Effect>) {
        let mut list = ListState::new();
        let mut effects = Vec::new();
        if let Some(n) = len.filter(|&n| n > 0) {
            effects.push(list.preallocate_exact(n));
        }
        effects.extend(list.extend(source));
        (list, effects)
    }

    /// `sys.getsizeof`.
    pub const fn getsizeof(&self) -> usize {
        getsizeof(self.allocated)
    }

    /// The item array's current request, if it exists.
    pub const fn items_request(&self) -> Option<Request> {
        if self.has_items {
            Some(items_request(self.allocated))
        } else {
            None
        }
    }

    /// `list_resize(self, newsize)`: `append`, `insert`, and `pop()` of the
    /// last item call it with the new length. Returns the realloc, if any.
    pub fn resize(&mut self, newsize: usize) -> Option<Effect> {
        let new_allocated = list_resize(self.allocated, self.size, newsize);
        let fits = self.allocated >= newsize && newsize >= self.allocated >> 1;
        self.size = newsize;
        if fits {
            return None;
        }
        // Past the early return CPython always reallocates, even to the same
        // capacity.
        let from = self.items_request();
        self.allocated = new_allocated;
        self.has_items = true;
        Some(Effect::Realloc {
            buffer: Buffer::Items,
            from,
            to: items_request(new_allocated),
        })
    }

    /// `app1`: `list.append`, `LIST_APPEND` in comprehensions.
    pub fn append(&mut self) -> Option<Effect> {
        self.resize(self.size + 1)
    }

    /// `list_extend`: see [`Extend`].
    pub fn extend(&mut self, source: Extend) -> Vec<Effect> {
        let mut effects = Vec::new();
        match source {
            Extend::Sequence(0) => {}
            Extend::Sequence(n) => {
                if self.has_items {
                    effects.extend(self.resize(self.size + n));
                } else {
                    effects.push(self.preallocate_exact(n));
                    self.size = n;
                }
            }
            Extend::Iterator { hint, count } => {
                let n = hint.unwrap_or(DEFAULT_LENGTH_HINT);
                let m = self.size;
                if !self.has_items {
                    if n > 0 {
                        effects.push(self.preallocate_exact(n));
                    }
                } else {
                    effects.extend(self.resize(m + n));
                    self.size = m;
                }
                for _ in 0..count {
                    if self.size < self.allocated {
                        self.size += 1;
                    } else {
                        effects.extend(self.append());
                    }
                }
                // Cut back if the guess was too large.
                if self.size < self.allocated {
                    effects.extend(self.resize(self.size));
                }
            }
        }
        effects
    }

    /// `list_ass_slice`: replace `removed` items by `inserted` ones (`del
    /// l[i]`, `del l[a:b]`, `l[a:b] = x`, `remove`, `pop(i)` before the end).
    /// A list left empty is cleared, freeing its array. Deleting more than 8
    /// items also makes a temporary `PyMem_Malloc(8 * removed)` copy, freed
    /// before returning (not reported).
    pub fn ass_slice(&mut self, removed: usize, inserted: usize) -> Vec<Effect> {
        let newsize = self.size + inserted - removed;
        if newsize == 0 {
            return self.clear().into_iter().collect();
        }
        if newsize != self.size {
            self.resize(newsize).into_iter().collect()
        } else {
            Vec::new()
        }
    }

    /// `list.clear()` / `_list_clear`: free the array.
    pub fn clear(&mut self) -> Option<Effect> {
        let old = self.items_request();
        *self = ListState::new();
        old.map(|r| Effect::Free(Buffer::Items, r))
    }

    /// `l *= n`.
    pub fn inplace_repeat(&mut self, n: usize) -> Vec<Effect> {
        if self.size == 0 || n == 1 {
            Vec::new()
        } else if n == 0 {
            self.clear().into_iter().collect()
        } else {
            self.resize(self.size * n).into_iter().collect()
        }
    }

    fn preallocate_exact(&mut self, n: usize) -> Effect {
        self.allocated = list_preallocate_exact(n);
        self.has_items = true;
        Effect::Realloc {
            buffer: Buffer::Items,
            from: None,
            to: items_request(self.allocated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn append_growth_matches_the_28_resizes_up_to_1000() {
        let expected = [
            (1, 4),
            (5, 8),
            (9, 16),
            (17, 24),
            (25, 32),
            (33, 40),
            (41, 52),
            (53, 64),
            (65, 76),
            (77, 92),
            (93, 108),
            (109, 128),
            (129, 148),
            (149, 172),
            (173, 200),
            (201, 232),
            (233, 268),
            (269, 308),
            (309, 352),
            (353, 400),
            (401, 456),
            (457, 520),
            (521, 592),
            (593, 672),
            (673, 760),
            (761, 860),
            (861, 972),
            (973, 1100),
        ];
        let mut list = ListState::new();
        let mut seen = vec![];
        for _ in 0..1000 {
            if list.append().is_some() {
                seen.push((list.size, list.allocated));
            }
        }
        assert_eq!(seen, expected);
    }

    #[test]
    fn capacity_by_construction() {
        let caps =
            |f: &dyn Fn(usize) -> ListState| (1..10).map(|n| f(n).allocated).collect::<Vec<_>>();
        let from_len = |n| {
            ListState::from_iterable(
                Some(n),
                Extend::Iterator {
                    hint: Some(n),
                    count: n,
                },
            )
            .0
        };
        assert_eq!(caps(&from_len), [2, 2, 4, 4, 6, 6, 8, 8, 10]);
        assert_eq!(caps(&ListState::exact), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let comp = |n| {
            let mut l = ListState::new();
            (0..n).for_each(|_| {
                l.append();
            });
            l
        };
        assert_eq!(caps(&comp), [4, 4, 4, 4, 8, 8, 8, 8, 16]);
        let genexpr = |n| {
            ListState::from_iterable(
                None,
                Extend::Iterator {
                    hint: None,
                    count: n,
                },
            )
            .0
        };
        assert_eq!(caps(&genexpr), [4, 8, 8, 8, 8, 8, 8, 8, 16]);
        assert_eq!(ListState::display(3, true).allocated, 4);
        assert_eq!(ListState::display(5, true).allocated, 6);
        assert_eq!(ListState::display(3, false).allocated, 3);
    }

    #[test]
    fn shrink_by_deleting_a_tail() {
        let (mut list, _) = ListState::from_iterable(
            Some(100),
            Extend::Iterator {
                hint: Some(100),
                count: 100,
            },
        );
        list.ass_slice(90, 0);
        assert_eq!(list.allocated, 16);
    }

    #[test]
    fn popping_the_last_item_keeps_an_empty_array() {
        let mut list = ListState::exact(2);
        assert_eq!(list.resize(1), None);
        let effect = list.resize(0);
        assert_eq!(
            effect,
            Some(Effect::Realloc {
                buffer: Buffer::Items,
                from: Some(Request::mem(16)),
                to: Request::mem(0)
            })
        );
        assert!(list.has_items);
    }

    #[test]
    fn split_preallocates_twelve() {
        assert_eq!(split_capacity(None, 3), 12);
        assert_eq!(split_capacity(None, 12), 12);
        assert_eq!(split_capacity(None, 13), 20);
        assert_eq!(split_capacity(Some(1), 2), 2);
    }
}
