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
} from './common';
import {IMAGES, imageReference} from './images';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec} from './types';
import {toYaml} from './yaml';
import {deleteDialPolicyLine} from './zitiCommands';

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
}

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

export function readSidecarBase(r: FormReader): SidecarBaseInput {
  const namespace = r.text('namespace', checks.namespace);
  const workloadName = r.text('workloadName', checks.workloadName);
  const appImage = r.text('appImage', checks.appImage);
  const appCommand = r.text('appCommand', checks.appCommand);
  const identityName = r.text('identityName', checks.identityName);
  const roleAttribute = r.text('roleAttribute', checks.roleAttribute);
  const secretName = readSecretName(r, identityName);
  const imageTag = r.text('imageTag', checks.imageTag);
  return {namespace, workloadName, appImage, appCommand, identityName, roleAttribute, secretName, imageTag};
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
 * Deployment with the app and the sidecar. `Recreate` follows the upstream
 * sidecar guide; `podExtras` carries strategy-specific pod fields (DNS).
 */
export function sidecarDeployment(
  input: SidecarBaseInput,
  containers: readonly Record<string, unknown>[],
  podExtras: Record<string, unknown>,
): Record<string, unknown> {
  return workloadDeployment(
    input,
    {
      containers: [...containers],
      ...podExtras,
      restartPolicy: 'Always',
      volumes: [{name: IDENTITY_VOLUME, secret: {secretName: input.secretName}}],
    },
    {strategy: {type: 'Recreate'}},
  );
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
    note: 'The sidecar reads the identity from this read-only Secret, so certificate renewal is lost; re-enroll and replace the Secret before the certificate expires.',
  });
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
      ...moreLines,
    ]),
  };
}

/** Both sidecars leave the same objects behind: the Deployment, its Secret, the Dial policy and the identity. */
export function sidecarCleanupArtifact(input: SidecarBaseInput, slug: string): Artifact {
  const ns = shellQuote(input.namespace);
  return {
    id: 'cleanup',
    title: 'Remove everything',
    language: 'bash',
    fileName: `${slug}-cleanup.sh`,
    text: script([
      `kubectl delete --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)} ${shellQuote(`secret/${input.secretName}`)}`,
      deleteDialPolicyLine(input.roleAttribute),
      ...deleteIdentityLines(input.identityName, true),
    ]),
  };
}
