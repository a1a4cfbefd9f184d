//! How CPython's builtins check how many positional arguments they got.
//!
//! The calling convention of a C builtin (METH_NOARGS, METH_O, Argument
//! Clinic's positional check, `PyArg_ParseTuple`, a slot wrapper) decides the
//! wording of its TypeError, so one table says which convention each builtin
//! method uses and one function words the error.

use crate::vm::builtins::BuiltinFn;
use crate::vm::{Vm, R};

/// A builtin's positional-argument check, named after the CPython code that
/// words its error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgCheck {
    /// METH_NOARGS: `list.copy() takes no arguments (1 given)`.
    NoArgs,
    /// METH_O: `list.append() takes exactly one argument (0 given)`.
    One,
    /// `_PyArg_CheckPositional`: `insert expected 2 arguments, got 1`.
    Positional(usize, usize),
    /// `PyArg_ParseTuple` and keyword-taking clinic functions:
    /// `find() takes at least 1 argument (0 given)`.
    Parsed(usize, usize),
    /// Keyword-only parameters: `sort() takes no positional arguments`.
    KeywordsOnly,
    /// A slot wrapper (`__len__`, `__eq__`): `expected 0 arguments, got 1`.
    Slot(usize),
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

impl ArgCheck {
    /// The check `min..=max` arguments get when nothing more is known: METH_NOARGS
    /// and METH_O for the fixed counts 0 and 1, Argument Clinic otherwise.
    pub fn range(min: usize, max: usize) -> ArgCheck {
        match (min, max) {
            (0, 0) => ArgCheck::NoArgs,
            (1, 1) => ArgCheck::One,
            _ => ArgCheck::Positional(min, max),
        }
    }

    /// The fewest and most positional arguments accepted.
    fn bounds(self) -> (usize, usize) {
        match self {
            ArgCheck::NoArgs | ArgCheck::KeywordsOnly => (0, 0),
            ArgCheck::One => (1, 1),
            ArgCheck::Positional(lo, hi) | ArgCheck::Parsed(lo, hi) => (lo, hi),
            ArgCheck::Slot(n) => (n, n),
        }
    }

    /// Whether `given` positional arguments pass this check.
    pub fn accepts(self, given: usize) -> bool {
        let (min, max) = self.bounds();
        (min..=max).contains(&given)
    }

    /// CPython's TypeError text when `given` arguments fail this check, or
    /// `None` when the count is fine. `qualname` is `list.append` for a
    /// method and `len` for a function; `name` the bare name.
    pub fn error(self, qualname: &str, name: &str, given: usize) -> Option<String> {
        if self.accepts(given) {
            return None;
        }
        let (min, max) = self.bounds();
        Some(match self {
            ArgCheck::NoArgs => format!("{qualname}() takes no arguments ({given} given)"),
            ArgCheck::One => format!("{qualname}() takes exactly one argument ({given} given)"),
            ArgCheck::KeywordsOnly => format!("{name}() takes no positional arguments"),
            ArgCheck::Slot(n) => format!("expected {n} argument{}, got {given}", plural(n)),
            ArgCheck::Positional(..) => {
                let (how, k) = if min == max {
                    ("", min)
                } else if given < min {
                    ("at least ", min)
                } else {
                    ("at most ", max)
                };
                format!("{name} expected {how}{k} argument{}, got {given}", plural(k))
            }
            ArgCheck::Parsed(..) => {
                let (how, k) = if min == max {
                    ("exactly", min)
                } else if given < min {
                    ("at least", min)
                } else {
                    ("at most", max)
                };
                format!("{name}() takes {how} {k} argument{} ({given} given)", plural(k))
            }
        })
    }
}

