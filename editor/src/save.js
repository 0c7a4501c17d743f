// Change tracking and saving: every edit counts a change, autosave follows 5 s after the last
// one (15 s after a network failure), Ctrl+S and the workflow buttons save at once. A new
// article becomes one at its first save; a 409 opens the conflict view.

import { ApiError, NetworkError } from './api.js';
import { h } from './dom.js';
import { buildPayload, createPayload } from './payload.js';
import { showPending } from './pending.js';
import { clock } from './text.js';

const AUTOSAVE_MS = 5000;
const RETRY_MS = 15000;

/** Returns `{changed, saveNow, setRevision, isDirty}`; watches the form's own fields. */
export function setupSave(app) {
  const { form, mount, textarea, field, t, api, s, setStatus, fields } = app;

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

  function changed() {
    const wasDirty = isDirty();
    s.changeSeq++;
    if (s.conflict) {
      app.conflict.render();
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
    fields.clear(el);
    if (el.getAttribute('name') === 'correction') correctionChanged();
    else changed();
  });
  form.addEventListener('change', (e) => {
    const el = e.target;
    if (el instanceof HTMLSelectElement && el.getAttribute('name')) {
      fields.clear(el);
      changed();
    }
  });

  function setRevision(rev) {
    s.revision = rev;
    form.dataset.revision = String(rev);
    const input = field('revision');
    if (input && 'value' in input) input.value = String(rev);
  }

  // The first save of a new article: the form, the address and presence follow the new id.
  function becameArticle(saved) {
    const articleId = String(saved.id);
    app.articleId = articleId;
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
    app.presence.start();
  }
  async function doSave(revision, explicit) {
    const seq = s.changeSeq;
    const payload = buildPayload(field, s.revision, app.syncTextarea());
    if (revision !== undefined) payload.revision = revision;
    const { articleId } = app;
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
      fields.clearAll();
      const corr = correctionField();
      if (payload.correction !== undefined && corr && corr.value === payload.correction) corr.value = '';
      app.panel.saved(saved, payload);
      const pending = !!(saved && saved.pending);
      setStatus(t(pending ? 'savedPending' : 'saved', { time: clock(new Date()) }), 'saved');
      if (pending) showPending(app.articleId);
      if (bodyDirty()) schedule(AUTOSAVE_MS);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await app.conflict.open();
        return false;
      }
      fields.report(e);
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

  return { changed, saveNow, setRevision, isDirty };
}
