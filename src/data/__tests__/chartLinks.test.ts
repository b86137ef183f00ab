/**
 * Links to upstream chart files name the release tag of the pinned version
 * (issue 21 #4): `ziti-edge-tunnel` 1.5.0 and `ziti-host` 1.4.0 exist only at
 * their tags (openziti/helm-charts tags `<chart>-<version>`), and `main` shows
 * other versions than the ones the guides install.
 */
import {readdirSync, readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CHARTS} from '../../manifests/images';

const DOCS = resolve(__dirname, '../../../docs');
const PAGES = readdirSync(DOCS, {recursive: true, encoding: 'utf8'}).filter((file) => file.endsWith('.mdx'));
/** `https://github.com/openziti/helm-charts/blob/<ref>/charts/<chart>/…` */
const CHART_LINK = /https:\/\/github\.com\/openziti\/helm-charts\/(?:blob|tree)\/([^/\s)]+)\/charts\/([^/\s)]+)/g;

function chartLinks(): {page: string; ref: string; chart: string}[] {
  return PAGES.flatMap((page) =>
    [...readFileSync(resolve(DOCS, page), 'utf8').matchAll(CHART_LINK)].map((match) => ({page, ref: match[1] ?? '', chart: match[2] ?? ''})),
  );
}

describe('links to upstream chart files', () => {
  it('link every pinned chart’s README', () => {
    const linked = new Set(chartLinks().filter((link) => link.ref !== '').map((link) => link.chart));
    for (const chart of Object.values(CHARTS)) expect(linked).toContain(chart.name);
  });

  it.each(chartLinks().map((link) => [`${link.page} → ${link.chart}@${link.ref}`, link] as const))('%s names the pinned release tag', (_, link) => {
    const pinned = Object.values(CHARTS).find((chart) => chart.name === link.chart);
    expect(pinned, `${link.chart} is not a chart images.ts pins`).toBeDefined();
    expect(link.ref).toBe(`${pinned?.name}-${pinned?.version}`);
  });
});
