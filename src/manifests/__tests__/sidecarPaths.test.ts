/**
 * Issue 19 items 1, 2 and 6 for the two sidecars: the reader chooses one path
 * (a new Deployment, or the sidecar added to a workload they already run);
 * only that path is built, run by Copy all and put in the bundle; on the
 * patch path the clean-up takes out exactly what the patch added. The merge is
 * checked with the real `kubectl kustomize` and, end to end, with the
 * stateful fake from tests/fake.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import yaml from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {billingApi, createFakeWorld} from '../../../tests/fake/harness';
import {bundleFiles} from '../bundle';
import {DEMO_APP_COMMAND} from '../common';
import {buildFromRaw} from '../index';
import {runnableScript} from '../runnable';
import {DNS_CONFIG_ANNOTATION, DNS_POLICY_ANNOTATION} from '../sidecarCommon';
import type {Artifact} from '../types';

const SIDECARS = ['transparent-proxy-sidecar', 'loopback-proxy-sidecar'] as const;
type Sidecar = (typeof SIDECARS)[number];

function build(id: Sidecar, raw: Record<string, string> = {}): readonly Artifact[] {
  const result = buildFromRaw(id, raw);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.artifacts;
}

function artifact(artifacts: readonly Artifact[], id: string): Artifact {
  const found = artifacts.find((a) => a.id === id);
  if (!found) throw new Error(`no artifact ${id}`);
  return found;
}

const EXISTING = {namespace: 'payments', workloadTarget: 'existing', workloadName: 'billing-api'};

function kubectlPath(): string | null {
  for (const candidate of ['/usr/bin/kubectl', '/usr/local/bin/kubectl']) {
    const probe = spawnSync(candidate, ['version', '--client'], {encoding: 'utf8'});
    if (probe.status === 0) return candidate;
  }
  return null;
}
const KUBECTL = kubectlPath();
const SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

type Doc = Record<string, unknown> & {spec: {template: {spec: Record<string, unknown>}}};

/** `kubectl kustomize` of one object with patches: strategic merge (objects) or JSON 6902 (arrays of operations). */
function kustomize(base: Doc, patches: readonly unknown[]): Doc {
  if (!KUBECTL) throw new Error('kubectl missing');
  const dir = mkdtempSync(path.join(tmpdir(), 'sidecar-kustomize-'));
  try {
    writeFileSync(path.join(dir, 'base.yaml'), yaml.dump(base));
    const entries = patches.map((patch, index) => {
      const file = `patch-${index}.yaml`;
      const meta = base.metadata as {name: string; namespace: string};
      const body = Array.isArray(patch)
        ? patch
        : {...(patch as object), apiVersion: base.apiVersion, kind: base.kind, metadata: {name: meta.name, namespace: meta.namespace}};
      writeFileSync(path.join(dir, file), yaml.dump(body));
      return Array.isArray(patch) ? {path: file, target: {kind: base.kind as string, name: meta.name}} : {path: file};
    });
    writeFileSync(path.join(dir, 'kustomization.yaml'), yaml.dump({resources: ['base.yaml'], patches: entries}));
    return yaml.load(execFileSync(KUBECTL, ['kustomize', dir], {encoding: 'utf8'})) as Doc;
  } finally {
    rmSync(dir, {recursive: true, force: true});
  }
}

/** The reader's workload: 3 replicas, RollingUpdate, its own container, volume and init container. */
function readersWorkload(kind: 'Deployment' | 'StatefulSet', dnsConfig?: Record<string, unknown>): Doc {
  const base = billingApi() as unknown as Doc;
  const template = base.spec.template.spec;
  template.initContainers = [{name: 'migrate', image: 'registry.example.com/payments/migrate:4.2.0'}];
  template.volumes = [{name: 'config', configMap: {name: 'billing-config'}}];
  (template.containers as Record<string, unknown>[])[0]!.volumeMounts = [{name: 'config', mountPath: '/etc/billing'}];
  template.dnsPolicy = 'ClusterFirst';
  if (dnsConfig) template.dnsConfig = dnsConfig;
  if (kind === 'StatefulSet') {
    const spec = base.spec as Record<string, unknown>;
    delete spec.strategy;
    spec.serviceName = 'billing-api';
    spec.updateStrategy = {type: 'RollingUpdate'};
  }
  return {...base, kind};
}

