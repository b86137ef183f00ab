/**
 * What the two `ziti tunnel` sidecars share: the form fields for the workload
 * and identity, the Deployment skeleton, and the identity/Secret/cleanup steps.
 * Both use the openziti/ziti-tunnel image with the identity read-only at
 * /netfoundry/<ZITI_IDENTITY_BASENAME>.json, as the upstream sidecar guide does.
 */
import {
  APP_NAME_LABEL,
  DEMO_APP_COMMAND,
  DEMO_APP_IMAGE,
  FormReader,
  appCommandField,
  appImageField,
  checks,
  createIdentityLines,
  deleteIdentityLines,
  identityNameField,
  identitySecretArtifact,
  imageTagField,
  manifestApplyArtifact,
  namespaceField,
  readSecretName,
  roleAttributeField,
  secretNameField,
  workloadDeployment,
  rolloutWaitLines,
} from './common';
import {kubernetesLiteral} from './kubeExpansion';
import {IMAGES, imageReference} from './images';
import {checkDnsLabel} from './validate';
import {continued, script, shellQuote} from './shell';
import type {Artifact, FieldSpec} from './types';
import {toYaml} from './yaml';
import {deleteDialPolicyScriptLines} from './zitiCommands';

/** Where the ziti-tunnel image looks for identities (its ZITI_IDENTITY_DIR default). */
export const IDENTITY_DIR = '/netfoundry';
export const TUNNEL_CONTAINER = 'ziti-tunnel';
export const APP_CONTAINER = 'app';
export const IDENTITY_VOLUME = 'ziti-identity';

/**
 * Where the sidecar goes. The two paths never mix: applying the new
 * Deployment over a workload of the same name would replace its replicas,
 * update strategy and containers, so only the chosen path's files are built.
 */
export type WorkloadTarget = 'new' | 'existing';
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

/** Fields both sidecar strategies read, shared so their names cannot drift apart. */
export interface SidecarBaseInput {
  /** Namespace of the application. */
  readonly namespace: string;
  /** A new Deployment from these files, or the reader's own workload patched. */
  readonly target: WorkloadTarget;
  /** Kind of the workload: always Deployment on the new path. */
  readonly workloadKind: WorkloadKind;
  /** Name of the workload; on the new path also its app.kubernetes.io/name label. */
  readonly workloadName: string;
  /** The application's image reference, with tag or digest (new path only). */
  readonly appImage: string;
  /** Optional shell command for the application container; empty keeps the entrypoint (new path only). */
  readonly appCommand: string;
  /** OpenZiti identity of the sidecar; also ZITI_IDENTITY_BASENAME. */
  readonly identityName: string;
  /** Role attribute the Dial policy selects. */
  readonly roleAttribute: string;
  /** Secret holding `<identityName>.json`. */
  readonly secretName: string;
  /** Tag of docker.io/openziti/ziti-tunnel. */
  readonly imageTag: string;
  /** Run the tunneler as a native sidecar (an init container with restartPolicy Always, Kubernetes 1.29+). */
  readonly nativeSidecar: boolean;
}

/** How the tunneler container joins the pod. */
export type SidecarStart = 'native' | 'container';

const ON_NEW = {field: 'workloadTarget', values: ['new']} as const;
const ON_EXISTING = {field: 'workloadTarget', values: ['existing']} as const;

export function workloadTargetField(): FieldSpec {
  return {
    name: 'workloadTarget',
    label: 'Where the sidecar goes',
    kind: 'select',
    defaultValue: 'new',
    options: [
      {value: 'new', label: 'A new Deployment from these files'},
      {value: 'existing', label: 'A workload I already run (Deployment, StatefulSet or DaemonSet)'},
    ],
    help: 'Only the chosen path is built, and Copy all and the bundle run only it. A new Deployment is created as shown; your own workload gets a patch that adds the sidecar and nothing else, and the clean-up takes exactly that out again.',
  };
}

export function workloadKindField(): FieldSpec {
  return {
    name: 'workloadKind',
    label: 'Kind of your workload',
    kind: 'select',
    defaultValue: 'Deployment',
    options: [
      {value: 'Deployment', label: 'Deployment'},
      {value: 'StatefulSet', label: 'StatefulSet'},
      {value: 'DaemonSet', label: 'DaemonSet'},
    ],
    showWhen: ON_EXISTING,
  };
}

