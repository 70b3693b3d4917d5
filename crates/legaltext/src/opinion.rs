//! A draft legality-review opinion (合法性审核意见书) as .docx bytes, listing the findings
//! of the automatic review for the reviewer to edit.
//!
//! The .docx is written by hand (four XML parts in a stored zip): a handful of paragraphs
//! needs no document library. Fonts are configurable; the font table names a fallback
//! (`w:altName`) so that 仿宋_GB2312 falls back to 仿宋 on machines without it.

use std::io::Write;

use crate::review::Review;
use crate::rules::Severity;

/// Fonts and headings of the opinion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpinionOptions {
    /// Body font (East Asian), e.g. 仿宋_GB2312.
    pub body_font: String,
    /// Fallback for the body font, e.g. 仿宋.
    pub body_font_fallback: String,
    /// Title font, e.g. 方正小标宋简体.
    pub title_font: String,
    /// Fallback for the title font, e.g. 宋体.
    pub title_font_fallback: String,
    /// The reviewing body, e.g. 某市司法局.
    pub reviewer: String,
}

impl Default for OpinionOptions {
    fn default() -> Self {
        OpinionOptions {
            body_font: "仿宋_GB2312".into(),
            body_font_fallback: "仿宋".into(),
            title_font: "方正小标宋简体".into(),
            title_font_fallback: "宋体".into(),
            reviewer: "（审核机构）".into(),
        }
    }
}

/// Escapes text for XML.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are invalid in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// One paragraph; sizes in half-points (32 = 三号, 44 = 二号).
fn paragraph(text: &str, font: &str, size: u32, centered: bool, bold: bool) -> String {
    format!(
        "<w:p><w:pPr>{}<w:spacing w:line=\"560\" w:lineRule=\"exact\"/>{}</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:eastAsia=\"{f}\"/>{}<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        if centered {
            "<w:jc w:val=\"center\"/>"
        } else {
            ""
        },
        if centered {
            ""
        } else {
            "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
        },
        if bold { "<w:b/>" } else { "" },
        xml_escape(text),
        f = xml_escape(font),
    )
}

/// Builds the opinion's `word/document.xml`.
fn document_xml(review: &Review, options: &OpinionOptions) -> String {
    let d = &review.document;
    let body = &options.body_font;
    let mut paras = Vec::new();
    paras.push(paragraph(
        "合法性审核意见书（草稿）",
        &options.title_font,
        44,
        true,
        false,
    ));
    let title = if d.title.is_empty() {
        "（未识别标题）"
    } else {
        &d.title
    };
    paras.push(paragraph(
        &format!("审核对象：《{title}》"),
        body,
        32,
        false,
        false,
    ));
    if let Some(n) = &d.number {
        paras.push(paragraph(&format!("文号：{n}"), body, 32, false, false));
    }
    paras.push(paragraph(
        &format!(
            "经智能审查，发现错误{}项、警告{}项、提示{}项。以下意见由系统自动生成，须经审核人员核实、修改后方可使用。",
            review.count(Severity::Error),
            review.count(Severity::Warning),
            review.count(Severity::Info)
        ),
        body,
        32,
        false,
        false,
    ));
    if review.findings.is_empty() {
        paras.push(paragraph(
            "未发现违反上位法的内容。",
            body,
            32,
            false,
            false,
        ));
    }
    for (i, f) in review.findings.iter().enumerate() {
        let place = if f.location.is_empty() {
            "全文".to_string()
        } else {
            f.location.clone()
        };
        paras.push(paragraph(
            &format!(
                "{}、{}（{}）",
                crate::numerals::format(i as u64 + 1),
                place,
                f.severity.label()
            ),
            body,
            32,
            false,
            true,
        ));
        if !f.excerpt.is_empty() {
            paras.push(paragraph(
                &format!("原文：{}", f.excerpt),
                body,
                32,
                false,
                false,
            ));
        }
        paras.push(paragraph(
            &format!("意见：{}", f.message),
            body,
            32,
            false,
            false,
        ));
        paras.push(paragraph(
            &format!("依据：{}", f.basis),
            body,
            32,
            false,
            false,
        ));
    }
    paras.push(paragraph(&options.reviewer, body, 32, false, false));
    paras.push(paragraph("年　月　日", body, 32, false, false));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        paras.concat()
    )
}

/// Builds the font table naming fallbacks.
fn font_table(options: &OpinionOptions) -> String {
    let font = |name: &str, alt: &str| {
        format!(
            "<w:font w:name=\"{}\"><w:altName w:val=\"{}\"/><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/></w:font>",
            xml_escape(name),
            xml_escape(alt)
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{}{}</w:fonts>",
        font(&options.body_font, &options.body_font_fallback),
        font(&options.title_font, &options.title_font_fallback)
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/></Relationships>";

/// Writes the draft opinion as .docx bytes.
pub fn opinion_docx(review: &Review, options: &OpinionOptions) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(review, options)),
        ("word/fontTable.xml", font_table(options)),
    ];
    for (name, content) in parts {
        zip.start_file(name, stored)
            .map_err(std::io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::input::decode;
    use crate::review::review_text;

    #[test]
    fn opinion_is_a_readable_docx_listing_findings() {
        let corpus = Corpus::embedded();
        let review = review_text(
            "某办法\n第一条 对违反本办法的，处五百元罚款。\n第二条 本办法自2025年1月1日起施行。\n",
            &corpus,
        );
        let bytes = opinion_docx(&review, &OpinionOptions::default()).unwrap();
        // Reading it back through our own .docx reader proves the zip and XML are sound.
        let (text, _) = decode(&bytes).unwrap();
        assert!(text.contains("合法性审核意见书"));
        assert!(text.contains("第一条（错误）"));
        assert!(text.contains("行政处罚法》第十六条"));
        let xml = String::from_utf8_lossy(&bytes);
        assert!(xml.contains("仿宋_GB2312") && xml.contains("w:altName w:val=\"仿宋\""));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(xml_escape("a<b&\u{1}"), "a&lt;b&amp;");
    }
}
