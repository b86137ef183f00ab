/**
 * What the two `ziti tunnel` sidecars share: the form fields for the workload
 * and identity, the Deployment skeleton, and the identity/Secret/cleanup steps.
 * Both use the openziti/ziti-tunnel image with the identity read-only at
 * /netfoundry/<ZITI_IDENTITY_BASENAME>.json, as the upstream sidecar guide does.
 */
import {
  APP_NAME_LABEL,
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
  workloadNameField,
  rolloutWaitLines,
} from './common';
import {IMAGES, imageReference} from './images';
import {continued, script, shellQuote} from './shell';
import type {Artifact, FieldSpec} from './types';
import {toYaml} from './yaml';
import {deleteDialPolicyScriptLines} from './zitiCommands';

/** Where the ziti-tunnel image looks for identities (its ZITI_IDENTITY_DIR default). */
export const IDENTITY_DIR = '/netfoundry';
export const TUNNEL_CONTAINER = 'ziti-tunnel';
export const APP_CONTAINER = 'app';
const IDENTITY_VOLUME = 'ziti-identity';

/** Fields both sidecar strategies read, shared so their names cannot drift apart. */
export interface SidecarBaseInput {
  /** Namespace of the application. */
  readonly namespace: string;
  /** Deployment name and app.kubernetes.io/name label. */
  readonly workloadName: string;
  /** The application's image reference, with tag or digest. */
  readonly appImage: string;
  /** Optional shell command for the application container; empty keeps the entrypoint. */
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

export function sidecarBaseFields(defaults: {identityName: string; roleAttribute: string}): FieldSpec[] {
  return [
    namespaceField('default'),
    workloadNameField('my-app'),
    appImageField(DEMO_APP_IMAGE),
    appCommandField(),
    identityNameField(defaults.identityName),
    roleAttributeField(defaults.roleAttribute, 'The Dial policy selects the sidecar identity by #role-attribute.'),
    secretNameField({
      defaultValue: '',
      help: 'Secret that holds IDENTITY-NAME.json. Leave empty for IDENTITY-NAME-identity.',
    }),
  ];
}

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
  const workloadName = r.text('workloadName', checks.workloadName);
  const appImage = r.text('appImage', checks.appImage);
  const appCommand = r.text('appCommand', checks.appCommand);
  const identityName = r.text('identityName', checks.identityName);
  const roleAttribute = r.text('roleAttribute', checks.roleAttribute);
  const secretName = readSecretName(r, identityName);
  const imageTag = r.text('imageTag', checks.imageTag);
  const nativeSidecar = r.select<SidecarStart>('sidecarStart') === 'native';
  return {namespace, workloadName, appImage, appCommand, identityName, roleAttribute, secretName, imageTag, nativeSidecar};
}

/** Secret key the tunneler expects: `<ZITI_IDENTITY_BASENAME>.json`. */
export function identityKey(input: SidecarBaseInput): string {
  return `${input.identityName}.json`;
}

/** Application container; the command runs through a shell so one text field can hold it. */
export function appContainer(input: SidecarBaseInput): Record<string, unknown> {
  return {
    name: APP_CONTAINER,
    image: input.appImage,
    ...(input.appCommand ? {command: ['/bin/sh', '-c', input.appCommand]} : {}),
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
    args: [...args],
    env: [{name: 'ZITI_IDENTITY_BASENAME', value: input.identityName}],
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
 * Strategic merge patch that adds the sidecar to an existing Deployment:
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

/** The patch file and the step that applies it to the reader's own Deployment. */
export function sidecarPatchArtifacts(
  input: SidecarBaseInput,
  slug: string,
  patch: Record<string, unknown>,
  note: string,
): Artifact[] {
  const patchFile = `${slug}-patch.yaml`;
  const ns = shellQuote(input.namespace);
  const deployment = shellQuote(`deployment/${input.workloadName}`);
  return [
    {
      id: 'patch',
      title: 'Or: patch for an existing Deployment',
      language: 'yaml',
      fileName: patchFile,
      text: toYaml(patch),
      note,
    },
    {
      id: 'patch-apply',
      title: 'Apply the patch to the existing Deployment',
      language: 'bash',
      fileName: `${slug}-patch.sh`,
      text: script([
        '# Preview the merged Deployment first; nothing changes on the cluster.',
        `kubectl patch --namespace ${ns} ${deployment} --type strategic --patch-file ${patchFile} --dry-run=server -o yaml`,
        `kubectl patch --namespace ${ns} ${deployment} --type strategic --patch-file ${patchFile}`,
        ...rolloutWaitLines(ns, deployment),
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

/** The verify step: both sidecars first check the pod and the tunnel's log, then add their own checks. */
export function sidecarVerifyArtifact(input: SidecarBaseInput, slug: string, moreLines: readonly string[]): Artifact {
  const ns = shellQuote(input.namespace);
  const deployment = shellQuote(`deployment/${input.workloadName}`);
  return {
    id: 'verify',
    title: 'Check that it works',
    language: 'bash',
    fileName: `${slug}-verify.sh`,
    text: script([
      `kubectl get pods --namespace ${ns} --selector ${shellQuote(`${APP_NAME_LABEL}=${input.workloadName}`)}`,
      `kubectl logs --namespace ${ns} ${deployment} --container ${TUNNEL_CONTAINER} --tail 50`,
      // Before the strategy's own lines, which end with the loopback's optional port-forward.
      ...certificateExpiryLines(input),
      ...moreLines,
    ]),
  };
}

/** Both sidecars leave the same objects behind: the Deployment, its Secret, the three policies and the identity. */
export function sidecarCleanupArtifact(input: SidecarBaseInput, slug: string, serviceRoleWords: readonly string[]): Artifact {
  const ns = shellQuote(input.namespace);
  return {
    id: 'cleanup',
    title: 'Remove everything',
    language: 'bash',
    fileName: `${slug}-cleanup.sh`,
    text: script([
      `kubectl delete --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)} ${shellQuote(`secret/${input.secretName}`)}`,
      ...deleteDialPolicyScriptLines(input.roleAttribute, serviceRoleWords),
      ...deleteIdentityLines(input.identityName, true),
    ]),
  };
}
