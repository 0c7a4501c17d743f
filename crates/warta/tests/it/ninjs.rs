//! `GET /api/v1/articles/{id}/ninjs`: a published article as IPTC ninjs 2.1.
//!
//! No ninjs JSON schema file is reachable offline here (no PyPI or npm package carries one),
//! so the document is checked against the 2.1 schema's rules written out below: the only
//! required property (`uri`), the property names each object may have (the schema forbids
//! others), the `type` and `pubstatus` values, date-times, and what associations, renditions
//! and text items require.

use crate::helpers::{article_json, newsroom, path_of};
use reqwest::Method;
use serde_json::{Value, json};

const ROOT: &[&str] = &[
    "uri",
    "type",
    "representationtype",
    "profile",
    "version",
    "firstcreated",
    "versioncreated",
    "contentcreated",
    "embargoed",
    "pubstatus",
    "urgency",
    "copyrightholder",
    "copyrightnotice",
    "usageterms",
    "ednote",
    "language",
    "descriptions",
    "bodies",
    "headlines",
    "people",
    "organisations",
    "places",
    "subjects",
    "events",
    "objects",
    "infosources",
    "title",
    "by",
    "slugline",
    "located",
    "renditions",
    "associations",
    "altids",
    "trustindicators",
    "standard",
    "genres",
    "expires",
    "rightsinfo",
];
const TEXT: &[&str] = &["role", "contenttype", "value"];
const BODY: &[&str] = &["role", "contenttype", "charcount", "wordcount", "value"];
const CONCEPT: &[&str] = &[
    "name",
    "rel",
    "uri",
    "literal",
    "creator",
    "relevance",
    "confidence",
];
const PERSON: &[&str] = &["name", "rel", "uri", "literal", "contactinfo"];
const SOURCE: &[&str] = &["name", "role", "uri", "literal", "contactinfo"];
const RENDITION: &[&str] = &[
    "name",
    "href",
    "contenttype",
    "title",
    "height",
    "width",
    "sizeinbytes",
    "duration",
    "format",
];

fn only(o: &Value, allowed: &[&str], at: &str) {
    let map = o
        .as_object()
        .unwrap_or_else(|| panic!("{at}: not an object"));
    for k in map.keys() {
        assert!(
            allowed.contains(&k.as_str()),
            "{at}: property '{k}' is not in ninjs 2.1"
        );
    }
}

fn strings(o: &Value, keys: &[&str], at: &str) {
    for k in keys {
        if let Some(v) = o.get(*k) {
            assert!(v.is_string(), "{at}.{k} must be a string: {v}");
        }
    }
}

fn is_uri(s: &str) -> bool {
    url::Url::parse(s).is_ok()
}

fn items<'a>(o: &'a Value, key: &str) -> &'a [Value] {
    o.get(key).map_or(&[], |v| {
        v.as_array()
            .unwrap_or_else(|| panic!("{key} must be an array"))
            .as_slice()
    })
}

