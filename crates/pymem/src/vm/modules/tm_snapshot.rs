//! tracemalloc's snapshot classes (Lib/tracemalloc.py): `take_snapshot()`,
//! `Snapshot.statistics` / `compare_to` / `filter_traces` / `traces`,
//! `Statistic`, `StatisticDiff`, `Traceback`, `Frame`, `Trace`, `Filter`,
//! `DomainFilter`, and `get_object_traceback`.
//!
//! A snapshot copies the live traces (requested size and line of every
//! block traced since `start()`, domain 0, one frame: the run's file) in
//! address order. Grouping and sorting follow tracemalloc.py exactly:
//! statistics sort by (size, count, traceback) descending, diffs by
//! (|size_diff|, size, |count_diff|, count, traceback) descending, and
//! `str()` formats sizes with `_format_size`. The Python objects hold
//! plain data (no references), created when an attribute is read; their
//! sizes are those of the Python classes' instances, without the 3.11
//! values arrays or the tuples CPython builds inside `_get_traces()`.

use std::rc::Rc;

use crate::heap::Payload;
use crate::ids::ObjectId;
use crate::vm::builtins::Args;
use crate::vm::modules::ext::Ext;
use crate::vm::modules::ModuleFn;
use crate::vm::types::Builtin;
use crate::vm::{Vm, R};

/// One trace of a snapshot (domain 0, one frame in the run's file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraceRec {
    pub size: u64,
    pub line: u32,
}

/// A frame: (filename, lineno).
pub type FrameKey = (Rc<str>, u32);

#[derive(Clone, Debug)]
pub enum TmObject {
    Snapshot { traces: Rc<Vec<TraceRec>>, filename: Rc<str>, limit: i64 },
    Traces { traces: Rc<Vec<TraceRec>>, filename: Rc<str> },
    Trace { size: u64, frame: FrameKey },
    Statistic { frame: FrameKey, size: u64, count: u64 },
    StatisticDiff { frame: FrameKey, size: u64, size_diff: i64, count: u64, count_diff: i64 },
    /// Frames oldest first; `total_nframe` is None for grouped tracebacks.
    Traceback { frames: Vec<FrameKey>, total_nframe: Option<u32> },
    Frame { frame: FrameKey },
    Filter { inclusive: bool, pattern: Rc<str>, lineno: Option<i64>, all_frames: bool, domain: Option<i64> },
    DomainFilter { inclusive: bool, domain: i64 },
}

/// tracemalloc.py's `_format_size`.
pub fn format_size(size: f64, sign: bool) -> String {
    let mut size = size;
    for unit in ["B", "KiB", "MiB", "GiB", "TiB"] {
        if size.abs() < 100.0 && unit != "B" {
            return if sign { format!("{size:+.1} {unit}") } else { format!("{size:.1} {unit}") };
        }
        if size.abs() < 10.0 * 1024.0 || unit == "TiB" {
            return if sign { format!("{size:+.0} {unit}") } else { format!("{size:.0} {unit}") };
        }
        size /= 1024.0;
    }
    unreachable!("TiB always formats")
}

/// `fnmatch.fnmatch` on POSIX (case-sensitive): `*`, `?`, `[seq]`, `[!seq]`.
pub fn fnmatch(name: &str, pattern: &str) -> bool {
    fn go(n: &[char], p: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('*') => (0..=n.len()).any(|k| go(&n[k..], &p[1..])),
            Some('?') => !n.is_empty() && go(&n[1..], &p[1..]),
            Some('[') => {
                let Some(close) = p.iter().skip(2).position(|&c| c == ']').map(|i| i + 2) else {
                    return n.first() == Some(&'[') && go(&n[1..], &p[1..]);
                };
                let Some(&c) = n.first() else { return false };
                let (neg, set) = match p[1] {
                    '!' => (true, &p[2..close]),
                    _ => (false, &p[1..close]),
                };
                let mut hit = false;
                let mut i = 0;
                while i < set.len() {
                    if i + 2 < set.len() && set[i + 1] == '-' {
                        hit |= set[i] <= c && c <= set[i + 2];
                        i += 3;
                    } else {
                        hit |= set[i] == c;
                        i += 1;
                    }
                }
                hit != neg && go(&n[1..], &p[close + 1..])
            }
            Some(&c) => n.first() == Some(&c) && go(&n[1..], &p[1..]),
        }
    }
    let n: Vec<char> = name.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    go(&n, &p)
}

