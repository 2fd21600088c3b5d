// Run by `check.py offline_browser` on an offline copy (bulletin build
// --offline): Debian's chromium opens it from file://, visits every page by
// following links, clicks through the navigation and searches for 充电桩,
// with no error and no request outside the copy.
// With LARGE, an offline copy whose search index is sharded, it also searches
// there: the shards come as scripts too.
// Usage: node tests/archive/offline-browser.mjs DIR [LARGE]
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, watch, searchResults, styled } from './chromium.mjs';

const dir = path.resolve(process.argv[2] ?? '');
assert.ok(existsSync(path.join(dir, 'index.html')), 'usage: offline-browser.mjs DIR (an offline copy)');
const root = pathToFileURL(dir).href + '/';
const context = await launch();
const { problems } = watch(context, root);
const failures = [];

async function step(name, fn) {
  try {
    await fn();
    console.log(`ok ${name}`);
  } catch (e) {
    failures.push(`${name}: ${e.message}`);
  }
}

const strip = (url) => url.replace(/[?#].*$/, '');

// Every page, reached by following the links of the pages before it.
await step('every page reached by links, every link to a file of the copy', async () => {
  const page = await context.newPage();
  const queue = [root + 'index.html'];
  const seen = new Set(queue);
  const broken = [];
  while (queue.length) {
    const url = queue.shift();
    await page.goto(url);
    if (!(await styled(page))) broken.push(`${url}: the stylesheet does not apply`);
    const links = await page.evaluate(() => [
      ...Array.from(document.querySelectorAll('a[href]'), (a) => a.href),
      ...Array.from(document.querySelectorAll('link[href]:not([rel=canonical])'), (l) => l.href),
      ...Array.from(document.querySelectorAll('script[src]'), (s) => s.src),
      ...Array.from(document.querySelectorAll('form[action]'), (f) => f.action),
    ]);
    for (const link of links) {
      const target = strip(link);
      if (!target.startsWith(root)) { broken.push(`${url}: link outside the copy: ${link}`); continue; }
      const file = fileURLToPath(target);
      if (!existsSync(file) || statSync(file).isDirectory()) { broken.push(`${url}: ${link} is not a file`); continue; }
      if (target.endsWith('.html') && !seen.has(target)) { seen.add(target); queue.push(target); }
    }
  }
  await page.close();
  assert.deepEqual(broken, []);
  const pages = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) pages.push(pathToFileURL(p).href);
    }
  };
  walk(dir);
  const unreached = pages.filter((p) => !seen.has(p));
  assert.deepEqual(unreached, [], 'pages no link leads to');
  console.log(`   ${seen.size} pages`);
});

// Clicking through: home → archive → 2022 → its first project → next project.
await step('clicking through the navigation', async () => {
  const page = await context.newPage();
  await page.goto(root + 'index.html');
  await Promise.all([page.waitForURL(/\/archive\/index\.html$/), page.click('.site-nav a[href$="archive/index.html"]')]);
  await Promise.all([page.waitForURL(/\/2022\/index\.html$/), page.click('.edition-list a[href$="2022/index.html"]')]);
  assert.match(await page.textContent('.notice'), /已归档/);
  await Promise.all([page.waitForURL(/\/2022\/ev-charging\/index\.html$/), page.click('article#ev-charging h2 a')]);
  assert.match(await page.textContent('h1'), /新能源汽车充电难问题专项治理/);
  await Promise.all([page.waitForURL(/\/2022\/education-fees\/index\.html$/), page.click('a[rel=next]')]);
  await Promise.all([page.waitForURL(/\/departments\/jiaoyu\/index\.html$/), page.click('.meta a')]);
  await Promise.all([page.waitForURL(root + 'index.html'), page.click('.site-title a')]);
  await page.close();
});

// Searching from the header box of a page, then on the search page itself.
await step('search for 充电桩 from file://', async () => {
  const page = await context.newPage();
  await page.goto(root + '2023/index.html');
  await page.fill('#site-q', '充电桩');
  await Promise.all([page.waitForURL(/\/search\/index\.html\?q=/), page.press('#site-q', 'Enter')]);
  let shown = await searchResults(page);
  assert.match(shown.status, /找到 \d+ 条结果/, shown.status);
  assert.equal(shown.results[0]?.href, '../2022/ev-charging/index.html', JSON.stringify(shown.results));
  await page.fill('#search-q', '物业');
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => document.querySelector('#search-results a')?.getAttribute('href')
    === '../2022/property-management/index.html', null, { timeout: 30000 });
  await page.fill('#search-q', '充电桩');
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => document.querySelector('#search-results a')?.getAttribute('href')
    === '../2022/ev-charging/index.html', null, { timeout: 30000 });
  shown = await searchResults(page);
  await Promise.all([page.waitForURL(/\/2022\/ev-charging\/index\.html$/), page.click('#search-results a >> nth=0')]);
  assert.match(await page.textContent('h1'), /新能源汽车充电难问题专项治理/);
  await page.close();
});

await context.close();
failures.push(...problems);

if (process.argv[3]) {
  const large = pathToFileURL(path.resolve(process.argv[3])).href + '/';
  const big = await launch();
  const watched = watch(big, large);
  await step('search for 充电桩 in a copy with a sharded index', async () => {
    const page = await big.newPage();
    await page.goto(large + 'search/index.html?q=' + encodeURIComponent('充电桩'));
    const shown = await searchResults(page);
    assert.match(shown.status, /找到 13 条结果/, shown.status);
    assert.equal(shown.results[0]?.href, '../2022/ev-charging/index.html', JSON.stringify(shown.results));
    const shardScripts = watched.requests.filter((u) => /\/search-index\/[pd]\/[0-9a-f]+\.js$/.test(u));
    assert.ok(shardScripts.length >= 2, `shard scripts loaded: ${shardScripts}`);
    assert.ok(!watched.requests.some((u) => u.endsWith('.json')), 'a .json fetched from file://');
    await page.close();
  });
  await big.close();
  failures.push(...watched.problems);
}
for (const f of failures) console.log(`FAIL ${f}`);
process.exitCode = failures.length ? 1 : 0;
