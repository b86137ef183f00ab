import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS} from '../../src/data/decisionTree';
import {guideHref} from '../../src/utils/flowchart';
import {BASE_PATH, launchBrowser, siteUrl, waitForHydration, watchPage} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openOverview(): Promise<{page: Page; problems: string[]}> {
  const page = await browser.newPage({viewport: {width: 1280, height: 1000}});
  const problems = watchPage(page);
  await page.goto(siteUrl('/'));
  await waitForHydration(page);
  await page.locator('[data-testid="strategy-flowchart"] svg').waitFor({state: 'visible', timeout: 30_000});
  return {page, problems};
}

/** Mermaid gives each node an element id that contains `flowchart-<node id>-`. */
function nodeLocator(page: Page, mermaidId: string) {
  return page.locator(`[data-testid="strategy-flowchart"] svg g.node[id*="flowchart-${mermaidId}-"]`);
}

describe('the overview flowchart', () => {
  it('draws every question and outcome of the decision tree', async () => {
    const {page, problems} = await openOverview();
    for (const id of [...QUESTION_IDS, ...OUTCOME_IDS]) {
      const mermaidId = id in QUESTIONS ? QUESTIONS[id as keyof typeof QUESTIONS].mermaidId : OUTCOMES[id as keyof typeof OUTCOMES].mermaidId;
      await expect(nodeLocator(page, mermaidId).count(), id).resolves.toBe(1);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each(OUTCOME_IDS)('links %s to its guide under the baseUrl, and the guide names the strategy', async (id) => {
    const {page, problems} = await openOverview();
    const outcome = OUTCOMES[id];
    const link = page.locator(`[data-testid="strategy-flowchart"] svg a:has(g.node[id*="flowchart-${outcome.mermaidId}-"])`);
    const href = (await link.getAttribute('href')) ?? (await link.getAttribute('xlink:href'));
    expect(href).toBe(guideHref(BASE_PATH, outcome.guidePath));

    const guide = await browser.newPage();
    const response = await guide.goto(new URL(href ?? '', page.url()).toString());
    expect(response?.status()).toBe(200);
    await expect(guide.locator('h1').first().textContent()).resolves.toBe(outcome.title);
    await guide.close();

    // A real mouse click on the node, not a synthetic event.
    await nodeLocator(page, outcome.mermaidId).hover();
    await Promise.all([page.waitForURL(`**${guideHref(BASE_PATH, outcome.guidePath)}`), nodeLocator(page, outcome.mermaidId).click()]);
    await expect(page.locator('h1').first().textContent()).resolves.toBe(outcome.title);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('raises no error while the mouse hovers every node', async () => {
    const {page, problems} = await openOverview();
    for (const node of await page.locator('[data-testid="strategy-flowchart"] svg g.node').all()) {
      await node.hover();
    }
    await page.mouse.move(0, 0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists the same targets as ordinary links beside the diagram', async () => {
    const {page} = await openOverview();
    const nav = page.getByRole('navigation', {name: 'Strategy guides'});
    for (const id of OUTCOME_IDS) {
      const link = nav.getByRole('link', {name: OUTCOMES[id].title, exact: true});
      await expect(link.getAttribute('href')).resolves.toBe(guideHref(BASE_PATH, OUTCOMES[id].guidePath));
    }
    await page.close();
  });

  it('reserves the diagram space so the page does not jump when it renders', async () => {
    const page = await browser.newPage({viewport: {width: 1280, height: 1000}});
    await page.goto(siteUrl('/'));
    const box = page.locator('[data-testid="strategy-flowchart"]');
    const before = await box.boundingBox();
    await box.locator('svg').waitFor({state: 'visible', timeout: 30_000});
    const after = await box.boundingBox();
    expect(before?.height).toBeGreaterThan(300);
    expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThan(2);
    const svg = await box.locator('svg').boundingBox();
    // The SVG fills the reserved box rather than overflowing it.
    expect(svg?.height ?? 0).toBeLessThanOrEqual((after?.height ?? 0) + 1);
    await page.close();
  });
});
