//! The collector's object lists: CPython's `PyGC_Head` links, kept in a side
//! table indexed by [`ObjectId`] instead of in a header before each object.
//!
//! CPython threads every tracked container on an intrusive doubly linked list
//! (`_gc_prev` / `_gc_next`), one list per generation plus the lists a
//! collection builds for itself (`unreachable`, `finalizers`, ...). Order is
//! observable: tracking appends at the tail of generation 0, merging appends a
//! whole list at the tail of another, and the collector walks lists from the
//! head, so list order decides which `__del__` runs first and which object a
//! traversal reaches first. This module keeps exactly that structure: one
//! `Node` per object id (`prev`, `next`, the list it is on, the `gc_refs`
//! scratch word and the header flag bits) and one `ListHead` per list.
//!
//! Unlike CPython's raw pointers, each node also records *which* list it is on.
//! That costs a relabelling pass when a list is merged (linear in the merged
//! list, which the collector walks anyway) and buys two things: unlinking an
//! object never needs to know its list (so an object freed in the middle of a
//! collection, while sitting on a temporary list, is removed safely), and the
//! UI can ask where any object is in O(1).

use serde::{Deserialize, Serialize};

use crate::ids::ObjectId;

/// Every list an object can be on. The first four exist between collections;
/// the others are the temporary lists of one `gc_collect_main` call (only one
/// collection runs at a time, so one of each is enough).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum GcList {
    /// `generations[0]`: where `_PyObject_GC_TRACK` appends.
    Gen0,
    /// `generations[1]`.
    Gen1,
    /// `generations[2]`, the oldest.
    Gen2,
    /// `permanent_generation`, filled by `gc.freeze()`, never collected.
    Permanent,
    /// `unreachable` in `gc_collect_main`: tentative (later confirmed) garbage.
    Unreachable,
    /// `finalizers`: objects with a legacy `tp_del` and everything they reach.
    Finalizers,
    /// `wrcb_to_call` in `handle_weakrefs`: live weakrefs whose callbacks run.
    WeakrefCallbacks,
    /// `seen` in `finalize_garbage`: objects whose finalizer was considered.
    Seen,
    /// `final_unreachable`: garbage that is still garbage after finalizers.
    FinalUnreachable,
}

/// Number of [`GcList`] variants.
pub(crate) const NUM_LISTS: usize = 9;

impl GcList {
    pub(crate) const ALL: [GcList; NUM_LISTS] = [
        GcList::Gen0,
        GcList::Gen1,
        GcList::Gen2,
        GcList::Permanent,
        GcList::Unreachable,
        GcList::Finalizers,
        GcList::WeakrefCallbacks,
        GcList::Seen,
        GcList::FinalUnreachable,
    ];

    /// The list of generation `gen` (0, 1 or 2).
    pub fn generation(gen: usize) -> GcList {
        match gen {
            0 => GcList::Gen0,
            1 => GcList::Gen1,
            2 => GcList::Gen2,
            _ => panic!("invalid generation {gen}"),
        }
    }

    /// The generation number of a generation list, `None` for the others.
    pub fn as_generation(self) -> Option<usize> {
        match self {
            GcList::Gen0 => Some(0),
            GcList::Gen1 => Some(1),
            GcList::Gen2 => Some(2),
            _ => None,
        }
    }

    fn index(self) -> u8 {
        self as u8
    }
}

/// `_gc_next == 0`: the object is on no list (untracked).
const UNTRACKED: u8 = u8::MAX;
/// End of a list (CPython links back to the list head instead).
const NIL: u32 = u32::MAX;

/// `_PyGC_PREV_MASK_FINALIZED`: `tp_finalize` already ran for this object.
pub(crate) const FINALIZED: u8 = 1 << 0;
/// `_PyGC_PREV_MASK_COLLECTING`: the object is in the set being collected.
pub(crate) const COLLECTING: u8 = 1 << 1;

/// One object's `PyGC_Head`, plus the `gc_refs` word CPython keeps in the
/// upper bits of `_gc_prev` during a collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Node {
    prev: u32,
    next: u32,
    gc_refs: u32,
    list: u8,
    flags: u8,
}

impl Node {
    const CLEAN: Node = Node {
        prev: NIL,
        next: NIL,
        gc_refs: 0,
        list: UNTRACKED,
        flags: 0,
    };
}

/// Head, tail and length of one list. The length is kept so that
/// `gc_list_size` is O(1); CPython walks the list, with the same result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct ListHead {
    head: u32,
    tail: u32,
    len: u32,
}

impl ListHead {
    const EMPTY: ListHead = ListHead {
        head: NIL,
        tail: NIL,
        len: 0,
    };
}

