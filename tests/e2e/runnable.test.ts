import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {strFromU8, unzipSync} from 'fflate';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Download, Locator, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {buildFromRaw, defaultRaw} from '../../src/manifests';
import {KUSTOMIZATION, buildBundle, bundleFileName, bundleFolder, bundleNames} from '../../src/manifests/bundle';
import {publishedPath} from '../../src/manifests/published';
import {isStep, runnableScript, scanScript, unwrittenReads} from '../../src/manifests/runnable';
import type {Artifact} from '../../src/manifests/types';
import {BASE_PATH, SITE, launchBrowser, sharedPages, siteUrl, sitemapUrls, waitForHydration, watchPage} from './support';

const KUBECTL = '/usr/bin/kubectl';
let browser: Browser;
// Pages share a context (and so its cache) per set of options, each starting without the site's storage.
const pages = sharedPages(() => browser);
const scratch = mkdtempSync(path.join(tmpdir(), 'e2e-runnable-'));
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await pages.close();
  await browser?.close();
  rmSync(scratch, {recursive: true, force: true});
});

function defaults(outcome: OutcomeId): readonly Artifact[] {
  const result = buildFromRaw(outcome, defaultRaw(outcome));
  if (!result.ok) throw new Error(`${outcome}: defaults must build`);
  return result.artifacts;
}

/** The text of one artifact's code block as the reader sees it: one highlighted line per text line. */
async function blockText(section: Locator): Promise<string> {
  return section.locator('pre code').first().evaluate((code) =>
    Array.from(code.querySelectorAll('.token-line')).map((line) => line.textContent ?? '').join('\n'),
  );
}

/** The code blocks show a text without its final newline; the files keep it. */
function shown(text: string): string {
  return text.replace(/\n$/, '');
}

/** The script's lines with every quoted here-document body left out. */
function linesOutsideHeredocs(script: string): string[] {
  const out: string[] = [];
  let delimiter: string | null = null;
  for (const line of script.split('\n')) {
    if (delimiter !== null) {
      if (line === delimiter) delimiter = null;
      continue;
    }
    out.push(line);
    delimiter = /<<'([^']+)'$/.exec(line)?.[1] ?? null;
  }
  return out;
}

async function openChooser(page: Page, outcome: OutcomeId): Promise<Locator> {
  await page.goto(siteUrl(`/?chooser=1&path=${pathTo(outcome).join('.')}`));
  await waitForHydration(page);
  const panel = page.locator(`[data-outcome="${outcome}"]`);
  await panel.locator('[data-artifact]').first().waitFor();
  return panel;
}

