//! The newsroom desk's queries on a real SQLite file and a real PostgreSQL server (skipped
//! visibly without `WARTA_TEST_POSTGRES_URL`): who submitted an article and when, the rubrik
//! menu order, leaving an article.

#[macro_use]
mod common;

use common::user;
use warta_core::{Block, Role, Status, Transition};
use warta_store::{ArticleWrite, Store, Term};

async fn draft(s: &Store, by: i64, slug: &str) -> i64 {
    let rubrik = s.ensure_term(Term::Rubrik, "Nasional", "").await.unwrap();
    let w = ArticleWrite {
        slug: slug.into(),
        headline: format!("Berita {slug}"),
        rubrik_id: rubrik.id,
        author_ids: vec![by],
        body: vec![Block::Paragraph {
            text: "Paragraf.".into(),
        }],
        ..Default::default()
    };
    s.create_article(&w, Status::Draft, by).await.unwrap().id
}

async fn submissions_name_the_latest_submitter(s: &Store) {
    let ani = user(s, "ani@warta.test", "Ani Penulis", Role::Writer).await;
    let budi = user(s, "budi@warta.test", "Budi Redaktur", Role::Editor).await;
    let a = draft(s, ani, "dikirim").await;
    let b = draft(s, ani, "belum").await;
    s.transition(a, Transition::Submit, None, ani)
        .await
        .unwrap();
    s.transition(a, Transition::Return, None, budi)
        .await
        .unwrap();
    s.transition(a, Transition::Submit, None, budi)
        .await
        .unwrap();
    let got = s.submissions(&[a, b]).await.unwrap();
    assert_eq!(got.len(), 1, "never-submitted articles are absent");
    let sub = &got[&a];
    assert_eq!(
        sub.by.as_deref(),
        Some("Budi Redaktur"),
        "the latest submission"
    );
    assert!(sub.at > 0);
    assert!(s.submissions(&[]).await.unwrap().is_empty());
}

async fn rubriks_move_in_the_menu_and_new_ones_go_last(s: &Store) {
    for name in ["Nasional", "Ekonomi", "Olahraga"] {
        s.ensure_term(Term::Rubrik, name, "").await.unwrap();
    }
    let names =
        |list: Vec<warta_store::TermRow>| list.into_iter().map(|t| t.name).collect::<Vec<_>>();
    assert_eq!(
        names(s.list_terms(Term::Rubrik).await.unwrap()),
        ["Nasional", "Ekonomi", "Olahraga"]
    );
    let list = s.list_terms(Term::Rubrik).await.unwrap();
    s.move_rubrik(list[2].id, true).await.unwrap();
    assert_eq!(
        names(s.list_terms(Term::Rubrik).await.unwrap()),
        ["Nasional", "Olahraga", "Ekonomi"]
    );
    s.move_rubrik(list[0].id, true).await.unwrap();
    s.move_rubrik(list[1].id, false).await.unwrap();
    assert_eq!(
        names(s.list_terms(Term::Rubrik).await.unwrap()),
        ["Nasional", "Olahraga", "Ekonomi"],
        "the first cannot go up, the last cannot go down"
    );
    s.ensure_term(Term::Rubrik, "Teknologi", "").await.unwrap();
    assert_eq!(
        names(s.list_terms(Term::Rubrik).await.unwrap())
            .last()
            .map(String::as_str),
        Some("Teknologi")
    );
    assert!(
        s.move_rubrik(999_999, true).await.is_err(),
        "unknown rubrik"
    );
}

async fn leaving_removes_only_the_leavers_presence(s: &Store) {
    let ani = user(s, "ani@warta.test", "Ani", Role::Writer).await;
    let budi = user(s, "budi@warta.test", "Budi", Role::Editor).await;
    let a = draft(s, ani, "hadir").await;
    s.touch_presence(a, ani).await.unwrap();
    assert_eq!(s.touch_presence(a, budi).await.unwrap(), ["Ani"]);
    s.leave_presence(a, ani).await.unwrap();
    assert!(s.touch_presence(a, budi).await.unwrap().is_empty());
    assert_eq!(
        s.touch_presence(a, ani).await.unwrap(),
        ["Budi"],
        "Budi is still there"
    );
    s.leave_presence(a, 12345).await.unwrap();
}

on_both_backends!(
    "desk store",
    crate::common::store_of;
    submissions_name_the_latest_submitter,
    rubriks_move_in_the_menu_and_new_ones_go_last,
    leaving_removes_only_the_leavers_presence,
);
