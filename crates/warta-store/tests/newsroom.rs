//! The newsroom's records (workflow, scheduler, revisions, corrections, audit log, presence,
//! live entries, pending versions) against a real SQLite file and a real PostgreSQL server.
//! Every scenario runs on both (see `common`). Accounts are in `accounts.rs`, the media
//! library in `media.rs`.
//!
//! Times in the past are made by editing rows through a second, raw connection: the store has
//! no clock to inject, and sleeping for an expiry would make the suite slow and flaky.

#[macro_use]
mod common;

use common::{Db, article, save, user, write};
use std::collections::BTreeSet;
use warta_core::{Block, Role, Status, Transition};
use warta_store::{PRESENCE_MS, Save, StoreError, now_ms};

on_both_backends!(
    "newsroom store",
    crate::common::db;
    workflow_transitions_follow_the_rules,
    publish_due_publishes_each_article_exactly_once_under_concurrency,
    revisions_keep_snapshots_that_restore,
    corrections_and_the_audit_log_record_each_step,
    presence_lists_only_others_within_the_window,
    live_entries_come_newest_first_and_filter_by_id,
    pending_versions_stay_private_until_applied,
    concurrent_pending_saves_on_one_revision_let_one_win,
);

fn invalid<T: std::fmt::Debug>(r: Result<T, StoreError>) -> String {
    match r {
        Err(StoreError::Invalid(why)) => why,
        other => panic!("expected StoreError::Invalid, got {other:?}"),
    }
}

async fn workflow_transitions_follow_the_rules(db: &Db) {
    let s = &db.store;
    let ed = user(s, "ed@warta.test", "Ed", Role::Editor).await;
    let a = article(s, ed, "alur").await;
    let id = a.id;
    assert_eq!(a.submitted_at, None);

    let before = now_ms();
    let sub = s
        .transition(id, Transition::Submit, None, ed)
        .await
        .unwrap();
    assert_eq!(sub.status, Status::Submitted);
    assert!(sub.submitted_at.is_some_and(|t| t >= before));
    assert!(invalid(s.transition(id, Transition::Submit, None, ed).await).contains("submitted"));
    assert!(invalid(s.transition(id, Transition::Unpublish, None, ed).await).contains("unpublish"));

    let back = s
        .transition(id, Transition::Return, None, ed)
        .await
        .unwrap();
    assert_eq!(back.status, Status::Draft);
    assert_eq!(back.submitted_at, sub.submitted_at, "kept as history");
    invalid(s.transition(id, Transition::Return, None, ed).await);
    invalid(s.transition(id, Transition::Schedule, None, ed).await);
    assert_eq!(
        s.article_by_id(id).await.unwrap().status,
        Status::Draft,
        "a refused step changes nothing"
    );

    let at = now_ms() + 3_600_000;
    let sch = s
        .transition(id, Transition::Schedule, Some(at), ed)
        .await
        .unwrap();
    assert_eq!(
        (sch.status, sch.published_at),
        (Status::Scheduled, Some(at))
    );
    let ret = s
        .transition(id, Transition::Return, None, ed)
        .await
        .unwrap();
    assert_eq!(
        (ret.status, ret.published_at),
        (Status::Draft, None),
        "returning forgets the planned time"
    );

    s.transition(id, Transition::Schedule, Some(at), ed)
        .await
        .unwrap();
    let before = now_ms();
    let p = s
        .transition(id, Transition::Publish, None, ed)
        .await
        .unwrap();
    assert_eq!(p.status, Status::Published);
    let published_at = p.published_at.unwrap();
    assert!(
        (before..=now_ms()).contains(&published_at),
        "publishing a scheduled article now does not keep the future time"
    );
    invalid(s.transition(id, Transition::Schedule, Some(at), ed).await);
    invalid(s.transition(id, Transition::Submit, None, ed).await);
    invalid(s.transition(id, Transition::Return, None, ed).await);

    let u = s
        .transition(id, Transition::Unpublish, None, ed)
        .await
        .unwrap();
    assert_eq!(
        (u.status, u.published_at),
        (Status::Unpublished, Some(published_at))
    );
    invalid(s.transition(id, Transition::Unpublish, None, ed).await);
    let again = s
        .transition(id, Transition::Submit, None, ed)
        .await
        .unwrap();
    assert_eq!(again.status, Status::Submitted);
    let re = s
        .transition(id, Transition::Publish, None, ed)
        .await
        .unwrap();
    assert_eq!(
        re.published_at,
        Some(published_at),
        "republishing keeps the first publication time"
    );
    assert!(matches!(
        s.transition(9_999, Transition::Publish, None, ed).await,
        Err(StoreError::NotFound)
    ));
    let steps: Vec<String> = s
        .audit_log(Some(id), 100)
        .await
        .unwrap()
        .into_iter()
        .rev()
        .map(|r| r.action)
        .collect();
    assert_eq!(
        steps,
        [
            "create",
            "submit",
            "return",
            "schedule",
            "return",
            "schedule",
            "publish",
            "unpublish",
            "submit",
            "publish"
        ],
        "refused steps leave no trace"
    );
}

