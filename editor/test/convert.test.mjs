import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  blocksToDoc,
  docToBlocks,
  docToBlocksIndexed,
  escapeHtml,
  inlineToHtml,
  parseInline,
  blockText,
} from '../src/convert.js';

const EVERY_BLOCK = [
  { type: 'paragraph', text: 'Halo <b>tebal</b>, <i>miring</i> dan <a href="https://antaranews.com/x?a=1&amp;b=2">tautan</a>.' },
  { type: 'paragraph', text: '<a href="https://x.id/"><b>Tebal</b> <i>dan miring</i> di tautan</a> lalu <b>a <i>b</i> c</b>' },
  { type: 'paragraph', text: 'Baris satu<br>baris dua <b>tebal<br>tetap</b>' },
  { type: 'heading', text: 'Subjudul dua', level: 2 },
  { type: 'heading', text: 'Subjudul tiga', level: 3 },
  { type: 'quote', text: 'Kami siap berunding.', cite: 'Menlu Retno Marsudi' },
  { type: 'quote', text: 'Tanpa pembicara.' },
  { type: 'image', media_id: 7, caption: 'Suasana sidang', credit: 'ANTARA/Rina', alt: 'Ruang sidang penuh' },
  { type: 'related', article_id: 42 },
  { type: 'list', ordered: true, items: ['Satu', '<b>Dua</b>', 'Tiga <a href="https://a.id/">tautan</a>'] },
  { type: 'list', ordered: false, items: ['Apel', 'Jeruk <i>manis</i>'] },
  { type: 'embed', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  { type: 'pagebreak' },
  { type: 'paragraph', text: 'Halaman kedua.' },
];

test('every block type survives blocks -> doc -> blocks', () => {
  const doc = blocksToDoc(EVERY_BLOCK);
  assert.equal(doc.type, 'doc');
  assert.deepEqual(
    doc.content.map((n) => n.type),
    ['paragraph', 'paragraph', 'paragraph', 'heading', 'heading', 'quote', 'quote', 'wartaImage', 'related', 'orderedList', 'bulletList', 'embed', 'pagebreak', 'paragraph'],
  );
  assert.deepEqual(docToBlocks(doc), EVERY_BLOCK);
});

test('each block type round-trips on its own', () => {
  for (const b of EVERY_BLOCK) assert.deepEqual(docToBlocks(blocksToDoc([b])), [b], JSON.stringify(b));
});

test('round trip through JSON text (what the textarea holds) is stable', () => {
  const once = docToBlocks(JSON.parse(JSON.stringify(blocksToDoc(EVERY_BLOCK))));
  const twice = docToBlocks(blocksToDoc(JSON.parse(JSON.stringify(once))));
  assert.deepEqual(twice, EVERY_BLOCK);
});

test('documents as the editor emits them (extra attrs, mark order) convert to blocks', () => {
  const doc = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a ' },
          { type: 'text', text: 'b', marks: [{ type: 'italic' }, { type: 'bold' }] },
          {
            type: 'text',
            text: 'c',
            marks: [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://x.id/?q="1"', target: null, rel: 'noopener', class: null } }],
          },
        ],
      },
      { type: 'orderedList', attrs: { start: 1, type: null }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }] }] },
      { type: 'quote', attrs: { cite: '' }, content: [{ type: 'text', text: 'q' }] },
      { type: 'wartaImage', attrs: { media_id: 3, caption: '', credit: '', alt: '', src: '/media/3.webp' } },
      { type: 'related', attrs: { article_id: 9, headline: 'Judul' } },
    ],
  };
  assert.deepEqual(docToBlocks(doc), [
    { type: 'paragraph', text: 'a <b><i>b</i></b><a href="https://x.id/?q=&quot;1&quot;"><b>c</b></a>' },
    { type: 'list', ordered: true, items: ['x'] },
    { type: 'quote', text: 'q' },
    { type: 'image', media_id: 3, caption: '', credit: '', alt: '' },
    { type: 'related', article_id: 9 },
  ]);
});

test('text and attributes are escaped: & < > "', () => {
  assert.equal(escapeHtml(`a & b < c > d "e" 'f'`), `a &amp; b &lt; c &gt; d &quot;e&quot; 'f'`);
  const doc = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: '1 < 2 & 3 > "0" ' },
          { type: 'text', text: '<script>', marks: [{ type: 'link', attrs: { href: 'https://x.id/?a=1&b="2"<>' } }] },
        ],
      },
    ],
  };
  const [b] = docToBlocks(doc);
  assert.equal(b.text, '1 &lt; 2 &amp; 3 &gt; &quot;0&quot; <a href="https://x.id/?a=1&amp;b=&quot;2&quot;&lt;&gt;">&lt;script&gt;</a>');
  // And back: the escaped HTML parses to the same text and href.
  const back = blocksToDoc([b]).content[0].content;
  assert.equal(back[0].text, '1 < 2 & 3 > "0" ');
  assert.equal(back[1].text, '<script>');
  assert.equal(back[1].marks[0].attrs.href, 'https://x.id/?a=1&b="2"<>');
});

