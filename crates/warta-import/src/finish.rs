//! The end of a run: "Baca juga" links to posts that came later in the file, the tags' and
//! attachments' old addresses.

use crate::wordpress::Run;
use warta_core::Block;
use warta_newsroom::SaveMode;
use warta_newsroom::input::ArticlePatch;
use warta_store::{OldPath, Term};

impl Run<'_> {
    pub(crate) async fn finish(&mut self) -> anyhow::Result<()> {
        self.fix_related().await?;
        self.tag_paths().await?;
        self.attachment_paths().await?;
        Ok(())
    }

    /// Articles saved with a "Baca juga" paragraph whose target was imported after them get
    /// their `related` block now (a second revision, like an editor's fix).
    async fn fix_related(&mut self) -> anyhow::Result<()> {
        let fixups = std::mem::take(&mut self.fixups);
        for (article, block, post) in fixups {
            let mut target = None;
            for kind in ["post", "page"] {
                if let Some(id) = self.nr.store().imported(self.key(kind, &post)).await? {
                    target = Some(id);
                }
            }
            let Some(target) = target.filter(|t| *t != article) else {
                self.report.unresolved_related += 1;
                continue;
            };
            let a = self.nr.article(self.user, article).await?;
            let mut body = a.body.clone();
            if block >= body.len() {
                continue;
            }
            body[block] = Block::Related { article_id: target };
            let patch = ArticlePatch {
                revision: Some(a.revision),
                body: Some(
                    body.iter()
                        .map(serde_json::to_value)
                        .collect::<Result<_, _>>()?,
                ),
                ..ArticlePatch::default()
            };
            if let Err(e) = self
                .nr
                .save(self.user, article, patch, SaveMode::Live)
                .await
            {
                self.report
                    .failed
                    .push(format!("'Baca juga' in article {article}: {e}"));
            }
        }
        Ok(())
    }

    /// `/tag/old-slug` and subcategory archives → the Warta tag page.
    async fn tag_paths(&mut self) -> anyhow::Result<()> {
        let mut pairs: Vec<(String, String)> = self
            .tags
            .iter()
            .map(|(slug, name)| (format!("/tag/{slug}"), name.clone()))
            .collect();
        for (nicename, name) in &self.rubriks {
            let (_, below) = self.plan.top_of(nicename);
            if below {
                let path = format!("/category/{}", self.plan.category_path(nicename));
                pairs.push((path, name.clone()));
                pairs.push((format!("/category/{nicename}"), name.clone()));
            }
        }
        for (path, name) in pairs {
            if let Some(t) = self.nr.store().term_by_name(Term::Tag, &name).await? {
                let target = OldPath {
                    target: format!("/tag/{}", t.slug),
                    target_kind: "tag".into(),
                    target_id: t.id,
                };
                self.nr.import_old_paths(&[path], &target).await?;
                self.report.old_addresses += 1;
            }
        }
        // Top-level categories below the site root keep their nested archive paths too.
        Ok(())
    }

    /// An attachment's page (`/2022/03/banjir/foto-1/`, `/?attachment_id=5`) → its post.
    async fn attachment_paths(&mut self) -> anyhow::Result<()> {
        let list: Vec<(String, String, String)> = self
            .plan
            .attachments
            .iter()
            .map(|(id, a)| (id.clone(), a.parent.clone(), a.link.clone()))
            .collect();
        for (id, parent, link) in list {
            if parent.is_empty() || parent == "0" {
                continue;
            }
            let Some(article) = self.nr.store().imported(self.key("post", &parent)).await? else {
                continue;
            };
            let a = self.nr.store().article_by_id(article).await?;
            let mut paths = vec![format!("/?attachment_id={id}")];
            if let Some(p) = crate::paths::old_path(&self.site, &link) {
                paths.push(p);
            }
            let target = OldPath {
                target: format!("/berita/{}", a.slug),
                target_kind: "article".into(),
                target_id: a.id,
            };
            self.report.old_addresses += paths.len();
            self.nr.import_old_paths(&paths, &target).await?;
        }
        Ok(())
    }
}
