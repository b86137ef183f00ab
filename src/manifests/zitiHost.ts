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
  rolloutWaitLines,
} from './common';
import {gitopsArtifacts, gitopsSecretCleanupLines, tunnelerGitopsSecret, type GitopsSecret} from './gitops';
import {helmCleanupLines, helmFullname, helmInstallArtifact, helmValuesArtifact, readChartReleaseBase} from './helmCommon';
import {
  IDENTITY_CERT_END_DATE,
  clientCleanupLines,
  ingressClientArtifacts,
  ingressClientFields,
  readIngressClients,
  type IngressClients,
} from './ingressClients';
import {IMAGES} from './images';
import {script, shellQuote} from './shell';
import {readTunnelerIdentity, tunnelerIdentityFields, tunnelerSecretValues, tunnelerSetFiles, type TunnelerIdentity} from './tunnelerChart';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkUnquotedInChart, issue} from './validate';
import {
  hostedPolicyAdvisorLines,
  hostedServicesField,
  ingressCleanupLines,
  ingressPolicyLines,
  readHostedServices,
  type IngressHosting,
  type InterceptedService,
} from './zitiCommands';

const SLUG = 'ziti-host';
const VALUES_FILE = 'ziti-host-values.yaml';
/** The chart mounts the identity (claim or Secret) here (`ziti-host.identityMountPath`). */
const IDENTITY_DIR = '/ziti-edge-tunnel';

/** Validated form input for the ziti-host chart. */
export interface ZitiHostInput extends TunnelerIdentity {
  readonly namespace: string;
  readonly releaseName: string;
  /** OpenZiti identity of the hosting pod. */
  readonly identityName: string;
  /** Role attribute the Bind policies select. */
  readonly roleAttribute: string;
  /** Services the pod hosts, with the address clients intercept for each. */
  readonly hostedServices: readonly InterceptedService[];
  /** Role attribute of the client identities (Dial policy, client edge-router policy). */
  readonly clientRoleAttribute: string;
  /** Client identity the steps create for the check from a client. */
  readonly clientIdentityName: string;
  readonly imageTag: string;
}

const FIELDS: readonly FieldSpec[] = [
  namespaceField('ziti'),
  releaseNameField('ziti-host'),
  identityNameField('k8s-host'),
  roleAttributeField('k8s-hosts', 'The Bind policies select the hosting identity by #role-attribute.'),
  ...tunnelerIdentityFields().map((field) =>
    field.name === 'secretName'
      ? {...field, help: `${field.help ?? ''} Not RELEASE-identity (or RELEASE-ziti-host-identity): the chart's migration hook deletes that Secret.`}
      : field,
  ),
  hostedServicesField({
    name: 'hostedServices',
    label: 'Hosted services (optional)',
    help: 'One service=host:port per line: the OpenZiti service and the address the pod forwards it to.',
  }),
  ...ingressClientFields(),
  imageTagField(IMAGES.zitiHost.tag, IMAGES.zitiHost.repository),
];

/** The Secret the chart's post-install/post-upgrade migration hook reads and then deletes. */
export function migrationSecretName(releaseName: string): string {
  return `${helmFullname(releaseName, CHARTS.zitiHost)}-identity`;
}

/**
 * The chart's migration Job copies Secret `<fullname>-identity` onto the claim
 * and deletes it whenever the claim has no identity file yet, which is always
 * the case with an existing Secret (the claim is never written). A reader's
 * Secret of that name would be deleted by the install that mounts it.
 */
function checkMigrationCollision(r: FormReader, releaseName: string, secretName: string): void {
  const doomed = migrationSecretName(releaseName);
  if (secretName !== doomed) return;
  const typed = r.value('secretName') !== '';
  const source = typed ? `The Secret name "${secretName}"` : `The default Secret name "${secretName}" (IDENTITY-NAME-identity)`;
  r.add(
    issue(
      'secretName',
      `${source} is the Secret the ziti-host chart's migration hook copies into its volume and then deletes (<fullname>-identity, fullname "${helmFullname(releaseName, CHARTS.zitiHost)}" for release "${releaseName}"): installing would delete the identity the pod mounts. Enter another Secret name${typed ? '' : ' or identity name'}, or change the release name.`,
    ),
  );
}

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
  if (identity.secret) checkMigrationCollision(r, base.releaseName, identity.secret.name);
  // The C tunneler resolves the host.v1 address and port separately, so IPv6 literals work
  // (openziti/ziti-tunnel-sdk-c lib/ziti-tunnel-cbs/ziti_hosting.c on_hosted_client_connect).
  const hosted = readHostedServices(r, 'hostedServices', {required: false, allowIPv6: true});
  const clients = readIngressClients(r, hosted, base);
  const imageTag = r.text('imageTag', checks.imageTag);
  return r.result({
    ...base,
    ...identity,
    hostedServices: clients.services,
    clientRoleAttribute: clients.clientRoleAttribute,
    clientIdentityName: clients.clientIdentityName,
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
    ...(input.secret ? {secret: tunnelerSecretValues(input.secret)} : {}),
  };
}

