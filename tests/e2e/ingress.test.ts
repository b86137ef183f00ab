/**
 * Ingress ends in a working client connection: each ingress guide shows the
 * intercept.v1 config, the client policies, the kubeconfig for the Kubernetes
 * API and the check from a client; the chooser carries a typed intercept
 * address into all of them and refuses a ziti-host Secret the chart would delete.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {launchBrowser, sharedPages, siteUrl, waitForHydration, watchPage} from './support';

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

const INGRESS: readonly OutcomeId[] = ['openziti-router', 'nginx-proxy-module', 'ziti-host'];

/** Text of every bash block on the page, one string per block. */
async function bashBlocks(page: Page): Promise<string[]> {
  return page.locator('div.language-bash').evaluateAll((containers) =>
    containers.map((container) => Array.from(container.querySelectorAll('pre code .token-line')).map((line) => line.textContent ?? '').join('\n')),
  );
}

describe.each(INGRESS)('the %s guide', (outcome) => {
  it('creates the intercept config and client policies, and connects a client to the Kubernetes API', async () => {
    const page = await pages.newPage();
    const problems = watchPage(page);
    await page.goto(siteUrl(`/${OUTCOMES[outcome].guidePath}`));
    await waitForHydration(page);
    const blocks = await bashBlocks(page);
    const all = blocks.join('\n');
    expect(all).toContain('intercept.v1');
    expect(all).toMatch(/ziti edge create service-edge-router-policy/);
    expect(all).toMatch(/Dial \\\n\s+--service-roles '@k8s-api'/);
    expect(blocks.some((b) => b.includes("--server 'https://k8s-api.ziti:443'") && b.includes("--tls-server-name 'kubernetes.default.svc'"))).toBe(true);
    expect(all).toContain('get --raw /readyz');
    const headings = await page.locator('article h2').allTextContents();
    expect(headings.map((h) => h.replace(/\u200b/g, '').trim())).toContain('Connect a client');
    expect(headings.at(-1)?.replace(/\u200b/g, '').trim()).toBe('Sources and notes');
    expect(problems).toEqual([]);
  });
});

describe('the chooser for ingress', () => {
  it('carries a typed intercept address into the config, the kubeconfig and the check', async () => {
    const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
    const search = `?chooser=1&path=${pathTo('ziti-host').join('.')}&in.interceptAddresses=${encodeURIComponent('k8s-api=api.corp.example')}`;
    await page.goto(siteUrl(`/${search}`));
    await waitForHydration(page);
    const chooser = page.getByRole('region', {name: 'Strategy chooser'});
    await chooser.locator('[data-artifact="kubeconfig"]').waitFor();
    await expect(chooser.locator('[data-artifact="policies"]').textContent()).resolves.toContain('"addresses":["api.corp.example"]');
    await expect(chooser.locator('[data-artifact="kubeconfig"]').textContent()).resolves.toContain("'https://api.corp.example:443'");
    await expect(chooser.locator('[data-artifact="client-verify"]').textContent()).resolves.toContain("'api.corp.example.kubeconfig' get --raw /readyz");
  });

  it('refuses a ziti-host Secret named like the one the migration hook deletes', async () => {
    const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
    const search = `?chooser=1&path=${pathTo('ziti-host').join('.')}&in.identitySource=existing-secret&in.secretName=ziti-host-identity`;
    await page.goto(siteUrl(`/${search}`));
    await waitForHydration(page);
    const chooser = page.getByRole('region', {name: 'Strategy chooser'});
    const field = chooser.getByLabel('Secret name', {exact: true});
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    // The field is described by the link's mark, its error and its help: the error is among them.
    const descriptions = await Promise.all(describedBy.split(' ').filter(Boolean).map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.some((text) => /migration hook copies into its volume and then deletes/.test(text ?? '')), descriptions.join(' | ')).toBe(true);
    await expect(chooser.locator('[data-artifact]').count()).resolves.toBe(0);
  });
});
