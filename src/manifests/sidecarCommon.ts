/**
 * What the two `ziti tunnel` sidecars share: the form fields for the workload
 * and identity, the Deployment skeleton, and the identity/Secret/cleanup steps.
 * Both use the openziti/ziti-tunnel image with the identity read-only at
 * /netfoundry/<ZITI_IDENTITY_BASENAME>.json, as the upstream sidecar guide does.
 */
import {
  DEMO_APP_IMAGE,
  FormReader,
  appCommandField,
  appImageField,
  checks,
  createIdentityCommand,
  createSecretFromFileCommand,
  enrollCommand,
  ensureNamespaceCommand,
  identityNameField,
  imageTagField,
  jsonFile,
  namespaceField,
  readSecretName,
  removeLocalFilesCommand,
  roleAttributeField,
  secretNameField,
  workloadNameField,
} from './common';
import {IMAGES, imageReference} from './images';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec} from './types';

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
  const labels = {'app.kubernetes.io/name': input.workloadName};
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: input.workloadName, namespace: input.namespace, labels},
    spec: {
      replicas: 1,
      selector: {matchLabels: labels},
      strategy: {type: 'Recreate'},
      template: {
        metadata: {labels},
        spec: {
          containers: [...containers],
          ...podExtras,
          restartPolicy: 'Always',
          volumes: [{name: IDENTITY_VOLUME, secret: {secretName: input.secretName}}],
        },
      },
    },
  };
}

export function sidecarIdentityArtifact(input: SidecarBaseInput, slug: string): Artifact {
  return {
    id: 'identity',
    title: 'Create and enroll the sidecar identity',
    language: 'bash',
    fileName: `${slug}-identity.sh`,
    text: script([
      createIdentityCommand(input.identityName, input.roleAttribute),
      '',
      '# Enroll on this workstation; the JSON holds the private key.',
      enrollCommand(input.identityName),
    ]),
  };
}

export function sidecarSecretArtifact(input: SidecarBaseInput, slug: string): Artifact {
  return {
    id: 'secret',
    title: 'Store the identity in a Secret',
    language: 'bash',
    fileName: `${slug}-secret.sh`,
    text: script([
      ensureNamespaceCommand(input.namespace),
      createSecretFromFileCommand(input.namespace, input.secretName, identityKey(input), jsonFile(input.identityName)),
      '# The Secret now holds the key; remove the local copies.',
      removeLocalFilesCommand(input.identityName, true),
    ]),
    note: 'The sidecar reads the identity from this read-only Secret, so certificate renewal is lost; re-enroll and replace the Secret before the certificate expires.',
  };
}

export function manifestApplyArtifact(input: SidecarBaseInput, slug: string, manifestFile: string): Artifact {
  return {
    id: 'manifest-apply',
    title: 'Apply the manifest',
    language: 'bash',
    fileName: `${slug}-apply.sh`,
    text: script([
      `kubectl apply -f ${manifestFile}`,
      `kubectl rollout status --namespace ${shellQuote(input.namespace)} ${shellQuote(`deployment/${input.workloadName}`)}`,
    ]),
  };
}

/** Lines every sidecar verification starts with. */
export function sidecarVerifyLines(input: SidecarBaseInput): string[] {
  const ns = shellQuote(input.namespace);
  const deployment = shellQuote(`deployment/${input.workloadName}`);
  return [
    `kubectl get pods --namespace ${ns} --selector ${shellQuote(`app.kubernetes.io/name=${input.workloadName}`)}`,
    `kubectl logs --namespace ${ns} ${deployment} --container ${TUNNEL_CONTAINER} --tail 50`,
  ];
}

export function sidecarCleanupLines(input: SidecarBaseInput, policyLines: readonly string[]): string[] {
  const ns = shellQuote(input.namespace);
  return [
    `kubectl delete --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)} ${shellQuote(`secret/${input.secretName}`)}`,
    ...policyLines,
    `ziti edge delete identity ${shellQuote(input.identityName)}`,
    removeLocalFilesCommand(input.identityName, true),
  ];
}
