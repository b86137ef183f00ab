/**
 * Inputs checked against the code that consumes the builders' output: the
 * Kubernetes API server, Helm, the upstream charts' templates, the container
 * runtime's image-reference parser, the `ziti` CLI and the tunnelers. Each row
 * names its upstream source; each class has its boundary on both sides (the
 * longest or oddest value that still works, and the first that fails).
 */
import {describe, expect, it} from 'vitest';
import type {OutcomeId} from '../../data/decisionTree';
import {helmFullname} from '../helmCommon';
import {CHARTS} from '../images';
import {buildFromRaw, defaultRaw} from '../index';
import type {Artifact} from '../types';
import {goYamlPlainType} from '../validate';
import {analyzeBash, isRecord, parseYamlDocuments} from './support';

/** What the consumer does with the input: takes it (optionally with a check on the output), or the form refuses it at `path`. */
type Expectation =
  | {readonly accept: true; readonly then?: (artifacts: readonly Artifact[]) => void}
  | {readonly refuse: string; readonly message: RegExp};

interface ConsumerCase {
  readonly name: string;
  /** Repository and path of the rule this row follows. */
  readonly source: string;
  readonly strategy: OutcomeId;
  readonly input: Record<string, string>;
  readonly expect: Expectation;
}

const accept = (then?: (artifacts: readonly Artifact[]) => void): Expectation => (then ? {accept: true, then} : {accept: true});
const refuse = (path: string, message: RegExp): Expectation => ({refuse: path, message});

function artifact(artifacts: readonly Artifact[], id: string): Artifact {
  const found = artifacts.find((a) => a.id === id);
  if (!found) throw new Error(`no artifact ${id}`);
  return found;
}

/** The first Kubernetes object of a YAML artifact. */
function firstObject(artifacts: readonly Artifact[], id: string): Record<string, unknown> {
  const doc = parseYamlDocuments(artifact(artifacts, id).text).find((d) => isRecord(d) && 'kind' in d && d.kind !== 'ConfigMap');
  if (!isRecord(doc)) throw new Error(`no object in ${id}`);
  return doc;
}

function podSpec(deployment: Record<string, unknown>): Record<string, unknown> {
  const spec = deployment.spec as {template: {spec: Record<string, unknown>}};
  return spec.template.spec;
}

/** Words of every bash artifact, as bash would split them. */
function bashWords(artifacts: readonly Artifact[]): string[] {
  return artifacts.filter((a) => a.language === 'bash').flatMap((a) => analyzeBash(a.text).words.map((w) => w.text));
}

/** The word right after a command prefix such as `ziti edge create service`, wherever it occurs. */
function wordsAfter(words: readonly string[], prefix: readonly string[]): string[] {
  const found: string[] = [];
  for (let i = 0; i + prefix.length < words.length; i++) {
    if (prefix.every((word, j) => words[i + j] === word)) found.push(words[i + prefix.length] ?? '');
  }
  return found;
}

const HEX64 = 'a'.repeat(64);
const ROUTER_SECRET = {identitySource: 'existing-secret'};
const TUNNELER_SECRET = {identitySource: 'existing-secret'};

