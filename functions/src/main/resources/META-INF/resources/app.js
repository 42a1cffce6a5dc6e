// The LeMon page: plain JavaScript over the API at /api (documented at /q/openapi). The tenant is a
// cookie, so the page's fetches, its event stream and its links to a run's files all carry it.
// Served by the AWS deployment (its config.json says so), the same page talks to the deployment's API
// instead: the caller's sign-in token on every call, the story posted straight to S3 through an upload
// form, the run's state polled, its files read through signed links.
'use strict';

const $ = (id) => document.getElementById(id);
let limits = { maxBytes: 2097152, minWords: 50 };
let deployment = null; // the deployment's config.json when the page is served on AWS
let current = null; // { runId, events, links }
let refreshTimer = null;
const POLL_MS = 3000;

function token() {
  return sessionStorage.getItem('lemon-token') || '';
}

function tenant() {
  const m = document.cookie.match(/(?:^|;\s*)lemon-tenant=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : 'local';
}

// Where the server asks for tokens (lemon.web.tokens), the field takes a token instead of a name.
function setTenant(t) {
  if (deployment) { sessionStorage.setItem('lemon-token', t); return; }
  const name = limits.tokens ? 'lemon-token' : 'lemon-tenant';
  document.cookie = name + '=' + encodeURIComponent(t) + '; path=/; SameSite=Strict';
}

async function api(path, options = {}) {
  if (deployment) options.headers = Object.assign({}, options.headers, { Authorization: 'Bearer ' + token() });
  const r = await fetch((deployment ? '' : '/api') + path, options);
  if (!r.ok) {
    let why = r.status + ' ' + r.statusText;
    try { const j = await r.json(); why = j.error || j.message || why; } catch (e) { /* not JSON */ }
    if (deployment && r.status === 401 && !token()) why = 'sign in: paste your sign-in token (an ID token) above';
    throw new Error(why);
  }
  return r.status === 204 || r.status === 202 && !(r.headers.get('content-type') || '').includes('json')
    ? null : r.json();
}

// The checks ingest makes (StoryIngest), made here before anything is sent; the server checks again.
function checkStory(bytes, name) {
  if (!/\.(txt|md)$/i.test(name)) return `'${name}' is not a story file: upload text as .txt or Markdown as .md`;
  if (bytes.length === 0) return `${name} is empty (0 bytes)`;
  if (bytes.length > limits.maxBytes) return `${name} is ${bytes.length} bytes, larger than the ${limits.maxBytes}-byte cap`;
  let text;
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  try {
    text = new TextDecoder(utf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    return `${name} is not UTF-8 text; save it as UTF-8 and upload it again`;
  }
  const controls = (text.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g) || []).length;
  if (controls > Math.max(8, text.length / 100)) return `${name} looks binary (${controls} control characters); upload a UTF-8 text or Markdown file`;
  if (!text.trim()) return `${name} contains only whitespace`;
  const words = text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  if (words < limits.minWords) return `${name} has ${words} words; a story needs at least ${limits.minWords}`;
  return null;
}

async function storyToSend() {
  const file = $('file').files[0];
  if (file) return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  return { name: 'pasted.txt', bytes: new TextEncoder().encode($('text').value) };
}

async function start(event, example) {
  event.preventDefault();
  const error = $('story-error');
  error.textContent = '';
  const q = new URLSearchParams();
  let body = '';
  if (example) {
    q.set('example', example); // a bundled story: nothing to upload
  } else {
    const story = await storyToSend();
    const problem = checkStory(story.bytes, story.name);
    if (problem) { error.textContent = problem; return; }
    q.set('fileName', story.name);
    body = story.bytes;
  }
  for (const k of ['scenes', 'portraits', 'seedsPerScene', 'iterations', 'style', 'budget']) {
    const v = $(k).value.trim();
    if (v) q.set(k, v);
  }
  $('start').disabled = true;
  if (deployment) {
    try {
      await upload(await storyToSend(), q);
      $('upload-form').reset();
    } catch (e) {
      error.textContent = e.message;
    } finally {
      $('start').disabled = false;
    }
    return;
  }
  try {
    const r = await api('/runs?' + q, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body });
    $('upload-form').reset();
    openRun(r.runId);
    listRuns();
  } catch (e) {
    error.textContent = e.message;
  } finally {
    $('start').disabled = false;
  }
}

