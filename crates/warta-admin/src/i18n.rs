//! Interface strings: Bahasa Indonesia (default) and English. Templates read them as `t.key`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Lang {
        if s.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

/// (key, Bahasa Indonesia, English).
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("newsroom", "Redaksi", "Newsroom"),
    ("sign_in", "Masuk", "Sign in"),
    ("sign_out", "Keluar", "Sign out"),
    (
        "sign_out_all",
        "Keluar dari semua perangkat",
        "Sign out everywhere",
    ),
    ("email", "Email", "Email"),
    ("password", "Kata sandi", "Password"),
    ("forgot", "Lupa kata sandi?", "Forgot your password?"),
    ("dashboard", "Dasbor", "Dashboard"),
    ("articles", "Artikel", "Articles"),
    ("media", "Media", "Media"),
    ("audit", "Log audit", "Audit log"),
    ("users", "Pengguna", "Users"),
    ("account", "Akun", "Account"),
    ("new_article", "Tulis artikel baru", "Write a new article"),
    ("my_drafts", "Draf saya", "My drafts"),
    ("waiting_review", "Menunggu review", "Waiting for review"),
    ("scheduled", "Terjadwal", "Scheduled"),
    ("recently_published", "Baru terbit", "Recently published"),
    ("nothing", "Tidak ada.", "Nothing here."),
    ("headline", "Judul", "Headline"),
    ("dek", "Ringkasan (dek)", "Summary (dek)"),
    ("slug", "Slug (alamat)", "Slug (address)"),
    ("rubrik", "Rubrik", "Section"),
    (
        "tags",
        "Tag (pisahkan dengan koma)",
        "Tags (comma separated)",
    ),
    (
        "topic",
        "Topik (berita berkelanjutan)",
        "Topic (running story)",
    ),
    (
        "authors",
        "Penulis (email, pisahkan dengan koma)",
        "Authors (emails, comma separated)",
    ),
    ("dateline", "Dateline (kota)", "Dateline (city)"),
    (
        "signoff",
        "Kode penutup (mis. (ant/rd))",
        "Sign-off (e.g. (ant/rd))",
    ),
    (
        "sources",
        "Sumber (satu per baris: Nama | https://…)",
        "Sources (one per line: Name | https://…)",
    ),
    ("hero", "Foto utama", "Main photo"),
    ("caption", "Keterangan foto", "Caption"),
    ("credit", "Kredit foto", "Photo credit"),
    ("alt", "Teks alternatif", "Alt text"),
    ("seo", "SEO dan kartu sosial", "SEO and social card"),
    ("seo_title", "Judul SEO", "SEO title"),
    ("seo_description", "Deskripsi SEO", "SEO description"),
    ("live", "Mode langsung (live blog)", "Live mode (live blog)"),
    ("body", "Isi berita", "Body"),
    ("body_json", "Isi (JSON blok)", "Body (JSON blocks)"),
    (
        "correction",
        "Catatan koreksi (tampil untuk pembaca)",
        "Correction note (shown to readers)",
    ),
    ("save", "Simpan", "Save"),
    ("submit", "Kirim ke editor", "Submit for review"),
    ("return", "Kembalikan ke penulis", "Return to writer"),
    ("publish", "Terbitkan", "Publish"),
    ("schedule", "Jadwalkan", "Schedule"),
    (
        "schedule_at",
        "Waktu terbit (WIB)",
        "Publication time (WIB)",
    ),
    ("unpublish", "Tarik dari publikasi", "Unpublish"),
    ("preview", "Pratinjau", "Preview"),
    ("revisions", "Revisi", "Revisions"),
    ("compare", "Bandingkan", "Compare"),
    ("restore", "Pulihkan revisi ini", "Restore this revision"),
    ("status", "Status", "Status"),
    ("updated", "Diperbarui", "Updated"),
    ("by", "oleh", "by"),
    ("all", "Semua", "All"),
    ("search", "Cari", "Search"),
    ("st_draft", "Draf", "Draft"),
    ("st_submitted", "Menunggu review", "In review"),
    ("st_scheduled", "Terjadwal", "Scheduled"),
    ("st_published", "Terbit", "Published"),
    ("st_unpublished", "Ditarik", "Unpublished"),
    (
        "conflict_title",
        "Artikel ini diubah orang lain",
        "Someone else changed this article",
    ),
    (
        "conflict_text",
        "Simpanan Anda tidak ditimpakan. Bandingkan kedua versi, salin yang perlu, lalu simpan lagi.",
        "Your save was not applied over theirs. Compare both versions, copy what you need, then save again.",
    ),
    ("yours", "Versi Anda", "Your version"),
    ("theirs", "Versi di server", "Version on the server"),
    ("back_to_editor", "Kembali ke editor", "Back to the editor"),
    ("workflow", "Alur kerja", "Workflow"),
    ("ok_save", "Tersimpan.", "Saved."),
    (
        "ok_submit",
        "Terkirim ke editor untuk direview.",
        "Submitted for review.",
    ),
    (
        "ok_return",
        "Dikembalikan ke penulis.",
        "Returned to the writer.",
    ),
    ("ok_publish", "Artikel terbit.", "The article is published."),
    (
        "ok_schedule",
        "Artikel dijadwalkan.",
        "The article is scheduled.",
    ),
    (
        "ok_unpublish",
        "Artikel ditarik dari publikasi.",
        "The article is unpublished.",
    ),
    (
        "ok_restore",
        "Revisi dipulihkan sebagai revisi baru.",
        "The revision was restored as a new revision.",
    ),
    ("language", "Bahasa", "Language"),
    ("skip", "Langsung ke isi", "Skip to content"),
    ("view_site", "Lihat situs", "View site"),
    ("error", "Terjadi kesalahan", "Something went wrong"),
    ("open", "Buka", "Open"),
    ("article_count", "artikel", "articles"),
];

/// The strings of one language as a map for templates.
pub fn strings(lang: Lang) -> &'static BTreeMap<&'static str, &'static str> {
    static ID: OnceLock<BTreeMap<&str, &str>> = OnceLock::new();
    static EN: OnceLock<BTreeMap<&str, &str>> = OnceLock::new();
    match lang {
        Lang::Id => ID.get_or_init(|| STRINGS.iter().map(|(k, id, _)| (*k, *id)).collect()),
        Lang::En => EN.get_or_init(|| STRINGS.iter().map(|(k, _, en)| (*k, *en)).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut keys: Vec<&str> = STRINGS.iter().map(|s| s.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate key");
        assert!(
            STRINGS
                .iter()
                .all(|(_, id, en)| !id.is_empty() && !en.is_empty())
        );
        assert_eq!(strings(Lang::En)["sign_in"], "Sign in");
        assert_eq!(strings(Lang::parse("xx"))["sign_in"], "Masuk");
    }
}
