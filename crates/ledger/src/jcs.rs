//! JSON Canonicalization Scheme (RFC 8785) over [`serde_json::Value`].
//!
//! The canonical form is what the ledger hashes, so it must be byte-for-byte stable across
//! versions of serde_json and across languages (a verifier written in JavaScript or Python must
//! get the same bytes). Hence our own implementation rather than `Value::to_string`:
//!
//! - object members are sorted by the UTF-16 code units of their names (RFC 8785 §3.2.3), not
//!   by UTF-8 bytes, which differ for characters above U+FFFF against U+E000..U+FFFF;
//! - numbers are written as ECMAScript's `Number.prototype.toString` writes an IEEE 754 double
//!   (RFC 8785 §3.2.2.3): `1e+30`, `0.002`, `4.5`, `-0` as `0`;
//! - strings escape only `"`, `\` and U+0000..U+001F, with the short forms `\b \t \n \f \r` and
//!   lowercase `\u00xx` otherwise (RFC 8785 §3.2.2.2); everything else is literal UTF-8;
//! - no white space.
//!
//! Integers that an IEEE 754 double cannot hold exactly (beyond ±2^53 and not a multiple of a
//! power of two that fits) are refused rather than silently rounded: I-JSON (RFC 7493) says
//! such values belong in strings.

use serde_json::{Map, Number, Value};

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JcsError {
    /// An integer that an IEEE 754 double cannot represent exactly; put it in a string.
    #[error("integer {0} is not exactly representable as an IEEE 754 double")]
    InexactInteger(String),
    /// NaN or an infinity (serde_json cannot normally produce these).
    #[error("number is not finite")]
    NonFinite,
}

/// The canonical text of `value` (RFC 8785).
pub fn canonicalize(value: &Value) -> Result<String, JcsError> {
    let mut out = String::new();
    write_value(&mut out, value)?;
    Ok(out)
}

/// The canonical UTF-8 bytes of `value` (RFC 8785).
pub fn canonical_bytes(value: &Value) -> Result<Vec<u8>, JcsError> {
    canonicalize(value).map(String::into_bytes)
}

/// Appends the canonical text of `value` to `out`.
pub(crate) fn write_value(out: &mut String, value: &Value) -> Result<(), JcsError> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => write_number(out, n)?,
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item)?;
            }
            out.push(']');
        }
        Value::Object(map) => write_object(out, map)?,
    }
    Ok(())
}

fn write_object(out: &mut String, map: &Map<String, Value>) -> Result<(), JcsError> {
    let mut members: Vec<(&String, &Value)> = map.iter().collect();
    // RFC 8785 §3.2.3: compare names as arrays of UTF-16 code units. serde_json's map usually
    // hands them over in that order already, so check before sorting.
    if !members.is_sorted_by(|a, b| utf16_cmp(a.0, b.0).is_le()) {
        members.sort_by(|a, b| utf16_cmp(a.0, b.0));
    }
    out.push('{');
    for (i, (name, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, name);
        out.push(':');
        write_value(out, value)?;
    }
    out.push('}');
    Ok(())
}

/// Compares two names as arrays of UTF-16 code units. Without characters beyond U+FFFF (which
/// UTF-8 starts with a byte of 0xF0 or more) that is the order of their UTF-8 bytes, compared
/// without decoding; only names with such characters are re-encoded.
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let supplementary = |s: &str| s.bytes().any(|b| b >= 0xF0);
    if supplementary(a) || supplementary(b) {
        a.encode_utf16().cmp(b.encode_utf16())
    } else {
        a.as_bytes().cmp(b.as_bytes())
    }
}

