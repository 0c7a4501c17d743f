// Entry point: enhances the server-rendered article form (docs/editor.md, "Page markup").

import { Editor } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { ApiError, NetworkError, createApi, mediaSrc } from './api.js';
import { blockText, blocksToDoc, docToBlocksIndexed } from './convert.js';
import { embedDialog, linkDialog, mediaDialog, relatedDialog } from './dialogs.js';
import { clear, debounce, h } from './dom.js';
import { translator } from './i18n.js';
import { FlatListItem, JoinFallback, PlainHeading, createNodes } from './nodes.js';
import { setupSidePanel } from './panel.js';
import { cleanPastedHTML } from './paste.js';
import { clock, countWords, formatSources, megabytes, parseReferences, parseSources, slugify, splitList } from './text.js';
import { uploadAlerts } from './alerts.js';

const AUTOSAVE_MS = 5000;
const RETRY_MS = 15000;
// The heartbeat of "who has it open": with the server's 20 s expiry (warta-store's
// PRESENCE_MS) a closed tab leaves the others' line within 30 s even if its leave is lost.
const PRESENCE_MS = 10000;

function boot() {
  const form = document.getElementById('article-form');
  const mount = document.getElementById('body-editor');
  const textarea = form && form.elements.namedItem('body_json');
  if (!form || !mount || !(textarea instanceof HTMLTextAreaElement) || mount.dataset.enhanced) return;
  mount.dataset.enhanced = '1';

  const lang = form.dataset.lang === 'en' ? 'en' : 'id';
  const t = translator(lang);
  const api = createApi({ base: form.dataset.api || '/api/v1', csrf: form.dataset.csrf || '' });
  // Empty for a new article: the first save with content creates it (POST), then PATCH.
  let articleId = form.dataset.articleId || '';
  const maxUpload = Number(form.dataset.maxUpload) || 0;
  const saveState = document.getElementById('save-state');
  const field = (name) => {
    const el = form.elements.namedItem(name);
    return el instanceof HTMLElement ? el : null;
  };

  let article = null;
  try {
    const el = document.getElementById('article-json');
    if (el && el.textContent.trim()) article = JSON.parse(el.textContent);
  } catch {
    article = null;
  }

  const setStatus = (text, state) => {
    if (!saveState) return;
    saveState.textContent = text;
    if (state) saveState.dataset.state = state;
    else delete saveState.dataset.state;
  };

  let blocks;
  try {
    blocks = JSON.parse(textarea.value.trim() || '[]');
    if (!Array.isArray(blocks)) throw new Error('not an array');
  } catch (e) {
    // Leave the plain form working: the textarea stays visible and is posted as it is.
    textarea.hidden = false;
    setStatus(t('badBody', { detail: e.message }), 'error');
    return;
  }

  // --- Display data for image and "Baca juga" nodes (not part of the blocks) ---------------
  const srcCache = new Map(); // media id -> src | Promise
  const headlineCache = new Map(); // article id -> headline | Promise
  const remember = (cache, key, fetcher) => {
    if (key == null || key === '') return Promise.resolve('');
    const hit = cache.get(key);
    if (typeof hit === 'string') return Promise.resolve(hit);
    if (hit) return hit;
    const p = fetcher()
      .then((v) => {
        cache.set(key, v || '');
        return v || '';
      })
      .catch(() => {
        cache.delete(key);
        return '';
      });
    cache.set(key, p);
    return p;
  };
  const cached = (cache, key) => {
    const v = cache.get(key);
    return typeof v === 'string' ? v : '';
  };
  const ctx = {
    t,
    mediaSrc: (id) => remember(srcCache, Number(id), () => api.getMedia(id).then((m) => mediaSrc(m))),
    mediaSrcCached: (id) => cached(srcCache, Number(id)),
    headline: (id) => remember(headlineCache, Number(id), () => api.getArticle(id).then((a) => a && a.headline)),
    headlineCached: (id) => cached(headlineCache, Number(id)),
  };
  const lookup = { media: (id) => ctx.mediaSrcCached(id), headline: (id) => ctx.headlineCached(id) };
  const { Quote, WartaImage, Related, Embed, Pagebreak } = createNodes(ctx);

  // --- Change tracking, saving ---------------------------------------------------------------
  const s = {
    revision: Number(form.dataset.revision) || 0,
    changeSeq: 0,
    savedSeq: 0,
    inflight: null,
    timer: 0,
    conflict: null,
    invalid: new Set(),
    nodeIndex: [],
    submitting: false,
  };
  // A correction note is attached to the article by every save that carries it, so it is sent
  // only by explicit saves (Ctrl+S, workflow buttons, preview, conflict choice), never by autosave,
  // and the field is emptied once the server has it.
  const correctionField = () => {
    const c = field('correction');
    return c && 'value' in c && !c.disabled ? c : null;
  };
  const correctionPending = () => !!(correctionField() && correctionField().value.trim());
  const bodyDirty = () => s.changeSeq !== s.savedSeq;
  const isDirty = () => bodyDirty() || correctionPending();

  // --- Editor --------------------------------------------------------------------------------
  const toolbar = h('div', { class: 'we-toolbar', role: 'toolbar', 'aria-label': t('toolbar') });
  const host = h('div', { class: 'we-host' });
  clear(mount);
  mount.classList.add('we-editor');
  mount.append(toolbar, host);
  textarea.hidden = true;
  form.classList.add('js'); // hides the plain form's JSON label (.js .nojs)

  // Returns the blocks; `s.bodyChanged` tells whether they differ from the last sync (display-only
  // attrs and the trailing empty paragraph do not count as changes).
  const syncTextarea = () => {
    const { blocks: out, nodeIndex } = docToBlocksIndexed(editor.getJSON());
    s.nodeIndex = nodeIndex;
    const json = JSON.stringify(out);
    s.bodyChanged = textarea.value !== json;
    if (s.bodyChanged) textarea.value = json;
    return out;
  };
  let panel = null;
  let toolbarReady = false;

  const imageFiles = (list) => Array.from(list || []).filter((f) => f && /^image\//.test(f.type));

  const editor = new Editor({
    element: host,
    injectCSS: false,
    content: blocksToDoc(blocks, lookup),
    extensions: [
      StarterKit.configure({
        blockquote: false,
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        horizontalRule: false,
        heading: false,
        listItem: false,
        link: {
          openOnClick: false,
          autolink: true,
          linkOnPaste: true,
          defaultProtocol: 'https',
          protocols: ['mailto'],
          HTMLAttributes: { target: null, rel: 'noopener', class: null },
          isAllowedUri: (url) => /^(https?:|mailto:)/i.test(String(url).trim()),
        },
      }),
      PlainHeading.configure({ levels: [2, 3, 4] }),
      FlatListItem,
      JoinFallback,
      Placeholder.configure({ placeholder: t('placeholder') }),
      Quote,
      WartaImage,
      Related,
      Embed,
      Pagebreak,
    ],
    editorProps: {
      attributes: { class: 'we-prose', role: 'textbox', 'aria-multiline': 'true', 'aria-label': t('bodyLabel'), spellcheck: 'true', lang },
      handleDrop: (view, event, _slice, moved) => {
        const files = imageFiles(event.dataTransfer && event.dataTransfer.files);
        if (moved || !files.length) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
        uploadImages(files, at ? at.pos : null);
        return true;
      },
      transformPastedHTML: cleanPastedHTML,
      handlePaste: (_view, event) => {
        const files = imageFiles(event.clipboardData && event.clipboardData.files);
        if (!files.length) return false;
        event.preventDefault();
        uploadImages(files, null);
        return true;
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          openLink();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      const out = syncTextarea();
      if (!s.bodyChanged) return;
      changed();
      if (panel) panel.bodyChanged(out);
    },
    onTransaction: () => toolbarReady && updateToolbar(),
  });
  syncTextarea(); // normalise the server's JSON once, before any edit

  // --- Toolbar -------------------------------------------------------------------------------
  const chain = () => editor.chain().focus();
  const openLink = () => {
    const current = editor.getAttributes('link').href || '';
    linkDialog(t, current, {
      apply: (href) => chain().extendMarkRange('link').setLink({ href }).run(),
      remove: () => chain().extendMarkRange('link').unsetLink().run(),
    });
  };
  // Insert a block node, then put the cursor in the text after it (adding an empty paragraph
  // when none follows) so that typing or the next insertion never replaces the new block.
  const insertBlock = (node, pos) => {
    const c = editor.chain().focus();
    (typeof pos === 'number' ? c.insertContentAt(pos, node) : c.insertContent(node))
      .command(({ tr }) => {
        const sel = tr.selection;
        if (!(sel instanceof NodeSelection) || sel.node.type.name !== node.type) return true;
        const after = sel.to;
        const next = tr.doc.resolve(after).nodeAfter;
        if (!next || !next.isTextblock) tr.insert(after, editor.schema.nodes.paragraph.create());
        tr.setSelection(TextSelection.create(tr.doc, after + 1));
        return true;
      })
      .scrollIntoView()
      .run();
  };
  const insertMedia = (m, pos) => {
    const src = mediaSrc(m);
    if (src) srcCache.set(Number(m.id), src);
    const node = { type: 'wartaImage', attrs: { media_id: m.id, caption: m.caption || '', credit: m.credit || '', alt: m.alt || '', src } };
    insertBlock(node, pos);
  };
  // Upload problems stay on screen until dismissed (a status line is overwritten by the next
  // autosave); a file over the server's limit is refused here, before it is sent.
  const alerts = uploadAlerts(t);
  const refuseLarge = (file) => {
    if (!maxUpload || file.size <= maxUpload) return false;
    alerts.show(t('tooLarge', { name: file.name || '', size: megabytes(file.size), max: megabytes(maxUpload) }));
    return true;
  };
  const uploadFailed = (e, file) => {
    const detail = e instanceof ApiError ? e.detail || t('unknownError', { status: e.status }) : e instanceof NetworkError ? t('offline') : String(e && e.message ? e.message : e);
    alerts.show(t('uploadFailed', { name: file.name || '', detail }));
    setStatus(t('uploadFailedShort'), 'error');
  };
  async function uploadImages(files, pos) {
    let at = pos;
    for (const file of files) {
      if (refuseLarge(file)) continue;
      setStatus(t('uploading'), 'saving');
      try {
        const m = await api.upload(file);
        insertMedia(m, at);
        at = null; // the next one goes after this one (the selection follows the insertion)
        setStatus(t('uploaded'), 'saved');
      } catch (e) {
        uploadFailed(e, file);
        return;
      }
    }
  }

  const buttons = [
    { key: 'bold', text: 'B', run: () => chain().toggleBold().run(), active: () => editor.isActive('bold') },
    { key: 'italic', text: 'I', run: () => chain().toggleItalic().run(), active: () => editor.isActive('italic') },
    { key: 'link', text: t('link'), run: openLink, active: () => editor.isActive('link'), dialog: true },
    { sep: true },
    { key: 'h2', text: 'H2', run: () => chain().toggleHeading({ level: 2 }).run(), active: () => editor.isActive('heading', { level: 2 }) },
    { key: 'h3', text: 'H3', run: () => chain().toggleHeading({ level: 3 }).run(), active: () => editor.isActive('heading', { level: 3 }) },
    { key: 'quote', text: '❝', run: () => chain().toggleQuote().run(), active: () => editor.isActive('quote') },
    { key: 'bulletList', text: '•', run: () => chain().toggleBulletList().run(), active: () => editor.isActive('bulletList') },
    { key: 'orderedList', text: '1.', run: () => chain().toggleOrderedList().run(), active: () => editor.isActive('orderedList') },
    { sep: true },
    { key: 'image', text: t('image'), dialog: true, run: () => mediaDialog(t, api, { pick: (m) => insertMedia(m), upload: (files) => uploadImages(files, null) }) },
    {
      key: 'related',
      text: t('related'),
      dialog: true,
      run: () =>
        relatedDialog(
          t,
          api,
          (a) => {
            headlineCache.set(Number(a.id), a.headline);
            insertBlock({ type: 'related', attrs: { article_id: a.id, headline: a.headline } });
          },
          () => articleId,
        ),
    },
    { key: 'embed', text: t('embed'), dialog: true, run: () => embedDialog(t, (url) => insertBlock({ type: 'embed', attrs: { url } })) },
    { key: 'pagebreak', text: t('pagebreakButton'), run: () => insertBlock({ type: 'pagebreak' }) },
    { sep: true },
    { key: 'undo', text: '↶', run: () => chain().undo().run(), enabled: () => editor.can().undo() },
    { key: 'redo', text: '↷', run: () => chain().redo().run(), enabled: () => editor.can().redo() },
  ];
  for (const b of buttons) {
    if (b.sep) {
      toolbar.append(h('span', { class: 'we-sep', 'aria-hidden': 'true' }));
      continue;
    }
    const label = t(b.key);
    b.el = h('button', {
      type: 'button',
      class: `we-btn we-btn-${b.key}`,
      'data-command': b.key,
      'aria-label': label,
      title: label,
      'aria-pressed': b.active ? 'false' : null,
      'aria-haspopup': b.dialog ? 'dialog' : null,
      text: b.text,
    });
    // Keep the editor's selection: act on click, but do not take focus on mousedown.
    b.el.addEventListener('mousedown', (e) => e.preventDefault());
    b.el.addEventListener('click', () => b.run());
    toolbar.append(b.el);
  }
  function updateToolbar() {
    for (const b of buttons) {
      if (!b.el) continue;
      if (b.active) b.el.setAttribute('aria-pressed', String(!!b.active()));
      if (b.enabled) b.el.disabled = !b.enabled();
    }
  }
  toolbarReady = true;
  updateToolbar();

  // --- Side panel: slug, word count, SEO preview, tags, hero ---------------------------------
  panel = setupSidePanel({ form, field, t, api, ctx, article, changed, pickMedia: (pick) => mediaDialog(t, api, { pick, upload: (files) => heroUpload(files, pick) }) });
  async function heroUpload(files, pick) {
    const file = files[0];
    if (!file || refuseLarge(file)) return;
    setStatus(t('uploading'), 'saving');
    try {
      const m = await api.upload(file);
      setStatus(t('uploaded'), 'saved');
      pick(m);
    } catch (e) {
      uploadFailed(e, file);
    }
  }

  // --- Changes and autosave ------------------------------------------------------------------
  function changed() {
    const wasDirty = isDirty();
    s.changeSeq++;
    if (s.conflict) {
      renderConflict();
      return;
    }
    if (!wasDirty && !s.inflight) setStatus(t('unsaved'), 'dirty');
    schedule(AUTOSAVE_MS);
  }
  function correctionChanged() {
    if (!s.inflight && !s.conflict && correctionPending()) setStatus(t('unsaved'), 'dirty');
  }
  function schedule(ms) {
    clearTimeout(s.timer);
    s.timer = setTimeout(() => saveNow(), ms);
  }

  form.addEventListener('input', (e) => {
    const el = e.target;
    if (!(el instanceof HTMLElement) || mount.contains(el) || el === textarea) return;
    if (!el.getAttribute('name')) return;
    clearInvalid(el);
    if (el.getAttribute('name') === 'correction') correctionChanged();
    else changed();
  });
  form.addEventListener('change', (e) => {
    const el = e.target;
    if (el instanceof HTMLSelectElement && el.getAttribute('name')) {
      clearInvalid(el);
      changed();
    }
  });

  function buildPayload(explicit) {
    const out = syncTextarea();
    const p = { revision: s.revision };
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
    p.body = out;
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

  function setRevision(rev) {
    s.revision = rev;
    form.dataset.revision = String(rev);
    const input = field('revision');
    if (input && 'value' in input) input.value = String(rev);
  }

  function clearInvalid(el) {
    if (s.invalid.has(el)) {
      el.removeAttribute('aria-invalid');
      el.classList.remove('we-invalid');
      s.invalid.delete(el);
      const msg = el.dataset.errorId && document.getElementById(el.dataset.errorId);
      if (msg) msg.remove();
      delete el.dataset.errorId;
    }
  }
  // The message beside a field inside a block (the side panel's fields get theirs from the
  // server page, or from #save-state).
  let errorSeq = 0;
  function sayBeside(el, message) {
    if (!message || !(el instanceof HTMLElement)) return;
    const old = el.dataset.errorId && document.getElementById(el.dataset.errorId);
    if (old) old.remove();
    const id = `we-err-${++errorSeq}`;
    const p = h('p', { class: 'we-field-error', id, text: message });
    const anchor = el.closest('.we-field') || el;
    anchor.after(p);
    el.dataset.errorId = id;
    el.setAttribute('aria-describedby', id);
  }
  function clearAllInvalid() {
    for (const el of [...s.invalid]) clearInvalid(el);
  }
  function markInvalid(el, focus = true) {
    el.setAttribute('aria-invalid', 'true');
    s.invalid.add(el);
    if (focus) {
      el.focus();
      if (el.scrollIntoView) el.scrollIntoView({ block: 'center' });
    }
  }
  // A problem's `field`: "headline", "hero/alt", "tags/2", "body/3/alt", "body/3/text", "body".
  // `message` is shown beside a block's field.
  function showField(fieldPath, message) {
    if (!fieldPath) return;
    const parts = String(fieldPath).split('/').filter(Boolean);
    if (parts[0] === 'body' || parts[0] === 'body_json') {
      const i = Number(parts[1]);
      if (!Number.isInteger(i)) {
        editor.commands.focus();
        return;
      }
      const nodeIdx = s.nodeIndex[i] ?? i;
      let pos = null;
      editor.state.doc.forEach((_n, offset, index) => {
        if (index === nodeIdx) pos = offset;
      });
      if (pos === null) return;
      const dom = editor.view.nodeDOM(pos);
      if (!(dom instanceof HTMLElement)) return;
      const sub = parts.slice(2).find((x) => !/^\d+$/.test(x));
      const input = sub && dom.querySelector(`[data-field="${sub}"]`);
      if (input instanceof HTMLElement) {
        markInvalid(input);
        sayBeside(input, message);
      } else {
        dom.classList.add('we-invalid');
        s.invalid.add(dom);
        const node = editor.state.doc.nodeAt(pos);
        if (node && node.isTextblock) editor.commands.focus(pos + 1);
        else editor.chain().setNodeSelection(pos).focus().run();
        dom.scrollIntoView({ block: 'center' });
      }
      return;
    }
    let name = parts[0];
    if (name === 'hero' && parts[1]) name = parts[1] === 'media_id' ? 'hero_media_id' : `hero_${parts[1]}`;
    if (name === 'seo' && parts[1]) name = `seo_${parts[1]}`;
    const el = field(name);
    if (!el) return;
    if (el instanceof HTMLInputElement && el.type === 'hidden') {
      const stand = name === 'hero_media_id' ? panel.heroButton : null;
      if (stand) markInvalid(stand);
      return;
    }
    markInvalid(el);
  }

  function reportError(e) {
    if (e instanceof ApiError) {
      setStatus(e.detail || t('unknownError', { status: e.status }), 'error');
      showField(e.field, e.detail);
    } else if (e instanceof NetworkError) {
      setStatus(t('offline'), 'error');
    } else {
      setStatus(t('failed', { detail: e && e.message ? e.message : String(e) }), 'error');
    }
  }

  // A new article is created by its first save with content: a headline (the server needs
  // one). Autosave waits for it; an explicit save sends what there is and shows the answer.
  function createPayload(p) {
    const out = { ...p };
    delete out.revision;
    delete out.correction;
    delete out.stage;
    if (!out.slug) delete out.slug;
    if (out.authors && !out.authors.length) delete out.authors;
    if (out.hero === null) delete out.hero;
    return out;
  }
  function becameArticle(saved) {
    articleId = String(saved.id);
    form.dataset.articleId = articleId;
    form.setAttribute('action', `/admin/artikel/${articleId}`);
    if (!field('revision')) form.prepend(h('input', { type: 'hidden', name: 'revision', value: String(saved.revision) }));
    const hint = document.getElementById('new-hint');
    if (hint) hint.textContent = t('created');
    // The page now belongs to the draft: its heading and title follow the headline.
    const heading = document.querySelector('.editor-head h1');
    if (heading && saved.headline) heading.textContent = saved.headline;
    if (saved.headline) document.title = `${saved.headline} · ${document.title.split(' · ').pop()}`;
    if (window.history && window.history.replaceState) window.history.replaceState(null, '', `/admin/artikel/${articleId}`);
    startPresence();
  }
  async function doSave(revision, explicit) {
    const seq = s.changeSeq;
    const payload = buildPayload(explicit);
    if (revision !== undefined) payload.revision = revision;
    if (!articleId && !explicit && !String(payload.headline || '').trim()) {
      setStatus(t('needHeadline'), 'dirty');
      return false;
    }
    setStatus(t('saving'), 'saving');
    try {
      const saved = articleId ? await api.saveArticle(articleId, payload) : await api.createArticle(createPayload(payload));
      if (!articleId && saved && saved.id) becameArticle(saved);
      s.savedSeq = seq;
      if (saved && typeof saved.revision === 'number') setRevision(saved.revision);
      if (saved && saved.status) form.dataset.status = saved.status;
      clearAllInvalid();
      const corr = correctionField();
      if (payload.correction !== undefined && corr && corr.value === payload.correction) corr.value = '';
      panel.saved(saved, payload);
      const pending = !!(saved && saved.pending);
      setStatus(t(pending ? 'savedPending' : 'saved', { time: clock(new Date()) }), 'saved');
      if (pending) showPending();
      if (bodyDirty()) schedule(AUTOSAVE_MS);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await openConflict();
        return false;
      }
      reportError(e);
      if (e instanceof NetworkError) schedule(RETRY_MS);
      return false;
    }
  }

  /**
   * Save now if anything changed; resolves true when everything is saved. `explicit`: asked for
   * by the person (also sends a correction note); `revision`: save on top of this revision
   * even when nothing changed (the conflict's "save my version").
   */
  async function saveNow({ revision, explicit = false } = {}) {
    clearTimeout(s.timer);
    while (s.inflight) await s.inflight;
    if (s.conflict && revision === undefined) return false;
    if (revision === undefined && !bodyDirty() && !(explicit && correctionPending())) return true;
    s.inflight = doSave(revision, explicit);
    try {
      return await s.inflight;
    } finally {
      s.inflight = null;
    }
  }

  // --- Unpublished changes of a published story ----------------------------------------------
  // After a pending save the actions appear and the diff against the live text is fetched
  // from the server (the same section the page renders without JavaScript).
  async function showPending() {
    const actions = document.getElementById('pending-actions');
    if (actions) actions.hidden = false;
    const section = document.getElementById('pending');
    if (!section || !articleId) return;
    try {
      const res = await fetch(`/admin/artikel/${encodeURIComponent(articleId)}/tertunda`, { credentials: 'same-origin' });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('pending');
      if (fresh) {
        section.replaceChildren(...[...fresh.childNodes].map((n) => document.importNode(n, true)));
        section.hidden = fresh.hidden;
      }
    } catch {
      // The diff is a convenience; the saved state is already shown.
    }
  }

  // --- Conflict (409) ------------------------------------------------------------------------
  const conflictEl = document.getElementById('conflict');
  const bodyText = (bs) =>
    (bs || [])
      .map((b) => {
        if (b.type === 'image') return `[${t('image')}${b.caption ? `: ${b.caption}` : ''}]`;
        if (b.type === 'related') return `[${t('related')}: ${ctx.headlineCached(b.article_id) || `#${b.article_id}`}]`;
        if (b.type === 'embed') return `[${t('embed')}: ${b.url}]`;
        if (b.type === 'pagebreak') return `[${t('pagebreak')}]`;
        if (b.type === 'list') return blockText(b).split('\n').map((l, i) => (b.ordered ? `${i + 1}. ` : '• ') + l).join('\n');
        if (b.type === 'quote') return `“${b.text}”${b.cite ? ` — ${b.cite}` : ''}`;
        return blockText(b);
      })
      .join('\n\n');

  async function openConflict() {
    s.conflict = { server: null };
    clearTimeout(s.timer);
    setStatus(t('conflictTitle'), 'error');
    let server;
    try {
      server = await api.getArticle(articleId);
    } catch (e) {
      s.conflict = null;
      reportError(e);
      return;
    }
    s.conflict.server = server;
    renderConflict(true);
  }

  function column(title, meta, headline, dek, text, cls) {
    return h(
      'section',
      { class: `we-conflict-col ${cls}` },
      h('h3', { text: title }),
      meta ? h('p', { class: 'we-conflict-meta', text: meta }) : null,
      h('p', { class: 'we-conflict-label', text: t('headline') }),
      h('p', { class: 'we-conflict-headline', text: headline || '' }),
      h('p', { class: 'we-conflict-label', text: t('dek') }),
      h('p', { class: 'we-conflict-dek', text: dek || '' }),
      h('p', { class: 'we-conflict-label', text: t('body') }),
      h('div', { class: 'we-conflict-body', text }),
    );
  }

  function renderConflict(focus = false) {
    if (!conflictEl || !s.conflict || !s.conflict.server) return;
    const srv = s.conflict.server;
    const name = srv.updated_by && srv.updated_by.name;
    const meta = name ? t('theirsMeta', { rev: srv.revision, name }) : t('theirsMetaNoName', { rev: srv.revision });
    const local = docToBlocksIndexed(editor.getJSON()).blocks;
    const hv = (n) => (field(n) && 'value' in field(n) ? field(n).value : '');
    const titleId = 'conflict-title';
    const heading = h('h2', { id: titleId, tabindex: '-1', text: t('conflictTitle') });
    const keep = h('button', { type: 'button', class: 'we-primary', 'data-choice': 'mine', text: t('keepMine') });
    const use = h('button', { type: 'button', 'data-choice': 'server', text: t('useServer') });
    keep.addEventListener('click', async () => {
      const rev = srv.revision;
      keep.disabled = use.disabled = true;
      s.conflict = null;
      const ok = await saveNow({ revision: rev, explicit: true });
      if (ok) closeConflict();
      else if (!s.conflict) {
        // Not a new conflict: show the choice again.
        s.conflict = { server: srv };
        renderConflict();
      }
    });
    use.addEventListener('click', () => {
      loadArticle(srv);
      closeConflict();
    });
    clear(conflictEl);
    conflictEl.setAttribute('aria-labelledby', titleId);
    conflictEl.classList.add('we-conflict');
    conflictEl.append(
      heading,
      h('p', { text: t('conflictIntro') }),
      h(
        'div',
        { class: 'we-conflict-cols' },
        column(t('yours'), '', hv('headline'), hv('dek'), bodyText(local), 'we-mine'),
        column(t('theirs'), meta, srv.headline, srv.dek, bodyText(srv.body), 'we-theirs'),
      ),
      h('div', { class: 'we-conflict-actions' }, keep, use),
    );
    conflictEl.hidden = false;
    if (focus) heading.focus();
  }

  function closeConflict() {
    s.conflict = null;
    if (conflictEl) {
      conflictEl.hidden = true;
      clear(conflictEl);
    }
  }

  function loadArticle(a) {
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
    if (a.status) form.dataset.status = a.status;
    editor.commands.setContent(blocksToDoc(a.body || [], lookup), { emitUpdate: false });
    const out = syncTextarea();
    setRevision(a.revision);
    s.savedSeq = s.changeSeq;
    clearAllInvalid();
    panel.reloaded(out);
    setStatus(t('saved', { time: clock(new Date()) }), 'saved');
  }

  // --- Keyboard, leaving, workflow buttons, preview ------------------------------------------
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      saveNow({ explicit: true });
    }
  });
  // Enter in a one-line field must not submit the form (that would run a workflow action).
  form.addEventListener('keydown', (e) => {
    const el = e.target;
    if (e.key !== 'Enter' || !(el instanceof HTMLInputElement)) return;
    if (['submit', 'button', 'reset', 'checkbox', 'radio', 'file', 'image'].includes(el.type)) return;
    e.preventDefault();
  });
  window.addEventListener('beforeunload', (e) => {
    if (s.submitting || (!isDirty() && !s.inflight)) return;
    e.preventDefault();
    e.returnValue = t('leave');
    return t('leave');
  });
  form.addEventListener('submit', async (e) => {
    if (s.submitting) return;
    const submitter = e.submitter;
    // "Buang perubahan" asks first and saves nothing: what is typed is to be thrown away.
    const ask = submitter && submitter.getAttribute('data-confirm');
    if (ask) {
      if (!window.confirm(ask)) {
        e.preventDefault();
        return;
      }
      s.submitting = true;
      return;
    }
    if (!isDirty() && !s.inflight) {
      syncTextarea();
      s.submitting = true;
      return;
    }
    e.preventDefault();
    const ok = await saveNow({ explicit: true });
    if (!ok) return;
    s.submitting = true;
    if (submitter && submitter.form === form) form.requestSubmit(submitter);
    else form.requestSubmit();
  });
  const preview = document.getElementById('preview');
  if (preview instanceof HTMLAnchorElement) {
    preview.addEventListener('click', async (e) => {
      if (!isDirty() && !s.inflight) return;
      if (e.button !== 0) return;
      e.preventDefault();
      const newTab = preview.target === '_blank' || e.ctrlKey || e.metaKey || e.shiftKey;
      const win = newTab ? window.open('', '_blank') : null;
      const ok = await saveNow({ explicit: true });
      if (!ok) {
        if (win) win.close();
        return;
      }
      if (win) win.location.href = preview.href;
      else window.location.href = preview.href;
    });
  }

  // --- Presence ------------------------------------------------------------------------------
  const presenceEl = document.getElementById('presence');
  let presenceTimer = 0;
  function startPresence() {
    if (!presenceEl || !articleId || presenceTimer) return;
    const beat = async () => {
      try {
        const r = await api.presence(articleId);
        const names = ((r && r.others) || []).map((o) => o && o.name).filter(Boolean);
        const text = names.length ? t('presence', { names: names.join(', ') }) : '';
        if (presenceEl.textContent !== text) presenceEl.textContent = text;
      } catch {
        // Presence is a hint; a failed heartbeat keeps the last answer.
      }
    };
    beat();
    presenceTimer = setInterval(beat, PRESENCE_MS);
  }
  startPresence();
  // Closing the tab (or leaving the page) says so at once: the others' presence line clears
  // at their next heartbeat instead of when the entry expires.
  window.addEventListener('pagehide', () => {
    if (articleId && presenceTimer) api.leave(articleId);
  });

  panel.bodyChanged(syncTextarea());
  // A save the server refused on the plain form post (e.g. a publish with a photo lacking its
  // credit) comes back with the field and message: point at the block, keep the message.
  if (form.dataset.errorField) {
    setStatus(form.dataset.error || '', 'error');
    showField(form.dataset.errorField, form.dataset.error || '');
  }
  // For the browser tests and debugging: the live editor and a save trigger.
  mount.wartaEditor = { editor, save: () => saveNow({ explicit: true }), isDirty };
}

// Exported for tests that import the module; the bundle boots itself.
export { countWords, slugify };

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
