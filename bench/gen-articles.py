#!/usr/bin/env python3
"""Generate N Indonesian-looking news articles as JSON lines, deterministically.

The same file is loaded into WordPress and Warta by bench/vs-wordpress.sh, so both systems
serve the same text. Output is a pure function of (--count, --seed, --end): the publication
dates are spread over the two years before --end (default: today, 00:00 WIB), so that every
article is in the past when it is published.

One line per article:
  {"i": 0, "headline": "...", "dek": "...", "rubrik": "Ekonomi", "tags": ["..", ".."],
   "dateline": "JAKARTA", "signoff": "(ant/rd)", "published_at": "2025-03-01T14:05:00+07:00",
   "body": ["paragraph", ...]}

Usage: gen-articles.py [--count N] [--seed S] [--end YYYY-MM-DD] [--out FILE]
"""

import argparse
import datetime as dt
import json
import random
import sys

WIB = dt.timezone(dt.timedelta(hours=7))

RUBRIKS = ["Nasional", "Internasional", "Ekonomi", "Olahraga", "Teknologi", "Hiburan"]

CITIES = {
    "Nasional": ["JAKARTA", "SURABAYA", "BANDUNG", "MEDAN", "MAKASSAR", "SEMARANG", "YOGYAKARTA",
                 "DENPASAR", "PALEMBANG", "PONTIANAK", "BALIKPAPAN", "JAYAPURA", "KUPANG", "PADANG"],
    "Internasional": ["WASHINGTON", "MOSKOW", "BEIJING", "TOKYO", "LONDON", "PARIS", "KAIRO",
                      "SINGAPURA", "KUALA LUMPUR", "BANGKOK", "MANILA", "CANBERRA", "BERLIN"],
    "Ekonomi": ["JAKARTA", "SURABAYA", "BATAM", "MEDAN", "BALIKPAPAN", "SEMARANG", "BANDUNG"],
    "Olahraga": ["JAKARTA", "BANDUNG", "SURABAYA", "SOLO", "MALANG", "PALEMBANG", "DOHA", "MADRID"],
    "Teknologi": ["JAKARTA", "BANDUNG", "YOGYAKARTA", "SURABAYA", "SINGAPURA", "TOKYO"],
    "Hiburan": ["JAKARTA", "BANDUNG", "YOGYAKARTA", "DENPASAR", "SEOUL", "LOS ANGELES"],
}

