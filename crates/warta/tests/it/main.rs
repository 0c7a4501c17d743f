//! End-to-end tests: a real Warta server on a random port with its own temporary SQLite data
//! dir (or its own PostgreSQL database), driven over HTTP (and the CLI as a separate process).

/// Each named `async fn NAME(db: Db)` (written once) runs as two tests, `NAME::sqlite` and
/// `NAME::postgres`; the PostgreSQL one gets a fresh database of its own and, like every
/// PostgreSQL test, fails under `WARTA_TEST_REQUIRE_ALL=1` when there is no server.
macro_rules! on_both_backends {
    ($($test:ident),+ $(,)?) => {$(
        mod $test {
            #[tokio::test]
            async fn sqlite() {
                super::$test(crate::helpers::Db::Sqlite).await
            }
            #[tokio::test]
            async fn postgres() {
                super::$test(crate::helpers::Db::Postgres).await
            }
        }
    )+};
}

mod admin;
mod admin_pages;
mod admin_roles;
mod api;
mod backup;
mod browser;
mod browser_forms;
mod browser_home;
mod browser_pending;
mod browser_ux;
mod browser_wire;
mod cdn;
mod cli;
mod export;
mod feeds;
mod forms;
mod helpers;
mod home;
mod images;
mod import;
mod instances;
mod jobs;
mod live;
mod migrate_data;
mod moto;
mod newsroom_access;
mod newsroom_api;
mod newsroom_desk;
mod newsroom_ux;
mod ninjs;
mod ops;
mod pages;
mod pending;
mod pings;
mod popular;
mod postgres;
mod restore;
mod s3;
mod search;
mod search_api;
mod security;
mod security_more;
mod sign_in_guard;
mod standards;
mod tokens;
mod wire;
mod wire_drafts;