function sidecarWorkloadNameField(): FieldSpec {
  return {
    name: 'workloadName',
    label: 'Workload name',
    kind: 'text',
    defaultValue: 'my-app',
    help: 'A new Deployment gets this name and app.kubernetes.io/name label; for your own workload, its name as kubectl shows it (a DNS label).',
  };
}

export function sidecarBaseFields(defaults: {identityName: string; roleAttribute: string}): FieldSpec[] {
  return [
    namespaceField('default'),
    workloadTargetField(),
    workloadKindField(),
    sidecarWorkloadNameField(),
    {...appImageField(DEMO_APP_IMAGE), showWhen: ON_NEW},
    {...appCommandField(''), showWhen: ON_NEW, help: APP_COMMAND_HELP},
    identityNameField(defaults.identityName),
    roleAttributeField(defaults.roleAttribute, 'The Dial policy selects the sidecar identity by #role-attribute.'),
    secretNameField({
      defaultValue: '',
      help: 'Secret that holds IDENTITY-NAME.json. Leave empty for IDENTITY-NAME-identity.',
    }),
  ];
}

const APP_COMMAND_HELP =
  'Run through /bin/sh -c inside the application container. Leave empty to keep your image\'s own entrypoint; the placeholder busybox image alone gets a sleep loop, so that it stays up.';

export function sidecarImageTagField(): FieldSpec {
  return imageTagField(IMAGES.zitiTunnel.tag, IMAGES.zitiTunnel.repository);
}

/**
 * Native sidecars (KEP-753) start before the application containers and stay up;
 * they are on by default from Kubernetes 1.29. Older API servers either reject
 * `restartPolicy` on an init container (1.27 and earlier) or drop it while the
 * feature gate is off (1.28), and an init container that never exits blocks the
 * pod forever, so older clusters need the plain-container form.
 */
export function sidecarStartField(): FieldSpec {
  return {
    name: 'sidecarStart',
    label: 'How the sidecar starts',
    kind: 'select',
    defaultValue: 'native',
    options: [
      {value: 'native', label: 'Native sidecar (Kubernetes 1.29+)'},
      {value: 'container', label: 'Ordinary container (1.28 and older)'},
    ],
    help: 'A native sidecar is an init container with restartPolicy: Always, so the tunneler starts before the application. On 1.28 and earlier choose the ordinary container; the application may then start first and must retry its first connections.',
  };
}

export function readSidecarBase(r: FormReader): SidecarBaseInput {
  const namespace = r.text('namespace', checks.namespace);
  const target = r.select<WorkloadTarget>('workloadTarget');
  // Hidden fields are neither read nor checked: a stale value for the other path cannot block this one.
  const workloadKind = target === 'existing' ? r.select<WorkloadKind>('workloadKind') : 'Deployment';
  const workloadName = r.text('workloadName', (path, value) => checkDnsLabel(path, value, 'the workload name'));
  const appImage = target === 'new' ? r.text('appImage', checks.appImage) : '';
  const appCommand = target === 'new' ? r.text('appCommand', checks.appCommand) : '';
  const identityName = r.text('identityName', checks.identityName);
  const roleAttribute = r.text('roleAttribute', checks.roleAttribute);
  const secretName = readSecretName(r, identityName);
  const imageTag = r.text('imageTag', checks.imageTag);
  const nativeSidecar = r.select<SidecarStart>('sidecarStart') === 'native';
  return {
    namespace,
    target,
    workloadKind,
    workloadName,
    appImage,
    appCommand,
    identityName,
    roleAttribute,
    secretName,
    imageTag,
    nativeSidecar,
  };
}

/** Secret key the tunneler expects: `<ZITI_IDENTITY_BASENAME>.json`. */
export function identityKey(input: SidecarBaseInput): string {
  return `${input.identityName}.json`;
}

/** `deployment/NAME`, `statefulset/NAME` or `daemonset/NAME`, as kubectl takes it. */
export function workloadRef(input: SidecarBaseInput): string {
  return `${input.workloadKind.toLowerCase()}/${input.workloadName}`;
}

