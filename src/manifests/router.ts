/**
 * OpenZiti router with its built-in tunnel in `host` mode (chart `ziti-router`):
 * it hosts the services whose Bind policy names the router's identity and
 * forwards each connection to the service's host.v1 address.
 */
import {
  CHARTS,
  FormReader,
  checks,
  ensureNamespaceCommand,
  createSecretFromFileCommand,
  enabledField,
  identityNameField,
  identitySourceField,
  imageTagField,
  jwtFile,
  namespaceField,
  releaseNameField,
  removeLocalFilesCommand,
  roleAttributeField,
  secretNameField,
  type IdentitySource,
} from './common';
import {ROUTER_TOKEN_KEY, gitopsArtifacts, gitopsSecretCleanupLines, routerGitopsSecret, type GitopsSecret} from './gitops';
import {helmCleanupLines, helmFullname, helmInstallArtifact, helmValuesArtifact, readChartReleaseBase} from './helmCommon';
import {IMAGES} from './images';
import {continued, script, shellQuote, shellWord} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkDnsSubdomain, checkUnquotedInChart, isDnsSubdomain, issue, parseHostPort} from './validate';
import {
  clientCleanupLines,
  ingressClientArtifacts,
  ingressClientFields,
  readIngressClients,
  type IngressClients,
} from './ingressClients';
import {
  hostedPolicyAdvisorLines,
  hostedServicesField,
  ingressCleanupLines,
  ingressPolicyLines,
  readHostedServices,
  type IngressHosting,
  type InterceptedService,
} from './zitiCommands';

const SLUG = 'router';
const VALUES_FILE = 'ziti-router-values.yaml';
/** The chart reads the token from this key of `enrollmentJwtSecretName`. */
const ENROLLMENT_SECRET_KEY = ROUTER_TOKEN_KEY;
/** The chart's `configMountDir`: the router's config, certificates and key live here. */
const CONFIG_DIR = '/etc/ziti/config';

export type RouterEnrollment = Extract<IdentitySource, 'enroll-token' | 'existing-secret'>;

/** Validated form input for the router. */
export interface RouterInput {
  readonly namespace: string;
  readonly releaseName: string;
  /** Name of the edge router (and of its tunnel identity). */
  readonly identityName: string;
  /** Role attribute added to the router's identity; Bind policies select it. */
  readonly roleAttribute: string;
  /** Token file passed with --set-file, or a Secret holding it. */
  readonly identitySource: RouterEnrollment;
  /** Only for `existing-secret`: Secret with key `enrollmentJwt`. */
  readonly secretName?: string;
  /** DNS name clients and routers use for the edge listener (`edge.advertisedHost`). */
  readonly advertisedHost: string;
  /** Whether the router accepts incoming router links (`linkListeners.transport.enabled`). */
  readonly linkListener: boolean;
  /** Optional `host:port` overriding the controller address in the token (`ctrl.endpoint`). */
  readonly controllerEndpoint: string;
  /** Optional storage class for the router's state PVC. */
  readonly storageClass: string;
  /** Services this router hosts, with the address clients intercept for each. */
  readonly hostedServices: readonly InterceptedService[];
  /** Role attribute of the client identities (Dial policy, client edge-router policy). */
  readonly clientRoleAttribute: string;
  /** Client identity the steps create for the check from a client. */
  readonly clientIdentityName: string;
  readonly imageTag: string;
}

const FIELDS: readonly FieldSpec[] = [
  namespaceField('ziti'),
  releaseNameField('ziti-router'),
  identityNameField('router1', 'Router name'),
  roleAttributeField('router1-hosts', "Added to the router's identity; the Bind policies select #role-attribute."),
  {
    ...identitySourceField(['enroll-token', 'existing-secret'], 'enroll-token'),
    label: 'Enrollment token source',
    help: 'The router enrolls itself with the one-time token and keeps its identity on the chart’s PVC either way.',
    options: [
      {value: 'enroll-token', label: 'Token file passed to Helm (--set-file)'},
      {value: 'existing-secret', label: 'Secret holding the token (key enrollmentJwt)'},
    ],
  },
  secretNameField({
    defaultValue: '',
    help: 'Secret with key enrollmentJwt. Leave empty for ROUTER-NAME-enrollment.',
    showWhen: {field: 'identitySource', values: ['existing-secret']},
  }),
  {
    name: 'advertisedHost',
    label: 'Advertised host',
    kind: 'text',
    defaultValue: 'router1.ziti.example.com',
    help: 'DNS name edge clients and other routers use to reach this router (edge.advertisedHost). Replace the example.',
  },
  enabledField({
    name: 'linkListener',
    label: 'Incoming router links',
    on: 'Accept (router is reachable at the advertised host)',
    off: 'Private router: only dial out to other routers',
  }),
  {
    name: 'controllerEndpoint',
    label: 'Controller endpoint (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'host:port overriding the controller address in the token, e.g. ziti-controller-ctrl.ziti-controller.svc:1280.',
  },
  {
    name: 'storageClass',
    label: 'Storage class (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'Storage class of the router’s state volume; empty uses the cluster default.',
  },
  hostedServicesField({
    name: 'hostedServices',
    label: 'Hosted services (optional)',
    help: 'One service=host:port per line: the OpenZiti service and the address the router forwards it to.',
  }),
  ...ingressClientFields(),
  imageTagField(IMAGES.zitiRouter.tag, IMAGES.zitiRouter.repository),
];

