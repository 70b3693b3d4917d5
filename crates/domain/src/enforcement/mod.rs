//! Enforcement (行政执法): officers and certificates, powers, penalty and inspection cases under the statutory procedure, disclosure and supervision rules.
