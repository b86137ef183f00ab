/**
 * What the site says about certificate renewal follows the facts: the Go
 * tunneler in both sidecars never renews, the NGINX module's renewal is
 * unverified, and the overview says so for every strategy.
 */
import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {readdirSync} from 'node:fs';
import {OUTCOMES, OUTCOME_IDS, type OutcomeId} from '../decisionTree';
import {PROFILES} from '../comparison';
import {buildFromRaw, defaultRaw} from '../../manifests';

const OVERVIEW = readFileSync(resolve(__dirname, '../../../docs/index.mdx'), 'utf8');
const SIDECARS: readonly OutcomeId[] = ['transparent-proxy-sidecar', 'loopback-proxy-sidecar'];

/** The overview's renewal table row for an outcome, by the component that names it. */
function renewalRow(id: OutcomeId): string {
  const row = OVERVIEW.split('\n').find((line) => line.startsWith(`| <StrategyName outcome="${id}"`));
  if (!row) throw new Error(`the overview's renewal table has no row for ${id}`);
  return row;
}

describe('certificate renewal', () => {
  it.each(SIDECARS)('%s: the chooser and the overview say the Go tunneler never renews', (id) => {
    expect(OUTCOMES[id].needs.storage).toMatch(/never renews/);
    expect(OUTCOMES[id].needs.storage).not.toMatch(/renewed certificates are not kept/);
    expect(renewalRow(id)).toMatch(/\| No, on any storage/);
  });

  it('nginx-proxy-module: renewal is called unverified, not claimed', () => {
    expect(OUTCOMES['nginx-proxy-module'].needs.storage).toMatch(/unverified/);
    expect(renewalRow('nginx-proxy-module')).toMatch(/\| Not confirmed/);
  });

  it.each(['node-proxy-daemonset', 'ziti-host', 'openziti-router'] as const)(
    '%s: renewal is claimed only for writable storage',
    (id) => {
      expect(renewalRow(id)).toMatch(/\| Yes:/);
      if (id !== 'openziti-router') expect(renewalRow(id)).toMatch(/Not with .*Secret/);
    },
  );

  it('covers every strategy in the overview, with the expiry check and the way to re-enroll', () => {
    for (const id of OUTCOME_IDS) renewalRow(id);
    expect(OVERVIEW).toContain("openssl x509 -noout -enddate");
    expect(OVERVIEW).toMatch(/re-enroll/);
  });
});

/** Every .mdx page under docs/, by path. */
function docsPages(): {file: string; text: string}[] {
  const root = resolve(__dirname, '../../../docs');
  return readdirSync(root, {recursive: true, encoding: 'utf8'})
    .filter((file) => file.endsWith('.mdx'))
    .map((file) => ({file, text: readFileSync(resolve(root, file), 'utf8')}));
}

/** Paragraphs, list items and table rows: the units a reader takes in at once. */
function blocks(text: string): string[] {
  return text.split(/\n\s*\n|\n(?=\s*(?:[-*] |\d+\. |\|))/).map((block) => block.replace(/\s+/g, ' '));
}

describe('router certificate renewal (issue 21 #1)', () => {
  // openziti/ziti v2.0.1: router/state/certchecker.go renews a week before expiry in every router;
  // dist/dist-packages/linux/openziti-router/entrypoint.bash only appends --extend when ZITI_AUTO_RENEW_CERTS=true.
  it('no page, table cell, chooser text or default file credits ZITI_AUTO_RENEW_CERTS with renewal', () => {
    const sources = [
      ...docsPages(),
      ...Object.entries(PROFILES).map(([id, profile]) => ({file: `comparison ${id}`, text: profile.renewal})),
      ...OUTCOME_IDS.map((id) => ({file: `decision tree ${id}`, text: OUTCOMES[id].needs.storage})),
      ...OUTCOME_IDS.flatMap((id) => {
        const result = buildFromRaw(id, defaultRaw(id));
        if (!result.ok) throw new Error(`${id} defaults do not validate`);
        return result.artifacts.map((artifact) => ({file: `${id} ${artifact.fileName}`, text: `${artifact.text}\n\n${artifact.note ?? ''}`}));
      }),
    ];
    const mentions = sources.flatMap(({file, text}) => blocks(text).filter((block) => block.includes('ZITI_AUTO_RENEW_CERTS')).map((block) => ({file, block})));
    expect(mentions.length).toBeGreaterThan(0);
    for (const {file, block} of mentions) expect(`${file}: ${block}`).toMatch(/--extend/);
  });

  it('the overview and the router guide say the router renews by itself, a week ahead', () => {
    expect(renewalRow('openziti-router')).toMatch(/renews its own certificates about a week before they expire/);
    const guide = readFileSync(resolve(__dirname, '../../../docs/ingress/openziti-router.mdx'), 'utf8');
    expect(guide).toMatch(/renews its own by itself, about a week\s+before they expire/);
    expect(guide).toContain('router/state/certchecker.go');
  });
});
