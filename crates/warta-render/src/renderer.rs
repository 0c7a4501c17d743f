//! [`Renderer`]: one per site, holding the compiled templates.

use crate::filters::absolute;
use crate::views::{
    ArticleView, BlockView, FeedView, ListingKind, ListingView, LiveEntryView, NewsEntry,
    PageContext, Site, SitemapEntry, SitemapMonth,
};
use crate::{RenderError, env, jsonld};
use minijinja::{Environment, Value, context};

/// An update is shown ("Diperbarui: …") only when it came more than a minute after publishing.
const UPDATE_THRESHOLD_MS: i64 = 60_000;

/// Renders reader pages, feeds and sitemaps for one site. Cheap to share behind an `Arc`.
#[derive(Debug, Clone)]
pub struct Renderer {
    site: Site,
    env: Environment<'static>,
}

impl Renderer {
    /// Compiles the embedded templates. A trailing `/` on `base_url` is dropped.
    pub fn new(mut site: Site) -> Result<Renderer, RenderError> {
        let trimmed = site.base_url.trim_end_matches('/').len();
        site.base_url.truncate(trimmed);
        let env = env::build(&site)?;
        Ok(Renderer { site, env })
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    fn abs(&self, path: &str) -> String {
        absolute(&self.site.base_url, path)
    }

    fn render(&self, name: &str, ctx: Value) -> Result<String, RenderError> {
        Ok(self.env.get_template(name)?.render(ctx)?)
    }

    pub fn article_page(&self, ctx: &PageContext, a: &ArticleView) -> Result<String, RenderError> {
        // The dateline opens the first page only.
        let later_page = a
            .paging
            .as_ref()
            .is_some_and(|p| p.current.unwrap_or(1) > 1);
        let dateline_at = a
            .body
            .iter()
            .position(|b| matches!(b, BlockView::Paragraph { .. }))
            .filter(|_| !a.dateline.trim().is_empty() && !later_page);
        let news = jsonld::script_safe(&jsonld::news_article(&self.site, a));
        let crumbs = jsonld::script_safe(&jsonld::breadcrumb(&self.site, a));
        let claim = crate::claim::claim_review(&self.site, a)
            .map(|c| Value::from_safe_string(jsonld::script_safe(&c)));
        // A paged article's canonical address is its whole text.
        let canonical = match &a.paging {
            Some(p) => self.abs(&p.all_url),
            None => self.abs(&a.url),
        };
        self.render(
            "article.html",
            context! {
                nav => &ctx.nav,
                footer => &ctx.footer,
                popular => &ctx.popular,
                current_url => &a.url,
                canonical,
                a,
                dateline_at,
                claim_ld => claim,
                updated => a.updated_at > a.published_at + UPDATE_THRESHOLD_MS,
                og_image => jsonld::og_image(&self.site, a).map(|v| Value::from_serialize(&v)),
                jsonld => Value::from_safe_string(news),
                breadcrumb_ld => Value::from_safe_string(crumbs),
            },
        )
    }

    /// One live-blog entry as the HTML fragment the article page shows (`<article
    /// class="live-entry" id="entri-N">`), for readers' event streams.
    pub fn live_entry(&self, e: &LiveEntryView) -> Result<String, RenderError> {
        self.render("live_entry.html", context! { e })
    }

    pub fn listing_page(&self, ctx: &PageContext, l: &ListingView) -> Result<String, RenderError> {
        let mut title = if l.kind == ListingKind::Home {
            format!("{} - {}", self.site.name, self.site.tagline)
        } else {
            format!("{} - {}", l.title, self.site.name)
        };
        if l.page > 1 {
            title = format!("{title} - Halaman {}", l.page);
        }
        let own_feed = l.feed_url.as_deref().filter(|u| *u != "/rss.xml");
        let website_ld = (l.kind == ListingKind::Home)
            .then(|| Value::from_safe_string(jsonld::script_safe(&jsonld::website(&self.site))));
        self.render(
            "listing.html",
            context! {
                nav => &ctx.nav,
                footer => &ctx.footer,
                current_url => &l.url,
                canonical => self.abs(&l.url),
                page_title => title,
                own_feed,
                website_ld,
                prev_abs => l.prev_url.as_deref().map(|u| self.abs(u)),
                next_abs => l.next_url.as_deref().map(|u| self.abs(u)),
                l,
            },
        )
    }

    /// The curated front page.
    pub fn home_page(&self, ctx: &PageContext, h: &crate::HomeView) -> Result<String, RenderError> {
        let website_ld = jsonld::script_safe(&jsonld::website(&self.site));
        self.render(
            "home.html",
            context! {
                nav => &ctx.nav,
                footer => &ctx.footer,
                popular => &ctx.popular,
                current_url => "/",
                canonical => self.abs("/"),
                page_title => format!("{} - {}", self.site.name, self.site.tagline),
                website_ld => Value::from_safe_string(website_ld),
                h,
            },
        )
    }

    /// `/terpopuler`: the most-read stories of the last 24 hours and 7 days, site-wide or of
    /// one rubrik (`rubrik`), with links to every rubrik's list.
    pub fn popular_page(
        &self,
        ctx: &PageContext,
        p: &crate::PopularView,
    ) -> Result<String, RenderError> {
        let title = match &p.rubrik {
            Some(r) => format!("Terpopuler {} - {}", r.title, self.site.name),
            None => format!("Terpopuler - {}", self.site.name),
        };
        self.render(
            "terpopuler.html",
            context! {
                nav => &ctx.nav,
                footer => &ctx.footer,
                current_url => &p.url,
                canonical => self.abs(&p.url),
                page_title => title,
                p,
            },
        )
    }

    /// An error page with the site's navigation. `title` is the heading; when it is empty the
    /// standard Indonesian heading for `status` is used (404 "Halaman tidak ditemukan", 410
    /// "Berita ini sudah tidak tersedia", 500 "Terjadi kesalahan pada server", …).
    pub fn error_page(
        &self,
        ctx: &PageContext,
        status: u16,
        title: &str,
        message: &str,
    ) -> Result<String, RenderError> {
        self.error_page_back(ctx, status, title, message, None)
    }

    /// [`Renderer::error_page`] with a link back to `back` (e.g. an article's first page).
    pub fn error_page_back(
        &self,
        ctx: &PageContext,
        status: u16,
        title: &str,
        message: &str,
        back: Option<&str>,
    ) -> Result<String, RenderError> {
        let heading = match title.trim() {
            "" => default_error_heading(status),
            t => t,
        };
        self.render(
            "error.html",
            context! { nav => &ctx.nav, footer => &ctx.footer, current_url => "", status, heading, message, back },
        )
    }

    pub fn rss(&self, feed: &FeedView) -> Result<String, RenderError> {
        let last_build = feed
            .items
            .iter()
            .map(|i| i.updated_at.max(i.published_at))
            .max();
        self.render("rss.xml", context! { feed, last_build })
    }

    /// The same channel as Atom 1.0; `updated` is the newest item's time, or `now_ms` for an
    /// empty feed (Atom requires one).
    pub fn atom(&self, feed: &FeedView, now_ms: i64) -> Result<String, RenderError> {
        let updated = feed
            .items
            .iter()
            .map(|i| i.updated_at.max(i.published_at))
            .max()
            .unwrap_or(now_ms);
        self.render("atom.xml", context! { feed, updated })
    }

    /// A sitemap index: the news sitemap(s) at `news` (paths), then `/sitemap-YYYY-MM.xml`
    /// for each month. With no months and several news paths it is the split news sitemap.
    pub fn sitemap_index(
        &self,
        months: &[SitemapMonth],
        news: &[String],
    ) -> Result<String, RenderError> {
        let months: Vec<Value> = months
            .iter()
            .map(|m| {
                let path = format!("/sitemap-{:04}-{:02}.xml", m.year, m.month);
                context! { loc => self.abs(&path), lastmod => m.lastmod }
            })
            .collect();
        let news: Vec<String> = news.iter().map(|p| self.abs(p)).collect();
        self.render("sitemap_index.xml", context! { months, news })
    }

    pub fn sitemap_urls(&self, entries: &[SitemapEntry]) -> Result<String, RenderError> {
        self.render("sitemap_urls.xml", context! { entries })
    }

    pub fn news_sitemap(&self, entries: &[NewsEntry]) -> Result<String, RenderError> {
        self.render("news_sitemap.xml", context! { entries })
    }

    /// The site's icon: the first letter of its name, white on the accent colour (SVG, a few
    /// hundred bytes), served at `/favicon.svg` and `/favicon.ico`.
    pub fn favicon_svg(&self) -> String {
        let letter = self
            .site
            .name
            .chars()
            .find(|c| c.is_alphanumeric())
            .map_or_else(|| "W".to_string(), |c| c.to_uppercase().to_string());
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\">\
             <rect width=\"64\" height=\"64\" rx=\"12\" fill=\"#a3161a\"/>\
             <text x=\"32\" y=\"46\" font-family=\"Georgia,serif\" font-size=\"42\" \
             font-weight=\"700\" fill=\"#fff\" text-anchor=\"middle\">{letter}</text></svg>"
        )
    }

