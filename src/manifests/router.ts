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
  rolloutWaitLines,
  type IdentitySource,
} from './common';
import {ROUTER_TOKEN_KEY, gitopsArtifacts, gitopsSecretCleanupLines, routerGitopsSecret, type GitopsSecret} from './gitops';
import {helmCleanupLines, helmFullname, helmInstallArtifact, helmValuesArtifact, readChartReleaseBase} from './helmCommon';
import {IMAGES} from './images';
import {continued, script, shellQuote, shellWord} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkDnsSubdomain, checkStorageClass, checkUnquotedInChart, isDnsSubdomain, issue, parseHostPort} from './validate';
import {
  clientCleanupLines,
  ingressClientArtifacts,
  ingressClientFields,
  readIngressClients,
  type IngressClients,
} from './ingressClients';
import {
  hostedPolicyAdvisorLines,
  type HostedService,
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
/** The chart's `configFile`: the router's configuration, rendered from templates/configmap.yaml. */
const CHART_CONFIG_FILE = 'ziti-router.yaml';

export type RouterEnrollment = Extract<IdentitySource, 'enroll-token' | 'existing-secret'>;

/**
 * A new router installed by these steps, or one the reader already runs from
 * the ziti-router chart (often upstream's, installed with the controller),
 * which the steps only switch to tunneling: installing over it would replace
 * its values and the new token would never be used (the image skips
 * enrollment when a certificate exists).
 */
export type RouterSource = 'new' | 'existing';

/** What both paths read: where the router runs, its name, and what it hosts for which clients. */
interface RouterCommonInput {
  readonly namespace: string;
  /** Helm release the router runs from: the one these steps install, or the reader's. */
  readonly releaseName: string;
  /** Name of the edge router (and of its tunnel identity). */
  readonly identityName: string;
  /** Services this router hosts, with the address clients intercept for each. */
  readonly hostedServices: readonly InterceptedService[];
  /** Role attribute of the client identities (Dial policy, client edge-router policy). */
  readonly clientRoleAttribute: string;
  /** Client identity the steps create for the check from a client. */
  readonly clientIdentityName: string;
}

/** Validated form input for a router these steps create and install. */
export interface NewRouterInput extends RouterCommonInput {
  readonly routerSource: 'new';
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
  readonly imageTag: string;
}

/** Validated form input for a router the reader already runs from the ziti-router chart. */
export interface ExistingRouterInput extends RouterCommonInput {
  readonly routerSource: 'existing';
}

export type RouterInput = NewRouterInput | ExistingRouterInput;

/** Shown only for a router these steps install. */
const NEW_ONLY = {field: 'routerSource', values: ['new']} as const;

/**
 * The default release name stays clear of upstream's: the controller chart's
 * README installs its router as `ziti-router` in `ziti`, so on a network
 * installed with Helm that release usually exists already. The install step
 * would stop there anyway (it upgrades only releases it installed); a
 * different default just saves the reader that stop.
 */
export const NEW_ROUTER_RELEASE = 'hosting-router';
/** What an existing router is most likely called: upstream's controller README names its router release so. */
export const UPSTREAM_ROUTER_RELEASE = 'ziti-router';

const FIELDS: readonly FieldSpec[] = [
  {
    name: 'routerSource',
    label: 'Router',
    kind: 'select',
    defaultValue: 'new',
    options: [
      {value: 'new', label: 'Install a new router with Helm'},
      {value: 'existing', label: 'Use a router that already runs in the cluster (ziti-router chart)'},
    ],
    help: 'An existing router is not reinstalled: the steps switch on its tunnel and check that the tunnel runs in host mode.',
  },
  namespaceField('ziti'),
  {
    ...releaseNameField(NEW_ROUTER_RELEASE),
    help: "Name of the new router's Helm release (not ziti-router: upstream's controller guide installs its own router under that name). Lower-case letters, digits, '-' and '.'.",
    showWhen: NEW_ONLY,
  },
  {
    name: 'existingRelease',
    label: 'Helm release of your router',
    kind: 'text',
    defaultValue: UPSTREAM_ROUTER_RELEASE,
    help: 'The release your router runs from ("helm list --namespace NAMESPACE" shows it); upstream\'s controller guide names it ziti-router.',
    showWhen: {field: 'routerSource', values: ['existing']},
  },
  identityNameField('router1', 'Router name'),
  {
    ...roleAttributeField('router1-hosts', "Added to the new router's identity; the Bind policies select #role-attribute."),
    showWhen: NEW_ONLY,
  },
  {
    ...identitySourceField(['enroll-token', 'existing-secret'], 'enroll-token'),
    showWhen: NEW_ONLY,
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
    showWhen: NEW_ONLY,
  },
  {
    ...enabledField({
      name: 'linkListener',
      label: 'Incoming router links',
      on: 'Accept (router is reachable at the advertised host)',
      off: 'Private router: only dial out to other routers',
    }),
    showWhen: NEW_ONLY,
  },
  {
    name: 'controllerEndpoint',
    label: 'Controller endpoint (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'host:port overriding the controller address in the token, e.g. ziti-controller-ctrl.ziti-controller.svc:1280.',
    showWhen: NEW_ONLY,
  },
  {
    name: 'storageClass',
    label: 'Storage class (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'Storage class of the router’s state volume (persistence.storageClass). Empty uses the cluster’s default class; "-" asks for no class (the chart renders storageClassName: ""), so no volume is provisioned and a PersistentVolume you created must bind the claim.',
    showWhen: NEW_ONLY,
  },
  hostedServicesField({
    name: 'hostedServices',
    label: 'Hosted services (optional)',
    help: 'One service=host:port per line: the OpenZiti service and the address the router forwards it to.',
  }),
  ...ingressClientFields(),
  {...imageTagField(IMAGES.zitiRouter.tag, IMAGES.zitiRouter.repository), showWhen: NEW_ONLY},
];

function enrollmentSecretName(input: {identityName: string}): string {
  return `${input.identityName}-enrollment`;
}

function parse(raw: RawInput): ParseResult<RouterInput> {
  const r = new FormReader(FIELDS, raw);
  const routerSource = r.select<RouterSource>('routerSource');
  if (routerSource === 'existing') return parseExisting(r);
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
  const storageClass = r.text('storageClass', (path, value) => checkStorageClass(path, value, {dashMeansNoClass: true, name: CHARTS.zitiRouter.name}));
  const hosted = readRouterHostedServices(r);
  const clients = readIngressClients(r, hosted, base);
  const imageTag = r.text('imageTag', checks.imageTag);
  return r.result<RouterInput>({
    routerSource,
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

/** The router's tunnel dials address + ":" + port without brackets (openziti/ziti tunnel/intercept/hosting.go Dial). */
function readRouterHostedServices(r: FormReader): readonly HostedService[] {
  // So an IPv6 host.v1 address becomes an address net.Dial cannot split.
  return readHostedServices(r, 'hostedServices', {
    required: false,
    allowIPv6: false,
    ipv6Reason: 'the router\'s tunnel joins the address and port without brackets, so it could not dial it. Use a DNS name that resolves to it.',
  });
}

/** An existing router: where it runs and its name; nothing about installing it. */
function parseExisting(r: FormReader): ParseResult<RouterInput> {
  const namespace = r.text('namespace', checks.namespace);
  const releaseName = r.text('existingRelease', checks.releaseName);
  const identityName = r.text('identityName', checks.identityName);
  const hosted = readRouterHostedServices(r);
  // The router policies take the router's name as their prefix, as a new router's take its role attribute.
  const clients = readIngressClients(r, hosted, {identityName, roleAttribute: identityName});
  return r.result<RouterInput>({
    routerSource: 'existing',
    namespace,
    releaseName,
    identityName,
    hostedServices: clients.services,
    clientRoleAttribute: clients.clientRoleAttribute,
    clientIdentityName: clients.clientIdentityName,
  });
}

/** Chart values; every key exists in the chart's values.yaml. */
function helmValues(input: NewRouterInput): Record<string, unknown> {
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

/**
 * The router hosts with host.v1; its tunneler identity has a system edge-router
 * policy, so only the services need one. A new router's identity gets the role
 * attribute the Bind policies select; an existing router's is left as it is
 * (setting role attributes replaces its whole list), and they select it by name.
 */
function hosting(input: RouterInput): IngressHosting {
  const shared = {services: input.hostedServices, withHostConfig: true, hostNeedsEdgeRouterPolicy: false};
  return input.routerSource === 'new'
    ? {...shared, hostRoleAttribute: input.roleAttribute}
    : {...shared, hostRoleAttribute: input.identityName, bindIdentityRole: `@${input.identityName}`};
}

function clientsOf(input: RouterInput): IngressClients {
  return {services: input.hostedServices, clientRoleAttribute: input.clientRoleAttribute, clientIdentityName: input.clientIdentityName};
}

/** The router chart's `<fullname>`: release "ziti-router" stays "ziti-router", release "edge" becomes "edge-router". */
export function routerFullname(releaseName: string): string {
  return helmFullname(releaseName, CHARTS.zitiRouter);
}

/** The token Secret the GitOps objects name: the reader's, or one the GitOps path creates from the token file. */
function gitopsSecret(input: NewRouterInput): GitopsSecret {
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
function gitopsOutput(input: NewRouterInput): Artifact[] {
  const secret = gitopsSecret(input);
  const values = helmValues({...input, identitySource: 'existing-secret', secretName: secret.name});
  return gitopsArtifacts({slug: SLUG, chart: CHARTS.zitiRouter, releaseName: input.releaseName, namespace: input.namespace, values}, secret);
}

function policiesArtifact(input: RouterInput): Artifact {
  return {
    id: 'policies',
    title: 'Host your services on the router',
    language: 'bash',
    fileName: `${SLUG}-policies.sh`,
    text: script(ingressPolicyLines(hosting(input))),
    note:
      input.routerSource === 'new'
        ? 'The router’s own identity has a system edge-router policy; its services still need the service-edge-router policy.'
        : 'The Bind policies name the router’s identity (@NAME), so its role attributes stay as they are. Its own identity has a system edge-router policy; its services still need the service-edge-router policy.',
  };
}

function buildNew(input: NewRouterInput): readonly Artifact[] {
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
      note: 'For a router you already run, choose "Use a router that already runs in the cluster" in the form: it is not reinstalled.',
    },
    policiesArtifact(input),
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
        (input.secretName === undefined
          ? 'Helm reads the one-time token from the file; the chart passes it to the router as an environment variable.'
          : 'The chart reads the token from the Secret, so it never passes through Helm values.') +
        ' A release of that name that these steps did not install stops the step; nothing is upgraded.',
    }),
    ...gitopsOutput(input),
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        // After the install the pod may still be starting: wait for it (with the events if it never comes).
        ...rolloutWaitLines(ns, shellQuote(`deployment/${fullname}`)),
        `kubectl get pods,services,pvc --namespace ${ns}`,
        `ziti edge list edge-routers ${shellQuote(`name="${input.identityName}"`)}`,
        ...hostedPolicyAdvisorLines(input.hostedServices),
        '',
        '# When the router certificate expires; the router renews it by itself about a week before then.',
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
        ...helmCleanupLines(input, CHARTS.zitiRouter, input.secretName),
        ...gitopsSecretCleanupLines(gitopsSecret(input), input.namespace),
        ...ingressCleanupLines(hosting(input)),
        `ziti edge delete edge-router ${shellQuote(input.identityName)}`,
        removeLocalFilesCommand(input.identityName, false),
      ]),
    },
  );
  return artifacts;
}

