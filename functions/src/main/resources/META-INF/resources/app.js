// The LeMon page: plain JavaScript over the API at /api (documented at /q/openapi). The tenant is a
// cookie, so the page's fetches, its event stream and its links to a run's files all carry it.
'use strict';

const $ = (id) => document.getElementById(id);
let limits = { maxBytes: 2097152, minWords: 50 };
let current = null; // { runId, events }
let refreshTimer = null;

function tenant() {
  const m = document.cookie.match(/(?:^|;\s*)lemon-tenant=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : 'local';
}

// Where the server asks for tokens (lemon.web.tokens), the field takes a token instead of a name.
function setTenant(t) {
  const name = limits.tokens ? 'lemon-token' : 'lemon-tenant';
  document.cookie = name + '=' + encodeURIComponent(t) + '; path=/; SameSite=Strict';
}

async function api(path, options = {}) {
  const r = await fetch('/api' + path, options);
  if (!r.ok) {
    let why = r.status + ' ' + r.statusText;
    try { why = (await r.json()).error || why; } catch (e) { /* not JSON */ }
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

function fileUrl(runId, path) {
  return '/api/runs/' + encodeURIComponent(runId) + '/files/' + path.split('/').map(encodeURIComponent).join('/');
}

function openRun(runId) {
  if (current && current.events) current.events.close();
  current = { runId, events: null };
  history.replaceState(null, '', '#run=' + encodeURIComponent(runId));
  $('run').hidden = false;
  $('run-title').textContent = 'Run ' + runId;
  $('log').textContent = '';
  $('results').hidden = true;
  $('zip').href = '/api/runs/' + encodeURIComponent(runId) + '/zip';
  follow(runId);
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

function scheduleRefresh() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; refreshRun(); }, 700);
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
  $('run-title').textContent = v.title ? v.title + ' (' + runId + ')' : 'Run ' + runId;
  $('run-state').textContent = v.state + (v.stages ? ` — ${v.stagesDone} of ${v.stages} stages, ${v.seconds} s` : '')
    + (v.costUsd ? `, $${v.costUsd.toFixed(4)}` : '') + (v.error ? ' — ' + v.error : '');
  $('cancel').hidden = !['queued', 'running'].includes(v.state);
  $('resume').hidden = !['failed', 'interrupted'].includes(v.state);
  const stages = $('stages');
  stages.replaceChildren(...v.stageList.map((s) => {
    const li = document.createElement('li');
    li.className = s.status;
    li.textContent = s.name + ': ' + s.status + (s.millis != null ? ` (${(s.millis / 1000).toFixed(1)} s)` : '');
    if (s.error) li.title = s.error;
    return li;
  }));
  showResults(runId, v.files);
}

async function showResults(runId, files) {
  const has = (f) => files.includes(f);
  $('results').hidden = !has('descriptions.json') && !has('report.html');
  for (const [id, f] of [['storyboard-link', 'storyboard.html'], ['report-link', 'report.html'], ['sheet-link', 'storyboard.png']]) {
    $(id).hidden = !has(f);
    $(id).href = fileUrl(runId, f);
  }
  $('storyboard-panel').hidden = !has('storyboard.html');
  const board = has('storyboard.html') ? fileUrl(runId, 'storyboard.html') : 'about:blank';
  if ($('storyboard-frame').getAttribute('src') !== board) $('storyboard-frame').setAttribute('src', board);
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
    cell(r.state);
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
  $('cancel').addEventListener('click', async () => { await api('/runs/' + encodeURIComponent(current.runId) + '/cancel', { method: 'POST' }).catch((e) => alert(e.message)); refreshRun(); });
  $('resume').addEventListener('click', async () => {
    try { await api('/runs/' + encodeURIComponent(current.runId) + '/resume', { method: 'POST' }); openRun(current.runId); } catch (e) { alert(e.message); }
  });
  wireDrop();
  try { limits = await api('/limits'); } catch (e) { /* the defaults above */ }
  $('example').replaceChildren(...(limits.examples || []).map((name) => new Option(name, name)));
  if (limits.tokens) {
    $('tenant-label').textContent = 'Token';
    $('tenant').type = 'password';
    $('tenant').removeAttribute('pattern');
    $('tenant').removeAttribute('title');
    $('tenant').autocomplete = 'current-password';
  } else {
    $('tenant').value = tenant();
  }
  if (limits.llm) $('llm').textContent = 'Characters are found and described by: ' + limits.llm + ' (as the server is configured).';
  listRuns();
  const m = location.hash.match(/run=([^&]+)/);
  if (m) openRun(decodeURIComponent(m[1]));
});
