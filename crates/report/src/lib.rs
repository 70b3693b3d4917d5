//! report crate of fazhi: indicators, the annual report and report review (审读).
pub mod annual;
pub mod review;