/// `_normalize_filename`: a `.pyc` pattern names its `.py`.
fn normalize_filename(f: &str) -> Rc<str> {
    f.strip_suffix(".pyc").map(|s| format!("{s}.py")).unwrap_or_else(|| f.to_string()).into()
}

/// Grouped statistics: (frame, size, count) in first-appearance order.
fn group_by(traces: &[TraceRec], filename: &Rc<str>, by_file: bool) -> Vec<(FrameKey, u64, u64)> {
    let mut out: Vec<(FrameKey, u64, u64)> = Vec::new();
    let mut index: std::collections::HashMap<u32, usize> = std::collections::HashMap::new();
    for t in traces {
        let line = if by_file { 0 } else { t.line };
        match index.get(&line) {
            Some(&i) => {
                out[i].1 += t.size;
                out[i].2 += 1;
            }
            None => {
                index.insert(line, out.len());
                out.push(((filename.clone(), line), t.size, 1));
            }
        }
    }
    out
}

fn frame_repr(f: &FrameKey) -> String {
    format!("<Frame filename={} lineno={}>", crate::vm::repr::str_repr(&f.0), f.1)
}

fn traceback_repr(frames: &[FrameKey], total: Option<u32>) -> String {
    let inner: Vec<String> = frames.iter().map(frame_repr).collect();
    let tuple = if inner.len() == 1 { format!("({},)", inner[0]) } else { format!("({})", inner.join(", ")) };
    match total {
        Some(n) => format!("<Traceback {tuple} total_nframe={n}>"),
        None => format!("<Traceback {tuple}>"),
    }
}

impl Vm {
    fn tm(&self, id: ObjectId) -> Option<&TmObject> {
        match self.ext(id) {
            Some(Ext::Tm(t)) => Some(t),
            _ => None,
        }
    }

    fn new_tm(&mut self, x: TmObject) -> R<ObjectId> {
        let (ty, size) = match &x {
            TmObject::Snapshot { .. } => (Builtin::TmSnapshot, 56),
            TmObject::Traces { .. } => (Builtin::TmTraces, 56),
            TmObject::Trace { .. } => (Builtin::TmTrace, 40),
            TmObject::Statistic { .. } => (Builtin::TmStatistic, 56),
            TmObject::StatisticDiff { .. } => (Builtin::TmStatisticDiff, 72),
            TmObject::Traceback { .. } => (Builtin::TmTraceback, 48),
            TmObject::Frame { .. } => (Builtin::TmFrame, 40),
            TmObject::Filter { .. } => (Builtin::TmFilter, 56),
            TmObject::DomainFilter { .. } => (Builtin::TmDomainFilter, 56),
        };
        self.new_ext(ty, Ext::Tm(x), size)
    }

    pub(super) fn init_tracemalloc_module(&mut self, dict: ObjectId) -> R<()> {
        for (name, b) in [
            ("Snapshot", Builtin::TmSnapshot),
            ("Statistic", Builtin::TmStatistic),
            ("StatisticDiff", Builtin::TmStatisticDiff),
            ("Traceback", Builtin::TmTraceback),
            ("Frame", Builtin::TmFrame),
            ("Trace", Builtin::TmTrace),
            ("Filter", Builtin::TmFilter),
            ("DomainFilter", Builtin::TmDomainFilter),
        ] {
            self.module_set(dict, name, b.id())?;
        }
        Ok(())
    }

