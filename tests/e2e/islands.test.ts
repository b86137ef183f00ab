import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Locator, Page} from 'playwright-core';
import {OUTCOME_IDS, OUTCOMES, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {publishedPath} from '../../src/manifests/published';
import {guideRoute} from '../../src/utils/flowchart';
import {SITE, launchBrowser, siteUrl, waitForHydration, watchPage} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Chunks that hold the manifest builders: the reader's values, and the real
 * build-time components (loaded only after client-side navigation).
 */
const BUILDER_CHUNKS = /(reader-values|default-blocks|checked-against)\.[0-9a-f]+\.js$/;

interface Watched {
  readonly context: BrowserContext;
  readonly page: Page;
  /** What watchPage() records. */
  readonly problems: string[];
  /** Paths of every script the page requested. */
  readonly scripts: string[];
}

/** A page allowed to use the clipboard, with its problems and script requests recorded. */
async function watchedPage(): Promise<Watched> {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
  const page = await context.newPage();
  const problems = watchPage(page);
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  return {context, page, problems, scripts};
}

/** Copies with the named button and reads the clipboard back. */
async function copiedWith(page: Page, button: Locator): Promise<string> {
  await button.click();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Every block on the page: its file name (the code block's title) and its Copy button. */
async function blockFiles(page: Page): Promise<string[]> {
  return page
    .locator('article [data-artifact]')
    .evaluateAll((sections) =>
      sections.map((section) => section.querySelector('[class*="codeBlockTitle"]')?.textContent ?? '(untitled)'),
    );
}

async function publishedText(outcome: OutcomeId, fileName: string): Promise<string> {
  const response = await fetch(siteUrl(publishedPath(outcome, fileName)));
  expect(response.status, `${fileName} is published`).toBe(200);
  return response.text();
}

describe.each(OUTCOME_IDS)('the %s guide, loaded from the server', (outcome) => {
  it('keeps the build’s highlighted files through hydration and loads no builders', async () => {
    const {context, page, problems, scripts} = await watchedPage();
    // Tag the server's nodes before any script runs: if hydration replaced them, the tags would be gone.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        document.querySelectorAll('[data-build-time] .token-line').forEach((line) => {
          (line as HTMLElement).dataset.fromServer = '';
        });
      });
    });
    await page.goto(siteUrl(guideRoute(OUTCOMES[outcome].guidePath)));
    await waitForHydration(page);

    const lines = page.locator('[data-build-time] .token-line');
    const total = await lines.count();
    expect(total).toBeGreaterThan(0);
    await expect(page.locator('[data-build-time] .token-line[data-from-server]').count()).resolves.toBe(total);
    await expect(page.getByTestId('checked-against').count()).resolves.toBe(1);
    expect(scripts.filter((path) => BUILDER_CHUNKS.test(path))).toEqual([]);

    // Copy reads each block back from the kept markup: byte for byte the file the build published.
    const files = await blockFiles(page);
    expect(files.length).toBeGreaterThan(0);
    for (const fileName of files) {
      const button = page.getByRole('button', {name: `Copy ${fileName}`, exact: true}).first();
      await expect(copiedWith(page, button)).resolves.toBe(await publishedText(outcome, fileName));
      await expect(button.textContent()).resolves.toBe('Copied');
    }
    expect(scripts.filter((path) => BUILDER_CHUNKS.test(path))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a guide reached by client-side navigation', () => {
  it('renders its files and what it was checked against, as the server does', async () => {
    const {context, page, problems} = await watchedPage();
    const outcome: OutcomeId = 'ziti-host';
    const route = guideRoute(OUTCOMES[outcome].guidePath);
    // Reference: the same guide loaded from the server.
    await page.goto(siteUrl(route));
    await waitForHydration(page);
    const fromServer = await blockFiles(page);
    const serverChecked = await page.getByTestId('checked-against').innerText();

    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    await page.locator('nav.menu').getByRole('link', {name: OUTCOMES[outcome].title, exact: true}).click();
    await page.waitForURL(`**${route}`);
    await page.locator('[data-build-time] [data-artifact]').first().waitFor();
    await expect(blockFiles(page)).resolves.toEqual(fromServer);
    await expect(page.getByTestId('checked-against').innerText()).resolves.toBe(serverChecked);

    const first = fromServer[0] ?? '';
    const button = page.getByRole('button', {name: `Copy ${first}`, exact: true}).first();
    await expect(copiedWith(page, button)).resolves.toBe(await publishedText(outcome, first));
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the chooser’s blocks, rendered in the browser', () => {
  it('have the same Copy button, giving the same bytes as the published defaults, and no second copy icon', async () => {
    const {context, page, problems} = await watchedPage();
    const outcome: OutcomeId = 'openziti-router';
    await page.goto(siteUrl(`/?chooser=1&path=${pathTo(outcome).join('.')}`));
    await waitForHydration(page);
    const panel = page.locator(`[data-outcome="${outcome}"]`);
    await panel.locator('[data-artifact] .token-line').first().waitFor();
    const files = await panel
      .locator('[data-artifact]')
      .evaluateAll((sections) => sections.map((section) => section.querySelector('[class*="codeBlockTitle"]')?.textContent ?? ''));
    expect(files.length).toBeGreaterThan(0);
    for (const fileName of files) {
      const button = panel.getByRole('button', {name: `Copy ${fileName}`, exact: true});
      await expect(copiedWith(page, button)).resolves.toBe(await publishedText(outcome, fileName));
    }
    await expect(panel.getByRole('button', {name: 'Copy code to clipboard'}).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a code block written in a page’s Markdown', () => {
  it('keeps the build’s highlighting, loads no highlighter, and its Copy button copies the command', async () => {
    const {context, page, problems, scripts} = await watchedPage();
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    const block = page.locator('[data-build-time="code-block"]').filter({hasText: 'openssl x509'});
    await expect(block.locator('.token-line').count()).resolves.toBe(1);
    await block.locator('pre').hover();
    await expect(copiedWith(page, block.getByRole('button', {name: 'Copy code to clipboard'}))).resolves.toBe(
      "jq -r '.id.cert' IDENTITY.json | sed 's/^pem://' | openssl x509 -noout -enddate",
    );
    expect(scripts.filter((path) => /code-block\.[0-9a-f]+\.js$/.test(path))).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
