//! Messages of accounts, lookups, search, pending versions, imports, exports and story forms:
//! English template, Indonesian.

pub const MORE: &[(&str, &str)] = &[
    // Accounts and forms.
    (
        "the initial password must have 10 to 200 characters",
        "kata sandi awal harus 10 sampai 200 karakter",
    ),
    (
        "the new password must have {} to {} characters",
        "kata sandi baru harus {} sampai {} karakter",
    ),
    (
        "the two new passwords are not the same",
        "kedua kata sandi baru tidak sama",
    ),
    (
        "the form has expired or did not come from this site; reload the page and try again",
        "formulir sudah kedaluwarsa atau tidak berasal dari situs ini; muat ulang halaman dan coba lagi",
    ),
    (
        "missing or wrong CSRF token (X-CSRF-Token); reload the page",
        "token CSRF (X-CSRF-Token) tidak ada atau salah; muat ulang halaman",
    ),
    ("the form is too large", "formulir terlalu besar"),
    ("malformed form: {}", "formulir rusak: {}"),
    (
        "send the body as application/json",
        "kirim isi permintaan sebagai application/json",
    ),
    (
        "the request body is too large",
        "isi permintaan terlalu besar",
    ),
    // Lookups and paging.
    ("not found", "tidak ditemukan"),
    ("no such page", "halaman tidak ditemukan"),
    ("no such API route", "rute API tidak ada"),
    ("no article with id {}", "tidak ada artikel dengan nomor {}"),
    (
        "no resource with id '{}'",
        "tidak ada sumber dengan nomor '{}'",
    ),
    ("no term kind '{}'", "jenis istilah '{}' tidak dikenal"),
    (
        "page must be a number from 1",
        "halaman harus angka mulai 1",
    ),
    ("{} is out of range", "{} di luar jangkauan"),
    (
        "tanggal must be a date like 2026-03-01",
        "tanggal harus berbentuk seperti 2026-03-01",
    ),
    ("setelah must be an entry id", "setelah harus nomor entri"),
    // Search (warta-search, /api/v1/search).
    (
        "from must be a date like 2026-03-01",
        "from harus tanggal seperti 2026-03-01",
    ),
    (
        "to must be a date like 2026-03-01",
        "to harus tanggal seperti 2026-03-01",
    ),
    (
        "sort must be relevance or newest",
        "sort harus relevance atau newest",
    ),
    ("search index: {}", "indeks pencarian: {}"),
    ("search index directory: {}", "folder indeks pencarian: {}"),
    ("search index files: {}", "berkas indeks pencarian: {}"),
    ("search index payload: {}", "catatan indeks pencarian: {}"),
    ("search index task: {}", "tugas indeks pencarian: {}"),
    (
        "search index writer lock poisoned",
        "kunci penulis indeks pencarian rusak",
    ),
    (
        "this article is no longer available",
        "artikel ini tidak tersedia lagi",
    ),
    ("moved to {}", "dipindahkan ke {}"),
    ("{} already exists", "{} sudah ada"),
    ("'{}' already exists", "'{}' sudah ada"),
    ("a user with email {}", "pengguna dengan email {}"),
    ("an article with slug '{}'", "artikel dengan slug '{}'"),
    ("slug {}", "slug {}"),
    ("value", "nilai"),
    // Internal failures (the public text hides them; listed so that every message has one).
    (
        "something went wrong on our side; please try again",
        "terjadi kesalahan di sisi kami; silakan coba lagi",
    ),
    ("internal error: {}", "kesalahan internal: {}"),
    ("database: {}", "basis data: {}"),
    ("migration: {}", "migrasi: {}"),
    ("configuration: {}", "konfigurasi: {}"),
    ("stored data is damaged: {}", "data tersimpan rusak: {}"),
    ("password hashing failed: {}", "hash kata sandi gagal: {}"),
    // Pending versions, rubriks, publication times (warta-newsroom).
    (
        "a correction is attached to a published article's changes or with an edit",
        "koreksi dilampirkan pada perubahan artikel yang sudah terbit atau bersama suntingan",
    ),
    (
        "a correction is attached when the changes are published (Perbarui)",
        "koreksi dilampirkan saat perubahan diterbitkan (Perbarui)",
    ),
    ("mail: {}", "surel: {}"),
    (
        "only its author or an editor discards these changes",
        "hanya penulisnya atau editor yang dapat membuang perubahan ini",
    ),
    (
        "the article has no unpublished changes",
        "artikel ini tidak punya perubahan yang belum terbit",
    ),
    (
        "only editors set an article's publication time",
        "hanya editor yang menetapkan waktu terbit artikel",
    ),
    (
        "unknown rubrik '{}'; choose one of: {} (editors create rubriks on the taxonomy page)",
        "rubrik '{}' tidak dikenal; pilih salah satu: {} (editor membuat rubrik di halaman taksonomi)",
    ),
    ("publish changes", "menerbitkan perubahan"),
    ("create rubriks", "membuat rubrik"),
    // Tokens, accounts, uploads.
    (
        "not a JPEG (no start marker)",
        "bukan berkas JPEG (tanda awal tidak ada)",
    ),
    ("no token {}", "tidak ada token {}"),
    ("no {} '{}'", "tidak ada {} '{}'"),
    ("revoke other people's tokens", "mencabut token orang lain"),
    (
        "you cannot disable your own account; ask another admin",
        "Anda tidak dapat menonaktifkan akun sendiri; minta admin lain",
    ),
    (
        "send the upload as multipart/form-data: {}",
        "kirim unggahan sebagai multipart/form-data: {}",
    ),
    // Imports (warta import wordpress).
    ("import articles", "mengimpor artikel"),
    ("import authors", "mengimpor penulis"),
    (
        "imports name authors by id",
        "impor menyebut penulis dengan nomornya",
    ),
    (
        "an import item is already open",
        "satu butir impor masih terbuka",
    ),
    // Full-site export and its import (warta export, warta import warta).
    ("unknown table '{}'", "tabel '{}' tidak dikenal"),
    (
        "{} row {}: this site has no column '{}' (an export of another version)",
        "{} baris {}: situs ini tidak punya kolom '{}' (ekspor dari versi lain)",
    ),
    (
        "{} row {}: unexpected value {}",
        "{} baris {}: nilai tak terduga {}",
    ),
    ("export stopped", "ekspor dihentikan"),
    (
        "an import makes drafts, scheduled or published articles, not {}",
        "impor membuat draf, artikel terjadwal atau terbit, bukan {}",
    ),
    ("{} (byte {}{})", "{} (bita {}{})"),
    (", in item {}", ", dalam item {}"),
    // Story forms: kinds, fact checks, paged articles, hak jawab (issue 12).
    ("unknown kind '{}' ({})", "jenis '{}' tidak dikenal ({})"),
    (
        "unknown verdict '{}'; choose one of: {}",
        "kesimpulan '{}' tidak dikenal; pilih salah satu: {}",
    ),
    ("at most 30 references", "maksimal 30 rujukan"),
    (
        "a fact check needs the claim before publishing",
        "cek fakta perlu klaim sebelum diterbitkan",
    ),
    (
        "a fact check needs a verdict before publishing",
        "cek fakta perlu kesimpulan sebelum diterbitkan",
    ),
    (
        "the article has no such page",
        "artikel ini tidak memiliki halaman itu",
    ),
    (
        "a reply needs its text or the article that is the reply",
        "hak jawab perlu teks atau artikel yang menjadi hak jawab",
    ),
    (
        "an article cannot be its own reply",
        "artikel tidak dapat menjadi hak jawab atas dirinya sendiri",
    ),
    ("attach a reply", "melampirkan hak jawab"),
    ("not an article id", "bukan ID artikel"),
    ("remove a reply", "menghapus hak jawab"),
    (
        "give the reason for taking the article down",
        "tuliskan alasan penarikan artikel",
    ),
    // Wire ingest.
    ("configure wire feeds", "mengatur sumber kawat"),
    ("write articles", "menulis artikel"),
    ("must have 1 to 80 characters", "harus 1 sampai 80 karakter"),
    (
        "must be an http:// or https:// address",
        "harus alamat http:// atau https://",
    ),
    ("must be rss, atom or ninjs", "harus rss, atom atau ninjs"),
    (
        "must be a number of minutes from 1 to 1440",
        "harus jumlah menit dari 1 sampai 1440",
    ),
    ("make a rubrik first", "buat rubrik terlebih dahulu"),
    (
        "a feed with this address is configured already",
        "sumber dengan alamat ini sudah ada",
    ),
    (
        "the wire item cannot become a draft: {}",
        "kiriman ini tidak dapat dijadikan draf: {}",
    ),
    // Wire polls' errors, as the feeds page shows them.
    ("the feed answered HTTP {}", "sumber menjawab HTTP {}"),
    (
        "not an RSS or Atom feed: {}",
        "bukan umpan RSS atau Atom: {}",
    ),
    (
        "not JSON (ninjs expected): {}",
        "bukan JSON (seharusnya ninjs): {}",
    ),
    (
        "ninjs: expected an object or an array of items",
        "ninjs: seharusnya sebuah objek atau daftar berita",
    ),
    (
        "ninjs item {}: not a ninjs item: {}",
        "berita ninjs ke-{}: bukan berita ninjs: {}",
    ),
    (
        "the answer is larger than {} MiB",
        "jawaban lebih besar dari {} MiB",
    ),
    ("fetching {}: {}", "gagal mengambil {}: {}"),
    (
        "the server did not answer in time",
        "server tidak menjawab tepat waktu",
    ),
    (
        "could not connect to the server",
        "tidak dapat tersambung ke server",
    ),
    ("too many redirects", "terlalu banyak pengalihan"),
    ("the answer broke off", "jawaban terputus"),
    ("the connection failed", "sambungan gagal"),
    ("reading the answer: {}", "gagal membaca jawaban: {}"),
    ("reading the folder {}: {}", "gagal membaca folder {}: {}"),
    ("file {}: {}", "berkas {}: {}"),
    ("the XML ends before </{}>", "XML berakhir sebelum </{}>"),
    (
        "not NewsML-G2: the document is <{}>",
        "bukan NewsML-G2: dokumennya <{}>",
    ),
    (
        "not NewsML-G2: the file is empty",
        "bukan NewsML-G2: berkasnya kosong",
    ),
    (
        "invalid XML near byte {}: {}",
        "XML tidak sah di sekitar bita {}: {}",
    ),
    ("larger than 5 MiB", "lebih besar dari 5 MiB"),
    ("no XML element", "tidak ada elemen XML"),
    (
        "invalid XML: the document ends inside an element",
        "XML tidak sah: dokumen berakhir di dalam sebuah elemen",
    ),
];
