// The Tiptap editor of the article body, kept in sync with the form's `body_json` textarea.

import { Editor } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { blocksToDoc, docToBlocksIndexed } from './convert.js';
import { FlatListItem, JoinFallback, PlainHeading, createNodes } from './nodes.js';
import { cleanPastedHTML } from './paste.js';

const imageFiles = (list) => Array.from(list || []).filter((f) => f && /^image\//.test(f.type));

/**
 * Mounts the editor on `host` with `blocks`; sets `app.editor` and `app.syncTextarea`. Dropped
 * or pasted images go to `app.uploads`, Ctrl+K to `app.toolbar`, edits to `app.save` and
 * `app.panel`.
 */
export function createBodyEditor(app, host, blocks) {
  const { t, lang, s, textarea, display } = app;
  const { Quote, WartaImage, Related, Embed, Pagebreak } = createNodes(display.ctx);

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

  const editor = new Editor({
    element: host,
    injectCSS: false,
    content: blocksToDoc(blocks, display.lookup),
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
        app.uploads.images(files, at ? at.pos : null);
        return true;
      },
      transformPastedHTML: cleanPastedHTML,
      handlePaste: (_view, event) => {
        const files = imageFiles(event.clipboardData && event.clipboardData.files);
        if (!files.length) return false;
        event.preventDefault();
        app.uploads.images(files, null);
        return true;
      },
      handleKeyDown: (_view, event) => {
        if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
          event.preventDefault();
          app.toolbar.openLink();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      const out = syncTextarea();
      if (!s.bodyChanged) return;
      app.save.changed();
      if (app.panel) app.panel.bodyChanged(out);
    },
    // The toolbar is built after the editor: until then there is nothing to update.
    onTransaction: () => app.toolbar && app.toolbar.update(),
  });
  app.editor = editor;
  app.syncTextarea = syncTextarea;
  syncTextarea(); // normalise the server's JSON once, before any edit
  return editor;
}
