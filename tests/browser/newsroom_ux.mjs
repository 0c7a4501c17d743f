// The newsroom on a phone (390 px) and a wide screen (1366 px) in real headless Chromium
// (Debian's /usr/bin/chromium via playwright-core), JavaScript on.
// Usage: node newsroom_ux.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON (run by
// crates/warta/tests/it/browser_ux.rs, which creates the users, an article with a long slug
// and a topic, an article whose photo lacks its credit, and a photo).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, setupJson] = process.argv.slice(2);
if (!base || !shots || !setupJson) {
  console.error('usage: node newsroom_ux.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
  process.exit(2);
}
const setup = JSON.parse(setupJson);
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1366, height: 768 };

// What Word puts on the clipboard: inline styles, classes, conditional comments, a <style>.
const WORD_HTML = `<html><head><style>p.MsoNormal{margin:0cm}</style></head><body><!--[if gte mso 9]><xml></xml><![endif]-->
<p class="MsoNormal" style="margin:0cm;font-family:Calibri,sans-serif;color:#222"><b style="mso-bidi-font-weight:normal">Hujan deras</b> <span style="color:red">mengguyur Bandung</span> sejak pagi.</p>
<p class="MsoNormal" style="margin:0cm"><i style="font-size:11pt">Petugas</i> berjaga di tanggul.</p></body></html>`;

let step = 'start';
const log = (msg) => console.log(`ok ${msg}`);
const path = (page) => new URL(page.url()).pathname;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const problems = [];
const cspReports = [];

