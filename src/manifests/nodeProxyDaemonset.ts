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
  rolloutWaitLines,
} from './common';
import {gitopsArtifacts, gitopsSecretCleanupLines, tunnelerGitopsSecret, type GitopsSecret} from './gitops';
import {helmCleanupLines, helmFullname, helmInstallArtifact, helmValuesArtifact, readChartReleaseBase} from './helmCommon';
import {IMAGES} from './images';
import {continued, script, shellQuote} from './shell';
import {readTunnelerIdentity, tunnelerIdentityFields, tunnelerSecretValues, tunnelerSetFiles, type TunnelerIdentity} from './tunnelerChart';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {
  checkAbsolutePath,
  checkLabelKey,
  checkLabelValue,
  checkStorageClass,
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
import {
  EXAMPLE_DIALLED_SERVICES,
  EXAMPLE_ZITI_DOMAIN,
  deleteDialPolicyScriptLines,
  dialPolicyScriptLines,
  policyAdvisorLines,
  readHostedServices,
  serviceRole,
  type HostedService,
} from './zitiCommands';

/** Address of the tunneler's nameserver: tun address + 1 in the default 100.64.0.1/10 range. */
export const ZITI_NAMESERVER = '100.64.0.2';
const DEFAULT_DBUS_SOCKET = '/var/run/dbus/system_bus_socket';
const SLUG = 'node-proxy';
const VALUES_FILE = 'ziti-edge-tunnel-values.yaml';
const BLOCK_FILE = 'ziti-dns.server';
/** A small image with nslookup for the throw-away DNS check pod. */
const DNS_CHECK_IMAGE = 'docker.io/library/busybox:1.37';

/**
 * How cluster DNS reaches the node's Ziti nameserver. Only NodeLocal DNSCache
 * answers on the client's own node, so it is the one choice for several nodes;
 * the other three send every lookup to central DNS and fit one node.
 */
export type DnsMode = 'coredns-custom' | 'coredns-corefile' | 'kube-dns' | 'node-local-dns';
export type AccessMode = 'ReadWriteMany' | 'ReadWriteOnce';

/** The claim every DaemonSet pod mounts: one node needs only ReadWriteOnce; several nodes share it. */
export function accessModeFor(dnsMode: DnsMode): AccessMode {
  return dnsMode === 'node-local-dns' ? 'ReadWriteMany' : 'ReadWriteOnce';
}

/** A ConfigMap holding a Corefile that the scripts edit in place: CoreDNS's own, or NodeLocal DNSCache's. */
interface CorefileTarget {
  readonly configMap: string;
  readonly workload: string;
}

const COREFILE_TARGETS: Readonly<Record<'coredns-corefile' | 'node-local-dns', CorefileTarget>> = {
  'coredns-corefile': {configMap: 'coredns', workload: 'deployment/coredns'},
  'node-local-dns': {configMap: 'node-local-dns', workload: 'daemonset/node-local-dns'},
};

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
  /** Services the workloads dial, each with an intercept address and port from its intercept.v1 config. */
  readonly services: readonly HostedService[];
  readonly dnsMode: DnsMode;
  /** Node labels the DaemonSet is limited to, in the order typed. */
  readonly nodeSelector: readonly {readonly key: string; readonly value: string}[];
  /** Only when the identity lives on the chart's PVC; the access mode follows {@link accessModeFor}. */
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
    defaultValue: EXAMPLE_ZITI_DOMAIN,
    help: `Cluster DNS forwards names under this domain to the tunneler’s nameserver at ${ZITI_NAMESERVER}; your services’ intercept addresses must end in it. The tunneler routes 100.64.0.0/10 on every node: to move it, see the guide (--dns-ip-range, and the forward moves with it).`,
  },
  {
    name: 'services',
    label: 'Services the workloads dial',
    kind: 'lines',
    defaultValue: EXAMPLE_DIALLED_SERVICES,
    help: 'One service=address:port per line: the OpenZiti service name, then an address and port from its intercept.v1 config (a name under the Ziti DNS domain, or an IP). Each service must already exist and be hosted (a Bind policy and an online hosting identity); the default is the one the ingress guides create. The policies allow these services; the verify step looks up each name.',
  },
  {
    name: 'dnsMode',
    label: 'Nodes and cluster DNS',
    kind: 'select',
    defaultValue: 'coredns-custom',
    options: [
      {value: 'coredns-custom', label: 'One node · k3s, AKS (coredns-custom)'},
      {value: 'coredns-corefile', label: 'One node · kubeadm, kind, EKS (Corefile)'},
      {value: 'kube-dns', label: 'One node · GKE kube-dns (stub domain)'},
      {value: 'node-local-dns', label: 'Several nodes · NodeLocal DNSCache'},
    ],
    help: 'Each node’s tunneler hands out its own intercept addresses, so with several nodes the lookup must stay on the client’s node (NodeLocal DNSCache). k3s and AKS import coredns-custom; stock CoreDNS (kubeadm, kind, EKS) reads only its Corefile; GKE runs kube-dns unless you installed CoreDNS.',
  },
  {
    name: 'nodeSelector',
    label: 'Node selector (optional)',
    kind: 'lines',
    defaultValue: '',
    help: 'One key=value node label per line; the DaemonSet runs only on matching nodes.',
  },
  {
    name: 'storageClass',
    label: 'Storage class (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'Leave empty for the cluster default. One node gets a ReadWriteOnce claim, which every class offers. Several nodes share one ReadWriteMany claim, and these common defaults cannot provide it: local-path (k3s, kind), gp2/gp3 EBS (EKS), standard-rwo and standard persistent disks (GKE), managed-csi/default Azure Disk (AKS). Name an NFS, EFS, Filestore or Azure Files class, or use an existing Secret.',
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

/**
 * Reads `service=address:port` lines. A DNS name must sit under the Ziti
 * domain: cluster DNS forwards only that domain to the tunneler, so any other
 * name would resolve elsewhere (or not at all) and never be intercepted.
 */
function readServices(r: FormReader, zitiDomain: string): HostedService[] {
  const services = readHostedServices(r, 'services', {required: true, allowIPv6: true});
  services.forEach((entry, index) => {
    if (entry.hostKind === 'dns' && !entry.host.endsWith(`.${zitiDomain}`)) {
      r.add(
        issue(
          `services[${index}].target`,
          `"${entry.host}" is not under the Ziti DNS domain ${zitiDomain}: cluster DNS forwards only that domain to the tunneler, so this name would never be intercepted.`,
        ),
      );
    }
  });
  return services;
}

function parse(raw: RawInput): ParseResult<NodeProxyDaemonsetInput> {
  const r = new FormReader(FIELDS, raw);
  const base = readChartReleaseBase(r, CHARTS.zitiEdgeTunnel);
  const identity = readTunnelerIdentity(r, base.identityName);
  const zitiDomain = r.text('zitiDomain', checkZitiDnsDomain);
  const services = readServices(r, zitiDomain);
  const dnsMode = r.select<DnsMode>('dnsMode');
  const nodeSelector = readNodeSelector(r);
  const pvc = r.shown('storageClass')
    ? {
        accessMode: accessModeFor(dnsMode),
        // templates/identity-pvc.yaml prints `storageClassName: {{ .Values.pvc.storageClass }}` without quotes.
        storageClass: r.text(
          'storageClass',
          (path, value) =>
            checkStorageClass(path, value, {dashMeansNoClass: false, name: CHARTS.zitiEdgeTunnel.name}) ??
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
    services,
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
  // With an existing Secret the chart creates no PVC (templates/identity-pvc.yaml), so its settings would be dead.
  if (input.pvc && !input.secret) {
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

function serviceRoleWords(input: NodeProxyDaemonsetInput): string[] {
  return input.services.map((entry) => shellQuote(serviceRole(entry.service)));
}

function policiesArtifact(input: NodeProxyDaemonsetInput): Artifact {
  return {
    id: 'policies',
    title: 'Allow the tunnelers to dial your services',
    language: 'bash',
    fileName: `${SLUG}-policies.sh`,
    text: script(dialPolicyScriptLines(input.roleAttribute, serviceRoleWords(input))),
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
    note: 'The chart mounts this Secret read-only, so certificate renewal is lost: the identity stops working when its certificate expires, one year after enrollment with the controller defaults. The verify step prints the expiry date; re-enroll and replace the Secret before then.',
  });
}

function valuesArtifact(input: NodeProxyDaemonsetInput): Artifact {
  let note: string;
  if (input.secret) {
    note = 'With an existing Secret the chart creates no PVC and mounts the identity read-only: certificate renewal is lost, and the identity stops working when its certificate expires (one year after enrollment by default).';
  } else if (input.pvc?.accessMode === 'ReadWriteMany') {
    note = 'Several nodes share one ReadWriteMany claim: the storage class must offer ReadWriteMany (local-path, EBS, GKE persistent disks and Azure Disk do not), or the claim stays Pending. The identity on it is writable, so ziti-edge-tunnel keeps the certificates it renews.';
  } else {
    note = 'One node: a ReadWriteOnce claim, which every storage class offers. The identity on it is writable, so ziti-edge-tunnel keeps the certificates it renews.';
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

/** Basic regular expression matching the first line of the server block, for grep and sed. */
function blockStartPattern(zitiDomain: string): string {
  return `^${zitiDomain.replace(/\./g, '\\.')}:53 {`;
}

/** Lines that print a ConfigMap's Corefile, with a final newline, into `file`. */
function saveCorefileLines(target: CorefileTarget, file: string): string[] {
  // $(...) drops trailing newlines and printf adds exactly one, so appended lines never join the last line.
  return [`printf '%s\\n' "$(kubectl -n kube-system get configmap ${target.configMap} -o jsonpath='{.data.Corefile}')" > ${file}`];
}

/** The sed program that indents a Corefile line into the patch's block scalar. */
const INDENT = `sed 's/^/    /'`;

/**
 * Lines (inside an if) that write a merge patch replacing the Corefile with the
 * output of `body` (commands whose output is already indented) and apply it.
 */
function patchCorefileLines(target: CorefileTarget, patchFile: string, body: readonly string[]): string[] {
  return [
    '  {',
    "    echo 'data:'",
    "    echo '  Corefile: |'",
    ...body.map((line) => `    ${line}`),
    `  } > ${patchFile}`,
    `  kubectl -n kube-system patch configmap ${target.configMap} --type merge --patch-file ${patchFile}`,
    `  kubectl -n kube-system rollout restart ${target.workload}`,
    ...rolloutWaitLines('kube-system', target.workload, '  '),
  ];
}

function serverBlockFileArtifact(input: NodeProxyDaemonsetInput, nodeLocal: boolean): Artifact {
  return {
    id: 'dns',
    title: nodeLocal ? 'NodeLocal DNSCache: the server block to add' : 'CoreDNS: the server block to add',
    language: 'bash',
    fileName: `${SLUG}-dns-block.sh`,
    text: script([
      `# Saves the server block that sends ${input.zitiDomain} to the tunneler; the next step adds it to the Corefile.`,
      ...(nodeLocal ? ['# The next step also copies the "bind" line of the existing blocks into it, so it listens on the same addresses.'] : []),
      `cat > ${BLOCK_FILE} <<'EOF'`,
      serverBlock(input.zitiDomain).trimEnd(),
      'EOF',
    ]),
  };
}

function corefileApplyArtifact(input: NodeProxyDaemonsetInput, mode: 'coredns-corefile' | 'node-local-dns'): Artifact {
  const target = COREFILE_TARGETS[mode];
  const backup = `${target.configMap}-Corefile.backup`;
  const current = `${target.configMap}-Corefile.current`;
  const patchFile = `${target.configMap}-patch.yaml`;
  const nodeLocal = mode === 'node-local-dns';
  const block = nodeLocal
    ? `awk -v bind="$BIND_LINE" '{print} NR == 1 {print "    " bind}' ${BLOCK_FILE} | ${INDENT}`
    : `${INDENT} ${BLOCK_FILE}`;
  return {
    id: 'dns-apply',
    title: nodeLocal ? 'Add the block to NodeLocal DNSCache and restart it' : 'Add the block to the CoreDNS Corefile and restart CoreDNS',
    language: 'bash',
    fileName: `${SLUG}-dns.sh`,
    text: script([
      ...(nodeLocal
        ? [
            '# An add-on manager in Reconcile mode would undo the edit; check the label first:',
            `kubectl -n kube-system get configmap ${target.configMap} -o jsonpath='{.metadata.labels.addonmanager\\.kubernetes\\.io/mode}{"\\n"}'`,
          ]
        : []),
      ...saveCorefileLines(target, current),
      ...(nodeLocal ? [`BIND_LINE=$(grep -m1 -E '^[[:space:]]*bind ' ${current} | sed -E 's/^[[:space:]]+//')`] : []),
      `if grep -q ${shellQuote(blockStartPattern(input.zitiDomain))} ${current}; then`,
      `  echo ${shellQuote(`The Corefile already has a block for ${input.zitiDomain}; nothing to add.`)}`,
      'else',
      `  # Keep the Corefile as it was: the clean-up step takes the block out again, and this copy is your manual rollback.`,
      `  cp ${current} ${backup}`,
      ...patchCorefileLines(target, patchFile, [`${INDENT} ${backup}`, block]),
      'fi',
    ]),
    note: nodeLocal
      ? 'Each node resolves Ziti names through its own NodeLocal DNSCache and so through its own tunneler, which intercepts the connection too.'
      : 'A merge patch replaces only data.Corefile; labels and other keys stay. On EKS with the managed CoreDNS add-on, an add-on update may reset the Corefile; re-run this step after one.',
  };
}

function dnsArtifacts(input: NodeProxyDaemonsetInput): Artifact[] {
  if (input.dnsMode === 'coredns-custom' || input.dnsMode === 'kube-dns') {
    const coredns = input.dnsMode === 'coredns-custom';
    const fileName = coredns ? 'coredns-custom.yaml' : 'kube-dns-stub-domains.yaml';
    const configMap = coredns
      ? {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {name: 'coredns-custom', namespace: 'kube-system'},
          data: {'ziti.server': serverBlock(input.zitiDomain)},
        }
      : {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: {name: 'kube-dns', namespace: 'kube-system'},
          data: {stubDomains: JSON.stringify({[input.zitiDomain]: [ZITI_NAMESERVER]})},
        };
    return [
      {
        id: 'dns',
        title: coredns ? 'CoreDNS: forward the Ziti domain (coredns-custom)' : 'kube-dns: a stub domain for the Ziti domain',
        language: 'yaml',
        fileName,
        text: toYaml(configMap),
        note: coredns
          ? 'k3s and AKS import the *.server keys of coredns-custom as extra server blocks; stock CoreDNS (kubeadm, kind, EKS) ignores this ConfigMap.'
          : 'kube-dns reads stubDomains from this ConfigMap. If yours already has stubDomains, the apply step reports a conflict: add this domain to the existing JSON instead.',
      },
      {
        id: 'dns-apply',
        title: 'Apply the DNS change',
        language: 'bash',
        fileName: `${SLUG}-dns.sh`,
        text: script(
          coredns
            ? [
                '# This CoreDNS must import coredns-custom *.server keys (k3s and AKS do); otherwise use the Corefile option.',
                `kubectl -n kube-system get configmap coredns -o jsonpath='{.data.Corefile}' | grep 'import .*custom/\\*\\.server' \\`,
                "  || echo 'This CoreDNS does not import coredns-custom; choose the Corefile option instead.' >&2",
                // Server-side apply owns only this key, so other keys in an existing coredns-custom stay put.
                `kubectl apply --server-side --field-manager=openziti-guide -f ${fileName}`,
                'kubectl -n kube-system rollout restart deployment/coredns',
                ...rolloutWaitLines('kube-system', 'deployment/coredns'),
              ]
            : [
                // Server-side apply without --force-conflicts stops where another manager owns stubDomains.
                `kubectl apply --server-side --field-manager=openziti-guide -f ${fileName}`,
                '# kube-dns picks up the change by itself within a minute or so; no restart is needed.',
              ],
        ),
      },
    ];
  }
  return [serverBlockFileArtifact(input, input.dnsMode === 'node-local-dns'), corefileApplyArtifact(input, input.dnsMode)];
}

/** Shows that cluster DNS now holds the forward, before any name is looked up. */
function dnsConfigCheckLines(input: NodeProxyDaemonsetInput): string[] {
  switch (input.dnsMode) {
    case 'coredns-custom':
      return [`kubectl -n kube-system get configmap coredns-custom -o jsonpath='{.data.ziti\\.server}'`];
    case 'kube-dns':
      return [`kubectl -n kube-system get configmap kube-dns -o jsonpath='{.data.stubDomains}{"\\n"}'`];
    default: {
      const target = COREFILE_TARGETS[input.dnsMode];
      return [
        `kubectl -n kube-system get configmap ${target.configMap} -o jsonpath='{.data.Corefile}' | grep -A4 ${shellQuote(blockStartPattern(input.zitiDomain))}`,
      ];
    }
  }
}

/**
 * Takes the forward out of cluster DNS again. A merge patch with null removes
 * the key and is a no-op when it is gone already (a JSON patch "remove" fails
 * then), so clean-up can run twice.
 */
function dnsCleanupLines(input: NodeProxyDaemonsetInput): string[] {
  switch (input.dnsMode) {
    case 'coredns-custom':
      return [
        `kubectl patch configmap coredns-custom -n kube-system --type merge -p '{"data":{"ziti.server":null}}'`,
        'kubectl -n kube-system rollout restart deployment/coredns',
      ];
    case 'kube-dns':
      return [`kubectl patch configmap kube-dns -n kube-system --type merge -p '{"data":{"stubDomains":null}}'`];
    default: {
      const target = COREFILE_TARGETS[input.dnsMode];
      const current = `${target.configMap}-Corefile.current`;
      const start = blockStartPattern(input.zitiDomain);
      return [
        `# Take the ${input.zitiDomain} block out of the ${target.configMap} Corefile (or put ${target.configMap}-Corefile.backup back).`,
        ...saveCorefileLines(target, current),
        `if grep -q ${shellQuote(start)} ${current}; then`,
        ...patchCorefileLines(target, `${target.configMap}-patch.yaml`, [`sed ${shellQuote(`/${start}$/,/^}$/d`)} ${current} | ${INDENT}`]),
        'fi',
      ];
    }
  }
}

/** Looks up each intercept name from a throw-away pod, through cluster DNS like any workload. */
function lookupLines(input: NodeProxyDaemonsetInput): string[] {
  const names = [...new Set(input.services.filter((entry) => entry.hostKind === 'dns').map((entry) => entry.host))];
  if (names.length === 0) return ['# The services intercept IP addresses only, so there is no name to look up.'];
  return [
    '# Look up each intercept name from a throw-away pod; expect an address in 100.64.0.0/10.',
    ...names.map((name) => `kubectl run ziti-dns-check --rm -i --restart=Never --image=${DNS_CHECK_IMAGE} -- nslookup ${shellQuote(name)}`),
  ];
}

function verifyArtifact(input: NodeProxyDaemonsetInput): Artifact {
  const fullname = helmFullname(input.releaseName, CHARTS.zitiEdgeTunnel);
  const ns = shellQuote(input.namespace);
  const daemonset = shellQuote(`daemonset/${fullname}`);
  return {
    id: 'verify',
    title: 'Check that it works',
    language: 'bash',
    fileName: `${SLUG}-verify.sh`,
    text: script([
      ...rolloutWaitLines(ns, daemonset),
      `kubectl logs --namespace ${ns} ${daemonset} --tail 50`,
      ...(input.systemDBus
        ? ['# Pods stuck with "hostPath type check failed": the node has no D-Bus socket at that path; turn the socket mount off.']
        : []),
      ...policyAdvisorLines(input.services.map((entry) => entry.service)),
      '# Cluster DNS holds the forward:',
      ...dnsConfigCheckLines(input),
      ...lookupLines(input),
      '# Expiry date of the identity certificate (needs jq in the pod, openssl here):',
      continued(
        `kubectl exec --namespace ${ns} ${daemonset} -- jq -r .id.cert ${shellQuote(`/ziti-edge-tunnel/${fullname}-identity.json`)}`,
        `| sed 's/^pem://' | openssl x509 -noout -enddate`,
      ),
    ]),
    note: `The DaemonSet name follows Helm's usual fullname rule (${fullname}); "kubectl get daemonsets -n ${input.namespace}" shows it if yours differs.`,
  };
}

/** The Secret the GitOps objects mount: the reader's, or one the GitOps path creates from the enrolled identity. */
function gitopsSecret(input: NodeProxyDaemonsetInput): GitopsSecret {
  return tunnelerGitopsSecret({
    slug: SLUG,
    identitySource: input.identitySource,
    identityName: input.identityName,
    releaseName: input.releaseName,
    namespace: input.namespace,
    ...(input.secret ? {secret: input.secret} : {}),
    note: 'The chart mounts it read-only and creates no PVC: every node shares it, but certificate renewal is lost, so re-enroll and replace the Secret before the certificate expires, one year after enrollment with the controller defaults.',
  });
}

/** Argo CD and Flux objects with the same values function as the values file, pointed at the Secret. */
function gitopsOutput(input: NodeProxyDaemonsetInput): Artifact[] {
  const secret = gitopsSecret(input);
  const values = helmValues({...input, identitySource: 'existing-secret', secret: {name: secret.name, key: secret.key}});
  return gitopsArtifacts({slug: SLUG, chart: CHARTS.zitiEdgeTunnel, releaseName: input.releaseName, namespace: input.namespace, values}, secret);
}

function cleanupArtifact(input: NodeProxyDaemonsetInput): Artifact {
  const lines = helmCleanupLines(input, CHARTS.zitiEdgeTunnel, input.secret?.name);
  lines.push(
    ...gitopsSecretCleanupLines(gitopsSecret(input), input.namespace),
    ...dnsCleanupLines(input),
    ...deleteDialPolicyScriptLines(input.roleAttribute, serviceRoleWords(input)),
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
    ...gitopsOutput(input),
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
