/** The search page finds what readers type, and shows words, not markup. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES} from '../../src/data/decisionTree';
import {launchBrowser, siteUrl, waitForHydration, watchPage} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Result {
  readonly href: string;
  readonly text: string;
}

async function search(page: Page, query: string): Promise<Result[]> {
  await page.goto(siteUrl(`/search?q=${encodeURIComponent(query)}`));
  await waitForHydration(page);
  // The worker loads the index, then the page says how many documents it found (or that none were).
  await page.getByText(/documents? found|No documents were found/).first().waitFor({timeout: 30_000});
  return page.locator('article').evaluateAll((articles) =>
    articles.map((article) => ({
      href: article.querySelector('a')?.getAttribute('href') ?? '',
      text: article.textContent ?? '',
    })),
  );
}

/** Text that only shows up when HTML was indexed as words. */
const MARKUP = /<\/?[a-z][^>]*>|class=|token plain|&lt;|&gt;/i;

describe('the search page', () => {
  it.each([
    ['kube api', ['openziti-router', 'ziti-host']],
    ['kubeconfig', ['openziti-router', 'ziti-host']],
    ['Pod Security', ['transparent-proxy-sidecar']],
    ['PSA', ['transparent-proxy-sidecar']],
  ] as const)('finds the right guides for "%s", with no markup in the results', async (query, outcomes) => {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const problems = watchPage(page);
    const results = await search(page, query);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((result) => MARKUP.test(result.text))).toEqual([]);
    const paths = results.map((result) => new URL(result.href, 'http://x').pathname.replace(/\/$/, ''));
    for (const outcome of outcomes) {
      expect(paths.some((path) => path.endsWith(`/${OUTCOMES[outcome].guidePath}`)), `${query} → ${outcome}`).toBe(true);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