    /// `tracemalloc.take_snapshot()`.
    pub(super) fn take_snapshot(&mut self) -> R<ObjectId> {
        if !self.heap.tracemalloc.tracing {
            return Err(self.error("RuntimeError", "the tracemalloc module must be tracing memory allocations to take a snapshot"));
        }
        let mut traces: Vec<(u64, TraceRec)> = self
            .heap
            .tracemalloc
            .traces
            .iter()
            .map(|(&addr, &(size, line))| (addr, TraceRec { size: size as u64, line }))
            .collect();
        traces.sort_unstable_by_key(|t| t.0);
        let traces = Rc::new(traces.into_iter().map(|t| t.1).collect());
        let filename: Rc<str> = self.config.filename.as_str().into();
        let limit = self.ext_state.tm_traceback_limit as i64;
        self.new_tm(TmObject::Snapshot { traces, filename, limit })
    }

    /// `tracemalloc.get_object_traceback(obj)`.
    pub(super) fn get_object_traceback(&mut self, obj: ObjectId) -> R<ObjectId> {
        let addr = self.heap.get(obj).addr;
        match self.heap.tracemalloc.traces.get(&addr) {
            Some(&(_, line)) if self.heap.tracemalloc.tracing => {
                let f: Rc<str> = self.config.filename.as_str().into();
                self.new_tm(TmObject::Traceback { frames: vec![(f, line)], total_nframe: Some(1) })
            }
            _ => Ok(self.none_ref()),
        }
    }

    /// `Filter(...)` and `DomainFilter(...)`.
    pub(crate) fn construct_tm(&mut self, b: Builtin, a: &Args) -> R<ObjectId> {
        let arg = |i: usize, name: &str| a.pos.get(i).copied().or_else(|| a.kw(name));
        // Python's message for missing positional parameters.
        let missing = |vm: &mut Vm, cls: &str, names: &[&str]| {
            let absent: Vec<String> = names.iter().enumerate().filter(|(i, n)| arg(*i, n).is_none()).map(|(_, n)| format!("'{n}'")).collect();
            let list = match absent.len() {
                1 => absent[0].clone(),
                _ => format!("{} and {}", absent[..absent.len() - 1].join(", "), absent[absent.len() - 1]),
            };
            let plural = if absent.len() == 1 { "argument" } else { "arguments" };
            vm.error("TypeError", &format!("{cls}.__init__() missing {} required positional {plural}: {list}", absent.len()))
        };
        match b {
            Builtin::TmFilter => {
                let (Some(inc), Some(pat)) = (arg(0, "inclusive"), arg(1, "filename_pattern")) else {
                    return Err(missing(self, "Filter", &["inclusive", "filename_pattern"]));
                };
                let inclusive = self.truthy(inc)?;
                let pattern = match self.heap.payload(pat) {
                    Payload::Str(s) => normalize_filename(s),
                    _ => {
                        let t = self.type_name(pat);
                        return Err(self.error("TypeError", &format!("expected str, bytes or os.PathLike object, not {t}")));
                    }
                };
                let opt_int = |vm: &mut Vm, v: Option<ObjectId>| v.filter(|&v| v != vm.wk.none).and_then(|v| vm.as_i64(v));
                let lineno = opt_int(self, arg(2, "lineno"));
                let all_frames = match arg(3, "all_frames") {
                    Some(v) => self.truthy(v)?,
                    None => false,
                };
                let domain = opt_int(self, arg(4, "domain"));
                self.new_tm(TmObject::Filter { inclusive, pattern, lineno, all_frames, domain })
            }
            Builtin::TmDomainFilter => {
                let (Some(inc), Some(dom)) = (arg(0, "inclusive"), arg(1, "domain")) else {
                    return Err(missing(self, "DomainFilter", &["inclusive", "domain"]));
                };
                let inclusive = self.truthy(inc)?;
                let domain = self.as_i64(dom).unwrap_or(0);
                self.new_tm(TmObject::DomainFilter { inclusive, domain })
            }
            _ => {
                let n = b.name().rsplit('.').next().unwrap_or("object");
                Err(self.unsupported(&format!("creating tracemalloc.{n} objects directly")))
            }
        }
    }

    fn snapshot_parts(&self, s: ObjectId) -> Option<(Rc<Vec<TraceRec>>, Rc<str>, i64)> {
        match self.tm(s)? {
            TmObject::Snapshot { traces, filename, limit } => Some((traces.clone(), filename.clone(), *limit)),
            _ => None,
        }
    }

