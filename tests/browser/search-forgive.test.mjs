// The forgiving search in a real browser (Debian's chromium), on the shipped
// bulletin, under a strict Content-Security-Policy and from file://: issue
// 12's capabilities, each with words of the 2022 bulletin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildSite, serve, launchBrowser, watch, searchResults } from './search-harness.mjs';

let site, offlineSite, server, browser;

before(async () => {
  site = buildSite();
  offlineSite = buildSite(undefined, ['--offline']);
  server = await serve(site, { csp: "default-src 'self'" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const dir of [site, offlineSite]) if (dir) rmSync(dir, { recursive: true, force: true });
});

const hintOf = (page) => page.evaluate(() => {
  const h = document.getElementById('search-hint');
  return h && !h.hidden ? { text: h.textContent, link: h.querySelector('a') && h.querySelector('a').getAttribute('href') } : null;
});

async function check(query, expect) {
  const page = await browser.newPage();
  const problems = watch(page, server.origin);
  try {
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
    const shown = await searchResults(page);
    await expect(shown, await hintOf(page), page);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
}

test('an abbreviation of a department finds it and names it: 卫健局, 农业局, 综合执法', async () => {
  for (const [q, name, href] of [['卫健局', '区卫生健康局', 'health-checkups'], ['农业局', '区农业农村局', 'village-cooperatives'],
    ['综合执法', '区综合行政执法局', 'bottled-gas']]) {
    await check(q, (shown, hint) => {
      assert.equal(shown.results[0].href, `../2022/${href}/`, q);
      assert.equal(hint.text, `您是不是要找：${name}`);
      assert.match(shown.status, /找到 \d+ 条结果/);
    });
  }
});

test('an alias from departments.toml finds the department exactly: 发改委', () =>
  check('发改委', (shown, hint) => {
    assert.equal(shown.results[0].href, '../2022/ev-charging/');
    assert.equal(hint, null);
    assert.ok(!shown.results[0].near);
  }));

test('pinyin finds the word it spells: wygl, wu ye, tones and capitals', async () => {
  for (const [q, word, href] of [['wygl', '物业管理', 'property-management'], ['wu ye', '物业', 'property-management'],
    ['Jiàn Kāng Tǐ Jiǎn', '健康体检', 'health-checkups'], ['hezuoshe', '合作社', 'village-cooperatives']]) {
    await check(q, (shown, hint) => {
      assert.equal(shown.results[0].href, `../2022/${href}/`, q);
      assert.equal(hint.text, `您是不是要找：${word}`, q);
      assert.ok(shown.results[0].marks.length > 0, 'the word found is marked');
    });
  }
});

test('characters read in several ways (多音字) are found in their other reading: tuihuan, hangye zilv, changxiao jizhi, 退环', async () => {
  // ICU reads 还 hai, 行 xing and 长 zhang; 退还, 行业 and 长效 read huan, hang and chang.
  for (const [q, word, hrefs] of [['tuihuan', '退还', ['education-fees']], ['hangye zilv', '行业自律', ['livestream-marketing']],
    ['changxiao jizhi', '长效机制', ['property-management', 'rural-resettlement']],
    ['退环', '退还', ['education-fees']]]) {
    await check(q, (shown, hint) => {
      assert.deepEqual(shown.results.map((r) => r.href).sort(), hrefs.map((h) => `../2022/${h}/`), q);
      assert.equal(hint.text, `您是不是要找：${word}`, q);
      assert.ok(shown.results.every((r) => !r.near), q);
    });
  }
});

test('a wrong character of the same sound: 体减 offers 您是不是要找：体检 as a link that searches for it', async () => {
  const page = await browser.newPage();
  const problems = watch(page, server.origin);
  try {
    await page.goto(`${server.origin}/search/?q=${encodeURIComponent('体减')}`);
    let shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/health-checkups/');
    assert.deepEqual(await hintOf(page), { text: '您是不是要找：体检', link: '?q=' + encodeURIComponent('体检') });
    await page.click('#search-hint a');
    await page.waitForURL(/q=%E4%BD%93%E6%A3%80/);
    await page.waitForFunction(() => document.getElementById('search-q').value === '体检');
    shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/health-checkups/');
    assert.equal(await hintOf(page), null);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('numbers written another way are the same number: 118.0%, 8.980万元, 120.3%', async () => {
  for (const [q, href] of [['118.0%', 'ev-charging'], ['8.980万元', 'education-fees'], ['120.3%', 'health-checkups']]) {
    await check(q, (shown, hint) => {
      assert.equal(shown.results[0].href, `../2022/${href}/`, q);
      assert.ok(!shown.results[0].near);
      assert.equal(hint, null);
    });
  }
});

test('never empty when the characters are there: 瓶装气 gives labelled near matches, closest first', () =>
  check('瓶装气', (shown) => {
    assert.equal(shown.results[0].href, '../2022/bottled-gas/');
    assert.ok(shown.results.every((r) => r.near));
    assert.match(shown.status, /相近结果/);
  }));

test('exact first: 充电桩 adds nothing; 公安局 keeps its exact hit first and marks the department\'s project near', async () => {
  await check('充电桩', (shown, hint) => {
    assert.deepEqual(shown.results.map((r) => r.href), ['../2022/ev-charging/']);
    assert.equal(hint, null);
  });
  await check('公安局', (shown) => {
    assert.deepEqual(shown.results.map((r) => [r.href, r.near]),
      [['../2022/bottled-gas/', false], ['../2022/telecom-fraud/', true]]);
  });
});

test('suggestions: an ARIA combobox driven by the keyboard, loading one small file', async () => {
  const page = await browser.newPage();
  const problems = watch(page, server.origin);
  const fetched = [];
  page.on('request', (r) => { if (r.url().includes('/search-index')) fetched.push(new URL(r.url()).pathname); });
  try {
    await page.goto(`${server.origin}/search/`);
    const box = page.locator('#search-q');
    assert.equal(await box.getAttribute('role'), 'combobox');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await box.focus();
    await page.keyboard.type('wy');
    await page.waitForSelector('#search-suggestions:not([hidden]) [role=option]');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    assert.equal(await box.getAttribute('aria-controls'), 'search-suggestions');
    assert.equal(await page.getAttribute('#search-suggestions', 'role'), 'listbox');
    const options = await page.$$eval('#search-suggestions [role=option]', (os) => os.map((o) => o.textContent));
    assert.equal(options[0], '物业管理');
    // Only the vocabulary file of "w": no index, no manifest.
    assert.deepEqual(fetched, ['/search-index/w/w.json']);
    // The accessibility tree a screen reader reads.
    const snapshot = await page.locator('#search-app').ariaSnapshot();
    assert.match(snapshot, /combobox .*\[expanded\]/);
    assert.match(snapshot, /listbox "搜索建议"/);
    assert.match(snapshot, /option "物业管理"/);
    await page.keyboard.press('ArrowDown');
    const first = await page.$eval('#search-suggestions [role=option]', (o) => o.id);
    assert.equal(await box.getAttribute('aria-activedescendant'), first);
    assert.equal(await page.getAttribute(`#${first}`, 'aria-selected'), 'true');
    await page.keyboard.press('ArrowUp');  // wraps to the last
    assert.notEqual(await box.getAttribute('aria-activedescendant'), first);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=%E7%89%A9%E4%B8%9A%E7%AE%A1%E7%90%86/);
    const shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/property-management/');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    // Characters too; Escape closes the list, the box keeps its text.
    await box.fill('');
    await page.keyboard.type('充');
    await page.waitForSelector('#search-suggestions:not([hidden]) [role=option]');
    assert.ok((await page.$$eval('#search-suggestions [role=option]', (os) => os.map((o) => o.textContent))).includes('充电桩'));
    await page.keyboard.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.ok(await page.$eval('#search-suggestions', (l) => l.hidden));
    assert.equal(await box.inputValue(), '充');
    assert.equal(await box.getAttribute('aria-activedescendant'), null);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('an offline copy forgives from file:// too: 体减 and suggestions', async () => {
  const page = await browser.newPage();
  const origin = pathToFileURL(offlineSite).href;
  const problems = watch(page, origin);
  try {
    await page.goto(`${origin}/search/index.html?q=${encodeURIComponent('体减')}`);
    const shown = await searchResults(page);
    assert.equal(shown.results[0].href, '../2022/health-checkups/index.html');
    assert.equal((await hintOf(page)).text, '您是不是要找：体检');
    await page.locator('#search-q').fill('');
    await page.locator('#search-q').focus();
    await page.keyboard.type('tij');
    await page.waitForSelector('#search-suggestions:not([hidden]) [role=option]');
    assert.ok((await page.$$eval('#search-suggestions [role=option]', (os) => os.map((o) => o.textContent))).includes('体检'));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