# Subjects, actions and objects per rubrik: headlines and sentences are built from them.
SUBJECTS = {
    "Nasional": ["Presiden", "Wakil Presiden", "Menteri Dalam Negeri", "Gubernur DKI Jakarta",
                 "DPR", "KPK", "Mahkamah Konstitusi", "Polri", "TNI", "BMKG", "BNPB", "Pemprov Jawa Barat",
                 "Wali Kota Surabaya", "Kemenkes", "KPU", "Bawaslu"],
    "Internasional": ["Rusia", "Ukraina", "Amerika Serikat", "China", "Jepang", "Uni Eropa", "PBB",
                      "ASEAN", "Israel", "Palestina", "Korea Selatan", "Australia", "Inggris", "India"],
    "Ekonomi": ["Bank Indonesia", "OJK", "Kementerian Keuangan", "BPS", "Pertamina", "PLN",
                "Bursa Efek Indonesia", "Kemendag", "BUMN Karya", "Garuda Indonesia", "Bank Mandiri"],
    "Olahraga": ["Timnas Indonesia", "Persib Bandung", "Persija Jakarta", "Arema FC", "PSSI",
                 "Jonatan Christie", "Gregoria Mariska", "Tim Bulu Tangkis", "Rizky Ridho",
                 "Bali United", "Timnas U-23", "PBSI"],
    "Teknologi": ["Kominfo", "Gojek", "Tokopedia", "Telkomsel", "BSSN", "Startup Lokal", "Bukalapak",
                  "Traveloka", "Google Indonesia", "Peneliti BRIN", "Indosat", "Operator Seluler"],
    "Hiburan": ["Raisa", "Reza Rahadian", "Dewa 19", "Film Horor Lokal", "Iko Uwais", "Slank",
                "Festival Film Indonesia", "Tulus", "Netflix Indonesia", "Sineas Muda", "Isyana"],
}
ACTIONS = {
    "Nasional": ["Tinjau", "Resmikan", "Umumkan", "Tolak", "Setujui", "Evaluasi", "Percepat", "Tunda"],
    "Internasional": ["Kecam", "Sepakati", "Bahas", "Tolak", "Perpanjang", "Tingkatkan", "Hentikan"],
    "Ekonomi": ["Naikkan", "Pertahankan", "Turunkan", "Catat", "Proyeksikan", "Salurkan", "Kaji"],
    "Olahraga": ["Kalahkan", "Tahan Imbang", "Juarai", "Lolos ke", "Siapkan", "Incar", "Tumbangkan"],
    "Teknologi": ["Luncurkan", "Perkuat", "Blokir", "Kembangkan", "Uji Coba", "Garap", "Terapkan"],
    "Hiburan": ["Rilis", "Gelar", "Umumkan", "Raih", "Siapkan", "Tampil di", "Rayakan"],
}
OBJECTS = {
    "Nasional": ["Bendungan Baru", "Program Makan Bergizi", "Revisi Undang-Undang", "Anggaran Daerah",
                 "Penanganan Banjir", "Jalan Tol Trans Sumatera", "Pemilu Serentak", "Ibu Kota Nusantara",
                 "Bantuan Sosial", "Reformasi Birokrasi", "Sekolah Rakyat", "Layanan Kesehatan Gratis"],
    "Internasional": ["Gencatan Senjata", "Sanksi Ekonomi", "Perjanjian Dagang", "Bantuan Kemanusiaan",
                      "KTT Iklim", "Latihan Militer", "Pemilihan Umum", "Kesepakatan Nuklir",
                      "Jalur Pelayaran", "Krisis Pengungsi"],
    "Ekonomi": ["Suku Bunga Acuan", "Harga BBM", "Inflasi Tahunan", "Ekspor Nikel", "Kredit UMKM",
                "Cadangan Devisa", "Harga Beras", "Tarif Listrik", "Penerimaan Pajak", "Nilai Tukar Rupiah"],
    "Olahraga": ["Vietnam", "Thailand", "Piala AFF", "Kualifikasi Piala Dunia", "Final Indonesia Open",
                 "Liga 1", "Juara Bertahan", "Malaysia", "Piala Asia", "SEA Games"],
    "Teknologi": ["Layanan 5G", "Kecerdasan Buatan", "Pusat Data Nasional", "Aplikasi Pinjol Ilegal",
                  "Satelit Baru", "Dompet Digital", "Keamanan Siber", "Chip Lokal", "Mobil Listrik"],
    "Hiburan": ["Album Baru", "Konser Reuni", "Film Layar Lebar", "Tur Asia", "Piala Citra",
                "Serial Web", "Festival Musik", "Lagu Tema", "Proyek Kolaborasi"],
}
HEADLINE_TAILS = ["", "", "", " Pekan Depan", " Tahun Ini", " Akhir Bulan Ini", " Secara Bertahap",
                  " di Tengah Sorotan Publik", " Setelah Rapat Tertutup", " Mulai Januari"]

TAGS = {
    "Nasional": ["Jokowi", "Prabowo", "DPR", "KPK", "Pemilu 2029", "Banjir", "Gempa", "IKN",
                 "Bansos", "Korupsi", "Polri", "Mudik"],
    "Internasional": ["Rusia", "Ukraina", "NATO", "Gaza", "PBB", "ASEAN", "China", "Amerika Serikat",
                      "Laut China Selatan", "Timur Tengah"],
    "Ekonomi": ["Rupiah", "Inflasi", "BI Rate", "Harga BBM", "Saham", "UMKM", "Pajak", "Nikel",
                "Ekspor", "Investasi"],
    "Olahraga": ["Timnas", "Liga 1", "Bulu Tangkis", "MotoGP", "Piala Dunia", "SEA Games", "PSSI",
                 "Sepak Bola"],
    "Teknologi": ["Startup", "AI", "5G", "Keamanan Siber", "E-Commerce", "Fintech", "Gawai",
                  "Mobil Listrik"],
    "Hiburan": ["Film Indonesia", "Musik", "Konser", "K-Pop", "Selebritas", "Festival", "Serial"],
}
COMMON_TAGS = ["Jakarta", "Viral", "Kebijakan Publik", "Pemerintah", "Tren", "Analisis"]

