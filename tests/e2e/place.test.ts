/**
 * The reader's values and place (issue 21, items 11 to 13): prose and copied
 * Markdown follow the values, the address carries them, and the files are one
 * step from the outcome's name.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {encodeState} from '../../src/utils/chooserState';
import {serializeValues, storageKeyFor, type StoredValues} from '../../src/utils/readerValues';
import {BASE_PATH, SITE, chooser, clickThrough, launchBrowser, sharedPages, siteUrl, twoFrames, waitForHydration} from './support';

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

const DESKTOP = {width: 1280, height: 800};

/** A page that starts without the site's storage and may use the clipboard. */
async function newPage(viewport = DESKTOP): Promise<Page> {
  const page = await pages.newPage({viewport});
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
  return page;
}

/** Opens a page with these values in the reader's store, as if typed on an earlier visit. */
async function openWithValues(path: string, values: StoredValues): Promise<Page> {
  const page = await newPage();
  await page.goto(siteUrl('/'));
  await page.evaluate(([key, text]) => localStorage.setItem(key ?? '', text ?? ''), [storageKeyFor(BASE_PATH), serializeValues(values)]);
  await page.goto(siteUrl(path));
  await waitForHydration(page);
  return page;
}

describe('the prose and the copied Markdown follow the reader\'s values', () => {
  it('names the reader\'s DNS IP and service on the sidecar guide, and copies them with the files', async () => {
    const page = await openWithValues(`/${OUTCOMES['transparent-proxy-sidecar'].guidePath}`, {
      'transparent-proxy-sidecar.clusterDnsIp': '10.43.0.10',
      egressServices: 'billing=billing.ziti.internal:443',
    });
    const article = page.locator('article');
    await page.locator('[data-values-marker="yours"]').waitFor();
    await article.getByText('The files on this page use 10.43.0.10;').waitFor();
    await expect(article.getByText('(billing in these files)').count()).resolves.toBe(1);
    await expect(article.getByText('The files on this page use 10.96.0.10;').count()).resolves.toBe(0);

    await page.getByRole('button', {name: 'Copy page as Markdown'}).click();
    await page.getByRole('status').filter({hasText: 'Copied this page as Markdown, with your values.'}).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('The files on this page use `10.43.0.10`;');
    expect(copied).toContain('(`billing` in these files)');
    expect(copied).toContain('billing.ziti.internal');
    expect(copied).not.toContain('my-service');
    expect(copied).not.toContain('- 10.96.0.10');
  });
});

describe('the address carries the values the page uses', () => {
  it('after a guide\'s "Generate … with your own values" and a reload, and Copy link with my values reproduces the page', async () => {
    const outcome: OutcomeId = 'node-proxy-daemonset';
    const page = await openWithValues(`/${OUTCOMES[outcome].guidePath}`, {zitiNamespace: 'team-ziti'});
    await page.getByRole('link', {name: `Generate the ${OUTCOMES[outcome].title} files with your own values`}).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe('team-ziti');
    expect(new URL(page.url()).searchParams.get('path')).toBe(pathTo(outcome).join('.'));

    await page.reload();
    await waitForHydration(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe('team-ziti');
    await expect(chooser(page).getByLabel('Namespace', {exact: true}).inputValue()).resolves.toBe('team-ziti');

    await chooser(page).getByRole('button', {name: 'Copy link with my values'}).click();
    await chooser(page).getByRole('status').filter({hasText: 'Copied a link to this strategy with your value.'}).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).searchParams.get('in.namespace')).toBe('team-ziti');

    // A reader without stored values opens the link and sees the same form and files.
    const other = await browser.newContext({viewport: DESKTOP});
    const theirs = await other.newPage();
    await theirs.goto(link);
    await waitForHydration(theirs);
    await expect(chooser(theirs).getByLabel('Namespace', {exact: true}).inputValue()).resolves.toBe('team-ziti');
    await chooser(theirs).locator('[data-artifact]:has-text("team-ziti")').first().waitFor();
    await other.close();
  });
});

