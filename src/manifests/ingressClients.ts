/**
 * The client half of the three ingress strategies: the address clients dial
 * for each hosted service (its intercept.v1 config), the client identity and
 * role the Dial policy selects, the client's edge-router policy, a check from
 * the client through OpenZiti, and, for the cluster's own API server, a
 * kubeconfig whose server is the intercept address.
 */
import {FormReader, checks, createIdentityCommand, deleteIdentityLines, jwtFile} from './common';
import {continued, script, shellQuote} from './shell';
import type {Artifact, FieldSpec} from './types';
import {checkPlainText, findDuplicates, hostKind, issue, lineLabel, linePath, preview, splitLines, type Line} from './validate';
import {
  deleteDialPolicyLine,
  deleteRouterPolicyLines,
  dialPolicyLine,
  routerPolicyLines,
  serviceRole,
  type HostedService,
  type InterceptedService,
  type RouterPolicyScope,
  EXAMPLE_ZITI_DOMAIN,
} from './zitiCommands';

/** Suffix of the intercept address a service gets when the reader names none. */
const DEFAULT_INTERCEPT_SUFFIX = `.${EXAMPLE_ZITI_DOMAIN}`;

export const INTERCEPT_FIELD = 'interceptAddresses';
export const CLIENT_ROLE_FIELD = 'clientRoleAttribute';
export const CLIENT_IDENTITY_FIELD = 'clientIdentityName';

/** The three client fields, shown after the hosted-services field of each ingress strategy. */
export function ingressClientFields(): FieldSpec[] {
  return [
    {
      name: INTERCEPT_FIELD,
      label: 'Intercept addresses (optional)',
      kind: 'lines',
      defaultValue: '',
      help: `One service=address per line: the DNS name or IPv4 address clients dial for that service, on the same port as its target. A service not listed gets SERVICE${DEFAULT_INTERCEPT_SUFFIX}.`,
    },
    {
      name: CLIENT_ROLE_FIELD,
      label: 'Client role attribute',
      kind: 'text',
      defaultValue: 'k8s-api-clients',
      help: 'The Dial policy and the client edge-router policy select #role-attribute; give it to every identity that should reach these services.',
    },
    {
      name: CLIENT_IDENTITY_FIELD,
      label: 'Client identity name',
      kind: 'text',
      defaultValue: 'k8s-api-client',
      help: 'A new identity with the client role, for the machine you check from; its token is written to NAME.jwt in the private folder the steps create ($ZITI_SECRETS_DIR).',
    },
  ];
}

/** The client half of an ingress strategy's input. */
export interface IngressClients {
  readonly services: readonly InterceptedService[];
  readonly clientRoleAttribute: string;
  readonly clientIdentityName: string;
}

/** `service.ziti` when the service name makes a DNS label; undefined otherwise. */
function defaultInterceptAddress(service: string): string | undefined {
  const address = `${service.toLowerCase()}${DEFAULT_INTERCEPT_SUFFIX}`;
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.ziti$/.test(address) ? address : undefined;
}

/** Whether `value` is an address an intercept.v1 config can hold here: a DNS name or IPv4 address. */
function checkInterceptAddress(path: string, value: string): string | undefined {
  const text = checkPlainText(path, value, 'the intercept address');
  if (text) return text.message;
  const kind = hostKind(value);
  if (kind === 'dns' || kind === 'ipv4') return undefined;
  return `"${preview(value)}" is not a DNS name or IPv4 address; clients need one of those to dial.`;
}

/**
 * Reads the client fields for the hosted services already read. Every hosted
 * service gets an intercept address (typed, or SERVICE.ziti); a line naming a
 * service that is not hosted is an Issue rather than being dropped.
 */
