import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import {OUTCOMES, OUTCOME_IDS, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {buildFromRaw, defaultRaw} from '../../src/manifests';
import {axeViolations} from './axe';
import {BASE_PATH, SITE, chooser, clickThrough, launchBrowser, sharedPages, siteUrl, waitForHydration, watchPage} from './support';

let browser: Browser;
// Pages share a context (and so its cache) per set of options, each starting without the site's storage.
const pages = sharedPages(() => browser);
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await pages.close();
  await browser?.close();
});

/** The chunk that holds the builders for the reader's values (named in StrategyArtifacts/useLive.ts). */
const LIVE_CHUNK = /reader-values/;

/** Values typed into the chooser; between them they reach every strategy (namespaces are shared by group). */
const ZITI_NAMESPACE = 'team-ziti';
const APP_NAMESPACE = 'team-apps';
const EXPECTED: Record<OutcomeId, string> = {
  'node-proxy-daemonset': ZITI_NAMESPACE,
  'openziti-router': ZITI_NAMESPACE,
  'ziti-host': ZITI_NAMESPACE,
  'transparent-proxy-sidecar': APP_NAMESPACE,
  'loopback-proxy-sidecar': APP_NAMESPACE,
  'nginx-proxy-module': APP_NAMESPACE,
};

const VIEWPORT = {width: 1280, height: 1000};

/** A context of its own: for a test that counts the scripts a page requests (a shared cache would hide them), or a second reader. */
async function newContext(): Promise<BrowserContext> {
  return browser.newContext({viewport: VIEWPORT});
}

/** A page that starts without the site's storage, in a context shared with the file's other tests. */
async function newPage(): Promise<Page> {
  return pages.newPage({viewport: VIEWPORT});
}

function yourValues(page: Page) {
  return page.getByRole('region', {name: 'Your values'});
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(siteUrl(path));
  await waitForHydration(page);
}

function guideUrl(outcome: OutcomeId): string {
  return `/${OUTCOMES[outcome].guidePath}`;
}

async function artifactsText(page: Page): Promise<string> {
  return (await page.locator('article [data-artifact]').allTextContents()).join('\n');
}

/** The chooser's values on the overview, typed the way a reader does. */
async function setValuesOnOverview(page: Page): Promise<void> {
  await open(page, '/');
  await clickThrough(page, 'node-proxy-daemonset');
  await chooser(page).getByLabel('Namespace', {exact: true}).fill(ZITI_NAMESPACE);
  await chooser(page).getByRole('button', {name: 'Start over', exact: true}).click();
  await clickThrough(page, 'transparent-proxy-sidecar');
  await chooser(page).getByLabel('Namespace', {exact: true}).fill(APP_NAMESPACE);
}

async function expectGuideShows(page: Page, outcome: OutcomeId, value: string): Promise<void> {
  await page.locator('[data-values-marker="yours"]').waitFor();
  await page.locator(`article [data-artifact]:has-text("${value}")`).first().waitFor();
  await expect(yourValues(page).getByText('This page shows your values.').isVisible()).resolves.toBe(true);
  expect(await artifactsText(page), outcome).toMatch(new RegExp(`namespace:? '?${value}`));
}

