//! The message catalogue: each English message template the code can raise (variable parts
//! as `{}`) with its Bahasa Indonesia. `tests/catalogue.rs` fails on a message in any crate's
//! sources that has no entry here. In the Indonesian text `{mb}` shows a byte count as MB.

mod more;

/// (English template, Bahasa Indonesia template): the core crates' messages.
pub const CORE: &[(&str, &str)] = &[
    // Text fields, slugs, dates (warta-core).
    ("must not be empty", "tidak boleh kosong"),
    ("must be at least {} characters", "minimal {} karakter"),
    (
        "must be at most {} characters (got {})",
        "maksimal {} karakter (sekarang {})",
    ),
    ("must be at most 120 characters", "maksimal 120 karakter"),
    (
        "must not contain control characters",
        "tidak boleh berisi karakter kontrol",
    ),
    (
        "may contain only a-z, 0-9 and '-'",
        "hanya boleh berisi a-z, 0-9 dan '-'",
    ),
    (
        "must not start or end with '-' or contain '--'",
        "tidak boleh diawali atau diakhiri '-' atau berisi '--'",
    ),
    (
        "needs at least one letter or digit",
        "perlu setidaknya satu huruf atau angka",
    ),
    (
        "must be a place name (letters, spaces, '-', '.')",
        "harus nama tempat (huruf, spasi, '-', '.')",
    ),
    (
        "must be an absolute http(s) URL",
        "harus alamat http(s) lengkap",
    ),
    (
        "must be an ISO 8601 time with offset, e.g. 2022-03-01T14:05:00+07:00",
        "harus waktu ISO 8601 dengan zona, mis. 2022-03-01T14:05:00+07:00",
    ),
    (
        "must not be in the future; to schedule, publish with a future 'at'",
        "tidak boleh di masa depan; untuk menjadwalkan, terbitkan dengan 'at' di masa depan",
    ),
    ("'{}' is not an email address", "'{}' bukan alamat email"),
    (
        "'{}' is not a date (YYYY-MM-DD)",
        "'{}' bukan tanggal (TTTT-BB-HH)",
    ),
    ("'{}' is not an article number", "'{}' bukan nomor artikel"),
    (
        "unknown role '{}' (contributor, writer, editor, admin)",
        "peran '{}' tidak dikenal (contributor, writer, editor, admin)",
    ),
    ("unknown status '{}' ({})", "status '{}' tidak dikenal ({})"),
    (
        "unknown interface language '{}' (id or en)",
        "bahasa antarmuka '{}' tidak dikenal (id atau en)",
    ),
    // The body's blocks.
    ("at most 500 blocks", "maksimal 500 blok"),
    ("missing block type ({})", "jenis blok tidak ada ({})"),
    (
        "unknown block type '{}' ({})",
        "jenis blok '{}' tidak dikenal ({})",
    ),
    (
        "heading level must be 2, 3 or 4",
        "tingkat subjudul harus 2, 3 atau 4",
    ),
    (
        "a list has 1 to 100 items",
        "daftar berisi 1 sampai 100 butir",
    ),
    (
        "an article cannot link to itself",
        "artikel tidak bisa menautkan dirinya sendiri",
    ),
    (
        "unsupported embed: give a YouTube video, an X (Twitter) post or an Instagram post URL",
        "sematan tidak didukung: beri URL video YouTube, unggahan X (Twitter) atau unggahan Instagram",
    ),
    (
        "the body is not valid JSON: {}",
        "isi bukan JSON yang sah: {}",
    ),
    (
        "an entry needs at least one block",
        "entri perlu setidaknya satu blok",
    ),
    // Articles and their fields.
    (
        "the headline gives no usable slug; give one",
        "judul tidak menghasilkan slug yang bisa dipakai; isi slug sendiri",
    ),
    (
        "the slug '{}' is used by another article",
        "slug '{}' sudah dipakai artikel lain",
    ),
    (
        "no free slug near '{}'",
        "tidak ada slug bebas yang mirip '{}'",
    ),
    ("at most 30 tags", "maksimal 30 tag"),
    ("at least one author", "setidaknya satu penulis"),
    ("no such user", "pengguna tidak ditemukan"),
    ("no user '{}'", "pengguna '{}' tidak ditemukan"),
    (
        "unknown rubrik '{}'; an editor can create it",
        "rubrik '{}' tidak dikenal; editor dapat membuatnya",
    ),
    (
        "there is no rubrik yet; an editor creates one first",
        "belum ada rubrik; editor perlu membuatnya dulu",
    ),
    ("not a media id", "bukan nomor media"),
    (
        "add the photo's {} before publishing",
        "lengkapi {} foto sebelum menerbitkan",
    ),
    ("caption", "keterangan"),
    ("credit", "kredit"),
    ("alt", "teks alternatif"),
    ("alt text", "teks alternatif"),
    (
        "a correction is attached to a published article",
        "koreksi hanya untuk artikel yang sudah terbit",
    ),
    (
        "a correction is attached to a published article; edit drafts freely",
        "koreksi hanya untuk artikel yang sudah terbit; draf boleh diubah bebas",
    ),
    (
        "a published or scheduled article is changed by an editor",
        "artikel yang terbit atau terjadwal hanya boleh diubah editor",
    ),
    // Workflow.
    (
        "cannot {} an article that is {}",
        "tidak bisa {} artikel yang berstatus {}",
    ),
    ("submit", "mengirim"),
    ("return", "mengembalikan"),
    ("publish", "menerbitkan"),
    ("schedule", "menjadwalkan"),
    ("unpublish", "menarik"),
    ("draft", "draf"),
    ("submitted", "menunggu review"),
    ("scheduled", "terjadwal"),
    ("published", "terbit"),
    ("unpublished", "ditarik"),
    (
        "a schedule needs a time in the future",
        "jadwal perlu waktu di masa depan",
    ),
    ("scheduling needs a time", "penjadwalan perlu waktu"),
    (
        "choose the publication date and time",
        "pilih tanggal dan jam terbit",
    ),
    (
        "invalid publish request: {}",
        "permintaan terbit tidak sah: {}",
    ),
    (
        "invalid unpublish request: {}",
        "permintaan tarik berita tidak sah: {}",
    ),
    (
        "the article is not in live mode; switch it on first ('live': true)",
        "artikel tidak dalam mode langsung; nyalakan dulu ('live': true)",
    ),
    (
        "live entries are written by the newsroom's writers and editors",
        "entri langsung ditulis oleh penulis dan editor redaksi",
    ),
    ("unknown action '{}'", "tindakan '{}' tidak dikenal"),
    (
        "unknown direction '{}' (naik, turun)",
        "arah '{}' tidak dikenal (naik, turun)",
    ),
    // Revisions and conflicts.
    (
        "say which revision your edit is based on ('revision'), so that nobody's edit is overwritten blindly",
        "sebutkan revisi dasar suntingan Anda ('revision') agar tidak ada suntingan yang tertimpa",
    ),
    (
        "the article was changed by someone else (now at revision {})",
        "artikel diubah orang lain (sekarang revisi {})",
    ),
    (
        "the article was changed by someone else since you loaded it (now at revision {}); reload and merge your changes",
        "artikel diubah orang lain sejak Anda membukanya (sekarang revisi {}); muat ulang dan gabungkan perubahan Anda",
    ),
    // Permissions.
    ("authentication required", "perlu masuk terlebih dahulu"),
    (
        "online backup is for the embedded SQLite database; back up PostgreSQL with pg_dump",
        "pencadangan daring hanya untuk basis data SQLite bawaan; cadangkan PostgreSQL dengan pg_dump",
    ),
    (
        "the backup path must be valid UTF-8",
        "lokasi cadangan harus berupa UTF-8 yang sah",
    ),
    (
        "the server is busy; please retry in a moment",
        "server sedang sibuk; silakan coba lagi sebentar lagi",
    ),
    (
        "your role ({}) may not {}",
        "peran Anda ({}) tidak boleh {}",
    ),
    ("contributor", "kontributor"),
    ("writer", "penulis"),
    ("editor", "editor"),
    ("admin", "admin"),
    ("{} articles", "{} artikel"),
    ("submit articles", "mengirim artikel untuk direview"),
    ("return articles", "mengembalikan artikel ke penulis"),
    ("publish articles", "menerbitkan artikel"),
    ("schedule articles", "menjadwalkan artikel"),
    ("unpublish articles", "menarik artikel dari publikasi"),
    ("attach corrections", "menambahkan koreksi"),
    ("delete photos", "menghapus foto"),
    ("manage users", "mengelola pengguna"),
    ("read the audit log", "membaca log audit"),
    // The front page (warta-newsroom home.rs, /admin/beranda).
    ("arrange the front page", "menata halaman depan"),
    ("at most {} stories", "maksimal {} berita"),
    ("at most {} sections", "maksimal {} seksi"),
    (
        "story {} appears twice on the front page",
        "berita {} tampil dua kali di halaman depan",
    ),
    (
        "{} is not a published article",
        "{} bukan artikel yang terbit",
    ),
    (
        "story {} is in neither headline nor picks",
        "berita {} tidak ada di Berita Utama maupun Pilihan Redaksi",
    ),
    ("story {} is pinned twice", "berita {} disematkan dua kali"),
    ("unknown rubrik '{}'", "rubrik '{}' tidak dikenal"),
    (
        "rubrik '{}' is listed twice",
        "rubrik '{}' tercantum dua kali",
    ),
    ("must be in the future", "harus di masa depan"),
    (
        "manage rubriks, topics, tags and authors",
        "mengelola rubrik, topik, tag dan penulis",
    ),
    (
        "you may edit only your own articles",
        "Anda hanya boleh mengubah artikel sendiri",
    ),
    (
        "you may open only your own articles",
        "Anda hanya boleh membuka artikel sendiri",
    ),
    (
        "you may read only your own articles' history",
        "Anda hanya boleh membaca riwayat artikel sendiri",
    ),
    (
        "you may read only your own unpublished articles",
        "Anda hanya boleh membaca artikel sendiri yang belum terbit",
    ),
    (
        "you may submit only your own articles",
        "Anda hanya boleh mengirim artikel sendiri",
    ),
    (
        "you may describe only photos you uploaded; an editor can change this one",
        "Anda hanya boleh mengubah keterangan foto unggahan sendiri; editor dapat mengubah foto ini",
    ),
    (
        "photos are deleted by an editor",
        "foto dihapus oleh editor",
    ),
    (
        "you cannot change your own role; ask another admin",
        "Anda tidak bisa mengganti peran sendiri; minta admin lain",
    ),
    // Uploads and the media library (warta-media and the upload forms).
    (
        "file is {} bytes; the limit is {} bytes",
        "berkas berukuran {mb}; maksimal {mb}",
    ),
    (
        "image is {}×{} pixels; the limit is {} pixels ({} px a side)",
        "gambar berukuran {}×{} piksel; maksimal {} piksel ({} px per sisi)",
    ),
    (
        "unsupported file type: {}; allowed are JPEG, PNG, WebP and GIF",
        "jenis berkas tidak didukung: {}; yang diterima JPEG, PNG, WebP dan GIF",
    ),
    ("unrecognised content", "isi tidak dikenali"),
    ("HEIC/HEIF", "HEIC/HEIF"),
    (
        "the image could not be read: {}",
        "gambar tidak dapat dibaca: {}",
    ),
    (
        "the header declares an empty image ({}×{})",
        "kepala berkas menyatakan gambar kosong ({}×{})",
    ),
    ("WebP encoding failed: {}", "pengodean WebP gagal: {}"),
    ("AVIF encoding failed: {}", "pengodean AVIF gagal: {}"),
    ("{} encoding failed: {}", "pengodean {} gagal: {}"),
    ("resizing failed: {}", "pengubahan ukuran gagal: {}"),
    ("media storage failed: {}", "penyimpanan media gagal: {}"),
    (
        "the upload is larger than the limit",
        "unggahan melebihi batas ukuran",
    ),
    (
        "the upload is larger than the limit of {} bytes",
        "berkas terlalu besar; maksimal {mb}",
    ),
    (
        "choose a photo file to upload",
        "pilih berkas foto untuk diunggah",
    ),
    (
        "the form needs a 'file' field",
        "formulir memerlukan isian 'file'",
    ),
    (
        "unexpected form field '{}' (file, caption, credit, alt)",
        "isian formulir '{}' tidak dikenal (file, caption, credit, alt)",
    ),
    ("malformed multipart body: {}", "isi multipart rusak: {}"),
    (
        "the photo is used by {} article(s): {}",
        "foto dipakai oleh {} artikel: {}",
    ),
    (
        "the photo cannot be deleted while these articles use it: {}",
        "foto tidak bisa dihapus karena masih dipakai artikel: {}",
    ),
    ("no photo '{}'", "foto '{}' tidak ditemukan"),
    // What a restored revision left out (warta-newsroom's `notice!`).
    (
        "the hero photo (media {}) was deleted since; it was left out",
        "foto utama (media {}) sudah dihapus, jadi tidak ikut dipulihkan",
    ),
    (
        "photo {} was deleted since; its block was left out",
        "foto {} sudah dihapus, jadi bloknya tidak ikut dipulihkan",
    ),
    (
        "article {} no longer exists; its \"Baca juga\" was left out",
        "artikel {} sudah tidak ada, jadi \"Baca juga\"-nya tidak ikut dipulihkan",
    ),
    ("no photo with id {}", "tidak ada foto dengan nomor {}"),
    ("no media with id {}", "tidak ada media dengan nomor {}"),
];

/// Every message: English template → Indonesian.
pub static MESSAGES: std::sync::LazyLock<Vec<(&str, &str)>> =
    std::sync::LazyLock::new(|| [CORE, more::MORE].concat());
