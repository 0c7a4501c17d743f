// Schema pieces: the custom atom nodes (wartaImage, related, embed, pagebreak), the quote with its speaker,
// plain-text headings and single-paragraph list items. Node views are plain DOM.

import { Extension, Node, mergeAttributes } from '@tiptap/core';
import Heading from '@tiptap/extension-heading';
import { ListItem } from '@tiptap/extension-list';
import { h } from './dom.js';

/** Headings hold plain text (the server stores heading text as text, not HTML). */
export const PlainHeading = Heading.extend({ content: 'text*', marks: '' });

/**
 * A list item is one paragraph: list blocks are flat lists of inline HTML. Tab does not nest
 * (there are no nested lists), so it is left to the browser and moves focus out of the editor.
 */
export const FlatListItem = ListItem.extend({
  content: 'paragraph',
  addKeyboardShortcuts() {
    return {
      Enter: () => this.editor.commands.splitListItem(this.name),
      'Shift-Tab': () => this.editor.commands.liftListItem(this.name),
    };
  },
});

/**
 * Last resort for Backspace/Delete at a block boundary that no other command handled (e.g.
 * between two flat list items): join the two textblocks in the model. Left to itself, the
 * browser's native deletion would run and may add style="" attributes, which the CSP blocks.
 */
export const JoinFallback = Extension.create({
  name: 'wartaJoinFallback',
  priority: 1,
  addKeyboardShortcuts() {
    const empty = () => this.editor.state.selection.empty;
    return {
      Backspace: () => empty() && this.editor.commands.joinTextblockBackward(),
      Delete: () => empty() && this.editor.commands.joinTextblockForward(),
    };
  },
});

function embedProvider(url) {
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^www\.|^m\./, '');
  } catch {
    return '';
  }
  if (host === 'youtube.com' || host === 'youtu.be' || host.endsWith('.youtube.com')) return 'YouTube';
  if (host === 'x.com' || host === 'twitter.com') return 'X';
  if (host === 'instagram.com') return 'Instagram';
  return host;
}

// Shared behaviour of the node views: inputs inside a node are the browser's, not ProseMirror's.
function fieldView(editor, getPos) {
  const setAttrs = (patch) => {
    const pos = typeof getPos === 'function' ? getPos() : null;
    if (typeof pos !== 'number') return;
    const { state } = editor.view;
    const cur = state.doc.nodeAt(pos);
    if (!cur) return;
    editor.view.dispatch(state.tr.setNodeMarkup(pos, undefined, { ...cur.attrs, ...patch }));
  };
  const remove = () => {
    const pos = typeof getPos === 'function' ? getPos() : null;
    if (typeof pos !== 'number') return;
    const { state } = editor.view;
    const cur = state.doc.nodeAt(pos);
    if (cur) editor.view.dispatch(state.tr.delete(pos, pos + cur.nodeSize));
    editor.commands.focus();
  };
  const input = (name, label, value, extra = {}) => {
    const el = h('input', { type: 'text', 'data-field': name, value: value ?? '', autocomplete: 'off', ...extra });
    el.addEventListener('input', () => {
      el.removeAttribute('aria-invalid');
      setAttrs({ [name]: el.value });
    });
    return { el, wrap: h('label', { class: 'we-field' }, h('span', { class: 'we-field-label', text: label }), el) };
  };
  const isField = (target) => target instanceof Element && !!target.closest('input, textarea, button, label, select, a');
  return { setAttrs, remove, input, isField };
}

const syncInput = (el, v) => {
  if (el.value !== (v ?? '')) el.value = v ?? '';
};

