//! A small Python highlighter for the editor: keywords, builtins, strings
//! (including triple-quoted ones across lines), numbers, comments and
//! decorators. Pure: source text → lines of classified spans.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plain,
    Keyword,
    Builtin,
    Str,
    Number,
    Comment,
    Decorator,
    Name,
}

impl Kind {
    /// CSS class of the span (`None` for plain text).
    pub fn class(self) -> Option<&'static str> {
        match self {
            Kind::Plain => None,
            Kind::Keyword => Some("tok-kw"),
            Kind::Builtin => Some("tok-bi"),
            Kind::Str => Some("tok-str"),
            Kind::Number => Some("tok-num"),
            Kind::Comment => Some("tok-com"),
            Kind::Decorator => Some("tok-dec"),
            Kind::Name => Some("tok-def"),
        }
    }
}

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];
const BUILTINS: &[&str] = &[
    "print",
    "len",
    "range",
    "id",
    "type",
    "list",
    "dict",
    "set",
    "tuple",
    "str",
    "int",
    "float",
    "bytes",
    "object",
    "sum",
    "min",
    "max",
    "isinstance",
    "iter",
    "next",
    "zip",
    "enumerate",
    "sorted",
    "repr",
    "frozenset",
    "bytearray",
    "super",
    "self",
];

pub type Span = (Kind, String);

/// Splits `src` into lines of spans. Every character of the input appears in
/// exactly one span, so joining a line's spans gives the line back.
pub fn highlight(src: &str) -> Vec<Vec<Span>> {
    let mut lines = Vec::new();
    let mut open: Option<&'static str> = None; // an unfinished triple-quoted string
    for line in src.split('\n') {
        let mut spans: Vec<Span> = Vec::new();
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let mut after_def = false;
        let push = |spans: &mut Vec<Span>, k: Kind, s: String| match spans.last_mut() {
            Some((last, text)) if *last == k => text.push_str(&s),
            _ => spans.push((k, s)),
        };
        if let Some(q) = open {
            let rest: String = chars.iter().collect();
            match rest.find(q) {
                Some(end) => {
                    let end = end + q.len();
                    push(&mut spans, Kind::Str, rest[..end].to_string());
                    i = rest[..end].chars().count();
                    open = None;
                }
                None => {
                    push(&mut spans, Kind::Str, rest);
                    lines.push(spans);
                    continue;
                }
            }
        }
        while i < chars.len() {
            let c = chars[i];
            if c == '#' {
                push(&mut spans, Kind::Comment, chars[i..].iter().collect());
                break;
            }
            if c == '"' || c == '\'' {
                let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
                let start = i;
                if triple {
                    i += 3;
                    let q = if c == '"' { "\"\"\"" } else { "'''" };
                    let rest: String = chars[i..].iter().collect();
                    match rest.find(q) {
                        Some(end) => i += rest[..end].chars().count() + 3,
                        None => {
                            i = chars.len();
                            open = Some(q);
                        }
                    }
                } else {
                    i += 1;
                    while i < chars.len() && chars[i] != c {
                        i += if chars[i] == '\\' { 2 } else { 1 };
                    }
                    i = (i + 1).min(chars.len());
                }
                push(&mut spans, Kind::Str, chars[start..i].iter().collect());
                continue;
            }
            if c == '@' && spans.iter().all(|(_, t)| t.trim().is_empty()) {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                    i += 1;
                }
                push(&mut spans, Kind::Decorator, chars[start..i].iter().collect());
                continue;
            }
            if c.is_ascii_digit() {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                    i += 1;
                }
                push(&mut spans, Kind::Number, chars[start..i].iter().collect());
                continue;
            }
            if c.is_alphabetic() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                // A string prefix: r"…", b'…', f"…"
                if matches!(chars.get(i), Some('"') | Some('\''))
                    && word.len() <= 2
                    && word.chars().all(|c| "rbfuRBFU".contains(c))
                {
                    push(&mut spans, Kind::Str, word);
                    continue;
                }
                let kind = if after_def {
                    after_def = false;
                    Kind::Name
                } else if KEYWORDS.contains(&word.as_str()) {
                    after_def = word == "def" || word == "class";
                    Kind::Keyword
                } else if BUILTINS.contains(&word.as_str()) {
                    Kind::Builtin
                } else {
                    Kind::Plain
                };
                push(&mut spans, kind, word);
                continue;
            }
            push(&mut spans, Kind::Plain, c.to_string());
            i += 1;
        }
        lines.push(spans);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(Kind, String)> {
        highlight(line).remove(0).into_iter().filter(|(_, t)| !t.trim().is_empty()).collect()
    }

    #[test]
    fn classifies_the_usual_tokens() {
        let k = kinds("def f(x):  # hi");
        assert_eq!(k[0], (Kind::Keyword, "def".into()));
        assert_eq!(k[1], (Kind::Name, "f".into()));
        assert_eq!(k.last().unwrap(), &(Kind::Comment, "# hi".into()));
        let k = kinds("print('a#b', 12, None)");
        assert_eq!(k[0], (Kind::Builtin, "print".into()));
        assert!(k.contains(&(Kind::Str, "'a#b'".into())));
        assert!(k.contains(&(Kind::Number, "12".into())));
        assert!(k.contains(&(Kind::Keyword, "None".into())));
        assert_eq!(kinds("@profile")[0], (Kind::Decorator, "@profile".into()));
    }

    #[test]
    fn every_character_is_kept_and_triple_quotes_span_lines() {
        let src = "s = \"\"\"one\ntwo\"\"\" + 'x'\nb'\\x00'\n";
        let lines = highlight(src);
        let back: Vec<String> = lines.iter().map(|l| l.iter().map(|(_, t)| t.as_str()).collect()).collect();
        assert_eq!(back.join("\n"), src);
        assert_eq!(lines[1][0], (Kind::Str, "two\"\"\"".into()));
    }
}
