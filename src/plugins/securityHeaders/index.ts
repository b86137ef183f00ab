/**
 * After the build: hashes every inline script of every page, puts the resulting
 * Content-Security-Policy into each page as a <meta> and writes the headers for
 * each kind of host the README describes, all from the same files, so a hash can
 * never drift from the script it allows:
 *   _headers                          Netlify and Cloudflare Pages
 *   security-headers.nginx.conf       included by the README's nginx block
 *   security-headers.cloudfront.json  a CloudFront response headers policy
 * scripts/serve.mjs applies `_headers`, so the end-to-end run sees the same headers.
 *
 * Other plugins read the pages in their own postBuild at the same time (the
 * search index), so each page is replaced in one rename, never half-written.
 */
import {readdir, readFile, rename, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {cloudFrontPolicy, contentSecurityPolicy, headersFile, inlineCode, nginxInclude, securityHeaders, withPolicyMeta} from './policy';

export const HEADERS_FILE = '_headers';
export const NGINX_FILE = 'security-headers.nginx.conf';
export const CLOUDFRONT_FILE = 'security-headers.cloudfront.json';

async function htmlFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await htmlFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.html')) found.push(full);
  }
  return found;
}

export default function securityHeadersPlugin(context: LoadContext): Plugin {
  return {
    name: 'security-headers',
    async postBuild({outDir}) {
      const files = await htmlFiles(outDir);
      if (files.length === 0) throw new Error(`No pages in ${outDir} to derive the CSP from`);
      const pages = await Promise.all(files.map(async (file) => ({file, html: await readFile(file, 'utf8')})));
      const scripts = new Set<string>();
      for (const {file, html} of pages) {
        try {
          for (const script of inlineCode(html).scripts) scripts.add(script);
        } catch (error) {
          throw new Error(`${file}: ${(error as Error).message}`);
        }
      }
      const policy = contentSecurityPolicy({scripts});
      for (const {file, html} of pages) {
        await writeFile(`${file}.csp-tmp`, withPolicyMeta(html, policy), 'utf8');
        await rename(`${file}.csp-tmp`, file);
      }
      const headers = securityHeaders(policy);
      await writeFile(join(outDir, HEADERS_FILE), headersFile(context.baseUrl, headers), 'utf8');
      await writeFile(join(outDir, NGINX_FILE), nginxInclude(headers), 'utf8');
      const name = `security-headers${context.baseUrl.replace(/[^A-Za-z0-9-]+/g, '-')}`.replace(/-+$/, '');
      await writeFile(join(outDir, CLOUDFRONT_FILE), `${JSON.stringify(cloudFrontPolicy(name, headers), null, 2)}\n`, 'utf8');
    },
  };
}