    pub fn robots_txt(&self) -> String {
        let base = &self.site.base_url;
        format!(
            "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\n\n\
             Sitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n"
        )
    }

    /// One of the outlet's own pages (`/halaman/{slug}`): headline, text, last update.
    pub fn outlet_page(&self, ctx: &PageContext, a: &ArticleView) -> Result<String, RenderError> {
        let ld = jsonld::script_safe(&crate::claim::web_page(&self.site, a));
        self.render(
            "halaman.html",
            context! {
                nav => &ctx.nav,
                footer => &ctx.footer,
                current_url => &a.url,
                canonical => self.abs(&a.url),
                a,
                jsonld => Value::from_safe_string(ld),
            },
        )
    }

    /// The article's whole body as plain HTML with absolute addresses, for syndication:
    /// ninjs (`with_dateline` false: the dateline is its `located`) and feeds (true: the
    /// dateline opens the first paragraph, as on the page).
    pub fn syndication_body(
        &self,
        a: &ArticleView,
        with_dateline: bool,
    ) -> Result<String, RenderError> {
        let dateline_at = a
            .body
            .iter()
            .position(|b| matches!(b, BlockView::Paragraph { .. }))
            .filter(|_| with_dateline && !a.dateline.trim().is_empty());
        self.render("ninjs_body.html", context! { a, dateline_at })
    }

    /// The article's schema.org NewsArticle (LiveBlogPosting when live) as JSON text, safe to place inside `<script>`.
    pub fn jsonld_article(&self, a: &ArticleView) -> String {
        jsonld::script_safe(&jsonld::news_article(&self.site, a))
    }
}

fn default_error_heading(status: u16) -> &'static str {
    match status {
        400 => "Permintaan tidak valid",
        401 => "Silakan masuk terlebih dahulu",
        403 => "Akses ditolak",
        404 => "Halaman tidak ditemukan",
        405 => "Metode tidak diizinkan",
        410 => "Berita ini sudah tidak tersedia",
        413 => "Berkas terlalu besar",
        429 => "Terlalu banyak permintaan",
        500 => "Terjadi kesalahan pada server",
        502..=504 => "Layanan sedang tidak tersedia",
        _ => "Terjadi kesalahan",
    }
}
