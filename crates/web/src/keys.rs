//! The signing keys of the governments' logs, one file each in the key folder (default
//! `<data>/keys`), readable by the owner only (mode 0600). The public keys are in the database and
//! on the portal; a private key never leaves its file.

use std::io::Write;
use std::path::{Path, PathBuf};

use ledger::{HashAlgorithm, LogMetadata, SignatureAlgorithm, SigningKey, create_log};

/// The folder holding the private keys.
#[derive(Debug, Clone)]
pub struct KeyDir(PathBuf);

impl KeyDir {
    /// A key folder (created when the first key is written).
    pub fn new(path: impl Into<PathBuf>) -> KeyDir {
        KeyDir(path.into())
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }

    fn file_of(&self, log_id: &str) -> PathBuf {
        let safe: String = log_id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        self.0.join(format!("{safe}.key"))
    }

    /// Creates the log of a new government (SM3 and SM2, the national standards, by default) and
    /// writes its private key, refusing to overwrite an existing key file.
    pub fn create_log(
        &self,
        region_code: &str,
        government_name: &str,
        now_ms: i64,
        hash: HashAlgorithm,
        signature: SignatureAlgorithm,
    ) -> Result<LogMetadata, String> {
        let log_id = format!("fazhi:gov:{region_code}");
        let (meta, key) = create_log(
            &log_id,
            government_name,
            hash,
            signature,
            now_ms.max(0) as u64,
        )
        .map_err(|e| format!("无法生成签名密钥：{e}"))?;
        std::fs::create_dir_all(&self.0)
            .map_err(|e| format!("无法创建密钥目录 {}：{e}", self.0.display()))?;
        let file = self.file_of(&log_id);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options
            .open(&file)
            .map_err(|e| format!("无法写入密钥文件 {}：{e}", file.display()))?;
        f.write_all(key.to_text().as_bytes())
            .map_err(|e| format!("无法写入密钥文件 {}：{e}", file.display()))?;
        Ok(meta)
    }

    /// The private key of a log, checked against the public key in its metadata.
    pub fn signing_key(&self, meta: &LogMetadata) -> Result<SigningKey, String> {
        let file = self.file_of(&meta.log_id);
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("无法读取密钥文件 {}：{e}", file.display()))?;
        let key = SigningKey::from_text(&text)
            .map_err(|e| format!("密钥文件 {} 无效：{e}", file.display()))?;
        if key.public_key() != meta.public_key {
            return Err(format!(
                "密钥文件 {} 与日志 {} 的公钥不符",
                file.display(),
                meta.log_id
            ));
        }
        Ok(key)
    }
}