function enrollmentSecretName(input: {identityName: string}): string {
  return `${input.identityName}-enrollment`;
}

function parse(raw: RawInput): ParseResult<RouterInput> {
  const r = new FormReader(FIELDS, raw);
  const base = readChartReleaseBase(r, CHARTS.zitiRouter);
  const identitySource = r.select<RouterEnrollment>('identitySource');
  let secretName: string | undefined;
  if (r.shown('secretName')) {
    secretName = r.text('secretName', checks.optionalSecretName) || enrollmentSecretName(base);
    if (!isDnsSubdomain(secretName)) {
      r.add(issue('secretName', `"${secretName}" is not a valid Kubernetes name; enter a Secret name.`));
    } else {
      r.add(
        checkUnquotedInChart('secretName', secretName, 'the Secret name', 'the router\'s secretKeyRef for ZITI_ENROLL_TOKEN (ziti-router templates/deployment.yaml)'),
      );
    }
  }
  const advertisedHost = r.text(
    'advertisedHost',
    (path, value) =>
      checkDnsSubdomain(path, value, 'the advertised host') ??
      // templates/configmap.yaml lists it unquoted under csr.sans.dns, which the router reads with go-yaml v2.
      checkUnquotedInChart(path, value, 'the advertised host', 'the router configuration\'s certificate names (ziti-router templates/configmap.yaml)'),
  );
  const linkListener = r.enabled('linkListener');
  const controllerEndpoint = r.text('controllerEndpoint', (path, value) => {
    if (value === '') return undefined;
    const parsed = parseHostPort(path, value, 'the controller endpoint', true);
    return 'port' in parsed ? undefined : parsed;
  });
  const storageClass = r.text('storageClass', checks.optionalStorageClass);
  // The router's tunnel dials address + ":" + port without brackets (openziti/ziti tunnel/intercept/hosting.go Dial),
  // so an IPv6 host.v1 address becomes an address net.Dial cannot split.
  const hosted = readHostedServices(r, 'hostedServices', {
    required: false,
    allowIPv6: false,
    ipv6Reason: 'the router\'s tunnel joins the address and port without brackets, so it could not dial it. Use a DNS name that resolves to it.',
  });
  const clients = readIngressClients(r, hosted, base);
  const imageTag = r.text('imageTag', checks.imageTag);
  return r.result({
    ...base,
    identitySource,
    ...(secretName === undefined ? {} : {secretName}),
    advertisedHost,
    linkListener,
    controllerEndpoint,
    storageClass,
    hostedServices: clients.services,
    clientRoleAttribute: clients.clientRoleAttribute,
    clientIdentityName: clients.clientIdentityName,
    imageTag,
  });
}

/** Chart values; every key exists in the chart's values.yaml. */
function helmValues(input: RouterInput): Record<string, unknown> {
  const values: Record<string, unknown> = {image: {tag: input.imageTag}};
  if (input.controllerEndpoint) values.ctrl = {endpoint: input.controllerEndpoint};
  values.edge = {advertisedHost: input.advertisedHost};
  if (!input.linkListener) values.linkListeners = {transport: {enabled: false}};
  values.tunnel = {mode: 'host'};
  if (input.secretName !== undefined) {
    values.enrollmentJwtFromSecret = true;
    values.enrollmentJwtSecretName = input.secretName;
  }
  if (input.storageClass) values.persistence = {storageClass: input.storageClass};
  return values;
}

/** The router hosts with host.v1; its tunneler identity has a system edge-router policy, so only the services need one. */
function hosting(input: RouterInput): IngressHosting {
  return {services: input.hostedServices, hostRoleAttribute: input.roleAttribute, withHostConfig: true, hostNeedsEdgeRouterPolicy: false};
}

function clientsOf(input: RouterInput): IngressClients {
  return {services: input.hostedServices, clientRoleAttribute: input.clientRoleAttribute, clientIdentityName: input.clientIdentityName};
}

/** The router chart's `<fullname>`: release "ziti-router" stays "ziti-router", release "edge" becomes "edge-router". */
export function routerFullname(releaseName: string): string {
  return helmFullname(releaseName, CHARTS.zitiRouter);
}

