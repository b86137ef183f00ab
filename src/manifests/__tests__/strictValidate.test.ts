import {describe, expect, it} from 'vitest';
import {assertStrictlyValid, strictValidate, supportedKinds} from '../testing/strictValidate';

function deployment(): Record<string, any> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'demo', namespace: 'default', labels: {app: 'demo'}},
    spec: {
      replicas: 1,
      selector: {matchLabels: {app: 'demo'}},
      template: {
        metadata: {labels: {app: 'demo'}, annotations: {'example.com/any-key': 'x'}},
        spec: {
          containers: [
            {
              name: 'app',
              image: 'busybox:1.36',
              env: [{name: 'A', value: 'b'}],
              ports: [{containerPort: 80, protocol: 'TCP'}],
              volumeMounts: [{name: 'data', mountPath: '/data', readOnly: true}],
            },
          ],
          nodeSelector: {'kubernetes.io/os': 'linux'},
          volumes: [{name: 'data', secret: {secretName: 's'}}],
        },
      },
    },
  };
}

describe('strictValidate', () => {
  it('accepts a valid object, including free-form maps', () => {
    expect(strictValidate(deployment())).toEqual([]);
    expect(() => assertStrictlyValid(deployment())).not.toThrow();
    expect(supportedKinds()).toContain('apps/v1/Deployment');
  });

  it('finds unknown fields at any depth (kubernetes-models alone accepts them)', () => {
    const object = deployment();
    object.metadata.labelz = {a: 'b'};
    object.spec.template.spec.containers[0].imagePullPolicyy = 'Always';
    object.spec.template.spec.containers[0].securityContext = {capabilities: {add: ['NET_ADMIN'], drop: []}, privilegd: true};
    object.spec.template.spec.dnsConfig = {nameservers: ['10.96.0.10'], search: ['cluster.local']};
    object.spec.strategy = {type: 'Recreate', recreate: {}};
    const paths = strictValidate(object).map((problem) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/metadata/labelz',
        '/spec/template/spec/containers/0/imagePullPolicyy',
        '/spec/template/spec/containers/0/securityContext/privilegd',
        '/spec/template/spec/dnsConfig/search',
        '/spec/strategy/recreate',
      ]),
    );
    expect(paths).not.toContain('/spec/template/spec/nodeSelector/kubernetes.io~1os');
  });

  it('reports schema errors (types, required fields)', () => {
    const object = deployment();
    object.spec.replicas = '1';
    delete object.spec.template.spec.containers[0].name;
    const messages = strictValidate(object).map((problem) => `${problem.path} ${problem.message}`);
    expect(messages.some((m) => m.includes('/spec/replicas'))).toBe(true);
    expect(messages.some((m) => m.includes('name'))).toBe(true);
  });

  it('applies API-server rules the schema does not encode', () => {
    const object = deployment();
    object.metadata.name = 'Demo_1';
    object.spec.selector.matchLabels.app = 'other';
    object.spec.template.spec.containers[0].volumeMounts[0].name = 'missing';
    object.spec.template.spec.dnsPolicy = 'None';
    object.spec.template.spec.containers.push({name: 'app', image: 'x:1', ports: [{containerPort: 70000}]});
    const messages = strictValidate(object).map((problem) => problem.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'missing or invalid object name',
        'selector does not match the pod template labels',
        'volumeMount refers to no volume',
        'dnsPolicy None needs at least one nameserver',
        'duplicate container name',
      ]),
    );
  });

  it('rejects bad ConfigMap keys and unsupported kinds', () => {
    expect(strictValidate({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, data: {'a/b': 'x'}})).toHaveLength(1);
    expect(strictValidate({apiVersion: 'v9', kind: 'Thing'})[0]?.message).toMatch(/unsupported/);
    expect(() => assertStrictlyValid({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'c'}, dataa: {}})).toThrow(/dataa/);
  });

  it('checks the GitOps kinds: unknown fields anywhere except inside the Helm values', () => {
    const application = argoApplication();
    expect(strictValidate(application)).toEqual([]);
    expect(strictValidate(helmRelease())).toEqual([]);
    expect(strictValidate(helmRepository())).toEqual([]);
    for (const kind of ['argoproj.io/v1alpha1/Application', 'helm.toolkit.fluxcd.io/v2/HelmRelease', 'source.toolkit.fluxcd.io/v1/HelmRepository']) {
      expect(supportedKinds()).toContain(kind);
    }
    application.spec.source.helm.valueObject = {a: 1};
    application.spec.syncPolicy.automatic = {prune: true};
    const release = helmRelease();
    release.spec.chart.spec.sourceRef.namespce = 'flux-system';
    release.spec.targetNamespaces = 'ziti';
    const repository = helmRepository();
    repository.spec.urls = repository.spec.url;
    const paths = [application, release, repository].flatMap((object) => strictValidate(object).map((problem) => problem.path));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/spec/source/helm/valueObject',
        '/spec/syncPolicy/automatic',
        '/spec/chart/spec/sourceRef/namespce',
        '/spec/targetNamespaces',
        '/spec/urls',
      ]),
    );
    // Helm values are free-form for the CRD (the chart-key check judges them), at any depth.
    expect(paths.some((path) => path.includes('/valuesObject/') || path.startsWith('/spec/values/'))).toBe(false);
  });

  it('checks the Flux kinds against their schemas: patterns, CEL rules, and metadata as ObjectMeta', () => {
    const release = helmRelease();
    release.spec.interval = '10 minutes';
    release.spec.chartRef = {kind: 'OCIRepository', name: 'ziti-host'};
    release.metadata.labelz = {app: 'demo'};
    release.metadata.labels = {app: 7};
    const repository = helmRepository();
    repository.spec.timeout = '1h';
    const messages = [release, repository].flatMap((object) => strictValidate(object).map((problem) => `${problem.path} ${problem.message}`));
    expect(messages).toEqual(
      expect.arrayContaining([
        '/spec/interval does not match ^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$',
        '/spec either chart or chartRef must be set',
        '/metadata/labelz unknown field (not in the Kubernetes schema)',
        '/spec/timeout does not match ^([0-9]+(\\.[0-9]+)?(ms|s|m))+$',
      ]),
    );
    expect(messages.some((message) => message.startsWith('/metadata/labels/app '))).toBe(true);
  });

  it('checks what the GitOps controllers need beyond the schema', () => {
    const application = argoApplication();
    application.spec.destination.namespace = 'Ziti';
    application.spec.source.targetRevision = '>=1.0.0';
    application.spec.source.repoURL = 'http://docs.openziti.io/helm-charts/';
    delete application.spec.project;
    const release = helmRelease();
    release.spec.releaseName = 'r'.repeat(54);
    release.spec.chart.spec.version = 'latest';
    release.spec.values = ['not', 'a', 'map'];
    const messages = [application, release].flatMap((object) => strictValidate(object).map((problem) => `${problem.path} ${problem.message}`));
    expect(messages).toEqual(
      expect.arrayContaining([
        '/spec/destination/namespace invalid namespace',
        '/spec/source/targetRevision not a pinned chart version',
        '/spec/source/repoURL not an https Helm repository URL',
        '/spec/releaseName invalid Helm release name',
        '/spec/chart/spec/version not a pinned chart version',
        '/spec/values values must be a map',
      ]),
    );
    expect(messages.some((message) => message.includes('project'))).toBe(true);
  });
});

