/**
 * What the site says about certificate renewal follows the facts: the Go
 * tunneler in both sidecars never renews, the NGINX module's renewal is
 * unverified, and the overview says so for every strategy.
 */
import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {OUTCOMES, OUTCOME_IDS, type OutcomeId} from '../decisionTree';

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
