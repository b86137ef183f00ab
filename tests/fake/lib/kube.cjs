'use strict';
/**
 * The Kubernetes side of the fake: object storage, kinds, strategic merge (by
 * the real `kubectl kustomize` when one is on PATH), Pod Security, events.
 * Shared by the fake kubectl and the fake helm (which creates a release's workload).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const {execFileSync} = require('node:child_process');
const yaml = require('js-yaml');
const {statePath, readJson, writeJson, removeFile, listJson, fail} = require('./state.cjs');

/** resource name (any spelling kubectl accepts that the scripts use) -> kind facts */
const KINDS = [
  {kind: 'Deployment', plural: 'deployments', group: 'apps', short: ['deploy', 'deployment'], namespaced: true, apiVersion: 'apps/v1'},
  {kind: 'DaemonSet', plural: 'daemonsets', group: 'apps', short: ['ds', 'daemonset'], namespaced: true, apiVersion: 'apps/v1'},
  {kind: 'StatefulSet', plural: 'statefulsets', group: 'apps', short: ['sts', 'statefulset'], namespaced: true, apiVersion: 'apps/v1'},
  {kind: 'ConfigMap', plural: 'configmaps', group: '', short: ['cm', 'configmap'], namespaced: true, apiVersion: 'v1'},
  {kind: 'Secret', plural: 'secrets', group: '', short: ['secret'], namespaced: true, apiVersion: 'v1'},
  {kind: 'Service', plural: 'services', group: '', short: ['svc', 'service'], namespaced: true, apiVersion: 'v1'},
  {kind: 'Pod', plural: 'pods', group: '', short: ['po', 'pod'], namespaced: true, apiVersion: 'v1'},
  {kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', group: '', short: ['pvc'], namespaced: true, apiVersion: 'v1'},
  {kind: 'ServiceAccount', plural: 'serviceaccounts', group: '', short: ['sa', 'serviceaccount'], namespaced: true, apiVersion: 'v1'},
  {kind: 'Namespace', plural: 'namespaces', group: '', short: ['ns', 'namespace'], namespaced: false, apiVersion: 'v1'},
  {kind: 'Role', plural: 'roles', group: 'rbac.authorization.k8s.io', short: ['role'], namespaced: true, apiVersion: 'rbac.authorization.k8s.io/v1'},
  {kind: 'RoleBinding', plural: 'rolebindings', group: 'rbac.authorization.k8s.io', short: ['rolebinding'], namespaced: true, apiVersion: 'rbac.authorization.k8s.io/v1'},
  {kind: 'ClusterRole', plural: 'clusterroles', group: 'rbac.authorization.k8s.io', short: ['clusterrole'], namespaced: false, apiVersion: 'rbac.authorization.k8s.io/v1'},
  {kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', group: 'rbac.authorization.k8s.io', short: ['clusterrolebinding'], namespaced: false, apiVersion: 'rbac.authorization.k8s.io/v1'},
  {kind: 'NetworkPolicy', plural: 'networkpolicies', group: 'networking.k8s.io', short: ['netpol', 'networkpolicy'], namespaced: true, apiVersion: 'networking.k8s.io/v1'},
  {kind: 'Event', plural: 'events', group: '', short: ['ev', 'event'], namespaced: true, apiVersion: 'v1'},
];

function kindByResource(resource) {
  const lower = resource.toLowerCase();
  return KINDS.find((k) => k.plural === lower || k.short.includes(lower) || `${k.plural}.${k.group}` === lower || k.kind.toLowerCase() === lower) ?? null;
}

function kindByKind(kind) {
  return KINDS.find((k) => k.kind === kind) ?? null;
}

/** `deployments.apps` as kubectl prints it in messages. */
function qualified(kindInfo) {
  return kindInfo.group ? `${kindInfo.plural}.${kindInfo.group}` : kindInfo.plural;
}

/** `deployment.apps` as kubectl prints it before `/name`. */
function singularQualified(kindInfo) {
  const singular = kindInfo.kind.toLowerCase();
  return kindInfo.group ? `${singular}.${kindInfo.group}` : singular;
}

function objectFile(kindInfo, namespace, name) {
  return statePath('kube', kindInfo.namespaced ? namespace : '_cluster', kindInfo.kind.toLowerCase(), `${name}.json`);
}

function getObject(kindInfo, namespace, name) {
  const stored = readJson(objectFile(kindInfo, namespace, name), null);
  if (stored) return stored;
  // Every namespace has this ConfigMap (the API server's root CA), as on a real cluster.
  if (kindInfo.kind === 'ConfigMap' && name === 'kube-root-ca.crt' && getObject(kindByKind('Namespace'), '', namespace)) {
    return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name, namespace}, data: {'ca.crt': FAKE_CA}};
  }
  return null;
}

function putObject(object) {
  const kindInfo = kindByKind(object.kind);
  if (!kindInfo) fail(`fake kubectl does not implement kind ${object.kind}`, 2);
  const namespace = kindInfo.namespaced ? object.metadata.namespace : undefined;
  writeJson(objectFile(kindInfo, namespace, object.metadata.name), object);
}