/** The pod hosts with host.v1; its identity needs an edge-router policy of its own. */
function hosting(input: ZitiHostInput): IngressHosting {
  return {services: input.hostedServices, hostRoleAttribute: input.roleAttribute, withHostConfig: true, hostNeedsEdgeRouterPolicy: true};
}

function clientsOf(input: ZitiHostInput): IngressClients {
  return {services: input.hostedServices, clientRoleAttribute: input.clientRoleAttribute, clientIdentityName: input.clientIdentityName};
}

/** The Secret the GitOps objects mount: the reader's, or one the GitOps path creates, never the one the migration hook deletes. */
function gitopsSecret(input: ZitiHostInput): GitopsSecret {
  return tunnelerGitopsSecret({
    slug: SLUG,
    identitySource: input.identitySource,
    identityName: input.identityName,
    releaseName: input.releaseName,
    namespace: input.namespace,
    ...(input.secret ? {secret: input.secret} : {}),
    avoid: migrationSecretName(input.releaseName),
    note: 'The chart mounts it read-only, so certificate renewal is lost: re-enroll and replace the Secret before the certificate expires, about a year after enrollment.',
  });
}

/** Argo CD and Flux objects with the same values function as the values file, pointed at the Secret. */
function gitopsOutput(input: ZitiHostInput): Artifact[] {
  const secret = gitopsSecret(input);
  const values = helmValues({...input, identitySource: 'existing-secret', secret: {name: secret.name, key: secret.key}});
  return gitopsArtifacts({slug: SLUG, chart: CHARTS.zitiHost, releaseName: input.releaseName, namespace: input.namespace, values}, secret);
}

function build(input: ZitiHostInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  const fullname = helmFullname(input.releaseName, CHARTS.zitiHost);
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
      text: script(ingressPolicyLines(hosting(input))),
      note: 'The pod forwards to each host.v1 address itself, so it must be able to reach it.',
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
        note: 'The chart mounts this Secret read-only, so certificate renewal is lost: re-enroll before the certificate expires (about a year). The enrollment-token source renews on the PVC.',
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
        'The chart creates a Deployment, a PVC, a ServiceAccount, and for its identity migration hook a Job, a Role, a RoleBinding and a ConfigMap; no Service: nothing connects to this pod, it dials out.' +
        (input.identitySource === 'identity-json'
          ? ' It also puts the identity JSON, private key included, into the Deployment as a plain environment variable; the enrollment-token source avoids that.'
          : ''),
    }),
    ...gitopsOutput(input),
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        `helm status ${shellQuote(input.releaseName)} --namespace ${ns}`,
        // After the install the pod may still be starting: wait for it (with the events if it never comes).
        ...rolloutWaitLines(ns, shellQuote(`deployment/${fullname}`)),
        `kubectl get deployments,pods,pvc --namespace ${ns}`,
        ...hostedPolicyAdvisorLines(input.hostedServices),
        '',
        '# When the identity certificate expires (about a year after enrollment).',
        `kubectl exec --namespace ${ns} ${shellQuote(`deployment/${fullname}`)} -- cat ${shellQuote(`${IDENTITY_DIR}/${fullname}-identity.json`)} | ${IDENTITY_CERT_END_DATE}`,
      ]),
      note: input.secret
        ? 'Mounted from a read-only Secret, the certificate cannot be renewed: re-enroll and replace the Secret before that date.'
        : 'ziti-edge-tunnel renews the certificate before that date and keeps it on the PVC.',
    },
    ...ingressClientArtifacts(SLUG, input.namespace, clientsOf(input)),
    {
      id: 'cleanup',
      title: 'Remove everything',
      language: 'bash',
      fileName: `${SLUG}-cleanup.sh`,
      text: script([
        ...clientCleanupLines(clientsOf(input)),
        ...helmCleanupLines(input, CHARTS.zitiHost, input.secret?.name),
        ...gitopsSecretCleanupLines(gitopsSecret(input), input.namespace),
        ...ingressCleanupLines(hosting(input)),
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