/* Class 1: names the charts derive from the release name. */
const DERIVED_NAMES: ConsumerCase[] = [
  {
    name: 'ziti-host: a 36-character release name gives a 63-character hook Job name',
    source: 'openziti/helm-charts charts/ziti-host/templates/identity-migrate-job.yaml; kubernetes/kubernetes pkg/registry/batch/job/strategy.go generateSelector',
    strategy: 'ziti-host',
    input: {releaseName: 'a'.repeat(36)},
    expect: accept(() => expect(`${helmFullname('a'.repeat(36), CHARTS.zitiHost)}-identity-migrate`).toHaveLength(63)),
  },
  {
    name: 'ziti-host: 37 characters make the Job name a 64-character pod label',
    source: 'openziti/helm-charts charts/ziti-host/templates/identity-migrate-job.yaml; kubernetes/kubernetes pkg/registry/batch/job/strategy.go generateSelector',
    strategy: 'ziti-host',
    input: {releaseName: 'a'.repeat(37)},
    expect: refuse('releaseName', /identity migration Job .*64 characters.*pod label.*36 characters/),
  },
  {
    name: 'ziti-host: a release name containing the chart name is the fullname (46 characters fit)',
    source: 'openziti/helm-charts charts/ziti-host/templates/_helpers.tpl ziti-host.fullname',
    strategy: 'ziti-host',
    input: {releaseName: `ziti-host-${'a'.repeat(36)}`},
    expect: accept(),
  },
  {
    name: 'ziti-host: ... and 47 do not',
    source: 'openziti/helm-charts charts/ziti-host/templates/_helpers.tpl ziti-host.fullname',
    strategy: 'ziti-host',
    input: {releaseName: `ziti-host-${'a'.repeat(37)}`},
    expect: refuse('releaseName', /at most|Keep the release name to 46/),
  },
  {
    name: 'router: a 46-character release name gives a 63-character transport Service',
    source: 'openziti/helm-charts charts/ziti-router/templates/service.yaml; kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateServiceName',
    strategy: 'openziti-router',
    input: {releaseName: 'a'.repeat(46)},
    expect: accept(() => expect(`${helmFullname('a'.repeat(46), CHARTS.zitiRouter)}-transport`).toHaveLength(63)),
  },
  {
    name: 'router: 47 characters make the transport Service name 64 characters',
    source: 'openziti/helm-charts charts/ziti-router/templates/service.yaml; apimachinery util/validation IsDNS1035Label',
    strategy: 'openziti-router',
    input: {releaseName: 'a'.repeat(47)},
    expect: refuse('releaseName', /transport Service .*at most 46 characters/),
  },
  {
    name: 'router: the fullname part is "router" (trimPrefix "ziti-"), so a 53-character name containing it is kept whole',
    source: 'openziti/helm-charts charts/ziti-router/templates/_helpers.tpl ziti-router.fullname',
    strategy: 'openziti-router',
    input: {releaseName: `router-${'a'.repeat(46)}`},
    expect: accept(),
  },
  {
    name: 'router: Services are DNS-1035 labels, so the release name must start with a letter',
    source: 'kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateServiceName = NameIsDNS1035Label',
    strategy: 'openziti-router',
    input: {releaseName: '1edge'},
    expect: refuse('releaseName', /edge Service "1edge-router-edge".*start with a letter/),
  },
  {
    name: 'router: ... and have no dots',
    source: 'kubernetes/kubernetes pkg/apis/core/validation/validation.go ValidateServiceName = NameIsDNS1035Label',
    strategy: 'openziti-router',
    input: {releaseName: 'team.edge'},
    expect: refuse('releaseName', /Service .*no dots and is at most 46 characters/),
  },
  {
    name: 'ziti-edge-tunnel: Helm allows 53 characters and the chart derives only subdomain names',
    source: 'helm/helm pkg/chartutil/validate_name.go maxReleaseNameLen; openziti/helm-charts charts/ziti-edge-tunnel/templates/*.yaml',
    strategy: 'node-proxy-daemonset',
    input: {releaseName: 'a'.repeat(53)},
    expect: accept(),
  },
  {
    name: 'ziti-edge-tunnel: 54 characters are refused by helm install itself',
    source: 'helm/helm pkg/chartutil/validate_name.go maxReleaseNameLen',
    strategy: 'node-proxy-daemonset',
    input: {releaseName: 'a'.repeat(54)},
    expect: refuse('releaseName', /longer than 53/),
  },
];

