import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPayload, createPayload, fillFields } from '../src/payload.js';

// The form as payload.js sees it: `field(name)` gives an element with a `value`, or null.
const formOf = (values) => {
  const els = new Map(Object.entries(values).map(([k, v]) => [k, { value: v }]));
  return { field: (name) => els.get(name) || null, value: (name) => els.get(name).value };
};

const article = {
  headline: 'Banjir Rendam Jakarta Utara',
  dek: 'Ribuan warga mengungsi.',
  slug: 'banjir-rendam-jakarta-utara',
  rubrik: { name: 'Metro' },
  tags: [{ name: 'banjir' }, { name: 'Jakarta' }],
  topic: { name: 'Musim Hujan' },
  authors: [{ name: 'Dewi', email: 'dewi@warta.test' }],
  dateline: 'JAKARTA',
  signoff: '(dew)',
  sources: [{ name: 'BPBD DKI' }, { name: 'BMKG', url: 'https://bmkg.go.id' }],
  hero: { media_id: 7, caption: 'Genangan', credit: 'Foto: Raka', alt: 'Jalan tergenang' },
  seo_title: 'Banjir Jakarta Utara',
  seo_description: 'Ribuan warga mengungsi karena banjir.',
  kind: 'news',
  fact_check: { claim: 'Klaim', claimant: 'Akun X', appeared_in: 'https://x.test/1', verdict: 'false', references: [{ name: 'BMKG', url: 'https://bmkg.go.id' }] },
};
const allFields = () =>
  formOf(Object.fromEntries(['headline', 'dek', 'slug', 'rubrik', 'tags', 'topic', 'authors', 'dateline', 'signoff', 'sources', 'hero_media_id', 'hero_caption', 'hero_credit', 'hero_alt', 'seo_title', 'seo_description', 'kind', 'fc_claim', 'fc_claimant', 'fc_appeared_in', 'fc_verdict', 'fc_references'].map((n) => [n, ''])));

test('"Pakai versi server" fills the fields so that the next save sends that article back', () => {
  const form = allFields();
  fillFields(form.field, article);
  assert.equal(form.value('tags'), 'banjir, Jakarta');
  assert.equal(form.value('sources'), 'BPBD DKI\nBMKG | https://bmkg.go.id');
  const body = [{ type: 'paragraph', text: 'Air naik.' }];
  const p = buildPayload(form.field, 4, body);
  assert.deepEqual(p, {
    revision: 4,
    headline: article.headline,
    dek: article.dek,
    slug: article.slug,
    rubrik: 'Metro',
    tags: ['banjir', 'Jakarta'],
    topic: 'Musim Hujan',
    authors: ['dewi@warta.test'],
    dateline: 'JAKARTA',
    signoff: '(dew)',
    sources: article.sources,
    hero: article.hero,
    body,
    seo_title: article.seo_title,
    seo_description: article.seo_description,
    kind: 'news',
    fact_check: article.fact_check,
    stage: true,
  });
});

test('authors without emails are left as they are; a missing hero and fact check empty their fields', () => {
  const form = allFields();
  form.field('authors').value = 'raka@warta.test';
  form.field('fc_claim').value = 'lama';
  fillFields(form.field, { ...article, authors: [{ name: 'Dewi' }], hero: null, fact_check: null });
  assert.equal(form.value('authors'), 'raka@warta.test');
  const p = buildPayload(form.field, 1, []);
  assert.equal(p.hero, null);
  assert.equal(p.fact_check, null);
});

test('fields absent from the form are left out of the save', () => {
  const form = formOf({ headline: 'Judul', slug: '  judul  ', topic: '  ' });
  assert.deepEqual(buildPayload(form.field, 2, []), { revision: 2, headline: 'Judul', slug: 'judul', topic: null, body: [], stage: true });
});

test('the first save of a new article sends no revision, stage, empty slug, authors or hero', () => {
  const p = { revision: 0, headline: 'Baru', slug: '', authors: [], hero: null, correction: 'x', stage: true, body: [] };
  assert.deepEqual(createPayload(p), { headline: 'Baru', body: [] });
  assert.equal(p.revision, 0, 'the PATCH body itself is untouched');
  assert.deepEqual(createPayload({ headline: 'B', slug: 'b', authors: ['a@b.c'], hero: { media_id: 1 } }), { headline: 'B', slug: 'b', authors: ['a@b.c'], hero: { media_id: 1 } });
});
