//! The strings of the wire ingest pages ("Masuk" queue, feeds, the original text beside the
//! editor): key, Indonesian, English.

pub const WIRE: &[(&str, &str, &str)] = &[
    ("wire_nav", "Masuk", "Incoming"),
    (
        "wire_queue",
        "Masuk: kiriman kantor berita",
        "Incoming: agency copy",
    ),
    (
        "wire_intro",
        "Berita dari kantor berita dan kawat, terbaru di atas. Salinan yang hampir sama disembunyikan.",
        "Stories from news agencies and wires, newest first. Near-identical copies are hidden.",
    ),
    ("wire_feeds", "Sumber kawat", "Wire feeds"),
    ("wire_feed", "Sumber", "Feed"),
    ("wire_pages", "Halaman", "Pages"),
    ("wire_photo_credit", "Foto:", "Photo:"),
    ("wire_make_draft", "Jadikan draf", "Make a draft"),
    ("wire_open_draft", "Buka draf", "Open the draft"),
    ("wire_agency", "Kantor berita", "Agency"),
    ("wire_kind", "Jenis", "Kind"),
    ("wire_interval", "Selang", "Interval"),
    ("minutes", "menit", "minutes"),
    ("wire_state", "Keadaan", "State"),
    ("wire_items", "berita", "items"),
    ("wire_last_ok", "terakhir berhasil", "last success"),
    ("wire_next", "berikutnya", "next"),
    ("wire_error", "Gagal", "Failing"),
    ("wire_poll_now", "Ambil sekarang", "Poll now"),
    ("wire_add", "Tambah sumber", "Add a feed"),
    ("wire_url", "Alamat (URL)", "Address (URL)"),
    ("wire_original", "Naskah asli", "Original copy"),
    (
        "wire_original_link",
        "Buka di situs sumber",
        "Open at the source",
    ),
    (
        "ok_wire_added",
        "Sumber ditambahkan; pengambilan pertama sudah dijadwalkan.",
        "Feed added; its first poll is queued.",
    ),
    (
        "ok_wire_polling",
        "Sumber akan diambil sebentar lagi.",
        "The feed will be polled shortly.",
    ),
    ("wire_rubrik", "Rubrik draf", "Drafts' rubrik"),
    (
        "wire_rubrik_first",
        "Rubrik pertama di menu",
        "The menu's first rubrik",
    ),
    ("wire_rubrik_set", "Simpan rubrik", "Save the rubrik"),
    (
        "ok_wire_rubrik",
        "Rubrik draf sumber disimpan.",
        "The feed's drafts' rubrik is saved.",
    ),
    (
        "ok_wire_draft",
        "Draf dibuat dari kiriman kantor berita.",
        "Draft made from the agency copy.",
    ),
];
