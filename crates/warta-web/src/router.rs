//! Every route in one place.

use crate::state::AppState;
use crate::{admin, api, public};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub fn router(app: AppState) -> Router {
    let upload_limit = app.0.config.media_limits.max_bytes + 64 * 1024;
    let api = Router::new()
        .route(
            "/articles",
            post(api::articles::create).get(api::articles::list),
        )
        .route(
            "/articles/{id}",
            get(api::articles::get).patch(api::articles::patch),
        )
        .route("/articles/{id}/ninjs", get(api::ninjs::get))
        .route("/articles/{id}/publish", post(api::workflow::publish))
        .route(
            "/articles/{id}/pending",
            delete(api::workflow::discard_pending),
        )
        .route("/articles/{id}/unpublish", post(api::workflow::unpublish))
        .route("/articles/{id}/replies", post(api::replies::add))
        .route(
            "/articles/{id}/replies/{reply}",
            delete(api::replies::delete),
        )
        .route("/articles/{id}/submit", post(api::workflow::submit))
        .route("/articles/{id}/return", post(api::workflow::send_back))
        .route("/articles/{id}/revisions", get(api::history::revisions))
        .route(
            "/articles/{id}/revisions/{revision}/restore",
            post(api::history::restore),
        )
        .route(
            "/articles/{id}/presence",
            post(api::history::presence).delete(api::presence::leave),
        )
        .route("/articles/{id}/live", post(api::history::add_live_entry))
        .route(
            "/media",
            post(api::media::upload)
                .get(api::media::list)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/media/{id}",
            get(api::media::get)
                .patch(api::media::patch)
                .delete(api::media::delete),
        )
        .route(
            "/rubriks",
            get(api::terms::rubriks).post(api::terms::create_rubrik),
        )
        .route("/tags", get(api::terms::tags))
        .route("/home", get(api::home::get).put(api::home::put))
        .route("/topics", get(api::terms::topics))
        .route("/search", get(api::search::search))
        .route("/articles/{id}/suggestions", get(api::search::suggestions))
        .route("/analyze", get(api::search::analyze))
        .route("/wire", get(api::wire::list))
        .route("/wire/{id}/draft", post(api::wire::draft))
        .route("/openapi.json", get(api::openapi::document))
        .fallback(api_not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            crate::middleware::gate_api,
        ))
        .layer(axum::middleware::from_fn(api::problem_answers))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            api::localize::problem_language,
        ));

    let newsroom = Router::new()
        .route("/", get(admin::dashboard))
        .route("/masuk", get(admin::sign_in_form).post(admin::sign_in))
        .route("/keluar", post(admin::sign_out))
        .route("/artikel", get(admin::article_list))
        .route(
            "/artikel/baru",
            get(admin::new_article_page).post(admin::new_article),
        )
        .route(
            "/artikel/{id}",
            get(admin::editor_page).post(admin::editor_post),
        )
        .route("/artikel/{id}/pratinjau", get(admin::preview))
        .route("/artikel/{id}/tertunda", get(admin::pending_page))
        .route("/artikel/{id}/perbarui", post(admin::apply_pending))
        .route("/artikel/{id}/buang", post(admin::discard_pending))
        .route("/artikel/{id}/revisi", get(admin::revisions))
        .route(
            "/artikel/{id}/hak-jawab",
            get(admin::replies_page).post(admin::add_reply),
        )
        .route(
            "/artikel/{id}/hak-jawab/{reply}/hapus",
            post(admin::delete_reply),
        )
        .route(
            "/artikel/{id}/revisi/{revision}/pulihkan",
            post(admin::restore),
        )
        .route("/keluar-semua", post(admin::sign_out_everywhere))
        .route("/akun", get(admin::account))
        .route("/akun/sandi", post(admin::change_password))
        .route("/akun/preferensi", post(admin::save_prefs))
        .route("/akun/token/{id}/cabut", post(admin::revoke_own))
        .route("/pengguna/token/{id}/cabut", post(admin::revoke_any))
        .route("/pengguna/{id}/nonaktif", post(admin::disable))
        .route("/pengguna/{id}/aktif", post(admin::enable))
        .route("/lupa", get(admin::forgot_form).post(admin::forgot))
        .route(
            "/atur-ulang/{token}",
            get(admin::reset_form).post(admin::reset),
        )
        .route(
            "/media",
            get(admin::media_grid)
                .post(admin::media_upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/media/{id}",
            get(admin::media_item).post(admin::media_save),
        )
        .route("/media/{id}/hapus", post(admin::media_delete))
        .route("/audit", get(admin::audit))
        .route("/kawat", get(admin::wire_queue))
        .route("/kawat/{id}/foto", get(admin::wire_photo))
        .route("/kawat/{id}/draf", post(admin::wire_draft))
        .route(
            "/kawat/sumber",
            get(admin::wire_feeds).post(admin::wire_feed_add),
        )
        .route("/kawat/sumber/{id}/ambil", post(admin::wire_poll_now))
        .route("/kawat/sumber/{id}/rubrik", post(admin::wire_feed_rubrik))
        .route("/beranda", get(admin::home_page).post(admin::home_post))
        .route("/taksonomi", get(admin::taxonomy))
        .route("/taksonomi/penulis/{id}", post(admin::update_author))
        .route("/taksonomi/rubrik/{id}/urutan", post(admin::move_rubrik))
        .route("/taksonomi/{kind}", post(admin::create_term))
        .route("/taksonomi/{kind}/{id}", post(admin::update_term))
        .route("/pengguna", get(admin::users).post(admin::create_user))
        .route("/pengguna/{id}/peran", post(admin::change_role))
        .route("/static/{name}", get(admin::asset))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            crate::middleware::gate_newsroom,
        ));

    let https = app.renderer().site().base_url.starts_with("https://");
    let site = Router::new()
        .route("/", get(public::home))
        .route("/berita/{slug}", get(public::article))
        .route("/halaman/{slug}", get(public::outlet_page))
        .route("/berita/{slug}/langsung", get(public::live_stream))
        .route("/rubrik/{slug}", get(public::rubrik))
        .route("/rubrik/{slug}/{file}", get(public::rubrik_feed))
        .route("/tag/{slug}", get(public::tag))
        .route("/tag/{slug}/{file}", get(public::tag_feed))
        .route("/topik/{slug}", get(public::topic))
        .route("/topik/{slug}/{file}", get(public::topic_feed))
        .route("/penulis/{slug}", get(public::author))
        .route("/indeks", get(public::indeks))
        .route("/terpopuler", get(public::terpopuler))
        .route("/terpopuler/{slug}", get(public::terpopuler_rubrik))
        .route("/b/{id}", get(public::beacon))
        .route("/cari", get(public::search))
        .route("/rss.xml", get(public::site_rss))
        .route("/atom.xml", get(public::site_atom))
        .route("/sitemap.xml", get(public::sitemap_index))
        .route("/sitemap-news.xml", get(public::news_sitemap))
        .route("/robots.txt", get(public::robots))
        .route(warta_render::STYLESHEET_PATH, get(public::stylesheet))
        .route(warta_render::LIVE_SCRIPT_PATH, get(public::live_script))
        .route(warta_render::TIME_SCRIPT_PATH, get(public::time_script))
        .route("/static/logo.png", get(public::logo))
        .route("/favicon.svg", get(public::favicon))
        .route("/favicon.ico", get(public::favicon))
        .route("/media/{*key}", get(public::media))
        .route("/healthz", get(public::healthz))
        .route("/readyz", get(public::readyz))
        .route("/metrics", get(crate::middleware::scrape))
        .route("/{file}", get(public::root_file))
        .nest("/api/v1", api)
        .nest("/admin", newsroom)
        .route(
            "/admin/",
            get(|| async { axum::response::Redirect::permanent("/admin") }),
        )
        .fallback(page_not_found)
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            public::redirect_old_addresses,
        ))
        .layer(DefaultBodyLimit::max(2 * 1024 * 1024))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-content-type-options"),
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("referrer-policy"),
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("SAMEORIGIN"),
        ))
        .layer(CatchPanicLayer::new());
    // Served over HTTPS (the configured base URL says so): browsers keep to HTTPS for a year.
    let site = if https {
        site.layer(SetResponseHeaderLayer::overriding(
            axum::http::header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        ))
    } else {
        site
    };
    site.layer(axum::middleware::from_fn_with_state(
        app.clone(),
        crate::middleware::count,
    ))
    .layer(
        TraceLayer::new_for_http()
            .make_span_with(crate::request_id::span)
            .on_failure(crate::request_id::on_failure),
    )
    .layer(axum::middleware::from_fn(crate::request_id::assign))
    .with_state(app)
}

/// `Strict-Transport-Security` when the base URL is https.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

async fn api_not_found() -> Response {
    crate::error::AppError::NotFound("no such API route".into()).into_response()
}

async fn page_not_found(State(app): State<AppState>) -> Response {
    public::error_response(&app, crate::error::AppError::not_found()).await
}
