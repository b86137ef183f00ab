import axe from 'axe-core';
import type {Result} from 'axe-core';
import type {Page} from 'playwright-core';

/**
 * Rules axe marks experimental and leaves off by default, which Lighthouse 12.2.3 turns on in its accessibility audit
 * (its accessibility gatherer's `rules`). An audit of all rules runs them too: Lighthouse found the first of them
 * failing on the overview when this suite did not. label-content-name-mismatch is WCAG 2.5.3 (an element's name
 * contains its visible text); the other two are about data tables.
 */
export const LIGHTHOUSE_EXPERIMENTAL_RULES = ['label-content-name-mismatch', 'table-fake-caption', 'td-has-header'];

/**
 * What to audit: CSS selectors to include (the whole document when empty) and exclude, and the rules to run (all when
 * empty, with LIGHTHOUSE_EXPERIMENTAL_RULES).
 */
export interface AxeScope {
  include?: string[];
  exclude?: string[];
  rules?: string[];
}

/**
 * axe's violations in the page's document. axe is put into the page once and then runs in place: @axe-core/playwright
 * injected it again for every audit and then opened a blank page to merge the results of each frame, which cost
 * 1–2 s per audit (half of the accessibility file's CI time) on pages that have no frames. A page with a frame is
 * refused rather than half audited, since this runs in the top document only.
 */
export async function axeViolations(page: Page, {include = [], exclude = [], rules = []}: AxeScope = {}): Promise<Result[]> {
  const frames = page.frames().slice(1).map((frame) => frame.url());
  if (frames.length > 0) throw new Error(`axeViolations audits the top document only, and ${page.url()} has frames: ${frames.join(', ')}`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    async ({include, exclude, rules, experimental}) => {
      const context = {
        ...(include.length > 0 ? {include: include.map((selector) => [selector])} : {}),
        exclude: exclude.map((selector) => [selector]),
      };
      const options = {
        // Only violations are read; axe otherwise describes every passing node too (thousands of code tokens).
        resultTypes: ['violations' as const],
        ...(rules.length > 0
          ? {runOnly: {type: 'rule' as const, values: rules}}
          : {rules: Object.fromEntries(experimental.map((id) => [id, {enabled: true}]))}),
      };
      const results = await (window as unknown as {axe: typeof axe}).axe.run(context as axe.ElementContext, options);
      return results.violations;
    },
    {include, exclude, rules, experimental: LIGHTHOUSE_EXPERIMENTAL_RULES},
  );
}
