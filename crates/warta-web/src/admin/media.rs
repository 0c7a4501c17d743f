//! The media library in the newsroom: a searchable grid, upload, describing a photo, and
//! deleting one that no article uses.

use super::CsrfForm;
use super::{Staff, error_page, page};
use crate::error::AppError;
use crate::paths;
use crate::state::AppState;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::Value;
use serde::Deserialize;
use warta_core::Capability;
use warta_newsroom::ImageMeta;
use warta_store::MediaRow;

const PER_PAGE: u32 = 24;

/// The variant closest to 480 pixels wide (the grid's size), else the original.
fn thumb(m: &MediaRow) -> String {
    m.variants
        .iter()
        .min_by_key(|v| v.width.abs_diff(480))
        .map(|v| paths::media(&v.key))
        .unwrap_or_else(|| paths::media(&m.original_key))
}

fn media_value(m: &MediaRow) -> Value {
    minijinja::context! {
        id => m.id, thumb => thumb(m), original => paths::media(&m.original_key),
        width => m.width, height => m.height,
        caption => m.caption.clone(), credit => m.credit.clone(), alt => m.alt.clone(),
    }
}

fn flash(staff: &Staff, ok: &str) -> Option<&'static str> {
    warta_admin::strings(staff.lang())
        .get(format!("ok_{ok}").as_str())
        .copied()
        .filter(|_| !ok.is_empty())
}

#[derive(Deserialize, Default)]
pub struct GridQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tanggal: String,
    #[serde(default)]
    halaman: Option<u32>,
    #[serde(default)]
    ok: String,
}