    fn key_type(&mut self, v: Option<ObjectId>, cumulative: bool) -> R<bool> {
        let k = match v.map(|v| self.heap.payload(v)) {
            Some(Payload::Str(s)) => s.to_string(),
            _ => {
                let r = match v {
                    Some(v) => self.repr(v)?,
                    None => "None".into(),
                };
                return Err(self.error("ValueError", &format!("unknown key_type: {r}")));
            }
        };
        match k.as_str() {
            "lineno" => Ok(false),
            "filename" => Ok(true),
            "traceback" if cumulative => {
                Err(self.error("ValueError", "cumulative mode cannot by used with key type 'traceback'"))
            }
            "traceback" => Ok(false),
            _ => {
                let r = crate::vm::repr::str_repr(&k);
                Err(self.error("ValueError", &format!("unknown key_type: {r}")))
            }
        }
    }

    fn new_tm_list(&mut self, items: Vec<TmObject>) -> R<ObjectId> {
        let mut objs = Vec::with_capacity(items.len());
        for x in items {
            match self.new_tm(x) {
                Ok(o) => objs.push(o),
                Err(e) => {
                    objs.into_iter().for_each(|o| self.decref(o));
                    return Err(e);
                }
            }
        }
        let n = objs.len();
        self.new_list(objs, n)
    }

