/**
 * OpenZiti-side commands (services, configs, policies) shared by strategies,
 * and the `service=host:port` list that the three ingress strategies read.
 */
import type {FormReader} from './common';
import {continued, shellQuote} from './shell';
import type {FieldSpec} from './types';
import {
  checkNotEmpty,
  checkZitiServiceName,
  findDuplicates,
  issue,
  lineLabel,
  linePath,
  parseHostPort,
  splitLines,
  type HostKind,
  type Line,
} from './validate';

/** One Ziti service hosted (bound) by an ingress strategy. */
export interface HostedService {
  /** OpenZiti service name. */
  readonly service: string;
  /** Where the hosting side forwards connections: DNS name or IP. */
  readonly host: string;
  readonly port: number;
  readonly hostKind: HostKind;
}

/*
 * The example service every strategy's defaults name. An ingress guide creates it
 * (configs, Bind policy, a hosting identity online) with the intercept address
 * EXAMPLE_SERVICE.EXAMPLE_ZITI_DOMAIN on its target's port; the egress defaults dial
 * that same service and address, so a reader who follows an ingress guide and then
 * an egress guide with the defaults gets a working pair.
 */
export const EXAMPLE_SERVICE = 'k8s-api';
/** The Ziti DNS domain of the example intercept addresses (the node proxy forwards it to its tunneler). */
export const EXAMPLE_ZITI_DOMAIN = 'ziti';
/** The example's target, the cluster's own API server, whose port the intercept address keeps. */
const EXAMPLE_TARGET = {host: 'kubernetes.default.svc', port: 443} as const;
/** `k8s-api=k8s-api.ziti:443`: the example as an egress strategy dials it. */
export const EXAMPLE_DIALLED_SERVICES = `${EXAMPLE_SERVICE}=${EXAMPLE_SERVICE}.${EXAMPLE_ZITI_DOMAIN}:${EXAMPLE_TARGET.port}`;

/** The example every hosting strategy starts from: the cluster's own API server. */
const DEFAULT_HOSTED_SERVICES = `${EXAMPLE_SERVICE}=${EXAMPLE_TARGET.host}:${EXAMPLE_TARGET.port}`;

/** A `lines` field of `service=host:port` entries, read by {@link readHostedServices}. */
export function hostedServicesField(opts: {readonly name: string; readonly label: string; readonly help: string}): FieldSpec {
  return {name: opts.name, label: opts.label, kind: 'lines', defaultValue: DEFAULT_HOSTED_SERVICES, help: opts.help};
}

/**
 * Reads a `lines` field of `service=host:port` entries.
 * `allowIPv6` is false for the NGINX module, which only opens IPv4 sockets.
 */
export function readHostedServices(
  reader: FormReader,
  field: string,
  opts: {readonly required: boolean; readonly allowIPv6: boolean; readonly ipv6Reason?: string},
): HostedService[] {
  const lines = splitLines(reader.value(field));
  if (opts.required) reader.add(checkNotEmpty(field, lines, 'service=host:port entry'));
  const entries: {line: Line; value: HostedService}[] = [];
  for (const line of lines) {
    const path = linePath(field, line);
    const eq = line.text.indexOf('=');
    if (eq < 0) {
      reader.add(issue(path, `${lineLabel(line)}: write service=host:port, e.g. "my-service=my-app.my-namespace.svc:8080".`));
      continue;
    }
    const service = line.text.slice(0, eq);
    const nameIssue = checkZitiServiceName(`${path}.service`, service);
    const target = parseHostPort(`${path}.target`, line.text.slice(eq + 1), 'the target', opts.allowIPv6, opts.ipv6Reason);
    if (nameIssue) reader.add({...nameIssue, message: `${lineLabel(line)}: ${nameIssue.message}`});
    if (!('port' in target)) reader.add({...target, message: `${lineLabel(line)}: ${target.message}`});
    if (!nameIssue && 'port' in target) {
      entries.push({line, value: {service, host: target.host, port: target.port, hostKind: target.kind}});
    }
  }
  reader.add(findDuplicates(field, entries, (entry) => entry.service, (entry) => `service "${entry.service}"`));
  return entries.map((entry) => entry.value);
}

