// Every page type of a built site in Debian's chromium (playwright-core), at
// 360 and 1280 px, in standard and large text (大字版): axe-core finds no
// violation (WCAG 2.1 A/AA and best practices); body text is 16 px or more;
// links and buttons outside running text are 44 px high on phones; nothing
// scrolls sideways at 200% zoom; the 大字版 switch works without script
// (#large-text) and, with script, is remembered from page to page; an
// edition and a project page print as the bulletin does; no request leaves
// the site.
// Usage: node tests/a11y/check.mjs DIR (a site built with `bulletin build`)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, watch } from '../archive/chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dir = path.resolve(process.argv[2] ?? '');
const root = pathToFileURL(dir).href + '/';
const pages = (process.argv[3] ?? 'index.html,2022/index.html,2022/ev-charging/index.html,departments/index.html,'
  + 'departments/fagai/index.html,archive/index.html,search/index.html?q=%E5%85%85%E7%94%B5%E6%A1%A9').split(',');
const context = await launch();
const { problems } = watch(context, root);
const failures = [];

async function check(page, label, width, large) {
  const rootSize = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  if (rootSize !== (large ? '20px' : '16px')) failures.push(`${label}: root font size ${rootSize}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) failures.push(`${label}: the page scrolls sideways by ${overflow} px`);
  if (width === 640) return;  // 1280 px at 200% zoom: nothing may be cut off; axe runs at 360 and 1280
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    preload: false,
  }));
  for (const v of result.violations) {
    failures.push(`${label}: axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  const small = await page.evaluate(() => Array.from(document.querySelectorAll('main p, main li, main td, main dd, main dt, footer p'))
    .filter((e) => e.offsetParent !== null && e.textContent.trim() !== '')
    .filter((e) => parseFloat(getComputedStyle(e).fontSize) < 16)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${getComputedStyle(e).fontSize}`));
  if (small.length) failures.push(`${label}: text under 16 px: ${small.slice(0, 5).join(', ')}`);
  if (width <= 400) {
    const tiny = await page.evaluate(() => Array.from(document.querySelectorAll(
      '.site-nav a, .size-switch a, .footer-links a, .breadcrumb a, .pager a, .toc a, .identity a, .error-report a, button, input, select'))
      .filter((e) => e.offsetParent !== null)
      .filter((e) => e.getBoundingClientRect().height < 44)
      .map((e) => `${e.tagName.toLowerCase()} "${e.textContent.trim().slice(0, 12)}" ${Math.round(e.getBoundingClientRect().height)}px`));
    if (tiny.length) failures.push(`${label}: touch targets under 44 px: ${tiny.slice(0, 5).join(', ')}`);
  }
}

let runs = 0;
for (const rel of pages) {
  // 640 px is 1280 px at 200% zoom.
  for (const width of [360, 640, 1280]) {
    for (const large of [false, true]) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 800 });
      const url = root + rel + (large ? '#large-text' : '');
      await page.goto(url);
      if (rel.startsWith('search/')) {
        await page.waitForFunction(() => document.querySelector('#search-results li'), null, { timeout: 30000 });
      }
      await check(page, `${rel} at ${width} px${large ? ', 大字版' : ''}`, width, large);
      await page.evaluate(() => window.localStorage.clear());
      await page.close();
      runs += 1;
    }
  }
}

// With script: the switch is remembered on the next page, and undone.
{
  const page = await context.newPage();
  await page.goto(root + pages[0]);
  await page.click('.size-switch .to-large');
  await page.goto(root + pages[1]);
  const large = await page.evaluate(() => document.documentElement.classList.contains('large-text')
    && getComputedStyle(document.documentElement).fontSize);
  if (large !== '20px') failures.push(`大字版 not remembered on the next page (${large})`);
  await page.click('.size-switch .to-standard');
  await page.goto(root + pages[2]);
  const standard = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  if (standard !== '16px') failures.push(`标准版 not remembered on the next page (${standard})`);
  await page.close();
}

// Print: an edition prints as the bulletin (no navigation, each project from
// a new page, each project's address shown); a project page prints on its own.
{
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const rel of [pages[1], pages[2]]) {
    await page.goto(root + rel);
    const shown = await page.evaluate(() => ({
      hidden: ['.site-nav', '.site-search', '.breadcrumb', '.toc', '.pager', '.size-switch', '.footer-links']
        .filter((s) => document.querySelector(s))
        .filter((s) => getComputedStyle(document.querySelector(s)).display !== 'none'),
      breaks: Array.from(document.querySelectorAll('article.project')).slice(1)
        .map((a) => getComputedStyle(a).breakBefore),
      addresses: Array.from(document.querySelectorAll('.print-address'))
        .map((p) => getComputedStyle(p).display !== 'none' && /^https?:\/\//.test(p.textContent)),
    }));
    if (shown.hidden.length) failures.push(`${rel} printed: navigation still shown: ${shown.hidden.join(', ')}`);
    if (shown.breaks.some((b) => b !== 'page')) failures.push(`${rel} printed: projects not each on a new page: ${shown.breaks}`);
    if (!shown.addresses.length || shown.addresses.some((a) => !a)) failures.push(`${rel} printed: a project's address is not shown`);
  }
  await page.close();
}

await context.close();
failures.push(...problems);
assert.ok(runs > 0);
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`${runs} page views checked, ${failures.length} problems`);
process.exitCode = failures.length ? 1 : 0;
