//! The catalogue of statutory deadlines (STATUTES.md §16) as data, computed by `calendar`.
