//! `bytearray` (Objects/bytearrayobject.c): a mutable bytes object whose
//! buffer (`ob_bytes`) is a separate `PyObject_Malloc` allocation.
//!
//! The object is 56 bytes and not a GC type. `ob_alloc` counts the
//! buffer's bytes, trailing NUL included, and grows by
//! `PyByteArray_Resize`'s policy: exact (`n + 1`) when the request jumps
//! past 1.125 × the allocation, otherwise `n + n/8 + (3 if n < 9 else 6)`;
//! it shrinks to exact when the size drops below half. `sys.getsizeof` is
//! 56 + `ob_alloc`.

use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::pymalloc::Addr;
use crate::vm::builtins::Args;
use crate::vm::modules::ext::Ext;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

/// `sizeof(PyByteArrayObject)` (not a GC type: no GC head).
const BYTEARRAY_OBJECT_BYTES: usize = 56;

#[derive(Clone, Debug, Default)]
pub struct ByteArray {
    pub data: Vec<u8>,
    /// `ob_alloc`: the buffer's size, the trailing NUL included.
    pub alloc: usize,
    pub buf: Option<Addr>,
}

/// `PyByteArray_Resize`'s new allocation for `size` bytes, or None when
/// the current one is kept.
pub fn resized_alloc(alloc: usize, size: usize) -> Option<usize> {
    if size < alloc {
        // Shrink to exact only below half; otherwise keep the buffer.
        return (size < alloc / 2).then_some(size + 1);
    }
    if (size as f64) <= alloc as f64 * 1.125 {
        Some(size + (size >> 3) + if size < 9 { 3 } else { 6 })
    } else {
        Some(size + 1)
    }
}

impl Vm {
    fn ba(&self, b: ObjectId) -> &ByteArray {
        match self.ext(b) {
            Some(Ext::ByteArray(x)) => x,
            _ => unreachable!("not a bytearray"),
        }
    }

    fn ba_mut(&mut self, b: ObjectId) -> &mut ByteArray {
        match self.ext_mut(b) {
            Some(Ext::ByteArray(x)) => x,
            _ => unreachable!("not a bytearray"),
        }
    }

    pub(crate) fn is_bytearray(&self, v: ObjectId) -> bool {
        matches!(self.ext(v), Some(Ext::ByteArray(_)))
    }

    pub(crate) fn bytearray_len(&self, b: ObjectId) -> usize {
        self.ba(b).data.len()
    }

    /// `PyByteArray_FromStringAndSize`: the object, then an exact buffer.
    pub(crate) fn new_bytearray(&mut self, bytes: &[u8]) -> R<ObjectId> {
        let b = self.new_ext(Builtin::ByteArray, Ext::ByteArray(ByteArray::default()), BYTEARRAY_OBJECT_BYTES)?;
        if !bytes.is_empty() {
            match self.alloc_buffer(bytes.len() + 1) {
                Ok(buf) => {
                    let x = self.ba_mut(b);
                    x.buf = Some(buf);
                    x.alloc = bytes.len() + 1;
                    x.data = bytes.to_vec();
                }
                Err(e) => {
                    self.decref(b);
                    return Err(e);
                }
            }
        }
        Ok(b)
    }

    /// `PyByteArray_Resize` (new bytes are zero).
    pub(crate) fn bytearray_resize(&mut self, b: ObjectId, size: usize) -> R<()> {
        let (alloc, len, buf) = {
            let x = self.ba(b);
            (x.alloc, x.data.len(), x.buf)
        };
        if size == len {
            return Ok(());
        }
        if let Some(new_alloc) = resized_alloc(alloc, size) {
            let addr = self.realloc_buffer(buf, alloc, new_alloc)?;
            let x = self.ba_mut(b);
            x.buf = Some(addr);
            x.alloc = new_alloc;
        }
        self.ba_mut(b).data.resize(size, 0);
        Ok(())
    }

    pub(crate) fn release_bytearray(&mut self, b: ByteArray) {
        if let Some(buf) = b.buf {
            self.heap.free(buf, b.alloc);
        }
    }

