//! Interpreter start-up: the static objects CPython has before any code runs
//! (type objects, singletons, small ints, one-character strings, exception
//! classes) and the heap objects `python3 -I -S` creates (the builtins
//! namespace, the `__main__` globals).

use std::collections::HashMap;
use std::rc::Rc;

use crate::heap::object::TypeObj;
use crate::heap::{Heap, Int, Payload, NULL};
use crate::ids::ObjectId;
use crate::run::RunConfig;
use crate::vm::builtins::BuiltinFn;
use crate::vm::memory::FreeLists;
use crate::vm::types::{Builtin, EXCEPTIONS};
use crate::vm::{Vm, WellKnown};

/// Where statically allocated objects live (CPython's data segment).
const STATIC_BASE: u64 = 0x5600_0000_0000;

/// 3.11's static objects start with this refcount (`_PyObject_IMMORTAL_INIT`).
const STATIC_REFCNT: u64 = 999_999_999;

impl Vm {
    pub fn new(config: RunConfig) -> Vm {
        let placeholder = WellKnown {
            none: NULL,
            true_: NULL,
            false_: NULL,
            not_implemented: NULL,
            ellipsis: NULL,
            empty_tuple: NULL,
            empty_str: NULL,
            empty_bytes: NULL,
            small_ints: Vec::new(),
            latin1: Vec::new(),
            bytes1: Vec::new(),
            builtins: NULL,
        };
        let recorder = crate::timeline::Recorder::new(config.record, config.event_limit);
        let mut vm = Vm {
            heap: Heap::new(config.heap_cap),
            frames: Vec::new(),
            frame_pool: Default::default(),
            arg_pool: Default::default(),
            instance_pool: Default::default(),
            classes_made: 0,
            clear_scratch: Vec::new(),
            type_cache: Default::default(),
            globals_cache: Default::default(),
            wk: placeholder,
            config,
            stdout: String::new(),
            steps: 0,
            interned: HashMap::new(),
            exc_types: HashMap::new(),
            modules: HashMap::new(),
            recursion_limit: 1000,
            handling: Vec::new(),
            free_lists: FreeLists::default(),
            depth: 0,
            pc: 0,
            stack: Vec::with_capacity(256),
            gc_garbage: NULL,
            gc_callbacks: NULL,
            weakrefs: HashMap::new(),
            descriptors: HashMap::new(),
            skip_traceback: false,
            repr_stack: Vec::new(),
            source: "".into(),
            unraisable_text: String::new(),
            pending_abort: None,
            printed: false,
            main_globals: NULL,
            started: false,
            timeline: recorder,
            ext_state: crate::vm::modules::ModState::default(),
        };
        vm.bootstrap();
        vm
    }

    fn next_static_addr(&self) -> u64 {
        STATIC_BASE + 64 * self.heap.capacity() as u64
    }

    fn new_static(&mut self, ty: ObjectId, payload: Payload) -> ObjectId {
        let addr = self.next_static_addr();
        let id = self.static_object(ty, payload, addr);
        self.heap.get_mut(id).refcnt = STATIC_REFCNT;
        id
    }

