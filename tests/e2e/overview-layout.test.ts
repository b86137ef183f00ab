/**
 * The overview as one tool: on a desktop screen the open question (or the
 * reached outcome's summary) and the flowchart are on screen together after
 * every answer; on a phone they stack in one column; the chart's question
 * nodes open the chooser at that question.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Locator, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS, pathTo, walk, type OutcomeId, type QuestionId} from '../../src/data/decisionTree';
import {CHOOSER_ANCHOR, pathToQuestion} from '../../src/utils/flowchart';
import {BASE_PATH, chooser, launchBrowser, sharedPages, siteUrl, waitForChart, waitForHydration, watchPage} from './support';

const DESKTOP = {width: 1280, height: 800};
const PHONE = {width: 390, height: 844};

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

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

async function openOverview(page: Page, search = ''): Promise<void> {
  await page.goto(siteUrl(`/${search}`));
  await waitForHydration(page);
  await waitForChart(page);
}

/**
 * The chart's box on the page: the window the drawing is seen through. At a readable scale the drawing is larger
 * than this box, which scrolls; what the reader sees of the chart is the box.
 */
function chart(page: Page): Locator {
  return page.locator('[data-testid="strategy-flowchart"] .docusaurus-mermaid-container');
}

/** Mermaid replaces the SVG when the colour mode changes; the locator finds whichever is current. */
function drawing(page: Page): Locator {
  return page.locator('[data-testid="strategy-flowchart"] svg');
}

/** The smallest size, in CSS pixels, a node or edge label is drawn at: the SVG's scale times the label's font size. */
async function labelPixels(page: Page): Promise<number> {
  return drawing(page).evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
    const labels = Array.from(svg.querySelectorAll('.nodeLabel, .edgeLabel'));
    if (labels.length === 0) throw new Error('the chart has no labels');
    return Math.min(...labels.map((label) => scale * Number.parseFloat(getComputedStyle(label).fontSize)));
  });
}

/** Whether the node is wholly inside the chart's box, and the box wholly inside the viewport; returns what is wrong. */
async function nodeInViewProblems(page: Page, mermaidId: string, viewport: {width: number; height: number}): Promise<string[]> {
  const node = await boxOf(chartNode(page, mermaidId), `node ${mermaidId}`);
  const frame = await boxOf(chart(page), 'the chart');
  const inside = (inner: Box, outer: Box): boolean =>
    inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
  const problems: string[] = [];
  if (!inside(node, frame)) problems.push(`node ${mermaidId} at ${JSON.stringify(node)} is not inside the chart's box ${JSON.stringify(frame)}`);
  if (!inside(frame, {x: 0, y: 0, ...viewport})) problems.push(`the chart's box ${JSON.stringify(frame)} is not inside the viewport`);
  return problems;
}

function chartNode(page: Page, mermaidId: string): Locator {
  return page.locator(`[data-testid="strategy-flowchart"] svg g.node[id*="flowchart-${mermaidId}-"]`);
}

