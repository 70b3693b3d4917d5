//! Log entries and their canonical bytes (entry format version 1).
//!
//! An entry records one change of state of one record. Its canonical bytes — the input of the
//! leaf hash — are the RFC 8785 canonical JSON of this object:
//!
//! ```json
//! {"actor":"张三","at":1767225600000,"content":{…},"event":"publish",
//!  "idx":41,"record_id":"17","record_type":"department","v":1}
//! ```
//!
//! | member | type | meaning |
//! |---|---|---|
//! | `v` | integer | entry format version, `1` |
//! | `idx` | integer | position of the entry in its government's log, from 0 |
//! | `record_type` | string | kind of record, e.g. `department`, `case`, `normative_document` |
//! | `record_id` | string | id of the record within the government |
//! | `event` | string | what happened: see [`event`] |
//! | `actor` | string | who did it (name as shown in the audit log) |
//! | `at` | integer | when, Unix time in milliseconds (UTC) |
//! | `content` | any JSON | the record's content after the change, **or** |
//! | `content_hash` | string | the lowercase-hex hash (log's algorithm) of content kept elsewhere |
//!
//! Exactly one of `content` and `content_hash` is present. `idx` is part of the leaf so that a
//! deleted or reordered entry is named by the verifier at its position, not merely detected.
//! Integers in `content` must lie within ±2^53 (larger ones belong in strings; see
//! [`crate::jcs`]). Version 1 is fixed forever: a change of any of the above is a new `v`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::hash::{Hash, HashAlgorithm};
use crate::jcs::{self, JcsError};

/// The entry format version this crate writes and reads.
pub const ENTRY_FORMAT_VERSION: u64 = 1;

/// Usual event names. Other lower-case ASCII names are allowed; these are the ones the domain
/// uses so far.
pub mod event {
    /// A record was created.
    pub const CREATE: &str = "create";
    /// A record moved from one workflow state to another.
    pub const TRANSITION: &str = "transition";
    /// A record's content was edited.
    pub const EDIT: &str = "edit";
    /// A record was published on the portal.
    pub const PUBLISH: &str = "publish";
    /// A published record was withdrawn.
    pub const WITHDRAW: &str = "withdraw";
}

/// The record's content as logged: inline, or only its hash.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// The content itself (public records, small records).
    Inline(Value),
    /// The hash of content kept elsewhere (large documents, content that must stay private).
    Hash(Hash),
}

/// One log entry (format version 1); see the module docs for its canonical form.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Position in the government's log, from 0.
    pub idx: u64,
    /// Kind of record, e.g. `department`.
    pub record_type: String,
    /// Record id within the government.
    pub record_id: String,
    /// Event name, e.g. [`event::PUBLISH`].
    pub event: String,
    /// Who made the change.
    pub actor: String,
    /// When, Unix milliseconds UTC.
    pub at_ms: i64,
    /// The content after the change, or its hash.
    pub content: Content,
}

/// An entry that does not have the version-1 shape.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EntryError {
    /// The JSON is not an entry: a member is missing, unknown or of the wrong type.
    #[error("malformed entry: {0}")]
    Malformed(String),
    /// The entry's format version is not one this crate knows.
    #[error("unknown entry format version {0}")]
    UnknownVersion(u64),
    /// The entry has no canonical form (e.g. an integer beyond ±2^53 in its content).
    #[error(transparent)]
    Canonical(#[from] JcsError),
    /// The bytes are valid JSON but not in canonical form.
    #[error("entry bytes are not in canonical form")]
    NotCanonical,
}

impl Entry {
    /// A new entry with inline content.
    pub fn new(
        idx: u64,
        record_type: impl Into<String>,
        record_id: impl Into<String>,
        event: impl Into<String>,
        actor: impl Into<String>,
        at_ms: i64,
        content: Value,
    ) -> Entry {
        Entry {
            idx,
            record_type: record_type.into(),
            record_id: record_id.into(),
            event: event.into(),
            actor: actor.into(),
            at_ms,
            content: Content::Inline(content),
        }
    }

