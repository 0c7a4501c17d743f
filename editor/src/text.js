// Small pure text helpers shared by the form logic (tested under node).

const FOLD = { ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ł: 'l', Ł: 'l', þ: 'th', ð: 'd', ı: 'i' };

const SLUG_MAX = 80;

/** Slug from a headline, like the server's `Slug::from_title` ('&' reads "dan"): lowercase ASCII, digits, hyphens, ≤ 80. */
export function slugify(title) {
  const folded = String(title ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ßæÆœŒøØđĐłŁþðı]/g, (c) => FOLD[c])
    .replace(/&/g, ' dan ');
  // At most 80 characters, cut at a word boundary (one longer word is cut inside), as the
  // server's Slug::from_title.
  const words = folded.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let out = '';
  for (const w of words) {
    const extra = out ? w.length + 1 : w.length;
    if (out.length + extra > SLUG_MAX) {
      if (!out) out = w.slice(0, SLUG_MAX);
      break;
    }
    out = out ? `${out}-${w}` : w;
  }
  return out;
}

/** Words with at least one letter or digit. */
export function countWords(text) {
  return (String(text ?? '').match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*/gu) || []).length;
}

/** Cut to at most `max` characters, ending with an ellipsis when cut (at a word when possible). */
export function truncate(text, max) {
  const s = String(text ?? '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(s);
  if (chars.length <= max) return s;
  let cut = chars.slice(0, max - 1).join('');
  const sp = cut.lastIndexOf(' ');
  if (sp > max * 0.6) cut = cut.slice(0, sp);
  return cut.replace(/[\s,.;:–-]+$/, '') + '…';
}

/** "a, b,, c " -> ["a", "b", "c"], duplicates (case-insensitive) removed. */
export function splitList(value) {
  const seen = new Set();
  const out = [];
  for (const part of String(value ?? '').split(',')) {
    const v = part.trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out;
}

/** One source per line: "Name" or "Name | https://url". */
export function parseSources(value) {
  const out = [];
  for (const line of String(value ?? '').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const bar = line.lastIndexOf('|');
    const name = (bar < 0 ? line : line.slice(0, bar)).trim();
    const url = bar < 0 ? '' : line.slice(bar + 1).trim();
    if (!name && !url) continue;
    out.push(url ? { name, url } : { name });
  }
  return out;
}

/** A fact check's references, one per line: "Name | https://url" (both are required). */
export function parseReferences(value) {
  return parseSources(value).map((s) => ({ name: s.name, url: s.url ?? '' }));
}

export function formatSources(sources) {
  return (sources || []).map((s) => (s.url ? `${s.name} | ${s.url}` : s.name)).join('\n');
}

/** "HH:MM" in the browser's time zone. */
export function clock(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** A byte count as the newsroom states limits: "20 MB", "30,5 MB". */
export function megabytes(bytes) {
  const mb = Math.round((Number(bytes) / 1048576) * 10) / 10;
  return `${String(mb).replace('.', ',')} MB`;
}
