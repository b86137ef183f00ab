import {describe, expect, it} from 'vitest';
import type {OutcomeId} from '../../data/decisionTree';
import {ARGOCD_NAMESPACE, FLUX_NAMESPACE, GITOPS_IDS, IN_CLUSTER_SERVER} from '../gitops';
import {CHARTS, HELM_REPO_NAME, HELM_REPO_URL, type ChartRef} from '../images';
import {buildFromRaw, defaultRaw} from '../index';
import {artifactStage, isStep, runnableScript, stepByStepProblems} from '../runnable';
import {strictValidate} from '../testing/strictValidate';
import type {Artifact} from '../types';
import {migrationSecretName} from '../zitiHost';
import {analyzeBash, loadChartValues, parseYamlDocuments, unknownValuesKeys} from './support';

type ChartOutcome = 'node-proxy-daemonset' | 'openziti-router' | 'ziti-host';

const CHART_OF: Record<ChartOutcome, ChartRef> = {
  'node-proxy-daemonset': CHARTS.zitiEdgeTunnel,
  'openziti-router': CHARTS.zitiRouter,
  'ziti-host': CHARTS.zitiHost,
};

/** Keys the chart templates read although values.yaml does not declare them (as in builders.test.ts). */
const TEMPLATE_ONLY_KEYS: Record<string, readonly string[]> = {
  'ziti-edge-tunnel': [],
  'ziti-host': ['secret.keyName'],
  'ziti-router': [],
};

/** Every identity source of each chart strategy, plus names and options that change the values. */
const CASES: readonly [ChartOutcome, Record<string, string>][] = [
  ['node-proxy-daemonset', {}],
  ['node-proxy-daemonset', {identitySource: 'identity-json'}],
  ['node-proxy-daemonset', {identitySource: 'existing-secret', secretName: 'tunneler-id', secretKey: 'zitiIdentity'}],
  ['node-proxy-daemonset', {dnsMode: 'node-local-dns', storageClass: 'nfs', nodeSelector: 'kubernetes.io/os=linux', systemDBus: 'disabled'}],
  ['node-proxy-daemonset', {identityName: 'K8s_Tunneler', releaseName: 'edge', namespace: 'team-blue'}],
  ['openziti-router', {}],
  ['openziti-router', {identitySource: 'existing-secret', secretName: 'router-jwt'}],
  ['openziti-router', {linkListener: 'disabled', controllerEndpoint: 'ctrl.ziti.svc:1280', storageClass: 'fast', identityName: 'Router_1'}],
  ['ziti-host', {}],
  ['ziti-host', {identitySource: 'identity-json'}],
  ['ziti-host', {identitySource: 'existing-secret', secretName: 'host-id', secretKey: 'id.json'}],
  ['ziti-host', {identityName: 'ziti-host', releaseName: 'ziti-host'}],
];