async fn publish_due_publishes_each_article_exactly_once_under_concurrency(db: &Db) {
    let s = &db.store;
    let ed = user(s, "ed@warta.test", "Ed", Role::Editor).await;
    let at = now_ms() + 600_000;
    let mut due = BTreeSet::new();
    for i in 0..6 {
        let a = article(s, ed, &format!("embargo-{i}")).await;
        s.transition(a.id, Transition::Schedule, Some(at + i), ed)
            .await
            .unwrap();
        due.insert(a.id);
    }
    let later = article(s, ed, "nanti").await;
    s.transition(later.id, Transition::Schedule, Some(at + 3_600_000), ed)
        .await
        .unwrap();
    let draft = article(s, ed, "draf").await;

    assert_eq!(s.next_due().await.unwrap(), Some(at));
    assert!(
        s.publish_due(at - 1).await.unwrap().is_empty(),
        "nothing before its time"
    );
    assert!(s.publish_due(now_ms()).await.unwrap().is_empty());

    let when = at + 10;
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let s = s.clone();
            tokio::spawn(async move { s.publish_due(when).await })
        })
        .collect();
    let mut seen = Vec::new();
    for t in tasks {
        seen.extend(t.await.unwrap().expect("publish_due under load"));
    }
    seen.sort();
    assert_eq!(
        seen,
        due.iter().copied().collect::<Vec<_>>(),
        "every due article exactly once, across all callers"
    );
    for id in &due {
        let a = s.article_by_id(*id).await.unwrap();
        assert_eq!(a.status, Status::Published);
        assert!(a.updated_at >= a.published_at.unwrap());
        let publishes = s
            .audit_log(Some(*id), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "publish")
            .count();
        assert_eq!(publishes, 1);
    }
    assert_eq!(
        s.article_by_id(later.id).await.unwrap().status,
        Status::Scheduled
    );
    assert_eq!(
        s.article_by_id(draft.id).await.unwrap().status,
        Status::Draft
    );
    assert_eq!(s.next_due().await.unwrap(), Some(at + 3_600_000));
    assert!(s.publish_due(when).await.unwrap().is_empty());
}

