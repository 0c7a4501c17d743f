// The "Masuk" queue in real headless Chromium (Debian's /usr/bin/chromium through
// playwright-core), at phone (390 px) and desktop width: the queue lists the agency items
// without sideways scrolling, "Jadikan draf" opens the editor of a new draft with the agency's
// original text beside it (below it on the phone), and axe-core finds nothing serious.
// Usage: node wire.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON (run by browser_wire.rs)
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [base, shots, setupJson] = process.argv.slice(2);
if (!base || !shots || !setupJson) {
  console.error('usage: node wire.mjs BASE_URL SCREENSHOT_DIR SETUP_JSON');
  process.exit(2);
}
const setup = JSON.parse(setupJson);
mkdirSync(shots, { recursive: true });
const origin = new URL(base).origin;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ARGS, headless: true });
let step = 'start';
const problems = [];
const log = (m) => console.log(`ok ${m}`);

async function accessible(page, what) {
  const violations = await page.evaluate(`${AXE}
;axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
  id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')),
})))`);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.impact} ${v.id}: ${v.nodes.join(' | ')}`), [], `axe on ${what}`);
  log(`axe: ${what} (${violations.length} minor)`);
}

async function sideways(page, what) {
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(over <= 0, `${what} scrolls sideways by ${over}px`);
}

let failed = false;
try {
  for (const [name, width, height, headline] of [['ponsel', 390, 844, setup.phone], ['desktop', 1366, 900, setup.desktop]]) {
    step = `${name}: sign in`;
    const ctx = await browser.newContext({ locale: 'id-ID', timezoneId: 'Asia/Jakarta', viewport: { width, height } });
    ctx.setDefaultTimeout(15000);
    await ctx.route('**/*', (r) => (new URL(r.request().url()).origin === origin ? r.continue() : r.abort()));
    ctx.on('page', (p) => p.on('pageerror', (e) => problems.push(`page error: ${e.message}`)));
    const page = await ctx.newPage();
    await page.goto(base + '/admin/masuk');
    await page.locator('input[name=email]').fill(setup.email);
    await page.locator('input[name=password]').fill(setup.password);
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin'), page.locator('form[action="/admin/masuk"] button[type=submit]').click()]);

    step = `${name}: the queue`;
    await Promise.all([page.waitForURL((u) => u.pathname === '/admin/kawat'), page.locator('nav a[href="/admin/kawat"]').click()]);
    const item = page.locator('.wire-item', { hasText: headline });
    await item.waitFor();
    await sideways(page, `${name} queue`);
    await accessible(page, `${name} queue`);
    await page.screenshot({ path: join(shots, `wire-queue-${name}.png`), fullPage: true });

    step = `${name}: Jadikan draf`;
    await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/admin/artikel/')), item.getByRole('button', { name: 'Jadikan draf' }).click()]);
    assert.equal(await page.locator('#f-headline').inputValue(), headline);
    const panel = page.locator('.wire-original');
    await panel.waitFor();
    assert.ok((await panel.innerText()).includes(setup.agency), 'the agency names the original');
    const [p, e] = [await panel.boundingBox(), await page.locator('.editor-main').boundingBox()];
    if (width < 600) assert.ok(p.y >= e.y + e.height - 1, 'below the text on a phone');
    else assert.ok(p.x >= e.x + e.width - 1, 'beside the text on a desktop');
    await sideways(page, `${name} editor`);
    await page.screenshot({ path: join(shots, `wire-editor-${name}.png`), fullPage: true });
    log(`${name}: the draft opens with the original ${width < 600 ? 'below' : 'beside'} it`);

    step = `${name}: back in the queue`;
    await page.goto(base + '/admin/kawat');
    await page.locator('.wire-item', { hasText: headline }).getByRole('link', { name: 'Buka draf' }).waitFor();
    await ctx.close();
  }
  assert.deepEqual(problems, [], 'no page errors');
} catch (e) {
  failed = true;
  console.error(`FAILED at step "${step}": ${e.message}`);
  if (problems.length) console.error(`also: ${problems.join('\n')}`);
} finally {
  await browser.close();
}
if (failed) process.exit(1);
console.log('wire: all checks passed');