/**
 * The application container's command: what the reader typed, else the sleep
 * loop for the placeholder image only (busybox would exit at once), else none,
 * so the reader's image runs its own entrypoint.
 */
export function appCommandOf(input: SidecarBaseInput): string {
  if (input.appCommand !== '') return input.appCommand;
  return input.appImage === DEMO_APP_IMAGE ? DEMO_APP_COMMAND : '';
}

/** Application container; the command runs through a shell so one text field can hold it. */
export function appContainer(input: SidecarBaseInput): Record<string, unknown> {
  const command = appCommandOf(input);
  return {
    name: APP_CONTAINER,
    image: input.appImage,
    ...(command ? {command: ['/bin/sh', '-c', kubernetesLiteral(command)]} : {}),
  };
}

/** The ziti-tunnel sidecar; `args` start with the mode so the entrypoint cannot misread it. */
export function tunnelContainer(
  input: SidecarBaseInput,
  args: readonly string[],
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return {
    name: TUNNEL_CONTAINER,
    image: imageReference(IMAGES.zitiTunnel, input.imageTag),
    args: args.map(kubernetesLiteral),
    env: [{name: 'ZITI_IDENTITY_BASENAME', value: kubernetesLiteral(input.identityName)}],
    ...extra,
    volumeMounts: [{name: IDENTITY_VOLUME, mountPath: IDENTITY_DIR, readOnly: true}],
  };
}

/**
 * The pod-spec fields the sidecar adds to a workload: the tunneler (as a native
 * sidecar or as a second container), the identity volume and `podExtras`
 * (strategy-specific pod fields such as DNS). Both the full Deployment and the
 * patch for an existing workload are built from this, so they cannot differ.
 */
function sidecarPodFields(
  input: SidecarBaseInput,
  sidecar: Record<string, unknown>,
  podExtras: Record<string, unknown>,
): {placement: Record<string, unknown>; extras: Record<string, unknown>; volumes: Record<string, unknown>[]} {
  return {
    placement: input.nativeSidecar ? {initContainers: [{...sidecar, restartPolicy: 'Always'}]} : {containers: [sidecar]},
    extras: podExtras,
    volumes: [{name: IDENTITY_VOLUME, secret: {secretName: input.secretName}}],
  };
}

/**
 * Deployment with the app and the sidecar. `Recreate` follows the upstream
 * sidecar guide; `podExtras` carries strategy-specific pod fields (DNS).
 */
export function sidecarDeployment(
  input: SidecarBaseInput,
  app: Record<string, unknown>,
  sidecar: Record<string, unknown>,
  podExtras: Record<string, unknown>,
): Record<string, unknown> {
  const fields = sidecarPodFields(input, sidecar, podExtras);
  const containers = input.nativeSidecar ? [app] : [app, sidecar];
  return workloadDeployment(
    input,
    {
      ...(input.nativeSidecar ? fields.placement : {}),
      containers,
      ...fields.extras,
      restartPolicy: 'Always',
      volumes: fields.volumes,
    },
    {strategy: {type: 'Recreate'}},
  );
}

/**
 * Strategic merge patch that adds the sidecar to an existing workload:
 * containers, init containers and volumes merge by name, so the workload's own
 * containers and volumes stay as they are.
 */
export function sidecarPatch(
  input: SidecarBaseInput,
  sidecar: Record<string, unknown>,
  podExtras: Record<string, unknown>,
): Record<string, unknown> {
  const fields = sidecarPodFields(input, sidecar, podExtras);
  return {spec: {template: {spec: {...fields.placement, ...fields.extras, volumes: fields.volumes}}}};
}

/**
 * Strategic merge patch that takes out exactly the container and the volume
 * {@link sidecarPatch} added, by name (`$patch: delete`), and nothing else.
 * Deleting a name that is no longer there changes nothing, so it can run twice.
 */
export function sidecarRemovalPatch(input: SidecarBaseInput): Record<string, unknown> {
  const list = input.nativeSidecar ? 'initContainers' : 'containers';
  return {
    spec: {
      template: {
        spec: {
          [list]: [{name: TUNNEL_CONTAINER, $patch: 'delete'}],
          volumes: [{name: IDENTITY_VOLUME, $patch: 'delete'}],
        },
      },
    },
  };
}