async fn revisions_keep_snapshots_that_restore(db: &Db) {
    let s = &db.store;
    let sari = user(s, "sari@warta.test", "Sari Wulandari", Role::Writer).await;
    let rina = user(s, "rina@warta.test", "Rina Redaktur", Role::Editor).await;
    let w1 = write(s, sari, "gempa").await;
    let a = s.create_article(&w1, Status::Draft, sari).await.unwrap();
    let mut w2 = w1.clone();
    w2.headline = "Gempa Magnitudo 5 Guncang Cianjur".into();
    w2.body.push(Block::Quote {
        text: "Warga diminta tenang.".into(),
        cite: Some("BMKG".into()),
    });
    s.update_article(a.id, &w2, &save(1, rina)).await.unwrap();
    let mut w3 = w2.clone();
    w3.dek = "Tidak berpotensi tsunami.".into();
    w3.slug = "gempa-cianjur".into();
    let third = s.update_article(a.id, &w3, &save(2, sari)).await.unwrap();
    assert_eq!(third.updated_by, Some((sari, "Sari Wulandari".to_string())));

    let list = s.revisions(a.id).await.unwrap();
    let got: Vec<(i64, &str)> = list
        .iter()
        .map(|r| (r.revision, r.author_name.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "Sari Wulandari"),
            (2, "Rina Redaktur"),
            (1, "Sari Wulandari")
        ]
    );
    assert!(list.windows(2).all(|p| p[0].created_at >= p[1].created_at));
    for (n, w) in [(1, &w1), (2, &w2), (3, &w3)] {
        let (row, snap) = s.revision(a.id, n).await.unwrap();
        assert_eq!(row.revision, n);
        assert_eq!(&snap, w, "revision {n} is the content saved");
    }
    assert!(matches!(
        s.revision(a.id, 9).await,
        Err(StoreError::NotFound)
    ));

    // Restoring saves the old content as a new revision; history is never rewritten.
    let (_, old) = s.revision(a.id, 1).await.unwrap();
    let restored = s
        .update_article(
            a.id,
            &old,
            &Save {
                action: "restore",
                ..save(3, rina)
            },
        )
        .await
        .unwrap();
    assert_eq!(restored.revision, 4);
    assert_eq!(
        (
            restored.headline.as_str(),
            restored.slug.as_str(),
            restored.body.len()
        ),
        (w1.headline.as_str(), "gempa", 1)
    );
    assert_eq!(s.revision(a.id, 4).await.unwrap().1, w1);
    assert_eq!(s.revision(a.id, 3).await.unwrap().1, w3);
    assert_eq!(s.revisions(a.id).await.unwrap().len(), 4);
    assert_eq!(
        s.redirect_for("gempa-cianjur").await.unwrap().as_deref(),
        Some("gempa"),
        "the restored slug is live again and the later one redirects"
    );
    assert_eq!(
        s.audit_log(Some(a.id), 1).await.unwrap()[0].action,
        "restore"
    );
}

async fn corrections_and_the_audit_log_record_each_step(db: &Db) {
    let s = &db.store;
    let rina = user(s, "rina@warta.test", "Rina Redaktur", Role::Editor).await;
    let w = write(s, rina, "menteri").await;
    let a = s.create_article(&w, Status::Draft, rina).await.unwrap();
    let other = article(s, rina, "lain").await;
    s.update_article(a.id, &w, &save(1, rina)).await.unwrap();
    s.transition(a.id, Transition::Publish, None, rina)
        .await
        .unwrap();
    let note = "Nama menteri sebelumnya tertulis salah.";
    let corrected = s
        .update_article(
            a.id,
            &w,
            &Save {
                correction: Some(note.into()),
                ..save(2, rina)
            },
        )
        .await
        .unwrap();
    assert_eq!(corrected.corrections.len(), 1);
    assert_eq!(corrected.corrections[0].note, note);
    assert_eq!(corrected.corrections[0].created_at, corrected.updated_at);
    let blank = s
        .update_article(
            a.id,
            &w,
            &Save {
                correction: Some("  ".into()),
                ..save(3, rina)
            },
        )
        .await
        .unwrap();
    assert_eq!(blank.corrections.len(), 1, "a blank note is no correction");
    let second = s
        .update_article(
            a.id,
            &w,
            &Save {
                correction: Some("Jumlah korban diperbarui.".into()),
                ..save(4, rina)
            },
        )
        .await
        .unwrap();
    let notes: Vec<&str> = second.corrections.iter().map(|c| c.note.as_str()).collect();
    assert_eq!(notes, [note, "Jumlah korban diperbarui."], "oldest first");
    assert_eq!(s.article_by_id(a.id).await.unwrap().corrections.len(), 2);

    let log = s.audit_log(Some(a.id), 100).await.unwrap();
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|r| (r.action.as_str(), r.detail.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("save", "revisi 5"),
            ("correct", "Jumlah korban diperbarui."),
            ("save", "revisi 4"),
            ("save", "revisi 3"),
            ("correct", note),
            ("publish", ""),
            ("save", "revisi 2"),
            ("create", w.headline.as_str()),
        ]
    );
    assert!(
        log.iter()
            .all(|r| r.user_name.as_deref() == Some("Rina Redaktur"))
    );
    assert!(
        log.iter()
            .all(|r| r.headline.as_deref() == Some(w.headline.as_str()))
    );
    let all = s.audit_log(None, 100).await.unwrap();
    assert!(all.iter().any(|r| r.article_id == Some(other.id)));
    assert_eq!(all.len(), log.len() + 1);
    assert_eq!(s.audit_log(None, 2).await.unwrap().len(), 2, "limit");
}