async function downloaded(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Guide URLs from the sitemap, so the test follows whatever URL form the build uses (trailing slash or not). */
async function guideUrl(outcome: OutcomeId): Promise<string> {
  const urls = await sitemapUrls();
  const found = urls.find((url) => new URL(url).pathname.replace(/\/$/, '').endsWith(`/${OUTCOMES[outcome].guidePath}`));
  if (!found) throw new Error(`no sitemap URL for ${OUTCOMES[outcome].guidePath}`);
  return found;
}

/** Every URL the guide prints returns exactly the bytes of the block above it. */
async function expectPublishedUrls(page: Page, outcome: OutcomeId): Promise<void> {
  const sections = page.locator('[data-artifact]:has([data-published-url])');
  const count = await sections.count();
  const artifacts = defaults(outcome);
  // Every file a step reads (values or manifest) gets a line: the Helm and manifest strategies all have one.
  const expected = artifacts.filter((a) => !isStep(a) && artifacts.some((s) => isStep(s) && s.text.includes(a.fileName)));
  expect(count).toBeGreaterThanOrEqual(Math.min(1, expected.length));
  for (let n = 0; n < count; n++) {
    const section = sections.nth(n);
    const link = section.locator('[data-published-url]');
    const printed = (await link.getAttribute('data-published-url')) ?? '';
    const id = (await section.getAttribute('data-artifact')) ?? '';
    const artifact = artifacts.find((a) => a.id === id);
    if (!artifact) throw new Error(`no artifact ${id}`);
    // Absolute, below the build's baseUrl, at the path the plugin writes.
    const url = new URL(printed);
    expect(url.pathname).toBe(`${BASE_PATH}${publishedPath(outcome, artifact.fileName)}`);
    expect(await link.textContent()).toContain(printed);
    // The site's configured origin is not this test server's; the path is what must hold.
    const response = await fetch(`${SITE.origin}${url.pathname}`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(Buffer.from(artifact.text, 'utf8'))).toBe(true);
    expect(shown(bytes.toString('utf8'))).toBe(await blockText(section));
  }
}

/**
 * The chooser's outcome, loaded once for both of its tests (Copy all, then Download bundle): neither changes what
 * the other reads. A test run alone opens it itself.
 */
let opened: {outcome: OutcomeId; page: Page; panel: Locator; problems: string[]} | null = null;

async function chooserOutcome(outcome: OutcomeId): Promise<{page: Page; panel: Locator; problems: string[]}> {
  if (opened?.outcome === outcome && !opened.page.isClosed()) return opened;
  const page = await pages.newPage({acceptDownloads: true});
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
  const problems = watchPage(page);
  const panel = await openChooser(page, outcome);
  opened = {outcome, page, panel, problems};
  return opened;
}

describe.each(OUTCOME_IDS)('the chooser with %s', (outcome) => {
  it('Copy all copies one script that bash parses, that writes each file before a step reads it', async () => {
    const {page, panel, problems} = await chooserOutcome(outcome);
    await panel.getByRole('button', {name: 'Copy all', exact: true}).click();
    // Copying is asynchronous: wait for the status line to say it is done.
    await panel.getByRole('status').filter({hasText: /^Copied/}).waitFor();
    const script = await page.evaluate(() => navigator.clipboard.readText());

    const file = path.join(scratch, `${outcome}.sh`);
    writeFileSync(file, script);
    const syntax = spawnSync('bash', ['-n', file], {encoding: 'utf8'});
    expect(syntax.stderr).toBe('');
    expect(syntax.status).toBe(0);
    // Outside the here-documents no YAML is left for bash to run as a command (`apiVersion: apps/v1`).
    expect(linesOutsideHeredocs(script).filter((line) => /^[A-Za-z][\w.-]*: /.test(line))).toEqual([]);

    const scan = scanScript(script);
    expect(unwrittenReads([scan])).toEqual([]);
    const reads = scan.accesses.filter((a) => a.kind === 'read');
    // The check is not vacuous: every strategy reads at least one file (values, manifest, identity).
    expect(reads.length).toBeGreaterThan(0);

    // What the page copies is what the builder makes of the values on screen.
    expect(script).toBe(runnableScript(outcome, defaults(outcome)));
    expect(problems).toEqual([]);
  });

  it('Download bundle gives a zip whose files are the blocks on the page, and which kustomize builds', async () => {
    const {page, panel, problems} = await chooserOutcome(outcome);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', {name: 'Download bundle', exact: true}).click(),
    ]);
    expect(download.suggestedFilename()).toBe(bundleFileName(outcome));
    const zip = await downloaded(download);
    const entries = unzipSync(new Uint8Array(zip));
    const artifacts = defaults(outcome);
    const names = bundleNames(artifacts);
    for (const artifact of artifacts) {
      const entry = entries[`${bundleFolder(outcome)}/${names.get(artifact.id)}`];
      expect(entry, artifact.fileName).toBeDefined();
      const text = strFromU8(entry ?? new Uint8Array());
      expect(text).toBe(artifact.text);
      expect(shown(text)).toBe(await blockText(panel.locator(`[data-artifact="${artifact.id}"]`)));
    }
    // Built in the browser, the archive has the same bytes as the one Node builds from the same values.
    expect(zip.equals(Buffer.from(buildBundle({outcome, values: defaultRaw(outcome), artifacts})))).toBe(true);

    const kustomization = entries[`${bundleFolder(outcome)}/${KUSTOMIZATION}`];
    if (kustomization && existsSync(KUBECTL)) {
      const dir = mkdtempSync(path.join(scratch, `${outcome}-`));
      for (const [name, data] of Object.entries(entries)) {
        mkdirSync(path.dirname(path.join(dir, name)), {recursive: true});
        writeFileSync(path.join(dir, name), data);
      }
      const built = execFileSync(KUBECTL, ['kustomize', path.join(dir, bundleFolder(outcome))], {encoding: 'utf8'});
      expect(built).toMatch(/^kind: /m);
    }
    expect(problems).toEqual([]);
  });
});

describe.each(OUTCOME_IDS)('the %s guide', (outcome) => {
  it('loads the zip code only on click and gives the same archive; every URL it prints returns exactly the bytes of the block above it', async () => {
    const context = await browser.newContext({acceptDownloads: true});
    const page = await context.newPage();
    const problems = watchPage(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(await guideUrl(outcome));
    await waitForHydration(page);
    const buttons = page.getByRole('button', {name: 'Download bundle', exact: true});
    // Once per guide, not once per section.
    await expect(buttons.count()).resolves.toBe(1);
    const before = scripts.length;
    const [download] = await Promise.all([page.waitForEvent('download'), buttons.click()]);
    // The zip library arrives with the click, not with the page.
    expect(scripts.length).toBeGreaterThan(before);
    const zip = await downloaded(download);
    const artifacts = defaults(outcome);
    expect(zip.equals(Buffer.from(buildBundle({outcome, values: defaultRaw(outcome), artifacts})))).toBe(true);
    // The same load serves the published-URL check: the download changes nothing on the page.
    await expectPublishedUrls(page, outcome);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe.each(OUTCOME_IDS)('published defaults for %s', (outcome) => {
  it('every default artifact is published at its URL', async () => {
    for (const artifact of defaults(outcome)) {
      const response = await fetch(`${SITE.origin}${BASE_PATH}${publishedPath(outcome, artifact.fileName)}`);
      expect(response.status, artifact.fileName).toBe(200);
      expect(await response.text()).toBe(artifact.text);
    }
  });
});
