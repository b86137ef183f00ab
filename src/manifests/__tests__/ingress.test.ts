/**
 * The three ingress strategies on a fresh, Helm-installed network: the scripts
 * create every policy and config a client needs to reach a hosted service,
 * cleanup removes exactly what they created, the kubeconfig for the
 * Kubernetes API is a valid kubeconfig aimed at the intercept address, and the
 * ziti-host chart's migration hook can never delete the reader's Secret.
 */
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {load} from 'js-yaml';
import {afterAll, describe, expect, it} from 'vitest';
import type {OutcomeId} from '../../data/decisionTree';
import {CHARTS} from '../images';
import {buildFromRaw, defaultRaw} from '../index';
import type {Artifact} from '../types';
import {migrationSecretName} from '../zitiHost';
import {analyzeBash, isRecord} from './support';

const INGRESS: readonly OutcomeId[] = ['openziti-router', 'nginx-proxy-module', 'ziti-host'];
/** The field holding each strategy's hosted services. */
const SERVICES_FIELD: Record<string, string> = {'openziti-router': 'hostedServices', 'nginx-proxy-module': 'binds', 'ziti-host': 'hostedServices'};

/** Inputs every ingress strategy is checked with, besides its defaults. */
const CASES: readonly Record<string, string>[] = [
  {},
  {roleAttribute: 'edge-hosts', clientRoleAttribute: 'ops', clientIdentityName: 'laptop'},
  {SERVICES: 'k8s-api=kubernetes.default.svc:443\nweb=web.shop.svc:8080', interceptAddresses: 'web=10.40.0.7'},
  {SERVICES: 'k8s-api=kubernetes:443', interceptAddresses: 'k8s-api=api.corp.example'},
];

function raw(id: OutcomeId, overrides: Record<string, string>): Record<string, string> {
  const {SERVICES, ...rest} = overrides;
  return {...defaultRaw(id), ...rest, ...(SERVICES === undefined ? {} : {[SERVICES_FIELD[id] ?? '']: SERVICES})};
}

