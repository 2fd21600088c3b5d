#!/usr/bin/env node
// Search benchmark (issue 3, point 5): bulletin's index against Pagefind on
// the same built site, for the seed bulletin and for a generated large one.
//   node bench/search/run.mjs [--projects 10000] [--runs 3] [--build-runs 7] [--seed-only] [--check]
// --check exits with 1 unless bulletin ranks the expected projects first at
// least as often as Pagefind and fetches fewer bytes for every query, the
// citizen queries' MRR is at least 0.9 and above Pagefind's with none
// empty, and (on the generated site) the forgiving search adds at most 20%
// to any query's bytes and at most 15% to the index build (issue 12).
// Needs the generator (BULLETIN_BINARY or build-test/bulletin), g++ and ICU
// (to time build_index alone), `npm ci` (playwright-core, pagefind) and
// Debian's chromium. Prints Markdown tables; writes bench/out/search.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repo, buildSite, serve, launchBrowser, searchResults, generatorBinary } from '../../tests/browser/search-harness.mjs';
import { SEED_QUERIES, LARGE_QUERIES, CITIZEN_QUERIES } from './queries.mjs';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`usage: BULLETIN_BINARY=build/bulletin node bench/search/run.mjs [options]
  --projects N     projects in the generated site (10000)
  --runs N         runs of each query, the median time is shown (3)
  --build-runs N   builds of the index with and without the forgiving search's
                   structures, each in a fresh process, interleaved; medians (7)
  --seed-only      only the seed bulletin (13 projects)
  --check          exit 1 unless bulletin finds what it should with fewer bytes than
                   Pagefind, the citizen queries' MRR is >= 0.9 and above Pagefind's,
                   and on the generated site the forgiving search adds at most 20% to
                   any query's bytes and at most 15% to the index build
Prints Markdown tables; writes bench/out/search.json.`);
  process.exit(0);
}
const option = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const PROJECTS = Number(option('--projects', '10000'));
const RUNS = Number(option('--runs', '3'));
const BUILD_RUNS = Number(option('--build-runs', '7'));
// Issue 12, point 8: what the forgiving search may add at 10,000 projects.
const LIMIT_BYTES = 0.20, LIMIT_BUILD = 0.15;
const SEED_ONLY = args.includes('--seed-only');
const CHECK = args.includes('--check');
const PAGEFIND = path.join(repo, 'node_modules/.bin/pagefind');
const work = mkdtempSync(path.join(tmpdir(), 'bulletin-bench-'));

const seconds = (start) => Number(process.hrtime.bigint() - start) / 1e9;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1);

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}
const size = (f) => statSync(f).size;
// What a server with precompressed twins (nginx gzip_static) sends for a file.
const sent = (f) => (existsSync(f + '.gz') ? size(f + '.gz') : size(f));

function indexTimer() {
  // The test build makes it as a target (tests/search.cmake); else it is compiled here.
  if (process.env.BULLETIN_INDEX_TIME) return process.env.BULLETIN_INDEX_TIME;
  const out = path.join(work, 'index-time');
  const gen = (f) => path.join(repo, 'generator', f);
  execFileSync('g++', ['-O2', '-std=c++20', '-I', gen('core'), '-I', gen('search'), path.join(repo, 'bench/search/index-time.cpp'),
    ...['search/search_index.cpp', 'search/search_pinyin.cpp', 'search/search_postings.cpp', 'search/search_tokenize.cpp',
      'core/json_text.cpp', 'core/parallel.cpp'].map(gen),
    '-pthread', '-licui18n', '-licuuc', '-licudata', '-o', out]);
  return out;
}

