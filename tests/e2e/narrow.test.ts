/** No page scrolls sideways on a 360 px phone: not the guides, not the overview, not any chooser outcome. */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOME_IDS} from '../../src/data/decisionTree';
import {launchBrowser, outcomeWalker, sharedPages, siteUrl, sitemapUrls, waitForChart, waitForHydration} from './support';

const WIDTH = 360;

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

/**
 * Empty when the page fits; otherwise the widths and the elements that stick
 * out furthest past the right edge, so a failure says what to fix.
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    // Content inside a box that scrolls or clips on its own (a code block) is not what widens the page.
    function clipped(element: Element): boolean {
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      }
      return false;
    }
    const offenders = Array.from(document.querySelectorAll('body *'))
      .filter((element) => !clipped(element))
      .map((element) => ({element, right: element.getBoundingClientRect().right}))
      .filter(({right}) => right > root.clientWidth + 0.5)
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(({element, right}) => {
        const classes = typeof element.className === 'string' ? element.className.split(' ').slice(0, 2).join('.') : '';
        return `${element.tagName.toLowerCase()}${classes ? `.${classes}` : ''} ends at ${Math.round(right)}px`;
      });
    return [`scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}`, ...offenders];
  });
}

async function settle(page: Page): Promise<void> {
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  if (await page.locator('[data-testid="strategy-flowchart"]').count()) await waitForChart(page);
}

describe(`at ${WIDTH} px wide`, () => {
  it('no sitemap page scrolls horizontally', async () => {
    const context = await browser.newContext({viewport: {width: WIDTH, height: 800}, isMobile: true, hasTouch: true});
    const found: string[] = [];
    // One tab for every page, as a reader following links would have.
    const page = await context.newPage();
    for (const url of await sitemapUrls()) {
      await page.goto(url);
      await settle(page);
      found.push(...(await overflow(page)).map((line) => `${url}: ${line}`));
    }
    await context.close();
    expect(found).toEqual([]);
  });

  // One phone page for the six outcomes, reached by the chooser's answers with Start over between them: what is
  // checked is the outcome's layout, the same whether a click or a shared link opened it.
  const walker = outcomeWalker(async () => {
    const page = await pages.newPage({viewport: {width: WIDTH, height: 800}, isMobile: true, hasTouch: true});
    await page.goto(siteUrl('/'));
    await settle(page);
    return page;
  });

  it.each(OUTCOME_IDS)('the %s outcome of the chooser does not scroll horizontally', async (outcome) => {
    const phone = await walker.to(outcome);
    await phone.locator(`[data-outcome="${outcome}"]`).first().waitFor({state: 'visible'});
    await phone.locator(`[data-outcome="${outcome}"] [data-artifact]`).first().waitFor({state: 'visible'});
    expect(await overflow(phone)).toEqual([]);
  });

  // The theme's chevrons are cut with clip paths instead of SVG images (src/css/custom.css). Each is photographed
  // with its pseudo-element and without: what differs must be a shape inside the box, neither nothing (a lost
  // image) nor the whole box (a lost clip path). The breadcrumb chevron covers about a fifth of its box, the caret
  // about an eighth.
  it('a guide draws its breadcrumb separator and its "On this page" caret as chevrons', async () => {
    const page = await pages.newPage({viewport: {width: WIDTH, height: 800}, isMobile: true, hasTouch: true});
    await page.goto(siteUrl('/egress/node-proxy-daemonset/'));
    await waitForHydration(page);
    const shapes = [
      {name: 'breadcrumb separator', element: page.locator('.breadcrumbs__item').first(), pseudo: '::after'},
      {name: '"On this page" caret', element: page.locator('.theme-doc-toc-mobile > button'), pseudo: '::after'},
    ];
    for (const {name, element, pseudo} of shapes) {
      const box = await element.evaluate((node, which) => {
        const style = getComputedStyle(node, which);
        return {width: parseFloat(style.width), height: parseFloat(style.height), scale: window.devicePixelRatio};
      }, pseudo);
      const drawn = await element.screenshot({animations: 'disabled'});
      await element.evaluate((node) => node.setAttribute('data-no-pseudo', ''));
      const style = await page.addStyleTag({content: `[data-no-pseudo]${pseudo} { visibility: hidden !important; }`});
      const bare = await element.screenshot({animations: 'disabled'});
      await style.evaluate((node) => (node as Element).remove());
      await element.evaluate((node) => node.removeAttribute('data-no-pseudo'));
      const changed = await page.evaluate(async ([a, b]) => {
        async function pixels(base64: string): Promise<Uint8ClampedArray> {
          const image = new Image();
          image.src = `data:image/png;base64,${base64}`;
          await image.decode();
          const canvas = new OffscreenCanvas(image.width, image.height);
          const context = canvas.getContext('2d');
          if (!context) throw new Error('no 2d context');
          context.drawImage(image, 0, 0);
          return context.getImageData(0, 0, image.width, image.height).data;
        }
        const [one, two] = [await pixels(a), await pixels(b)];
        let count = 0;
        for (let i = 0; i < one.length; i += 4) {
          if (Math.abs(one[i]! - two[i]!) + Math.abs(one[i + 1]! - two[i + 1]!) + Math.abs(one[i + 2]! - two[i + 2]!) > 24) count++;
        }
        return count;
      }, [drawn.toString('base64'), bare.toString('base64')] as const);
      const area = box.width * box.height * box.scale * box.scale;
      expect(box.width * box.height, name).toBeGreaterThan(0);
      expect(changed / area, name).toBeGreaterThan(0.05);
      expect(changed / area, name).toBeLessThan(0.5);
    }
  });

  // The first localeCompare of a page starts ICU's collator, about 13 ms of one long task on a phone; the theme's
  // phone sidebar did it to sort two prop names (src/theme/DocSidebar/Mobile). Nothing a page load runs needs it.
  it('a guide hydrates with the phone menu without starting a collator (no localeCompare call)', async () => {
    const context = await browser.newContext({viewport: {width: WIDTH, height: 800}, isMobile: true, hasTouch: true});
    await context.addInitScript(() => {
      const calls: string[] = [];
      Object.assign(window, {localeCompareCalls: calls});
      const original = String.prototype.localeCompare;
      String.prototype.localeCompare = function countedLocaleCompare(this: string, ...args: Parameters<typeof original>) {
        calls.push(new Error().stack?.split('\n')[2]?.trim() ?? '');
        return original.apply(this, args);
      };
    });
    const page = await context.newPage();
    await page.goto(siteUrl('/egress/node-proxy-daemonset/'));
    await settle(page);
    // The closed menu holds no items: they are drawn when it first opens.
    await expect(page.locator('.navbar-sidebar .theme-doc-sidebar-menu a').count()).resolves.toBe(0);
    await page.getByRole('button', {name: /toggle navigation bar/i}).click();
    // The replacement draws the doc sidebar in the phone menu with the current page marked, as the theme's did.
    await page.locator('.navbar-sidebar .theme-doc-sidebar-menu a.menu__link--active[href$="/egress/node-proxy-daemonset/"]').waitFor({state: 'visible'});
    expect(await page.evaluate(() => (window as unknown as {localeCompareCalls: string[]}).localeCompareCalls)).toEqual([]);
    await context.close();
  });
});
