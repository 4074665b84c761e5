/// The dashboard's script (`/dashboard/app.js`): plain JavaScript, no framework, no build step, no external requests. It reads the JSON API with the bearer token kept in `sessionStorage`, polls every few seconds while the tab is visible, and only ever asks for one page of jobs.
enum DashboardScript {
    static let text = #"""
// geotool dashboard: plain JavaScript, no build step, no external requests. Reads the JSON API of
// `geotool serve` (bearer token from sessionStorage), polls every few seconds, never loads a whole batch.
'use strict';
const POLL_MS = 3000;
const TOKEN_KEY = 'geotool.token';
const API = '/api/v1/batch';
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'SKIPPED']);
const SYMBOL = {CREATED: '○', QUEUED: '◷', WAITING: '⧖', RUNNING: '▶', COMPLETED: '✓', FAILED: '✗',
  CANCELLED: '⊘', SKIPPED: '↷', PARTIALLY_FAILED: '⚠'};
const main = () => document.getElementById('main');
let pollTimer = null;
let generation = 0;          // bumped on every route change: stale responses are dropped
let objectURLs = [];         // blob: URLs of the current view, revoked on leaving it
const rendered = new Map();  // container id → JSON last rendered there (skip identical re-renders)

class AuthError extends Error {}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function request(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (token()) headers.Authorization = 'Bearer ' + token();
  const response = await fetch(path, Object.assign({}, options, {headers, cache: 'no-store'}));
  if (response.status === 401) throw new AuthError('token required');
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { const body = await response.json(); if (body.error) message = body.error; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return response;
}
async function json(path, options) { return (await request(path, options)).json(); }
async function objectURL(path) {
  const url = URL.createObjectURL(await (await request(path)).blob());
  objectURLs.push(url);
  return url;
}

// The status line: routine "Updated" times are not announced (every 3 s would drown a screen reader);
// a failure is, once, as an alert.
function setLive(text, failed) {
  const live = document.getElementById('live');
  const wasFailing = live.classList.contains('offline');
  live.textContent = text;
  live.classList.toggle('offline', !!failed);
  if (failed && !wasFailing) live.setAttribute('role', 'alert'); else if (!failed) live.removeAttribute('role');
}

function badge(status) {
  return el('span', {class: 'badge s-' + status.toLowerCase(), 'data-status': status},
    el('span', {'aria-hidden': 'true'}, SYMBOL[status] || '•'), ' ' + status.replace('_', ' ').toLowerCase());
}

function bar(percent, label) {
  return el('span', {class: 'bar'},
    el('progress', {max: '100', value: String(percent), 'aria-label': label}), el('span', {class: 'pct'}, percent.toFixed(1) + ' %'));
}

function number(n) { return Number(n).toLocaleString('en-US'); }
function jobsWord(n) { return number(n) + (n === 1 ? ' job' : ' jobs'); }
function rate(r) { return r >= 10 ? r.toFixed(0) + ' jobs/s' : r >= 0.1 ? r.toFixed(2) + ' jobs/s' : r > 0 ? (r * 60).toFixed(1) + ' jobs/min' : '—'; }
function duration(s) {
  if (s === null || s === undefined) return 'unknown';
  if (s <= 0) return 'done';
  if (s < 60) return Math.ceil(s) + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
  if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.round((s % 3600) / 60) + ' min';
  return (s / 86400).toFixed(1) + ' days';
}
function bytes(n) {
  if (n === null || n === undefined) return 'missing';
  return n < 1024 ? n + ' B' : n < 1048576 ? (n / 1024).toFixed(1) + ' kB' : (n / 1048576).toFixed(1) + ' MB';
}
function cell(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  if (Array.isArray(v)) return v.map(cell).join(', ');
  return String(v);
}
function finished(c) { return Object.entries(c).filter(([k]) => FINAL.has(k)).reduce((n, [, v]) => n + v, 0); }
function counts(c, statuses) {
  return el('ul', {class: 'counts'}, statuses.filter(s => c[s]).map(s =>
    el('li', {'data-count': s}, el('span', {'aria-hidden': 'true', class: 't-' + s.toLowerCase()}, SYMBOL[s] + ' '), number(c[s]) + ' ' + s.toLowerCase())));
}

// Replaces the children of #id with render(data) unless data is what is already shown there.
function update(id, data, render) {
  const node = document.getElementById(id);
  if (!node) return;
  const key = JSON.stringify(data);
  if (rendered.get(id) === key) return;
  rendered.set(id, key);
  node.replaceChildren(...[render(data)].flat().filter(Boolean));
}

function table(caption, headers, rows, attrs) {
  return el('div', {class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption},
    el('table', attrs || {}, el('caption', {class: 'sr-only'}, caption),
      el('thead', {}, el('tr', {}, headers.map(h => h instanceof Node ? h : el('th', {scope: 'col'}, h)))),
      el('tbody', {}, rows)));
}

function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  return {parts: path.split('/').filter(Boolean), params: new URLSearchParams(query || '')};
}
function go(parts, params) {
  const q = params && params.toString();
  location.hash = '#/' + parts.join('/') + (q ? '?' + q : '');
}

