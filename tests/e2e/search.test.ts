/** The search page finds what readers type, and shows words, not markup. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES} from '../../src/data/decisionTree';
import {launchBrowser, siteUrl, twoFrames, waitForHydration, watchPage} from './support';

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

/** One search page for every query, with what went wrong on it since it opened. */
let results: {readonly page: Page; readonly problems: string[]} | null = null;

/**
 * The results for a query. The first opens the search page at its address, as a shared link does; each later one
 * is typed into the page's own box, as a reader searching again does, which asks the same index in the same worker
 * without loading the page and the index again.
 */
async function search(query: string): Promise<{readonly found: Result[]; readonly problems: string[]}> {
  const count = (page: Page) => page.getByText(/documents? found|No documents were found/);
  if (!results) {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    results = {page, problems: watchPage(page)};
    await page.goto(siteUrl(`/search?q=${encodeURIComponent(query)}`));
    await waitForHydration(page);
  } else {
    // An empty box clears the results, so the count that comes next is this query's, not the last one's.
    const box = results.page.locator('input[type="search"][name="q"]');
    await box.fill('');
    await count(results.page).first().waitFor({state: 'detached'});
    await box.fill(query);
  }
  const {page} = results;
  // The search page reads its query from the address in an effect of its own, after the page is ready.
  const title = `Search results for "${query}"`;
  await page.locator('h1', {hasText: title}).waitFor({timeout: 10_000});
  await expect(page.locator('h1').textContent()).resolves.toBe(title);
  // The worker loads the index, then the page says how many documents it found (or that none were).
  await count(page).first().waitFor({timeout: 30_000});
  const found = await page.locator('article').evaluateAll((articles) =>
    articles.map((article) => ({
      href: article.querySelector('a')?.getAttribute('href') ?? '',
      text: article.textContent ?? '',
    })),
  );
  return {found, problems: results.problems};
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
    const {found, problems} = await search(query);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((result) => MARKUP.test(result.text))).toEqual([]);
    const paths = found.map((result) => new URL(result.href, 'http://x').pathname.replace(/\/$/, ''));
    for (const outcome of outcomes) {
      expect(paths.some((path) => path.endsWith(`/${OUTCOMES[outcome].guidePath}`)), `${query} → ${outcome}`).toBe(true);
    }
    expect(problems).toEqual([]);
  });

  it('does not offer what earlier versions of a page said (the pages keep it, outside the index)', async () => {
    for (const query of ['earlier version', 'Correction for maintainers', 'remember them']) {
      const {found, problems} = await search(query);
      expect(found.filter((result) => /earlier version|remember them|correction for maintainers/i.test(result.text)), query).toEqual([]);
      expect(problems).toEqual([]);
    }
    // The sentences are still on the page for readers.
    const page = results!.page;
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    await expect(page.locator('.page-history').first().textContent()).resolves.toMatch(/earlier versions of this page/i);
    expect(results!.problems).toEqual([]);
    await page.close();
    results = null;
  });
});

describe('the search box', () => {
  it('on a phone, every hit names the guide it is in, whole', async () => {
    const page = await browser.newPage({viewport: {width: 390, height: 844}});
    const problems = watchPage(page);
    await page.goto(siteUrl(`/${OUTCOMES['node-proxy-daemonset'].guidePath}/`));
    await waitForHydration(page);
    const input = page.locator('input.navbar__search-input');
    await input.click();
    await input.fill('Secret');
    const options = page.getByRole('option');
    await options.first().waitFor({timeout: 30_000});
    const hits = await options.evaluateAll((elements) =>
      elements.map((element) => {
        const path = element.querySelector<HTMLElement>('[class*="hitPath"]');
        return {text: path?.innerText ?? '', cut: path ? path.scrollWidth > path.clientWidth : true};
      }),
    );
    expect(hits.length).toBeGreaterThan(0);
    const titles = Object.values(OUTCOMES).map((outcome) => outcome.title);
    for (const hit of hits) {
      expect(hit.cut, hit.text).toBe(false);
      expect(titles.some((title) => hit.text.includes(title)), hit.text).toBe(true);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('does not take focus back when its index arrives after the reader moved on', async () => {
    const page = await browser.newPage({viewport: {width: 1280, height: 900}});
    const problems = watchPage(page);
    // Hold the index back until the reader has left the box.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/search-index.*\.json/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(siteUrl('/?chooser=1'));
    await waitForHydration(page);
    await page.locator('input.navbar__search-input').click();
    // The reader moves on to the chooser before the index has arrived.
    const other = page.getByRole('region', {name: 'Strategy chooser'}).getByRole('button').first();
    await other.click();
    release();
    // autocomplete.js marks the box as a combobox once the index is loaded; the plugin's focus call follows at once.
    await page.locator('input.navbar__search-input[role="combobox"], .navbar__search input[aria-autocomplete]').first().waitFor({state: 'attached', timeout: 30_000});
    await twoFrames(page);
    const focused = await page.evaluate(() => document.activeElement?.matches('input.navbar__search-input') ?? false);
    expect(focused).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });
});
