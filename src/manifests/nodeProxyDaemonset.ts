/**
 * Node proxy DaemonSet: chart `ziti-edge-tunnel` runs `ziti-edge-tunnel run` on
 * every node (host network, privileged) and CoreDNS or NodeLocal DNS forwards
 * the Ziti domain to its nameserver at 100.64.0.2.
 */
import {
  CHARTS,
  FormReader,
  checks,
  createIdentityLines,
  deleteIdentityLines,
  enabledField,
  identityNameField,
  identitySecretArtifact,
  imageTagField,
  namespaceField,
  releaseNameField,
  roleAttributeField,
  type IdentitySource,
} from './common';
import {helmCleanupLines, helmFullname, helmInstallArtifact, helmValuesArtifact, readChartReleaseBase} from './helmCommon';
import {IMAGES} from './images';
import {script, shellQuote} from './shell';
import {readTunnelerIdentity, tunnelerIdentityFields, tunnelerSecretValues, tunnelerSetFiles, type TunnelerIdentity} from './tunnelerChart';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {
  checkAbsolutePath,
  checkLabelKey,
  checkLabelValue,
  checkUnquotedInChart,
  checkZitiDnsDomain,
  findDuplicates,
  issue,
  lineLabel,
  linePath,
  splitLines,
  type Line,
} from './validate';
import {toYaml} from './yaml';
import {deleteDialPolicyLine, placeholderDialPolicyScriptLines, placeholderPolicyAdvisorLines} from './zitiCommands';

/** Address of the tunneler's nameserver: tun address + 1 in the default 100.64.0.1/10 range. */
export const ZITI_NAMESERVER = '100.64.0.2';
const DEFAULT_DBUS_SOCKET = '/var/run/dbus/system_bus_socket';
const SLUG = 'node-proxy';
const VALUES_FILE = 'ziti-edge-tunnel-values.yaml';
const COREDNS_FILE = 'coredns-custom.yaml';
const NODE_LOCAL_BLOCK_FILE = 'ziti-node-local-dns.server';

/** How cluster DNS reaches the node's Ziti nameserver. */
export type DnsMode = 'coredns-custom' | 'node-local-dns';
export type AccessMode = 'ReadWriteMany' | 'ReadWriteOnce';

/** Validated form input for the node proxy DaemonSet. */
export interface NodeProxyDaemonsetInput extends TunnelerIdentity {
  /** Namespace of the Helm release. */
  readonly namespace: string;
  /** Helm release name. */
  readonly releaseName: string;
  /** OpenZiti identity the tunnelers share. */
  readonly identityName: string;
  /** Role attribute given to the identity; Dial policies select `#roleAttribute`. */
  readonly roleAttribute: string;
  /** DNS domain of the services' intercept addresses, forwarded to the tunneler. */
  readonly zitiDomain: string;
  readonly dnsMode: DnsMode;
  /** Node labels the DaemonSet is limited to, in the order typed. */
  readonly nodeSelector: readonly {readonly key: string; readonly value: string}[];
  /** Only when the identity lives on the chart's PVC. */
  readonly pvc?: {readonly accessMode: AccessMode; readonly storageClass: string};
  /** Mount the host's D-Bus socket so the tunneler can configure systemd-resolved. */
  readonly systemDBus: boolean;
  readonly dbusSocketPath: string;
  readonly imageTag: string;
}

const PVC_SOURCES: IdentitySource[] = ['enroll-token', 'identity-json'];