describe('the reader\'s values', () => {
  it('set on the overview, appear in every guide after navigation and after a reload', async () => {
    const page = await newPage();
    const problems = watchPage(page);
    await setValuesOnOverview(page);
    // Kept for this site's path only: another site on the same origin has its own values.
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.filter((key) => key.endsWith(`:${BASE_PATH}`))).toHaveLength(1);
    for (const outcome of OUTCOME_IDS) {
      // In-app navigation from the chooser's guide link, then a full reload.
      await open(page, `/?chooser=1&path=${pathTo(outcome).join('.')}`);
      await chooser(page).getByRole('link', {name: `Read the ${OUTCOMES[outcome].title} guide`}).click();
      await page.waitForURL((url) => url.pathname.endsWith(OUTCOMES[outcome].guidePath) || url.pathname.endsWith(`${OUTCOMES[outcome].guidePath}/`));
      await expectGuideShows(page, outcome, EXPECTED[outcome]);
      await page.reload();
      await waitForHydration(page);
      await expectGuideShows(page, outcome, EXPECTED[outcome]);
      // No published URL is offered for files that are not the defaults.
      await expect(page.locator('article [data-published-url]').count()).resolves.toBe(0);
    }
    expect(problems).toEqual([]);
  });

  it('loads the builders only once values differ from the defaults', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await open(page, guideUrl('ziti-host'));
    await page.waitForLoadState('networkidle');
    expect(requested.filter((url) => LIVE_CHUNK.test(url))).toEqual([]);
    await expect(page.locator('[data-values-marker="defaults"]').isVisible()).resolves.toBe(true);
    // The defaults are printed with their published URLs.
    await expect(page.locator('article [data-published-url]').count()).resolves.toBeGreaterThan(0);

    // The reader opens the form and changes a value: now the builders load and the files follow.
    await yourValues(page).getByText('Change the values this guide uses').click();
    await yourValues(page).getByLabel('Namespace', {exact: true}).fill('edge-team');
    await page.locator('article [data-artifact]:has-text("edge-team")').first().waitFor();
    expect(requested.filter((url) => LIVE_CHUNK.test(url)).length).toBeGreaterThan(0);
    // Copy all follows the reader's values too.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
    await page.getByRole('button', {name: 'Copy all', exact: true}).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toContain("--namespace 'edge-team'");

    // A new page load with stored values fetches it without any interaction.
    requested.length = 0;
    await page.reload();
    await waitForHydration(page);
    await page.locator('article [data-artifact]:has-text("edge-team")').first().waitFor();
    expect(requested.filter((url) => LIVE_CHUNK.test(url)).length).toBeGreaterThan(0);
    await context.close();
  });

  it('shows an inline error and no files for an invalid value, and Reset restores the defaults', async () => {
    const page = await newPage();
    const problems = watchPage(page);
    await open(page, guideUrl('openziti-router'));
    const defaultsText = await artifactsText(page);
    const defaults = buildFromRaw('openziti-router', defaultRaw('openziti-router'));
    if (!defaults.ok) throw new Error('defaults must build');
    await yourValues(page).getByText('Change the values this guide uses').click();
    const field = yourValues(page).getByLabel('Namespace', {exact: true});
    await field.fill('Team_Blue!');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).resolves.toMatch(/\S/);
    await expect(page.locator('article [data-artifact]').count()).resolves.toBe(0);
    await expect(page.getByTestId('artifacts-invalid').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('[data-values-marker]').textContent()).resolves.toMatch(/needs fixing/);

    // Still invalid after a reload: the stored value is shown with its error, not hidden behind defaults.
    await page.reload();
    await waitForHydration(page);
    await yourValues(page).getByLabel('Namespace', {exact: true}).waitFor();
    await expect(page.locator('article [data-artifact]').count()).resolves.toBe(0);

    await yourValues(page).getByRole('button', {name: 'Reset to the defaults'}).click();
    await page.locator('[data-values-marker="defaults"]').waitFor();
    // The marker changes with the values; the files render in the frames after it.
    await expect.poll(() => artifactsText(page), {timeout: 30_000}).toBe(defaultsText);
    await expect(page.locator('article [data-artifact]').count()).resolves.toBeGreaterThan(0);
    await expect(page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('values')).length)).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('a shared chooser link wins over stored values, says so, and can be kept', async () => {
    const page = await newPage();
    await setValuesOnOverview(page);
    await open(page, `/?chooser=1&path=${pathTo('ziti-host').join('.')}&in.namespace=from-link`);
    await expect(chooser(page).getByLabel('Namespace', {exact: true}).inputValue()).resolves.toBe('from-link');
    const notice = page.getByTestId('shared-values');
    await expect(notice.textContent()).resolves.toMatch(/This link sets this value, which differs? from yours/);
    // The stored values are untouched until the reader keeps the link's.
    await open(page, guideUrl('ziti-host'));
    await expectGuideShows(page, 'ziti-host', ZITI_NAMESPACE);
    await open(page, `/?chooser=1&path=${pathTo('ziti-host').join('.')}&in.namespace=from-link`);
    await notice.getByRole('button', {name: 'Keep these values'}).click();
    await expect(notice.textContent()).resolves.toBe('');
    await open(page, guideUrl('ziti-host'));
    await expectGuideShows(page, 'ziti-host', 'from-link');
  });

  it('a shared link names every value it sets, hidden ones too, and marks their inputs until the reader chooses', async () => {
    const page = await newPage();
    const problems = watchPage(page);
    await setValuesOnOverview(page);
    // The Secret name is only in the form when the identity comes from an existing Secret; this link sets it anyway.
    const link = new URLSearchParams({chooser: '1', path: pathTo('ziti-host').join('.'), 'in.secretName': 'quiet-secret', 'in.roleAttribute': 'link-hosts'});
    await open(page, `/?${link.toString()}`);
    const notice = page.getByTestId('shared-values');
    await notice.locator('[data-shared-field]').first().waitFor();
    const rows = await notice.locator('[data-shared-field]').evaluateAll((nodes) =>
      nodes.map((node) => [node.querySelector('dt')?.textContent, node.querySelector('dd')?.textContent]),
    );
    // The reader's namespace differs from the link's (the default there), so it is listed too, in the form's order.
    expect(rows).toEqual([
      ['Namespace', 'ziti'],
      ['Role attribute', 'link-hosts'],
      ['Secret name (not in the form with the current options)', 'quiet-secret'],
    ]);
    const marked = await chooser(page).locator('[data-from-link]').evaluateAll((nodes) =>
      nodes.map((node) => node.querySelector('input, select, textarea')?.getAttribute('name')),
    );
    expect(marked).toEqual(['namespace', 'roleAttribute']);
    await expect(chooser(page).getByLabel('Role attribute', {exact: true}).getAttribute('aria-describedby')).resolves.toMatch(/from-link/);
    await notice.getByRole('button', {name: 'Keep these values'}).click();
    await expect(notice.textContent()).resolves.toBe('');
    await expect(chooser(page).locator('[data-from-link]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });

  it('says what a link carries that it does not use, and a huge value cannot stretch the page', async () => {
    const page = await newPage();
    const problems = watchPage(page);
    const path = pathTo('loopback-proxy-sidecar').join('.');
    // Blank lines over the length bound (a longer address than this is refused by most hosts before the page sees it),
    // lines over the line bound, and a field the strategy does not have.
    await open(page, `/?chooser=1&path=${path}&in.bindings=${'%0A'.repeat(4001)}&in.appCommand=${'x%0A'.repeat(201)}&in.nope=1`);
    const ignored = page.getByTestId('ignored-input');
    await ignored.locator('li').first().waitFor();
    await expect(ignored.locator('li').allTextContents()).resolves.toEqual([
      'The link\'s value "in.bindings" was not used: it is 4,001 characters long; the limit is 4,000.',
      'The link\'s value "in.appCommand" was not used: it has 202 lines; the limit is 200.',
      'The link\'s value "in.nope" was not used: this strategy has no field of that name.',
    ]);
    await chooser(page).getByLabel('Namespace', {exact: true}).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(20_000);

    // Within the bounds, many lines still leave the page its size: the field scrolls instead of growing.
    const lines = Array.from({length: 199}, (_, i) => `svc-${i}:${8000 + i}`).join('\n');
    await open(page, `/?chooser=1&path=${path}&in.bindings=${encodeURIComponent(lines)}`);
    await chooser(page).getByLabel('Namespace', {exact: true}).waitFor();
    await expect(page.getByTestId('ignored-input').textContent()).resolves.toBe('');
    const field = chooser(page).locator('textarea[name="bindings"]');
    await expect(field.inputValue()).resolves.toBe(lines);
    expect((await field.boundingBox())?.height ?? Infinity).toBeLessThan(600);
    expect(problems).toEqual([]);
  });

  it('says when stored values cannot be read, on a guide and on the chooser', async () => {
    const page = await newPage();
    await open(page, guideUrl('ziti-host'));
    const key = await page.evaluate((base) => {
      const storageKey = `openziti-k8s-guide:values:v1:${base}`;
      localStorage.setItem(storageKey, '{"version":1,"values":{"zitiNamespace":7,"nope":"x"}}');
      return storageKey;
    }, BASE_PATH);
    await page.reload();
    await waitForHydration(page);
    const ignored = yourValues(page).getByTestId('ignored-input');
    await ignored.locator('li').first().waitFor();
    await expect(ignored.locator('li').allTextContents()).resolves.toEqual([
      'The stored value "zitiNamespace" was not used: it is not text.',
      'The stored value "nope" was not used: no field of this site is stored under that name.',
    ]);
    await page.evaluate((storageKey) => localStorage.setItem(storageKey, 'not json'), key);
    await open(page, `/?chooser=1&path=${pathTo('ziti-host').join('.')}`);
    await expect(page.getByTestId('ignored-input').locator('li').allTextContents()).resolves.toEqual([
      'Your stored values could not be read (they are not valid JSON), so none of them were used.',
    ]);
  });

  it('keeps the page still when stored values apply', async () => {
    const page = await newPage();
    await open(page, guideUrl('nginx-proxy-module'));
    const before = await page.evaluate(() => {
      const region = document.querySelector('#your-values')?.getBoundingClientRect();
      const first = document.querySelector('article [data-artifact]')?.getBoundingClientRect();
      return {top: (region?.top ?? 0) + window.scrollY, height: region?.height, firstTop: (first?.top ?? 0) + window.scrollY};
    });
    await yourValues(page).getByText('Change the values this guide uses').click();
    await yourValues(page).getByLabel('Namespace', {exact: true}).fill(APP_NAMESPACE);
    await page.reload();
    await waitForHydration(page);
    await page.locator('[data-values-marker="yours"]').waitFor();
    await page.locator(`article [data-artifact]:has-text("${APP_NAMESPACE}")`).first().waitFor();
    const after = await page.evaluate(() => {
      const region = document.querySelector('#your-values')?.getBoundingClientRect();
      const first = document.querySelector('article [data-artifact]')?.getBoundingClientRect();
      return {top: (region?.top ?? 0) + window.scrollY, height: region?.height, firstTop: (first?.top ?? 0) + window.scrollY};
    });
    expect(after).toEqual(before);
  });

  it.each(['light', 'dark'] as const)('the Your values region is axe-clean in %s mode, open and with an error', async (colorScheme) => {
    const page = await pages.newPage({colorScheme, viewport: VIEWPORT});
    await open(page, guideUrl('node-proxy-daemonset'));
    const audit = async (): Promise<string[]> =>
      (await axeViolations(page, {include: ['#your-values']})).flatMap((v) =>
        v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`),
      );
    await expect(audit()).resolves.toEqual([]);
    await yourValues(page).getByText('Change the values this guide uses').click();
    await yourValues(page).getByLabel('Namespace', {exact: true}).fill('Bad Name');
    await yourValues(page).getByLabel('Namespace', {exact: true}).getAttribute('aria-invalid');
    await expect(audit()).resolves.toEqual([]);
  });
});

describe('a guide\'s values in its address', () => {
  /** The sentence the ziti-host and node proxy guides say about the identity source their files use. */
  const TOKEN_SENTENCE = 'The files on this page use the enrollment token.';
  const SECRET_SENTENCE = 'The files on this page use an existing Secret, mounted read-only.';

  function notice(page: Page) {
    return yourValues(page).getByTestId('shared-values');
  }

  async function noticeRows(page: Page): Promise<(string | undefined)[][]> {
    await notice(page).locator('[data-shared-field]').first().waitFor();
    return notice(page)
      .locator('[data-shared-field]')
      .evaluateAll((nodes) => nodes.map((node) => [node.querySelector('dt')?.textContent ?? undefined, node.querySelector('dd')?.textContent ?? undefined]));
  }

  it('a link\'s values are named with what it ignored, shown in the files, and stored once kept', async () => {
    const page = await newPage();
    const problems = watchPage(page);
    await open(page, `${guideUrl('ziti-host')}?in.namespace=payments&in.nope=1&in.releaseName=${'a'.repeat(4001)}`);
    await expect(noticeRows(page)).resolves.toEqual([['Namespace', 'payments']]);
    await expect(notice(page).textContent()).resolves.toMatch(/This link sets this value, which differs? from yours/);
    await expect(yourValues(page).getByTestId('ignored-input').locator('li').allTextContents()).resolves.toEqual([
      'The link\'s value "in.nope" was not used: this strategy has no field of that name.',
      'The link\'s value "in.releaseName" was not used: it is 4,001 characters long; the limit is 4,000.',
    ]);
    // The input the link set is marked, and in view: the form opens for it.
    await expect(yourValues(page).locator('[data-from-link] input').getAttribute('name')).resolves.toBe('namespace');
    await expectGuideShows(page, 'ziti-host', 'payments');
    await expect(page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('values')).length)).resolves.toBe(0);

    await notice(page).getByRole('button', {name: 'Keep these values'}).click();
    await expect.poll(() => notice(page).textContent()).toBe('');
    await expect(yourValues(page).locator('[data-from-link]').count()).resolves.toBe(0);
    // Kept: another guide that shares the namespace shows it without any link.
    await open(page, guideUrl('openziti-router'));
    await expectGuideShows(page, 'openziti-router', 'payments');
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe('payments');
    expect(problems).toEqual([]);
  });

  it('an edit goes into the address and survives a reload; Reset takes it out', async () => {
    const page = await newPage();
    await open(page, `${guideUrl('node-proxy-daemonset')}?ref=docs#where-the-identity-lives`);
    await yourValues(page).getByText('Change the values this guide uses').click();
    await yourValues(page).getByLabel('Namespace', {exact: true}).fill('edge-team');
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe('edge-team');
    const url = new URL(page.url());
    expect(url.searchParams.get('ref')).toBe('docs');
    expect(url.hash).toBe('#where-the-identity-lives');

    await page.reload();
    await waitForHydration(page);
    await expectGuideShows(page, 'node-proxy-daemonset', 'edge-team');
    expect(new URL(page.url()).searchParams.get('in.namespace')).toBe('edge-team');
    // The address and the store agree: nothing to keep or drop.
    await expect(notice(page).textContent()).resolves.toBe('');

    await yourValues(page).getByRole('button', {name: 'Reset to the defaults'}).click();
    await page.locator('[data-values-marker="defaults"]').waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe(null);
    expect(new URL(page.url()).searchParams.get('ref')).toBe('docs');
  });

  it('the identity-source sentence follows the value, and Copy link with my values reproduces the page', async () => {
    const page = await newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
    const problems = watchPage(page);
    const outcome: OutcomeId = 'node-proxy-daemonset';
    await open(page, guideUrl(outcome));
    const article = page.locator('article');
    await expect(article.getByText(TOKEN_SENTENCE).count()).resolves.toBe(1);
    await yourValues(page).getByText('Change the values this guide uses').click();
    await yourValues(page).getByLabel('Identity source', {exact: true}).selectOption('existing-secret');
    await yourValues(page).getByLabel('Namespace', {exact: true}).fill('edge-team');
    await article.getByText(SECRET_SENTENCE).waitFor();
    await expect(article.getByText(TOKEN_SENTENCE).count()).resolves.toBe(0);
    await expectGuideShows(page, outcome, 'edge-team');
    const mine = await artifactsText(page);

    await yourValues(page).getByRole('button', {name: 'Copy link with my values'}).click();
    await yourValues(page).getByRole('status').filter({hasText: 'Copied a link to this guide with your 2 values.'}).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(link).searchParams.get('in.identitySource')).toBe('existing-secret');

    // A reader without stored values opens the link: the same prose and files, and the values named for keeping.
    const other = await newContext();
    await other.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: SITE.origin});
    const theirs = await other.newPage();
    const theirProblems = watchPage(theirs);
    await theirs.goto(link);
    await waitForHydration(theirs);
    await expectGuideShows(theirs, outcome, 'edge-team');
    await expect(artifactsText(theirs)).resolves.toBe(mine);
    await theirs.locator('article').getByText(SECRET_SENTENCE).waitFor();
    await expect(noticeRows(theirs)).resolves.toEqual([
      ['Namespace', 'edge-team'],
      ['Identity source', 'existing-secret'],
    ]);
    // Copy page as Markdown copies what the page shows: the link's sentence and files, before they are kept.
    await theirs.getByRole('button', {name: 'Copy page as Markdown'}).click();
    await theirs.getByRole('status').filter({hasText: 'Copied this page as Markdown, with your values.'}).waitFor();
    const copied = await theirs.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(SECRET_SENTENCE);
    expect(copied).not.toContain(TOKEN_SENTENCE);
    expect(copied).toMatch(/namespace:? '?edge-team/);
    // The guide's link to the chooser carries the same values, kept or not.
    await theirs.getByRole('link', {name: `Generate the ${OUTCOMES[outcome].title} files with your own values`}).first().click();
    await expect.poll(() => chooser(theirs).getByLabel('Namespace', {exact: true}).inputValue()).toBe('edge-team');
    expect(theirProblems).toEqual([]);
    await other.close();
    expect(problems).toEqual([]);
  });

  it('the chooser\'s guide link carries the values the chooser shows', async () => {
    const page = await newPage();
    await open(page, `/?chooser=1&path=${pathTo('ziti-host').join('.')}&in.namespace=from-link`);
    await chooser(page).getByRole('link', {name: `Read the ${OUTCOMES['ziti-host'].title} guide`}).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('in.namespace')).toBe('from-link');
    await expectGuideShows(page, 'ziti-host', 'from-link');
    await expect(noticeRows(page)).resolves.toEqual([['Namespace', 'from-link']]);
  });
});
