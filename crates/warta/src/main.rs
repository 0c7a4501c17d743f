//! `warta`: serve the site, manage users and API tokens.

use anyhow::{Context, bail};
use clap::Parser;
use std::io::BufRead;
use std::path::PathBuf;
use warta::{Config, Overrides};
use warta_core::Role;
use warta_store::NewUser;

mod cli;
use cli::*;

/// Logs go to stderr: JSON lines (one object per event, with the request's id) when
/// `WARTA_LOG_FORMAT=json` or when stderr is not a terminal (a service manager, a container),
/// readable text on a terminal or with `WARTA_LOG_FORMAT=text`. `RUST_LOG` filters them.
fn init_logs() {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "warta=info,warta_web=info,tower_http=warn".into());
    let json = match std::env::var("WARTA_LOG_FORMAT").as_deref() {
        Ok("json") => true,
        Ok("text") => false,
        _ => !std::io::stderr().is_terminal(),
    };
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if json {
        logs.json().with_current_span(true).init();
    } else {
        logs.init();
    }
}

fn main() -> anyhow::Result<()> {
    init_logs();
    let cli = Cli::parse();
    if let Command::Internal {
        command:
            InternalCommand::EncodeAvif {
                max_bytes,
                max_pixels,
                max_dimension,
            },
    } = cli.command
    {
        // No runtime: one synchronous encode, then the process and its memory are gone.
        std::process::exit(warta_jobs::encode_avif_stdio(warta_media::MediaLimits {
            max_bytes,
            max_pixels,
            max_dimension,
        }));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli))
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve { data, listen, demo } => serve(Overrides { data, listen }, demo).await,
        Command::User {
            command:
                UserCommand::Add {
                    data,
                    email,
                    name,
                    role,
                    bio,
                },
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let role = Role::parse(&role)?;
            let email = email.trim();
            if !email.contains('@') || email.len() > 200 {
                bail!("'{email}' is not an email address");
            }
            let name = warta_core::Name::parse(&name)?;
            let password = read_password()?;
            let store = warta::open_store(&config).await?;
            let user = store
                .create_user(NewUser {
                    email,
                    name: name.as_str(),
                    role,
                    password: &password,
                    bio: &bio,
                })
                .await
                .context("adding the user")?;
            println!(
                "added {} <{}> as {}",
                user.name,
                user.email,
                user.role.as_str()
            );
            Ok(())
        }
        Command::User {
            command: UserCommand::ResetLink { data, email },
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let store = warta::open_store(&config).await?;
            let user = store
                .user_by_email(&email.trim().to_lowercase())
                .await?
                .with_context(|| format!("no user with email {email}"))?;
            let token = store
                .create_password_reset(user.id, warta_web::RESET_TTL_MS)
                .await?;
            store
                .audit(None, "password-reset-link", None, &user.email)
                .await?;
            println!(
                "one-time link for {} to set a new password (valid for one hour):",
                user.email
            );
            println!("{}/admin/atur-ulang/{token}", config.base_url);
            Ok(())
        }
        Command::Token { command } => token(command).await,
        Command::Backup { data, out } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let store = warta::open_store(&config).await?;
            let m = warta::backup::backup(&config, &store, &out).await?;
            println!("{}", warta::backup::summary(&m, &out));
            Ok(())
        }
        Command::Restore {
            data,
            force,
            backup,
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let m = warta::backup::restore(&backup, &config.data, force).await?;
            println!(
                "restored {} articles, {} revisions and {} photos (backup of {}) into {}",
                m.counts.articles,
                m.counts.revisions,
                m.counts.media,
                m.created_at,
                config.data.display()
            );
            if let Some(url) = &m.media_url {
                println!(
                    "the photos were not in the backup: they are in {url}; set WARTA_MEDIA_URL={url} (and the AWS_* variables) to serve them"
                );
            }
            Ok(())
        }
        Command::Import {
            command:
                ImportCommand::Wordpress {
                    data,
                    media_from,
                    no_fetch,
                    time_zone,
                    export,
                },
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let (report, path) =
                warta::import::wordpress_cli(&config, &export, media_from, !no_fetch, &time_zone)
                    .await?;
            print!("{}", report.summary());
            println!("report: {}", path.display());
            Ok(())
        }
        Command::Import {
            command: ImportCommand::Warta { data, export },
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let m = warta::export::import(&config, &export).await?;
            println!(
                "imported {} articles, {} accounts and {} photos ({} media files) from {} into {}",
                m.rows("articles"),
                m.rows("users"),
                m.rows("media"),
                m.media_files,
                export.display(),
                config.data.display()
            );
            Ok(())
        }
        Command::Export {
            data,
            revisions,
            out,
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let store = warta::open_store(&config).await?;
            let m = warta::export::export(&config, &store, &out, revisions).await?;
            println!(
                "exported {} articles, {} accounts and {} photos ({} media files, {} bytes) into {}",
                m.rows("articles"),
                m.rows("users"),
                m.rows("media"),
                m.media_files,
                m.media_bytes,
                out.display()
            );
            Ok(())
        }
        Command::Jobs {
            command: JobsCommand::Pending { data },
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            let store = warta::open_store(&config).await?;
            println!("{}", store.pending_jobs().await?);
            Ok(())
        }
        Command::Media {
            command: MediaCommand::Migrate { data, to },
        } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            warta::media_migrate::migrate_cli(&config, &to).await
        }
        Command::MigrateData { from, to, replace } => {
            let m = warta::migrate_data::migrate_data(&from, &to, replace).await?;
            let rows: u64 = m.tables.iter().map(|t| t.rows).sum();
            for t in m.tables.iter().filter(|t| t.rows > 0) {
                println!("{:<16} {:>8} rows  sha256 {}", t.table, t.rows, t.sha256);
            }
            println!(
                "moved {rows} rows in {} tables from {} into {}; counts and checksums match",
                m.tables.len(),
                m.source.display(),
                warta::migrate_data::redacted(&to)
            );
            println!(
                "media files were not moved: serve with the same data directory (or media_url), and WARTA_DATABASE_URL set to the new database"
            );
            Ok(())
        }
        Command::Reindex { data } => {
            let config = Config::load(&Overrides { data, listen: None })?;
            warta::reindex(&config).await
        }
        Command::Internal { .. } => bail!("internal commands run before the runtime starts"),
    }
}