function argoApplication(): Record<string, any> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {name: 'demo', namespace: 'argocd'},
    spec: {
      project: 'default',
      source: {
        repoURL: 'https://docs.openziti.io/helm-charts/',
        chart: 'ziti-host',
        targetRevision: '1.3.0',
        helm: {releaseName: 'demo', valuesObject: {image: {tag: '1.12.0'}, anything: {goes: [1, 2]}}},
      },
      destination: {server: 'https://kubernetes.default.svc', namespace: 'ziti'},
      syncPolicy: {automated: {prune: true, selfHeal: true}, syncOptions: ['CreateNamespace=true']},
    },
  };
}

function helmRepository(): Record<string, any> {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'HelmRepository',
    metadata: {name: 'openziti', namespace: 'flux-system'},
    spec: {interval: '1h', url: 'https://docs.openziti.io/helm-charts/'},
  };
}

function helmRelease(): Record<string, any> {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {name: 'demo', namespace: 'flux-system'},
    spec: {
      interval: '10m',
      releaseName: 'demo',
      targetNamespace: 'ziti',
      chart: {spec: {chart: 'ziti-host', version: '1.3.0', sourceRef: {kind: 'HelmRepository', name: 'openziti', namespace: 'flux-system'}}},
      values: {image: {tag: '1.12.0'}, nested: {free: {form: true}}},
    },
  };
}