function ourSizes(site) {
  const data = [path.join(site, 'search-index.json'), ...filesUnder(path.join(site, 'search-index'))]
    .filter((f) => f.endsWith('.json'));
  const code = ['search.js', 'search-rank.js', 'search-tokenize.js', 'search-forgive.js', 'search-near.js', 'search-suggest.js']
    .map((f) => path.join(site, 'assets', f));
  return { files: data.length, raw: data.reduce((s, f) => s + size(f), 0), sent: data.reduce((s, f) => s + sent(f), 0),
    code: code.reduce((s, f) => s + sent(f), 0) };
}

function pagefindIndex(site) {
  const start = process.hrtime.bigint();
  // Only project pages, only the project itself: what data-pagefind-body
  // on the article would give, the same documents our index holds.
  execFileSync(PAGEFIND, ['--site', site, '--glob', '20*/*/index.html', '--root-selector', 'article.project', '--silent']);
  const time = seconds(start);
  const bundle = path.join(site, 'pagefind');
  for (const f of filesUnder(bundle)) {
    if (/\.(js|json|css)$/.test(f)) writeFileSync(f + '.gz', gzipSync(readFileSync(f), { level: 9 }));
  }
  const all = filesUnder(bundle).filter((f) => !f.endsWith('.gz'));
  const data = all.filter((f) => /\/(index|fragment)\/|\.pf_meta$|pagefind-entry\.json$/.test(f));
  const code = all.filter((f) => /\/pagefind\.js$|\.pagefind$/.test(f));
  writeFileSync(path.join(site, 'bench-pagefind.html'),
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>pagefind</title><body>' +
    '<script type="module" src="/bench-pagefind.mjs"></script></body></html>\n');
  writeFileSync(path.join(site, 'bench-pagefind.mjs'), `
const q = new URLSearchParams(location.search).get('q');
const t0 = performance.now();
const pagefind = await import('/pagefind/pagefind.js');
await pagefind.init();
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
window.benchResult = { ms: performance.now() - t0, hits: search.results.length, urls: data.map((d) => d.url) };
document.body.setAttribute('data-done', '');
`);
  return { time, files: data.length, raw: data.reduce((s, f) => s + size(f), 0), sent: data.reduce((s, f) => s + sent(f), 0),
    code: code.reduce((s, f) => s + sent(f), 0) };
}

/** Opens `url`, waits with `done`, and counts the bytes of every response
 *  but the page itself, its style sheet and icon. */
async function measure(browser, url, done) {
  const page = await browser.newPage();
  const pending = [];
  let bytes = 0, requests = 0, extra = 0, code = 0;
  page.on('requestfinished', (req) => {
    if (req.resourceType() === 'document' || /style\.css|favicon/.test(req.url())) return;
    requests++;
    // The forgiving search's own files: readings, vocabulary, sound table.
    const mine = /\/search-index\/(py|w|s)\//.test(req.url());
    const script = /\/assets\/search[^/]*\.js$/.test(req.url());
    pending.push(req.sizes().then((s) => {
      bytes += s.responseBodySize;
      if (mine) extra += s.responseBodySize;
      if (script) code += s.responseBodySize;
    }));
  });
  await page.goto(url);
  const result = await done(page);
  await Promise.all(pending);
  await page.close();
  return { ...result, bytes, requests, extra, code };
}

const normal = (u) => u.replace(/^(\.\.\/|\/)/, '').replace(/index\.html$/, '');

async function ours(browser, origin, q) {
  return measure(browser, `${origin}/search/?q=${encodeURIComponent(q)}`, async (page) => {
    const shown = await searchResults(page);
    return { ms: shown.ms, hits: shown.results.length ? Number((shown.status.match(/\d+/) || [0])[0]) : 0,
      near: shown.results.some((r) => r.near), urls: shown.results.map((r) => normal(r.href)) };
  });
}

async function pagefind(browser, origin, q) {
  return measure(browser, `${origin}/bench-pagefind.html?q=${encodeURIComponent(q)}`, async (page) => {
    await page.waitForSelector('body[data-done]', { state: 'attached', timeout: 60000 });
    const r = await page.evaluate(() => window.benchResult);
    return { ms: r.ms, hits: r.hits, near: false, urls: r.urls.map(normal) };
  });
}