function deleteObject(kindInfo, namespace, name) {
  removeFile(objectFile(kindInfo, namespace, name));
  if (kindInfo.kind === 'Namespace') fs.rmSync(statePath('kube', name), {recursive: true, force: true});
}

function listObjects(kindInfo, namespace) {
  if (!kindInfo.namespaced) return listJson(statePath('kube', '_cluster', kindInfo.kind.toLowerCase()));
  if (namespace !== null) {
    const stored = listJson(statePath('kube', namespace, kindInfo.kind.toLowerCase()));
    if (kindInfo.kind === 'ConfigMap' && !stored.some((o) => o.metadata.name === 'kube-root-ca.crt')) {
      const root = getObject(kindInfo, namespace, 'kube-root-ca.crt');
      if (root) stored.push(root);
    }
    return stored;
  }
  const root = statePath('kube');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((ns) => ns !== '_cluster' && fs.statSync(path.join(root, ns)).isDirectory())
    .flatMap((ns) => listJson(path.join(root, ns, kindInfo.kind.toLowerCase())));
}

const FAKE_CA = `${fs.readFileSync(path.join(__dirname, 'identity-cert.pem'), 'utf8').trim()}\n`;

/* ---------------- strategic merge ---------------- */

/** The real kubectl (not this fake), for `kubectl kustomize`; null when there is none. */
function realKubectl() {
  if (process.env.FAKE_REAL_KUBECTL !== undefined) return process.env.FAKE_REAL_KUBECTL || null;
  const own = fs.realpathSync(path.join(__dirname, '..', 'bin'));
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const candidate = path.join(dir, 'kubectl');
    try {
      if (fs.realpathSync(dir) === own) continue;
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * `patch` merged into `live` with Kubernetes' strategic merge rules. The real
 * kustomize knows each built-in type's merge keys (containers by name, …), so
 * the result is what the API server computes for `kubectl patch --type strategic`.
 */
function strategicMerge(live, patch) {
  const kubectl = realKubectl();
  const identity = {apiVersion: live.apiVersion, kind: live.kind, metadata: {name: live.metadata.name}};
  if (live.metadata.namespace) identity.metadata.namespace = live.metadata.namespace;
  const fullPatch = {...patch, apiVersion: live.apiVersion, kind: live.kind, metadata: {...(patch.metadata ?? {}), ...identity.metadata}};
  if (!kubectl) return fallbackMerge(live, fullPatch);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-kustomize-'));
  try {
    fs.writeFileSync(path.join(dir, 'live.yaml'), yaml.dump(live));
    fs.writeFileSync(path.join(dir, 'patch.yaml'), yaml.dump(fullPatch));
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), yaml.dump({resources: ['live.yaml'], patches: [{path: 'patch.yaml'}]}));
    const merged = execFileSync(kubectl, ['kustomize', dir], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
    return yaml.load(merged);
  } catch (error) {
    fail(`fake kubectl: strategic merge with ${kubectl} kustomize failed: ${error.stderr || error.message}`, 2);
  } finally {
    fs.rmSync(dir, {recursive: true, force: true});
  }
  return live;
}

/** Without kustomize: lists of maps with a `name` merge by name, other lists are replaced, maps merge. */
function fallbackMerge(live, patch) {
  if (Array.isArray(patch)) {
    if (!Array.isArray(live) || !patch.every((item) => item && typeof item === 'object' && 'name' in item)) return patch;
    const result = live.map((item) => ({...item}));
    for (const item of patch) {
      const index = result.findIndex((existing) => existing.name === item.name);
      if (item.$patch === 'delete') {
        if (index !== -1) result.splice(index, 1);
      } else if (index === -1) result.push(item);
      else result[index] = fallbackMerge(result[index], item);
    }
    return result;
  }
  if (patch && typeof patch === 'object') {
    const result = live && typeof live === 'object' && !Array.isArray(live) ? {...live} : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete result[key];
      else result[key] = fallbackMerge(result[key], value);
    }
    return result;
  }
  return patch;
}

/* ---------------- JSON patch (RFC 6902) ---------------- */