/// The ninjs 2.1 schema's rules for a news object (root or association).
fn check_object(o: &Value, at: &str, association: bool) {
    let mut allowed = ROOT.to_vec();
    if association {
        allowed.push("name");
        assert!(o["name"].is_string(), "{at}: an association needs a name");
    }
    only(o, &allowed, at);
    let uri = o["uri"]
        .as_str()
        .unwrap_or_else(|| panic!("{at}: uri is required"));
    assert!(is_uri(uri), "{at}: uri '{uri}'");
    let kinds = [
        "text",
        "audio",
        "video",
        "picture",
        "graphic",
        "composite",
        "component",
    ];
    if let Some(t) = o.get("type") {
        assert!(kinds.contains(&t.as_str().unwrap_or("")), "{at}: type {t}");
    }
    if let Some(p) = o.get("pubstatus") {
        assert!(["usable", "withheld", "canceled"].contains(&p.as_str().unwrap_or("")));
    }
    if let Some(r) = o.get("representationtype") {
        assert!(["full", "partial"].contains(&r.as_str().unwrap_or("")));
    }
    strings(
        o,
        &[
            "version",
            "language",
            "by",
            "slugline",
            "located",
            "copyrightholder",
        ],
        at,
    );
    for k in ["firstcreated", "versioncreated"] {
        if let Some(v) = o.get(k) {
            let s = v.as_str().unwrap_or_default();
            assert!(
                s.parse::<jiff::Timestamp>().is_ok(),
                "{at}.{k}: '{s}' is no date-time"
            );
        }
    }
    for (key, shape) in [
        ("headlines", TEXT),
        ("descriptions", TEXT),
        ("bodies", BODY),
    ] {
        for (i, t) in items(o, key).iter().enumerate() {
            only(t, shape, &format!("{at}.{key}[{i}]"));
            assert!(t["value"].is_string(), "{at}.{key}[{i}] needs a value");
        }
    }
    for (key, shape) in [
        ("subjects", CONCEPT),
        ("people", PERSON),
        ("infosources", SOURCE),
    ] {
        for (i, c) in items(o, key).iter().enumerate() {
            only(c, shape, &format!("{at}.{key}[{i}]"));
            strings(
                c,
                &["name", "rel", "role", "literal"],
                &format!("{at}.{key}[{i}]"),
            );
            if let Some(u) = c.get("uri") {
                assert!(is_uri(u.as_str().unwrap_or("")), "{at}.{key}[{i}].uri {u}");
            }
        }
    }
    for (i, r) in items(o, "renditions").iter().enumerate() {
        only(r, RENDITION, &format!("{at}.renditions[{i}]"));
        assert!(r["name"].is_string(), "a rendition needs a name");
        assert!(is_uri(r["href"].as_str().unwrap_or("")));
        assert!(r["width"].is_number() && r["height"].is_number());
    }
    for (i, a) in items(o, "associations").iter().enumerate() {
        check_object(a, &format!("{at}.associations[{i}]"), true);
    }
    if let Some(s) = o.get("standard") {
        only(s, &["name", "version", "schema"], &format!("{at}.standard"));
    }
}

