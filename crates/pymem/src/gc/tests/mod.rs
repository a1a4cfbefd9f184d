//! Tests of the collector on hand-built object graphs. Each reproduces a
//! fact from CPython 3.11.7 (a conformance program c14–c22, c27–c29 in the
//! shared conformance seed, or a measurement noted in the test) with the mock
//! heap of `mock.rs`; the expected numbers are CPython's.

mod algorithm;
mod counts;
mod cycles;
mod mock;
mod tracking;
