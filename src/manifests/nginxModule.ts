/**
 * NGINX with ngx_ziti_module: NGINX binds OpenZiti services itself and hands
 * each accepted connection to the `upstream` named in nginx.conf. It is not a
 * full tunneler: host.v1 configs are ignored.
 */
import {
  FormReader,
  checks,
  createIdentityLines,
  deleteIdentityLines,
  identityNameField,
  identitySecretArtifact,
  identitySourceField,
  manifestApplyArtifact,
  namespaceField,
  roleAttributeField,
  secretKeyField,
  secretNameField,
  workloadDeployment,
  workloadLabels,
  workloadNameField,
  type IdentitySource,
} from './common';
import {IMAGES, imageReference} from './images';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {checkImageReference} from './validate';
import {toYamlDocuments} from './yaml';
import {
  IDENTITY_CERT_END_DATE,
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
  type HostedService,
  type IngressHosting,
  type InterceptedService,
} from './zitiCommands';

const SLUG = 'nginx-ziti';
const MANIFEST_FILE = `${SLUG}.yaml`;
const CONF_FILE = 'nginx.conf';
/** Where the identity Secret is mounted, as in the upstream NGINX guide. */
export const IDENTITY_MOUNT = '/var/run/secrets/openziti.io';
/** Our nginx.conf lives here, next to (not over) the image's own /etc/nginx files. */
const CONF_MOUNT = '/etc/nginx/ziti';

export type NginxIdentitySource = Extract<IdentitySource, 'identity-json' | 'existing-secret'>;

/** Validated form input for NGINX with ngx_ziti_module. */
export interface NginxModuleInput {
  readonly namespace: string;
  /** Deployment name; the ConfigMap is `<workloadName>-conf`. */
  readonly workloadName: string;
  /** OpenZiti identity NGINX uses; also the `ziti` block's label. */
  readonly identityName: string;
  /** Role attribute the Bind policies select. */
  readonly roleAttribute: string;
  readonly identitySource: NginxIdentitySource;
  /** Secret and key holding the enrolled identity JSON. */
  readonly secretName: string;
  readonly secretKey: string;
  /** Full image reference of an NGINX build that contains the module. */
  readonly image: string;
  /** Services NGINX binds, with the upstream for each and the address clients intercept. */
  readonly binds: readonly InterceptedService[];
  /** Role attribute of the client identities (Dial policy, client edge-router policy). */
  readonly clientRoleAttribute: string;
  /** Client identity the steps create for the check from a client. */
  readonly clientIdentityName: string;
}

const FIELDS: readonly FieldSpec[] = [
  namespaceField('default'),
  workloadNameField('nginx-ziti'),
  identityNameField('nginx-ziti'),
  roleAttributeField('nginx-hosts', 'The Bind policies select the NGINX identity by #role-attribute.'),
  {
    ...identitySourceField(['identity-json', 'existing-secret'], 'identity-json'),
    help: 'NGINX reads the identity from a read-only Secret either way; choose whether these steps create it.',
  },
  secretNameField({defaultValue: 'nginx-ziti-identity', help: 'Secret holding the enrolled identity JSON.'}),
  secretKeyField({defaultValue: 'nginx-ziti-identity', help: 'Key of the identity JSON inside the Secret; also its file name under ' + IDENTITY_MOUNT + '.'}),
  {
    name: 'image',
    label: 'NGINX image with the module',
    kind: 'text',
    defaultValue: imageReference(IMAGES.nginxZitiCommunity),
    help: 'No official image exists. The default is a personal community test image; build your own with ngx_ziti_module.so in /usr/lib/nginx/modules for production.',
  },
  hostedServicesField({
    name: 'binds',
    label: 'Bound services',
    help: 'One service=host:port per line: the OpenZiti service and the TCP upstream NGINX forwards it to (DNS name or IPv4).',
  }),
  ...ingressClientFields(),
];

