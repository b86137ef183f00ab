import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {OUTCOME_IDS, type OutcomeId} from '../../data/decisionTree';
import {CHARTS, IMAGES, type ChartRef} from '../images';
import {BUILDERS, buildFromRaw, defaultRaw} from '../index';
import {strictValidate} from '../testing/strictValidate';
import type {Artifact} from '../types';
import {toYamlDocuments} from '../yaml';
import {analyzeBash, isRecord, loadChartRecord, loadChartValues, parseNginx, parseYamlDocuments, unknownValuesKeys} from './support';

const GOLDEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '__golden__');

/** Artifact ids each strategy emits for its defaults, in order. */
const EXPECTED_IDS: Record<OutcomeId, readonly string[]> = {
  // Chart strategies: the GitOps objects (and the Secret step they need) follow helm-install, as an alternative to it.
  'node-proxy-daemonset': [
    'identity', 'policies', 'helm-values', 'helm-install', 'gitops-secret', 'argocd-application', 'flux-helmrelease',
    'dns', 'dns-apply', 'verify', 'cleanup',
  ],
  // Sidecars: `manifest` and `manifest-apply` are the new Deployment, or on the existing-workload path the patch.
  'transparent-proxy-sidecar': ['cluster-dns', 'identity', 'policies', 'secret', 'manifest', 'manifest-apply', 'verify', 'cleanup'],
  'loopback-proxy-sidecar': ['identity', 'policies', 'secret', 'manifest', 'manifest-apply', 'verify', 'cleanup'],
  // Ingress: the hosting side, then the client side (policies, kubeconfig for the API server, a check from a client).
  'openziti-router': [
    'identity', 'policies', 'helm-values', 'helm-install', 'gitops-secret', 'argocd-application', 'flux-helmrelease',
    'verify', 'clients', 'kubeconfig', 'client-verify', 'cleanup',
  ],
  'nginx-proxy-module': [
    'identity', 'policies', 'secret', 'nginx-conf', 'manifest', 'manifest-apply', 'verify', 'clients', 'kubeconfig', 'client-verify', 'cleanup',
  ],
  'ziti-host': [
    'identity', 'policies', 'helm-values', 'helm-install', 'gitops-secret', 'argocd-application', 'flux-helmrelease',
    'verify', 'clients', 'kubeconfig', 'client-verify', 'cleanup',
  ],
};

