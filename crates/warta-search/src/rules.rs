//! The prefix disambiguation rules of the confix-stripping stemmer, numbered as Sastrawi
//! numbers them (Nazief–Adriani, Asian's CS/ECS additions, Sastrawi's own 41 and 42). Each
//! rule turns a word into a candidate root or declines (`None`).
//!
//! Rules that share a number form one group: the stemmer tries them in order and keeps the
//! first candidate in the dictionary, otherwise the last group member's answer.

type Rule = fn(&str) -> Option<String>;

const V: &[u8] = b"aiueo";
const C: &[u8] = b"bcdfghjklmnpqrstvwxyz";

fn at(w: &str, i: usize, class: &[u8]) -> bool {
    w.as_bytes().get(i).is_some_and(|b| class.contains(b))
}

fn az(w: &str, i: usize) -> bool {
    w.as_bytes().get(i).is_some_and(u8::is_ascii_lowercase)
}

fn after<'a>(w: &'a str, prefix: &str) -> Option<&'a str> {
    w.strip_prefix(prefix)
}

fn r1a(w: &str) -> Option<String> {
    after(w, "ber").filter(|r| at(r, 0, V)).map(str::to_string)
}
fn r1b(w: &str) -> Option<String> {
    after(w, "ber")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("r{r}"))
}
fn r2(w: &str) -> Option<String> {
    let r = after(w, "ber")?;
    (at(r, 0, C) && az(r, 1) && !r[2..].starts_with("er")).then(|| r.to_string())
}
fn r3(w: &str) -> Option<String> {
    let r = after(w, "ber")?;
    let ok = at(r, 0, C) && az(r, 1) && r.get(2..4) == Some("er") && at(r, 4, V);
    (ok && !r.starts_with('r')).then(|| r.to_string())
}
fn r4(w: &str) -> Option<String> {
    (w == "belajar").then(|| "ajar".to_string())
}
fn r5(w: &str) -> Option<String> {
    let r = after(w, "be")?;
    let ok = at(r, 0, b"bcdfghjklmnpqstvwxyz") && r.get(1..3) == Some("er") && at(r, 3, C);
    ok.then(|| r.to_string())
}
fn r6a(w: &str) -> Option<String> {
    after(w, "ter").filter(|r| at(r, 0, V)).map(str::to_string)
}
fn r6b(w: &str) -> Option<String> {
    after(w, "ter")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("r{r}"))
}
fn r7(w: &str) -> Option<String> {
    let r = after(w, "ter")?;
    let ok = at(r, 0, C) && r.get(1..3) == Some("er") && at(r, 3, V);
    (ok && !r.starts_with('r')).then(|| r.to_string())
}
fn r8(w: &str) -> Option<String> {
    let r = after(w, "ter")?;
    (at(r, 0, C) && !r.starts_with('r') && !r[1..].starts_with("er")).then(|| r.to_string())
}
fn r9(w: &str) -> Option<String> {
    let r = after(w, "te")?;
    let ok = at(r, 0, C) && r.get(1..3) == Some("er") && at(r, 3, C);
    (ok && !r.starts_with('r')).then(|| r.to_string())
}
fn r10(w: &str) -> Option<String> {
    let r = after(w, "me")?;
    (at(r, 0, b"lrwy") && at(r, 1, V)).then(|| r.to_string())
}
fn r11(w: &str) -> Option<String> {
    after(w, "mem")
        .filter(|r| at(r, 0, b"bfv"))
        .map(str::to_string)
}
fn r12(w: &str) -> Option<String> {
    after(w, "mempe").map(|r| format!("pe{r}"))
}
fn r13a(w: &str) -> Option<String> {
    after(w, "mem")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("m{r}"))
}
fn r13b(w: &str) -> Option<String> {
    after(w, "mem")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("p{r}"))
}
fn r14(w: &str) -> Option<String> {
    after(w, "men")
        .filter(|r| at(r, 0, b"cdjstz"))
        .map(str::to_string)
}
fn r15a(w: &str) -> Option<String> {
    after(w, "men")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("n{r}"))
}
fn r15b(w: &str) -> Option<String> {
    after(w, "men")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("t{r}"))
}
fn r16(w: &str) -> Option<String> {
    // Sastrawi's class is `[g|h|q|k]`: the bar is a member too.
    after(w, "meng")
        .filter(|r| at(r, 0, b"g|hqk"))
        .map(str::to_string)
}
fn r17a(w: &str) -> Option<String> {
    after(w, "meng").filter(|r| at(r, 0, V)).map(str::to_string)
}
fn r17b(w: &str) -> Option<String> {
    after(w, "meng")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("k{r}"))
}
fn r17c(w: &str) -> Option<String> {
    after(w, "menge").map(str::to_string)
}
fn r17d(w: &str) -> Option<String> {
    after(w, "meng")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("ng{r}"))
}
fn r18a(w: &str) -> Option<String> {
    after(w, "meny")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("ny{r}"))
}
fn r18b(w: &str) -> Option<String> {
    after(w, "meny")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("s{r}"))
}
fn r19(w: &str) -> Option<String> {
    after(w, "memp")
        .filter(|r| at(r, 0, b"abcdfghijklmopqrstuvwxyz"))
        .map(|r| format!("p{r}"))
}
fn r20(w: &str) -> Option<String> {
    let r = after(w, "pe")?;
    (at(r, 0, b"wy") && at(r, 1, V)).then(|| r.to_string())
}
fn r21a(w: &str) -> Option<String> {
    after(w, "per").filter(|r| at(r, 0, V)).map(str::to_string)
}
fn r21b(w: &str) -> Option<String> {
    let r = after(w, "pe")?;
    (r.starts_with('r') && at(r, 1, V)).then(|| r.to_string())
}
fn r23(w: &str) -> Option<String> {
    let r = after(w, "per")?;
    (at(r, 0, C) && az(r, 1) && !r[2..].starts_with("er")).then(|| r.to_string())
}
fn r24(w: &str) -> Option<String> {
    let r = after(w, "per")?;
    let ok = at(r, 0, C) && az(r, 1) && r.get(2..4) == Some("er") && at(r, 4, V);
    (ok && !r.starts_with('r')).then(|| r.to_string())
}
fn r25(w: &str) -> Option<String> {
    after(w, "pem")
        .filter(|r| at(r, 0, b"bfv"))
        .map(str::to_string)
}
fn r26a(w: &str) -> Option<String> {
    after(w, "pem")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("m{r}"))
}
fn r26b(w: &str) -> Option<String> {
    after(w, "pem")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("p{r}"))
}
fn r27(w: &str) -> Option<String> {
    after(w, "pen")
        .filter(|r| at(r, 0, b"cdjz"))
        .map(str::to_string)
}
fn r28a(w: &str) -> Option<String> {
    after(w, "pen")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("n{r}"))
}
fn r28b(w: &str) -> Option<String> {
    after(w, "pen")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("t{r}"))
}
fn r29(w: &str) -> Option<String> {
    after(w, "peng").filter(|r| at(r, 0, C)).map(str::to_string)
}
fn r30a(w: &str) -> Option<String> {
    after(w, "peng").filter(|r| at(r, 0, V)).map(str::to_string)
}
fn r30b(w: &str) -> Option<String> {
    after(w, "peng")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("k{r}"))
}
fn r30c(w: &str) -> Option<String> {
    after(w, "penge").map(str::to_string)
}
fn r31a(w: &str) -> Option<String> {
    after(w, "peny")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("ny{r}"))
}
fn r31b(w: &str) -> Option<String> {
    after(w, "peny")
        .filter(|r| at(r, 0, V))
        .map(|r| format!("s{r}"))
}
fn r32(w: &str) -> Option<String> {
    if w == "pelajar" {
        return Some("ajar".to_string());
    }
    let r = after(w, "pe")?;
    (r.starts_with('l') && at(r, 1, V)).then(|| r.to_string())
}
fn r34(w: &str) -> Option<String> {
    let r = after(w, "pe")?;
    (at(r, 0, C) && !r[1..].starts_with("er")).then(|| r.to_string())
}
fn r35(w: &str) -> Option<String> {
    let r = after(w, "ter")?;
    let ok = at(r, 0, b"bcdfghjkpqstvxz") && r.get(1..3) == Some("er") && at(r, 3, C);
    ok.then(|| r.to_string())
}
fn r36(w: &str) -> Option<String> {
    let r = after(w, "pe")?;
    let ok = at(r, 0, b"bcdfghjkpqstvxz") && r.get(1..3) == Some("er") && at(r, 3, C);
    ok.then(|| r.to_string())
}
/// Rules 37–40: an infix (-er-, -el-, -em-, -in-) after the first consonant; "a" keeps it.
fn infix(w: &str, mid: &str, keep: bool) -> Option<String> {
    let ok = at(w, 0, C) && w.get(1..3) == Some(mid) && at(w, 3, V);
    ok.then(|| {
        if keep {
            w.to_string()
        } else {
            format!("{}{}", &w[..1], &w[3..])
        }
    })
}
fn r37a(w: &str) -> Option<String> {
    infix(w, "er", true)
}
fn r37b(w: &str) -> Option<String> {
    infix(w, "er", false)
}
fn r38a(w: &str) -> Option<String> {
    infix(w, "el", true)
}
fn r38b(w: &str) -> Option<String> {
    infix(w, "el", false)
}
fn r39a(w: &str) -> Option<String> {
    infix(w, "em", true)
}
fn r39b(w: &str) -> Option<String> {
    infix(w, "em", false)
}
fn r40a(w: &str) -> Option<String> {
    infix(w, "in", true)
}
fn r40b(w: &str) -> Option<String> {
    infix(w, "in", false)
}
fn r41(w: &str) -> Option<String> {
    after(w, "ku").map(str::to_string)
}
fn r42(w: &str) -> Option<String> {
    after(w, "kau").map(str::to_string)
}

/// The prefix rule groups in Sastrawi's order (after the plain prefixes di-/ke-/se-).
pub(crate) const GROUPS: &[&[Rule]] = &[
    &[r1a, r1b],
    &[r2],
    &[r3],
    &[r4],
    &[r5],
    &[r6a, r6b],
    &[r7],
    &[r8],
    &[r9],
    &[r10],
    &[r11],
    &[r12],
    &[r13a, r13b],
    &[r14],
    &[r15a, r15b],
    &[r16],
    &[r17a, r17b, r17c, r17d],
    &[r18a, r18b],
    &[r19],
    &[r20],
    &[r21a, r21b],
    &[r23],
    &[r24],
    &[r25],
    &[r26a, r26b],
    &[r27],
    &[r28a, r28b],
    &[r29],
    &[r30a, r30b, r30c],
    &[r31a, r31b],
    &[r32],
    &[r34],
    &[r35],
    &[r36],
    &[r37a, r37b],
    &[r38a, r38b],
    &[r39a, r39b],
    &[r40a, r40b],
    &[r41],
    &[r42],
];
