//! schema.org for the story forms: `ClaimReview` for a fact check (what Google's Fact Check
//! Explorer reads) and `WebPage` for the outlet's own pages.

use crate::filters::absolute;
use crate::views::{ArticleView, Site};
use serde_json::{Value, json};

/// The fact check of a `factcheck` article as a ClaimReview: `claimReviewed`, the reviewed
/// claim as a CreativeWork by the claimant where it appeared (`itemReviewed`), and the
/// verdict as `reviewRating.alternateName`. `None` for other kinds or without a claim.
pub(crate) fn claim_review(site: &Site, a: &ArticleView) -> Option<Value> {
    if a.kind != "factcheck" {
        return None;
    }
    let f = a
        .fact_check
        .as_ref()
        .filter(|f| !f.claim.trim().is_empty())?;
    let url = absolute(
        &site.base_url,
        a.paging.as_ref().map_or(&a.url, |p| &p.all_url),
    );
    let mut item = json!({ "@type": "CreativeWork" });
    if !f.claimant.trim().is_empty() {
        item["author"] = json!({ "@type": "Person", "name": f.claimant });
    }
    if !f.appeared_in.is_empty() {
        item["url"] = f.appeared_in.clone().into();
    }
    Some(json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "headline": crate::jsonld::truncate_headline(&a.headline),
        "datePublished": warta_core::iso8601_wib(a.published_at),
        "claimReviewed": f.claim,
        "itemReviewed": item,
        "author": {
            "@type": "NewsMediaOrganization",
            "name": site.name,
            "url": format!("{}/", site.base_url),
        },
        "reviewRating": {
            "@type": "Rating",
            "alternateName": f.verdict,
        },
        "inLanguage": "id-ID",
    }))
}

/// One of the outlet's own pages as a schema.org WebPage of the publisher.
pub(crate) fn web_page(site: &Site, a: &ArticleView) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": a.headline,
        "description": a.dek,
        "url": absolute(&site.base_url, &a.url),
        "dateModified": warta_core::iso8601_wib(a.updated_at.max(a.published_at)),
        "inLanguage": "id-ID",
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": site.name,
            "url": format!("{}/", site.base_url),
        },
    })
}