async fn presence_lists_only_others_within_the_window(db: &Db) {
    let s = &db.store;
    let ani = user(s, "ani@warta.test", "Ani", Role::Writer).await;
    let budi = user(s, "budi@warta.test", "Budi", Role::Editor).await;
    let cici = user(s, "cici@warta.test", "Cici", Role::Editor).await;
    let a = article(s, ani, "hadir").await;
    let b = article(s, ani, "lain").await;

    assert!(s.touch_presence(a.id, ani).await.unwrap().is_empty());
    assert_eq!(s.touch_presence(a.id, cici).await.unwrap(), ["Ani"]);
    assert_eq!(s.touch_presence(a.id, budi).await.unwrap(), ["Ani", "Cici"]);
    assert_eq!(s.touch_presence(a.id, ani).await.unwrap(), ["Budi", "Cici"]);
    assert!(
        s.touch_presence(b.id, cici).await.unwrap().is_empty(),
        "per article"
    );
    // Cici's editor stopped reporting longer ago than the window.
    db.exec(
        "UPDATE presence SET seen_at = $1 WHERE user_id = $2 AND article_id = $3",
        &[now_ms() - PRESENCE_MS - 1_000, cici, a.id],
    )
    .await;
    assert_eq!(s.touch_presence(a.id, ani).await.unwrap(), ["Budi"]);
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM presence WHERE user_id = $1 AND article_id = $2",
            &[ani, a.id]
        )
        .await,
        1,
        "one row per person and article"
    );
}

async fn live_entries_come_newest_first_and_filter_by_id(db: &Db) {
    let s = &db.store;
    let ani = user(s, "ani@warta.test", "Ani Reporter", Role::Writer).await;
    let mut w = write(s, ani, "siaran-langsung").await;
    w.live = true;
    let a = s.create_article(&w, Status::Draft, ani).await.unwrap();
    let other = article(s, ani, "lain").await;
    let mut ids = Vec::new();
    for i in 1..=3 {
        let body = vec![Block::Paragraph {
            text: format!("Pembaruan {i}."),
        }];
        let e = s
            .add_live_entry(a.id, &format!("Pukul {i}"), &body, ani)
            .await
            .unwrap();
        assert_eq!(
            (e.title.as_str(), &e.body, e.author_name.as_str()),
            (format!("Pukul {i}").as_str(), &body, "Ani Reporter")
        );
        ids.push(e.id);
        s.add_live_entry(other.id, "lain", &body, ani)
            .await
            .unwrap();
    }
    let all = s.live_entries(a.id, 0).await.unwrap();
    let titles: Vec<&str> = all.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Pukul 3", "Pukul 2", "Pukul 1"]);
    let newer = s.live_entries(a.id, ids[0]).await.unwrap();
    assert_eq!(
        newer.iter().map(|e| e.id).collect::<Vec<_>>(),
        [ids[2], ids[1]]
    );
    assert!(s.live_entries(a.id, ids[2]).await.unwrap().is_empty());
    let after = s.article_by_id(a.id).await.unwrap();
    assert!(
        after.updated_at >= all[0].created_at,
        "an entry modifies the article"
    );
}

