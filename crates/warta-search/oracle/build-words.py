#!/usr/bin/env python3
"""Build words.txt: the stemmer's oracle word list, drawn from news text.

Sources: the demo site's articles (crates/warta/demo/articles.json), the vocabulary of the
benchmark's article generator (bench/gen-articles.py) and the affixed news words below.
Run from the repository root: python3 crates/warta-search/oracle/build-words.py
"""
import json
import re

NEWS = """
perundingan berunding merundingkan dirundingkan menuntut tuntutan dituntut penuntut
kementerian menteri kepolisian penyidikan penyelidikan menyelidiki diselidiki penangkapan
ditangkap menangkap tersangka terdakwa pengadilan diadili mengadili persidangan bersidang
pemerintahan pemerintah memerintahkan diperintahkan pembangunan membangun dibangun bangunan
perekonomian ekonominya pertumbuhan bertumbuh menumbuhkan penurunan menurunkan diturunkan
kenaikan menaikkan dinaikkan kebijakan kebijakannya kebakaran terbakar membakar dibakar
pembakaran kecelakaan celaka penumpang menumpang keberangkatan berangkat memberangkatkan
kedatangan mendatangi didatangi pendatang kepulangan dipulangkan memulangkan pemulangan
pengungsi mengungsi pengungsian diungsikan bencana kebanjiran banjirnya terendam merendam
penanganan menangani ditangani tertangani pemulihan memulihkan dipulihkan kesehatan menyehatkan
pendidikan mendidik dididik pendidik pelajaran mempelajari dipelajari pelajar belajar
mengajar pengajar pengajaran diajarkan mengajarkan keamanan mengamankan diamankan pengamanan
pertahanan bertahan mempertahankan dipertahankan ketahanan penahanan ditahan menahan tahanan
perdagangan berdagang pedagang memperdagangkan diperdagangkan dagangan penjualan menjual
dijual terjual penjual jualan pembelian membeli dibeli pembeli belanja berbelanja pembelanjaan
keuangan penghasilan berpenghasilan menghasilkan dihasilkan hasilnya pendapatan mendapatkan
didapatkan terdapat pengeluaran mengeluarkan dikeluarkan keluarnya pemasukan memasukkan
dimasukkan perusahaan pengusaha berusaha mengusahakan diusahakan usaha pekerjaan bekerja
mengerjakan dikerjakan pekerja pengangguran menganggur ketenagakerjaan tenaga kesejahteraan
menyejahterakan sejahtera kemiskinan miskin pemiskinan kekayaan memperkaya kaya pertanian
petani bertani tanaman menanam ditanam penanaman panen memanen perikanan nelayan penangkapan
perhubungan berhubungan menghubungkan dihubungkan hubungan penerbangan terbang menerbangkan
diterbangkan pelabuhan berlabuh kapal pelayaran berlayar perjalanan berjalan menjalankan
dijalankan pelaksanaan melaksanakan dilaksanakan terlaksana pelaksana penyelenggaraan
menyelenggarakan diselenggarakan penyelenggara pemilihan memilih dipilih terpilih pemilih
pilihan pencalonan mencalonkan dicalonkan calon kampanye berkampanye pemungutan pengumuman
mengumumkan diumumkan pernyataan menyatakan dinyatakan pertanyaan bertanya menanyakan
ditanyakan jawaban menjawab dijawab penjelasan menjelaskan dijelaskan kejelasan keterangan
menerangkan diterangkan penerangan pemberitaan memberitakan diberitakan berita wartawan
kewartawanan penerbitan menerbitkan diterbitkan terbit penerbit penyiaran menyiarkan disiarkan
siaran pertemuan bertemu menemui ditemui menemukan ditemukan penemuan temuan kesepakatan
bersepakat menyepakati disepakati sepakat perjanjian berjanji menjanjikan dijanjikan janji
kerjasama bekerjasama perdamaian berdamai mendamaikan damai peperangan berperang memerangi
diperangi serangan menyerang diserang penyerangan penyerang pertempuran bertempur kekerasan
mengeras keras perlawanan melawan dilawan lawan kemenangan menang memenangkan dimenangkan
pemenang kekalahan kalah mengalahkan dikalahkan pertandingan bertanding menandingi tandingan
kejuaraan juara menjuarai dijuarai pelatih berlatih melatih dilatih latihan pemain bermain
memainkan dimainkan permainan penonton menonton ditonton tontonan pertunjukan menunjukkan
ditunjukkan petunjuk penunjukan menunjuk ditunjuk peluncuran meluncurkan diluncurkan
pengembangan berkembang mengembangkan dikembangkan perkembangan pengembang penelitian meneliti
diteliti peneliti teknologinya penggunaan menggunakan digunakan pengguna kegunaan berguna
pemanfaatan memanfaatkan dimanfaatkan bermanfaat pengawasan mengawasi diawasi pengawas
pemeriksaan memeriksa diperiksa pemeriksa periksa pengujian menguji diuji penguji ujian
kebocoran bocor membocorkan dibocorkan peretasan meretas diretas peretas pemblokiran
memblokir diblokir perlindungan melindungi dilindungi terlindungi pelindung keselamatan
menyelamatkan diselamatkan penyelamatan selamat kematian meninggal meninggalnya korban
mengorbankan dikorbankan pengorbanan luka-luka terluka melukai dilukai kerusakan merusak
dirusak rusaknya perbaikan memperbaiki diperbaiki baiknya sebaik-baiknya kebersihan
membersihkan dibersihkan pembersihan bersih-bersih pencemaran mencemari dicemari tercemar
lingkungan kelestarian melestarikan dilestarikan pelestarian kebudayaan berbudaya kesenian
seniman pameran memamerkan dipamerkan penghargaan menghargai dihargai harganya kehormatan
menghormati dihormati terhormat penghormatan kepercayaan mempercayai dipercaya terpercaya
percaya keberhasilan berhasil menghasilkan kegagalan gagal menggagalkan digagalkan
kesulitan menyulitkan kesempatan berkesempatan kemungkinan memungkinkan dimungkinkan
kepastian memastikan dipastikan ketidakpastian persiapan bersiap mempersiapkan dipersiapkan
menyiapkan disiapkan penyiapan ketersediaan tersedia menyediakan disediakan penyediaan
penyaluran menyalurkan disalurkan tersalurkan bantuan membantu dibantu pembantu
bantuannya sumbangan menyumbang disumbangkan penyumbang peresmian meresmikan diresmikan
resminya pelantikan melantik dilantik pengangkatan mengangkat diangkat pemberhentian
memberhentikan diberhentikan berhenti penghentian menghentikan dihentikan pemecatan memecat
dipecat pengunduran mengundurkan mundurnya penolakan menolak ditolak tertolak persetujuan
menyetujui disetujui penundaan menunda ditunda tertunda percepatan mempercepat dipercepat
peninjauan meninjau ditinjau tinjauan penilaian menilai dinilai nilainya evaluasinya
mengevaluasi dievaluasi pembahasan membahas dibahas bahasan kecaman mengecam dikecam
perpanjangan memperpanjang diperpanjang peningkatan meningkat meningkatkan ditingkatkan
tingkatnya penurunannya menurun terendah tertinggi termahal termurah terbesar terkecil
terbanyak terakhir terdahulu tercatat mencatat dicatat catatan pencatatan proyeksi
memproyeksikan diproyeksikan pengkajian mengkaji dikaji kajian pengiriman mengirim
dikirim kiriman pengirim penerimaan menerima diterima penerima keterlambatan terlambat
kemacetan macet kepadatan padat kerumunan berkerumun penumpukan menumpuk
ditumpuk kelangkaan langka kenaikannya harga-harga barang-barang orang-orang
anak-anaknya rumah-rumah mobil-mobil sekolah-sekolah negara-negara kepala-kepala
pemimpin memimpin dipimpin kepemimpinan pimpinan perwakilan mewakili diwakili wakilnya
kedutaan duta kewarganegaraan warganya permukiman bermukim pemukiman perumahan
perkotaan kota-kota pedesaan desa-desa kabupaten kecamatan kelurahan provinsinya
pemprov pemkot pemkab kepulauan pulau-pulau pegunungan gunungnya perbatasan berbatasan
membatasi dibatasi pembatasan terbatas keterbatasan pelanggaran melanggar dilanggar
pelanggar penegakan menegakkan ditegakkan penindakan menindak ditindak tindakan bertindak
hukuman menghukum dihukum terhukum penjara dipenjara memenjarakan pemenjaraan
kebebasan membebaskan dibebaskan pembebasan bebasnya korupsi dikorupsi koruptor
penyuapan menyuap disuap suapnya pencucian mencuci dicuci penggelapan menggelapkan
digelapkan penipuan menipu ditipu penipu pencurian mencuri dicuri pencuri pembunuhan
membunuh dibunuh pembunuh penculikan menculik diculik penganiayaan menganiaya dianiaya
kerugian merugikan dirugikan rugi keuntungan menguntungkan diuntungkan untungnya
investasinya berinvestasi menginvestasikan penanaman modalnya permodalan pinjaman
meminjam dipinjam peminjam pembayaran membayar dibayar bayarannya tagihan menagih ditagih
pajak-pajak perpajakan memajaki pengenaan mengenakan dikenakan pungutan memungut dipungut
subsidinya mensubsidi disubsidi penyesuaian menyesuaikan disesuaikan sesuainya
ketentuan menentukan ditentukan tertentu penentuan peraturan mengatur diatur pengaturan
aturan-aturan perundang-undangan undang-undang mengundang diundang undangan kebijaksanaan
sebagian sebanyak sebesar sekitarnya selama selanjutnya seluruh seluruhnya semakin
sebelumnya sesudahnya setidaknya sedikitnya kebanyakan kesemuanya keduanya ketiganya
bersama-sama bersamaan kebersamaan menyusul disusul susulan penyusunan menyusun disusun
tersusun susunan pembentukan membentuk dibentuk terbentuk bentukan penggabungan
menggabungkan digabungkan gabungan pemisahan memisahkan dipisahkan terpisah perpisahan
pengalihan mengalihkan dialihkan peralihan pemindahan memindahkan dipindahkan perpindahan
berpindah penempatan menempatkan ditempatkan bertempat penggusuran menggusur digusur
penertiban menertibkan ditertibkan ketertiban tertib pemadaman memadamkan dipadamkan padamnya
kekeringan mengering kering kemarau hujan-hujan berhujan kelembapan cuaca ekstrem
gempa-gempa mengguncang diguncang guncangan letusan meletus meletusnya erupsinya
tsunaminya peringatan memperingatkan diperingatkan mengingatkan diingatkan ingatan
pencegahan mencegah dicegah tercegah penyebaran menyebar disebarkan tersebar penularan
menular menularkan ditularkan tertular vaksinasi memvaksin divaksin pengobatan mengobati
diobati obat-obatan perawatan merawat dirawat perawat rumah-sakit pelayanan melayani
dilayani layanan kepuasan memuaskan dipuaskan puasnya keluhan mengeluh dikeluhkan
keberatan berkeberatan memberatkan diberatkan beratnya kemudahan memudahkan dipermudah
mempermudah kecepatan mempercepatnya berkecepatan kelancaran melancarkan dilancarkan
lancarnya ketegangan menegangkan tegangnya kekhawatiran mengkhawatirkan dikhawatirkan
khawatirnya ketakutan menakutkan ditakutkan takutnya kemarahan memarahi dimarahi marahnya
kesedihan menyedihkan sedihnya kebahagiaan membahagiakan bahagianya kegembiraan
menggembirakan gembiranya kebanggaan membanggakan dibanggakan bangganya sambutan menyambut
disambut penyambutan kunjungan berkunjung mengunjungi dikunjungi pengunjung lawatan
perjalanannya keberadaan berada mengadakan diadakan pengadaan ketiadaan meniadakan
kenyataan menyatakannya kebenaran membenarkan dibenarkan benarnya kesalahan menyalahkan
disalahkan bersalah salahnya permintaan meminta diminta peminta permohonan memohon dimohon
pemohon pengajuan mengajukan diajukan ajuannya pengaduan mengadu diadukan pengadu
laporan melaporkan dilaporkan pelapor terlapor pelaporan keputusan memutuskan diputuskan
terputus pemutusan putusan pengesahan mengesahkan disahkan sahnya pengakuan mengakui
diakui pengaku penegasan menegaskan ditegaskan tegasnya pengertian mengerti dimengerti
pemahaman memahami dipahami paham kesadaran menyadari disadari sadarnya
"""


def words_of(text, out):
    for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text):
        w = w.lower()
        if len(w) >= 2:
            out.add(w)


def main():
    out = set()
    with open("crates/warta/demo/articles.json", encoding="utf-8") as f:
        def strings(v):
            if isinstance(v, str):
                words_of(v, out)
            elif isinstance(v, list):
                for x in v:
                    strings(x)
            elif isinstance(v, dict):
                for x in v.values():
                    strings(x)
        strings(json.load(f))
    with open("bench/gen-articles.py", encoding="utf-8") as f:
        for s in re.findall(r'"([^"\n]*)"', f.read()):
            words_of(s, out)
    words_of(NEWS, out)
    with open("crates/warta-search/oracle/words.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(out)) + "\n")
    print(len(out), "words")


main()
