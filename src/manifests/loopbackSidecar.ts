/**
 * Loopback (TCP/UDP proxy) sidecar: `ziti tunnel proxy` opens one listener per
 * service:port and the application connects to that local port. No NET_ADMIN,
 * no DNS override. Upstream publishes no manifest for this mode; the shape here
 * follows the image entrypoint and CLI flags.
 */
import {FormReader} from './common';
import {
  APP_CONTAINER,
  appContainer,
  readSidecarBase,
  sidecarBaseFields,
  sidecarCleanupArtifact,
  sidecarDeployment,
  sidecarIdentityArtifact,
  sidecarImageTagField,
  sidecarManifestArtifacts,
  sidecarPatch,
  sidecarPatchArtifacts,
  sidecarSecretArtifact,
  sidecarStartField,
  sidecarVerifyArtifact,
  tunnelContainer,
  type SidecarBaseInput,
} from './sidecarCommon';
import {script, shellQuote} from './shell';
import type {Artifact, FieldSpec, ParseResult, RawInput, StrategyBuilder} from './types';
import {
  checkNotEmpty,
  checkZitiServiceName,
  findDuplicates,
  issue,
  lineLabel,
  linePath,
  parsePort,
  parsePositiveInt,
  splitLines,
  type Line,
} from './validate';
import {dialPolicyScriptLines, policyAdvisorLines, serviceRole} from './zitiCommands';

const SLUG = 'loopback-sidecar';

export type Protocol = 'tcp' | 'udp';

