//! Excel in and out: reading the first sheet of an uploaded .xlsx into rows of text, and writing
//! a table to .xlsx. Validation of the rows belongs to the domain; this module only converts.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

/// Largest workbook accepted (an officer roster of a province fits easily).
pub const MAX_XLSX_BYTES: usize = 20 * 1024 * 1024;

/// The rows of the first sheet, every cell as trimmed text (dates as `YYYY-MM-DD`, whole numbers
/// without a decimal point). Fully empty rows are dropped; row numbers are kept by the caller
/// through the returned index plus one.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, String> {
    if bytes.len() > MAX_XLSX_BYTES {
        return Err(format!(
            "文件过大（上限{}MB）",
            MAX_XLSX_BYTES / 1024 / 1024
        ));
    }
    if bytes.len() < 4 || &bytes[..2] != b"PK" {
        return Err("文件不是有效的Excel工作簿（.xlsx）".to_owned());
    }
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|_| "文件不是有效的Excel工作簿（.xlsx），或已损坏".to_owned())?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| "工作簿中没有工作表".to_owned())?
        .map_err(|_| "无法读取第一个工作表".to_owned())?;
    let mut rows = Vec::new();
    for (i, row) in sheet.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        rows.push((i + 1, cells));
    }
    Ok(rows)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            if *b {
                "是".to_owned()
            } else {
                "否".to_owned()
            }
        }
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| dt.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#错误:{e:?}"),
    }
}

/// A workbook with one sheet: a bold header row, then the rows, columns sized to their content.
pub fn write_xlsx(
    sheet_name: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, String> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_string((r + 1) as u32, c as u16, v)
                .map_err(|e| e.to_string())?;
        }
    }
    for (c, h) in headers.iter().enumerate() {
        let widest = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|v| v.chars().count())
            .chain([h.chars().count()])
            .max()
            .unwrap_or(8);
        sheet
            .set_column_width(c as u16, (widest as f64 * 2.0 + 2.0).min(60.0))
            .map_err(|e| e.to_string())?;
    }
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_written_sheet_reads_back() {
        let rows = vec![
            vec![
                "张三".to_owned(),
                "浙A0001".to_owned(),
                "2025-01-01".to_owned(),
            ],
            vec!["李四".to_owned(), String::new(), "12".to_owned()],
        ];
        let bytes = write_xlsx("执法人员", &["姓名", "证号", "日期"], &rows).unwrap();
        let back = read_rows(&bytes).unwrap();
        assert_eq!(
            back[0],
            (
                1,
                vec!["姓名".to_owned(), "证号".to_owned(), "日期".to_owned()]
            )
        );
        assert_eq!(back[1].1, rows[0]);
        assert_eq!(back[2].1[0], "李四");
    }

    #[test]
    fn garbage_is_refused_in_chinese() {
        assert!(
            read_rows(b"not a workbook")
                .unwrap_err()
                .contains("不是有效的Excel")
        );
        assert!(
            read_rows(b"PK\x03\x04garbage")
                .unwrap_err()
                .contains("Excel")
        );
    }
}