    /// Methods of Snapshot and Traceback (`a.pos[0]` is the object).
    pub(super) fn run_tm_method(&mut self, f: ModuleFn, a: &Args) -> R<ObjectId> {
        use ModuleFn::*;
        let this = a.pos[0];
        let args = &a.pos[1..];
        let arg = |i: usize, name: &str| args.get(i).copied().or_else(|| a.kw(name));
        if f == TmTracebackFormat {
            let Some(TmObject::Traceback { frames, .. }) = self.tm(this).cloned() else {
                return Err(self.error("TypeError", "descriptor 'format' requires a 'Traceback' object"));
            };
            let limit = arg(0, "limit").filter(|&v| v != self.wk.none).and_then(|v| self.as_i64(v));
            let most_recent_first = match arg(1, "most_recent_first") {
                Some(v) => self.truthy(v)?,
                None => false,
            };
            let n = frames.len() as i64;
            let mut picked: Vec<FrameKey> = match limit {
                Some(l) if l > 0 => frames[(n - l).max(0) as usize..].to_vec(),
                Some(l) => frames[..(n + l).max(0) as usize].to_vec(),
                None => frames,
            };
            if most_recent_first {
                picked.reverse();
            }
            let mut lines = Vec::new();
            for (file, line) in picked {
                lines.push(format!("  File \"{file}\", line {line}"));
                let text = self.source.lines().nth(line.saturating_sub(1) as usize).unwrap_or("").trim().to_string();
                if line > 0 && !text.is_empty() {
                    lines.push(format!("    {text}"));
                }
            }
            let mut objs = Vec::with_capacity(lines.len());
            for l in lines {
                objs.push(self.new_str(&l)?);
            }
            let n = objs.len();
            return self.new_list(objs, n);
        }
        let Some((traces, filename, limit)) = self.snapshot_parts(this) else {
            let t = self.type_name(this);
            return Err(self.error("TypeError", &format!("descriptor '{}' requires a 'Snapshot' object but received a '{t}'", f.name())));
        };
        match f {
            TmSnapStatistics => {
                let cumulative = match arg(1, "cumulative") {
                    Some(v) => self.truthy(v)?,
                    None => false,
                };
                let by_file = self.key_type(arg(0, "key_type"), cumulative)?;
                let mut stats = group_by(&traces, &filename, by_file);
                // (size, count, traceback), largest first.
                stats.sort_by(|a, b| (b.1, b.2, &b.0).cmp(&(a.1, a.2, &a.0)));
                let items = stats.into_iter().map(|(frame, size, count)| TmObject::Statistic { frame, size, count }).collect();
                self.new_tm_list(items)
            }
            TmSnapCompareTo => {
                let old = arg(0, "old_snapshot");
                let Some((old_traces, old_file, _)) = old.and_then(|o| self.snapshot_parts(o)) else {
                    return Err(self.error("AttributeError", "'NoneType' object has no attribute '_group_by'"));
                };
                let cumulative = match arg(2, "cumulative") {
                    Some(v) => self.truthy(v)?,
                    None => false,
                };
                let by_file = self.key_type(arg(1, "key_type"), cumulative)?;
                let new_group = group_by(&traces, &filename, by_file);
                let mut old_group = group_by(&old_traces, &old_file, by_file);
                let mut diffs: Vec<(FrameKey, u64, i64, u64, i64)> = Vec::new();
                for (frame, size, count) in new_group {
                    match old_group.iter().position(|o| o.0 == frame) {
                        Some(i) => {
                            let (_, osize, ocount) = old_group.remove(i);
                            diffs.push((frame, size, size as i64 - osize as i64, count, count as i64 - ocount as i64));
                        }
                        None => diffs.push((frame, size, size as i64, count, count as i64)),
                    }
                }
                for (frame, size, count) in old_group {
                    diffs.push((frame, 0, -(size as i64), 0, -(count as i64)));
                }
                diffs.sort_by(|a, b| {
                    (b.2.unsigned_abs(), b.1, b.4.unsigned_abs(), b.3, &b.0).cmp(&(a.2.unsigned_abs(), a.1, a.4.unsigned_abs(), a.3, &a.0))
                });
                let items = diffs
                    .into_iter()
                    .map(|(frame, size, size_diff, count, count_diff)| TmObject::StatisticDiff { frame, size, size_diff, count, count_diff })
                    .collect();
                self.new_tm_list(items)
            }
            TmSnapFilterTraces => {
                let Some(filters) = arg(0, "filters") else {
                    return Err(self.error("TypeError", "Snapshot.filter_traces() missing 1 required positional argument: 'filters'"));
                };
                let fs = match self.collect_iterable(filters) {
                    Ok(v) => v,
                    Err(crate::vm::Unwind::Exc(e)) if self.is_instance_of_name(e, "TypeError") => {
                        self.decref(e);
                        let t = self.type_name(filters);
                        return Err(self.error("TypeError", &format!("filters must be a list of filters, not {t}")));
                    }
                    Err(e) => return Err(e),
                };
                let mut parsed = Vec::with_capacity(fs.len());
                let mut bad = None;
                for &x in &fs {
                    match self.tm(x) {
                        Some(t @ (TmObject::Filter { .. } | TmObject::DomainFilter { .. })) => parsed.push(t.clone()),
                        _ => bad = bad.or(Some(x)),
                    }
                }
                let bad_type = bad.map(|b| self.type_name(b));
                fs.into_iter().for_each(|x| self.decref(x));
                if let Some(t) = bad_type {
                    return Err(self.error("AttributeError", &format!("'{t}' object has no attribute 'inclusive'")));
                }
                let matches = |flt: &TmObject, t: &TraceRec| -> bool {
                    match flt {
                        TmObject::Filter { inclusive, pattern, lineno, domain, .. } => {
                            let frame_ok = fnmatch(&normalize_filename(&filename), pattern) && lineno.is_none_or(|l| l == t.line as i64);
                            let res = frame_ok == *inclusive;
                            match domain {
                                Some(d) if *inclusive => res && *d == 0,
                                Some(d) => res || *d != 0,
                                None => res,
                            }
                        }
                        TmObject::DomainFilter { inclusive, domain } => (*domain == 0) == *inclusive,
                        _ => true,
                    }
                };
                let inclusive = |flt: &TmObject| matches!(flt, TmObject::Filter { inclusive: true, .. } | TmObject::DomainFilter { inclusive: true, .. });
                let (inc, exc): (Vec<&TmObject>, Vec<&TmObject>) = parsed.iter().partition(|f| inclusive(f));
                let kept: Vec<TraceRec> = traces
                    .iter()
                    .filter(|t| (inc.is_empty() || inc.iter().any(|f| matches(f, t))) && exc.iter().all(|f| matches(f, t)))
                    .copied()
                    .collect();
                self.new_tm(TmObject::Snapshot { traces: Rc::new(kept), filename, limit })
            }
            TmSnapDump => Err(self.unsupported("writing files (Snapshot.dump)")),
            _ => unreachable!("not a tracemalloc method"),
        }
    }

