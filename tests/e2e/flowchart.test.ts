import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page, Response} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS, pathTo} from '../../src/data/decisionTree';
import {guideHref} from '../../src/utils/flowchart';
import {BASE_PATH, RENDERED, launchBrowser, sharedPages, siteUrl, waitForChart, waitForHydration, watchPage} from './support';

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

async function openOverview(): Promise<{page: Page; problems: string[]}> {
  const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
  const problems = watchPage(page);
  await page.goto(siteUrl('/'));
  await waitForHydration(page);
  await waitForChart(page);
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
    // The client router changes the URL first and renders the guide once its chunks have loaded.
    await expect.poll(() => page.locator('h1').first().textContent(), RENDERED).toBe(outcome.title);
    expect(problems).toEqual([]);
  });

  it('raises no error while the mouse hovers every node', async () => {
    const {page, problems} = await openOverview();
    for (const node of await page.locator('[data-testid="strategy-flowchart"] svg g.node').all()) {
      await node.hover();
    }
    await page.mouse.move(0, 0);
    expect(problems).toEqual([]);
  });

  it('lists the same targets as ordinary links beside the diagram', async () => {
    const {page} = await openOverview();
    const nav = page.getByRole('navigation', {name: 'Strategy guides'});
    for (const id of OUTCOME_IDS) {
      const link = nav.getByRole('link', {name: OUTCOMES[id].title, exact: true});
      await expect(link.getAttribute('href')).resolves.toBe(guideHref(BASE_PATH, OUTCOMES[id].guidePath));
    }
  });

  it('reserves the diagram space so the page does not jump when it renders', async () => {
    const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
    await page.goto(siteUrl('/'));
    const box = page.locator('[data-testid="strategy-flowchart"]');
    const before = await box.boundingBox();
    await box.locator('svg').waitFor({state: 'visible', timeout: 30_000});
    const after = await box.boundingBox();
    expect(before?.height).toBeGreaterThan(300);
    expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThan(2);
    // The drawing's scrolling window fills the reserved box rather than overflowing it (the drawing itself, at a
    // readable scale, is larger than the box and scrolls inside it).
    const scroller = await box.locator('.docusaurus-mermaid-container').boundingBox();
    expect(scroller?.height ?? 0).toBeLessThanOrEqual((after?.height ?? 0) + 1);
    // The ratio the stylesheet reserves is the drawing's own, within 2 %: a change to
    // the tree that makes the chart wider or taller must update styles.module.css.
    const drawn = await box.locator('svg').evaluate((element) => {
      const {width, height} = (element as SVGSVGElement).viewBox.baseVal;
      return width / height;
    });
    const reserved = (after?.width ?? 0) / (after?.height ?? 1);
    expect(Math.abs(drawn / reserved - 1)).toBeLessThan(0.02);
  });
});

/** Lighthouse's phone: the chart's box starts just below the fold, under the chooser's first question. */
const PHONE = {viewport: {width: 412, height: 823}, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75};

/** A string only the Mermaid library contains (scripts/bench/browser.mjs lists it among its markers). */
const MERMAID_MARKER = 'mermaidAPI';

/** Records which scripts the page has run that carry Mermaid, whenever asked. */
function watchMermaidScripts(page: Page): () => Promise<string[]> {
  const bodies: Promise<string | null>[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    bodies.push(response.text().then((text) => (text.includes(MERMAID_MARKER) ? response.url() : null), () => null));
  });
  return async () => (await Promise.all(bodies)).filter((url): url is string => url !== null);
}

/** Resolves once the browser has had idle time twice over, after anything the page scheduled for idle time. */
async function afterIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestIdleCallback(() => requestIdleCallback(() => resolve()));
      }),
  );
}

/** The layout shifts recorded since the page started, summed as CLS counts them (none followed input). */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          const shifts = list.getEntries() as (PerformanceEntry & {value: number; hadRecentInput: boolean})[];
          resolve(shifts.filter((shift) => !shift.hadRecentInput).reduce((sum, shift) => sum + shift.value, 0));
        }).observe({type: 'layout-shift', buffered: true});
        // With no shift at all the observer is never called.
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(0)));
      }),
  );
}

