/**
 * The egress outcomes in the built site (issues 9 and 15): the transparent
 * sidecar asks for the cluster DNS lookup first and leaves no placeholder
 * service, the node proxy's DNS choice changes the claim and the DNS step,
 * and every egress guide ends with its sources and names renewal correctly.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Browser, Page} from 'playwright-core';
import {OUTCOMES, pathTo, type OutcomeId} from '../../src/data/decisionTree';
import {chooser, launchBrowser, sharedPages, siteUrl, waitForHydration, watchPage} from './support';

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

async function openOutcome(outcome: OutcomeId): Promise<{page: Page; problems: string[]}> {
  const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
  const problems = watchPage(page);
  await page.goto(siteUrl(`/?chooser=1&path=${pathTo(outcome).join('.')}`));
  await waitForHydration(page);
  await page.getByRole('region', {name: 'Strategy chooser'}).getByRole('heading', {name: OUTCOMES[outcome].title, exact: true}).waitFor();
  // The summary paints first; the form and files follow in their own chunk.
  await page.locator(`[data-outcome="${outcome}"] [data-artifact]`).first().waitFor();
  return {page, problems};
}

async function artifactText(page: Page, id: string): Promise<string> {
  return (await chooser(page).locator(`[data-artifact="${id}"]`).textContent()) ?? '';
}

describe('egress outcomes in the chooser', () => {
  it('transparent sidecar: the DNS lookup comes first and a typed service replaces every placeholder', async () => {
    const {page, problems} = await openOutcome('transparent-proxy-sidecar');
    const names = await chooser(page).locator('form [name]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('name')));
    expect(names[0]).toBe('clusterDnsIp');
    const ids = await chooser(page).locator('[data-artifact]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-artifact')));
    expect(ids[0]).toBe('cluster-dns');

    await chooser(page).getByLabel('Services the application dials', {exact: true}).fill('billing=billing.corp.ziti:443');
    await chooser(page).getByLabel('Cluster DNS IP (look it up first)', {exact: true}).fill('10.43.0.10');
    await expect.poll(() => artifactText(page, 'policies')).toContain("'@billing'");
    const all = (await chooser(page).locator('[data-artifact]').allTextContents()).join('\n');
    expect(all).not.toContain('YOUR-SERVICE');
    expect(await artifactText(page, 'verify')).toContain("nslookup 'billing.corp.ziti'");
    expect(await artifactText(page, 'manifest')).toContain('10.43.0.10');
    expect(await artifactText(page, 'manifest')).toContain('restartPolicy: Always');
    expect(problems).toEqual([]);
  });

  it('node proxy: several nodes switch the claim to ReadWriteMany and the DNS step to NodeLocal DNSCache', async () => {
    const {page, problems} = await openOutcome('node-proxy-daemonset');
    expect(await artifactText(page, 'helm-values')).toContain('accessMode: ReadWriteOnce');
    await chooser(page).getByLabel('Nodes and cluster DNS', {exact: true}).selectOption('node-local-dns');
    await expect.poll(() => artifactText(page, 'helm-values')).toContain('accessMode: ReadWriteMany');
    expect(await artifactText(page, 'dns-apply')).toContain('patch configmap node-local-dns');
    expect(page.url()).toContain('in.dnsMode=node-local-dns');
    expect(problems).toEqual([]);
  });
});

describe('egress guides', () => {
  it.each(['node-proxy-daemonset', 'transparent-proxy-sidecar', 'loopback-proxy-sidecar'] as const)(
    '%s ends with "Sources and notes" and starts with "When to choose it"',
    async (outcome) => {
      const page = await pages.newPage({viewport: {width: 1280, height: 1000}});
      const problems = watchPage(page);
      await page.goto(siteUrl(`/${OUTCOMES[outcome].guidePath}`));
      await waitForHydration(page);
      const h2 = await page.locator('article h2').allTextContents();
      expect(h2[0]).toMatch(/When to choose it/);
      expect(h2.at(-1)).toMatch(/Sources and notes/);
      // Nothing between the title and "When to choose it" speaks to maintainers.
      const intro = await page.locator('article .markdown').evaluate((root) => {
        const texts: string[] = [];
        for (const node of Array.from(root.children)) {
          if (node.tagName === 'H2') break;
          texts.push(node.textContent ?? '');
        }
        return texts.join(' ');
      });
      expect(intro).not.toMatch(/Upstream sources|earlier version/);
      const body = (await page.locator('article').textContent()) ?? '';
      expect(body).toContain('openssl x509 -noout -enddate');
      expect(problems).toEqual([]);
    },
  );
});
