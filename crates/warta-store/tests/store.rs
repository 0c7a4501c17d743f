//! The store against a real SQLite file (always) and a real PostgreSQL server (when
//! `WARTA_TEST_POSTGRES_URL` is set; `.ci/run` sets it and `WARTA_TEST_REQUIRE_ALL=1`).

mod common;

use warta_core::{Block, Role, Status, Transition};
use warta_store::{ArticleFilter, ArticleWrite, ListScope, NewUser, Save, Store, StoreError, Term};

async fn writer(store: &Store) -> i64 {
    store
        .create_user(NewUser {
            email: "Sari@Warta.Example",
            name: "Sari Wulandari",
            role: Role::Writer,
            password: "pw-123456",
            bio: "",
        })
        .await
        .unwrap()
        .id
}

async fn draft(store: &Store, by: i64, slug: &str) -> ArticleWrite {
    let rubrik = store
        .ensure_term(Term::Rubrik, "Internasional", "")
        .await
        .unwrap();
    let tag = store.ensure_term(Term::Tag, "Rusia", "").await.unwrap();
    ArticleWrite {
        slug: slug.into(),
        headline: "Rusia dan Ukraina Berunding di Jenewa".into(),
        dek: "Perundingan berlangsung tertutup.".into(),
        rubrik_id: rubrik.id,
        topic_id: None,
        tag_ids: vec![tag.id, tag.id],
        author_ids: vec![by],
        dateline: "JENEWA".into(),
        signoff: "(ant/rd)".into(),
        sources: vec![],
        hero_media_id: None,
        hero_caption: String::new(),
        hero_credit: String::new(),
        body: vec![Block::Paragraph {
            text: "Delegasi tiba pagi ini.".into(),
        }],
        ..Default::default()
    }
}

fn save(expected_revision: Option<i64>, by: i64) -> Save {
    Save {
        expected_revision,
        by,
        ..Default::default()
    }
}

#[tokio::test]
async fn sqlite_articles_round_trip_with_revisions_and_redirects() {
    let fresh = common::sqlite().await;
    let store = fresh.store.clone();
    exercise(&store).await;
}

#[tokio::test]
async fn postgres_articles_round_trip_with_revisions_and_redirects() {
    if let Some(fresh) = common::postgres("store").await {
        let store = fresh.store.clone();
        exercise(&store).await;
    }
}

async fn exercise(store: &Store) {
    let by = writer(store).await;
    let dup = store
        .create_user(NewUser {
            email: "sari@warta.example",
            name: "Lain",
            role: Role::Writer,
            password: "x",
            bio: "",
        })
        .await;
    assert!(
        matches!(dup, Err(StoreError::Conflict(_))),
        "emails are unique case-insensitively"
    );

    let w = draft(store, by, "rusia-ukraina-berunding").await;
    let a = store.create_article(&w, Status::Draft, by).await.unwrap();
    assert_eq!(
        (a.revision, a.status, a.published_at),
        (1, Status::Draft, None)
    );
    assert_eq!(a.tags.len(), 1, "duplicate tags collapse");
    assert_eq!(a.authors[0].email, "sari@warta.example");

    let again = store.create_article(&w, Status::Draft, by).await;
    assert!(
        matches!(again, Err(StoreError::Conflict(_))),
        "slugs are unique"
    );

    // A stale save is refused and changes nothing.
    let mut w2 = w.clone();
    w2.slug = "perundingan-jenewa".into();
    let stale = store.update_article(a.id, &w2, &save(Some(7), by)).await;
    assert!(matches!(
        stale,
        Err(StoreError::StaleRevision { current: 1 })
    ));
    assert_eq!(
        store.article_by_id(a.id).await.unwrap().slug,
        "rusia-ukraina-berunding"
    );

    let b = store
        .update_article(a.id, &w2, &save(Some(1), by))
        .await
        .unwrap();
    assert_eq!((b.revision, b.slug.as_str()), (2, "perundingan-jenewa"));
    assert_eq!(
        store
            .redirect_for("rusia-ukraina-berunding")
            .await
            .unwrap()
            .as_deref(),
        Some("perundingan-jenewa")
    );
    assert!(
        store
            .slug_taken("rusia-ukraina-berunding", None)
            .await
            .unwrap()
    );
    assert!(
        !store
            .slug_taken("rusia-ukraina-berunding", Some(a.id))
            .await
            .unwrap()
    );

    let p = store
        .transition(a.id, Transition::Publish, None, by)
        .await
        .unwrap();
    assert_eq!(p.status, Status::Published);
    let published = p.published_at.unwrap();
    assert!(p.updated_at >= published);

    let (rows, total) = store
        .list_articles(&ListScope::All.filter(), 1, 10)
        .await
        .unwrap();
    assert_eq!((rows.len(), total), (1, 1));
    let tag = store
        .term_by_name(Term::Tag, "rusia")
        .await
        .unwrap()
        .unwrap();
    let (_, by_tag) = store
        .list_articles(&ListScope::Tag(tag.id).filter(), 1, 10)
        .await
        .unwrap();
    assert_eq!(by_tag, 1);
    let (_, none) = store
        .list_articles(&ListScope::Between(0, published).filter(), 1, 10)
        .await
        .unwrap();
    assert_eq!(none, 0, "the day range excludes later articles");
    let f = ArticleFilter {
        q: Some("JENEWA".into()),
        ..Default::default()
    };
    assert_eq!(
        store.list_articles(&f, 1, 10).await.unwrap().1,
        1,
        "headline search ignores case"
    );

    let u = store
        .transition(a.id, Transition::Unpublish, None, by)
        .await
        .unwrap();
    assert_eq!(u.status, Status::Unpublished);
    assert_eq!(
        store
            .list_articles(&ListScope::All.filter(), 1, 10)
            .await
            .unwrap()
            .1,
        0
    );

    let token = store.create_token(by).await.unwrap();
    assert_eq!(store.user_for_token(&token).await.unwrap().unwrap().id, by);
    assert!(store.user_for_token("wrt_nope").await.unwrap().is_none());
}