/// Nodes by object id: a flat table for the ids up to about the highest
/// tracked one, plus a side map for ids written far beyond its end.
///
/// Ids are shared by all objects, and a program's tracked objects can be a
/// few among a million ints: the `print` tuple after `[i for i in
/// range(10**6)]` has an id near a million. Growing the flat table to it
/// would write a node for every id below (16 MB, ~4,000 page faults); that
/// node goes to `far` instead. The flat table keeps GC-heavy programs, whose
/// ids are dense, at one bounds check per access.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct NodeTable {
    flat: Vec<Node>,
    /// Nodes of ids at or beyond `flat.len()` (never both places), sorted
    /// by id; at most `FAR_MAX`.
    far: Vec<(u32, Node)>,
}

/// How far beyond the flat table's end a write may be and still grow it.
const FLAT_SLACK: usize = 4096;
/// Past this many far nodes the flat table grows to cover them all.
const FAR_MAX: usize = 256;

impl NodeTable {
    #[inline(always)]
    fn get(&self, i: usize) -> Option<&Node> {
        match self.flat.get(i) {
            Some(n) => Some(n),
            None => self.far_get(i),
        }
    }

    #[inline(always)]
    fn get_mut(&mut self, i: usize) -> Option<&mut Node> {
        if i < self.flat.len() {
            return Some(&mut self.flat[i]);
        }
        self.far_get_mut(i)
    }

    fn far_position(&self, i: usize) -> Result<usize, usize> {
        self.far.binary_search_by_key(&(i as u32), |&(k, _)| k)
    }

    #[inline(never)]
    fn far_get(&self, i: usize) -> Option<&Node> {
        self.far_position(i).ok().map(|p| &self.far[p].1)
    }

    #[inline(never)]
    fn far_get_mut(&mut self, i: usize) -> Option<&mut Node> {
        self.far_position(i).ok().map(|p| &mut self.far[p].1)
    }

    /// The node of id `i`, made CLEAN if it was never written.
    #[inline(always)]
    fn get_or_insert(&mut self, i: usize) -> &mut Node {
        if i < self.flat.len() {
            return &mut self.flat[i];
        }
        self.insert_beyond(i)
    }

    #[cold]
    #[inline(never)]
    fn insert_beyond(&mut self, i: usize) -> &mut Node {
        let len = self.flat.len();
        if i < len + FLAT_SLACK.max(len) || self.far.len() >= FAR_MAX {
            let far_end = self.far.last().map_or(0, |&(k, _)| k as usize + 1);
            self.grow_to((i + 1).max(far_end));
            return &mut self.flat[i];
        }
        let p = match self.far_position(i) {
            Ok(p) => p,
            Err(p) => {
                self.far.insert(p, (i as u32, Node::CLEAN));
                p
            }
        };
        &mut self.far[p].1
    }

    /// Makes id `i`'s node CLEAN (a far one is dropped).
    #[inline]
    fn clear(&mut self, i: usize) {
        if i < self.flat.len() {
            self.flat[i] = Node::CLEAN;
        } else if let Ok(p) = self.far_position(i) {
            self.far.remove(p);
        }
    }

    /// Extends the flat table to `n` ids, moving far nodes into it.
    fn grow_to(&mut self, n: usize) {
        self.flat.resize(n, Node::CLEAN);
        let moved = self.far.partition_point(|&(k, _)| (k as usize) < n);
        for (k, node) in self.far.drain(..moved) {
            self.flat[k as usize] = node;
        }
    }

    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = &Node> {
        self.flat.iter().chain(self.far.iter().map(|(_, n)| n))
    }
}

/// Indexing is for ids known to have a node (linked on a list).
impl std::ops::Index<usize> for NodeTable {
    type Output = Node;
    #[inline(always)]
    fn index(&self, i: usize) -> &Node {
        match self.flat.get(i) {
            Some(n) => n,
            None => self.far_get(i).expect("a linked node exists"),
        }
    }
}

impl std::ops::IndexMut<usize> for NodeTable {
    #[inline(always)]
    fn index_mut(&mut self, i: usize) -> &mut Node {
        if i < self.flat.len() {
            return &mut self.flat[i];
        }
        self.far_get_mut(i).expect("a linked node exists")
    }
}

/// All lists and all nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Lists {
    nodes: NodeTable,
    heads: [ListHead; NUM_LISTS],
}

impl Default for Lists {
    fn default() -> Self {
        Lists {
            nodes: NodeTable::default(),
            heads: [ListHead::EMPTY; NUM_LISTS],
        }
    }
}

fn id(raw: u32) -> Option<ObjectId> {
    (raw != NIL).then_some(ObjectId(raw))
}

