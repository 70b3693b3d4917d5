//! Reading a draft from disk or bytes: size limit, .docx extraction, encodings, and the
//! refusal of binary data.
//!
//! A normative document is at most a few hundred kilobytes; anything above
//! [`MAX_INPUT_BYTES`] is refused before it is read, so a 300 MB file costs one `stat`.

use std::io::Read;
use std::path::Path;

/// Largest input accepted, in bytes (file size, and decompressed `word/document.xml`).
/// 20 MiB is a hundred times the longest normative documents we have seen.
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

/// Why an input could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum InputError {
    /// The file could not be opened or read.
    #[error("无法读取文件 {path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The input is larger than [`MAX_INPUT_BYTES`].
    #[error("文件过大（{size} 字节），超过 {limit} 字节的上限，未予读取")]
    TooLarge {
        /// Size of the input.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The input is neither text nor a readable .docx.
    #[error("文件不是可识别的文本或 .docx 文档：{0}")]
    NotText(String),
    /// The input is empty (or only white space).
    #[error("文件为空")]
    Empty,
}

/// The format an input was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// Plain text (UTF-8, UTF-16 with BOM, or GB18030).
    Text,
    /// A Word .docx file.
    Docx,
}

/// Reads a file, refusing it before reading when it exceeds [`MAX_INPUT_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, InputError> {
    let io = |e: std::io::Error| InputError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            size,
            limit: MAX_INPUT_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows between stat and read.
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(bytes)
}

/// Decodes bytes to text: .docx (zip) or text in UTF-8, UTF-16 (with BOM) or GB18030.
pub fn decode(bytes: &[u8]) -> Result<(String, SourceFormat), InputError> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_INPUT_BYTES,
        });
    }
    let (text, format) = if bytes.starts_with(b"PK\x03\x04") {
        (docx_text(bytes)?, SourceFormat::Docx)
    } else {
        (decode_text(bytes)?, SourceFormat::Text)
    };
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    Ok((text, format))
}

/// Decodes plain text, refusing binary data.
fn decode_text(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.is_empty() {
        return Err(InputError::Empty);
    }
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(bytes);
        text.into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        // Drafts saved by older Windows tools are GBK; GB18030 is its superset.
        let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
        if had_errors {
            return Err(InputError::NotText(
                "既不是 UTF-8 也不是 GB18030 编码".into(),
            ));
        }
        text.into_owned()
    };
    let total = text.chars().count().max(1);
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    // Real drafts have no control characters; a few percent means binary data.
    if control * 50 > total || text.contains('\0') {
        return Err(InputError::NotText(
            "含有大量控制字符，疑为二进制文件".into(),
        ));
    }
    Ok(text)
}

/// Extracts the paragraphs of `word/document.xml` as lines of text.
fn docx_text(bytes: &[u8]) -> Result<String, InputError> {
    let not_docx = |m: String| InputError::NotText(format!("无法读取 .docx：{m}"));
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| not_docx(e.to_string()))?;
    let file = archive
        .by_name("word/document.xml")
        .map_err(|e| not_docx(e.to_string()))?;
    if file.size() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            size: file.size(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let mut xml = String::new();
    // The declared size can lie (zip bombs); `take` bounds what is inflated.
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|e| not_docx(e.to_string()))?;
    Ok(document_xml_text(&xml))
}

/// Turns WordprocessingML into text: one line per `<w:p>`, text from `<w:t>`, tabs and
/// breaks kept. Automatic list numbering (`w:numPr`) is not reproduced.
pub fn document_xml_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 4);
    let mut rest = xml;
    let mut in_text = false;
    while let Some(lt) = rest.find('<') {
        if in_text {
            out.push_str(&unescape(&rest[..lt]));
        }
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else { break };
        let tag = &after[1..gt];
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/'])
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        match name {
            "w:t" => in_text = !closing && !self_closing,
            "w:p" if closing => out.push('\n'),
            "w:tab" => out.push('\t'),
            "w:br" | "w:cr" => out.push('\n'),
            _ => {}
        }
        rest = &after[gt + 1..];
    }
    out
}

/// Replaces XML entities; unknown ones are kept as written.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let Some(semi) = after.find(';').filter(|&s| s <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let entity = &after[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_oversized_inputs() {
        assert_eq!(decode(b""), Err(InputError::Empty));
        assert_eq!(decode(b"  \n "), Err(InputError::Empty));
        assert!(matches!(
            decode(&[0, 1, 2, 3, 0xff, 0xfe, 7, 8]),
            Err(InputError::NotText(_))
        ));
        assert!(matches!(
            decode(b"PK\x03\x04garbage"),
            Err(InputError::NotText(_))
        ));
        let big = vec![b'a'; MAX_INPUT_BYTES as usize + 1];
        assert!(matches!(decode(&big), Err(InputError::TooLarge { .. })));
    }

    #[test]
    fn decodes_encodings() {
        assert_eq!(decode("第一条".as_bytes()).unwrap().0, "第一条");
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap().0, "abc");
        let (gbk, _, _) = encoding_rs::GBK.encode("第一条 罚款");
        assert_eq!(decode(&gbk).unwrap().0, "第一条 罚款");
    }

    #[test]
    fn extracts_document_xml_paragraphs() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>第一条</w:t></w:r><w:r><w:t xml:space="preserve"> A&amp;B</w:t></w:r></w:p><w:p><w:r><w:t>第二条</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(document_xml_text(xml), "第一条 A&B\n第二条\n");
        assert_eq!(unescape("&#x4e00;&#19968;&bogus;&"), "一一&bogus;&");
    }
}
