// Field errors: a problem's `field` ("headline", "hero/alt", "tags/2", "body/3/alt",
// "body/3/text", "body") marks that input or block (aria-invalid, outline), focuses it and, for
// a block's input, puts the message beside it; the marks go when edited or after a good save.

import { ApiError, NetworkError } from './api.js';
import { h } from './dom.js';

/** Returns `{clear(el), clearAll(), show(fieldPath, message), report(error)}`. */
export function setupFieldErrors(app) {
  const { t, s, field, setStatus } = app;

  function clear(el) {
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
  function clearAll() {
    for (const el of [...s.invalid]) clear(el);
  }
  function markInvalid(el, focus = true) {
    el.setAttribute('aria-invalid', 'true');
    s.invalid.add(el);
    if (focus) {
      el.focus();
      if (el.scrollIntoView) el.scrollIntoView({ block: 'center' });
    }
  }
  // A block: `parts` is ["body", N, …]; N counts blocks, `s.nodeIndex` maps it to the node.
  function showBlock(parts, message) {
    const { editor } = app;
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
  }
  // `message` is shown beside a block's field.
  function show(fieldPath, message) {
    if (!fieldPath) return;
    const parts = String(fieldPath).split('/').filter(Boolean);
    if (parts[0] === 'body' || parts[0] === 'body_json') {
      showBlock(parts, message);
      return;
    }
    let name = parts[0];
    if (name === 'hero' && parts[1]) name = parts[1] === 'media_id' ? 'hero_media_id' : `hero_${parts[1]}`;
    if (name === 'seo' && parts[1]) name = `seo_${parts[1]}`;
    const el = field(name);
    if (!el) return;
    if (el instanceof HTMLInputElement && el.type === 'hidden') {
      const stand = name === 'hero_media_id' ? app.panel.heroButton : null;
      if (stand) markInvalid(stand);
      return;
    }
    markInvalid(el);
  }

  function report(e) {
    if (e instanceof ApiError) {
      setStatus(e.detail || t('unknownError', { status: e.status }), 'error');
      show(e.field, e.detail);
    } else if (e instanceof NetworkError) {
      setStatus(t('offline'), 'error');
    } else {
      setStatus(t('failed', { detail: e && e.message ? e.message : String(e) }), 'error');
    }
  }

  return { clear, clearAll, show, report };
}