// Calls fn now and every POLL_MS while the view lives (not while the tab is hidden); fn returns 'stop'
// when nothing can change any more.
function poll(fn) {
  const mine = generation;
  const tick = async () => {
    if (mine !== generation) return;
    if (!document.hidden) {
      try {
        const done = await fn(mine);
        if (mine === generation) setLive('Updated ' + new Date().toLocaleTimeString());
        if (done === 'stop') return;
      } catch (e) {
        if (mine !== generation) return;
        if (e instanceof AuthError) { showLogin(); return; }
        setLive('Update failed: ' + e.message + ' — retrying', true);
      }
    }
    if (mine === generation) pollTimer = setTimeout(tick, POLL_MS);
  };
  return tick();
}

function showLogin(message) {
  generation++;
  clearTimeout(pollTimer);
  const input = el('input', {id: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-help'});
  const form = el('form', {class: 'login', onsubmit: e => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    route();
  }},
    el('h1', {text: 'Sign in'}),
    el('p', {id: 'token-help'}, message || 'This server needs its access token (the contents of its --token-file). It is kept for this browser tab only.'),
    el('label', {for: 'token'}, 'Access token'), input, el('button', {type: 'submit'}, 'Open dashboard'));
  main().replaceChildren(form);
  setLive(token() ? 'The token was refused' : 'Token required', true);
  input.focus();
}

function heading(text, crumbs) {
  return [el('nav', {'aria-label': 'Breadcrumb', class: 'crumbs'}, el('ol', {}, crumbs.map(([t, h]) =>
    el('li', {}, h ? el('a', {href: h}, t) : el('span', {'aria-current': 'page'}, t))))), el('h1', {}, text)];
}

// ---- Runs overview --------------------------------------------------------------------------------

function overviewView() {
  main().replaceChildren(...heading('Runs', [['Runs', null]]),
    el('section', {'aria-labelledby': 'h-workflows', id: 'workflows-section', hidden: true},
      el('h2', {id: 'h-workflows'}, 'Workflows'), el('div', {id: 'workflows'})),
    el('section', {'aria-labelledby': 'h-batches'}, el('h2', {id: 'h-batches'}, 'Batches'), el('div', {id: 'batches'}, 'Loading…')),
    el('section', {'aria-labelledby': 'h-workers'}, el('h2', {id: 'h-workers'}, 'Live workers'), el('div', {id: 'pool'}), el('div', {id: 'workers'})));
  return poll(async mine => {
    const o = await json(API + '/overview');
    if (mine !== generation) return;
    document.getElementById('workflows-section').hidden = o.workflows.length === 0;
    update('workflows', o.workflows, workflows => table('Workflows', ['Workflow', 'Status', 'Progress', 'Stages'], workflows.map(w => {
      const total = w.stages.reduce((n, s) => n + s.batch.total, 0);
      const done = w.stages.reduce((n, s) => n + finished(s.batch.counts), 0);
      const percent = total === 0 ? 100 : Math.round(done / total * 1000) / 10;
      return el('tr', {'data-workflow-id': w.id},
        el('th', {scope: 'row'}, el('a', {href: '#/workflow/' + w.id}, '#' + w.id + ' ' + w.name)),
        el('td', {}, badge(w.status)), el('td', {}, bar(percent, 'Workflow ' + w.id + ' progress')),
        el('td', {}, w.stages.map(s => s.stage).join(' → ')));
    })));
    const stageOf = new Map(o.workflows.flatMap(w => w.stages.map(s => [s.batch.id, 'stage ' + s.stage + ' of ' + w.name])));
    update('batches', o.batches, batches => batches.length === 0 ? el('p', {}, 'No batches in this run directory yet.') :
      table('Batches', ['Batch', 'Kind', 'Status', 'Progress', 'Jobs', 'Throughput', 'Time left'], batches.map(b =>
        el('tr', {'data-batch-id': b.batch_id},
          el('th', {scope: 'row'}, el('a', {href: '#/batch/' + b.batch_id}, '#' + b.batch_id + ' ' + b.name),
            stageOf.has(b.batch_id) ? el('span', {class: 'seq'}, ' (' + stageOf.get(b.batch_id) + ')') : null),
          el('td', {}, b.kind), el('td', {}, badge(b.status)),
          el('td', {}, bar(b.progress_percent, 'Batch ' + b.batch_id + ' progress')),
          el('td', {}, el('span', {class: 'total'}, jobsWord(b.total)), counts(b.counts, o.statuses)),
          el('td', {}, rate(b.jobs_per_s)), el('td', {}, b.status === 'RUNNING' ? duration(b.eta_s) : '—')))));
    update('pool', o.pool, p => el('p', {}, `${number(p.queued)} queued · ${number(p.busy)} running · ${number(p.completed)} completed · ` +
      `${number(p.failed)} failed · ${rate(p.throughput)} over the last minute`));
    update('workers', o.workers, workers => workers.length === 0 ? el('p', {}, 'No live workers (start some with geotool serve --jobs N or geotool batch run).') :
      table('Live workers', ['Process', 'Threads', 'Running', 'Jobs done', 'Shard', 'Heartbeat'], workers.map(w =>
        el('tr', {}, el('th', {scope: 'row'}, w.id), el('td', {}, w.threads), el('td', {}, w.running), el('td', {}, number(w.jobs_done)),
          el('td', {}, w.shard || '—'), el('td', {}, w.heartbeat_age_s.toFixed(0) + ' s ago')))));
  });
}

// ---- Workflow view: stages as boxes (columns by dependency depth) and arrows, plus the same as a table ----

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function workflowView(id) {
  main().replaceChildren(...heading('Workflow #' + id, [['Runs', '#/'], ['Workflow #' + id, null]]),
    el('div', {id: 'wf-summary'}, 'Loading…'),
    el('section', {'aria-labelledby': 'h-graph'}, el('h2', {id: 'h-graph'}, 'Stages'),
      el('p', {class: 'meta'}, 'Solid arrow: the stage waits for all of the stage it needs; dashed: job i waits for job i only.'),
      el('div', {id: 'graph', class: 'graph'})),
    el('section', {'aria-labelledby': 'h-stages'}, el('h2', {id: 'h-stages'}, 'Stage table'), el('div', {id: 'stages'})));
  return poll(async mine => {
    const o = await json(API + '/overview');
    if (mine !== generation) return;
    const w = o.workflows.find(x => x.id === id);
    if (!w) throw new Error('no workflow ' + id);
    document.querySelector('h1').textContent = 'Workflow #' + id + ' ' + w.name;
    update('wf-summary', {status: w.status}, () => el('dl', {class: 'facts'}, el('dt', {}, 'Status'), el('dd', {id: 'workflow-status'}, badge(w.status))));
    update('graph', w.stages, stages => stageGraph(w, stages));
    update('stages', w.stages, stages => table('Stages of workflow ' + id, ['Stage', 'Needs', 'Status', 'Progress', 'Jobs'], stages.map(s =>
      el('tr', {'data-stage': s.stage},
        el('th', {scope: 'row'}, el('a', {href: '#/batch/' + s.batch.id}, s.stage), el('span', {class: 'seq'}, ' (batch #' + s.batch.id + ')')),
        el('td', {}, s.needs.length === 0 ? '—' : s.needs.map(n => n.stage + (n.per_item ? ' (per item)' : ' (all)')).join(', ')),
        el('td', {}, badge(s.batch.status)), el('td', {}, bar(s.batch.percent, 'Stage ' + s.stage + ' progress')),
        el('td', {}, el('span', {class: 'total'}, jobsWord(s.batch.total)), counts(s.batch.counts, o.statuses))))));
  });
}

function stageGraph(w, stages) {
  const level = new Map();
  for (const s of stages) level.set(s.stage, s.needs.reduce((l, n) => Math.max(l, (level.get(n.stage) ?? 0) + 1), 0));
  const rows = new Map(), at = new Map();
  for (const s of stages) {
    const l = level.get(s.stage), r = rows.get(l) || 0;
    rows.set(l, r + 1);
    at.set(s.stage, {x: 10 + l * 250, y: 10 + r * 120});
  }
  const width = 10 + (Math.max(...level.values()) + 1) * 250, height = 10 + Math.max(...rows.values()) * 120;
  const arrows = stages.flatMap(s => s.needs.filter(n => at.has(n.stage)).map(n => {
    const a = at.get(n.stage), b = at.get(s.stage);
    return svg('path', {d: `M${a.x + 200},${a.y + 45} C${a.x + 225},${a.y + 45} ${b.x - 25},${b.y + 45} ${b.x - 4},${b.y + 45}`,
      class: 'edge' + (n.per_item ? ' per-item' : ''), 'marker-end': 'url(#arrow)'});
  }));
  const boxes = stages.map(s => {
    const p = at.get(s.stage), c = s.batch.counts, st = s.batch.status;
    const extra = ['WAITING', 'SKIPPED', 'FAILED'].filter(k => c[k]).map(k => number(c[k]) + ' ' + k.toLowerCase()).join(' · ');
    return svg('a', {href: '#/batch/' + s.batch.id, class: 'stage s-' + st.toLowerCase(), 'data-stage': s.stage},
      svg('title', {}, `Stage ${s.stage}: ${st.toLowerCase()}, ${s.batch.percent} % of ${s.batch.total} jobs finished`),
      svg('rect', {x: p.x, y: p.y, width: 200, height: 90, rx: 8, class: 'box'}),
      svg('text', {x: p.x + 10, y: p.y + 22, class: 'name'}, s.stage),
      svg('text', {x: p.x + 10, y: p.y + 42}, (SYMBOL[st] || '') + ' ' + st.replace('_', ' ').toLowerCase()),
      svg('rect', {x: p.x + 10, y: p.y + 52, width: 180, height: 8, class: 'track'}),
      svg('rect', {x: p.x + 10, y: p.y + 52, width: 1.8 * s.batch.percent, height: 8, class: 'fill'}),
      svg('text', {x: p.x + 10, y: p.y + 78, class: 'small'}, `${finished(c)}/${s.batch.total}` + (extra ? ' · ' + extra : '')));
  });
  return svg('svg', {viewBox: `0 0 ${width} ${height}`, width: width, height: height, role: 'img',
    'aria-label': 'Stages of workflow ' + w.name + ': ' + stages.map(s => s.stage + ' ' + s.batch.status.toLowerCase() + ' ' + s.batch.percent + ' %').join('; ')},
    svg('defs', {}, svg('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '8', markerHeight: '8', orient: 'auto-start-reverse'},
      svg('path', {d: 'M0,0 L10,5 L0,10 z', class: 'head'}))),
    arrows, boxes);
}

// ---- Batch view -----------------------------------------------------------------------------------

const thumbnails = new Map();   // "job/name" → blob URL, kept while the view lives

function batchView(id, params) {
  const limit = params.get('limit') || '50';
  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  const message = el('p', {id: 'action-message', role: 'status', 'aria-live': 'polite'});
  main().replaceChildren(...heading('Batch #' + id, [['Runs', '#/'], ['Batch #' + id, null]]),
    el('div', {id: 'summary'}, 'Loading…'),
    el('div', {class: 'actions'},
      el('button', {type: 'button', id: 'cancel-batch', onclick: () => act(id, 'cancel')}, 'Cancel batch'),
      el('button', {type: 'button', id: 'retry-batch', onclick: () => act(id, 'retry')}, 'Retry failed jobs'),
      el('a', {href: '#/results/' + id, class: 'button'}, 'Results')),
    message,
    el('section', {'aria-labelledby': 'h-jobs'}, el('h2', {id: 'h-jobs'}, 'Jobs'), el('div', {id: 'filters'}),
      el('div', {id: 'jobs'}, 'Loading…'), el('div', {id: 'pager'})),
    el('section', {'aria-labelledby': 'h-plots', id: 'plots-section', hidden: true},
      el('h2', {id: 'h-plots'}, 'Plots on this page'), el('div', {id: 'plots'})));
  thumbnails.clear();
  const query = new URLSearchParams();
  for (const [k, v] of params) if (k === 'status' || k === 'sort' || k === 'order' || k.startsWith('p.')) { if (v) query.set(k, v); }
  query.set('limit', limit);
  query.set('offset', String(page * parseInt(limit, 10)));
  return poll(async mine => {
    const [o, p] = await Promise.all([json(API + '/overview'), json(API + '/batch/' + id + '/jobs?' + query)]);
    if (mine !== generation) return;
    const b = o.batches.find(x => x.batch_id === id);
    if (!b) throw new Error('no batch ' + id);
    document.querySelector('h1').textContent = 'Batch #' + id + ' ' + b.name;
    update('summary', b, b => el('dl', {class: 'facts'},
      el('dt', {}, 'Status'), el('dd', {}, badge(b.status)),
      el('dt', {}, 'Kind'), el('dd', {}, b.kind),
      el('dt', {}, 'Progress'), el('dd', {id: 'batch-progress', 'data-percent': b.progress_percent}, bar(b.progress_percent, 'Batch progress')),
      el('dt', {}, 'Jobs'), el('dd', {}, number(b.total), counts(b.counts, o.statuses)),
      el('dt', {}, 'Throughput'), el('dd', {}, rate(b.jobs_per_s)),
      el('dt', {}, 'Time left'), el('dd', {}, b.status === 'RUNNING' ? duration(b.eta_s) : '—')));
    document.getElementById('cancel-batch').disabled = b.status !== 'RUNNING';
    document.getElementById('retry-batch').disabled = !(b.counts.FAILED > 0);
    update('filters', {names: p.parameter_names, statuses: o.statuses}, () => filterForm(id, params, p.parameter_names, o.statuses));
    update('jobs', p, p => jobTable(id, params, p));
    update('pager', {total: p.total, offset: p.offset, limit: p.limit}, () => pager(id, params, p));
    showThumbnails(p.jobs, mine);
  });
}

async function act(id, action) {
  const what = action === 'cancel' ? 'Cancel every unfinished job of batch #' + id + '? Running jobs are stopped.'
    : 'Requeue every failed job of batch #' + id + ' with a fresh attempt budget?';
  if (!window.confirm(what)) return;
  const message = document.getElementById('action-message');
  try {
    const r = await json(API + '/batch/' + id + '/' + action, {method: 'POST'});
    message.textContent = action === 'cancel' ? `Cancelled ${r.jobs} job(s).` : `Requeued ${r.jobs} job(s).`;
    rendered.clear();
  } catch (e) {
    if (e instanceof AuthError) return showLogin();
    message.textContent = 'Failed: ' + e.message;
  }
}

function filterForm(id, params, names, statuses) {
  const status = el('select', {id: 'f-status', name: 'status'}, el('option', {value: ''}, 'All'),
    statuses.map(s => el('option', {value: s, selected: params.get('status') === s}, s.toLowerCase())));
  const inputs = names.map(n => [n, el('input', {id: 'f-p-' + n, name: 'p.' + n, value: params.get('p.' + n) || '', size: '8', inputmode: 'decimal'})]);
  const limit = el('select', {id: 'f-limit', name: 'limit'}, ['25', '50', '100', '200'].map(v =>
    el('option', {value: v, selected: (params.get('limit') || '50') === v}, v)));
  return el('form', {class: 'filters', role: 'search', 'aria-label': 'Filter jobs', onsubmit: e => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (status.value) next.set('status', status.value);
    for (const [n, input] of inputs) if (input.value.trim()) next.set('p.' + n, input.value.trim());
    if (params.get('sort')) { next.set('sort', params.get('sort')); next.set('order', params.get('order') || 'asc'); }
    next.set('limit', limit.value);
    go(['batch', id], next);
  }},
    el('div', {class: 'field'}, el('label', {for: 'f-status'}, 'Status'), status),
    inputs.map(([n, input]) => el('div', {class: 'field'}, el('label', {for: 'f-p-' + n}, n + ' ='), input)),
    el('div', {class: 'field'}, el('label', {for: 'f-limit'}, 'Per page'), limit),
    el('button', {type: 'submit'}, 'Apply'),
    el('a', {href: '#/batch/' + id, class: 'button'}, 'Clear'));
}