/** Where the patch step records the pod's DNS settings before changing them (workload metadata, so no rollout). */
export const DNS_POLICY_ANNOTATION = 'sidecar.openziti.io/dns-policy-before';
export const DNS_CONFIG_ANNOTATION = 'sidecar.openziti.io/dns-config-before';
/** Recorded when the workload had no dnsPolicy at all (the API server normally fills in ClusterFirst). */
const UNSET = 'unset';

function jsonpathKey(annotation: string): string {
  return annotation.replace(/\./g, '\\.');
}

function kubectlOn(input: SidecarBaseInput): string {
  return `kubectl --namespace ${shellQuote(input.namespace)}`;
}

/**
 * Bash lines that store the workload's dnsPolicy and dnsConfig in two
 * annotations before the patch replaces them. A second run keeps the first
 * record, which still holds the reader's own settings.
 */
export function recordDnsLines(input: SidecarBaseInput): string[] {
  const get = `${kubectlOn(input)} get ${shellQuote(workloadRef(input))} -o`;
  return [
    '# Record the pod DNS settings the patch replaces, so that the clean-up can put them back.',
    '# A second run keeps the first record: it still holds your own settings.',
    `dns_policy_before=$(${get} ${shellQuote(`jsonpath={.metadata.annotations.${jsonpathKey(DNS_POLICY_ANNOTATION)}}`)})`,
    'if [ -z "$dns_policy_before" ]; then',
    `  dns_policy_before=$(${get} 'jsonpath={.spec.template.spec.dnsPolicy}')`,
    `  dns_config_before=$(${get} 'jsonpath={.spec.template.spec.dnsConfig}')`,
    '  # The dnsConfig is JSON; escape it to sit inside a JSON string.',
    '  dns_config_before=${dns_config_before//\\\\/\\\\\\\\}',
    '  dns_config_before=${dns_config_before//\\"/\\\\\\"}',
    `  ${kubectlOn(input)} patch ${shellQuote(workloadRef(input))} --type merge \\`,
    `    -p "{\\"metadata\\":{\\"annotations\\":{\\"${DNS_POLICY_ANNOTATION}\\":\\"\${dns_policy_before:-${UNSET}}\\",\\"${DNS_CONFIG_ANNOTATION}\\":\\"\${dns_config_before}\\"}}}"`,
    'fi',
  ];
}

/**
 * Bash lines that put dnsPolicy and dnsConfig back as {@link recordDnsLines}
 * found them, then drop the record. Without a record (the patch step never
 * ran, or this clean-up already did) the DNS settings are not touched.
 */
export function restoreDnsLines(input: SidecarBaseInput): string[] {
  const get = `${kubectlOn(input)} get ${shellQuote(workloadRef(input))} -o`;
  const ref = shellQuote(workloadRef(input));
  const op = (kind: string, field: string, value?: string): string =>
    `{\\"op\\":\\"${kind}\\",\\"path\\":\\"/spec/template/spec/${field}\\"${value === undefined ? '' : `,\\"value\\":${value}`}}`;
  return [
    `  dns_policy_before=$(${get} ${shellQuote(`jsonpath={.metadata.annotations.${jsonpathKey(DNS_POLICY_ANNOTATION)}}`)})`,
    '  if [ -n "$dns_policy_before" ]; then',
    `    dns_config_before=$(${get} ${shellQuote(`jsonpath={.metadata.annotations.${jsonpathKey(DNS_CONFIG_ANNOTATION)}}`)})`,
    `    dns_policy_now=$(${get} 'jsonpath={.spec.template.spec.dnsPolicy}')`,
    `    dns_config_now=$(${get} 'jsonpath={.spec.template.spec.dnsConfig}')`,
    "    dns_ops=''",
    `    if [ "$dns_policy_before" != ${UNSET} ]; then dns_ops="${op('add', 'dnsPolicy', '\\"${dns_policy_before}\\"')}"`,
    `    elif [ -n "$dns_policy_now" ]; then dns_ops="${op('remove', 'dnsPolicy')}"; fi`,
    `    if [ -n "$dns_config_before" ]; then dns_ops="\${dns_ops},${op('add', 'dnsConfig', '${dns_config_before}')}"`,
    `    elif [ -n "$dns_config_now" ]; then dns_ops="\${dns_ops},${op('remove', 'dnsConfig')}"; fi`,
    `    if [ -n "\${dns_ops#,}" ]; then ${kubectlOn(input)} patch ${ref} --type json -p "[\${dns_ops#,}]"; fi`,
    `    ${kubectlOn(input)} patch ${ref} --type merge \\`,
    `      -p '{"metadata":{"annotations":{"${DNS_POLICY_ANNOTATION}":null,"${DNS_CONFIG_ANNOTATION}":null}}}'`,
    '  fi',
  ];
}