export function readIngressClients(
  r: FormReader,
  hosted: readonly HostedService[],
  host: {readonly identityName: string; readonly roleAttribute: string},
): IngressClients {
  const typed = new Map<string, string>();
  const entries: {line: Line; value: string}[] = [];
  const hostedNames = new Set(hosted.map((service) => service.service));
  for (const line of splitLines(r.value(INTERCEPT_FIELD))) {
    const path = linePath(INTERCEPT_FIELD, line);
    const eq = line.text.indexOf('=');
    if (eq < 0) {
      r.add(issue(path, `${lineLabel(line)}: write service=address, e.g. "k8s-api=k8s-api.ziti".`));
      continue;
    }
    const service = line.text.slice(0, eq);
    const address = line.text.slice(eq + 1);
    if (!hostedNames.has(service)) {
      r.add(issue(`${path}.service`, `${lineLabel(line)}: "${preview(service)}" is not one of the hosted services; add it there or remove this line.`));
      continue;
    }
    const problem = checkInterceptAddress(`${path}.address`, address);
    if (problem) {
      r.add(issue(`${path}.address`, `${lineLabel(line)}: ${problem}`));
      continue;
    }
    entries.push({line, value: service});
    typed.set(service, address);
  }
  r.add(findDuplicates(INTERCEPT_FIELD, entries, (service) => service, (service) => `service "${preview(service)}"`));

  const services: InterceptedService[] = [];
  for (const service of hosted) {
    const address = typed.get(service.service) ?? defaultInterceptAddress(service.service);
    if (address === undefined) {
      r.add(
        issue(
          INTERCEPT_FIELD,
          `Service "${preview(service.service)}" needs an intercept address: its name does not make a DNS name, so add a line "${preview(service.service)}=ADDRESS".`,
        ),
      );
      continue;
    }
    services.push({...service, interceptAddress: address});
  }
  const seen = new Map<string, string>();
  for (const service of services) {
    const key = `${service.interceptAddress.toLowerCase()}:${service.port}`;
    const other = seen.get(key);
    if (other !== undefined) {
      r.add(issue(INTERCEPT_FIELD, `Services "${preview(other)}" and "${preview(service.service)}" would both be intercepted at ${key}; give one another address.`));
    }
    seen.set(key, service.service);
  }

  const clientRoleAttribute = r.text(CLIENT_ROLE_FIELD, checks.roleAttribute);
  if (clientRoleAttribute === host.roleAttribute) {
    r.add(issue(CLIENT_ROLE_FIELD, 'Use a role attribute other than the hosting one: the client policies would share names with the hosting policies.'));
  }
  const clientIdentityName = r.text(CLIENT_IDENTITY_FIELD, checks.identityName);
  if (clientIdentityName === host.identityName) {
    r.add(issue(CLIENT_IDENTITY_FIELD, 'The client needs an identity of its own; this name is the hosting identity’s.'));
  }
  return {services, clientRoleAttribute, clientIdentityName};
}

/* ------------------------------------------------------------------ */
/* Client policies                                                     */
/* ------------------------------------------------------------------ */

/** Clients need an edge-router policy of their own; the services already have theirs from the hosting side. */
function clientRouterScope(clients: IngressClients): RouterPolicyScope {
  return {prefix: clients.clientRoleAttribute, identityRoles: `#${clients.clientRoleAttribute}`, serviceRoleWords: []};
}

/** The client identity, the Dial policy for the client role, and the client edge-router policy. */
export function clientPolicyLines(clients: IngressClients): string[] {
  if (clients.services.length === 0) {
    return ['# Add hosted services in the form to get the client identity, Dial policy and edge-router policy.'];
  }
  return [
    '# A client identity for the machine you check from; existing identities only need the role attribute.',
    createIdentityCommand(clients.clientIdentityName, clients.clientRoleAttribute),
    '',
    dialPolicyLine(
      clients.clientRoleAttribute,
      clients.services.map((hosted) => shellQuote(serviceRole(hosted.service))),
    ),
    '',
    ...routerPolicyLines(clientRouterScope(clients)),
    '',
    `# Add ${jwtFile(clients.clientIdentityName)} (the private folder this step printed) to the OpenZiti tunneler on the client machine (Ziti Desktop Edge, or ziti-edge-tunnel).`,
  ];
}

/** Deletes what {@link clientPolicyLines} and {@link kubeconfigLines} created. */
export function clientCleanupLines(clients: IngressClients): string[] {
  if (clients.services.length === 0) return [];
  return [
    deleteDialPolicyLine(clients.clientRoleAttribute),
    ...deleteRouterPolicyLines(clientRouterScope(clients)),
    ...deleteIdentityLines(clients.clientIdentityName, false),
    ...clients.services.filter(isKubernetesApi).map((hosted) => `rm -f ${kubeconfigPathWord(hosted)}`),
  ];
}

/* ------------------------------------------------------------------ */
/* The Kubernetes API over OpenZiti                                    */
/* ------------------------------------------------------------------ */

/**
 * The cluster's own API server as a pod sees it: the `kubernetes` Service in
 * `default`, port 443. Every such name is among the API server certificate's
 * names (kubeadm's defaults and kube-apiserver's self-signed certificate list
 * kubernetes, kubernetes.default and kubernetes.default.svc).
 */
export function isKubernetesApi(hosted: HostedService): boolean {
  return hosted.port === 443 && /^kubernetes(\.default(\.svc(\.[a-z0-9.-]+)?)?)?$/.test(hosted.host.toLowerCase());
}

/**
 * Where the kubeconfig goes: ADDRESS.kubeconfig in the working directory, one
 * literal shell word, so "Copy all" can tell that the verify step reads the
 * file this step writes.
 */
export function kubeconfigPathWord(hosted: InterceptedService): string {
  return shellQuote(`${hosted.interceptAddress}.kubeconfig`);
}

/** The cluster CA, fetched for the kubeconfig and removed once it is embedded. */
function caFileWord(hosted: InterceptedService): string {
  return shellQuote(`${hosted.interceptAddress}-ca.crt`);
}

