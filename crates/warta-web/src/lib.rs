//! Warta's HTTP layer: the reader site, the JSON API, the page cache and the one [`AppError`].
//!
//! Error policy: library errors are typed in their crates and become one [`AppError`] here;
//! API routes answer problem+json, reader pages an HTML error page; bad input is never a 500.

mod admin;
mod api;
mod article_out;
/// Sessions and CSRF, public for the newsroom pages that sign people in.
pub mod auth;
mod cache;
mod client;
mod error;
mod events;
mod found;
mod metrics;
mod middleware;
mod overload;
mod paths;
mod poll;
mod public;
mod request_id;
mod respond;
mod router;
mod state;
mod surrogate;
mod upload;
mod views;
mod views_count;
mod views_flush;

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

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The Rust lines (comments left out) of every file under `src/<dir>`.
    fn code_of(dir: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut todo = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).expect("a source folder").flatten() {
                let p = e.path();
                if p.is_dir() {
                    todo.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).unwrap_or_default();
                    let code = text
                        .lines()
                        .filter(|l| !l.trim_start().starts_with("//"))
                        .collect::<Vec<_>>()
                        .join("\n");
                    out.push((p.display().to_string(), code));
                }
            }
        }
        assert!(out.len() > 5, "found the sources of src/{dir}");
        out
    }

    /// The newsroom pages and the JSON API share the newsroom layer and neutral modules
    /// (`upload`, `article_out`), never each other's code.
    #[test]
    fn the_newsroom_pages_and_the_api_do_not_use_each_others_code() {
        let mut crossings = Vec::new();
        for (dir, other) in [("admin", "api::"), ("public", "api::"), ("api", "admin::")] {
            for (file, code) in code_of(dir) {
                for (n, line) in code.lines().enumerate() {
                    let hit = line.match_indices(other).any(|(at, _)| {
                        // `crate::api::`, `super::api::`, `api::…` at a word start.
                        let before = line[..at].chars().next_back();
                        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    });
                    if hit {
                        crossings.push(format!("{file}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(crossings.is_empty(), "{}", crossings.join("\n"));
    }
}
