import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Page, Response} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw} from '../../src/manifests';
import {PANEL_CHUNK} from '../../src/components/StrategyChooser/panelLoader';
import {SITE, chooser, clickThrough, launchBrowser, sharedPages, siteUrl, waitForHydration, watchPage} from './support';

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

const VIEWPORT = {width: 1280, height: 1000};
const CLIPBOARD = ['clipboard-read', 'clipboard-write'];

/** A context of its own: for a test that adds init scripts or counts the scripts a page requests. */
async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({viewport: VIEWPORT});
  await context.grantPermissions(CLIPBOARD, {origin: SITE.origin});
  return context;
}

async function openOn(page: Page, search: string): Promise<{page: Page; problems: string[]}> {
  const problems = watchPage(page);
  await page.goto(siteUrl(`/${search}`));
  await waitForHydration(page);
  return {page, problems};
}

async function openOverview(context: BrowserContext, search = ''): Promise<{page: Page; problems: string[]}> {
  return openOn(await context.newPage(), search);
}

/** The overview in a page that starts without the site's storage, in a context shared with the file's other tests. */
async function openShared(search = ''): Promise<{page: Page; problems: string[]}> {
  const page = await pages.newPage({viewport: VIEWPORT});
  await page.context().grantPermissions(CLIPBOARD, {origin: SITE.origin});
  return openOn(page, search);
}

function outcomeHeading(page: Page, outcome: OutcomeId) {
  return chooser(page).getByRole('heading', {name: OUTCOMES[outcome].title, exact: true});
}

describe.each(OUTCOME_IDS)('the chooser path to %s', (outcome) => {
  it('clicks through to the outcome, copies an artifact, survives a reload and rejects a bad value', async () => {
    const {page, problems} = await openShared();
    await clickThrough(page, outcome);
    await expect(outcomeHeading(page, outcome).isVisible()).resolves.toBe(true);
    await expect(chooser(page).getByRole('link', {name: `Read the ${OUTCOMES[outcome].title} guide`}).count()).resolves.toBe(1);
    // The form and files render just after the summary, in the frames that follow the click.
    await chooser(page).locator('[data-artifact]').first().waitFor();

    // The artifacts on screen are the builders' defaults, in the builders' order.
    const expected = buildFromRaw(outcome, defaultRaw(outcome));
    if (!expected.ok) throw new Error('defaults must build');
    const ids = await chooser(page).locator('[data-artifact]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-artifact')));
    expect(ids).toEqual(expected.artifacts.map((a) => a.id));

    // Copy the first artifact with its own Copy button (the theme's, or the block's beside its title) and read it back.
    const first = chooser(page).locator('[data-artifact]').first();
    await first.hover();
    await first.getByRole('button', {name: /^copy/i}).first().click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.trimEnd()).toBe(expected.artifacts[0]?.text.trimEnd());

    // Change a value; the URL keeps it and a reload shows the same outcome, value and files.
    const field = chooser(page).getByLabel('Namespace', {exact: true});
    await field.fill('team-blue');
    await expect(chooser(page).locator('[data-artifact]').first().textContent()).resolves.toBeTruthy();
    // The files' text, without their buttons' labels ("Copied" for a moment after a copy).
    const textBefore = await chooser(page).locator('[data-artifact] pre').allTextContents();
    expect(textBefore.join('\n')).toContain('team-blue');
    expect(page.url()).toContain('in.namespace=team-blue');
    await page.reload();
    await waitForHydration(page);
    await expect(outcomeHeading(page, outcome).isVisible()).resolves.toBe(true);
    await expect(chooser(page).getByLabel('Namespace', {exact: true}).inputValue()).resolves.toBe('team-blue');
    // The files render in the frames after the summary (and their highlighting may load first).
    await expect.poll(() => chooser(page).locator('[data-artifact] pre').allTextContents()).toEqual(textBefore);

    // An invalid value is explained at its field, and no stale files remain to copy.
    await chooser(page).getByLabel('Namespace', {exact: true}).fill('Team_Blue!');
    const invalid = chooser(page).getByLabel('Namespace', {exact: true});
    await expect(invalid.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await invalid.getAttribute('aria-describedby')) ?? '';
    const errorText = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    expect(errorText).toMatch(/\S/);
    await expect(chooser(page).getByTestId('artifacts-invalid').isVisible()).resolves.toBe(true);
    await expect(chooser(page).locator('[data-artifact]').count()).resolves.toBe(0);

    expect(problems).toEqual([]);
  });
});

/**
 * Text only the builders' code holds: their fields' help (the plain-text ones, which a minifier keeps verbatim).
 * js-yaml's own strings would not do: Mermaid bundles a copy of js-yaml too.
 */