#[tokio::test]
async fn related_articles_prefer_topic_and_tags_then_fall_back_to_the_rubrik() {
    let fresh = common::sqlite().await;
    let store = fresh.store.clone();
    let by = writer(&store).await;
    let base = draft(&store, by, "utama").await;
    let main = store
        .create_article(&base, Status::Draft, by)
        .await
        .unwrap();
    let mut same_rubrik = base.clone();
    same_rubrik.slug = "serubrik".into();
    same_rubrik.tag_ids = vec![];
    let mut shares_tag = base.clone();
    shares_tag.slug = "setag".into();
    let mut elsewhere = base.clone();
    elsewhere.slug = "lain".into();
    elsewhere.tag_ids = vec![];
    elsewhere.rubrik_id = store
        .ensure_term(Term::Rubrik, "Olahraga", "")
        .await
        .unwrap()
        .id;
    // Published oldest to newest: the rubrik neighbour is the newest but ranks after the tag.
    for (i, w) in [shares_tag, elsewhere, same_rubrik].iter().enumerate() {
        let a = store.create_article(w, Status::Draft, by).await.unwrap();
        store
            .transition(a.id, Transition::Publish, Some(1_000 * (i as i64 + 1)), by)
            .await
            .unwrap();
    }
    let related = store.related_teasers(&main, 4).await.unwrap();
    let slugs: Vec<&str> = related.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["setag", "serubrik"]);
}

#[tokio::test]
async fn sqlite_concurrent_saves_queue_up_instead_of_failing() {
    let fresh = common::sqlite().await;
    let store = fresh.store.clone();
    concurrent_saves(&store).await;
}

#[tokio::test]
async fn postgres_concurrent_saves_queue_up_instead_of_failing() {
    if let Some(fresh) = common::postgres("store").await {
        let store = fresh.store.clone();
        concurrent_saves(&store).await;
    }
}

async fn concurrent_saves(store: &Store) {
    let by = writer(store).await;
    let w = draft(store, by, "ramai").await;
    let a = store.create_article(&w, Status::Draft, by).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (store, mut w) = (store.clone(), w.clone());
        w.dek = format!("Suntingan {i}");
        tasks.push(tokio::spawn(async move {
            store
                .update_article(a.id, &w, &save(None, by))
                .await
                .map(|r| r.revision)
        }));
    }
    let mut revisions = Vec::new();
    for t in tasks {
        revisions.push(
            t.await
                .unwrap()
                .expect("a save without a revision check never fails under load"),
        );
    }
    revisions.sort();
    assert_eq!(
        revisions,
        (2..=17).collect::<Vec<i64>>(),
        "every save got its own revision"
    );
}
