//! Programs that must compile in both modes: the eight ```python blocks of the
//! seed article (`seed_N.py`, copied from `shared/` so the crate's tests do not
//! depend on it), and every conformance program of `tests/conformance/` except
//! the ones whose point is a syntax error.

use super::super::{compile, Mode};

const CORPUS: &[(&str, &str)] = &[
];

/// The corpus sources (for other tests).
pub(super) fn sources() -> impl Iterator<Item = &'static str> {
    CORPUS.iter().map(|(_, source)| *source)
}

#[test]
fn corpus_compiles_in_both_modes() {
    for (name, source) in CORPUS {
        for mode in [Mode::Script, Mode::Repl] {
            if let Err(e) = compile(source, name, mode) {
                panic!("{name} ({mode:?}) did not compile:\n{e}");
            }
        }
    }
}

#[test]
fn every_conformance_program_compiles_in_both_modes() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("conformance folder").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "py") {
            continue;
        }
        let err = std::fs::read_to_string(path.with_extension("err")).unwrap_or_default();
        if err.contains("SyntaxError") || err.contains("IndentationError") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("source");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        for mode in [Mode::Script, Mode::Repl] {
            if let Err(e) = compile(&source, name, mode) {
                panic!("{name} ({mode:?}) did not compile:\n{e}");
            }
        }
        checked += 1;
    }
    assert!(checked > 150, "only {checked} programs");
}