// On AWS: an upload form from the API, the story posted to S3 with it, then the run the upload starts.
async function upload(story, q) {
  const options = {};
  for (const [k, v] of q) if (k !== 'fileName') options[k] = k === 'style' ? v : Number(v);
  const r = await api('/upload-url', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ fileName: story.name, options }),
  });
  const form = new FormData();
  for (const [k, v] of Object.entries(r.form.fields)) form.append(k, v);
  form.append('file', new Blob([story.bytes]), story.name); // S3 takes the file last
  const stored = await fetch(r.form.url, { method: 'POST', body: form });
  if (!stored.ok) throw new Error('the store refused the upload (' + stored.status + '); ask for a new form and try again');
  // the runs API names an upload from inside the tenant's folder: uploads/<id>/<file>
  awaitRun('uploads/' + r.form.key.split('/').slice(2).join('/'), story.name);
}

// Until the workflow has made the run from the upload: its row, then the run itself (or why it was refused).
function awaitRun(upload, name) {
  if (current && current.events) current.events.close();
  current = { runId: null, upload };
  $('run').hidden = false;
  $('run-title').textContent = name;
  $('run-state').textContent = 'uploaded; waiting for the workflow to start it';
  $('stages').replaceChildren();
  $('results').hidden = true;
  const poll = async () => {
    if (!current || current.upload !== upload || current.runId) return;
    try {
      const row = (await api('/runs')).find((r) => r.upload === upload);
      if (row && row.runId) { openRun(row.runId); listRuns(); return; }
      if (row && row.state === 'refused') { $('run-state').textContent = 'refused: ' + row.error; listRuns(); return; }
      if (row) $('run-state').textContent = row.state === 'starting' ? 'the workflow is reading the story' : 'uploaded; waiting for the workflow to start it';
    } catch (e) {
      $('run-state').textContent = e.message;
    }
    setTimeout(poll, POLL_MS);
  };
  poll();
}

function fileUrl(runId, path) {
  if (deployment) return (current && current.runId === runId && current.links && current.links[path]) || '';
  return '/api/runs/' + encodeURIComponent(runId) + '/files/' + path.split('/').map(encodeURIComponent).join('/');
}

function openRun(runId) {
  if (current && current.events) current.events.close();
  current = { runId, events: null, links: {} };
  history.replaceState(null, '', '#run=' + encodeURIComponent(runId));
  $('run').hidden = false;
  $('run-title').textContent = 'Run ' + runId;
  $('log').textContent = '';
  $('results').hidden = true;
  $('zip').href = deployment ? '#' : '/api/runs/' + encodeURIComponent(runId) + '/zip';
  if (!deployment) follow(runId);
  refreshRun();
}

// The run's lines from the first (a reload gets them all again), then live; the browser reconnects
// with the last line's id after a dropped connection.
function follow(runId) {
  const events = new EventSource('/api/runs/' + encodeURIComponent(runId) + '/events');
  current.events = events;
  events.onmessage = (m) => {
    const line = JSON.parse(m.data);
    const log = $('log');
    log.textContent += line.text + '\n';
    log.scrollTop = log.scrollHeight;
    scheduleRefresh();
    if (line.last) { events.close(); refreshRun(); listRuns(); }
  };
}

function scheduleRefresh(ms = 700) {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshRun(); }, ms);
}

async function refreshRun() {
  if (!current) return;
  const runId = current.runId;
  let v;
  try {
    v = await api('/runs/' + encodeURIComponent(runId));
  } catch (e) {
    $('run-state').textContent = e.message;
    return;
  }
  if (!current || current.runId !== runId) return;
  current.links = v.links || {};
  if (deployment) {
    if (['running', 'queued'].includes(v.state)) scheduleRefresh(POLL_MS);
    if (current.state !== v.state) listRuns(); // the list has no stream to tell it
    current.state = v.state;
  }
  $('run-title').textContent = v.title ? v.title + ' (' + runId + ')' : 'Run ' + runId;
  $('run-state').textContent = v.state + (v.stages ? ` — ${v.stagesDone} of ${v.stages} stages, ${v.seconds} s` : '')
    + (v.costUsd ? `, $${v.costUsd.toFixed(4)}` : '') + (v.error ? ' — ' + v.error : '')
    + (v.progress ? ' — ' + v.progress : ''); // on AWS: the running engine task's latest line
  $('cancel').hidden = !['queued', 'running'].includes(v.state);
  $('resume').hidden = !['failed', 'interrupted', 'stopped'].includes(v.state);
  const stages = $('stages');
  stages.replaceChildren(...v.stageList.map((s) => {
    const li = document.createElement('li');
    li.className = s.status;
    li.textContent = s.name + ': ' + s.status + (s.millis != null ? ` (${(s.millis / 1000).toFixed(1)} s)` : '');
    if (s.error) li.title = s.error;
    return li;
  }));
  showResults(runId, v.files, v.state);
}