/** `@name` role reference for one service. */
export function serviceRole(service: string): string {
  return `@${service}`;
}

/** Names we give the objects created for a hosted service. */
export function hostConfigName(service: string): string {
  return `${service}-host-v1`;
}

export function bindPolicyName(service: string): string {
  return `${service}-bind`;
}

/** Where clients reach one hosted service: its intercept.v1 address, on the port the hosting side forwards to. */
export interface InterceptedService extends HostedService {
  /** DNS name or IPv4 address client tunnelers intercept. */
  readonly interceptAddress: string;
}

export function interceptConfigName(service: string): string {
  return `${service}-intercept-v1`;
}

/** intercept.v1 data: TCP to the intercept address on the target's port. */
export function interceptConfigData(hosted: InterceptedService): Record<string, unknown> {
  return {protocols: ['tcp'], addresses: [hosted.interceptAddress], portRanges: [{low: hosted.port, high: hosted.port}]};
}

/** host.v1 data: where the hosting side forwards each connection. */
export function hostConfigData(hosted: HostedService): Record<string, unknown> {
  return {protocol: 'tcp', address: hosted.host, port: hosted.port};
}

/** What one ingress strategy hosts, and how, for {@link ingressPolicyLines}. */
export interface IngressHosting {
  readonly services: readonly InterceptedService[];
  /** Role attribute of the hosting identity; the Bind policies select `#attribute`. Also the prefix of the router policies' names. */
  readonly hostRoleAttribute: string;
  /**
   * What the Bind policies select instead of `#hostRoleAttribute`, e.g.
   * `@router1` for an identity the steps must not change (setting a role
   * attribute replaces the identity's whole list).
   */
  readonly bindIdentityRole?: string;
  /** False for the NGINX module, which ignores host.v1. */
  readonly withHostConfig: boolean;
  /** False for the router: its tunneler identity has a system edge-router policy already. */
  readonly hostNeedsEdgeRouterPolicy: boolean;
}

/** The router policies of the hosting side: its identity (unless a router) and its services. */
function hostingRouterScope(hosting: IngressHosting): RouterPolicyScope {
  return {
    prefix: hosting.hostRoleAttribute,
    identityRoles: hosting.hostNeedsEdgeRouterPolicy ? `#${hosting.hostRoleAttribute}` : null,
    serviceRoleWords: hosting.services.map((hosted) => shellQuote(serviceRole(hosted.service))),
  };
}

/**
 * Per hosted service: its configs (host.v1 unless NGINX, and intercept.v1,
 * because configs belong to the service), the service and its Bind policy;
 * then the edge-router and service-edge-router policies a fresh network lacks.
 */
export function ingressPolicyLines(hosting: IngressHosting): string[] {
  const lines: string[] = [];
  if (hosting.services.length === 0) {
    lines.push('# Add hosted services in the form to get the configs, service and Bind policy commands.');
  }
  for (const hosted of hosting.services) {
    const configs: string[] = [];
    if (hosting.withHostConfig) {
      const hostV1 = JSON.stringify(hostConfigData(hosted));
      lines.push(`ziti edge create config ${shellQuote(hostConfigName(hosted.service))} host.v1 ${shellQuote(hostV1)}`);
      configs.push(hostConfigName(hosted.service));
    }
    const interceptV1 = JSON.stringify(interceptConfigData(hosted));
    lines.push(`ziti edge create config ${shellQuote(interceptConfigName(hosted.service))} intercept.v1 ${shellQuote(interceptV1)}`);
    configs.push(interceptConfigName(hosted.service));
    // Service names hold no ',' (checkZitiServiceName), so the CLI's comma-separated list stays intact.
    lines.push(`ziti edge create service ${shellQuote(hosted.service)} --configs ${shellQuote(configs.join(','))}`);
    lines.push(
      continued(
        `ziti edge create service-policy ${shellQuote(bindPolicyName(hosted.service))} Bind`,
        `--service-roles ${shellQuote(serviceRole(hosted.service))}`,
        `--identity-roles ${shellQuote(hosting.bindIdentityRole ?? `#${hosting.hostRoleAttribute}`)}`,
      ),
    );
  }
  const scope = hostingRouterScope(hosting);
  if (scope.identityRoles !== null || scope.serviceRoleWords.length > 0) lines.push('', ...routerPolicyLines(scope));
  return lines;
}

