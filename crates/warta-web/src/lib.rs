//! Warta's HTTP layer: the reader site, the JSON API, the page cache and the one [`AppError`].
//!
//! Error policy: library errors are typed in their crates and become one [`AppError`] here;
//! API routes answer problem+json, reader pages an HTML error page; bad input is never a 500.

mod admin;
mod api;
/// Sessions and CSRF, public for the newsroom pages that sign people in.
pub mod auth;
mod cache;
mod client;
mod error;
mod events;
mod found;
mod metrics;
mod overload;
mod paths;
mod poll;
mod public;
mod request_id;
mod respond;
mod router;
mod state;
mod surrogate;
mod views;
mod views_count;

pub use admin::RESET_TTL_MS;
pub use api::openapi::ApiDoc;
pub use error::AppError;
pub use overload::SlotConfig;
pub use poll::CHANGE_LOG_POLL;
pub use router::router;
pub use state::{AppState, WebConfig};
pub use warta_newsroom::ImageMeta;

/// Run the server until `shutdown` resolves, then finish in-flight requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let streams = app.clone();
    // Page views go to the database every few seconds, and once more when the server closes.
    let counting = app.count_views();
    // The peer address reaches handlers (sign-in limits count per client address).
    let service = router(app).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, service)
        .with_graceful_shutdown(async move {
            shutdown.await;
            // Event streams never finish on their own: end them so in-flight requests can.
            streams.close_streams();
        })
        .await;
    let _ = counting.await;
    served
}
