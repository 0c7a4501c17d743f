//! Restoring a revision whose photos were deleted since: the missing references are left
//! out, and the newsroom says so in its language (never a 500).

use crate::helpers::{Desk, Newsroom, article_json, csrf_of, newsroom};
use reqwest::Method;
use serde_json::json;

/// An article whose first revision has `media` as hero and as a photo block, whose second
/// revision has neither, and `media` deleted. Returns the article's id.
async fn article_whose_photo_was_deleted(n: &Newsroom) -> (i64, i64) {
    let (status, m) = n
        .upload(
            warta_testkit::png(1200, 800),
            "Banjir di Kelapa Gading",
            "Antara/Rina",
        )
        .await;
    assert_eq!(status, 201, "{m}");
    let media = m["id"].as_i64().unwrap();
    let mut body = article_json("Banjir di Kelapa Gading");
    body["hero"] =
        json!({"media_id": media, "caption": "Banjir", "credit": "Antara", "alt": "Banjir"});
    body["body"] = json!([{"type": "paragraph", "text": "Air naik."},
        {"type": "image", "media_id": media, "caption": "Banjir", "credit": "Antara", "alt": "Banjir"}]);
    let a = n.create(body).await;
    let id = a["id"].as_i64().unwrap();
    let (status, a2) = n
        .app
        .api(Method::PATCH, &format!("/articles/{id}"), &n.editor,
            Some(json!({"revision": a["revision"], "hero": null, "body": [{"type": "paragraph", "text": "Air naik."}]})))
        .await;
    assert_eq!(status, 200, "{a2}");
    let (status, _) = n
        .app
        .api(Method::DELETE, &format!("/media/{media}"), &n.editor, None)
        .await;
    assert_eq!(status, 204);
    (id, media)
}

#[tokio::test]
async fn restoring_a_revision_whose_photo_was_deleted_leaves_it_out() {
    let n = newsroom().await;
    let (id, media) = article_whose_photo_was_deleted(&n).await;
    let (status, restored) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/revisions/1/restore"),
            &n.editor,
            None,
        )
        .await;
    assert_eq!(status, 200, "{restored}");
    assert!(restored["hero"].is_null());
    assert_eq!(restored["body"].as_array().unwrap().len(), 1);
    let notices = restored["notices"].to_string();
    assert!(notices.contains(&format!("photo {media}")), "{notices}");
}

#[tokio::test]
async fn the_newsroom_says_in_indonesian_what_a_restore_left_out() {
    let n = newsroom().await;
    let (id, media) = article_whose_photo_was_deleted(&n).await;
    let desk = Desk::sign_in(&n.app, "redaktur@warta.test").await;
    let (_, history) = desk.get(&format!("/admin/artikel/{id}/revisi")).await;
    let (status, loc, body) = desk
        .post_raw(
            &format!("/admin/artikel/{id}/revisi/1/pulihkan"),
            &[("_csrf", &csrf_of(&history))],
        )
        .await;
    assert_eq!(status, 303, "{body}");
    assert!(loc.starts_with(&format!("/admin/artikel/{id}?")), "{loc}");
    let (status, page) = desk.get(&loc).await;
    assert_eq!(status, 200);
    for notice in [
        format!("foto utama (media {media}) sudah dihapus, jadi tidak ikut dipulihkan"),
        format!("foto {media} sudah dihapus, jadi bloknya tidak ikut dipulihkan"),
    ] {
        assert!(page.contains(&notice), "{notice} on {loc}");
    }
    assert!(
        !page.contains("was left out"),
        "no English in the Indonesian newsroom"
    );
    // The page shows only what the codes name: made-up ones show nothing.
    let (_, forged) = desk
        .get(&format!(
            "/admin/artikel/{id}?tanpa=foto-x,gambar-3,%3Cb%3E"
        ))
        .await;
    assert!(!forged.contains("sudah dihapus") && !forged.contains("<b>"));
}
