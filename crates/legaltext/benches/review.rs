//! Benchmark placeholder; filled in once the reviewer exists.

fn main() {}
