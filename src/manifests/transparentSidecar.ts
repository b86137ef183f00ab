/**
 * Transparent proxy sidecar: `ziti tunnel tproxy` next to the application. It
 * intercepts with iptables TPROXY (needs NET_ADMIN) and answers the pod's DNS
 * first, so the application keeps dialling the service's own name.
 */
import {FormReader} from './common';
import {
  appExecPrefix,
  appContainer,
  readSidecarBase,
  sidecarBaseFields,
  sidecarCleanupArtifact,
  sidecarDeployment,
  sidecarIdentityArtifact,
  sidecarImageTagField,
  sidecarPatch,
  sidecarSecretArtifact,
  sidecarStartField,
  sidecarVerifyArtifact,
  sidecarWorkloadArtifacts,
  tunnelContainer,
  type SidecarBaseInput,
} from './sidecarCommon';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkIpAddress, checkSearchDomain, findDuplicates, issue, lineLabel, linePath, splitLines, type Line} from './validate';
import {EXAMPLE_DIALLED_SERVICES, dialPolicyScriptLines, policyAdvisorLines, readHostedServices, serviceRole, type HostedService} from './zitiCommands';

const SLUG = 'transparent-sidecar';
/* Kubernetes refuses more search domains than this in a pod's dnsConfig. */
const MAX_SEARCHES = 32;

/** The lookup the reader runs before filling in the form. */
export const CLUSTER_DNS_LOOKUP = `kubectl --namespace kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}'`;

/** Validated form input for the transparent proxy sidecar. */
export interface TransparentSidecarInput extends SidecarBaseInput {
  /** Services the application dials, with the intercept address and port it uses for each. */
  readonly services: readonly HostedService[];
  /** ClusterIP of CoreDNS (kube-dns); the pod's second nameserver. */
  readonly clusterDnsIp: string;
  /** Search domains for the pod, already derived from the namespace when left empty. */
  readonly searchDomains: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  {
    name: 'clusterDnsIp',
    label: 'Cluster DNS IP (look it up first)',
    kind: 'text',
    defaultValue: '10.96.0.10',
    help: `Run: ${CLUSTER_DNS_LOOKUP} and enter what it prints. 10.96.0.10 is only the kubeadm and kind default; k3s uses 10.43.0.10, EKS 10.100.0.10 or 172.20.0.10, AKS 10.0.0.10, and on GKE it depends on the cluster's service range.`,
  },
  ...sidecarBaseFields({identityName: 'sidecar-client', roleAttribute: 'sidecar-clients'}),
  {
    name: 'services',
    label: 'Services the application dials',
    kind: 'lines',
    defaultValue: EXAMPLE_DIALLED_SERVICES,
    help: 'One service=address:port per line: the OpenZiti service name, then an address and port from its intercept.v1 config. Each service must already exist and be hosted (a Bind policy and an online hosting identity); the default is the one the ingress guides create. The policies allow these services; the verify step looks up and connects to each address.',
  },
  {
    name: 'searchDomains',
    label: 'Search domains (optional)',
    kind: 'lines',
    defaultValue: '',
    help: 'Leave empty to use NAMESPACE.svc.cluster.local, svc.cluster.local and cluster.local for the namespace above. List your own if the cluster domain is not cluster.local.',
  },
  sidecarStartField(),
  sidecarImageTagField(),
];

