#!/usr/bin/env node
// A plain static file server for the built site, the way a static host or CDN
// serves it: under the site's baseUrl, with gzip, clean URLs and the 404 page.
// Used by `npm run serve`, the end-to-end tests and the benchmark.
import {createServer} from 'node:http';
import {readFile, stat} from 'node:fs/promises';
import {extname, join, normalize, resolve, sep} from 'node:path';
import {gzipSync} from 'node:zlib';
import {fileURLToPath} from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml', '.txt', '.md', '.map']);

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Maps a URL path below baseUrl to a file: exact, then `.html`, then `/index.html`. */
async function resolveFile(root, relative) {
  const clean = normalize(decodeURIComponent(relative)).replace(/^([/\\])+/, '');
  const base = resolve(root, clean);
  // Refuse paths that climb out of the build folder.
  if (base !== root && !base.startsWith(root + sep)) return null;
  for (const candidate of [base, `${base}.html`, join(base, 'index.html')]) {
    if (await isFile(candidate)) return candidate;
  }
  return null;
}

/**
 * Starts the server and resolves to `{url, close}`; `url` already ends with baseUrl.
 * @param {{root: string, baseUrl?: string, port?: number, compress?: boolean}} options
 */
export async function startServer({root, baseUrl = '/', port = 0, compress = true}) {
  const rootDir = resolve(root);
  const cache = new Map();
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(baseUrl) && `${url.pathname}/` !== baseUrl) {
        res.writeHead(404, {'content-type': 'text/plain'}).end('Not under baseUrl');
        return;
      }
      const relative = url.pathname.slice(Math.min(baseUrl.length, url.pathname.length));
      let file = await resolveFile(rootDir, relative);
      let status = 200;
      if (!file) {
        file = join(rootDir, '404.html');
        status = 404;
      }
      const ext = extname(file);
      const info = await stat(file);
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        // Hashed assets may be cached forever; HTML must be revalidated.
        'cache-control': /\.[0-9a-f]{8,}\./.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
      };
      if (compress && COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        // Keyed by modification time too: a rebuild under a running server must not serve stale HTML.
        const key = `${file}:${info.mtimeMs}:${info.size}`;
        let gz = cache.get(key);
        if (!gz) {
          gz = gzipSync(body, {level: 9});
          cache.set(key, gz);
        }
        body = gz;
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = String(body.length);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500, {'content-type': 'text/plain'}).end(String(error));
    }
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}${baseUrl}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const baseUrl = process.env.BASE_URL ?? '/';
  const normalized = `/${baseUrl.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const port = Number(process.env.PORT ?? 3000);
  const {url} = await startServer({root: process.argv[2] ?? 'build', baseUrl: normalized, port});
  console.log(`Serving the built site at ${url} (Ctrl+C to stop)`);
}
