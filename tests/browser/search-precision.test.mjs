// Exact first, always (issue 12, point 7): on 1,000 generated projects, a
// word with hundreds of exact hits returns exactly those hits, the best
// (the word in the title) first, and the forgiving search adds nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repo, buildSite, serve, launchBrowser, watch, searchResults } from './search-harness.mjs';

let work, site, server, browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'bulletin-precision-'));
  execFileSync('node', [path.join(repo, 'bench/search/gen-content.mjs'), '1000', path.join(work, 'content')]);
  site = buildSite(path.join(work, 'content'));
  server = await serve(site, { csp: "default-src 'self'" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [site, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The projects that hold every two-character piece of `word` (what an
 *  exact match is), counted from the generated files themselves. */
function exactCount(word) {
  const pairs = Array.from(word).slice(0, -1).map((c, i) => c + word[i + 1]);
  let n = 0;
  const content = path.join(work, 'content');
  for (const edition of readdirSync(content).filter((d) => /^\d{4}$/.test(d))) {
    for (const f of readdirSync(path.join(content, edition)).filter((f) => f.endsWith('.md') && f !== '_index.md')) {
      const text = readFileSync(path.join(content, edition, f), 'utf8');
      if (pairs.every((p) => text.includes(p))) n++;
    }
  }
  return n;
}

async function all(q) {
  const page = await browser.newPage();
  const problems = watch(page, server.origin);
  await page.goto(`${server.origin}/search/?q=${encodeURIComponent(q)}`);
  const first = await searchResults(page);
  const hint = await page.evaluate(() => !document.getElementById('search-hint')?.hidden && document.getElementById('search-hint')?.textContent);
  await page.close();
  return { first, hint, problems };
}

for (const [q, where] of [['专项治理', 'title'], ['充电桩', 'text']]) {
  test(`${q}: every exact hit and nothing else, those with it in the ${where} first`, async () => {
    const expected = exactCount(q);
    const { first, hint, problems } = await all(q);
    assert.ok(expected >= 50, `${q} has ${expected} exact hits`);
    assert.equal(first.status, `找到 ${expected} 条结果`);
    assert.ok(!hint, 'no "did you mean" when exact hits exist');
    assert.ok(first.results.every((r) => !r.near), 'no near match among the exact ones');
    assert.ok(first.results.every((r) => r[where].includes(q)), `the first page is the projects with the word in the ${where}`);
    assert.deepEqual(problems, []);
  });
}
