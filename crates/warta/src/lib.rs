//! The Warta binary's library: configuration, start-up wiring and the demo content, shared by
//! `main.rs` and the integration tests (through warta-testkit).
//!
//! Error policy: CLI and start-up code use `anyhow` with `.context(…)` so every failure says
//! what was being done.

pub mod app;
pub mod backup;
mod cdn;
pub mod config;
pub mod demo;
mod demo_pages;
pub mod export;
pub mod import;
pub mod media_migrate;
pub mod migrate_data;
mod reindex;

pub use app::{Running, build_state, open_store, start};
pub use config::{Config, Overrides};
pub use reindex::reindex;
pub use warta_jobs::PurgeTarget;
pub use warta_web::SlotConfig;