function sortHeader(id, params, key, label) {
  const current = params.get('sort') || 'seq';
  const order = params.get('order') || 'asc';
  const active = current === key;
  const next = new URLSearchParams(params);
  next.set('sort', key);
  next.set('order', active && order === 'asc' ? 'desc' : 'asc');
  next.delete('page');
  return el('th', {scope: 'col', 'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'},
    el('button', {type: 'button', class: 'sort', 'data-sort': key, onclick: () => go(['batch', id], next)},
      label, el('span', {'aria-hidden': 'true'}, active ? (order === 'asc' ? ' ▲' : ' ▼') : ' ⇅')));
}

function jobTable(id, params, p) {
  if (p.jobs.length === 0) return el('p', {}, p.total === 0 ? 'No jobs match.' : 'No jobs on this page.');
  const values = [...new Set(p.jobs.flatMap(j => Object.keys(j.values || {})))].sort();
  const anyError = p.jobs.some(j => j.error);
  const headers = [sortHeader(id, params, 'seq', 'Job'), sortHeader(id, params, 'status', 'Status'),
    sortHeader(id, params, 'attempts', 'Attempts'),
    ...p.parameter_names.map(n => sortHeader(id, params, 'p.' + n, n)),
    ...values.map(n => sortHeader(id, params, 'r.' + n, '→ ' + n)),
    el('th', {scope: 'col'}, 'Outputs'), anyError ? el('th', {scope: 'col'}, 'Error') : null].filter(Boolean);
  return table('Jobs of batch ' + id, headers, p.jobs.map(j => el('tr', {'data-job-id': j.job_id, 'data-status': j.status},
    el('th', {scope: 'row'}, el('a', {href: '#/job/' + j.job_id}, '#' + j.job_id), el('span', {class: 'seq'}, ' (seq ' + j.seq + ')')),
    el('td', {}, badge(j.status)), el('td', {class: 'num'}, j.attempts),
    p.parameter_names.map(n => el('td', {class: 'num'}, cell(j.parameters[n]))),
    values.map(n => el('td', {class: 'num'}, cell((j.values || {})[n]))),
    el('td', {}, j.outputs.join(', ')),
    anyError ? el('td', {class: 'error'}, j.error || '') : null)), {class: 'jobs'});
}

