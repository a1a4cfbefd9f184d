//! A stand-in for the `unicode-normalization` crate, patched in for the whole
//! workspace (`[patch.crates-io]` in the root `Cargo.toml`).
//!
//! ruff's parser calls `nfkc()` on one thing only: the text of an identifier
//! that is not pure ASCII, as CPython's tokenizer normalizes identifiers to
//! NFKC. The real crate's decomposition and composition tables weigh 57 KB
//! of the gzipped page. The engine refuses, before lowering, any identifier
//! holding a character NFKC could change (`pymem::syntax::identifiers`), so
//! every identifier that reaches a name table is already in NFKC and the
//! identity below is exact for it.

/// The one method ruff's parser uses.
pub trait UnicodeNormalization<I: Iterator<Item = char>> {
    /// The characters of `self` in NFKC: unchanged, as the engine only
    /// accepts identifiers that NFKC leaves alone.
    fn nfkc(self) -> I;
}

impl<'a> UnicodeNormalization<std::str::Chars<'a>> for &'a str {
    fn nfkc(self) -> std::str::Chars<'a> {
        self.chars()
    }
}