/** Deletes what {@link ingressPolicyLines} created, policies first. */
export function ingressCleanupLines(hosting: IngressHosting): string[] {
  const lines: string[] = [];
  for (const hosted of hosting.services) lines.push(`ziti edge delete service-policy ${shellQuote(bindPolicyName(hosted.service))}`);
  lines.push(...deleteRouterPolicyLines(hostingRouterScope(hosting)));
  for (const hosted of hosting.services) {
    lines.push(`ziti edge delete service ${shellQuote(hosted.service)}`);
    if (hosting.withHostConfig) lines.push(`ziti edge delete config ${shellQuote(hostConfigName(hosted.service))}`);
    lines.push(`ziti edge delete config ${shellQuote(interceptConfigName(hosted.service))}`);
  }
  return lines;
}

/** Checks each service's policies from the controller's point of view. */
export function policyAdvisorLines(services: readonly string[]): string[] {
  return services.map((service) => `ziti edge policy-advisor services ${shellQuote(service)} -q`);
}

/** {@link policyAdvisorLines} for every hosted service. */
export function hostedPolicyAdvisorLines(services: readonly HostedService[]): string[] {
  return policyAdvisorLines(services.map((hosted) => hosted.service));
}

/** The placeholder used where the form has no service name to offer. */
export const SERVICE_PLACEHOLDER = 'YOUR-SERVICE';
/** Shell word naming the placeholder service's role, expanded from the variable {@link servicePlaceholderLines} sets. */
const SERVICE_PLACEHOLDER_ROLE = '"@${SERVICE}"';

/** Line that defines the placeholder variable used by the next lines. */
export function servicePlaceholderLines(): string[] {
  return [
    `# Replace ${SERVICE_PLACEHOLDER} with the name of an OpenZiti service this identity may dial.`,
    `SERVICE=${shellQuote(SERVICE_PLACEHOLDER)}`,
  ];
}

/** Policy advisor for the placeholder service, after the line that defines it. */
export function placeholderPolicyAdvisorLines(): string[] {
  return [...servicePlaceholderLines(), 'ziti edge policy-advisor services "${SERVICE}" -q'];
}

/** The Dial policy name an egress identity's role gets. */
export function dialPolicyName(roleAttribute: string): string {
  return `${roleAttribute}-dial`;
}

/** Dial policy for the services given as shell words (quoted roles or "@${SERVICE}"). */
export function dialPolicyLine(roleAttribute: string, serviceRoleWords: readonly string[]): string {
  return continued(
    `ziti edge create service-policy ${shellQuote(dialPolicyName(roleAttribute))} Dial`,
    ...serviceRoleWords.map((word) => `--service-roles ${word}`),
    `--identity-roles ${shellQuote(`#${roleAttribute}`)}`,
  );
}

/** Deletes what {@link dialPolicyLine} created. */
export function deleteDialPolicyLine(roleAttribute: string): string {
  return `ziti edge delete service-policy ${shellQuote(dialPolicyName(roleAttribute))}`;
}

/** The policies script of every egress strategy: the Dial policy, then the router policies its role and services need. */
export function dialPolicyScriptLines(roleAttribute: string, serviceRoleWords: readonly string[]): string[] {
  return [
    dialPolicyLine(roleAttribute, serviceRoleWords),
    '',
    ...routerPolicyLines(egressRouterPolicyScope(roleAttribute, serviceRoleWords)),
  ];
}