async function queries(browser, origin, list) {
  const rows = [];
  for (const { q, expect = [] } of list) {
    const row = { q, expect };
    for (const [name, run] of [['bulletin', ours], ['pagefind', pagefind]]) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await run(browser, origin, q));
      const top = runs[0].urls.slice(0, Math.max(expect.length, 1));
      row[name] = { ...runs[0], ms: median(runs.map((r) => r.ms)), urls: runs[0].urls.slice(0, 5),
        correct: expect.length > 0 && expect.every((e) => top.includes(e)) };
    }
    rows.push(row);
    console.error(`  ${q}: bulletin ${row.bulletin.hits} hits ${kb(row.bulletin.bytes)} KB ${row.bulletin.ms.toFixed(0)} ms;` +
      ` pagefind ${row.pagefind.hits} hits ${kb(row.pagefind.bytes)} KB ${row.pagefind.ms.toFixed(0)} ms`);
  }
  return rows;
}

/** Ranks of the expected projects for queries typed as citizens type them:
 *  the position (1-based) of the first expected project among the shown
 *  results, 0 if none is shown. */
async function citizenQueries(browser, origin, list) {
  const rows = [];
  for (const { q, expect, kind } of list) {
    const row = { q, expect, kind };
    for (const [name, run] of [['bulletin', ours], ['pagefind', pagefind]]) {
      const r = await run(browser, origin, q);
      row[name] = { rank: r.urls.findIndex((u) => expect.includes(u)) + 1, hits: r.hits, near: r.near, top: r.urls[0] || '',
        bytes: r.bytes, extra: r.extra, code: r.code };
    }
    rows.push(row);
    console.error(`  ${q}: bulletin rank ${row.bulletin.rank} (${row.bulletin.hits} hits), pagefind rank ${row.pagefind.rank} (${row.pagefind.hits} hits)`);
  }
  return rows;
}

const mrr = (rows, name) => rows.reduce((s, r) => s + (r[name].rank ? 1 / r[name].rank : 0), 0) / Math.max(1, rows.length);

// The search code as it was before the forgiving search (issue 12), to
// count what it adds to the bytes of a query; compressed as the
// generator's .gz twins are (zlib level 6).
const BASE_COMMIT = '6bc159f';
const GZIP_LEVEL = 6;
function baseCodeBytes() {
  try {
    return ['search.js', 'search-rank.js', 'search-tokenize.js'].reduce((sum, f) => sum +
      gzipSync(execFileSync('git', ['-C', repo, 'show', `${BASE_COMMIT}:themes/default/assets/${f}`]), { level: GZIP_LEVEL }).length, 0);
  } catch {
    return null;
  }
}

// The manifest's keys that only the forgiving search reads.
const FORGIVING_KEYS = ['pinyin', 'words', 'sound'];
/** What the forgiving search adds to the manifest as sent (gzip): the
 *  manifest against itself without those keys (the same bytes the
 *  generator writes without them: no spaces, keys in order). */
function manifestGrowth(site) {
  const text = readFileSync(path.join(site, 'search-index.json'), 'utf8').trim();
  const manifest = JSON.parse(text);
  const without = Object.fromEntries(Object.entries(manifest).filter(([k]) => !FORGIVING_KEYS.includes(k)));
  const gz = (t) => gzipSync(Buffer.from(t + '\n'), { level: GZIP_LEVEL }).length;
  return { raw: Buffer.byteLength(text) - Buffer.byteLength(JSON.stringify(without)), sent: gz(text) - gz(JSON.stringify(without)) };
}

/** build_index with and without the forgiving search's structures:
 *  `BUILD_RUNS` fresh processes of each, interleaved (on off, off on, ...)
 *  so both see the same load, and as many pairs in one warm process; wall
 *  clock and CPU time (every thread), medians. */