/**
 * The check an existing router needs before it hosts anything: its tunnel
 * listener runs in host mode. The chart renders `tunnel.mode` (default host;
 * `none` renders no listener) into the router's config file as the options of
 * its `binding: tunnel` listener (ziti-router templates/configmap.yaml), so
 * the file in the pod shows what the router really runs, whatever values
 * produced it.
 */
function tunnelModeCheckLines(input: ExistingRouterInput): string[] {
  const fullname = routerFullname(input.releaseName);
  const file = `${CONFIG_DIR}/${CHART_CONFIG_FILE}`;
  // The reader's names stay inside single quotes; only the mode read from the pod is expanded.
  const before = `The tunnel of router ${input.identityName} does not run in host mode (its config file says: `;
  const after = `). Set tunnel.mode to host in the values of release ${input.releaseName} and upgrade it yourself (they are your values, so these steps do not), then run this step again.`;
  return [
    `# The tunnel must run in host mode: the ${CHARTS.zitiRouter.name} chart writes tunnel.mode (default host) into the router's`,
    `# config file, under its "binding: tunnel" listener. This reads the file in the pod (release ${input.releaseName}, Deployment ${fullname}).`,
    `mode=$(kubectl exec --namespace ${shellQuote(input.namespace)} ${shellQuote(`deployment/${fullname}`)} -- cat ${shellQuote(file)} | sed -n '/binding: *tunnel/,/mode:/s/^ *mode: *//p')`,
    'if [ "$mode" != host ]; then',
    `  printf '%s%s%s\\n' ${shellQuote(before)} "\${mode:-no tunnel listener}" ${shellQuote(after)} >&2`,
    '  false',
    'else',
    `  echo ${shellQuote(`Router ${input.identityName}: tunnel mode host.`)}`,
    '  # Enabling the tunnel gives the router an identity of the same name; nothing else about the router changes.',
    `  ziti edge update edge-router ${shellQuote(input.identityName)} --tunneler-enabled`,
    'fi',
  ];
}

