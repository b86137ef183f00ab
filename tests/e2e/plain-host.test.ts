/**
 * The build on a host with no rewrite rules (scripts/e2e.mjs runs this file against
 * `python3 -m http.server` serving a folder that holds the build at its baseUrl):
 * every URL the site emits answers 200 as it is written, with no redirect, and the
 * flowchart's links (full page loads) land on their guides.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS} from '../../src/data/decisionTree';
import {guideHref} from '../../src/utils/flowchart';
import {BASE_PATH, PUBLISHED_SITE_URL, SITE, launchBrowser, sharedPages, siteUrl, sitemapUrls, waitForHydration, watchPage} from './support';

let browser: Browser;
// Pages share a context (and so its cache) per set of options, each starting without the site's storage.
const pages = sharedPages(() => browser);
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await pages.close();
  await browser?.close();
});

/** `redirect: 'manual'`: a URL that only works through a redirect is not in the one form the site uses. */
async function status(url: string): Promise<number> {
  const response = await fetch(url, {redirect: 'manual'});
  await response.arrayBuffer();
  return response.status;
}

/** Same-origin URLs in a page's HTML (href and src attributes, quoted or not), without fragments. */
function sameOriginUrls(html: string, pageUrl: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
    const raw = (match[1] ?? match[2] ?? match[3] ?? '').replaceAll('&amp;', '&');
    if (raw === '' || raw.startsWith('#') || /^(?:data|mailto|javascript):/.test(raw)) continue;
    const url = new URL(raw, pageUrl);
    if (url.origin !== SITE.origin) continue;
    url.hash = '';
    urls.add(url.toString());
  }
  return [...urls];
}

describe('a plain static host', () => {
  it('answers 200 for every sitemap URL, each the page\'s canonical URL where the build has one, and the sitemap leaves out search', async () => {
    const urls = await sitemapUrls();
    expect(urls.length).toBeGreaterThanOrEqual(7);
    for (const id of OUTCOME_IDS) expect(urls).toContain(new URL(guideHref(BASE_PATH, OUTCOMES[id].guidePath), SITE).toString());
    expect(urls.some((url) => new URL(url).pathname.startsWith(`${BASE_PATH}search`))).toBe(false);
    const failures: string[] = [];
    for (const url of urls) {
      const response = await fetch(url, {redirect: 'manual'});
      const html = await response.text();
      if (response.status !== 200) failures.push(`${url}: HTTP ${response.status}`);
      const canonical = /<link[^>]*rel=["']?canonical["']?[^>]*href=["']?([^"'\s>]+)/.exec(html)?.[1];
      // A build not told its SITE_URL writes no canonical link (published-urls.test.ts checks both cases).
      if (PUBLISHED_SITE_URL === '') {
        if (canonical) failures.push(`${url}: canonical ${canonical} in a build without SITE_URL`);
      } else if (!canonical || new URL(canonical).pathname !== new URL(url).pathname) {
        failures.push(`${url}: canonical ${canonical ?? 'missing'}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 200, without a redirect, for every same-site link and asset of every sitemap page', async () => {
    const pages = await sitemapUrls();
    const targets = new Set<string>();
    for (const page of pages) {
      for (const url of sameOriginUrls(await (await fetch(page)).text(), page)) targets.add(url);
    }
    // The guides' links to each other and to the chooser, the footer, the navbar, scripts and styles.
    expect(targets.size).toBeGreaterThan(pages.length);
    const failures: string[] = [];
    for (const url of targets) {
      const code = await status(url);
      if (code !== 200) failures.push(`${url}: HTTP ${code}`);
    }
    expect(failures).toEqual([]);
  });

  it.each(OUTCOME_IDS)('a click on the flowchart node of %s loads its guide, and a reload keeps it', async (id) => {
    const outcome = OUTCOMES[id];
    const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
    const problems = watchPage(page);
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    const node = page.locator(`[data-testid="strategy-flowchart"] svg g.node[id*="flowchart-${outcome.mermaidId}-"]`);
    await node.waitFor({state: 'visible', timeout: 30_000});
    await node.hover();
    const target = new URL(guideHref(BASE_PATH, outcome.guidePath), SITE).toString();
    const [response] = await Promise.all([page.waitForResponse((r) => r.url() === target && r.request().isNavigationRequest()), node.click()]);
    expect(response.status()).toBe(200);
    await page.waitForURL(target);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(outcome.title);
    const reloaded = await page.reload();
    expect(reloaded?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(outcome.title);
    expect(problems).toEqual([]);
  });
});