function buildTimes(timer, site) {
  const fresh = { on: [], off: [], cpuOn: [], cpuOff: [] };
  let docs = 0;
  for (let i = 0; i < BUILD_RUNS; i++) {
    for (const mode of i % 2 ? ['off', 'on'] : ['on', 'off']) {
      const [n, seconds, cpu] = execFileSync(timer, [site, 'once', mode], { encoding: 'utf8' }).trim().split(' ').map(Number);
      fresh[mode].push(seconds);
      fresh[mode === 'on' ? 'cpuOn' : 'cpuOff'].push(cpu);
      docs = n;
    }
  }
  const warm = { on: [], off: [], cpuOn: [], cpuOff: [] };
  for (const line of execFileSync(timer, [site, 'warm', String(BUILD_RUNS)], { encoding: 'utf8' }).trim().split('\n')) {
    const [mode, seconds, cpu] = line.split(' ');
    warm[mode].push(Number(seconds));
    warm[mode === 'on' ? 'cpuOn' : 'cpuOff'].push(Number(cpu));
  }
  const summary = (t) => ({ on: median(t.on), off: median(t.off), ratio: median(t.on) / median(t.off) - 1,
    cpuOn: median(t.cpuOn), cpuOff: median(t.cpuOff), cpuRatio: median(t.cpuOn) / median(t.cpuOff) - 1, runs: t.on.length });
  return { docs, fresh: summary(fresh), warm: summary(warm) };
}

