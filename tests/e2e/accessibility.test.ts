import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {AxeBuilder} from '@axe-core/playwright';
import type {Browser, Page} from 'playwright-core';
import {OUTCOME_IDS, pathTo} from '../../src/data/decisionTree';
import {launchBrowser, siteUrl, sitemapUrls, waitForHydration} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * The rules whose verdict depends on the colours. Both modes render the same markup with other colours, so
 * light mode runs every rule and dark mode only these: the structural rules would repeat light mode's verdicts
 * at the cost of a second full audit of every page.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/** axe's findings as short lines, so a failure names the rule and the element. */
async function violations(page: Page, colorScheme: 'light' | 'dark'): Promise<string[]> {
  const builder = new AxeBuilder({page});
  const results = await (colorScheme === 'dark' ? builder.withRules(COLOUR_RULES) : builder).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

async function settle(page: Page): Promise<void> {
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  // The flowchart renders asynchronously; audit it drawn, not half-way.
  if (await page.locator('[data-testid="strategy-flowchart"]').count()) {
    await page.locator('[data-testid="strategy-flowchart"] svg').waitFor({state: 'visible', timeout: 30_000});
  }
}

/** Read once at collection time, so each page is its own test with its own time limit. */
const SITEMAP_URLS = await sitemapUrls();

describe.each(['light', 'dark'] as const)('axe-core in %s mode (dark: the colour rules)', (colorScheme) => {
  it.each(SITEMAP_URLS)('finds no violation on %s', async (url) => {
    const context = await browser.newContext({colorScheme, viewport: {width: 1280, height: 1000}});
    const page = await context.newPage();
    await page.goto(url);
    await settle(page);
    const found = await violations(page, colorScheme);
    await context.close();
    expect(found).toEqual([]);
  });

  it.each(OUTCOME_IDS)('finds no violation with the %s outcome open', async (outcome) => {
    const context = await browser.newContext({colorScheme, viewport: {width: 1280, height: 1000}});
    const page = await context.newPage();
    await page.goto(siteUrl(`/?chooser=1&path=${pathTo(outcome).join('.')}`));
    await settle(page);
    // An error state too: the message and the invalid field must also pass.
    await page.getByRole('region', {name: 'Strategy chooser'}).getByLabel('Namespace', {exact: true}).fill('Not Valid');
    expect(await violations(page, colorScheme)).toEqual([]);
    await context.close();
  });
});
