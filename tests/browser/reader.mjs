// Reader-site end-to-end test in real headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core; never a downloaded browser). JavaScript is OFF: reader pages must work without it.
// Usage: node reader.mjs BASE_URL SCREENSHOT_DIR   (run by crates/warta/tests/it/browser.rs)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error('usage: node reader.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};

let step = 'start';
const path = (page) => new URL(page.url()).pathname;
const text = async (page, sel) => ((await page.locator(sel).first().textContent()) ?? '').trim();

async function noOverflow(page) {
  const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(sw <= iw, `horizontal overflow on ${path(page)}: scrollWidth ${sw} > innerWidth ${iw}`);
}

async function oneH1(page) {
  assert.equal(await page.locator('h1').count(), 1, `exactly one h1 on ${path(page)}`);
  assert.notEqual(await text(page, 'h1'), '', `h1 has text on ${path(page)}`);
}

// A real click on the first match of `sel`, then wait until the linked page has loaded.
async function follow(page, sel) {
  const link = page.locator(sel).first();
  const href = await link.getAttribute('href');
  assert.ok(href, `a link matching ${sel} on ${path(page)}`);
  const target = new URL(href, page.url()).pathname;
  await link.click();
  await page.waitForURL((u) => u.pathname === target);
  await page.waitForLoadState('load');
  return target;
}

async function run(name, dir) {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, args: ARGS, headless: true, javaScriptEnabled: false,
    locale: 'id-ID', timezoneId: 'Asia/Jakarta', ...DEVICES[name],
  });
  const problems = [];
  // Only this server is reached: everything else (embeds, fonts) is aborted, never fetched.
  await context.route('**/*', (r) => (new URL(r.request().url()).origin === origin ? r.continue() : r.abort()));
  context.on('response', (r) => {
    const u = new URL(r.url());
    if (u.origin === origin && r.status() >= 400 && u.pathname !== '/berita/tidak-ada') problems.push(`${r.status()} ${u.pathname}`);
  });
  context.on('requestfailed', (r) => {
    // ERR_ABORTED is the browser cancelling, not the server failing: leaving a page while its
    // lazy photos still load (the server is busy encoding the demo's AVIF files meanwhile).
    if (r.failure()?.errorText === 'net::ERR_ABORTED' && r.resourceType() === 'image') return;
    if (new URL(r.url()).origin === origin) problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  try {
    step = `${name}: home`;
    const res = await page.goto(base + '/', { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');
    await oneH1(page);
    assert.ok((await page.locator('.teaser').count()) > 0, 'home lists teasers');
    await noOverflow(page);
    await page.screenshot({ path: join(shots, `home-${name}.png`), fullPage: true });

    step = `${name}: article (clicked from the first teaser)`;
    const articlePath = await follow(page, '.teaser-title a');
    assert.match(articlePath, /^\/berita\//);
    await oneH1(page);
    assert.match(await text(page, '.dateline'), /^[A-Z .'-]+, .+ –$/, 'dateline like "JAKARTA, Warta –"');
    assert.ok((await page.locator('figure figcaption', { hasText: 'Foto:' }).count()) > 0, 'a figcaption with "Foto:"');
    const noAlt = await page.locator('img:not([alt])').count();
    assert.equal(noAlt, 0, 'every img has alt');
    // The photo itself, not the blurred placeholder behind it; the browser picks AVIF or WebP.
    const hero = await page.locator('figure.hero picture img').evaluate((i) => ({ ok: i.complete, w: i.naturalWidth, src: i.currentSrc }));
    assert.ok(hero.ok && hero.w > 0, `hero image loaded (${hero.src}, naturalWidth ${hero.w})`);
    assert.match(hero.src, /\.(avif|webp)$/, `hero served as AVIF or WebP (${hero.src})`);
    const placeholders = await page.locator('img.lqip-ph').evaluateAll((els) => els.map((i) => i.alt === '' && i.getAttribute('aria-hidden') === 'true'));
    assert.ok(placeholders.every(Boolean), 'placeholders are decorative (empty alt, aria-hidden)');
    await noOverflow(page);
    await page.screenshot({ path: join(shots, `article-${name}.png`), fullPage: true });
    const published = ((await page.locator('time[datetime]').first().getAttribute('datetime')) ?? '').slice(0, 10);

    if ((await page.locator('.baca-juga a').count()) > 0) {
      step = `${name}: "Baca juga" link`;
      await follow(page, '.baca-juga a');
      await oneH1(page);
      // Not goBack(): restoring the scroll position races with the next click.
      await page.goto(base + articlePath, { waitUntil: 'load' });
    }

    step = `${name}: rubrik page (clicked from the breadcrumb)`;
    const rubrik = await follow(page, '.breadcrumb li:last-child a');
    assert.match(rubrik, /^\/rubrik\//);
    await oneH1(page);
    assert.ok((await page.locator('.teaser').count()) > 0, 'rubrik page lists teasers');
    await noOverflow(page);

    step = `${name}: Indeks (from the navigation)`;
    await follow(page, '.site-nav a[href="/indeks"]');
    await oneH1(page);
    await noOverflow(page);

    step = `${name}: Indeks date form`;
    const day = /^\d{4}-\d{2}-\d{2}$/.test(published) ? published : new Date().toISOString().slice(0, 10);
    await page.locator('input[name="tanggal"]').fill(day);
    await page.locator('.indeks-form button[type="submit"]').click();
    await page.waitForURL((u) => u.searchParams.has('tanggal'));
    await page.waitForLoadState('load');
    assert.ok(page.url().includes(`tanggal=${day}`), `URL carries tanggal=${day}: ${page.url()}`);
    await oneH1(page);
    assert.ok((await page.locator('.teaser').count()) > 0, `the index of ${day} lists the article published that day`);

    step = `${name}: 404 page`;
    const missing = await page.goto(base + '/berita/tidak-ada', { waitUntil: 'load' });
    assert.equal(missing.status(), 404);
    assert.equal(await text(page, 'h1'), 'Halaman tidak ditemukan');
    await noOverflow(page);

    step = `${name}: same-origin requests`;
    assert.deepEqual(problems, [], 'no same-origin request failed or returned an error');
    console.log(`ok ${name}: home, article ${articlePath}, rubrik ${rubrik}, indeks ${day}, 404`);
  } finally {
    await context.close();
  }
}

const profiles = [];
let failed = false;
try {
  for (const name of Object.keys(DEVICES)) {
    const dir = mkdtempSync(join(tmpdir(), `warta-chromium-${name}-`));
    profiles.push(dir);
    await run(name, dir);
  }
} catch (e) {
  failed = true;
  console.error(`FAILED at step "${step}": ${e.message}`);
} finally {
  for (const d of profiles) rmSync(d, { recursive: true, force: true });
}
if (failed) process.exit(1);
console.log(`browser: all checks passed; screenshots in ${shots}`);
