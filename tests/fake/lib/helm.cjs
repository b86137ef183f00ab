'use strict';
/** The fake helm (3.17): repositories and releases in $FAKE_STATE, with helm's messages. */
const fs = require('node:fs');
const yaml = require('js-yaml');
const {parseArgs, last, all, isTrue} = require('./args.cjs');
const {statePath, readJson, writeJson, removeFile, listJson, logCall, fail, notImplemented, out} = require('./state.cjs');
const kube = require('./kube.cjs');

const VALUE_FLAGS = new Set([
  '--namespace', '--version', '--values', '--set', '--set-string', '--set-file', '--timeout', '--output', '--kube-context', '--kubeconfig', '--revision',
  // --repo: the chart from a repository URL, no `helm repo add` needed; --labels: release labels (Helm 3.13+),
  // merged on upgrade; --selector: `helm list` filtered by those labels.
  '--repo', '--labels', '--selector',
]);
const BOOL_FLAGS = new Set([
  '--install', '--create-namespace', '--wait', '--wait-for-jobs', '--atomic', '--reuse-values', '--reset-values', '--reset-then-reuse-values',
  '--force-update', '--ignore-not-found', '--all-namespaces', '--all', '--dry-run', '--no-update', '--debug', '--short',
]);
const ALIASES = {'-n': '--namespace', '-f': '--values', '-o': '--output', '-A': '--all-namespaces', '-a': '--all', '-q': '--short'};

/** `k=v,k2=v2` (helm's --labels and the equality form of --selector) as an object. */
function labelPairs(specs) {
  const labels = {};
  for (const spec of specs) {
    for (const pair of spec.split(',')) {
      const eq = pair.indexOf('=');
      if (eq <= 0 || pair.includes('!=')) fail(`Error: fake helm reads only key=value labels, not "${pair}"`);
      labels[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^=/, '');
    }
  }
  return labels;
}

/** The workload each chart runs, as far as the scripts look at it (kind, and what Pod Security sees). */
const CHART_WORKLOADS = {
  'ziti-edge-tunnel': {kind: 'DaemonSet', podSpec: {hostNetwork: true, containers: [{name: 'ziti-edge-tunnel', image: 'docker.io/openziti/ziti-edge-tunnel', securityContext: {privileged: true}}]}},
  'ziti-router': {kind: 'Deployment', podSpec: {containers: [{name: 'ziti-router', image: 'docker.io/openziti/ziti-router'}]}},
  'ziti-host': {kind: 'Deployment', podSpec: {containers: [{name: 'ziti-host', image: 'docker.io/openziti/ziti-host'}]}},
};

function main(argv) {
  logCall('helm', argv);
  const parsed = parseArgs(argv, {valueFlags: VALUE_FLAGS, boolFlags: BOOL_FLAGS, aliases: ALIASES});
  if (parsed.unknown.length > 0) notImplemented('helm', argv, `flags ${parsed.unknown.join(' ')}`);
  const ctx = {argv, ...parsed, namespace: last(parsed.flags['--namespace']) ?? 'default'};
  const [sub, action] = parsed.positionals;
  if (sub === 'repo' && action === 'add') return repoAdd(ctx);
  if (sub === 'repo' && action === 'list') return repoList(ctx);
  if (sub === 'repo' && action === 'update') return repoUpdate(ctx);
  if (sub === 'repo' && action === 'remove') return repoRemove(ctx);
  if (sub === 'status') return status(ctx);
  if (sub === 'upgrade' || sub === 'install') return install(ctx, sub);
  if (sub === 'uninstall' || sub === 'delete') return uninstall(ctx);
  if (sub === 'list' || sub === 'ls') return list(ctx);
  if (sub === 'get' && action === 'values') return getValues(ctx);
  notImplemented('helm', argv);
}

/* ---------------- repositories ---------------- */

function repos() {
  return readJson(statePath('helm', 'repositories.json'), []);
}

function repoAdd(ctx) {
  const [, , name, url] = ctx.positionals;
  if (!name || !url) fail('Error: "helm repo add" requires 2 arguments');
  const list = repos();
  const existing = list.find((r) => r.name === name);
  if (existing && !isTrue(ctx.flags['--force-update'])) {
    if (existing.url === url) return out(`"${name}" already exists with the same configuration, skipping`);
    fail(`Error: repository name (${name}) already exists, please specify a different name`);
  }
  writeJson(statePath('helm', 'repositories.json'), [...list.filter((r) => r.name !== name), {name, url}]);
  out(`"${name}" has been added to your repositories`);
}

function repoList(ctx) {
  const list = repos();
  if (list.length === 0) fail('Error: no repositories to show');
  const format = last(ctx.flags['--output']);
  if (format === 'json') return out(JSON.stringify(list));
  if (format === 'yaml') return out(yaml.dump(list));
  out(['NAME\tURL', ...list.map((r) => `${r.name}\t${r.url}`)].join('\n'));
}

