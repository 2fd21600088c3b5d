// Shared by the search browser test and the search benchmark: build a site
// with the generator, serve a folder on 127.0.0.1, drive Debian's chromium.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.css': 'text/css', '.xml': 'application/xml', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.png': 'image/png'
};

/** The generator binary: BULLETIN_BINARY (set by CTest) or the usual build folders. */
export function generatorBinary() {
  const candidates = [process.env.BULLETIN_BINARY, 'build-test/bulletin', 'build/bulletin'].filter(Boolean);
  const found = candidates.map((c) => path.resolve(repo, c)).find((c) => existsSync(c));
  if (!found) throw new Error('no generator binary: set BULLETIN_BINARY');
  return found;
}

/** Builds `content` into a new temporary folder and returns it. */
export function buildSite(content = path.join(repo, 'content'), extra = []) {
  const out = mkdtempSync(path.join(tmpdir(), 'bulletin-site-'));
  execFileSync(generatorBinary(), ['build', '--content', content, '--out', out, ...extra], { stdio: 'pipe' });
  return out;
}

/** Serves `dir` on 127.0.0.1 (a free port). Folders serve index.html; with
 *  `gzip`, a file's precompressed .gz twin goes out when the client accepts
 *  it, as nginx's gzip_static does; with `csp`, every response carries that
 *  Content-Security-Policy. Records every request path. */
export async function serve(dir, { gzip = false, csp = '' } = {}) {
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' };
      if (csp) headers['Content-Security-Policy'] = csp;
      let body;
      if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '') && existsSync(file + '.gz')) {
        body = readFileSync(file + '.gz');
        headers['Content-Encoding'] = 'gzip';
      } else {
        body = readFileSync(file);
      }
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Debian's chromium, headless, with a fresh profile and nothing that calls home. */
export async function launchBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'bulletin-chromium-'));
  const removeProfile = () => rmSync(profile, { recursive: true, force: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    removeProfile();
    throw e;
  }
  // Closing the browser also removes its profile folder from the temporary folder.
  const close = context.close.bind(context);
  context.close = async (...args) => {
    try {
      await close(...args);
    } finally {
      removeProfile();
    }
  };
  return context;
}

/** Watches a page for console errors, page errors and requests that leave
 *  `origin` (file:// counts as inside for offline copies). */
export function watch(page, origin) {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) problems.push(`outside request: ${url}`);
  });
  return problems;
}

/** Waits for the search page to finish and returns what it shows. */
export async function searchResults(page) {
  await page.waitForFunction(() => {
    const app = document.getElementById('search-app');
    const status = document.getElementById('search-status');
    return app && !app.hasAttribute('aria-busy') && status && status.textContent.trim() !== '';
  });
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    ms: Number(document.getElementById('search-app').getAttribute('data-search-ms')),
    results: Array.from(document.querySelectorAll('#search-results > li')).map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      title: li.querySelector('a').textContent,
      near: li.classList.contains('search-result-near'),
      marks: Array.from(li.querySelectorAll('mark')).map((m) => m.textContent),
      text: li.textContent,
    })),
  }));
}
