//! Store errors, mapped from sqlx so that callers never see SQL.

/// What went wrong in the store, in terms the web layer can answer with a status code.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record does not exist (or is outside the caller's scope).
    #[error("记录不存在")]
    NotFound,
    /// A unique key or foreign key would be violated; the string names the constraint or column.
    #[error("与已有记录冲突：{0}")]
    Conflict(String),
    /// The database cannot be reached or the pool is exhausted: answer 503.
    #[error("数据库暂时不可用")]
    Unavailable(#[source] sqlx::Error),
    /// A bad database URL or path given by the operator.
    #[error("数据库地址无效：{0}")]
    BadUrl(String),
    /// Anything else: a bug or a corrupt database.
    #[error("数据库错误：{0}")]
    Other(#[source] sqlx::Error),
    /// A migration failed.
    #[error("数据库迁移失败：{0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// An invariant of the write path was broken by the caller (a bug).
    #[error("写入路径错误：{0}")]
    WritePath(&'static str),

    /// A stored value the code cannot read back (a bug or tampering, never user input).
    #[error("存储的数据无法读取：{0}")]
    Corrupt(String),

    /// The domain refused the change, naming its rule (the caller shows it as is).
    #[error("{0}")]
    Refused(domain::Refusal),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                StoreError::Unavailable(e)
            }
            sqlx::Error::Database(db) => {
                let msg = db.message().to_owned();
                let is_unique = msg.contains("UNIQUE")
                    || msg.contains("unique")
                    || db.code().as_deref() == Some("23505");
                let is_fk = msg.contains("FOREIGN KEY")
                    || msg.contains("foreign key")
                    || db.code().as_deref() == Some("23503");
                if is_unique || is_fk {
                    let what = db.constraint().map(str::to_owned).unwrap_or(msg);
                    StoreError::Conflict(what)
                } else if db.code().as_deref() == Some("57P01")
                    || db.code().as_deref() == Some("57P03")
                {
                    StoreError::Unavailable(e)
                } else {
                    StoreError::Other(e)
                }
            }
            _ => StoreError::Other(e),
        }
    }
}

impl StoreError {
    /// True when the error means "try again later" rather than "this request is wrong".
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}
