// Soak test of `lemon serve` (issue 13; not in the default test run): N stories uploaded at once
// through the API by two tenants, each followed on its own event stream as its page would. Prints
// per run its state, seconds, lines received and the longest silence between two lines, then
// whether every run completed, whether any run carries another's story or shows in the other
// tenant's list, and the totals.
// Usage: ./lemon serve & node functions/src/test/browser/soak.mjs [BASE_URL] [N] [SHARED_DIR]
import fs from 'node:fs';
import path from 'node:path';

const base = process.argv[2] || 'http://127.0.0.1:8080';
const n = Number(process.argv[3] || 10);
const shared = process.argv[4] || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../shared');
const options = 'scenes=4&portraits=2&seedsPerScene=1&iterations=1';
const stamp = Date.now().toString(36);
const tenants = ['soak-a-' + stamp, 'soak-b-' + stamp];

const files = ['tales', 'new-stories'].flatMap((d) => fs.readdirSync(path.join(shared, 'data', d))
  .filter((f) => f.endsWith('.txt')).map((f) => path.join(shared, 'data', d, f)));
if (files.length === 0) throw new Error('no stories under ' + shared + '/data');

async function follow(run) {
  const r = await fetch(`${base}/api/runs/${run.runId}/events`, { headers: { 'X-Lemon-Tenant': run.tenant } });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of r.body) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut;
    while ((cut = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 1);
      if (!line.startsWith('data:')) continue;
      const event = JSON.parse(line.slice(5));
      const now = Date.now();
      run.maxGap = Math.max(run.maxGap, now - run.lastAt);
      run.lastAt = now;
      run.lines++;
      if (event.last) { run.end = event.text; return; }
    }
  }
}

const t0 = Date.now();
const runs = await Promise.all(Array.from({ length: n }, async (_, i) => {
  const file = files[i % files.length];
  const tenant = tenants[i % 2];
  const bytes = fs.readFileSync(file);
  const r = await fetch(`${base}/api/runs?fileName=${path.basename(file)}&${options}`, {
    method: 'POST', headers: { 'X-Lemon-Tenant': tenant, 'Content-Type': 'text/plain' }, body: bytes,
  });
  if (r.status !== 202) throw new Error(`${file}: ${r.status} ${await r.text()}`);
  const title = bytes.toString('utf8').split('\n').find((l) => l.trim()).trim();
  return { runId: (await r.json()).runId, tenant, file: path.basename(file), title, lines: 0, maxGap: 0, lastAt: Date.now() };
}));
await Promise.all(runs.map(follow));
const seconds = (Date.now() - t0) / 1000;

let mixed = 0, done = 0;
console.log('run                      tenant  story                            end     lines  longest silence (s)');
for (const run of runs) {
  const view = await (await fetch(`${base}/api/runs/${run.runId}`, { headers: { 'X-Lemon-Tenant': run.tenant } })).json();
  const other = tenants.find((t) => t !== run.tenant);
  const leak = await fetch(`${base}/api/runs/${run.runId}`, { headers: { 'X-Lemon-Tenant': other } });
  const wrongStory = !run.title.toLowerCase().includes(String(view.title).toLowerCase().slice(0, 12));
  if (leak.status !== 404 || wrongStory) mixed++;
  if (view.state === 'done') done++;
  console.log(`${run.runId}  ${run.tenant.slice(0, 6)}  ${run.file.padEnd(32)} ${String(run.end).padEnd(7)} ${String(run.lines).padStart(5)}  ${(run.maxGap / 1000).toFixed(1)}`);
}
const gaps = runs.map((r) => r.maxGap / 1000).sort((a, b) => a - b);
console.log(`${n} uploads at once: ${done} done, ${mixed} mixed up (another tenant could read it, or its title is not its story's), `
  + `${seconds.toFixed(0)} s in all (${(seconds / n).toFixed(0)} s per run); longest silence on a stream: median ${gaps[Math.floor(n / 2)].toFixed(1)} s, max ${gaps[n - 1].toFixed(1)} s`);
process.exit(done === n && mixed === 0 ? 0 : 1);