// Drawn again only when the run's files or state change: on AWS every poll signs new links, and
// drawing each time would fetch every portrait again every few seconds.
async function showResults(runId, files, state) {
  const key = [runId, state, ...files].join('|');
  if (current.shown === key) return;
  current.shown = key;
  try {
    await drawResults(runId, files);
  } catch (e) {
    if (current) current.shown = null; // try again on the next refresh
    throw e;
  }
}

async function drawResults(runId, files) {
  const has = (f) => files.includes(f);
  $('results').hidden = !has('descriptions.json') && !has('report.html');
  for (const [id, f] of [['storyboard-link', 'storyboard.html'], ['report-link', 'report.html'], ['sheet-link', 'storyboard.png']]) {
    $(id).hidden = !has(f);
    $(id).href = fileUrl(runId, f);
  }
  $('storyboard-panel').hidden = !has('storyboard.html');
  if (deployment) {
    await signedPages(runId, has);
  } else {
    const board = has('storyboard.html') ? fileUrl(runId, 'storyboard.html') : 'about:blank';
    if ($('storyboard-frame').getAttribute('src') !== board) $('storyboard-frame').setAttribute('src', board);
  }
  $('graph').hidden = !has('graph.svg');
  $('graph-img').src = has('graph.svg') ? fileUrl(runId, 'graph.svg') : '';
  if (!has('descriptions.json')) return;
  const descriptions = await (await fetch(fileUrl(runId, 'descriptions.json'))).json();
  const portraits = has('portraits.json') ? await (await fetch(fileUrl(runId, 'portraits.json'))).json() : [];
  const matches = has('matches.json') ? await (await fetch(fileUrl(runId, 'matches.json'))).json() : [];
  const examplesOf = (id) => ((matches.find((m) => m.characterId === id) || {}).matches || [])
    .map((m) => `${m.character} (${m.script}${m.score ? ', ' + m.score.toFixed(2) : ''})`);
  $('characters').replaceChildren(...descriptions.map((d) => {
    const card = document.createElement('article');
    card.className = 'character';
    const h = document.createElement('h4');
    h.textContent = d.name;
    const p = document.createElement('p');
    p.textContent = d.description;
    card.append(h, p);
    const examples = examplesOf(d.characterId);
    if (examples.length || (d.exampleIds && d.exampleIds.length)) {
      const ex = document.createElement('p');
      ex.textContent = 'Written from the C.D. examples: ' + (examples.length ? examples : d.exampleIds).join('; ');
      card.append(ex);
    }
    if (d.storyCues && d.storyCues.length) {
      const cues = document.createElement('p');
      cues.textContent = 'From the story: ' + d.storyCues.map((c) => c.value).join('; ');
      card.append(cues);
    }
    const row = document.createElement('div');
    row.className = 'portraits';
    for (const pt of portraits.filter((x) => x.characterId === d.characterId)) {
      const b = document.createElement('button');
      b.type = 'button';
      const img = document.createElement('img');
      img.src = fileUrl(runId, pt.file);
      img.alt = `portrait ${pt.index + 1} of ${d.name}`;
      b.append(img);
      b.addEventListener('click', () => view(img.src, img.alt));
      row.append(b);
    }
    card.append(row);
    return card;
  }));
}