    fn bootstrap(&mut self) {
        // Type objects first, in `Builtin::ALL` order, so each handle is
        // the builtin's position.
        for &b in Builtin::ALL {
            let t = TypeObj {
                name: b.name().into(),
                qualname: b.name().into(),
                base: if b == Builtin::Object { NULL } else { Builtin::Object.id() },
                mro: if b == Builtin::Object { vec![b.id()] } else { vec![b.id(), Builtin::Object.id()] },
                dict: NULL,
                builtin: Some(b),
                slots: None,
                user: false,
                has_del: false,
                shared_keys: Vec::new(),
                shared_usable: 0,
                serial: 0,
                owned: Vec::new(),
                keys_addr: None,
                subclasses: NULL,
                subclass_ref: NULL,
                layout: Rc::default(),
            };
            let id = self.new_static(Builtin::Type.id(), Payload::Type(Box::new(t)));
            debug_assert_eq!(id, b.id());
        }
        // bool's base is int.
        if let Payload::Type(t) = self.heap.payload_mut(Builtin::Bool.id()) {
            t.base = Builtin::Int.id();
            t.mro = vec![Builtin::Bool.id(), Builtin::Int.id(), Builtin::Object.id()];
        }
        // None, True and False are not in 3.11's static-immortal group: their
        // counts are whatever start-up left (measured under `-I -S`).
        let none = self.new_static(Builtin::NoneType.id(), Payload::None);
        self.heap.get_mut(none).refcnt = 3793;
        let true_ = self.new_static(Builtin::Bool.id(), Payload::Bool(true));
        self.heap.get_mut(true_).refcnt = 1143;
        let false_ = self.new_static(Builtin::Bool.id(), Payload::Bool(false));
        self.heap.get_mut(false_).refcnt = 1312;
        let not_implemented = self.new_static(Builtin::NotImplementedType.id(), Payload::NotImplemented);
        let ellipsis = self.new_static(Builtin::Ellipsis.id(), Payload::Ellipsis);
        let empty_tuple = self.new_static(Builtin::Tuple.id(), Payload::Tuple(Box::new([])));
        let empty_str = self.new_static(Builtin::Str.id(), Payload::Str("".into()));
        let empty_bytes = self.new_static(Builtin::Bytes.id(), Payload::Bytes(Rc::from(&[][..])));
        let small_ints = (-5..=256).map(|i| self.new_static(Builtin::Int.id(), Payload::Int(Int::Small(i)))).collect();
        let latin1 = (0u32..256)
            .map(|c| {
                let s: String = char::from_u32(c).into_iter().collect();
                self.new_static(Builtin::Str.id(), Payload::Str(s.into()))
            })
            .collect();
        let bytes1 = (0u8..=255).map(|b| self.new_static(Builtin::Bytes.id(), Payload::Bytes(Rc::from(&[b][..])))).collect();
        self.wk = WellKnown {
            none,
            true_,
            false_,
            not_implemented,
            ellipsis,
            empty_tuple,
            empty_str,
            empty_bytes,
            small_ints,
            latin1,
            bytes1,
            builtins: NULL,
        };
        self.exc_types.insert("BaseException", Builtin::BaseException.id());
        if let Payload::Type(t) = self.heap.payload_mut(Builtin::BaseException.id()) {
            t.name = "BaseException".into();
        }
        for &(name, base) in EXCEPTIONS {
            let base_id = self.exc_types[base];
            let mut mro = vec![NULL];
            mro.extend(self.mro(base_id));
            let t = TypeObj {
                name: name.into(),
                qualname: name.into(),
                base: base_id,
                mro,
                dict: NULL,
                builtin: Some(Builtin::BaseException),
                slots: None,
                user: false,
                has_del: false,
                shared_keys: Vec::new(),
                shared_usable: 0,
                serial: 0,
                owned: Vec::new(),
                keys_addr: None,
                subclasses: NULL,
                subclass_ref: NULL,
                layout: Rc::default(),
            };
            let id = self.new_static(Builtin::Type.id(), Payload::Type(Box::new(t)));
            if let Payload::Type(t) = self.heap.payload_mut(id) {
                t.mro[0] = id;
            }
            self.exc_types.insert(name, id);
        }
        // Heap objects of a fresh interpreter.
        self.gc_garbage = self.new_list(Vec::new(), 0).expect("start-up fits in memory");
        self.gc_callbacks = self.new_list(Vec::new(), 0).expect("start-up fits in memory");
        let builtins = self.new_dict().expect("start-up fits in memory");
        self.wk.builtins = builtins;
        for &f in BuiltinFn::GLOBALS {
            let obj = self.new_static(Builtin::BuiltinFunction.id(), Payload::Builtin { which: f, bound: NULL });
            self.heap.get_mut(obj).size = 16 + 56;
            let key = self.intern(f.name());
            self.dict_set(builtins, key, obj).expect("start-up fits in memory");
            self.decref(key);
        }
        let types: Vec<(&str, ObjectId)> = [
            Builtin::Object,
            Builtin::Type,
            Builtin::Bool,
            Builtin::Int,
            Builtin::Float,
            Builtin::Complex,
            Builtin::Str,
            Builtin::Bytes,
            Builtin::ByteArray,
            Builtin::Tuple,
            Builtin::List,
            Builtin::Dict,
            Builtin::Set,
            Builtin::FrozenSet,
            Builtin::Range,
            Builtin::Slice,
            Builtin::Enumerate,
            Builtin::Zip,
            Builtin::Map,
            Builtin::Filter,
            Builtin::Reversed,
            Builtin::Property,
            Builtin::StaticMethod,
            Builtin::ClassMethod,
        ]
        .iter()
        .map(|b| (b.name(), b.id()))
        .chain(self.exc_types.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>())
        .collect();
        let mut types = types;
        types.sort_by_key(|(n, _)| *n);
        for (name, id) in types {
            let key = self.intern(name);
            self.dict_set(builtins, key, id).expect("start-up fits in memory");
            self.decref(key);
        }
        for (name, v) in [("None", none), ("True", true_), ("False", false_), ("Ellipsis", ellipsis), ("NotImplemented", not_implemented)] {
            let key = self.intern(name);
            self.dict_set(builtins, key, v).expect("start-up fits in memory");
            self.decref(key);
        }
        // What start-up leaves on the free lists (`sys._debugmallocstats()`
        // under `python3 -I -S`): 8 dicts, 4 floats, 5 lists, and tuples
        // (count per length).
        let mut temp = Vec::new();
        for (len, count) in [(1, 3), (2, 8), (3, 2), (4, 1), (5, 1), (6, 3), (11, 1), (13, 1), (15, 1), (17, 1)] {
            for _ in 0..count {
                let items = vec![none; len];
                self.heap.get_mut(none).refcnt += len as u64;
                temp.push(self.new_tuple(items).expect("start-up fits in memory"));
            }
        }
        for _ in 0..8 {
            temp.push(self.new_dict().expect("start-up fits in memory"));
        }
        for i in 0..4 {
            temp.push(self.new_float(0.5 + i as f64).expect("start-up fits in memory"));
        }
        for _ in 0..5 {
            temp.push(self.new_list(Vec::new(), 0).expect("start-up fits in memory"));
        }
        for t in temp {
            self.decref(t);
        }
    }

