//! Near-duplicate detection: a MinHash over the word pairs of an item's normalised text
//! (lower case, letters and digits only). Two texts' fingerprints agree in about the share
//! of word pairs they have in common (their Jaccard similarity), so a copy reworded by one
//! word agrees in nearly every place while unrelated stories agree in almost none.

/// How many hash functions (places in the fingerprint).
const HASHES: usize = 48;

/// At least this share of agreeing places makes a near-duplicate.
pub const SIMILAR: f64 = 0.7;

/// The fingerprint of `text`: `HASHES` minima as 8 hex digits each.
pub fn fingerprint(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let shingles: Vec<String> = match words.len() {
        0 => return String::new(),
        1 => words.clone(),
        _ => words
            .windows(2)
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect(),
    };
    let mut out = String::with_capacity(HASHES * 8);
    for seed in 0..HASHES as u64 {
        let min = shingles
            .iter()
            .map(|s| hash(seed, s.as_bytes()))
            .min()
            .unwrap_or(0);
        out.push_str(&format!("{:08x}", (min >> 32) as u32));
    }
    out
}

/// The share of places where `a` and `b` agree (0 when either is empty or they differ in
/// length, e.g. an item without text).
pub fn similarity(a: &str, b: &str) -> f64 {
    if a.is_empty() || a.len() != b.len() || !a.len().is_multiple_of(8) {
        return 0.0;
    }
    let places = a.len() / 8;
    let same = (0..places)
        .filter(|i| a[i * 8..i * 8 + 8] == b[i * 8..i * 8 + 8])
        .count();
    same as f64 / places as f64
}

/// FNV-1a, 64 bits, with the seed mixed into the start so each seed is another function;
/// finished with a multiply-xorshift so the high bits are well spread.
fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Pemerintah Indonesia menyatakan harga beras di pasar induk Cipinang \
        turun selama sepekan terakhir setelah panen raya di Jawa Tengah dan Jawa Timur. \
        Menteri Perdagangan mengatakan stok beras nasional cukup hingga akhir tahun dan \
        operasi pasar akan diteruskan di tiga puluh kota.";

    #[test]
    fn a_copy_reworded_by_one_word_is_similar() {
        let other = TEXT.replace("turun", "merosot");
        let s = similarity(&fingerprint(TEXT), &fingerprint(&other));
        assert!(s >= SIMILAR, "{s}");
        // Case and punctuation do not count.
        let shouted = TEXT.to_uppercase().replace('.', "!");
        assert_eq!(similarity(&fingerprint(TEXT), &fingerprint(&shouted)), 1.0);
    }

    #[test]
    fn different_stories_are_not() {
        let other = "Tim nasional sepak bola Indonesia mengalahkan Vietnam dua gol tanpa balas \
            di Stadion Utama Gelora Bung Karno, Jakarta, pada Selasa malam di hadapan puluhan \
            ribu penonton yang memadati tribun sejak sore.";
        let s = similarity(&fingerprint(TEXT), &fingerprint(other));
        assert!(s < 0.2, "{s}");
        assert_eq!(similarity("", ""), 0.0);
    }
}
