import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS} from '../../src/data/decisionTree';
import {axeViolations} from './axe';
import {chooser, launchBrowser, outcomeWalker, sharedPages, siteUrl, sitemapUrls, waitForHydration} from './support';

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

/**
 * Highlighted code is half the elements of a guide (about 1,500 token spans on the longest), and axe's colour rule
 * finds each span's background by hit-testing it, which made it most of every audit. Inside a block's `<code>` there
 * are only lines and token spans, which carry nothing but colour and text, so axe audits the page without them (the
 * `<pre>` itself, its focusability and name, stays in) and `tokenContrast` checks every one of them instead.
 * (Excluding the spans one by one costs axe as much as auditing them: it matches each node against every exclusion.)
 */
const CODE = 'pre code';

/** axe's findings as short lines, so a failure names the rule and the element. */
async function violations(page: Page, colorScheme: 'light' | 'dark', include: string[] = []): Promise<string[]> {
  const rules = colorScheme === 'dark' ? COLOUR_RULES : [];
  const found = (await axeViolations(page, {include, exclude: [CODE], rules})).flatMap((v) =>
    v.nodes.map((n) => `${colorScheme}: ${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
  );
  return [...found, ...(await tokenContrast(page, include)).map((line) => `${colorScheme}: code token contrast: ${line}`)];
}

/**
 * WCAG contrast of every code token (every element with text of its own inside a block's `<code>`) against what is
 * drawn behind it, in the page as rendered: the token's computed colour over the first opaque background among its
 * ancestors (translucent ones, such as a highlighted line, laid over it), 4.5:1 or 3:1 for large text as axe's
 * color-contrast asks. What this cannot judge (a background image, a
 * translucent ancestor, a colour it cannot read) is reported, never passed. One line per failing colour pair.
 */
async function tokenContrast(page: Page, within: string[]): Promise<string[]> {
  return page.evaluate(
    ({code, scopes}) => {
      type Rgba = [number, number, number, number];
      function rgba(value: string): Rgba | null {
        const match = /^rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)$/.exec(value);
        return match ? [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])] : null;
      }
      function over(top: Rgba, bottom: Rgba): Rgba {
        const a = top[3];
        return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
      }
      function luminance([r, g, b]: Rgba): number {
        const linear = (c: number): number => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
      }
      const roots = scopes.length > 0 ? scopes.flatMap((scope) => Array.from(document.querySelectorAll(scope))) : [document.documentElement];
      const failures = new Map<string, string>();
      for (const root of roots) {
        for (const token of Array.from(root.querySelectorAll<HTMLElement>(`${code} *`))) {
          // What axe's colour rule would look at: elements with text of their own.
          if (!Array.from(token.childNodes).some((node) => node.nodeType === Node.TEXT_NODE && /\S/.test(node.textContent ?? ''))) continue;
          const style = getComputedStyle(token);
          const layers: Rgba[] = [];
          let problem = '';
          for (let element: Element | null = token; element && !problem; element = element.parentElement) {
            const own = getComputedStyle(element);
            if (own.backgroundImage !== 'none') problem = `background image on ${element.tagName.toLowerCase()}`;
            else if (Number(own.opacity) < 1) problem = `opacity ${own.opacity} on ${element.tagName.toLowerCase()}`;
            const layer = rgba(own.backgroundColor);
            if (!layer) problem ||= `unreadable background ${own.backgroundColor}`;
            else if (layer[3] > 0) layers.push(layer);
            if (layer?.[3] === 1) break;
          }
          const text = rgba(style.color);
          if (!text) problem ||= `unreadable colour ${style.color}`;
          if (!problem && (layers.length === 0 || layers[layers.length - 1]?.[3] !== 1)) problem = 'no opaque background behind it';
          let ratio = 0;
          if (!problem && text) {
            const behind = layers.reduceRight<Rgba>((below, layer) => over(layer, below), [0, 0, 0, 0]);
            const [lighter, darker] = [luminance(over(text, behind)), luminance(behind)].sort((x, y) => y - x) as [number, number];
            ratio = (lighter + 0.05) / (darker + 0.05);
            const size = Number.parseFloat(style.fontSize);
            const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
            if (ratio >= (large ? 3 : 4.5)) continue;
          }
          const key = `${style.color} on ${layers.map((layer) => `rgba(${layer.join(', ')})`).join(' over ')}`;
          failures.set(key, `${token.className} "${(token.textContent ?? '').slice(0, 30)}": ${problem || `${ratio.toFixed(2)}:1`} (${key})`);
        }
      }
      return [...failures.values()];
    },
    {code: CODE, scopes: within},
  );
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
 * A colour mode the way a reader picks it, with the navbar's switch, on the page already audited in the other mode:
 * one load for both audits. Waits for the flowchart drawn again in the new colours and for every colour transition
 * to end, so the audit reads the final colours.
 */
async function switchMode(page: Page, mode: 'light' | 'dark'): Promise<void> {
  const hasChart = (await page.locator(FLOWCHART).count()) > 0;
  if (hasChart) {
    await page.locator(FLOWCHART).evaluate((element) => {
      const drawn = {count: 0};
      Object.assign(window, {modeDrawings: drawn});
      new MutationObserver((records) => {
        for (const record of records) drawn.count += Array.from(record.addedNodes).filter((node) => node instanceof Element && (node.matches('svg') || node.querySelector('svg') !== null)).length;
      }).observe(element, {childList: true, subtree: true});
    });
  }
  const toggle = page.getByRole('button', {name: /switch between dark and light mode/i});
  // The switch may pass through "system" first; three clicks reach every mode.
  for (let i = 0; i < 3 && (await page.locator('html').getAttribute('data-theme')) !== mode; i += 1) await toggle.click();
  await expect(page.locator('html').getAttribute('data-theme')).resolves.toBe(mode);
  if (hasChart) {
    await expect.poll(() => page.evaluate(() => (window as unknown as {modeDrawings: {count: number}}).modeDrawings.count), {timeout: 30_000}).toBeGreaterThan(0);
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
    await switchMode(page, 'dark');
    found.push(...(await violations(page, 'dark')));
    expect(found).toEqual([]);
  });

  // The rest of the overview is audited with it above; what an open outcome changes is the chooser and the
  // highlighted path in the flowchart, so those two are audited here. One page serves all six outcomes, reached by
  // the chooser's answers with Start over between them, each audited in the mode the page is in and then in the
  // other: a mode switch costs less than a page load, and the order of the two audits changes no verdict.
  const walker = outcomeWalker(async () => {
    const page = await pages.newPage({colorScheme: 'light', viewport: {width: 1280, height: 1000}});
    await page.goto(siteUrl('/'));
    await settle(page);
    return page;
  });

  it.each(OUTCOME_IDS)('finds no violation in the chooser and the flowchart with the %s outcome open', async (outcome) => {
    const page = await walker.to(outcome);
    const taken = page.locator(`${FLOWCHART} g.node.taken[id*="flowchart-${OUTCOMES[outcome].mermaidId}-"]`);
    await expect.poll(() => taken.count()).toBe(1);
    // An error state too: the message and the invalid field must also pass.
    const namespace = chooser(page).getByLabel('Namespace', {exact: true});
    await namespace.fill('Not Valid');
    await expect.poll(() => namespace.getAttribute('aria-invalid')).toBe('true');
    const scope = ['[aria-label="Strategy chooser"]', FLOWCHART];
    const first = (await page.locator('html').getAttribute('data-theme')) === 'dark' ? 'dark' : 'light';
    const second = first === 'dark' ? 'light' : 'dark';
    const found = await violations(page, first, scope);
    await switchMode(page, second);
    found.push(...(await violations(page, second, scope)));
    expect(found).toEqual([]);
  });

  // The code-token check stands in for axe's colour rule on the spans axe now skips: it must agree with axe on
  // the same spans, both when they pass and when a style breaks them.
  it('checks code tokens as axe does: both pass the published colours, both refuse a token too faint to read', async () => {
    const page = await pages.newPage({colorScheme: 'light', viewport: {width: 1280, height: 1000}});
    await page.goto(siteUrl('/egress/node-proxy-daemonset/'));
    await settle(page);
    const axeOnComments = async (): Promise<number> => (await axeViolations(page, {include: ['pre .token.comment'], rules: ['color-contrast']})).length;
    await expect(page.locator('pre .token.comment').count()).resolves.toBeGreaterThan(0);
    await expect(tokenContrast(page, [])).resolves.toEqual([]);
    await expect(axeOnComments()).resolves.toBe(0);
    await page.addStyleTag({content: 'pre .token.comment { color: #b0b0b0 !important; }'});
    const faint = await tokenContrast(page, []);
    expect(faint).toHaveLength(1);
    expect(faint[0]).toMatch(/^token comment ".*": 2\.\d\d:1 \(rgb\(176, 176, 176\) on /);
    await expect(axeOnComments()).resolves.toBeGreaterThan(0);
  });
});