async fn pending_versions_stay_private_until_applied(db: &Db) {
    let s = &db.store;
    let by = user(s, "red@warta.test", "Redaktur", Role::Editor).await;
    let a = article(s, by, "banjir-pending").await;
    let live = s
        .transition(a.id, Transition::Publish, None, by)
        .await
        .unwrap();
    let mut w = write(s, by, "banjir-pending").await;
    w.body = vec![Block::Paragraph {
        text: "Kalimat setengahjadi.".into(),
    }];
    w.headline = "Judul Tertunda".into();
    let (after, pending) = s
        .stage_article(a.id, &w, &save(live.revision, by), true)
        .await
        .unwrap();
    // The live row keeps its content and modification time; only the revision moves.
    assert_eq!(after.revision, live.revision + 1);
    assert_eq!(after.headline, live.headline);
    assert_eq!(after.updated_at, live.updated_at);
    assert_eq!(
        (pending.revision, pending.by_name.as_str()),
        (after.revision, "Redaktur")
    );
    assert!(pending.submitted_at.is_some());
    assert_eq!(s.pending_for_review(10).await.unwrap().len(), 1);
    let view = s.pending_view(&after, &pending.write).await.unwrap();
    assert_eq!(view.headline, "Judul Tertunda");
    // The search index's document is the live text, never the pending words; staging is
    // still a change the index hears of (it reindexes the same live text).
    let head = s.search_change_head().await.unwrap();
    assert!(head > 0);
    let doc = &s.search_docs(&[a.id]).await.unwrap()[0];
    assert!(!doc.body.contains("setengahjadi") && doc.headline != "Judul Tertunda");
    // Applying with a stale revision writes nothing.
    let stale = s.apply_pending(a.id, &save(live.revision, by)).await;
    assert!(
        matches!(stale, Err(StoreError::StaleRevision { .. })),
        "{stale:?}"
    );
    assert!(s.pending(a.id).await.unwrap().is_some());
    let applied = s
        .apply_pending(a.id, &save(after.revision, by))
        .await
        .unwrap();
    assert_eq!(applied.headline, "Judul Tertunda");
    assert_eq!(applied.status, Status::Published);
    assert!(s.pending(a.id).await.unwrap().is_none());
    let changes = s.search_changes_after(head, 10).await.unwrap();
    assert!(
        changes.iter().any(|c| c.article_id == a.id),
        "the apply is in the change log"
    );
    let doc = &s.search_docs(&[a.id]).await.unwrap()[0];
    assert!(
        doc.body.contains("setengahjadi"),
        "the applied text is indexed"
    );
    // Discarding: the live text stays, the audit log says so.
    s.stage_article(a.id, &w, &save(applied.revision, by), false)
        .await
        .unwrap();
    assert!(s.discard_pending(a.id, by).await.unwrap());
    assert!(!s.discard_pending(a.id, by).await.unwrap());
    assert_eq!(
        db.count(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'discard' AND article_id = $1",
            &[a.id]
        )
        .await,
        1
    );
}

async fn concurrent_pending_saves_on_one_revision_let_one_win(db: &Db) {
    let s = &db.store;
    let by = user(s, "red2@warta.test", "Redaktur Dua", Role::Editor).await;
    let a = article(s, by, "rebutan-pending").await;
    let live = s
        .transition(a.id, Transition::Publish, None, by)
        .await
        .unwrap();
    let w = write(s, by, "rebutan-pending").await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (s, w) = (s.clone(), w.clone());
        let sv = save(live.revision, by);
        tasks.push(tokio::spawn(async move {
            s.stage_article(a.id, &w, &sv, false).await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => won += 1,
            Err(StoreError::StaleRevision { .. }) => {}
            Err(e) => panic!("unexpected {e}"),
        }
    }
    assert_eq!(won, 1);
}