/* Class 2: values a chart prints without quotes, read back by Helm's go-yaml v2. */
const UNQUOTED: ConsumerCase[] = [
  ...['123', 'true', 'null', '1e3', '0x1f', 'yes', 'on', 'off', 'no', 'y', '08', '1.5', '0o17', '0b101'].map(
    (value): ConsumerCase => ({
      name: `node proxy: existing Secret "${value}" would be read as ${goYamlPlainType(value) ?? '?'}`,
      source: 'openziti/helm-charts charts/ziti-edge-tunnel/templates/daemonset.yaml secretName; kubernetes-sigs/yaml goyaml.v2/resolve.go',
      strategy: 'node-proxy-daemonset',
      input: {...TUNNELER_SECRET, secretName: value},
      expect: refuse('secretName', /without quotes.*daemonset|without quotes/),
    }),
  ),
  ...['app-123', '2001-12-14', '1.2.3', 'nan', 'inf', '0x', 'yes-please'].map(
    (value): ConsumerCase => ({
      name: `node proxy: existing Secret "${value}" stays text`,
      source: 'kubernetes-sigs/yaml goyaml.v2/resolve.go (timestamps and non-numbers stay strings)',
      strategy: 'node-proxy-daemonset',
      input: {...TUNNELER_SECRET, secretName: value},
      expect: accept(),
    }),
  ),
  {
    name: 'node proxy: storage class "1e3" is printed unquoted in the PVC',
    source: 'openziti/helm-charts charts/ziti-edge-tunnel/templates/identity-pvc.yaml storageClassName',
    strategy: 'node-proxy-daemonset',
    input: {storageClass: '1e3'},
    expect: refuse('storageClass', /storage class "1e3".*a number/),
  },
  {
    name: 'router: its storage class is quoted by the chart, so "123" is fine there',
    source: 'openziti/helm-charts charts/ziti-router/templates/pvc.yaml storageClassName: "{{ ... }}"',
    strategy: 'openziti-router',
    input: {storageClass: '123'},
    expect: accept(),
  },
  {
    name: 'router: storage class "-" is the chart\'s sentinel for storageClassName: "" (no dynamic provisioning)',
    source: 'openziti/helm-charts charts/ziti-router/templates/pvc.yaml (eq "-" .Values.persistence.storageClass)',
    strategy: 'openziti-router',
    input: {storageClass: '-'},
    expect: accept((artifacts) => {
      const values = parseYamlDocuments(artifact(artifacts, 'helm-values').text)[0];
      expect(isRecord(values) && values.persistence).toEqual({storageClass: '-'});
      expect(artifact(artifacts, 'helm-values').text).toMatch(/^ {2}storageClass: '-'$/m);
    }),
  },
  {
    name: 'node proxy: the ziti-edge-tunnel chart gives "-" no meaning, and storageClassName: - is not YAML',
    source: 'openziti/helm-charts charts/ziti-edge-tunnel/templates/identity-pvc.yaml storageClassName',
    strategy: 'node-proxy-daemonset',
    input: {storageClass: '-'},
    expect: refuse('storageClass', /gives "-" no meaning/),
  },
  {
    name: 'router: the enrollment Secret name is printed unquoted in the secretKeyRef',
    source: 'openziti/helm-charts charts/ziti-router/templates/deployment.yaml ZITI_ENROLL_TOKEN secretKeyRef',
    strategy: 'openziti-router',
    input: {...ROUTER_SECRET, secretName: 'true'},
    expect: refuse('secretName', /a boolean/),
  },
  {
    name: 'router: advertised host "on" lands unquoted in the router config read by go-yaml v2',
    source: 'openziti/helm-charts charts/ziti-router/templates/configmap.yaml csr.sans.dns; openziti/ziti router/env/config.go',
    strategy: 'openziti-router',
    input: {advertisedHost: 'on'},
    expect: refuse('advertisedHost', /a boolean/),
  },
  ...(['node-proxy-daemonset', 'ziti-host', 'openziti-router'] as const).map(
    (strategy): ConsumerCase => ({
      name: `${strategy}: release name "123" becomes a numeric app.kubernetes.io/instance label`,
      source: 'openziti/helm-charts charts/*/templates/_helpers.tpl selectorLabels',
      strategy,
      input: {releaseName: '123'},
      expect: refuse('releaseName', /app.kubernetes.io\/instance/),
    }),
  ),
  {
    name: 'ziti-host: namespace "yes" is printed unquoted in the migration RoleBinding',
    source: 'openziti/helm-charts charts/ziti-host/templates/identity-migrate-rolebinding.yaml',
    strategy: 'ziti-host',
    input: {namespace: 'yes'},
    expect: refuse('namespace', /RoleBinding/),
  },
  {
    name: 'node proxy: the ziti-edge-tunnel chart never prints the namespace, so "yes" is fine',
    source: 'openziti/helm-charts charts/ziti-edge-tunnel/templates (no .Release.Namespace)',
    strategy: 'node-proxy-daemonset',
    input: {namespace: 'yes'},
    expect: accept(),
  },
];

