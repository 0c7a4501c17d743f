import assert from 'node:assert/strict';
import test from 'node:test';
import { cleanPastedHTML } from '../src/paste.js';

test('pasted Word HTML loses styles, classes, comments and style elements', () => {
  const word = `<html><head><meta charset="utf-8"><style>p.MsoNormal{margin:0}</style></head><body>
<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]-->
<p class="MsoNormal" style="margin:0cm;font-family:'Calibri',sans-serif"><b style="mso-bidi-font-weight:normal">Jakarta</b> &gt; <span style='color:red'>hujan</span></p></body></html>`;
  const out = cleanPastedHTML(word);
  assert.doesNotMatch(out, /style|class|MsoNormal|<!--|mso-/i);
  assert.match(out, /<p><b>Jakarta<\/b> &gt; <span>hujan<\/span><\/p>/);
});

test('Google Docs HTML keeps links and other attributes', () => {
  const docs = '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr" style="line-height:1.38;"><a href="https://example.id/a?b=1&amp;c=2" style="text-decoration:none;"><span style="color:#1155cc;">Tautan</span></a></p></b><br/><img src="x.png" class="c1" alt="a > b"/>';
  const out = cleanPastedHTML(docs);
  assert.equal(
    out,
    '<b id="docs-internal-guid-1"><p dir="ltr"><a href="https://example.id/a?b=1&amp;c=2"><span>Tautan</span></a></p></b><br/><img src="x.png" alt="a > b"/>',
  );
});

test('plain text and HTML without styles pass unchanged', () => {
  assert.equal(cleanPastedHTML('<p>Harga <i>beras</i> naik</p>'), '<p>Harga <i>beras</i> naik</p>');
  assert.equal(cleanPastedHTML('1 < 2 dan 3 > 2'), '1 < 2 dan 3 > 2');
  assert.equal(cleanPastedHTML(''), '');
  assert.equal(cleanPastedHTML('<P STYLE="x" Class=y>a</P>'), '<P>a</P>');
});