/// Appends `s` as a canonical JSON string.
pub(crate) fn write_string(out: &mut String, s: &str) {
    out.push('"');
    // Most strings need no escape at all: copy them whole.
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends an integer as a canonical JSON number.
pub(crate) fn write_integer(out: &mut String, i: i64) -> Result<(), JcsError> {
    // I-JSON (RFC 7493 §2.2): integers beyond ±2^53 do not survive a trip through a double,
    // so two different values could share one canonical form. Refuse them.
    if i.unsigned_abs() > MAX_EXACT {
        return Err(JcsError::InexactInteger(i.to_string()));
    }
    // ECMAScript writes an integral double below 10^21 as its plain decimal digits, which is
    // what Rust writes for the integer (2^53 < 10^21; an integer is never -0).
    use std::fmt::Write;
    let _ = write!(out, "{i}");
    Ok(())
}

/// The largest magnitude up to which every integer is exactly a double.
const MAX_EXACT: u64 = 1 << 53;

fn write_number(out: &mut String, n: &Number) -> Result<(), JcsError> {
    let f = if let Some(i) = n.as_i64() {
        return write_integer(out, i);
    } else if let Some(u) = n.as_u64() {
        // Only above i64::MAX, so always beyond 2^53.
        return Err(JcsError::InexactInteger(u.to_string()));
    } else {
        n.as_f64().ok_or(JcsError::NonFinite)?
    };
    out.push_str(&format_es_number(f)?);
    Ok(())
}

/// Formats a double as ECMAScript's `Number::toString(x)` (ECMA-262 §6.1.6.1.20), which is
/// RFC 8785's number format.
pub fn format_es_number(x: f64) -> Result<String, JcsError> {
    if !x.is_finite() {
        return Err(JcsError::NonFinite);
    }
    if x == 0.0 {
        // Both +0 and -0.
        return Ok("0".to_owned());
    }
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    // Rust's `{:e}` prints the shortest digit string that reads back to the same double (and
    // the closest such one), which is the digit string ECMAScript requires; only the layout
    // differs.
    let (digits, n) = shortest_digits(x.abs());
    let k = digits.len() as i32;
    if k <= n && n <= 21 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
    } else if 0 < n && n <= 21 {
        out.push_str(&digits[..n as usize]);
        out.push('.');
        out.push_str(&digits[n as usize..]);
    } else if -6 < n && n <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-n) as usize));
        out.push_str(&digits);
    } else {
        out.push_str(&digits[..1]);
        if k > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if n > 0 { '+' } else { '-' });
        out.push_str(&(n - 1).abs().to_string());
    }
    Ok(out)
}

/// Splits Rust's `{:e}` text into its digit string and exponent.
fn split_sci(sci: &str) -> (String, i32) {
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci, "0"));
    let digits = mantissa.chars().filter(|c| *c != '.').collect();
    (digits, exp.parse().unwrap_or(0))
}

/// The shortest digit string `d1…dk` and ECMAScript's `n` with `x = 0.d1…dk × 10^n`, for
/// finite `x > 0`.
///
/// Rust's `{:e}` already gives the shortest digits that read back to `x`, and the closest of
/// them, but when two candidates are exactly equally close it does not pick the even one as
/// ECMA-262 requires (RFC 8785 Appendix B: `1424953923781206.2`, not `…6.3`). Such a tie needs
/// a neighbour with as many digits that also reads back to `x`; only then do we look at the
/// exact decimal expansion of `x`.
fn shortest_digits(x: f64) -> (String, i32) {
    let (digits, exp) = split_sci(&format!("{x:e}"));
    let k = digits.len();
    let n = exp + 1;
    let Ok(d) = digits.parse::<u64>() else {
        return (digits, n);
    };
    let scale = n - k as i32;
    for neighbour in [d.wrapping_sub(1), d + 1] {
        let text = neighbour.to_string();
        if text.len() != k || format!("{text}e{scale}").parse::<f64>() != Ok(x) {
            continue;
        }
        // Exact expansion of x: a double has at most 767 significant decimal digits.
        let (exact, exact_exp) = split_sci(&format!("{x:.767e}"));
        let exact = exact.trim_end_matches('0');
        let low = d.min(neighbour).to_string();
        if exact_exp == n - 1
            && exact.len() == k + 1
            && exact.starts_with(&low)
            && exact.ends_with('5')
        {
            // A tie: the even candidate wins.
            let even = if d % 2 == 0 { d } else { neighbour };
            return (even.to_string(), n);
        }
    }
    (digits, n)
}
