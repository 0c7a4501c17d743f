//! The configuration's precedence (defaults → file → environment → flags) and its checks.

use super::*;
use std::collections::HashMap;

fn load(over: Overrides, file: Option<&str>, env: &[(&str, &str)]) -> anyhow::Result<Config> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    if let Some(f) = file {
        std::fs::write(dir.join("warta.toml"), f).unwrap();
    }
    let env: HashMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let over = Overrides {
        data: Some(over.data.unwrap_or(dir)),
        ..over
    };
    Config::load_from(&over, |k| env.get(k).cloned())
}

#[test]
fn defaults_then_file_then_env_then_flags() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert_eq!(
        (c.listen.as_str(), c.site_name.as_str()),
        ("127.0.0.1:8080", "Warta")
    );
    assert_eq!(c.base_url, "http://127.0.0.1:8080");
    let c = load(
        Overrides::default(),
        Some("site_name = \"Kabar\"\nlisten = \"0.0.0.0:9\""),
        &[("WARTA_SITE_NAME", "Warta Nusantara")],
    )
    .unwrap();
    assert_eq!(
        (c.site_name.as_str(), c.listen.as_str()),
        ("Warta Nusantara", "0.0.0.0:9")
    );
    let c = load(
        Overrides {
            listen: Some("127.0.0.1:1".into()),
            ..Default::default()
        },
        None,
        &[
            ("WARTA_LISTEN", "x:2"),
            ("WARTA_BASE_URL", "https://warta.example/"),
        ],
    )
    .unwrap();
    assert_eq!(
        (c.listen.as_str(), c.base_url.as_str()),
        ("127.0.0.1:1", "https://warta.example")
    );
}

#[test]
fn mail_settings() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert_eq!(
        (c.smtp_url, c.mail_from.as_str()),
        (None, "redaksi@localhost")
    );
    let c = load(
        Overrides::default(),
        Some("smtp_url = \"smtp://127.0.0.1:2525\"\nmail_from = \"a@b.test\""),
        &[("WARTA_MAIL_FROM", "redaksi@warta.test")],
    )
    .unwrap();
    assert_eq!(c.smtp_url.as_deref(), Some("smtp://127.0.0.1:2525"));
    assert_eq!(c.mail_from, "redaksi@warta.test");
}

#[test]
fn fact_check_verdicts_from_file_or_env() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert!(c.fact_check_verdicts.is_empty());
    let file = "fact_check_verdicts = [\"PALSU\", \"SATIRE\"]";
    let c = load(Overrides::default(), Some(file), &[]).unwrap();
    assert_eq!(c.fact_check_verdicts, vec!["PALSU", "SATIRE"]);
    let env = [("WARTA_FACT_CHECK_VERDICTS", "PALSU, BELUM TERBUKTI")];
    let c = load(Overrides::default(), Some(file), &env).unwrap();
    assert_eq!(c.fact_check_verdicts, vec!["PALSU", "BELUM TERBUKTI"]);
}

#[test]
fn ping_settings_are_off_by_default_and_checked() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert!(c.pings().targets().is_empty());
    let c = load(
        Overrides::default(),
        Some("websub_hub = \"http://hub.test/\"\nindexnow_url = \"http://in.test/indexnow\""),
        &[("WARTA_INDEXNOW_KEY", "kunci-rahasia-01")],
    )
    .unwrap();
    assert_eq!(c.pings().targets(), ["websub", "indexnow"]);
    assert_eq!(
        c.pings().indexnow,
        Some(("http://in.test/indexnow".into(), "kunci-rahasia-01".into()))
    );
    for bad in [
        "websub_hub = \"ftp://hub.test\"",
        "indexnow_url = \"http://in.test\"",
        "indexnow_url = \"http://in.test\"\nindexnow_key = \"pendek\"",
        "indexnow_url = \"http://in.test\"\nindexnow_key = \"kunci/../rahasia\"",
    ] {
        assert!(load(Overrides::default(), Some(bad), &[]).is_err(), "{bad}");
    }
}

#[test]
fn trusted_proxies_from_file_or_env() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert!(c.trusted_proxies.is_empty());
    let c = load(
        Overrides::default(),
        Some("trusted_proxies = [\"10.0.0.1\"]"),
        &[],
    )
    .unwrap();
    assert_eq!(
        c.trusted_proxies,
        vec!["10.0.0.1".parse::<IpAddr>().unwrap()]
    );
    let c = load(
        Overrides::default(),
        None,
        &[("WARTA_TRUSTED_PROXIES", "10.0.0.1, ::1")],
    )
    .unwrap();
    assert_eq!(c.trusted_proxies.len(), 2);
    assert!(
        load(
            Overrides::default(),
            None,
            &[("WARTA_TRUSTED_PROXIES", "proxy")]
        )
        .is_err()
    );
}

#[test]
fn typos_and_bad_values_are_errors() {
    assert!(load(Overrides::default(), Some("site_nmae = \"x\""), &[]).is_err());
    assert!(
        load(
            Overrides::default(),
            None,
            &[("WARTA_BASE_URL", "warta.example")]
        )
        .is_err()
    );
    assert!(load(Overrides::default(), None, &[("WARTA_PAGE_CACHE", "maybe")]).is_err());
    assert!(
        load(
            Overrides::default(),
            None,
            &[("WARTA_SMTP_URL", "mail.example")]
        )
        .is_err()
    );
    assert!(load(Overrides::default(), None, &[("WARTA_MAX_RENDERS", "0")]).is_err());
    assert!(
        load(
            Overrides::default(),
            None,
            &[("WARTA_METRICS_ALLOW", "intern")]
        )
        .is_err()
    );
}

#[test]
fn media_in_a_bucket_from_file_or_env() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert!(c.media_s3.is_none(), "the local folder by default");
    let c = load(
        Overrides::default(),
        Some("media_url = \"s3://warta-media/situs\""),
        &[
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"),
            ("AWS_ALLOW_HTTP", "true"),
        ],
    )
    .unwrap();
    let s3 = c.media_s3.expect("media in a bucket");
    assert_eq!(s3.url(), "s3://warta-media/situs");
    assert_eq!(s3.endpoint(), Some("http://127.0.0.1:9000"));
    let c = load(
        Overrides::default(),
        Some("media_url = \"s3://warta-media/situs\""),
        &[("WARTA_MEDIA_URL", "s3://lain")],
    )
    .unwrap();
    assert_eq!(c.media_s3.unwrap().url(), "s3://lain", "env wins");
    let c = load(Overrides::default(), None, &[("WARTA_MEDIA_URL", " ")]).unwrap();
    assert!(c.media_s3.is_none(), "empty is unset");
    let e = load(
        Overrides::default(),
        None,
        &[("WARTA_MEDIA_URL", "/srv/media")],
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("s3://bucket/prefix"), "{e}");
}

#[test]
fn capacity_and_metrics_settings() {
    let c = load(Overrides::default(), None, &[]).unwrap();
    assert!(c.slots.work >= 8 && c.slots.search >= 4 && c.slots.queue >= 32);
    assert_eq!(c.metrics_allow.len(), 2, "loopback by default");
    let file = "max_renders = 3\nmax_searches = 2\nbusy_queue = 0\nmetrics_allow = [\"10.0.0.5\"]";
    let c = load(
        Overrides::default(),
        Some(file),
        &[("WARTA_MAX_SEARCHES", "5")],
    )
    .unwrap();
    assert_eq!((c.slots.work, c.slots.search, c.slots.queue), (3, 5, 0));
    assert_eq!(c.metrics_allow, vec!["10.0.0.5".parse::<IpAddr>().unwrap()]);
}