/// `GET /admin/media`: the library, newest first, 24 to a page.
pub async fn media_grid(
    State(app): State<AppState>,
    staff: Staff,
    Query(q): Query<GridQuery>,
) -> Response {
    let run = async {
        let ctx = grid(&app, &staff, &q).await?;
        let title = warta_admin::strings(staff.lang())["media"];
        Ok::<_, AppError>(page(&app, &staff, "media.html", title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// The grid page's context: one page of the library and the upload form's limit.
async fn grid(app: &AppState, staff: &Staff, q: &GridQuery) -> Result<Value, AppError> {
    {
        let day = q.tanggal.trim();
        let (from, to) = if day.is_empty() {
            (None, None)
        } else {
            let (a, b) = warta_core::wib_day_range(day).ok_or_else(|| {
                AppError::BadRequest(format!("'{day}' is not a date (YYYY-MM-DD)"))
            })?;
            (Some(a), Some(b))
        };
        let page_no = q.halaman.unwrap_or(1).clamp(1, 100_000);
        let (rows, total) = app
            .store()
            .search_media(&q.q, from, to, page_no, PER_PAGE)
            .await?;
        let link = |p: u32| {
            format!(
                "/admin/media?q={}&tanggal={}&halaman={p}",
                super::urlencode(&q.q),
                super::urlencode(day)
            )
        };
        let max = app.config().media_limits.max_bytes;
        Ok(minijinja::context! {
            items => rows.iter().map(media_value).collect::<Vec<_>>(),
            total => total, q => q.q.clone(), tanggal => day,
            flash => flash(staff, &q.ok),
            prev => (page_no > 1).then(|| link(page_no - 1)),
            next => (i64::from(page_no) * i64::from(PER_PAGE) < total).then(|| link(page_no + 1)),
            max_upload => max,
            max_upload_mb => warta_admin::megabytes_of(u64::try_from(max).unwrap_or(u64::MAX)),
        })
    }
}

/// `POST /admin/media`: upload from the form (file, caption, credit, alt). The `_csrf` field
/// must come first, before anything else is read. A refused upload shows the library again
/// with the message and the typed caption, credit and alt text.
pub async fn media_upload(
    State(app): State<AppState>,
    staff: Staff,
    form: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut up = crate::upload::Upload::default();
    let run = async {
        let mut form = form.map_err(|e| AppError::BadRequest(e.body_text()))?;
        crate::upload::read_upload_into(&mut form, Some(&staff.0), &mut up).await?;
        let bytes = up
            .file
            .take()
            .ok_or_else(|| AppError::Unprocessable("choose a photo file to upload".into()))?;
        let meta = ImageMeta {
            caption: up.caption.clone(),
            credit: up.credit.clone(),
            alt: up.alt.clone(),
            uploaded_by: Some(staff.0.user.id),
        };
        let row = app.ingest(bytes, meta).await?;
        Ok::<_, AppError>(
            Redirect::to(&format!("/admin/media/{}?ok=upload", row.id)).into_response(),
        )
    };
    let e = match run.await {
        Ok(r) => return r,
        Err(e) => crate::upload::name_limit(e, app.config().media_limits.max_bytes),
    };
    upload_refused(&app, &staff, e, &up).await
}

/// The library page again after a refused upload, or the error page when the CSRF check
/// failed (nothing typed may be shown to a forged request).
async fn upload_refused(
    app: &AppState,
    staff: &Staff,
    e: AppError,
    up: &crate::upload::Upload,
) -> Response {
    if matches!(e, AppError::Forbidden(_) | AppError::Internal(_)) {
        return error_page(app, Some(staff), e);
    }
    let ctx = match grid(app, staff, &GridQuery::default()).await {
        Ok(ctx) => ctx,
        Err(e) => return error_page(app, Some(staff), e),
    };
    let status = e.status();
    let typed = minijinja::context! {
        error => warta_admin::localize(staff.lang(), &e.public_message()),
        typed => minijinja::context! { caption => up.caption.clone(), credit => up.credit.clone(), alt => up.alt.clone() },
    };
    let title = warta_admin::strings(staff.lang())["media"];
    let mut res = page(
        app,
        staff,
        "media.html",
        title,
        minijinja::context! { ..typed, ..ctx },
    );
    *res.status_mut() = status;
    res
}

fn media_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::NotFound(format!("no photo '{raw}'")))
}

async fn photo(app: &AppState, raw: &str) -> Result<MediaRow, AppError> {
    let id = media_id(raw)?;
    app.store()
        .media_by_id(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no photo with id {id}")))
}

#[derive(Deserialize, Default)]
pub struct ItemQuery {
    #[serde(default)]
    ok: String,
}

/// `GET /admin/media/{id}`: describe a photo, see where it is used, delete it.
pub async fn media_item(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    Query(q): Query<ItemQuery>,
) -> Response {
    let run = async {
        let m = photo(&app, &raw).await?;
        let usage = app.store().media_usage(m.id).await?;
        let ctx = minijinja::context! {
            m => media_value(&m),
            usage => usage.iter().map(|(id, h)| minijinja::context! { id => id, headline => h }).collect::<Vec<_>>(),
            can_delete => staff.can(Capability::EditAny),
            flash => flash(&staff, &q.ok),
        };
        let title = format!("{} {}", warta_admin::strings(staff.lang())["photo"], m.id);
        Ok::<_, AppError>(page(&app, &staff, "media_item.html", &title, ctx))
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

#[derive(Deserialize)]
pub struct MetaForm {
    #[serde(default)]
    caption: String,
    #[serde(default)]
    credit: String,
    #[serde(default)]
    alt: String,
}

/// `POST /admin/media/{id}`: save caption, credit and alt text.
pub async fn media_save(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(f): CsrfForm<MetaForm>,
) -> Response {
    let run = async {
        let id = media_id(&raw)?;
        let text = warta_newsroom::PhotoText {
            caption: Some(f.caption),
            credit: Some(f.credit),
            alt: Some(f.alt),
        };
        app.newsroom()
            .describe_photo(&staff.0.user, id, text)
            .await?;
        Ok::<_, AppError>(Redirect::to(&format!("/admin/media/{id}?ok=saved")).into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}

/// `POST /admin/media/{id}/hapus`: delete (editors), refused while articles use it.
pub async fn media_delete(
    State(app): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    CsrfForm(_): CsrfForm<super::session::Empty>,
) -> Response {
    let run = async {
        staff.require(Capability::EditAny, "delete photos")?;
        let m = photo(&app, &raw).await?;
        app.newsroom().delete_photo(&staff.0.user, m.id).await?;
        Ok::<_, AppError>(Redirect::to("/admin/media?ok=deleted").into_response())
    };
    run.await
        .unwrap_or_else(|e| error_page(&app, Some(&staff), e))
}
