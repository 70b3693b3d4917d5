//! Typed errors of report review; every message is in Chinese because it is shown to the
//! legal-affairs office as is.

use thiserror::Error;

/// Why a file could not be reviewed. Bad input is normal, so every case is an error value,
/// never a panic.
#[derive(Debug, Error)]
pub enum ReviewError {
    /// The file has no bytes, or no text once markup and boilerplate are removed.
    #[error("文件为空：没有可审读的报告正文")]
    Empty,
    /// The file is larger than [`crate::review::MAX_INPUT_BYTES`].
    #[error(
        "文件过大：{size} 字节，超过审读上限 {limit} 字节（约 {limit_mb} MB），请拆分或压缩后再上传"
    )]
    TooLarge {
        /// Size of the file in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
        /// The limit in whole megabytes, for the message.
        limit_mb: usize,
    },
    /// The bytes are a PDF, whatever the file name says.
    #[error("文件是 PDF（扩展名可能被改过）：暂不支持 PDF，请上传纯文本、.docx 或 HTML 格式的报告")]
    Pdf,
    /// The bytes are some other binary format (old .doc, image, archive…).
    #[error("无法识别的文件格式（{0}）：请上传纯文本、.docx 或 HTML 格式的报告")]
    Unsupported(String),
    /// A zip file that is not a readable Word document.
    #[error(".docx 文件无法读取：{0}")]
    Docx(String),
    /// The text is not Chinese (for instance a report in English).
    #[error("报告正文不是中文（仅识别到 {cjk} 个汉字）：审读只支持中文的法治政府建设年度报告")]
    NotChinese {
        /// Number of CJK characters found.
        cjk: usize,
    },
    /// The file could not be read from disk.
    #[error("读取文件失败：{0}")]
    Io(#[from] std::io::Error),
}
