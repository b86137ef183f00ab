import type {Browser, BrowserContext, BrowserContextOptions, Locator, Page} from 'playwright-core';
import {expect} from 'vitest';
import {readdirSync} from 'node:fs';
import path from 'node:path';
import {launchTestChromium, playwrightChromium} from '../../scripts/chromium.mjs';
import {QUESTIONS, pathTo, walk, type OutcomeId} from '../../src/data/decisionTree';

/** Where the static server serves the build, ending with its baseUrl. */
export const SITE_URL = requiredEnv('E2E_URL');
export const SITE = new URL(SITE_URL);
export const BASE_PATH = SITE.pathname;

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run the end-to-end tests with "npm run test:e2e".`);
  return value;
}

/**
 * The test browser: the one scripts/e2e.mjs keeps for this job slot when it names one (`E2E_BROWSER_WS`), or a new
 * one. Files in one slot run one after another, so no two files share a browser (or its clipboard) at once; closing a
 * connected browser closes the contexts this file opened and leaves the browser for the next file.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = process.env.E2E_BROWSER_WS;
  return endpoint ? playwrightChromium().connect(endpoint) : launchTestChromium();
}

/**
 * Pages that start like a page in a new context (no cookies, storage or permissions for the site), but share one
 * context per set of options, and so the HTTP cache and V8's code cache: a cold load of a page with the chooser costs
 * about twice a warm one, and most tests load a page or more.
 *
 * The page itself is kept too: a test leaves it open, and the next test with the same options gets it back on
 * about:blank. A new tab costs Chromium a renderer process and the browser's setup for a tab: on this machine a guide
 * loaded in a new tab took 1.6–1.7 s of CPU, in a kept tab 0.6–0.8 s. A test that changes the page itself (an init
 * script, a route) closes it when done, and the next test gets a new one; for tests that add init scripts or routes
 * to a context, or watch what the cache would hide (which scripts a page fetches), use a context of their own. What
 * a kept page carries over is its history behind about:blank, which a test only goes back through as far as it went,
 * and the listeners earlier tests added, which write only to those tests' own lists.
 */
export interface SharedPages {
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export function sharedPages(browser: () => Browser): SharedPages {
  const contexts = new Map<string, Promise<BrowserContext>>();
  return {
    async newPage(options = {}) {
      const key = JSON.stringify(options);
      let pending = contexts.get(key);
      if (!pending) {
        pending = browser().newContext(options);
        contexts.set(key, pending);
      }
      const context = await pending;
      // One page is kept; any other an earlier test opened (a second tab) is closed with its storage events.
      const [kept, ...others] = context.pages();
      for (const open of others) await open.close();
      if (kept) {
        // sessionStorage belongs to the tab, not the origin's stored data: cleared while the site is still open.
        if (new URL(kept.url()).origin === SITE.origin) await kept.evaluate(() => sessionStorage.clear()).catch(() => undefined);
        // Leaving the site ends the earlier test's document, its timers and its requests, before storage is cleared.
        await kept.goto('about:blank');
      }
      await context.clearCookies();
      await context.clearPermissions();
      const page = kept ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', {
        origin: SITE.origin,
        storageTypes: 'cookies,file_systems,indexeddb,local_storage,shader_cache,websql,service_workers,cache_storage',
      });
      await cdp.detach();
      return page;
    },
    async close() {
      for (const pending of contexts.values()) await (await pending).close();
      contexts.clear();
    },
  };
}

export function siteUrl(path: string): string {
  return new URL(path.replace(/^\//, ''), SITE_URL).toString();
}

/**
 * Records everything a clean page must not do: console errors, uncaught
 * exceptions, failed requests and requests to any other origin.
 */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A navigation away aborts in-flight prefetches; those are not failures of the page.
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && request.resourceType() !== 'document') return;
    problems.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (url.origin !== SITE.origin) problems.push(`request to another origin: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/**
 * How long `expect.poll` waits for a page the client router is rendering: it changes the URL at once and renders the
 * page once the page's chunks have loaded (the idle prefetch may not have fetched them on a busy machine).
 */
export const RENDERED = {timeout: 15_000};