/** Inputs away from the defaults, so every branch of every builder is built at least once. */
const VARIANTS: Record<OutcomeId, readonly Record<string, string>[]> = {
  'node-proxy-daemonset': [
    {identitySource: 'identity-json'},
    {identitySource: 'existing-secret', secretName: 'k8s-tunneler-identity', secretKey: 'zitiIdentity'},
    {identitySource: 'existing-secret'},
    {
      dnsMode: 'node-local-dns',
      storageClass: 'nfs',
      nodeSelector: 'kubernetes.io/os=linux\r\n\nnode-role.kubernetes.io/worker=',
      systemDBus: 'disabled',
    },
    {
      dbusSocketPath: '/run/dbus/system_bus_socket',
      zitiDomain: 'miniziti.private',
      releaseName: 'tunnel',
      services: 'httpbin-service=httpbin.miniziti.private:80\nraw-ip=100.64.5.5:22\nv6=[fd00::5]:443',
    },
    {dnsMode: 'coredns-corefile', zitiDomain: 'corp.ziti.example', services: 'db=10.1.2.3:5432'},
    {dnsMode: 'kube-dns', identitySource: 'existing-secret'},
  ],
  'transparent-proxy-sidecar': [
    {
      namespace: 'apps',
      clusterDnsIp: 'fd00::a',
      searchDomains: 'apps.svc.cluster.local\nexample.com',
      appCommand: "wget -qO- --post-data='x' http://testapi.ziti/post; sleep 3600",
      appImage: 'docker.io/stedolan/jq@sha256:' + 'a'.repeat(64),
      services: 'testapi-service=testapi.ziti:80\nv6-service=[fd00::7]:8443\nip-service=100.64.1.1:22',
    },
    {secretName: 'custom-secret', imageTag: 'latest', sidecarStart: 'container'},
    {workloadTarget: 'existing', namespace: 'payments', workloadName: 'billing-api'},
    {workloadTarget: 'existing', workloadKind: 'StatefulSet', sidecarStart: 'container'},
    {appImage: 'registry.example.com/payments/billing-api:4.2.0', appCommand: 'echo $$HOME $(HOSTNAME) && exec /app/server'},
  ],
  'loopback-proxy-sidecar': [
    {bindings: 'svc-a:8443\nsvc-b:53:udp\nghost:80\nmy svc:9000:tcp\nsvc-c:53:tcp', svcPollRate: '15'},
    {bindings: 'only-udp:5353:udp', sidecarStart: 'container'},
    {workloadTarget: 'existing', workloadKind: 'DaemonSet', workloadName: 'edge-agent', bindings: 'cost$(X):8443'},
  ],
  'openziti-router': [
    {identitySource: 'existing-secret'},
    {identitySource: 'existing-secret', secretName: 'router-jwt'},
    {linkListener: 'disabled', controllerEndpoint: 'ziti-controller-ctrl.ziti-controller.svc:1280', storageClass: 'fast', hostedServices: ''},
    {controllerEndpoint: '[fd00::1]:443', hostedServices: 'web=10.0.0.5:80\nfqdn=Web.Example.COM.:8443', interceptAddresses: 'web=10.20.0.1'},
  ],
  'nginx-proxy-module': [
    {
      identitySource: 'existing-secret',
      binds: "a=10.0.0.5:80\nb c=web.default.svc:8080\nit's {a};#$x|d=web:81",
      interceptAddresses: "b c=bc.example.internal\nit's {a};#$x|d=10.30.0.9",
    },
    {image: 'registry.example.com/nginx-ziti:1.25.4', secretKey: 'id.json'},
  ],
  'ziti-host': [
    {identitySource: 'identity-json'},
    {identitySource: 'existing-secret', secretName: 'k8s-tunneler-identity', secretKey: 'persisted-identity', hostedServices: ''},
    {
      hostedServices: 'k8s-api=kubernetes.default.svc.cluster.local:443\ndb=postgres.db.svc:5432',
      interceptAddresses: 'k8s-api=api.corp.example\ndb=10.99.0.5',
      clientRoleAttribute: 'ops',
      clientIdentityName: 'laptop',
    },
  ],
};

/** Keys the chart templates read although values.yaml does not declare them (helm-charts README). */
const CHART_OF: Partial<Record<OutcomeId, string>> = {
  'node-proxy-daemonset': 'ziti-edge-tunnel',
  'openziti-router': 'ziti-router',
  'ziti-host': 'ziti-host',
};