function pager(id, params, p) {
  const pageIndex = Math.floor(p.offset / p.limit);
  const last = Math.max(0, Math.ceil(p.total / p.limit) - 1);
  const link = (label, index, disabled, name) => {
    const next = new URLSearchParams(params);
    next.set('page', String(index));
    return el('button', {type: 'button', disabled: disabled, 'data-page': name, onclick: () => go(['batch', id], next)}, label);
  };
  const from = p.total === 0 ? 0 : p.offset + 1;
  return el('nav', {'aria-label': 'Job pages', class: 'pager'},
    link('« First', 0, pageIndex === 0, 'first'), link('‹ Previous', pageIndex - 1, pageIndex === 0, 'previous'),
    el('span', {id: 'page-info'}, `Jobs ${number(from)}–${number(Math.min(p.total, p.offset + p.limit))} of ${number(p.total)}`),
    link('Next ›', pageIndex + 1, pageIndex >= last, 'next'), link('Last »', last, pageIndex >= last, 'last'));
}

async function showThumbnails(jobs, mine) {
  const pngs = jobs.flatMap(j => j.outputs.filter(n => /\.png$/i.test(n)).map(n => ({job: j.job_id, name: n}))).slice(0, 24);
  const section = document.getElementById('plots-section');
  section.hidden = pngs.length === 0;
  const key = pngs.map(x => x.job + '/' + x.name).join('|');
  if (rendered.get('plots') === key) return;
  rendered.set('plots', key);
  const grid = el('ul', {class: 'thumbs'});
  document.getElementById('plots').replaceChildren(grid);
  for (const x of pngs) {
    const id = x.job + '/' + x.name;
    if (!thumbnails.has(id)) {
      try { thumbnails.set(id, await objectURL(API + '/jobs/' + x.job + '/output?name=' + encodeURIComponent(x.name))); } catch (e) { continue; }
    }
    if (mine !== generation) return;
    grid.append(el('li', {}, el('a', {href: '#/job/' + x.job},
      el('img', {src: thumbnails.get(id), alt: 'Plot ' + x.name + ' of job ' + x.job, loading: 'lazy'}),
      el('span', {}, '#' + x.job + ' ' + x.name))));
  }
}

