//! `array.array` (Modules/arraymodule.c): raw C values in one separately
//! allocated buffer, so 1000 ints cost 4000 bytes instead of 1000 objects.
//!
//! The object is 64 bytes plus the GC head (arrays are GC types in 3.11);
//! the item buffer is a `PyMem` allocation of `allocated × itemsize` bytes,
//! grown by `array_resize`'s policy, which over-allocates by about 1/16:
//! `(n >> 4) + (3 if the old size < 8 else 7) + n`. Items are kept as the C
//! values' bytes, so conversions check each value against its C type with
//! CPython's messages ("signed char is greater than maximum").

use num_traits::ToPrimitive;

use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::pymalloc::Addr;
use crate::vm::builtins::Args;
use crate::vm::modules::ext::Ext;
use crate::vm::modules::ModuleFn;
use crate::vm::ops::Num;
use crate::vm::types::Builtin;
use crate::vm::{Unwind, Vm, R};

/// `array.typecodes`.
pub const TYPECODES: &str = "bBuhHiIlLqQfd";

/// `sizeof(arrayobject)` plus the GC head.
const ARRAY_OBJECT_BYTES: usize = 16 + 64;

#[derive(Clone, Debug)]
pub struct ArrayObject {
    pub typecode: u8,
    /// The items as their C values' bytes (little-endian, as on x86-64).
    pub data: Vec<u8>,
    /// `allocated`: how many items the buffer has room for.
    pub allocated: usize,
    /// `ob_item`: the item buffer, or None when nothing is allocated.
    pub buf: Option<Addr>,
}

/// One decoded item.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    I(i64),
    U(u64),
    F(f64),
    /// A `'u'` item: a code point (`wchar_t`, 4 bytes on Linux).
    C(u32),
}