function build(id: OutcomeId, overrides: Record<string, string>): readonly Artifact[] {
  const result = buildFromRaw(id, {...defaultRaw(id), ...overrides});
  if (!result.ok) throw new Error(`${id} did not build: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

function find(artifacts: readonly Artifact[], id: string): Artifact {
  const found = artifacts.find((a) => a.id === id);
  if (!found) throw new Error(`no artifact ${id}`);
  return found;
}

interface GitopsObjects {
  readonly application: Record<string, any>;
  readonly repository: Record<string, any>;
  readonly release: Record<string, any>;
}

function objects(artifacts: readonly Artifact[]): GitopsObjects {
  const [application] = parseYamlDocuments(find(artifacts, GITOPS_IDS.argocd).text);
  const [repository, release, ...rest] = parseYamlDocuments(find(artifacts, GITOPS_IDS.flux).text);
  expect(rest).toEqual([]);
  return {application, repository, release} as GitopsObjects;
}

/** The Secret name and key the values point at. */
function referencedSecret(id: ChartOutcome, values: Record<string, any>): {name: string; key: string} {
  if (id === 'openziti-router') return {name: values.enrollmentJwtSecretName, key: 'enrollmentJwt'};
  return {name: values.secret.existingSecretName, key: values.secret.keyName};
}

describe.each(CASES)('GitOps output of %s %j', (id, overrides) => {
  const artifacts = build(id, overrides);
  const raw = {...defaultRaw(id), ...overrides};
  const chart = CHART_OF[id];
  const {application, repository, release} = objects(artifacts);

  it('validates strictly: schema, unknown fields and the controllers’ own rules', () => {
    for (const object of [application, repository, release]) expect(strictValidate(object)).toEqual([]);
  });

  it('installs the pinned chart from the Helm repository into the release namespace', () => {
    expect(application.metadata).toMatchObject({name: raw.releaseName, namespace: ARGOCD_NAMESPACE});
    expect(application.spec.source).toMatchObject({repoURL: HELM_REPO_URL, chart: chart.name, targetRevision: chart.version});
    expect(application.spec.source.helm.releaseName).toBe(raw.releaseName);
    expect(application.spec.destination).toEqual({server: IN_CLUSTER_SERVER, namespace: raw.namespace});
    expect(application.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    expect(repository.spec.url).toBe(HELM_REPO_URL);
    expect(repository.metadata).toEqual({name: HELM_REPO_NAME, namespace: FLUX_NAMESPACE});
    expect(release.spec.chart.spec).toEqual({
      chart: chart.name,
      version: chart.version,
      sourceRef: {kind: 'HelmRepository', name: repository.metadata.name, namespace: repository.metadata.namespace},
    });
    expect(release.spec).toMatchObject({releaseName: raw.releaseName, targetNamespace: raw.namespace, install: {createNamespace: true}});
  });

  it('gives Argo CD and Flux the same values, every key one the chart reads', () => {
    const values = application.spec.source.helm.valuesObject;
    expect(release.spec.values).toEqual(values);
    expect(unknownValuesKeys(values, loadChartValues(chart.name), TEMPLATE_ONLY_KEYS[chart.name])).toEqual([]);
  });

  it('takes the identity from a Secret by reference, never inline', () => {
    const values = application.spec.source.helm.valuesObject;
    for (const inline of ['zitiEnrollToken', 'zitiIdentity', 'enrollmentJwt']) expect(values).not.toHaveProperty(inline);
    if (id === 'openziti-router') expect(values.enrollmentJwtFromSecret).toBe(true);
    const secret = referencedSecret(id, values);
    expect(secret.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    if (id === 'ziti-host') expect(secret.name).not.toBe(migrationSecretName(raw.releaseName ?? ''));
    // Some step creates exactly that Secret under that key: the GitOps step, or the existing-Secret source's step.
    const creators = artifacts.filter((a) => a.id === 'secret' || a.id === GITOPS_IDS.secret);
    expect(creators).toHaveLength(1);
    const words = analyzeBash(creators[0]?.text ?? '').words.map((w) => w.text);
    expect(words.slice(words.indexOf('generic'), words.indexOf('generic') + 2)).toEqual(['generic', secret.name]);
    // The token or identity comes from the run's private folder (mktemp -d), never a guessable /tmp path.
    expect(words.some((w) => w.startsWith(`--from-file=${secret.key}=${"$"}{ZITI_SECRETS_DIR}/`))).toBe(true);
  });

  it('is built from the same values function as the values file', () => {
    const helmValues = parseYamlDocuments(find(artifacts, 'helm-values').text)[0] as Record<string, any>;
    const values = application.spec.source.helm.valuesObject;
    const fromSecret = raw.identitySource === 'existing-secret';
    // With the Secret source the two installs are the same install.
    if (fromSecret) expect(values).toEqual(helmValues);
    else {
      // Otherwise only the identity differs: the PVC settings drop out where the chart then creates no PVC.
      const strip = ({secret: _s, pvc: _p, enrollmentJwtFromSecret: _f, enrollmentJwtSecretName: _n, ...rest}: Record<string, any>) => rest;
      expect(strip(values)).toEqual(strip(helmValues));
    }
  });

  it('is marked as an alternative, so Copy all neither writes nor applies it', () => {
    const alternatives = artifacts.filter((a) => artifactStage(a) === 'alternative').map((a) => a.id);
    const expected: string[] = [GITOPS_IDS.argocd, GITOPS_IDS.flux];
    if (raw.identitySource !== 'existing-secret') expected.unshift(GITOPS_IDS.secret);
    expect(alternatives).toEqual(expected);
    const script = runnableScript(id, artifacts);
    for (const alternative of artifacts.filter((a) => artifactStage(a) === 'alternative')) {
      expect(script).not.toContain(alternative.fileName);
    }
    expect(script).toContain('helm upgrade --install');
  });

  it('works pasted step by step with the GitOps objects in place of helm install', () => {
    // The reader's GitOps path: every setup step except the values file and helm install, the alternatives where they sit.
    const path = artifacts
      .filter((a) => a.id !== 'helm-values' && a.id !== 'helm-install' && artifactStage(a) !== 'cleanup')
      .map((a): Artifact => (artifactStage(a) === 'alternative' ? {...a, stage: 'setup'} : a));
    expect(stepByStepProblems(path)).toEqual([]);
    for (const step of path.filter(isStep)) expect(step.text).not.toMatch(/--set-file|helm upgrade/);
  });

  it('says it replaces helm install, not adds to it', () => {
    for (const artifact of artifacts.filter((a) => artifactStage(a) === 'alternative')) {
      expect(artifact.note).toMatch(/^(Instead of|Only for Argo CD or Flux, instead of)/);
    }
  });
});

describe('GitOps Secret names', () => {
  it('fall back to a valid name when the identity name is not a Kubernetes name', () => {
    const values = objects(build('node-proxy-daemonset', {identityName: 'K8s_Tunneler', releaseName: 'edge'})).application.spec.source.helm
      .valuesObject;
    expect(values.secret.existingSecretName).toBe('edge-identity-secret');
    const router = objects(build('openziti-router', {identityName: 'Router_1', releaseName: 'edge'})).release.spec.values;
    expect(router.enrollmentJwtSecretName).toBe('edge-enrollment');
  });

  it('never pick the Secret the ziti-host migration hook deletes', () => {
    const values = objects(build('ziti-host', {identityName: 'ziti-host', releaseName: 'ziti-host'})).release.spec.values;
    expect(migrationSecretName('ziti-host')).toBe('ziti-host-identity');
    expect(values.secret.existingSecretName).toBe('ziti-host-identity-secret');
  });

  it('are removed by the clean-up step, which tolerates their absence', () => {
    const cleanup = find(build('ziti-host', {}), 'cleanup').text;
    expect(cleanup).toContain("kubectl delete secret 'k8s-host-identity' --namespace 'ziti' --ignore-not-found");
    expect(cleanup).toMatch(/Argo CD or Flux\? Delete the Application or HelmRelease from git/);
  });
});

describe('the values check itself', () => {
  it('rejects a values object with a key the chart does not read', () => {
    const values = {...objects(build('openziti-router', {})).application.spec.source.helm.valuesObject, enrollmentJwtSecret: 'x'};
    expect(unknownValuesKeys(values, loadChartValues('ziti-router'))).toEqual(["enrollmentJwtSecret: not in the chart's values.yaml"]);
  });
});