/* Class 3: Kubernetes' and the runtime's own rules. */
const KUBERNETES: ConsumerCase[] = [
  ...['..data', '..', '.'].map(
    (key): ConsumerCase => ({
      name: `Secret key "${key}" is refused by IsConfigMapKey`,
      source: 'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsConfigMapKey, hasChDirPrefix',
      strategy: 'node-proxy-daemonset',
      input: {...TUNNELER_SECRET, secretKey: key},
      expect: refuse('secretKey', /"\."|"\.\."/),
    }),
  ),
  ...['.hidden', 'a..b', 'k'.repeat(253)].map(
    (key): ConsumerCase => ({
      name: `Secret key "${key.slice(0, 12)}" (${key.length}) is a valid config key`,
      source: 'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsConfigMapKey',
      strategy: 'node-proxy-daemonset',
      input: {...TUNNELER_SECRET, secretKey: key},
      expect: accept(),
    }),
  ),
  {
    name: 'Secret key of 254 characters',
    source: 'kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsConfigMapKey (DNS1123SubdomainMaxLength)',
    strategy: 'node-proxy-daemonset',
    input: {...TUNNELER_SECRET, secretKey: 'k'.repeat(254)},
    expect: refuse('secretKey', /253/),
  },
  ...['example.com.', 'abc_d.example.com', '_sip._tcp.example.com', '.', `${'a'.repeat(63)}.com`].map(
    (domain): ConsumerCase => ({
      name: `search domain "${domain.slice(0, 24)}" passes relaxed search validation and is kept as typed`,
      source: 'kubernetes/kubernetes pkg/apis/core/validation/validation.go validatePodDNSConfig (RelaxedDNSSearchValidation)',
      strategy: 'transparent-proxy-sidecar',
      input: {searchDomains: domain},
      expect: accept((artifacts) => {
        const dns = podSpec(firstObject(artifacts, 'manifest')).dnsConfig as {searches: string[]};
        expect(dns.searches).toEqual([domain]);
      }),
    }),
  ),
  ...['Example.com', 'a_.example.com', 'a..b', '-a.com', `${'a'.repeat(64)}.com`].map(
    (domain): ConsumerCase => ({
      name: `search domain "${domain.slice(0, 24)}" is refused`,
      source: 'kubernetes/kubernetes pkg/apis/core/validation/validation.go validatePodDNSConfig; RFC 1035 2.3.4 (63-octet labels)',
      strategy: 'transparent-proxy-sidecar',
      input: {searchDomains: domain},
      expect: refuse('searchDomains[0]', /search domain/),
    }),
  ),
  ...[
    `registry.example.com/app@sha256:${HEX64}`,
    `registry.example.com/app:1.0@sha384:${'b'.repeat(96)}`,
    `registry.example.com/app@sha512:${'c'.repeat(128)}`,
    '[fd00::1]:5000/team/app:1.0',
    '[fd00::1]/app:1.0',
    'Registry.Example.com/app:1.0',
    `registry.example.com/app:${'t'.repeat(128)}`,
    `registry.example.com/${'p'.repeat(255)}:1`,
    `${'p'.repeat(247)}:1`,
  ].map(
    (image): ConsumerCase => ({
      name: `image "${image.slice(0, 40)}" (${image.length}) parses as the runtime parses it`,
      source: 'distribution/reference regexp.go, normalize.go, reference.go; opencontainers/go-digest algorithm.go',
      strategy: 'transparent-proxy-sidecar',
      input: {appImage: image},
      expect: accept(),
    }),
  ),
  ...(
    [
      [`registry.example.com/app@sha256:${'A'.repeat(64)}`, /lower-case hex/],
      [`registry.example.com/app@sha256:${'a'.repeat(63)}`, /exactly 64/],
      [`registry.example.com/app@md5:${'a'.repeat(32)}`, /md5.*not one the container runtime supports/],
      ['registry.example.com/App:1.0', /must be lowercase/],
      [`registry.example.com/app:${'t'.repeat(129)}`, /not a valid image reference/],
      [`registry.example.com/${'p'.repeat(256)}:1`, /longer than 255/],
      [`${'p'.repeat(248)}:1`, /longer than 255/],
      ['[fd00::1%eth0]:5000/app:1', /not a valid image reference/],
    ] as const
  ).map(
    ([image, message]): ConsumerCase => ({
      name: `image "${image.slice(0, 40)}" (${image.length}) is refused by the runtime`,
      source: 'distribution/reference regexp.go, normalize.go, reference.go; opencontainers/go-digest algorithm.go',
      strategy: 'transparent-proxy-sidecar',
      input: {appImage: image},
      expect: refuse('appImage', message),
    }),
  ),
];

