//! End-to-end tests: a real Warta server on a random port with its own temporary SQLite data
//! dir, driven over HTTP (and the CLI as a separate process).

mod admin;
mod admin_pages;
mod admin_roles;
mod api;
mod backup;
mod browser;
mod browser_home;
mod browser_pending;
mod browser_ux;
mod cli;
mod export;
mod feeds;
mod helpers;
mod home;
mod images;
mod import;
mod instances;
mod jobs;
mod live;
mod ninjs;
mod newsroom_api;
mod newsroom_desk;
mod newsroom_ux;
mod ops;
mod pages;
mod pending;
mod popular;
mod postgres;
mod search;
mod search_api;
mod security;
mod security_more;
mod sign_in_guard;
mod standards;
mod tokens;