test('heading and quote text is plain text: never parsed or escaped', () => {
  const blocks = [
    { type: 'heading', text: 'Rusia & NATO: <i>bukan</i> tag', level: 2 },
    { type: 'quote', text: '"Kami <siap>" & tenang', cite: 'A & B <c>' },
  ];
  const doc = blocksToDoc(blocks);
  assert.equal(doc.content[0].content[0].text, 'Rusia & NATO: <i>bukan</i> tag');
  assert.equal(doc.content[1].attrs.cite, 'A & B <c>');
  assert.deepEqual(docToBlocks(doc), blocks);
});

test('inline HTML from the server sanitiser parses: strong/em, rel, entities, stray <', () => {
  const content = parseInline('<strong>S</strong> <em>E</em> <a href="https://a.id/?x=1&amp;y=2" rel="noopener">L</a> 1 &lt; 2 &amp;&nbsp;3 &#39;q&#39; &#x41; <span>kept</span> a < b');
  assert.deepEqual(content, [
    { type: 'text', text: 'S', marks: [{ type: 'bold' }] },
    { type: 'text', text: ' ' },
    { type: 'text', text: 'E', marks: [{ type: 'italic' }] },
    { type: 'text', text: ' ' },
    { type: 'text', text: 'L', marks: [{ type: 'link', attrs: { href: 'https://a.id/?x=1&y=2' } }] },
    { type: 'text', text: " 1 < 2 &\u00a03 'q' A kept a < b" },
  ]);
  assert.equal(inlineToHtml(content), '<b>S</b> <i>E</i> <a href="https://a.id/?x=1&amp;y=2">L</a> 1 &lt; 2 &amp;\u00a03 \'q\' A kept a &lt; b');
});

test('links without href are dropped, text kept', () => {
  assert.deepEqual(parseInline('<a>teks</a>'), [{ type: 'text', text: 'teks' }]);
});

test('empty paragraphs, headings, quotes, list items are left out; indexes map to nodes', () => {
  const doc = {
    type: 'doc',
    content: [
      { type: 'paragraph' },
      { type: 'paragraph', content: [{ type: 'text', text: 'isi' }] },
      { type: 'heading', attrs: { level: 2 } },
      { type: 'paragraph', content: [{ type: 'text', text: '  ' }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
      { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] }] },
      { type: 'embed', attrs: { url: '' } },
      { type: 'wartaImage', attrs: { media_id: 5, caption: 'c', credit: 'd', alt: 'e' } },
    ],
  };
  const { blocks, nodeIndex } = docToBlocksIndexed(doc);
  assert.deepEqual(blocks, [
    { type: 'paragraph', text: 'isi' },
    { type: 'list', ordered: true, items: ['b'] },
    { type: 'image', media_id: 5, caption: 'c', credit: 'd', alt: 'e' },
  ]);
  assert.deepEqual(nodeIndex, [1, 5, 7]);
});

test('an empty body is one empty paragraph, and back to no blocks', () => {
  const doc = blocksToDoc([]);
  assert.deepEqual(doc, { type: 'doc', content: [{ type: 'paragraph' }] });
  assert.deepEqual(docToBlocks(doc), []);
});

test('lookup fills display-only attrs that do not reach the blocks', () => {
  const blocks = [
    { type: 'image', media_id: 7, caption: 'c', credit: 'k', alt: 'a' },
    { type: 'related', article_id: 42 },
  ];
  const doc = blocksToDoc(blocks, { media: (id) => ({ src: `/media/${id}-640.webp` }), headline: (id) => `Judul ${id}` });
  assert.equal(doc.content[0].attrs.src, '/media/7-640.webp');
  assert.equal(doc.content[1].attrs.headline, 'Judul 42');
  const doc2 = blocksToDoc(blocks, (kind, id) => (kind === 'media' ? `/m/${id}` : `H${id}`));
  assert.equal(doc2.content[0].attrs.src, '/m/7');
  assert.equal(doc2.content[1].attrs.headline, 'H42');
  assert.deepEqual(docToBlocks(doc), blocks);
});

test('blockText gives plain text for counting', () => {
  assert.equal(blockText({ type: 'paragraph', text: '<b>A</b> &amp; b' }), 'A & b');
  assert.equal(blockText({ type: 'list', items: ['x', '<i>y</i>'] }), 'x\ny');
  assert.equal(blockText({ type: 'image', caption: 'cap' }), 'cap');
  assert.equal(blockText({ type: 'embed', url: 'https://x' }), '');
});
