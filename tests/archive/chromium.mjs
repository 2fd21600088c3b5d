// Debian's chromium through playwright-core, for the offline-copy and nginx
// browser tests: a fresh profile, nothing that calls home, never a download.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export async function launch() {
  const profile = mkdtempSync(path.join(tmpdir(), 'bulletin-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const close = context.close.bind(context);
  context.close = async () => {
    await close();
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/** Records, for every page of `context`: console errors and CSP reports,
 *  page errors, failed requests, HTTP errors, and requests whose URL does
 *  not start with `inside` (a string or a list of them). */
export function watch(context, inside) {
  const prefixes = [].concat(inside);
  const problems = [];
  const requests = [];
  const hook = (page) => {
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content[- ]Security[- ]Policy/i.test(m.text())) {
        problems.push(`console ${m.type()} on ${page.url()}: ${m.text()}`);
      }
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
  };
  context.pages().forEach(hook);
  context.on('page', hook);
  context.on('request', (r) => {
    requests.push(r.url());
    if (!prefixes.some((p) => r.url().startsWith(p))) problems.push(`request outside ${prefixes}: ${r.url()}`);
  });
  // net::ERR_ABORTED is a request the browser cancelled because the page
  // moved on (a favicon still loading when a link is clicked), not a file
  // that failed: a missing file fails with ERR_FILE_NOT_FOUND or an HTTP status.
  context.on('requestfailed', (r) => {
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { problems, requests };
}

/** Installed before any page script: keeps every securitypolicyviolation. */
export const recordViolations = () => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`);
  });
};

/** Waits for the search page to settle; returns its status and result links. */
export async function searchResults(page) {
  await page.waitForFunction(() => {
    const app = document.getElementById('search-app');
    const status = document.getElementById('search-status');
    return app && !app.hasAttribute('aria-busy') && status && status.textContent.trim() !== '';
  }, null, { timeout: 30000 });
  return page.evaluate(() => ({
    status: document.getElementById('search-status').textContent,
    results: Array.from(document.querySelectorAll('#search-results > li a')).map((a) => ({
      href: a.getAttribute('href'), title: a.textContent,
    })),
  }));
}

/** True when the page's stylesheet loaded and applies (the skip link is
 *  moved off screen by it). */
export async function styled(page) {
  return page.evaluate(() => {
    const skip = document.querySelector('a.skip');
    return Boolean(skip) && getComputedStyle(skip).position === 'absolute';
  });
}
