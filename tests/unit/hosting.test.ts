import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {gunzipSync} from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {NGINX_BLOCK_FILE, NGINX_INCLUDE_PREFIX, NGINX_LISTEN_LINE, NGINX_ROOT_LINE, nginxConfig, readNginxBlock} from '../../scripts/hosting/hosts.mjs';
import {headersFor, normalizeBaseUrl, parseHeadersFile, startServer} from '../../scripts/serve.mjs';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

describe("the README's nginx block", () => {
  it('is the tested file, verbatim, in an nginx code fence', () => {
    const block = readNginxBlock();
    const fences = [...README.matchAll(/```nginx\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(fences).toContain(block);
  });

  it('changes only its listen and root lines and the root in its include lines for the test run, and keeps every other line', () => {
    const block = readNginxBlock();
    const conf = nginxConfig({block, port: 4321, root: '/tmp/x/site', tmp: '/tmp/x'});
    expect(conf).toContain('listen 127.0.0.1:4321;');
    expect(conf).toContain('root /tmp/x/site;');
    for (const line of block.split('\n')) {
      if (line.trim() === NGINX_LISTEN_LINE || line.trim() === NGINX_ROOT_LINE) continue;
      expect(conf).toContain(line.replace(NGINX_INCLUDE_PREFIX, 'include /tmp/x/site/'));
    }
    // The security headers, in the site's location and again in the one whose own add_header would drop them.
    expect(conf.split('include /tmp/x/site/nested/sub-path/docs/security-headers.nginx.conf;').length - 1).toBe(2);
    // nginx writes nothing outside the temp folder.
    for (const directive of ['pid', 'error_log', 'access_log', 'client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path']) {
      expect(conf).toMatch(new RegExp(`\\b${directive} /tmp/x/`));
    }
  });

  it('refuses a block whose listen or root line was edited away', () => {
    expect(() => nginxConfig({block: 'server { listen 8080; root /srv/www; }', port: 1, root: '/r', tmp: '/t'})).toThrow(NGINX_BLOCK_FILE);
    expect(() => nginxConfig({block: 'server { listen 80; root /srv/www; }', port: 1, root: '/r', tmp: '/t'})).toThrow('security headers');
  });
});

describe('scripts/serve.mjs serves like a plain static host', () => {
  let dir: string;
  let server: {url: string; close: () => Promise<void>};
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'serve-test-'));
    await mkdir(path.join(dir, 'guide'), {recursive: true});
    await writeFile(path.join(dir, 'index.html'), '<h1>home</h1>');
    await writeFile(path.join(dir, 'guide', 'index.html'), '<h1>guide</h1>');
    await writeFile(path.join(dir, 'page.html'), '<h1>page</h1>');
    await writeFile(path.join(dir, 'page.md'), '# Page, café\n');
    await writeFile(path.join(dir, 'llms.txt'), '# Site\n');
    await writeFile(path.join(dir, '404.html'), '<h1>Page Not Found</h1>');
    await writeFile(path.join(dir, 'app.0123abcd.js'), 'console.log("x".repeat(100));'.repeat(50));
    await writeFile(path.join(dir, '_headers'), "# comment\n/sub/path/*\n  Content-Security-Policy: default-src 'self'\n  X-Content-Type-Options: nosniff\n");
    server = await startServer({root: dir, baseUrl: '/sub/path/', compress: 'gzip+br'});
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, {recursive: true, force: true});
  });

  const get = (p: string, headers: Record<string, string> = {}) => fetch(new URL(p, server.url), {redirect: 'manual', headers});

  it('maps a folder URL to its index.html and redirects the folder without its slash', async () => {
    expect(await (await get('/sub/path/guide/')).text()).toBe('<h1>guide</h1>');
    expect(await (await get('/sub/path/')).text()).toBe('<h1>home</h1>');
    const redirect = await get('/sub/path/guide?x=1');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/sub/path/guide/?x=1');
    expect((await get('/sub/path')).headers.get('location')).toBe('/sub/path/');
  });

  it('serves Markdown twins and llms.txt as UTF-8 text', async () => {
    expect((await get('/sub/path/page.md')).headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect((await get('/sub/path/llms.txt')).headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('adds no .html to a path (no clean URLs) and answers 404 with the site\'s 404 page', async () => {
    const clean = await get('/sub/path/page');
    expect(clean.status).toBe(404);
    expect(await clean.text()).toContain('Page Not Found');
    expect((await get('/sub/path/page.html')).status).toBe(200);
    expect((await get('/elsewhere/')).status).toBe(404);
    expect((await get('/sub/path/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
  });

  it('serves precompressed gzip and brotli copies by Accept-Encoding, and caches hashed assets for good', async () => {
    const gz = await fetch(new URL('/sub/path/app.0123abcd.js', server.url), {headers: {'accept-encoding': 'gzip'}});
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('cache-control')).toContain('immutable');
    const br = await fetch(new URL('/sub/path/app.0123abcd.js', server.url), {headers: {'accept-encoding': 'br, gzip'}});
    expect(br.headers.get('content-encoding')).toBe('br');
    const files = await readdir(dir);
    expect(files).toContain('app.0123abcd.js.gz');
    expect(gunzipSync(readFileSync(path.join(dir, 'app.0123abcd.js.gz'))).toString()).toBe(readFileSync(path.join(dir, 'app.0123abcd.js'), 'utf8'));
    expect((await get('/sub/path/guide/')).headers.get('cache-control')).toBe('no-cache');
  });

  it("sets the `_headers` file's headers on every answer: pages, assets, redirects and the 404 page", async () => {
    for (const [url, status] of [['/sub/path/guide/', 200], ['/sub/path/app.0123abcd.js', 200], ['/sub/path/guide', 301], ['/sub/path/missing', 404]] as const) {
      const response = await get(url);
      expect(response.status, url).toBe(status);
      expect(response.headers.get('content-security-policy'), url).toBe("default-src 'self'");
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
    }
    // Outside the rule's path, as on Netlify: no headers.
    expect((await get('/elsewhere/')).headers.get('content-security-policy')).toBeNull();
  });

  it('reads `_headers` as Netlify and Cloudflare Pages do, and refuses what it does not understand', () => {
    const rules = parseHeadersFile('/*\n  A: 1\n/x/\n  B: 2\n');
    expect(headersFor(rules, '/x/')).toEqual([['A', '1'], ['B', '2']]);
    expect(headersFor(rules, '/y/')).toEqual([['A', '1']]);
    expect(() => parseHeadersFile('  A: 1\n')).toThrow('line 1');
    expect(() => parseHeadersFile('/a/*/b\n  A: 1\n')).toThrow('line 1');
    expect(() => parseHeadersFile('/a/\n  not a header\n')).toThrow('line 2');
  });

  it('normalizes BASE_URL as the site config does', () => {
    expect(normalizeBaseUrl('/')).toBe('/');
    expect(normalizeBaseUrl('docs/k8s')).toBe('/docs/k8s/');
    expect(normalizeBaseUrl('/docs/k8s/')).toBe('/docs/k8s/');
  });
});
