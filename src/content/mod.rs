//! The tutorial's structure: the source document's headings, in order, and the
//! runnable examples attached to them. Plain data; components render it.

mod examples;

pub use examples::{Example, EXAMPLES};

/// One heading of the source document (`../shared/seed/python-memory-management.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    /// 2 for a section (`##`), 3 for a subsection (`###`).
    pub level: u8,
}

impl Section {
    /// The routing and test hook: lowercase, runs of other characters become
    /// one `-`, trimmed (`sys.getsizeof()` → `sys-getsizeof`).
    pub fn slug(&self) -> String {
        slugify(self.title)
    }
}

pub fn slugify(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The document's headings in order: 7 sections, 18 subsections.
pub const SECTIONS: &[Section] = &[
    Section { title: "Overview of Memory Management in Python", level: 2 },
    Section { title: "Key Concepts of Memory Management", level: 2 },
    Section { title: "Reference Counting", level: 3 },
    Section { title: "Garbage Collection", level: 3 },
    Section { title: "Generational Garbage Collection", level: 3 },
    Section { title: "Types of Memory in Python", level: 2 },
    Section { title: "Stack Memory", level: 3 },
    Section { title: "Heap Memory", level: 3 },
    Section { title: "Object-Specific Allocators", level: 3 },
    Section { title: "Memory Optimization in Python", level: 2 },
    Section { title: "Immutable Objects and Interning", level: 3 },
    Section { title: "Object Reuse", level: 3 },
    Section { title: "Efficient Data Structures", level: 3 },
    Section { title: "Manual Memory Management", level: 3 },
    Section { title: "Common Memory Management Issues", level: 2 },
    Section { title: "Memory Leaks", level: 3 },
    Section { title: "High Memory Usage", level: 3 },
    Section { title: "Overhead of Python Objects", level: 3 },
    Section { title: "Debugging Memory Issues", level: 2 },
    Section { title: "sys.getsizeof()", level: 3 },
    Section { title: "Memory Profiling", level: 3 },
    Section { title: "Tracemalloc", level: 3 },
    Section { title: "Memory Management Visualization", level: 2 },
    Section { title: "Memory Allocation Flow", level: 3 },
    Section { title: "Garbage Collection Process", level: 3 },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_contract() {
        let slug = |t| Section { title: t, level: 3 }.slug();
        assert_eq!(slug("Reference Counting"), "reference-counting");
        assert_eq!(slug("sys.getsizeof()"), "sys-getsizeof");
        assert_eq!(slug("Object-Specific Allocators"), "object-specific-allocators");
    }

    #[test]
    fn seven_sections_eighteen_subsections() {
        assert_eq!(SECTIONS.iter().filter(|s| s.level == 2).count(), 7);
        assert_eq!(SECTIONS.iter().filter(|s| s.level == 3).count(), 18);
    }
}