const FIELDS: readonly FieldSpec[] = [
  namespaceField('ziti'),
  releaseNameField('ziti-edge-tunnel'),
  identityNameField('k8s-tunneler'),
  roleAttributeField('k8s-tunnelers', 'Dial policies select the tunnelers by #role-attribute.'),
  ...tunnelerIdentityFields(),
  {
    name: 'zitiDomain',
    label: 'Ziti DNS domain',
    kind: 'text',
    defaultValue: 'ziti.internal',
    help: 'Cluster DNS forwards names under this domain to the tunneler; your services’ intercept addresses must end in it.',
  },
  {
    name: 'dnsMode',
    label: 'Cluster DNS',
    kind: 'select',
    defaultValue: 'coredns-custom',
    options: [
      {value: 'coredns-custom', label: 'Single node: CoreDNS coredns-custom ConfigMap (k3s style)'},
      {value: 'node-local-dns', label: 'Multi-node: NodeLocal DNSCache'},
    ],
    help: 'With several nodes each node has its own intercept addresses, so lookups must stay on the node (NodeLocal DNSCache).',
  },
  {
    name: 'nodeSelector',
    label: 'Node selector (optional)',
    kind: 'lines',
    defaultValue: '',
    help: 'One key=value node label per line; the DaemonSet runs only on matching nodes.',
  },
  {
    name: 'accessMode',
    label: 'Identity volume access mode',
    kind: 'select',
    defaultValue: 'ReadWriteMany',
    options: [
      {value: 'ReadWriteMany', label: 'ReadWriteMany (every node shares the volume)'},
      {value: 'ReadWriteOnce', label: 'ReadWriteOnce (single node only)'},
    ],
    help: 'All DaemonSet pods mount the same claim; only ReadWriteMany works across nodes.',
    showWhen: {field: 'identitySource', values: PVC_SOURCES},
  },
  {
    name: 'storageClass',
    label: 'Storage class (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'Leave empty for the cluster default storage class.',
    showWhen: {field: 'identitySource', values: PVC_SOURCES},
  },
  enabledField({
    name: 'systemDBus',
    label: 'Host D-Bus socket',
    on: 'Mount it (chart default)',
    off: 'Do not mount it',
    help: 'Turn off when nodes have no D-Bus socket; pods otherwise fail with "hostPath type check failed".',
  }),
  {
    name: 'dbusSocketPath',
    label: 'D-Bus socket path',
    kind: 'text',
    defaultValue: DEFAULT_DBUS_SOCKET,
    help: 'Path of the system D-Bus socket on the nodes; it varies by distribution.',
    showWhen: {field: 'systemDBus', values: ['enabled']},
  },
  imageTagField(IMAGES.zitiEdgeTunnel.tag, IMAGES.zitiEdgeTunnel.repository),
];

/** Reads `key=value` node labels, one per line. */
function readNodeSelector(reader: FormReader): {key: string; value: string}[] {
  const field = 'nodeSelector';
  const entries: {line: Line; value: {key: string; value: string}}[] = [];
  for (const line of splitLines(reader.value(field))) {
    const path = linePath(field, line);
    const eq = line.text.indexOf('=');
    if (eq < 0) {
      reader.add(issue(path, `${lineLabel(line)}: write a node label as key=value, e.g. "kubernetes.io/os=linux".`));
      continue;
    }
    const key = line.text.slice(0, eq);
    const value = line.text.slice(eq + 1);
    const problem = checkLabelKey(`${path}.key`, key) ?? checkLabelValue(`${path}.value`, value);
    if (problem) reader.add({...problem, message: `${lineLabel(line)}: ${problem.message}`});
    else entries.push({line, value: {key, value}});
  }
  reader.add(findDuplicates(field, entries, (entry) => entry.key, (entry) => `label key "${entry.key}"`));
  return entries.map((entry) => entry.value);
}

function parse(raw: RawInput): ParseResult<NodeProxyDaemonsetInput> {
  const r = new FormReader(FIELDS, raw);
  const base = readChartReleaseBase(r, CHARTS.zitiEdgeTunnel);
  const identity = readTunnelerIdentity(r, base.identityName);
  const zitiDomain = r.text('zitiDomain', checkZitiDnsDomain);
  const dnsMode = r.select<DnsMode>('dnsMode');
  const nodeSelector = readNodeSelector(r);
  const pvc = r.shown('accessMode')
    ? {
        accessMode: r.select<AccessMode>('accessMode'),
        // templates/identity-pvc.yaml prints `storageClassName: {{ .Values.pvc.storageClass }}` without quotes.
        storageClass: r.text(
          'storageClass',
          (path, value) =>
            checks.optionalStorageClass(path, value) ??
            (value === '' ? undefined : checkUnquotedInChart(path, value, 'the storage class', 'the PVC\'s storageClassName (ziti-edge-tunnel templates/identity-pvc.yaml)')),
        ),
      }
    : undefined;
  const systemDBus = r.enabled('systemDBus');
  const dbusSocketPath = r.shown('dbusSocketPath')
    ? r.text('dbusSocketPath', (path, value) => checkAbsolutePath(path, value, 'the D-Bus socket path'))
    : DEFAULT_DBUS_SOCKET;
  const imageTag = r.text('imageTag', checks.imageTag);
  return r.result({
    ...base,
    ...identity,
    zitiDomain,
    dnsMode,
    nodeSelector,
    ...(pvc ? {pvc} : {}),
    systemDBus,
    dbusSocketPath,
    imageTag,
  });
}

