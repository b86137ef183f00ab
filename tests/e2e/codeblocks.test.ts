import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadAll} from 'js-yaml';
import type {Browser, Page} from 'playwright-core';
import {OUTCOME_IDS} from '../../src/data/decisionTree';
import {strictValidate} from '../../src/manifests/testing/strictValidate';
import {buildFromRaw, defaultRaw} from '../../src/manifests';
import {launchBrowser, outcomeWalker, sharedPages, siteUrl, sitemapUrls, waitForHydration} from './support';

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

interface Block {
  readonly title: string;
  readonly text: string;
}

/** The YAML code blocks as a reader would copy them: one highlighted line per text line. */
async function yamlBlocks(page: Page, within = ''): Promise<Block[]> {
  return page.locator(`${within} div.language-yaml`.trim()).evaluateAll((containers) =>
    containers.map((container) => ({
      title: container.querySelector('[class*="codeBlockTitle"]')?.textContent ?? '(untitled)',
      text: Array.from(container.querySelectorAll('pre code .token-line')).map((line) => line.textContent ?? '').join('\n'),
    })),
  );
}

/** Parses every block; Kubernetes objects must also pass the strict schema check. */
function problemsIn(url: string, blocks: readonly Block[]): string[] {
  const problems: string[] = [];
  for (const block of blocks) {
    let documents: unknown[];
    try {
      documents = loadAll(block.text);
    } catch (error) {
      problems.push(`${url} ${block.title}: does not parse: ${String(error)}`);
      continue;
    }
    for (const doc of documents) {
      if (doc && typeof doc === 'object' && 'apiVersion' in doc && 'kind' in doc) {
        for (const p of strictValidate(doc)) problems.push(`${url} ${block.title} ${p.path}: ${p.message}`);
      }
    }
  }
  return problems;
}

/**
 * Each code block the browser skips drawing off screen (content-visibility), with the height it stands in at and the
 * height it has once drawn: the stand-in comes from the block's line count, so the page must not move when it is drawn.
 */
async function skippedBlockHeights(page: Page): Promise<{readonly title: string; readonly skipped: number; readonly drawn: number}[]> {
  return page.locator('.theme-code-block').evaluateAll((blocks) =>
    blocks
      // The block itself is laid out; what the browser skips is its content.
      .filter((block) => block.firstElementChild?.checkVisibility({contentVisibilityAuto: true}) === false)
      .map((block) => {
        const element = block as HTMLElement;
        const skipped = element.getBoundingClientRect().height;
        element.style.contentVisibility = 'visible';
        const drawn = element.getBoundingClientRect().height;
        element.style.contentVisibility = '';
        return {title: block.querySelector('[class*="codeBlockTitle"]')?.textContent ?? '(untitled)', skipped, drawn};
      }),
  );
}

describe('YAML code blocks on the built site', () => {
  it('parse, and every Kubernetes object in them validates strictly, on every page; off screen, every block stands in at its own height', async () => {
    const page = await pages.newPage();
    const problems: string[] = [];
    const misSized: string[] = [];
    let objects = 0;
    let skipped = 0;
    for (const url of await sitemapUrls()) {
      await page.goto(url);
      await waitForHydration(page);
      const blocks = await yamlBlocks(page);
      objects += blocks.length;
      problems.push(...problemsIn(url, blocks));
      // Within a pixel or two: rounding of the line height, and a horizontal scroll bar's share.
      for (const block of await skippedBlockHeights(page)) {
        skipped += 1;
        if (Math.abs(block.skipped - block.drawn) > 3) misSized.push(`${url} ${block.title}: ${block.skipped} px off screen, ${block.drawn} px drawn`);
      }
    }
    expect(problems).toEqual([]);
    // Each chart guide has a values file and each manifest guide a manifest: a silent zero would hide a broken query.
    expect(objects).toBeGreaterThanOrEqual(OUTCOME_IDS.length);
    expect(misSized).toEqual([]);
    // The guides are longer than a screen: with none skipped, the check above would have checked nothing.
    expect(skipped).toBeGreaterThan(OUTCOME_IDS.length);
  });

  // One page for the six outcomes, reached by the chooser's answers with Start over between them.
  const walker = outcomeWalker(async () => {
    const page = await pages.newPage();
    await page.goto(siteUrl('/'));
    await waitForHydration(page);
    return page;
  });

  it.each(OUTCOME_IDS)('are valid in the chooser for %s', async (outcome) => {
    const page = await walker.to(outcome);
    await page.locator(`[data-outcome="${outcome}"] [data-artifact]`).first().waitFor();
    // Only this outcome's files: a panel the reader has left may stay in the page, hidden.
    const blocks = await yamlBlocks(page, `[data-outcome="${outcome}"]`);
    expect(blocks.length).toBeGreaterThan(0);
    expect(problemsIn(page.url(), blocks)).toEqual([]);
  });
});