/** The kubeconfig's server URL: the intercept address on the API port. */
export function kubeconfigServer(hosted: InterceptedService): string {
  return `https://${hosted.interceptAddress}:${hosted.port}`;
}

/**
 * Writes a kubeconfig for one API service: the current context's user and
 * credentials, the cluster's CA from the `kube-root-ca.crt` ConfigMap (the CA
 * in-cluster clients trust for the API server), `server` at the intercept
 * address and `tls-server-name` at the name the hosting side dials, which the
 * certificate carries. The traffic is TCP end to end, so the API server's own
 * TLS and authentication apply unchanged.
 */
export function kubeconfigLines(namespace: string, hosted: InterceptedService): string[] {
  const file = kubeconfigPathWord(hosted);
  const caFile = caFileWord(hosted);
  return [
    '# A kubeconfig whose server is the intercept address. Run this where kubectl reaches the cluster today:',
    '# it copies the current context (user and credentials included, so keep the file private).',
    // Private before anything is written into it; a redirect keeps an existing file's mode.
    `touch ${file} && chmod 600 ${file}`,
    `kubectl config view --minify --flatten > ${file}`,
    `kubectl get configmap kube-root-ca.crt --namespace ${shellQuote(namespace)} -o jsonpath='{.data.ca\\.crt}' > ${caFile}`,
    continued(
      `kubectl config set-cluster "$(kubectl config view --kubeconfig ${file} -o jsonpath='{.clusters[0].name}')"`,
      `--kubeconfig ${file}`,
      `--server ${shellQuote(kubeconfigServer(hosted))}`,
      `--tls-server-name ${shellQuote(hosted.host)}`,
      `--certificate-authority ${caFile} --embed-certs`,
      '--insecure-skip-tls-verify=false',
    ),
    `rm -f ${caFile}`,
  ];
}

/** Connects from the client through OpenZiti to each service. */
export function clientVerifyLines(clients: IngressClients): string[] {
  if (clients.services.length === 0) return ['# Add hosted services in the form to get a check from the client side.'];
  const lines = [`# On the client machine, with its tunneler running ${clients.clientIdentityName} (or another identity with the client role).`];
  for (const hosted of clients.services) {
    if (isKubernetesApi(hosted)) {
      lines.push(
        '# The API server answers "ok" through OpenZiti (copy the kubeconfig here first if it was written on another machine).',
        `kubectl --kubeconfig ${kubeconfigPathWord(hosted)} get --raw /readyz`,
      );
    } else {
      lines.push(
        '# "succeeded" (or "open") means the connection went through OpenZiti; a timeout points at the policies or the target.',
        `nc -vz ${shellQuote(hosted.interceptAddress)} ${hosted.port}`,
      );
    }
  }
  return lines;
}

/* ------------------------------------------------------------------ */
/* Certificate expiry                                                  */
/* ------------------------------------------------------------------ */

/**
 * Prints the end date of the client certificate in an identity JSON read from
 * standard input (`id.cert`, PEM with a `pem:` prefix). jq and openssl run on
 * the reader's workstation, so the image needs neither.
 */
export const IDENTITY_CERT_END_DATE = "jq -r .id.cert | sed 's/^pem://' | openssl x509 -noout -enddate";

/* ------------------------------------------------------------------ */
/* Artifacts                                                           */
/* ------------------------------------------------------------------ */

/**
 * The client steps every ingress strategy shows after its own verify step:
 * client policies, the kubeconfig when the API server is hosted, and the
 * check from the client.
 */
export function ingressClientArtifacts(slug: string, namespace: string, clients: IngressClients): Artifact[] {
  const apiServices = clients.services.filter(isKubernetesApi);
  const artifacts: Artifact[] = [
    {
      id: 'clients',
      title: 'Let clients dial your services',
      language: 'bash',
      fileName: `${slug}-clients.sh`,
      text: script(clientPolicyLines(clients)),
      note: 'The intercept.v1 configs were created with the services; these lines let identities with the client role dial them.',
    },
  ];
  if (apiServices.length > 0) {
    artifacts.push({
      id: 'kubeconfig',
      title: 'A kubeconfig for the Kubernetes API over OpenZiti',
      language: 'bash',
      fileName: `${slug}-kubeconfig.sh`,
      text: script(apiServices.flatMap((hosted, index) => [...(index > 0 ? [''] : []), ...kubeconfigLines(namespace, hosted)])),
      note: 'The API server still checks your credentials: OpenZiti only carries the TCP connection, TLS stays end to end.',
    });
  }
  artifacts.push({
    id: 'client-verify',
    title: 'Connect from a client',
    language: 'bash',
    fileName: `${slug}-client-verify.sh`,
    text: script(clientVerifyLines(clients)),
    runsOnClient: true,
  });
  return artifacts;
}
