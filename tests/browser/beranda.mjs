// The front page an editor runs, in real headless Chromium (Debian's /usr/bin/chromium via
// playwright-core): an editor on a phone (390 px, JavaScript on) finds stories by typing part
// of a headline, puts two into "Berita Utama", reorders them by dragging and with the
// no-JavaScript buttons; then a reader without JavaScript on a desktop sees the chosen story
// first on the home page.
// Usage: node beranda.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON (run by
// crates/warta/tests/it/browser_home.rs).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, setupJson] = process.argv.slice(2);
const setup = JSON.parse(setupJson);
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
const problems = [];

async function context(viewport, javaScriptEnabled) {
  const c = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport, javaScriptEnabled });
  c.setDefaultTimeout(15000);
  await c.route('**/*', (r) => (new URL(r.request().url()).origin === origin ? r.continue() : r.abort()));
  c.on('page', (p) => p.on('pageerror', (e) => problems.push(`page error: ${e.message}`)));
  return c;
}

const slotIds = (page) => page.$$eval('.slot-list[data-slot=headline] > li', (lis) => lis.map((li) => Number(li.dataset.id)));

try {
  const editor = await context({ width: 390, height: 844 }, true);
  const page = await editor.newPage();
  await page.goto(base + '/admin/masuk');
  await page.locator('input[name=email]').fill(setup.editor.email);
  await page.locator('input[name=password]').fill(setup.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/admin'),
    page.locator('form[action="/admin/masuk"] button[type=submit]').click()]);
  await page.goto(base + '/admin/beranda');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `no horizontal scroll at 390 px (${wide} px too wide)`);

  // Search as you type: the results follow the input without submitting the form.
  for (const story of [setup.second, setup.first]) {
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially(story.words, { delay: 30 });
    const add = page.getByRole('button', { name: `Ke Berita Utama: ${story.headline}` });
    await add.waitFor();
    await Promise.all([page.waitForURL((u) => u.searchParams.get('ok') === '1'), add.click()]);
  }
  assert.deepEqual(await slotIds(page), [setup.second.id, setup.first.id]);
  console.log('ok search as you type fills Berita Utama');

  // Drag the chosen lead above the other one.
  await page.goto(base + '/admin/beranda');
  const items = page.locator('.slot-list[data-slot=headline] > li');
  await Promise.all([page.waitForURL((u) => u.searchParams.get('ok') === '1'),
    items.nth(1).dragTo(items.nth(0), { sourcePosition: { x: 2, y: 2 }, targetPosition: { x: 2, y: 2 } })]);
  assert.deepEqual(await slotIds(page), [setup.first.id, setup.second.id]);
  console.log('ok drag reorders');

  // The plain buttons: down, then up again.
  await Promise.all([page.waitForEvent('load'),
    page.getByRole('button', { name: `Turunkan: ${setup.first.headline}` }).click()]);
  assert.deepEqual(await slotIds(page), [setup.second.id, setup.first.id]);
  await Promise.all([page.waitForEvent('load'),
    page.getByRole('button', { name: `Naikkan: ${setup.first.headline}` }).click()]);
  assert.deepEqual(await slotIds(page), [setup.first.id, setup.second.id]);
  console.log('ok up/down buttons reorder');
  await page.screenshot({ path: join(shots, 'beranda-390.png'), fullPage: true });

  // A reader without JavaScript, on a desktop, sees the chosen story first.
  const reader = await context({ width: 1366, height: 900 }, false);
  const home = await reader.newPage();
  await home.goto(base + '/');
  const lead = await home.locator('.teaser-lead .teaser-title a').first().textContent();
  assert.equal(lead.trim(), setup.first.headline);
  const firstStory = await home.locator('main .teaser-title a, main .judul-title a').first().textContent();
  assert.equal(firstStory.trim(), setup.first.headline, 'the chosen story is the first on the page');
  await home.screenshot({ path: join(shots, 'home-curated-1366.png') });
  console.log('ok a reader without JavaScript sees the chosen lead first');

  // Density: at least 12 headlines on the first desktop screen, "Terbaru" beside the lead.
  const onScreen = await home.$$eval('main .teaser-title a, main .judul-title a',
    (links) => links.filter((a) => a.getBoundingClientRect().bottom <= window.innerHeight).length);
  assert.ok(onScreen >= 12, `${onScreen} headlines on the first 1366x900 screen`);
  const beside = await home.evaluate(() => {
    const lead = document.querySelector('.teaser-lead').getBoundingClientRect();
    const latest = document.querySelector('.terbaru').getBoundingClientRect();
    return latest.left >= lead.right && latest.top < lead.bottom;
  });
  assert.ok(beside, 'Terbaru is beside the lead');
  const absolute = await home.locator('.terbaru time').first().textContent();
  assert.match(absolute, /WIB$/, 'without JavaScript the absolute WIB time shows');
  console.log(`ok ${onScreen} headlines on the first desktop screen`);

  // On a phone with JavaScript: the header is at most 15% of the first screen, and the lists
  // show relative times.
  const phone = await context({ width: 390, height: 844 }, true);
  const p = await phone.newPage();
  await p.goto(base + '/');
  const header = await p.evaluate(() => document.querySelector('.site-header').getBoundingClientRect().height);
  assert.ok(header <= 844 * 0.15, `phone header ${header} px > 15% of 844`);
  const relative = await p.locator('.terbaru time').first().textContent();
  assert.match(relative, /^(Baru saja|\d+ menit lalu|\d+ jam lalu)$/, `relative time: ${relative}`);
  const pw = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(pw <= 0, 'no horizontal scroll on the phone home page');
  await p.screenshot({ path: join(shots, 'home-390.png') });
  console.log(`ok phone header ${header} px, relative times`);
  assert.deepEqual(problems, []);
} finally {
  await browser.close();
}
