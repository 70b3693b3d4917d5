//! The `fazhi` binary.
fn main() {}