    /// Attributes of the tracemalloc objects.
    pub(crate) fn tm_getattr(&mut self, obj: ObjectId, name: &str) -> R<Option<ObjectId>> {
        let Some(t) = self.tm(obj).cloned() else { return Ok(None) };
        let traceback = |vm: &mut Vm, frame: FrameKey, total: Option<u32>| vm.new_tm(TmObject::Traceback { frames: vec![frame], total_nframe: total }).map(Some);
        match (t, name) {
            (TmObject::Snapshot { traces, filename, .. }, "traces") => self.new_tm(TmObject::Traces { traces, filename }).map(Some),
            (TmObject::Snapshot { limit, .. }, "traceback_limit") => self.new_int(limit).map(Some),
            (TmObject::Trace { .. }, "domain") => self.new_int(0).map(Some),
            (TmObject::Trace { size, .. }, "size") => self.new_bigint(size.into()).map(Some),
            (TmObject::Trace { frame, .. }, "traceback") => traceback(self, frame, Some(1)),
            (TmObject::Statistic { frame, .. } | TmObject::StatisticDiff { frame, .. }, "traceback") => traceback(self, frame, None),
            (TmObject::Statistic { size, .. } | TmObject::StatisticDiff { size, .. }, "size") => self.new_bigint(size.into()).map(Some),
            (TmObject::Statistic { count, .. } | TmObject::StatisticDiff { count, .. }, "count") => self.new_bigint(count.into()).map(Some),
            (TmObject::StatisticDiff { size_diff, .. }, "size_diff") => self.new_int(size_diff).map(Some),
            (TmObject::StatisticDiff { count_diff, .. }, "count_diff") => self.new_int(count_diff).map(Some),
            (TmObject::Traceback { total_nframe, .. }, "total_nframe") => match total_nframe {
                Some(n) => self.new_int(n as i64).map(Some),
                None => Ok(Some(self.none_ref())),
            },
            (TmObject::Frame { frame }, "filename") => self.new_str(&frame.0).map(Some),
            (TmObject::Frame { frame }, "lineno") => self.new_int(frame.1 as i64).map(Some),
            (TmObject::Filter { inclusive, .. } | TmObject::DomainFilter { inclusive, .. }, "inclusive") => Ok(Some(self.bool_ref(inclusive))),
            (TmObject::Filter { pattern, .. }, "filename_pattern") => self.new_str(&pattern).map(Some),
            (TmObject::Filter { lineno, .. }, "lineno") | (TmObject::Filter { domain: lineno, .. }, "domain") => match lineno {
                Some(n) => self.new_int(n).map(Some),
                None => Ok(Some(self.none_ref())),
            },
            (TmObject::Filter { all_frames, .. }, "all_frames") => Ok(Some(self.bool_ref(all_frames))),
            (TmObject::DomainFilter { domain, .. }, "domain") => self.new_int(domain).map(Some),
            _ => Ok(None),
        }
    }

    /// `len()` of `_Traces` and `Traceback`.
    pub(crate) fn tm_len(&self, obj: ObjectId) -> Option<usize> {
        match self.tm(obj)? {
            TmObject::Traces { traces, .. } => Some(traces.len()),
            TmObject::Traceback { frames, .. } => Some(frames.len()),
            _ => None,
        }
    }

    /// The `i`th item of `_Traces` (a Trace) or `Traceback` (a Frame).
    fn tm_item(&self, obj: ObjectId, i: usize) -> Option<TmObject> {
        match self.tm(obj)? {
            TmObject::Traces { traces, filename } => {
                traces.get(i).map(|t| TmObject::Trace { size: t.size, frame: (filename.clone(), t.line) })
            }
            TmObject::Traceback { frames, .. } => frames.get(i).map(|f| TmObject::Frame { frame: f.clone() }),
            _ => None,
        }
    }

