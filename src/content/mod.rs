//! The tutorial's structure: the source document's headings, in order, the
//! prose of each panel (written for this page, as data), and the runnable
//! examples attached to them. Components render it; nothing here knows Yew.

mod examples;
mod prose;

pub use examples::{Example, EXAMPLES};

/// A block of prose. Inline text may use `` `code` `` and `**strong**`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    P(&'static str),
    List(&'static [&'static str]),
    /// A correction or precision where the usual explanation is loose.
    Note(&'static str),
}

/// Which animated diagram a panel draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Diagram {
    AllocationFlow,
    GcProcess,
}

/// One heading of the source document (`../shared/seed/python-memory-management.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: &'static str,
    /// 2 for a section (`##`), 3 for a subsection (`###`).
    pub level: u8,
    pub prose: &'static [Block],
    pub diagram: Option<Diagram>,
}

impl Section {
    /// The routing and test hook: lowercase, runs of other characters become
    /// one `-`, trimmed (`sys.getsizeof()` → `sys-getsizeof`).
    pub fn slug(&self) -> String {
        slugify(self.title)
    }

    pub fn examples(&self) -> impl Iterator<Item = &'static Example> {
        let slug = self.slug();
        EXAMPLES.iter().filter(move |e| e.section == slug)
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

pub fn section_by_slug(slug: &str) -> Option<&'static Section> {
    SECTIONS.iter().find(|s| s.slug() == slug)
}

const fn s(title: &'static str, level: u8, prose: &'static [Block]) -> Section {
    Section { title, level, prose, diagram: None }
}

/// The document's headings in order: 7 sections, 18 subsections.
pub const SECTIONS: &[Section] = &[
    s("Overview of Memory Management in Python", 2, prose::OVERVIEW),
    s("Key Concepts of Memory Management", 2, prose::KEY_CONCEPTS),
    s("Reference Counting", 3, prose::REFERENCE_COUNTING),
    s("Garbage Collection", 3, prose::GARBAGE_COLLECTION),
    s("Generational Garbage Collection", 3, prose::GENERATIONAL),
    s("Types of Memory in Python", 2, prose::TYPES_OF_MEMORY),
    s("Stack Memory", 3, prose::STACK),
    s("Heap Memory", 3, prose::HEAP),
    s("Object-Specific Allocators", 3, prose::ALLOCATORS),
    s("Memory Optimization in Python", 2, prose::OPTIMIZATION),
    s("Immutable Objects and Interning", 3, prose::INTERNING),
    s("Object Reuse", 3, prose::REUSE),
    s("Efficient Data Structures", 3, prose::DATA_STRUCTURES),
    s("Manual Memory Management", 3, prose::MANUAL),
    s("Common Memory Management Issues", 2, prose::ISSUES),
    s("Memory Leaks", 3, prose::LEAKS),
    s("High Memory Usage", 3, prose::HIGH_USAGE),
    s("Overhead of Python Objects", 3, prose::OVERHEAD),
    s("Debugging Memory Issues", 2, prose::DEBUGGING),
    s("sys.getsizeof()", 3, prose::GETSIZEOF),
    s("Memory Profiling", 3, prose::PROFILING),
    s("Tracemalloc", 3, prose::TRACEMALLOC),
    s("Memory Management Visualization", 2, prose::VISUALIZATION),
    Section { diagram: Some(Diagram::AllocationFlow), ..s("Memory Allocation Flow", 3, prose::ALLOCATION_FLOW) },
    Section { diagram: Some(Diagram::GcProcess), ..s("Garbage Collection Process", 3, prose::GC_PROCESS) },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_contract() {
        assert_eq!(slugify("Reference Counting"), "reference-counting");
        assert_eq!(slugify("sys.getsizeof()"), "sys-getsizeof");
        assert_eq!(slugify("Object-Specific Allocators"), "object-specific-allocators");
    }

    #[test]
    fn seven_sections_eighteen_subsections() {
        assert_eq!(SECTIONS.iter().filter(|s| s.level == 2).count(), 7);
        assert_eq!(SECTIONS.iter().filter(|s| s.level == 3).count(), 18);
    }

    #[test]
    fn every_panel_has_prose() {
        for s in SECTIONS {
            assert!(!s.prose.is_empty(), "{}", s.title);
        }
    }
}
