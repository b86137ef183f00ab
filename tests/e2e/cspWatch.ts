/**
 * Pages that report every Content-Security-Policy violation, for csp.test.ts (the policy each host sends) and
 * site.test.ts (every page and a reader's session, loaded once, behind the README's nginx block).
 */
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {SITE, twoFrames, waitForHydration, watchPage} from './support';

export interface Watched {
  readonly page: Page;
  /** CSP violations (events and console messages) and everything watchPage reports. */
  readonly problems: string[];
}

declare global {
  interface Window {
    recordCspViolation?: (text: string) => void;
  }
}

/**
 * A context whose pages report every CSP violation: the event, from the first
 * byte of each document on (an init script runs before the page's own), and the
 * browser's console message, which also covers what no event reaches.
 */
export async function cspContext(browser: Browser): Promise<{context: BrowserContext; violations: string[]}> {
  const context = await browser.newContext({viewport: {width: 1280, height: 1000}, acceptDownloads: true});
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
  const violations: string[] = [];
  await context.exposeBinding('recordCspViolation', ({page}, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (event) => {
        window.recordCspViolation?.(
          `${event.effectiveDirective} refused ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} (${event.sample})`,
        );
      },
      true,
    );
  });
  return {context, violations};
}

export async function openWatched(context: BrowserContext, violations: string[], url: string, reuse?: Page): Promise<Watched & {status: number}> {
  // A page passed in is one this function opened before: its policy listener is already there.
  const page = reuse ?? (await context.newPage());
  const problems = watchPage(page);
  if (!reuse) {
    page.on('console', (message) => {
      if (/content.security.policy|refused to/i.test(message.text())) violations.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
    });
  }
  const response = await page.goto(url);
  await waitForHydration(page);
  return {page, problems, status: response?.status() ?? 0};
}

/** Lets queued violation events reach the recorder: two frames after the last action. */
export async function settleFrames(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await twoFrames(page);
}

export function metaPolicy(page: Page): Promise<string | null> {
  return page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
}
