/**
 * Site-wide text: one name per strategy in every place it appears, the Guides
 * link, the checked-against box in every outcome, and the overview's structure.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS} from '../../src/data/decisionTree';
import {checkedAgainst} from '../../src/data/checkedAgainst';
import {RENDERED, launchBrowser, outcomeWalker, sharedPages, siteUrl, sitemapUrls, waitForHydration, watchPage} from './support';

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

/** Opens a path below the site's baseUrl, or a full URL such as one from the sitemap. */
async function open(pathOrUrl: string): Promise<{page: Page; problems: string[]}> {
  const page = await pages.newPage({viewport: {width: 1280, height: 900}});
  const problems = watchPage(page);
  await page.goto(pathOrUrl.startsWith('http') ? pathOrUrl : siteUrl(pathOrUrl));
  await waitForHydration(page);
  return {page, problems};
}

/** Heading texts without the hash link's zero-width space. */
async function headingTexts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map((text) => text.replace(/\u200b/g, '').trim());
}

/** What several tests read off the overview as it loads, read from one load: those tests only read it. */
interface OverviewText {
  readonly activeNavbarItems: string[];
  readonly articleH2: string[];
  readonly articleH4: string[];
  readonly earlierVersionNotes: number;
}
let overviewText: Promise<OverviewText> | null = null;

function readOverview(): Promise<OverviewText> {
  overviewText ??= (async () => {
    const {page} = await open('/');
    const text = {
      activeNavbarItems: await page.locator('.navbar__link--active').allTextContents(),
      articleH2: await headingTexts(page, 'article h2'),
      articleH4: await headingTexts(page, 'article h4'),
      earlierVersionNotes: await page.getByText('Changed from the earlier version of this page').count(),
    };
    return text;
  })();
  return overviewText;
}

describe('the navbar', () => {
  it('leads from "Guides" to a page listing all six guides by their names', async () => {
    const {page, problems} = await open('/');
    await page.getByRole('navigation', {name: 'Main'}).getByRole('link', {name: 'Guides', exact: true}).click();
    await page.waitForURL(/\/guides\/?$/);
    // The client router changes the URL first and renders the page once its chunks have loaded.
    await expect.poll(() => page.locator('h1').first().textContent(), RENDERED).toBe('Guides');
    await expect.poll(() => page.locator('.navbar__link--active').allTextContents(), RENDERED).toEqual(['Guides']);
    for (const id of OUTCOME_IDS) {
      const link = page.locator('main').getByRole('link', {name: OUTCOMES[id].title, exact: true});
      await expect(link.count(), id).resolves.toBe(1);
    }
    // On a guide, "Guides" is the active item, not "Overview" as well.
    await page.locator('main').getByRole('link', {name: OUTCOMES['ziti-host'].title, exact: true}).click();
    await page.waitForURL(/ingress\/ziti-host\/?$/);
    await expect.poll(() => page.locator('h1').first().textContent(), RENDERED).toBe(OUTCOMES['ziti-host'].title);
    await expect(page.locator('.navbar__link--active').allTextContents()).resolves.toEqual(['Guides']);
    expect(problems).toEqual([]);
  });

  it('marks only "Overview" active on the overview', async () => {
    expect((await readOverview()).activeNavbarItems).toEqual(['Overview']);
  });
});

describe.each(OUTCOME_IDS)('the name of %s', (id) => {
  it('is the same in the sidebar, the footer, the guide’s h1 and the overview', async () => {
    const {title, guidePath} = OUTCOMES[id];
    // The sitemap has the page's URL in whatever trailing-slash form the build uses.
    const url = (await sitemapUrls()).find((u) => new URL(u).pathname.replace(/\/$/, '').endsWith(`/${guidePath}`));
    expect(url, guidePath).toBeDefined();
    const {page} = await open(url ?? '');
    await expect(page.locator('h1').first().textContent()).resolves.toBe(title);
    const sidebar = page.locator('nav.menu');
    await expect(sidebar.getByRole('link', {name: title, exact: true}).count()).resolves.toBe(1);
    await expect(page.locator('footer').getByRole('link', {name: title, exact: true}).count()).resolves.toBe(1);
    expect((await readOverview()).articleH4.filter((text) => text === title)).toHaveLength(1);
  });
});