pub fn itemsize(typecode: u8) -> usize {
    match typecode {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

fn le<const N: usize>(b: &[u8]) -> [u8; N] {
    let mut a = [0; N];
    a.copy_from_slice(&b[..N]);
    a
}

impl ArrayObject {
    pub fn itemsize(&self) -> usize {
        itemsize(self.typecode)
    }

    pub fn len(&self) -> usize {
        self.data.len() / self.itemsize()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn get(&self, i: usize) -> Item {
        let n = self.itemsize();
        let b = &self.data[i * n..(i + 1) * n];
        match self.typecode {
            b'b' => Item::I(b[0] as i8 as i64),
            b'B' => Item::I(b[0] as i64),
            b'h' => Item::I(i16::from_le_bytes(le(b)) as i64),
            b'H' => Item::I(u16::from_le_bytes(le(b)) as i64),
            b'i' => Item::I(i32::from_le_bytes(le(b)) as i64),
            b'I' => Item::I(u32::from_le_bytes(le(b)) as i64),
            b'l' | b'q' => Item::I(i64::from_le_bytes(le(b))),
            b'L' | b'Q' => Item::U(u64::from_le_bytes(le(b))),
            b'f' => Item::F(f32::from_le_bytes(le(b)) as f64),
            b'd' => Item::F(f64::from_le_bytes(le(b))),
            _ => Item::C(u32::from_le_bytes(le(b))),
        }
    }

    /// The bytes of `item` for this typecode (already range-checked).
    pub fn encode(&self, item: Item) -> Vec<u8> {
        let n = self.itemsize();
        let mut bytes = match item {
            Item::I(v) => v.to_le_bytes().to_vec(),
            Item::U(v) => v.to_le_bytes().to_vec(),
            Item::F(v) if self.typecode == b'f' => (v as f32).to_le_bytes().to_vec(),
            Item::F(v) => v.to_le_bytes().to_vec(),
            Item::C(c) => c.to_le_bytes().to_vec(),
        };
        bytes.truncate(n);
        bytes
    }

    pub fn set(&mut self, i: usize, item: Item) {
        let n = self.itemsize();
        let bytes = self.encode(item);
        self.data[i * n..(i + 1) * n].copy_from_slice(&bytes);
    }

    pub fn items(&self) -> Vec<Item> {
        (0..self.len()).map(|i| self.get(i)).collect()
    }
}

impl Vm {
    fn array_ref(&self, a: ObjectId) -> &ArrayObject {
        match self.ext(a) {
            Some(Ext::Array(x)) => x,
            _ => unreachable!("not an array"),
        }
    }

    fn array_mut(&mut self, a: ObjectId) -> &mut ArrayObject {
        match self.ext_mut(a) {
            Some(Ext::Array(x)) => x,
            _ => unreachable!("not an array"),
        }
    }

    pub(crate) fn is_array(&self, v: ObjectId) -> bool {
        matches!(self.ext(v), Some(Ext::Array(_)))
    }

    pub(crate) fn array_len(&self, a: ObjectId) -> usize {
        self.array_ref(a).len()
    }

    /// `newarrayobject`: the object, then a buffer for exactly `n` items
    /// (zeroed here).
    pub(crate) fn new_array(&mut self, typecode: u8, n: usize) -> R<ObjectId> {
        let arr = ArrayObject { typecode, data: Vec::new(), allocated: 0, buf: None };
        let a = self.new_ext(Builtin::Array, Ext::Array(arr), ARRAY_OBJECT_BYTES)?;
        if n > 0 {
            let bytes = n.saturating_mul(itemsize(typecode));
            match self.alloc_buffer(bytes) {
                Ok(buf) => {
                    let x = self.array_mut(a);
                    x.buf = Some(buf);
                    x.allocated = n;
                    x.data = vec![0; bytes];
                }
                Err(e) => {
                    self.decref(a);
                    return Err(e);
                }
            }
        }
        Ok(a)
    }

    /// `array_resize`: keeps the buffer when it is big enough (and not 16
    /// items too big), else reallocates with the 1/16 over-allocation.
    pub(crate) fn array_resize(&mut self, a: ObjectId, newsize: usize) -> R<()> {
        let (allocated, size, buf, isz) = {
            let x = self.array_ref(a);
            (x.allocated, x.len(), x.buf, x.itemsize())
        };
        if allocated >= newsize && size < newsize + 16 && buf.is_some() {
            self.array_mut(a).data.resize(newsize * isz, 0);
            return Ok(());
        }
        if newsize == 0 {
            if let Some(b) = buf {
                self.heap.free(b, allocated * isz);
            }
            let x = self.array_mut(a);
            x.buf = None;
            x.allocated = 0;
            x.data.clear();
            return Ok(());
        }
        let new_alloc = (newsize >> 4) + if size < 8 { 3 } else { 7 } + newsize;
        let addr = self.realloc_buffer(buf, allocated * isz, new_alloc.saturating_mul(isz))?;
        let x = self.array_mut(a);
        x.buf = Some(addr);
        x.allocated = new_alloc;
        x.data.resize(newsize * isz, 0);
        Ok(())
    }

    pub(crate) fn release_array(&mut self, a: ArrayObject) {
        if let Some(b) = a.buf {
            self.heap.free(b, a.allocated * a.itemsize());
        }
    }

    /// The Python object for an item (new reference).
    pub(crate) fn array_item_object(&mut self, item: Item) -> R<ObjectId> {
        match item {
            Item::I(v) => self.new_int(v),
            Item::U(v) => self.new_bigint(v.into()),
            Item::F(v) => self.new_float(v),
            Item::C(c) => {
                let ch = char::from_u32(c).unwrap_or('\u{fffd}');
                self.new_str(ch.encode_utf8(&mut [0; 4]))
            }
        }
    }

    /// An int argument as i128 (saturated far beyond any C type), or the
    /// TypeError of `PyNumber_Index`.
    fn c_int_value(&mut self, v: ObjectId) -> R<i128> {
        match self.num(v).filter(|_| self.is_int(v)) {
            Some(Num::I(i)) => Ok(i as i128),
            Some(Num::B(b)) => Ok(b.to_i128().unwrap_or(if b.sign() == num_bigint::Sign::Minus { i128::MIN } else { i128::MAX })),
            _ => {
                let t = self.type_name(v);
                Err(self.error("TypeError", &format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    fn overflow(&mut self, msg: &str) -> Unwind {
        self.error("OverflowError", msg)
    }

    /// `PyArg_Parse(v, "l")` and the range checks of the narrower formats.
    fn c_long(&mut self, v: ObjectId) -> R<i64> {
        let x = self.c_int_value(v)?;
        i64::try_from(x).map_err(|_| self.overflow("Python int too large to convert to C long"))
    }

    fn c_range(&mut self, x: i64, lo: i64, hi: i64, what: &str) -> R<i64> {
        if x < lo {
            Err(self.overflow(&format!("{what} is less than minimum")))
        } else if x > hi {
            Err(self.overflow(&format!("{what} is greater than maximum")))
        } else {
            Ok(x)
        }
    }

    /// The `*_setitem` conversion of one value for `typecode`.
    pub(crate) fn array_value(&mut self, typecode: u8, v: ObjectId) -> R<Item> {
        let (short, int) = ("signed short integer", "signed integer");
        Ok(match typecode {
            b'b' => {
                let x = self.c_long(v)?;
                let x = self.c_range(x, i16::MIN as i64, i16::MAX as i64, short)?;
                Item::I(self.c_range(x, -128, 127, "signed char")?)
            }
            b'B' => {
                let x = self.c_long(v)?;
                Item::I(self.c_range(x, 0, 255, "unsigned byte integer")?)
            }
            b'h' => {
                let x = self.c_long(v)?;
                Item::I(self.c_range(x, i16::MIN as i64, i16::MAX as i64, short)?)
            }
            b'H' => {
                let x = self.c_long(v)?;
                let x = self.c_range(x, i32::MIN as i64, i32::MAX as i64, int)?;
                Item::I(self.c_range(x, 0, u16::MAX as i64, "unsigned short")?)
            }
            b'i' => {
                let x = self.c_long(v)?;
                Item::I(self.c_range(x, i32::MIN as i64, i32::MAX as i64, int)?)
            }
            b'l' => Item::I(self.c_long(v)?),
            b'I' | b'L' => {
                let x = self.c_int_value(v)?;
                if x < 0 {
                    return Err(self.overflow("can't convert negative value to unsigned int"));
                }
                if x > u64::MAX as i128 {
                    return Err(self.overflow("Python int too large to convert to C unsigned long"));
                }
                if typecode == b'I' && x > u32::MAX as i128 {
                    return Err(self.overflow("unsigned int is greater than maximum"));
                }
                if typecode == b'I' {
                    Item::I(x as i64)
                } else {
                    Item::U(x as u64)
                }
            }
            b'q' => {
                let x = self.c_int_value(v)?;
                Item::I(i64::try_from(x).map_err(|_| self.overflow("int too big to convert"))?)
            }
            b'Q' => {
                let x = self.c_int_value(v)?;
                if x < 0 {
                    return Err(self.overflow("can't convert negative int to unsigned"));
                }
                Item::U(u64::try_from(x).map_err(|_| self.overflow("int too big to convert"))?)
            }
            b'f' | b'd' => match self.num(v) {
                Some(n) => {
                    let f = crate::vm::ops::to_f64(&n);
                    if f.is_infinite() && !matches!(n, Num::F(_)) {
                        return Err(self.overflow("int too large to convert to float"));
                    }
                    Item::F(f)
                }
                None => {
                    let t = self.type_name(v);
                    return Err(self.error("TypeError", &format!("must be real number, not {t}")));
                }
            },
            _ => {
                let c = match self.heap.payload(v) {
                    Payload::Str(s) => {
                        let mut cs = s.chars();
                        match (cs.next(), cs.next()) {
                            (Some(c), None) => Some(c as u32),
                            _ => None,
                        }
                    }
                    _ => None,
                };
                match c {
                    Some(c) => Item::C(c),
                    None => return Err(self.error("TypeError", "array item must be unicode character")),
                }
            }
        })
    }

    /// `array(typecode[, initializer])`.
    pub(crate) fn construct_array(&mut self, a: &Args) -> R<ObjectId> {
        if !a.kw.is_empty() {
            return Err(self.error("TypeError", "array.array() takes no keyword arguments"));
        }
        let n = a.pos.len();
        if n == 0 {
            return Err(self.error("TypeError", "array() takes at least 1 argument (0 given)"));
        }
        if n > 2 {
            return Err(self.error("TypeError", &format!("array() takes at most 2 arguments ({n} given)")));
        }
        let tc = match self.heap.payload(a.pos[0]) {
            Payload::Str(s) if s.chars().count() == 1 => s.chars().next().map(|c| c as u32).unwrap_or(0),
            _ => {
                let t = self.type_name(a.pos[0]);
                return Err(self.error("TypeError", &format!("array() argument 1 must be a unicode character, not {t}")));
            }
        };
        let c = char::from_u32(tc).unwrap_or('?');
        let mut initial = a.pos.get(1).copied();
        if let Some(init) = initial {
            if c != 'u' {
                if matches!(self.heap.payload(init), Payload::Str(_)) {
                    return Err(self.error("TypeError", &format!("cannot use a str to initialize an array with typecode '{c}'")));
                }
                if matches!(self.ext(init), Some(Ext::Array(x)) if x.typecode == b'u') {
                    return Err(self.error("TypeError", &format!("cannot use a unicode array to initialize an array with typecode '{c}'")));
                }
            }
        }
        let direct = initial.is_none_or(|init| {
            matches!(self.heap.payload(init), Payload::List(_) | Payload::Tuple(_) | Payload::Bytes(_))
                || matches!(self.ext(init), Some(Ext::ByteArray(_)))
                || (c == 'u' && matches!(self.heap.payload(init), Payload::Str(_)))
                || matches!(self.ext(init), Some(Ext::Array(x)) if x.typecode as u32 == tc)
        });
        let mut it = None;
        if !direct {
            it = Some(self.get_iter(initial.unwrap_or(self.wk.none))?);
            initial = None;
        }
        let r = self.build_array(tc, initial, it);
        if let Some(it) = it {
            self.decref(it);
        }
        r
    }

    fn build_array(&mut self, tc: u32, initial: Option<ObjectId>, it: Option<ObjectId>) -> R<ObjectId> {
        let Some(typecode) = u8::try_from(tc).ok().filter(|t| TYPECODES.as_bytes().contains(t)) else {
            return Err(self.error("ValueError", "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"));
        };
        let (len, from_array) = match initial.map(|i| (i, self.heap.payload(i))) {
            Some((_, Payload::List(l))) => (l.items.len(), false),
            Some((_, Payload::Tuple(t))) => (t.len(), false),
            Some((i, _)) if self.is_array(i) => (self.array_len(i), true),
            _ => (0, false),
        };
        let arr = self.new_array(typecode, len)?;
        let r = (|| {
            let Some(init) = initial else { return Ok(()) };
            if len > 0 && !from_array {
                for (i, v) in self.seq_items(init).into_iter().enumerate() {
                    let item = self.array_value(typecode, v)?;
                    self.array_mut(arr).set(i, item);
                }
            } else if matches!(self.heap.payload(init), Payload::Bytes(_)) || matches!(self.ext(init), Some(Ext::ByteArray(_))) {
                let bytes = self.bytes_like(init).unwrap_or_default();
                self.array_frombytes(arr, &bytes)?;
            } else if let Payload::Str(s) = self.heap.payload(init) {
                let units: Vec<u32> = s.chars().map(|c| c as u32).collect();
                self.array_fromunicode(arr, &units)?;
            } else if from_array && len > 0 {
                let data = self.array_ref(init).data.clone();
                self.array_mut(arr).data = data;
            }
            Ok(())
        })();
        let r = r.and_then(|_| match it {
            Some(it) => self.array_iter_extend(arr, it),
            None => Ok(()),
        });
        match r {
            Ok(()) => Ok(arr),
            Err(e) => {
                self.decref(arr);
                Err(e)
            }
        }
    }

    /// The bytes of a bytes or bytearray object.
    pub(crate) fn bytes_like(&self, v: ObjectId) -> Option<Vec<u8>> {
        match self.heap.payload(v) {
            Payload::Bytes(b) => Some(b.to_vec()),
            Payload::Ext(x) => match &**x {
                Ext::ByteArray(b) => Some(b.data.clone()),
                Ext::Array(a) => Some(a.data.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn array_frombytes(&mut self, a: ObjectId, bytes: &[u8]) -> R<()> {
        let isz = self.array_ref(a).itemsize();
        if !bytes.len().is_multiple_of(isz) {
            return Err(self.error("ValueError", "bytes length not a multiple of item size"));
        }
        let n = bytes.len() / isz;
        if n > 0 {
            let old = self.array_len(a);
            self.array_resize(a, old + n)?;
            self.array_mut(a).data[old * isz..].copy_from_slice(bytes);
        }
        Ok(())
    }

    fn array_fromunicode(&mut self, a: ObjectId, units: &[u32]) -> R<()> {
        if self.array_ref(a).typecode != b'u' {
            return Err(self.error("ValueError", "fromunicode() may only be called on unicode type arrays"));
        }
        let n = units.len();
        if n > 0 {
            let old = self.array_len(a);
            self.array_resize(a, old + n)?;
            for (k, &c) in units.iter().enumerate() {
                self.array_mut(a).set(old + k, Item::C(c));
            }
        }
        Ok(())
    }

    /// `ins1`: check the value, grow by one, shift, store.
    fn array_insert(&mut self, a: ObjectId, at: i64, v: ObjectId) -> R<()> {
        let tc = self.array_ref(a).typecode;
        let item = self.array_value(tc, v)?;
        let n = self.array_len(a) as i64;
        self.array_resize(a, n as usize + 1)?;
        let mut at = if at < 0 { (at + n).max(0) } else { at };
        if at > n {
            at = n;
        }
        let x = self.array_mut(a);
        let isz = x.itemsize();
        let at = at as usize;
        x.data.copy_within(at * isz..n as usize * isz, (at + 1) * isz);
        x.set(at, item);
        Ok(())
    }

    fn array_iter_extend(&mut self, a: ObjectId, it: ObjectId) -> R<()> {
        while let Some(v) = self.iter_next(it)? {
            let n = self.array_len(a) as i64;
            let r = self.array_insert(a, n, v);
            self.decref(v);
            r?;
        }
        Ok(())
    }

    /// `array_do_extend`.
    fn array_extend(&mut self, a: ObjectId, b: ObjectId) -> R<()> {
        if !self.is_array(b) {
            let it = self.get_iter(b)?;
            let r = self.array_iter_extend(a, it);
            self.decref(it);
            return r;
        }
        if self.array_ref(a).typecode != self.array_ref(b).typecode {
            return Err(self.error("TypeError", "can only extend with array of same kind"));
        }
        let data = self.array_ref(b).data.clone();
        let old = self.array_len(a);
        let isz = self.array_ref(a).itemsize();
        self.array_resize(a, old + data.len() / isz)?;
        self.array_mut(a).data[old * isz..].copy_from_slice(&data);
        Ok(())
    }

    /// `array_del_slice(a, lo, hi)`.
    fn array_del_range(&mut self, a: ObjectId, lo: usize, hi: usize) -> R<()> {
        if hi <= lo {
            return Ok(());
        }
        let n = self.array_len(a);
        let x = self.array_mut(a);
        let isz = x.itemsize();
        x.data.copy_within(hi * isz..n * isz, lo * isz);
        self.array_resize(a, n - (hi - lo))
    }

    /// The first index where the item equals `v`.
    fn array_find(&mut self, a: ObjectId, v: ObjectId, start: usize, stop: usize) -> R<Option<usize>> {
        let mut i = start;
        while i < stop.min(self.array_len(a)) {
            if self.array_item_eq(a, i, v)? {
                return Ok(Some(i));
            }
            i += 1;
        }
        Ok(None)
    }

    /// `a[i] == v` (fast for numbers; otherwise through a temporary item).
    fn array_item_eq(&mut self, a: ObjectId, i: usize, v: ObjectId) -> R<bool> {
        let item = self.array_ref(a).get(i);
        if let (Some(n), false) = (self.num(v), matches!(item, Item::C(_))) {
            return Ok(item_cmp(item, num_item(&n)) == Some(std::cmp::Ordering::Equal));
        }
        let obj = self.array_item_object(item)?;
        let r = self.eq_bool(obj, v);
        self.decref(obj);
        r
    }

    pub(crate) fn array_contains(&mut self, a: ObjectId, v: ObjectId) -> R<bool> {
        let n = self.array_len(a);
        Ok(self.array_find(a, v, 0, n)?.is_some())
    }

    pub(crate) fn array_repr(&mut self, a: ObjectId) -> R<String> {
        let x = self.array_ref(a);
        let tc = x.typecode as char;
        if x.is_empty() {
            return Ok(format!("array('{tc}')"));
        }
        if x.typecode == b'u' {
            let s: String = x.items().into_iter().map(|i| match i {
                Item::C(c) => char::from_u32(c).unwrap_or('\u{fffd}'),
                _ => '?',
            }).collect();
            return Ok(format!("array('{tc}', {})", crate::vm::repr::str_repr(&s)));
        }
        let parts: Vec<String> = x.items().into_iter().map(item_repr).collect();
        Ok(format!("array('{tc}', [{}])", parts.join(", ")))
    }

    /// An index argument: `PyNumber_AsSsize_t(item, PyExc_IndexError)`.
    fn array_index_arg(&mut self, key: ObjectId) -> R<Option<i64>> {
        if !self.is_int(key) {
            return Ok(None);
        }
        match self.as_i64(key) {
            Some(i) => Ok(Some(i)),
            None => Err(self.error("IndexError", "cannot fit 'int' into an index-sized integer")),
        }
    }

    pub(crate) fn array_getitem(&mut self, a: ObjectId, key: ObjectId) -> R<ObjectId> {
        let n = self.array_len(a);
        if self.is_slice(key) {
            let span = self.slice_span(key, n)?;
            let tc = self.array_ref(a).typecode;
            let picked: Vec<Item> = span.indices().map(|i| self.array_ref(a).get(i)).collect();
            let out = self.new_array(tc, picked.len())?;
            for (k, item) in picked.into_iter().enumerate() {
                self.array_mut(out).set(k, item);
            }
            return Ok(out);
        }
        let Some(i) = self.array_index_arg(key)? else {
            return Err(self.error("TypeError", "array indices must be integers"));
        };
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(self.error("IndexError", "array index out of range"));
        }
        let item = self.array_ref(a).get(j as usize);
        self.array_item_object(item)
    }

    /// `array_ass_subscr`; `v` None deletes.
    pub(crate) fn array_setitem(&mut self, a: ObjectId, key: ObjectId, v: Option<ObjectId>) -> R<()> {
        let n = self.array_len(a);
        if self.is_slice(key) {
            let span = self.slice_span(key, n)?;
            let other: Vec<u8> = match v {
                None => Vec::new(),
                Some(v) if self.is_array(v) => {
                    if self.array_ref(v).typecode != self.array_ref(a).typecode {
                        return Err(self.error("TypeError", "bad argument type for built-in operation"));
                    }
                    self.array_ref(v).data.clone()
                }
                Some(v) => {
                    let t = self.type_name(v);
                    return Err(self.error("TypeError", &format!("can only assign array (not \"{t}\") to array slice")));
                }
            };
            let isz = self.array_ref(a).itemsize();
            let needed = other.len() / isz;
            let (start, step, len) = (span.start.max(0) as usize, span.step, span.len);
            if step == 1 {
                let stop = start + len;
                let mut data = self.array_ref(a).data.clone();
                data.splice(start * isz..stop * isz, other);
                if needed != len {
                    self.array_resize(a, n + needed - len)?;
                }
                self.array_mut(a).data = data;
                return Ok(());
            }
            if needed == 0 {
                let drop: std::collections::HashSet<usize> = span.indices().collect();
                let keep: Vec<u8> = (0..n)
                    .filter(|i| !drop.contains(i))
                    .flat_map(|i| self.array_ref(a).data[i * isz..(i + 1) * isz].to_vec())
                    .collect();
                self.array_resize(a, n - len)?;
                self.array_mut(a).data = keep;
                return Ok(());
            }
            if needed != len {
                return Err(self.error("ValueError", &format!("attempt to assign array of size {needed} to extended slice of size {len}")));
            }
            let idx: Vec<usize> = span.indices().collect();
            let x = self.array_mut(a);
            for (k, i) in idx.into_iter().enumerate() {
                x.data[i * isz..(i + 1) * isz].copy_from_slice(&other[k * isz..(k + 1) * isz]);
            }
            return Ok(());
        }
        let Some(i) = self.array_index_arg(key)? else {
            return Err(self.error("TypeError", "array indices must be integers"));
        };
        let j = if i < 0 { i + n as i64 } else { i };
        if j < 0 || j >= n as i64 {
            return Err(self.error("IndexError", "array assignment index out of range"));
        }
        match v {
            Some(v) => {
                let tc = self.array_ref(a).typecode;
                let item = self.array_value(tc, v)?;
                self.array_mut(a).set(j as usize, item);
                Ok(())
            }
            None => self.array_del_range(a, j as usize, j as usize + 1),
        }
    }

    /// `a + b`, `a * n`, `a += b`, `a *= n` with an array on the left (or
    /// `n * a`). None when the operation is not an array operation.
    pub(crate) fn array_binary_op(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::BinOp, inplace: bool) -> R<Option<ObjectId>> {
        use crate::bytecode::BinOp;
        let (arr, other) = if self.is_array(a) { (a, b) } else { (b, a) };
        match op {
            BinOp::Add if arr == a => {
                if !self.is_array(b) {
                    let t = self.type_name(b);
                    let msg = if inplace {
                        format!("can only extend array with array (not \"{t}\")")
                    } else {
                        format!("can only append array (not \"{t}\") to array")
                    };
                    return Err(self.error("TypeError", &msg));
                }
                if inplace {
                    self.array_extend(a, b)?;
                    self.incref(a);
                    return Ok(Some(a));
                }
                if self.array_ref(a).typecode != self.array_ref(b).typecode {
                    return Err(self.error("TypeError", "bad argument type for built-in operation"));
                }
                let data = [self.array_ref(a).data.clone(), self.array_ref(b).data.clone()].concat();
                let tc = self.array_ref(a).typecode;
                let out = self.new_array(tc, data.len() / itemsize(tc))?;
                self.array_mut(out).data = data;
                Ok(Some(out))
            }
            BinOp::Mul if self.is_int(other) => {
                let n = self.repeat_count(other)?;
                let (tc, data) = {
                    let x = self.array_ref(arr);
                    (x.typecode, x.data.clone())
                };
                let count = (data.len() / itemsize(tc)).saturating_mul(n);
                if inplace && arr == a {
                    if !data.is_empty() {
                        self.array_resize(a, count)?;
                        self.array_mut(a).data = data.repeat(n);
                    }
                    self.incref(a);
                    return Ok(Some(a));
                }
                if self.heap.over_cap(count.saturating_mul(itemsize(tc))) {
                    return Err(self.memory_error());
                }
                let out = self.new_array(tc, count)?;
                self.array_mut(out).data = data.repeat(n);
                Ok(Some(out))
            }
            _ => Ok(None),
        }
    }

    /// Rich comparison of two arrays (None when one is not an array).
    pub(crate) fn array_compare(&mut self, a: ObjectId, b: ObjectId, op: crate::bytecode::CmpOp) -> R<Option<bool>> {
        use crate::bytecode::CmpOp;
        use std::cmp::Ordering;
        if !self.is_array(a) || !self.is_array(b) {
            return Ok(None);
        }
        let (x, y) = (self.array_ref(a).items(), self.array_ref(b).items());
        if x.len() != y.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(Some(op == CmpOp::Ne));
        }
        let mut ord = x.len().cmp(&y.len());
        for (p, q) in x.iter().zip(y.iter()) {
            match item_cmp(*p, *q) {
                Some(Ordering::Equal) => continue,
                Some(o) => {
                    ord = o;
                    break;
                }
                None => {
                    if matches!(op, CmpOp::Eq | CmpOp::Ne) {
                        return Ok(Some(op == CmpOp::Ne));
                    }
                    let (l, r) = (self.array_item_object(*p)?, self.array_item_object(*q)?);
                    let res = self.compare(l, r, op);
                    self.decref(l);
                    self.decref(r);
                    let res = res?;
                    let t = self.truthy(res);
                    self.decref(res);
                    return t.map(Some);
                }
            }
        }
        Ok(Some(match op {
            CmpOp::Lt => ord.is_lt(),
            CmpOp::Le => ord.is_le(),
            CmpOp::Eq => ord.is_eq(),
            CmpOp::Ne => ord.is_ne(),
            CmpOp::Gt => ord.is_gt(),
            CmpOp::Ge => ord.is_ge(),
        }))
    }

    pub(super) fn init_array_module(&mut self, dict: ObjectId) -> R<()> {
        let t = Builtin::Array.id();
        self.module_set(dict, "array", t)?;
        self.module_set(dict, "ArrayType", t)?;
        let codes = self.new_str(TYPECODES)?;
        self.module_set(dict, "typecodes", codes)?;
        self.decref(codes);
        Ok(())
    }

    /// The methods of `array.array` (`a.pos[0]` is the array).
    pub(super) fn run_array_method(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        let this = a.pos[0];
        if !self.is_array(this) {
            let t = self.type_name(this);
            return Err(self.error("TypeError", &format!("descriptor '{}' for 'array.array' objects doesn't apply to a '{t}' object", f.name())));
        }
        let args = &a.pos[1..];
        let name = f.name();
        let exactly = |vm: &mut Vm, n: usize| vm.method_arity("array", name, args.len(), n);
        match f {
            ArrayAppend => {
                exactly(self, 1)?;
                let n = self.array_len(this) as i64;
                self.array_insert(this, n, args[0])?;
                Ok(self.none_ref())
            }
            ArrayExtend => {
                exactly(self, 1)?;
                self.array_extend(this, args[0])?;
                Ok(self.none_ref())
            }
            ArrayInsert => {
                exactly(self, 2)?;
                let i = self.c_long(args[0])?;
                self.array_insert(this, i, args[1])?;
                Ok(self.none_ref())
            }
            ArrayPop => {
                if args.len() > 1 {
                    return Err(self.error("TypeError", &format!("pop expected at most 1 argument, got {}", args.len())));
                }
                let i = match args.first() {
                    Some(&i) => self.c_long(i)?,
                    None => -1,
                };
                let n = self.array_len(this) as i64;
                if n == 0 {
                    return Err(self.error("IndexError", "pop from empty array"));
                }
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    return Err(self.error("IndexError", "pop index out of range"));
                }
                let item = self.array_ref(this).get(j as usize);
                let v = self.array_item_object(item)?;
                if let Err(e) = self.array_del_range(this, j as usize, j as usize + 1) {
                    self.decref(v);
                    return Err(e);
                }
                Ok(v)
            }
            ArrayRemove => {
                exactly(self, 1)?;
                let n = self.array_len(this);
                match self.array_find(this, args[0], 0, n)? {
                    Some(i) => {
                        self.array_del_range(this, i, i + 1)?;
                        Ok(self.none_ref())
                    }
                    None => Err(self.error("ValueError", "array.remove(x): x not in array")),
                }
            }
            ArrayIndex => {
                if args.is_empty() || args.len() > 3 {
                    return Err(self.error("TypeError", &format!("index expected at least 1 argument, got {}", args.len())));
                }
                let n = self.array_len(this) as i64;
                let bound = |vm: &mut Vm, v: Option<&ObjectId>, default: i64| -> R<usize> {
                    let x = match v {
                        Some(&v) => vm.slice_index_arg(v)?,
                        None => default,
                    };
                    Ok((if x < 0 { (x + n).max(0) } else { x.min(n) }) as usize)
                };
                let start = bound(self, args.get(1), 0)?;
                let stop = bound(self, args.get(2), n)?;
                match self.array_find(this, args[0], start, stop)? {
                    Some(i) => self.new_int(i as i64),
                    None => Err(self.error("ValueError", "array.index(x): x not in array")),
                }
            }
            ArrayCount => {
                exactly(self, 1)?;
                let mut count = 0;
                let mut i = 0;
                while i < self.array_len(this) {
                    if self.array_item_eq(this, i, args[0])? {
                        count += 1;
                    }
                    i += 1;
                }
                self.new_int(count)
            }
            ArrayToList => {
                exactly(self, 0)?;
                let items = self.array_ref(this).items();
                let n = items.len();
                let mut objs = Vec::with_capacity(n);
                for item in items {
                    match self.array_item_object(item) {
                        Ok(v) => objs.push(v),
                        Err(e) => {
                            objs.into_iter().for_each(|o| self.decref(o));
                            return Err(e);
                        }
                    }
                }
                self.new_list(objs, n)
            }
            ArrayToBytes => {
                exactly(self, 0)?;
                let data = self.array_ref(this).data.clone();
                self.new_bytes(&data)
            }
            ArrayFromBytes => {
                exactly(self, 1)?;
                let Some(bytes) = self.bytes_like(args[0]) else {
                    let t = self.type_name(args[0]);
                    return Err(self.error("TypeError", &format!("a bytes-like object is required, not '{t}'")));
                };
                self.array_frombytes(this, &bytes)?;
                Ok(self.none_ref())
            }
            ArrayFromList => {
                exactly(self, 1)?;
                let Payload::List(l) = self.heap.payload(args[0]) else {
                    return Err(self.error("TypeError", "arg must be list"));
                };
                let items = l.items.clone();
                let old = self.array_len(this);
                let tc = self.array_ref(this).typecode;
                let mut converted = Vec::with_capacity(items.len());
                for v in items {
                    converted.push(self.array_value(tc, v)?);
                }
                self.array_resize(this, old + converted.len())?;
                for (k, item) in converted.into_iter().enumerate() {
                    self.array_mut(this).set(old + k, item);
                }
                Ok(self.none_ref())
            }
            ArrayFromUnicode => {
                exactly(self, 1)?;
                let units: Vec<u32> = match self.heap.payload(args[0]) {
                    Payload::Str(s) => s.chars().map(|c| c as u32).collect(),
                    _ => {
                        let t = self.type_name(args[0]);
                        return Err(self.error("TypeError", &format!("fromunicode() argument must be str, not {t}")));
                    }
                };
                self.array_fromunicode(this, &units)?;
                Ok(self.none_ref())
            }
            ArrayToUnicode => {
                exactly(self, 0)?;
                if self.array_ref(this).typecode != b'u' {
                    return Err(self.error("ValueError", "tounicode() may only be called on unicode type arrays"));
                }
                let s: String = self.array_ref(this).items().into_iter().map(|i| match i {
                    Item::C(c) => char::from_u32(c).unwrap_or('\u{fffd}'),
                    _ => '?',
                }).collect();
                self.new_str(&s)
            }
            ArrayReverse => {
                exactly(self, 0)?;
                let x = self.array_mut(this);
                let isz = x.itemsize();
                let chunks: Vec<Vec<u8>> = x.data.chunks(isz).rev().map(|c| c.to_vec()).collect();
                x.data = chunks.concat();
                Ok(self.none_ref())
            }
            ArrayByteswap => {
                exactly(self, 0)?;
                let x = self.array_mut(this);
                let isz = x.itemsize();
                x.data.chunks_mut(isz).for_each(|c| c.reverse());
                Ok(self.none_ref())
            }
            ArrayBufferInfo => {
                exactly(self, 0)?;
                let (buf, n) = {
                    let x = self.array_ref(this);
                    (x.buf.unwrap_or(0), x.len())
                };
                let addr = self.new_bigint(buf.into())?;
                let len = self.new_int(n as i64)?;
                self.new_tuple(vec![addr, len])
            }
            _ => unreachable!("not an array method"),
        }
    }

    /// `a.typecode`, `a.itemsize`.
    pub(crate) fn array_getattr(&mut self, a: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let (tc, isz) = {
            let x = self.array_ref(a);
            (x.typecode, x.itemsize())
        };
        match name {
            "typecode" => self.new_str(&(tc as char).to_string()).map(Some),
            "itemsize" => self.new_int(isz as i64).map(Some),
            _ => Ok(None),
        }
    }
}

fn num_item(n: &Num) -> Item {
    match n {
        Num::I(i) => Item::I(*i),
        Num::B(b) => match b.to_u64() {
            Some(u) => Item::U(u),
            None => Item::F(b.to_f64().unwrap_or(f64::INFINITY)),
        },
        Num::F(f) => Item::F(*f),
    }
}

/// Numeric comparison of two items; None between a character and a number.
pub fn item_cmp(a: Item, b: Item) -> Option<std::cmp::Ordering> {
    use Item::*;
    match (a, b) {
        (C(x), C(y)) => Some(x.cmp(&y)),
        (C(_), _) | (_, C(_)) => None,
        (I(x), I(y)) => Some(x.cmp(&y)),
        (U(x), U(y)) => Some(x.cmp(&y)),
        (I(x), U(y)) => Some((x as i128).cmp(&(y as i128))),
        (U(x), I(y)) => Some((x as i128).cmp(&(y as i128))),
        (F(x), F(y)) => x.partial_cmp(&y),
        (F(x), I(y)) => x.partial_cmp(&(y as f64)),
        (I(x), F(y)) => (x as f64).partial_cmp(&y),
        (F(x), U(y)) => x.partial_cmp(&(y as f64)),
        (U(x), F(y)) => (x as f64).partial_cmp(&y),
    }
}

fn item_repr(i: Item) -> String {
    match i {
        Item::I(v) => v.to_string(),
        Item::U(v) => v.to_string(),
        Item::F(v) => crate::vm::repr::float_repr(v),
        Item::C(c) => crate::vm::repr::str_repr(&char::from_u32(c).unwrap_or('\u{fffd}').to_string()),
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

    /// (length, getsizeof) at each change while appending, then popping:
    /// python3's numbers (the buffer never shrinks by less than 16 items).
    #[test]
    fn growth_matches_cpython() {
        let src = "import array, sys\n\
            for code in 'id':\n    a = array.array(code)\n    seen = [(0, sys.getsizeof(a))]\n\
            \x20   for i in range(100 if code == 'i' else 40):\n        a.append(i)\n        if sys.getsizeof(a) != seen[-1][1]:\n            seen.append((len(a), sys.getsizeof(a)))\n\
            \x20   while len(a):\n        a.pop()\n        if sys.getsizeof(a) != seen[-1][1]:\n            seen.append((len(a), sys.getsizeof(a)))\n\
            \x20   print(seen)\n";
        assert_eq!(
            out(src),
            "[(0, 80), (1, 96), (5, 112), (9, 144), (17, 180), (26, 216), (35, 256), (45, 296), (55, 340), (66, 388), (78, 436), (90, 488)]\n\
             [(0, 80), (1, 112), (5, 144), (9, 208), (17, 280), (26, 352), (35, 432)]\n"
        );
    }

    /// Construction sizes: exact for lists, tuples and `*`; append growth
    /// for other iterables; bytes through `frombytes`.
    #[test]
    fn construction_sizes_match_cpython() {
        let src = "import array, sys\n\
            print([sys.getsizeof(array.array(c, range(3))) for c in 'bBhHiIlLqQfd'])\n\
            print(sys.getsizeof(array.array('i', [0] * 100)), sys.getsizeof(array.array('i', [0]) * 100), sys.getsizeof(array.array('b', bytes(1000))))\n";
        assert_eq!(out(src), "[84, 84, 88, 88, 96, 96, 112, 112, 112, 112, 96, 112]\n480 480 1145\n");
    }
}
