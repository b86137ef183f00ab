/**
 * Every outcome's Copy all and bundle, run against the stateful fake
 * (tests/fake): to the end, clean-up twice, each bundle step on its own, the
 * preflight, the time-outs, the client-side stop, the cluster DNS check, and
 * the private folder for tokens. FAKE_RUN_LOG=<folder> keeps what each run printed.
 */
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it, vi} from 'vitest';
import {createFakeWorld, type FakeWorld, type RunResult} from '../../../tests/fake/harness';
import {OUTCOME_IDS, type OutcomeId} from '../../data/decisionTree';
import {bundleFiles, bundleNames} from '../bundle';
import {buildFromRaw, defaultRaw} from '../index';
import {artifactStage, isStep, runnableScript} from '../runnable';
import type {Artifact} from '../types';

// Each run starts dozens of node processes (the fake tools); on a busy machine that takes a while.
vi.setConfig({testTimeout: 600_000});

const LOG_DIR = process.env.FAKE_RUN_LOG;
if (LOG_DIR) mkdirSync(LOG_DIR, {recursive: true});

function log(name: string, run: RunResult): void {
  if (LOG_DIR) writeFileSync(path.join(LOG_DIR, `${name}.txt`), `exit ${run.status}\n--- stdout\n${run.stdout}--- stderr\n${run.stderr}`);
}

/** Values a platform engineer would type: their namespace, their names. */
const REALISTIC: Record<OutcomeId, Record<string, string>> = {
  'node-proxy-daemonset': {identityName: 'payments-tunneler', roleAttribute: 'payments-egress', services: 'billing-db=billing-db.ziti:5432'},
  'transparent-proxy-sidecar': {namespace: 'payments', workloadName: 'billing-worker', identityName: 'billing-worker', roleAttribute: 'billing-clients'},
  'loopback-proxy-sidecar': {namespace: 'payments', workloadName: 'billing-worker', identityName: 'billing-worker', roleAttribute: 'billing-clients'},
  'openziti-router': {identityName: 'payments-router', roleAttribute: 'payments-hosts', advertisedHost: 'router.payments.example.com'},
  'nginx-proxy-module': {namespace: 'payments', identityName: 'payments-nginx', roleAttribute: 'payments-hosts'},
  'ziti-host': {namespace: 'payments', identityName: 'payments-host', roleAttribute: 'payments-hosts'},
};


