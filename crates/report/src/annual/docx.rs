//! The report as a .docx in 公文 format (GB/T 9704-2012 党政机关公文格式): A4, top margin 37 mm,
//! left margin 28 mm, a text block of 156 × 225 mm holding 22 lines of 28 characters; title in
//! 2号 小标宋, body in 3号 仿宋_GB2312, first-level headings in 3号 黑体, second-level in 3号
//! 楷体_GB2312; page numbers `— 1 —` in 4号 宋体 half-width digits, odd pages right and even pages
//! left, one character in from the edge (GB/T 9704-2012 5.2.1, 5.2.2, 6.1, 7.3.1–7.3.3, 7.5).
//!
//! The package is written by hand (a handful of XML parts in a stored zip), as
//! `legaltext::opinion` does: fonts are named with a fallback (`w:altName`) so that a machine
//! without 仿宋_GB2312 uses 仿宋. Fonts are configuration ([`DocxOptions`]).

use std::io::Write;

use super::{AnnualReport, Paragraph, ParagraphKind};

/// Page geometry and type sizes of GB/T 9704-2012, in twips (1/1440 inch) and half-points.
pub mod layout {
    /// Millimetres to twips, rounded to the nearest twip.
    pub const fn mm(millimetres: u32) -> u32 {
        (2 * millimetres * 14_400 + 254) / (2 * 254)
    }

    /// A4 width, 210 mm (5.2.1).
    pub const PAGE_WIDTH: u32 = mm(210);
    /// A4 height, 297 mm (5.2.1).
    pub const PAGE_HEIGHT: u32 = mm(297);
    /// 天头 (top margin): 37 mm (5.2.2).
    pub const MARGIN_TOP: u32 = mm(37);
    /// 订口 (left margin): 28 mm (5.2.2).
    pub const MARGIN_LEFT: u32 = mm(28);
    /// Text block 156 mm wide (5.2.2), so the right margin is 210 − 28 − 156 = 26 mm.
    pub const MARGIN_RIGHT: u32 = mm(210 - 28 - 156);
    /// Text block 225 mm high (5.2.2), so the bottom margin is 297 − 37 − 225 = 35 mm.
    pub const MARGIN_BOTTOM: u32 = mm(297 - 37 - 225);
    /// Width of the text block.
    pub const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
    /// Height of the text block.
    pub const TEXT_HEIGHT: u32 = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM;
    /// Lines per page (6.1: 一般每面排22行).
    pub const LINES_PER_PAGE: u32 = 22;
    /// Characters per line (6.1: 每行排28个字).
    pub const CHARS_PER_LINE: u32 = 28;
    /// Line pitch: the text height shared by 22 lines, rounded down so that 22 lines fit.
    pub const LINE_PITCH: u32 = TEXT_HEIGHT / LINES_PER_PAGE;
    /// 2号 (22 pt) for the title (7.3.3).
    pub const TITLE_SIZE: u32 = 44;
    /// 3号 (16 pt) for the body and headings (6.1).
    pub const BODY_SIZE: u32 = 32;
    /// 4号 (14 pt) for page numbers (7.5).
    pub const PAGE_NUMBER_SIZE: u32 = 28;
    /// The character grid's pitch adjustment (`w:charSpace`, 1/4096 pt added to the 16 pt body
    /// size), rounded down so that 28 characters fit in the text width.
    pub const CHAR_SPACE: i32 = {
        let width = TEXT_WIDTH as i32;
        let natural = (CHARS_PER_LINE * BODY_SIZE * 10) as i32; // 28 × 16 pt in twips
        ((width - natural) * 4096).div_euclid((CHARS_PER_LINE * 20) as i32)
    };
    /// Distance from the page's bottom edge to the footer's bottom: the dash line's top sits
    /// 7 mm below the text block (7.5), and the footer line is exactly 14 pt high.
    pub const FOOTER: u32 = MARGIN_BOTTOM - mm(7) - PAGE_NUMBER_SIZE * 10;
    /// One 4号 character, the page number's inset from the edge (7.5: 居右空一字).
    pub const PAGE_NUMBER_INSET: u32 = PAGE_NUMBER_SIZE * 10;
}

