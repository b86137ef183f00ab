/**
 * The Pod Security Standards level a pod spec needs, so that what a page says
 * about privileges can be checked against the manifests the builders print.
 * Rules follow the Kubernetes Pod Security Standards (kubernetes/kubernetes
 * staging/src/k8s.io/pod-security-admission/policy/check_*.go); only the checks
 * our manifests can trip are modelled, and anything unknown errs towards the
 * stricter requirement, never the looser one.
 */

export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** Capabilities baseline allows a container to add (check_capabilities_baseline.go). */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Volume sources restricted allows (check_restrictedVolumes.go). */
const RESTRICTED_VOLUME_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Reasons a pod spec is above baseline, i.e. needs `privileged`. */
function privilegedReasons(spec: Json, containers: readonly Json[]): string[] {
  const reasons: string[] = [];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[key] === true) reasons.push(key);
  }
  for (const volume of list(spec.volumes).map(record)) {
    if ('hostPath' in volume) reasons.push(`hostPath volume ${String(volume.name)}`);
  }
  for (const container of containers) {
    const security = record(container.securityContext);
    if (security.privileged === true) reasons.push(`${String(container.name)} is privileged`);
    for (const capability of list(record(security.capabilities).add)) {
      if (!BASELINE_CAPABILITIES.has(String(capability))) reasons.push(`${String(container.name)} adds ${String(capability)}`);
    }
    if (list(container.ports).some((port) => record(port).hostPort !== undefined)) reasons.push(`${String(container.name)} uses a hostPort`);
  }
  return reasons;
}

/** Reasons a baseline pod spec falls short of restricted. */
function baselineReasons(spec: Json, containers: readonly Json[]): string[] {
  const reasons: string[] = [];
  const podSecurity = record(spec.securityContext);
  for (const volume of list(spec.volumes).map(record)) {
    const source = Object.keys(volume).find((key) => key !== 'name');
    if (source !== undefined && !RESTRICTED_VOLUME_SOURCES.has(source)) reasons.push(`${source} volume`);
  }
  const podSeccomp = record(podSecurity.seccompProfile).type;
  for (const container of containers) {
    const name = String(container.name);
    const security = record(container.securityContext);
    const nonRoot = security.runAsNonRoot ?? podSecurity.runAsNonRoot;
    if (nonRoot !== true) reasons.push(`${name} does not set runAsNonRoot`);
    if (security.allowPrivilegeEscalation !== false) reasons.push(`${name} allows privilege escalation`);
    const capabilities = record(security.capabilities);
    if (!list(capabilities.drop).includes('ALL')) reasons.push(`${name} does not drop ALL capabilities`);
    if (list(capabilities.add).some((capability) => capability !== 'NET_BIND_SERVICE')) reasons.push(`${name} adds capabilities`);
    const seccomp = record(security.seccompProfile).type ?? podSeccomp;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') reasons.push(`${name} has no seccomp profile`);
  }
  return reasons;
}

export interface PodSecurityVerdict {
  readonly level: PodSecurityLevel;
  /** Why the next stricter level refuses the pod. */
  readonly reasons: readonly string[];
}

/** The strictest Pod Security level that admits this pod spec. */
export function podSecurityLevel(podSpec: unknown): PodSecurityVerdict {
  const spec = record(podSpec);
  const containers = [...list(spec.initContainers), ...list(spec.containers)].map(record);
  const privileged = privilegedReasons(spec, containers);
  if (privileged.length > 0) return {level: 'privileged', reasons: privileged};
  const baseline = baselineReasons(spec, containers);
  if (baseline.length > 0) return {level: 'baseline', reasons: baseline};
  return {level: 'restricted', reasons: []};
}