const BUILDER_MARKERS: readonly string[] = [
  ...new Set(
    OUTCOME_IDS.flatMap((id) => BUILDERS[id].fields.map((field) => field.help ?? '')).filter(
      (help) => help.length >= 30 && /^[A-Za-z0-9 ,.;:()/-]+$/.test(help),
    ),
  ),
];

/** Every script the page receives, with its text, so a test can tell which ones hold the builders. */
function watchScripts(page: Page): {urls: () => string[]; withBuilders: () => Promise<string[]>} {
  const responses: Response[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') responses.push(response);
  });
  return {
    urls: () => responses.map((response) => response.url()),
    async withBuilders() {
      const found: string[] = [];
      for (const response of responses) {
        const text = await response.text();
        if (BUILDER_MARKERS.some((marker) => text.includes(marker))) found.push(response.url());
      }
      return found;
    },
  };
}

describe('the chooser', () => {
  it('loads no builders with the overview, only once the reader approaches an outcome', async () => {
    expect(BUILDER_MARKERS.length).toBeGreaterThan(3);
    const context = await newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    const scripts = watchScripts(page);
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    // Everything the page loads by itself (search, Mermaid, the flowchart's layout) has arrived.
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="strategy-flowchart"] svg').waitFor({state: 'visible', timeout: 30_000});
    expect(scripts.urls().length).toBeGreaterThan(0);
    expect(scripts.urls().filter((url) => url.includes(PANEL_CHUNK))).toEqual([]);
    await expect(scripts.withBuilders()).resolves.toEqual([]);

    // Pointing at an answer is enough to start the panel's download, before any click.
    const panelChunk = page.waitForResponse((response) => response.url().includes(PANEL_CHUNK));
    await chooser(page).getByRole('group', {name: QUESTIONS.connects.text}).getByRole('button', {name: 'Yes', exact: true}).hover();
    await panelChunk;
    await clickThrough(page, 'node-proxy-daemonset');
    await chooser(page).locator('[data-artifact]').first().waitFor();
    await page.waitForLoadState('networkidle');
    // The markers do find the builders: they are in what the outcome loaded.
    expect((await scripts.withBuilders()).length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps answered questions visible and lets an earlier answer change the path', async () => {
    const {page} = await openShared();
    await clickThrough(page, 'loopback-proxy-sidecar');
    const first = chooser(page).getByRole('group', {name: QUESTIONS.connects.text});
    await expect(first.getByRole('button', {name: 'Yes', exact: true}).getAttribute('aria-pressed')).resolves.toBe('true');
    await first.getByRole('button', {name: 'No', exact: true}).click();
    await expect(chooser(page).getByRole('group', {name: QUESTIONS.router.text}).isVisible()).resolves.toBe(true);
    await expect(chooser(page).getByRole('group', {name: QUESTIONS.placement.text}).count()).resolves.toBe(0);
  });

  it('steps through answers with Back, Start over and the browser history', async () => {
    const {page} = await openShared();
    await clickThrough(page, 'transparent-proxy-sidecar');
    // The answers reach the address a frame after each paints: the path passes through 'yes.pod' on its way.
    await expect.poll(() => new URL(page.url()).searchParams.get('path')).toBe(pathTo('transparent-proxy-sidecar').join('.'));
    await chooser(page).getByRole('button', {name: 'Back', exact: true}).click();
    await expect(chooser(page).getByRole('group', {name: QUESTIONS.addressing.text}).getByRole('button', {name: 'Yes'}).getAttribute('aria-pressed')).resolves.toBe('false');
    // Back is a history entry of its own, in the address once the answer has painted.
    await expect.poll(() => new URL(page.url()).searchParams.get('path')).toBe('yes.pod');
    // The browser's history renders from the address, as soon as React has the popped location: wait for it.
    await page.goBack();
    await expect.poll(() => outcomeHeading(page, 'transparent-proxy-sidecar').isVisible()).toBe(true);
    await page.goBack();
    await page.goBack();
    await expect
      .poll(() => chooser(page).getByRole('group', {name: QUESTIONS.placement.text}).getByRole('button', {name: 'Pod'}).getAttribute('aria-pressed'))
      .toBe('false');
    await page.goForward();
    await expect.poll(() => chooser(page).getByRole('group', {name: QUESTIONS.addressing.text}).isVisible()).toBe(true);
    await chooser(page).getByRole('button', {name: 'Start over', exact: true}).click();
    await expect(chooser(page).getByRole('group').count()).resolves.toBe(1);
    // The address follows the answer once it has painted.
    await expect.poll(() => new URL(page.url()).search).toBe('');
  });

  it('highlights the path taken on the flowchart', async () => {
    const {page} = await openShared(`?chooser=1&path=${pathTo('ziti-host').join('.')}`);
    const svg = page.locator('[data-testid="strategy-flowchart"] svg');
    // The path is marked on the drawing once Mermaid has put it in the box.
    await svg.locator('g.node.taken').first().waitFor({timeout: 30_000});
    for (const id of ['A', 'K', 'C', 'E']) {
      await expect(svg.locator(`g.node.taken[id*="flowchart-${id}-"]`).count(), id).resolves.toBe(1);
    }
    await expect(svg.locator('g.node.taken').count()).resolves.toBe(4);
    for (const edge of ['A_K', 'K_C', 'C_E']) {
      await expect(svg.locator(`path.flowchart-link.taken[id*="L_${edge}_"]`).count(), edge).resolves.toBe(1);
    }
    // Questions (polygons) and outcomes (paths) are filled with the path's colour, over Mermaid's own stylesheet.
    const fills = await svg.locator('g.node.taken').evaluateAll((nodes) =>
      nodes.map((node) => getComputedStyle(node.querySelector(':scope > polygon, :scope > path, :scope > g:not(.label) path') as Element).fill),
    );
    expect(fills).toEqual(Array(4).fill('rgb(219, 233, 255)'));
  });

  it('can be used with the keyboard alone, with focus following each step', async () => {
    const {page, problems} = await openShared();
    // Let lazy chunks (search, Mermaid) settle first, so key presses are not racing a late render.
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="strategy-flowchart"] svg').waitFor({state: 'visible', timeout: 30_000});
    const yes = chooser(page).getByRole('group', {name: QUESTIONS.connects.text}).getByRole('button', {name: 'Yes', exact: true});
    for (let i = 0; i < 80 && !(await yes.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(yes.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(yes.getAttribute('aria-pressed')).resolves.toBe('true');
    // Focus lands on the new question (once the answer has painted); its first answer is one Tab away.
    const placement = chooser(page).getByRole('group', {name: QUESTIONS.placement.text});
    await expect.poll(() => placement.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(placement.getByRole('button', {name: 'Node'}).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    const heading = outcomeHeading(page, 'node-proxy-daemonset');
    await expect.poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
    // Tab on into the form (rendered in the frames after the summary) and type a value.
    await chooser(page).getByLabel('Namespace', {exact: true}).waitFor();
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.getAttribute('name') === 'namespace')) break;
    }
    await page.keyboard.press('Control+A');
    await page.keyboard.type('edge');
    await expect(chooser(page).getByLabel('Namespace', {exact: true}).inputValue()).resolves.toBe('edge');
    expect(problems).toEqual([]);
  });

  it('copies everything even where navigator.clipboard is missing, and says so', async () => {
    const context = await newContext();
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});
    });
    const {page} = await openOverview(context, `?chooser=1&path=${pathTo('ziti-host').join('.')}`);
    await chooser(page).getByRole('button', {name: 'Copy all', exact: true}).click();
    await expect(chooser(page).getByRole('status').filter({hasText: 'Copied'}).count()).resolves.toBe(1);
    // Read the system clipboard from a page that still has the API.
    const reader = await browser.newContext();
    await reader.grantPermissions(['clipboard-read'], {origin: SITE.origin});
    const readerPage = await reader.newPage();
    await readerPage.goto(siteUrl('/'));
    const text = await readerPage.evaluate(() => navigator.clipboard.readText());
    expect(text).toContain('helm upgrade --install');
    await reader.close();
    await context.close();
  });

  it('downloads an artifact as a file with its name and text', async () => {
    const context = await browser.newContext({acceptDownloads: true});
    const {page} = await openOverview(context, `?chooser=1&path=${pathTo('transparent-proxy-sidecar').join('.')}`);
    const expected = buildFromRaw('transparent-proxy-sidecar', defaultRaw('transparent-proxy-sidecar'));
    if (!expected.ok) throw new Error('defaults must build');
    const manifest = expected.artifacts.find((a) => a.id === 'manifest');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chooser(page).getByRole('button', {name: `Download ${manifest?.fileName}`}).click(),
    ]);
    expect(download.suggestedFilename()).toBe(manifest?.fileName);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(manifest?.text);
    await context.close();
  });

  it('says so when the browser refuses to copy', async () => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {value: undefined, configurable: true});
      document.execCommand = () => false;
    });
    const {page} = await openOverview(context, `?chooser=1&path=${pathTo('openziti-router').join('.')}`);
    await chooser(page).getByRole('button', {name: 'Copy all', exact: true}).click();
    await expect(chooser(page).getByRole('status').filter({hasText: 'refused to copy'}).count()).resolves.toBe(1);
    await context.close();
  });
});