/// A font with the one to use where it is not installed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Font {
    /// Font name as Word knows it.
    pub name: String,
    /// Fallback (`w:altName`).
    pub fallback: String,
}

impl Font {
    fn new(name: &str, fallback: &str) -> Self {
        Font {
            name: name.into(),
            fallback: fallback.into(),
        }
    }
}

/// The fonts of the document. Defaults are those of GB/T 9704-2012; a deployment without them
/// may name others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxOptions {
    /// Title: 方正小标宋简体 (小标宋体, 7.3.3).
    pub title: Font,
    /// Body: 仿宋_GB2312 (仿宋体, 6.1).
    pub body: Font,
    /// First-level headings (一、): 黑体 (7.3.3).
    pub heading: Font,
    /// Second-level headings ((一)): 楷体_GB2312 (7.3.3).
    pub subheading: Font,
    /// Page numbers: 宋体 (7.5).
    pub page_number: Font,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            title: Font::new("方正小标宋简体", "宋体"),
            body: Font::new("仿宋_GB2312", "仿宋"),
            heading: Font::new("黑体", "SimHei"),
            subheading: Font::new("楷体_GB2312", "楷体"),
            page_number: Font::new("宋体", "SimSun"),
        }
    }
}

/// Escapes text for XML; control characters, invalid in XML 1.0, are dropped.
fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Run properties: the font for every script, the size, and extras that the schema places after
/// the size (`w:highlight`, `w:lang`).
fn run_props(font: &Font, size: u32, extra: &str) -> String {
    let f = xml_escape(&font.name);
    format!(
        "<w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:eastAsia=\"{f}\" w:cs=\"{f}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>{extra}</w:rPr>"
    )
}

/// A run of text.
fn run(text: &str, props: &str) -> String {
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_escape(text)
    )
}

/// Paragraph properties shared by body text: exact line pitch of the grid.
fn spacing() -> String {
    format!(
        "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/>",
        layout::LINE_PITCH
    )
}

/// How wide a text is in body characters: CJK and full-width forms 1, ASCII ½.
fn width_in_chars(text: &str) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.5 } else { 1.0 })
        .sum()
}

/// Splits a long title after 关于, the usual break of 公文 titles (7.3.3: 词意完整), when it does
/// not fit on one line.
fn title_lines(title: &str) -> Vec<&str> {
    let per_line = f64::from(layout::TEXT_WIDTH) / f64::from(layout::TITLE_SIZE * 10);
    if width_in_chars(title) <= per_line {
        return vec![title];
    }
    match title.find("关于") {
        Some(at) => {
            let split = at + "关于".len();
            let (a, b) = title.split_at(split);
            if width_in_chars(a) <= per_line && !b.is_empty() {
                vec![a, b]
            } else {
                vec![title]
            }
        }
        None => vec![title],
    }
}

fn title_paragraph(title: &str, o: &DocxOptions) -> String {
    let props = run_props(&o.title, layout::TITLE_SIZE, "");
    let runs: Vec<String> = title_lines(title)
        .into_iter()
        .map(|line| run(line, &props))
        .collect();
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Title\"/><w:snapToGrid w:val=\"0\"/>{}<w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        spacing(),
        runs.join(&format!("<w:r>{props}<w:br/></w:r>"))
    )
}

fn empty_paragraph(o: &DocxOptions) -> String {
    format!(
        "<w:p><w:pPr>{}<w:rPr><w:sz w:val=\"{}\"/></w:rPr></w:pPr><w:r>{}</w:r></w:p>",
        spacing(),
        layout::BODY_SIZE,
        run_props(&o.body, layout::BODY_SIZE, "")
    )
}

/// A paragraph indented two characters on its first line (公文 paragraphs and headings).
fn indented(style: &str, text: &str, font: &Font, extra: &str) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>{}<w:ind w:firstLineChars=\"200\" w:firstLine=\"{}\"/><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
        spacing(),
        2 * layout::BODY_SIZE * 10,
        run(text, &run_props(font, layout::BODY_SIZE, extra))
    )
}