/* Class 4: what the ziti CLI and the tunnelers do with a name. */
const ZITI: ConsumerCase[] = [
  {
    name: 'a service name starting with "-" would be read as flags by cobra',
    source: 'openziti/ziti ziti/cmd (cobra/pflag positional arguments)',
    strategy: 'ziti-host',
    input: {hostedServices: '-svc=web.default.svc:80'},
    expect: refuse('hostedServices[0].service', /start with "-".*option/),
  },
  {
    name: 'a "-" inside or at the end of a name is an ordinary character',
    source: 'openziti/ziti ziti/cmd (cobra/pflag positional arguments)',
    strategy: 'ziti-host',
    input: {hostedServices: 'svc-=web.default.svc:80', interceptAddresses: 'svc-=svc.ziti.internal'},
    expect: accept((artifacts) => expect(wordsAfter(bashWords(artifacts), ['ziti', 'edge', 'create', 'service'])).toEqual(['svc-'])),
  },
  {
    name: 'a backslash breaks the name="…" ZitiQL filter the CLI builds',
    source: 'openziti/ziti ziti/cmd/edge/common.go mapNameToID; openziti/foundation storage/zitiql/ZitiQl.g4 STRING',
    strategy: 'ziti-host',
    input: {hostedServices: 'a\\b=web.default.svc:80'},
    expect: refuse('hostedServices[0].service', /backslash/),
  },
  {
    name: 'a service name starting with "name:" would make ziti edge delete remove another service',
    source: 'openziti/ziti ziti/cmd/edge/common.go mapNamesToIDs (id:/name: prefixes); ziti/cmd/edge/delete.go',
    strategy: 'ziti-host',
    input: {hostedServices: 'name:web=web.default.svc:80'},
    expect: refuse('hostedServices[0].service', /"name:"/),
  },
  {
    name: '"id" and "name" elsewhere in a service name are ordinary text',
    source: 'openziti/ziti ziti/cmd/edge/common.go mapNamesToIDs',
    strategy: 'ziti-host',
    input: {hostedServices: 'web-id:x=web.default.svc:80', interceptAddresses: 'web-id:x=web.ziti.internal'},
    expect: accept(),
  },
  {
    name: 'loopback: two bindings of one service leave one listener',
    source: 'openziti/ziti tunnel/intercept/proxy/proxy.go New (services[parts[0]] = service)',
    strategy: 'loopback-proxy-sidecar',
    input: {bindings: 'svc:8443\nsvc:9000:tcp'},
    expect: refuse('bindings[1]', /one listener per service name/),
  },
  {
    name: 'loopback: one binding per service, TCP and UDP on the same port number, is fine',
    source: 'openziti/ziti tunnel/intercept/proxy/proxy.go New',
    strategy: 'loopback-proxy-sidecar',
    input: {bindings: 'dns-tcp:53\ndns-udp:53:udp'},
    expect: accept(),
  },
  {
    name: 'loopback: "-svc:80" would be a flag to ziti tunnel proxy',
    source: 'openziti/ziti ziti/tunnel/proxy.go (cobra command)',
    strategy: 'loopback-proxy-sidecar',
    input: {bindings: '-svc:80'},
    expect: refuse('bindings[0].service', /start with "-"/),
  },
  {
    name: 'router: an IPv6 host.v1 address would be joined to its port without brackets',
    source: 'openziti/ziti tunnel/intercept/hosting.go Dial (xAddress+":"+port)',
    strategy: 'openziti-router',
    input: {hostedServices: 'v6=[fd00::5]:8443'},
    expect: refuse('hostedServices[0].target', /without brackets/),
  },
  {
    name: 'ziti-host: the C tunneler resolves address and port separately, so an IPv6 host.v1 address works',
    source: 'openziti/ziti-tunnel-sdk-c lib/ziti-tunnel-cbs/ziti_hosting.c on_hosted_client_connect (uv_getaddrinfo(ip_or_hn, port))',
    strategy: 'ziti-host',
    input: {hostedServices: 'v6=[fd00::5]:8443'},
    expect: accept((artifacts) => expect(bashWords(artifacts)).toContain('{"protocol":"tcp","address":"fd00::5","port":8443}')),
  },
  {
    name: 'router: an IPv4 host.v1 address is dialled as address:port',
    source: 'openziti/ziti tunnel/intercept/hosting.go Dial',
    strategy: 'openziti-router',
    input: {hostedServices: 'v4=10.0.0.5:8443'},
    expect: accept(),
  },
  {
    name: 'router: an IPv6 controller endpoint is written tls:[addr]:port, which the transport parses',
    source: 'openziti/helm-charts charts/ziti-router/templates/configmap.yaml ctrl.endpoint',
    strategy: 'openziti-router',
    input: {controllerEndpoint: '[fd00::1]:1280'},
    expect: accept(),
  },
  {
    name: 'nginx: the module opens IPv4 upstream sockets only',
    source: 'openziti/ngx_ziti_module README (upstream)',
    strategy: 'nginx-proxy-module',
    input: {binds: 'svc=[fd00::1]:443'},
    expect: refuse('binds[0].target', /IPv6/),
  },
];

