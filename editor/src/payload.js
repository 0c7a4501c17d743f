// The form's fields <-> the API's article: the PATCH body a save sends, the POST body that
// creates a new article, and filling the fields from an ArticleOut ("Pakai versi server").
// `field(name)` is the form's element of that name, or null.

import { formatSources, parseReferences, parseSources, splitList } from './text.js';

/** The PATCH body: fields absent from the form are left out; `body` is the blocks. */
export function buildPayload(field, revision, body) {
  const p = { revision };
  const val = (name) => {
    const el = field(name);
    return el && 'value' in el ? el.value : undefined;
  };
  const put = (name, conv = (v) => v) => {
    const v = val(name);
    if (v !== undefined) p[name] = conv(v);
  };
  put('headline');
  put('dek');
  put('slug', (v) => v.trim());
  put('rubrik');
  put('tags', splitList);
  put('topic', (v) => v.trim() || null);
  put('authors', splitList);
  put('dateline');
  put('signoff');
  put('sources', parseSources);
  const heroId = val('hero_media_id');
  if (heroId !== undefined) {
    p.hero = heroId.trim()
      ? { media_id: Number(heroId), caption: val('hero_caption') ?? '', credit: val('hero_credit') ?? '', alt: val('hero_alt') ?? '' }
      : null;
  }
  p.body = body;
  put('seo_title');
  put('seo_description');
  put('kind');
  // The fact check's fields; all empty means none.
  if (val('fc_claim') !== undefined) {
    const fc = {
      claim: val('fc_claim') ?? '',
      claimant: val('fc_claimant') ?? '',
      appeared_in: (val('fc_appeared_in') ?? '').trim(),
      verdict: val('fc_verdict') ?? '',
      references: parseReferences(val('fc_references') ?? ''),
    };
    const empty = !fc.claim.trim() && !fc.claimant.trim() && !fc.appeared_in && !fc.verdict && !fc.references.length;
    p.fact_check = empty ? null : fc;
  }
  // Published and scheduled stories keep their live text until "Perbarui": every save of
  // them is a pending version (the server saves drafts as usual). The correction note goes
  // with "Perbarui" (the form post), never with a save.
  p.stage = true;
  return p;
}

// A new article is created by its first save with content: a headline (the server needs
// one). Autosave waits for it; an explicit save sends what there is and shows the answer.
export function createPayload(p) {
  const out = { ...p };
  delete out.revision;
  delete out.correction;
  delete out.stage;
  if (!out.slug) delete out.slug;
  if (out.authors && !out.authors.length) delete out.authors;
  if (out.hero === null) delete out.hero;
  return out;
}

/** Fills every side-panel field from an ArticleOut `a` (not the body). */
export function fillFields(field, a) {
  const set = (name, v) => {
    const el = field(name);
    if (el && 'value' in el && v !== undefined && v !== null) el.value = v;
  };
  set('headline', a.headline);
  set('dek', a.dek);
  set('slug', a.slug);
  if (a.rubrik) set('rubrik', a.rubrik.name ?? a.rubrik);
  if (a.tags) set('tags', a.tags.map((x) => x.name ?? x).join(', '));
  if ('topic' in a) set('topic', a.topic ? a.topic.name ?? a.topic : '');
  // Authors are posted as emails; ArticleOut carries them only when it has `email`.
  if (a.authors && a.authors.every((x) => x && x.email)) set('authors', a.authors.map((x) => x.email).join(', '));
  set('dateline', a.dateline);
  set('signoff', a.signoff);
  if (a.sources) set('sources', formatSources(a.sources));
  if ('hero' in a) {
    set('hero_media_id', a.hero ? String(a.hero.media_id) : '');
    set('hero_caption', a.hero ? a.hero.caption ?? '' : '');
    set('hero_credit', a.hero ? a.hero.credit ?? '' : '');
    set('hero_alt', a.hero ? a.hero.alt ?? '' : '');
  }
  set('seo_title', a.seo_title);
  set('seo_description', a.seo_description);
  set('kind', a.kind);
  if ('fact_check' in a) {
    const fc = a.fact_check || {};
    set('fc_claim', fc.claim ?? '');
    set('fc_claimant', fc.claimant ?? '');
    set('fc_appeared_in', fc.appeared_in ?? '');
    set('fc_verdict', fc.verdict ?? '');
    set('fc_references', (fc.references || []).map((r) => `${r.name} | ${r.url}`).join('\n'));
  }
}
