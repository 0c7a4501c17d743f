//! Import batches: many articles in one transaction, each whole or not at all (a savepoint per
//! item), on SQLite (one script per article) and PostgreSQL (separate statements).

mod common;

use warta_core::{Block, Role, Status};
use warta_store::{ArticleWrite, ImportKey, NewUser, Store, StoreError, Term};

fn key(id: &str) -> ImportKey<'_> {
    ImportKey {
        source: "https://lama.test",
        kind: "post",
        source_id: id,
    }
}

async fn exercise(store: &Store) {
    let by = store
        .create_user(NewUser {
            email: "impor@warta.test",
            name: "Impor",
            role: Role::Admin,
            password: "pw-123456",
            bio: "",
        })
        .await
        .unwrap()
        .id;
    let rubrik = store
        .ensure_term(Term::Rubrik, "Nasional", "")
        .await
        .unwrap()
        .id;
    let write = |slug: &str, tags: Vec<i64>| ArticleWrite {
        slug: slug.into(),
        headline: format!("Berita {slug}"),
        rubrik_id: rubrik,
        tag_ids: tags,
        author_ids: vec![by, by],
        body: vec![Block::Paragraph {
            text: "Isi berita.".into(),
        }],
        published_at: Some(1_650_000_000_000),
        ..Default::default()
    };
    let mut batch = store.begin_import_batch().await.unwrap();

    batch.begin_item().await.unwrap();
    let tag = batch.ensure_term(Term::Tag, "Banjir").await.unwrap();
    let one = batch
        .create_article(
            &write("satu", vec![tag]),
            Status::Published,
            by,
            key("1"),
            &["/2022/satu".into(), "/?p=1".into()],
        )
        .await
        .unwrap();
    batch.end_item(true).await.unwrap();
    assert_eq!(batch.imported(key("1")).await.unwrap(), Some(one));
    assert!(batch.slug_taken("satu").await.unwrap());

    // The second item makes a tag, then fails (its slug is taken): nothing of it stays.
    batch.begin_item().await.unwrap();
    let gone = batch.ensure_term(Term::Tag, "Hilang").await.unwrap();
    let failed = batch
        .create_article(
            &write("satu", vec![gone]),
            Status::Published,
            by,
            key("2"),
            &["/2022/dua".into()],
        )
        .await;
    assert!(matches!(failed, Err(StoreError::Conflict(_))), "{failed:?}");
    batch.end_item(false).await.unwrap();

    batch.begin_item().await.unwrap();
    let three = batch
        .create_article(
            &write("tiga", vec![tag]),
            Status::Draft,
            by,
            key("3"),
            &["/2022/tiga".into()],
        )
        .await
        .unwrap();
    batch.end_item(true).await.unwrap();
    assert_eq!(batch.len(), 2);
    batch.commit().await.unwrap();

    let a = store.article_by_id(one).await.unwrap();
    assert_eq!(a.status, Status::Published);
    assert_eq!(a.published_at, Some(1_650_000_000_000));
    assert_eq!(
        a.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["Banjir"]
    );
    assert_eq!(a.authors.len(), 1, "authors deduplicated");
    assert_eq!(store.revisions(one).await.unwrap().len(), 1);
    assert_eq!(
        store.article_by_id(three).await.unwrap().status,
        Status::Draft
    );
    assert_eq!(store.imported(key("2")).await.unwrap(), None);
    assert_eq!(store.imported(key("3")).await.unwrap(), Some(three));
    assert_eq!(store.old_path("/2022/dua").await.unwrap(), None);
    let old = store.old_path("/?p=1").await.unwrap().unwrap();
    assert_eq!((old.target.as_str(), old.target_id), ("/berita/satu", one));
    assert!(
        store
            .term_by_name(Term::Tag, "Hilang")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        store
            .imported_ids("https://lama.test", "post")
            .await
            .unwrap()
            .len(),
        2
    );
    // The change log has both articles (other servers follow it; the store that wrote them
    // does not read its own records back, so look at the audit log itself).
    for id in [one, three] {
        let log = store.audit_log(Some(id), 10).await.unwrap();
        assert!(log.iter().any(|r| r.action == "create"), "{log:?}");
    }
    assert!(
        store.change_log_since(0, 100).await.unwrap().is_empty(),
        "a store skips its own changes"
    );
}

#[tokio::test]
async fn sqlite_import_batch_keeps_each_item_whole_or_nothing() {
    let fresh = common::sqlite().await;
    let store = fresh.store.clone();
    exercise(&store).await;
}

#[tokio::test]
async fn postgres_import_batch_keeps_each_item_whole_or_nothing() {
    if let Some(fresh) = common::postgres("import batch").await {
        let store = fresh.store.clone();
        exercise(&store).await;
    }
}