impl BuiltinFn {
    /// How this builtin method checks its arguments (not counting `self`);
    /// `None` where the method words its own errors.
    pub fn arg_check(self) -> Option<ArgCheck> {
        use ArgCheck::*;
        use BuiltinFn::*;
        Some(match self {
            ListAppend | ListExtend | ListRemove | ListCount | TupleCount => One,
            ListPop => Positional(0, 1),
            ListInsert => Positional(2, 2),
            ListIndex | TupleIndex => Positional(1, 3),
            ListClear | ListCopy | ListReverse => NoArgs,
            ListSort => KeywordsOnly,
            DictGet | DictPop | DictSetDefault | DictFromKeys => Positional(1, 2),
            DictKeys | DictValues | DictItems | DictPopItem | DictClear | DictCopy => NoArgs,
            DictUpdate => Positional(0, 1),
            SetAdd | SetDiscard | SetRemove | SetSymmetricDifference | SetIsSubset | SetIsSuperset
            | SetIsDisjoint => One,
            SetPop | SetClear | SetCopy => NoArgs,
            StrJoin | StrZFill | StrPartition => One,
            StrSplit | StrRSplit | StrEncode => Parsed(0, 2),
            StrSplitLines => Parsed(0, 1),
            StrStrip | StrLStrip | StrRStrip => Positional(0, 1),
            StrReplace => Positional(2, 3),
            StrCenter | StrLJust | StrRJust => Positional(1, 2),
            StrStartsWith | StrEndsWith | StrFind | StrRFind | StrIndex | StrCount => Parsed(1, 3),
            StrUpper | StrLower | StrIsDigit | StrIsAlpha | StrIsAlnum | StrIsSpace | StrIsUpper
            | StrIsLower | StrIsIdentifier | StrIsAscii | StrTitle | StrCapitalize | StrSwapCase => NoArgs,
            BytesDecode => Parsed(0, 2),
            IntBitLength | FloatIsInteger | GenClose => NoArgs,
            GenSend => One,
            GenThrow => Positional(1, 3),
            DunderGetItem => One,
            DunderSetItem => Positional(2, 2),
            DunderDelItem | DunderContains | DunderEq | DunderNe => Slot(1),
            DunderLen | DunderIter | DunderNext | DunderRepr | DunderStr | DunderHash => Slot(0),
            _ => return None,
        })
    }
}

impl Vm {
    /// Raises CPython's TypeError when `given` arguments fail `check`.
    pub(crate) fn check_args(&mut self, check: ArgCheck, qualname: &str, name: &str, given: usize) -> R<()> {
        match check.error(qualname, name, given) {
            None => Ok(()),
            Some(msg) => Err(self.error("TypeError", &msg)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ArgCheck::*;

    #[test]
    fn wording_follows_the_calling_convention() {
        assert_eq!(NoArgs.error("list.copy", "copy", 1).unwrap(), "list.copy() takes no arguments (1 given)");
        assert_eq!(One.error("len", "len", 2).unwrap(), "len() takes exactly one argument (2 given)");
        assert_eq!(Positional(2, 2).error("list.insert", "insert", 1).unwrap(), "insert expected 2 arguments, got 1");
        assert_eq!(Positional(1, 3).error("", "index", 0).unwrap(), "index expected at least 1 argument, got 0");
        assert_eq!(Positional(0, 1).error("", "pop", 2).unwrap(), "pop expected at most 1 argument, got 2");
        assert_eq!(Positional(2, 2).error("", "", 1).unwrap(), " expected 2 arguments, got 1");
        assert_eq!(Parsed(1, 3).error("", "find", 0).unwrap(), "find() takes at least 1 argument (0 given)");
        assert_eq!(Parsed(0, 2).error("", "split", 3).unwrap(), "split() takes at most 2 arguments (3 given)");
        assert_eq!(Slot(0).error("", "__len__", 1).unwrap(), "expected 0 arguments, got 1");
        assert_eq!(KeywordsOnly.error("list.sort", "sort", 1).unwrap(), "sort() takes no positional arguments");
        assert_eq!(Positional(1, 3).error("", "index", 2), None);
    }
}