impl Lists {
    #[inline(always)]
    fn node(&self, op: ObjectId) -> Node {
        self.nodes.get(op.index()).copied().unwrap_or(Node::CLEAN)
    }

    #[inline]
    fn node_mut(&mut self, op: ObjectId) -> &mut Node {
        let i = op.index();
        assert!(
            op.0 != NIL,
            "ObjectId({NIL}) is reserved as the end-of-list marker"
        );
        self.nodes.get_or_insert(i)
    }

    /// The list `op` is on, `None` if untracked.
    #[inline]
    pub(crate) fn list_of(&self, op: ObjectId) -> Option<GcList> {
        let list = self.node(op).list;
        (list != UNTRACKED).then(|| GcList::ALL[list as usize])
    }

    #[inline]
    pub(crate) fn is_tracked(&self, op: ObjectId) -> bool {
        self.node(op).list != UNTRACKED
    }

    #[inline]
    pub(crate) fn len(&self, list: GcList) -> usize {
        self.heads[list as usize].len as usize
    }

    #[inline]
    pub(crate) fn first(&self, list: GcList) -> Option<ObjectId> {
        id(self.heads[list as usize].head)
    }

    /// The object after `op` on its list.
    #[inline]
    pub(crate) fn next(&self, op: ObjectId) -> Option<ObjectId> {
        id(self.node(op).next)
    }

    /// The objects of `list`, head to tail.
    pub(crate) fn iter(&self, list: GcList) -> impl Iterator<Item = ObjectId> + '_ {
        std::iter::successors(self.first(list), move |&op| self.next(op))
    }

    /// `gc_list_append`: link an untracked object at the tail of `list`.
    pub(crate) fn append(&mut self, op: ObjectId, list: GcList) {
        debug_assert!(!self.is_tracked(op), "{op:?} is already on a list");
        let head = self.heads[list as usize];
        {
            let node = self.node_mut(op);
            node.prev = head.tail;
            node.next = NIL;
            node.list = list.index();
        }
        match id(head.tail) {
            Some(tail) => self.nodes[tail.index()].next = op.0,
            None => self.heads[list as usize].head = op.0,
        }
        let h = &mut self.heads[list as usize];
        h.tail = op.0;
        h.len += 1;
    }

    /// `gc_list_remove`: unlink `op` from whichever list it is on (no-op if
    /// untracked). Flag bits are left to the caller.
    pub(crate) fn remove(&mut self, op: ObjectId) {
        let node = self.node(op);
        if node.list == UNTRACKED {
            return;
        }
        let list = node.list as usize;
        match id(node.prev) {
            Some(prev) => self.nodes[prev.index()].next = node.next,
            None => self.heads[list].head = node.next,
        }
        match id(node.next) {
            Some(next) => self.nodes[next.index()].prev = node.prev,
            None => self.heads[list].tail = node.prev,
        }
        self.heads[list].len -= 1;
        let n = &mut self.nodes[op.index()];
        n.prev = NIL;
        n.next = NIL;
        n.list = UNTRACKED;
    }

    /// `gc_list_move`: unlink `op` and append it at the tail of `list`.
    pub(crate) fn move_to(&mut self, op: ObjectId, list: GcList) {
        self.remove(op);
        self.append(op, list);
    }

    /// `gc_list_merge`: append all of `from` at the tail of `to`; `from`
    /// becomes empty.
    pub(crate) fn merge(&mut self, from: GcList, to: GcList) {
        assert_ne!(from, to);
        let src = self.heads[from as usize];
        if src.len == 0 {
            return;
        }
        let mut cur = src.head;
        while cur != NIL {
            let n = &mut self.nodes[cur as usize];
            n.list = to.index();
            cur = n.next;
        }
        let dst = self.heads[to as usize];
        match id(dst.tail) {
            Some(tail) => self.nodes[tail.index()].next = src.head,
            None => self.heads[to as usize].head = src.head,
        }
        self.nodes[src.head as usize].prev = dst.tail;
        let h = &mut self.heads[to as usize];
        h.tail = src.tail;
        h.len += src.len;
        self.heads[from as usize] = ListHead::EMPTY;
    }

    #[inline]
    pub(crate) fn has_flag(&self, op: ObjectId, flag: u8) -> bool {
        self.node(op).flags & flag != 0
    }

    #[inline]
    pub(crate) fn set_flag(&mut self, op: ObjectId, flag: u8) {
        self.node_mut(op).flags |= flag;
    }

    #[inline]
    pub(crate) fn clear_flag(&mut self, op: ObjectId, flag: u8) {
        if let Some(n) = self.nodes.get_mut(op.index()) {
            n.flags &= !flag;
        }
    }

    #[inline]
    pub(crate) fn gc_refs(&self, op: ObjectId) -> u32 {
        self.node(op).gc_refs
    }

    #[inline]
    pub(crate) fn set_gc_refs(&mut self, op: ObjectId, refs: u32) {
        self.node_mut(op).gc_refs = refs;
    }

    /// `_PyObject_GC_UNTRACK`: unlink, keep only the FINALIZED bit.
    pub(crate) fn untrack(&mut self, op: ObjectId) {
        self.remove(op);
        if let Some(n) = self.nodes.get_mut(op.index()) {
            n.flags &= FINALIZED;
            n.gc_refs = 0;
        }
    }

    /// The object is freed: unlink it and wipe its header, so that a reused id
    /// starts as a fresh `gc_alloc` would (`_gc_prev = _gc_next = 0`).
    pub(crate) fn forget(&mut self, op: ObjectId) {
        self.remove(op);
        self.nodes.clear(op.index());
    }

    /// Check the links of every list against the recorded heads, tails,
    /// lengths and list tags. Used by tests.
    #[cfg(test)]
    pub(crate) fn check(&self) {
        let mut seen = 0usize;
        for list in GcList::ALL {
            let h = self.heads[list as usize];
            let mut prev = NIL;
            let mut cur = h.head;
            let mut n = 0u32;
            while cur != NIL {
                let node = self.nodes[cur as usize];
                assert_eq!(node.list, list.index(), "node {cur} has the wrong list tag");
                assert_eq!(node.prev, prev, "node {cur} has a broken prev link");
                prev = cur;
                cur = node.next;
                n += 1;
            }
            assert_eq!(h.tail, prev, "{list:?} has a wrong tail");
            assert_eq!(h.len, n, "{list:?} has a wrong length");
            seen += n as usize;
        }
        let tagged = self.nodes.iter().filter(|n| n.list != UNTRACKED).count();
        assert_eq!(seen, tagged, "some tagged node is on no list");
    }
}