/* Class 5: inputs that would take over something else. */
const TAKEOVER: ConsumerCase[] = [
  ...['cluster.local', 'local', 'svc.cluster.local', 'ziti.svc.cluster.local', 'pod.cluster.local', 'in-addr.arpa', '10.in-addr.arpa', 'arpa', 'ip6.arpa'].map(
    (domain): ConsumerCase => ({
      name: `Ziti DNS domain "${domain}" would capture cluster lookups`,
      source: 'kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go (kubernetes cluster.local in-addr.arpa ip6.arpa)',
      strategy: 'node-proxy-daemonset',
      input: {zitiDomain: domain},
      expect: refuse('zitiDomain', /cluster|reverse-lookup/),
    }),
  ),
  ...['ziti.internal', 'ziti', 'cluster.local.example', 'ziti.cluster.local'].map(
    (domain): ConsumerCase => ({
      name: `Ziti DNS domain "${domain}" takes over nothing the cluster serves`,
      source: 'kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go',
      strategy: 'node-proxy-daemonset',
      // The node proxy intercepts only names under its domain, so the service address moves with it.
      input: {zitiDomain: domain, services: `my-service=my-service.${domain}:80`},
      expect: accept((artifacts) => expect(artifact(artifacts, 'dns').text).toContain(`${domain}:53 {`)),
    }),
  ),
];