function build(id: OutcomeId, overrides: Record<string, string> = {}): readonly Artifact[] {
  const result = buildFromRaw(id, raw(id, overrides));
  if (!result.ok) throw new Error(`${id} did not build: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

function issuesOf(id: OutcomeId, overrides: Record<string, string>) {
  const result = buildFromRaw(id, raw(id, overrides));
  return result.ok ? [] : result.issues;
}

function artifact(artifacts: readonly Artifact[], id: string): Artifact {
  const found = artifacts.find((a) => a.id === id);
  if (!found) throw new Error(`no ${id} artifact`);
  return found;
}

/** Each command line of a script as its shell words (continuations joined; our scripts quote nothing across lines). */
function commands(text: string): string[][] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => analyzeBash(line).words.map((word) => word.text))
    .filter((words) => words.length > 0);
}

/** `kind name` of every `ziti edge create|delete <kind> <name>` in a script. */
function zitiObjects(text: string, verb: 'create' | 'delete'): string[] {
  return commands(text)
    .filter((words) => words[0] === 'ziti' && words[1] === 'edge' && words[2] === verb)
    .map((words) => `${words[3]} ${words[4]}`);
}

/** The value after `flag` in a command's words. */
function flag(words: readonly string[], name: string): string | undefined {
  const index = words.indexOf(name);
  return index < 0 ? undefined : words[index + 1];
}

describe('ingress scripts leave a fresh network able to route', () => {
  const cases = INGRESS.flatMap((id) => CASES.map((c) => [id, c] as const));

  it.each(cases)('%s %j: services carry both configs, with Bind, Dial and router policies', (id, overrides) => {
    const artifacts = build(id, overrides);
    const policies = commands(artifact(artifacts, 'policies').text);
    const clients = commands(artifact(artifacts, 'clients').text);
    const services = policies.filter((w) => w.slice(0, 4).join(' ') === 'ziti edge create service');
    expect(services.length).toBeGreaterThan(0);
    const configs = new Map(
      policies.filter((w) => w.slice(0, 4).join(' ') === 'ziti edge create config').map((w) => [w[4] ?? '', {type: w[5], data: JSON.parse(w[6] ?? '')}]),
    );
    const hostRole = `#${raw(id, overrides).roleAttribute}`;
    const clientRole = `#${raw(id, overrides).clientRoleAttribute}`;
    for (const service of services) {
      const name = service[4] ?? '';
      const attached = (flag(service, '--configs') ?? '').split(',');
      const types = attached.map((config) => configs.get(config)?.type);
      // The NGINX module ignores host.v1; the other two forward to it.
      expect(types.sort()).toEqual(id === 'nginx-proxy-module' ? ['intercept.v1'] : ['host.v1', 'intercept.v1']);
      const intercept = configs.get(attached.find((c) => configs.get(c)?.type === 'intercept.v1') ?? '')?.data;
      expect(Object.keys(intercept).sort()).toEqual(['addresses', 'portRanges', 'protocols']);
      expect(intercept.protocols).toEqual(['tcp']);
      expect(intercept.addresses).toHaveLength(1);
      expect(intercept.portRanges).toHaveLength(1);
      expect(intercept.portRanges[0].low).toBe(intercept.portRanges[0].high);
      // Bind for the hosting role, Dial for the client role, both naming this service.
      const servicePolicies = [...policies, ...clients].filter((w) => w.slice(0, 4).join(' ') === 'ziti edge create service-policy');
      const bind = servicePolicies.find((w) => w[5] === 'Bind' && flag(w, '--service-roles') === `@${name}`);
      expect(flag(bind ?? [], '--identity-roles')).toBe(hostRole);
      const dial = servicePolicies.find((w) => w[5] === 'Dial' && w.includes(`@${name}`));
      expect(flag(dial ?? [], '--identity-roles')).toBe(clientRole);
      // Some service-edge-router policy lets every router carry it.
      const serp = policies.find((w) => w[3] === 'service-edge-router-policy' && w.includes(`@${name}`));
      expect(flag(serp ?? [], '--edge-router-roles')).toBe('#all');
    }
    const erps = [...policies, ...clients].filter((w) => w.slice(0, 4).join(' ') === 'ziti edge create edge-router-policy');
    const erpIdentities = erps.map((w) => flag(w, '--identity-roles'));
    // The router's own tunneler identity has a system edge-router policy; NGINX and ziti-host identities need one.
    expect(erpIdentities.sort()).toEqual((id === 'openziti-router' ? [clientRole] : [clientRole, hostRole]).sort());
    for (const erp of erps) expect(flag(erp, '--edge-router-roles')).toBe('#all');
    // The client policies name only this strategy's services, never #all.
    for (const words of [...policies, ...clients]) expect(flag(words, '--service-roles')).not.toBe('#all');
  });

  it.each(cases)('%s %j: cleanup deletes exactly what the scripts create', (id, overrides) => {
    const artifacts = build(id, overrides);
    const created = artifacts.filter((a) => a.id !== 'cleanup' && a.language === 'bash').flatMap((a) => zitiObjects(a.text, 'create'));
    const deleted = zitiObjects(artifact(artifacts, 'cleanup').text, 'delete');
    expect(created.length).toBeGreaterThan(0);
    expect(new Set(created).size).toBe(created.length);
    expect([...deleted].sort()).toEqual([...created].sort());
  });

  it.each(INGRESS)('%s: the kubeconfig exists exactly when the Kubernetes API is hosted', (id) => {
    expect(build(id).some((a) => a.id === 'kubeconfig')).toBe(true);
    const other = build(id, {SERVICES: 'web=web.shop.svc:8080'});
    expect(other.some((a) => a.id === 'kubeconfig')).toBe(false);
    expect(artifact(other, 'client-verify').text).toContain("nc -vz 'web.ziti' 8080");
    expect(build(id, {SERVICES: 'api=kubernetes.default:6443'}).some((a) => a.id === 'kubeconfig')).toBe(false);
  });

  it('the router still creates the services policy when no client policies can exist yet', () => {
    const artifacts = build('openziti-router', {SERVICES: ''});
    expect(zitiObjects(artifact(artifacts, 'policies').text, 'create')).toEqual([]);
    expect(artifact(artifacts, 'clients').text).toMatch(/^# Add hosted services/m);
    expect(zitiObjects(artifact(artifacts, 'cleanup').text, 'delete')).toEqual(['edge-router router1']);
  });
});

