//! The README's dependency diagram ("Design notes") against every crate's `Cargo.toml`: each
//! arrow drawn is a real `[dependencies]` entry, every crate is drawn, and every dependency
//! a `Cargo.toml` names is an arrow or follows from arrows (a crate may use what lies below).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Edges = BTreeSet<(String, String)>;

/// Each workspace crate's direct `[dependencies]` on other workspace crates.
fn cargo_edges(crates: &Path) -> (BTreeSet<String>, Edges) {
    let mut names = BTreeSet::new();
    let mut edges = Edges::new();
    for e in std::fs::read_dir(crates).expect("crates dir").flatten() {
        let Ok(toml) = std::fs::read_to_string(e.path().join("Cargo.toml")) else {
            continue;
        };
        let name = toml
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .and_then(|l| l.strip_suffix('"'))
            .expect("package name")
            .to_string();
        let mut in_deps = false;
        for line in toml.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                in_deps = line == "[dependencies]";
            } else if in_deps && line.starts_with("warta") {
                let dep: String = line
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                edges.insert((name.clone(), dep));
            }
        }
        names.insert(name);
    }
    (names, edges)
}

/// The first crate name in `s` (`warta` or `warta-…`), if `s` starts with one.
fn crate_name(s: &str) -> Option<String> {
    let name: String = s
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (name == "warta" || name.starts_with("warta-")).then_some(name)
}

/// The arrows of the diagram: tree branches (`├─`/`└─` under the line above them with less
/// indentation) and `a, b → c, d` lines. Text in parentheses is description.
fn diagram_edges(block: &str) -> (BTreeSet<String>, Edges) {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in block.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            '\n' => plain.push(c),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let mut names = BTreeSet::new();
    let mut edges = Edges::new();
    // (column of the name, name) of the lines above, for tree branches.
    let mut stack: Vec<(usize, String)> = Vec::new();
    for line in plain.lines() {
        if let Some((left, right)) = line.split_once('→') {
            let side = |s: &str| s.split(',').filter_map(crate_name).collect::<Vec<_>>();
            let (from, to) = (side(left), side(right));
            assert!(
                !from.is_empty() && !to.is_empty(),
                "unreadable arrow: {line}"
            );
            for a in &from {
                for b in &to {
                    edges.insert((a.clone(), b.clone()));
                }
            }
            names.extend(from.into_iter().chain(to));
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let branch = chars.windows(2).position(|w| matches!(w, ['├' | '└', '─']));
        let (col, rest) = match branch {
            Some(at) => (at, chars[at + 2..].iter().collect::<String>()),
            None => (
                chars.iter().take_while(|c| c.is_whitespace()).count(),
                line.to_string(),
            ),
        };
        let Some(name) = crate_name(&rest) else {
            continue;
        };
        while stack.last().is_some_and(|(c, _)| *c >= col) {
            stack.pop();
        }
        if branch.is_some() {
            let (_, parent) = stack.last().expect("a branch has a line above it");
            edges.insert((parent.clone(), name.clone()));
        }
        let name_col = col + rest.chars().take_while(|c| c.is_whitespace()).count() + 2;
        stack.push((if branch.is_some() { name_col } else { col }, name.clone()));
        names.insert(name);
    }
    (names, edges)
}

fn reachable(edges: &Edges, from: &str) -> BTreeSet<String> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges {
        next.entry(a).or_default().push(b);
    }
    let mut seen = BTreeSet::new();
    let mut todo = vec![from];
    while let Some(c) = todo.pop() {
        for n in next.get(c).into_iter().flatten() {
            if seen.insert(n.to_string()) {
                todo.push(n);
            }
        }
    }
    seen
}

#[test]
fn readme_dependency_diagram_matches_every_cargo_toml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let notes = readme
        .split_once("## Design notes")
        .expect("a Design notes section")
        .1;
    let block = notes
        .split("```")
        .nth(1)
        .expect("a diagram in the Design notes");
    let (drawn, arrows) = diagram_edges(block);
    let (crates, deps) = cargo_edges(&root.join("crates"));
    assert!(
        crates.len() >= 10 && deps.len() >= 20,
        "{crates:?} {deps:?}"
    );

    let undrawn: Vec<_> = crates.difference(&drawn).collect();
    assert!(
        undrawn.is_empty(),
        "crates missing from the diagram: {undrawn:?}"
    );
    let false_arrows: Vec<_> = arrows.difference(&deps).collect();
    assert!(
        false_arrows.is_empty(),
        "arrows that no Cargo.toml has: {false_arrows:?}"
    );
    let missing: Vec<_> = deps
        .iter()
        .filter(|(a, b)| !reachable(&arrows, a).contains(b))
        .collect();
    assert!(
        missing.is_empty(),
        "dependencies the diagram does not show: {missing:?}"
    );
}

#[test]
fn the_diagram_reader_reads_branches_and_arrows() {
    let block = "\nwarta (x)\n  ├─ warta-a (y → z)\n  │    (more)\n  └─ warta-b\n       └─ warta-c\nwarta-a, warta-b → warta-d (q, r), warta-e\n";
    let (names, edges) = diagram_edges(block);
    assert_eq!(names.len(), 6, "{names:?}");
    let want: Edges = [
        ("warta", "warta-a"),
        ("warta", "warta-b"),
        ("warta-b", "warta-c"),
        ("warta-a", "warta-d"),
        ("warta-a", "warta-e"),
        ("warta-b", "warta-d"),
        ("warta-b", "warta-e"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(edges, want);
}
