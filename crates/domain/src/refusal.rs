//! Refusals and validation errors: how the domain says "no", always with a reason.

use std::collections::BTreeMap;
use std::fmt;

/// A law and article that a rule enforces, e.g. 《中华人民共和国行政处罚法》第五十八条.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalBasis {
    /// Full title of the law or regulation, without 《》.
    pub law: &'static str,
    /// Article in Chinese, e.g. "第五十八条" or "第六十四条第一款".
    pub article: &'static str,
}

impl fmt::Display for LegalBasis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "《{}》{}", self.law, self.article)
    }
}

/// The domain's "no": a stable ASCII rule code, a Chinese sentence, and the legal basis if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// Stable code with a glossary prefix, e.g. `account.locked`; clients branch on it.
    pub code: &'static str,
    /// The sentence shown to the user, in Chinese.
    pub message: String,
    /// The law and article behind the rule, when the rule comes from a law.
    pub basis: Option<LegalBasis>,
}

impl Refusal {
    /// A refusal by an internal (non-statutory) rule.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
            basis: None,
        }
    }

    /// A refusal that cites the law it enforces.
    pub fn by_law(code: &'static str, message: impl Into<String>, basis: LegalBasis) -> Self {
        Refusal {
            code,
            message: message.into(),
            basis: Some(basis),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

/// Validation errors of a form or API body, by field name; messages are Chinese.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, Vec<String>>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one message for one field.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0
            .entry(field.to_owned())
            .or_default()
            .push(message.into());
    }

    /// True when no field has an error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when `field` has an error.
    pub fn contains(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// `Ok(())` when empty, otherwise the errors themselves.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Checks a required, trimmed text field of at most `max_chars` characters and returns it.
    pub fn required_text(&mut self, field: &str, value: &str, max_chars: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, "此项为必填项");
        } else if value.chars().count() > max_chars {
            self.add(field, format!("不能超过{max_chars}个字"));
        }
        value.to_owned()
    }

    /// Checks an optional trimmed text field of at most `max_chars` characters and returns it.
    pub fn optional_text(&mut self, field: &str, value: &str, max_chars: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max_chars {
            self.add(field, format!("不能超过{max_chars}个字"));
        }
        value.to_owned()
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (field, messages) in &self.0 {
            for m in messages {
                if !first {
                    f.write_str("；")?;
                }
                first = false;
                write!(f, "{field}：{m}")?;
            }
        }
        Ok(())
    }
}