describe('intercept addresses and client fields', () => {
  const refused: [Record<string, string>, string][] = [
    [{interceptAddresses: 'ghost=ghost.ziti'}, 'interceptAddresses[0].service'],
    [{interceptAddresses: 'k8s-api=https://api.example'}, 'interceptAddresses[0].address'],
    [{interceptAddresses: 'k8s-api=fd00::1'}, 'interceptAddresses[0].address'],
    [{interceptAddresses: 'k8s-api'}, 'interceptAddresses[0]'],
    [{interceptAddresses: 'k8s-api=a.ziti\nk8s-api=b.ziti'}, 'interceptAddresses[1]'],
    [{SERVICES: 'a=web:80\nb=web:80', interceptAddresses: 'b=a.ziti'}, 'interceptAddresses'],
    [{SERVICES: 'with space=web:80'}, 'interceptAddresses'],
    [{clientRoleAttribute: 'a b'}, 'clientRoleAttribute'],
    [{clientIdentityName: '../x'}, 'clientIdentityName'],
  ];
  it.each(INGRESS.flatMap((id) => refused.map(([o, p]) => [id, o, p] as const)))('%s %j is reported at %s', (id, overrides, at) => {
    expect(issuesOf(id, overrides).map((i) => i.path)).toContain(at);
  });

  it.each(INGRESS)('%s: the client role and identity must differ from the hosting ones', (id) => {
    const host = defaultRaw(id);
    expect(issuesOf(id, {clientRoleAttribute: host.roleAttribute ?? ''}).map((i) => i.path)).toEqual(['clientRoleAttribute']);
    expect(issuesOf(id, {clientIdentityName: host.identityName ?? ''}).map((i) => i.path)).toEqual(['clientIdentityName']);
  });

  it('a typed intercept address reaches the config, the kubeconfig and the check', () => {
    const artifacts = build('ziti-host', {interceptAddresses: 'k8s-api=api.corp.example'});
    expect(artifact(artifacts, 'policies').text).toContain('"addresses":["api.corp.example"]');
    expect(artifact(artifacts, 'kubeconfig').text).toContain("--server 'https://api.corp.example:443'");
    expect(artifact(artifacts, 'client-verify').text).toContain(`'api.corp.example.kubeconfig' get --raw /readyz`);
  });
});

/* ------------------------------------------------------------------ */
/* The kubeconfig                                                      */
/* ------------------------------------------------------------------ */

/** Keys kubectl's clientcmd v1 types accept at each level (k8s.io/client-go/tools/clientcmd/api/v1/types.go). */
const KUBECONFIG_KEYS = {
  top: ['apiVersion', 'kind', 'preferences', 'clusters', 'users', 'contexts', 'current-context', 'extensions'],
  cluster: [
    'server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data',
    'proxy-url', 'disable-compression', 'extensions',
  ],
  context: ['cluster', 'user', 'namespace', 'extensions'],
};

/** Problems with a kubeconfig: unknown keys, dangling references, or a cluster not aimed where the test expects. */
function kubeconfigProblems(doc: unknown, expected: {server: string; tlsServerName: string; caPem: string}): string[] {
  const problems: string[] = [];
  if (!isRecord(doc)) return ['not a map'];
  if (doc.apiVersion !== 'v1' || doc.kind !== 'Config') problems.push('apiVersion/kind must be v1/Config');
  for (const key of Object.keys(doc)) if (!KUBECONFIG_KEYS.top.includes(key)) problems.push(`unknown key ${key}`);
  const named = (list: unknown, inner: string): Map<string, Record<string, unknown>> => {
    const out = new Map<string, Record<string, unknown>>();
    if (!Array.isArray(list)) {
      problems.push(`${inner}s is not a list`);
      return out;
    }
    for (const item of list) {
      if (!isRecord(item) || typeof item.name !== 'string' || !isRecord(item[inner])) problems.push(`bad ${inner} entry`);
      else out.set(item.name, item[inner] as Record<string, unknown>);
    }
    return out;
  };
  const clusters = named(doc.clusters, 'cluster');
  const users = named(doc.users, 'user');
  const contexts = named(doc.contexts, 'context');
  const current = contexts.get(String(doc['current-context']));
  if (!current) return [...problems, 'current-context names no context'];
  for (const key of Object.keys(current)) if (!KUBECONFIG_KEYS.context.includes(key)) problems.push(`unknown context key ${key}`);
  const cluster = clusters.get(String(current.cluster));
  if (!cluster) return [...problems, 'the current context names no cluster'];
  if (!users.has(String(current.user))) problems.push('the current context names no user');
  for (const key of Object.keys(cluster)) if (!KUBECONFIG_KEYS.cluster.includes(key)) problems.push(`unknown cluster key ${key}`);
  if (cluster.server !== expected.server) problems.push(`server is ${String(cluster.server)}`);
  if (cluster['tls-server-name'] !== expected.tlsServerName) problems.push(`tls-server-name is ${String(cluster['tls-server-name'])}`);
  if (cluster['insecure-skip-tls-verify'] === true) problems.push('TLS verification is off');
  if ('certificate-authority' in cluster) problems.push('the CA must be embedded, not a path');
  const ca = Buffer.from(String(cluster['certificate-authority-data'] ?? ''), 'base64').toString('utf8');
  if (ca !== expected.caPem) problems.push('certificate-authority-data is not the cluster CA');
  return problems;
}