function repoUpdate(ctx) {
  const names = ctx.positionals.slice(2);
  const list = repos();
  if (list.length === 0) fail('Error: no repositories found. You must add one before updating');
  for (const name of names) if (!list.some((r) => r.name === name)) fail(`Error: no repositories found matching '${name}'.  Nothing will be updated`);
  out('Hang tight while we grab the latest from your chart repositories...');
  for (const r of list.filter((r) => names.length === 0 || names.includes(r.name))) out(`...Successfully got an update from the "${r.name}" chart repository`);
  out('Update Complete. ⎈Happy Helming!⎈');
}

function repoRemove(ctx) {
  const names = ctx.positionals.slice(2);
  const list = repos();
  for (const name of names) {
    if (!list.some((r) => r.name === name)) fail(`Error: no repo named "${name}" found`);
    out(`"${name}" has been removed from your repositories`);
  }
  writeJson(statePath('helm', 'repositories.json'), list.filter((r) => !names.includes(r.name)));
}

/* ---------------- releases ---------------- */

function releaseFile(namespace, name) {
  return statePath('helm', 'releases', namespace, `${name}.json`);
}

function getRelease(namespace, name) {
  return readJson(releaseFile(namespace, name), null);
}

function releaseJson(release) {
  return {
    name: release.name,
    namespace: release.namespace,
    version: release.revision,
    info: {status: release.status, description: release.status === 'deployed' ? 'Install complete' : release.description},
    chart: {metadata: {name: release.chartName, version: release.version}},
    config: release.values,
  };
}

function status(ctx) {
  const name = ctx.positionals[1];
  const release = getRelease(ctx.namespace, name);
  if (!release) fail('Error: release: not found');
  const format = last(ctx.flags['--output']);
  if (format === 'json') return out(JSON.stringify(releaseJson(release)));
  if (format === 'yaml') return out(yaml.dump(releaseJson(release)));
  out([`NAME: ${release.name}`, 'LAST DEPLOYED: Thu Jan  1 00:00:00 2026', `NAMESPACE: ${release.namespace}`, `STATUS: ${release.status}`, `REVISION: ${release.revision}`].join('\n'));
}