    /// The entry as a JSON object (the canonical object before canonicalisation).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("v".into(), Value::from(ENTRY_FORMAT_VERSION));
        m.insert("idx".into(), Value::from(self.idx));
        m.insert("record_type".into(), Value::from(self.record_type.clone()));
        m.insert("record_id".into(), Value::from(self.record_id.clone()));
        m.insert("event".into(), Value::from(self.event.clone()));
        m.insert("actor".into(), Value::from(self.actor.clone()));
        m.insert("at".into(), Value::from(self.at_ms));
        match &self.content {
            Content::Inline(v) => m.insert("content".into(), v.clone()),
            Content::Hash(h) => m.insert("content_hash".into(), Value::from(h.to_hex())),
        };
        Value::Object(m)
    }

    /// Reads an entry from its JSON object; unknown members are refused, since they would be
    /// hashed but not understood.
    pub fn from_json(value: &Value) -> Result<Entry, EntryError> {
        let bad = |what: &str| EntryError::Malformed(what.to_owned());
        let m = value.as_object().ok_or_else(|| bad("not an object"))?;
        let v = m.get("v").and_then(Value::as_u64).ok_or_else(|| bad("v"))?;
        if v != ENTRY_FORMAT_VERSION {
            return Err(EntryError::UnknownVersion(v));
        }
        let string = |k: &str| -> Result<String, EntryError> {
            m.get(k)
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or_else(|| bad(k))
        };
        let content = match (m.get("content"), m.get("content_hash")) {
            (Some(c), None) => Content::Inline(c.clone()),
            (None, Some(Value::String(h))) => {
                Content::Hash(Hash::from_hex(h).map_err(|_| bad("content_hash"))?)
            }
            _ => return Err(bad("exactly one of content and content_hash")),
        };
        const KNOWN: [&str; 9] = [
            "v",
            "idx",
            "record_type",
            "record_id",
            "event",
            "actor",
            "at",
            "content",
            "content_hash",
        ];
        if let Some(k) = m.keys().find(|k| !KNOWN.contains(&k.as_str())) {
            return Err(bad(&format!("unknown member {k:?}")));
        }
        Ok(Entry {
            idx: m
                .get("idx")
                .and_then(Value::as_u64)
                .ok_or_else(|| bad("idx"))?,
            record_type: string("record_type")?,
            record_id: string("record_id")?,
            event: string("event")?,
            actor: string("actor")?,
            at_ms: m
                .get("at")
                .and_then(Value::as_i64)
                .ok_or_else(|| bad("at"))?,
            content,
        })
    }

    /// Parses canonical entry bytes, refusing bytes that are not exactly canonical (so that
    /// two different byte strings can never stand for the same entry).
    pub fn from_canonical_bytes(bytes: &[u8]) -> Result<Entry, EntryError> {
        let value: Value =
            serde_json::from_slice(bytes).map_err(|e| EntryError::Malformed(e.to_string()))?;
        let entry = Entry::from_json(&value)?;
        if entry.canonical_bytes()? != bytes {
            return Err(EntryError::NotCanonical);
        }
        Ok(entry)
    }

    /// The canonical bytes: RFC 8785 JSON of [`Entry::to_json`]. This is what is hashed.
    pub fn canonical_bytes(&self) -> Result<Vec<u8>, JcsError> {
        self.canonical_text().map(String::into_bytes)
    }

    /// The canonical text: RFC 8785 JSON of [`Entry::to_json`], written member by member in
    /// RFC 8785 order (the names' UTF-16 order: actor, at, content or content_hash, event, idx,
    /// record_id, record_type, v) rather than through a copy of the content in a map. Every
    /// write of the ledger does this once; the test `canonical_text_is_jcs_of_to_json` holds
    /// it to the general path.
    pub fn canonical_text(&self) -> Result<String, JcsError> {
        let mut out = String::with_capacity(256);
        out.push_str("{\"actor\":");
        jcs::write_string(&mut out, &self.actor);
        out.push_str(",\"at\":");
        jcs::write_integer(&mut out, self.at_ms)?;
        match &self.content {
            Content::Inline(v) => {
                out.push_str(",\"content\":");
                jcs::write_value(&mut out, v)?;
            }
            Content::Hash(h) => {
                out.push_str(",\"content_hash\":");
                jcs::write_string(&mut out, &h.to_hex());
            }
        }
        out.push_str(",\"event\":");
        jcs::write_string(&mut out, &self.event);
        out.push_str(",\"idx\":");
        jcs::write_integer(&mut out, i64::try_from(self.idx).unwrap_or(i64::MAX))?;
        out.push_str(",\"record_id\":");
        jcs::write_string(&mut out, &self.record_id);
        out.push_str(",\"record_type\":");
        jcs::write_string(&mut out, &self.record_type);
        out.push_str(",\"v\":");
        jcs::write_integer(&mut out, ENTRY_FORMAT_VERSION as i64)?;
        out.push('}');
        Ok(out)
    }

    /// The RFC 9162 leaf hash of this entry under `alg`.
    pub fn leaf_hash(&self, alg: HashAlgorithm) -> Result<Hash, JcsError> {
        Ok(alg.leaf_hash(&self.canonical_bytes()?))
    }
}

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        Entry::from_json(&v).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Entry {
        Entry::new(
            3,
            "department",
            "17",
            event::PUBLISH,
            "张三",
            1_767_225_600_000,
            json!({"name": "司法局", "b": 1.50}),
        )
    }

    proptest::proptest! {
        #[test]
        fn canonical_text_is_jcs_of_to_json(
            actor in "\\PC{0,8}[\"\\\\\u{1}\n\u{1F600}\u{E000}]{0,3}",
            record_id in "[0-9a-z\"]{0,6}",
            idx in 0u64..(1 << 53),
            at in -(1i64 << 53)..(1i64 << 53),
            keys in proptest::collection::vec("[a-z\u{E000}\u{1F600}]{1,3}", 0..5),
            number in proptest::num::f64::NORMAL,
            hashed in proptest::bool::ANY,
        ) {
            let mut content = serde_json::Map::new();
            for (i, k) in keys.iter().enumerate() {
                content.insert(k.clone(), if i % 2 == 0 { json!(number) } else { json!([i, k, null]) });
            }
            let mut e = Entry::new(idx, "案件", record_id, event::EDIT, actor, at, Value::Object(content));
            if hashed {
                e.content = Content::Hash(HashAlgorithm::Sha256.content_hash(b"x"));
            }
            proptest::prop_assert_eq!(e.canonical_text().unwrap(), jcs::canonicalize(&e.to_json()).unwrap());
        }
    }

    #[test]
    fn canonical_form_is_stable() {
        let bytes = sample().canonical_bytes().unwrap();
        assert_eq!(
            String::from_utf8(bytes.clone()).unwrap(),
            r#"{"actor":"张三","at":1767225600000,"content":{"b":1.5,"name":"司法局"},"event":"publish","idx":3,"record_id":"17","record_type":"department","v":1}"#
        );
        assert_eq!(Entry::from_canonical_bytes(&bytes).unwrap(), sample());
    }

    #[test]
    fn content_hash_form() {
        let mut e = sample();
        let h = HashAlgorithm::Sm3.content_hash(b"pdf bytes");
        e.content = Content::Hash(h);
        let text = String::from_utf8(e.canonical_bytes().unwrap()).unwrap();
        assert!(text.contains(&format!("\"content_hash\":\"{h}\"")));
        let back: Entry = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn refuses_non_canonical_and_unknown() {
        let pretty = serde_json::to_vec_pretty(&sample().to_json()).unwrap();
        assert_eq!(
            Entry::from_canonical_bytes(&pretty),
            Err(EntryError::NotCanonical)
        );
        let mut v = sample().to_json();
        v["extra"] = json!(1);
        assert!(Entry::from_json(&v).is_err());
        v = sample().to_json();
        v["v"] = json!(2);
        assert_eq!(Entry::from_json(&v), Err(EntryError::UnknownVersion(2)));
        v = sample().to_json();
        v["content_hash"] = json!(Hash::default().to_hex());
        assert!(Entry::from_json(&v).is_err(), "both content forms");
    }
}
