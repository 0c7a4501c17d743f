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
    ("kind", "Jenis", "Kind"),
    ("kind_news", "Berita", "News"),
    ("kind_factcheck", "Cek Fakta", "Fact check"),
    (
        "kind_advertorial",
        "Advertorial (konten berbayar)",
        "Advertorial (paid content)",
    ),
    (
        "kind_page",
        "Halaman situs (Redaksi, Kontak, …)",
        "Site page (masthead, contact, …)",
    ),
    ("fact_check", "Cek Fakta", "Fact check"),
    ("fc_claim", "Klaim", "Claim"),
    ("fc_claimant", "Sumber klaim", "Claimant"),
    (
        "fc_appeared_in",
        "Tautan tempat klaim muncul",
        "Where the claim appeared (link)",
    ),
    ("fc_verdict", "Kesimpulan", "Verdict"),
    ("fc_no_verdict", "— belum —", "— not yet —"),
    (
        "fc_references",
        "Rujukan (satu per baris: nama | tautan)",
        "References (one a line: name | link)",
    ),
    ("replies", "Hak jawab", "Right of reply"),
    ("reply_from", "Dari", "From"),
    ("reply_text", "Isi hak jawab", "Reply text"),
    (
        "reply_article",
        "Atau ID artikel hak jawab",
        "Or the reply article's id",
    ),
    ("reply_add", "Lampirkan hak jawab", "Attach reply"),
    ("reply_delete", "Hapus", "Remove"),
    (
        "unpublish_reason",
        "Alasan penarikan (ditampilkan kepada pembaca)",
        "Reason for the takedown (shown to readers)",
    ),
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
    (
        "pending_title",
        "Perubahan belum terbit",
        "Unpublished changes",
    ),
    (
        "pending_intro",
        "Pembaca masih melihat versi yang terbit. Perubahan disimpan",
        "Readers still see the published version. Changes saved",
    ),
    (
        "pending_review",
        "menunggu pemeriksaan redaktur",
        "waiting for an editor's review",
    ),
    (
        "pending_diff",
        "Perbedaan dengan versi terbit",
        "Difference from the published version",
    ),
    (
        "pending_none",
        "Tidak ada perubahan yang belum terbit.",
        "There are no unpublished changes.",
    ),
    ("apply", "Perbarui", "Update"),
    ("discard", "Buang perubahan", "Discard changes"),
    (
        "discard_confirm",
        "Buang semua perubahan yang belum terbit?",
        "Discard all unpublished changes?",
    ),
    (
        "ok_apply",
        "Perubahan sudah terbit.",
        "The changes are published.",
    ),
    (
        "ok_discard",
        "Perubahan dibuang; versi terbit tetap.",
        "Changes discarded; the published version stays.",
    ),
    (
        "ok_stage",
        "Tersimpan sebagai perubahan yang belum terbit.",
        "Saved as unpublished changes.",
    ),
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
    (
        "taxonomy",
        "Rubrik, topik, tag, penulis",
        "Sections, topics, tags, authors",
    ),
    ("topics", "Topik", "Topics"),
    ("tags_heading", "Tag", "Tags"),
    ("authors_heading", "Penulis", "Authors"),
    ("description", "Deskripsi", "Description"),
    ("bio", "Biografi singkat", "Short biography"),
    ("add_new", "Tambah baru", "Add new"),
    ("add", "Tambah", "Add"),
    (
        "wrong_current",
        "Kata sandi saat ini salah.",
        "The current password is wrong.",
    ),
    (
        "ok_password",
        "Kata sandi diganti. Sesi di perangkat lain sudah diakhiri dan semua token API dicabut.",
        "Password changed. Sessions on other devices have ended and every API token is revoked.",
    ),
    ("ok_prefs", "Preferensi disimpan.", "Preferences saved."),
    (
        "reset_gone_title",
        "Tautan tidak berlaku",
        "Link no longer valid",
    ),
    (
        "reset_gone",
        "Tautan atur ulang ini sudah dipakai, kedaluwarsa, atau tidak pernah ada. Minta tautan baru.",
        "This reset link was already used, has expired or never existed. Ask for a new one.",
    ),
    (
        "reset_title",
        "Atur ulang kata sandi",
        "Reset your password",
    ),
    (
        "reset_done",
        "Kata sandi baru sudah disimpan. Silakan masuk dengan kata sandi itu.",
        "Your new password is saved. Sign in with it.",
    ),
    (
        "forgot_sent",
        "Jika alamat itu terdaftar, tautan atur ulang kata sandi sudah dikirim ke sana. Tautan berlaku satu jam.",
        "If that address has an account, a password reset link is on its way. The link is valid for one hour.",
    ),
    ("send_link", "Kirim tautan", "Send the link"),
    (
        "forgot_text",
        "Masukkan email akun Anda. Kami mengirim tautan untuk memilih kata sandi baru.",
        "Enter your account's email. We will send a link to choose a new password.",
    ),
    ("change_password", "Ganti kata sandi", "Change password"),
    (
        "current_password",
        "Kata sandi saat ini",
        "Current password",
    ),
    (
        "new_password",
        "Kata sandi baru (minimal 10 karakter)",
        "New password (at least 10 characters)",
    ),
    (
        "new_password2",
        "Ulangi kata sandi baru",
        "New password again",
    ),
    ("prefs", "Preferensi", "Preferences"),
    (
        "default_dateline",
        "Dateline bawaan untuk artikel baru",
        "Default dateline for new articles",
    ),
    (
        "interface_language",
        "Bahasa antarmuka",
        "Interface language",
    ),
    (
        "sign_out_all_text",
        "Mengakhiri semua sesi akun ini, termasuk yang sedang dipakai, dan mencabut semua token API-nya.",
        "Ends every session of this account, this one included, and revokes all its API tokens.",
    ),
    ("photo", "Foto", "Photo"),
    ("ok_upload", "Foto diunggah.", "Photo uploaded."),
    (
        "ok_saved",
        "Keterangan foto disimpan.",
        "Photo details saved.",
    ),
    ("ok_deleted", "Foto dihapus.", "Photo deleted."),
    ("upload", "Unggah foto", "Upload a photo"),
    (
        "file",
        "Berkas gambar (JPEG, PNG, WebP, GIF)",
        "Image file (JPEG, PNG, WebP, GIF)",
    ),
    ("max_size", "Maksimal", "At most"),
    ("dismiss", "Tutup pesan", "Dismiss"),
    // The editor dialog's `tooLarge` (editor/src/i18n.js), for the media page's own check.
    (
        "upload_too_large",
        "Berkas {name} tidak diunggah: ukurannya {size}, maksimal {max}.",
        "{name} was not uploaded: it is {size}, the limit is {max}.",
    ),
    ("block", "Blok", "Block"),
    ("move_up", "Naikkan", "Move up"),
    ("move_down", "Turunkan", "Move down"),
    (
        "menu_order",
        "Urutan di menu situs",
        "Order in the site menu",
    ),
    ("submitted_by", "Dikirim", "Submitted"),
    (
        "new_article_hint",
        "Artikel disimpan sebagai draf begitu judulnya diisi.",
        "The article is saved as a draft as soon as it has a headline.",
    ),
    ("upload_day", "Tanggal unggah", "Upload day"),
    ("media_count", "foto", "photos"),
    ("used_by", "Dipakai di", "Used in"),
    (
        "not_used",
        "Belum dipakai artikel mana pun.",
        "Not used by any article.",
    ),
    ("delete_photo", "Hapus foto", "Delete photo"),
    ("edit", "Ubah", "Edit"),
    ("time", "Waktu", "Time"),
    ("who", "Siapa", "Who"),
    ("action", "Tindakan", "Action"),
    ("detail", "Keterangan", "Detail"),
    ("article_no", "Nomor artikel", "Article number"),
    ("filter", "Saring", "Filter"),
    ("new_user", "Pengguna baru", "New user"),
    ("name", "Nama", "Name"),
    ("role", "Peran", "Role"),
    (
        "initial_password",
        "Kata sandi awal (minimal 10 karakter)",
        "Initial password (at least 10 characters)",
    ),
    ("add_user", "Tambah pengguna", "Add user"),
    ("change_role", "Ganti peran", "Change role"),
    ("you", "Anda", "you"),
    ("ok_user_created", "Pengguna ditambahkan.", "User added."),
    ("ok_role", "Peran diganti.", "Role changed."),
    // Sign-in limits, cross-site refusals, API tokens and disabled accounts.
    (
        "sign_in_wrong",
        "Email atau kata sandi salah.",
        "Wrong email or password.",
    ),
    (
        "sign_in_wait",
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {n} detik, atau minta tautan atur ulang kata sandi.",
        "Too many failed sign-ins. Try again in {n} seconds, or ask for a password reset link.",
    ),
    (
        "sign_in_disabled",
        "Akun ini dinonaktifkan oleh admin. Hubungi admin redaksi.",
        "This account was disabled by an admin. Ask the newsroom's admin.",
    ),
    ("cross_site_title", "Formulir ditolak", "Form refused"),
    (
        "cross_site",
        "Formulir ini dikirim dari situs lain, jadi tidak diproses. Buka formulirnya di situs ini dan kirim lagi.",
        "This form was sent from another site, so it was not processed. Open the form on this site and send it again.",
    ),
    ("cross_site_back", "Kembali ke formulir", "Back to the form"),
    ("api_tokens", "Token API", "API tokens"),
    (
        "api_tokens_text",
        "Token untuk aplikasi yang memakai API. Buat token baru dengan perintah warta token create. \"Keluar dari semua perangkat\" dan ganti kata sandi juga mencabut semua token.",
        "Tokens for applications that use the API. Create one with the command warta token create. \"Sign out everywhere\" and a password change also revoke every token.",
    ),
    ("token_name", "Nama", "Name"),
    ("token_owner", "Pemilik", "Owner"),
    ("token_created", "Dibuat", "Created"),
    ("last_used", "Terakhir dipakai", "Last used"),
    ("never_used", "belum pernah", "never"),
    ("unnamed", "(tanpa nama)", "(no name)"),
    ("no_tokens", "Tidak ada token.", "No tokens."),
    ("revoke", "Cabut", "Revoke"),
    ("ok_token_revoked", "Token dicabut.", "Token revoked."),
    ("active", "Aktif", "Active"),
    ("disabled", "Nonaktif", "Disabled"),
    ("disable", "Nonaktifkan", "Disable"),
    ("enable", "Aktifkan", "Enable"),
    (
        "ok_disabled",
        "Akun dinonaktifkan; sesi dan tokennya sudah diakhiri.",
        "Account disabled; its sessions and tokens have ended.",
    ),
    (
        "ok_enabled",
        "Akun diaktifkan lagi.",
        "Account enabled again.",
    ),
    ("role_contributor", "kontributor", "contributor"),
    ("role_writer", "penulis", "writer"),
    ("role_editor", "editor", "editor"),
    ("role_admin", "admin", "admin"),
    // The front page (/admin/beranda).
    ("home_page", "Beranda", "Front page"),
    (
        "home_intro",
        "Atur halaman depan situs. Tempat kosong diisi berita terbaru; satu berita tidak tampil dua kali.",
        "Arrange the site's front page. Empty places are filled with the newest stories; no story appears twice.",
    ),
    ("home_headline", "Berita Utama", "Top stories"),
    (
        "home_headline_help",
        "Hingga 5 berita; yang pertama menjadi berita utama.",
        "Up to 5 stories; the first one leads.",
    ),
    ("home_picks", "Pilihan Redaksi", "Editors' picks"),
    ("home_picks_help", "Hingga 8 berita.", "Up to 8 stories."),
    ("home_breaking", "Bar berita terkini", "Breaking-news bar"),
    ("home_breaking_text", "Teks", "Text"),
    (
        "home_breaking_article",
        "Nomor artikel (opsional)",
        "Article number (optional)",
    ),
    ("home_until", "Tampil hingga (WIB)", "Shown until (WIB)"),
    ("home_breaking_clear", "Hapus bar", "Remove the bar"),
    ("home_sections", "Seksi rubrik", "Rubrik sections"),
    (
        "home_sections_help",
        "Urutan seksi di bawah berita utama. Kosong: semua rubrik sesuai urutan menu.",
        "The order of the sections below the top stories. Empty: every rubrik in menu order.",
    ),
    ("home_add_section", "Tambah seksi", "Add section"),
    ("home_find", "Cari berita", "Find stories"),
    ("home_find_label", "Judul berisi", "Headline contains"),
    ("home_to_headline", "Ke Berita Utama", "To top stories"),
    ("home_to_picks", "Ke Pilihan Redaksi", "To editors' picks"),
    ("home_remove", "Keluarkan", "Remove"),
    ("home_pin", "Sematkan hingga (WIB)", "Pin until (WIB)"),
    ("home_pin_button", "Sematkan", "Pin"),
    ("home_unpin", "Lepas sematan", "Unpin"),
    ("home_pinned", "Disematkan hingga", "Pinned until"),
    (
        "home_empty_slot",
        "Kosong: diisi berita terbaru.",
        "Empty: filled with the newest stories.",
    ),
    (
        "home_no_results",
        "Tidak ada berita terbit yang cocok.",
        "No published story matches.",
    ),
    (
        "home_drag",
        "Seret untuk mengubah urutan, atau pakai tombol naik dan turun.",
        "Drag to reorder, or use the up and down buttons.",
    ),
    // Audit log actions (`audit_` + the stored action).
    ("audit_create", "membuat", "create"),
    ("audit_save", "menyimpan", "save"),
    ("audit_restore", "memulihkan revisi", "restore"),
    ("audit_correct", "koreksi", "correction"),
    ("audit_submit", "mengirim ke editor", "submit"),
    ("audit_return", "mengembalikan ke penulis", "return"),
    ("audit_publish", "menerbitkan", "publish"),
    ("audit_schedule", "menjadwalkan", "schedule"),
    ("audit_unpublish", "menarik dari publikasi", "unpublish"),
    ("audit_live-entry", "entri langsung", "live entry"),
    ("audit_home", "menata beranda", "arrange the front page"),
    ("audit_sign-in", "masuk", "sign in"),
    (
        "audit_sign-out-all",
        "keluar dari semua perangkat",
        "sign out everywhere",
    ),
    (
        "audit_password-reset",
        "mengatur ulang kata sandi",
        "password reset",
    ),
    (
        "audit_password-reset-link",
        "tautan atur ulang dibuat",
        "reset link made",
    ),
    (
        "audit_password-reset-mail",
        "tautan atur ulang dikirim",
        "reset link mailed",
    ),
    ("audit_term-create", "membuat istilah", "term created"),
    ("audit_term-edit", "mengubah istilah", "term edited"),
    (
        "audit_term-move",
        "mengubah urutan rubrik",
        "section order changed",
    ),
    (
        "audit_author-edit",
        "mengubah profil penulis",
        "author edited",
    ),
    ("audit_media-upload", "mengunggah foto", "photo uploaded"),
    (
        "audit_media-edit",
        "mengubah keterangan foto",
        "photo edited",
    ),
    ("audit_media-delete", "menghapus foto", "photo deleted"),
    (
        "audit_stage",
        "menyimpan perubahan (belum terbit)",
        "change saved (not live)",
    ),
    (
        "audit_stage_review",
        "mengirim perubahan untuk ditinjau",
        "change sent for review",
    ),
    ("audit_discard", "membuang perubahan", "change discarded"),
    ("audit_update", "memperbarui (Perbarui)", "change made live"),
    (
        "audit_token-revoke",
        "mencabut token API",
        "API token revoked",
    ),
    ("audit_user-create", "membuat akun", "account created"),
    (
        "audit_user-disable",
        "menonaktifkan akun",
        "account disabled",
    ),
    ("audit_user-enable", "mengaktifkan akun", "account enabled"),
    ("audit_role-change", "mengubah peran", "role changed"),
    (
        "audit_password-change",
        "mengganti kata sandi",
        "password changed",
    ),
    ("audit_rubrik", "membuat rubrik", "section created"),
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