/** Chart values; only keys present in the chart's values.yaml. */
function helmValues(input: NodeProxyDaemonsetInput): Record<string, unknown> {
  const values: Record<string, unknown> = {image: {tag: input.imageTag}};
  if (input.pvc) {
    values.pvc = {
      accessMode: input.pvc.accessMode,
      ...(input.pvc.storageClass ? {storageClass: input.pvc.storageClass} : {}),
    };
  }
  if (input.secret) values.secret = tunnelerSecretValues(input.secret);
  values.systemDBus = {
    enabled: input.systemDBus,
    ...(input.systemDBus && input.dbusSocketPath !== DEFAULT_DBUS_SOCKET ? {systemDBusSocketMnt: input.dbusSocketPath} : {}),
  };
  if (input.nodeSelector.length > 0) {
    values.nodeSelector = Object.fromEntries(input.nodeSelector.map(({key, value}) => [key, value]));
  }
  return values;
}

/** The CoreDNS server block that sends the Ziti domain to the tunneler. */
function serverBlock(zitiDomain: string): string {
  return `${zitiDomain}:53 {\n    errors\n    forward . ${ZITI_NAMESERVER}\n}\n`;
}

function identityArtifact(input: NodeProxyDaemonsetInput): Artifact {
  return {
    id: 'identity',
    title: 'Create the tunneler identity',
    language: 'bash',
    fileName: `${SLUG}-identity.sh`,
    text: script(createIdentityLines(input.identityName, input.roleAttribute, input.identitySource !== 'enroll-token')),
    note:
      input.identitySource === 'enroll-token'
        ? 'Every DaemonSet pod shares this one identity; the chart enrolls the token on first start.'
        : 'Every DaemonSet pod shares this one identity.',
  };
}

function policiesArtifact(input: NodeProxyDaemonsetInput): Artifact {
  return {
    id: 'policies',
    title: 'Allow the tunnelers to dial your services',
    language: 'bash',
    fileName: `${SLUG}-policies.sh`,
    text: script(placeholderDialPolicyScriptLines(input.roleAttribute)),
    note: `Cluster DNS only forwards names under ${input.zitiDomain}, so each service's intercept.v1 addresses must end in .${input.zitiDomain}.`,
  };
}

function secretArtifact(input: NodeProxyDaemonsetInput, secret: {name: string; key: string}): Artifact {
  return identitySecretArtifact({
    title: 'Store the enrolled identity in a Secret',
    fileName: `${SLUG}-secret.sh`,
    namespace: input.namespace,
    identityName: input.identityName,
    secretName: secret.name,
    secretKey: secret.key,
    note: 'The chart mounts this Secret read-only, so certificate renewal is lost; re-enroll and replace the Secret before the certificate expires.',
  });
}

function valuesArtifact(input: NodeProxyDaemonsetInput): Artifact {
  let note: string;
  if (input.secret) {
    note = 'With an existing Secret the chart creates no PVC and mounts the identity read-only: certificate renewal is lost.';
  } else if (input.pvc?.accessMode === 'ReadWriteOnce' && input.dnsMode === 'node-local-dns') {
    note = 'ReadWriteOnce cannot be mounted on more than one node: pods on other nodes will not start. Use ReadWriteMany storage or the existing-Secret source.';
  } else {
    note = 'The identity lives on a writable PVC shared by every DaemonSet pod, so renewed certificates are kept.';
  }
  return helmValuesArtifact(VALUES_FILE, helmValues(input), note);
}

function installArtifact(input: NodeProxyDaemonsetInput): Artifact {
  const notes: Record<IdentitySource, string> = {
    'enroll-token': 'Helm reads the token from the file; it is spent at enrollment, so a later upgrade needs no new token.',
    'identity-json':
      'The chart puts the identity JSON, private key included, into the DaemonSet as a plain environment variable; the enrollment-token source avoids that.',
    'existing-secret': 'Create the Secret first; the chart reads it by name.',
  };
  return helmInstallArtifact({
    slug: SLUG,
    chart: CHARTS.zitiEdgeTunnel,
    releaseName: input.releaseName,
    namespace: input.namespace,
    valuesFile: VALUES_FILE,
    setFiles: tunnelerSetFiles(input.identitySource, input.identityName),
    note: notes[input.identitySource],
  });
}