const KUBECTL = '/usr/bin/kubectl';
const FAKE_CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const scratch = mkdtempSync(path.join(tmpdir(), 'ingress-kubeconfig-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

/**
 * Runs a kubeconfig script with the real kubectl, offline: HOME is a scratch
 * folder holding a kubeconfig like a reader's (another server, CA and an
 * insecure flag to override), and a stand-in answers the one API call.
 */
function runKubeconfigScript(text: string, name: string): unknown {
  const home = path.join(scratch, name);
  const bin = path.join(home, 'bin');
  mkdirSync(path.join(home, '.kube'), {recursive: true});
  mkdirSync(bin, {recursive: true});
  writeFileSync(
    path.join(home, '.kube', 'config'),
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: dev',
      '  cluster: {server: "https://127.0.0.1:6443", certificate-authority-data: b3RoZXIK, insecure-skip-tls-verify: true}',
      'users:',
      '- name: dev-admin',
      '  user: {token: abc}',
      'contexts:',
      '- name: dev',
      '  context: {cluster: dev, user: dev-admin}',
      '- name: unrelated',
      '  context: {cluster: dev, user: dev-admin}',
      'current-context: dev',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(home, 'ca.pem'), FAKE_CA);
  // Only `kubectl get configmap kube-root-ca.crt` needs a cluster; answer it with the fake CA.
  writeFileSync(
    path.join(bin, 'kubectl'),
    `#!/bin/sh\nif [ "$1" = get ] && [ "$2" = configmap ] && [ "$3" = kube-root-ca.crt ]; then cat "$HOME/ca.pem"; exit 0; fi\nexec ${KUBECTL} "$@"\n`,
    {mode: 0o755},
  );
  execFileSync('/bin/bash', ['-euo', 'pipefail', '-c', text], {
    cwd: home,
    env: {HOME: home, PATH: `${bin}:/usr/bin:/bin`},
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The script writes the kubeconfig into the working directory and removes the CA file it fetched.
  expect(existsSync(path.join(home, `${name}-ca.crt`))).toBe(false);
  const file = readFileSync(path.join(home, `${name}.kubeconfig`), 'utf8');
  return load(file);
}

describe('the kubeconfig for the Kubernetes API', () => {
  it('the checker itself rejects what kubectl would misread', () => {
    const good = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{name: 'c', cluster: {server: 's', 'tls-server-name': 't', 'certificate-authority-data': Buffer.from(FAKE_CA).toString('base64')}}],
      users: [{name: 'u', user: {}}],
      contexts: [{name: 'x', context: {cluster: 'c', user: 'u'}}],
      'current-context': 'x',
    };
    const expected = {server: 's', tlsServerName: 't', caPem: FAKE_CA};
    expect(kubeconfigProblems(good, expected)).toEqual([]);
    expect(kubeconfigProblems({...good, clusters: [{name: 'c', cluster: {server: 's', tlsServerName: 't'}}]}, expected)).toContain('unknown cluster key tlsServerName');
    expect(kubeconfigProblems({...good, 'current-context': 'y'}, expected)).toEqual(['current-context names no context']);
    expect(kubeconfigProblems({...good, users: []}, expected)).toContain('the current context names no user');
  });

  it.each(INGRESS)('%s: server is the intercept address and tls-server-name a name the certificate carries', (id) => {
    const script = artifact(build(id), 'kubeconfig').text;
    const setCluster = commands(script).find((w) => w.slice(0, 3).join(' ') === 'kubectl config set-cluster') ?? [];
    expect(flag(setCluster, '--server')).toBe('https://k8s-api.ziti:443');
    // kube-apiserver's self-signed default and kubeadm's serving certificate both list kubernetes.default.svc.
    expect(flag(setCluster, '--tls-server-name')).toBe('kubernetes.default.svc');
    expect(setCluster).toContain('--embed-certs');
    expect(setCluster).toContain('--insecure-skip-tls-verify=false');
    expect(artifact(build(id), 'client-verify').text).toContain('get --raw /readyz');
  });

  const kubectlCases = INGRESS.flatMap((id) =>
    [
      // Typed as records so the two cases' overrides share one type.
      ...([] as {overrides: Record<string, string>; server: string; tls: string; file: string}[]),
      {overrides: {}, server: 'https://k8s-api.ziti:443', tls: 'kubernetes.default.svc', file: 'k8s-api.ziti'},
      {
        overrides: {SERVICES: 'api=kubernetes.default.svc.cluster.local:443', interceptAddresses: 'api=10.50.0.1'},
        server: 'https://10.50.0.1:443',
        tls: 'kubernetes.default.svc.cluster.local',
        file: '10.50.0.1',
      },
    ].map((c) => [id, c] as const),
  );
  it.skipIf(!existsSync(KUBECTL)).each(kubectlCases)('%s %j: kubectl writes a valid kubeconfig from the script', (id, c) => {
    const text = artifact(build(id, c.overrides), 'kubeconfig').text;
    const doc = runKubeconfigScript(text, c.file);
    expect(kubeconfigProblems(doc, {server: c.server, tlsServerName: c.tls, caPem: FAKE_CA})).toEqual([]);
  });
});

/* ------------------------------------------------------------------ */
/* ziti-host: the migration hook's Secret                              */
/* ------------------------------------------------------------------ */

describe('ziti-host refuses the Secret its migration hook deletes', () => {
  it('computes <fullname>-identity as the chart does', () => {
    expect(CHARTS.zitiHost.name).toBe('ziti-host');
    // The release name alone when it contains the chart name anywhere, else release-chart.
    expect(migrationSecretName('ziti-host')).toBe('ziti-host-identity');
    expect(migrationSecretName('team-ziti-host-a')).toBe('team-ziti-host-a-identity');
    expect(migrationSecretName('edge')).toBe('edge-ziti-host-identity');
    expect(migrationSecretName('ziti')).toBe('ziti-ziti-host-identity');
  });

  const collisions: [string, Record<string, string>][] = [
    ['typed, release containing the chart name', {releaseName: 'ziti-host', secretName: 'ziti-host-identity'}],
    ['typed, chart name inside the release', {releaseName: 'team-ziti-host-a', secretName: 'team-ziti-host-a-identity'}],
    ['typed, release without the chart name', {releaseName: 'edge', secretName: 'edge-ziti-host-identity'}],
    ['derived from the identity name, release = chart', {releaseName: 'ziti-host', identityName: 'ziti-host', secretName: ''}],
    ['derived from the identity name, release-chart', {releaseName: 'edge', identityName: 'edge-ziti-host', secretName: ''}],
  ];
  it.each(collisions)('%s', (_what, overrides) => {
    const issues = issuesOf('ziti-host', {identitySource: 'existing-secret', ...overrides});
    const found = issues.find((i) => i.path === 'secretName');
    expect(found?.message).toMatch(/migration hook copies into its volume and then deletes/);
    expect(found?.message).toMatch(/Enter another Secret name/);
  });

  it('accepts the same names where they do not collide, and sources without a Secret', () => {
    expect(issuesOf('ziti-host', {identitySource: 'existing-secret', releaseName: 'edge', secretName: 'ziti-host-identity'})).toEqual([]);
    expect(issuesOf('ziti-host', {identitySource: 'existing-secret', releaseName: 'ziti-host', identityName: 'k8s-host', secretName: ''})).toEqual([]);
    expect(issuesOf('ziti-host', {identitySource: 'enroll-token', releaseName: 'ziti-host', identityName: 'ziti-host'})).toEqual([]);
    expect(issuesOf('ziti-host', {identitySource: 'identity-json', releaseName: 'ziti-host', identityName: 'ziti-host'})).toEqual([]);
  });
});

/* ------------------------------------------------------------------ */
/* shellcheck                                                          */
/* ------------------------------------------------------------------ */

const SHELLCHECK = '/usr/bin/shellcheck';

describe.skipIf(!existsSync(SHELLCHECK))('shellcheck over every ingress bash artifact', () => {
  const variants: Record<string, string>[] = [
    ...CASES,
    {identitySource: 'existing-secret'},
    {identitySource: 'identity-json'},
    {SERVICES: "a=10.0.0.5:80\nit's {a};#$x\\d=web:81", interceptAddresses: "it's {a};#$x\\d=odd.ziti"},
  ];
  const cases = INGRESS.flatMap((id) =>
    variants.filter((v) => buildFromRaw(id, raw(id, v)).ok).map((v) => [id, v] as const),
  );
  it.each(cases)('%s %j', (id, overrides) => {
    for (const a of build(id, overrides).filter((x) => x.language === 'bash')) {
      const result = (() => {
        try {
          // SC2016 (a '$' inside single quotes) is the point of shellQuote: reader values stay literal.
          execFileSync(SHELLCHECK, ['--shell=bash', '--severity=style', '--exclude=SC2016', '-'], {input: a.text, stdio: ['pipe', 'pipe', 'pipe']});
          return '';
        } catch (error) {
          return String((error as {stdout?: Buffer}).stdout ?? error);
        }
      })();
      expect(result, `${a.fileName}`).toBe('');
    }
  });
});

/* ------------------------------------------------------------------ */
/* Guides                                                              */
/* ------------------------------------------------------------------ */

const GUIDES: Record<string, string> = {
  'openziti-router': 'docs/ingress/openziti-router.mdx',
  'nginx-proxy-module': 'docs/ingress/nginx-proxy-module.mdx',
  'ziti-host': 'docs/ingress/ziti-host.mdx',
};

describe('ingress guides', () => {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
  it.each(INGRESS)('%s: shows every default artifact once, ends with Sources and notes, and is found by "kubeconfig"', (id) => {
    const text = readFileSync(path.join(root, GUIDES[id] ?? ''), 'utf8');
    const shown = [...text.matchAll(new RegExp(`<StrategyArtifacts strategy="${id}" only=\\{\\[([^\\]]*)\\]\\}`, 'g'))].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/'([^']+)'/g)].map((q) => q[1]),
    );
    const defaults = build(id).map((a) => a.id);
    expect([...shown].sort()).toEqual([...defaults].sort());
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings.at(-1)).toBe('Sources and notes');
    expect(text).not.toMatch(/^Upstream sources:/m);
    expect(text).toMatch(/kubeconfig/);
    expect(text).toMatch(/Kubernetes API/);
    // Versions come from images.ts, never typed into the page.
    expect(text).not.toMatch(/chart `\d+\.\d+\.\d+`/);
  });
});

