//! A small stand-in for the `unicode_names2` crate, patched in for the whole
//! workspace (`[patch.crates-io]` in the root `Cargo.toml`).
//!
//! ruff's parser calls `character(name)` only to decode `"\N{NAME}"` string
//! escapes. The real crate embeds every Unicode character name, about 400 KB
//! of the gzipped page; PyMem Lab's readers write memory examples, not
//! typography. This table holds the names a tutorial is likely to use; any
//! other name is reported as CPython reports an unknown one (a SyntaxError).

const NAMES: &[(&str, char)] = &[
    ("SPACE", ' '),
    ("NO-BREAK SPACE", '\u{a0}'),
    ("LATIN SMALL LETTER E WITH ACUTE", 'é'),
    ("LATIN CAPITAL LETTER E WITH ACUTE", 'É'),
    ("LATIN SMALL LETTER A WITH GRAVE", 'à'),
    ("LATIN SMALL LETTER U WITH DIAERESIS", 'ü'),
    ("LATIN SMALL LETTER N WITH TILDE", 'ñ'),
    ("LATIN SMALL LETTER SHARP S", 'ß'),
    ("GREEK SMALL LETTER ALPHA", 'α'),
    ("GREEK SMALL LETTER BETA", 'β'),
    ("GREEK SMALL LETTER GAMMA", 'γ'),
    ("GREEK SMALL LETTER DELTA", 'δ'),
    ("GREEK SMALL LETTER LAMDA", 'λ'),
    ("GREEK SMALL LETTER MU", 'μ'),
    ("GREEK SMALL LETTER PI", 'π'),
    ("GREEK SMALL LETTER SIGMA", 'σ'),
    ("GREEK CAPITAL LETTER DELTA", 'Δ'),
    ("GREEK CAPITAL LETTER SIGMA", 'Σ'),
    ("GREEK CAPITAL LETTER OMEGA", 'Ω'),
    ("EM DASH", '—'),
    ("EN DASH", '–'),
    ("BULLET", '•'),
    ("HORIZONTAL ELLIPSIS", '…'),
    ("LEFT DOUBLE QUOTATION MARK", '“'),
    ("RIGHT DOUBLE QUOTATION MARK", '”'),
    ("EURO SIGN", '€'),
    ("POUND SIGN", '£'),
    ("YEN SIGN", '¥'),
    ("DEGREE SIGN", '°'),
    ("MICRO SIGN", 'µ'),
    ("MULTIPLICATION SIGN", '×'),
    ("DIVISION SIGN", '÷'),
    ("RIGHTWARDS ARROW", '→'),
    ("LEFTWARDS ARROW", '←'),
    ("CHECK MARK", '✓'),
    ("BLACK STAR", '★'),
    ("SNOWMAN", '☃'),
    ("CJK UNIFIED IDEOGRAPH-4E2D", '中'),
    ("HIRAGANA LETTER A", 'あ'),
    ("SNAKE", '🐍'),
    ("GRINNING FACE", '😀'),
    ("PILE OF POO", '💩'),
];

/// The character with this Unicode name (case-insensitive, as CPython's
/// `\N{...}` is), if the table has it.
pub fn character(name: &str) -> Option<char> {
    NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_names_case_insensitively() {
        assert_eq!(super::character("snake"), Some('🐍'));
        assert_eq!(super::character("EM DASH"), Some('—'));
        assert_eq!(super::character("NO SUCH NAME"), None);
    }
}