    pub(crate) fn tm_getitem(&mut self, obj: ObjectId, key: ObjectId) -> R<Option<ObjectId>> {
        let Some(n) = self.tm_len(obj) else { return Ok(None) };
        let what = if matches!(self.tm(obj), Some(TmObject::Traces { .. })) { "list" } else { "tuple" };
        if self.is_slice(key) {
            let span = self.slice_span(key, n)?;
            let mut objs = Vec::with_capacity(span.len);
            for i in span.indices().collect::<Vec<_>>() {
                if let Some(x) = self.tm_item(obj, i) {
                    objs.push(self.new_tm(x)?);
                }
            }
            return self.new_tuple(objs).map(Some);
        }
        let Some(i) = self.as_i64(key).filter(|_| self.is_int(key)) else {
            let t = self.type_name(key);
            return Err(self.error("TypeError", &format!("{what} indices must be integers or slices, not {t}")));
        };
        let j = if i < 0 { i + n as i64 } else { i };
        match (j >= 0).then(|| self.tm_item(obj, j as usize)).flatten() {
            Some(x) => self.new_tm(x).map(Some),
            None => Err(self.error("IndexError", &format!("{what} index out of range"))),
        }
    }

    /// Iterating a `_Traces` or `Traceback`: over a list of its items.
    pub(crate) fn tm_iter(&mut self, obj: ObjectId) -> R<Option<ObjectId>> {
        let Some(n) = self.tm_len(obj) else { return Ok(None) };
        let items: Vec<TmObject> = (0..n).filter_map(|i| self.tm_item(obj, i)).collect();
        let list = self.new_tm_list(items)?;
        let it = self.get_iter(list);
        self.decref(list);
        it.map(Some)
    }

    pub(crate) fn tm_repr(&mut self, obj: ObjectId) -> R<String> {
        let addr = self.id_of(obj);
        let t = self.tm(obj).cloned().expect("a tracemalloc object");
        Ok(match t {
            TmObject::Statistic { frame, size, count } => {
                format!("<Statistic traceback={} size={size} count={count}>", traceback_repr(&[frame], None))
            }
            TmObject::StatisticDiff { frame, size, size_diff, count, count_diff } => format!(
                "<StatisticDiff traceback={} size={size} ({size_diff:+}) count={count} ({count_diff:+})>",
                traceback_repr(&[frame], None)
            ),
            TmObject::Trace { size, frame } => format!(
                "<Trace domain=0 size={}, traceback={}>",
                format_size(size as f64, false),
                traceback_repr(&[frame], Some(1))
            ),
            TmObject::Traceback { frames, total_nframe } => traceback_repr(&frames, total_nframe),
            TmObject::Frame { frame } => frame_repr(&frame),
            TmObject::Traces { traces, .. } => format!("<Traces len={}>", traces.len()),
            _ => {
                let name = self.type_name(obj);
                format!("<tracemalloc.{name} object at {addr:#x}>")
            }
        })
    }

    pub(crate) fn tm_str(&mut self, obj: ObjectId) -> R<String> {
        let t = self.tm(obj).cloned().expect("a tracemalloc object");
        let average = |size: u64, count: u64| {
            if count > 0 {
                format!(", average={}", format_size(size as f64 / count as f64, false))
            } else {
                String::new()
            }
        };
        Ok(match t {
            TmObject::Statistic { frame, size, count } => format!(
                "{}:{}: size={}, count={count}{}",
                frame.0,
                frame.1,
                format_size(size as f64, false),
                average(size, count)
            ),
            TmObject::StatisticDiff { frame, size, size_diff, count, count_diff } => format!(
                "{}:{}: size={} ({}), count={count} ({count_diff:+}){}",
                frame.0,
                frame.1,
                format_size(size as f64, false),
                format_size(size_diff as f64, true),
                average(size, count)
            ),
            TmObject::Trace { size, frame } => format!("{}:{}: {}", frame.0, frame.1, format_size(size as f64, false)),
            TmObject::Traceback { frames, .. } => match frames.first() {
                Some(f) => format!("{}:{}", f.0, f.1),
                None => return Err(self.error("IndexError", "tuple index out of range")),
            },
            TmObject::Frame { frame } => format!("{}:{}", frame.0, frame.1),
            _ => return self.tm_repr(obj),
        })
    }

