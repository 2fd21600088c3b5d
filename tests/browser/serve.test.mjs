// bulletin serve in a real browser (Debian's chromium via playwright-core):
// an open page reloads itself after a save (the reload script works under the
// server's Content-Security-Policy), shows a broken file's error at the top,
// and comes back once the file is fixed; at phone width nothing overflows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repo, generatorBinary, launchBrowser, watch } from './search-harness.mjs';

let dir, server, origin, browser;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-serve-'));
  cpSync(path.join(repo, 'tests/sites/small/content'), path.join(dir, 'content'), { recursive: true });
  server = spawn(generatorBinary(), ['serve', '--content', 'content', '--port', '0', '--themes', path.join(repo, 'themes')],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  origin = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 20000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const ended = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await ended;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an open page reloads itself after a save, shows the error of a broken file, and comes back when it is fixed', async () => {
  const file = path.join(dir, 'content/2022/ev-charging.md');
  const original = readFileSync(file, 'utf8');
  const page = await browser.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  const problems = watch(page, origin);
  await page.goto(`${origin}/2022/ev-charging/`, { waitUntil: 'load' });
  // The stream is open once the page has heard the current generation.
  await page.waitForTimeout(300);

  writeFileSync(file, original + '\n保存之后页面自己刷新出来的句子。\n');
  await page.waitForFunction(() => document.body.textContent.includes('保存之后页面自己刷新出来的句子'), null, { timeout: 15000 });

  writeFileSync(file, original.replace('department = "区发改局"', 'department = "区发改"') + '\n保存之后页面自己刷新出来的句子。\n');
  const alert = page.locator('[role="alert"]');
  await alert.waitFor({ timeout: 15000 });
  const message = await alert.textContent();
  assert.match(message, /content\/2022\/ev-charging\.md:\d+:\d+: 错误: 未知部门“区发改”/);
  assert.match(message, /是否想写“区发改局”？/);
  assert.ok((await page.textContent('main')).includes('保存之后页面自己刷新出来的句子'), 'the last good page is still shown');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the error box fits a phone');

  writeFileSync(file, original);
  await alert.waitFor({ state: 'detached', timeout: 15000 });
  assert.ok(!(await page.textContent('main')).includes('保存之后页面自己刷新出来的句子'));
  assert.deepEqual(problems, []);
  await page.close();
});

test('Ctrl-C stops serve cleanly', async () => {
  const ended = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  server.kill('SIGINT');
  assert.equal(await ended, 0);
});
