// Entry point: enhances the server-rendered article form (docs/editor.md, "Page markup").
// The parts share one context object, `app`, built here: the page's elements, the API
// client, the change-tracking state `s`, and each part's functions once it is set up.

import { createApi } from './api.js';
import { createBodyEditor } from './body.js';
import { setupConflict } from './conflict.js';
import { mediaDialog } from './dialogs.js';
import { displayData } from './display.js';
import { clear, h } from './dom.js';
import { setupFieldErrors } from './fields.js';
import { translator } from './i18n.js';
import { setupLeaving } from './leaving.js';
import { setupSidePanel } from './panel.js';
import { setupPresence } from './presence.js';
import { setupSave } from './save.js';
import { countWords, slugify } from './text.js';
import { setupToolbar } from './toolbar.js';
import { setupUploads } from './uploads.js';

function readArticle() {
  try {
    const el = document.getElementById('article-json');
    if (el && el.textContent.trim()) return JSON.parse(el.textContent);
  } catch {
    // Without it the side panel starts from the form's fields alone.
  }
  return null;
}

function boot() {
  const form = document.getElementById('article-form');
  const mount = document.getElementById('body-editor');
  const textarea = form && form.elements.namedItem('body_json');
  if (!form || !mount || !(textarea instanceof HTMLTextAreaElement) || mount.dataset.enhanced) return;
  mount.dataset.enhanced = '1';

  const lang = form.dataset.lang === 'en' ? 'en' : 'id';
  const t = translator(lang);
  const api = createApi({ base: form.dataset.api || '/api/v1', csrf: form.dataset.csrf || '' });
  const saveState = document.getElementById('save-state');
  const setStatus = (text, state) => {
    if (!saveState) return;
    saveState.textContent = text;
    if (state) saveState.dataset.state = state;
    else delete saveState.dataset.state;
  };
  const app = {
    form,
    mount,
    textarea,
    lang,
    t,
    api,
    setStatus,
    field: (name) => {
      const el = form.elements.namedItem(name);
      return el instanceof HTMLElement ? el : null;
    },
    // Empty for a new article: the first save with content creates it (POST), then PATCH.
    articleId: form.dataset.articleId || '',
    maxUpload: Number(form.dataset.maxUpload) || 0,
    // Change tracking and saving (save.js), the conflict (conflict.js), marked fields (fields.js).
    s: {
      revision: Number(form.dataset.revision) || 0,
      changeSeq: 0,
      savedSeq: 0,
      inflight: null,
      timer: 0,
      conflict: null,
      invalid: new Set(),
      nodeIndex: [],
      submitting: false,
    },
  };
  const article = readArticle();

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
  app.display = displayData(t, api);

  const toolbar = h('div', { class: 'we-toolbar', role: 'toolbar', 'aria-label': t('toolbar') });
  const host = h('div', { class: 'we-host' });
  clear(mount);
  mount.classList.add('we-editor');
  mount.append(toolbar, host);
  textarea.hidden = true;
  form.classList.add('js'); // hides the plain form's JSON label (.js .nojs)

  const editor = createBodyEditor(app, host, blocks);
  app.fields = setupFieldErrors(app);
  app.uploads = setupUploads(app);
  app.toolbar = setupToolbar(app, toolbar);
  // Side panel: slug, word count, SEO preview, tags, hero.
  app.panel = setupSidePanel({
    form,
    field: app.field,
    t,
    api,
    ctx: app.display.ctx,
    article,
    changed: () => app.save.changed(),
    pickMedia: (pick) => mediaDialog(t, api, { pick, upload: (files) => app.uploads.hero(files, pick) }),
  });
  app.conflict = setupConflict(app);
  app.save = setupSave(app);
  setupLeaving(app);
  app.presence = setupPresence(app);

  app.panel.bodyChanged(app.syncTextarea());
  // A save the server refused on the plain form post (e.g. a publish with a photo lacking its
  // credit) comes back with the field and message: point at the block, keep the message.
  if (form.dataset.errorField) {
    setStatus(form.dataset.error || '', 'error');
    app.fields.show(form.dataset.errorField, form.dataset.error || '');
  }
  // For the browser tests and debugging: the live editor and a save trigger.
  mount.wartaEditor = { editor, save: () => app.save.saveNow({ explicit: true }), isDirty: app.save.isDirty };
}

// Exported for tests that import the module; the bundle boots itself.
export { countWords, slugify };

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
else boot();
