//! Sentences for the aria-live log: what the step to point `at` did to the
//! objects the reader can see ("list object allocated, refcount 1"). Pure.

use std::collections::HashMap;

use pymem::gc::Reason;
use pymem::ids::ObjectId;
use pymem::snapshot::ObjView;

use crate::trace::{Note, Place, Trace};

/// Sentences at most per step.
pub const MAX_SENTENCES: usize = 6;

/// What happened between point `at - 1` and point `at`.
pub fn narrate(trace: &Trace, at: usize) -> Vec<String> {
    let Some(p) = trace.points.get(at) else { return Vec::new() };
    let prev = at.checked_sub(1).and_then(|i| trace.points.get(i));
    let now: HashMap<ObjectId, &ObjView> = p.snap.objects.iter().map(|o| (o.id, o)).collect();
    let before: HashMap<ObjectId, &ObjView> =
        prev.map(|q| q.snap.objects.iter().map(|o| (o.id, o)).collect()).unwrap_or_default();
    let mut out = Vec::new();
    let mut quiet = 0u64;
    for note in &p.delta.notes {
        match note {
            Note::Alloc { id, type_name, place, .. } => {
                match now.get(id) {
                    Some(o) => {
                        let at = match place {
                            Some(Place::Block { arena, pool, block, block_size }) => {
                                format!(" in a {block_size}-byte pymalloc block (arena {arena}, pool {pool}, block {block})")
                            }
                            Some(Place::Raw { size }) => format!(" by malloc ({size} bytes)"),
                            None => String::new(),
                        };
                        out.push(format!("{} allocated{at}, refcount {}", describe(type_name, o), o.refcount))
                    }
                    None => quiet += 1,
                }
            }
            Note::Free { id, type_name } => match before.get(id) {
                Some(o) if !now.contains_key(id) => out.push(format!("{} freed", describe(type_name, o))),
                _ => quiet += 1,
            },
        }
    }
    quiet += (p.delta.allocs + p.delta.frees).saturating_sub(p.delta.notes.len() as u64);
    for o in &p.snap.objects {
        if let Some(b) = before.get(&o.id) {
            if b.refcount != o.refcount && !o.cached && b.type_name == o.type_name {
                out.push(format!("{} refcount {} → {}", describe(&o.type_name, o), b.refcount, o.refcount));
            }
        }
    }
    for id in &p.snap.garbage {
        if prev.is_some_and(|q| !q.snap.garbage.contains(id)) {
            if let Some(o) = now.get(id) {
                out.push(format!("{} is now unreachable, kept alive only by a cycle", describe(&o.type_name, o)));
            }
        }
    }
    for c in &p.delta.collects {
        let why = if c.reason == Reason::Manual { "gc.collect()" } else { "automatic" };
        out.push(format!(
            "generation {} collection ({why}): {} examined, {} unreachable, {} collected, {} promoted",
            c.generation, c.examined, c.unreachable.total, c.collected, c.promoted
        ));
    }
    // "Node object freed" twice reads better as "Node object freed (×2)".
    let mut grouped: Vec<(String, usize)> = Vec::new();
    for s in out {
        match grouped.iter_mut().find(|(t, _)| *t == s) {
            Some((_, n)) => *n += 1,
            None => grouped.push((s, 1)),
        }
    }
    let mut out: Vec<String> =
        grouped.into_iter().map(|(s, n)| if n > 1 { format!("{s} (×{n})") } else { s }).collect();
    if out.len() > MAX_SENTENCES {
        let more = out.len() - (MAX_SENTENCES - 1);
        out.truncate(MAX_SENTENCES - 1);
        out.push(format!("and {more} more changes"));
    }
    if quiet > 0 {
        out.push(format!(
            "{quiet} other allocation{} and frees inside the interpreter",
            if quiet == 1 { "" } else { "s" }
        ));
    }
    out
}

/// "list object [1, 2, 3]" or "int object 1000".
fn describe(type_name: &str, o: &ObjView) -> String {
    let label: String = o.label.chars().take(24).collect();
    if label.is_empty() || label.starts_with('<') || label == type_name {
        format!("{type_name} object")
    } else {
        format!("{type_name} object {label}")
    }
}

/// "Line 3 of 8" style position text.
pub fn position(trace: &Trace, at: usize) -> String {
    let n = trace.points.len();
    match trace.points.get(at) {
        Some(_) if at + 1 == n => format!("Step {} of {n} · program finished", at + 1),
        Some(p) => format!("Step {} of {n} · line {} next", at + 1, p.snap.line),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::{execute, Job};

    fn trace(code: &str) -> Trace {
        execute(&Job { id: 1, code: code.into(), mode: pymem::RunMode::Script, filename: "t.py".into() })
    }

    #[test]
    fn tells_allocation_refcount_changes_and_frees() {
        let t = trace("x = [1, 2, 3]\ny = x\ndel x\ndel y\n");
        let said = |i: usize| narrate(&t, i).join("; ");
        assert!(said(1).contains("list object [1, 2, 3] allocated in a 64-byte pymalloc block"), "{}", said(1));
        assert!(said(1).contains("refcount 1"), "{}", said(1));
        assert!(said(2).contains("refcount 1 → 2"), "{}", said(2));
        assert!(said(3).contains("refcount 2 → 1"), "{}", said(3));
        assert!(said(4).contains("list object [1, 2, 3] freed"), "{}", said(4));
    }

    #[test]
    fn tells_cycles_and_collections() {
        let t = trace("import gc\nclass N:\n    pass\na = N()\na.me = a\ndel a\ngc.collect()\n");
        let all: Vec<String> = (0..t.points.len()).flat_map(|i| narrate(&t, i)).collect();
        assert!(all.iter().any(|s| s.contains("kept alive only by a cycle")), "{all:?}");
        assert!(all.iter().any(|s| s.starts_with("generation 2 collection (gc.collect())")), "{all:?}");
    }
}
