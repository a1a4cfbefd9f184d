//! A compact text dump of a [`Program`], for tests and debugging.