function parse(raw: RawInput): ParseResult<NginxModuleInput> {
  const r = new FormReader(FIELDS, raw);
  const namespace = r.text('namespace', checks.namespace);
  const workloadName = r.text('workloadName', checks.workloadName);
  const identityName = r.text('identityName', checks.identityName);
  const roleAttribute = r.text('roleAttribute', checks.roleAttribute);
  const identitySource = r.select<NginxIdentitySource>('identitySource');
  const secretName = r.text('secretName', checks.secretName);
  const secretKey = r.text('secretKey', checks.secretKey);
  const image = r.text('image', (path, value) => checkImageReference(path, value, 'the NGINX image'));
  // The module opens IPv4 TCP sockets only.
  const hosted = readHostedServices(r, 'binds', {required: true, allowIPv6: false});
  const clients = readIngressClients(r, hosted, {identityName, roleAttribute});
  return r.result({
    namespace,
    workloadName,
    identityName,
    roleAttribute,
    identitySource,
    secretName,
    secretKey,
    image,
    binds: clients.services,
    clientRoleAttribute: clients.clientRoleAttribute,
    clientIdentityName: clients.clientIdentityName,
  });
}

/**
 * NGINX quoted string: the config parser turns `\"` into `"` and `\\` into
 * `\`, so escaping those two keeps any other text literal inside the quotes.
 */
export function nginxQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

/** Upstream address; IPv4 and DNS names need no brackets. */
function upstream(bind: HostedService): string {
  return `${bind.host}:${bind.port}`;
}