function buildExisting(input: ExistingRouterInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  return [
    {
      id: 'identity',
      title: 'Check the tunnel mode and enable the tunnel on your router',
      language: 'bash',
      fileName: `${SLUG}-identity.sh`,
      text: script(tunnelModeCheckLines(input)),
      note: 'Nothing is installed or upgraded: the router keeps its release, values and identity. --tunneler-enabled on a router that has it already changes nothing.',
    },
    policiesArtifact(input),
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        `kubectl get pods --namespace ${ns} --selector ${shellQuote(`app.kubernetes.io/instance=${input.releaseName}`)}`,
        `ziti edge list edge-routers ${shellQuote(`name="${input.identityName}"`)}`,
        ...hostedPolicyAdvisorLines(input.hostedServices),
      ]),
      note: 'The router should be listed as online with its tunnel enabled; the policy advisor shows whether each service has a usable Bind.',
    },
    ...ingressClientArtifacts(SLUG, input.namespace, clientsOf(input)),
    {
      id: 'cleanup',
      title: 'Remove what these steps added',
      language: 'bash',
      fileName: `${SLUG}-cleanup.sh`,
      text: script([
        ...clientCleanupLines(clientsOf(input)),
        ...ingressCleanupLines(hosting(input)),
        `# Your router stays as it is, tunnel included: other services may use it. If the tunnel was off before, switch it off with`,
        `#   ziti edge update edge-router ${shellQuote(input.identityName)} --tunneler-enabled=false`,
      ]),
    },
  ];
}

function build(input: RouterInput): readonly Artifact[] {
  return input.routerSource === 'new' ? buildNew(input) : buildExisting(input);
}

export const router: StrategyBuilder<RouterInput> = {
  id: 'openziti-router',
  fields: FIELDS,
  parse,
  build,
};
