//! Tests of the .docx export: the package opens (a zip of well-formed XML parts that reference
//! each other), the page setup, type sizes and fonts of GB/T 9704-2012, the five headings in
//! order, the `— PAGE —` footers, and a text that passes the report review.

use std::io::Read;

use super::*;
use crate::annual::tests::finished_report;
use crate::annual::{SectionItem, draft};

/// The parts of a .docx, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().unwrap().to_string(), text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, String)], name: &str) -> &'a str {
    &parts
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .1
}

/// A small well-formedness check: tags nest and close, attributes are quoted, and text holds no
/// bare `<` or `&` outside an entity.
fn assert_well_formed(name: &str, xml: &str) {
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        for (i, _) in text.match_indices('&') {
            let entity = &text[i..text[i..].find(';').map_or(text.len(), |e| i + e + 1)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"].contains(&entity),
                "{name}: bare & in {text:?}"
            );
        }
        let gt = rest[lt..].find('>').expect("unclosed tag") + lt;
        let tag = &rest[lt + 1..gt];
        assert_eq!(
            tag.matches('"').count() % 2,
            0,
            "{name}: unbalanced quotes in <{tag}>"
        );
        if tag.starts_with('?') {
            assert!(tag.ends_with('?'), "{name}: <{tag}>");
        } else if let Some(closing) = tag.strip_prefix('/') {
            let open = stack
                .pop()
                .unwrap_or_else(|| panic!("{name}: stray </{closing}>"));
            assert_eq!(
                open,
                closing.trim(),
                "{name}: <{open}> closed by </{closing}>"
            );
        } else if !tag.ends_with('/') {
            let tag_name = tag.split_whitespace().next().unwrap_or("");
            stack.push(tag_name);
        }
        rest = &rest[gt + 1..];
    }
    assert!(rest.trim().is_empty(), "{name}: trailing text");
    assert!(stack.is_empty(), "{name}: unclosed {stack:?}");
}

fn attr(xml: &str, element: &str, name: &str) -> Option<i64> {
    let at = xml.find(&format!("<{element} "))?;
    let tag = &xml[at..at + xml[at..].find('>')?];
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    let to = from + tag[from..].find('"')?;
    tag[from..to].parse().ok()
}

fn twips_to_mm(twips: i64) -> f64 {
    twips as f64 * 25.4 / 1440.0
}

#[test]
fn the_package_opens_and_every_part_is_well_formed() {
    let bytes = to_docx(&finished_report());
    let parts = unzip(&bytes);
    for (name, xml) in &parts {
        assert_well_formed(name, xml);
    }
    let types = part(&parts, "[Content_Types].xml");
    let rels = part(&parts, "word/_rels/document.xml.rels");
    for (name, _) in &parts {
        if let Some(inner) = name.strip_prefix("word/")
            && !name.contains("_rels")
        {
            assert!(types.contains(&format!("PartName=\"/{name}\"")), "{name}");
            if inner != "document.xml" {
                assert!(rels.contains(&format!("Target=\"{inner}\"")), "{name}");
            }
        }
    }
    let document = part(&parts, "word/document.xml");
    for id in ["rIdFooterOdd", "rIdFooterEven"] {
        assert!(document.contains(&format!("r:id=\"{id}\"")));
        assert!(rels.contains(&format!("Id=\"{id}\"")));
    }
    // The same report gives the same bytes.
    assert_eq!(bytes, to_docx(&finished_report()));
}

