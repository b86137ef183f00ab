/**
 * The absolute URLs a production build prints: with SITE_URL, that origin everywhere (sitemap, canonical, og:url,
 * apply commands); without it, no absolute URL to a guessed host at all, and apply commands that name the origin the
 * reader loaded the page from. The root build of the e2e run has no SITE_URL, the nested one has (scripts/e2e.mjs).
 */
import {readFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser} from 'playwright-core';
import {OUTCOMES} from '../../src/data/decisionTree';
import {BASE_PATH, PUBLISHED_SITE_URL, SITE, launchBrowser, siteUrl, waitForHydration, watchPage} from './support';

const BUILD_DIR = process.env.E2E_BUILD_DIR ?? '';
const TEXT_FILES = /\.(html|xml|md|txt|json)$/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function builtTextFiles(folder = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(BUILD_DIR, folder), {withFileTypes: true})) {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...builtTextFiles(relative));
    else if (TEXT_FILES.test(entry.name)) out.push(relative);
  }
  return out;
}

const guide = `${OUTCOMES['ziti-host'].guidePath}/`;

describe('absolute URLs in the build', () => {
  it('no page, twin, index or sitemap names localhost', () => {
    const named = builtTextFiles().filter((file) => /\blocalhost:3000\b|\/\/localhost\b/.test(readFileSync(path.join(BUILD_DIR, file), 'utf8')));
    expect(named).toEqual([]);
  });

  it('canonical and og:url name the published origin, or are left out when the build was not told one', () => {
    const html = readFileSync(path.join(BUILD_DIR, guide, 'index.html'), 'utf8');
    // The build minifies HTML: attribute values may be unquoted.
    const canonical = /<link[^>]+rel="?canonical"?[^>]*href="?([^"\s>]+)/.exec(html)?.[1] ?? null;
    const ogUrl = /<meta[^>]+property="?og:url"?[^>]*content="?([^"\s>]+)/.exec(html)?.[1] ?? null;
    if (PUBLISHED_SITE_URL === '') {
      expect({canonical, ogUrl}).toEqual({canonical: null, ogUrl: null});
      expect(html).not.toMatch(/hreflang/i);
    } else {
      expect(canonical).toBe(`${PUBLISHED_SITE_URL}${BASE_PATH}${guide}`);
      expect(ogUrl).toBe(canonical);
    }
  });

  it('writes a sitemap of the published origin only when it knows that origin', async () => {
    const response = await fetch(siteUrl('sitemap.xml'));
    if (PUBLISHED_SITE_URL === '') {
      expect(response.status).toBe(404);
      return;
    }
    const locs = [...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1] ?? '');
    expect(locs.length).toBeGreaterThanOrEqual(7);
    for (const loc of locs) expect(loc.startsWith(`${PUBLISHED_SITE_URL}${BASE_PATH}`), loc).toBe(true);
  });

  it("a guide's apply commands name the published origin, or the one the page was loaded from", async () => {
    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(siteUrl(guide));
    await waitForHydration(page);
    const commands = page.locator('[data-published-path]');
    expect(await commands.count()).toBeGreaterThan(0);
    const origin = PUBLISHED_SITE_URL === '' ? SITE.origin : PUBLISHED_SITE_URL;
    for (const command of await commands.all()) {
      const text = (await command.textContent()) ?? '';
      const pathFromOrigin = (await command.getAttribute('data-published-path')) ?? '';
      expect(pathFromOrigin.startsWith(`${BASE_PATH}manifests/`)).toBe(true);
      expect(text).toMatch(new RegExp(`^(kubectl apply -f|curl -fsSLo \\S+) ${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${pathFromOrigin}$`));
      expect(await command.getAttribute('data-published-url')).toBe(`${origin}${pathFromOrigin}`);
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