/** The token Secret the GitOps objects name: the reader's, or one the GitOps path creates from the token file. */
function gitopsSecret(input: RouterInput): GitopsSecret {
  return routerGitopsSecret({
    slug: SLUG,
    identityName: input.identityName,
    releaseName: input.releaseName,
    namespace: input.namespace,
    ...(input.secretName === undefined ? {} : {secretName: input.secretName}),
    preferredName: enrollmentSecretName(input),
  });
}

/** Argo CD and Flux objects with the same values function as the values file, the token always from a Secret. */
function gitopsOutput(input: RouterInput): Artifact[] {
  const secret = gitopsSecret(input);
  const values = helmValues({...input, identitySource: 'existing-secret', secretName: secret.name});
  return gitopsArtifacts({slug: SLUG, chart: CHARTS.zitiRouter, releaseName: input.releaseName, namespace: input.namespace, values}, secret);
}

function build(input: RouterInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  const fullname = routerFullname(input.releaseName);
  const artifacts: Artifact[] = [
    {
      id: 'identity',
      title: 'Create the edge router',
      language: 'bash',
      fileName: `${SLUG}-identity.sh`,
      text: script([
        continued(
          `ziti edge create edge-router ${shellQuote(input.identityName)}`,
          '--tunneler-enabled',
          `--jwt-output-file ${shellWord(jwtFile(input.identityName))}`,
        ),
        '',
        "# The router's tunnel identity has the router's name; give it the role the Bind policies use.",
        `ziti edge update identity ${shellQuote(input.identityName)} --role-attributes ${shellQuote(input.roleAttribute)}`,
      ]),
      note: 'An existing router gets the tunnel with: ziti edge update edge-router NAME --tunneler-enabled.',
    },
    {
      id: 'policies',
      title: 'Host your services on the router',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script(ingressPolicyLines(hosting(input))),
      note: 'The router’s own identity has a system edge-router policy; its services still need the service-edge-router policy.',
    },
  ];
  if (input.secretName !== undefined) {
    artifacts.push({
      id: 'secret',
      title: 'Store the enrollment token in a Secret',
      language: 'bash',
      fileName: `${SLUG}-secret.sh`,
      text: script([
        ensureNamespaceCommand(input.namespace),
        createSecretFromFileCommand(input.namespace, input.secretName, ENROLLMENT_SECRET_KEY, jwtFile(input.identityName)),
        removeLocalFilesCommand(input.identityName, false),
      ]),
      note: 'The token is used once; after enrollment the identity lives on the router’s writable PVC and renews itself.',
    });
  }
  artifacts.push(
    helmValuesArtifact(
      VALUES_FILE,
      helmValues(input),
      `Router chart ${CHARTS.zitiRouter.version} runs Ziti ${CHARTS.zitiRouter.appVersion}; its major version must match your ziti-controller chart's major version (upgrade the controller first).`,
    ),
    helmInstallArtifact({
      slug: SLUG,
      chart: CHARTS.zitiRouter,
      releaseName: input.releaseName,
      namespace: input.namespace,
      valuesFile: VALUES_FILE,
      setFiles: input.secretName === undefined ? [{key: 'enrollmentJwt', file: jwtFile(input.identityName)}] : [],
      note:
        input.secretName === undefined
          ? 'Helm reads the one-time token from the file; the chart passes it to the router as an environment variable.'
          : 'The chart reads the token from the Secret, so it never passes through Helm values.',
    }),
    ...gitopsOutput(input),
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        `kubectl get pods,services,pvc --namespace ${ns}`,
        `ziti edge list edge-routers ${shellQuote(`name="${input.identityName}"`)}`,
        ...hostedPolicyAdvisorLines(input.hostedServices),
        '',
        '# When the router certificate expires; the router renews it before then (ZITI_AUTO_RENEW_CERTS).',
        `kubectl exec --namespace ${ns} ${shellQuote(`deployment/${fullname}`)} -- cat ${shellQuote(`${CONFIG_DIR}/${fullname}.cert`)} | openssl x509 -noout -enddate`,
      ]),
      note: 'The router should be listed as online; the policy advisor shows whether each service has a usable Bind.',
    },
    ...ingressClientArtifacts(SLUG, input.namespace, clientsOf(input)),
    {
      id: 'cleanup',
      title: 'Remove everything',
      language: 'bash',
      fileName: `${SLUG}-cleanup.sh`,
      text: script([
        ...clientCleanupLines(clientsOf(input)),
        ...helmCleanupLines(input, input.secretName),
        ...gitopsSecretCleanupLines(gitopsSecret(input), input.namespace),
        ...ingressCleanupLines(hosting(input)),
        `ziti edge delete edge-router ${shellQuote(input.identityName)}`,
        removeLocalFilesCommand(input.identityName, false),
      ]),
    },
  );
  return artifacts;
}

export const router: StrategyBuilder<RouterInput> = {
  id: 'openziti-router',
  fields: FIELDS,
  parse,
  build,
};
