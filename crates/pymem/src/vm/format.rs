//! The format-spec mini-language (`format(v, spec)`, f-strings) and
//! printf-style `%` formatting, for ints, floats and strs.

use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::vm::repr::float_repr;
use crate::vm::{Vm, R};

#[derive(Default, Debug)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn parse(spec: &str) -> Option<Spec> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec::default();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && is_align(chars[0]) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        s.sign = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        s.alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        s.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        s.width = chars[start..i].iter().collect::<String>().parse().ok()?;
    }
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        s.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        s.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
    }
    if i < chars.len() {
        s.ty = Some(chars[i]);
        i += 1;
    }
    (i == chars.len()).then_some(s)
}

fn group(digits: &str, sep: char) -> String {
    let (int, frac) = match digits.find('.') {
        Some(p) => (&digits[..p], &digits[p..]),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out + frac
}

fn pad(body: String, sign: &str, spec: &Spec, default_align: char) -> String {
    let len = body.chars().count() + sign.chars().count();
    if spec.width <= len {
        return format!("{sign}{body}");
    }
    let n = spec.width - len;
    let (fill, align) = if spec.zero && spec.align.is_none() {
        ('0', '=')
    } else {
        (spec.fill.unwrap_or(' '), spec.align.unwrap_or(default_align))
    };
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{sign}{body}{}", f(n)),
        '^' => format!("{}{sign}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{sign}{}{body}", f(n)),
        _ => format!("{}{sign}{body}", f(n)),
    }
}

fn sign_of(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Formats a str with a spec (`s` or no type).
pub fn format_str(vm: &mut Vm, text: &str, spec: &str) -> R<String> {
    let Some(s) = parse(spec) else {
        return Err(vm.error("ValueError", "Invalid format specifier"));
    };
    if !matches!(s.ty, None | Some('s')) {
        return Err(vm.error("ValueError", &format!("Unknown format code '{}' for object of type 'str'", s.ty.unwrap_or(' '))));
    }
    let body: String = match s.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_string(),
    };
    Ok(pad(body, "", &s, '<'))
}

pub fn format_float(v: f64, spec_ty: Option<char>, precision: Option<usize>) -> String {
    match spec_ty {
        Some('f') | Some('F') => format!("{:.*}", precision.unwrap_or(6), v),
        Some('e') | Some('E') => {
            let p = precision.unwrap_or(6);
            let s = format!("{:.*e}", p, v);
            let (m, e) = s.split_once('e').expect("exp");
            let e: i32 = e.parse().expect("int");
            let out = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
            if spec_ty == Some('E') {
                out.to_uppercase()
            } else {
                out
            }
        }
        Some('%') => format!("{:.*}%", precision.unwrap_or(6), v * 100.0),
        Some('g') | Some('G') | None if precision.is_some() => {
            let p = precision.unwrap_or(6).max(1);
            let exp = if v == 0.0 { 0 } else { v.abs().log10().floor() as i32 };
            if exp < -4 || exp >= p as i32 {
                let s = format_float(v, Some('e'), Some(p - 1));
                let (m, e) = s.split_once('e').expect("exp");
                let m = if m.contains('.') { m.trim_end_matches('0').trim_end_matches('.') } else { m };
                format!("{m}e{e}")
            } else {
                let s = format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, v);
                if s.contains('.') {
                    s.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    s
                }
            }
        }
        _ => float_repr(v),
    }
}

