// Newsroom end-to-end test in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; never a downloaded browser). JavaScript is ON for the newsroom (the Tiptap
// editor bundle) and OFF for the reader page. axe-core checks the pages for accessibility.
// Usage: node newsroom.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON
//   (run by crates/warta/tests/it/browser.rs, which creates the users, a published article to
//   link to, a photo in the media library and an article for the conflict scenario)
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, setupJson] = process.argv.slice(2);
if (!base || !shots || !setupJson) {
  console.error('usage: node newsroom.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
  process.exit(2);
}
const setup = JSON.parse(setupJson);
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const HEADLINE = 'Jembatan Darurat Dibangun di Desa Terisolasi';
const PARAGRAPH = 'Warga Desa Sukamaju bergotong royong membangun jembatan bambu, Senin (12/5/2025).';
const CAPTION = 'Warga memasang tiang jembatan bambu di Sukamaju';
const CREDIT = 'Dimas Fotografer';
const ALT = 'Lima warga memikul batang bambu di tepi sungai';

let step = 'start';
const log = (msg) => console.log(`ok ${msg}`);
const path = (page) => new URL(page.url()).pathname;

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const problems = [];

async function newContext(name, { js = true } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: js, locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width: 1280, height: 900 },
  });
  // Fail a stuck step quickly (the Rust test's overall limit would hide where it stuck).
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(15000);
  // Only this server is reached: everything else is aborted, never fetched.
  await context.route('**/*', (r) => (new URL(r.request().url()).origin === origin ? r.continue() : r.abort()));
  context.on('requestfailed', (r) => {
    const u = new URL(r.url());
    // Search-as-you-type aborts superseded requests on purpose.
    if (u.origin === origin && r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`${name}: failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  context.on('page', (p) => p.on('pageerror', (e) => problems.push(`${name}: page error on ${path(p)}: ${e.message}`)));
  return context;
}

// Close a context without waiting on its in-flight routed requests (an editor page may have
// an autosave or heartbeat under way); never hang the run on it.
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
  await page.waitForLoadState('load');
  assert.ok((await page.locator('.who').textContent()).includes(user.name), `signed in as ${user.name}`);
  return page;
}

// "Tulis artikel baru": the empty editor, nothing stored until the first save with content.
async function newArticle(page) {
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin/artikel/baru'), page.locator('a#new-article').click()]);
  await page.locator('#body-editor .ProseMirror[role=textbox]').waitFor();
  await page.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  assert.equal(await page.locator('#article-form').getAttribute('data-article-id'), '', 'no article yet');
}

// After the first save of a new article: its id (the address follows without a reload).
async function createdId(page) {
  await page.waitForURL((u) => /^\/admin\/artikel\/\d+$/.test(u.pathname), { timeout: 20000 });
  return Number(path(page).split('/').pop());
}

// The editor page with its bundle mounted.
async function editorReady(page) {
  await page.waitForURL((u) => /^\/admin\/artikel\/\d+$/.test(u.pathname));
  await page.locator('#body-editor .ProseMirror[role=textbox]').waitFor();
  await page.waitForFunction(() => !!document.getElementById('body-editor').wartaEditor);
  return Number(path(page).split('/').pop());
}

// Everything saved: no pending change, no request in flight, `#save-state` says so.
async function waitSaved(page, timeout = 20000) {
  await page.waitForFunction(() => {
    const st = document.getElementById('save-state');
    return st.dataset.state === 'saved' && !document.getElementById('body-editor').wartaEditor.isDirty();
  }, null, { timeout });
}

// The API as the page's session sees it.
async function apiGet(page, p) {
  return page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return { status: r.status, body: await r.json() };
  }, `/api/v1${p}`);
}

// axe-core: fails on any violation of impact "serious" or "critical" and prints them.
// Injected with evaluate (not a script tag) so that it runs on pages with JavaScript off too.
async function accessible(page, what) {
  const violations = await page.evaluate(`${AXE}
;axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ' :: ' + n.failureSummary.replace(/\\s+/g, ' ')),
})))`);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) {
    const tag = bad.includes(v) ? 'VIOLATION' : 'note';
    console.log(`axe ${tag} [${what}] ${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.join('\n  ')}`);
  }
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.nodes.join(' | ')}`), [], `axe on ${what}: serious or critical violations`);
  log(`axe: ${what} (${violations.length} minor)`);
}

let failed = false;
try {
  // --- 5a. The sign-in page --------------------------------------------------------------------
  step = 'accessibility of the sign-in page';
  const anon = await newContext('anonymous');
  const signInPage = await anon.newPage();
  await signInPage.goto(base + '/admin/masuk', { waitUntil: 'load' });
  await accessible(signInPage, 'sign-in page');
  await closeContext(anon);

  // --- 1. A writer writes an article and submits it ----------------------------------------
  step = 'writer: sign in';
  const writerCtx = await newContext('writer');
  const w = await signIn(writerCtx, setup.writer);
  await accessible(w, 'dashboard');

  step = 'writer: new article';
  await newArticle(w);

  step = 'writer: headline and body text';
  const headline = w.locator('input[name=headline]');
  await headline.fill('');
  await headline.pressSequentially(HEADLINE);
  assert.equal(await w.locator('input[name=slug]').inputValue(), 'jembatan-darurat-dibangun-di-desa-terisolasi', 'the slug follows the headline');
  await w.locator('textarea[name=dek]').fill('Satu-satunya jembatan desa hanyut diterjang banjir pekan lalu.');
  const prose = w.locator('#body-editor .ProseMirror');
  await prose.click();
  await w.keyboard.type(PARAGRAPH);
  await w.keyboard.press('Enter');

  step = 'writer: "Baca juga" block';
  await w.locator('#body-editor [role=toolbar] button[data-command=related]').click();
  const rel = w.locator('dialog.we-dialog[open]');
  await rel.locator('input[type=search]').pressSequentially('Gencatan');
  await rel.locator('button.we-result', { hasText: setup.linked.headline }).click();
  await rel.waitFor({ state: 'detached' });
  await w.locator('aside.we-related', { hasText: setup.linked.headline }).waitFor();

  step = 'writer: image from the media library';
  await w.locator('#body-editor [role=toolbar] button[data-command=image]').click();
  const lib = w.locator('dialog.we-dialog[open]');
  await accessible(w, 'editor page with the media dialog open');
  await lib.locator('button.we-media-item').first().click();
  await lib.waitFor({ state: 'detached' });
  const figure = w.locator('figure.we-image').first();
  await figure.waitFor();
  await figure.locator('input[data-field=caption]').fill(CAPTION);
  await figure.locator('input[data-field=credit]').fill(CREDIT);
  await figure.locator('input[data-field=alt]').fill(ALT);
  await prose.press('Control+End');
  await w.keyboard.type('Jembatan ditargetkan selesai dalam dua pekan.');

  step = 'writer: autosave';
  await w.locator('#save-state[data-state=dirty], #save-state[data-state=saving]').first().waitFor({ timeout: 3000 });
  await waitSaved(w);
  const id = await createdId(w);
  assert.match(await w.locator('#save-state').textContent(), /Tersimpan \d{2}[.:]\d{2}/);
  const saved = await apiGet(w, `/articles/${id}`);
  assert.equal(saved.status, 200);
  assert.equal(saved.body.headline, HEADLINE);
  assert.equal((await w.locator('.editor-head h1').textContent()).trim(), HEADLINE, 'the heading follows the first save');
  const body = saved.body.body;
  assert.ok(body.some((b) => b.type === 'paragraph' && b.text.includes('bergotong royong')), `a paragraph: ${JSON.stringify(body)}`);
  assert.ok(body.some((b) => b.type === 'related' && b.article_id === setup.linked.id), `a related block: ${JSON.stringify(body)}`);
  assert.ok(body.some((b) => b.type === 'image' && b.media_id === setup.photo.id && b.caption === CAPTION && b.credit === CREDIT && b.alt === ALT),
    `an image block with caption, credit and alt: ${JSON.stringify(body)}`);
  await accessible(w, 'editor page');
  await w.screenshot({ path: join(shots, 'newsroom-editor.png'), fullPage: true });
  log(`writer wrote article ${id}: ${body.map((b) => b.type).join(', ')}`);

  step = 'writer: "Baca juga" suggests related stories before anything is typed';
  await w.locator('#body-editor [role=toolbar] button[data-command=related]').click();
  const sug = w.locator('dialog.we-dialog[open]');
  assert.equal(await sug.locator('input[type=search]').inputValue(), '', 'nothing typed');
  await sug.locator('button.we-result', { hasText: setup.kin.headline }).waitFor({ timeout: 5000 });
  const offered = await sug.locator('button.we-result .we-result-title').allTextContents();
  assert.ok(!offered.includes(HEADLINE), `the story itself is not suggested: ${offered}`);
  await w.keyboard.press('Escape');
  await sug.waitFor({ state: 'detached' });
  log(`suggested before typing: ${offered.join(' | ')}`);

  step = 'writer: submit for review';
  assert.equal(await w.locator('button[name=action][value=publish]').count(), 0, 'writers have no publish button');
  await Promise.all([w.waitForURL((u) => u.pathname === `/admin/artikel/${id}` && u.search !== ''), w.locator('button[name=action][value=submit]').click()]);
  await editorReady(w);
  assert.equal((await apiGet(w, `/articles/${id}`)).body.status, 'submitted');
  log('writer submitted it for review');
  await closeContext(writerCtx);

  // --- 2. An editor publishes it; a reader without JavaScript sees it ----------------------
  step = 'editor: open from the review list';
  const editorCtx = await newContext('editor');
  const e = await signIn(editorCtx, setup.editor);
  const review = e.locator('section[aria-labelledby=h-review] a', { hasText: HEADLINE });
  await Promise.all([e.waitForURL(`**/admin/artikel/${id}`), review.click()]);
  await editorReady(e);

  step = 'editor: publish';
  await Promise.all([e.waitForURL((u) => u.pathname === `/admin/artikel/${id}` && u.search.includes('publish')), e.locator('button[name=action][value=publish]').click()]);
  await editorReady(e);
  const published = await apiGet(e, `/articles/${id}`);
  assert.equal(published.body.status, 'published', JSON.stringify(published.body));
  const articlePath = new URL(published.body.url).pathname;
  log(`editor published ${articlePath}`);
  step = 'editor closes the newsroom';
  await closeContext(editorCtx);

  step = 'reader (JavaScript off): the published article';
  const readerCtx = await newContext('reader', { js: false });
  const r = await readerCtx.newPage();
  const res = await r.goto(base + articlePath, { waitUntil: 'load' });

  assert.equal(res.status(), 200);
  assert.equal((await r.locator('h1').textContent()).trim(), HEADLINE);
  const link = r.locator('.baca-juga a');
  assert.equal((await link.textContent()).trim(), setup.linked.headline);
  assert.equal(new URL(await link.getAttribute('href'), base).pathname, setup.linked.path);
  const photo = r.locator('figure', { has: r.locator(`img[alt="${ALT}"]`) });
  assert.equal(await photo.count(), 1, 'the photo with its alt text');
  assert.ok((await photo.locator('figcaption').textContent()).includes(`Foto: ${CREDIT}`), 'figcaption "Foto: <credit>"');
  assert.ok((await photo.locator('figcaption').textContent()).includes(CAPTION), 'figcaption has the caption');
  await r.screenshot({ path: join(shots, 'newsroom-published.png'), fullPage: true });
  await closeContext(readerCtx);
  // Script evaluation needs JavaScript: check the image and run axe on the same (script-free)
  // reader page in a context that has it.
  step = 'reader page: photo loaded and accessibility';
  const checkCtx = await newContext('reader checks');
  const rc = await checkCtx.newPage();
  await rc.goto(base + articlePath, { waitUntil: 'load' });
  // Body photos load lazily: bring it into view, then wait (up to the step timeout) for it.
  const photoEl = rc.locator(`img[alt="${ALT}"]`);
  await photoEl.scrollIntoViewIfNeeded();
  const loaded = await photoEl
    .evaluate((i) => new Promise((done) => {
      const until = Date.now() + 15000;
      const check = () => {
        if (i.complete && i.naturalWidth > 0) done(true);
        else if (Date.now() > until) done(false);
        else setTimeout(check, 50);
      };
      check();
    }))
    .catch(() => false);
  assert.ok(loaded, 'the photo loaded');
  await accessible(rc, 'reader article page');
  await closeContext(checkCtx);
  log('reader sees headline, "Baca juga" and the photo');

  // --- 3. Two editors, one article: conflict and presence ----------------------------------
  step = 'conflict: both editors open the article';
  const aCtx = await newContext('editor A');
  const bCtx = await newContext('editor B');
  const a = await signIn(aCtx, setup.editor);
  const b = await signIn(bCtx, setup.editor2);
  const shared = `${base}/admin/artikel/${setup.shared.id}`;
  await a.goto(shared, { waitUntil: 'load' });
  await editorReady(a);
  await b.goto(shared, { waitUntil: 'load' });
  await editorReady(b);

  step = 'conflict: presence';
  // B's first heartbeat comes after A's: B sees A at once; A sees B at its next beat.
  await b.locator('#presence', { hasText: setup.editor.name }).waitFor({ timeout: 5000 });
  assert.equal((await b.locator('#presence').textContent()).trim(), `Juga membuka: ${setup.editor.name}`);

  step = 'conflict: A changes the headline and saves with Ctrl+S';
  const aHeadline = 'Harga Beras Melonjak Tajam Menjelang Lebaran';
  await a.locator('input[name=headline]').fill(aHeadline);
  await a.locator('input[name=headline]').press('Control+s');
  await waitSaved(a);

  step = 'conflict: B changes the body and saves with Ctrl+S';
  const bText = ' Pedagang mengeluhkan pasokan yang seret.';
  await b.locator('#body-editor .ProseMirror p').first().click();
  await b.keyboard.press('End');
  await b.waitForTimeout(60);
  await b.keyboard.type(bText);
  await b.keyboard.press('Control+s');
  const conflict = b.locator('#conflict');
  await conflict.waitFor({ state: 'visible', timeout: 10000 });
  assert.equal(await b.locator('#save-state').getAttribute('data-state'), 'error');
  assert.equal((await conflict.locator('.we-theirs .we-conflict-headline').textContent()).trim(), aHeadline, "the server's headline (A's)");
  assert.ok((await conflict.locator('.we-theirs .we-conflict-meta').textContent()).includes(setup.editor.name), 'who saved the server version');
  assert.equal((await conflict.locator('.we-mine .we-conflict-headline').textContent()).trim(), setup.shared.headline, "B's own headline");
  assert.ok((await conflict.locator('.we-mine .we-conflict-body').textContent()).includes(bText.trim()), "B's own text");
  assert.ok(!(await conflict.locator('.we-theirs .we-conflict-body').textContent()).includes(bText.trim()), "B's text is not on the server");
  assert.equal(await conflict.locator('button[data-choice=mine]').count(), 1);
  assert.equal(await conflict.locator('button[data-choice=server]').count(), 1);
  assert.ok((await b.locator('#body-editor .ProseMirror').textContent()).includes(bText.trim()), "B's text stays in the editor");
  await accessible(b, 'editor page with the conflict view');
  await b.screenshot({ path: join(shots, 'newsroom-conflict.png'), fullPage: true });

  step = 'conflict: A sees B after a reload';
  await a.reload({ waitUntil: 'load' });
  await editorReady(a);
  await a.locator('#presence', { hasText: setup.editor2.name }).waitFor({ timeout: 5000 });

  step = 'conflict: B takes the server version';
  await conflict.locator('button[data-choice=server]').click();
  await conflict.waitFor({ state: 'hidden' });
  assert.equal(await b.locator('input[name=headline]').inputValue(), aHeadline);
  log('conflict view with both versions; presence on both sides');
  await closeContext(aCtx);
  await closeContext(bCtx);

  // --- 4. A contributor cannot publish ---------------------------------------------------------
  step = 'contributor: editor without publish';
  const cCtx = await newContext('contributor');
  const c = await signIn(cCtx, setup.contributor);
  await newArticle(c);
  await c.locator('input[name=headline]').fill('Catatan Kontributor dari Lapangan');
  await c.locator('input[name=headline]').press('Control+s');
  const cid = await createdId(c);
  await waitSaved(c);
  assert.equal(await c.locator('button[name=action][value=publish]').count(), 0, 'no publish button for a contributor');
  const forbidden = await c.evaluate(async (articleId) => {
    const form = document.getElementById('article-form');
    const r = await fetch(`${form.dataset.api}/articles/${articleId}/publish`, {
      method: 'POST', credentials: 'same-origin', headers: { 'X-CSRF-Token': form.dataset.csrf },
    });
    return r.status;
  }, cid);
  assert.equal(forbidden, 403, "the API refuses a contributor's publish");
  assert.notEqual((await apiGet(c, `/articles/${cid}`)).body.status, 'published');
  log('contributor: no publish button, API publish 403');
  await closeContext(cCtx);

  step = 'same-origin requests and page errors';
  assert.deepEqual(problems, [], 'no failed request, no uncaught error in a page');
} catch (e) {
  failed = true;
  console.error(`FAILED at step "${step}": ${e.message}`);
  if (problems.length) console.error(`also: ${problems.join('\n')}`);
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log(`newsroom: all checks passed; screenshots in ${shots}`);
