//! The size lines of the seed conformance programs c01–c08 (CPython 3.11.7's
//! output), recomputed from this module. The programs themselves need the
//! interpreter; these tests pin the numbers they print.

use super::array::ArrayState;
use super::bytes::{bytes_getsizeof, ByteArrayState};
use super::deque::DequeState;
use super::dict::DictState;
use super::instance::{materialised_getsizeof, SharedKeys};
use super::int::Long;
use super::list::{Extend, ListState};
use super::object::{tuple_getsizeof, Builtin, ClassLayout, Slots};
use super::set::SetState;
use super::unicode::{self, StrKind};

fn int_size(v: i128) -> usize {
    Long::from_i128(v).getsizeof()
}

#[test]
fn c01_ints_bool_float_complex_none_object() {
    let ints: Vec<usize> = [
        0,
        1,
        -1,
        255,
        (1 << 30) - 1,
        1 << 30,
        (1 << 60) - 1,
        1 << 60,
        1 << 90,
    ]
    .map(int_size)
    .to_vec();
    assert_eq!(ints, [28, 28, 28, 28, 28, 32, 32, 36, 40]);
    // 10**100 has 333 bits: 12 digits.
    assert_eq!(super::int::getsizeof(333usize.div_ceil(30)), 72);
    assert_eq!(int_size(1), 28); // True, False
    assert_eq!(
        (Builtin::Float.getsizeof(), Builtin::Complex.getsizeof()),
        (24, 32)
    );
    assert_eq!(
        (Builtin::NoneType.getsizeof(), Builtin::Object.getsizeof()),
        (16, 16)
    );
}

#[test]
fn c02_str_kinds_bytes_bytearray() {
    let ascii: Vec<usize> = [0, 1, 2, 10, 100]
        .map(|n| unicode::getsizeof(StrKind::Ascii, n))
        .to_vec();
    assert_eq!(ascii, [49, 50, 51, 59, 149]);
    let kinds = |k| [2, 3, 10].map(|n| unicode::getsizeof(k, n));
    assert_eq!(kinds(StrKind::Latin1), [75, 76, 83]);
    assert_eq!(kinds(StrKind::Ucs2), [78, 80, 94]);
    assert_eq!(kinds(StrKind::Ucs4), [84, 88, 116]);
    assert_eq!([0, 1, 10, 100].map(bytes_getsizeof), [33, 34, 43, 133]);
    let bytearray = [0, 1, 10, 100].map(|n| {
        let mut b = ByteArrayState::new();
        b.resize(n);
        b.getsizeof()
    });
    assert_eq!(bytearray, [56, 58, 67, 157]);
}

#[test]
fn c03_tuple_list_dict_set_frozenset() {
    assert_eq!([0, 1, 2, 3, 4].map(tuple_getsizeof), [40, 48, 56, 64, 72]);
    let lists = [
        ListState::new(),
        ListState::display(1, true),
        ListState::display(3, true),
    ];
    assert_eq!(lists.map(|l| l.getsizeof()), [56, 64, 88]);
    let dict = |keys: &[bool]| DictState::display(keys).getsizeof(None);
    assert_eq!([dict(&[]), dict(&[false]), dict(&[true])], [64, 224, 184]);
    let fromkeys = |n| {
        let mut d = DictState::new();
        (0..n).for_each(|_| {
            d.insert(false, None);
        });
        d.getsizeof(None)
    };
    assert_eq!([fromkeys(5), fromkeys(6)], [224, 352]);
    let mut by_range = SetState::new();
    (0..5).for_each(|_| {
        by_range.add();
    });
    let sets = [SetState::new(), SetState::from_set(4).0, by_range];
    assert_eq!(sets.map(|s| s.getsizeof()), [216, 216, 728]);
    assert_eq!(
        [SetState::new().getsizeof(), by_range.getsizeof()],
        [216, 728]
    );
}

#[test]
fn c05_list_capacity_by_construction() {
    let caps = |f: &dyn Fn(usize) -> ListState| (1..10).map(|n| f(n).allocated).collect::<Vec<_>>();
    let list_range = |n| {
        ListState::from_iterable(
            Some(n),
            Extend::Iterator {
                hint: Some(n),
                count: n,
            },
        )
        .0
    };
    let comp = |n| {
        let mut l = ListState::new();
        (0..n).for_each(|_| {
            l.append();
        });
        l
    };
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
    assert_eq!(caps(&list_range), [2, 2, 4, 4, 6, 6, 8, 8, 10]);
    assert_eq!(caps(&ListState::exact), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(caps(&comp), [4, 4, 4, 4, 8, 8, 8, 8, 16]);
    assert_eq!(caps(&genexpr), [4, 8, 8, 8, 8, 8, 8, 8, 16]);
    assert_eq!(
        (
            ListState::display(3, true).allocated,
            ListState::display(5, true).allocated
        ),
        (4, 6)
    );
    let mut shrunk = list_range(100);
    shrunk.ass_slice(90, 0);
    assert_eq!(shrunk.allocated, 16);
}

#[test]
fn c07_instances_slots_and_key_sharing() {
    let plain = ClassLayout::subclass(ClassLayout::OBJECT, None);
    let slots = |names| {
        ClassLayout::subclass(
            ClassLayout::OBJECT,
            Some(Slots {
                names,
                dict: false,
                weakref: false,
            }),
        )
    };
    let sizes = [plain, plain, slots(2), slots(0)].map(|c| c.instance.getsizeof(0));
    assert_eq!(sizes, [56, 56, 48, 32]);
    let basic = [plain, slots(2), slots(0)].map(|c| c.instance.basicsize);
    assert_eq!(basic, [24, 32, 16]);
    // One TwoAttrs instance was made before the loop.
    let mut shared = SharedKeys::new();
    let mut dicts = vec![];
    for i in 0..6 {
        shared.new_instance();
        shared.store("a");
        shared.store("b");
        if i > 0 {
            dicts.push(materialised_getsizeof(&shared));
        }
    }
    assert_eq!(dicts, [288, 280, 272, 264, 256]);
}

#[test]
fn c08_function_range_slice_array_deque() {
    assert_eq!(Builtin::Function.getsizeof(), 152);
    assert_eq!(
        (Builtin::Range.getsizeof(), Builtin::Slice.getsizeof()),
        (48, 56)
    );
    assert_eq!(
        [4, 8, 1].map(|size| ArrayState::exact(size, 0).getsizeof()),
        [80, 80, 80]
    );
    assert_eq!(ArrayState::exact(4, 1).getsizeof(), 84);
    assert_eq!(ArrayState::from_iterator(4, 10).0.getsizeof(), 144);
    let (mut dq, _) = DequeState::new(None);
    let mut growth = vec![(0, dq.getsizeof())];
    for _ in 0..200 {
        dq.append();
        if growth.last().unwrap().1 != dq.getsizeof() {
            growth.push((dq.len, dq.getsizeof()));
        }
    }
    assert_eq!(growth, [(0, 760), (33, 1288), (97, 1816), (161, 2344)]);
}