/// GB/T 9704-2012 5.2.1, 5.2.2 and 6.1: A4, top 37 mm, left 28 mm, text block 156 × 225 mm,
/// 22 lines of 28 characters.
#[test]
fn page_setup_of_gbt_9704_2012() {
    let parts = unzip(&to_docx(&finished_report()));
    let document = part(&parts, "word/document.xml");
    let page_w = attr(document, "w:pgSz", "w:w").unwrap();
    let page_h = attr(document, "w:pgSz", "w:h").unwrap();
    assert_eq!((page_w, page_h), (11906, 16838));
    assert!((twips_to_mm(page_w) - 210.0).abs() < 0.1 && (twips_to_mm(page_h) - 297.0).abs() < 0.1);
    let top = attr(document, "w:pgMar", "w:top").unwrap();
    let left = attr(document, "w:pgMar", "w:left").unwrap();
    let right = attr(document, "w:pgMar", "w:right").unwrap();
    let bottom = attr(document, "w:pgMar", "w:bottom").unwrap();
    assert_eq!((top, left, right, bottom), (2098, 1587, 1474, 1984));
    assert!((twips_to_mm(top) - 37.0).abs() < 0.1);
    assert!((twips_to_mm(left) - 28.0).abs() < 0.1);
    let text_w = page_w - left - right;
    let text_h = page_h - top - bottom;
    assert!(
        (twips_to_mm(text_w) - 156.0).abs() < 0.1,
        "{}",
        twips_to_mm(text_w)
    );
    assert!(
        (twips_to_mm(text_h) - 225.0).abs() < 0.1,
        "{}",
        twips_to_mm(text_h)
    );
    // 22 lines: the line pitch fits 22 lines in the block and not 23.
    let pitch = attr(document, "w:docGrid", "w:linePitch").unwrap();
    assert_eq!(pitch, 579);
    assert!(22 * pitch <= text_h && 23 * pitch > text_h);
    assert!(document.contains("w:type=\"linesAndChars\""));
    assert!(document.contains(&format!("w:line=\"{pitch}\" w:lineRule=\"exact\"")));
    // 28 characters: the grid's character pitch (16 pt + charSpace/4096 pt) fits 28 and not 29.
    let char_space = attr(document, "w:docGrid", "w:charSpace").unwrap();
    let char_pitch_twips = (16.0 + char_space as f64 / 4096.0) * 20.0;
    assert!(28.0 * char_pitch_twips <= text_w as f64);
    assert!(29.0 * char_pitch_twips > text_w as f64);
    assert_eq!(char_space, -842);
    // Page numbers: the footer's dash line sits 7 mm below the text block (7.5).
    let footer = attr(document, "w:pgMar", "w:footer").unwrap();
    assert!((twips_to_mm(bottom - footer - 280) - 7.0).abs() < 0.1);
}

/// GB/T 9704-2012 7.3.1–7.3.3 and 6.1: title 2号 小标宋, headings 3号 黑体 and 楷体, body 3号
/// 仿宋_GB2312, with fallbacks named in the font table.
#[test]
fn fonts_and_sizes_of_gbt_9704_2012() {
    let parts = unzip(&to_docx(&finished_report()));
    let document = part(&parts, "word/document.xml");
    let paragraphs: Vec<&str> = document.split("<w:p>").skip(1).collect();
    let title = paragraphs[0];
    assert!(title.contains("w:eastAsia=\"方正小标宋简体\""));
    assert!(title.contains("<w:sz w:val=\"44\"/>"));
    assert!(title.contains("<w:jc w:val=\"center\"/>"));
    // The long title breaks after 关于.
    assert!(title.contains("安吉县人民政府关于</w:t></w:r><w:r>"));
    let with =
        |needle: &str| -> Vec<&&str> { paragraphs.iter().filter(|p| p.contains(needle)).collect() };
    let headings = with("w:val=\"Heading1\"");
    assert_eq!(headings.len(), 5);
    for h in &headings {
        assert!(h.contains("w:eastAsia=\"黑体\"") && h.contains("<w:sz w:val=\"32\"/>"));
    }
    for h in with("w:val=\"Heading2\"") {
        assert!(h.contains("w:eastAsia=\"楷体_GB2312\"") && h.contains("<w:sz w:val=\"32\"/>"));
    }
    let body = with("w:val=\"Normal\"");
    assert!(body.len() > 5);
    for p in body {
        assert!(p.contains("w:eastAsia=\"仿宋_GB2312\"") && p.contains("<w:sz w:val=\"32\"/>"));
        assert!(p.contains("w:firstLineChars=\"200\""));
    }
    let styles = part(&parts, "word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"仿宋_GB2312\""));
    let fonts = part(&parts, "word/fontTable.xml");
    for (font, fallback) in [
        ("方正小标宋简体", "宋体"),
        ("仿宋_GB2312", "仿宋"),
        ("黑体", "SimHei"),
        ("楷体_GB2312", "楷体"),
        ("宋体", "SimSun"),
    ] {
        assert!(
            fonts.contains(&format!(
                "<w:font w:name=\"{font}\"><w:altName w:val=\"{fallback}\"/>"
            )),
            "{font}"
        );
    }
}

