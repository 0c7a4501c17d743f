// Blocks (the server's content model, docs/editor.md) <-> ProseMirror document JSON.
// Pure functions, no DOM: `npm test` runs them under node.
//
// Inline HTML (paragraph text, list items) uses only <b>, <i>, <a href> and <br>; <strong> and
// <em> are read as bold and italic. Heading and quote text is plain text (the server escapes it
// when rendering), so it is neither parsed nor escaped here.

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'" };

/** Decode the HTML character references the sanitiser and browsers produce. */
export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,8});/gi, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : m;
    }
    const c = NAMED[e.toLowerCase()];
    return c === undefined ? m : c;
  });
}

/** Escape text or an attribute value for inline HTML: & < > ". */
export function escapeHtml(s) {
  return String(s).replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

const TAG_RE = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTR_RE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attrsOf(src) {
  const out = {};
  for (const m of src.matchAll(ATTR_RE)) {
    const v = m[2] ?? m[3] ?? m[4] ?? '';
    out[m[1].toLowerCase()] = decodeEntities(v);
  }
  return out;
}

function sameMarks(a, b) {
  if (a.length !== b.length) return false;
  return a.every((m, i) => m.type === b[i].type && (m.attrs?.href ?? null) === (b[i].attrs?.href ?? null));
}

const MARK_FOR_TAG = { b: 'bold', strong: 'bold', i: 'italic', em: 'italic', a: 'link' };
const RANK = { link: 0, bold: 1, italic: 2 };

/**
 * Parse inline HTML into ProseMirror inline content (text nodes with bold/italic/link marks,
 * hardBreak nodes). Unknown tags are dropped and their text kept; comments are dropped.
 */
export function parseInline(html) {
  const out = [];
  const stack = []; // open tags: {tag, mark|null}
  let text = '';
  const marks = () => {
    const ms = [];
    for (const s of stack) {
      if (!s.mark || ms.some((m) => m.type === s.mark.type)) continue;
      ms.push(s.mark);
    }
    return ms.sort((a, b) => RANK[a.type] - RANK[b.type]);
  };
  const flush = () => {
    if (!text) return;
    const t = decodeEntities(text);
    text = '';
    if (!t) return;
    const ms = marks();
    const last = out[out.length - 1];
    if (last && last.type === 'text' && sameMarks(last.marks || [], ms)) {
      last.text += t;
      return;
    }
    const node = { type: 'text', text: t };
    if (ms.length) node.marks = ms.map((m) => (m.attrs ? { type: m.type, attrs: { ...m.attrs } } : { type: m.type }));
    out.push(node);
  };
  let i = 0;
  const s = String(html ?? '');
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      text += s.slice(i);
      break;
    }
    text += s.slice(i, lt);
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      i = end < 0 ? s.length : end + 3;
      continue;
    }
    TAG_RE.lastIndex = lt;
    const m = TAG_RE.exec(s);
    if (!m) {
      // A lone '<' is text.
      text += '<';
      i = lt + 1;
      continue;
    }
    i = TAG_RE.lastIndex;
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'br') {
      flush();
      out.push({ type: 'hardBreak' });
      continue;
    }
    const markType = MARK_FOR_TAG[tag];
    if (!markType) continue; // unknown tag: keep its text, drop the tag
    flush();
    if (closing) {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].tag === tag) {
          stack.splice(k, 1);
          break;
        }
      }
    } else if (m[4] !== '/') {
      let mark = { type: markType };
      if (markType === 'link') {
        const href = attrsOf(m[3]).href;
        mark = href ? { type: 'link', attrs: { href } } : null;
      }
      stack.push({ tag, mark });
    }
  }
  flush();
  return out;
}

function markKey(m) {
  return m.type === 'link' ? 'link\u0000' + (m.attrs?.href ?? '') : m.type;
}

function openTag(m) {
  if (m.type === 'bold') return '<b>';
  if (m.type === 'italic') return '<i>';
  return `<a href="${escapeHtml(m.attrs?.href ?? '')}">`;
}

function closeTag(m) {
  return m.type === 'bold' ? '</b>' : m.type === 'italic' ? '</i>' : '</a>';
}

/**
 * Serialise ProseMirror inline content to inline HTML with <b>, <i>, <a href> and <br>.
 * Marks are nested link > bold > italic and kept open across adjacent nodes that share them.
 */
export function inlineToHtml(content) {
  let html = '';
  let open = []; // marks currently open, outermost first
  const relevant = (node) =>
    (node.marks || [])
      .filter((m) => m.type in RANK && (m.type !== 'link' || m.attrs?.href))
      .sort((a, b) => RANK[a.type] - RANK[b.type]);
  for (const node of content || []) {
    // A hard break stays inside whatever marks are open; text keeps the common prefix open.
    const want = node.type === 'text' ? relevant(node) : node.type === 'hardBreak' ? open : [];
    let keep = 0;
    while (keep < open.length && keep < want.length && markKey(open[keep]) === markKey(want[keep])) keep++;
    for (let k = open.length - 1; k >= keep; k--) html += closeTag(open[k]);
    open = open.slice(0, keep);
    if (node.type === 'hardBreak') {
      html += '<br>';
      continue;
    }
    if (node.type !== 'text') continue;
    for (let k = keep; k < want.length; k++) {
      html += openTag(want[k]);
      open.push(want[k]);
    }
    html += escapeHtml(node.text ?? '');
  }
  for (let k = open.length - 1; k >= 0; k--) html += closeTag(open[k]);
  return html;
}

/** Plain text of inline content (hard breaks become newlines). */
export function inlineText(content) {
  return (content || []).map((n) => (n.type === 'text' ? n.text ?? '' : n.type === 'hardBreak' ? '\n' : '')).join('');
}