// ---- Job view -------------------------------------------------------------------------------------

function jobView(id) {
  main().replaceChildren(...heading('Job #' + id, [['Runs', '#/'], ['Job #' + id, null]]),
    el('div', {id: 'job'}, 'Loading…'), el('section', {'aria-labelledby': 'h-outputs'},
      el('h2', {id: 'h-outputs'}, 'Outputs'), el('div', {id: 'outputs'}, 'None yet.')));
  let outputsShown = false;
  return poll(async mine => {
    const j = await json(API + '/jobs/' + id + '/status');
    if (mine !== generation) return;
    const crumbs = document.querySelector('.crumbs ol');
    if (crumbs.children.length === 2) crumbs.insertBefore(el('li', {}, el('a', {href: '#/batch/' + j.batch_id}, 'Batch #' + j.batch_id)), crumbs.lastChild);
    update('job', j, j => [
      el('dl', {class: 'facts'},
        el('dt', {}, 'Status'), el('dd', {id: 'job-status'}, badge(j.status)),
        el('dt', {}, 'Batch'), el('dd', {}, el('a', {href: '#/batch/' + j.batch_id}, '#' + j.batch_id), ' (seq ' + j.seq + ')'),
        el('dt', {}, 'Attempts'), el('dd', {id: 'job-attempts'}, j.attempts),
        el('dt', {}, 'Worker'), el('dd', {}, j.worker || '—')),
      j.error ? el('section', {'aria-labelledby': 'h-error'}, el('h2', {id: 'h-error'}, 'Error'),
        el('pre', {id: 'job-error', class: 'error', role: 'alert'}, j.error)) : null,
      el('section', {'aria-labelledby': 'h-params'}, el('h2', {id: 'h-params'}, 'Parameters'),
        keyValues('Parameters', j.parameters)),
      j.result ? el('section', {'aria-labelledby': 'h-values'}, el('h2', {id: 'h-values'}, 'Result values'),
        keyValues('Result values', j.result.values)) : null]);
    if (FINAL.has(j.status) && j.status !== 'COMPLETED') {
      document.getElementById('outputs').replaceChildren(el('p', {}, 'None: the job did not complete.'));
    }
    if (j.status === 'COMPLETED' && !outputsShown) {
      outputsShown = true;
      const o = await json(API + '/jobs/' + id + '/outputs');
      if (mine !== generation) return;
      document.getElementById('outputs').replaceChildren(o.outputs.length === 0 ? el('p', {}, 'This job wrote no files.') :
        el('ul', {class: 'outputs'}, o.outputs.map(outputItem)));
    }
    if (FINAL.has(j.status) && outputsShown === (j.status === 'COMPLETED')) return 'stop';   // nothing changes any more
  });
}