describe('from an outcome\'s name to its files in one step, and Reset', () => {
  for (const viewport of [
    DESKTOP,
    {width: 390, height: 844},
  ]) {
    it(`Jump to your files brings the files under the navbar at ${viewport.width}×${viewport.height}`, async () => {
      const page = await newPage(viewport);
      await page.goto(siteUrl(`/${encodeState({answers: pathTo('ziti-host'), inputs: {}})}`));
      await waitForHydration(page);
      await chooser(page).locator('[data-artifact]').first().waitFor();
      await chooser(page).getByRole('link', {name: 'Jump to your files'}).click();
      const files = chooser(page).getByRole('region', {name: 'Your files'});
      await expect.poll(async () => (await files.boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
      const box = await files.boundingBox();
      expect(box?.y ?? 1000).toBeLessThan(150);
      await expect(files.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    });
  }

  it('Reset to the defaults in the chooser drops the stored values and the address\'s, as a guide\'s Reset does', async () => {
    const page = await openWithValues('/', {zitiNamespace: 'team-ziti'});
    await clickThrough(page, 'ziti-host');
    const namespace = chooser(page).getByLabel('Namespace', {exact: true});
    await expect.poll(() => namespace.inputValue()).toBe('team-ziti');
    await chooser(page).getByRole('button', {name: 'Reset to the defaults'}).click();
    await expect.poll(() => namespace.inputValue()).toBe('ziti');
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe(null);
    await expect(page.evaluate((key) => localStorage.getItem(key), storageKeyFor(BASE_PATH))).resolves.toBe(null);
    await expect(chooser(page).getByRole('button', {name: 'Reset to the defaults'}).isDisabled()).resolves.toBe(true);
  });
});

describe('a link to a heading lands on the heading', () => {
  // The heading sits under the fixed navbar, by the theme's scroll margin.
  const UNDER_NAVBAR = {min: 40, max: 110};
  const HEADING = 'cluster-wide-egress-with-proxy-mode';
  const GUIDE = `/${OUTCOMES['openziti-router'].guidePath}/`;

  /** Where the heading is in the window once nothing has moved for a few frames. */
  async function settledTop(page: Page, id: string): Promise<number> {
    let last = Number.NaN;
    for (let same = 0; same < 3; ) {
      await twoFrames(page);
      const top = await page.evaluate((heading) => document.getElementById(heading)?.getBoundingClientRect().top ?? Number.NaN, id);
      same = top === last ? same + 1 : 0;
      last = top;
    }
    return last;
  }

  for (const viewport of [DESKTOP, {width: 390, height: 844}]) {
    it(`opened at the heading, and followed from another page by the client router, at ${viewport.width}×${viewport.height}`, async () => {
      const page = await newPage(viewport);
      // A link a colleague sent: the browser's own fragment navigation, while the page loads and hydrates.
      await page.goto(siteUrl(GUIDE));
      await waitForHydration(page);
      const ids = await page.locator('.theme-doc-markdown > :is(h2, h3)[id]').evaluateAll((headings) => headings.map((heading) => heading.id));
      expect(ids).toContain(HEADING);
      for (const id of [HEADING, ids.at(-1) ?? '']) {
        await page.goto('about:blank');
        await page.goto(siteUrl(`${GUIDE}#${id}`));
        await waitForHydration(page);
        const top = await settledTop(page, id);
        expect(top, `${id} opened directly`).toBeGreaterThanOrEqual(UNDER_NAVBAR.min);
        expect(top, `${id} opened directly`).toBeLessThanOrEqual(UNDER_NAVBAR.max);
      }
      // The guides index links to that heading: the client router renders the guide and scrolls at once, while the
      // guide's islands still have their components to load (src/clientModules/headingTarget.ts).
      await page.goto(siteUrl('/guides/'));
      await waitForHydration(page);
      await page.locator(`a[href$="${GUIDE}#${HEADING}"]`).first().click();
      await page.waitForURL((url) => url.pathname.endsWith(GUIDE) && url.hash === `#${HEADING}`);
      const top = await settledTop(page, HEADING);
      expect(top, 'followed from the guides index').toBeGreaterThanOrEqual(UNDER_NAVBAR.min);
      expect(top, 'followed from the guides index').toBeLessThanOrEqual(UNDER_NAVBAR.max);
    });
  }
});
