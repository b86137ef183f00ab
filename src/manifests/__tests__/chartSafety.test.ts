/**
 * The three chart strategies on a cluster and a network that already run
 * things (issue 19, items 3 and 4), against the stateful fake in tests/fake:
 * a Helm release `ziti-router` in `ziti` (upstream's names), its router, and an
 * `openziti` repository added from another of upstream's URLs.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {createFakeWorld, type FakeWorld} from '../../../tests/fake/harness';
import {buildFromRaw, defaultRaw} from '../index';
import {runnableScript} from '../runnable';
import type {OutcomeId} from '../../data/decisionTree';
import type {Artifact} from '../types';

/** The fake CLIs are Node programs: a whole Copy all makes dozens of calls, slow on a busy machine. */
const SLOW = 300_000;

const CHART_OUTCOMES = ['node-proxy-daemonset', 'ziti-host', 'openziti-router'] as const;

const worlds: FakeWorld[] = [];
afterEach(() => {
  for (const world of worlds.splice(0)) world.dispose();
});

function realistic(): FakeWorld {
  const world = createFakeWorld({seed: 'realistic'});
  worlds.push(world);
  return world;
}

function artifactsOf(outcome: OutcomeId, raw: Record<string, string> = {}): readonly Artifact[] {
  const result = buildFromRaw(outcome, {...defaultRaw(outcome), ...raw});
  if (!result.ok) throw new Error(`${outcome}: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

function step(artifacts: readonly Artifact[], id: string): string {
  const found = artifacts.find((a) => a.id === id);
  if (!found) throw new Error(`no ${id} step`);
  return found.text;
}

/**
 * A step as a reader pastes it after the earlier steps: strict mode, and the private folder (ZITI_SECRETS_DIR) the
 * identity step made, holding the token files this step reads.
 */
function strict(text: string): string {
  const files = [...new Set([...text.matchAll(/\$\{ZITI_SECRETS_DIR\}\/([^"\s]+)/g)].map((m) => m[1] ?? ''))];
  const make = files.map((file) => `printf 'token' > "$ZITI_SECRETS_DIR/${file}"`).join('\n');
  return `set -euo pipefail\nZITI_SECRETS_DIR="$(mktemp -d)"\nexport ZITI_SECRETS_DIR\n${make}\n${text}`;
}

/** The reader's router release as the seed left it. */
function upstreamRouter(world: FakeWorld): unknown {
  return world.helmRelease('ziti', 'ziti-router');
}

describe.each(CHART_OUTCOMES)('%s on a cluster that already runs things', (outcome) => {
  it('Copy all installs with the reader’s other openziti repository in place and leaves it, and their router release, alone', () => {
    const world = realistic();
    const before = JSON.stringify(upstreamRouter(world));
    const artifacts = artifactsOf(outcome);
    const run = world.run(runnableScript(outcome, artifacts));
    const install = run.calls.find((c) => c.tool === 'helm' && c.args[0] === 'upgrade');
    expect(install, run.stderr).toBeDefined();
    expect(run.calls.some((c) => c.tool === 'helm' && c.args[0] === 'repo')).toBe(false);
    expect(world.helmRepos()).toEqual([{name: 'openziti', url: 'https://openziti.io/helm-charts/'}]);
    expect(JSON.stringify(upstreamRouter(world))).toBe(before);
    const releaseName = install?.args[2] ?? '';
    const namespace = install?.args[install.args.indexOf('--namespace') + 1] ?? '';
    const ours = world.helmRelease(namespace, releaseName) as {labels?: Record<string, string>} | null;
    expect(ours?.labels).toEqual({'installed-by': expect.stringMatching(/^openziti-k8s-guide\./)});
  }, SLOW);

  it('stops with a message instead of upgrading a release of the same name that these steps did not install', () => {
    const world = realistic();
    const artifacts = artifactsOf(outcome, {namespace: 'ziti', releaseName: 'ziti-router'});
    const before = JSON.stringify(upstreamRouter(world));
    const run = world.run(strict(step(artifacts, 'helm-install')), {cwd: world.work});
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Helm release ziti-router in namespace ziti exists and was not installed by these steps');
    expect(run.calls.some((c) => c.tool === 'helm' && c.args[0] === 'upgrade')).toBe(false);
    expect(JSON.stringify(upstreamRouter(world))).toBe(before);
  }, SLOW);

  it('installs again over its own release (FROM_STEP after a failure), and clean-up twice in a row exits 0, leaving the reader’s release', () => {
    const world = realistic();
    const artifacts = artifactsOf(outcome);
    const script = runnableScript(outcome, artifacts);
    const first = world.run(script);
    const install = first.calls.find((c) => c.tool === 'helm' && c.args[0] === 'upgrade');
    const releaseName = install?.args[2] ?? '';
    const namespace = install?.args[install.args.indexOf('--namespace') + 1] ?? '';
    expect(world.helmRelease(namespace, releaseName)).not.toBeNull();

    const again = world.run(strict(step(artifacts, 'helm-install')));
    expect(again.status, again.stderr).toBe(0);
    expect((world.helmRelease(namespace, releaseName) as {revision: number}).revision).toBe(2);

    const before = JSON.stringify(upstreamRouter(world));
    const cleanup = world.run(script, {env: {CLEANUP: '1'}});
    expect(cleanup.status, cleanup.stderr).toBe(0);
    expect(world.helmRelease(namespace, releaseName)).toBeNull();
    const twice = world.run(script, {env: {CLEANUP: '1'}});
    expect(twice.status, twice.stderr).toBe(0);
    expect(twice.stdout).toContain(`No release ${releaseName} installed by these steps in namespace ${namespace}; nothing to uninstall.`);
    expect(twice.calls.some((c) => c.tool === 'helm' && c.args[0] === 'uninstall')).toBe(false);
    expect(JSON.stringify(upstreamRouter(world))).toBe(before);
  }, SLOW);
});

describe('the router: an existing router', () => {
  const existing = {routerSource: 'existing', identityName: 'ziti-router', existingRelease: 'ziti-router', namespace: 'ziti'};

  it('has no Helm step, values or GitOps objects', () => {
    const ids = artifactsOf('openziti-router', existing).map((a) => a.id);
    expect(ids).not.toContain('helm-install');
    expect(ids).not.toContain('helm-values');
    expect(ids.some((id) => id.startsWith('gitops') || id.startsWith('argocd') || id.startsWith('flux'))).toBe(false);
  }, SLOW);

  it('Copy all enables the tunnel on the reader’s router, hosts by its name and leaves the release and its role attributes as they were', () => {
    const world = realistic();
    const before = JSON.stringify(upstreamRouter(world));
    const artifacts = artifactsOf('openziti-router', existing);
    const run = world.run(runnableScript('openziti-router', artifacts));
    expect(run.calls.some((c) => c.tool === 'helm' && c.args[0] !== 'status' && c.args[0] !== 'list' && c.args[0] !== 'get')).toBe(false);
    expect(JSON.stringify(upstreamRouter(world))).toBe(before);
    expect(world.ziti('edge-routers', 'ziti-router')).toMatchObject({isTunnelerEnabled: true, roleAttributes: ['public']});
    expect(world.ziti('service-policies', 'k8s-api-bind')).toMatchObject({identityRoles: ['@ziti-router']});
    expect(run.stdout).toContain('Router ziti-router: tunnel mode host.');

    const cleanup = world.run(runnableScript('openziti-router', artifacts), {env: {CLEANUP: '1'}});
    expect(cleanup.status, cleanup.stderr).toBe(0);
    expect(world.ziti('edge-routers', 'ziti-router')).not.toBeNull();
    expect(JSON.stringify(upstreamRouter(world))).toBe(before);
  }, SLOW);

  it('stops before enabling anything when the router’s tunnel is not in host mode', () => {
    const world = realistic();
    const release = world.helmRelease('ziti', 'ziti-router');
    if (!release) throw new Error('seed');
    world.putHelmRelease({...release, values: {...release.values, tunnel: {mode: 'proxy'}}});
    const run = world.run(strict(step(artifactsOf('openziti-router', existing), 'identity')));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('does not run in host mode (its config file says: proxy)');
    expect(world.ziti('edge-routers', 'ziti-router')).toMatchObject({isTunnelerEnabled: false});
  }, SLOW);
});
