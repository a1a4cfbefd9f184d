//! layout (work in progress).
