import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOME_IDS, OUTCOMES} from '../../src/data/decisionTree';
import {guideRoute} from '../../src/utils/flowchart';
import {SITE, chooser, clickThrough, launchBrowser, siteUrl, sitemapUrls, waitForChart, waitForHydration, watchPage} from './support';
import {cspContext, metaPolicy, openWatched, settleFrames} from './cspWatch';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * What on the page Chromium would draw as an SVG image: an `<img>` of an SVG file, or an element or pseudo-element
 * whose style draws one (background, mask, list marker, border image, generated content). Each such image is a
 * document Chromium builds on the main thread while it first styles the page (src/css/custom.css,
 * src/theme/Logo). Styles are computed for hidden elements too, so a rule for the phone menu or the back-to-top
 * button counts at any width. Inline `<svg>` markup is not an image and does not count.
 */
function svgImagesIn(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const svg = /url\(["']?(data:image\/svg\+xml|[^)"']*\.svg\b)/;
    function nameOf(element: Element): string {
      return `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`;
    }
    for (const element of Array.from(document.querySelectorAll('*'))) {
      if (element instanceof HTMLImageElement && /\.svg\b|^data:image\/svg/.test(element.currentSrc || element.src)) found.push(`${nameOf(element)} shows ${element.src}`);
      for (const pseudo of [null, '::before', '::after', '::marker']) {
        const style = getComputedStyle(element, pseudo);
        for (const property of ['background-image', 'mask-image', '-webkit-mask-image', 'list-style-image', 'border-image-source', 'content']) {
          const value = style.getPropertyValue(property);
          if (svg.test(value)) found.push(`${nameOf(element)}${pseudo ?? ''} ${property}: ${value.slice(0, 60)}`);
        }
      }
    }
    return found;
  });
}

describe('every page in the sitemap', () => {
  it('lists the overview and the six guides', async () => {
    const urls = await sitemapUrls();
    expect(urls.length).toBeGreaterThanOrEqual(7);
  });

  // One load per page for both checks: what watchPage reports, and anything the Content-Security-Policy refuses
  // (this host sends it by header as well as the pages' <meta>; csp.test.ts shows every host sends the same).
  it('loads with no console error, failed request, request to another origin or CSP refusal; the search page too, and an unknown path gets the 404 page; no page draws an SVG image', async () => {
    const {context, violations} = await cspContext(browser);
    const sitemap = await sitemapUrls();
    const urls = [...sitemap, siteUrl('/no-such-page/'), siteUrl('/search/?q=kubeconfig')];
    const problems: string[] = [];
    const policies = new Set<string | null>();
    const svgImages: string[] = [];
    // One tab for every page, as a reader following links would have; each page's problems are its own.
    let tab: Page | undefined;
    for (const url of urls) {
      const watched = await openWatched(context, violations, url, tab);
      tab = watched.page;
      const notFound = url.includes('no-such-page');
      expect(watched.status, url).toBe(notFound ? 404 : 200);
      await expect(watched.page.locator('h1').first().textContent(), url).resolves.toMatch(notFound ? /not found/i : /\S/);
      policies.add(await metaPolicy(watched.page));
      // The overview's flowchart is drawn once in view; the search page loads its index. Both count.
      if (new URL(url).pathname === SITE.pathname) await waitForChart(watched.page);
      if (url.includes('/search/')) await watched.page.getByText(/documents? found|No documents were found/).first().waitFor({timeout: 30_000});
      await watched.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      // Lazy chunks (search index, Mermaid) finish before the page is judged.
      await settleFrames(watched.page);
      svgImages.push(...(await svgImagesIn(watched.page)).map((image) => `${url}: ${image}`));
      // The 404 page answers 404 by design; nothing else may fail.
      const expected = (problem: string): boolean => notFound && /HTTP 404: |status of 404/.test(problem);
      problems.push(...watched.problems.filter((problem) => !expected(problem)).map((problem) => `${url}: ${problem}`));
    }
    await context.close();
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    expect(svgImages).toEqual([]);
    expect([...policies].length).toBe(1);
    expect([...policies][0]).toBeTruthy();
  }, 600_000);

  it('serves the Markdown twins and llms.txt as UTF-8 text', async () => {
    const twin = await fetch(siteUrl('index.md'));
    expect(twin.status).toBe(200);
    expect(twin.headers.get('content-type')).toMatch(/^text\/markdown; charset=utf-8$/i);
    expect((await fetch(siteUrl('llms.txt'))).headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8$/i);
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

describe('the Content-Security-Policy', () => {
  it('refuses nothing while a reader uses the overview: chooser to an outcome, flowchart, Copy, Download bundle, Copy page, search', async () => {
    const {context, violations} = await cspContext(browser);
    const {page, problems} = await openWatched(context, violations, siteUrl('/'));
    // Nothing refused means something only under a policy.
    expect(await metaPolicy(page)).toMatch(/^default-src 'none'; script-src 'self' /);
    const svg = await waitForChart(page);
    await expect(svg.locator('g.node').count()).resolves.toBeGreaterThan(5);

    const outcome = OUTCOME_IDS[0];
    if (!outcome) throw new Error('the decision tree has no outcome');
    await clickThrough(page, outcome);
    const region = chooser(page);
    await region.getByRole('heading', {name: OUTCOMES[outcome].title, exact: true}).waitFor();
    const artifact = region.locator('[data-artifact]').first();
    await artifact.waitFor();
    // The flowchart redraws with the path taken.
    await svg.locator('g.node.taken').first().waitFor({timeout: 30_000});
    await artifact.hover();
    await artifact.getByRole('button', {name: /^copy/i}).first().click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBeTruthy();
    // The bundle is built in the page and saved from a blob: URL; the page's Markdown twin is fetched from the site.
    const [download] = await Promise.all([page.waitForEvent('download'), region.getByRole('button', {name: 'Download bundle', exact: true}).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    await page.getByRole('button', {name: 'Copy page as Markdown'}).click();
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Copied this page as Markdown.'}).count()).toBe(1);

    await page.getByRole('searchbox').or(page.getByPlaceholder('Search')).first().fill('kubeconfig');
    // The index and its worker load under the policy (the suggestions list itself is checked in search.test.ts).
    await page.waitForLoadState('networkidle');
    await settleFrames(page);
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
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