#[cfg(test)]
mod node_table_tests {
    use super::*;

    fn ids(lists: &Lists, list: GcList) -> Vec<u32> {
        lists.iter(list).map(|op| op.0).collect()
    }

    /// A tracked id far beyond the others (the `print` tuple after a
    /// million ints) gets a side-map node, not a million-node flat table.
    #[test]
    fn a_far_id_does_not_grow_the_flat_table() {
        let mut l = Lists::default();
        for i in 0..10 {
            l.append(ObjectId(i), GcList::Gen0);
        }
        l.append(ObjectId(1_000_000), GcList::Gen0);
        assert!(l.nodes.flat.len() < 10_000, "{}", l.nodes.flat.len());
        assert_eq!(l.nodes.far.len(), 1);
        assert!(l.is_tracked(ObjectId(1_000_000)));
        assert_eq!(ids(&l, GcList::Gen0), (0..10).chain([1_000_000]).collect::<Vec<_>>());
        l.check();
        l.forget(ObjectId(1_000_000));
        assert!(l.nodes.far.is_empty());
        assert!(!l.is_tracked(ObjectId(1_000_000)));
        l.check();
    }

    /// When dense ids reach a far node, the flat table takes it over with its
    /// links and flags intact.
    #[test]
    fn growing_the_flat_table_moves_far_nodes_in() {
        let mut l = Lists::default();
        l.append(ObjectId(0), GcList::Gen0);
        l.append(ObjectId(9_000), GcList::Gen1);
        l.set_flag(ObjectId(9_000), FINALIZED);
        assert_eq!(l.nodes.far.len(), 1);
        for i in 1..9_000 {
            l.append(ObjectId(i), GcList::Gen0);
        }
        l.append(ObjectId(9_001), GcList::Gen1);
        assert!(l.nodes.far.is_empty());
        assert!(l.nodes.flat.len() > 9_001);
        assert_eq!(ids(&l, GcList::Gen1), vec![9_000, 9_001]);
        assert!(l.has_flag(ObjectId(9_000), FINALIZED));
        assert_eq!(l.len(GcList::Gen0), 9_000);
        l.check();
    }

    /// Many far nodes make the flat table grow to cover them all.
    #[test]
    fn many_far_nodes_fold_into_the_flat_table() {
        let mut l = Lists::default();
        for k in 0..(FAR_MAX as u32 + 1) {
            l.append(ObjectId(5_000 * (k + 1)), GcList::Gen2);
        }
        assert!(l.nodes.far.is_empty());
        assert_eq!(l.len(GcList::Gen2), FAR_MAX + 1);
        assert_eq!(ids(&l, GcList::Gen2), (0..FAR_MAX as u32 + 1).map(|k| 5_000 * (k + 1)).collect::<Vec<_>>());
        l.check();
    }
}
