import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countWords, formatSources, megabytes, parseSources, slugify, splitList, truncate } from '../src/text.js';

test('slugify cuts long headlines at a word boundary, at most 80 characters', () => {
  const h = 'Pemerintah Provinsi Jawa Barat Mengumumkan Rencana Pembangunan Jalan Tol Baru Menghubungkan Bandung dan Cirebon';
  assert.equal(slugify(h), 'pemerintah-provinsi-jawa-barat-mengumumkan-rencana-pembangunan-jalan-tol-baru');
  assert.equal(slugify('a'.repeat(100)).length, 80);
  assert.equal(slugify(`${'b'.repeat(39)} ${'c'.repeat(40)}`).length, 80);
});

test('slugify matches the server for Indonesian headlines', () => {
  assert.equal(
    slugify('Rusia & Ukraina: Perundingan di Jenewa Berakhir, Apa Selanjutnya?'),
    'rusia-dan-ukraina-perundingan-di-jenewa-berakhir-apa-selanjutnya',
  );
  assert.equal(slugify('  Café Über -- Straße!  '), 'cafe-uber-strasse');
  assert.equal(slugify('???'), '');
  assert.ok(slugify('kata '.repeat(40)).length <= 80);
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

test('megabytes states limits the newsroom way', () => {
  assert.equal(megabytes(20 * 1024 * 1024), '20 MB');
  assert.equal(megabytes(31457280), '30 MB');
  assert.equal(megabytes(1.5 * 1024 * 1024), '1,5 MB');
});
