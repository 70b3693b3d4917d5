//! The report as an HTML page: the same structure as the .docx, every piece of text escaped, and
//! a style sheet that asks for the 公文 fonts with common fallbacks.

use super::{AnnualReport, Paragraph, ParagraphKind};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{margin:0;background:#f4f4f4}\
article{max-width:156mm;margin:2em auto;padding:37mm 26mm 35mm 28mm;background:#fff;\
font-family:'仿宋_GB2312','仿宋','FangSong',serif;font-size:16pt;line-height:28.95pt;text-align:justify}\
h1{font-family:'方正小标宋简体','小标宋','宋体','SimSun',serif;font-size:22pt;font-weight:normal;text-align:center;margin:0 0 28.95pt}\
h2{font-family:'黑体','SimHei',sans-serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0}\
h3{font-family:'楷体_GB2312','楷体','KaiTi',serif;font-size:16pt;font-weight:normal;text-indent:2em;margin:0}\
p{text-indent:2em;margin:0}\
p.prompt{background:#fff3b0}\
p.signature{text-align:right;text-indent:0;margin-right:2em}\
p.signature.first{margin-top:28.95pt}";

fn paragraph(p: &Paragraph, out: &mut String) {
    let text = escape(&p.text);
    match &p.kind {
        ParagraphKind::Subheading => out.push_str(&format!("<h3>{text}</h3>\n")),
        ParagraphKind::Prompt => out.push_str(&format!("<p class=\"prompt\">{text}</p>\n")),
        ParagraphKind::Data { indicators } => out.push_str(&format!(
            "<p class=\"data\" data-indicators=\"{}\">{text}</p>\n",
            escape(&indicators.join(" "))
        )),
        ParagraphKind::Narrative => out.push_str(&format!("<p>{text}</p>\n")),
    }
}

/// The report as a complete HTML page (UTF-8).
pub fn to_html(report: &AnnualReport) -> String {
    let title = escape(&report.title);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<article class=\"annual-report\">\n<h1>{title}</h1>\n"
    );
    for p in &report.opening {
        paragraph(p, &mut out);
    }
    for (i, section) in report.sections.iter().enumerate() {
        out.push_str(&format!(
            "<section>\n<h2>{}</h2>\n",
            escape(&report.numbered_heading(i))
        ));
        for p in &section.paragraphs {
            paragraph(p, &mut out);
        }
        out.push_str("</section>\n");
    }
    out.push_str(&format!(
        "<p class=\"signature first\">{}</p>\n",
        escape(&report.government)
    ));
    if let Some(date) = report.date_line() {
        out.push_str(&format!("<p class=\"signature\">{}</p>\n", escape(&date)));
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}