    /// Value equality and ordering of frames, tracebacks and statistics
    /// (None when `a` or `b` is not a tracemalloc object).
    pub(crate) fn tm_compare(&self, a: ObjectId, b: ObjectId, op: crate::bytecode::CmpOp) -> Option<bool> {
        use crate::bytecode::CmpOp;
        let key = |t: &TmObject| -> Option<(u8, Vec<FrameKey>, [i64; 4])> {
            Some(match t {
                TmObject::Frame { frame } => (0, vec![frame.clone()], [0; 4]),
                TmObject::Traceback { frames, .. } => (1, frames.clone(), [0; 4]),
                TmObject::Statistic { frame, size, count } => (2, vec![frame.clone()], [*size as i64, *count as i64, 0, 0]),
                TmObject::StatisticDiff { frame, size, size_diff, count, count_diff } => {
                    (3, vec![frame.clone()], [*size as i64, *size_diff, *count as i64, *count_diff])
                }
                TmObject::Trace { size, frame } => (4, vec![frame.clone()], [*size as i64, 0, 0, 0]),
                _ => return None,
            })
        };
        let (x, y) = (key(self.tm(a)?)?, key(self.tm(b)?)?);
        if x.0 != y.0 {
            return matches!(op, CmpOp::Eq | CmpOp::Ne).then_some(op == CmpOp::Ne);
        }
        let ord = (&x.1, x.2).cmp(&(&y.1, y.2));
        Some(match op {
            CmpOp::Eq => ord.is_eq(),
            CmpOp::Ne => ord.is_ne(),
            CmpOp::Lt => ord.is_lt(),
            CmpOp::Le => ord.is_le(),
            CmpOp::Gt => ord.is_gt(),
            CmpOp::Ge => ord.is_ge(),
        })
    }

    /// `hash()` of the hashable tracemalloc objects.
    pub(crate) fn tm_hash(&self, obj: ObjectId) -> Option<i64> {
        use std::hash::{Hash, Hasher};
        let t = self.tm(obj)?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        match t {
            TmObject::Frame { frame } => frame.hash(&mut h),
            TmObject::Traceback { frames, .. } => frames.hash(&mut h),
            TmObject::Statistic { frame, size, count } => (frame, size, count).hash(&mut h),
            TmObject::StatisticDiff { frame, size, size_diff, count, count_diff } => (frame, size, size_diff, count, count_diff).hash(&mut h),
            TmObject::Trace { size, frame } => (size, frame).hash(&mut h),
            _ => return None,
        }
        let v = h.finish() as i64;
        Some(if v == -1 { -2 } else { v })
    }
}

#[cfg(test)]
mod tests {
    use super::{fnmatch, format_size};

    #[test]
    fn format_size_matches_tracemalloc_py() {
        assert_eq!(format_size(104564.0, false), "102 KiB");
        assert_eq!(format_size(104564.0 / 102.0, false), "1025 B");
        assert_eq!(format_size(99.0, false), "99 B");
        assert_eq!(format_size(10240.0, false), "10.0 KiB");
        assert_eq!(format_size(40440448.0, false), "38.6 MiB");
        assert_eq!(format_size(-2048.0, true), "-2048 B");
        assert_eq!(format_size(0.0, true), "+0 B");
    }

    #[test]
    fn fnmatch_globs() {
        assert!(fnmatch("a/b.py", "a/b.py"));
        assert!(fnmatch("a/b.py", "*.py"));
        assert!(fnmatch("a/b.py", "a/?.py"));
        assert!(fnmatch("a/b.py", "a/[abc].py"));
        assert!(!fnmatch("a/b.py", "a/[!b].py"));
        assert!(!fnmatch("a/b.py", "*.pyc"));
    }
}
