//! pymalloc (work in progress).