export function nginxConf(input: NginxModuleInput): string {
  const lines = [
    '# The module is a core module: its ziti block sits at the top level, not in stream {} or http {}.',
    'load_module modules/ngx_ziti_module.so;',
    '',
    '# Running nginx directly in a container: keep the pid file writable and logs on stderr.',
    'pid /tmp/nginx.pid;',
    'error_log stderr notice;',
    '',
    '# The module works on this pool; the name must be ngx_ziti_tp (NGINX built --with-threads).',
    'thread_pool ngx_ziti_tp threads=32 max_queue=65536;',
    '',
    'events {',
    '    worker_connections 1024;',
    '}',
    '',
    `ziti ${input.identityName} {`,
    `    identity_file ${IDENTITY_MOUNT}/${input.secretKey};`,
  ];
  for (const bind of input.binds) {
    lines.push('', `    bind ${nginxQuote(bind.service)} {`, `        upstream ${upstream(bind)};`, '    }');
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function confMapName(input: NginxModuleInput): string {
  return `${input.workloadName}-conf`;
}

function manifests(input: NginxModuleInput, conf: string): Record<string, unknown>[] {
  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {name: confMapName(input), namespace: input.namespace, labels: workloadLabels(input.workloadName)},
    data: {[CONF_FILE]: conf},
  };
  const deployment = workloadDeployment(input, {
    containers: [
      {
        name: 'nginx',
        image: input.image,
        // The image's own entrypoint is the ingress controller; run plain NGINX with our file instead.
        command: ['nginx'],
        args: ['-c', `${CONF_MOUNT}/${CONF_FILE}`, '-g', 'daemon off;'],
        volumeMounts: [
          {name: 'nginx-conf', mountPath: CONF_MOUNT, readOnly: true},
          {name: 'ziti-identity', mountPath: IDENTITY_MOUNT, readOnly: true},
        ],
      },
    ],
    volumes: [
      {name: 'nginx-conf', configMap: {name: confMapName(input)}},
      {name: 'ziti-identity', secret: {secretName: input.secretName}},
    ],
  });
  return [configMap, deployment];
}

/** NGINX ignores host.v1 (the upstream lives in nginx.conf); its identity needs an edge-router policy. */
function hosting(input: NginxModuleInput): IngressHosting {
  return {services: input.binds, hostRoleAttribute: input.roleAttribute, withHostConfig: false, hostNeedsEdgeRouterPolicy: true};
}

function clientsOf(input: NginxModuleInput): IngressClients {
  return {services: input.binds, clientRoleAttribute: input.clientRoleAttribute, clientIdentityName: input.clientIdentityName};
}

function build(input: NginxModuleInput): readonly Artifact[] {
  const ns = shellQuote(input.namespace);
  const conf = nginxConf(input);
  const artifacts: Artifact[] = [
    {
      id: 'identity',
      title: 'Create and enroll the NGINX identity',
      language: 'bash',
      fileName: `${SLUG}-identity.sh`,
      text: script(createIdentityLines(input.identityName, input.roleAttribute, true)),
    },
    {
      id: 'policies',
      title: 'Let NGINX bind your services',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script([
        '# No host.v1 config: the module ignores it and forwards to the upstream in nginx.conf.',
        ...ingressPolicyLines(hosting(input)),
      ]),
      note: 'Clients dial the intercept.v1 address; NGINX sends each connection to the upstream in nginx.conf.',
    },
  ];
  if (input.identitySource === 'identity-json') {
    artifacts.push(
      identitySecretArtifact({
        title: 'Store the identity in a Secret',
        fileName: `${SLUG}-secret.sh`,
        namespace: input.namespace,
        identityName: input.identityName,
        secretName: input.secretName,
        secretKey: input.secretKey,
        note: 'NGINX reads the identity from this read-only Secret, so certificate renewal is lost (whether the module’s C SDK renews at all is unverified): re-enroll and replace the Secret before the certificate expires, about a year after enrollment.',
      }),
    );
  }
  artifacts.push(
    {
      id: 'nginx-conf',
      title: 'nginx.conf',
      language: 'nginx',
      fileName: CONF_FILE,
      text: conf,
      note: 'The pid and error_log lines are ours, for running nginx in the foreground in a container; the rest follows the module documentation.',
    },
    {
      id: 'manifest',
      title: 'ConfigMap and Deployment',
      language: 'yaml',
      fileName: MANIFEST_FILE,
      text: toYamlDocuments(manifests(input, conf)),
      note: `${IMAGES.nginxZitiCommunity.repository} is a personal test image of the NGINX Inc. ingress controller with the module in /usr/lib/nginx/modules, not an official OpenZiti image; overriding its command to run plain nginx with this ConfigMap is our own arrangement.`,
    },
    manifestApplyArtifact(input, SLUG, MANIFEST_FILE, [
      '# nginx reads the ConfigMap at start; after changing it run:',
      `# kubectl rollout restart --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)}`,
    ]),
    {
      id: 'verify',
      title: 'Check that it works',
      language: 'bash',
      fileName: `${SLUG}-verify.sh`,
      text: script([
        `kubectl logs --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)} --tail 50`,
        ...hostedPolicyAdvisorLines(input.binds),
        '',
        '# When the identity certificate expires (about a year after enrollment); re-enroll and replace the Secret before then.',
        `kubectl get secret --namespace ${ns} ${shellQuote(input.secretName)} -o ${shellQuote(`go-template={{index .data "${input.secretKey}"}}`)} | base64 -d | ${IDENTITY_CERT_END_DATE}`,
      ]),
    },
    ...ingressClientArtifacts(SLUG, input.namespace, clientsOf(input)),
    {
      id: 'cleanup',
      title: 'Remove everything',
      language: 'bash',
      fileName: `${SLUG}-cleanup.sh`,
      text: script([
        ...clientCleanupLines(clientsOf(input)),
        `kubectl delete --namespace ${ns} ${shellQuote(`deployment/${input.workloadName}`)} ${shellQuote(`configmap/${confMapName(input)}`)} --ignore-not-found`,
        ...(input.identitySource === 'identity-json'
          ? [`kubectl delete --namespace ${ns} ${shellQuote(`secret/${input.secretName}`)} --ignore-not-found`]
          : []),
        ...ingressCleanupLines(hosting(input)),
        ...deleteIdentityLines(input.identityName, true),
      ]),
    },
  );
  return artifacts;
}

export const nginxModule: StrategyBuilder<NginxModuleInput> = {
  id: 'nginx-proxy-module',
  fields: FIELDS,
  parse,
  build,
};
