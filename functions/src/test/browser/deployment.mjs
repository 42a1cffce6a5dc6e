// The page as the AWS deployment serves it, in a real browser, against a local AWS (moto's S3 and Step
// Functions running the workflow file; our functions behind a stand-in for API Gateway): no token, no runs;
// signed in, a story goes to S3 through the upload form, its run is found and followed to the end; the
// portraits and the storyboard's pictures load through signed links; the zip downloads; another tenant
// sees nothing. Usage: node deployment.mjs PAGE_URL SCREENSHOT_DIR CHROMIUM STORY_FILE
// (DeploymentPageTest runs it)
import { chromium } from 'playwright-core';

const [base, shots, executablePath, storyFile] = process.argv.slice(2);
const check = (ok, what) => { if (!ok) throw new Error(what); };
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });

async function signedIn(token) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => console.log('page error: ' + e.message));
  await page.goto(base);
  await page.waitForSelector('#tenant-label:has-text("Sign-in token")');
  await page.waitForSelector('#runs-empty:has-text("sign in")'); // before a token: the API says 401
  await page.fill('#tenant', token);
  await page.click('#tenant-form button');
  await page.waitForSelector('#runs-empty:has-text("No runs yet.")');
  return page;
}

try {
  const acme = await signedIn('pageco');
  check(await acme.locator('#start-example').isHidden(), 'the bundled examples are offered on AWS');

  await acme.setInputFiles('#file', storyFile);
  await acme.click('#upload details summary');
  for (const [id, v] of [['scenes', '3'], ['portraits', '1'], ['seedsPerScene', '1'], ['iterations', '1']])
    await acme.fill('#' + id, v);
  await acme.click('#start');
  await acme.waitForFunction(() => /\(\d{8}-\d{6}-[0-9a-f]{6}\)$/.test(document.getElementById('run-title').textContent));
  console.log('run opened: ' + await acme.textContent('#run-title'));
  await acme.waitForFunction(() => /^done/.test(document.getElementById('run-state').textContent), null,
    { timeout: 480_000 });
  console.log('state: ' + await acme.textContent('#run-state'));
  check(await acme.locator('#stages li.done').count() >= 10, 'every stage done');

  // pictures through signed links: the portraits, then the storyboard's own
  // (the page draws the results once more when the state turns to done: wait for that drawing's portraits)
  const portraitsLoaded = () => [...document.querySelectorAll('#characters img')].map((i) => i.complete && i.naturalWidth > 0);
  await acme.waitForFunction(() => {
    const all = [...document.querySelectorAll('#characters img')];
    return all.length > 0 && all.every((i) => i.complete && i.naturalWidth > 0);
  }, null, { timeout: 60_000 }).catch(async () => check(false, 'portraits that did not load: ' + await acme.evaluate(portraitsLoaded)));
  const portraits = await acme.evaluate(portraitsLoaded);
  await acme.click('#storyboard-panel summary');
  const board = acme.frameLocator('#storyboard-frame');
  await board.locator('img').first().waitFor();
  const frame = acme.frame({ url: 'about:srcdoc' });
  await frame.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 30_000 });
  const boardImages = await frame.$$eval('img', (all) => all.map((i) => i.naturalWidth > 0 || i.getAttribute('src')));
  check(boardImages.length > 0 && boardImages.every((ok) => ok === true), 'storyboard pictures that did not load: ' + boardImages.filter((ok) => ok !== true));
  await acme.waitForFunction(() => document.getElementById('graph-img').naturalWidth > 0); // an SVG: typed on S3
  await acme.waitForSelector('#runs-body tr:has-text("done")'); // the list follows the run too
  await acme.screenshot({ path: shots + '/deployment-run.png', fullPage: true });

  const [download] = await Promise.all([acme.waitForEvent('download'), acme.click('#zip')]);
  await download.saveAs(shots + '/deployment-run.zip');
  check(download.suggestedFilename().endsWith('.zip'), 'the zip is ' + download.suggestedFilename());

  // another tenant: none of it
  const other = await signedIn('otherco');
  check(await other.locator('#runs-body tr').count() === 0, 'another tenant sees runs');
  await browser.close();
  console.log('deployment browser checks passed: ' + portraits.length + ' portraits, ' + boardImages.length
    + ' storyboard pictures through signed links');
} catch (e) {
  console.log('deployment browser checks failed: ' + e.stack);
  await browser.close();
  process.exit(1);
}