function buildOk(id: OutcomeId, overrides: Record<string, string> = {}): readonly Artifact[] {
  const result = buildFromRaw(id, {...defaultRaw(id), ...overrides});
  if (!result.ok) throw new Error(`${id} did not build: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

function allCases(): [OutcomeId, Record<string, string>][] {
  return OUTCOME_IDS.flatMap((id) => [[id, {}] as [OutcomeId, Record<string, string>], ...VARIANTS[id].map((v) => [id, v] as [OutcomeId, Record<string, string>])]);
}

function extensionOf(artifact: Artifact): string {
  return artifact.language === 'bash' ? 'sh' : artifact.language === 'yaml' ? 'yaml' : 'conf';
}

describe('every outcome has a builder', () => {
  it('covers exactly the decision tree outcomes', () => {
    expect(Object.keys(BUILDERS).sort()).toEqual([...OUTCOME_IDS].sort());
  });

  it.each(OUTCOME_IDS)('%s builds from its defaults', (id) => {
    expect(BUILDERS[id].id).toBe(id);
    const result = buildFromRaw(id, defaultRaw(id));
    expect(result.ok).toBe(true);
  });

  it.each(OUTCOME_IDS)('%s emits the expected artifact ids', (id) => {
    expect(buildOk(id).map((artifact) => artifact.id)).toEqual(EXPECTED_IDS[id]);
  });

  it.each(OUTCOME_IDS)('%s fields are well formed', (id) => {
    const names = BUILDERS[id].fields.map((field) => field.name);
    expect(new Set(names).size).toBe(names.length);
    for (const field of BUILDERS[id].fields) {
      if (field.kind === 'select') expect(field.options?.map((o) => o.value)).toContain(field.defaultValue);
      if (field.showWhen) expect(names.indexOf(field.showWhen.field)).toBeLessThan(names.indexOf(field.name));
    }
  });

  it.each(allCases())('%s %j: artifacts are complete and unique', (id, overrides) => {
    const artifacts = buildOk(id, overrides);
    expect(new Set(artifacts.map((a) => a.id)).size).toBe(artifacts.length);
    expect(new Set(artifacts.map((a) => a.fileName)).size).toBe(artifacts.length);
    for (const artifact of artifacts) {
      expect(artifact.title).not.toBe('');
      expect(artifact.text.endsWith('\n')).toBe(true);
      expect(artifact.text.endsWith('\n\n')).toBe(false);
      expect(artifact.fileName).toMatch(/^[a-z0-9][a-z0-9.-]*\.(sh|yaml|conf|server)$/);
    }
  });
});

describe('golden output for the defaults', () => {
  for (const id of OUTCOME_IDS) {
    for (const artifact of buildOk(id)) {
      it(`${id} ${artifact.id}`, async () => {
        await expect(artifact.text).toMatchFileSnapshot(path.join(GOLDEN_DIR, id, `${artifact.id}.${extensionOf(artifact)}`));
      });
    }
  }
});

describe('YAML artifacts', () => {
  it.each(allCases())('%s %j: parse, re-serialize identically and validate strictly', (id, overrides) => {
    for (const artifact of buildOk(id, overrides).filter((a) => a.language === 'yaml')) {
      const docs = parseYamlDocuments(artifact.text);
      expect(docs.length).toBeGreaterThan(0);
      // load then dump gives the same text back: nothing depends on js-yaml defaults we did not fix.
      expect(toYamlDocuments(docs)).toBe(artifact.text);
      for (const doc of docs) {
        if (isRecord(doc) && 'apiVersion' in doc) expect(strictValidate(doc)).toEqual([]);
      }
    }
  });

  it('multi-document manifests hold one object per document', () => {
    const manifest = buildOk('nginx-proxy-module').find((a) => a.id === 'manifest');
    const kinds = parseYamlDocuments(manifest?.text ?? '').map((doc) => (isRecord(doc) ? doc.kind : undefined));
    expect(kinds).toEqual(['ConfigMap', 'Deployment']);
  });
});

describe('Helm values match the upstream charts', () => {
  it.each(Object.entries(CHART_OF))('images.ts pins the recorded version, appVersion and kubeVersion of %s\'s chart', (_id, chart) => {
    const record = loadChartRecord(chart);
    const ref: ChartRef | undefined = Object.values(CHARTS).find((c) => c.name === chart);
    expect(ref).toBeDefined();
    expect(record.name).toBe(chart);
    expect(record.version).toBe(ref?.version);
    expect(record.appVersion).toBe(ref?.appVersion);
    expect(record.kubeVersion ?? undefined).toBe(ref?.kubeVersion);
    // Provenance: the upstream commit the record was generated from.
    expect(record.source.repository).toBe('https://github.com/openziti/helm-charts');
    expect(record.source.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('default image tags are the chart appVersions', () => {
    expect(IMAGES.zitiEdgeTunnel.tag).toBe(loadChartRecord('ziti-edge-tunnel').appVersion);
    expect(IMAGES.zitiHost.tag).toBe(loadChartRecord('ziti-host').appVersion);
    expect(IMAGES.zitiRouter.tag).toBe(loadChartRecord('ziti-router').appVersion);
    const routerValues = loadChartValues('ziti-router');
    expect((routerValues.image as Record<string, unknown>).repository).toBe(IMAGES.zitiRouter.repository);
    expect((loadChartValues('ziti-host').image as Record<string, unknown>).repository).toBe(IMAGES.zitiHost.repository);
    const zet = loadChartValues('ziti-edge-tunnel').image as Record<string, unknown>;
    expect(`${String(zet.registry)}/${String(zet.repository)}`).toBe(IMAGES.zitiEdgeTunnel.repository);
  });

  const chartCases = allCases().filter(([id]) => CHART_OF[id] !== undefined);
  it.each(chartCases)('%s %j: every values key and --set-file key is read by the chart', (id, overrides) => {
    const chart = CHART_OF[id] ?? '';
    const upstream = loadChartValues(chart);
    const extra = loadChartRecord(chart).templateOnlyKeys;
    const artifacts = buildOk(id, overrides);
    const values = parseYamlDocuments(artifacts.find((a) => a.id === 'helm-values')?.text ?? '')[0];
    expect(isRecord(values)).toBe(true);
    expect(unknownValuesKeys(values as Record<string, unknown>, upstream, extra)).toEqual([]);
    const install = artifacts.find((a) => a.id === 'helm-install')?.text ?? '';
    // The chart comes straight from upstream's index (--repo), so the reader's repository list is never touched.
    expect(install).toContain(` ${chart} --repo https://docs.openziti.io/helm-charts/`);
    expect(install).not.toMatch(/helm repo (add|update)/);
    for (const match of install.matchAll(/--set-file ([A-Za-z.]+)=/g)) {
      const key = match[1] ?? '';
      expect(key in upstream || extra.includes(key), `--set-file ${key}`).toBe(true);
    }
  });

  it('the chart-key checker itself rejects unknown and mistyped keys', () => {
    const upstream = loadChartValues('ziti-edge-tunnel');
    expect(unknownValuesKeys({enrollmentJwt: 'x'}, upstream)).toHaveLength(1);
    expect(unknownValuesKeys({pvc: {size: '1Gi'}}, upstream)).toHaveLength(1);
    expect(unknownValuesKeys({systemDBus: {enabled: 'true'}}, upstream)).toHaveLength(1);
    expect(unknownValuesKeys({nodeSelector: {anything: 'goes'}}, upstream)).toEqual([]);
    expect(unknownValuesKeys({secret: {keyName: 'k'}}, loadChartValues('ziti-host'))).toHaveLength(1);
    expect(unknownValuesKeys({secret: {keyName: 'k'}}, loadChartValues('ziti-host'), ['secret.keyName'])).toEqual([]);
  });
});