/** The search list Kubernetes gives a pod in `namespace` under ClusterFirst. */
export function defaultSearchDomains(namespace: string): string[] {
  return [`${namespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
}

function readSearchDomains(r: FormReader, namespace: string): string[] {
  const field = 'searchDomains';
  const lines = splitLines(r.value(field));
  if (lines.length === 0) return defaultSearchDomains(namespace);
  if (lines.length > MAX_SEARCHES) r.add(issue(field, `Kubernetes allows at most ${MAX_SEARCHES} search domains; remove some.`));
  const entries: {line: Line; value: string}[] = [];
  for (const line of lines) {
    const problem = checkSearchDomain(linePath(field, line), line.text);
    if (problem) r.add({...problem, message: `${lineLabel(line)}: ${problem.message}`});
    else entries.push({line, value: line.text});
  }
  r.add(findDuplicates(field, entries, (value) => value, (value) => `"${value}"`));
  const domains = entries.map((entry) => entry.value);
  // The resolver limit Kubernetes enforces for the joined list.
  if (domains.join(' ').length > 2048) r.add(issue(field, 'The search domains together exceed 2048 characters; shorten the list.'));
  return domains;
}

function parse(raw: RawInput): ParseResult<TransparentSidecarInput> {
  const r = new FormReader(FIELDS, raw);
  const clusterDnsIp = r.text('clusterDnsIp', (path, value) => {
    const problem = checkIpAddress(path, value, 'the cluster DNS IP');
    if (problem) return problem;
    // The sidecar already is 127.0.0.1; CoreDNS must be a second, different server.
    return /^(127\.|::1$|0:0:0:0:0:0:0:1$)/.test(value)
      ? issue(path, 'Use the ClusterIP of the kube-dns Service here, not a loopback address: the sidecar already listens on 127.0.0.1.')
      : undefined;
  });
  const base = readSidecarBase(r);
  const services = readHostedServices(r, 'services', {required: true, allowIPv6: true});
  const searchDomains = readSearchDomains(r, base.namespace);
  return r.result({...base, services, clusterDnsIp, searchDomains});
}

function serviceRoleWords(input: TransparentSidecarInput): string[] {
  return input.services.map((entry) => shellQuote(serviceRole(entry.service)));
}

/** The sidecar container and the pod DNS fields, shared by the Deployment and the patch. */
function sidecarParts(input: TransparentSidecarInput): {sidecar: Record<string, unknown>; podExtras: Record<string, unknown>} {
  return {
    sidecar: tunnelContainer(input, ['tproxy'], {securityContext: {capabilities: {add: ['NET_ADMIN']}}}),
    podExtras: {
      // The sidecar's nameserver first; it refuses non-Ziti names, so lookups fall through to CoreDNS.
      dnsPolicy: 'None',
      dnsConfig: {nameservers: ['127.0.0.1', input.clusterDnsIp], searches: [...input.searchDomains]},
    },
  };
}

function deployment(input: TransparentSidecarInput): Record<string, unknown> {
  const {sidecar, podExtras} = sidecarParts(input);
  return sidecarDeployment(input, appContainer(input), sidecar, podExtras);
}

/** `host:port` as a URL authority (IPv6 in brackets). */
function authority(entry: HostedService): string {
  return entry.hostKind === 'ipv6' ? `[${entry.host}]:${entry.port}` : `${entry.host}:${entry.port}`;
}

/** From the application container: look up each intercepted name, then open each address. */
function requestLines(input: TransparentSidecarInput): string[] {
  const exec = appExecPrefix(input);
  const lines: string[] = [
    '# From the application container (busybox tools; use a client your image has if it differs).',
    '# A looked-up name should answer with an address in 100.64.0.0/10, the sidecar\'s range.',
  ];
  for (const entry of input.services) {
    if (entry.hostKind === 'dns') lines.push(`${exec} nslookup ${shellQuote(entry.host)}`);
  }
  lines.push('# An HTTP request through the sidecar; for a service that is not HTTP, expect a protocol error after the connection opens.');
  for (const entry of input.services) {
    lines.push(`${exec} wget -S -O /dev/null -T 10 ${shellQuote(`http://${authority(entry)}/`)}`);
  }
  return lines;
}

function build(input: TransparentSidecarInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  const words = serviceRoleWords(input);
  const {sidecar, podExtras} = sidecarParts(input);
  return [
    {
      id: 'cluster-dns',
      title: 'Find the cluster DNS address first',
      language: 'bash',
      fileName: `${SLUG}-cluster-dns.sh`,
      text: script([
        '# ClusterIP of cluster DNS; the manifest below must use it as the second nameserver.',
        `cluster_dns_ip="$(${CLUSTER_DNS_LOOKUP})"`,
        `if [ "$cluster_dns_ip" != ${shellQuote(input.clusterDnsIp)} ]; then`,
        `  echo "Cluster DNS is at \${cluster_dns_ip:-no address (is there a kube-dns Service?)}, but the files below use ${input.clusterDnsIp}." >&2`,
        `  echo 'Set "Cluster DNS IP" to the address above and copy the files again; nothing was changed.' >&2`,
        '  exit 1',
        'fi',
        `echo ${shellQuote(`Cluster DNS is at ${input.clusterDnsIp}, the address the files below use.`)}`,
      ]),
      note: 'With dnsPolicy None the pod no longer gets cluster DNS automatically, so its address must be listed after the sidecar. It differs by distribution (10.96.0.10 kubeadm and kind, 10.43.0.10 k3s, 10.100.0.10 or 172.20.0.10 EKS, 10.0.0.10 AKS, varies on GKE).',
    },
    sidecarIdentityArtifact(input, SLUG),
    {
      id: 'policies',
      title: 'Allow the sidecar to dial your services',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script(dialPolicyScriptLines(input.roleAttribute, words)),
      note: "The application dials each service's intercept.v1 address; the sidecar answers that name and captures the traffic.",
    },
    sidecarSecretArtifact(input, SLUG),
    ...sidecarWorkloadArtifacts(input, SLUG, {
      deployment: deployment(input),
      deploymentNote:
        'openziti/ziti-tunnel is the legacy Go tunneler image, still published with each ziti release; upstream points new deployments to openziti/ziti-edge-tunnel, but no sidecar recipe for that image exists yet.',
      patch: sidecarPatch(input, sidecar, podExtras),
      patchNote:
        'Adds the sidecar, the identity volume and the pod DNS settings to your own workload; its replicas, update strategy, containers and volumes stay as they are. The step records the DNS settings it replaces in two annotations, and the clean-up puts them back.',
      changesDns: true,
    }),
    sidecarVerifyArtifact(input, SLUG, [
      '# The pod should list 127.0.0.1 first, then the cluster DNS IP:',
      `${appExecPrefix(input)} cat /etc/resolv.conf`,
      ...policyAdvisorLines(input.services.map((entry) => entry.service)),
      ...requestLines(input),
    ]),
    sidecarCleanupArtifact(input, SLUG, words, true),
  ];
}

export const transparentSidecar: StrategyBuilder<TransparentSidecarInput> = {
  id: 'transparent-proxy-sidecar',
  fields: FIELDS,
  parse,
  build,
};
