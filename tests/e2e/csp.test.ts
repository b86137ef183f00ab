/**
 * The site runs under its own Content-Security-Policy with nothing refused: every
 * sitemap page, the 404 and search pages, and a reader's session on the overview
 * (chooser to an outcome, the flowchart drawn, the search opened and a query typed,
 * Copy) raise no `securitypolicyviolation` event and no CSP console message.
 * Hosts that set headers (scripts/serve.mjs from `_headers`, nginx from the README's
 * block) send the policy, with frame-ancestors, and the other security headers on
 * every response; `python3 -m http.server`, like GitHub Pages, sends none, and the
 * <meta> policy every page carries is then the one enforced.
 */
import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, pathTo, walk} from '../../src/data/decisionTree';
import {SITE, launchBrowser, siteUrl, sitemapUrls, waitForChart, waitForHydration, watchPage} from './support';

/** Hosts that can set response headers; the others rely on the <meta> policy. */
const SETS_HEADERS = ['serve.mjs', 'nginx'].includes(process.env.E2E_HOST ?? 'serve.mjs');
/** `python3 -m http.server` answers an unknown path with its own error page, not the site's 404.html. */
const SERVES_404_PAGE = SETS_HEADERS;
const BUILD_DIR = process.env.E2E_BUILD_DIR ?? 'build';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Watched {
  readonly page: Page;
  /** CSP violations (events and console messages) and everything watchPage reports. */
  readonly problems: string[];
}

declare global {
  interface Window {
    recordCspViolation?: (text: string) => void;
  }
}

/**
 * A context whose pages report every CSP violation: the event, from the first
 * byte of each document on (an init script runs before the page's own), and the
 * browser's console message, which also covers what no event reaches.
 */
async function cspContext(): Promise<{context: BrowserContext; violations: string[]}> {
  const context = await browser.newContext({viewport: {width: 1280, height: 1000}, acceptDownloads: true});
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
  const violations: string[] = [];
  await context.exposeBinding('recordCspViolation', ({page}, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        window.recordCspViolation?.(
          `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} (${event.sample})`,
        );
      },
      true,
    );
  });
  return {context, violations};
}

async function openWatched(context: BrowserContext, violations: string[], url: string): Promise<Watched & {status: number}> {
  const page = await context.newPage();
  const problems = watchPage(page);
  page.on('console', (message) => {
    if (/content.security.policy|refused to/i.test(message.text())) violations.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
  });
  const response = await page.goto(url);
  await waitForHydration(page);
  return {page, problems, status: response?.status() ?? 0};
}

