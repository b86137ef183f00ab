/**
 * Reverse-proxy tunnel pod (chart `ziti-host`): `ziti-edge-tunnel run-host`
 * without privileges, nameserver or intercepts. It hosts every service whose
 * Bind policy selects its identity and forwards to the host.v1 address.
 */
import {
  CHARTS,
  FormReader,
  checks,
  createIdentityCommand,
  createSecretFromFileCommand,
  enrollCommand,
  ensureNamespaceCommand,
  helmInstallCommand,
  helmRepoCommands,
  identityNameField,
  identitySourceField,
  imageTagField,
  jsonFile,
  jwtFile,
  namespaceField,
  readSecretName,
  releaseNameField,
  removeLocalFilesCommand,
  roleAttributeField,
  secretKeyField,
  secretNameField,
  type IdentitySource,
} from './common';
import {IMAGES} from './images';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {toYaml} from './yaml';
import {ingressCleanupLines, ingressPolicyLines, policyAdvisorLines, readHostedServices, type HostedService} from './zitiCommands';

const SLUG = 'ziti-host';
const VALUES_FILE = 'ziti-host-values.yaml';

/** Validated form input for the ziti-host chart. */
export interface ZitiHostInput {
  readonly namespace: string;
  readonly releaseName: string;
  /** OpenZiti identity of the hosting pod. */
  readonly identityName: string;
  /** Role attribute the Bind policies select. */
  readonly roleAttribute: string;
  readonly identitySource: IdentitySource;
  /** Only for `existing-secret`. */
  readonly secret?: {readonly name: string; readonly key: string};
  /** Services the pod hosts. */
  readonly hostedServices: readonly HostedService[];
  readonly imageTag: string;
}

const FIELDS: readonly FieldSpec[] = [
  namespaceField('ziti'),
  releaseNameField('ziti-host'),
  identityNameField('k8s-host'),
  roleAttributeField('k8s-hosts', 'The Bind policies select the hosting identity by #role-attribute.'),
  identitySourceField(['enroll-token', 'identity-json', 'existing-secret'], 'enroll-token'),
  secretNameField({
    defaultValue: '',
    help: 'Secret holding the enrolled identity JSON. Leave empty for IDENTITY-NAME-identity.',
    showWhen: {field: 'identitySource', values: ['existing-secret']},
  }),
  secretKeyField({
    defaultValue: 'persisted-identity',
    help: 'Key of the identity JSON inside the Secret (chart value secret.keyName).',
    showWhen: {field: 'identitySource', values: ['existing-secret']},
  }),
  {
    name: 'hostedServices',
    label: 'Hosted services (optional)',
    kind: 'lines',
    defaultValue: 'k8s-api=kubernetes.default.svc:443',
    help: 'One service=host:port per line: the OpenZiti service and the address the pod forwards it to.',
  },
  imageTagField(IMAGES.zitiHost.tag, IMAGES.zitiHost.repository),
];

function parse(raw: RawInput): ParseResult<ZitiHostInput> {
  const r = new FormReader(FIELDS, raw);
  const namespace = r.text('namespace', checks.namespace);
  const releaseName = r.text('releaseName', checks.releaseName);
  const identityName = r.text('identityName', checks.identityName);
  const roleAttribute = r.text('roleAttribute', checks.roleAttribute);
  const identitySource = r.select<IdentitySource>('identitySource');
  const secret = r.shown('secretName')
    ? {name: readSecretName(r, identityName), key: r.text('secretKey', checks.secretKey)}
    : undefined;
  const hostedServices = readHostedServices(r, 'hostedServices', {required: false, allowIPv6: true});
  const imageTag = r.text('imageTag', checks.imageTag);
  return r.result({
    namespace,
    releaseName,
    identityName,
    roleAttribute,
    identitySource,
    ...(secret ? {secret} : {}),
    hostedServices,
    imageTag,
  });
}

/**
 * Chart values. `secret.keyName` is not declared in the chart's values.yaml but
 * its templates read it (default `persisted-identity`), as the README documents.
 */
function helmValues(input: ZitiHostInput): Record<string, unknown> {
  return {
    image: {tag: input.imageTag},
    ...(input.secret ? {secret: {existingSecretName: input.secret.name, keyName: input.secret.key}} : {}),
  };
}