/**
 * The files that put the sidecar in place, by path: the new Deployment and the
 * step that applies it, or the patch for the reader's workload and the step
 * that applies it. Both pairs use the ids `manifest` and `manifest-apply`, so
 * a guide shows whichever the reader chose in one place.
 */
export function sidecarWorkloadArtifacts(
  input: SidecarBaseInput,
  slug: string,
  opts: {
    readonly deployment: Record<string, unknown>;
    readonly deploymentNote: string;
    readonly patch: Record<string, unknown>;
    readonly patchNote: string;
    /** The patch changes the pod's DNS settings, which the clean-up must restore. */
    readonly changesDns: boolean;
  },
): Artifact[] {
  if (input.target === 'new') return sidecarManifestArtifacts(input, slug, opts.deployment, opts.deploymentNote);
  const patchFile = `${slug}-patch.yaml`;
  const kubectl = kubectlOn(input);
  const ref = shellQuote(workloadRef(input));
  return [
    {
      id: 'manifest',
      title: `Patch that adds the sidecar to your ${input.workloadKind}`,
      language: 'yaml',
      fileName: patchFile,
      text: toYaml(opts.patch),
      note: opts.patchNote,
    },
    {
      id: 'manifest-apply',
      title: `Add the sidecar to ${input.workloadKind} ${input.workloadName}`,
      language: 'bash',
      fileName: `${slug}-patch.sh`,
      text: script([
        ...(opts.changesDns ? [...recordDnsLines(input), ''] : []),
        '# Preview the merged workload first; nothing changes on the cluster.',
        `${kubectl} patch ${ref} --type strategic --patch-file ${patchFile} --dry-run=server -o yaml`,
        `${kubectl} patch ${ref} --type strategic --patch-file ${patchFile}`,
        ...rolloutWaitLines(shellQuote(input.namespace), ref),
      ]),
    },
  ];
}

export function sidecarIdentityArtifact(input: SidecarBaseInput, slug: string): Artifact {
  return {
    id: 'identity',
    title: 'Create and enroll the sidecar identity',
    language: 'bash',
    fileName: `${slug}-identity.sh`,
    text: script(createIdentityLines(input.identityName, input.roleAttribute, true)),
  };
}

export function sidecarSecretArtifact(input: SidecarBaseInput, slug: string): Artifact {
  return identitySecretArtifact({
    title: 'Store the identity in a Secret',
    fileName: `${slug}-secret.sh`,
    namespace: input.namespace,
    identityName: input.identityName,
    secretName: input.secretName,
    secretKey: identityKey(input),
    note: SIDECAR_RENEWAL_NOTE,
  });
}

/**
 * The Go tunneler never renews its certificate (no renewal code in ziti tunnel
 * or the SDK it is built with), so the storage does not matter: the identity
 * works until its certificate expires, one year after enrollment by default.
 */
export const SIDECAR_RENEWAL_NOTE =
  'No certificate renewal: ziti tunnel never renews its certificate, whatever the storage, so the identity stops working when the certificate expires, one year after enrollment with the controller defaults. The verify step prints the expiry date; re-enroll and replace the Secret before then.';

/**
 * Prints the notAfter date of the identity's client certificate, read from the
 * Secret (the identity JSON keeps it under id.cert as `pem:<PEM>`).
 */
export function certificateExpiryLines(input: SidecarBaseInput): string[] {
  // go-template's index takes the key as it is; jsonpath would need the dots escaped.
  const template = `{{index .data "${identityKey(input)}"}}`;
  return [
    '# Expiry date of the identity certificate (needs jq and openssl on this workstation):',
    continued(
      `kubectl get secret ${shellQuote(input.secretName)} --namespace ${shellQuote(input.namespace)} -o ${shellQuote(`go-template=${template}`)}`,
      `| base64 -d | jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate`,
    ),
  ];
}

