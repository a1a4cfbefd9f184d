//! `Payload::Ext`: what an object of a type defined in `vm/modules` holds
//! (array, deque, bytearray, their iterators, tracemalloc's snapshot
//! classes, `weakref.finalize`, a `memory_profiler.profile` wrapper).
//!
//! The core sees one payload variant and calls back here for everything
//! type-specific: traversal (`visit`), release on deallocation, `tp_clear`,
//! `__sizeof__`, `repr`/`str`, and the container protocol hooks in `mod.rs`.

use crate::heap::{Payload, NULL};
use crate::ids::ObjectId;
use crate::vm::modules::array::ArrayObject;
use crate::vm::modules::bytearray::ByteArray;
use crate::vm::modules::deque::Deque;
use crate::vm::modules::finalize::Finalize;
use crate::vm::modules::seqiter::SeqIter;
use crate::vm::modules::tm_snapshot::TmObject;
use crate::vm::{Vm, R};

#[derive(Clone, Debug)]
pub enum Ext {
    Array(ArrayObject),
    Deque(Box<Deque>),
    ByteArray(ByteArray),
    SeqIter(SeqIter),
    Tm(TmObject),
    Finalize(Box<Finalize>),
    /// A function decorated with `memory_profiler.profile`.
    Profiled { func: ObjectId, precision: usize },
}

impl Ext {
    /// `tp_traverse`: the references this object holds, in CPython's order.
    pub fn visit(&self, v: &mut dyn FnMut(ObjectId)) {
        match self {
            Ext::Deque(d) => d.items.iter().for_each(|&i| v(i)),
            Ext::SeqIter(it) => {
                if it.seq != NULL {
                    v(it.seq)
                }
            }
            Ext::Finalize(f) => f.visit(v),
            Ext::Profiled { func, .. } => {
                if *func != NULL {
                    v(*func)
                }
            }
            Ext::Array(_) | Ext::ByteArray(_) | Ext::Tm(_) => {}
        }
    }
}

impl Ext {
    /// The references the heap view draws, with their labels.
    pub fn labelled_refs(&self) -> Vec<(String, ObjectId)> {
        match self {
            Ext::Deque(d) => d.items.iter().enumerate().map(|(i, &v)| (format!("[{i}]"), v)).collect(),
            Ext::SeqIter(it) if it.seq != NULL => vec![("iterates".into(), it.seq)],
            Ext::Finalize(f) => f.info.iter().flat_map(|i| [("func".to_string(), i.func), ("args".to_string(), i.args)]).collect(),
            Ext::Profiled { func, .. } if *func != NULL => vec![("__wrapped__".into(), *func)],
            _ => Vec::new(),
        }
    }
}

impl Vm {
    pub(crate) fn ext(&self, id: ObjectId) -> Option<&Ext> {
        match self.heap.payload(id) {
            Payload::Ext(x) => Some(x),
            _ => None,
        }
    }

    pub(crate) fn ext_mut(&mut self, id: ObjectId) -> Option<&mut Ext> {
        match self.heap.payload_mut(id) {
            Payload::Ext(x) => Some(x),
            _ => None,
        }
    }

    /// A new object of module type `ty` holding `x` (GC-tracked when the
    /// type is a GC type). `size` is what CPython requests for the object,
    /// GC head included.
    pub(crate) fn new_ext(&mut self, ty: crate::vm::types::Builtin, x: Ext, size: usize) -> R<ObjectId> {
        let gc = ty.is_gc();
        self.alloc_object(
            ty.id(),
            Payload::Ext(Box::new(x)),
            crate::vm::memory::Spec { size, gc, track: gc, free_list: None },
        )
    }