function keyValues(caption, object) {
  const keys = Object.keys(object || {}).sort();
  if (keys.length === 0) return el('p', {}, 'None.');
  return table(caption, ['Name', 'Value'], keys.map(k => el('tr', {}, el('th', {scope: 'row'}, k), el('td', {class: 'num'}, cell(object[k])))));
}

function outputItem(o) {
  const figure = el('div', {class: 'preview'});
  const download = el('button', {type: 'button', disabled: !o.servable || o.size === null, onclick: async () => {
    try {
      const url = await objectURL(o.url);
      const a = el('a', {href: url, download: o.name});
      document.body.append(a); a.click(); a.remove();
    } catch (e) { figure.replaceChildren(el('p', {class: 'error', role: 'alert'}, 'Download failed: ' + e.message)); }
  }}, 'Download');
  const item = el('li', {'data-output': o.name, 'data-kind': o.kind},
    el('span', {class: 'name'}, o.name), ' ', el('span', {class: 'meta'}, o.kind + ', ' + bytes(o.size) + (o.servable ? '' : ', outside the allowed roots')),
    ' ', download, figure);
  const show = async (path, alt) => {
    try {
      const url = await objectURL(path);
      const img = el('img', {src: url, alt: alt});
      const toggle = el('button', {type: 'button', class: 'zoom', 'aria-pressed': 'false', title: 'Full size', onclick: () => {
        const full = toggle.getAttribute('aria-pressed') !== 'true';
        toggle.setAttribute('aria-pressed', String(full));
        figure.classList.toggle('full', full);
      }}, img);
      figure.replaceChildren(toggle);
    } catch (e) { figure.replaceChildren(el('p', {class: 'error', role: 'alert'}, 'Could not load the image: ' + e.message)); }
  };
  if (o.servable && o.size !== null) {
    if (o.kind === 'png') show(o.url, 'Plot ' + o.name);
    else if (o.quicklook_url) {
      item.insertBefore(el('button', {type: 'button', class: 'quicklook', onclick: e => {
        e.target.disabled = true; e.target.textContent = 'Rendering…';
        show(o.quicklook_url, 'Quick-look of ' + o.name).then(() => e.target.remove());
      }}, 'Show quick-look'), figure);
    }
  }
  return item;
}