/** Egress services must exist before the egress strategies dial them (issue 19 item 11): the fake controller gets them. */
function seedServices(w: FakeWorld, artifacts: readonly Artifact[]): void {
  const names = new Set(artifacts.flatMap((a) => [...a.text.matchAll(/--service-roles '@([^']+)'/g)].map((m) => m[1] ?? '')));
  const created = new Set(artifacts.flatMap((a) => [...a.text.matchAll(/ziti edge create service '([^']+)'/g)].map((m) => m[1] ?? '')));
  for (const name of names) {
    if (!created.has(name)) w.putZiti('services', {id: `svc-${name}`, name, configs: [], roleAttributes: []});
  }
}

function artifactsOf(outcome: OutcomeId, realistic: boolean): readonly Artifact[] {
  const raw = {...defaultRaw(outcome), ...(realistic ? REALISTIC[outcome] : {})};
  const result = buildFromRaw(outcome, raw);
  if (!result.ok) throw new Error(`${outcome}: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

function clientStep(artifacts: readonly Artifact[]): number | null {
  const steps = artifacts.filter((a) => isStep(a) && artifactStage(a) === 'setup');
  const index = steps.findIndex((a) => a.runsOnClient);
  return index === -1 ? null : index + 1;
}

/** The folders mktemp made in the world's TMPDIR that are still there. */
function leftoverFolders(world: FakeWorld): string[] {
  return readdirSync(world.tmp).filter((name) => statSync(path.join(world.tmp, name)).isDirectory());
}

const worlds: FakeWorld[] = [];
function world(seed: 'cluster' | 'realistic'): FakeWorld {
  const created = createFakeWorld({seed});
  worlds.push(created);
  return created;
}
afterAll(() => {
  for (const w of worlds) w.dispose();
});

describe.each(OUTCOME_IDS.flatMap((outcome) => [[outcome, 'defaults'] as const, [outcome, 'realistic'] as const]))(
  'Copy all of %s (%s values) against the fake',
  (outcome, variant) => {
    const realistic = variant === 'realistic';
    const artifacts = artifactsOf(outcome, realistic);
    const script = runnableScript(outcome, artifacts);
    const client = clientStep(artifacts);

    // Every delete tolerates what is already gone, so clean-up can run twice (issue 19 item 2): the second round
    // runs on the same world, after the first, instead of a second install of its own.
    it('runs to the end (stopping before a client-side step and resuming there), then cleans up twice with exit 0', () => {
      const w = world(realistic ? 'realistic' : 'cluster');
      seedServices(w, artifacts);
      const run = w.run(script);
      log(`${outcome}-${variant}-copy-all`, run);
      expect(run.stderr).not.toMatch(/does not implement|command not found|unbound variable|syntax error/);
      expect(run.status).toBe(0);
      expect(run.stderr).not.toContain('Stopped at');
      if (client !== null) {
        expect(run.stderr).toContain(`FROM_STEP=${client}`);
        // The client's token stays in the private folder for the reader to take to the client machine.
        const kept = /ZITI_SECRETS_DIR='([^']+)'/.exec(run.stderr)?.[1];
        expect(kept).toBeDefined();
        const resumed = w.run(script, {env: {FROM_STEP: String(client), ZITI_SECRETS_DIR: kept ?? '', FAKE_CLIENT_TUNNELER: '1'}});
        log(`${outcome}-${variant}-resume`, resumed);
        expect(resumed.stderr).not.toContain('Stopped at');
        expect(resumed.status).toBe(0);
        rmSync(kept ?? '', {recursive: true, force: true});
      }
      expect(leftoverFolders(w)).toEqual([]);
      for (const round of [1, 2]) {
        const cleanup = w.run(script, {env: {CLEANUP: '1'}});
        log(`${outcome}-${variant}-cleanup-${round}`, cleanup);
        expect(cleanup.stderr).not.toMatch(/does not implement|Stopped at/);
        expect(cleanup.status, `clean-up ${round}`).toBe(0);
      }
      expect(leftoverFolders(w)).toEqual([]);
    });

    it('runs each bundle step file on its own, in order, with the export line the step that makes the folder prints', () => {
      const w = world(realistic ? 'realistic' : 'cluster');
      seedServices(w, artifacts);
      const files = bundleFiles({outcome, values: {}, artifacts});
      for (const file of files) {
        mkdirSync(path.dirname(path.join(w.work, file.name)), {recursive: true});
        writeFileSync(path.join(w.work, file.name), file.text);
      }
      const names = bundleNames(artifacts);
      const steps = artifacts.filter((a) => isStep(a) && artifactStage(a) === 'setup');
      const env: Record<string, string> = {FAKE_CLIENT_TUNNELER: '1'};
      for (const step of steps) {
        const name = names.get(step.id) ?? step.fileName;
        const run = w.run(`bash ${name}\n`, {env});
        log(`${outcome}-${variant}-bundle-${name}`, run);
        expect(run.stderr, name).not.toMatch(/does not implement|unbound variable/);
        expect(run.status, `${name}: ${run.stderr}`).toBe(0);
        const exported = /export ZITI_SECRETS_DIR='([^']+)'/.exec(run.stderr)?.[1];
        if (exported) env.ZITI_SECRETS_DIR = exported;
      }
      const cleanup = artifacts.find((a) => artifactStage(a) === 'cleanup' && isStep(a));
      expect(cleanup).toBeDefined();
      for (const round of [1]) {
        const run = w.run(`bash ${names.get(cleanup?.id ?? '') ?? ''}\n`, {env});
        log(`${outcome}-${variant}-bundle-cleanup-${round}`, run);
        expect(run.status, run.stderr).toBe(0);
      }
      if (env.ZITI_SECRETS_DIR) rmSync(env.ZITI_SECRETS_DIR, {recursive: true, force: true});
    });
  },
);

describe.each(OUTCOME_IDS)('the safety of %s', (outcome) => {
  const artifacts = artifactsOf(outcome, false);
  const script = runnableScript(outcome, artifacts);

  it('stops in the preflight, before any change, when the controller session is missing', () => {
    const w = world('cluster');
    w.setLoggedIn(false);
    const run = w.run(script);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Missing: a session with the OpenZiti controller');
    expect(run.stderr).toContain('Stopped before any change');
    expect(run.calls.filter((c) => /^(create|apply|patch|delete|upgrade|install)$/.test(c.args.find((a) => !a.startsWith('-')) ?? ''))).toEqual([]);
    expect(run.calls.filter((c) => c.tool === 'ziti' && c.args[1] === 'create')).toEqual([]);
  });

  it('never deletes a token or key when the step that stores it fails, alone or in Copy all', () => {
    const w = world('cluster');
    // Every `kubectl create secret` fails (a plain `false` first: under set -e, `false && x` would not stop the step).
    const failing = script.replace(/kubectl create secret generic/g, 'false; kubectl create secret generic');
    const run = w.run(failing);
    if (!/kubectl create secret generic/.test(script)) return;
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Tokens and identity files are kept in /);
    const kept = /kept in (\S+) \(private/.exec(run.stderr)?.[1] ?? '';
    expect(readdirSync(kept).length).toBeGreaterThan(0);
    expect((statSync(kept).mode & 0o777).toString(8)).toBe('700');
    rmSync(kept, {recursive: true, force: true});
  });
});

describe('waits and cluster DNS', () => {
  it('stops a rollout wait with the events when Pod Security refuses the pods (transparent sidecar in a baseline namespace)', () => {
    const w = world('cluster');
    w.putKube({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'default', labels: {'pod-security.kubernetes.io/enforce': 'baseline'}}});
    const artifacts = artifactsOf('transparent-proxy-sidecar', false);
    const preflight = w.run(runnableScript('transparent-proxy-sidecar', artifacts));
    expect(preflight.status).toBe(1);
    expect(preflight.stderr).toContain('Missing: namespace default enforces Pod Security "baseline"; these pods need "privileged"');
    // Past the preflight (FROM_STEP skips nothing of it): the apply step's wait ends with the refusal.
    const apply = artifacts.find((a) => a.id === 'manifest-apply');
    const manifest = artifacts.find((a) => a.fileName === 'transparent-sidecar.yaml');
    expect(apply && manifest).toBeTruthy();
    writeFileSync(path.join(w.work, manifest?.fileName ?? ''), manifest?.text ?? '');
    const run = w.run(apply?.text ?? '');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('error: timed out waiting for the condition');
    expect(run.stderr).toContain('violates PodSecurity "baseline:latest"');
  });

  it('stops the cluster DNS step on a mismatch and names the value to set', () => {
    const w = createFakeWorld({clusterDnsIp: '10.43.0.10'});
    worlds.push(w);
    const step = artifactsOf('transparent-proxy-sidecar', false).find((a) => a.id === 'cluster-dns');
    const run = w.run(step?.text ?? '');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Cluster DNS is at 10.43.0.10, but the files below use 10.96.0.10.');
    expect(run.stderr).toContain('Set "Cluster DNS IP" to the address above');
  });
});

describe('a step pasted alone', () => {
  it('creates the private folder once, outside its subshell, so the next pasted step finds the token', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'paste-'));
    try {
      const artifacts = artifactsOf('loopback-proxy-sidecar', false);
      const identity = artifacts.find((a) => a.id === 'identity');
      const secret = artifacts.find((a) => a.id === 'secret');
      const w = world('cluster');
      // One shell, two pastes: what a reader does in a terminal.
      const run = w.run(`${identity?.text ?? ''}\n${secret?.text ?? ''}\necho "folder left: $(ls -d "$ZITI_SECRETS_DIR" 2>/dev/null || echo none)"\n`);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('folder left: none');
      const stored = w.kube('Secret', 'default', 'proxy-client-identity') as {data: Record<string, string>} | null;
      expect(Object.keys(stored?.data ?? {})).toEqual(['proxy-client.json']);
    } finally {
      rmSync(scratch, {recursive: true, force: true});
    }
  });

  it('refuses to run without the folder instead of writing to /NAME.json', () => {
    const w = world('cluster');
    const secret = artifactsOf('loopback-proxy-sidecar', false).find((a) => a.id === 'secret');
    const run = w.run(secret?.text ?? '');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ZITI_SECRETS_DIR names no folder');
    expect(run.calls).toEqual([]);
  });
});