function pointer(pathText) {
  return pathText
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Applies the operations; returns an error message for an operation that does not apply. */
function jsonPatch(object, operations) {
  const doc = JSON.parse(JSON.stringify(object));
  for (const op of operations) {
    const parts = pointer(op.path);
    const key = parts.pop();
    let parent = doc;
    for (const part of parts) {
      parent = Array.isArray(parent) ? parent[Number(part)] : parent?.[part];
      if (parent === undefined || parent === null) return {error: `doc is missing path: "${op.path}": missing value`};
    }
    if (op.op === 'remove') {
      if (Array.isArray(parent)) {
        if (Number(key) >= parent.length) return {error: `doc is missing path: "${op.path}": missing value`};
        parent.splice(Number(key), 1);
      } else {
        if (!(key in parent)) return {error: `doc is missing path: "${op.path}": missing value`};
        delete parent[key];
      }
    } else if (op.op === 'add' || op.op === 'replace') {
      if (op.op === 'replace' && !(Array.isArray(parent) ? Number(key) < parent.length : key in parent)) {
        return {error: `doc is missing path: "${op.path}": missing value`};
      }
      if (Array.isArray(parent)) {
        if (key === '-') parent.push(op.value);
        else if (op.op === 'add') parent.splice(Number(key), 0, op.value);
        else parent[Number(key)] = op.value;
      } else parent[key] = op.value;
    } else if (op.op === 'test') {
      const current = Array.isArray(parent) ? parent[Number(key)] : parent[key];
      if (JSON.stringify(current) !== JSON.stringify(op.value)) return {error: `testing value ${op.path} failed: test failed`};
    } else {
      return {error: `fake kubectl does not implement JSON patch op ${op.op}`, notImplemented: true};
    }
  }
  return {doc};
}

/* ---------------- Pod Security ---------------- */

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** What the Pod Security admission of `level` refuses in a pod spec; empty when it admits the pod. */
function podSecurityViolations(podSpec, level) {
  if (!podSpec || level === 'privileged' || !level) return [];
  const problems = [];
  const containers = [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];
  if (podSpec.hostNetwork) problems.push('host namespaces (hostNetwork=true)');
  if (podSpec.hostPID || podSpec.hostIPC) problems.push('host namespaces (hostPID/hostIPC)');
  const hostPaths = (podSpec.volumes ?? []).filter((v) => v.hostPath).map((v) => v.name);
  if (hostPaths.length > 0) problems.push(`hostPath volumes (volumes ${hostPaths.map((n) => `"${n}"`).join(', ')})`);
  for (const c of containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged) problems.push(`privileged (container "${c.name}" must not set securityContext.privileged=true)`);
    const added = (sc.capabilities?.add ?? []).filter((cap) => !BASELINE_CAPABILITIES.has(cap));
    if (added.length > 0) problems.push(`non-default capabilities (container "${c.name}" must not include ${added.map((a) => `"${a}"`).join(', ')} in securityContext.capabilities.add)`);
  }
  if (level === 'restricted') {
    const podNonRoot = podSpec.securityContext?.runAsNonRoot === true;
    for (const c of containers) {
      const sc = c.securityContext ?? {};
      if (sc.allowPrivilegeEscalation !== false) problems.push(`allowPrivilegeEscalation != false (container "${c.name}")`);
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) problems.push(`unrestricted capabilities (container "${c.name}" must set securityContext.capabilities.drop=["ALL"])`);
      if (!(podNonRoot || sc.runAsNonRoot === true)) problems.push(`runAsNonRoot != true (container "${c.name}")`);
    }
    const seccomp = podSpec.securityContext?.seccompProfile?.type;
    if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') problems.push('seccompProfile (pod must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
  }
  return problems;
}

function namespaceLevel(namespace) {
  const ns = getObject(kindByKind('Namespace'), '', namespace);
  return ns?.metadata?.labels?.['pod-security.kubernetes.io/enforce'] ?? 'privileged';
}

/** Workloads whose pods Pod Security refuses get a FailedCreate event, as their controller would record. */
function recordAdmission(object) {
  const podSpec = object.spec?.template?.spec;
  if (!podSpec || !['Deployment', 'DaemonSet', 'StatefulSet'].includes(object.kind)) return;
  const level = namespaceLevel(object.metadata.namespace);
  const problems = podSecurityViolations(podSpec, level);
  if (problems.length === 0) return;
  const owner = object.kind === 'Deployment' ? `ReplicaSet/${object.metadata.name}-5d8f7c9b4` : `${object.kind}/${object.metadata.name}`;
  addEvent(object.metadata.namespace, {
    type: 'Warning',
    reason: 'FailedCreate',
    object: owner.toLowerCase().replace(/^replicaset/, 'replicaset'),
    message: `Error creating: pods "${object.metadata.name}-x7k2p" is forbidden: violates PodSecurity "${level}:latest": ${problems.join(', ')}`,
  });
}

function blockedBy(object) {
  const podSpec = object.spec?.template?.spec;
  return podSecurityViolations(podSpec, namespaceLevel(object.metadata.namespace));
}

/* ---------------- events ---------------- */

function addEvent(namespace, event) {
  const file = statePath('kube', 'events.json');
  const events = readJson(file, []);
  events.push({namespace, lastSeen: `${events.length + 1}s`, ...event});
  writeJson(file, events);
}

function events(namespace) {
  const all = readJson(statePath('kube', 'events.json'), []);
  return namespace === null ? all : all.filter((e) => e.namespace === namespace);
}

module.exports = {
  KINDS,
  kindByResource,
  kindByKind,
  qualified,
  singularQualified,
  getObject,
  putObject,
  deleteObject,
  listObjects,
  strategicMerge,
  jsonPatch,
  podSecurityViolations,
  namespaceLevel,
  recordAdmission,
  blockedBy,
  addEvent,
  events,
  realKubectl,
  FAKE_CA,
};
