import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser} from 'playwright-core';
import {OUTCOME_IDS, OUTCOMES} from '../../src/data/decisionTree';
import {guideRoute} from '../../src/utils/flowchart';
import {launchBrowser, siteUrl, sitemapUrls, waitForHydration, watchPage} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('every page in the sitemap', () => {
  it('lists the overview and the six guides', async () => {
    const urls = await sitemapUrls();
    expect(urls.length).toBeGreaterThanOrEqual(7);
  });

  it('loads with no console error, failed request or request to another origin', async () => {
    const urls = await sitemapUrls();
    const context = await browser.newContext();
    const failures: string[] = [];
    for (const url of urls) {
      const page = await context.newPage();
      const problems = watchPage(page);
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await waitForHydration(page);
      await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
      // Let lazy chunks (search index, Mermaid) finish before judging the page.
      await page.waitForLoadState('networkidle');
      failures.push(...problems.map((p) => `${url}: ${p}`));
      await page.close();
    }
    await context.close();
    expect(failures).toEqual([]);
  });

  it('serves the Markdown twins and llms.txt as UTF-8 text', async () => {
    const twin = await fetch(siteUrl('index.md'));
    expect(twin.status).toBe(200);
    expect(twin.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8$/i);
    expect((await fetch(siteUrl('llms.txt'))).headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i);
  });

  it('serves a 404 page for an unknown path', async () => {
    const page = await browser.newPage();
    const response = await page.goto(siteUrl('no-such-page'));
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/not found/i);
    await page.close();
  });

  it('the 404 page leads back in: overview, guides index, every guide, and a search that lands on the search page', async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(siteUrl('egress/old-guide-name/'));
    await waitForHydration(page);
    const links = page.getByTestId('not-found-links').locator('a');
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const expected = ['', 'guides/', ...OUTCOME_IDS.map((id) => guideRoute(OUTCOMES[id].guidePath).slice(1))];
    expect([...hrefs].sort()).toEqual(expected.map((p) => new URL(siteUrl(p)).pathname).sort());
    for (const href of hrefs) expect((await fetch(`${new URL(siteUrl('/')).origin}${href}`)).status, href).toBe(200);
    await page.getByRole('searchbox', {name: 'Search the guides'}).fill('NodeLocal');
    await Promise.all([page.waitForURL(/\/search\/\?q=NodeLocal$/), page.getByRole('button', {name: 'Search', exact: true}).click()]);
    await page.getByRole('link', {name: /Node Proxy DaemonSet/}).first().waitFor({timeout: 15_000});
    // The 404 itself is expected (Chromium logs it as a console error without the URL); nothing else may fail.
    const expected404 = [/HTTP 404: .*old-guide-name/, /^console error: Failed to load resource: .* 404 \(Not Found\)$/];
    expect(problems.filter((p) => !expected404.some((pattern) => pattern.test(p)))).toEqual([]);
    await page.close();
  });
});

describe('search', () => {
  it('finds a guide from the navbar with the index served by the site itself', async () => {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const problems = watchPage(page);
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    await page.getByRole('searchbox').or(page.getByPlaceholder('Search')).first().fill('NodeLocal');
    const suggestion = page.getByRole('option').filter({hasText: 'Node Proxy DaemonSet'}).first();
    await suggestion.waitFor({state: 'visible', timeout: 15_000});
    await Promise.all([page.waitForURL(/egress\/node-proxy-daemonset\/(\?[^#]*)?(#.*)?$/), suggestion.click()]);
    // The client router changes the URL before it renders the guide: wait for the guide's heading.
    await page.locator('h1', {hasText: 'Node Proxy DaemonSet'}).first().waitFor({timeout: 15_000});
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Node Proxy DaemonSet');
    expect(problems).toEqual([]);
    await page.close();
  });
});