OFFICIALS = ["Budi Santoso", "Siti Rahmawati", "Agus Wibowo", "Dewi Lestari", "Hendra Gunawan",
             "Rina Marlina", "Joko Susilo", "Maya Anggraini", "Eko Prasetyo", "Nur Aini", "Andi Saputra",
             "Fitri Handayani", "Bambang Hermawan", "Sri Wahyuni", "Yusuf Hidayat", "Lina Kartika"]
ROLES = ["juru bicara", "kepala biro humas", "direktur jenderal", "pengamat", "ekonom senior",
         "anggota Komisi", "peneliti", "ketua panitia", "pelatih", "kepala dinas", "analis"]
AGENCIES = ["Antara", "Reuters", "AFP", "AP", "Xinhua", "Kyodo", "TASS", "Bernama"]
EDITOR_INITIALS = ["rd", "ad", "sw", "mh", "fk", "nt", "bs", "yl", "dw", "ps"]

# Sentence templates. {s} subject, {o} object (lower case), {c} city, {p} person, {r} role,
# {n} a number, {m} a month name, {pct} a percentage, {ag} an agency.
SENTENCES = [
    "{s} menyatakan bahwa {o} akan menjadi prioritas utama dalam beberapa bulan mendatang, "
    "terutama di wilayah yang selama ini tertinggal.",
    "Menurut {p}, {r} yang ditemui di {c} pada Senin, keputusan tersebut diambil setelah "
    "melalui kajian panjang bersama sejumlah pihak terkait.",
    "Pemerintah menargetkan {o} dapat rampung sebelum akhir tahun, meskipun sejumlah kendala "
    "teknis masih harus diselesaikan di lapangan.",
    "\"Kami ingin memastikan bahwa masyarakat benar-benar merasakan manfaatnya, bukan hanya "
    "angka di atas kertas,\" kata {p} kepada wartawan.",
    "Data yang dihimpun menunjukkan kenaikan sekitar {pct} persen dibandingkan periode yang "
    "sama tahun lalu, angka yang dinilai cukup menggembirakan.",
    "Sejumlah warga di {c} mengaku belum mendapatkan informasi yang jelas mengenai {o} dan "
    "berharap ada sosialisasi yang lebih luas.",
    "{p}, {r} dari sebuah lembaga independen, menilai langkah itu tepat namun perlu diawasi "
    "secara ketat agar tidak menimbulkan masalah baru.",
    "Rapat koordinasi lanjutan dijadwalkan berlangsung pada pekan kedua {m} dengan melibatkan "
    "pemerintah daerah, pelaku usaha, dan perwakilan masyarakat.",
    "Hingga berita ini diturunkan, belum ada tanggapan resmi dari pihak yang disebut dalam "
    "laporan tersebut.",
    "Sebelumnya, {s} juga sempat menjadi sorotan setelah rencana serupa batal dilaksanakan "
    "karena keterbatasan anggaran dan waktu.",
    "Dalam keterangan tertulisnya, {s} menyebutkan bahwa sedikitnya {n} orang terlibat dalam "
    "persiapan yang berlangsung sejak awal tahun.",
    "Kantor berita {ag} melaporkan bahwa perkembangan ini mendapat perhatian luas dari negara-"
    "negara tetangga di kawasan.",
    "Para pengamat memperkirakan dampaknya baru akan terasa dalam dua hingga tiga kuartal ke "
    "depan, tergantung pada kondisi ekonomi global.",
    "Pemerintah pusat berjanji akan memberikan dukungan penuh, termasuk pendanaan tambahan "
    "dan pendampingan teknis bagi daerah yang membutuhkan.",
    "Di media sosial, topik tentang {o} sempat menjadi perbincangan hangat dan ramai "
    "dikomentari warganet sepanjang akhir pekan.",
    "{p} menambahkan, evaluasi menyeluruh akan dilakukan setiap tiga bulan untuk memastikan "
    "target yang ditetapkan dapat tercapai.",
    "Meski demikian, sejumlah kalangan meminta agar proses tersebut dilakukan secara terbuka "
    "dan melibatkan partisipasi publik yang bermakna.",
    "Situasi di {c} dilaporkan berangsur normal pada sore hari, meskipun aparat masih "
    "berjaga di beberapa titik strategis.",
    "Anggaran yang dialokasikan untuk kegiatan ini mencapai Rp {n} miliar, naik dari alokasi "
    "tahun sebelumnya.",
    "Ia juga mengingatkan pentingnya koordinasi antarlembaga agar kebijakan yang diambil "
    "tidak saling tumpang tindih di lapangan.",
    "Langkah ini disebut sebagai bagian dari upaya jangka panjang untuk memperkuat daya saing "
    "nasional di tengah ketidakpastian global.",
    "Berdasarkan catatan redaksi, persoalan serupa pernah muncul pada {m} tahun lalu dan "
    "menimbulkan perdebatan panjang di parlemen.",
]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]


