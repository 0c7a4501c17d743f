//! The command line: every command and its options (clap derive). `main.rs` runs them.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "warta",
    version,
    about = "Warta: a news publishing system for Indonesian newsrooms"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Serve the reader site and the API (creates and migrates the database on first start).
    Serve {
        /// Data directory [env: WARTA_DATA] [default: ./warta-data]
        #[arg(long)]
        data: Option<PathBuf>,
        /// Address to listen on [env: WARTA_LISTEN] [default: 127.0.0.1:8080]
        #[arg(long)]
        listen: Option<String>,
        /// Fill an empty site with demo content.
        #[arg(long)]
        demo: bool,
    },
    /// Manage newsroom accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Copy a running embedded site (database snapshot, media, warta.toml) into a new
    /// directory. For PostgreSQL use pg_dump (see the README).
    Backup {
        #[arg(long)]
        data: Option<PathBuf>,
        /// The new directory to write the backup into.
        out: PathBuf,
    },
    /// Write a full-site export (articles, terms, accounts without passwords, media, home
    /// slots, redirects) into a new directory; `warta import warta` loads it into an empty site.
    Export {
        #[arg(long)]
        data: Option<PathBuf>,
        /// Include every saved version of every article.
        #[arg(long)]
        revisions: bool,
        /// The new directory to write the export into.
        out: PathBuf,
    },
    /// Restore a backup into a data directory (stop the server first).
    Restore {
        #[arg(long)]
        data: Option<PathBuf>,
        /// Replace a database that is already there.
        #[arg(long)]
        force: bool,
        /// The directory `warta backup` wrote.
        backup: PathBuf,
    },
    /// Import content from another system.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Rebuild this instance's search index (DATA/search/) from the database, with a
    /// progress bar. Stop the server of this data directory first: the index has one writer.
    Reindex {
        /// Data directory [env: WARTA_DATA] [default: ./warta-data]
        #[arg(long)]
        data: Option<PathBuf>,
    },
    /// Move a whole site from its SQLite database into an empty PostgreSQL database, then
    /// check every table's row count and checksum on both sides (stop the server first).
    /// Media files stay where they are: the media folder (or media_url) keeps serving them.
    MigrateData {
        /// The SQLite site: sqlite:PATH, PATH its data directory or its warta.db
        #[arg(long)]
        from: String,
        /// The PostgreSQL database, already created: postgres://USER@HOST/DATABASE
        #[arg(long)]
        to: String,
        /// Delete what the PostgreSQL database holds first, instead of refusing.
        #[arg(long)]
        replace: bool,
    },
    /// Manage the media library's storage.
    Media {
        #[command(subcommand)]
        command: MediaCommand,
    },
    /// Look at the background job queue.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Work the server hands to a child process of itself.
    #[command(hide = true)]
    Internal {
        #[command(subcommand)]
        command: InternalCommand,
    },
}

#[derive(Subcommand)]
pub(crate) enum ImportCommand {
    /// Import a WordPress export (WXR, Tools → Export). Rerunning it adds only new posts.
    Wordpress {
        #[arg(long)]
        data: Option<PathBuf>,
        /// A copy of the old site's files: `wp-content/uploads/…` is looked up under it.
        #[arg(long)]
        media_from: Option<PathBuf>,
        /// Do not fetch photos from the old site's addresses.
        #[arg(long)]
        no_fetch: bool,
        /// Time zone of post dates that have no UTC copy (drafts).
        #[arg(long, default_value = "Asia/Jakarta")]
        time_zone: String,
        /// The export file.
        export: PathBuf,
    },
    /// Load a `warta export` directory into an empty data directory.
    Warta {
        #[arg(long)]
        data: Option<PathBuf>,
        /// The export directory.
        export: PathBuf,
    },
}

#[derive(Subcommand)]
pub(crate) enum MediaCommand {
    /// Copy the media library into an S3-compatible bucket (endpoint, region and credentials
    /// from the AWS_* variables), with a progress bar. Safe to rerun: files already there with
    /// the same size are skipped. Verifies the copy and prints what to set next.
    Migrate {
        #[arg(long)]
        data: Option<PathBuf>,
        /// The bucket and prefix, e.g. s3://warta-media/situs
        #[arg(long)]
        to: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum JobsCommand {
    /// Print how many jobs wait or run (failed ones not counted), e.g. to wait for the queue
    /// to drain.
    Pending {
        #[arg(long)]
        data: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum InternalCommand {
    /// Read an original photo on stdin and write its AVIF variants, framed, on stdout.
    EncodeAvif {
        #[arg(long)]
        max_bytes: usize,
        #[arg(long)]
        max_pixels: u64,
        #[arg(long)]
        max_dimension: u32,
    },
}

#[derive(Subcommand)]
pub(crate) enum UserCommand {
    /// Add a user. The password comes from WARTA_PASSWORD or the first line of stdin.
    Add {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// contributor, writer, editor or admin
        #[arg(long)]
        role: String,
        /// A short biography shown on the author page.
        #[arg(long, default_value = "")]
        bio: String,
    },
    /// Print a one-time link (valid one hour) to set a new password.
    ResetLink {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
pub(crate) enum TokenCommand {
    /// Create an API token for a user; the token is the last line printed.
    Create {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        email: String,
        /// What the token is for (shown in lists), e.g. "impor Antara".
        #[arg(long, default_value = "")]
        name: String,
    },
    /// List a user's tokens, one a line: id, name, created, last used (UTC).
    List {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        email: String,
    },
    /// Revoke a token by its id (from `token list`); it gets 401 at once.
    Revoke {
        #[arg(long)]
        data: Option<PathBuf>,
        #[arg(long)]
        id: i64,
    },
}
