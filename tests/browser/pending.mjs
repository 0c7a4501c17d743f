// A published story edited in real headless Chromium (Debian's /usr/bin/chromium through
// playwright-core): autosave keeps the typed text private, readers without JavaScript (page,
// feed, JSON-LD) still see the live text; "Perbarui" publishes it with a correction note and
// "Buang perubahan" brings the live text back into the editor. Phone and desktop widths.
// Usage: node pending.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON (run by browser_pending.rs)
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, setupJson] = process.argv.slice(2);
if (!base || !shots || !setupJson) {
  console.error('usage: node pending.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
  process.exit(2);
}
const setup = JSON.parse(setupJson);
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TYPED = ' Kalimat setengah diketik redaktur';
const NEW_HEADLINE = `${setup.headline} (Diperbarui)`;
const SECOND = ' Coretan yang akan dibuang';

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

// What a reader without JavaScript gets: the page, its JSON-LD headline and the site feed.
async function readerView(reader) {
  const page = await reader.newPage();
  await page.goto(base + setup.path, { waitUntil: 'load' });
  const text = await page.locator('article').innerText();
  const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
  const headlines = ld.map((j) => JSON.parse(j)).map((o) => o.headline).filter(Boolean);
  const feed = await (await page.request.get(base + '/rss.xml')).text();
  await page.close();
  return { text, headlines, feed };
}

async function waitPendingSaved(page) {
  await page.waitForFunction(() => {
    const st = document.getElementById('save-state');
    const ed = document.getElementById('body-editor').wartaEditor;
    return st.dataset.state === 'saved' && !ed.isDirty() && /belum terbit/.test(st.textContent);
  }, null, { timeout: 20000 });
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

  step = 'editor: type into the published story';
  await ed.goto(`${base}/admin/artikel/${setup.id}`);
  await ed.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  assert.equal(await ed.locator('#pending-actions').isHidden(), true, 'nothing pending yet');
  await ed.locator('input[name=headline]').fill(NEW_HEADLINE);
  await ed.locator('#body-editor .ProseMirror p').first().click();
  await ed.keyboard.press('End');
  await ed.keyboard.type(TYPED);
  step = 'editor: autosave keeps it pending';
  await waitPendingSaved(ed);
  await ed.locator('#pending-actions').waitFor({ state: 'visible' });
  await ed.locator('#pending ins').first().waitFor();
  assert.match(await ed.locator('#pending').innerText(), /Kalimat|setengah/);
  await ed.screenshot({ path: join(shots, 'pending-state.png'), fullPage: true });
  log('autosave stored a pending version; the editor shows the diff and Perbarui');

  step = 'reader without JavaScript keeps the live text';
  const reader = await context({ js: false, width: 390, height: 844 });
  let seen = await readerView(reader);
  assert.ok(!seen.text.includes(TYPED.trim()), 'the page has no typed text');
  assert.ok(seen.text.includes(setup.headline) && !seen.text.includes(NEW_HEADLINE), 'the live headline');
  assert.ok(seen.headlines.includes(setup.headline) && !seen.headlines.includes(NEW_HEADLINE), `JSON-LD: ${seen.headlines}`);
  assert.ok(!seen.feed.includes(NEW_HEADLINE) && seen.feed.includes(setup.headline), 'the feed keeps the live headline');
  log('page, JSON-LD and feed show the live version');

  step = 'Perbarui with a correction note';
  await ed.locator('textarea[name=correction]').fill('Judul dilengkapi.');
  await Promise.all([ed.waitForURL((u) => u.search.includes('ok=apply')), ed.locator('button[name=action][value=apply]').click()]);
  await ed.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  assert.equal(await ed.locator('#pending-actions').isHidden(), true, 'nothing pending after Perbarui');
  seen = await readerView(reader);
  assert.ok(seen.text.includes(TYPED.trim()), 'the page has the new text');
  assert.ok(seen.text.includes('Judul dilengkapi.'), 'the correction note is shown');
  assert.ok(seen.headlines.includes(NEW_HEADLINE), `JSON-LD follows: ${seen.headlines}`);
  assert.ok(seen.feed.includes(NEW_HEADLINE), 'the feed follows');
  log('after Perbarui the page (from the cache), JSON-LD and feed show the new version');

  step = 'Buang perubahan restores the live text in the editor';
  await ed.locator('#body-editor .ProseMirror p').first().click();
  await ed.keyboard.press('End');
  await ed.keyboard.type(SECOND);
  await waitPendingSaved(ed);
  ed.once('dialog', (d) => d.accept());
  await Promise.all([ed.waitForURL((u) => u.search.includes('ok=discard')), ed.locator('button[name=action][value=discard]').click()]);
  await ed.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  const body = await ed.locator('#body-editor .ProseMirror').innerText();
  assert.ok(!body.includes(SECOND.trim()) && body.includes(TYPED.trim()), `the editor holds the live text: ${body}`);
  seen = await readerView(reader);
  assert.ok(!seen.text.includes(SECOND.trim()));
  log('Buang perubahan: the editor shows the live text again');

  step = 'the editor fits a phone and a desktop';
  for (const [w, h] of [[390, 844], [1366, 900]]) {
    await ed.setViewportSize({ width: w, height: h });
    await ed.goto(`${base}/admin/artikel/${setup.id}`);
    const { sw, iw } = await ed.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
    await ed.screenshot({ path: join(shots, `editor-${w}.png`), fullPage: true });
    if (sw > iw) problems.push(`editor at ${w}px is ${sw}px wide`);
  }
  assert.deepEqual(problems, [], 'no page errors, no horizontal scroll');
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
console.log('pending: all checks passed');