/* ------------------------------------------------------------------ */
/* Certificate expiry                                                  */
/* ------------------------------------------------------------------ */

const TOOLS = ['/usr/bin/openssl', '/usr/bin/jq'];

describe.skipIf(!TOOLS.every((tool) => existsSync(tool)))('the verify steps print the certificate end date', () => {
  /** A throw-away certificate and an identity JSON holding it the way enrolled identities do (`pem:` prefix). */
  function fixtures(): {dir: string; cert: string; identity: string} {
    const dir = mkdtempSync(path.join(scratch, 'expiry-'));
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('/usr/bin/openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '365', '-subj', '/CN=test'], {
      stdio: 'ignore',
    });
    const identity = path.join(dir, 'identity.json');
    writeFileSync(identity, JSON.stringify({ztAPI: 'https://ctrl.example:443', id: {cert: `pem:${readFileSync(cert, 'utf8')}`, key: 'pem:', ca: 'pem:'}}));
    return {dir, cert, identity};
  }

  it.each(INGRESS)('%s', (id) => {
    const {dir, cert, identity} = fixtures();
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    // The stand-in answers as the cluster would: the router's .cert file, the tunneler's identity JSON, or the Secret's data.
    const answer = id === 'openziti-router' ? `cat '${cert}'` : id === 'ziti-host' ? `cat '${identity}'` : `base64 -w0 '${identity}'`;
    writeFileSync(path.join(bin, 'kubectl'), `#!/bin/sh\n${answer}\n`, {mode: 0o755});
    const verify = artifact(build(id), 'verify').text;
    const line = verify.split('\n').find((l) => l.includes('openssl x509 -noout -enddate')) ?? '';
    expect(line).not.toBe('');
    const out = execFileSync('/bin/bash', ['-euo', 'pipefail', '-c', line], {env: {PATH: `${bin}:/usr/bin:/bin`}}).toString();
    expect(out).toMatch(/^notAfter=\w{3} +\d+ [\d:]+ \d{4} GMT\n$/);
  });
});