    /// Releases what a dead module object held (its payload is already out
    /// of the table), in the order its `tp_dealloc` does.
    pub(crate) fn release_ext(&mut self, x: Ext) {
        match x {
            Ext::Array(a) => self.release_array(a),
            Ext::ByteArray(b) => self.release_bytearray(b),
            Ext::Deque(d) => self.release_deque(*d),
            Ext::Finalize(f) => self.release_finalize(*f),
            other => {
                let mut held = Vec::new();
                other.visit(&mut |c| held.push(c));
                for c in held {
                    self.decref(c);
                }
            }
        }
    }

    /// `tp_clear` for a module object in cyclic garbage.
    pub(crate) fn clear_ext(&mut self, op: ObjectId) {
        let mut dropped = Vec::new();
        match self.ext_mut(op) {
            Some(Ext::Deque(_)) => {
                self.deque_clear(op);
                return;
            }
            Some(Ext::SeqIter(it)) if it.seq != NULL => dropped.push(std::mem::replace(&mut it.seq, NULL)),
            Some(Ext::Finalize(f)) => {
                if let Some(info) = f.info.take() {
                    self.drop_finalize_info(info);
                }
            }
            _ => {}
        }
        for c in dropped {
            self.decref(c);
        }
    }

    /// `__sizeof__` of module objects (None for other objects): the fixed
    /// part plus the separately allocated buffers the type counts.
    pub(crate) fn ext_sizeof(&self, obj: ObjectId) -> Option<usize> {
        let o = self.heap.get(obj);
        let pre = if self.type_is_gc(o.ty) { 16 } else { 0 };
        Some(match self.ext(obj)? {
            Ext::Array(a) => 64 + a.allocated * a.itemsize(),
            Ext::ByteArray(b) => 56 + b.alloc,
            Ext::Deque(d) => 216 + d.blocks.len() * crate::vm::modules::deque::BLOCK_BYTES,
            _ => (o.size as usize).saturating_sub(pre),
        })
    }

    /// `repr()` of module objects and of Counter dicts; None for the rest.
    pub(crate) fn module_repr(&mut self, obj: ObjectId) -> R<Option<String>> {
        if self.heap.get(obj).ty == crate::vm::types::Builtin::Counter.id() {
            return self.counter_repr(obj).map(Some);
        }
        if self.is_defaultdict(obj) {
            return self.defaultdict_repr(obj).map(Some);
        }
        let addr = self.id_of(obj);
        let s = match self.ext(obj) {
            None => return Ok(None),
            Some(Ext::Array(_)) => self.array_repr(obj)?,
            Some(Ext::ByteArray(b)) => format!("bytearray({})", bytearray_bytes_repr(&b.data)),
            Some(Ext::Deque(_)) => self.deque_repr(obj)?,
            Some(Ext::Tm(_)) => self.tm_repr(obj)?,
            Some(Ext::Finalize(_)) => self.finalize_repr(obj),
            Some(Ext::Profiled { func, .. }) => {
                let name = match (*func != NULL).then(|| self.heap.payload(*func)) {
                    Some(Payload::Function(f)) => self.str_of(f.qualname).to_string(),
                    Some(_) => "profile.<locals>.wrapper".into(),
                    None => "profile.<locals>.inner_wrapper".into(),
                };
                format!("<function {name} at {addr:#x}>")
            }
            Some(Ext::SeqIter(_)) => {
                let t = self.type_name(obj);
                format!("<{t} object at {addr:#x}>")
            }
        };
        Ok(Some(s))
    }

    /// `str()` of module objects (tracemalloc's classes define `__str__`).
    pub(crate) fn module_str(&mut self, obj: ObjectId) -> R<String> {
        if let Some(Ext::Tm(_)) = self.ext(obj) {
            return self.tm_str(obj);
        }
        self.repr(obj)
    }
}

/// `bytearray`'s repr of its bytes: like `bytes_repr`, except that a single
/// quote is escaped even inside double quotes (`bytearray(b"a\'b")`).
pub fn bytearray_bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { '"' } else { '\'' };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' | b'\'' => {
                out.push('\\');
                out.push(c as char);
            }
            b'"' if quote == '"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}
