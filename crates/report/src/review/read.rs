//! Reading a report file into plain text: format sniffing (plain text, .docx, HTML, and the
//! formats we refuse), encoding detection (UTF-8, UTF-16 with BOM, GBK/GB18030) and markup removal.
//!
//! Everything here works on the bytes, never on the file name alone: a PDF renamed `.txt` must
//! be recognised as a PDF.

use std::io::Read;

use super::error::ReviewError;

/// Largest file accepted for review: 10 MB. A real annual report is 10–40 kB of text (a .docx
/// with images a few MB); anything bigger is a mistake or an attack and is refused before decoding.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Largest decompressed `word/document.xml` we inflate, so that a zip bomb cannot exhaust memory.
const MAX_DOCX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The container format a report arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    Text,
    /// Office Open XML word-processing document.
    Docx,
    /// A web page (as saved from a government website).
    Html,
}

/// Text read out of a file, before script conversion and clean-up.
#[derive(Debug, Clone)]
pub struct RawText {
    /// The text, with paragraphs on their own lines.
    pub text: String,
    /// The container format.
    pub format: Format,
    /// The character encoding detected (`UTF-8`, `GB18030`, `UTF-16LE`, …).
    pub encoding: &'static str,
}

/// Reads the bytes of a file into text, refusing what cannot be a report.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<RawText, ReviewError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReviewError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
            limit_mb: MAX_INPUT_BYTES / (1024 * 1024),
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ReviewError::Empty);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ReviewError::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_docx(bytes);
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(ReviewError::Unsupported(kind.to_string()));
    }
    let (text, encoding) = decode(bytes);
    let lower_name = file_name.to_ascii_lowercase();
    let is_html = lower_name.ends_with(".html")
        || lower_name.ends_with(".htm")
        || lower_name.ends_with(".shtml")
        || looks_like_html(&text);
    if is_html {
        Ok(RawText {
            text: html_to_text(&text),
            format: Format::Html,
            encoding,
        })
    } else {
        Ok(RawText {
            text,
            format: Format::Text,
            encoding,
        })
    }
}

/// Names binary formats we recognise by their magic bytes, or any file with NUL bytes (which no
/// text encoding we accept produces without a BOM).
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGICS: &[(&[u8], &str)] = &[
        (b"\xD0\xCF\x11\xE0", "旧版 Word/Excel 二进制文档 .doc/.xls"),
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"Rar!", "RAR 压缩包"),
        (b"\x1F\x8B", "gzip 压缩包"),
        (b"7z\xBC\xAF", "7z 压缩包"),
        (b"{\\rtf", "RTF 文档"),
    ];
    for (magic, name) in MAGICS {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    let has_bom16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !has_bom16 && bytes.iter().take(8192).any(|&b| b == 0) {
        return Some("二进制文件");
    }
    None
}

/// Decodes text bytes. UTF-8 is tried first because it is self-validating; a file that is not
/// UTF-8 (allowing a few broken bytes, as websites leave) is taken as GB18030, the superset of
/// GBK and GB2312 that Chinese Windows tools write.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), enc.name());
    }
    if let Some(label) = declared_charset(bytes)
        && let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes())
        && enc != encoding_rs::UTF_8
    {
        let (text, _, _) = enc.decode(bytes);
        return (text.into_owned(), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let broken = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            let total = lossy.chars().count().max(1);
            // A handful of broken sequences in an otherwise UTF-8 file is website damage, not GBK.
            if broken * 100 < total {
                return (lossy.into_owned(), "UTF-8");
            }
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GB18030")
        }
    }
}

/// The `charset=` declared in the first bytes of an HTML page, if any.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head: String = head
        .iter()
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .chars()
        .skip_while(|c| *c == '"' || *c == '\'')
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!label.is_empty()).then_some(label)
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(2048).collect::<String>().to_lowercase();
    head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
}

