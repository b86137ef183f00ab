import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser} from 'playwright-core';
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

  it('serves a 404 page for an unknown path', async () => {
    const page = await browser.newPage();
    const response = await page.goto(siteUrl('no-such-page'));
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/not found/i);
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
