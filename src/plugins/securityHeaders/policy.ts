import {createHash} from 'node:crypto';

/**
 * The site's security headers, derived from the built pages. Pure functions: the
 * plugin (index.ts) reads and writes files, these only turn text into text.
 */

/** Inline code as the browser hashes it: the raw text between the tags, newlines normalized by the HTML parser. */
export interface InlineCode {
  readonly scripts: readonly string[];
  readonly styles: readonly string[];
}

/** Types the browser runs as script; anything else (application/ld+json) is a data block CSP does not govern. */
const SCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module', 'text/ecmascript', 'application/ecmascript']);

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}(?:=(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|$|/)`, 'i').exec(attributes);
  if (!match) return undefined;
  return match[1] ?? match[2] ?? match[3] ?? '';
}

/** Every inline script (of a type the browser runs) and every <style> in a page, in document order. */
export function inlineCode(html: string): InlineCode {
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const match of html.matchAll(/<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi)) {
    const [, tag = '', attributes = '', body = ''] = match;
    const text = body.replace(/\r\n?/g, '\n');
    if (tag.toLowerCase() === 'style') {
      styles.push(text);
      continue;
    }
    if (attribute(attributes, 'src') !== undefined) {
      if (text.trim() !== '') throw new Error(`A <script src> with inline text would run neither; fix the page: ${match[0].slice(0, 120)}`);
      continue;
    }
    const type = (attribute(attributes, 'type') ?? '').trim().toLowerCase();
    if (SCRIPT_TYPES.has(type)) scripts.push(text);
  }
  // An event handler attribute or a javascript: URL could only run with 'unsafe-inline'; the site has none, keep it so.
  const handler = /<[a-z][^>]*\son[a-z]+\s*=/i.exec(html) ?? /\s(?:href|src|action)\s*=\s*["']?\s*javascript:/i.exec(html);
  if (handler) throw new Error(`Inline event handlers and javascript: URLs cannot run under the CSP: ${handler[0].slice(0, 120)}`);
  return {scripts, styles};
}

/** A CSP hash source: `'sha256-<base64>'` of the UTF-8 text. */
export function hashSource(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy every page carries, by header and by <meta>. Why each allowance:
 * - script-src: the bundles from our origin and, by hash, the inline scripts the build wrote (Docusaurus's colour
 *   mode script and our loader that starts the bundles after the first paint, src/ssr/paintFirst.ts, on every page;
 *   Docusaurus's base-URL banner on the home page); nothing else runs, and no eval.
 * - style-src 'unsafe-inline': Mermaid lays the flowchart out in the live page, writing a <style> element and style
 *   attributes whose text depends on the chart and the colour mode, so no hash can be known at build time. Styles
 *   cannot run script, and with img-src, font-src and connect-src limited to our origin an injected style has
 *   nowhere to send anything.
 * - img-src data:: the theme's stylesheet carries its icons as SVG data URLs. The site cuts the chevrons it shows with
 *   clip paths instead (src/css/custom.css), but a theme rule it does not override may still draw one.
 * - connect-src: the search index and Docusaurus's page data, from our origin.
 * - form-action 'self': the 404 page's search form submits to the site's own search page.
 * - base-uri, object-src (by default-src): nothing on the site needs them.
 * frame-ancestors is not here: a <meta> policy cannot carry it (see HEADER_ONLY_DIRECTIVES).
 */
export function contentSecurityPolicy(code: {scripts: Iterable<string>}): string {
  const hashes = [...new Set([...code.scripts].map(hashSource))].sort();
  return [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(' ')}`.trimEnd(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** Directives a browser ignores (with a console warning) in a <meta> policy, so they travel by header only. */
export const HEADER_ONLY_DIRECTIVES = "frame-ancestors 'none'";

export const REFERRER_POLICY = 'strict-origin-when-cross-origin';

/** The response headers every host sets, on every response (pages, assets, the 404 page). */
export function securityHeaders(policy: string): ReadonlyArray<readonly [string, string]> {
  return [
    ['Content-Security-Policy', `${policy}; ${HEADER_ONLY_DIRECTIVES}`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', REFERRER_POLICY],
  ];
}

/** Cloudflare Pages reads no `_headers` line longer than this. */
export const HEADERS_FILE_LINE_LIMIT = 2000;

/**
 * Netlify's and Cloudflare Pages' `_headers`: one rule for everything below the baseUrl. The path is the URL path,
 * so under a sub-path the same file works from the top of the publish folder.
 */
export function headersFile(baseUrl: string, headers: ReadonlyArray<readonly [string, string]>): string {
  const lines = [
    '# Written by the build (src/plugins/securityHeaders): the hashes match this build\'s inline scripts.',
    `${baseUrl}*`,
    ...headers.map(([name, value]) => `  ${name}: ${value}`),
  ];
  const long = lines.find((line) => line.length > HEADERS_FILE_LINE_LIMIT);
  if (long) throw new Error(`_headers line over ${HEADERS_FILE_LINE_LIMIT} characters (Cloudflare Pages ignores it): ${long.slice(0, 80)}…`);
  return `${lines.join('\n')}\n`;
}

/** An nginx include: `always`, so the 404 page and redirects carry the headers too. */
export function nginxInclude(headers: ReadonlyArray<readonly [string, string]>): string {
  for (const [, value] of headers) {
    if (/["\\$]/.test(value)) throw new Error(`A header value nginx would read differently: ${value}`);
  }
  return [
    '# Written by the build (src/plugins/securityHeaders); included by the server block in the README.',
    ...headers.map(([name, value]) => `add_header ${name} "${value}" always;`),
    '',
  ].join('\n');
}

/** CloudFront's ResponseHeadersPolicyConfig, for `aws cloudfront create-response-headers-policy`. */
export function cloudFrontPolicy(name: string, headers: ReadonlyArray<readonly [string, string]>): object {
  const value = (header: string): string => {
    const found = headers.find(([name]) => name === header);
    if (!found) throw new Error(`No ${header} header`);
    return found[1];
  };
  return {
    Name: name,
    Comment: 'Security headers written by the build; the CSP hashes match its inline scripts.',
    SecurityHeadersConfig: {
      ContentSecurityPolicy: {ContentSecurityPolicy: value('Content-Security-Policy'), Override: true},
      ContentTypeOptions: {Override: true},
      ReferrerPolicy: {ReferrerPolicy: value('Referrer-Policy'), Override: true},
    },
  };
}

/**
 * The page with the policy (and the referrer policy) as <meta> tags right after <meta charset>: a meta policy
 * governs only what follows it, and every inline script comes later in <head>. Hosts that cannot set headers
 * (GitHub Pages) still enforce these two.
 */
export function withPolicyMeta(html: string, policy: string): string {
  if (/http-equiv=["']?content-security-policy/i.test(html)) throw new Error('The page already has a CSP <meta>');
  const charset = /<meta charset=["']?utf-8["']?\s*\/?>/i.exec(html);
  if (!charset) throw new Error('No <meta charset> to put the CSP after');
  const firstScriptOrStyle = html.search(/<(?:script|style|link)\b/i);
  if (firstScriptOrStyle !== -1 && firstScriptOrStyle < charset.index) throw new Error('A script, style or link comes before <meta charset>');
  const at = charset.index + charset[0].length;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}"><meta name="referrer" content="${REFERRER_POLICY}">`;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}
