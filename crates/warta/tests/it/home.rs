//! The curated front page: slots through `GET/PUT /api/v1/home`, backfill, deduplication,
//! the breaking bar and expiries through the job runner.

use crate::helpers::{Db, Newsroom, article_json, newsroom_in, newsroom_manual_jobs_in, path_of};
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Publish `n` stories "Berita 1" … "Berita n" (newest last); their (id, path).
async fn stories(n: usize, nr: &Newsroom) -> Vec<(i64, String)> {
    let mut out = Vec::new();
    for i in 1..=n {
        let a = nr.published(&format!("Berita nomor {i} hari ini")).await;
        out.push((a["id"].as_i64().unwrap(), path_of(&a["url"])));
    }
    out
}

async fn put_home(nr: &Newsroom, body: Value) -> (u16, Value) {
    nr.app
        .api(Method::PUT, "/home", &nr.editor, Some(body))
        .await
}

fn iso_in(ms: i64) -> String {
    warta_core::iso8601_wib(warta_store::now_ms() + ms)
}

/// How often `path` is linked from the page.
fn links(html: &str, path: &str) -> usize {
    html.matches(&format!("href=\"{path}\"")).count()
}

async fn curated_stories_lead_the_front_page_and_the_newest_fill_the_rest(db: Db) {
    let Some(nr) = newsroom_in(db).await else {
        return;
    };
    let s = stories(8, &nr).await;
    let (status, v) = put_home(
        &nr,
        json!({"headline": [s[2].0, s[0].0], "picks": [s[1].0], "breaking": null, "sections": []}),
    )
    .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["headline"], json!([s[2].0, s[0].0]));
    assert_eq!(v["picks"], json!([s[1].0]));
    let (status, html) = nr.app.text("/").await;
    assert_eq!(status, 200);
    let lead = html.find("teaser-lead").expect("a lead story");
    let first_link = html[lead..].find("/berita/").map(|i| lead + i).unwrap();
    assert!(
        html[first_link..].starts_with(&s[2].1),
        "the first curated story leads"
    );
    assert!(html.contains("Pilihan Redaksi"));
    for (_, path) in &s {
        assert_eq!(links(&html, path), 1, "{path} appears exactly once");
    }
    // The curated second story comes before the newest stories that fill up Berita Utama.
    let second = html.find(&format!("href=\"{}\"", s[0].1)).unwrap();
    let newest = html.find(&format!("href=\"{}\"", s[7].1)).unwrap();
    assert!(second < newest && lead < second);
    assert!(html.contains("Terbaru"));
}

async fn unknown_unpublished_or_repeated_stories_are_refused_naming_the_field(db: Db) {
    let Some(nr) = newsroom_in(db).await else {
        return;
    };
    let s = stories(2, &nr).await;
    let draft = nr.create(article_json("Draf yang belum terbit")).await;
    let draft = draft["id"].as_i64().unwrap();
    let cases = [
        (json!({"headline": [999_999]}), "headline"),
        (json!({"picks": [draft]}), "picks"),
        (json!({"headline": [s[0].0], "picks": [s[0].0]}), "picks"),
        (json!({"headline": [1, 2, 3, 4, 5, 6]}), "headline"),
        (json!({"sections": ["tidak-ada"]}), "sections"),
        (
            json!({"breaking": {"text": "Gempa", "article_id": draft, "until": iso_in(60_000)}}),
            "breaking.article_id",
        ),
        (
            json!({"breaking": {"text": "Gempa", "until": iso_in(-60_000)}}),
            "breaking.until",
        ),
        (
            json!({"headline": [s[1].0], "pins": [{"article_id": s[0].0, "until": iso_in(60_000)}]}),
            "pins",
        ),
    ];
    for (body, field) in cases {
        let (status, v) = put_home(&nr, body.clone()).await;
        assert_eq!(status, 422, "{body} → {v}");
        assert!(v.to_string().contains(field), "{body} names {field}: {v}");
    }
    let (_, v) = nr.app.api(Method::GET, "/home", &nr.editor, None).await;
    assert_eq!(v["headline"], json!([]), "nothing was half-saved");
    let (status, _) = nr
        .app
        .api(
            Method::PUT,
            "/home",
            &nr.writer,
            Some(json!({"headline": []})),
        )
        .await;
    assert_eq!(status, 403, "writers may not arrange the front page");
    let (status, _) = nr.app.api(Method::GET, "/home", &nr.writer, None).await;
    assert_eq!(status, 403);
}