describe('Mermaid off the critical path', () => {
  it('does not load Mermaid while the chart is out of view on a phone, then draws it in its reserved box when scrolled to', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const problems = watchPage(page);
    const mermaidScripts = watchMermaidScripts(page);
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    await afterIdle(page);
    const box = page.locator('[data-testid="strategy-flowchart"]');
    const reserved = await box.boundingBox();
    // The premise: at this size the chart starts below the fold.
    expect(reserved?.y ?? 0).toBeGreaterThan(PHONE.viewport.height);
    await expect(box.locator('svg').count()).resolves.toBe(0);
    await expect(mermaidScripts()).resolves.toEqual([]);
    // The links to every guide are there without it.
    await expect(page.getByRole('navigation', {name: 'Strategy guides'}).getByRole('link').count()).resolves.toBe(OUTCOME_IDS.length);

    await waitForChart(page);
    expect((await mermaidScripts()).length).toBeGreaterThan(0);
    const drawn = await box.boundingBox();
    expect(Math.abs((drawn?.height ?? 0) - (reserved?.height ?? 0))).toBeLessThan(1);
    expect(Math.abs((drawn?.width ?? 0) - (reserved?.width ?? 0))).toBeLessThan(1);
    expect((await box.locator('.docusaurus-mermaid-container').boundingBox())?.height ?? 0).toBeLessThanOrEqual((drawn?.height ?? 0) + 1);
    expect(await layoutShift(page)).toBeLessThanOrEqual(0.02);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws at once when the reader points at the chart, without waiting for idle time', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 1000}});
    // A browser that never has idle time: only the reader's pointer can ask for the chart.
    await context.addInitScript(() => {
      Object.assign(window, {requestIdleCallback: () => 0, cancelIdleCallback: () => undefined});
    });
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    const box = page.locator('[data-testid="strategy-flowchart"]');
    await expect(box.locator('svg').count()).resolves.toBe(0);
    await box.hover();
    await box.locator('svg').waitFor({state: 'visible', timeout: 30_000});
    expect(problems).toEqual([]);
    await context.close();
  });

  it('moves the highlighted path without laying the chart out again, and keeps it while the reader types values', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 1000}});
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(siteUrl(`/?chooser=1&path=${pathTo('ziti-host').join('.')}`));
    await waitForHydration(page);
    const svg = await waitForChart(page);
    await expect.poll(() => svg.locator('g.node.taken').count(), {timeout: 30_000}).toBe(4);
    await expect(svg.locator('path.flowchart-link.taken').count()).resolves.toBe(3);
    // Count every drawing Mermaid puts in the box from here on.
    await page.locator('[data-testid="strategy-flowchart"]').evaluate((element) => {
      const drawings = {count: 0};
      Object.assign(window, {flowchartDrawings: drawings});
      new MutationObserver((records) => {
        for (const record of records) drawings.count += Array.from(record.addedNodes).filter((node) => node instanceof Element && (node.matches('svg') || node.querySelector('svg') !== null)).length;
      }).observe(element, {childList: true, subtree: true});
    });
    const chooser = page.getByRole('region', {name: 'Strategy chooser'});
    const namespace = chooser.getByLabel('Namespace', {exact: true});
    await namespace.fill('team-blue');
    await namespace.press('End');
    await page.keyboard.type('-two');
    await expect(namespace.inputValue()).resolves.toBe('team-blue-two');
    await afterIdle(page);
    await expect(page.evaluate(() => (window as unknown as {flowchartDrawings: {count: number}}).flowchartDrawings.count)).resolves.toBe(0);

    // Another path: the same drawing, marked anew.
    await chooser.getByRole('button', {name: 'Start over', exact: true}).click();
    await expect.poll(() => svg.locator('g.node.taken').count(), {timeout: 30_000}).toBe(0);
    await expect(svg.locator('path.flowchart-link.taken').count()).resolves.toBe(0);
    await chooser.getByRole('button', {name: 'No', exact: true}).click();
    await expect.poll(() => svg.locator('g.node.taken').count(), {timeout: 30_000}).toBe(2);
    await expect(svg.locator('path.flowchart-link.taken').count()).resolves.toBe(1);
    // The mark is drawn: Mermaid's own stylesheet would otherwise win over the class.
    const stroke = await svg.locator('path.flowchart-link.taken').evaluate((edge) => getComputedStyle(edge).strokeWidth);
    expect(stroke).toBe('4px');
    await afterIdle(page);
    await expect(page.evaluate(() => (window as unknown as {flowchartDrawings: {count: number}}).flowchartDrawings.count)).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