/** One `service:port[:protocol]` listener of `ziti tunnel proxy`. */
export interface ProxyBinding {
  readonly service: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** Validated form input for the loopback proxy sidecar. */
export interface LoopbackSidecarInput extends SidecarBaseInput {
  /** Listeners in the order typed; at least one. */
  readonly bindings: readonly ProxyBinding[];
  /** `--svcPollRate` seconds; undefined keeps proxy mode's default (no polling). */
  readonly svcPollRate?: number;
}

const FIELDS: readonly FieldSpec[] = [
  ...sidecarBaseFields({identityName: 'proxy-client', roleAttribute: 'proxy-clients'}),
  {
    name: 'bindings',
    label: 'Service bindings',
    kind: 'lines',
    defaultValue: 'my-service:8443',
    help: 'One service:port or service:port:udp per line. The application connects to 127.0.0.1:port.',
  },
  {
    name: 'svcPollRate',
    label: 'Service poll interval in seconds (optional)',
    kind: 'text',
    defaultValue: '',
    help: 'Proxy mode does not refresh services unless this is set; set it if services or policies may change while the pod runs.',
  },
  sidecarStartField(),
  sidecarImageTagField(),
];

/** Reads `service:port[:tcp|udp]` lines. */
function readBindings(r: FormReader): ProxyBinding[] {
  const field = 'bindings';
  const lines = splitLines(r.value(field));
  r.add(checkNotEmpty(field, lines, 'service:port binding'));
  const entries: {line: Line; value: ProxyBinding}[] = [];
  for (const line of lines) {
    const path = linePath(field, line);
    const parts = line.text.split(':');
    const [service = '', portText = '', protocolText] = parts;
    if (parts.length < 2 || parts.length > 3) {
      r.add(issue(path, `${lineLabel(line)}: write service:port or service:port:udp; a service name here cannot contain ":".`));
      continue;
    }
    // Each binding reaches `ziti tunnel proxy` as one argv word ("${@}" in the image's entrypoint.sh), so spaces are fine.
    const nameProblem = checkZitiServiceName(`${path}.service`, service);
    const port = parsePort(`${path}.port`, portText);
    const protocol = protocolText === undefined ? 'tcp' : protocolText;
    const protocolProblem =
      protocol === 'tcp' || protocol === 'udp' ? undefined : issue(`${path}.protocol`, 'The protocol must be tcp or udp.');
    const problems = [nameProblem, typeof port === 'number' ? undefined : port, protocolProblem];
    for (const problem of problems) {
      if (problem) r.add({...problem, message: `${lineLabel(line)}: ${problem.message}`});
    }
    if (problems.every((problem) => problem === undefined) && typeof port === 'number') {
      entries.push({line, value: {service, port, protocol: protocol as Protocol}});
    }
  }
  r.add(
    findDuplicates(
      field,
      entries,
      (binding) => `${binding.port}/${binding.protocol}`,
      (binding) => `${binding.protocol.toUpperCase()} port ${binding.port}`,
    ),
  );
  // `ziti tunnel proxy` keeps its listeners in a map keyed by service name, so a later binding of the same
  // service replaces the earlier one (openziti/ziti tunnel/intercept/proxy/proxy.go New: services[parts[0]] = service).
  for (const repeat of findDuplicates(field, entries, (binding) => binding.service, (binding) => `service "${binding.service}"`)) {
    r.add({
      ...repeat,
      message: `${repeat.message} ziti tunnel proxy opens one listener per service name, so only the last line would listen; give each service one port.`,
    });
  }
  return entries.map((entry) => entry.value);
}

function parse(raw: RawInput): ParseResult<LoopbackSidecarInput> {
  const r = new FormReader(FIELDS, raw);
  const base = readSidecarBase(r);
  const bindings = readBindings(r);
  const pollText = r.value('svcPollRate');
  let svcPollRate: number | undefined;
  if (pollText !== '') {
    const parsed = parsePositiveInt('svcPollRate', pollText, 'the poll interval', 86400);
    if (typeof parsed === 'number') svcPollRate = parsed;
    else r.add(parsed);
  }
  return r.result({...base, bindings, ...(svcPollRate === undefined ? {} : {svcPollRate})});
}

/** `svc:port` (tcp is the CLI default) or `svc:port:udp`. */
function bindingArgument(binding: ProxyBinding): string {
  return binding.protocol === 'udp' ? `${binding.service}:${binding.port}:udp` : `${binding.service}:${binding.port}`;
}

function uniqueServices(input: LoopbackSidecarInput): string[] {
  return [...new Set(input.bindings.map((binding) => binding.service))];
}

function sidecar(input: LoopbackSidecarInput): Record<string, unknown> {
  // "proxy" must be the first argument: the entrypoint takes the first argument
  // matching /t?proxy|host/ (unanchored) as the mode, so a service such as
  // "ghost" in front would be misread.
  const args = [
    'proxy',
    ...input.bindings.map(bindingArgument),
    ...(input.svcPollRate === undefined ? [] : ['--svcPollRate', String(input.svcPollRate)]),
  ];
  const ports = input.bindings.map((binding) => ({containerPort: binding.port, protocol: binding.protocol.toUpperCase()}));
  return tunnelContainer(input, args, {ports});
}

/** From the application container, one request to each local TCP listener, the way the application connects. */
function requestLines(input: LoopbackSidecarInput): string[] {
  const tcp = input.bindings.filter((binding) => binding.protocol === 'tcp');
  if (tcp.length === 0) return [];
  const exec = `kubectl exec --namespace ${shellQuote(input.namespace)} ${shellQuote(`deployment/${input.workloadName}`)} --container ${APP_CONTAINER} --`;
  return [
    '# From the application container (busybox wget): an HTTP request to each local TCP port; a service that is',
    '# not HTTP shows the connection opening, then a protocol error.',
    ...tcp.map((binding) => `${exec} wget -S -O /dev/null -T 10 ${shellQuote(`http://127.0.0.1:${binding.port}/`)}`),
  ];
}

function build(input: LoopbackSidecarInput): readonly Artifact[] {
  const services = uniqueServices(input);
  const words = services.map((service) => shellQuote(serviceRole(service)));
  const firstTcp = input.bindings.find((binding) => binding.protocol === 'tcp');
  return [
    sidecarIdentityArtifact(input, SLUG),
    {
      id: 'policies',
      title: 'Allow the sidecar to dial the bound services',
      language: 'bash',
      fileName: `${SLUG}-policies.sh`,
      text: script(dialPolicyScriptLines(input.roleAttribute, words)),
      note: 'Proxy mode dials services by name, so these services need no intercept.v1 config for this sidecar.',
    },
    sidecarSecretArtifact(input, SLUG),
    ...sidecarManifestArtifacts(
      input,
      SLUG,
      sidecarDeployment(input, appContainer(input), sidecar(input), {}),
      'The proxy listens on 0.0.0.0, not only on loopback: other pods can reach these ports on the pod IP, so add a NetworkPolicy if that matters.' +
        (input.svcPollRate === undefined
          ? ' Without a poll interval the sidecar only sees service and policy changes after a restart.'
          : ''),
    ),
    ...sidecarPatchArtifacts(
      input,
      SLUG,
      sidecarPatch(input, sidecar(input), {}),
      'Adds the sidecar and the identity volume to your own Deployment; its containers and volumes stay as they are. Point the application at 127.0.0.1 and the bound ports yourself.',
    ),
    sidecarVerifyArtifact(input, SLUG, [
      ...policyAdvisorLines(services),
      ...requestLines(input),
      ...(firstTcp
        ? [
            // A comment: port-forward runs until interrupted, so as a command it would keep Copy all from ever ending.
            '# Optional, in a second terminal (it runs until Ctrl-C): reach the first TCP binding from this workstation,',
            '# then connect to 127.0.0.1 on that port.',
            `# kubectl port-forward --namespace ${shellQuote(input.namespace)} ${shellQuote(`deployment/${input.workloadName}`)} ${shellQuote(`${firstTcp.port}:${firstTcp.port}`)}`,
          ]
        : []),
    ]),
    sidecarCleanupArtifact(input, SLUG, words),
  ];
}

export const loopbackSidecar: StrategyBuilder<LoopbackSidecarInput> = {
  id: 'loopback-proxy-sidecar',
  fields: FIELDS,
  parse,
  build,
};