async function benchSite(label, content, list, timer, browser, citizens = []) {
  console.error(`${label}: building`);
  let start = process.hrtime.bigint();
  // With the .gz twins that a server with gzip_static sends, as Pagefind's bundle gets below.
  const site = buildSite(content, ['--gzip']);
  const build = seconds(start);
  console.error(`${label}: timing build_index, ${BUILD_RUNS} interleaved runs with and without the forgiving search`);
  const times = buildTimes(timer, site);
  const docs = times.docs, indexSeconds = times.fresh.on;
  const manifest = manifestGrowth(site);
  const mine = ourSizes(site);
  const theirs = pagefindIndex(site);
  const server = await serve(site, { gzip: true });
  try {
    return { label, docs, build, indexSeconds, times, manifest,
      baseCode: baseCodeBytes(), ours: mine, pagefind: theirs, queries: await queries(browser, server.origin, list),
      citizens: await citizenQueries(browser, server.origin, citizens) };
  } finally {
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

function report(results) {
  const lines = [];
  for (const r of results) {
    lines.push(`### ${r.label} (${r.docs} projects)`, '',
      '| | bulletin | Pagefind |', '| --- | --- | --- |',
      `| index build time | ${r.indexSeconds.toFixed(3)} s (build_index alone, median; whole site build ${r.build.toFixed(2)} s) | ${r.pagefind.time.toFixed(2)} s |`,
      `| index data, files | ${r.ours.files} | ${r.pagefind.files} |`,
      `| index data, bytes on disk | ${kb(r.ours.raw)} KB | ${kb(r.pagefind.raw)} KB |`,
      `| index data, bytes sent (gzip) | ${kb(r.ours.sent)} KB | ${kb(r.pagefind.sent)} KB |`,
      `| search code sent (gzip) | ${kb(r.ours.code)} KB | ${kb(r.pagefind.code)} KB |`, '',
      '| query | expected first | bulletin hits | found | KB fetched | requests | ms | Pagefind hits | found | KB fetched | requests | ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const q of r.queries) {
      const b = q.bulletin, p = q.pagefind;
      const mark = (x) => (q.expect.length ? (x.correct ? 'yes' : 'no') : '');
      lines.push(`| ${q.q} | ${q.expect.map((e) => e.split('/')[1]).join(', ')} | ${b.hits}${b.near ? ' (near)' : ''} | ${mark(b)} | ` +
        `${kb(b.bytes)} | ${b.requests} | ${b.ms.toFixed(0)} | ${p.hits} | ${mark(p)} | ${kb(p.bytes)} | ${p.requests} | ${p.ms.toFixed(0)} |`);
    }
    const found = (k) => r.queries.filter((q) => q[k].correct).length;
    const graded = r.queries.filter((q) => q.expect.length).length;
    if (graded) lines.push('', `Expected project(s) ranked first: bulletin ${found('bulletin')}/${graded}, Pagefind ${found('pagefind')}/${graded}.`);
    lines.push('');
    lines.push(...costLines(r));
    if (r.citizens.length) lines.push(...citizenLines(r.citizens));
  }
  return lines.join('\n');
}

/** The bytes the forgiving search adds to one query: its own files
 *  (readings, vocabulary, sound table), the manifest's growth as sent, and
 *  the search code the query loaded beyond the three scripts as they were
 *  before (BASE_COMMIT); with the share of what the query would have
 *  fetched without them. */
function addedBytes(r, b) {
  const grown = r.manifest.sent + (r.baseCode === null ? 0 : b.code - r.baseCode);
  const added = b.extra + grown;
  return { grown, added, share: added / (b.bytes - added) };
}

const percent = (x) => `${(100 * x).toFixed(1)}%`;
const costRows = (r) => [...r.queries, ...r.citizens].map((q) => ({ q: q.q, b: q.bulletin, ...addedBytes(r, q.bulletin) }));

/** What the forgiving search adds: index build time (build_index in fresh
 *  processes, interleaved, medians; and in one warm process) and, per
 *  query, the bytes of addedBytes(). */
function costLines(r) {
  const rows = costRows(r);
  const worst = rows.reduce((w, x) => (!w || x.share > w.share ? x : w), null);
  const f = r.times.fresh, w = r.times.warm;
  const lines = ['#### Cost of the forgiving search (issue 12)', '',
    `Index build: **${f.ratio >= 0 ? '+' : ''}${percent(f.ratio)}** (wall clock, fresh processes; ` +
    `${f.cpuRatio >= 0 ? '+' : ''}${percent(f.cpuRatio)} in CPU time; limit +${percent(LIMIT_BUILD)}); ` +
    `bytes a query fetches: at most **+${percent(worst.share)}** (${worst.q}; limit +${percent(LIMIT_BYTES)}).`, '',
    '| | with | without | added |', '| --- | --- | --- | --- |',
    `| build_index, fresh process (median of ${f.runs}, interleaved) | ${f.on.toFixed(3)} s | ${f.off.toFixed(3)} s | ${percent(f.ratio)} |`,
    `| the same, CPU time of every thread | ${f.cpuOn.toFixed(3)} s | ${f.cpuOff.toFixed(3)} s | ${percent(f.cpuRatio)} |`,
    `| build_index, one warm process (median of ${w.runs}, interleaved) | ${w.on.toFixed(3)} s | ${w.off.toFixed(3)} s | ${percent(w.ratio)} |`,
    `| the same, CPU time of every thread | ${w.cpuOn.toFixed(3)} s | ${w.cpuOff.toFixed(3)} s | ${percent(w.cpuRatio)} |`,
    `| manifest, sent (gzip) | | | ${r.manifest.sent} B (${r.manifest.raw} B raw) |`,
    `| search code (gzip, all scripts) | ${kb(r.ours.code)} KB | ${r.baseCode === null ? '?' : kb(r.baseCode)} KB (${BASE_COMMIT}) | ` +
      `${r.baseCode === null ? '?' : kb(r.ours.code - r.baseCode)} KB |`, '',
    '| query | KB fetched | of which readings, vocabulary, sound table | + manifest and code growth | without (KB) | added |',
    '| --- | --- | --- | --- | --- | --- |'];
  for (const x of rows) {
    lines.push(`| ${x.q} | ${kb(x.b.bytes)} | ${kb(x.b.extra)} | ${kb(x.grown)} | ${kb(x.b.bytes - x.added)} | ${percent(x.share)} |`);
  }
  lines.push('');
  return lines;
}

function citizenLines(rows) {
  const lines = ['#### Queries as citizens type them (issue 12)', '',
    '| query | style | expected | bulletin rank | hits | Pagefind rank | hits |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    lines.push(`| ${r.q} | ${r.kind} | ${r.expect.map((e) => e.split('/')[1]).join(', ')} | ${r.bulletin.rank || '-'} | ` +
      `${r.bulletin.hits}${r.bulletin.near ? ' (near)' : ''} | ${r.pagefind.rank || '-'} | ${r.pagefind.hits} |`);
  }
  lines.push('', '| style | queries | bulletin MRR | Pagefind MRR |', '| --- | --- | --- | --- |');
  for (const kind of [...new Set(rows.map((r) => r.kind)), 'all']) {
    const some = rows.filter((r) => kind === 'all' || r.kind === kind);
    lines.push(`| ${kind} | ${some.length} | ${mrr(some, 'bulletin').toFixed(3)} | ${mrr(some, 'pagefind').toFixed(3)} |`);
  }
  const empty = (name) => rows.filter((r) => r[name].hits === 0).length;
  lines.push('', `Queries with no result at all: bulletin ${empty('bulletin')}, Pagefind ${empty('pagefind')} (every query has a relevant project).`, '');
  return lines;
}

const timer = indexTimer();
const browser = await launchBrowser();
const results = [];
try {
  console.error(`generator: ${generatorBinary()}`);
  results.push(await benchSite('Seed bulletin', path.join(repo, 'content'), SEED_QUERIES, timer, browser, CITIZEN_QUERIES));
  if (!SEED_ONLY) {
    const content = path.join(work, 'content');
    execFileSync('node', [path.join(repo, 'bench/search/gen-content.mjs'), String(PROJECTS), content]);
    results.push(await benchSite('Generated', content, LARGE_QUERIES, timer, browser));
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
mkdirSync(path.join(repo, 'bench/out'), { recursive: true });
writeFileSync(path.join(repo, 'bench/out/search.json'), JSON.stringify(results, null, 1));
console.log(report(results));
if (CHECK) {
  const problems = [];
  for (const r of results) {
    const found = (k) => r.queries.filter((q) => q[k].correct).length;
    if (found('bulletin') < found('pagefind')) problems.push(`${r.label}: fewer expected projects first than Pagefind`);
    for (const q of r.queries) {
      if (q.bulletin.bytes >= q.pagefind.bytes) problems.push(`${r.label}: ${q.q} fetched more bytes than Pagefind`);
    }
    if (r.citizens.length) {
      const ours = mrr(r.citizens, 'bulletin'), theirs = mrr(r.citizens, 'pagefind');
      if (ours < 0.9) problems.push(`${r.label}: citizen queries MRR ${ours.toFixed(3)} < 0.9`);
      if (ours <= theirs) problems.push(`${r.label}: citizen queries MRR ${ours.toFixed(3)} not above Pagefind's ${theirs.toFixed(3)}`);
      for (const q of r.citizens) if (q.bulletin.hits === 0) problems.push(`${r.label}: no result for ${q.q}`);
    }
    if (r.label === 'Generated') {
      for (const x of costRows(r)) {
        if (x.share > LIMIT_BYTES) problems.push(`${r.label}: ${x.q}: the forgiving search adds ${percent(x.share)} to its bytes`);
      }
      if (r.times.fresh.ratio > LIMIT_BUILD) problems.push(`${r.label}: the forgiving search adds ${percent(r.times.fresh.ratio)} to the index build`);
    }
  }
  problems.forEach((p) => console.error(`check: ${p}`));
  console.log(`search benchmark check: ${problems.length ? 'FAILED' : 'passed'}`);
  process.exitCode = problems.length ? 1 : 0;
}