const textContent = (s) => (s ? [{ type: 'text', text: s }] : []);

function callLookup(lookup, kind, id) {
  if (!lookup) return undefined;
  if (typeof lookup === 'function') return lookup(kind, id);
  const f = lookup[kind];
  return typeof f === 'function' ? f(id) : undefined;
}

function paragraphNode(html) {
  const content = parseInline(html);
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/**
 * Blocks -> ProseMirror document JSON.
 * `lookup` (optional) gives display data the blocks do not carry: either a function
 * `(kind, id)` or an object `{media(id), headline(id)}`; `media` returns an image URL (or an
 * object with `src`), `headline` the related article's headline. Both are display-only attrs.
 */
export function blocksToDoc(blocks, lookup) {
  const content = [];
  for (const b of Array.isArray(blocks) ? blocks : []) {
    if (!b || typeof b !== 'object') continue;
    switch (b.type) {
      case 'paragraph':
        content.push(paragraphNode(b.text ?? ''));
        break;
      case 'heading': {
        const level = [2, 3, 4].includes(Number(b.level)) ? Number(b.level) : 2;
        content.push({ type: 'heading', attrs: { level }, content: textContent(b.text ?? '') });
        break;
      }
      case 'quote':
        content.push({ type: 'quote', attrs: { cite: b.cite ?? '' }, content: textContent(b.text ?? '') });
        break;
      case 'image': {
        const m = callLookup(lookup, 'media', b.media_id);
        const src = typeof m === 'string' ? m : m?.src ?? '';
        content.push({
          type: 'wartaImage',
          attrs: { media_id: b.media_id, caption: b.caption ?? '', credit: b.credit ?? '', alt: b.alt ?? '', src },
        });
        break;
      }
      case 'related': {
        const h = callLookup(lookup, 'headline', b.article_id);
        content.push({ type: 'related', attrs: { article_id: b.article_id, headline: typeof h === 'string' ? h : '' } });
        break;
      }
      case 'list':
        content.push({
          type: b.ordered ? 'orderedList' : 'bulletList',
          ...(b.ordered ? { attrs: { start: 1 } } : {}),
          content: (b.items || []).map((item) => ({ type: 'listItem', content: [paragraphNode(item)] })),
        });
        break;
      case 'embed':
        content.push({ type: 'embed', attrs: { url: b.url ?? '' } });
        break;
      case 'pagebreak':
        content.push({ type: 'pagebreak' });
        break;
      default:
        // Unknown block types are not part of the contract; the server refuses them too.
        break;
    }
  }
  if (!content.length) content.push({ type: 'paragraph' });
  return { type: 'doc', content };
}

const blank = (s) => !s || !s.replace(/[\s\u00a0]+/g, '');

function listItemHtml(item) {
  // A list item holds one paragraph in this schema; be lenient with more (joined by <br>).
  const paras = (item.content || []).filter((n) => n.type === 'paragraph');
  return paras.map((p) => inlineToHtml(p.content)).join('<br>');
}

function listItemText(item) {
  return (item.content || []).filter((n) => n.type === 'paragraph').map((p) => inlineText(p.content)).join('\n');
}

/**
 * ProseMirror document JSON -> `{blocks, nodeIndex}`; `nodeIndex[i]` is the index of the
 * top-level document node that block `i` came from (empty paragraphs and the like are left out,
 * since the server refuses empty text).
 */
export function docToBlocksIndexed(doc) {
  const nodes = Array.isArray(doc) ? doc : doc?.content || [];
  const blocks = [];
  const nodeIndex = [];
  nodes.forEach((n, idx) => {
    const a = n.attrs || {};
    let b = null;
    switch (n.type) {
      case 'paragraph':
        if (!blank(inlineText(n.content))) b = { type: 'paragraph', text: inlineToHtml(n.content) };
        break;
      case 'heading': {
        const text = inlineText(n.content);
        if (!blank(text)) b = { type: 'heading', text, level: Number(a.level) || 2 };
        break;
      }
      case 'quote': {
        const text = inlineText(n.content);
        if (!blank(text)) {
          b = { type: 'quote', text };
          if (!blank(a.cite)) b.cite = a.cite;
        }
        break;
      }
      case 'wartaImage':
        if (a.media_id != null && a.media_id !== '') {
          b = { type: 'image', media_id: Number(a.media_id), caption: a.caption ?? '', credit: a.credit ?? '', alt: a.alt ?? '' };
        }
        break;
      case 'related':
        if (a.article_id != null && a.article_id !== '') b = { type: 'related', article_id: Number(a.article_id) };
        break;
      case 'bulletList':
      case 'orderedList': {
        const items = (n.content || []).filter((it) => !blank(listItemText(it))).map(listItemHtml);
        if (items.length) b = { type: 'list', ordered: n.type === 'orderedList', items };
        break;
      }
      case 'embed':
        if (!blank(a.url)) b = { type: 'embed', url: a.url.trim() };
        break;
      case 'pagebreak':
        b = { type: 'pagebreak' };
        break;
      default:
        break;
    }
    if (b) {
      blocks.push(b);
      nodeIndex.push(idx);
    }
  });
  return { blocks, nodeIndex };
}

/** ProseMirror document JSON -> blocks. */
export function docToBlocks(doc) {
  return docToBlocksIndexed(doc).blocks;
}

/** Plain text of a block, as the server counts it (captions included, embeds not). */
export function blockText(b) {
  switch (b?.type) {
    case 'paragraph':
      return inlineText(parseInline(b.text));
    case 'heading':
    case 'quote':
      return b.text ?? '';
    case 'list':
      return (b.items || []).map((i) => inlineText(parseInline(i))).join('\n');
    case 'image':
      return b.caption ?? '';
    default:
      return '';
  }
}