/** What `restoreDnsLines` sends for a workload whose settings it recorded: the JSON patch, as bash builds it. */
function dnsRestoreOps(before: Doc): unknown[] {
  const spec = before.spec.template.spec;
  return [
    {op: 'add', path: '/spec/template/spec/dnsPolicy', value: spec.dnsPolicy},
    spec.dnsConfig === undefined
      ? {op: 'remove', path: '/spec/template/spec/dnsConfig'}
      : {op: 'add', path: '/spec/template/spec/dnsConfig', value: spec.dnsConfig},
  ];
}

/** The strategic merge patch the clean-up sends with `-p '…'`. */
function removalPatch(cleanup: string): unknown {
  const match = /--type strategic -p '([^']*)'/.exec(cleanup);
  if (!match?.[1]) throw new Error(`no removal patch in:\n${cleanup}`);
  return JSON.parse(match[1]);
}

/** Copy all's number for a step (1-based, shell steps of the run only). */
function stepNumber(artifacts: readonly Artifact[], id: string): number {
  const steps = artifacts.filter((a) => a.language === 'bash' && a.id !== 'cleanup');
  return steps.findIndex((a) => a.id === id) + 1;
}

/**
 * The API server stores no empty list or map (the fields are omitempty), so
 * `volumes: []` left by the last `$patch: delete` reads back as no field at all;
 * the fake keeps what the merge left, so the comparison drops them the same way.
 */
function asStored(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asStored);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const stored = asStored(inner);
    const empty = Array.isArray(stored) ? stored.length === 0 : stored !== null && typeof stored === 'object' && Object.keys(stored).length === 0;
    if (!empty) out[key] = stored;
  }
  return out;
}

function containerNames(spec: Record<string, unknown>, list: string): string[] {
  return ((spec[list] as {name: string}[] | undefined) ?? []).map((c) => c.name);
}

describe('sidecars: one path, chosen by the reader (issue 19 #1)', () => {
  it.each(SIDECARS)('%s builds the new Deployment by default and no patch at all', (id) => {
    const artifacts = build(id);
    expect(artifacts.map((a) => a.id)).not.toContain('patch');
    expect(artifact(artifacts, 'manifest').text).toMatch(/^kind: Deployment$/m);
    expect(artifacts.some((a) => /kubectl[^\n]* patch /.test(a.text))).toBe(false);
  });

  it.each(SIDECARS)('%s on the existing-workload path builds the patch and no Deployment, in Copy all and the bundle too', (id) => {
    const artifacts = build(id, EXISTING);
    expect(artifacts.some((a) => /^kind: Deployment$/m.test(a.text))).toBe(false);
    expect(artifacts.some((a) => /kubectl apply -f (?!-)/.test(a.text))).toBe(false);
    const all = runnableScript(id, artifacts);
    expect(all).not.toMatch(/kubectl apply -f (?!-)/);
    expect(all).toContain("patch 'deployment/billing-api' --type strategic --patch-file");
    const files = bundleFiles({outcome: id, values: EXISTING, artifacts});
    expect(files.map((f) => f.name)).not.toContain('kustomization.yaml');
    expect(files.some((f) => /kubectl apply -f (?!-)|^kind: Deployment$/m.test(f.text))).toBe(false);
    const readme = files.find((f) => f.name === 'README.md')?.text ?? '';
    expect(readme).toMatch(/Patch that adds the sidecar to your Deployment/);
    expect(readme).not.toMatch(/Deployment with the sidecar/);
  });

  it.each(SIDECARS)('%s patches StatefulSets and DaemonSets by kind and name', (id) => {
    for (const kind of ['StatefulSet', 'DaemonSet']) {
      const artifacts = build(id, {...EXISTING, workloadKind: kind});
      const ref = `'${kind.toLowerCase()}/billing-api'`;
      expect(artifact(artifacts, 'manifest-apply').text).toContain(`patch ${ref} --type strategic`);
      expect(artifact(artifacts, 'verify').text).toContain(`logs --namespace 'payments' ${ref}`);
      expect(artifact(artifacts, 'cleanup').text).toContain(`patch ${ref} --type strategic -p`);
      expect(artifact(artifacts, 'cleanup').text).not.toMatch(/delete[^\n]*billing-api/);
    }
  });

  it.each(SIDECARS)('%s: the values of the other path do not block this one', (id) => {
    expect(buildFromRaw(id, {...EXISTING, appImage: 'not an image'}).ok).toBe(true);
    expect(buildFromRaw(id, {workloadKind: 'Job'}).ok).toBe(true);
    expect(buildFromRaw(id, {...EXISTING, workloadKind: 'Job'}).ok).toBe(false);
  });
});

