// Run by nginx_test.py browser while nginx serves the site: Debian's
// chromium loads the home page, an edition, a project, the archive, the
// departments and the search page under the server's Content-Security-Policy
// and must see no CSP violation, no error and no request outside 127.0.0.1.
// Usage: node tests/nginx/browser.mjs http://127.0.0.1:PORT/bulletin/
import assert from 'node:assert/strict';
import { launch, watch, recordViolations, searchResults, styled } from '../archive/chromium.mjs';

const base = process.argv[2];
assert.match(base ?? '', /^http:\/\/127\.0\.0\.1:\d+\/bulletin\/$/, 'usage: browser.mjs http://127.0.0.1:PORT/bulletin/');
const origin = new URL(base).origin + '/';

const context = await launch();
const { problems, requests } = watch(context, origin);
await context.addInitScript(recordViolations);
const failures = [];
const encodings = new Map();
context.on('response', async (r) => {
  if (r.status() !== 200) return;
  try {
    // A revalidated copy (304, reported as the cached 200) carries no Content-Encoding.
    const sent = await r.request().allHeaders();
    if (sent['if-none-match'] || sent['if-modified-since']) return;
    const seen = encodings.get(r.url()) || new Set();
    seen.add((await r.allHeaders())['content-encoding'] || 'identity');
    encodings.set(r.url(), seen);
  } catch { /* the page closed first */ }
});

async function visit(path, then) {
  const page = await context.newPage();
  try {
    const response = await page.goto(base + path, { waitUntil: 'load' });
    assert.equal(response.status(), 200, `${path}: HTTP ${response.status()}`);
    assert.match(response.headers()['content-security-policy'] || '', /default-src 'self'/, `${path}: no CSP`);
    assert.ok(await styled(page), `${path}: the stylesheet does not apply`);
    if (then) await then(page);
    const violations = await page.evaluate(() => window.__cspViolations);
    assert.deepEqual(violations, [], `${path}: CSP violations`);
    console.log(`ok ${path}`);
  } catch (e) {
    failures.push(`${path}: ${e.message}`);
  } finally {
    await page.close();
  }
}

await visit('');
await visit('2023/');
await visit('2022/');
await visit('2022/ev-charging/', async (page) => {
  assert.match(await page.textContent('.corrections'), /更正公共充电桩数量/);
  assert.match(await page.textContent('.notice'), /已归档/);
  // The header search box: a GET form to the search page, allowed by form-action 'self'.
  await page.fill('#site-q', '物业');
  await Promise.all([page.waitForURL(/\/bulletin\/search\/\?q=/), page.press('#site-q', 'Enter')]);
  const shown = await searchResults(page);
  assert.equal(shown.results[0]?.href, '../2022/property-management/', JSON.stringify(shown));
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'search page after the form');
});
await visit('archive/');
await visit('departments/');
await visit('departments/shangwu/');
await visit('search/?q=' + encodeURIComponent('充电桩'), async (page) => {
  const shown = await searchResults(page);
  assert.match(shown.status, /找到 \d+ 条结果/, shown.status);
  assert.equal(shown.results[0]?.href, '../2022/ev-charging/', JSON.stringify(shown.results));
  await Promise.all([page.waitForURL(/\/bulletin\/2022\/ev-charging\/$/), page.click('#search-results a >> nth=0')]);
  assert.match(await page.textContent('h1'), /新能源汽车充电难问题专项治理/);
});

await context.close();

// Text files with .gz twins went out compressed.
for (const name of ['assets/style.css', 'assets/search.js', 'search-index.json']) {
  const url = base + name;
  if (!encodings.has(url)) failures.push(`${name} was never requested`);
  else if ([...encodings.get(url)].join() !== 'gzip') failures.push(`${name} came as ${[...encodings.get(url)]}, not gzip`);
}
failures.push(...problems);
console.log(`${requests.length} requests, all to ${origin}` + (problems.length ? ' (but see below)' : ''));
for (const f of failures) console.log(`FAIL ${f}`);
process.exitCode = failures.length ? 1 : 0;
