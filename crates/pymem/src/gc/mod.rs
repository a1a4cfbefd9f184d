//! gc (work in progress).
