/**
 * Reverse-proxy tunnel pod (chart `ziti-host`): `ziti-edge-tunnel run-host`
 * without privileges, nameserver or intercepts. It hosts every service whose
 * Bind policy selects its identity and forwards to the host.v1 address.
 */
import {
  CHARTS,
  FormReader,
  checks,
  createIdentityLines,
  deleteIdentityLines,
  identityNameField,
  identitySecretArtifact,
  imageTagField,
  namespaceField,
  releaseNameField,
  roleAttributeField,
} from './common';
import {helmCleanupLines, helmInstallArtifact, helmValuesArtifact, readChartReleaseBase} from './helmCommon';
import {IMAGES} from './images';
import {script, shellQuote} from './shell';
import {readTunnelerIdentity, tunnelerIdentityFields, tunnelerSecretValues, tunnelerSetFiles, type TunnelerIdentity} from './tunnelerChart';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkUnquotedInChart} from './validate';
import {
  hostPolicyLines,
  hostedPolicyAdvisorLines,
  hostedServicesField,
  ingressCleanupLines,
  readHostedServices,
  type HostedService,
} from './zitiCommands';

const SLUG = 'ziti-host';
const VALUES_FILE = 'ziti-host-values.yaml';

/** Validated form input for the ziti-host chart. */
export interface ZitiHostInput extends TunnelerIdentity {
  readonly namespace: string;
  readonly releaseName: string;
  /** OpenZiti identity of the hosting pod. */
  readonly identityName: string;
  /** Role attribute the Bind policies select. */
  readonly roleAttribute: string;
  /** Services the pod hosts. */
  readonly hostedServices: readonly HostedService[];
  readonly imageTag: string;
}

const FIELDS: readonly FieldSpec[] = [
  namespaceField('ziti'),
  releaseNameField('ziti-host'),
  identityNameField('k8s-host'),
  roleAttributeField('k8s-hosts', 'The Bind policies select the hosting identity by #role-attribute.'),
  ...tunnelerIdentityFields(),
  hostedServicesField({
    name: 'hostedServices',
    label: 'Hosted services (optional)',
    help: 'One service=host:port per line: the OpenZiti service and the address the pod forwards it to.',
  }),
  imageTagField(IMAGES.zitiHost.tag, IMAGES.zitiHost.repository),
];

function parse(raw: RawInput): ParseResult<ZitiHostInput> {
  const r = new FormReader(FIELDS, raw);
  const base = readChartReleaseBase(r, CHARTS.zitiHost);
  // The migration RoleBinding prints `namespace: {{ .Release.Namespace }}` without quotes.
  if (!checks.namespace('namespace', base.namespace)) {
    r.add(
      checkUnquotedInChart('namespace', base.namespace, 'the namespace', 'the identity migration RoleBinding (ziti-host templates/identity-migrate-rolebinding.yaml)'),
    );
  }
  const identity = readTunnelerIdentity(r, base.identityName);
  // The C tunneler resolves the host.v1 address and port separately, so IPv6 literals work
  // (openziti/ziti-tunnel-sdk-c lib/ziti-tunnel-cbs/ziti_hosting.c on_hosted_client_connect).
  const hostedServices = readHostedServices(r, 'hostedServices', {required: false, allowIPv6: true});
  const imageTag = r.text('imageTag', checks.imageTag);
  return r.result({...base, ...identity, hostedServices, imageTag});
}

/**
 * Chart values. `secret.keyName` is not declared in the chart's values.yaml but
 * its templates read it (default `persisted-identity`), as the README documents.
 */
function helmValues(input: ZitiHostInput): Record<string, unknown> {
  return {
    image: {tag: input.imageTag},
    ...(input.secret ? {secret: tunnelerSecretValues(input.secret)} : {}),
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
      text: script(createIdentityLines(input.identityName, input.roleAttribute, enrollLocally)),
      ...(enrollLocally ? {} : {note: 'The chart enrolls the token on first start and keeps the identity on its writable PVC.'}),
    },
    {
      id: 'policies',
      title: 'Host your services',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script(hostPolicyLines(input.hostedServices, `#${input.roleAttribute}`)),
      note: 'The pod forwards to each host.v1 address itself, so it must be able to reach it; clients need their own intercept.v1 config and Dial policy.',
    },
  ];
  if (input.secret) {
    artifacts.push(
      identitySecretArtifact({
        title: 'Store the enrolled identity in a Secret',
        fileName: `${SLUG}-secret.sh`,
        namespace: input.namespace,
        identityName: input.identityName,
        secretName: input.secret.name,
        secretKey: input.secret.key,
        note: 'The chart mounts this Secret read-only, so certificate renewal is lost; the enrollment-token source keeps renewals on a PVC.',
      }),
    );
  }
  artifacts.push(
    helmValuesArtifact(
      VALUES_FILE,
      helmValues(input),
      'Leave image.args empty: if you add arguments, "run-host" must come first or the image switches to run mode, which needs NET_ADMIN and a tun device.',
    ),
    helmInstallArtifact({
      slug: SLUG,
      chart: CHARTS.zitiHost,
      releaseName: input.releaseName,
      namespace: input.namespace,
      valuesFile: VALUES_FILE,
      setFiles: tunnelerSetFiles(input.identitySource, input.identityName),
      note:
        'The chart creates a Deployment, a PVC, a ServiceAccount and a migration Job, but no Service: nothing connects to this pod, it dials out.' +
        (input.identitySource === 'identity-json'
          ? ' It also puts the identity JSON, private key included, into the Deployment as a plain environment variable; the enrollment-token source avoids that.'
          : ''),
    }),
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        `helm status ${shellQuote(input.releaseName)} --namespace ${ns}`,
        `kubectl get deployments,pods,pvc --namespace ${ns}`,
        ...hostedPolicyAdvisorLines(input.hostedServices),
      ]),
    },
    {
      id: 'cleanup',
      title: 'Remove everything',
      language: 'bash',
      fileName: `${SLUG}-cleanup.sh`,
      text: script([
        ...helmCleanupLines(input, input.secret?.name),
        ...ingressCleanupLines(input.hostedServices, true),
        ...deleteIdentityLines(input.identityName, enrollLocally),
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