async function newContext(name, viewport) {
  const context = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(15000);
  await context.route('**/*', (r) => (new URL(r.request().url()).origin === origin ? r.continue() : r.abort()));
  // Every CSP violation a page reports, from the DOM event and from the console.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__csp = window.__csp || []).push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  context.on('requestfailed', (r) => {
    const u = new URL(r.url());
    const aborted = r.failure()?.errorText === 'net::ERR_ABORTED';
    if (u.origin === origin && !aborted) problems.push(`${name}: failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  context.on('page', (p) => {
    p.on('pageerror', (e) => problems.push(`${name}: page error on ${path(p)}: ${e.message}`));
    p.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspReports.push(`${name} ${path(p)}: ${m.text()}`);
    });
  });
  return context;
}

async function closeContext(context) {
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  for (const p of context.pages()) await p.close({ runBeforeUnload: false }).catch(() => {});
  await Promise.race([context.close(), new Promise((r) => setTimeout(r, 5000))]);
}

async function signIn(context, user) {
  const page = await context.newPage();
  await page.goto(base + '/admin/masuk', { waitUntil: 'load' });
  await page.locator('input[name=email]').fill(user.email);
  await page.locator('input[name=password]').fill(setup.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.locator('form[action="/admin/masuk"] button[type=submit]').click()]);
  return page;
}

async function editorReady(page) {
  await page.locator('#body-editor .ProseMirror[role=textbox]').waitFor();
  await page.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  // The SEO preview is drawn after a short debounce.
  await page.waitForFunction(() => (document.querySelector('.we-serp-url')?.textContent || '') !== '');
}

// No horizontal scroll: the document is no wider than the viewport.
async function fits(page, what) {
  const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
  assert.ok(m.sw <= m.iw, `${what}: scrollWidth ${m.sw} > innerWidth ${m.iw}`);
  log(`${what}: ${m.sw} <= ${m.iw}`);
}

let failed = false;
try {
  // --- 1. Every newsroom page at 390 px -----------------------------------------------------
  step = 'phone: signed-out pages';
  const anon = await newContext('anonymous', PHONE);
  const ap = await anon.newPage();
  for (const p of ['/admin/masuk', '/admin/lupa']) {
    await ap.goto(base + p, { waitUntil: 'load' });
    await fits(ap, `390 px ${p}`);
  }
  await closeContext(anon);

  step = 'phone: signed-in pages';
  const phone = await newContext('editor on a phone', PHONE);
  const pp = await signIn(phone, setup.editor);
  const pages = ['/admin', '/admin/artikel', '/admin/artikel/baru', `/admin/artikel/${setup.long.id}`,
    `/admin/artikel/${setup.long.id}/revisi`, '/admin/media', `/admin/media/${setup.photo.id}`,
    '/admin/taksonomi', '/admin/audit', '/admin/akun', '/admin/pengguna'];
  for (const p of pages) {
    step = `phone: ${p}`;
    await pp.goto(base + p, { waitUntil: 'load' });
    if (p.startsWith('/admin/artikel/') && !p.endsWith('/revisi')) await editorReady(pp);
    await fits(pp, `390 px ${p}`);
    const name = p.replace(/^\/admin\/?/, '').replace(/\//g, '-') || 'dashboard';
    await pp.screenshot({ path: join(shots, `phone-${name}.png`), fullPage: true });
  }

  step = 'phone: the workflow buttons come after the metadata and stick to the bottom';
  await pp.goto(`${base}/admin/artikel/${setup.long.id}`, { waitUntil: 'load' });
  await editorReady(pp);
  const atTop = await pp.evaluate(() => {
    const wf = document.querySelector('fieldset.workflow').getBoundingClientRect();
    return { position: getComputedStyle(document.querySelector('fieldset.workflow')).position, bottom: wf.bottom, top: wf.top, vh: innerHeight };
  });
  assert.equal(atTop.position, 'sticky', JSON.stringify(atTop));
  assert.ok(atTop.bottom <= atTop.vh + 1 && atTop.top < atTop.vh, `the buttons are on screen at the bottom edge: ${JSON.stringify(atTop)}`);
  await pp.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const atEnd = await pp.evaluate(() => ({
    flow: document.querySelector('fieldset.workflow').getBoundingClientRect().top,
    live: document.getElementById('f-live').getBoundingClientRect().bottom,
    slug: document.getElementById('f-slug').getBoundingClientRect().bottom,
  }));
  assert.ok(atEnd.flow >= atEnd.live && atEnd.flow > atEnd.slug, `metadata first, then the buttons: ${JSON.stringify(atEnd)}`);
  log('phone: metadata before the sticky workflow buttons');
  await closeContext(phone);

  // --- 2. The editor with a long slug at 1366 px ---------------------------------------------
  step = 'wide: editor with a long slug';
  const wide = await newContext('editor on a wide screen', WIDE);
  const e = await signIn(wide, setup.editor);
  await e.goto(`${base}/admin/artikel/${setup.long.id}`, { waitUntil: 'load' });
  await editorReady(e);
  assert.ok((await e.locator('.we-serp-url').textContent()).includes(setup.long.slug), 'the preview shows the slug');
  await fits(e, '1366 px editor with a long slug');
  await e.screenshot({ path: join(shots, 'wide-editor-long-slug.png'), fullPage: true });

  // --- 3. Pasting from Word: no style survives, no CSP violation -----------------------------
  step = 'paste styled HTML';
  await e.locator('#body-editor .ProseMirror p').last().click();
  await e.keyboard.press('End');
  await e.keyboard.press('Enter');
  await e.evaluate((html) => {
    const pm = document.querySelector('#body-editor .ProseMirror');
    const dt = new DataTransfer();
    dt.setData('text/html', html);
    dt.setData('text/plain', 'Hujan deras mengguyur Bandung sejak pagi.');
    pm.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, WORD_HTML);
  await e.locator('#body-editor .ProseMirror', { hasText: 'mengguyur Bandung' }).waitFor();
  await e.waitForTimeout(500);
  const pasted = await e.evaluate(() => ({
    styled: document.querySelectorAll('#body-editor .ProseMirror [style], #body-editor .ProseMirror [class*=Mso]').length,
    bold: !!document.querySelector('#body-editor .ProseMirror strong, #body-editor .ProseMirror b'),
    csp: window.__csp || [],
  }));
  assert.equal(pasted.styled, 0, 'no inline style or Word class in the editor');
  assert.ok(pasted.bold, 'bold survives the paste');
  assert.deepEqual(pasted.csp, [], 'no CSP violation event');
  assert.deepEqual(cspReports, [], 'no CSP violation in the console');
  log('paste from Word: text and bold kept, no style, no CSP violation');

  // --- 4. Topic suggestions --------------------------------------------------------------------
  step = 'topic autocomplete';
  const topic = e.locator('input[name=topic]');
  await topic.fill('');
  await topic.pressSequentially('Banj');
  await e.waitForFunction((t) => [...document.querySelectorAll('#topic-suggestions option')].some((o) => o.value === t), setup.topic);
  await topic.fill(setup.topic);
  log('topic field suggests existing topics');

  // --- 5. A 30 MB photo is refused before it is sent ------------------------------------------
  step = 'upload over the limit';
  let mediaPosts = 0;
  e.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/media') mediaPosts++;
  });
  await e.locator('#body-editor [role=toolbar] button[data-command=image]').click();
  const dlg = e.locator('dialog.we-dialog[open]');
  // The 30 MB file is made in the page (sending it through the driver is slow on a busy machine).
  await dlg.locator('input[type=file]').evaluate((input) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(30 * 1024 * 1024).fill(0xff)], 'besar.jpg', { type: 'image/jpeg' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const alert = e.locator('.we-alerts .we-alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /maksimal 20 MB/, text);
  assert.match(text, /besar\.jpg/, text);
  assert.equal(mediaPosts, 0, 'nothing was sent');
  // It stays while the page autosaves and works on, until dismissed.
  await e.locator('#body-editor .ProseMirror p').last().click();
  await e.keyboard.type(' Tambahan.');
  await e.waitForFunction(() => document.getElementById('save-state').dataset.state === 'saved', null, { timeout: 20000 });
  assert.equal(await alert.count(), 1, 'the message is still there after the autosave');
  await e.screenshot({ path: join(shots, 'wide-upload-refused.png') });
  await alert.locator('button.we-alert-close').click();
  assert.equal(await alert.count(), 0, 'dismissed');
  log('30 MB photo refused in the browser, message names the limit, stays until dismissed');

  // --- 5b. The same on the media library's upload form ----------------------------------------
  step = 'media page: upload over the limit';
  let libraryPosts = 0;
  e.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/admin/media') libraryPosts++;
  });
  await e.goto(`${base}/admin/media`, { waitUntil: 'load' });
  await e.locator('#u-caption').fill('Banjir di Kemang');
  await e.locator('#u-file').evaluate((input) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(30 * 1024 * 1024).fill(0xff)], 'besar-sekali.jpg', { type: 'image/jpeg' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const mediaAlert = e.locator('.upload-alerts .upload-alert');
  await mediaAlert.waitFor();
  const refusedText = await mediaAlert.textContent();
  assert.match(refusedText, /besar-sekali\.jpg tidak diunggah: ukurannya 30 MB, maksimal 20 MB/, refusedText);
  assert.equal(await e.locator('#u-file').evaluate((i) => i.files.length), 0, 'the refused file is no longer chosen');
  // Pressing "Unggah" now sends nothing either; the message and the typed caption stay.
  await e.locator('form[method=post][action="/admin/media"] button[type=submit]').click();
  await e.waitForTimeout(500);
  assert.equal(libraryPosts, 0, 'no upload was sent');
  assert.equal(path(e), '/admin/media');
  assert.equal(await mediaAlert.count(), 1, 'the message stays until dismissed');
  assert.equal(await e.locator('#u-caption').inputValue(), 'Banjir di Kemang');
  await e.screenshot({ path: join(shots, 'wide-media-upload-refused.png') });
  await mediaAlert.locator('button.upload-alert-close').click();
  assert.equal(await mediaAlert.count(), 0, 'dismissed');
  log('media page: 30 MB photo refused in the browser without a request, message names the limit');

  // --- 6. A refused publish points at the photo block -----------------------------------------
  step = 'refused publish';
  await e.goto(`${base}/admin/artikel/${setup.uncredited.id}`, { waitUntil: 'load' });
  await editorReady(e);
  const [res] = await Promise.all([
    e.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/admin/artikel/${setup.uncredited.id}`),
    e.locator('button[name=action][value=publish]').click(),
  ]);
  assert.equal(res.status(), 422);
  await editorReady(e);
  assert.equal(await e.locator('text=Terjadi kesalahan').count(), 0, 'no dead-end page');
  const credit = e.locator('figure.we-image input[data-field=credit]');
  await e.locator('figure.we-image input[data-field=credit][aria-invalid=true]').waitFor();
  const describedBy = await credit.getAttribute('aria-describedby');
  const beside = (await e.locator(`#${describedBy}`).textContent()) || '';
  assert.match(beside, /Blok 2: lengkapi kredit foto sebelum menerbitkan/, beside);
  assert.match(await e.locator('#save-state').textContent(), /lengkapi kredit foto/);
  await e.screenshot({ path: join(shots, 'wide-refused-publish.png'), fullPage: true });
  log('refused publish: the photo block credit is marked with the message beside it');
  await closeContext(wide);

  // --- 7. Presence clears when the other editor leaves ----------------------------------------
  step = 'presence: both open the article';
  const aCtx = await newContext('editor A', WIDE);
  const bCtx = await newContext('editor B', WIDE);
  const a = await signIn(aCtx, setup.editor);
  const b = await signIn(bCtx, setup.editor2);
  const shared = `${base}/admin/artikel/${setup.long.id}`;
  await a.goto(shared, { waitUntil: 'load' });
  await editorReady(a);
  await b.goto(shared, { waitUntil: 'load' });
  await editorReady(b);
  await a.locator('#presence', { hasText: setup.editor2.name }).waitFor({ timeout: 20000 });
  step = 'presence: B leaves';
  await b.goto(`${base}/admin`, { waitUntil: 'load' });
  await a.waitForFunction(() => document.getElementById('presence').textContent.trim() === '', null, { timeout: 20000 });
  log('presence: gone at the next heartbeat after the other editor left');
  await closeContext(aCtx);
  await closeContext(bCtx);

  step = 'page errors';
  assert.deepEqual(problems, [], 'no failed request, no uncaught error in a page');
} catch (err) {
  failed = true;
  console.error(`FAILED at step "${step}": ${err.message}`);
  if (problems.length) console.error(`also: ${problems.join('\n')}`);
  if (cspReports.length) console.error(`csp: ${cspReports.join('\n')}`);
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log(`newsroom layout: all checks passed; screenshots in ${shots}`);