/**
 * What the doc's blocks compute for content-visibility, the title and code blocks aside (code blocks skip themselves
 * off screen at their exact height), and whether the loader's marks are on the page.
 */
function drawingState(): {marked: boolean; waitingMarks: number; skippable: number; blocks: number} {
  const markdown = document.querySelector('.theme-doc-markdown');
  const blocks = markdown ? Array.from(markdown.querySelectorAll(':scope > *, :scope > [data-build-time] > *')) : [];
  // The title's header is always drawn at once: it is at the top.
  const prose = blocks.filter(
    (block) => block.tagName !== 'HEADER' && !block.closest('[data-build-time="code-block"]') && getComputedStyle(block).display !== 'contents',
  );
  return {
    marked: document.documentElement.hasAttribute('data-drawing'),
    waitingMarks: document.querySelectorAll('[data-waiting]').length,
    skippable: prose.filter((block) => getComputedStyle(block).contentVisibility === 'auto').length,
    blocks: prose.length,
  };
}

describe('drawing a guide (src/ssr/paintFirst.ts)', () => {
  it('leaves the blocks off screen to be drawn after the first paint, and the page whole before it hydrates', async () => {
    // Its own context: the init script must not follow later tests.
    const context = await browser.newContext({viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true});
    await context.addInitScript(`document.addEventListener('DOMContentLoaded', () => { window.drawingAtParse = (${drawingState.toString()})(); });`);
    const page = await context.newPage();
    await page.goto(siteUrl('/ingress/ziti-host/'));
    await waitForHydration(page);
    const atParse = await page.evaluate(() => (window as unknown as {drawingAtParse: ReturnType<typeof drawingState>}).drawingAtParse);
    const hydrated = await page.evaluate(drawingState);
    await context.close();
    // While the body is parsed, before the first frame: marked, and every block may be skipped when off screen.
    expect(atParse.marked).toBe(true);
    expect(atParse.blocks).toBeGreaterThan(20);
    expect(atParse.skippable).toBe(atParse.blocks);
    // Hydrated: nothing is skipped any more and no mark is left.
    expect(hydrated).toEqual({marked: false, waitingMarks: 0, skippable: 0, blocks: atParse.blocks});
  });

  it('without JavaScript, draws the page as it always was', async () => {
    const page = await pages.newPage({javaScriptEnabled: false});
    await page.goto(siteUrl('/ingress/ziti-host/'));
    const state = await page.evaluate(drawingState);
    expect(state.marked).toBe(false);
    expect(state.blocks).toBeGreaterThan(20);
    expect(state.skippable).toBe(0);
  });
});

describe('without JavaScript', () => {
  it('shows the first question and every outcome with its default files', async () => {
    const page = await pages.newPage({javaScriptEnabled: false});
    await page.goto(siteUrl('/'));
    const chooser = page.getByRole('region', {name: 'Strategy chooser'});
    await expect(chooser.getByRole('group').first().textContent()).resolves.toContain('Workload connects to an OpenZiti Service?');
    const expected = OUTCOME_IDS.flatMap((id) => {
      const result = buildFromRaw(id, defaultRaw(id));
      return result.ok ? result.artifacts.map((artifact) => artifact.text) : [];
    });
    await expect(chooser.locator('[data-artifact]').count()).resolves.toBe(expected.length);
    // Each file as plain text (no highlighting markup in the fallback every reader downloads), whole and in order.
    const texts = await chooser.locator('[data-artifact] pre').evaluateAll((blocks) => blocks.map((block) => block.textContent ?? ''));
    expect(texts.map((text) => text.trimEnd())).toEqual(expected.map((text) => text.trimEnd()));
    await expect(chooser.locator('[data-artifact] pre span').count()).resolves.toBe(0);
    const headings = await chooser.getByRole('heading', {level: 3}).allTextContents();
    expect(headings).toHaveLength(OUTCOME_IDS.length);
  });
});