/** Resolves once the page has drawn two more frames: what an action queued for the next frame has happened. */
export async function twoFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Docusaurus hydrates, then marks nothing; waiting for the client router's data attribute is the closest signal. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', undefined, {timeout: 30_000});
}

/**
 * The overview's flowchart is drawn only once its box is in the window (then when
 * the browser is idle), as a reader scrolls to it; a test that needs the drawing
 * brings the box into view the same way. Nothing moves where it is already visible.
 */
export async function waitForChart(page: Page): Promise<Locator> {
  const box = page.locator('[data-testid="strategy-flowchart"]');
  await box.scrollIntoViewIfNeeded();
  const svg = box.locator('svg');
  await svg.waitFor({state: 'visible', timeout: 30_000});
  return svg;
}

/** The origin the build was told it is published at (SITE_URL), or '' for a build that was not told one. */
export const PUBLISHED_SITE_URL = process.env.E2E_SITE_URL ?? '';

/**
 * The sitemap's URLs, moved onto the test server's origin and baseUrl. A build without SITE_URL writes no sitemap;
 * there the same list comes from the build's page folders (every index.html but the search page's, as the sitemap
 * plugin is configured).
 */
export async function sitemapUrls(): Promise<string[]> {
  if (PUBLISHED_SITE_URL === '') return builtPageUrls();
  const response = await fetch(siteUrl('sitemap.xml'));
  if (!response.ok) throw new Error(`sitemap.xml: HTTP ${response.status}`);
  const xml = await response.text();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => {
    const url = new URL(match[1] ?? '');
    return `${SITE.origin}${url.pathname}`;
  });
}

/** Every page folder of the build as a URL on the test server, in the sitemap's order (sorted by path). */
function builtPageUrls(): string[] {
  const root = requiredEnv('E2E_BUILD_DIR');
  const pages: string[] = [];
  function visit(folder: string): void {
    for (const entry of readdirSync(path.join(root, folder), {withFileTypes: true})) {
      const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (relative !== 'assets' && relative !== 'search') visit(relative);
      } else if (entry.name === 'index.html') {
        pages.push(folder === '' ? '' : `${folder}/`);
      }
    }
  }
  visit('');
  return pages.sort().map((page) => siteUrl(page));
}

/** The overview's chooser, by the name a screen reader hears. */
export function chooser(page: Page): Locator {
  return page.getByRole('region', {name: 'Strategy chooser'});
}

/** Clicks the answers that lead to an outcome, from the chooser's first open question, by their accessible names. */
export async function clickThrough(page: Page, outcome: OutcomeId): Promise<void> {
  for (const step of walk(pathTo(outcome)).steps) {
    const question = QUESTIONS[step.question];
    const label = question.answers.find((answer) => answer.id === step.answerId)?.label ?? '';
    await chooser(page).getByRole('group', {name: question.text}).getByRole('button', {name: label, exact: true}).click();
  }
}

export interface OutcomeWalker {
  /** The page with the chooser at `outcome`, reached by its answers. */
  to(outcome: OutcomeId): Promise<Page>;
}

/**
 * One overview page for a file's checks of the six chooser outcomes, where what is checked is the outcome as shown,
 * not a shared link's first load: the first call opens the page with `open`, each later one presses Start over, then
 * the answers lead to the outcome. A page load costs several times the answers. A mark on the page's window tells
 * the walker that the page is still the one it opened: a kept page another test has taken was navigated since. The
 * page stays with the shared pages that opened it, which close it with their context.
 */
export function outcomeWalker(open: () => Promise<Page>): OutcomeWalker {
  let page: Page | null = null;
  return {
    async to(outcome) {
      const ours = page !== null && !page.isClosed() && (await page.evaluate(() => 'outcomeWalkerPage' in window));
      const current = ours && page ? page : await open();
      if (ours) await chooser(current).getByRole('button', {name: 'Start over', exact: true}).click();
      else await current.evaluate(() => Object.assign(window, {outcomeWalkerPage: true}));
      page = current;
      await clickThrough(current, outcome);
      await expect.poll(() => new URL(current.url()).searchParams.get('path')).toBe(pathTo(outcome).join('.'));
      return current;
    },
  };
}