describe.skipIf(!KUBECTL)('sidecars: the patch adds only the sidecar and the clean-up removes exactly that (issue 19 #2, real kubectl kustomize)', () => {
  const cases = SIDECARS.flatMap((id) =>
    (['native', 'container'] as const).flatMap((start) =>
      (['Deployment', 'StatefulSet'] as const).map((kind) => [id, start, kind] as const),
    ),
  );

  it.each(cases)('%s, %s sidecar, %s', {timeout: 60_000}, (id, start, kind) => {
    const artifacts = build(id, {...EXISTING, sidecarStart: start, workloadKind: kind});
    const original = readersWorkload(kind);
    const patched = kustomize(original, [yaml.load(artifact(artifacts, 'manifest').text)]);

    // Everything but the pod spec is the reader's, untouched: replicas, update strategy, selector, labels.
    const {template: patchedTemplate, ...patchedRest} = patched.spec as Record<string, unknown>;
    const {template: originalTemplate, ...originalRest} = original.spec as Record<string, unknown>;
    expect(patchedRest).toEqual(originalRest);
    expect((patchedTemplate as Doc['spec']['template'] & {metadata: unknown}).metadata).toEqual(
      (originalTemplate as {metadata: unknown}).metadata,
    );
    const before = original.spec.template.spec;
    const after = patched.spec.template.spec;
    // The reader's own containers, init containers and volumes, unchanged; the sidecar and its volume added.
    const list = start === 'native' ? 'initContainers' : 'containers';
    expect(containerNames(after, list).sort()).toEqual([...containerNames(before, list), 'ziti-tunnel'].sort());
    for (const key of ['containers', 'initContainers', 'volumes']) {
      const own = (after[key] as {name: string}[]).filter((item) => !['ziti-tunnel', 'ziti-identity'].includes(item.name));
      expect(own).toEqual(before[key]);
    }
    expect((after.volumes as {name: string}[]).map((v) => v.name).sort()).toEqual(['config', 'ziti-identity']);
    // Nothing else in the pod spec changes but the DNS settings of the transparent sidecar.
    const lists = new Set(['containers', 'initContainers', 'volumes']);
    const changed = Object.keys({...before, ...after}).filter(
      (key) => !lists.has(key) && JSON.stringify(after[key]) !== JSON.stringify(before[key]),
    );
    expect(changed.sort()).toEqual(id === 'transparent-proxy-sidecar' ? ['dnsConfig', 'dnsPolicy'] : []);

    const cleanup = artifact(artifacts, 'cleanup').text;
    const restore = id === 'transparent-proxy-sidecar' ? [dnsRestoreOps(original)] : [];
    const cleaned = kustomize(patched, [removalPatch(cleanup), ...restore]);
    expect(cleaned).toEqual(original);
    // Twice: the second clean-up finds nothing to remove and changes nothing.
    expect(kustomize(cleaned, [removalPatch(cleanup)])).toEqual(original);
  });

  it('a workload with its own dnsConfig gets exactly that back', {timeout: 60_000}, () => {
    const artifacts = build('transparent-proxy-sidecar', EXISTING);
    const original = readersWorkload('Deployment', {options: [{name: 'ndots', value: '2'}]});
    const patched = kustomize(original, [yaml.load(artifact(artifacts, 'manifest').text)]);
    expect(patched.spec.template.spec.dnsPolicy).toBe('None');
    const cleaned = kustomize(patched, [removalPatch(artifact(artifacts, 'cleanup').text), dnsRestoreOps(original)]);
    expect(cleaned).toEqual(original);
  });
});

