// The side panel's helpers: slug following the headline, word count, SEO preview, tag
// autocomplete (a <datalist>) and the hero photo picker.

import { mediaSrc } from './api.js';
import { blockText } from './convert.js';
import { clear, debounce, h } from './dom.js';
import { countWords, slugify, splitList, truncate } from './text.js';

const TITLE_MAX = 60;
const DESC_MAX = 160;

const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function setupSidePanel({ form, field, t, api, ctx, article, changed, pickMedia }) {
  const val = (name) => {
    const el = field(name);
    return el && 'value' in el ? el.value : '';
  };
  let body = [];

  // --- Slug follows the headline while it was never edited by hand (drafts only) ------------
  const headlineEl = field('headline');
  const slugEl = field('slug');
  let slugFollows = false;
  if (headlineEl && slugEl) {
    const auto = slugify(headlineEl.value);
    const cur = slugEl.value.trim();
    // "Never edited by hand", seen from the page: empty, or what the server derives from the
    // headline (possibly with its de-duplication suffix -2, -3…).
    slugFollows = !cur || (auto !== '' && new RegExp(`^${reEscape(auto)}(-\\d+)?$`).test(cur));
    slugEl.addEventListener('input', (e) => {
      if (e.isTrusted) slugFollows = false;
    });
    headlineEl.addEventListener('input', () => {
      if (!slugFollows || (form.dataset.status || 'draft') !== 'draft') return;
      const next = slugify(headlineEl.value);
      if (next && slugEl.value !== next) slugEl.value = next;
    });
  }

  // --- Word count ---------------------------------------------------------------------------
  const wordEl = document.getElementById('word-count');
  const showWords = () => {
    if (!wordEl) return;
    const n = countWords(body.map(blockText).join('\n'));
    wordEl.textContent = t(n === 1 ? 'word' : 'words', { n });
    wordEl.dataset.words = String(n);
  };

  // --- SEO preview --------------------------------------------------------------------------
  const seoEl = document.getElementById('seo-preview');
  let seo = null;
  let articleBase = `${window.location.origin}/berita/`;
  if (article && typeof article.url === 'string' && article.slug && article.url.endsWith(`/${article.slug}`)) {
    articleBase = article.url.slice(0, article.url.length - article.slug.length);
  }
  if (seoEl) {
    const p = (cls) => h('p', { class: cls });
    seo = {
      url: p('we-serp-url'),
      title: p('we-serp-title'),
      desc: p('we-serp-desc'),
      counts: p('we-seo-counts'),
      img: h('img', { alt: '', decoding: 'async' }),
      cardDomain: p('we-card-domain'),
      cardTitle: p('we-card-title'),
      cardDesc: p('we-card-desc'),
    };
    seo.imgWrap = h('div', { class: 'we-card-image' }, seo.img);
    clear(seoEl);
    seoEl.classList.add('we-seo');
    seoEl.append(
      h('p', { class: 'we-seo-heading', text: t('seoTitle') }),
      h('figure', { class: 'we-serp' }, h('figcaption', { class: 'we-seo-kind', text: t('seoSearch') }), seo.url, seo.title, seo.desc),
      seo.counts,
      h(
        'figure',
        { class: 'we-card' },
        h('figcaption', { class: 'we-seo-kind', text: t('seoSocial') }),
        seo.imgWrap,
        h('div', { class: 'we-card-body' }, seo.cardDomain, seo.cardTitle, seo.cardDesc),
      ),
    );
  }
  let heroSrcFor = null;
  const showSeo = () => {
    if (!seo) return;
    const headline = val('headline').trim();
    const title = val('seo_title').trim() || headline;
    const firstPara = body.find((b) => b.type === 'paragraph');
    const desc = val('seo_description').trim() || val('dek').trim() || (firstPara ? blockText(firstPara) : '');
    const slug = val('slug').trim() || (article && article.slug) || '';
    const url = articleBase + slug;
    let host = '';
    try {
      host = new URL(url).host;
    } catch {
      host = window.location.host;
    }
    seo.url.textContent = url.replace(/^https?:\/\//, '').replace(/\//g, ' › ');
    seo.title.textContent = title ? truncate(title, TITLE_MAX) : t('noTitle');
    seo.desc.textContent = truncate(desc, DESC_MAX);
    const tl = Array.from(title).length;
    const dl = Array.from(desc.replace(/\s+/g, ' ').trim()).length;
    seo.counts.textContent = `${t('headline')}: ${t('seoChars', { n: tl, max: TITLE_MAX })} · ${t('description')}: ${t('seoChars', { n: dl, max: DESC_MAX })}`;
    seo.counts.classList.toggle('we-over', tl > TITLE_MAX || dl > DESC_MAX);
    seo.cardDomain.textContent = host.toUpperCase();
    seo.cardTitle.textContent = title || t('noTitle');
    seo.cardDesc.textContent = truncate(desc, 200);
    const heroId = val('hero_media_id').trim();
    if (!heroId) {
      seo.imgWrap.hidden = true;
      heroSrcFor = null;
    } else if (heroSrcFor !== heroId) {
      heroSrcFor = heroId;
      ctx.mediaSrc(heroId).then((src) => {
        if (heroSrcFor !== heroId) return;
        seo.imgWrap.hidden = !src;
        if (src) seo.img.src = src;
      });
    }
  };
  const seoSoon = debounce(showSeo, 150);

  // --- Tags and topic autocomplete (a <datalist> each) --------------------------------------
  // `multi`: a comma separated list (tags), suggestions for the last name; else one name.
  const autocomplete = (name, listId, fetch, multi) => {
    const input = field(name);
    if (!(input instanceof HTMLInputElement)) return;
    const list = document.getElementById(listId) || h('datalist', { id: listId });
    if (!list.isConnected) input.after(list);
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    let ctrl = null;
    const suggest = debounce(async () => {
      const v = input.value;
      const cut = multi ? v.lastIndexOf(',') : -1;
      const head = cut < 0 ? '' : `${v.slice(0, cut + 1).trim()} `;
      const term = v.slice(cut + 1).trim();
      if (ctrl) ctrl.abort();
      if (!term) {
        clear(list);
        return;
      }
      ctrl = new AbortController();
      const mine = ctrl;
      try {
        const res = await fetch(term, mine.signal);
        if (mine.signal.aborted) return;
        const have = new Set(splitList(head).map((x) => x.toLowerCase()));
        const items = (Array.isArray(res) ? res : (res && res.items) || []).filter((x) => x && x.name && !have.has(x.name.toLowerCase()));
        clear(list);
        for (const x of items.slice(0, 12)) list.append(h('option', { value: head + x.name, label: x.name }));
      } catch {
        // Suggestions are optional; typing goes on.
      }
    }, 200);
    input.addEventListener('input', suggest);
  };
  autocomplete('tags', 'tags-suggestions', api.tags, true);
  autocomplete('topic', 'topic-suggestions', api.topics, false);

  // --- Hero photo: the hidden media id gets a picker ----------------------------------------
  const heroIdEl = field('hero_media_id');
  let heroButton = null;
  let showHero = () => {};
  if (heroIdEl instanceof HTMLInputElement) {
    const thumb = h('img', { class: 'we-hero-thumb', alt: '' });
    const none = h('span', { class: 'we-hero-none', text: t('heroNone') });
    heroButton = h('button', { type: 'button', class: 'we-hero-pick', 'aria-haspopup': 'dialog', text: t('heroPick') });
    const removeBtn = h('button', { type: 'button', class: 'we-hero-remove', text: t('heroRemove') });
    const box = h('div', { class: 'we-hero' }, thumb, none, heroButton, removeBtn);
    heroIdEl.after(box);
    showHero = () => {
      const id = heroIdEl.value.trim();
      thumb.hidden = !id;
      none.hidden = !!id;
      removeBtn.hidden = !id;
      if (!id) {
        thumb.removeAttribute('src');
        return;
      }
      const alt = val('hero_alt');
      thumb.alt = alt;
      ctx.mediaSrc(id).then((src) => {
        if (heroIdEl.value.trim() === id && src) thumb.src = src;
      });
    };
    const fill = (name, v) => {
      const el = field(name);
      if (el && 'value' in el && !el.value.trim() && v) el.value = v;
    };
    heroButton.addEventListener('click', () =>
      pickMedia((m) => {
        heroIdEl.value = String(m.id);
        const src = mediaSrc(m);
        fill('hero_caption', m.caption);
        fill('hero_credit', m.credit);
        fill('hero_alt', m.alt);
        heroButton.removeAttribute('aria-invalid');
        if (src) ctx.mediaSrc(m.id); // warm the cache
        changed();
        showHero();
        showSeo();
      }),
    );
    removeBtn.addEventListener('click', () => {
      heroIdEl.value = '';
      changed();
      showHero();
      showSeo();
      heroButton.focus();
    });
    showHero();
  }

  form.addEventListener('input', (e) => {
    const name = e.target && e.target.getAttribute && e.target.getAttribute('name');
    if (['headline', 'slug', 'dek', 'seo_title', 'seo_description', 'hero_alt'].includes(name)) seoSoon();
  });

  return {
    heroButton,
    bodyChanged(blocks) {
      body = blocks;
      showWords();
      seoSoon();
    },
    saved(saved, sent) {
      // The server may de-duplicate the slug (-2); take its value unless it was edited since.
      if (slugEl && saved && saved.slug && slugEl.value.trim() === (sent.slug ?? '') && saved.slug !== sent.slug) {
        slugEl.value = saved.slug;
        seoSoon();
      }
    },
    reloaded(blocks) {
      body = blocks;
      if (headlineEl && slugEl) {
        const auto = slugify(headlineEl.value);
        slugFollows = auto !== '' && new RegExp(`^${reEscape(auto)}(-\\d+)?$`).test(slugEl.value.trim());
      }
      showWords();
      showHero();
      showSeo();
    },
  };
}