async fn token(command: TokenCommand) -> anyhow::Result<()> {
    match command {
        TokenCommand::Create { data, email, name } => {
            let store = open(data).await?;
            let user = user_by_email(&store, &email).await?;
            let name = warta_core::bounded("name", &name, 0, 100)?;
            let (id, token) = store.create_named_token(user.id, &name).await?;
            println!(
                "API token {id} for {} (shown once; send it as 'Authorization: Bearer <token>'):",
                user.email
            );
            println!("{token}");
        }
        TokenCommand::List { data, email } => {
            let store = open(data).await?;
            let user = user_by_email(&store, &email).await?;
            for t in store.tokens_of(user.id).await? {
                let used = t.last_used_at.map_or_else(|| "never".into(), utc);
                let name = if t.name.is_empty() { "-" } else { &t.name };
                println!(
                    "{}\t{name}\tcreated {}\tlast used {used}",
                    t.id,
                    utc(t.created_at)
                );
            }
        }
        TokenCommand::Revoke { data, id } => {
            let store = open(data).await?;
            let t = store
                .revoke_token(id, None)
                .await
                .with_context(|| format!("revoking token {id} (see `warta token list`)"))?;
            let detail = format!("token {} '{}' milik {}", t.id, t.name, t.user_email);
            store.audit(None, "token-revoke", None, &detail).await?;
            println!("revoked token {} of {}", t.id, t.user_email);
        }
    }
    Ok(())
}

async fn open(data: Option<PathBuf>) -> anyhow::Result<warta_store::Store> {
    let config = Config::load(&Overrides { data, listen: None })?;
    warta::open_store(&config).await
}

async fn user_by_email(
    store: &warta_store::Store,
    email: &str,
) -> anyhow::Result<warta_store::UserRow> {
    store
        .user_by_email(email)
        .await?
        .with_context(|| format!("no user with email {email}"))
}

/// Epoch milliseconds as ISO 8601 in UTC.
fn utc(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| t.to_string())
}

fn read_password() -> anyhow::Result<String> {
    let password = match std::env::var("WARTA_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("password (one line on stdin):");
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("reading the password from stdin")?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.chars().count() < 10 {
        bail!("the password must have at least 10 characters");
    }
    Ok(password)
}

async fn serve(over: Overrides, demo: bool) -> anyhow::Result<()> {
    let config = Config::load(&over)?;
    let state = warta::build_state(&config).await?;
    if demo {
        let n = warta::demo::load(&state)
            .await
            .context("loading demo content")?;
        if n > 0 {
            tracing::info!(articles = n, "demo content loaded");
        }
    }
    // Listen for signals before announcing: a SIGTERM right after start then stops cleanly
    // instead of killing the process with the default action.
    let stop = shutdown_signal();
    let running = warta::start(&config, state).await?;
    tracing::info!(addr = %running.addr, base_url = %config.base_url, "Warta is serving");
    eprintln!("Warta is serving on http://{}", running.addr);
    stop.await;
    tracing::info!("shutting down");
    running.shutdown().await
}

/// Resolves on Ctrl-C or SIGTERM. The SIGTERM handler is installed when this is called, not
/// when it is first awaited.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        let ctrl_c = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        #[cfg(unix)]
        let term = async {
            match term {
                Some(mut s) => {
                    s.recv().await;
                }
                None => std::future::pending::<()>().await,
            }
        };
        #[cfg(not(unix))]
        let term = std::future::pending::<()>();
        tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    }
}
