/**
 * Facts the three egress strategies must get right on a fresh cluster and a
 * freshly installed OpenZiti network (issues 9 and 15): router policies and
 * their clean-up, the node proxy's claim and DNS steps, the sidecars' start
 * order and patch, what the pages say about certificate renewal and flags
 * the pinned tunneler lacks, and shellcheck over every generated script.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {OUTCOMES, type OutcomeId} from '../../data/decisionTree';
import {IMAGES} from '../images';
import {BUILDERS, buildFromRaw, defaultRaw} from '../index';
import {accessModeFor, type DnsMode} from '../nodeProxyDaemonset';
import type {Artifact} from '../types';
import {isRecord, parseYamlDocuments, REPO_ROOT} from './support';

type EgressId = 'node-proxy-daemonset' | 'transparent-proxy-sidecar' | 'loopback-proxy-sidecar';
const EGRESS: readonly EgressId[] = ['node-proxy-daemonset', 'transparent-proxy-sidecar', 'loopback-proxy-sidecar'];
const SIDECARS: readonly EgressId[] = ['transparent-proxy-sidecar', 'loopback-proxy-sidecar'];
const DNS_MODES: readonly DnsMode[] = ['coredns-custom', 'coredns-corefile', 'kube-dns', 'node-local-dns'];
const GUIDE: Record<EgressId, string> = {
  'node-proxy-daemonset': 'docs/egress/node-proxy-daemonset.mdx',
  'transparent-proxy-sidecar': 'docs/egress/transparent-proxy-sidecar.mdx',
  'loopback-proxy-sidecar': 'docs/egress/loopback-proxy-sidecar.mdx',
};

/** Inputs that reach every branch of the three builders that matters here. */
const CASES: readonly [EgressId, Record<string, string>][] = [
  ...DNS_MODES.map((dnsMode): [EgressId, Record<string, string>] => ['node-proxy-daemonset', {dnsMode}]),
  ['node-proxy-daemonset', {identitySource: 'existing-secret', dnsMode: 'node-local-dns'}],
  ['node-proxy-daemonset', {identitySource: 'identity-json', zitiDomain: 'corp.example', services: 'a=a.corp.example:443\nb=10.0.0.9:22'}],
  ['node-proxy-daemonset', {services: 'ip-only=100.64.9.9:22'}],
  ['transparent-proxy-sidecar', {}],
  ['transparent-proxy-sidecar', {sidecarStart: 'container', services: 'a=a.ziti:443\nb=[fd00::5]:80\nc=100.64.1.1:22'}],
  ['loopback-proxy-sidecar', {}],
  ['loopback-proxy-sidecar', {sidecarStart: 'container', bindings: 'svc-a:8443\nsvc-b:53:udp\nsvc-c:9000', svcPollRate: '30'}],
];

