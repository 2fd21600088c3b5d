// The search page in a real browser (Debian's chromium via playwright-core),
// on the shipped bulletin built by the generator: issue 3's acceptance cases.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildSite, serve, launchBrowser, watch, searchResults } from './search-harness.mjs';

let site, offlineSite, server, browser;

before(async () => {
  site = buildSite();
  offlineSite = buildSite(undefined, ['--offline']);
  // The strictest policy the issue asks the page to work under: any inline
  // script or outside request would be refused and show as a console error.
  server = await serve(site, { csp: "default-src 'self'" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [site, offlineSite]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(query) {
  const page = await browser.newPage();
  const problems = watch(page, server.origin);
  await page.goto(`${server.origin}/search/${query}`);
  const shown = await searchResults(page);
  return { page, problems, shown };
}

async function check(query, expect) {
  const { page, problems, shown } = await open(query);
  try {
    expect(shown, page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

test('充电桩 finds project 一 (EV charging) first, with the phrase marked', () =>
  check('?q=' + encodeURIComponent('充电桩'), (shown) => {
    assert.ok(shown.results.length >= 1);
    assert.equal(shown.results[0].href, '../2022/ev-charging/');
    assert.ok(shown.results[0].marks.includes('充电桩'), shown.results[0].marks.join(','));
    assert.match(shown.status, /找到 \d+ 条结果/);
  }));

test('区住建局 finds both of its projects first', () =>
  check('?q=' + encodeURIComponent('区住建局'), (shown) => {
    const top = shown.results.slice(0, 2).map((r) => r.href).sort();
    assert.deepEqual(top, ['../2022/property-management/', '../2022/urban-resettlement/']);
  }));

test('8.98万元 finds 教育乱收费', () =>
  check('?q=' + encodeURIComponent('8.98万元'), (shown) => {
    assert.equal(shown.results[0].title, '教育乱收费专项治理');
    assert.ok(shown.results[0].marks.includes('8.98万元'));
  }));

test('a query with no hits says so', () =>
  check('?q=' + encodeURIComponent('量子计算机'), (shown) => {
    assert.equal(shown.results.length, 0);
    assert.match(shown.status, /没有找到与“量子计算机”相关的结果/);
  }));

test('Traditional characters and full-width forms fold: 幼兒園, ８．９８万元', async () => {
  await check('?q=' + encodeURIComponent('幼兒園'), (shown) => assert.equal(shown.results[0].title, '教育乱收费专项治理'));
  await check('?q=' + encodeURIComponent('８．９８万元'), (shown) => assert.equal(shown.results[0].title, '教育乱收费专项治理'));
});

test('年糕, only ever the last two characters of a run, is an exact hit', () =>
  // In the whole bulletin 年糕 occurs once, at the end of the run 水磨年糕 in
  // 网络直播营销's text. An index that drops a run's last bigram leaves the
  // page only a near match on its characters 年 and 糕.
  check('?q=' + encodeURIComponent('年糕'), (shown) => {
    assert.ok(shown.results.length >= 1);
    assert.equal(shown.results[0].href, '../2022/livestream-marketing/');
    assert.equal(shown.results[0].near, false);
    assert.ok(shown.results[0].marks.includes('年糕'), shown.results[0].marks.join(','));
    assert.doesNotMatch(shown.status, /相近/);
  }));

test('a query with most of its words gives marked near matches: 幼儿园 退费', () =>
  check('?q=' + encodeURIComponent('幼儿园 退费'), (shown) => {
    assert.equal(shown.results[0].href, '../2022/education-fees/');
    assert.ok(shown.results.every((r) => r.near));
    assert.match(shown.status, /相近/);
  }));

test('a form\'s + is a space, and every term must match', () =>
  check('?q=' + encodeURIComponent('区住建局').replace(/%20/g, '+') + '+' + encodeURIComponent('物业'), (shown) => {
    assert.equal(shown.results[0].href, '../2022/property-management/');
  }));

test('the department filter keeps only its projects', () =>
  check('?q=' + encodeURIComponent('专项') + '&department=zhujian', (shown) => {
    assert.deepEqual(shown.results.map((r) => r.href).sort(),
      ['../2022/property-management/', '../2022/urban-resettlement/']);
  }));

test('typing a query puts it in the address, and Back restores the previous one', async () => {
  const { page, problems } = await open('?q=' + encodeURIComponent('充电桩'));
  try {
    await page.fill('#search-q', '物业');
    await page.press('#search-q', 'Enter');
    await page.waitForURL(/q=%E7%89%A9%E4%B8%9A/);
    let shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/property-management/');
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('search-q').value === '充电桩');
    shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/ev-charging/');
    // Keyboard only: Tab from the box reaches the filters, then the button, then a result.
    await page.focus('#search-q');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.closest('#search-results') !== null);
    assert.ok(focused, 'a result link is reachable by Tab');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('an offline copy searches from file:// with links to index.html', async () => {
  const page = await browser.newPage();
  const origin = pathToFileURL(offlineSite).href;
  const problems = watch(page, origin);
  try {
    await page.goto(`${origin}/search/index.html?q=${encodeURIComponent('充电桩')}`);
    const shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/ev-charging/index.html');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
