//! The media library in the store: formats and AVIF waiting, search by words, days and
//! pages, and photos in use that cannot be deleted, against a real SQLite file and a real
//! PostgreSQL server (see `common`).

#[macro_use]
mod common;

use common::{Db, save, user, write};
use warta_core::{Block, Role, Status};
use warta_store::{MediaCrop, MediaVariant, NewMedia, Store, StoreError, now_ms};

on_both_backends!(
    "media store",
    crate::common::db;
    media_formats_are_recorded_and_avif_waits_until_set,
    media_search_matches_words_days_and_pages,
    media_in_use_cannot_be_deleted,
);

async fn photo(s: &Store, caption: &str, credit: &str, alt: &str) -> i64 {
    s.insert_media(NewMedia {
        original_key: format!("asli/{}.webp", now_ms()),
        mime: "image/webp".into(),
        width: 1200,
        height: 800,
        variants: vec![MediaVariant {
            key: "v/640.webp".into(),
            width: 640,
            height: 427,
            mime: "image/webp".into(),
        }],
        avif: Vec::new(),
        avif_pending: false,
        crops: Vec::new(),
        placeholder: String::new(),
        caption: caption.into(),
        credit: credit.into(),
        alt: alt.into(),
        uploaded_by: None,
    })
    .await
    .unwrap()
    .id
}

fn variant(key: &str, width: u32, mime: &str) -> MediaVariant {
    MediaVariant {
        key: key.into(),
        width,
        height: width * 9 / 16,
        mime: mime.into(),
    }
}

async fn media_formats_are_recorded_and_avif_waits_until_set(db: &Db) {
    let s = &db.store;
    // A photo from before AVIF and crops: the columns' defaults.
    let old = photo(s, "Lama", "Arsip", "Foto lama").await;
    let row = s.media_by_id(old).await.unwrap().unwrap();
    assert!(row.avif.is_empty() && row.crops.is_empty() && row.placeholder.is_empty());
    assert!(!row.avif_pending);

    let crops = vec![MediaCrop {
        aspect: "16x9".into(),
        key: "a/1-16x9.jpg".into(),
        width: 1200,
        height: 675,
        mime: "image/jpeg".into(),
    }];
    let new = s
        .insert_media(NewMedia {
            original_key: "a/1.jpg".into(),
            mime: "image/jpeg".into(),
            width: 2400,
            height: 1350,
            variants: vec![variant("a/1-480.webp", 480, "image/webp")],
            avif: Vec::new(),
            avif_pending: true,
            crops: crops.clone(),
            placeholder: "data:image/webp;base64,UklGRg==".into(),
            caption: "Baru".into(),
            credit: "Warta".into(),
            alt: "Foto baru".into(),
            uploaded_by: None,
        })
        .await
        .unwrap();
    assert_eq!(new.crops, crops);
    assert_eq!(new.placeholder, "data:image/webp;base64,UklGRg==");
    assert!(new.avif_pending && new.avif.is_empty());
    assert_eq!(s.pending_jobs().await.unwrap(), 1, "the AVIF job waits");

    let avif = vec![
        variant("a/1-480.avif", 480, "image/avif"),
        variant("a/1-800.avif", 800, "image/avif"),
    ];
    assert!(s.set_media_avif(new.id, &avif).await.unwrap());
    let row = s.media_by_id(new.id).await.unwrap().unwrap();
    assert_eq!(row.avif, avif);
    assert!(!row.avif_pending);
    assert!(
        !s.set_media_avif(99_999, &avif).await.unwrap(),
        "a deleted photo is reported"
    );
}