/* Class 6: valid input a reader will type. */
const READER: ConsumerCase[] = [
  ...(['openziti-router', 'ziti-host'] as const).map(
    (strategy): ConsumerCase => ({
      name: `${strategy}: an upper-case FQDN with a trailing dot is a host.v1 address the resolver takes`,
      source: 'openziti/ziti controller/db/migration_initialize.go (host.v1 dialAddress "idn-hostname"); tunnel/intercept/hosting.go net.Dial',
      strategy,
      input: {hostedServices: 'web=Web.Example.COM.:8443'},
      expect: accept((artifacts) => {
        const words = bashWords(artifacts);
        const config = words[words.indexOf('host.v1') + 1] ?? '';
        expect(JSON.parse(config)).toEqual({protocol: 'tcp', address: 'Web.Example.COM.', port: 8443});
      }),
    }),
  ),
  {
    name: 'ziti-host: a service name with spaces stays one word in every command and one @role',
    source: 'openziti/ziti ziti/cmd/edge/common.go mapNameToID (name="My Service"); pflag StringSlice (CSV keeps spaces)',
    strategy: 'ziti-host',
    input: {hostedServices: 'My Service=web.default.svc:80', interceptAddresses: 'My Service=my-service.ziti.internal'},
    expect: accept((artifacts) => {
      const words = bashWords(artifacts);
      expect(wordsAfter(words, ['ziti', 'edge', 'create', 'service'])).toEqual(['My Service']);
      expect(wordsAfter(words, ['ziti', 'edge', 'delete', 'service'])).toEqual(['My Service']);
      expect(wordsAfter(words, ['--service-roles'])).toContain('@My Service');
      expect(wordsAfter(words, ['ziti', 'edge', 'policy-advisor', 'services'])).toEqual(['My Service']);
    }),
  },
  {
    name: 'loopback: a service name with spaces reaches ziti tunnel proxy as one argument',
    source: 'openziti/ziti dist/docker-images/ziti-tunnel/entrypoint.sh ("${@}"); tunnel/intercept/proxy/proxy.go (split on ":")',
    strategy: 'loopback-proxy-sidecar',
    input: {bindings: 'my svc:8443'},
    expect: accept((artifacts) => {
      const spec = podSpec(firstObject(artifacts, 'manifest'));
      // A native sidecar sits among the init containers.
      const containers = [...((spec.initContainers ?? []) as unknown[]), ...((spec.containers ?? []) as unknown[])] as {
        name: string;
        args?: string[];
      }[];
      expect(containers.find((c) => c.name === 'ziti-tunnel')?.args).toEqual(['proxy', 'my svc:8443']);
      expect(wordsAfter(bashWords(artifacts), ['--service-roles'])).toContain('@my svc');
    }),
  },
  {
    name: 'node proxy: a dotted release name (Helm allows it; the chart derives only subdomain names)',
    source: 'helm/helm pkg/chartutil/validate_name.go validName; openziti/helm-charts charts/ziti-edge-tunnel/templates/*.yaml',
    strategy: 'node-proxy-daemonset',
    input: {releaseName: 'team.tunnel'},
    expect: accept((artifacts) => expect(bashWords(artifacts)).toContain('daemonset/team.tunnel-ziti-edge-tunnel')),
  },
  {
    name: 'ziti-host: a dotted release name (its Job name is a label value, which allows dots)',
    source: 'helm/helm pkg/chartutil/validate_name.go validName; apimachinery content.IsLabelValue',
    strategy: 'ziti-host',
    input: {releaseName: 'team.host'},
    expect: accept(),
  },
  {
    name: 'a release name with an upper-case letter is still refused by Helm',
    source: 'helm/helm pkg/chartutil/validate_name.go validName',
    strategy: 'node-proxy-daemonset',
    input: {releaseName: 'Tunnel'},
    expect: refuse('releaseName', /helm install refuses/),
  },
];