function dnsArtifacts(input: NodeProxyDaemonsetInput): Artifact[] {
  if (input.dnsMode === 'coredns-custom') {
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {name: 'coredns-custom', namespace: 'kube-system'},
      data: {'ziti.server': serverBlock(input.zitiDomain)},
    };
    return [
      {
        id: 'dns',
        title: 'CoreDNS: forward the Ziti domain',
        language: 'yaml',
        fileName: COREDNS_FILE,
        text: toYaml(configMap),
        note: 'For CoreDNS set up to import coredns-custom *.server keys (k3s style); other CoreDNS installs ignore this ConfigMap.',
      },
      {
        id: 'dns-apply',
        title: 'Apply the DNS change',
        language: 'bash',
        fileName: `${SLUG}-dns.sh`,
        text: script([
          // Server-side apply owns only this key, so other keys in an existing coredns-custom stay put.
          `kubectl apply --server-side --field-manager=openziti-guide -f ${COREDNS_FILE}`,
          'kubectl rollout restart -n kube-system deployment/coredns',
          'kubectl rollout status -n kube-system deployment/coredns',
        ]),
      },
    ];
  }
  return [
    {
      id: 'dns',
      // NodeLocal DNS keeps one Corefile in an existing ConfigMap; we can only
      // hand over the block to add, not a whole object to apply.
      title: 'NodeLocal DNSCache: server block to add',
      language: 'bash',
      fileName: `${SLUG}-dns-block.sh`,
      text: script([
        '# Saves the server block for the Ziti domain. It goes into the Corefile key of the',
        '# existing kube-system/node-local-dns ConfigMap, beside the blocks already there;',
        '# give it the same "bind" line as those blocks so it listens on the same addresses.',
        `cat > ${NODE_LOCAL_BLOCK_FILE} <<'EOF'`,
        serverBlock(input.zitiDomain).trimEnd(),
        'EOF',
      ]),
      note: 'This is an edit to the existing node-local-dns ConfigMap, not a new object: add the block, keep everything else.',
    },
    {
      id: 'dns-apply',
      title: 'Edit NodeLocal DNSCache and restart it',
      language: 'bash',
      fileName: `${SLUG}-dns.sh`,
      text: script([
        `cat ${NODE_LOCAL_BLOCK_FILE}`,
        '# Paste the block under data.Corefile, with the bind line copied from a neighbouring block:',
        'kubectl -n kube-system edit configmap node-local-dns',
        'kubectl -n kube-system rollout restart daemonset/node-local-dns',
        'kubectl -n kube-system rollout status daemonset/node-local-dns',
      ]),
      note: 'Each node resolves Ziti names through its own tunneler, because intercept addresses differ from node to node.',
    },
  ];
}

function verifyArtifact(input: NodeProxyDaemonsetInput): Artifact {
  const fullname = helmFullname(input.releaseName, CHARTS.zitiEdgeTunnel);
  const ns = shellQuote(input.namespace);
  return {
    id: 'verify',
    title: 'Check that it works',
    language: 'bash',
    fileName: `${SLUG}-verify.sh`,
    text: script([
      `kubectl rollout status --namespace ${ns} ${shellQuote(`daemonset/${fullname}`)}`,
      `kubectl logs --namespace ${ns} ${shellQuote(`daemonset/${fullname}`)} --tail 50`,
      ...(input.systemDBus
        ? ['# Pods stuck with "hostPath type check failed": the node has no D-Bus socket at that path; turn the socket mount off.']
        : []),
      ...placeholderPolicyAdvisorLines(),
      `# Look up one intercept address from a throw-away pod; expect an address in 100.64.0.0/10.`,
      `kubectl run ziti-dns-check --rm -i --restart=Never --image=busybox -- nslookup ${shellQuote(`YOUR-SERVICE.${input.zitiDomain}`)}`,
    ]),
    note: `The DaemonSet name follows Helm's usual fullname rule (${fullname}); "kubectl get daemonsets -n ${input.namespace}" shows it if yours differs.`,
  };
}

function cleanupArtifact(input: NodeProxyDaemonsetInput): Artifact {
  const lines = helmCleanupLines(input, input.secret?.name);
  if (input.dnsMode === 'coredns-custom') {
    lines.push(
      `kubectl patch configmap coredns-custom -n kube-system --type json -p '[{"op":"remove","path":"/data/ziti.server"}]'`,
      'kubectl rollout restart -n kube-system deployment/coredns',
    );
  } else {
    lines.push('# Remove the Ziti block from the node-local-dns Corefile again:', 'kubectl -n kube-system edit configmap node-local-dns');
  }
  lines.push(
    deleteDialPolicyLine(input.roleAttribute),
    ...deleteIdentityLines(input.identityName, input.identitySource !== 'enroll-token'),
  );
  return {id: 'cleanup', title: 'Remove everything', language: 'bash', fileName: `${SLUG}-cleanup.sh`, text: script(lines)};
}

function build(input: NodeProxyDaemonsetInput): readonly Artifact[] {
  return [
    identityArtifact(input),
    policiesArtifact(input),
    ...(input.secret ? [secretArtifact(input, input.secret)] : []),
    valuesArtifact(input),
    installArtifact(input),
    ...dnsArtifacts(input),
    verifyArtifact(input),
    cleanupArtifact(input),
  ];
}

export const nodeProxyDaemonset: StrategyBuilder<NodeProxyDaemonsetInput> = {
  id: 'node-proxy-daemonset',
  fields: FIELDS,
  parse,
  build,
};