/** The Deployment file and the step that applies it; the step names the file, so both take it from here. */
export function sidecarManifestArtifacts(
  input: SidecarBaseInput,
  slug: string,
  deployment: Record<string, unknown>,
  note: string,
): Artifact[] {
  const manifestFile = `${slug}.yaml`;
  return [
    {id: 'manifest', title: 'Deployment with the sidecar', language: 'yaml', fileName: manifestFile, text: toYaml(deployment), note},
    manifestApplyArtifact(input, slug, manifestFile),
  ];
}

/**
 * `kubectl exec` into the application. The new Deployment names its container
 * `app`; in the reader's own workload kubectl picks the default container (the
 * `kubectl.kubernetes.io/default-container` annotation, else the first one),
 * which the patch leaves in place.
 */
export function appExecPrefix(input: SidecarBaseInput): string {
  const container = input.target === 'new' ? ` --container ${APP_CONTAINER}` : '';
  return `${kubectlOn(input).replace('kubectl', 'kubectl exec')} ${shellQuote(workloadRef(input))}${container} --`;
}

/** The verify step: both sidecars first check the pod and the tunnel's log, then add their own checks. */
export function sidecarVerifyArtifact(input: SidecarBaseInput, slug: string, moreLines: readonly string[]): Artifact {
  const ns = shellQuote(input.namespace);
  const ref = shellQuote(workloadRef(input));
  return {
    id: 'verify',
    title: 'Check that it works',
    language: 'bash',
    fileName: `${slug}-verify.sh`,
    text: script([
      input.target === 'new'
        ? `kubectl get pods --namespace ${ns} --selector ${shellQuote(`${APP_NAME_LABEL}=${input.workloadName}`)}`
        : `kubectl get --namespace ${ns} ${ref}`,
      `kubectl logs --namespace ${ns} ${ref} --container ${TUNNEL_CONTAINER} --tail 50`,
      ...certificateExpiryLines(input),
      ...moreLines,
    ]),
  };
}

/**
 * The clean-up removes what the steps created and nothing else: on the new
 * path the Deployment, on the patch path only the container, the volume and
 * (`restoresDns`) the DNS settings the patch changed. Every command tolerates
 * what is already gone (`ziti edge delete` of a missing name exits 0), so it
 * can run twice and after a half-finished install.
 */
export function sidecarCleanupArtifact(
  input: SidecarBaseInput,
  slug: string,
  serviceRoleWords: readonly string[],
  restoresDns = false,
): Artifact {
  const kubectl = kubectlOn(input);
  const ref = shellQuote(workloadRef(input));
  const workloadLines =
    input.target === 'new'
      ? [`${kubectl} delete ${ref} ${shellQuote(`secret/${input.secretName}`)} --ignore-not-found`]
      : [
          `# Take out of ${input.workloadKind} ${input.workloadName} only what the patch added; the workload itself stays.`,
          `if [ -n "$(${kubectl} get ${ref} --ignore-not-found -o name)" ]; then`,
          '  # shellcheck disable=SC2016 # "$patch" is a directive of the strategic merge, not a shell variable.',
          `  ${kubectl} patch ${ref} --type strategic -p ${shellQuote(JSON.stringify(sidecarRemovalPatch(input)))}`,
          ...(restoresDns ? restoreDnsLines(input) : []),
          'fi',
          `${kubectl} delete ${shellQuote(`secret/${input.secretName}`)} --ignore-not-found`,
        ];
  return {
    id: 'cleanup',
    title: input.target === 'new' ? 'Remove everything' : `Remove the sidecar from ${input.workloadKind} ${input.workloadName}`,
    language: 'bash',
    fileName: `${slug}-cleanup.sh`,
    text: script([
      ...workloadLines,
      '# A delete of a name that is not there prints "Found 0 …" and exits 0, so this can run twice.',
      ...deleteDialPolicyScriptLines(input.roleAttribute, serviceRoleWords),
      ...deleteIdentityLines(input.identityName, true),
    ]),
  };
}
