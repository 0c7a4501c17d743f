//! One language in the newsroom: every interface string and every message has both
//! languages, and every message the code can raise has a catalogue entry. The second test
//! reads the Rust sources of every crate (so a message added later, in any crate, is caught).

use std::path::{Path, PathBuf};
use warta_admin::{Lang, MESSAGES, STRINGS, has_template, localize, strings};

#[test]
fn every_interface_string_and_message_renders_in_both_languages() {
    let mut missing = Vec::new();
    for (key, _, _) in STRINGS.iter() {
        for lang in [Lang::Id, Lang::En] {
            match strings(lang).get(key) {
                Some(s) if !s.trim().is_empty() => {}
                _ => missing.push(format!("interface string {key:?} in {}", lang.code())),
            }
        }
    }
    for (en, id) in MESSAGES.iter() {
        if en.trim().is_empty() || id.trim().is_empty() {
            missing.push(format!("message {en:?}: empty"));
        }
        // The template itself (placeholders as written) comes out Indonesian.
        let out = localize(Lang::Id, en);
        if out.trim().is_empty() {
            missing.push(format!("message {en:?}: empty Indonesian"));
        }
        assert_eq!(localize(Lang::En, en), *en);
    }
    assert!(
        missing.is_empty(),
        "missing or empty:\n{}",
        missing.join("\n")
    );
}

/// Calls whose string arguments are messages shown to people (`notice!` is warta-newsroom's
/// `format!` for notices). For `ValidationError::new` the
/// first argument is the field, not a message; for `require` only the last is the "what".
const MARKERS: &[(&str, Skip)] = &[
    ("ValidationError::new(", Skip::First),
    ("AppError::Forbidden(", Skip::None),
    ("AppError::Conflict(", Skip::None),
    ("AppError::Unprocessable(", Skip::None),
    ("AppError::BadRequest(", Skip::None),
    ("AppError::NotFound(", Skip::None),
    ("AppError::TooLarge(", Skip::None),
    ("AppError::PreconditionRequired(", Skip::None),
    ("AppError::TooManyRequests(", Skip::None),
    ("AppError::Unauthorized(", Skip::None),
    ("NewsroomError::Forbidden(", Skip::None),
    ("NewsroomError::Conflict(", Skip::None),
    ("StoreError::Invalid(", Skip::None),
    ("StoreError::InUse(", Skip::None),
    ("StoreError::Conflict(", Skip::None),
    ("MediaError::Unsupported(", Skip::None),
    ("MediaError::Corrupt(", Skip::None),
    ("#[error(", Skip::None),
    ("notice!(", Skip::None),
    (".require(", Skip::AllButLast),
    ("AppError::require(", Skip::AllButLast),
    ("require(user.role,", Skip::AllButLast),
];

#[derive(Clone, Copy)]
enum Skip {
    None,
    First,
    AllButLast,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level arguments of a call whose `(` ends just before `s`.
fn call_args(s: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                cur.push(c);
                while let Some(d) = chars.next() {
                    cur.push(d);
                    if d == '\\' {
                        if let Some(e) = chars.next() {
                            cur.push(e);
                        }
                    } else if d == '"' {
                        break;
                    }
                }
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                args.push(cur);
                return args;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                args.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    args
}

/// String literals in `arg`, with `{name}`/`{0}`/`{:?}` placeholders written `{}`.
fn literals(arg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = arg;
    while let Some(start) = rest.find('"') {
        let body = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                end = Some(i);
                break;
            }
        }
        let Some(end) = end else { break };
        let lit = body[..end].replace("\\'", "'").replace("\\\"", "\"");
        let mut t = String::new();
        let mut in_ph = false;
        for c in lit.chars() {
            match (c, in_ph) {
                ('{', false) => {
                    in_ph = true;
                    t.push_str("{}");
                }
                ('}', true) => in_ph = false,
                (_, true) => {}
                (c, false) => t.push(c),
            }
        }
        out.push(t);
        rest = &body[end + 1..];
    }
    out
}

#[test]
fn every_message_in_the_sources_has_a_catalogue_entry() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for e in std::fs::read_dir(&crates).expect("crates dir").flatten() {
        rust_files(&e.path().join("src"), &mut files);
    }
    assert!(
        files.len() > 20,
        "found the sources ({} files)",
        files.len()
    );
    let mut found = 0;
    let mut missing = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        // Unit tests raise messages of their own.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (marker, skip) in MARKERS {
            for (at, _) in code.match_indices(marker) {
                let args = call_args(&code[at + marker.len()..]);
                let n = args.len();
                let wanted = args.iter().enumerate().filter(|(i, _)| match skip {
                    Skip::None => true,
                    Skip::First => *i > 0,
                    Skip::AllButLast => *i + 1 == n,
                });
                for (_, arg) in wanted {
                    for t in literals(arg) {
                        // Bare placeholders and separators carry no words to translate.
                        if !t.replace("{}", "").chars().any(char::is_alphabetic) {
                            continue;
                        }
                        found += 1;
                        if !has_template(&t) {
                            let name = f.strip_prefix(&crates).unwrap_or(f).display().to_string();
                            missing.push(format!("{name}: {t:?}"));
                        }
                    }
                }
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(found > 80, "the scan found messages ({found})");
    assert!(
        missing.is_empty(),
        "messages without an entry in crates/warta-admin/src/catalogue.rs:\n{}",
        missing.join("\n")
    );
}