function build(input: ZitiHostInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  const enrollLocally = input.identitySource !== 'enroll-token';
  const artifacts: Artifact[] = [
    {
      id: 'identity',
      title: 'Create the hosting identity',
      language: 'bash',
      fileName: `${SLUG}-identity.sh`,
      text: script([
        createIdentityCommand(input.identityName, input.roleAttribute),
        ...(enrollLocally ? ['', '# Enroll on this workstation; the JSON holds the private key.', enrollCommand(input.identityName)] : []),
      ]),
      ...(enrollLocally ? {} : {note: 'The chart enrolls the token on first start and keeps the identity on its writable PVC.'}),
    },
    {
      id: 'policies',
      title: 'Host your services',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script(
        input.hostedServices.length > 0
          ? ingressPolicyLines(input.hostedServices, `#${input.roleAttribute}`, true)
          : ['# Add hosted services in the form to get the service, host.v1 config and Bind policy commands.'],
      ),
      note: 'The pod forwards to each host.v1 address itself, so it must be able to reach it; clients need their own intercept.v1 config and Dial policy.',
    },
  ];
  if (input.secret) {
    artifacts.push({
      id: 'secret',
      title: 'Store the enrolled identity in a Secret',
      language: 'bash',
      fileName: `${SLUG}-secret.sh`,
      text: script([
        ensureNamespaceCommand(input.namespace),
        createSecretFromFileCommand(input.namespace, input.secret.name, input.secret.key, jsonFile(input.identityName)),
        '# The Secret now holds the key; remove the local copies.',
        removeLocalFilesCommand(input.identityName, true),
      ]),
      note: 'The chart mounts this Secret read-only, so certificate renewal is lost; the enrollment-token source keeps renewals on a PVC.',
    });
  }
  const setFiles =
    input.identitySource === 'enroll-token'
      ? [{key: 'zitiEnrollToken', file: jwtFile(input.identityName)}]
      : input.identitySource === 'identity-json'
        ? [{key: 'zitiIdentity', file: jsonFile(input.identityName)}]
        : [];
  artifacts.push(
    {
      id: 'helm-values',
      title: 'Helm values',
      language: 'yaml',
      fileName: VALUES_FILE,
      text: toYaml(helmValues(input)),
      note: 'Leave image.args empty: if you add arguments, "run-host" must come first or the image switches to run mode, which needs NET_ADMIN and a tun device.',
    },
    {
      id: 'helm-install',
      title: 'Install the chart',
      language: 'bash',
      fileName: `${SLUG}-install.sh`,
      text: script([
        ...helmRepoCommands(),
        helmInstallCommand({
          chart: CHARTS.zitiHost,
          releaseName: input.releaseName,
          namespace: input.namespace,
          valuesFile: VALUES_FILE,
          setFiles,
        }),
      ]),
      note:
        'The chart creates a Deployment, a PVC, a ServiceAccount and a migration Job, but no Service: nothing connects to this pod, it dials out.' +
        (input.identitySource === 'identity-json'
          ? ' It also puts the identity JSON, private key included, into the Deployment as a plain environment variable; the enrollment-token source avoids that.'
          : ''),
    },
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        `helm status ${shellQuote(input.releaseName)} --namespace ${ns}`,
        `kubectl get deployments,pods,pvc --namespace ${ns}`,
        ...policyAdvisorLines(input.hostedServices.map((hosted) => hosted.service)),
      ]),
    },
    {
      id: 'cleanup',
      title: 'Remove everything',
      language: 'bash',
      fileName: `${SLUG}-cleanup.sh`,
      text: script([
        `helm uninstall ${shellQuote(input.releaseName)} --namespace ${ns}`,
        ...(input.secret ? [`kubectl delete secret ${shellQuote(input.secret.name)} --namespace ${ns}`] : []),
        ...ingressCleanupLines(input.hostedServices, true),
        `ziti edge delete identity ${shellQuote(input.identityName)}`,
        removeLocalFilesCommand(input.identityName, enrollLocally),
      ]),
    },
  );
  return artifacts;
}

export const zitiHost: StrategyBuilder<ZitiHostInput> = {
  id: 'ziti-host',
  fields: FIELDS,
  parse,
  build,
};