describe('sidecars: the patch path against the stateful fake (issue 19 #1, #2)', () => {
  it.each(SIDECARS)('%s: Copy all adds only the sidecar to billing-api; clean-up, twice, puts it back as it was', {timeout: 180_000}, (id) => {
    const artifacts = build(id, EXISTING);
    const script = runnableScript(id, artifacts);
    const world = createFakeWorld({seed: 'realistic'});
    // The egress strategies dial a service that already exists (hosted elsewhere).
    world.putZiti('services', {id: 'svc-k8s-api', name: 'k8s-api', configs: [], roleAttributes: []});
    try {
      const original = world.kube('Deployment', 'payments', 'billing-api');
      const install = world.run(script);
      expect(install.stderr).not.toMatch(/does not implement/);
      expect(install.status, install.stderr).toBe(0);
      const patched = world.kube('Deployment', 'payments', 'billing-api') as unknown as Doc;
      const spec = patched.spec as unknown as {replicas: number; strategy: unknown};
      expect(spec.replicas).toBe(3);
      expect(spec.strategy).toEqual({type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}});
      const pod = patched.spec.template.spec;
      expect(containerNames(pod, 'containers')).toEqual(['billing-api']);
      expect(containerNames(pod, 'initContainers')).toEqual(['ziti-tunnel']);
      if (id === 'transparent-proxy-sidecar') {
        expect(pod.dnsPolicy).toBe('None');
        const annotations = (patched.metadata as {annotations?: Record<string, string>}).annotations ?? {};
        // billing-api as seeded has no dnsPolicy; the record says so.
        expect(annotations[DNS_POLICY_ANNOTATION]).toBe('unset');
        expect(annotations[DNS_CONFIG_ANNOTATION]).toBe('');
      }
      // Running the patch step again keeps the first record of the DNS settings.
      const again = world.run(script, {env: {FROM_STEP: String(stepNumber(artifacts, 'manifest-apply'))}});
      expect(again.status, again.stderr).toBe(0);

      for (const round of [1, 2]) {
        const cleanup = world.run(script, {env: {CLEANUP: '1'}});
        expect(cleanup.stderr).not.toMatch(/does not implement/);
        expect(cleanup.status, `clean-up ${round}: ${cleanup.stderr}`).toBe(0);
        expect(asStored(world.kube('Deployment', 'payments', 'billing-api'))).toEqual(asStored(original));
        expect(world.kube('Secret', 'payments', 'sidecar-client-identity') ?? world.kube('Secret', 'payments', 'proxy-client-identity')).toBeNull();
      }
    } finally {
      world.dispose();
    }
  });

  it.each(SIDECARS)('%s: on the new-Deployment path clean-up runs twice, and after a half-finished install', {timeout: 180_000}, (id) => {
    const artifacts = build(id, {namespace: 'payments'});
    const script = runnableScript(id, artifacts);
    const world = createFakeWorld({seed: 'realistic'});
    try {
      // Half-finished: the identity and its policies exist, no Secret, no Deployment.
      const secretStep = stepNumber(artifacts, 'secret');
      const half = world.run(script.replace(new RegExp(`^if run_step ${secretStep}; then$`, 'm'), `exit 0\nif run_step ${secretStep}; then`));
      expect(half.status).toBe(0);
      for (const round of [1, 2]) {
        const cleanup = world.run(script, {env: {CLEANUP: '1'}});
        expect(cleanup.status, `clean-up ${round}: ${cleanup.stderr}`).toBe(0);
      }
      expect(world.kube('Deployment', 'payments', 'billing-api')).toEqual(billingApi());
    } finally {
      world.dispose();
    }
  });
});

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '__golden__');

describe('golden output of the existing-workload path (billing-api in payments)', () => {
  it.each(SIDECARS)('%s', async (id) => {
    for (const a of build(id, EXISTING).filter((a) => ['manifest', 'manifest-apply', 'verify', 'cleanup'].includes(a.id))) {
      await expect(a.text).toMatchFileSnapshot(path.join(GOLDEN_DIR, id, 'existing-workload', `${a.id}.${a.language === 'yaml' ? 'yaml' : 'sh'}`));
    }
  });
});

describe.skipIf(!SHELLCHECK)('sidecars: the patch path passes shellcheck', () => {
  it.each(SIDECARS)('%s', (id) => {
    const script = runnableScript(id, build(id, EXISTING));
    const result = spawnSync('shellcheck', ['-s', 'bash', '-'], {input: script, encoding: 'utf8'});
    expect(result.stdout).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('sidecars: the application command (issue 19 #6)', () => {
  function appCommand(id: Sidecar, raw: Record<string, string>): unknown {
    const doc = yaml.load(artifact(build(id, raw), 'manifest').text) as Doc;
    const containers = doc.spec.template.spec.containers as {name: string; command?: string[]}[];
    return containers.find((c) => c.name === 'app')?.command;
  }

  it.each(SIDECARS)('%s: the sleep loop belongs to the placeholder image; your image keeps its entrypoint', (id) => {
    expect(appCommand(id, {})).toEqual(['/bin/sh', '-c', DEMO_APP_COMMAND]);
    expect(appCommand(id, {appImage: 'registry.example.com/payments/billing-api:4.2.0'})).toBeUndefined();
    expect(appCommand(id, {appImage: 'registry.example.com/payments/billing-api:4.2.0', appCommand: 'exec /app/server'})).toEqual([
      '/bin/sh',
      '-c',
      'exec /app/server',
    ]);
  });
});