function setPath(target, dotted, value) {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

function deepMerge(base, extra) {
  if (!extra || typeof extra !== 'object' || Array.isArray(extra)) return extra;
  const result = base && typeof base === 'object' && !Array.isArray(base) ? {...base} : {};
  for (const [key, value] of Object.entries(extra)) result[key] = deepMerge(result[key], value);
  return result;
}

function install(ctx, sub) {
  const upgrade = sub === 'upgrade';
  const [, name, chart] = ctx.positionals;
  if (!name || !chart) fail(`Error: "helm ${sub}" requires 2 arguments`);
  const existing = getRelease(ctx.namespace, name);
  if (!upgrade && existing) fail('Error: INSTALLATION FAILED: cannot re-use a name that is still in use');
  if (upgrade && !existing && !isTrue(ctx.flags['--install'])) fail(`Error: UPGRADE FAILED: "${name}" has no deployed releases`);
  const [repoName, chartName] = chart.includes('/') ? chart.split('/') : [null, chart];
  if (repoName && !repos().some((r) => r.name === repoName)) fail(`Error: repo ${repoName} not found`);
  const phase = existing ? 'UPGRADE FAILED' : 'INSTALLATION FAILED';

  const nsKind = kube.kindByKind('Namespace');
  if (!kube.getObject(nsKind, '', ctx.namespace)) {
    if (!isTrue(ctx.flags['--create-namespace'])) fail(`Error: ${phase}: create: failed to create: namespaces "${ctx.namespace}" not found`);
    kube.putObject({apiVersion: 'v1', kind: 'Namespace', metadata: {name: ctx.namespace}});
  }

  const valuesFiles = {};
  let values = isTrue(ctx.flags['--reuse-values']) && existing ? existing.values : {};
  for (const spec of all(ctx.flags['--values'])) {
    for (const file of spec.split(',')) {
      if (!fs.existsSync(file)) fail(`Error: open ${file}: no such file or directory`);
      const text = fs.readFileSync(file, 'utf8');
      valuesFiles[file] = text;
      values = deepMerge(values, yaml.load(text) ?? {});
    }
  }
  for (const spec of all(ctx.flags['--set'])) {
    for (const pair of spec.split(',')) {
      const eq = pair.indexOf('=');
      setPath(values, pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  const setFiles = {};
  for (const spec of all(ctx.flags['--set-file'])) {
    const eq = spec.indexOf('=');
    const key = spec.slice(0, eq);
    const file = spec.slice(eq + 1);
    if (!fs.existsSync(file)) fail(`Error: failed parsing --set-file data: open ${file}: no such file or directory`);
    setFiles[key] = fs.readFileSync(file, 'utf8');
    setPath(values, key, setFiles[key]);
  }

  const release = {
    name,
    namespace: ctx.namespace,
    chart,
    chartName,
    version: last(ctx.flags['--version']) ?? 'latest',
    revision: existing ? existing.revision + 1 : 1,
    status: 'deployed',
    // Helm keeps only the last upgrade's values unless told to reuse them: what a careless upgrade loses.
    values,
    valuesFiles,
    setFiles,
    labels: {...(existing?.labels ?? {}), ...labelPairs(all(ctx.flags['--labels']))},
    ...(last(ctx.flags['--repo']) === undefined ? {} : {repoUrl: last(ctx.flags['--repo'])}),
  };
  const workload = chartWorkload(release);
  kube.putObject(workload);
  kube.recordAdmission(workload);
  if (isTrue(ctx.flags['--wait']) && kube.blockedBy(workload).length > 0) {
    writeJson(releaseFile(ctx.namespace, name), {...release, status: 'failed', description: 'context deadline exceeded'});
    fail(`Error: ${phase}: context deadline exceeded`);
  }
  writeJson(releaseFile(ctx.namespace, name), release);
  if (existing) out(`Release "${name}" has been upgraded. Happy Helming!`);
  out([`NAME: ${name}`, 'LAST DEPLOYED: Thu Jan  1 00:00:00 2026', `NAMESPACE: ${ctx.namespace}`, 'STATUS: deployed', `REVISION: ${release.revision}`].join('\n'));
}

/** `<release>-<name>`, or the release alone when it holds <name>: the charts' fullname helpers (ziti-router trims "ziti-"). */
function chartFullname(release) {
  const part = release.chartName === 'ziti-router' ? 'router' : release.chartName;
  return release.name.includes(part) ? release.name : `${release.name}-${part}`;
}

function chartWorkload(release) {
  const shape = CHART_WORKLOADS[release.chartName] ?? {kind: 'Deployment', podSpec: {containers: [{name: release.chartName, image: 'example.test/chart'}]}};
  const labels = {'app.kubernetes.io/name': release.chartName, 'app.kubernetes.io/instance': release.name, 'app.kubernetes.io/managed-by': 'Helm'};
  return {
    apiVersion: 'apps/v1',
    kind: shape.kind,
    metadata: {
      name: chartFullname(release),
      namespace: release.namespace,
      labels,
      annotations: {'meta.helm.sh/release-name': release.name, 'meta.helm.sh/release-namespace': release.namespace},
    },
    spec: {
      ...(shape.kind === 'Deployment' ? {replicas: 1} : {}),
      selector: {matchLabels: {'app.kubernetes.io/instance': release.name}},
      template: {metadata: {labels}, spec: shape.podSpec},
    },
  };
}

function uninstall(ctx) {
  const names = ctx.positionals.slice(1);
  for (const name of names) {
    const release = getRelease(ctx.namespace, name);
    if (!release) {
      if (isTrue(ctx.flags['--ignore-not-found'])) continue;
      fail(`Error: uninstall: Release not loaded: ${name}: release: not found`);
    }
    for (const kindInfo of kube.KINDS.filter((k) => k.namespaced && ['Deployment', 'DaemonSet', 'StatefulSet', 'ConfigMap', 'Secret', 'Service'].includes(k.kind))) {
      for (const object of kube.listObjects(kindInfo, ctx.namespace)) {
        if (object.metadata?.annotations?.['meta.helm.sh/release-name'] === name) kube.deleteObject(kindInfo, ctx.namespace, object.metadata.name);
      }
    }
    removeFile(releaseFile(ctx.namespace, name));
    out(`release "${name}" uninstalled`);
  }
}

function list(ctx) {
  const allNs = isTrue(ctx.flags['--all-namespaces']);
  const root = statePath('helm', 'releases');
  const namespaces = allNs ? (fs.existsSync(root) ? fs.readdirSync(root) : []) : [ctx.namespace];
  const wanted = labelPairs(all(ctx.flags['--selector']));
  const releases = namespaces
    .flatMap((ns) => listJson(statePath('helm', 'releases', ns)))
    .filter((r) => Object.entries(wanted).every(([key, value]) => (r.labels ?? {})[key] === value));
  if (isTrue(ctx.flags['--short'])) return releases.length === 0 ? undefined : out(releases.map((r) => r.name).join('\n'));
  const format = last(ctx.flags['--output']);
  if (format === 'json') return out(JSON.stringify(releases.map((r) => ({name: r.name, namespace: r.namespace, revision: String(r.revision), status: r.status, chart: `${r.chartName}-${r.version}`}))));
  out(['NAME\tNAMESPACE\tREVISION\tSTATUS\tCHART', ...releases.map((r) => `${r.name}\t${r.namespace}\t${r.revision}\t${r.status}\t${r.chartName}-${r.version}`)].join('\n'));
}

function getValues(ctx) {
  const name = ctx.positionals[2];
  const release = getRelease(ctx.namespace, name);
  if (!release) fail('Error: release: not found');
  const format = last(ctx.flags['--output']);
  if (format === 'json') return out(JSON.stringify(release.values));
  out(`USER-SUPPLIED VALUES:\n${yaml.dump(release.values)}`);
}

module.exports = {main, CHART_WORKLOADS, chartWorkload};
