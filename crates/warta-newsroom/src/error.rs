use warta_core::ValidationError;
use warta_store::StoreError;

/// Why a newsroom action was refused. The web crate maps each to an HTTP status.
#[derive(Debug, thiserror::Error)]
pub enum NewsroomError {
    /// Input breaks a content rule; names the field.
    #[error("{}", .0.message)]
    Invalid(ValidationError),
    /// The user's role or relation to the article does not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// The action does not fit the article's state (or a chosen slug is taken).
    #[error("{0}")]
    Conflict(String),
    /// Someone saved since the caller loaded the article.
    #[error(
        "the article was changed by someone else since you loaded it (now at revision {current}); reload and merge your changes"
    )]
    Stale { current: i64 },
    /// A save must say which revision it is based on.
    #[error(
        "say which revision your edit is based on ('revision'), so that nobody's edit is overwritten blindly"
    )]
    RevisionRequired,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(StoreError),
    /// The photo was refused (format, size, damage) or its files could not be stored.
    #[error(transparent)]
    Media(#[from] warta_media::MediaError),
    /// The server could not take the work on now (a worker stopped).
    #[error("{0}")]
    Busy(String),
    /// Mail could not be built or sent (configuration or the relay).
    #[error("mail: {0}")]
    Mail(String),
}

impl From<ValidationError> for NewsroomError {
    fn from(e: ValidationError) -> Self {
        NewsroomError::Invalid(e)
    }
}

impl From<StoreError> for NewsroomError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => NewsroomError::NotFound,
            StoreError::StaleRevision { current } => NewsroomError::Stale { current },
            StoreError::Conflict(what) => NewsroomError::Conflict(format!("{what} already exists")),
            StoreError::Invalid(why) | StoreError::InUse(why) => NewsroomError::Conflict(why),
            other => NewsroomError::Store(other),
        }
    }
}

pub type Result<T, E = NewsroomError> = std::result::Result<T, E>;

/// 403 with "your role (writer) may not {what}" unless `role` has `cap`.
pub fn require(role: warta_core::Role, cap: warta_core::Capability, what: &str) -> Result<()> {
    if role.can(cap) {
        Ok(())
    } else {
        Err(NewsroomError::Forbidden(format!(
            "your role ({}) may not {what}",
            role.as_str()
        )))
    }
}