/// `format(v, spec)` for builtin values.
pub fn format_builtin(vm: &mut Vm, v: ObjectId, spec: &str) -> R<String> {
    let Some(s) = parse(spec) else {
        return Err(vm.error("ValueError", "Invalid format specifier"));
    };
    match vm.heap.payload(v).clone() {
        Payload::Int(_) | Payload::Bool(_) if !matches!(s.ty, Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) => {
            let big = match vm.heap.payload(v) {
                Payload::Int(i) => crate::vm::ops::big(i),
                Payload::Bool(b) => (*b as i64).into(),
                _ => unreachable!(),
            };
            if s.ty.is_none() && matches!(vm.heap.payload(v), Payload::Bool(_)) && s.width == 0 {
                return vm.str_value(v);
            }
            let negative = big.sign() == num_bigint::Sign::Minus;
            let mag = big.magnitude().clone();
            let mut body = match s.ty {
                None | Some('d') | Some('n') => mag.to_string(),
                Some('x') => format!("{:x}", mag),
                Some('X') => format!("{:X}", mag),
                Some('o') => format!("{:o}", mag),
                Some('b') => format!("{:b}", mag),
                Some('c') => {
                    let c = char::from_u32(mag.to_string().parse().unwrap_or(0)).unwrap_or('?');
                    c.to_string()
                }
                Some(t) => {
                    return Err(vm.error("ValueError", &format!("Unknown format code '{t}' for object of type 'int'")));
                }
            };
            if let Some(g) = s.grouping {
                body = group(&body, g);
            }
            if s.alternate {
                let prefix = match s.ty {
                    Some('x') => "0x",
                    Some('X') => "0X",
                    Some('o') => "0o",
                    Some('b') => "0b",
                    _ => "",
                };
                body = format!("{prefix}{body}");
            }
            Ok(pad(body, sign_of(negative, &s), &s, '>'))
        }
        Payload::Int(_) | Payload::Bool(_) | Payload::Float(_) => {
            let f = match vm.num(v) {
                Some(n) => crate::vm::ops::to_f64(&n),
                None => 0.0,
            };
            let negative = f.is_sign_negative() && f != 0.0 || (f == 0.0 && f.is_sign_negative());
            if !matches!(s.ty, None | Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) {
                let t = s.ty.unwrap_or(' ');
                return Err(vm.error("ValueError", &format!("Unknown format code '{t}' for object of type 'float'")));
            }
            let mut body = format_float(f.abs(), s.ty, s.precision);
            if let Some(g) = s.grouping {
                body = group(&body, g);
            }
            Ok(pad(body, sign_of(negative, &s), &s, '>'))
        }
        Payload::Str(text) => format_str(vm, &text, spec),
        _ => {
            let text = vm.str_value(v)?;
            if s.ty.is_some() {
                let t = vm.type_name(v);
                return Err(vm.error("TypeError", &format!("unsupported format string passed to {t}.__format__")));
            }
            Ok(pad(text, "", &s, '<'))
        }
    }
}

impl Vm {
    /// `fmt % args` (printf-style), for `%s %r %d %i %f %x %%` with widths.
    pub fn percent_format(&mut self, fmt: ObjectId, args: ObjectId) -> R<String> {
        let f = self.str_of(fmt).to_string();
        let values: Vec<ObjectId> = match self.heap.payload(args) {
            Payload::Tuple(t) => t.to_vec(),
            _ => vec![args],
        };
        let mut out = String::new();
        let mut it = values.into_iter();
        let chars: Vec<char> = f.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            let start = i;
            while i < chars.len() && !chars[i].is_ascii_alphabetic() && chars[i] != '%' {
                i += 1;
            }
            let Some(&conv) = chars.get(i) else {
                return Err(self.error("ValueError", "incomplete format"));
            };
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let flags: String = chars[start..i - 1].iter().collect();
            let Some(v) = it.next() else {
                return Err(self.error("TypeError", "not enough arguments for format string"));
            };
            let spec = flags.replace('-', "<");
            let piece = match conv {
                's' => {
                    let t = self.str_value(v)?;
                    format_str(self, &t, &spec)?
                }
                'r' => {
                    let t = self.repr(v)?;
                    format_str(self, &t, &spec)?
                }
                'd' | 'i' => format_builtin(self, v, &format!("{spec}d"))?,
                'f' | 'e' | 'g' | 'x' | 'X' | 'o' => format_builtin(self, v, &format!("{spec}{conv}"))?,
                other => {
                    return Err(self.error(
                        "ValueError",
                        &format!("unsupported format character '{other}' (0x{:x}) at index {}", other as u32, i - 1),
                    ));
                }
            };
            out.push_str(&piece);
        }
        if it.next().is_some() {
            return Err(self.error("TypeError", "not all arguments converted during string formatting"));
        }
        Ok(out)
    }
}