# Names keep their capitals inside a sentence; other objects are written in lower case.
PROPER = {"Ibu Kota Nusantara", "Jalan Tol Trans Sumatera", "Vietnam", "Thailand", "Piala AFF",
          "Kualifikasi Piala Dunia", "Final Indonesia Open", "Liga 1", "Malaysia", "Piala Asia",
          "SEA Games", "KTT Iklim", "Ekspor Nikel", "Kredit UMKM", "Harga BBM", "Nilai Tukar Rupiah",
          "Layanan 5G", "Pusat Data Nasional", "Tur Asia", "Piala Citra", "Sekolah Rakyat",
          "Program Makan Bergizi"}


def in_sentence(obj):
    if obj in PROPER:
        return obj
    return obj.lower()


def sentence(rng, rubrik, subj, obj, city):
    t = rng.choice(SENTENCES)
    return t.format(
        s=subj, o=in_sentence(obj), c=city.title(), p=rng.choice(OFFICIALS), r=rng.choice(ROLES),
        n=rng.randint(12, 950), m=rng.choice(MONTHS), pct=f"{rng.randint(2, 38)},{rng.randint(0, 9)}",
        ag=rng.choice(AGENCIES))


def article(rng, i, end, span_s):
    rubrik = RUBRIKS[rng.randrange(len(RUBRIKS))]
    subj = rng.choice(SUBJECTS[rubrik])
    obj = rng.choice(OBJECTS[rubrik])
    city = rng.choice(CITIES[rubrik])
    headline = f"{subj} {rng.choice(ACTIONS[rubrik])} {obj}{rng.choice(HEADLINE_TAILS)}"
    dek = (f"{subj} mengambil langkah terkait {in_sentence(obj)} di {city.title()}. "
           f"{sentence(rng, rubrik, subj, obj, city)}")
    paragraphs = []
    words = 0
    n_par = rng.randint(6, 12)
    target = rng.randint(400, 700)
    for k in range(n_par):
        # Spread the target word count over the paragraphs, 2-5 sentences each.
        want = (target - words) / (n_par - k)
        par = []
        while not par or (len(" ".join(par).split()) < want - 8 and len(par) < 5):
            par.append(sentence(rng, rubrik, subj, obj, city))
        text = " ".join(par)
        words += len(text.split())
        paragraphs.append(text)
    tags = rng.sample(TAGS[rubrik], rng.randint(1, 3)) + rng.sample(COMMON_TAGS, 1)
    published = end - dt.timedelta(seconds=rng.randrange(span_s))
    return {
        "i": i,
        "headline": headline,
        "dek": dek[:590],
        "rubrik": rubrik,
        "tags": tags,
        "dateline": city,
        "signoff": f"({rng.choice(['ant', 'rtr', 'afp', 'ap', '*']) if rubrik == 'Internasional' else rng.choice(['ant', '*'])}/{rng.choice(EDITOR_INITIALS)})",
        "published_at": published.replace(microsecond=0).isoformat(),
        "body": paragraphs,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--end", help="YYYY-MM-DD; articles fall in the two years before it, WIB "
                    "(default: today)")
    ap.add_argument("--out", help="output file (default: stdout)")
    a = ap.parse_args()
    day = dt.date.fromisoformat(a.end) if a.end else dt.datetime.now(WIB).date()
    end = dt.datetime(day.year, day.month, day.day, tzinfo=WIB) - dt.timedelta(minutes=1)
    rng = random.Random(a.seed)
    span_s = 2 * 365 * 24 * 3600
    out = open(a.out, "w", encoding="utf-8") if a.out else sys.stdout
    with out:
        for i in range(a.count):
            out.write(json.dumps(article(rng, i, end, span_s), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