describe('bash and nginx artifacts', () => {
  it.each(allCases())('%s %j: bash lexes cleanly and nginx.conf parses', (id, overrides) => {
    for (const artifact of buildOk(id, overrides)) {
      if (artifact.language === 'bash') expect(() => analyzeBash(artifact.text)).not.toThrow();
      if (artifact.language === 'nginx') {
        const top = parseNginx(artifact.text);
        expect(top.map((d) => d.name)).toEqual(['load_module', 'pid', 'error_log', 'thread_pool', 'events', 'ziti']);
        const ziti = top.find((d) => d.name === 'ziti');
        expect(ziti?.block?.[0]?.name).toBe('identity_file');
      }
    }
  });

  it('nginx.conf binds exactly the services typed, with their upstreams', () => {
    const artifacts = buildOk('nginx-proxy-module', {
      binds: "plain=web:80\nwith space=10.1.2.3:8080\nit's {a};#$x|d=web:81",
      interceptAddresses: "with space=space.ziti\nit's {a};#$x|d=odd.ziti",
    });
    const conf = parseNginx(artifacts.find((a) => a.id === 'nginx-conf')?.text ?? '');
    const binds = conf.find((d) => d.name === 'ziti')?.block?.filter((d) => d.name === 'bind') ?? [];
    expect(binds.map((b) => [b.args[0], b.block?.[0]?.args[0]])).toEqual([
      ['plain', 'web:80'],
      ['with space', '10.1.2.3:8080'],
      ["it's {a};#$x|d", 'web:81'],
    ]);
  });

  it('never writes identity content; identity files are only referenced', () => {
    for (const [id, overrides] of allCases()) {
      for (const artifact of buildOk(id, overrides)) {
        expect(artifact.text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY|eyJ[A-Za-z0-9_-]{10,}/);
        if (artifact.language === 'bash') {
          for (const match of artifact.text.matchAll(/--(?:set-file|from-file)[ =]([^\n]*)/g)) {
            // Tokens and identities live in the run's private folder (mktemp -d), never at a guessable /tmp path.
            expect(match[1]).toMatch(/\$\{ZITI_SECRETS_DIR\}\/[^"]+\.(jwt|json)"$/);
          }
        }
      }
    }
  });
});

describe('specific behaviour', () => {
  it('the loopback sidecar keeps "proxy" first and adds --svcPollRate last', () => {
    const manifest = buildOk('loopback-proxy-sidecar', {bindings: 'ghost:80\nhost-svc:53:udp', svcPollRate: '30'}).find((a) => a.id === 'manifest');
    const [deployment] = parseYamlDocuments(manifest?.text ?? '');
    const containers = (((deployment as any).spec.template.spec.initContainers) as any[]);
    const sidecar = containers.find((c) => c.name === 'ziti-tunnel');
    expect(sidecar.args).toEqual(['proxy', 'ghost:80', 'host-svc:53:udp', '--svcPollRate', '30']);
    expect(sidecar.securityContext).toBeUndefined();
    expect((deployment as any).spec.template.spec.dnsPolicy).toBeUndefined();
  });

  it('transparent sidecar search domains follow the namespace unless typed', () => {
    const searches = (overrides: Record<string, string>) => {
      const text = buildOk('transparent-proxy-sidecar', overrides).find((a) => a.id === 'manifest')?.text ?? '';
      return (parseYamlDocuments(text)[0] as any).spec.template.spec.dnsConfig.searches;
    };
    expect(searches({namespace: 'shop'})).toEqual(['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
    expect(searches({namespace: 'shop', searchDomains: 'corp.example'})).toEqual(['corp.example']);
  });

  it('transparent sidecar: NET_ADMIN, read-only /netfoundry and the two nameservers', () => {
    const text = buildOk('transparent-proxy-sidecar').find((a) => a.id === 'manifest')?.text ?? '';
    const spec = (parseYamlDocuments(text)[0] as any).spec;
    expect(spec.strategy).toEqual({type: 'Recreate'});
    const sidecar = spec.template.spec.initContainers[0];
    expect(sidecar.restartPolicy).toBe('Always');
    expect(sidecar.image).toBe('docker.io/openziti/ziti-tunnel:2.0.1');
    expect(sidecar.args).toEqual(['tproxy']);
    expect(sidecar.securityContext.capabilities.add).toEqual(['NET_ADMIN']);
    expect(sidecar.volumeMounts[0]).toEqual({name: 'ziti-identity', mountPath: '/netfoundry', readOnly: true});
    expect(spec.template.spec.dnsConfig.nameservers).toEqual(['127.0.0.1', '10.96.0.10']);
  });

  it('existing-Secret sources say that renewal is lost', () => {
    const cases: [OutcomeId, Record<string, string>][] = [
      ['node-proxy-daemonset', {identitySource: 'existing-secret'}],
      ['ziti-host', {identitySource: 'existing-secret'}],
      ['transparent-proxy-sidecar', {}],
      ['loopback-proxy-sidecar', {}],
      ['nginx-proxy-module', {}],
    ];
    for (const [id, overrides] of cases) {
      const notes = buildOk(id, overrides).map((a) => a.note ?? '').join(' ');
      expect(notes, id).toMatch(/renewal is lost|No certificate renewal/);
    }
  });

  it('NodeLocal DNS mode adds a server block to the existing Corefile, not a replacement ConfigMap', () => {
    const artifacts = buildOk('node-proxy-daemonset', {dnsMode: 'node-local-dns', zitiDomain: 'corp.ziti', services: 'web=web.corp.ziti:80'});
    const dns = artifacts.find((a) => a.id === 'dns');
    expect(dns?.language).toBe('bash');
    expect(dns?.text).toContain('corp.ziti:53 {');
    expect(dns?.text).toContain('forward . 100.64.0.2');
    expect(artifacts.find((a) => a.id === 'dns-apply')?.text).toContain('kubectl -n kube-system patch configmap node-local-dns --type merge');
  });

  it('router values use the real keys for token Secrets', () => {
    const values = parseYamlDocuments(
      buildOk('openziti-router', {identitySource: 'existing-secret'}).find((a) => a.id === 'helm-values')?.text ?? '',
    )[0];
    expect(values).toMatchObject({tunnel: {mode: 'host'}, enrollmentJwtFromSecret: true, enrollmentJwtSecretName: 'router1-enrollment'});
  });
});