fn paragraph(p: &Paragraph, o: &DocxOptions) -> String {
    match p.kind {
        ParagraphKind::Subheading => indented("Heading2", &p.text, &o.subheading, ""),
        ParagraphKind::Prompt => indented(
            "Normal",
            &p.text,
            &o.body,
            "<w:highlight w:val=\"yellow\"/>",
        ),
        ParagraphKind::Data { .. } | ParagraphKind::Narrative => {
            indented("Normal", &p.text, &o.body, "")
        }
    }
}

/// A right-aligned line of the signature block, `inset` characters in from the right edge.
fn signature_line(text: &str, inset: f64, o: &DocxOptions) -> String {
    let chars = (inset * 100.0).round().max(0.0) as u32;
    let twips = (inset * f64::from(layout::BODY_SIZE * 10)).round().max(0.0) as u32;
    format!(
        "<w:p><w:pPr>{}<w:ind w:rightChars=\"{chars}\" w:right=\"{twips}\"/><w:jc w:val=\"right\"/></w:pPr>{}</w:p>",
        spacing(),
        run(text, &run_props(&o.body, layout::BODY_SIZE, ""))
    )
}

fn document_xml(report: &AnnualReport, o: &DocxOptions) -> String {
    let mut body = String::new();
    body.push_str(&title_paragraph(&report.title, o));
    body.push_str(&empty_paragraph(o));
    for p in &report.opening {
        body.push_str(&paragraph(p, o));
    }
    for (i, section) in report.sections.iter().enumerate() {
        body.push_str(&indented(
            "Heading1",
            &report.numbered_heading(i),
            &o.heading,
            "",
        ));
        for p in &section.paragraphs {
            body.push_str(&paragraph(p, o));
        }
    }
    // Signature without a seal (7.3.5.2): a blank line, the issuing body two characters in from
    // the right, the date below it starting two characters further right.
    body.push_str(&empty_paragraph(o));
    let name_inset = 2.0;
    body.push_str(&signature_line(&report.government, name_inset, o));
    if let Some(date) = report.date_line() {
        let inset = name_inset + width_in_chars(&report.government) - width_in_chars(&date) - 2.0;
        body.push_str(&signature_line(&date, inset.max(0.0), o));
    }
    format!(
        "{XML_HEAD}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{body}<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooterOdd\"/><w:footerReference w:type=\"even\" r:id=\"rIdFooterEven\"/><w:pgSz w:w=\"{}\" w:h=\"{}\"/><w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"851\" w:footer=\"{}\" w:gutter=\"0\"/><w:pgNumType w:fmt=\"decimal\" w:start=\"1\"/><w:cols w:space=\"425\"/><w:docGrid w:type=\"linesAndChars\" w:linePitch=\"{}\" w:charSpace=\"{}\"/></w:sectPr></w:body></w:document>",
        layout::PAGE_WIDTH,
        layout::PAGE_HEIGHT,
        layout::MARGIN_TOP,
        layout::MARGIN_RIGHT,
        layout::MARGIN_BOTTOM,
        layout::MARGIN_LEFT,
        layout::FOOTER,
        layout::LINE_PITCH,
        layout::CHAR_SPACE,
    )
}

/// A footer with `— PAGE —`: odd pages right, even pages left, one character in (7.5).
fn footer_xml(odd: bool, o: &DocxOptions) -> String {
    let props = run_props(&o.page_number, layout::PAGE_NUMBER_SIZE, "");
    let field = |kind: &str| format!("<w:r>{props}<w:fldChar w:fldCharType=\"{kind}\"/></w:r>");
    let (jc, ind) = if odd {
        (
            "right",
            format!("w:right=\"{}\"", layout::PAGE_NUMBER_INSET),
        )
    } else {
        ("left", format!("w:left=\"{}\"", layout::PAGE_NUMBER_INSET))
    };
    format!(
        "{XML_HEAD}<w:ftr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:snapToGrid w:val=\"0\"/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"{}\" w:lineRule=\"exact\"/><w:ind {ind}/><w:jc w:val=\"{jc}\"/></w:pPr>{}{}<w:r>{props}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>{}{}{}{}</w:p></w:ftr>",
        layout::PAGE_NUMBER_SIZE * 10,
        run("— ", &props),
        field("begin"),
        field("separate"),
        run("1", &props),
        field("end"),
        run(" —", &props),
    )
}

