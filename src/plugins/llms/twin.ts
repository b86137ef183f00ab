/**
 * Where a page's Markdown twin lives. Shared by the build plugin (which writes
 * it), the page actions (which fetch and link it) and the tests.
 *
 * `<page>.md` beside the page, and `index.md` for the page at the baseUrl:
 * a plain file on any static host, no rewrite needed, and the same path
 * whether the site builds `<page>.html` or `<page>/index.html`.
 */
export function twinPath(permalink: string, baseUrl: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const page = permalink.replace(/\/+$/, '');
  if (`${page}/` === base || page === '') return `${base}index.md`;
  if (!page.startsWith(base)) throw new Error(`Permalink ${permalink} is not under the baseUrl ${baseUrl}`);
  return `${page}.md`;
}

export const LLMS_INDEX = 'llms.txt';
export const LLMS_FULL = 'llms-full.txt';
