use super::*;

fn blocks(raw: &str) -> Vec<Piece> {
    convert(raw).pieces
}

fn para(t: &str) -> Piece {
    Piece::Block(Block::Paragraph { text: t.into() })
}

#[test]
fn classic_text_is_paragraphed_like_wpautop() {
    let out = blocks("Satu baris\nbaris dua\n\nParagraf <b>dua</b>\n\n\n<h2>Judul</h2>\nTiga");
    assert_eq!(
        out,
        vec![
            para("Satu baris<br>baris dua"),
            para("Paragraf <b>dua</b>"),
            Piece::Block(Block::Heading {
                text: "Judul".into(),
                level: 2
            }),
            para("Tiga"),
        ]
    );
}

#[test]
fn gutenberg_comments_and_more_go_blocks_stay() {
    let raw = "<!-- wp:paragraph -->\n<p>Awal</p>\n<!-- /wp:paragraph --><!--more--><!-- wp:list --><ul><li>a</li><li><b>b</b></li></ul><!-- /wp:list -->";
    let c = convert(raw);
    assert_eq!(c.more_markers, 1);
    assert_eq!(
        c.pieces,
        vec![
            para("Awal"),
            Piece::Block(Block::List {
                ordered: false,
                items: vec!["a".into(), "<b>b</b>".into()]
            }),
        ]
    );
}

#[test]
fn captions_become_photos_with_credit() {
    let raw = r#"[caption id="attachment_7" align="alignnone" width="640"]<img class="size-full wp-image-7" src="https://situs.id/wp-content/uploads/a.jpg" alt="Banjir" /> Air naik. (Foto: Antara/Budi)[/caption]"#;
    assert_eq!(
        blocks(raw),
        vec![Piece::Image {
            src: "https://situs.id/wp-content/uploads/a.jpg".into(),
            attachment: Some("7".into()),
            caption: "Air naik.".into(),
            credit: "Antara/Budi".into(),
            alt: "Banjir".into(),
        }]
    );
}

#[test]
fn embeds_and_galleries() {
    let raw = "https://www.youtube.com/watch?v=abc123\n\n<!-- wp:embed {\"url\":\"https://youtu.be/xyz\"} --><figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">\nhttps://youtu.be/xyz\n</div></figure><!-- /wp:embed -->\n\n[gallery ids=\"5,6\"]";
    let out = blocks(raw);
    assert!(
        matches!(&out[0], Piece::Block(Block::Embed { url }) if url.contains("abc123")),
        "{out:?}"
    );
    assert!(
        matches!(&out[1], Piece::Block(Block::Embed { url }) if url.contains("xyz")),
        "{out:?}"
    );
    assert!(matches!(&out[2], Piece::Image { attachment: Some(a), .. } if a == "5"));
    assert!(matches!(&out[3], Piece::Image { attachment: Some(a), .. } if a == "6"));
}

#[test]
fn baca_juga_lines_become_related_pieces() {
    let out = blocks(
        "Isi.\n\n<strong>BACA JUGA:</strong> <a href=\"https://situs.id/2022/03/lain/\">Lain</a>\n\nAkhir.",
    );
    assert!(
        matches!(&out[1], Piece::Related { url, .. } if url == "https://situs.id/2022/03/lain/"),
        "{out:?}"
    );
}

#[test]
fn dateline_and_signoff_move_into_fields() {
    let c =
        convert("<p>JAKARTA, Situs.id – Harga cabai naik.</p>\n<p>Pedagang mengeluh.(ant/rd)</p>");
    assert_eq!(c.dateline, "JAKARTA");
    assert_eq!(c.signoff, "(ant/rd)");
    assert_eq!(
        c.pieces,
        vec![para("Harga cabai naik."), para("Pedagang mengeluh.")]
    );
}

#[test]
fn what_has_no_block_is_kept_as_text() {
    let c = convert(
        "<table><tr><td>Kota</td><td>Suhu</td></tr><tr><td>Padang</td><td>30</td></tr></table><pre>kode &lt;x&gt;</pre><script>alert(1)</script>",
    );
    assert_eq!(c.flattened, 2);
    assert_eq!(
        c.pieces,
        vec![para("Kota Suhu"), para("Padang 30"), para("kode &lt;x&gt;")]
    );
}

#[test]
fn broken_html_never_fails_and_keeps_text() {
    let c = convert("<p>tanpa penutup <b>tebal\n\n<div><p>dalam</div> <ul><li>x");
    let text: Vec<String> = c.pieces.iter().map(|p| format!("{p:?}")).collect();
    assert!(text.join(" ").contains("tanpa penutup"), "{text:?}");
    assert!(text.join(" ").contains("dalam"), "{text:?}");
    assert!(convert("").pieces.is_empty());
    assert!(convert("<!-- tanpa akhir").pieces.is_empty());
}

#[test]
fn quotes_and_headings_levels() {
    let out =
        blocks("<h1>A</h1><h5>B</h5><blockquote><p>Kami siap</p><cite>Menlu</cite></blockquote>");
    assert_eq!(
        out,
        vec![
            Piece::Block(Block::Heading {
                text: "A".into(),
                level: 2
            }),
            Piece::Block(Block::Heading {
                text: "B".into(),
                level: 4
            }),
            Piece::Block(Block::Quote {
                text: "Kami siap".into(),
                cite: Some("Menlu".into())
            }),
        ]
    );
}