// ---- Results --------------------------------------------------------------------------------------

function resultsView(id, params) {
  main().replaceChildren(...heading('Results of batch #' + id, [['Runs', '#/'], ['Batch #' + id, '#/batch/' + id], ['Results', null]]),
    el('div', {id: 'agg-form'}), el('div', {id: 'aggregate'}, 'Loading…'));
  const query = new URLSearchParams();
  if (params.get('by')) query.set('by', params.get('by'));
  query.set('aggregate', params.get('aggregate') || 'mean,std,min,max');
  return poll(async mine => {
    const a = await json(API + '/batch/' + id + '/aggregate?' + query);
    if (mine !== generation) return;
    update('agg-form', a.parameter_names, names => aggregateForm(id, names, a));
    update('aggregate', a, a => a.rows.length === 0 ? el('p', {}, 'No completed jobs yet.') :
      [el('p', {}, `${number(a.completed)} completed job(s); statistics of every numeric result value` +
        (a.by.length ? ', grouped by ' + a.by.join(', ') : '') + '.'),
       table('Aggregate results', a.header, a.rows.map(r => el('tr', {}, r.map((v, i) =>
         i < a.by.length ? el('th', {scope: 'row'}, cell(v)) : el('td', {class: 'num'}, cell(v))))), {id: 'aggregate-table'})]);
  });
}

