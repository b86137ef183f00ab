// The "limit" site: a copy of a built site with every script taken out of its
// HTML, so a page is its server-rendered HTML and CSS alone, as a reader without
// JavaScript gets it. Lighthouse scores it the same way as the real build; the
// distance between the two is what the JavaScript costs.
import {cp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

/**
 * Removes <script> elements (inline and external, JSON-LD included) and the
 * <link> elements that only fetch scripts (preload as=script, modulepreload,
 * prefetch of .js). <noscript> stays as written: Lighthouse runs with
 * JavaScript on, so its content stays hidden, as it is for every reader with JavaScript.
 */
export function stripScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<link\b[^>]*\bas=["']?script["']?[^>]*>/gi, '')
    .replace(/<link\b[^>]*\brel=["']?(?:modulepreload|prefetch)["']?[^>]*\.js["'][^>]*>/gi, '');
}

async function* htmlFiles(dir) {
  for (const entry of await readdir(dir, {withFileTypes: true})) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* htmlFiles(full);
    else if (entry.isFile() && entry.name.endsWith('.html')) yield full;
  }
}

/** Copies `buildDir` to `outDir` and strips the scripts from every HTML file; resolves to the number of scripts removed. */
export async function writeLimitCopy(buildDir, outDir) {
  await rm(outDir, {recursive: true, force: true});
  // Compressed copies of the original would be served instead of the stripped HTML.
  await cp(buildDir, outDir, {recursive: true, filter: (source) => !source.endsWith('.gz') && !source.endsWith('.br')});
  let removed = 0;
  for await (const file of htmlFiles(outDir)) {
    const html = await readFile(file, 'utf8');
    const stripped = stripScripts(html);
    removed += (html.match(/<script\b/gi) ?? []).length - (stripped.match(/<script\b/gi) ?? []).length;
    await writeFile(file, stripped);
  }
  return removed;
}