// On AWS a page's relative links to the run's pictures would miss their signatures: the storyboard and the
// report are read once and shown with each link replaced by its signed one.
async function signedPages(runId, has) {
  const key = runId + has('storyboard.html') + has('report.html'); // read again only when one appears
  if (current.pages === key) return;
  current.pages = key;
  const links = current.links;
  const signed = async (f) => {
    const html = await (await fetch(links[f])).text();
    return html.replace(/(src|href)="([^"#?:]+)"/g, (all, attr, path) => (links[path] ? `${attr}="${links[path]}"` : all));
  };
  if (has('storyboard.html')) {
    const html = await signed('storyboard.html');
    $('storyboard-frame').srcdoc = html;
    $('storyboard-link').href = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  }
  if (has('report.html')) $('report-link').href = URL.createObjectURL(new Blob([await signed('report.html')], { type: 'text/html' }));
}

function view(src, title) {
  $('viewer-title').textContent = title;
  $('viewer-img').src = src;
  $('viewer-img').alt = title;
  $('viewer').showModal();
}

async function listRuns() {
  let rows;
  try {
    rows = await api('/runs');
  } catch (e) {
    $('runs-empty').hidden = false;
    $('runs-empty').textContent = e.message;
    return;
  }
  $('runs-empty').hidden = rows.length > 0;
  $('runs-empty').textContent = 'No runs yet.';
  $('runs-body').replaceChildren(...rows.map((r) => {
    const tr = document.createElement('tr');
    const cell = (text) => { const td = document.createElement('td'); td.textContent = text; tr.append(td); return td; };
    cell(r.title || r.runId);
    cell(r.state + (r.runId || !r.error ? '' : ': ' + r.error));
    cell(r.stages ? r.stagesDone + '/' + r.stages : '');
    cell(r.seconds ? r.seconds + ' s' : '');
    cell(r.costUsd ? '$' + r.costUsd.toFixed(4) : '');
    const actions = cell('');
    const button = (label, fn) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.setAttribute('aria-label', label + ' ' + (r.title || r.runId));
      b.addEventListener('click', fn);
      actions.append(b);
    };
    if (!r.runId) return tr; // an upload the workflow has not made a run of (yet)
    button('Open', () => openRun(r.runId));
    if (!['queued', 'running', 'stopping'].includes(r.state)) {
      button('Delete', async () => {
        if (!confirm(`Delete run "${r.title || r.runId}" and everything it made?`)) return;
        try {
          await api('/runs/' + encodeURIComponent(r.runId), { method: 'DELETE' });
          if (current && current.runId === r.runId) { $('run').hidden = true; current = null; history.replaceState(null, '', '#'); }
        } catch (e) { alert(e.message); }
        listRuns();
      });
    }
    return tr;
  }));
}

function wireDrop() {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files.length) { $('file').files = e.dataTransfer.files; $('story-error').textContent = ''; }
  });
}

document.addEventListener('DOMContentLoaded', async () => {
  $('tenant-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!$('tenant').checkValidity()) { $('tenant').reportValidity(); return; }
    setTenant($('tenant').value);
    $('run').hidden = true;
    current = null;
    history.replaceState(null, '', '#');
    listRuns();
  });
  $('upload-form').addEventListener('submit', start);
  $('start-example').addEventListener('click', (e) => start(e, $('example').value));
  $('cancel').addEventListener('click', async () => {
    const verb = deployment ? '/stop' : '/cancel';
    await api('/runs/' + encodeURIComponent(current.runId) + verb, { method: 'POST' }).catch((e) => alert(e.message));
    refreshRun();
  });
  $('zip').addEventListener('click', async (e) => {
    if (!deployment) return; // the local server sends the zip itself
    e.preventDefault();
    try { location.href = (await api('/runs/' + encodeURIComponent(current.runId) + '/zip', { method: 'POST' })).url; } catch (err) { alert(err.message); }
  });
  $('resume').addEventListener('click', async () => {
    try { await api('/runs/' + encodeURIComponent(current.runId) + '/resume', { method: 'POST' }); openRun(current.runId); } catch (e) { alert(e.message); }
  });
  wireDrop();
  try {
    const config = await fetch('config.json');
    if (config.ok) deployment = await config.json();
  } catch (e) { /* served by ./lemon serve */ }
  if (deployment) {
    limits = deployment;
    $('tenant-label').textContent = 'Sign-in token';
    $('tenant').value = token();
    $('log').closest('details').hidden = true; // the deployment keeps its progress lines in its logs
    $('start-example').closest('span').hidden = true;
  } else {
    try { limits = await api('/limits'); } catch (e) { /* the defaults above */ }
  }
  $('example').replaceChildren(...(limits.examples || []).map((name) => new Option(name, name)));
  if (limits.tokens || deployment) {
    if (!deployment) $('tenant-label').textContent = 'Token';
    $('tenant').type = 'password';
    $('tenant').removeAttribute('pattern');
    $('tenant').removeAttribute('title');
    $('tenant').autocomplete = 'current-password';
  } else if (!deployment) {
    $('tenant').value = tenant();
  }
  if (limits.llm) $('llm').textContent = 'Characters are found and described by: ' + limits.llm + ' (as the server is configured).';
  listRuns();
  const m = location.hash.match(/run=([^&]+)/);
  if (m) openRun(decodeURIComponent(m[1]));
});