    /// `_getbytevalue`: an int in range(0, 256).
    fn byte_value(&mut self, v: ObjectId) -> R<u8> {
        match self.as_i64(v).filter(|_| self.is_int(v)) {
            Some(x) if (0..256).contains(&x) => Ok(x as u8),
            Some(_) => Err(self.error("ValueError", "byte must be in range(0, 256)")),
            None if self.is_int(v) => Err(self.error("ValueError", "byte must be in range(0, 256)")),
            None => {
                let t = self.type_name(v);
                Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    /// `bytearray([source[, encoding[, errors]]])`.
    pub(crate) fn construct_bytearray(&mut self, a: &Args) -> R<ObjectId> {
        if a.pos.len() > 3 {
            return Err(self.error("TypeError", &format!("bytearray() takes at most 3 arguments ({} given)", a.pos.len())));
        }
        let source = a.pos.first().copied().or_else(|| a.kw("source"));
        let encoding = a.pos.get(1).copied().or_else(|| a.kw("encoding"));
        let b = self.new_bytearray(&[])?;
        let r = match source {
            None => {
                if encoding.is_some() {
                    Err(self.error("TypeError", "encoding without a string argument"))
                } else {
                    Ok(())
                }
            }
            Some(s) => self.bytearray_init(b, s, encoding),
        };
        match r {
            Ok(()) => Ok(b),
            Err(e) => {
                self.decref(b);
                Err(e)
            }
        }
    }

    fn bytearray_init(&mut self, b: ObjectId, s: ObjectId, encoding: Option<ObjectId>) -> R<()> {
        if let Payload::Str(text) = self.heap.payload(s) {
            if encoding.is_none() {
                return Err(self.error("TypeError", "string argument without an encoding"));
            }
            let bytes = text.as_bytes().to_vec();
            self.bytearray_resize(b, bytes.len())?;
            self.ba_mut(b).data.copy_from_slice(&bytes);
            return Ok(());
        }
        if encoding.is_some() {
            return Err(self.error("TypeError", "encoding without a string argument"));
        }
        if self.is_int(s) {
            let n = self.as_i64(s).unwrap_or(i64::MAX);
            if n < 0 {
                return Err(self.error("ValueError", "negative count"));
            }
            if self.heap.over_cap(n as usize) {
                return Err(self.memory_error());
            }
            return self.bytearray_resize(b, n as usize);
        }
        if let Some(bytes) = self.bytes_like(s) {
            self.bytearray_resize(b, bytes.len())?;
            self.ba_mut(b).data.copy_from_slice(&bytes);
            return Ok(());
        }
        if let Payload::List(_) | Payload::Tuple(_) = self.heap.payload(s) {
            let items = self.seq_items(s);
            if items.iter().all(|&i| self.is_int(i)) {
                let mut bytes = Vec::with_capacity(items.len());
                for i in items {
                    bytes.push(self.byte_value(i)?);
                }
                self.bytearray_resize(b, bytes.len())?;
                self.ba_mut(b).data.copy_from_slice(&bytes);
                return Ok(());
            }
        }
        let it = match self.get_iter(s) {
            Ok(it) => it,
            Err(crate::vm::Unwind::Exc(e)) if self.is_instance_of_name(e, "TypeError") => {
                self.decref(e);
                let t = self.type_name(s);
                return Err(self.error("TypeError", &format!("cannot convert '{t}' object to bytearray")));
            }
            Err(e) => return Err(e),
        };
        let r = (|| {
            while let Some(v) = self.iter_next(it)? {
                let x = self.byte_value(v);
                self.decref(v);
                let x = x?;
                let n = self.bytearray_len(b);
                if n + 1 < self.ba(b).alloc {
                    self.ba_mut(b).data.push(x);
                } else {
                    self.bytearray_resize(b, n + 1)?;
                    self.ba_mut(b).data[n] = x;
                }
            }
            Ok(())
        })();
        self.decref(it);
        r
    }

    /// Appends `bytes` at the end (`bytearray_setslice` at `len`).
    fn bytearray_extend_bytes(&mut self, b: ObjectId, bytes: &[u8]) -> R<()> {
        let n = self.bytearray_len(b);
        self.bytearray_resize(b, n + bytes.len())?;
        self.ba_mut(b).data[n..].copy_from_slice(bytes);
        Ok(())
    }

    /// `bytearray.extend(iterable_of_ints)`.
    fn bytearray_extend(&mut self, b: ObjectId, v: ObjectId) -> R<()> {
        if let Some(bytes) = self.bytes_like(v) {
            return self.bytearray_extend_bytes(b, &bytes);
        }
        let it = match self.get_iter(v) {
            Ok(it) => it,
            Err(crate::vm::Unwind::Exc(e)) if self.is_instance_of_name(e, "TypeError") => {
                self.decref(e);
                let t = self.type_name(v);
                return Err(self.error("TypeError", &format!("can't extend bytearray with {t}")));
            }
            Err(e) => return Err(e),
        };
        let mut bytes = Vec::new();
        let r = (|| {
            while let Some(x) = self.iter_next(it)? {
                let byte = self.byte_value(x);
                self.decref(x);
                bytes.push(byte?);
            }
            Ok(())
        })();
        self.decref(it);
        r?;
        self.bytearray_extend_bytes(b, &bytes)
    }

    pub(crate) fn bytearray_getitem(&mut self, b: ObjectId, key: ObjectId) -> R<ObjectId> {
        let data = self.ba(b).data.clone();
        if self.is_slice(key) {
            let span = self.slice_span(key, data.len())?;
            let out: Vec<u8> = span.indices().map(|i| data[i]).collect();
            return self.new_bytearray(&out);
        }
        let i = self.bytearray_index(key)?;
        let j = if i < 0 { i + data.len() as i64 } else { i };
        match data.get(j as usize).filter(|_| j >= 0) {
            Some(&x) => self.new_int(x as i64),
            None => Err(self.error("IndexError", "bytearray index out of range")),
        }
    }

    fn bytearray_index(&mut self, key: ObjectId) -> R<i64> {
        match self.as_i64(key).filter(|_| self.is_int(key)) {
            Some(i) => Ok(i),
            None if self.is_int(key) => Err(self.error("IndexError", "cannot fit 'int' into an index-sized integer")),
            None => {
                let t = self.type_name(key);
                Err(self.error("TypeError", &format!("bytearray indices must be integers or slices, not {t}")))
            }
        }
    }

    /// `b[i] = x`, `b[i:j] = bytes`, `del b[i]` (`v` None).
    pub(crate) fn bytearray_setitem(&mut self, b: ObjectId, key: ObjectId, v: Option<ObjectId>) -> R<()> {
        let n = self.bytearray_len(b);
        if self.is_slice(key) {
            let span = self.slice_span(key, n)?;
            let new: Vec<u8> = match v {
                None => Vec::new(),
                Some(v) => match self.bytes_like(v) {
                    Some(x) => x,
                    None => {
                        let items = self.collect_iterable(v)?;
                        let mut out = Vec::with_capacity(items.len());
                        let mut err = None;
                        for i in items {
                            if err.is_none() {
                                match self.byte_value(i) {
                                    Ok(x) => out.push(x),
                                    Err(e) => err = Some(e),
                                }
                            }
                            self.decref(i);
                        }
                        if let Some(e) = err {
                            return Err(e);
                        }
                        out
                    }
                },
            };
            let mut data = self.ba(b).data.clone();
            if span.step == 1 {
                let start = span.start.max(0) as usize;
                data.splice(start..start + span.len, new);
            } else if v.is_none() {
                let drop: std::collections::HashSet<usize> = span.indices().collect();
                data = data.into_iter().enumerate().filter(|(i, _)| !drop.contains(i)).map(|(_, x)| x).collect();
            } else {
                if new.len() != span.len {
                    return Err(self.error(
                        "ValueError",
                        &format!("attempt to assign bytes of size {} to extended slice of size {}", new.len(), span.len),
                    ));
                }
                for (k, i) in span.indices().enumerate().collect::<Vec<_>>() {
                    data[i] = new[k];
                }
            }
            self.bytearray_resize(b, data.len())?;
            self.ba_mut(b).data = data;
            return Ok(());
        }
        let i = self.bytearray_index(key)?;
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(self.error("IndexError", "bytearray index out of range"));
        }
        match v {
            Some(v) => {
                let x = self.byte_value(v)?;
                self.ba_mut(b).data[j as usize] = x;
                Ok(())
            }
            None => {
                let mut data = self.ba(b).data.clone();
                data.remove(j as usize);
                self.bytearray_resize(b, n - 1)?;
                self.ba_mut(b).data = data;
                Ok(())
            }
        }
    }

    pub(crate) fn bytearray_contains(&mut self, b: ObjectId, v: ObjectId) -> R<bool> {
        let data = self.ba(b).data.clone();
        if let Some(sub) = self.bytes_like(v) {
            return Ok(sub.is_empty() || data.windows(sub.len()).any(|w| w == &sub[..]));
        }
        if !self.is_int(v) {
            let t = self.type_name(v);
            return Err(self.error("TypeError", &format!("a bytes-like object is required, not '{t}'")));
        }
        let x = self.byte_value(v)?;
        Ok(data.contains(&x))
    }

    /// `bytearray + bytes-like`, `bytes + bytearray`, `* n` and in-place.
    pub(crate) fn bytearray_binary_op(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::BinOp, inplace: bool) -> R<Option<ObjectId>> {
        use crate::bytecode::BinOp;
        match op {
            BinOp::Add => {
                let (Some(x), Some(y)) = (self.bytes_like(a), self.bytes_like(b)) else {
                    let (ta, tb) = (self.type_name(a), self.type_name(b));
                    let other = if self.is_bytearray(a) { tb } else { ta };
                    return Err(self.error("TypeError", &format!("can't concat {other} to bytearray")));
                };
                if inplace && self.is_bytearray(a) {
                    self.bytearray_extend_bytes(a, &y)?;
                    self.incref(a);
                    return Ok(Some(a));
                }
                let joined = [x, y].concat();
                if self.is_bytearray(a) {
                    self.new_bytearray(&joined).map(Some)
                } else {
                    self.new_bytes(&joined).map(Some)
                }
            }
            BinOp::Mul => {
                let (ba, n) = if self.is_bytearray(a) { (a, b) } else { (b, a) };
                if !self.is_int(n) {
                    return Ok(None);
                }
                let count = self.repeat_count(n)?;
                let data = self.ba(ba).data.clone();
                if self.heap.over_cap(data.len().saturating_mul(count)) {
                    return Err(self.memory_error());
                }
                let out = data.repeat(count);
                if inplace && ba == a {
                    self.bytearray_resize(a, out.len())?;
                    self.ba_mut(a).data = out;
                    self.incref(a);
                    return Ok(Some(a));
                }
                self.new_bytearray(&out).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// Comparisons with bytes-like objects (None otherwise).
    pub(crate) fn bytearray_compare(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::CmpOp) -> R<Option<bool>> {
        if !self.is_bytearray(a) && !self.is_bytearray(b) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (self.bytes_like(a), self.bytes_like(b)) else { return Ok(None) };
        if self.is_array(a) || self.is_array(b) {
            return Ok(None);
        }
        Ok(Some(crate::vm::ops::cmp_holds(op, x.cmp(&y))))
    }

    /// The methods of `bytearray` (`a.pos[0]` is the bytearray).
    pub(super) fn run_bytearray_method(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        let this = a.pos[0];
        if !self.is_bytearray(this) {
            let t = self.type_name(this);
            return Err(self.error("TypeError", &format!("descriptor '{}' for 'bytearray' objects doesn't apply to a '{t}' object", f.name())));
        }
        let args = &a.pos[1..];
        let name = f.name();
        let exactly = |vm: &mut Vm, n: usize| -> R<()> {
            if args.len() != n {
                let msg = match n {
                    0 => format!("bytearray.{name}() takes no arguments ({} given)", args.len()),
                    1 => format!("bytearray.{name}() takes exactly one argument ({} given)", args.len()),
                    _ => format!("{name} expected {n} arguments, got {}", args.len()),
                };
                return Err(vm.error("TypeError", &msg));
            }
            Ok(())
        };
        match f {
            BaAppend => {
                exactly(self, 1)?;
                let x = self.byte_value(args[0])?;
                let n = self.bytearray_len(this);
                self.bytearray_resize(this, n + 1)?;
                self.ba_mut(this).data[n] = x;
                Ok(self.none_ref())
            }
            BaExtend => {
                exactly(self, 1)?;
                self.bytearray_extend(this, args[0])?;
                Ok(self.none_ref())
            }
            BaPop => {
                if args.len() > 1 {
                    return Err(self.error("TypeError", &format!("pop expected at most 1 argument, got {}", args.len())));
                }
                let n = self.bytearray_len(this) as i64;
                let i = match args.first() {
                    Some(&i) => self.bytearray_index(i)?,
                    None => -1,
                };
                if n == 0 {
                    return Err(self.error("IndexError", "pop from empty bytearray"));
                }
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.error("IndexError", "pop index out of range"));
                }
                let mut data = self.ba(this).data.clone();
                let x = data.remove(j as usize);
                self.bytearray_resize(this, data.len())?;
                self.ba_mut(this).data = data;
                self.new_int(x as i64)
            }
            BaInsert => {
                exactly(self, 2)?;
                let i = self.bytearray_index(args[0])?;
                let x = self.byte_value(args[1])?;
                let n = self.bytearray_len(this) as i64;
                let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
                let mut data = self.ba(this).data.clone();
                data.insert(at, x);
                self.bytearray_resize(this, data.len())?;
                self.ba_mut(this).data = data;
                Ok(self.none_ref())
            }
            BaRemove => {
                exactly(self, 1)?;
                let x = self.byte_value(args[0])?;
                let mut data = self.ba(this).data.clone();
                let Some(at) = data.iter().position(|&c| c == x) else {
                    return Err(self.error("ValueError", "value not found in bytearray"));
                };
                data.remove(at);
                self.bytearray_resize(this, data.len())?;
                self.ba_mut(this).data = data;
                Ok(self.none_ref())
            }
            BaClear => {
                exactly(self, 0)?;
                self.bytearray_resize(this, 0)?;
                Ok(self.none_ref())
            }
            BaCopy => {
                exactly(self, 0)?;
                let data = self.ba(this).data.clone();
                self.new_bytearray(&data)
            }
            BaDecode => {
                if args.len() > 2 {
                    return Err(self.error("TypeError", &format!("decode() takes at most 2 arguments ({} given)", args.len())));
                }
                let data = self.ba(this).data.clone();
                match std::str::from_utf8(&data) {
                    Ok(s) => self.new_str(s),
                    Err(e) => {
                        let at = e.valid_up_to();
                        let msg = format!(
                            "'utf-8' codec can't decode byte 0x{:02x} in position {at}: invalid start byte",
                            data.get(at).copied().unwrap_or(0)
                        );
                        Err(self.error("UnicodeDecodeError", &msg))
                    }
                }
            }
            BaHex => {
                let data = self.ba(this).data.clone();
                let s: String = data.iter().map(|b| format!("{b:02x}")).collect();
                self.new_str(&s)
            }
            BaCount => {
                exactly(self, 1)?;
                let data = self.ba(this).data.clone();
                let n = match self.bytes_like(args[0]) {
                    Some(sub) if sub.is_empty() => data.len() + 1,
                    Some(sub) => {
                        let (mut i, mut n) = (0, 0);
                        while i + sub.len() <= data.len() {
                            if data[i..i + sub.len()] == sub[..] {
                                n += 1;
                                i += sub.len();
                            } else {
                                i += 1;
                            }
                        }
                        n
                    }
                    None => {
                        let x = self.byte_value(args[0])?;
                        data.iter().filter(|&&c| c == x).count()
                    }
                };
                self.new_int(n as i64)
            }
            _ => unreachable!("not a bytearray method"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::resized_alloc;

    /// Appending one byte at a time: (length, getsizeof) at each change,
    /// as python3 prints them.
    #[test]
    fn append_growth_matches_cpython() {
        let (mut alloc, mut seen) = (0usize, vec![(0usize, 56usize)]);
        for n in 1..=100 {
            if let Some(a) = resized_alloc(alloc, n) {
                alloc = a;
            }
            if 56 + alloc != seen.last().expect("seen").1 {
                seen.push((n, 56 + alloc));
            }
        }
        let want = [
            (0, 56), (1, 58), (2, 61), (5, 64), (8, 68), (12, 75), (19, 83), (27, 92), (36, 102), (46, 113), (57, 126),
            (70, 140), (84, 156), (100, 174),
        ];
        assert_eq!(seen, want);
    }

    #[test]
    fn exact_sizes_match_cpython() {
        let src = "import sys\n\
            print([sys.getsizeof(bytearray(b'x' * n)) for n in (0, 1, 10, 100)], sys.getsizeof(bytearray(10)))\n\
            print(sys.getsizeof(bytearray([1, 2, 3])), sys.getsizeof(bytearray(range(100))), sys.getsizeof(bytearray(b'ab') * 3))\n\
            b = bytearray(b'ab'); b.extend([1, 2, 3]); s1 = sys.getsizeof(b); b.extend(b'xyz'); s2 = sys.getsizeof(b)\n\
            b += b'q'; print(s1, s2, sys.getsizeof(b), b)\n";
        let r = crate::run(src, &crate::RunConfig::default());
        assert_eq!(r.stderr, "");
        assert_eq!(r.stdout, "[56, 58, 67, 157] 67\n60 174 63\n62 65 72 bytearray(b'ab\\x01\\x02\\x03xyzq')\n");
    }
}
