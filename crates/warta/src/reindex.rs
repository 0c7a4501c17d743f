//! `warta reindex`: rebuild the search index from the database with a progress bar.

use crate::Config;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

pub async fn reindex(config: &Config) -> anyhow::Result<()> {
    let store = crate::open_store(config).await?;
    let search = crate::app::open_search(config, false)?;
    let total = store.count_published().await?;
    let bar = ProgressBar::new(u64::try_from(total).unwrap_or(0));
    bar.set_style(
        ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} artikel ({per_sec}, sisa {eta})",
        )
        .context("progress bar template")?
        .progress_chars("=> "),
    );
    bar.set_message("Mengindeks");
    let started = std::time::Instant::now();
    let n = search
        .rebuild(&store, &|done| bar.set_position(done))
        .await
        .context("rebuilding the search index")?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{n} articles indexed in {secs:.1} s ({:.0}/s)",
        n as f64 / secs.max(0.001)
    );
    Ok(())
}
