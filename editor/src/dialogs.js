// Modal pickers (<dialog>, appended to <body>, outside the article form so that nothing in them
// is posted): link, embed URL, "Baca juga" search, media library with upload.

import { mediaSrc } from './api.js';
import { clear, debounce, h, uid } from './dom.js';

function openDialog(t, title, build) {
  const titleId = uid('we-dlg');
  const previous = document.activeElement;
  const dlg = h('dialog', { class: 'we-dialog', 'aria-labelledby': titleId });
  const close = () => dlg.open && dlg.close();
  const closeBtn = h('button', { type: 'button', class: 'we-dialog-close', 'aria-label': t('close'), title: t('close'), text: '×', onclick: close });
  const body = h('div', { class: 'we-dialog-body' });
  dlg.append(h('div', { class: 'we-dialog-head' }, h('h2', { id: titleId, text: title }), closeBtn), body);
  dlg.addEventListener('close', () => {
    dlg.remove();
    if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
  });
  // A click on the backdrop (the dialog box itself, outside its content) closes it.
  dlg.addEventListener('click', (e) => {
    if (e.target === dlg) close();
  });
  document.body.append(dlg);
  const focus = build(body, close);
  dlg.showModal();
  if (focus) focus.focus();
  return { dlg, close };
}

function onEnter(el, fn) {
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing) {
      e.preventDefault();
      fn();
    }
  });
}

/** Link URL: apply or remove. */
export function linkDialog(t, current, { apply, remove }) {
  return openDialog(t, t('linkTitle'), (body, close) => {
    const id = uid('we-link');
    const input = h('input', { id, type: 'url', inputmode: 'url', value: current || '', placeholder: 'https://', autocomplete: 'off' });
    const ok = () => {
      const v = input.value.trim();
      close();
      if (v) apply(v);
      else remove();
    };
    onEnter(input, ok);
    body.append(
      h('label', { for: id, text: t('linkUrl') }),
      input,
      h(
        'div',
        { class: 'we-dialog-actions' },
        h('button', { type: 'button', class: 'we-primary', text: t('apply'), onclick: ok }),
        current ? h('button', { type: 'button', text: t('linkRemove'), onclick: () => (close(), remove()) }) : null,
        h('button', { type: 'button', text: t('cancel'), onclick: close }),
      ),
    );
    return input;
  });
}

/** Embed URL. */
export function embedDialog(t, insert) {
  return openDialog(t, t('embedTitle'), (body, close) => {
    const id = uid('we-embed');
    const input = h('input', { id, type: 'url', inputmode: 'url', placeholder: 'https://www.youtube.com/watch?v=…', autocomplete: 'off' });
    const ok = () => {
      const v = input.value.trim();
      if (!v) return input.focus();
      close();
      insert(v);
    };
    onEnter(input, ok);
    body.append(
      h('label', { for: id, text: t('embedUrl') }),
      input,
      h(
        'div',
        { class: 'we-dialog-actions' },
        h('button', { type: 'button', class: 'we-primary', text: t('insert'), onclick: ok }),
        h('button', { type: 'button', text: t('cancel'), onclick: close }),
      ),
    );
    return input;
  });
}

// Search-as-you-type: latest query wins, earlier requests are aborted.
function liveSearch(input, status, run, render) {
  let ctrl = null;
  const go = async () => {
    if (ctrl) ctrl.abort();
    ctrl = new AbortController();
    const mine = ctrl;
    status.textContent = '';
    try {
      const items = await run(input.value.trim(), mine.signal);
      if (mine.signal.aborted) return;
      render(items);
    } catch (e) {
      if (e && e.name === 'AbortError') return;
      render([]);
      status.dataset.error = '';
      status.textContent = e && e.detail ? e.detail : String(e && e.message ? e.message : e);
    }
  };
  const later = debounce(go, 250);
  input.addEventListener('input', later);
  onEnter(input, () => {
    later.cancel();
    go();
  });
  return go;
}

/** "Baca juga": search published headlines, pick one. Before anything is typed, the
 * articles the search index finds most related to this one (`currentId()`) are offered. */
export function relatedDialog(t, api, pick, currentId = () => '') {
  return openDialog(t, t('relatedTitle'), (body, close) => {
    const id = uid('we-rel');
    const input = h('input', { id, type: 'search', autocomplete: 'off' });
    const status = h('p', { class: 'we-dialog-status', role: 'status' });
    const list = h('ul', { class: 'we-results', 'aria-label': t('relatedSearch') });
    const render = (items) => {
      clear(list);
      if (!items.length) status.textContent = input.value.trim() ? t('noResults') : '';
      for (const it of items) {
        const btn = h('button', { type: 'button', class: 'we-result' }, h('span', { class: 'we-result-title', text: it.headline }), it.url ? h('span', { class: 'we-result-url', text: it.url }) : null);
        btn.addEventListener('click', () => {
          close();
          pick({ id: it.id, headline: it.headline });
        });
        list.append(h('li', {}, btn));
      }
    };
    const go = liveSearch(
      input,
      status,
      async (q, signal) => {
        if (!q) {
          const id = currentId();
          if (!id) return [];
          const res = await api.suggestions(id, signal);
          return (res?.items || []).filter((x) => x && x.id != null);
        }
        const res = await api.searchArticles(q, signal);
        return (Array.isArray(res) ? res : res?.items || []).filter((x) => x && x.id != null);
      },
      render,
    );
    body.append(h('label', { for: id, text: t('relatedSearch') }), input, status, list);
    go();
    return input;
  });
}

/** Media library: search, pick, or upload a file. */
export function mediaDialog(t, api, { pick, upload }) {
  return openDialog(t, t('imageTitle'), (body, close) => {
    const id = uid('we-media');
    const fileId = uid('we-file');
    const input = h('input', { id, type: 'search', autocomplete: 'off' });
    const status = h('p', { class: 'we-dialog-status', role: 'status' });
    const grid = h('ul', { class: 'we-media-grid', 'aria-label': t('imageSearch') });
    const file = h('input', { id: fileId, type: 'file', accept: 'image/*', class: 'we-file' });
    file.addEventListener('change', () => {
      const files = Array.from(file.files || []);
      if (!files.length) return;
      close();
      upload(files);
    });
    const render = (items) => {
      clear(grid);
      if (!items.length) status.textContent = t('noResults');
      for (const m of items) {
        const label = m.caption || m.alt || `#${m.id}`;
        const btn = h(
          'button',
          { type: 'button', class: 'we-media-item', 'aria-label': label },
          h('img', { src: mediaSrc(m, 200), alt: '', loading: 'lazy', decoding: 'async' }),
          h('span', { class: 'we-media-caption', text: label }),
        );
        btn.addEventListener('click', () => {
          close();
          pick(m);
        });
        grid.append(h('li', {}, btn));
      }
    };
    const first = liveSearch(
      input,
      status,
      async (q, signal) => {
        const res = await api.searchMedia(q, signal);
        return (Array.isArray(res) ? res : res?.items || []).filter((x) => x && x.id != null);
      },
      render,
    );
    body.append(
      h('label', { for: id, text: t('imageSearch') }),
      input,
      h('div', { class: 'we-upload' }, h('label', { for: fileId, text: t('upload') }), file, h('span', { class: 'we-hint', text: t('dropHint') })),
      status,
      grid,
    );
    first();
    return input;
  });
}
