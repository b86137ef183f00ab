#!/usr/bin/env node
// Serves a built site the way a plain static host does, with sirv doing the file
// serving: a URL maps to that exact file, or to a folder's index.html when it ends
// with a slash; a folder without the slash is redirected to it (as nginx, Apache,
// S3 website hosting and `python3 -m http.server` do); anything else gets the
// site's 404.html with status 404. No clean-URL mapping (`/page` -> `page.html`),
// so the tests see what a host without rewrite rules would serve.
// Like Netlify and Cloudflare Pages, it sets the headers the build's `_headers` file
// names (the site's Content-Security-Policy and the other security headers) on every
// response, so the end-to-end tests run under them.
// Used by `npm run serve`, the end-to-end tests and the benchmark.
//
//   node scripts/serve.mjs [build folder]     BASE_URL=/docs/k8s/ and PORT=3000 as for the build
import {createServer} from 'node:http';
import {readdir, readFile, stat, writeFile} from 'node:fs/promises';
import {extname, join, resolve, sep} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {brotliCompress, constants as zlib, gzip} from 'node:zlib';
import sirv from 'sirv';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Text formats worth compressing; images and fonts in the build are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml', '.txt', '.map']);

/** Hashed build assets never change under the same name; HTML and the rest must be revalidated. */
function cacheControl(pathname) {
  return /\.[0-9a-f]{8,}\.[a-z0-9]+$/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

async function* walkFiles(dir) {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `file.gz` (gzip level 9) and, when asked, `file.br` beside every text file
 * of a build, as a CDN or `gzip_static` setup would serve them. sirv picks them by
 * the request's Accept-Encoding. Returns how many files were compressed.
 * @param {string} root
 * @param {{gzip?: boolean, brotli?: boolean}} [formats]
 */
export async function precompress(root, {gzip: withGzip = true, brotli = false} = {}) {
  let count = 0;
  for await (const file of walkFiles(resolve(root))) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const body = await readFile(file);
    if (withGzip) await writeFile(`${file}.gz`, await gzipAsync(body, {level: 9}));
    if (brotli) {
      await writeFile(`${file}.br`, await brotliAsync(body, {params: {[zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length}}));
    }
    count++;
  }
  return count;
}

/**
 * The rules of a Netlify / Cloudflare Pages `_headers` file: a URL path (a trailing `*`
 * matches any rest) followed by indented `Name: value` lines. Only what the build
 * writes is understood; anything else is an error rather than a header silently lost.
 * @param {string} text
 * @returns {{pattern: string, headers: [string, string][]}[]}
 */
export function parseHeadersFile(text) {
  const rules = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const header = /^\s+([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      const rule = rules.at(-1);
      if (!header || !rule) throw new Error(`_headers line ${index + 1}: expected "  Name: value" under a path: ${line}`);
      rule.headers.push([header[1], header[2].trim()]);
    } else if (/^\/\S*$/.test(line) && line.indexOf('*') === (line.includes('*') ? line.length - 1 : -1)) {
      rules.push({pattern: line, headers: []});
    } else {
      throw new Error(`_headers line ${index + 1}: expected a URL path (a * only at its end): ${line}`);
    }
  }
  return rules;
}

/** The headers of every rule whose path matches, in file order (as both hosts merge them). */
export function headersFor(rules, pathname) {
  return rules
    .filter(({pattern}) => (pattern.endsWith('*') ? pathname.startsWith(pattern.slice(0, -1)) : pathname === pattern))
    .flatMap(({headers}) => headers);
}

async function isDirectory(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Text files the site publishes whose type sirv gives without a charset. */
const TEXT_TYPES = {'.md': 'text/markdown', '.txt': 'text/plain'};

/**
 * Starts the server and resolves to `{url, close}`; `url` already ends with baseUrl.
 * `compress`: false serves files as they are; 'gzip' or 'gzip+br' first writes
 * precompressed copies into `root` (only for throwaway builds, such as the benchmark's).
 * @param {{root: string, baseUrl?: string, port?: number, compress?: false | 'gzip' | 'gzip+br'}} options
 */
export async function startServer({root, baseUrl = '/', port = 0, compress = false}) {
  const rootDir = resolve(root);
  if (compress) await precompress(rootDir, {gzip: true, brotli: compress === 'gzip+br'});
  const files = sirv(rootDir, {
    // Exact files only: no `.html` added to a path (clean URLs) and no `/index` guessed;
    // the folder-to-index.html step below is the only mapping a plain host makes.
    extensions: [],
    gzip: Boolean(compress),
    brotli: compress === 'gzip+br',
    etag: true,
    dotfiles: false,
    setHeaders: (res, pathname) => {
      res.setHeader('Cache-Control', cacheControl(pathname));
      // Markdown twins and llms.txt are UTF-8 text; without a charset a browser may guess another encoding.
      const text = TEXT_TYPES[extname(pathname)];
      if (text) res.setHeader('Content-Type', `${text}; charset=utf-8`);
    },
  });
  const notFoundPage = join(rootDir, '404.html');
  // A build from before the security headers (or the benchmark's stock site) has no `_headers`.
  const headerRules = parseHeadersFile(await readFile(join(rootDir, '_headers'), 'utf8').catch(() => ''));

  async function notFound(res) {
    const body = await readFile(notFoundPage).catch(() => Buffer.from('Not found\n'));
    res.writeHead(404, {'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-cache'});
    res.end(body);
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      // On every answer, redirects and the 404 page included, as the README's hosts set them.
      for (const [name, value] of headersFor(headerRules, url.pathname)) res.setHeader(name, value);
      if (`${url.pathname}/` === baseUrl) {
        // The site's own folder without its slash: a host redirects, like any folder.
        res.writeHead(301, {Location: `${baseUrl}${url.search}`}).end();
        return;
      }
      if (!url.pathname.startsWith(baseUrl)) {
        await notFound(res);
        return;
      }
      let relative = url.pathname.slice(baseUrl.length - 1);
      let decoded;
      try {
        decoded = decodeURIComponent(relative);
      } catch {
        await notFound(res);
        return;
      }
      const onDisk = resolve(rootDir, `.${decoded}`);
      // Refuse paths that climb out of the build folder.
      if (onDisk !== rootDir && !onDisk.startsWith(rootDir + sep)) {
        await notFound(res);
        return;
      }
      if (relative.endsWith('/')) {
        relative += 'index.html';
      } else if (await isDirectory(onDisk)) {
        res.writeHead(301, {Location: `${url.pathname}/${url.search}`}).end();
        return;
      }
      req.url = `${relative}${url.search}`;
      files(req, res, () => void notFound(res));
    } catch (error) {
      res.writeHead(500, {'Content-Type': 'text/plain'}).end(String(error));
    }
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}${baseUrl}`,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** `/docs/k8s` or `docs/k8s/` -> `/docs/k8s/`, as docusaurus.config.ts normalizes BASE_URL. */
export function normalizeBaseUrl(value) {
  return `/${value.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 3000);
  const {url} = await startServer({root: process.argv[2] ?? 'build', baseUrl: normalizeBaseUrl(process.env.BASE_URL ?? '/'), port});
  console.log(`Serving the built site at ${url} as a plain static host would (Ctrl+C to stop)`);
}
