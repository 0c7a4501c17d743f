// Pasted HTML (Word, Google Docs, web pages) is cleaned as a string before ProseMirror parses
// it: every `style` and `class` attribute goes, and so do comments (Word's conditional ones) and
// `<style>`, `<script>`, `<meta>`, `<link>` and `<title>` elements. Parsing a styled fragment
// would make the browser report a CSP violation (style-src 'self') for each inline style, and
// the styles would be dropped anyway: the body keeps only bold, italic and links.

const DROP_ATTRS = new Set(['style', 'class']);
const DROP_WITH_CONTENT = /<(style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const DROP_EMPTY = /<\/?(meta|link)\b[^>]*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;

/** Rewrite one start tag's attributes, leaving out `style` and `class`. */
function cleanTag(tag) {
  const m = /^<([A-Za-z][\w:.-]*)/.exec(tag);
  if (!m) return tag;
  const end = tag.endsWith('/>') ? '/>' : '>';
  const inner = tag.slice(m[0].length, tag.length - end.length);
  const attr = /([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;
  let out = `<${m[1]}`;
  let a;
  while ((a = attr.exec(inner))) {
    if (DROP_ATTRS.has(a[1].toLowerCase())) continue;
    out += ` ${a[0]}`;
  }
  return out + end;
}

/** The pasted HTML without inline styles, classes, comments and style/script elements. */
export function cleanPastedHTML(html) {
  const s = String(html ?? '')
    .replace(COMMENT, '')
    .replace(DROP_WITH_CONTENT, '')
    .replace(DROP_EMPTY, '');
  // Start tags, quoted attribute values may contain '>'.
  return s.replace(/<[A-Za-z][^\s>/]*(?:\s+(?:[^\s"'>]|"[^"]*"|'[^']*')*)*\s*\/?>/g, cleanTag);
}