async fn an_unpublished_story_drops_out_of_its_slot_at_once(db: Db) {
    let Some(nr) = newsroom_in(db).await else {
        return;
    };
    let s = stories(3, &nr).await;
    let (status, _) = put_home(&nr, json!({"headline": [s[0].0]})).await;
    assert_eq!(status, 200);
    let (_, html) = nr.app.text("/").await;
    assert_eq!(links(&html, &s[0].1), 1);
    let (status, v) = nr
        .app
        .api(
            Method::POST,
            &format!("/articles/{}/unpublish", s[0].0),
            &nr.editor,
            None,
        )
        .await;
    assert_eq!(status, 200, "{v}");
    let (_, html) = nr.app.text("/").await;
    assert_eq!(links(&html, &s[0].1), 0, "the cached front page followed");
    let (_, v) = nr.app.api(Method::GET, "/home", &nr.editor, None).await;
    assert_eq!(v["headline"], json!([]));
}

async fn rubrik_sections_follow_the_editors_order(db: Db) {
    let Some(nr) = newsroom_in(db).await else {
        return;
    };
    for (headline, rubrik) in [
        ("Harga cabai naik", "Ekonomi"),
        ("Pemilu damai", "Nasional"),
    ] {
        let mut body = article_json(headline);
        body["rubrik"] = json!(rubrik);
        let a = nr.create(body).await;
        nr.publish(a["id"].as_i64().unwrap()).await;
    }
    // Enough newer stories that the two land in their sections, not in Berita Utama.
    stories(16, &nr).await;
    let (status, v) = put_home(&nr, json!({"sections": ["ekonomi", "nasional"]})).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["sections"], json!(["ekonomi", "nasional"]));
    let (_, html) = nr.app.text("/").await;
    let eko = html.find("Harga cabai naik").expect("the Ekonomi section");
    let nas = html.find("Pemilu damai").expect("the Nasional section");
    assert!(eko < nas);
    put_home(&nr, json!({"sections": ["nasional", "ekonomi"]})).await;
    let (_, html) = nr.app.text("/").await;
    assert!(html.find("Pemilu damai").unwrap() < html.find("Harga cabai naik").unwrap());
}

/// Poll `/` until `done(html)` or `limit` passes.
async fn front_page_until(nr: &Newsroom, limit: Duration, done: impl Fn(&str) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        let (_, html) = nr.app.text("/").await;
        if done(&html) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

async fn the_breaking_bar_and_a_pin_expire_within_five_seconds(db: Db) {
    let Some(nr) = newsroom_in(db).await else {
        return;
    };
    let s = stories(3, &nr).await;
    let body = json!({
        "headline": [s[0].0],
        "pins": [{"article_id": s[0].0, "until": iso_in(2_000)}],
        "breaking": {"text": "Gempa magnitudo 6 guncang Sulawesi", "article_id": s[1].0, "until": iso_in(2_000)},
    });
    let (status, v) = put_home(&nr, body).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["pins"][0]["article_id"], json!(s[0].0));
    let (_, html) = nr.app.text("/").await;
    assert!(html.contains("Gempa magnitudo 6 guncang Sulawesi"));
    let lead = html.find("teaser-lead").unwrap();
    assert!(html[lead..].find(&s[0].1) < html[lead..].find(&s[2].1));
    tokio::time::sleep(Duration::from_millis(2_000)).await;
    let gone = front_page_until(&nr, Duration::from_secs(5), |h| {
        !h.contains("Gempa magnitudo") && {
            let lead = h.find("teaser-lead").unwrap_or(0);
            h[lead..].find(&s[2].1) < h[lead..].find(&s[0].1)
        }
    })
    .await;
    assert!(gone, "the bar and the pin ran out within 5 s");
    let (_, v) = nr.app.api(Method::GET, "/home", &nr.editor, None).await;
    assert_eq!(v["breaking"], Value::Null);
    assert_eq!(v["headline"], json!([]));
}

async fn saving_enqueues_the_expiry_job_with_the_layout(db: Db) {
    let Some(nr) = newsroom_manual_jobs_in(db).await else {
        return;
    };
    let s = stories(1, &nr).await;
    let until = warta_store::now_ms() + 60_000;
    let body = json!({
        "headline": [s[0].0],
        "breaking": {"text": "Banjir Jakarta", "until": warta_core::iso8601_wib(until)},
    });
    let (status, _) = put_home(&nr, body).await;
    assert_eq!(status, 200);
    let store = nr.app.store().await;
    let at = store.next_run_at(&[warta_store::HOME_EXPIRY_JOB]).await;
    assert_eq!(
        at.unwrap(),
        Some(until / 1000 * 1000),
        "one job at the expiry"
    );
}

on_both_backends!(
    curated_stories_lead_the_front_page_and_the_newest_fill_the_rest,
    unknown_unpublished_or_repeated_stories_are_refused_naming_the_field,
    an_unpublished_story_drops_out_of_its_slot_at_once,
    rubrik_sections_follow_the_editors_order,
    the_breaking_bar_and_a_pin_expire_within_five_seconds,
    saving_enqueues_the_expiry_job_with_the_layout,
);
