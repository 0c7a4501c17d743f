//! `warta import wordpress`: the wiring around warta-import — open the store (migrating it),
//! build a newsroom with the site's media folder, act as the import account, print and save
//! the report. Safe while a server runs on the same data directory (SQLite in WAL mode; the
//! server notices the new articles through the change log it polls).

use crate::config::Config;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use warta_core::Role;
use warta_media::MediaLimits;
use warta_newsroom::{MailConfig, MediaIngest, Newsroom};
use warta_store::{NewUser, Store, UserRow};

/// The account imports act as (an admin without a usable password).
pub const IMPORT_ACCOUNT: &str = "impor@warta.invalid";

/// A newsroom over `store` that writes photos to the site's media store.
pub fn newsroom(config: &Config, store: Store) -> anyhow::Result<Newsroom> {
    Ok(Newsroom::new(
        store,
        warta_core::Events::new(),
        MailConfig {
            smtp_url: None,
            from: config.mail_from.clone(),
        },
        MediaIngest {
            files: config.media_store()?,
            limits: MediaLimits {
                max_bytes: config.max_upload_bytes,
                ..MediaLimits::default()
            },
            slots: Arc::new(tokio::sync::Semaphore::new(2)),
        },
    ))
}

async fn import_account(store: &Store) -> anyhow::Result<UserRow> {
    if let Some(u) = store.user_by_email(IMPORT_ACCOUNT).await? {
        return Ok(u);
    }
    let password = warta_store::generate_token()?;
    store
        .create_user(NewUser {
            email: IMPORT_ACCOUNT,
            name: "Impor",
            role: Role::Admin,
            password: &password,
            bio: "",
        })
        .await
        .context("creating the import account")
}

/// Import a WordPress export into the site of `config`; returns the report and where its
/// JSON copy was written.
pub async fn wordpress(
    config: &Config,
    export: &Path,
    opts: &warta_import::Options,
) -> anyhow::Result<(warta_import::Report, PathBuf)> {
    let store = crate::open_store(config).await?;
    let media = config.media_store()?;
    media
        .check()
        .await
        .with_context(|| format!("preparing the media store {}", media.describe()))?;
    let nr = newsroom(config, store.clone())?;
    let user = import_account(&store).await?;
    let report = warta_import::import_wordpress(&nr, &user, export, opts).await?;
    // Scheduled posts publish themselves: make sure the scheduler waits for them.
    warta_jobs::schedule_next(&store)
        .await
        .context("enqueueing the scheduler")?;
    let path = report_path(&config.data);
    let json = serde_json::to_vec_pretty(&report)?;
    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    Ok((report, path))
}

/// [`wordpress`] with the CLI's options (a progress bar on the terminal).
pub async fn wordpress_cli(
    config: &Config,
    export: &Path,
    media_from: Option<PathBuf>,
    fetch: bool,
    time_zone: &str,
) -> anyhow::Result<(warta_import::Report, PathBuf)> {
    let opts = warta_import::Options {
        media_from,
        fetch,
        zone: jiff::tz::TimeZone::get(time_zone)
            .with_context(|| format!("unknown time zone '{time_zone}'"))?,
        progress: true,
    };
    wordpress(config, export, &opts).await
}

/// `DATA-import-YYYYMMDDTHHMMSS.json` beside the data directory.
fn report_path(data: &Path) -> PathBuf {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let name = data
        .file_name()
        .map_or_else(|| "warta-data".into(), |n| n.to_string_lossy().into_owned());
    data.with_file_name(format!("{name}-import-{stamp}.json"))
}