/** {@link dialPolicyScriptLines} for the placeholder service, where the form names none. */
export function placeholderDialPolicyScriptLines(roleAttribute: string): string[] {
  return [...servicePlaceholderLines(), ...dialPolicyScriptLines(roleAttribute, [SERVICE_PLACEHOLDER_ROLE])];
}

/* ------------------------------------------------------------------ */
/* Router policies                                                     */
/* ------------------------------------------------------------------ */

/** Name of the edge-router policy a strategy creates for its identities. */
export function edgeRouterPolicyName(prefix: string): string {
  return `${prefix}-edge-routers`;
}

/** Name of the service-edge-router policy a strategy creates for its services. */
export function serviceEdgeRouterPolicyName(prefix: string): string {
  return `${prefix}-service-edge-routers`;
}

/** What {@link routerPolicyLines} scopes: `identityRoles` null skips the edge-router policy (a router's own identity has a system one). */
export interface RouterPolicyScope {
  /** Prefix of both policy names. */
  readonly prefix: string;
  /** Role expression of the identities, e.g. `#k8s-tunnelers`; null when no edge-router policy is needed. */
  readonly identityRoles: string | null;
  /** Service roles as shell words: quoted `@name` roles or `"@${SERVICE}"`. */
  readonly serviceRoleWords: readonly string[];
}

/**
 * The edge-router policy and service-edge-router policy a strategy needs on a
 * fresh network. A controller installed with Helm creates neither (only
 * `ziti edge quickstart` adds a catch-all), and without them policy-advisor
 * finds no common router and the service never comes up. The router side stays
 * `#all`; the identity and service sides name only this strategy's own.
 */
export function routerPolicyLines(scope: RouterPolicyScope): string[] {
  const lines = ['# Let edge routers carry these identities and services (skip a policy your network already has for them).'];
  if (scope.identityRoles !== null) {
    lines.push(
      continued(
        `ziti edge create edge-router-policy ${shellQuote(edgeRouterPolicyName(scope.prefix))}`,
        `--edge-router-roles '#all'`,
        `--identity-roles ${shellQuote(scope.identityRoles)}`,
      ),
    );
  }
  if (scope.serviceRoleWords.length > 0) {
    lines.push(
      continued(
        `ziti edge create service-edge-router-policy ${shellQuote(serviceEdgeRouterPolicyName(scope.prefix))}`,
        `--edge-router-roles '#all'`,
        ...scope.serviceRoleWords.map((word) => `--service-roles ${word}`),
      ),
    );
  }
  return lines;
}

/** Deletes what {@link routerPolicyLines} created. */
export function deleteRouterPolicyLines(scope: RouterPolicyScope): string[] {
  return [
    ...(scope.serviceRoleWords.length > 0
      ? [`ziti edge delete service-edge-router-policy ${shellQuote(serviceEdgeRouterPolicyName(scope.prefix))}`]
      : []),
    ...(scope.identityRoles !== null ? [`ziti edge delete edge-router-policy ${shellQuote(edgeRouterPolicyName(scope.prefix))}`] : []),
  ];
}

/** The router-policy scope of an egress strategy: its own role's identities and the services it dials. */
export function egressRouterPolicyScope(roleAttribute: string, serviceRoleWords: readonly string[]): RouterPolicyScope {
  return {prefix: roleAttribute, identityRoles: `#${roleAttribute}`, serviceRoleWords};
}

/** Deletes what {@link dialPolicyScriptLines} created: the Dial policy, then the two router policies. */
export function deleteDialPolicyScriptLines(roleAttribute: string, serviceRoleWords: readonly string[]): string[] {
  return [deleteDialPolicyLine(roleAttribute), ...deleteRouterPolicyLines(egressRouterPolicyScope(roleAttribute, serviceRoleWords))];
}
