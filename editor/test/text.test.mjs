import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords, formatSources, parseSources, slugify, splitList, truncate } from '../src/text.js';

test('slugify matches the server for Indonesian headlines', () => {
  assert.equal(
    slugify('Rusia & Ukraina: Perundingan di Jenewa Berakhir, Apa Selanjutnya?'),
    'rusia-dan-ukraina-perundingan-di-jenewa-berakhir-apa-selanjutnya',
  );
  assert.equal(slugify('  Café Über -- Straße!  '), 'cafe-uber-strasse');
  assert.equal(slugify('???'), '');
  assert.ok(slugify('kata '.repeat(40)).length <= 81); // the server stops at >= 80 too
  assert.ok(!slugify('kata '.repeat(40)).endsWith('-'));
});

test('countWords counts words with letters or digits', () => {
  assert.equal(countWords('Presiden Joko Widodo — 2024, tiba di Jakarta.'), 7);
  assert.equal(countWords('  '), 0);
});

test('truncate cuts with an ellipsis', () => {
  assert.equal(truncate('pendek', 60), 'pendek');
  const t = truncate('kata '.repeat(30), 60);
  assert.ok(Array.from(t).length <= 60, t);
  assert.ok(t.endsWith('…'));
});

test('lists and sources', () => {
  assert.deepEqual(splitList(' politik, Pemilu,,politik , ekonomi '), ['politik', 'Pemilu', 'ekonomi']);
  const src = 'Antara | https://antaranews.com/a\n\nKementerian Luar Negeri\n';
  assert.deepEqual(parseSources(src), [{ name: 'Antara', url: 'https://antaranews.com/a' }, { name: 'Kementerian Luar Negeri' }]);
  assert.equal(formatSources(parseSources(src)), 'Antara | https://antaranews.com/a\nKementerian Luar Negeri');
});
