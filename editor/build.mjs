// Builds the editor bundle into crates/warta-admin/assets/editor.{js,css}.
// Deterministic: same sources and lockfile -> byte-identical output (no timestamps, no paths).
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(here, '../crates/warta-admin/assets');
const banner = '/*! Warta editor. Bundles Tiptap and ProseMirror (MIT licensed); see editor/README.md. */';

const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  charset: 'ascii',
  banner: { js: banner, css: banner },
};

await build({
  ...common,
  entryPoints: ['src/main.js'],
  outfile: resolve(out, 'editor.js'),
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  define: { 'process.env.NODE_ENV': '"production"' },
});

await build({
  ...common,
  entryPoints: ['src/editor.css'],
  outfile: resolve(out, 'editor.css'),
  target: ['chrome90', 'firefox90', 'safari14'],
});