fn styles_xml(o: &DocxOptions) -> String {
    let style = |id: &str, name: &str, font: &Font, size: u32, extra_p: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>{extra_p}</w:pPr>{}</w:style>",
            run_props(font, size, "")
        )
    };
    format!(
        "{XML_HEAD}<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr>{}<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:pPr>{}</w:pPr>{}</w:style>{}{}{}{}</w:styles>",
        run_props(
            &o.body,
            layout::BODY_SIZE,
            "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
        ),
        spacing(),
        spacing(),
        run_props(&o.body, layout::BODY_SIZE, ""),
        style(
            "Title",
            "Title",
            &o.title,
            layout::TITLE_SIZE,
            "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"0\"/>"
        ),
        style(
            "Heading1",
            "heading 1",
            &o.heading,
            layout::BODY_SIZE,
            "<w:outlineLvl w:val=\"0\"/>"
        ),
        style(
            "Heading2",
            "heading 2",
            &o.subheading,
            layout::BODY_SIZE,
            "<w:outlineLvl w:val=\"1\"/>"
        ),
        style(
            "Footer",
            "footer",
            &o.page_number,
            layout::PAGE_NUMBER_SIZE,
            ""
        ),
    )
}

fn font_table_xml(o: &DocxOptions) -> String {
    let mut fonts: Vec<&Font> = Vec::new();
    for f in [&o.title, &o.body, &o.heading, &o.subheading, &o.page_number] {
        if !fonts.iter().any(|g| g.name == f.name) {
            fonts.push(f);
        }
    }
    let entries: String = fonts
        .iter()
        .map(|f| {
            format!(
                "<w:font w:name=\"{}\"><w:altName w:val=\"{}\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/></w:font>",
                xml_escape(&f.name),
                xml_escape(&f.fallback)
            )
        })
        .collect();
    format!("{XML_HEAD}<w:fonts xmlns:w=\"{W_NS}\">{entries}</w:fonts>")
}

/// Settings: different footers on odd and even pages (7.5), punctuation not compressed so that
/// a line keeps its 28 characters.
fn settings_xml() -> String {
    format!(
        "{XML_HEAD}<w:settings xmlns:w=\"{W_NS}\"><w:defaultTabStop w:val=\"420\"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val=\"doNotCompress\"/></w:settings>"
    )
}

fn core_xml(report: &AnnualReport) -> String {
    format!(
        "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>",
        xml_escape(&report.title),
        xml_escape(&report.government)
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/><Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/word/footer2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/><Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/><Relationship Id=\"rIdFooterOdd\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/><Relationship Id=\"rIdFooterEven\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer2.xml\"/></Relationships>";

/// The report as .docx bytes with the fonts of GB/T 9704-2012.
pub fn to_docx(report: &AnnualReport) -> Vec<u8> {
    to_docx_with(report, &DocxOptions::default())
}

/// The report as .docx bytes with the given fonts.
pub fn to_docx_with(report: &AnnualReport, options: &DocxOptions) -> Vec<u8> {
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(report)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(report, options)),
        ("word/styles.xml", styles_xml(options)),
        ("word/settings.xml", settings_xml()),
        ("word/fontTable.xml", font_table_xml(options)),
        ("word/footer1.xml", footer_xml(true, options)),
        ("word/footer2.xml", footer_xml(false, options)),
    ];
    // Writing distinct names into memory cannot fail; an error here is a bug in this function.
    zip_parts(&parts).expect("writing a .docx into memory")
}

fn zip_parts(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Stored, with the zip epoch as the time, so that the same report gives the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, content) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests;
