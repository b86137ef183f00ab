/**
 * The policy each host sends. Hosts that set headers (scripts/serve.mjs from `_headers`, nginx from the README's
 * block) send the policy, with frame-ancestors, and the other security headers on every response, the same policy
 * as the page's <meta> on every page; `python3 -m http.server`, like GitHub Pages, sends none, and the <meta> policy
 * every page carries is then the one enforced (shown here by a script it refuses).
 *
 * That nothing is refused (every sitemap page, the 404 and search pages, a reader's session on the overview) is
 * checked once, in site.test.ts behind nginx, where the header and the <meta> both apply. It holds on every host
 * because the pages are the same bytes and the policies the same, which this file checks page by page: the header
 * adds only frame-ancestors, which governs who may frame the page, not what the page may load or run.
 */
import {readFileSync} from 'node:fs';
import {createServer} from 'node:http';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser} from 'playwright-core';
import {SITE, launchBrowser, siteUrl, sitemapUrls} from './support';
import {cspContext, openWatched, settleFrames} from './cspWatch';

/** Hosts that can set response headers; the others rely on the <meta> policy. */
const SETS_HEADERS = ['serve.mjs', 'nginx'].includes(process.env.E2E_HOST ?? 'serve.mjs');
const BUILD_DIR = process.env.E2E_BUILD_DIR ?? 'build';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the Content-Security-Policy', () => {
  it('is sent by header on every response where the host sets headers, with frame-ancestors, nosniff and a referrer policy, and every page carries it', async () => {
    const page = await (await fetch(siteUrl('/'))).text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1];
    expect(meta, 'the CSP <meta>').toBeTruthy();
    expect(meta).not.toContain('unsafe-eval');
    expect(meta).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    const asset = /<script src="?([^"\s>]+\.js)/.exec(page)?.[1];
    expect(asset).toBeTruthy();
    // Every page (and so every page's <meta>: the same on all, checked below), an asset and an unknown path.
    const pages = [...(await sitemapUrls()), siteUrl('/search/')];
    const urls = [...pages, new URL(asset ?? '', SITE).toString(), siteUrl('/no-such-page/')];
    const metas = new Set<string | undefined>();
    let htmlPages = 0;
    for (const url of urls) {
      const response = await fetch(url, {redirect: 'manual'});
      const body = await response.text();
      if (response.status === 200 && (response.headers.get('content-type') ?? '').startsWith('text/html')) {
        metas.add(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(body)?.[1]);
        htmlPages += 1;
      }
      if (SETS_HEADERS) {
        expect(response.headers.get('content-security-policy'), url).toBe(`${meta}; frame-ancestors 'none'`);
        expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
        expect(response.headers.get('referrer-policy'), url).toBe('strict-origin-when-cross-origin');
      } else {
        // The host sets no headers (as GitHub Pages cannot): the pages' <meta> policy is all there is.
        expect(response.headers.get('content-security-policy'), url).toBeNull();
      }
    }
    expect(htmlPages).toBe(pages.length);
    expect([...metas]).toEqual([meta]);
    // The header files the build wrote carry the same policy the pages do.
    expect(readFileSync(join(BUILD_DIR, '_headers'), 'utf8')).toContain(`Content-Security-Policy: ${meta}; frame-ancestors 'none'\n`);
    expect(readFileSync(join(BUILD_DIR, 'security-headers.nginx.conf'), 'utf8')).toContain(`add_header Content-Security-Policy "${meta}; frame-ancestors 'none'" always;`);
  });

  it('is enforced: an inline script the build did not write is refused, and the recorder sees it', async () => {
    const {context, violations} = await cspContext(browser);
    const {page} = await openWatched(context, violations, siteUrl('/guides/'));
    await page.addScriptTag({content: 'window.injected = true;'}).catch(() => undefined);
    await settleFrames(page);
    await expect(page.evaluate(() => (window as unknown as {injected?: boolean}).injected)).resolves.toBeUndefined();
    expect(violations.some((violation) => violation.includes('script-src'))).toBe(true);
    await context.close();
  });

  it.runIf(SETS_HEADERS)('keeps every page out of another site\'s frame', async () => {
    // Another origin on this machine (localhost, not 127.0.0.1) whose page frames the guides page.
    const target = siteUrl('/guides/');
    const framer = createServer((_request, response) => {
      response.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end(`<!doctype html><iframe src="${target}"></iframe>`);
    });
    await new Promise<void>((done) => framer.listen(0, '127.0.0.1', done));
    const address = framer.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const context = await browser.newContext();
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(message.text()));
    await page.goto(`http://localhost:${port}/`);
    const framed = page.frames().find((frame) => frame !== page.mainFrame());
    await framed?.waitForLoadState('load');
    // The browser refused to show it, and said why.
    expect(framed?.url()).not.toBe(target);
    // Whatever the frame shows (the browser's error page), it is not one of ours.
    await expect(framed?.evaluate(() => document.title).catch(() => '')).resolves.not.toContain('OpenZiti on Kubernetes');
    await expect.poll(() => messages.join('\n')).toContain("frame-ancestors 'none'");
    await context.close();
    await new Promise((done) => framer.close(done));
  });
});
