// The toolbar above the body: marks, headings, quote, lists, the insert dialogs (image,
// "Baca juga", embed), page break, undo/redo; and the insertion of blocks at the cursor.

import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { mediaSrc } from './api.js';
import { embedDialog, linkDialog, mediaDialog, relatedDialog } from './dialogs.js';
import { h } from './dom.js';

/** Fills `toolbar` with its buttons; returns `{openLink, insertMedia, update}`. */
export function setupToolbar(app, toolbar) {
  const { t, api, editor, display } = app;
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
    if (src) display.setSrc(m.id, src);
    const node = { type: 'wartaImage', attrs: { media_id: m.id, caption: m.caption || '', credit: m.credit || '', alt: m.alt || '', src } };
    insertBlock(node, pos);
  };

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
    { key: 'image', text: t('image'), dialog: true, run: () => mediaDialog(t, api, { pick: (m) => insertMedia(m), upload: (files) => app.uploads.images(files, null) }) },
    {
      key: 'related',
      text: t('related'),
      dialog: true,
      run: () =>
        relatedDialog(
          t,
          api,
          (a) => {
            display.setHeadline(a.id, a.headline);
            insertBlock({ type: 'related', attrs: { article_id: a.id, headline: a.headline } });
          },
          () => app.articleId,
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
  function update() {
    for (const b of buttons) {
      if (!b.el) continue;
      if (b.active) b.el.setAttribute('aria-pressed', String(!!b.active()));
      if (b.enabled) b.el.disabled = !b.enabled();
    }
  }
  update();
  return { openLink, insertMedia, update };
}