/// Reads `word/document.xml` from a .docx zip and keeps the text of its paragraphs.
fn read_docx(bytes: &[u8]) -> Result<RawText, ReviewError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReviewError::Docx(format!("不是有效的 zip 文件（{e}）")))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| ReviewError::Docx("压缩包中没有 word/document.xml，不是 Word 文档".into()))?;
    if entry.size() > MAX_DOCX_XML_BYTES {
        return Err(ReviewError::Docx("文档正文解压后过大".into()));
    }
    let mut xml = Vec::new();
    entry
        .take(MAX_DOCX_XML_BYTES)
        .read_to_end(&mut xml)
        .map_err(|e| ReviewError::Docx(format!("解压失败（{e}）")))?;
    let xml = String::from_utf8_lossy(&xml);
    Ok(RawText {
        text: docx_xml_to_text(&xml),
        format: Format::Docx,
        encoding: "UTF-8",
    })
}

/// Keeps the character data of `<w:t>` runs; paragraph ends and breaks become new lines, tabs
/// become tabs. Other elements (properties, drawings, field codes in `<w:instrText>`) are dropped.
fn docx_xml_to_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 4);
    let mut rest = xml;
    let mut in_text = false;
    while let Some(lt) = rest.find('<') {
        if in_text {
            out.push_str(&decode_entities(&rest[..lt]));
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        let closing = tag.starts_with('/');
        let self_closing = tag.ends_with('/');
        match name {
            "w:t" => in_text = !closing && !self_closing,
            "w:p" if closing => out.push('\n'),
            "w:br" | "w:cr" => out.push('\n'),
            "w:tab" => out.push('\t'),
            _ => {}
        }
        rest = &rest[lt + gt + 1..];
    }
    out
}

/// Turns an HTML page into text: scripts, styles and comments are dropped, block elements end a
/// line, other tags vanish and character references are decoded.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut i = 0;
    let bytes = html.as_bytes();
    while i < html.len() {
        if bytes[i] != b'<' {
            let next = html[i..].find('<').map_or(html.len(), |n| i + n);
            out.push_str(&decode_entities(&html[i..next]));
            i = next;
            continue;
        }
        if lower[i..].starts_with("<!--") {
            i = lower[i..].find("-->").map_or(html.len(), |n| i + n + 3);
            continue;
        }
        let Some(gt) = html[i..].find('>') else {
            break;
        };
        let tag = &lower[i + 1..i + gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        i += gt + 1;
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style" | "noscript") {
            let close = format!("</{name}");
            i = lower[i..].find(&close).map_or(html.len(), |n| i + n);
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "tr"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "table"
                | "section"
                | "article"
                | "title"
                | "ul"
                | "ol"
        ) {
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            out.push('\t');
        }
    }
    out
}

/// Decodes the character references of HTML and XML (named ones common in Chinese pages, and
/// numeric ones). Unknown references are kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .char_indices()
            .take(10)
            .find(|(_, c)| *c == ';')
            .map(|(n, _)| n + 1);
        let decoded = end.and_then(|end| entity_char(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity_char(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "middot" => '·',
        "hellip" => '…',
        "times" => '×',
        "permil" => '‰',
        "deg" => '°',
        "copy" => '©',
        "reg" => '®',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_drops_scripts_and_decodes_entities() {
        let html = "<html><head><style>p{}</style><script>var a='<p>';</script></head>\
                    <body><p>受理&nbsp;2312&#20214;</p><!-- x --><div>A&amp;B</div></body></html>";
        let text = html_to_text(html);
        assert!(text.contains("受理 2312件"), "{text}");
        assert!(text.contains("A&B"));
        assert!(!text.contains("var a"));
    }

    #[test]
    fn gbk_bytes_are_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("法治政府建设年度报告，受理案件12件。");
        let raw = read_bytes("a.txt", &bytes).expect("gbk");
        assert_eq!(raw.encoding, "GB18030");
        assert!(raw.text.contains("受理案件12件"));
    }

    #[test]
    fn refuses_pdf_empty_and_large() {
        assert!(matches!(
            read_bytes("a.txt", b"%PDF-1.7 ..."),
            Err(ReviewError::Pdf)
        ));
        assert!(matches!(
            read_bytes("a.txt", b"  \n"),
            Err(ReviewError::Empty)
        ));
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        assert!(matches!(
            read_bytes("a.txt", &big),
            Err(ReviewError::TooLarge { .. })
        ));
    }

    #[test]
    fn docx_xml_keeps_paragraphs() {
        let xml = r#"<w:document><w:body><w:p><w:r><w:t>一、主要举措</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">受理 </w:t></w:r><w:r><w:t>12件</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(docx_xml_to_text(xml), "一、主要举措\n受理 12件\n");
    }
}