/// GB/T 9704-2012 7.5: page numbers in 4号 half-width 宋体 digits between em dashes, odd pages
/// right and even pages left, one character in.
#[test]
fn page_numbers_gbt_9704_2012_7_5() {
    let parts = unzip(&to_docx(&finished_report()));
    assert!(part(&parts, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    for (name, jc, inset) in [
        ("word/footer1.xml", "right", "w:right=\"280\""),
        ("word/footer2.xml", "left", "w:left=\"280\""),
    ] {
        let footer = part(&parts, name);
        assert!(
            footer.contains(&format!("<w:jc w:val=\"{jc}\"/>")),
            "{name}"
        );
        assert!(footer.contains(inset), "{name}");
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
        assert!(footer.contains("w:fldCharType=\"begin\""));
        assert!(footer.contains("w:fldCharType=\"end\""));
        assert!(footer.contains("w:eastAsia=\"宋体\"") && footer.contains("w:ascii=\"宋体\""));
        assert!(footer.contains("<w:sz w:val=\"28\"/>"));
        // The text as shown: "— 1 —".
        let shown: String = footer
            .split("<w:t xml:space=\"preserve\">")
            .skip(1)
            .map(|s| &s[..s.find("</w:t>").unwrap()])
            .collect();
        assert_eq!(shown, "— 1 —");
    }
}

#[test]
fn the_five_headings_in_order_and_a_text_that_passes_the_review() {
    let report = finished_report();
    let bytes = to_docx(&report);
    let review = crate::review::review_bytes("report.docx", &bytes).unwrap();
    assert_eq!(review.format, crate::review::Format::Docx);
    assert!(
        review.inconsistencies.is_empty(),
        "{:#?}",
        review.inconsistencies
    );
    assert!(review.checked.rates >= 10);
    let found: Vec<SectionItem> = review.sections.present.iter().map(|h| h.item).collect();
    assert_eq!(found, SectionItem::ALL);
    assert!(review.sections.present.iter().all(|h| h.by_heading));
    assert_eq!(
        review.title.as_deref(),
        Some("安吉县人民政府关于2024年度法治政府建设情况的报告")
    );
    assert_eq!(review.dates.report_year, Some(2024));
    assert_eq!(
        review.dates.signed.map(|d| d.to_string()).as_deref(),
        Some("2025-03-20")
    );
    // Headings appear in the text in statutory order.
    let text = String::from_utf8_lossy(&bytes).to_string();
    let positions: Vec<usize> = (0..5)
        .map(|i| text.find(&report.numbered_heading(i)).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn prompts_are_highlighted_and_text_is_escaped() {
    let mut report = draft(
        2024,
        "某县<人民政府>&",
        &crate::annual::tests::county_figures(),
    );
    report.sections[4].paragraphs[0].text.push_str("\u{1}<w:p>");
    let parts = unzip(&to_docx(&report));
    let document = part(&parts, "word/document.xml");
    assert_well_formed("word/document.xml", document);
    assert!(document.contains("<w:highlight w:val=\"yellow\"/>"));
    assert!(document.contains("某县&lt;人民政府&gt;&amp;"));
    assert!(document.contains("&lt;w:p&gt;"));
    assert!(!document.contains('\u{1}'));
}

#[test]
fn fonts_are_configurable() {
    let options = DocxOptions {
        body: Font {
            name: "Noto Serif CJK SC".into(),
            fallback: "宋体".into(),
        },
        ..DocxOptions::default()
    };
    let parts = unzip(&to_docx_with(&finished_report(), &options));
    assert!(part(&parts, "word/document.xml").contains("w:eastAsia=\"Noto Serif CJK SC\""));
    assert!(part(&parts, "word/fontTable.xml").contains("w:name=\"Noto Serif CJK SC\""));
}
