import assert from 'node:assert/strict';
import test from 'node:test';
import { DICTS } from '../src/i18n.js';

test('every editor string exists, non-empty, in both languages', () => {
  const keys = new Set([...Object.keys(DICTS.id), ...Object.keys(DICTS.en)]);
  for (const k of keys) {
    for (const lang of ['id', 'en']) {
      assert.ok(typeof DICTS[lang][k] === 'string' && DICTS[lang][k].trim(), `${lang}.${k} is missing or empty`);
    }
  }
});