async fn media_search_matches_words_days_and_pages(db: &Db) {
    let s = &db.store;
    let banjir = photo(
        s,
        "Banjir di Kampung Melayu",
        "ANTARA/Aditya",
        "Warga mengungsi",
    )
    .await;
    let banjir2 = photo(s, "Banjir rob di Muara Angke", "Warta/Rudi", "Perahu karet").await;
    let presiden = photo(s, "Presiden meresmikan jalan tol", "ANTARA/Sigid", "").await;
    let day = 86_400_000;
    let base = 1_700_000_000_000; // 2023-11-14T22:13:20Z
    for (i, id) in [banjir, banjir2, presiden].iter().enumerate() {
        db.exec(
            "UPDATE media SET created_at = $1 WHERE id = $2",
            &[base + i as i64 * day, *id],
        )
        .await;
    }
    let ids = |rows: &[warta_store::MediaRow]| rows.iter().map(|m| m.id).collect::<Vec<_>>();

    let (rows, total) = s.search_media("", None, None, 1, 10).await.unwrap();
    assert_eq!(
        (ids(&rows), total),
        (vec![presiden, banjir2, banjir], 3),
        "newest first"
    );
    let (rows, total) = s.search_media("BANJIR", None, None, 1, 10).await.unwrap();
    assert_eq!((ids(&rows), total), (vec![banjir2, banjir], 2));
    // Every word must appear, in any of caption, credit and alt text.
    let (rows, _) = s
        .search_media("banjir antara", None, None, 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [banjir]);
    let (rows, _) = s
        .search_media("perahu rudi", None, None, 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [banjir2]);
    let (rows, total) = s.search_media("gajah", None, None, 1, 10).await.unwrap();
    assert_eq!((rows.len(), total), (0, 0));
    // LIKE wildcards and escapes in the query are plain characters, never errors.
    for odd in ["100%", "_", "foto\\", "a\\b", "'"] {
        let (_, n) = s.search_media(odd, None, None, 1, 10).await.unwrap();
        assert_eq!(n, 0, "{odd}");
    }
    // The day range is [from, to).
    let (rows, _) = s
        .search_media("", Some(base + day), Some(base + 2 * day), 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [banjir2]);
    let (rows, _) = s
        .search_media("antara", Some(base), Some(base + 3 * day), 1, 10)
        .await
        .unwrap();
    assert_eq!(ids(&rows), [presiden, banjir]);
    // Pages.
    let (p1, total) = s.search_media("", None, None, 1, 2).await.unwrap();
    let (p2, _) = s.search_media("", None, None, 2, 2).await.unwrap();
    let (p3, _) = s.search_media("", None, None, 3, 2).await.unwrap();
    assert_eq!(
        (ids(&p1), ids(&p2), p3.len(), total),
        (vec![presiden, banjir2], vec![banjir], 0, 3)
    );

    let edited = s
        .update_media_meta(
            presiden,
            "Presiden meresmikan tol Cisumdawu",
            "Setpres",
            "Gunting pita",
        )
        .await
        .unwrap();
    assert_eq!(
        (
            edited.caption.as_str(),
            edited.credit.as_str(),
            edited.alt.as_str()
        ),
        (
            "Presiden meresmikan tol Cisumdawu",
            "Setpres",
            "Gunting pita"
        )
    );
    let again = s.media_by_id(presiden).await.unwrap().unwrap();
    assert_eq!(again.alt, "Gunting pita");
    assert_eq!(again.variants.len(), 1, "files untouched");
    let (rows, _) = s.search_media("pita", None, None, 1, 10).await.unwrap();
    assert_eq!(ids(&rows), [presiden]);
    assert!(matches!(
        s.update_media_meta(99_999, "a", "b", "c").await,
        Err(StoreError::NotFound)
    ));
}

fn image(media_id: i64) -> Block {
    Block::Image {
        media_id,
        caption: "Keterangan".into(),
        credit: "Warta".into(),
        alt: String::new(),
    }
}

async fn media_in_use_cannot_be_deleted(db: &Db) {
    let s = &db.store;
    let ed = user(s, "ed@warta.test", "Ed", Role::Editor).await;
    // Eleven photos, so one id (say 11) has another (1) as its decimal prefix.
    let mut ids = Vec::new();
    for i in 0..11 {
        ids.push(photo(s, &format!("Foto {i}"), "Warta", "").await);
    }
    let p = *ids.last().unwrap();
    let prefix: i64 = p.to_string()[..p.to_string().len() - 1].parse().unwrap();
    assert!(ids.contains(&prefix), "{prefix} is a photo too");

    let w = write(s, ed, "pakai-foto").await;
    let a = s.create_article(&w, Status::Draft, ed).await.unwrap();
    let in_use = |r: Result<warta_store::MediaRow, StoreError>| match r {
        Err(StoreError::InUse(why)) => why,
        other => panic!("expected InUse, got {other:?}"),
    };

    // As the hero.
    let mut hero = w.clone();
    hero.hero_media_id = Some(p);
    let rev = s
        .update_article(a.id, &hero, &save(1, ed))
        .await
        .unwrap()
        .revision;
    assert_eq!(
        s.media_usage(p).await.unwrap(),
        [(a.id, w.headline.clone())]
    );
    assert!(in_use(s.delete_media(p).await).contains(&w.headline));
    // In the body.
    let mut body = w.clone();
    body.body.push(image(p));
    let rev = s
        .update_article(a.id, &body, &save(rev, ed))
        .await
        .unwrap()
        .revision;
    assert_eq!(s.media_usage(p).await.unwrap().len(), 1);
    assert!(
        s.media_usage(prefix).await.unwrap().is_empty(),
        "no prefix match"
    );
    in_use(s.delete_media(p).await);
    // In a live entry only.
    s.update_article(a.id, &w, &save(rev, ed)).await.unwrap();
    assert!(s.media_usage(p).await.unwrap().is_empty());
    s.add_live_entry(a.id, "Foto", &[image(p)], ed)
        .await
        .unwrap();
    assert_eq!(
        s.media_usage(p).await.unwrap(),
        [(a.id, w.headline.clone())]
    );
    in_use(s.delete_media(p).await);
    assert!(
        s.media_by_id(p).await.unwrap().is_some(),
        "refused deletes keep the row"
    );

    // Unused: deleted, and gone.
    let deleted = s.delete_media(prefix).await.unwrap();
    assert_eq!(deleted.id, prefix);
    assert!(s.media_by_id(prefix).await.unwrap().is_none());
    assert!(matches!(
        s.delete_media(prefix).await,
        Err(StoreError::NotFound)
    ));
    db.exec("DELETE FROM live_entries WHERE article_id = $1", &[a.id])
        .await;
    assert!(s.media_usage(p).await.unwrap().is_empty());
    assert_eq!(s.delete_media(p).await.unwrap().id, p);
}
