//! The runnable examples, each tied to the section it illustrates.

/// A runnable, editable example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable id used by `data-example` and `#/SLUG/ID` routes.
    pub id: &'static str,
    /// Slug of the section the example belongs to.
    pub section: &'static str,
    pub title: &'static str,
    pub code: &'static str,
}

pub const EXAMPLES: &[Example] = &[Example {
    id: "refcount",
    section: "reference-counting",
    title: "Counting references to a list",
    code: r#"import sys

x = [1, 2, 3]              # a list is created: one reference (x)
print(sys.getrefcount(x))  # 2: x, plus getrefcount's own argument
y = x                      # a second name for the same list
print(sys.getrefcount(x))  # 3
del x                      # one reference fewer
print(sys.getrefcount(y))  # 2
del y                      # no references left: the list is freed
"#,
}];