describe('the chooser outcome', () => {
  let problems: string[] = [];
  const walker = outcomeWalker(async () => {
    const opened = await open('/');
    problems = opened.problems;
    return opened.page;
  });

  it.each(OUTCOME_IDS)('%s shows what it was checked against: OpenZiti line, chart or plain manifests, every image and the date', async (id) => {
    const page = await walker.to(id);
    const box = page.locator(`[data-testid="checked-against"][data-outcome="${id}"]`);
    await box.waitFor({state: 'visible'});
    const text = (await box.textContent()) ?? '';
    const data = checkedAgainst(id);
    expect(text).toContain(data.openZitiLine);
    expect(text).toContain(data.chart ? `${data.chart.name} version ${data.chart.version}` : 'Plain manifests');
    for (const image of data.images) expect(text).toContain(image.reference);
    await expect(box.locator('time').getAttribute('datetime')).resolves.toBe(data.factsChecked);
    expect(problems).toEqual([]);
  });
});

describe('the overview', () => {
  it('ends with "Sources and notes" and keeps the earlier corrections there only', async () => {
    const {articleH2, earlierVersionNotes} = await readOverview();
    expect(articleH2.at(-1)).toBe('Sources and notes');
    expect(earlierVersionNotes).toBe(0);
  });

  it('points to the router’s proxy mode, the seventh way, and the link lands on its section', async () => {
    const {page, problems} = await open('/');
    const link = page.locator('article').getByRole('link', {name: 'cluster-wide egress with proxy mode'}).first();
    await Promise.all([page.waitForURL(/ingress\/openziti-router\/?#cluster-wide-egress-with-proxy-mode$/), link.click()]);
    await expect.poll(() => page.locator('#cluster-wide-egress-with-proxy-mode').count(), RENDERED).toBe(1);
    expect(problems).toEqual([]);
  });
});

describe('the strategy comparison', () => {
  it.each([
    {width: 1280, height: 900},
    {width: 390, height: 844},
  ])('has one row group per strategy with every column and detail filled, linking its guide, at $width px', async (viewport) => {
    const page = await pages.newPage({viewport});
    const problems = watchPage(page);
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    const table = page.getByRole('table', {name: 'The six strategies compared'});
    await table.scrollIntoViewIfNeeded();
    const rows = table.locator('tbody tr[data-outcome]');
    await expect(rows.count()).resolves.toBe(OUTCOME_IDS.length);
    const columns = await table.locator('thead th').count();
    for (const [index, id] of OUTCOME_IDS.entries()) {
      const row = rows.nth(index);
      await expect(row.getAttribute('data-outcome')).resolves.toBe(id);
      const cells = await row.locator('td').allTextContents();
      expect(cells.length, id).toBe(columns - 1);
      for (const cell of cells) expect(cell.trim(), id).not.toBe('');
      const href = await row.getByRole('link', {name: OUTCOMES[id].title, exact: true}).getAttribute('href');
      expect(new URL(href ?? '', page.url()).pathname).toBe(new URL(siteUrl(`/${OUTCOMES[id].guidePath}/`)).pathname);
      // The longer trade-offs open under the row, each with its label.
      const details = table.locator(`tr[data-details="${id}"] details`);
      // Its name is its visible text first (what a reader using speech input says), then whose trade-offs these are.
      const summary = details.locator('summary');
      const [label, text] = await Promise.all([summary.getAttribute('aria-label'), summary.textContent()]);
      expect(label, id).toBe(`${text} (${OUTCOMES[id].title})`);
      await summary.click();
      const values = await details.locator('dd').allTextContents();
      expect(values.length, id).toBe(6);
      for (const value of values) expect(value.trim(), id).not.toBe('');
    }
    // Neither the page nor the table scrolls sideways, opened or closed.
    const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const tableOverflow = await table.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(tableOverflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });

  it('is at most one screen tall on a desktop while its details are closed', async () => {
    const page = await pages.newPage({viewport: {width: 1280, height: 800}});
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    const box = await page.getByRole('table', {name: 'The six strategies compared'}).boundingBox();
    expect(box?.height ?? Infinity).toBeLessThanOrEqual(800);
  });
});