export function createNodes(ctx) {
  const { t } = ctx;

  const Quote = Node.create({
    name: 'quote',
    group: 'block',
    content: 'text*',
    marks: '',
    defining: true,
    addAttributes() {
      return {
        cite: {
          default: '',
          parseHTML: (el) => el.getAttribute('data-cite') || el.getAttribute('cite') || '',
          renderHTML: (a) => (a.cite ? { 'data-cite': a.cite } : {}),
        },
      };
    },
    parseHTML() {
      return [{ tag: 'blockquote' }];
    },
    renderHTML({ HTMLAttributes }) {
      return ['blockquote', mergeAttributes(HTMLAttributes), 0];
    },
    addCommands() {
      return {
        toggleQuote:
          () =>
          ({ commands }) =>
            commands.toggleNode('quote', 'paragraph'),
      };
    },
    addKeyboardShortcuts() {
      return { 'Mod-Shift-b': () => this.editor.commands.toggleQuote() };
    },
    addNodeView() {
      return ({ node, getPos, editor }) => {
        const f = fieldView(editor, getPos);
        const text = h('p', { class: 'we-quote-text' });
        const speaker = f.input('cite', t('speaker'), node.attrs.cite, { placeholder: t('speakerPh') });
        const foot = h('div', { class: 'we-quote-cite', contenteditable: 'false' }, speaker.wrap);
        const dom = h('blockquote', { class: 'we-quote' }, text, foot);
        let current = node;
        return {
          dom,
          contentDOM: text,
          update(n) {
            if (n.type !== current.type) return false;
            current = n;
            syncInput(speaker.el, n.attrs.cite);
            return true;
          },
          stopEvent: (e) => foot.contains(e.target),
          ignoreMutation: (m) => m.type !== 'selection' && foot.contains(m.target),
        };
      };
    },
  });

  const WartaImage = Node.create({
    name: 'wartaImage',
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    addAttributes() {
      const a = (name, def = '') => ({ default: def, rendered: false, parseHTML: (el) => el.getAttribute(`data-${name}`) ?? def });
      return {
        media_id: { default: null, rendered: false, parseHTML: (el) => Number(el.getAttribute('data-media-id')) || null },
        caption: a('caption'),
        credit: a('credit'),
        alt: a('alt'),
        src: { default: '', rendered: false, parseHTML: (el) => el.querySelector('img')?.getAttribute('src') || '' },
      };
    },
    parseHTML() {
      return [{ tag: 'figure[data-media-id]' }];
    },
    renderHTML({ node }) {
      const a = node.attrs;
      const attrs = { 'data-media-id': String(a.media_id ?? ''), 'data-caption': a.caption, 'data-credit': a.credit, 'data-alt': a.alt };
      const cap = ['figcaption', {}, [a.caption, a.credit].filter(Boolean).join(' — ')];
      return a.src ? ['figure', attrs, ['img', { src: a.src, alt: a.alt }], cap] : ['figure', attrs, cap];
    },
    addNodeView() {
      return ({ node, getPos, editor }) => {
        const f = fieldView(editor, getPos);
        const img = h('img', { alt: node.attrs.alt || '', decoding: 'async' });
        const frame = h('div', { class: 'we-image-frame' }, img);
        const caption = f.input('caption', t('caption'), node.attrs.caption);
        const credit = f.input('credit', t('credit'), node.attrs.credit);
        const alt = f.input('alt', t('alt'), node.attrs.alt);
        const del = h('button', { type: 'button', class: 'we-remove', 'aria-label': t('removeBlock'), title: t('removeBlock'), text: '×' });
        del.addEventListener('click', f.remove);
        const dom = h(
          'figure',
          { class: 'we-image', 'data-media-id': node.attrs.media_id },
          frame,
          h('div', { class: 'we-fields' }, caption.wrap, credit.wrap, alt.wrap),
          del,
        );
        let current = node;
        let alive = true;
        const showSrc = () => {
          const a = current.attrs;
          const src = a.src || ctx.mediaSrcCached(a.media_id);
          if (src) {
            if (img.getAttribute('src') !== src) img.src = src;
            frame.classList.remove('we-missing');
            return;
          }
          frame.classList.add('we-missing');
          ctx.mediaSrc(a.media_id).then((s) => {
            if (alive && s && current.attrs.media_id === a.media_id && !current.attrs.src) {
              img.src = s;
              frame.classList.remove('we-missing');
            }
          });
        };
        showSrc();
        return {
          dom,
          update(n) {
            if (n.type !== current.type) return false;
            const srcChanged = n.attrs.src !== current.attrs.src || n.attrs.media_id !== current.attrs.media_id;
            current = n;
            syncInput(caption.el, n.attrs.caption);
            syncInput(credit.el, n.attrs.credit);
            syncInput(alt.el, n.attrs.alt);
            img.alt = n.attrs.alt || '';
            dom.setAttribute('data-media-id', n.attrs.media_id ?? '');
            if (srcChanged) showSrc();
            return true;
          },
          stopEvent: (e) => f.isField(e.target),
          ignoreMutation: () => true,
          destroy() {
            alive = false;
          },
        };
      };
    },
  });

  const Related = Node.create({
    name: 'related',
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    addAttributes() {
      return {
        article_id: { default: null, rendered: false, parseHTML: (el) => Number(el.getAttribute('data-article-id')) || null },
        headline: { default: '', rendered: false, parseHTML: (el) => el.getAttribute('data-headline') || '' },
      };
    },
    parseHTML() {
      return [{ tag: 'aside[data-article-id]' }];
    },
    renderHTML({ node }) {
      const a = node.attrs;
      return ['aside', { 'data-article-id': String(a.article_id ?? ''), 'data-headline': a.headline }, `${t('readAlso')} ${a.headline || t('article', { id: a.article_id })}`];
    },
    addNodeView() {
      return ({ node, getPos, editor }) => {
        const f = fieldView(editor, getPos);
        const title = h('span', { class: 'we-related-title' });
        const del = h('button', { type: 'button', class: 'we-remove', 'aria-label': t('removeBlock'), title: t('removeBlock'), text: '×' });
        del.addEventListener('click', f.remove);
        const dom = h('aside', { class: 'we-related' }, h('span', { class: 'we-related-label', text: t('readAlso') }), ' ', title, del);
        let current = node;
        let alive = true;
        const show = () => {
          const a = current.attrs;
          const known = a.headline || ctx.headlineCached(a.article_id);
          title.textContent = known || t('article', { id: a.article_id });
          dom.setAttribute('data-article-id', a.article_id ?? '');
          if (!known) {
            ctx.headline(a.article_id).then((hl) => {
              if (alive && hl && current.attrs.article_id === a.article_id) title.textContent = hl;
            });
          }
        };
        show();
        return {
          dom,
          update(n) {
            if (n.type !== current.type) return false;
            current = n;
            show();
            return true;
          },
          stopEvent: (e) => f.isField(e.target),
          ignoreMutation: () => true,
          destroy() {
            alive = false;
          },
        };
      };
    },
  });

  const Embed = Node.create({
    name: 'embed',
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    addAttributes() {
      return { url: { default: '', rendered: false, parseHTML: (el) => el.getAttribute('data-embed-url') || '' } };
    },
    parseHTML() {
      return [{ tag: 'div[data-embed-url]' }];
    },
    renderHTML({ node }) {
      return ['div', { 'data-embed-url': node.attrs.url }, ['a', { href: node.attrs.url }, node.attrs.url]];
    },
    addNodeView() {
      return ({ node, getPos, editor }) => {
        const f = fieldView(editor, getPos);
        const kind = h('span', { class: 'we-embed-kind' });
        const link = h('a', { class: 'we-embed-link', target: '_blank', rel: 'noopener noreferrer' });
        const url = f.input('url', t('embedUrl'), node.attrs.url, { type: 'url', inputmode: 'url' });
        const del = h('button', { type: 'button', class: 'we-remove', 'aria-label': t('removeBlock'), title: t('removeBlock'), text: '×' });
        del.addEventListener('click', f.remove);
        const dom = h('div', { class: 'we-embed' }, kind, link, url.wrap, del);
        let current = node;
        const show = () => {
          const u = current.attrs.url || '';
          const p = embedProvider(u);
          kind.textContent = p ? `${t('embedLabel')} · ${p}` : t('embedLabel');
          link.textContent = u;
          if (/^https?:\/\//i.test(u)) link.href = u;
          else link.removeAttribute('href');
          syncInput(url.el, u);
        };
        show();
        return {
          dom,
          update(n) {
            if (n.type !== current.type) return false;
            current = n;
            show();
            return true;
          },
          stopEvent: (e) => f.isField(e.target),
          ignoreMutation: () => true,
        };
      };
    },
  });

  // A page break: readers get the article in pages ("Halaman 1 2 3"). No attributes.
  const Pagebreak = Node.create({
    name: 'pagebreak',
    group: 'block',
    atom: true,
    selectable: true,
    draggable: false,
    parseHTML() {
      return [{ tag: 'hr[data-pagebreak]' }];
    },
    renderHTML() {
      return ['hr', { 'data-pagebreak': '' }];
    },
    addNodeView() {
      return ({ editor, getPos }) => {
        const f = fieldView(editor, getPos);
        const del = h('button', { type: 'button', class: 'we-remove', 'aria-label': t('removeBlock'), title: t('removeBlock'), text: '×' });
        del.addEventListener('click', f.remove);
        const dom = h('div', { class: 'we-pagebreak', role: 'separator', 'aria-label': t('pagebreak') }, h('span', { text: t('pagebreak') }), del);
        return { dom, stopEvent: (e) => f.isField(e.target), ignoreMutation: () => true };
      };
    },
  });

  return { Quote, WartaImage, Related, Embed, Pagebreak };
}
