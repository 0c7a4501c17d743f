#!/usr/bin/env python3
"""Write a WordPress WXR 1.2 export with N generated posts (for bench/import.sh).

Usage: gen_wxr.py N OUT.xml
Each post has an Indonesian dateline, 6 paragraphs, a "Baca juga" line pointing at an
earlier post, a sign-off, 2 of 12 categories and 3 of 200 tags, like a news site's archive.
"""
import sys

n = int(sys.argv[1])
out = open(sys.argv[2], "w", encoding="utf-8")
site = "https://arsip.contoh.id"
cats = ["Nasional", "Ekonomi", "Politik", "Olahraga", "Teknologi", "Hiburan",
        "Internasional", "Daerah", "Hukum", "Kesehatan", "Pendidikan", "Gaya Hidup"]
cities = ["JAKARTA", "BANDUNG", "SURABAYA", "MEDAN", "MAKASSAR", "PADANG", "DENPASAR"]
words = ("pemerintah daerah warga kota harga pasar rapat menteri presiden banjir jalan "
         "sekolah rumah sakit pertandingan liga pemain pelatih data anggaran proyek").split()

out.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Arsip Contoh</title>
<link>{site}</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
""")
for a in range(5):
    out.write(f"<wp:author><wp:author_id>{a+1}</wp:author_id><wp:author_login><![CDATA[penulis{a}]]></wp:author_login>"
              f"<wp:author_email><![CDATA[penulis{a}@contoh.id]]></wp:author_email>"
              f"<wp:author_display_name><![CDATA[Penulis {a}]]></wp:author_display_name></wp:author>\n")
for i, c in enumerate(cats):
    slug = c.lower().replace(" ", "-")
    out.write(f"<wp:category><wp:term_id>{i+1}</wp:term_id><wp:category_nicename><![CDATA[{slug}]]></wp:category_nicename>"
              f"<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[{c}]]></wp:cat_name></wp:category>\n")


def sentence(k):
    return " ".join(words[(k * 7 + j * 3) % len(words)] for j in range(14)).capitalize() + "."


for p in range(1, n + 1):
    y, m, d = 2015 + p % 10, 1 + p % 12, 1 + p % 28
    slug = f"berita-arsip-nomor-{p}"
    link = f"{site}/{y}/{m:02d}/{d:02d}/{slug}/"
    city = cities[p % len(cities)]
    paras = [f"<p>{city}, Contoh.id – {sentence(p)} {sentence(p + 1)}</p>"]
    paras += [f"<p>{sentence(p + k)} {sentence(p + k + 2)}</p>" for k in range(2, 7)]
    if p > 1:
        q = p - 1
        qy, qm, qd = 2015 + q % 10, 1 + q % 12, 1 + q % 28
        paras.insert(3, f'<p><strong>Baca juga:</strong> <a href="{site}/{qy}/{qm:02d}/{qd:02d}/berita-arsip-nomor-{q}/">Berita {q}</a></p>')
    paras[-1] = paras[-1][:-4] + " (ant/rd)</p>"
    body = "\n\n".join(paras)
    c1, c2 = cats[p % 12], cats[(p * 5) % 12]
    tags = "".join(
        f'<category domain="post_tag" nicename="topik-{t}"><![CDATA[Topik {t}]]></category>'
        for t in {p % 200, (p * 7) % 200, (p * 13) % 200})
    out.write(f"""<item>
<title><![CDATA[Berita arsip nomor {p} tentang {words[p % len(words)]}]]></title>
<link>{link}</link>
<dc:creator><![CDATA[penulis{p % 5}]]></dc:creator>
<guid isPermaLink="false">{site}/?p={p}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[Ringkasan berita {p}.]]></excerpt:encoded>
<wp:post_id>{p}</wp:post_id>
<wp:post_date><![CDATA[{y}-{m:02d}-{d:02d} 10:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{y}-{m:02d}-{d:02d} 03:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[{slug}]]></wp:post_name>
<wp:status><![CDATA[publish]]></wp:status>
<wp:post_parent>0</wp:post_parent>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="{c1.lower().replace(' ', '-')}"><![CDATA[{c1}]]></category>
<category domain="category" nicename="{c2.lower().replace(' ', '-')}"><![CDATA[{c2}]]></category>
{tags}
</item>
""")
out.write("</channel>\n</rss>\n")