const CLASSES: Record<string, ConsumerCase[]> = {
  '1 names the charts derive': DERIVED_NAMES,
  '2 values the charts print unquoted': UNQUOTED,
  "3 Kubernetes' and the runtime's own rules": KUBERNETES,
  '4 what the ziti CLI and tunnelers do with a name': ZITI,
  '5 inputs that would take over something else': TAKEOVER,
  '6 valid input a reader will type': READER,
};

for (const [title, cases] of Object.entries(CLASSES)) {
  describe(`class ${title}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, row) => {
      expect(row.source.length).toBeGreaterThan(10);
      const result = buildFromRaw(row.strategy, {...defaultRaw(row.strategy), ...row.input});
      const expectation = row.expect;
      if ('accept' in expectation) {
        if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.issues)}`);
        expectation.then?.(result.artifacts);
        return;
      }
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const found = result.issues.find((i) => i.path === expectation.refuse);
      expect(found, JSON.stringify(result.issues)).toBeDefined();
      expect(found?.message).toMatch(expectation.message);
      // Every refusal names the field it is about and says what would fail.
      expect(found?.message.length).toBeGreaterThan(30);
    });
  });
}

describe("Helm's YAML reading of plain scalars (kubernetes-sigs/yaml goyaml.v2/resolve.go)", () => {
  it.each([
    ['123', 'a number'],
    ['-1', 'a number'],
    ['0x1F', 'a number'],
    ['0o17', 'a number'],
    ['017', 'a number'],
    ['08', 'a number'],
    ['1_000', 'a number'],
    ['1e3', 'a number'],
    ['1.5', 'a number'],
    ['.5', 'a number'],
    ['.inf', 'a number'],
    ['99999999999999999999999', 'a number'],
    ['true', 'a boolean'],
    ['True', 'a boolean'],
    ['yes', 'a boolean'],
    ['Y', 'a boolean'],
    ['off', 'a boolean'],
    ['null', 'null'],
    ['~', 'null'],
    ['', 'null'],
  ])('%j is %s', (value, type) => {
    expect(goYamlPlainType(value)).toBe(type);
  });
  it.each(['yes-no', 'truex', '1.2.3', '2001-12-14', '1e', '0x', 'nan', 'inf', 'NULLABLE', 'a123', '1e400'])('%j stays text', (value) => {
    expect(goYamlPlainType(value)).toBeUndefined();
  });
});

describe('helmFullname follows each chart\'s _helpers.tpl', () => {
  it.each([
    ['ziti-edge-tunnel', CHARTS.zitiEdgeTunnel, 'ziti-edge-tunnel'],
    ['tunnel', CHARTS.zitiEdgeTunnel, 'tunnel-ziti-edge-tunnel'],
    ['ziti-router', CHARTS.zitiRouter, 'ziti-router'],
    ['edge1', CHARTS.zitiRouter, 'edge1-router'],
    ['my-ziti-host', CHARTS.zitiHost, 'my-ziti-host'],
    ['a'.repeat(53), CHARTS.zitiEdgeTunnel, `${'a'.repeat(53)}-ziti-edge-t`.slice(0, 63)],
  ])('%s with %o gives %s', (release, chart, fullname) => {
    expect(helmFullname(release, chart)).toBe(fullname);
  });
});
