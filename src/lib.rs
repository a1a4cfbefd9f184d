//! PyMem Lab app (work in progress).
