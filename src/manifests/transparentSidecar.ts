/**
 * Transparent proxy sidecar: `ziti tunnel tproxy` next to the application. It
 * intercepts with iptables TPROXY (needs NET_ADMIN) and answers the pod's DNS
 * first, so the application keeps dialling the service's own name.
 */
import {FormReader} from './common';
import {
  APP_CONTAINER,
  appContainer,
  readSidecarBase,
  sidecarBaseFields,
  sidecarCleanupArtifact,
  sidecarDeployment,
  sidecarIdentityArtifact,
  sidecarImageTagField,
  sidecarManifestArtifacts,
  sidecarSecretArtifact,
  sidecarVerifyArtifact,
  tunnelContainer,
  type SidecarBaseInput,
} from './sidecarCommon';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkIpAddress, checkSearchDomain, findDuplicates, issue, lineLabel, linePath, splitLines, type Line} from './validate';
import {placeholderDialPolicyScriptLines, placeholderPolicyAdvisorLines} from './zitiCommands';

const SLUG = 'transparent-sidecar';
/* Kubernetes refuses more search domains than this in a pod's dnsConfig. */
const MAX_SEARCHES = 32;

/** Validated form input for the transparent proxy sidecar. */
export interface TransparentSidecarInput extends SidecarBaseInput {
  /** ClusterIP of CoreDNS (kube-dns); the pod's second nameserver. */
  readonly clusterDnsIp: string;
  /** Search domains for the pod, already derived from the namespace when left empty. */
  readonly searchDomains: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  ...sidecarBaseFields({identityName: 'sidecar-client', roleAttribute: 'sidecar-clients'}),
  {
    name: 'clusterDnsIp',
    label: 'Cluster DNS IP',
    kind: 'text',
    defaultValue: '10.96.0.10',
    help: 'ClusterIP of the kube-dns Service (see "Find the cluster DNS address"); names the sidecar does not know go there.',
  },
  {
    name: 'searchDomains',
    label: 'Search domains (optional)',
    kind: 'lines',
    defaultValue: '',
    help: 'Leave empty to use NAMESPACE.svc.cluster.local, svc.cluster.local and cluster.local for the namespace above. List your own if the cluster domain is not cluster.local.',
  },
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
  const base = readSidecarBase(r);
  const clusterDnsIp = r.text('clusterDnsIp', (path, value) => {
    const problem = checkIpAddress(path, value, 'the cluster DNS IP');
    if (problem) return problem;
    // The sidecar already is 127.0.0.1; CoreDNS must be a second, different server.
    return /^(127\.|::1$|0:0:0:0:0:0:0:1$)/.test(value)
      ? issue(path, 'Use the ClusterIP of the kube-dns Service here, not a loopback address: the sidecar already listens on 127.0.0.1.')
      : undefined;
  });
  const searchDomains = readSearchDomains(r, base.namespace);
  return r.result({...base, clusterDnsIp, searchDomains});
}

function deployment(input: TransparentSidecarInput): Record<string, unknown> {
  const sidecar = tunnelContainer(input, ['tproxy'], {securityContext: {capabilities: {add: ['NET_ADMIN']}}});
  return sidecarDeployment(input, [appContainer(input), sidecar], {
    // The sidecar's nameserver first; it refuses non-Ziti names, so lookups fall through to CoreDNS.
    dnsPolicy: 'None',
    dnsConfig: {nameservers: ['127.0.0.1', input.clusterDnsIp], searches: [...input.searchDomains]},
  });
}

function build(input: TransparentSidecarInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  return [
    sidecarIdentityArtifact(input, SLUG),
    {
      id: 'policies',
      title: 'Allow the sidecar to dial your service',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script(placeholderDialPolicyScriptLines(input.roleAttribute)),
      note: "The application dials the service's intercept.v1 address; the sidecar answers that name and captures the traffic.",
    },
    sidecarSecretArtifact(input, SLUG),
    {
      id: 'cluster-dns',
      title: 'Find the cluster DNS address',
      language: 'bash',
      fileName: `${SLUG}-cluster-dns.sh`,
      text: script([
        '# ClusterIP of CoreDNS; enter it as "Cluster DNS IP".',
        `kubectl --namespace kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}{"\\n"}'`,
      ]),
      note: 'With dnsPolicy None the pod no longer gets cluster DNS automatically, so CoreDNS must be listed after the sidecar.',
    },
    ...sidecarManifestArtifacts(
      input,
      SLUG,
      deployment(input),
      'openziti/ziti-tunnel is the legacy Go tunneler image, still published with each ziti release; upstream points new deployments to openziti/ziti-edge-tunnel, but no sidecar recipe for that image exists yet.',
    ),
    sidecarVerifyArtifact(input, SLUG, [
      '# The pod should list 127.0.0.1 first, then the cluster DNS IP:',
      `kubectl exec --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)} --container ${APP_CONTAINER} -- cat /etc/resolv.conf`,
      ...placeholderPolicyAdvisorLines(),
    ]),
    sidecarCleanupArtifact(input, SLUG),
  ];
}

export const transparentSidecar: StrategyBuilder<TransparentSidecarInput> = {
  id: 'transparent-proxy-sidecar',
  fields: FIELDS,
  parse,
  build,
};