function build(id: EgressId, overrides: Record<string, string> = {}): readonly Artifact[] {
  const result = buildFromRaw(id, {...defaultRaw(id), ...overrides});
  if (!result.ok) throw new Error(`${id} did not build: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

function artifact(artifacts: readonly Artifact[], id: string): Artifact {
  const found = artifacts.find((a) => a.id === id);
  if (!found) throw new Error(`no artifact ${id}`);
  return found;
}

/** Bash text with backslash continuations joined, one command per line. */
function commands(text: string): string[] {
  return text.replace(/ \\\n\s*/g, ' ').split('\n');
}

interface ContainerLike {
  readonly name: string;
  readonly restartPolicy?: string;
}

interface PodSpecLike {
  readonly containers: readonly ContainerLike[];
  readonly initContainers?: readonly ContainerLike[];
}

interface DeploymentLike {
  readonly spec: {readonly template: {readonly spec: PodSpecLike}};
}

/** The first YAML document of an artifact, typed as far as these tests read it. */
function firstDoc<T>(a: Artifact): T {
  return parseYamlDocuments(a.text)[0] as T;
}

/** The identity claim's access mode in a node proxy values file. */
function accessModeIn(a: Artifact): string | undefined {
  return firstDoc<{pvc?: {accessMode?: string}}>(a).pvc?.accessMode;
}

function guideText(id: EgressId): string {
  return readFileSync(path.join(REPO_ROOT, GUIDE[id]), 'utf8');
}

function allDocs(): {file: string; text: string}[] {
  const out: {file: string; text: string}[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.mdx?$/.test(entry.name)) out.push({file: path.relative(REPO_ROOT, full), text: readFileSync(full, 'utf8')});
    }
  };
  walk(path.join(REPO_ROOT, 'docs'));
  return out;
}

/** Sentences of a text (Markdown is good enough split at sentence ends and blank lines). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n\s*\n/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}

describe('router policies a fresh network needs (issue 9 #1)', () => {
  it.each(CASES)('%s %j: policies create them, scoped to the role and the services dialled; clean-up removes them', (id, overrides) => {
    const artifacts = build(id, overrides);
    const raw = {...defaultRaw(id), ...overrides};
    const role = raw.roleAttribute ?? '';
    const policies = commands(artifact(artifacts, 'policies').text);
    const erp = policies.find((line) => line.startsWith('ziti edge create edge-router-policy '));
    const serp = policies.find((line) => line.startsWith('ziti edge create service-edge-router-policy '));
    const dial = policies.find((line) => line.startsWith('ziti edge create service-policy '));
    expect(erp).toBe(`ziti edge create edge-router-policy '${role}-edge-routers' --edge-router-roles '#all' --identity-roles '#${role}'`);
    expect(serp).toMatch(new RegExp(`^ziti edge create service-edge-router-policy '${role}-service-edge-routers' --edge-router-roles '#all'`));
    // The service-edge-router policy names exactly the services the Dial policy names.
    const serviceRoles = (line: string | undefined) => [...(line ?? '').matchAll(/--service-roles (\S+)/g)].map((m) => m[1]);
    expect(serviceRoles(serp)).toEqual(serviceRoles(dial));
    expect(serviceRoles(serp).length).toBeGreaterThan(0);
    if (id !== 'loopback-proxy-sidecar') {
      const services = (raw.services ?? '').split('\n').map((line) => `'@${line.split('=')[0]}'`);
      expect(serviceRoles(serp)).toEqual(services);
    }

    const cleanup = commands(artifact(artifacts, 'cleanup').text);
    expect(cleanup).toContain(`ziti edge delete service-policy '${role}-dial'`);
    expect(cleanup).toContain(`ziti edge delete service-edge-router-policy '${role}-service-edge-routers'`);
    expect(cleanup).toContain(`ziti edge delete edge-router-policy '${role}-edge-routers'`);
    // Policies go before the identity they select.
    const identityDelete = cleanup.findIndex((line) => line.startsWith('ziti edge delete identity '));
    expect(cleanup.findIndex((line) => line.includes('delete edge-router-policy'))).toBeLessThan(identityDelete);
  });

  it.each(EGRESS)('the %s guide says why each policy exists and when to skip it', (id) => {
    const text = guideText(id);
    expect(text).toMatch(/edge-router policy/);
    expect(text).toMatch(/service-edge-router policy/);
    expect(text).toMatch(/Helm/);
    expect(text).toMatch(/skip/i);
  });
});

describe('node proxy identity claim (issue 9 #2)', () => {
  it('single-node defaults use ReadWriteOnce', () => {
    expect(accessModeIn(artifact(build('node-proxy-daemonset'), 'helm-values'))).toBe('ReadWriteOnce');
  });

  it.each(DNS_MODES)('%s: the claim follows the node count', (dnsMode) => {
    for (const identitySource of ['enroll-token', 'identity-json']) {
      const expected = dnsMode === 'node-local-dns' ? 'ReadWriteMany' : 'ReadWriteOnce';
      expect(accessModeFor(dnsMode)).toBe(expected);
      expect(accessModeIn(artifact(build('node-proxy-daemonset', {dnsMode, identitySource}), 'helm-values'))).toBe(expected);
    }
  });

  it('an existing Secret creates no claim at all', () => {
    const values = parseYamlDocuments(artifact(build('node-proxy-daemonset', {identitySource: 'existing-secret'}), 'helm-values').text)[0];
    expect(isRecord(values) && 'pvc' in values).toBe(false);
  });

  it('the storage class help, the values note and the guide name the common defaults without ReadWriteMany', () => {
    const help = BUILDERS['node-proxy-daemonset'].fields.find((f) => f.name === 'storageClass')?.help ?? '';
    const note = artifact(build('node-proxy-daemonset', {dnsMode: 'node-local-dns'}), 'helm-values').note ?? '';
    const guide = guideText('node-proxy-daemonset');
    for (const text of [help, guide]) {
      for (const name of ['local-path', 'gp2', 'gp3', 'standard-rwo', 'managed-csi', 'ReadWriteMany']) expect(text).toContain(name);
    }
    expect(note).toMatch(/ReadWriteMany/);
    expect(BUILDERS['node-proxy-daemonset'].fields.some((f) => f.name === 'accessMode')).toBe(false);
  });
});

describe('flags the pinned Go tunneler lacks (issue 9 #4)', () => {
  const [major = 0, minor = 0] = IMAGES.zitiTunnel.tag.split('.').map(Number);
  const pinnedHasFlag = major > 2 || (major === 2 && minor >= 1);

  it('no artifact passes --dnsUpstreamMode to a ziti-tunnel older than 2.1.0', () => {
    expect(pinnedHasFlag).toBe(false);
    for (const id of Object.keys(BUILDERS) as OutcomeId[]) {
      const result = buildFromRaw(id, defaultRaw(id));
      if (!result.ok) continue;
      for (const a of result.artifacts) expect(`${a.text} ${a.note ?? ''}`).not.toContain('dnsUpstreamMode');
    }
    for (const [id, overrides] of CASES) {
      for (const a of build(id, overrides)) expect(`${a.text} ${a.note ?? ''}`).not.toContain('dnsUpstreamMode');
    }
  });

  it('every page that names --dnsUpstreamMode says it needs ziti 2.1.0 or later', () => {
    for (const {file, text} of allDocs()) {
      for (const sentence of sentences(text).filter((s) => s.includes('dnsUpstreamMode'))) {
        expect(sentence, file).toMatch(/2\.1\.0/);
        expect(sentence, file).not.toMatch(/1\.7\.0/);
      }
    }
  });
});

describe('certificate renewal, said per strategy (issue 9 #5)', () => {
  const NEGATION = /\b(never|not|no|lost|without|cannot|can't|nothing)\b/i;

  it.each(SIDECARS)('%s: no artifact or page sentence claims the sidecar renews its certificate', (id) => {
    const texts = [
      ...build(id).flatMap((a) => [a.text, a.note ?? '']),
      guideText(id),
      ...Object.values(OUTCOMES[id].needs),
    ];
    for (const sentence of texts.flatMap(sentences).filter((s) => /renew/i.test(s))) {
      expect(sentence, id).toMatch(NEGATION);
    }
    expect(OUTCOMES[id].needs.storage).toMatch(/never renews/);
  });

  it.each(EGRESS)('%s: the guide says when the identity stops working, how to see the expiry date and how to re-enroll', (id) => {
    const text = guideText(id);
    expect(text).toMatch(/one year|1 year|a year/);
    expect(text).toContain('openssl x509');
    expect(text).toMatch(/-enddate/);
    expect(text).toMatch(/re-enroll/i);
  });

  it.each(CASES)('%s %j: the verify step prints the certificate expiry date', (id, overrides) => {
    expect(artifact(build(id, overrides), 'verify').text).toContain('openssl x509 -noout -enddate');
  });

  it('the node proxy says renewal is kept only on the writable claim', () => {
    const text = guideText('node-proxy-daemonset');
    expect(text).toMatch(/ziti-edge-tunnel[^.]*renews/);
    expect(artifact(build('node-proxy-daemonset'), 'helm-values').note).toMatch(/keeps the certificates it renews/);
    expect(artifact(build('node-proxy-daemonset', {identitySource: 'existing-secret'}), 'helm-values').note).toMatch(/renewal is lost/);
  });
});

describe('node proxy guide: what the probe checks, and the enrollment race (issue 9 #8, #10)', () => {
  it('says the liveness probe does not catch a false tunnel_status', () => {
    const text = guideText('node-proxy-daemonset');
    expect(text).toMatch(/jq -e/);
    expect(text).toMatch(/tunnel_status/);
  });

  it('says several nodes race to enroll, show CrashLoopBackOff briefly and settle', () => {
    const text = guideText('node-proxy-daemonset');
    expect(text).toMatch(/CrashLoopBackOff/);
    expect(text).toMatch(/settles/);
  });
});

/** The parts of a pod spec a strategic merge patch merges by `name`. */
const MERGE_BY_NAME = new Set(['containers', 'initContainers', 'volumes', 'env', 'volumeMounts']);

/** Strategic merge as kubectl applies it for the keys these patches use: maps merge, named lists merge by name, the rest replaces. */
function strategicMerge(base: unknown, patch: unknown, key = ''): unknown {
  if (Array.isArray(patch) && Array.isArray(base) && MERGE_BY_NAME.has(key)) {
    const merged = base.map((item) => {
      const over = patch.find((p) => isRecord(p) && isRecord(item) && p.name === item.name);
      return over ? strategicMerge(item, over) : item;
    });
    for (const item of patch) if (!merged.some((m) => isRecord(m) && isRecord(item) && m.name === item.name)) merged.push(item);
    return merged;
  }
  if (isRecord(patch) && isRecord(base)) {
    const out: Record<string, unknown> = {...base};
    for (const [k, v] of Object.entries(patch)) out[k] = k in base ? strategicMerge(base[k], v, k) : v;
    return out;
  }
  return patch;
}

describe('sidecars: start order and the patch for an existing workload (issue 15 #2)', () => {
  it.each(SIDECARS)('%s runs the tunneler as a native sidecar by default, and as a plain container when asked', (id) => {
    const native = firstDoc<DeploymentLike>(artifact(build(id), 'manifest')).spec.template.spec;
    expect(native.initContainers?.map((c) => [c.name, c.restartPolicy])).toEqual([['ziti-tunnel', 'Always']]);
    expect(native.containers.map((c) => c.name)).toEqual(['app']);
    const plain = firstDoc<DeploymentLike>(artifact(build(id, {sidecarStart: 'container'}), 'manifest')).spec.template.spec;
    expect(plain.initContainers).toBeUndefined();
    expect(plain.containers.map((c) => c.name)).toEqual(['app', 'ziti-tunnel']);
    const field = BUILDERS[id].fields.find((f) => f.name === 'sidecarStart');
    expect(field?.help).toMatch(/1\.28/);
    expect(guideText(id)).toMatch(/1\.29/);
  });

  it.each(CASES.filter(([id]) => SIDECARS.includes(id)))('%s %j: the patch turns the bare workload into the full manifest', (id, overrides) => {
    // The same values on the two paths: the new Deployment, and the patch for the reader's own.
    const full = firstDoc<DeploymentLike>(artifact(build(id, overrides), 'manifest'));
    const existing = build(id, {...overrides, workloadTarget: 'existing'});
    const patch = firstDoc<unknown>(artifact(existing, 'manifest'));
    // The reader's own Deployment: the app container alone, default DNS, no sidecar volume.
    const spec = full.spec.template.spec;
    const bare = {
      ...full,
      spec: {
        ...full.spec,
        template: {
          ...full.spec.template,
          spec: {containers: spec.containers.filter((c) => c.name === 'app'), restartPolicy: 'Always'},
        },
      },
    };
    const merged = strategicMerge(bare, patch) as DeploymentLike;
    expect(merged.spec.template.spec).toEqual(spec);
    const apply = artifact(existing, 'manifest-apply').text;
    expect(apply).toContain(`--type strategic --patch-file ${artifact(existing, 'manifest').fileName}`);
    expect(apply).toContain('--dry-run=server');
  });

  it.each(SIDECARS)('the %s guide explains both paths and how to switch, and offers the patch instead of "copy these parts"', (id) => {
    const text = guideText(id);
    expect(text).toMatch(/Where the sidecar goes/);
    expect(text).toMatch(/A workload I already run/);
    expect(text).not.toMatch(/copy the sidecar container/i);
  });
});

describe('transparent sidecar: the services dialled and the cluster DNS address (issue 15 #2)', () => {
  it('a filled-in form leaves no placeholder service behind, here or in the other two egress strategies', () => {
    const cases: Record<string, string>[] = [{}, {services: 'billing=billing.ziti:443'}];
    for (const overrides of cases) {
      for (const id of EGRESS) for (const a of build(id, overrides)) expect(a.text).not.toContain('YOUR-SERVICE');
    }
  });

  it('policies, policy advisor and requests use the typed services', () => {
    const artifacts = build('transparent-proxy-sidecar', {services: 'billing=billing.corp.ziti:443\nraw=[fd00::9]:8080'});
    const policies = artifact(artifacts, 'policies').text;
    expect(policies).toContain("--service-roles '@billing'");
    expect(policies).toContain("--service-roles '@raw'");
    const verify = commands(artifact(artifacts, 'verify').text);
    expect(verify).toContain("ziti edge policy-advisor services 'billing' -q");
    const inApp = verify.filter((line) => line.includes('--container app --'));
    expect(inApp).toContain("kubectl exec --namespace 'default' 'deployment/my-app' --container app -- nslookup 'billing.corp.ziti'");
    expect(inApp.some((line) => line.endsWith("'http://billing.corp.ziti:443/'"))).toBe(true);
    expect(inApp.some((line) => line.endsWith("'http://[fd00::9]:8080/'"))).toBe(true);
    // No lookup of an IP address.
    expect(inApp.some((line) => line.includes('nslookup') && line.includes('fd00::9'))).toBe(false);
  });

  it('asks for the cluster DNS lookup first: first field, first artifact, and the help names the usual values', () => {
    const fields = BUILDERS['transparent-proxy-sidecar'].fields;
    expect(fields[0]?.name).toBe('clusterDnsIp');
    for (const ip of ['10.96.0.10', '10.43.0.10', '10.100.0.10', '172.20.0.10', '10.0.0.10']) expect(fields[0]?.help).toContain(ip);
    expect(fields[0]?.help).toContain('kubectl --namespace kube-system get service kube-dns');
    expect(build('transparent-proxy-sidecar')[0]?.id).toBe('cluster-dns');
    const guide = guideText('transparent-proxy-sidecar');
    expect(guide.indexOf("only={['cluster-dns']}")).toBeLessThan(guide.indexOf("only={['identity', 'policies']}"));
  });
});

/* ------------------------------------------------------------------ */
/* Node proxy DNS steps, run against a fake kubectl                    */
/* ------------------------------------------------------------------ */

const KUBEADM_COREFILE = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const NODE_LOCAL_COREFILE = `cluster.local:53 {
    errors
    cache {
            success 9984 30
            denial 9984 5
    }
    reload
    loop
    bind 169.254.20.10 10.96.0.10
    forward . __PILLAR__CLUSTER__DNS__ {
            force_tcp
    }
    health 169.254.20.10:8080
    }
.:53 {
    errors
    cache 30
    reload
    loop
    bind 169.254.20.10 10.96.0.10
    forward . __PILLAR__UPSTREAM__SERVERS__
    }
`;

/**
 * A kubectl that answers `get configmap ... {.data.Corefile}` from a file (as
 * jsonpath does, without a trailing newline) and applies merge patches to it;
 * helm and ziti only log. Enough to run the generated DNS steps end to end.
 */
function fakeTools(dir: string): void {
  const kubectl = `#!/bin/bash
echo "kubectl $*" >> "${dir}/calls.log"
if [[ "$*" == *"get configmap"*"{.data.Corefile}"* ]]; then printf '%s' "$(cat "${dir}/Corefile")"; exit 0; fi
if [[ "$*" == *"patch configmap"*"--type merge --patch-file"* ]]; then
  for last in "$@"; do :; done
  node -e 'const y=require(process.argv[1]);const d=y.load(require("fs").readFileSync(process.argv[2],"utf8"));require("fs").writeFileSync(process.argv[3],d.data.Corefile)' "${path.join(REPO_ROOT, 'node_modules/js-yaml')}" "$last" "${dir}/Corefile"
fi
exit 0
`;
  writeFileSync(path.join(dir, 'kubectl'), kubectl);
  writeFileSync(path.join(dir, 'helm'), `#!/bin/bash\necho "helm $*" >> "${dir}/calls.log"\n`);
  writeFileSync(path.join(dir, 'ziti'), `#!/bin/bash\necho "ziti $*" >> "${dir}/calls.log"\n`);
  for (const tool of ['kubectl', 'helm', 'ziti']) chmodSync(path.join(dir, tool), 0o755);
}

function runIn(dir: string, text: string): void {
  // The private folder the identity step made (steps that touch tokens check for it, and make one otherwise).
  const secrets = path.join(dir, 'secrets');
  mkdirSync(secrets, {recursive: true, mode: 0o700});
  const result = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', text], {
    cwd: dir,
    env: {...process.env, PATH: `${dir}:${process.env.PATH ?? ''}`, ZITI_SECRETS_DIR: secrets},
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

describe('node proxy: DNS for the reader\'s cluster (issue 15 #3)', () => {
  it.each([
    ['coredns-corefile', KUBEADM_COREFILE, null],
    ['node-local-dns', NODE_LOCAL_COREFILE, 'bind 169.254.20.10 10.96.0.10'],
  ] as const)('%s: the steps add the block once, CoreDNS can read it, and clean-up restores the Corefile', (dnsMode, corefile, bind) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'egress-dns-'));
    try {
      fakeTools(dir);
      writeFileSync(path.join(dir, 'Corefile'), corefile);
      const artifacts = build('node-proxy-daemonset', {dnsMode, zitiDomain: 'corp.ziti.example', services: 'web=web.corp.ziti.example:80'});
      runIn(dir, artifact(artifacts, 'dns').text);
      runIn(dir, artifact(artifacts, 'dns-apply').text);
      const patched = readFileSync(path.join(dir, 'Corefile'), 'utf8');
      expect(patched.startsWith(corefile)).toBe(true);
      const added = patched.slice(corefile.length);
      expect(added).toBe(
        ['corp.ziti.example:53 {', ...(bind ? [`    ${bind}`] : []), '    errors', '    forward . 100.64.0.2', '}', ''].join('\n'),
      );
      // Running the step again adds nothing.
      runIn(dir, artifact(artifacts, 'dns-apply').text);
      expect(readFileSync(path.join(dir, 'Corefile'), 'utf8')).toBe(patched);
      expect(readFileSync(path.join(dir, `${dnsMode === 'node-local-dns' ? 'node-local-dns' : 'coredns'}-Corefile.backup`), 'utf8')).toBe(corefile);
      runIn(dir, artifact(artifacts, 'cleanup').text);
      expect(readFileSync(path.join(dir, 'Corefile'), 'utf8')).toBe(corefile);
      const calls = readFileSync(path.join(dir, 'calls.log'), 'utf8');
      expect(calls).toContain(`rollout restart ${dnsMode === 'node-local-dns' ? 'daemonset/node-local-dns' : 'deployment/coredns'}`);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it.each(DNS_MODES)('%s: verify checks the forward in the DNS config and with a lookup from a pod', (dnsMode) => {
    const verify = artifact(build('node-proxy-daemonset', {dnsMode}), 'verify').text;
    expect(verify).toMatch(/kubectl -n kube-system get configmap (coredns|coredns-custom|kube-dns|node-local-dns) /);
    expect(verify).toMatch(/kubectl run ziti-dns-check .* -- nslookup /);
  });

  it('kube-dns gets a stub domain; coredns-custom checks that CoreDNS imports it', () => {
    const kubeDns = firstDoc<{metadata: unknown; data: {stubDomains: string}}>(artifact(build('node-proxy-daemonset', {dnsMode: 'kube-dns'}), 'dns'));
    expect(kubeDns.metadata).toEqual({name: 'kube-dns', namespace: 'kube-system'});
    expect(JSON.parse(kubeDns.data.stubDomains)).toEqual({ziti: ['100.64.0.2']});
    const custom = artifact(build('node-proxy-daemonset'), 'dns-apply').text;
    expect(custom).toContain('import .*custom/\\*\\.server');
  });

  it('several nodes only with NodeLocal DNSCache: the option labels say so', () => {
    const options = BUILDERS['node-proxy-daemonset'].fields.find((f) => f.name === 'dnsMode')?.options ?? [];
    for (const option of options) {
      expect(option.label).toMatch(option.value === 'node-local-dns' ? /^Several nodes/ : /^One node/);
    }
    expect(options.map((o) => o.value)).toEqual([...DNS_MODES]);
  });
});

/* ------------------------------------------------------------------ */
/* shellcheck                                                          */
/* ------------------------------------------------------------------ */

const SHELLCHECK = process.env.SHELLCHECK ?? '/usr/bin/shellcheck';

describe('shellcheck over every egress bash artifact', () => {
  it('shellcheck is installed (CI installs it; set SHELLCHECK to use another path)', () => {
    expect(existsSync(SHELLCHECK), `${SHELLCHECK} is missing: apt-get install -y shellcheck`).toBe(true);
  });

  it.each(CASES)('%s %j: no shellcheck findings', (id, overrides) => {
    if (!existsSync(SHELLCHECK)) throw new Error(`${SHELLCHECK} is missing`);
    for (const a of build(id, overrides).filter((x) => x.language === 'bash')) {
      const out = spawnSync(SHELLCHECK, ['--shell=bash', '--severity=style', '-'], {input: a.text, encoding: 'utf8'});
      expect(out.stdout, `${id} ${a.id}\n${a.text}`).toBe('');
      expect(out.status).toBe(0);
    }
  });

  it('bash -n accepts them too', () => {
    for (const [id, overrides] of CASES) {
      for (const a of build(id, overrides).filter((x) => x.language === 'bash')) {
        expect(() => execFileSync('bash', ['-n'], {input: a.text})).not.toThrow();
      }
    }
  });
});

describe('an ingress guide, then an egress guide, with the defaults (issue 19 #11)', () => {
  type IngressId = 'openziti-router' | 'ziti-host' | 'nginx-proxy-module';
  const INGRESS: readonly IngressId[] = ['openziti-router', 'ziti-host', 'nginx-proxy-module'];

  /** The services an ingress strategy's defaults create, with the address and port clients intercept. */
  function hostedByDefault(id: IngressId): {service: string; address: string; port: number}[] {
    const services = (() => {
      if (id === 'openziti-router') {
        const parsed = BUILDERS[id].parse(defaultRaw(id));
        return parsed.ok ? parsed.value.hostedServices : [];
      }
      if (id === 'ziti-host') {
        const parsed = BUILDERS[id].parse(defaultRaw(id));
        return parsed.ok ? parsed.value.hostedServices : [];
      }
      const parsed = BUILDERS[id].parse(defaultRaw(id));
      return parsed.ok ? parsed.value.binds : [];
    })();
    expect(services.length, `${id} defaults host no service`).toBeGreaterThan(0);
    const policies = artifactText(id, 'policies');
    for (const hosted of services) {
      // The ingress steps really create that service with that intercept.v1 address and port.
      expect(policies).toContain(`ziti edge create service '${hosted.service}'`);
      expect(policies).toContain(`"addresses":["${hosted.interceptAddress}"],"portRanges":[{"low":${hosted.port},"high":${hosted.port}}]`);
    }
    return services.map((hosted) => ({service: hosted.service, address: hosted.interceptAddress, port: hosted.port}));
  }

  function artifactText(id: OutcomeId, artifactId: string): string {
    const result = buildFromRaw(id, defaultRaw(id));
    if (!result.ok) throw new Error(`${id} defaults do not validate`);
    const found = result.artifacts.find((a) => a.id === artifactId);
    if (!found) throw new Error(`${id} has no ${artifactId} artifact`);
    return found.text;
  }

  it.each(INGRESS)('after %s, the transparent sidecar and the node proxy dial the service at the address it intercepts', (id) => {
    const hosted = hostedByDefault(id);
    const node = BUILDERS['node-proxy-daemonset'].parse(defaultRaw('node-proxy-daemonset'));
    const sidecar = BUILDERS['transparent-proxy-sidecar'].parse(defaultRaw('transparent-proxy-sidecar'));
    if (!node.ok || !sidecar.ok) throw new Error('egress defaults do not validate');
    for (const dialled of [...node.value.services, ...sidecar.value.services]) {
      expect(hosted).toContainEqual({service: dialled.service, address: dialled.host, port: dialled.port});
      // The node proxy's cluster DNS forward covers the intercept name.
      expect(dialled.host.endsWith(`.${node.value.zitiDomain}`)).toBe(true);
    }
  });

  it.each(INGRESS)('after %s, the loopback sidecar binds a service it created', (id) => {
    const hosted = hostedByDefault(id).map((entry) => entry.service);
    const loopback = BUILDERS['loopback-proxy-sidecar'].parse(defaultRaw('loopback-proxy-sidecar'));
    if (!loopback.ok) throw new Error('loopback defaults do not validate');
    for (const binding of loopback.value.bindings) expect(hosted).toContain(binding.service);
  });

  it.each(EGRESS)('%s: the guide says each service must exist, be hosted, and where to get a test service', (id) => {
    const guide = readFileSync(path.join(REPO_ROOT, GUIDE[id]), 'utf8');
    const prerequisites = (/## Prerequisites\n([\s\S]*?)\n## /.exec(guide)?.[1] ?? '').replace(/\s+/g, ' ');
    expect(prerequisites).toMatch(/intercept\.v1/);
    expect(prerequisites).toMatch(/Bind policy/);
    expect(prerequisites).toMatch(/edge-router policy/);
    expect(prerequisites).toMatch(/online/);
    expect(prerequisites).toMatch(/\]\(\.\.\/ingress\/[a-z-]+\.mdx\)/);
  });
});
