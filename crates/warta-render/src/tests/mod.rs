//! Behaviour tests for the rendered pages, feeds and sitemaps, over shared fixtures.

mod article;
mod feeds;
mod fixtures;
mod forms;
mod home;
mod listing;
mod live;
mod pictures;