/// Every crate's sources, without their unit tests: (path under `crates/`, code).
fn sources() -> Vec<(String, String)> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for e in std::fs::read_dir(&crates).expect("crates dir").flatten() {
        rust_files(&e.path().join("src"), &mut files);
    }
    files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
            let name = f.strip_prefix(&crates).unwrap_or(f).display().to_string();
            (name, code)
        })
        .collect()
}

/// The string literals that directly follow `marker` anywhere in `code`.
fn literals_after(code: &str, marker: &str) -> Vec<String> {
    code.match_indices(marker)
        .filter_map(|(at, _)| literals(&code[at + marker.len() - 1..]).into_iter().next())
        .collect()
}

/// The actions the code writes to the audit log: the action argument of each `.audit(…)`
/// (second) and `audit_in(…)` (fourth, after the connection and the origin) call. A literal is taken as it is; a variable
/// `action` from its `let`; `save.action` from every `action: "…"` of a `Save`;
/// `step.as_str()` from `Transition::as_str`. Any other form fails the scan, so a new way
/// of naming an action must be taught here.
fn audit_actions() -> Vec<(String, String)> {
    let files = sources();
    let save_actions: Vec<String> = files
        .iter()
        .flat_map(|(_, c)| literals_after(c, "action: \""))
        .collect();
    let core = files
        .iter()
        .find(|(n, _)| n.ends_with("warta-core/src/lib.rs"))
        .map(|(_, c)| c.as_str())
        .expect("warta-core's lib.rs");
    let steps: Vec<String> = core
        .lines()
        .filter(|l| l.trim_start().starts_with("Transition::") && l.contains("=> \""))
        .flat_map(literals)
        .collect();
    assert!(steps.len() >= 5, "Transition::as_str: {steps:?}");
    let mut out = Vec::new();
    for (name, code) in &files {
        for (marker, index) in [(".audit(", 1), ("audit_in(", 3)] {
            for (at, _) in code.match_indices(marker) {
                if code[..at].ends_with("fn ") {
                    continue;
                }
                let args = call_args(&code[at + marker.len()..]);
                let Some(arg) = args.get(index).map(|a| a.trim()) else {
                    continue;
                };
                let fn_start = code[..at].rfind("fn ").unwrap_or(0);
                let signature = code[fn_start..at].split('{').next().unwrap_or("");
                let found = if arg.starts_with('"') {
                    literals(arg)
                } else if arg == "action" && signature.contains("action: &str") {
                    // A function that passes its caller's action on.
                    continue;
                } else if arg == "action" {
                    let body = &code[fn_start..at];
                    let start = body
                        .rfind("let action")
                        .or_else(|| body.rfind("let (action"))
                        .unwrap_or_else(|| panic!("{name}: where does `action` come from?"));
                    let stmt = body[start..].split(';').next().unwrap_or("");
                    let mut l = literals(stmt);
                    if stmt.contains("save.action") {
                        l.extend(save_actions.iter().cloned());
                    }
                    l
                } else if arg == "step.as_str()" {
                    steps.clone()
                } else {
                    panic!(
                        "{name}: an audit action written as `{arg}`; teach this test to read it"
                    );
                };
                out.extend(found.into_iter().map(|a| (a, name.clone())));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_audit_action_the_code_records_has_a_label_in_both_languages() {
    let actions = audit_actions();
    assert!(actions.len() >= 30, "the scan found actions: {actions:?}");
    for expected in [
        "stage",
        "update",
        "token-revoke",
        "user-disable",
        "publish",
        "rubrik",
    ] {
        assert!(
            actions.iter().any(|(a, _)| a == expected),
            "the scan misses {expected:?}: {actions:?}"
        );
    }
    let mut missing = Vec::new();
    for (action, file) in &actions {
        let key = format!("audit_{action}");
        for lang in [Lang::Id, Lang::En] {
            match strings(lang).get(key.as_str()) {
                Some(s) if !s.trim().is_empty() && (lang == Lang::En || s != action) => {}
                _ => missing.push(format!("{file}: {key:?} in {}", lang.code())),
            }
        }
    }
    missing.sort();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "audit actions without a label in crates/warta-admin/src/i18n/:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_media_pages_size_message_is_the_editor_dialogs() {
    let js = include_str!("../../../editor/src/i18n.js");
    for lang in [Lang::Id, Lang::En] {
        let ours = strings(lang)["upload_too_large"];
        assert!(
            js.contains(&format!("tooLarge: '{ours}'")),
            "upload_too_large ({}) differs from the editor's tooLarge",
            lang.code()
        );
    }
}