/** Lets queued violation events reach the recorder: two frames after the last action. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

function metaPolicy(page: Page): Promise<string | null> {
  return page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
}

describe('the Content-Security-Policy', () => {
  it('is sent by header on every response where the host sets headers, with frame-ancestors, nosniff and a referrer policy', async () => {
    const page = await (await fetch(siteUrl('/'))).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(meta, 'the CSP <meta>').toBeTruthy();
    expect(meta).not.toContain('unsafe-eval');
    expect(meta).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    const asset = /<script src="?([^"\s>]+\.js)/.exec(page)?.[1];
    expect(asset).toBeTruthy();
    const urls = [siteUrl('/'), siteUrl('/egress/node-proxy-daemonset/'), new URL(asset ?? '', SITE).toString(), siteUrl('/no-such-page/')];
    for (const url of urls) {
      const response = await fetch(url, {redirect: 'manual'});
      await response.arrayBuffer();
      if (SETS_HEADERS) {
        expect(response.headers.get('content-security-policy'), url).toBe(`${meta}; frame-ancestors 'none'`);
        expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
        expect(response.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      } else {
        // The host sets no headers (as GitHub Pages cannot): the pages' <meta> policy is all there is.
        expect(response.headers.get('content-security-policy'), url).toBeNull();
      }
    }
    // The header files the build wrote carry the same policy the pages do.
    expect(readFileSync(join(BUILD_DIR, '_headers'), 'utf8')).toContain(`Content-Security-Policy: ${meta}; frame-ancestors 'none'\n`);
    expect(readFileSync(join(BUILD_DIR, 'security-headers.nginx.conf'), 'utf8')).toContain(`add_header Content-Security-Policy "${meta}; frame-ancestors 'none'" always;`);
  });

  it('is enforced: an inline script the build did not write is refused, and the recorder sees it', async () => {
    const {context, violations} = await cspContext();
    const {page} = await openWatched(context, violations, siteUrl('/guides/'));
    await page.addScriptTag({content: 'window.injected = true;'}).catch(() => undefined);
    await settle(page);
    await expect(page.evaluate(() => (window as unknown as {injected?: boolean}).injected)).resolves.toBeUndefined();
    expect(violations.some((violation) => violation.includes('script-src'))).toBe(true);
    await context.close();
  });

  it('refuses nothing on any sitemap page, the 404 page or the search page, and every page carries the same policy', async () => {
    const {context, violations} = await cspContext();
    const urls = [...(await sitemapUrls()), ...(SERVES_404_PAGE ? [siteUrl('/no-such-page/')] : []), siteUrl('/search/?q=kubeconfig')];
    expect(urls.length).toBeGreaterThanOrEqual(8);
    const problems: string[] = [];
    const policies = new Set<string | null>();
    for (const url of urls) {
      const watched = await openWatched(context, violations, url);
      policies.add(await metaPolicy(watched.page));
      // The overview's flowchart is drawn once in view; the search page loads its index. Both count.
      if (new URL(url).pathname === SITE.pathname) await waitForChart(watched.page);
      if (url.includes('/search/')) await watched.page.getByText(/documents? found|No documents were found/).first().waitFor({timeout: 30_000});
      await watched.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await settle(watched.page);
      // The 404 page answers 404 by design; nothing else may fail.
      const expected = (problem: string): boolean => url.includes('no-such-page') && /HTTP 404: |status of 404/.test(problem);
      problems.push(...watched.problems.filter((problem) => !expected(problem)).map((problem) => `${url}: ${problem}`));
      await watched.page.close();
    }
    await context.close();
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    expect([...policies].length).toBe(1);
    expect([...policies][0]).toBeTruthy();
   }, 600_000);

  it('refuses nothing while a reader uses the overview: chooser to an outcome, flowchart, Copy, Download bundle, Copy page, search', async () => {
    const {context, violations} = await cspContext();
    const {page, problems} = await openWatched(context, violations, siteUrl('/'));
    // Nothing refused means something only under a policy.
    expect(await metaPolicy(page)).toMatch(/^default-src 'none'; script-src 'self' /);
    const svg = await waitForChart(page);
    await expect(svg.locator('g.node').count()).resolves.toBeGreaterThan(5);

    const outcome = OUTCOME_IDS[0];
    if (!outcome) throw new Error('the decision tree has no outcome');
    const chooser = page.getByRole('region', {name: 'Strategy chooser'});
    for (const step of walk(pathTo(outcome)).steps) {
      const question = QUESTIONS[step.question];
      const label = question.answers.find((answer) => answer.id === step.answerId)?.label ?? '';
      await chooser.getByRole('group', {name: question.text}).getByRole('button', {name: label, exact: true}).click();
    }
    await chooser.getByRole('heading', {name: OUTCOMES[outcome].title, exact: true}).waitFor();
    const artifact = chooser.locator('[data-artifact]').first();
    await artifact.waitFor();
    // The flowchart redraws with the path taken.
    await svg.locator('g.node.taken').first().waitFor({timeout: 30_000});
    await artifact.hover();
    await artifact.getByRole('button', {name: /^copy/i}).first().click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBeTruthy();
    // The bundle is built in the page and saved from a blob: URL; the page's Markdown twin is fetched from the site.
    const [download] = await Promise.all([page.waitForEvent('download'), chooser.getByRole('button', {name: 'Download bundle', exact: true}).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await page.getByRole('button', {name: 'Copy page as Markdown'}).click();
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Copied this page as Markdown.'}).count()).toBe(1);

    await page.getByRole('searchbox').or(page.getByPlaceholder('Search')).first().fill('kubeconfig');
    // The index and its worker load under the policy (the suggestions list itself is checked in search.test.ts).
    await page.waitForLoadState('networkidle');
    await settle(page);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it.runIf(SETS_HEADERS)('keeps every page out of another site\'s frame', async () => {
    // Another origin on this machine (localhost, not 127.0.0.1) whose page frames the guides page.
    const target = siteUrl('/guides/');
    const framer = createServer((_request, response) => {
      response.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end(`<!doctype html><iframe src="${target}"></iframe>`);
    });
    await new Promise<void>((done) => framer.listen(0, '127.0.0.1', done));
    const address = framer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const context = await browser.newContext();
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(`http://localhost:${port}/`);
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    await framed?.waitForLoadState('load');
    // The browser refused to show it, and said why.
    expect(framed?.url()).not.toBe(target);
    // Whatever the frame shows (the browser's error page), it is not one of ours.
    await expect(framed?.evaluate(() => document.title).catch(() => '')).resolves.not.toContain('OpenZiti on Kubernetes');
    await expect.poll(() => messages.join('\n')).toContain("frame-ancestors 'none'");
    await context.close();
    await new Promise((done) => framer.close(done));
  });
});
