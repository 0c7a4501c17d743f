// Story forms in real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// an editor makes a draft a "Cek Fakta" in the side panel, fills the claim and the verdict,
// puts a page break in the body with the toolbar button, lets autosave run and publishes;
// a reader without JavaScript then sees the verdict box and "Halaman 1 2", and page 2.
// Usage: node forms.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON (run by browser_forms.rs)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, setupJson] = process.argv.slice(2);
if (!base || !shots || !setupJson) {
  console.error('usage: node forms.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
  process.exit(2);
}
const setup = JSON.parse(setupJson);
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SECOND_PAGE = 'Kalimat di halaman kedua cek fakta.';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS, headless: true });
let step = 'start';
const problems = [];
const log = (m) => console.log(`ok ${m}`);

async function context({ js = true, width = 1366, height = 900 } = {}) {
  const c = await browser.newContext({ javaScriptEnabled: js, locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width, height } });
  c.setDefaultTimeout(15000);
  await c.route('**/*', (r) => (new URL(r.request().url()).origin === origin ? r.continue() : r.abort()));
  c.on('page', (p) => p.on('pageerror', (e) => problems.push(`page error: ${e.message}`)));
  return c;
}

let failed = false;
try {
  step = 'sign in';
  const ctx = await context();
  const ed = await ctx.newPage();
  await ed.goto(base + '/admin/masuk');
  await ed.locator('input[name=email]').fill(setup.editor.email);
  await ed.locator('input[name=password]').fill(setup.password);
  await Promise.all([ed.waitForURL((u) => u.pathname === '/admin'), ed.locator('form[action="/admin/masuk"] button[type=submit]').click()]);

  step = 'editor: kind, fact check and a page break';
  await ed.goto(`${base}/admin/artikel/${setup.id}`);
  await ed.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  await ed.locator('#f-kind').selectOption('factcheck');
  await ed.locator('#f-fc-claim').fill('Foto banjir setinggi atap di Jakarta diambil kemarin');
  await ed.locator('#f-fc-claimant').fill('Akun X @kabarkilat');
  await ed.locator('#f-fc-verdict').selectOption('HOAKS');
  await ed.locator('#f-fc-references').fill('BPBD DKI | https://bpbd.jakarta.go.id/');
  await ed.locator('#body-editor .ProseMirror p').first().click();
  await ed.keyboard.press('End');
  await ed.locator('#body-editor [role=toolbar] button[data-command=pagebreak]').click();
  await ed.keyboard.type(SECOND_PAGE);
  await ed.locator('#body-editor .we-pagebreak').waitFor();
  await ed.waitForFunction(() => {
    const st = document.getElementById('save-state');
    const e = document.getElementById('body-editor').wartaEditor;
    return st.dataset.state === 'saved' && !e.isDirty();
  }, null, { timeout: 20000 });
  await ed.screenshot({ path: join(shots, 'forms-editor.png'), fullPage: true });
  const saved = await (await ed.request.get(`${base}/api/v1/articles/${setup.id}`)).json();
  assert.equal(saved.kind, 'factcheck', 'autosave sent the kind');
  assert.equal(saved.fact_check.verdict, 'HOAKS');
  assert.deepEqual(saved.body.map((b) => b.type), ['paragraph', 'pagebreak', 'paragraph']);
  log('autosave stored the kind, the fact check and the page break');

  step = 'publish';
  await Promise.all([ed.waitForURL((u) => u.search.includes('ok=publish')), ed.locator('button[name=action][value=publish]').click()]);

  step = 'reader without JavaScript';
  const reader = await context({ js: false, width: 390, height: 844 });
  const page = await reader.newPage();
  await page.goto(base + setup.path, { waitUntil: 'load' });
  const verdict = await page.locator('.cek-fakta .vonis').innerText();
  assert.equal(verdict, 'HOAKS');
  assert.ok(!(await page.locator('article').innerText()).includes(SECOND_PAGE), 'page 1 only');
  await page.screenshot({ path: join(shots, 'forms-reader.png'), fullPage: true });
  await Promise.all([page.waitForURL((u) => u.search === '?page=2'), page.locator('nav.halaman a', { hasText: '2' }).click()]);
  assert.ok((await page.locator('article').innerText()).includes(SECOND_PAGE), 'page 2 has the second part');
  assert.equal(await page.locator('nav.halaman [aria-current=page]').innerText(), '2');
  log('the reader sees the verdict box and pages through the article');
  assert.deepEqual(problems, [], 'no page errors');
  await reader.close();
  await ctx.close();
} catch (e) {
  failed = true;
  console.error(`FAILED at step "${step}": ${e.message}`);
  if (problems.length) console.error(`also: ${problems.join('\n')}`);
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log('forms: all checks passed');