#[tokio::test]
async fn a_published_article_is_served_as_valid_ninjs_with_its_photo_and_terms() {
    let n = newsroom().await;
    let (status, photo) = n
        .upload(
            warta_testkit::png(1600, 900),
            "Warga mengungsi di Kemang",
            "Antara/Rina",
        )
        .await;
    assert_eq!(status, 201, "{photo}");
    let other = n.published("Hujan deras sejak pagi").await;
    let mut body = article_json("Banjir merendam Jakarta Selatan");
    body["hero"] = json!({"media_id": photo["id"], "caption": "Warga mengungsi", "credit": "Antara/Rina", "alt": "Warga di perahu karet"});
    body["body"]
        .as_array_mut()
        .unwrap()
        .push(json!({"type": "related", "article_id": other["id"]}));
    let a = n.create(body).await;
    let id = a["id"].as_i64().unwrap();

    // Not published yet: nobody outside sees it, as on the reader page.
    let res = n.app.get(&format!("/api/v1/articles/{id}/ninjs")).await;
    assert_eq!(res.status(), 404);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json")
    );

    let published = n.publish(id).await;
    let res = n.app.get(&format!("/api/v1/articles/{id}/ninjs")).await;
    assert_eq!(res.status(), 200, "public, without a token");
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let doc: Value = res.json().await.unwrap();
    check_object(&doc, "ninjs", false);

    assert_eq!(
        doc["uri"],
        format!("https://warta.test/api/v1/articles/{id}/ninjs")
    );
    assert_eq!(doc["type"], "text");
    assert_eq!(doc["version"], published["revision"].to_string());
    assert_eq!(
        doc["headlines"][0]["value"],
        "Banjir merendam Jakarta Selatan"
    );
    assert_eq!(doc["descriptions"][0]["value"], "Ringkasan berita.");
    assert_eq!(doc["located"], "MOSKOW");
    assert_eq!(doc["by"], "Rina Redaktur");
    assert_eq!(doc["people"][0]["rel"], "author");
    assert_eq!(doc["standard"]["version"], "2.1");
    let first: jiff::Timestamp = doc["firstcreated"].as_str().unwrap().parse().unwrap();
    let api: jiff::Timestamp = published["published_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(first, api);

    let subjects: Vec<(String, String)> = items(&doc, "subjects")
        .iter()
        .map(|s| {
            (
                s["rel"].as_str().unwrap().into(),
                s["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    for want in [
        ("rubrik", "Internasional"),
        ("tag", "Rusia"),
        ("tag", "Ukraina"),
        ("tag", "NATO"),
        ("topic", "Invasi Rusia ke Ukraina"),
    ] {
        assert!(
            subjects.contains(&(want.0.into(), want.1.into())),
            "{want:?} in {subjects:?}"
        );
    }
    let sources: Vec<&str> = items(&doc, "infosources")
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["TASS", "Glavkom"]);

    let html = doc["bodies"][0]["value"].as_str().unwrap();
    assert_eq!(doc["bodies"][0]["contenttype"], "text/html");
    assert!(
        html.contains("<p>Pemerintah Rusia menyatakan siap berunding"),
        "{html}"
    );
    assert!(
        html.contains("<blockquote><p>Kami terbuka untuk dialog.</p>"),
        "{html}"
    );
    let related = format!(
        r#"<a href="https://warta.test{}">Hujan deras sejak pagi</a>"#,
        path_of(&other["url"])
    );
    assert!(html.contains(&related), "absolute 'Baca juga' link: {html}");
    assert!(html.contains("(ant/rd)"), "sign-off: {html}");
    assert!(
        !html.contains("<script") && !html.contains("class="),
        "{html}"
    );

    let hero = &doc["associations"][0];
    assert_eq!(hero["name"], "featureimage");
    assert_eq!(hero["type"], "picture");
    assert_eq!(hero["by"], "Antara/Rina");
    assert_eq!(
        hero["descriptions"][0],
        json!({"role": "caption", "contenttype": "text/plain", "value": "Warga mengungsi"})
    );
    let renditions = items(hero, "renditions");
    assert!(
        renditions.len() >= 2,
        "original and variants: {renditions:?}"
    );
    for r in renditions {
        let href = r["href"].as_str().unwrap();
        let path = href.strip_prefix("https://warta.test").expect("absolute");
        let got = n.app.get(path).await;
        assert_eq!(got.status(), 200, "{href}");
        assert_eq!(
            got.headers()["content-type"].to_str().unwrap(),
            r["contenttype"].as_str().unwrap(),
            "{href}"
        );
    }

    // Withdrawn: 410, like the reader page.
    let (status, v) = n
        .app
        .api(
            Method::POST,
            &format!("/articles/{id}/unpublish"),
            &n.editor,
            Some(json!({"reason": "Salah data"})),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        n.app
            .get(&format!("/api/v1/articles/{id}/ninjs"))
            .await
            .status(),
        410
    );
    assert_eq!(
        n.app.get("/api/v1/articles/999999/ninjs").await.status(),
        404
    );
    assert_eq!(
        n.app.get("/api/v1/articles/nomor/ninjs").await.status(),
        404
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_ninjs_route() {
    let n = newsroom().await;
    let doc: Value = n
        .app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let op = &doc["paths"]["/api/v1/articles/{id}/ninjs"]["get"];
    assert!(op.is_object(), "documented");
    assert!(
        op.get("security")
            .is_none_or(|s| s.as_array().is_some_and(|a| a.is_empty())),
        "public: {op}"
    );
    assert_eq!(
        op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Ninjs"
    );
    assert!(op["responses"]["410"].is_object());
    // What the server may leave out is not required by the schema (the fuzzer checks
    // answers against it): only `uri` and `type` are always there.
    let mut required: Vec<&str> = doc["components"]["schemas"]["Ninjs"]["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    required.sort();
    assert_eq!(required, ["type", "uri"]);
}
