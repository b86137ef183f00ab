import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {twinPath} from '../../src/plugins/llms/twin';
import {guideHref} from '../../src/utils/flowchart';
import {BASE_PATH, SITE, chooser, clickThrough, launchBrowser, siteUrl, sitemapUrls, waitForHydration, watchPage} from './support';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function fetchText(path: string): Promise<{status: number; type: string; text: string}> {
  const response = await fetch(`${SITE.origin}${path}`);
  return {status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text()};
}

async function openPage(context: BrowserContext, path: string): Promise<{page: Page; problems: string[]}> {
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${SITE.origin}${path}`);
  await waitForHydration(page);
  return {page, problems};
}

function reportBody(href: string | null): string {
  return new URL(href ?? '').searchParams.get('body') ?? '';
}

describe('Markdown twins and llms.txt', () => {
  it('gives every sitemap page a Markdown twin, listed in llms.txt and included in llms-full.txt', async () => {
    const pages = (await sitemapUrls()).map((url) => new URL(url).pathname);
    expect(pages.length).toBeGreaterThanOrEqual(7);
    const index = await fetchText(`${BASE_PATH}llms.txt`);
    const full = await fetchText(`${BASE_PATH}llms-full.txt`);
    for (const file of [index, full]) {
      expect(file.status).toBe(200);
      expect(file.type).toMatch(/^text\/(plain|markdown)/);
    }
    for (const pathname of pages) {
      const twin = twinPath(pathname, BASE_PATH);
      const markdown = await fetchText(twin);
      expect(markdown.status, twin).toBe(200);
      expect(markdown.type, twin).toMatch(/^text\/(markdown|plain)/);
      expect(markdown.text, twin).toMatch(/^# \S/);
      expect(markdown.text, twin).not.toMatch(/<(StrategyArtifacts|StrategyChooser|StrategyFlowchart|ChooserLink|GuideLink)\b/);
      expect(index.text, twin).toContain(`](${twin})`);
      expect(full.text, twin).toContain(markdown.text.trimEnd());
    }
  });

  it('writes a guide\'s artifacts and the overview\'s flowchart out as code', async () => {
    const guide = await fetchText(twinPath(`${BASE_PATH}egress/node-proxy-daemonset`, BASE_PATH));
    expect(guide.text).toMatch(/^```yaml title="[^"]+\.yaml"$/m);
    expect(guide.text).toMatch(/^```bash title="[^"]+\.sh"$/m);
    const overview = await fetchText(twinPath(BASE_PATH, BASE_PATH));
    expect(overview.text).toMatch(/^```mermaid\nflowchart TD\n/m);
    expect(overview.text).toContain(`click F href "${guideHref(BASE_PATH, 'egress/node-proxy-daemonset')}"`);
  });
});

describe('page actions', () => {
  it('copies the page\'s Markdown twin, links it, and reports a problem with the page\'s path', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
    const path = `${BASE_PATH}ingress/ziti-host`;
    const {page, problems} = await openPage(context, path);
    const pathname = new URL(page.url()).pathname;
    const twin = twinPath(pathname, BASE_PATH);

    await page.getByRole('button', {name: 'Copy page as Markdown'}).click();
    await expect.poll(() => page.getByRole('status').filter({hasText: 'Copied this page as Markdown.'}).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe((await fetchText(twin)).text);

    await expect(page.getByRole('link', {name: 'View as Markdown'}).getAttribute('href')).resolves.toBe(twin);
    const report = page.getByRole('link', {name: 'Report a problem with this page'});
    const href = await report.getAttribute('href');
    expect(href?.startsWith('https://github.com/')).toBe(true);
    expect(new URL(href ?? '').pathname).toMatch(/\/issues\/new$/);
    // The page's permalink, whichever of `page` and `page/` the reader typed.
    expect(reportBody(href)).toMatch(new RegExp(`^Page: \`${pathname.replace(/\/$/, '')}/?\``, 'm'));
    expect(reportBody(href)).not.toContain('Chooser state');
    // Only the twin was fetched, from this origin; nothing went to GitHub before a click.
    expect(problems).toEqual([]);
    await context.close();
  });

  it('carries the chooser\'s state into the report on the overview after answering', async () => {
    const context = await browser.newContext({viewport: {width: 1280, height: 900}});
    const {page, problems} = await openPage(context, BASE_PATH);
    await clickThrough(page, 'loopback-proxy-sidecar');
    await chooser(page).getByLabel('Namespace', {exact: true}).fill('team-red');
    await expect.poll(() => page.url()).toContain('in.namespace=team-red');
    const url = new URL(page.url());
    const report = page.getByRole('link', {name: 'Report a problem with this page'});
    await expect
      .poll(async () => reportBody(await report.getAttribute('href')))
      .toContain(`Chooser state: \`${url.pathname}${url.search}\``);
    expect(url.search).toContain('chooser=1&path=yes.pod.no');
    expect(problems).toEqual([]);
    await context.close();
  });
});
