//! Media records. The files themselves live in warta-media's storage.

use crate::rows::RawMedia;
use crate::{MediaRow, MediaVariant, Store, StoreError, now_ms};

pub struct NewMedia {
    pub original_key: String,
    pub mime: String,
    pub width: u32,
    pub height: u32,
    pub variants: Vec<MediaVariant>,
    pub caption: String,
    pub credit: String,
    pub alt: String,
    pub uploaded_by: Option<i64>,
}

const COLS: &str =
    "id, original_key, mime, width, height, variants, caption, credit, alt, created_at";

impl Store {
    pub async fn insert_media(&self, m: NewMedia) -> Result<MediaRow, StoreError> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO media (original_key, mime, width, height, variants, caption, credit, alt, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&m.original_key)
        .bind(&m.mime)
        .bind(i64::from(m.width))
        .bind(i64::from(m.height))
        .bind(serde_json::to_string(&m.variants)?)
        .bind(&m.caption)
        .bind(&m.credit)
        .bind(&m.alt)
        .bind(m.uploaded_by)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        self.media_by_id(id).await?.ok_or(StoreError::NotFound)
    }

    pub async fn media_by_id(&self, id: i64) -> Result<Option<MediaRow>, StoreError> {
        let q = format!("SELECT {COLS} FROM media WHERE id = $1");
        let raw = sqlx::query_as::<_, RawMedia>(crate::sql(&q))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        raw.map(MediaRow::try_from).transpose()
    }

    /// The media rows among `ids` that exist (order not guaranteed).
    pub async fn media_by_ids(&self, ids: &[i64]) -> Result<Vec<MediaRow>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let q = format!(
            "SELECT {COLS} FROM media WHERE id IN ({})",
            crate::placeholders(ids.len())
        );
        let query = crate::bind_ids(sqlx::query_as::<_, RawMedia>(crate::sql(&q)), ids);
        query
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(MediaRow::try_from)
            .collect()
    }
}