    /// The globals of a new `__main__` module: the nine names
    /// `python3 -I -S file.py` starts with, in its order (so the dict's
    /// table grows at the same insertion as CPython's: the 11th name).
    pub fn new_main_globals(&mut self) -> crate::vm::R<ObjectId> {
        let g = self.new_dict()?;
        let none = self.wk.none;
        let main = self.new_str("__main__")?;
        let annotations = self.new_dict()?;
        let builtins_dict = self.wk.builtins;
        self.incref(builtins_dict);
        let builtins = self.alloc_object(
            crate::vm::types::Builtin::Module.id(),
            Payload::Module(Box::new(crate::heap::object::Module { name: "builtins".into(), dict: builtins_dict })),
            crate::vm::memory::Spec::of(crate::layout::object::Builtin::Module),
        )?;
        let file = self.new_str(&self.config.filename.clone())?;
        for (name, v) in [
            ("__name__", main),
            ("__doc__", none),
            ("__package__", none),
            ("__loader__", none),
            ("__spec__", none),
            ("__annotations__", annotations),
            ("__builtins__", builtins),
            ("__file__", file),
            ("__cached__", none),
        ] {
            self.module_set(g, name, v)?;
        }
        for v in [main, annotations, builtins, file] {
            self.decref(v);
        }
        self.modules.insert("builtins".into(), builtins);
        self.incref(builtins);
        Ok(g)
    }
}
