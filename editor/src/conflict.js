// The conflict view (409): the local version and the server's side by side in #conflict, and
// the choice between saving mine on top of the server's revision or loading the server's.
// Nothing is discarded until the person chooses.

import { blockText, blocksToDoc, docToBlocksIndexed } from './convert.js';
import { clear, h } from './dom.js';
import { fillFields } from './payload.js';
import { clock } from './text.js';

/** Returns `{open, render, close}`; `s.conflict` is `{server}` while the view is open. */
export function setupConflict(app) {
  const { form, field, t, api, s, setStatus, display } = app;
  const conflictEl = document.getElementById('conflict');
  const bodyText = (bs) =>
    (bs || [])
      .map((b) => {
        if (b.type === 'image') return `[${t('image')}${b.caption ? `: ${b.caption}` : ''}]`;
        if (b.type === 'related') return `[${t('related')}: ${display.ctx.headlineCached(b.article_id) || `#${b.article_id}`}]`;
        if (b.type === 'embed') return `[${t('embed')}: ${b.url}]`;
        if (b.type === 'pagebreak') return `[${t('pagebreak')}]`;
        if (b.type === 'list') return blockText(b).split('\n').map((l, i) => (b.ordered ? `${i + 1}. ` : '• ') + l).join('\n');
        if (b.type === 'quote') return `“${b.text}”${b.cite ? ` — ${b.cite}` : ''}`;
        return blockText(b);
      })
      .join('\n\n');

  async function open() {
    s.conflict = { server: null };
    clearTimeout(s.timer);
    setStatus(t('conflictTitle'), 'error');
    let server;
    try {
      server = await api.getArticle(app.articleId);
    } catch (e) {
      s.conflict = null;
      app.fields.report(e);
      return;
    }
    s.conflict.server = server;
    render(true);
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

  // Drawn again at every local change while open, so "Versi Anda" stays current.
  function render(focus = false) {
    if (!conflictEl || !s.conflict || !s.conflict.server) return;
    const srv = s.conflict.server;
    const name = srv.updated_by && srv.updated_by.name;
    const meta = name ? t('theirsMeta', { rev: srv.revision, name }) : t('theirsMetaNoName', { rev: srv.revision });
    const local = docToBlocksIndexed(app.editor.getJSON()).blocks;
    const hv = (n) => (field(n) && 'value' in field(n) ? field(n).value : '');
    const titleId = 'conflict-title';
    const heading = h('h2', { id: titleId, tabindex: '-1', text: t('conflictTitle') });
    const keep = h('button', { type: 'button', class: 'we-primary', 'data-choice': 'mine', text: t('keepMine') });
    const use = h('button', { type: 'button', 'data-choice': 'server', text: t('useServer') });
    keep.addEventListener('click', async () => {
      const rev = srv.revision;
      keep.disabled = use.disabled = true;
      s.conflict = null;
      const ok = await app.save.saveNow({ revision: rev, explicit: true });
      if (ok) close();
      else if (!s.conflict) {
        // Not a new conflict: show the choice again.
        s.conflict = { server: srv };
        render();
      }
    });
    use.addEventListener('click', () => {
      loadArticle(srv);
      close();
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

  function close() {
    s.conflict = null;
    if (conflictEl) {
      conflictEl.hidden = true;
      clear(conflictEl);
    }
  }

  // "Pakai versi server": the server's article replaces the local one, which counts as saved.
  function loadArticle(a) {
    fillFields(field, a);
    if (a.status) form.dataset.status = a.status;
    app.editor.commands.setContent(blocksToDoc(a.body || [], display.lookup), { emitUpdate: false });
    const out = app.syncTextarea();
    app.save.setRevision(a.revision);
    s.savedSeq = s.changeSeq;
    app.fields.clearAll();
    app.panel.reloaded(out);
    setStatus(t('saved', { time: clock(new Date()) }), 'saved');
  }

  return { open, render, close };
}
