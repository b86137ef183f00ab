import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AxeBuilder} from '@axe-core/playwright';
import type {Browser, Page} from 'playwright-core';
import {OUTCOME_IDS, pathTo} from '../../src/data/decisionTree';
import {launchBrowser, sharedPages, siteUrl, sitemapUrls, waitForHydration} from './support';

let browser: Browser;
const pages = sharedPages(() => browser);
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await pages.close();
  await browser?.close();
});

/**
 * The rules whose verdict depends on the colours. Both modes render the same markup with other colours, so
 * light mode runs every rule and dark mode only these: the structural rules would repeat light mode's verdicts
 * at the cost of a second full audit of every page.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

const FLOWCHART = '[data-testid="strategy-flowchart"]';

/** axe's findings as short lines, so a failure names the rule and the element. */
async function violations(page: Page, colorScheme: 'light' | 'dark', include: string[] = []): Promise<string[]> {
  // Details of the violations only: axe otherwise describes every passing node too (thousands of code tokens
  // for color-contrast), which costs a fifth of the audit and is never read.
  let builder = new AxeBuilder({page}).options({resultTypes: ['violations']});
  for (const selector of include) builder = builder.include(selector);
  const results = await (colorScheme === 'dark' ? builder.withRules(COLOUR_RULES) : builder).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${colorScheme}: ${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

async function settle(page: Page): Promise<void> {
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  // The flowchart renders asynchronously; audit it drawn, not half-way.
  if (await page.locator(FLOWCHART).count()) {
    await page.locator(`${FLOWCHART} svg`).waitFor({state: 'visible', timeout: 30_000});
  }
}

/**
 * Dark mode the way a reader turns it on, with the navbar's switch, on the page already audited in light mode:
 * one load per page instead of two. Waits for the flowchart drawn in its dark colours and for every colour
 * transition to end, so the audit reads the final colours.
 */
async function switchToDark(page: Page): Promise<void> {
  const hasChart = (await page.locator(FLOWCHART).count()) > 0;
  if (hasChart) {
    await page.locator(FLOWCHART).evaluate((element) => {
      const drawn = {count: 0};
      Object.assign(window, {darkDrawings: drawn});
      new MutationObserver((records) => {
        for (const record of records) drawn.count += Array.from(record.addedNodes).filter((node) => node instanceof Element && (node.matches('svg') || node.querySelector('svg') !== null)).length;
      }).observe(element, {childList: true, subtree: true});
    });
  }
  const toggle = page.getByRole('button', {name: /switch between dark and light mode/i});
  // The switch may pass through "system" first; three clicks reach every mode.
  for (let i = 0; i < 3 && (await page.locator('html').getAttribute('data-theme')) !== 'dark'; i += 1) await toggle.click();
  await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
  if (hasChart) {
    await expect.poll(() => page.evaluate(() => (window as unknown as {darkDrawings: {count: number}}).darkDrawings.count), {timeout: 30_000}).toBeGreaterThan(0);
    await page.locator(`${FLOWCHART} svg`).first().waitFor({state: 'visible', timeout: 30_000});
  }
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
}

/** Read once at collection time, so each page is its own test with its own time limit. */
const SITEMAP_URLS = await sitemapUrls();

describe('axe-core: every rule in light mode, the colour rules again in dark mode', () => {
  it.each(SITEMAP_URLS)('finds no violation on %s', async (url) => {
    const page = await pages.newPage({colorScheme: 'light', viewport: {width: 1280, height: 1000}});
    await page.goto(url);
    await settle(page);
    const found = await violations(page, 'light');
    await switchToDark(page);
    found.push(...(await violations(page, 'dark')));
    await page.close();
    expect(found).toEqual([]);
  });

  // The rest of the overview is audited with it above; what an open outcome changes is the chooser and the
  // highlighted path in the flowchart, so those two are audited here.
  it.each(OUTCOME_IDS)('finds no violation in the chooser and the flowchart with the %s outcome open', async (outcome) => {
    const page = await pages.newPage({colorScheme: 'light', viewport: {width: 1280, height: 1000}});
    await page.goto(siteUrl(`/?chooser=1&path=${pathTo(outcome).join('.')}`));
    await settle(page);
    const chooser = page.getByRole('region', {name: 'Strategy chooser'});
    await expect(page.locator(`${FLOWCHART} g.node.taken`).count()).resolves.toBeGreaterThan(0);
    // An error state too: the message and the invalid field must also pass.
    const namespace = chooser.getByLabel('Namespace', {exact: true});
    await namespace.fill('Not Valid');
    await expect.poll(() => namespace.getAttribute('aria-invalid')).toBe('true');
    const scope = ['[aria-label="Strategy chooser"]', FLOWCHART];
    const found = await violations(page, 'light', scope);
    await switchToDark(page);
    found.push(...(await violations(page, 'dark', scope)));
    await page.close();
    expect(found).toEqual([]);
  });
});
