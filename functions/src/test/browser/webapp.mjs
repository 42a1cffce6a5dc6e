// The web app as a person uses it, in a real browser: labelled controls; a bad upload, typed and
// sent by keyboard alone, shows its error and starts nothing; a story goes through every stage
// (with a reload mid-run); a portrait opens; the zip downloads; another tenant sees none of it, in
// the page or through the API; the page at phone width.
// Usage: node webapp.mjs BASE_URL SCREENSHOT_DIR CHROMIUM STORY_FILE  (WebAppBrowserTest runs it)
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const [base, shots, executablePath, storyFile] = process.argv.slice(2);
const check = (ok, what) => { if (!ok) throw new Error(what); };
const stamp = Date.now().toString(36);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });

async function pageOf(tenant) {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addCookies([{ name: 'lemon-tenant', value: tenant, url: base }]);
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  await page.goto(base);
  return page;
}

try {
  const alice = await pageOf('alice-' + stamp);

  // every control has a label
  const unlabelled = await alice.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
    .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id || e.name));
  check(unlabelled.length === 0, 'controls without a label: ' + unlabelled);

  // a bad upload, by keyboard alone: its error beside the field, no run
  await alice.focus('#text');
  await alice.keyboard.type('Too short to be a story.');
  for (let i = 0; i < 20 && await alice.evaluate(() => document.activeElement.id) !== 'start'; i++)
    await alice.keyboard.press('Tab');
  check(await alice.evaluate(() => document.activeElement.id) === 'start', 'Start cannot be reached with Tab');
  await alice.keyboard.press('Enter');
  await alice.waitForSelector('#story-error:has-text("a story needs at least")');
  await alice.waitForSelector('#runs-empty:not([hidden])');
  check(await alice.locator('#runs-body tr').count() === 0, 'a refused story started a run');
  await alice.screenshot({ path: shots + '/1-bad-upload.png', fullPage: true });

  // a story through every stage, reloaded once it has begun
  await alice.fill('#text', '');
  await alice.setInputFiles('#file', storyFile);
  await alice.click('summary:has-text("Options")');
  for (const [field, value] of [['#scenes', '2'], ['#portraits', '2'], ['#seedsPerScene', '1'], ['#iterations', '1']])
    await alice.fill(field, value);
  await alice.click('#start');
  await alice.waitForFunction(() => document.getElementById('log').textContent.includes('ingest'));
  await alice.reload();
  await alice.waitForFunction(() => document.getElementById('log').textContent.includes('[1/'));
  await alice.waitForFunction(() => /^done/.test(document.getElementById('run-state').textContent), null,
    { timeout: 480_000 });
  const stages = await alice.locator('#stages li').allTextContents();
  check(stages.length >= 6 && stages.every((s) => s.includes(': done')), 'not every stage is done: ' + stages);
  await alice.screenshot({ path: shots + '/2-run-done.png', fullPage: true });
  const runId = decodeURIComponent(new URL(alice.url()).hash.replace('#run=', ''));

  // a portrait opens, with its alt text
  await alice.locator('.portraits button').first().click();
  await alice.waitForSelector('#viewer[open]');
  check(await alice.locator('#viewer-img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the portrait did not load');
  check((await alice.locator('#viewer-img').getAttribute('alt')).startsWith('portrait 1 of'), 'the portrait has no alt text');
  await alice.screenshot({ path: shots + '/3-portrait.png' });
  await alice.click('#viewer button');

  // the zip downloads
  const [download] = await Promise.all([alice.waitForEvent('download'), alice.click('#zip')]);
  await download.saveAs(shots + '/run.zip');
  check(fs.statSync(shots + '/run.zip').size > 1000, 'the zip is nearly empty');

  // another tenant sees none of it
  const bob = await pageOf('bob-' + stamp);
  await bob.waitForSelector('#runs-empty:not([hidden])');
  check(!(await bob.content()).includes(runId), "bob's page shows alice's run");
  const status = await bob.evaluate(async (id) => (await fetch('/api/runs/' + id)).status, runId);
  check(status === 404, "bob read alice's run through the API: " + status);
  await bob.screenshot({ path: shots + '/4-other-tenant.png', fullPage: true });

  // phone width: readable, no sideways scrolling
  await alice.setViewportSize({ width: 390, height: 844 });
  const tooWide = await alice.evaluate(() => [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap, .log'))
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')));
  check(tooWide.length === 0, 'wider than a phone: ' + tooWide.slice(0, 8).join(', '));
  await alice.screenshot({ path: shots + '/5-phone.png', fullPage: true });
  console.log('browser checks passed on run ' + runId);
} finally {
  await browser.close();
}