function aggregateForm(id, names, a) {
  const boxes = names.map(n => [n, el('input', {type: 'checkbox', id: 'by-' + n, value: n, checked: a.by.includes(n)})]);
  const stats = el('input', {id: 'agg-stats', value: a.statistics.join(','), 'aria-describedby': 'agg-help'});
  const download = el('button', {type: 'button', id: 'download-csv', onclick: async () => {
    const q = new URLSearchParams({aggregate: stats.value, format: 'csv'});
    const by = boxes.filter(([, b]) => b.checked).map(([n]) => n).join(',');
    if (by) q.set('by', by);
    try {
      const url = await objectURL(API + '/batch/' + id + '/aggregate?' + q);
      const link = el('a', {href: url, download: 'batch-' + id + '-aggregate.csv'});
      document.body.append(link); link.click(); link.remove();
    } catch (e) { document.getElementById('aggregate').prepend(el('p', {class: 'error', role: 'alert'}, e.message)); }
  }}, 'Download CSV');
  return el('form', {class: 'filters', 'aria-label': 'Aggregation', onsubmit: e => {
    e.preventDefault();
    const next = new URLSearchParams();
    const by = boxes.filter(([, b]) => b.checked).map(([n]) => n).join(',');
    if (by) next.set('by', by);
    next.set('aggregate', stats.value.trim());
    go(['results', id], next);
  }},
    el('fieldset', {}, el('legend', {}, 'Group by'), boxes.length === 0 ? el('span', {}, 'no varying parameters') :
      boxes.map(([n, b]) => el('span', {class: 'check'}, b, el('label', {for: 'by-' + n}, n)))),
    el('div', {class: 'field'}, el('label', {for: 'agg-stats'}, 'Statistics'), stats,
      el('small', {id: 'agg-help'}, 'comma-separated: mean, std, min, max, median, p5, p95 …')),
    el('button', {type: 'submit'}, 'Apply'), download);
}

// ---- Router ---------------------------------------------------------------------------------------

function route() {
  generation++;
  clearTimeout(pollTimer);
  objectURLs.forEach(u => URL.revokeObjectURL(u));
  objectURLs = [];
  rendered.clear();
  document.getElementById('forget').hidden = !token();
  const {parts, params} = parseHash();
  const id = parts[1] !== undefined ? parseInt(parts[1], 10) : NaN;
  let view;
  if (parts.length === 0) view = overviewView();
  else if (parts[0] === 'batch' && id >= 0) view = batchView(id, params);
  else if (parts[0] === 'workflow' && id >= 0) view = workflowView(id);
  else if (parts[0] === 'job' && id >= 0) view = jobView(id);
  else if (parts[0] === 'results' && id >= 0) view = resultsView(id, params);
  else { main().replaceChildren(el('h1', {}, 'Not found'), el('p', {}, el('a', {href: '#/'}, 'Back to the runs'))); return; }
  document.getElementById('main').focus({preventScroll: true});
  return view;
}

window.addEventListener('hashchange', route);
document.addEventListener('visibilitychange', () => { if (!document.hidden) rendered.clear(); });
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('forget').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); showLogin('Token forgotten.'); });
  route();
});
"""#
}