async function boxOf(locator: Locator, what: string): Promise<Box> {
  await locator.waitFor({state: 'visible', timeout: 30_000});
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${what} has no box`);
  return box;
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement);
}

/** Where the sticky navbar ends: anything above it is hidden behind it. */
async function navbarBottom(page: Page): Promise<number> {
  return page.locator('nav.navbar').evaluate((element) => element.getBoundingClientRect().bottom);
}

/** Both boxes inside the viewport below the navbar, and apart from each other; returns what is wrong. */
async function togetherProblems(page: Page, label: string, current: Locator): Promise<string[]> {
  const top = await navbarBottom(page);
  const boxes = {[label]: await boxOf(current, label), chart: await boxOf(chart(page), 'the chart')};
  const problems: string[] = [];
  for (const [name, box] of Object.entries(boxes)) {
    const inside = box.y >= top - 0.5 && box.y + box.height <= DESKTOP.height + 0.5 && box.x >= 0 && box.x + box.width <= DESKTOP.width;
    if (!inside) problems.push(`${name} at ${JSON.stringify(box)} is not inside the viewport below the navbar (${top}px)`);
  }
  const [a, b] = Object.values(boxes) as [Box, Box];
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  if (overlap) problems.push(`${label} and the chart overlap`);
  return problems;
}

/**
 * The six walks share one desktop page, as a reader who reaches an outcome and presses Start over for the next:
 * each walk starts where the previous one left the page (scrolled to its outcome), which Start over must bring back.
 */
let walker: {page: Page; problems: string[]} | null = null;

async function startWalk(): Promise<{page: Page; problems: string[]}> {
  if (walker) {
    await chooser(walker.page).getByRole('button', {name: 'Start over', exact: true}).click();
    await expect.poll(() => new URL(walker?.page.url() ?? '').searchParams.get('path')).toBeNull();
    await chooser(walker.page).getByRole('group', {name: QUESTIONS.connects.text}).waitFor({state: 'visible'});
    await expect(chooser(walker.page).getByTestId('outcome-summary').count()).resolves.toBe(0);
    return walker;
  }
  const page = await pages.newPage({viewport: DESKTOP});
  const problems = watchPage(page);
  await openOverview(page);
  walker = {page, problems};
  return walker;
}

describe(`at ${DESKTOP.width}×${DESKTOP.height}`, () => {
  afterAll(() => {
    walker = null;
  });

  it.each(OUTCOME_IDS)('the path to %s keeps the open question, then the outcome’s summary, on screen beside the chart after every answer', async (outcome: OutcomeId) => {
    const {page, problems} = await startWalk();
    const found: string[] = [];
    const {steps} = walk(pathTo(outcome));
    for (const [index, step] of steps.entries()) {
      const question = QUESTIONS[step.question];
      const label = question.answers.find((a) => a.id === step.answerId)?.label ?? '';
      await chooser(page).getByRole('group', {name: question.text}).getByRole('button', {name: label, exact: true}).click();
      const next = steps[index + 1];
      if (next) {
        // The chooser has moved focus to the next question; that question and the chart must both be visible.
        const group = chooser(page).getByRole('group', {name: QUESTIONS[next.question].text});
        await expect.poll(() => isFocused(group)).toBe(true);
        found.push(...(await togetherProblems(page, `question "${QUESTIONS[next.question].text}"`, group)));
        // Inside the chart, the open question's node is in view.
        await expect.poll(async () => (await nodeInViewProblems(page, QUESTIONS[next.question].mermaidId, DESKTOP)).join('; ')).toBe('');
      } else {
        const heading = chooser(page).getByRole('heading', {name: OUTCOMES[outcome].title, exact: true});
        await expect.poll(() => isFocused(heading)).toBe(true);
        const summary = chooser(page).getByTestId('outcome-summary');
        // The summary holds the outcome's name, why it fits, what it needs and the guide link.
        await expect(summary.getByRole('link', {name: `Read the ${OUTCOMES[outcome].title} guide`}).count()).resolves.toBe(1);
        await expect(summary.locator('dt').allTextContents()).resolves.toEqual(['Privileges', 'DNS', 'Identity storage']);
        await expect(summary.textContent()).resolves.toContain(OUTCOMES[outcome].reason);
        found.push(...(await togetherProblems(page, 'the outcome summary', summary)));
        await expect.poll(async () => (await nodeInViewProblems(page, OUTCOMES[outcome].mermaidId, DESKTOP)).join('; ')).toBe('');

        // The form and the files follow below both.
        const form = await boxOf(chooser(page).getByRole('form', {name: 'Your values'}), 'the form');
        const chartBox = await boxOf(chart(page), 'the chart');
        const summaryBox = await boxOf(summary, 'the summary');
        expect(form.y).toBeGreaterThanOrEqual(chartBox.y + chartBox.height);
        expect(form.y).toBeGreaterThanOrEqual(summaryBox.y + summaryBox.height);
      }
    }
    expect(found).toEqual([]);
    expect(problems).toEqual([]);
  });
});

/** The chart's labels are readable and the reader's current node (question or outcome) is inside the chart's box. */
async function expectReadable(page: Page, path: readonly string[], viewport: {width: number; height: number}): Promise<void> {
  // Mermaid draws labels at 16 px; fitted whole into its column the chart shrank them to under 6 px.
  expect(await labelPixels(page)).toBeGreaterThanOrEqual(12);
  const current = walk(path).current;
  const mermaidId = current in QUESTIONS ? QUESTIONS[current as keyof typeof QUESTIONS].mermaidId : OUTCOMES[current as OutcomeId].mermaidId;
  await expect.poll(async () => (await nodeInViewProblems(page, mermaidId, viewport)).join('; ')).toBe('');
}

describe(`on a ${PHONE.width}×${PHONE.height} phone`, () => {
  // One load per outcome checks both the stacking and the chart's labels on that path (each load draws the chart).
  it.each(OUTCOME_IDS)('stacks the %s summary, the chart and the form in one column without sideways scroll; the chart’s labels are readable, with the outcome in view', async (outcome) => {
    const page = await pages.newPage({viewport: PHONE, isMobile: true, hasTouch: true});
    const problems = watchPage(page);
    await openOverview(page, `?chooser=1&path=${pathTo(outcome).join('.')}`);
    await expectReadable(page, pathTo(outcome), PHONE);
    const summary = await boxOf(chooser(page).getByTestId('outcome-summary'), 'the summary');
    const chartBox = await boxOf(chart(page), 'the chart');
    const form = await boxOf(chooser(page).getByRole('form', {name: 'Your values'}), 'the form');
    expect(chartBox.y).toBeGreaterThanOrEqual(summary.y + summary.height);
    expect(form.y).toBeGreaterThanOrEqual(chartBox.y + chartBox.height);
    for (const box of [summary, chartBox, form]) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    expect(problems).toEqual([]);
  });
});

describe(`the chart’s labels at ${DESKTOP.width}×${DESKTOP.height}`, () => {
  // Beside the chooser, where the chart is already in view, the chooser has no link down to it.
  it.each(OUTCOME_IDS)('are readable, with the reader’s node in view and no link to a chart below, on the path to %s', async (outcome) => {
    const page = await pages.newPage({viewport: DESKTOP});
    const problems = watchPage(page);
    const path = pathTo(outcome);
    await openOverview(page, `?chooser=1&path=${path.join('.')}`);
    await expectReadable(page, path, DESKTOP);
    await chooser(page).getByTestId('outcome-summary').waitFor({state: 'visible'});
    await expect(chooser(page).getByRole('link', {name: /flowchart below/}).isVisible()).resolves.toBe(false);
    expect(problems).toEqual([]);
  });
});

describe.each([
  {name: `${DESKTOP.width}×${DESKTOP.height}`, options: {viewport: DESKTOP}},
  // On the phone, each outcome's path is checked with its stacking above.
  {name: `a ${PHONE.width}×${PHONE.height} phone`, options: {viewport: PHONE, isMobile: true, hasTouch: true}},
])('the chart at $name, before any answer', ({options}) => {
  it('is readable with the first question in view, shows the whole chart in its box on request, and the readable scale again after', async () => {
    const page = await pages.newPage(options);
    const problems = watchPage(page);
    await openOverview(page);
    await expectReadable(page, [], options.viewport);
    const toggle = page.getByRole('button', {name: 'Show the whole chart', exact: true});
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    const frame = await boxOf(chart(page), 'the chart');
    await expect.poll(async () => (await boxOf(drawing(page), 'the drawing')).width).toBeLessThanOrEqual(frame.width + 1);
    await toggle.click();
    await expect.poll(() => labelPixels(page)).toBeGreaterThanOrEqual(12);
    expect(problems).toEqual([]);
  });
});

describe('where the chart is', () => {
  it(`on a ${PHONE.width}×${PHONE.height} phone, the chooser links to the chart below it after every answer`, async () => {
    const page = await pages.newPage({viewport: PHONE, isMobile: true, hasTouch: true});
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    const {steps} = walk(pathTo('ziti-host'));
    for (const step of steps) {
      const question = QUESTIONS[step.question];
      const label = question.answers.find((a) => a.id === step.answerId)?.label ?? '';
      await chooser(page).getByRole('group', {name: question.text}).getByRole('button', {name: label, exact: true}).click();
      await expect(chooser(page).getByRole('link', {name: 'See your path in the flowchart below', exact: true}).isVisible()).resolves.toBe(true);
    }
    await chooser(page).getByRole('link', {name: 'See your path in the flowchart below', exact: true}).click();
    const box = await boxOf(chart(page), 'the chart');
    expect(box.y).toBeGreaterThanOrEqual(await navbarBottom(page));
    expect(box.y).toBeLessThan(PHONE.height);
    // The chooser's state is kept: the path is still the one answered.
    expect(new URL(page.url()).searchParams.get('path')).toBe(pathTo('ziti-host').join('.'));
  });
});

describe('a question node on the chart', () => {
  it('links each question to the chooser opened at that question', async () => {
    const page = await pages.newPage({viewport: DESKTOP});
    await openOverview(page);
    // Every link is read off one drawing; then each is opened as a new page (a new tab, or without the click
    // handler) and must land on its open question.
    const hrefs: [QuestionId, string][] = [];
    for (const id of QUESTION_IDS) {
      const link = page.locator(`[data-testid="strategy-flowchart"] svg a:has(g.node[id*="flowchart-${QUESTIONS[id].mermaidId}-"])`);
      const href = (await link.getAttribute('href')) ?? (await link.getAttribute('xlink:href')) ?? '';
      const path = pathToQuestion(id);
      const search = path.length > 0 ? `?chooser=1&path=${path.join('.')}` : '';
      expect(href, id).toBe(`${BASE_PATH}${search}#${CHOOSER_ANCHOR}`);
      hrefs.push([id, new URL(href, page.url()).toString()]);
    }
    for (const [id, url] of hrefs) {
      const question = QUESTIONS[id];
      await page.goto(url);
      await waitForHydration(page);
      const group = chooser(page).getByRole('group', {name: question.text});
      const pressed = await group.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-pressed')));
      expect(pressed.every((value) => value === 'false'), id).toBe(true);
      await expect(chooser(page).getByRole('group').count(), id).resolves.toBe(pathToQuestion(id).length + 1);
    }
  });

  it('jumps the chooser back to that question in place, with focus on it, beside the chart', async () => {
    const page = await pages.newPage({viewport: DESKTOP});
    const problems = watchPage(page);
    await openOverview(page, `?chooser=1&path=${pathTo('loopback-proxy-sidecar').join('.')}`);
    await chooser(page).getByTestId('outcome-summary').waitFor({state: 'visible'});
    // A marker on window survives only if the page is not reloaded.
    await page.evaluate(() => Object.assign(window, {layoutTestMarker: true}));
    const placement = QUESTIONS.placement;
    await chartNode(page, placement.mermaidId).click();
    await page.waitForURL((url) => new URL(url).searchParams.get('path') === pathToQuestion('placement').join('.'));
    await expect(page.evaluate(() => 'layoutTestMarker' in window)).resolves.toBe(true);
    const group = chooser(page).getByRole('group', {name: placement.text});
    await expect.poll(() => isFocused(group)).toBe(true);
    await expect(chooser(page).getByTestId('outcome-summary').count()).resolves.toBe(0);
    expect(await togetherProblems(page, 'the question', group)).toEqual([]);

    // The root question clears the path; the browser's Back returns to the outcome.
    await chartNode(page, QUESTIONS.connects.mermaidId).click();
    await page.waitForURL((url) => new URL(url).search === '');
    await expect.poll(() => isFocused(chooser(page).getByRole('group', {name: QUESTIONS.connects.text}))).toBe(true);
    await page.goBack();
    await page.goBack();
    await chooser(page).getByRole('heading', {name: OUTCOMES['loopback-proxy-sidecar'].title, exact: true}).waitFor();
    expect(problems).toEqual([]);
  });
});
