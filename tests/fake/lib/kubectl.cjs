'use strict';
/** The fake kubectl: what the generated scripts call, answered from $FAKE_STATE, with kubectl's own messages. */
const fs = require('node:fs');
const yaml = require('js-yaml');
const {parseArgs, last, all, isTrue} = require('./args.cjs');
const {statePath, readJson, logCall, fail, notImplemented, readStdin, out} = require('./state.cjs');
const kube = require('./kube.cjs');

const VALUE_FLAGS = new Set([
  '--namespace', '--output', '--filename', '--patch', '--patch-file', '--type', '--selector', '--container', '--tail',
  '--timeout', '--field-manager', '--from-file', '--from-literal', '--dry-run', '--image', '--restart', '--context',
  '--kubeconfig', '--server', '--tls-server-name', '--certificate-authority', '--field-selector', '--sort-by', '--raw',
  '--for', '--cluster', '--user',
]);
const BOOL_FLAGS = new Set([
  '--server-side', '--embed-certs', '--rm', '--stdin', '--tty', '--ignore-not-found', '--all-namespaces', '--minify',
  '--flatten', '--insecure-skip-tls-verify', '--overwrite', '--force-conflicts', '--quiet', '--watch',
]);
const ALIASES = {
  '-n': '--namespace', '-o': '--output', '-f': '--filename', '-p': '--patch', '-l': '--selector', '-c': '--container',
  '-i': '--stdin', '-t': '--tty', '-A': '--all-namespaces', '-q': '--quiet', '-w': '--watch',
};

function main(argv) {
  logCall('kubectl', argv);
  const parsed = parseArgs(argv, {valueFlags: VALUE_FLAGS, boolFlags: BOOL_FLAGS, aliases: ALIASES});
  const [sub] = parsed.positionals;
  if (parsed.unknown.length > 0) notImplemented('kubectl', argv, `flags ${parsed.unknown.join(' ')}`);
  const ctx = {argv, ...parsed, namespace: last(parsed.flags['--namespace']) ?? currentNamespace()};
  const handlers = {apply, create, get, delete: del, patch, rollout, logs, exec, run, config, auth, 'port-forward': portForward, kustomize};
  const handler = handlers[sub];
  if (!handler) notImplemented('kubectl', argv);
  handler(ctx);
}

/* ---------------- helpers ---------------- */

function kubeconfig() {
  return readJson(statePath('kubeconfig.json'), {
    currentContext: 'fake-context',
    cluster: {name: 'fake-cluster', server: 'https://203.0.113.10:6443'},
    user: {name: 'fake-admin', token: 'fake-token'},
    namespace: 'default',
  });
}

function currentNamespace() {
  return kubeconfig().namespace ?? 'default';
}

function notFound(kindInfo, name) {
  return `Error from server (NotFound): ${kube.qualified(kindInfo)} "${name}" not found`;
}

/** `deployment/name` or `deployment name`: the targets of get/delete/patch/rollout. */
function targets(words) {
  const result = [];
  let kindWord = null;
  for (const word of words) {
    if (word.includes('/')) {
      const [resource, name] = word.split('/');
      const kindInfo = kube.kindByResource(resource);
      if (!kindInfo) fail(`error: the server doesn't have a resource type "${resource}"`);
      result.push({kindInfo, name});
    } else if (kindWord === null) {
      kindWord = word;
    } else {
      for (const resource of kindWord.split(',')) {
        const kindInfo = kube.kindByResource(resource);
        if (!kindInfo) fail(`error: the server doesn't have a resource type "${resource}"`);
        result.push({kindInfo, name: word});
      }
    }
  }
  return {result, kindWord};
}

function readManifests(ctx) {
  const sources = all(ctx.flags['--filename']);
  if (sources.length === 0) fail('error: must specify one of -f and -k');
  const docs = [];
  for (const source of sources) {
    let text;
    if (source === '-') text = readStdin();
    else {
      if (!fs.existsSync(source)) fail(`error: the path "${source}" does not exist`);
      text = fs.readFileSync(source, 'utf8');
    }
    for (const doc of yaml.loadAll(text)) if (doc) docs.push(doc);
  }
  return docs;
}

function ensureNamespaceExists(namespace) {
  if (!kube.getObject(kube.kindByKind('Namespace'), '', namespace)) fail(`Error from server (NotFound): namespaces "${namespace}" not found`);
}

function printObject(object, format) {
  if (format === 'yaml') out(yaml.dump(object));
  else if (format === 'json') out(JSON.stringify(object, null, 4));
  else if (format === 'name') out(`${kube.singularQualified(kube.kindByKind(object.kind))}/${object.metadata.name}`);
  else return false;
  return true;
}

/* ---------------- apply ---------------- */

function apply(ctx) {
  const docs = readManifests(ctx);
  const dryRun = last(ctx.flags['--dry-run']);
  const serverSide = isTrue(ctx.flags['--server-side']);
  if (dryRun && dryRun !== 'none' && dryRun !== 'client' && dryRun !== 'server') fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  for (const doc of docs) {
    const kindInfo = kube.kindByKind(doc.kind);
    if (!kindInfo) notImplemented('kubectl', ctx.argv, `kind ${doc.kind}`);
    const object = JSON.parse(JSON.stringify(doc));
    if (kindInfo.namespaced) object.metadata.namespace = object.metadata.namespace ?? ctx.namespace;
    if (kindInfo.namespaced && ctx.flags['--namespace'] && doc.metadata.namespace && doc.metadata.namespace !== ctx.namespace) {
      fail(`error: the namespace from the provided object "${doc.metadata.namespace}" does not match the namespace "${ctx.namespace}". You must pass '--namespace=${doc.metadata.namespace}' to perform this operation.`);
    }
    if (kindInfo.namespaced) ensureNamespaceExists(object.metadata.namespace);
    const live = kube.getObject(kindInfo, object.metadata.namespace, object.metadata.name);
    // No last-applied record of ours: like kubectl apply on an object someone else made, the new fields merge into what is there.
    const merged = live ? kube.strategicMerge(live, object) : object;
    const changed = !live || JSON.stringify(live) !== JSON.stringify(merged);
    const verb = !live ? 'created' : changed ? (serverSide ? 'serverside-applied' : 'configured') : serverSide ? 'serverside-applied' : 'unchanged';
    const suffix = dryRun && dryRun !== 'none' ? ` (${dryRun === 'server' ? 'server dry run' : 'dry run'})` : '';
    if (dryRun && dryRun !== 'none') {
      if (!printObject(merged, last(ctx.flags['--output']))) out(`${kube.singularQualified(kindInfo)}/${object.metadata.name} ${verb}${suffix}`);
      continue;
    }
    kube.putObject(merged);
    kube.recordAdmission(merged);
    if (!printObject(merged, last(ctx.flags['--output']))) out(`${kube.singularQualified(kindInfo)}/${object.metadata.name} ${verb}`);
  }
}

/* ---------------- create ---------------- */

function create(ctx) {
  const [, what, ...rest] = ctx.positionals;
  const dryRun = last(ctx.flags['--dry-run']);
  let object;
  if (what === 'namespace' || what === 'ns') {
    object = {apiVersion: 'v1', kind: 'Namespace', metadata: {name: rest[0]}};
  } else if (what === 'secret' && rest[0] === 'generic') {
    const name = rest[1];
    const data = {};
    for (const spec of all(ctx.flags['--from-file'])) {
      const eq = spec.indexOf('=');
      const key = eq === -1 ? spec.split('/').pop() : spec.slice(0, eq);
      const file = eq === -1 ? spec : spec.slice(eq + 1);
      if (!fs.existsSync(file)) fail(`error: error reading ${file}: no such file or directory`);
      data[key] = fs.readFileSync(file).toString('base64');
    }
    for (const spec of all(ctx.flags['--from-literal'])) {
      const eq = spec.indexOf('=');
      data[spec.slice(0, eq)] = Buffer.from(spec.slice(eq + 1)).toString('base64');
    }
    object = {apiVersion: 'v1', kind: 'Secret', metadata: {name, namespace: ctx.namespace}, type: 'Opaque', data};
  } else if (ctx.flags['--filename']) {
    for (const doc of readManifests(ctx)) {
      const kindInfo = kube.kindByKind(doc.kind);
      if (kindInfo.namespaced) doc.metadata.namespace = doc.metadata.namespace ?? ctx.namespace;
      if (kube.getObject(kindInfo, doc.metadata.namespace, doc.metadata.name)) {
        fail(`Error from server (AlreadyExists): error when creating "${last(ctx.flags['--filename'])}": ${kube.qualified(kindInfo)} "${doc.metadata.name}" already exists`);
      }
      kube.putObject(doc);
      kube.recordAdmission(doc);
      out(`${kube.singularQualified(kindInfo)}/${doc.metadata.name} created`);
    }
    return;
  } else {
    notImplemented('kubectl', ctx.argv);
  }
  const kindInfo = kube.kindByKind(object.kind);
  if (dryRun === 'client' || dryRun === 'server') {
    if (!printObject(object, last(ctx.flags['--output']))) out(`${kube.singularQualified(kindInfo)}/${object.metadata.name} created (dry run)`);
    return;
  }
  if (kindInfo.namespaced) ensureNamespaceExists(object.metadata.namespace);
  if (kube.getObject(kindInfo, object.metadata.namespace, object.metadata.name)) {
    if (object.kind === 'Secret') fail(`error: failed to create secret ${kube.qualified(kindInfo)} "${object.metadata.name}" already exists`);
    fail(`Error from server (AlreadyExists): ${kube.qualified(kindInfo)} "${object.metadata.name}" already exists`);
  }
  kube.putObject(object);
  out(`${kube.singularQualified(kindInfo)}/${object.metadata.name} created`);
}

/* ---------------- get ---------------- */

/** `{.a.b\.c}`, `{.items[*].metadata.name}`, `{.clusters[0].name}`, `{"\n"}` and text between them. */
function jsonpath(template, object) {
  let output = '';
  const pattern = /\{([^}]*)\}/g;
  let lastIndex = 0;
  for (let match = pattern.exec(template); match; match = pattern.exec(template)) {
    output += template.slice(lastIndex, match.index);
    lastIndex = pattern.lastIndex;
    const expr = match[1].trim();
    if (/^".*"$/.test(expr)) {
      output += JSON.parse(expr);
      continue;
    }
    if (!expr.startsWith('.') || expr.startsWith('..') || /range|end|\?\(/.test(expr)) return {unsupported: expr};
    let values = [object];
    const parts = expr.slice(1).match(/(?:\\\.|[^.])+/g) ?? [];
    for (const rawPart of parts) {
      const m = /^([^[]*)((?:\[[^\]]*\])*)$/.exec(rawPart);
      if (!m) return {unsupported: expr};
      const key = m[1].replace(/\\\./g, '.');
      const next = [];
      for (const value of values) {
        let current = key === '' ? value : value?.[key];
        let currentList = current === undefined ? [] : [current];
        for (const index of m[2].match(/\[[^\]]*\]/g) ?? []) {
          const inner = index.slice(1, -1);
          currentList = currentList.flatMap((c) => (inner === '*' ? (Array.isArray(c) ? c : Object.values(c ?? {})) : Array.isArray(c) && c[Number(inner)] !== undefined ? [c[Number(inner)]] : []));
        }
        next.push(...currentList.filter((c) => c !== undefined));
      }
      values = next;
    }
    output += values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' ');
  }
  return {text: output + template.slice(lastIndex)};
}

/** `{{index .data "key"}}` and `{{.a.b}}`: the go-templates the scripts use. */
function goTemplate(template, object) {
  let unsupported = null;
  const text = template.replace(/\{\{\s*(.*?)\s*\}\}/g, (_all, expr) => {
    let m = /^index\s+\.([\w.]+)\s+"([^"]*)"$/.exec(expr);
    if (m) {
      const base = m[1].split('.').reduce((o, k) => o?.[k], object);
      return base?.[m[2]] === undefined ? '<no value>' : String(base[m[2]]);
    }
    m = /^\.([\w.]+)$/.exec(expr);
    if (m) {
      const value = m[1].split('.').reduce((o, k) => o?.[k], object);
      return value === undefined ? '<no value>' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
    unsupported = expr;
    return '';
  });
  return unsupported ? {unsupported} : {text};
}

function formatted(object, format, argv) {
  if (printObject(object, format)) return;
  if (format.startsWith('jsonpath=')) {
    const result = jsonpath(format.slice('jsonpath='.length), object);
    if (result.unsupported) notImplemented('kubectl', argv, `jsonpath ${result.unsupported}`);
    process.stdout.write(result.text);
    return;
  }
  if (format.startsWith('go-template=')) {
    const result = goTemplate(format.slice('go-template='.length), object);
    if (result.unsupported) notImplemented('kubectl', argv, `go-template ${result.unsupported}`);
    process.stdout.write(result.text);
    return;
  }
  notImplemented('kubectl', argv, `output ${format}`);
}

function selectorMatches(object, selector) {
  if (!selector) return true;
  const labels = object.metadata?.labels ?? {};
  return selector.split(',').every((term) => {
    const [key, value] = term.split('=');
    return value === undefined ? key in labels : labels[key] === value;
  });
}

function table(kindInfo, objects, withKind) {
  const prefix = (o) => (withKind ? `${kube.singularQualified(kindInfo)}/${o.metadata.name}` : o.metadata.name);
  const row = (o) => {
    if (kindInfo.kind === 'Deployment' || kindInfo.kind === 'StatefulSet') {
      const replicas = o.spec?.replicas ?? 1;
      const ready = kube.blockedBy(o).length > 0 ? 0 : replicas;
      return `${prefix(o)}   ${ready}/${replicas}   ${ready}   ${ready}   1m`;
    }
    if (kindInfo.kind === 'DaemonSet') return `${prefix(o)}   1   1   1   1   1   <none>   1m`;
    if (kindInfo.kind === 'Pod') return `${prefix(o)}   2/2   Running   0   1m`;
    return `${prefix(o)}   1m`;
  };
  return objects.map(row).join('\n');
}

function get(ctx) {
  const raw = last(ctx.flags['--raw']);
  if (raw !== undefined) {
    // A kubeconfig other than the current one points somewhere only a real client reaches (the Ziti intercept).
    // FAKE_CLIENT_TUNNELER=1 stands for a workstation whose tunneler runs the client identity.
    if (ctx.flags['--kubeconfig'] && process.env.FAKE_CLIENT_TUNNELER !== '1') fail(`error: fake kubectl cannot reach the server in ${last(ctx.flags['--kubeconfig'])} (it needs a client tunneler)`, 1);
    if (raw === '/readyz' || raw === '/livez') return out('ok');
    notImplemented('kubectl', ctx.argv);
  }
  const words = ctx.positionals.slice(1);
  const format = last(ctx.flags['--output']);
  const allNamespaces = isTrue(ctx.flags['--all-namespaces']);
  if (words[0] === 'events' || words[0] === 'event' || words[0] === 'ev') {
    const list = kube.events(allNamespaces ? null : ctx.namespace);
    if (list.length === 0) {
      process.stderr.write(`No resources found in ${ctx.namespace} namespace.\n`);
      return;
    }
    out(['LAST SEEN   TYPE      REASON         OBJECT         MESSAGE', ...list.map((e) => `${e.lastSeen}   ${e.type}   ${e.reason}   ${e.object}   ${e.message}`)].join('\n'));
    return;
  }
  const {result, kindWord} = targets(words);
  if (result.length === 0 && kindWord) {
    const kinds = kindWord.split(',').map((resource) => {
      const kindInfo = kube.kindByResource(resource);
      if (!kindInfo) fail(`error: the server doesn't have a resource type "${resource}"`);
      return kindInfo;
    });
    const selector = last(ctx.flags['--selector']);
    const sections = [];
    const items = [];
    for (const kindInfo of kinds) {
      const stored = kindInfo.kind === 'Pod' ? podsOf(allNamespaces ? null : ctx.namespace) : kube.listObjects(kindInfo, allNamespaces ? null : ctx.namespace);
      const objects = stored.filter((o) => selectorMatches(o, selector));
      items.push(...objects);
      if (objects.length > 0) sections.push(table(kindInfo, objects, kinds.length > 1));
    }
    if (format) return formatted({apiVersion: 'v1', kind: 'List', items}, format, ctx.argv);
    if (sections.length === 0) process.stderr.write(`No resources found in ${ctx.namespace} namespace.\n`);
    else out(sections.join('\n\n'));
    return;
  }
  let failed = false;
  for (const {kindInfo, name} of result) {
    const object = kube.getObject(kindInfo, ctx.namespace, name);
    if (!object) {
      if (isTrue(ctx.flags['--ignore-not-found'])) continue;
      process.stderr.write(`${notFound(kindInfo, name)}\n`);
      failed = true;
      continue;
    }
    if (format) formatted(object, format, ctx.argv);
    else out(table(kindInfo, [object], false));
  }
  if (failed) process.exit(1);
}

/** The pods the workloads run (none for a workload Pod Security refuses), as their controllers would make them. */
function podsOf(namespace) {
  const pods = kube.listObjects(kube.kindByKind('Pod'), namespace);
  for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet']) {
    for (const workload of kube.listObjects(kube.kindByKind(kind), namespace)) {
      if (kube.blockedBy(workload).length > 0) continue;
      const replicas = kind === 'DaemonSet' ? 1 : (workload.spec?.replicas ?? 1);
      for (let i = 0; i < replicas; i++) {
        pods.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {name: `${workload.metadata.name}-5d8f7c9b4-${'abcdefghij'[i % 10]}x7k2`, namespace: workload.metadata.namespace, labels: workload.spec?.template?.metadata?.labels ?? {}},
          spec: workload.spec?.template?.spec ?? {},
        });
      }
    }
  }
  return pods;
}

/* ---------------- delete ---------------- */

function del(ctx) {
  const {result} = targets(ctx.positionals.slice(1));
  if (ctx.flags['--filename']) {
    for (const doc of readManifests(ctx)) {
      const kindInfo = kube.kindByKind(doc.kind);
      result.push({kindInfo, name: doc.metadata.name, namespace: doc.metadata.namespace});
    }
  }
  if (result.length === 0) fail('error: resource(s) were provided, but no name was specified');
  const ignore = isTrue(ctx.flags['--ignore-not-found']);
  let failed = false;
  for (const {kindInfo, name, namespace} of result) {
    const ns = namespace ?? ctx.namespace;
    if (!kube.getObject(kindInfo, ns, name)) {
      if (ignore) continue;
      process.stderr.write(`${notFound(kindInfo, name)}\n`);
      failed = true;
      continue;
    }
    kube.deleteObject(kindInfo, ns, name);
    out(`${kube.singularQualified(kindInfo)} "${name}" deleted${kindInfo.namespaced ? ` from ${ns} namespace` : ''}`);
  }
  if (failed) process.exit(1);
}

/* ---------------- patch ---------------- */

function patch(ctx) {
  const {result} = targets(ctx.positionals.slice(1));
  if (result.length !== 1) notImplemented('kubectl', ctx.argv, 'patch takes exactly one object');
  const [{kindInfo, name}] = result;
  const live = kube.getObject(kindInfo, ctx.namespace, name);
  if (!live) fail(notFound(kindInfo, name));
  const type = last(ctx.flags['--type']) ?? 'strategic';
  let patchText = last(ctx.flags['--patch']);
  const patchFile = last(ctx.flags['--patch-file']);
  if (patchFile !== undefined) {
    if (!fs.existsSync(patchFile)) fail(`error: unable to read patch file: open ${patchFile}: no such file or directory`);
    patchText = fs.readFileSync(patchFile, 'utf8');
  }
  if (patchText === undefined) fail('error: must specify --patch or --patch-file containing the contents of the patch');
  let body;
  try {
    body = yaml.load(patchText);
  } catch (error) {
    fail(`error: unable to parse "${patchText}": ${error.message}`);
  }
  let merged;
  if (type === 'strategic' || type === 'merge') {
    merged = type === 'strategic' ? kube.strategicMerge(live, body) : mergePatch(live, body);
  } else if (type === 'json') {
    const applied = kube.jsonPatch(live, body);
    if (applied.notImplemented) notImplemented('kubectl', ctx.argv, applied.error);
    if (applied.error) fail(`The request is invalid: the server rejected our request due to an error in our request`);
    merged = applied.doc;
  } else {
    fail(`error: --type must be one of [json merge strategic], not "${type}"`);
  }
  const dryRun = last(ctx.flags['--dry-run']);
  const unchanged = JSON.stringify(live) === JSON.stringify(merged);
  if (dryRun === 'server' || dryRun === 'client') {
    if (!printObject(merged, last(ctx.flags['--output']))) out(`${kube.singularQualified(kindInfo)}/${name} patched (dry run)`);
    return;
  }
  kube.putObject(merged);
  kube.recordAdmission(merged);
  if (!printObject(merged, last(ctx.flags['--output']))) out(`${kube.singularQualified(kindInfo)}/${name} ${unchanged ? 'patched (no change)' : 'patched'}`);
}

function mergePatch(target, body) {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const result = target && typeof target === 'object' && !Array.isArray(target) ? {...target} : {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/* ---------------- rollout ---------------- */

function rollout(ctx) {
  const [, action, ...rest] = ctx.positionals;
  const {result} = targets(rest);
  if (result.length !== 1) notImplemented('kubectl', ctx.argv);
  const [{kindInfo, name}] = result;
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(kindInfo.kind)) fail(`error: no status viewer has been implemented for ${kindInfo.kind}`);
  const object = kube.getObject(kindInfo, ctx.namespace, name);
  if (!object) fail(notFound(kindInfo, name));
  if (action === 'restart') {
    object.spec.template.metadata = object.spec.template.metadata ?? {};
    object.spec.template.metadata.annotations = {...(object.spec.template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z'};
    kube.putObject(object);
    out(`${kube.singularQualified(kindInfo)}/${name} restarted`);
    return;
  }
  if (action !== 'status') notImplemented('kubectl', ctx.argv);
  const blocked = kube.blockedBy(object);
  if (blocked.length === 0) {
    out(kindInfo.kind === 'DaemonSet' ? `daemon set "${name}" successfully rolled out` : `${kindInfo.kind.toLowerCase()} "${name}" successfully rolled out`);
    return;
  }
  const timeout = last(ctx.flags['--timeout']);
  const replicas = object.spec?.replicas ?? 1;
  out(`Waiting for deployment "${name}" rollout to finish: 0 of ${replicas} updated replicas are available...`);
  // Without a time-out the real command waits for ever on a pod that can never start; a test must not hang, so it fails loudly.
  if (timeout === undefined || timeout === '0s' || timeout === '0') {
    fail(`fake kubectl: rollout status of ${kindInfo.kind}/${name} would wait for ever (Pod Security refuses its pods) and has no --timeout`, 3);
  }
  fail('error: timed out waiting for the condition');
}

/* ---------------- logs, exec, run, port-forward ---------------- */

function workload(ctx, words) {
  const {result} = targets(words);
  if (result.length !== 1) notImplemented('kubectl', ctx.argv);
  const [{kindInfo, name}] = result;
  const object = kube.getObject(kindInfo, ctx.namespace, name);
  if (!object) fail(notFound(kindInfo, name));
  return object;
}

function logs(ctx) {
  const object = workload(ctx, ctx.positionals.slice(1));
  const container = last(ctx.flags['--container']);
  const containers = [...(object.spec?.template?.spec?.initContainers ?? []), ...(object.spec?.template?.spec?.containers ?? [])];
  if (container && containers.length > 0 && !containers.some((c) => c.name === container)) {
    fail(`error: container ${container} is not valid for pod ${object.metadata.name}-5d8f7c9b4-x7k2p`);
  }
  out(`(fake log of ${object.kind}/${object.metadata.name}${container ? ` container ${container}` : ''})`);
}

/** What a command in a container prints: the few the verify steps run. */
function containerOutput(command, ctx) {
  const [program, ...args] = command;
  const identityJson = JSON.stringify({ztAPI: 'https://ctrl.example.test:443', id: {cert: `pem:${kube.FAKE_CA}`, key: 'pem:(fake key)', ca: `pem:${kube.FAKE_CA}`}});
  if (program === 'cat') {
    const file = args[0] ?? '';
    if (file === '/etc/resolv.conf') return {stdout: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 127.0.0.1\nnameserver 10.96.0.10\n'};
    if (file.endsWith('.json')) return {stdout: `${identityJson}\n`};
    if (/\.(cert|crt|pem)$/.test(file)) return {stdout: kube.FAKE_CA};
  }
  if (program === 'jq' && args[0] === '-r' && args[1] === '.id.cert') return {stdout: `pem:${kube.FAKE_CA}`};
  if (program === 'nslookup') return {stdout: `Server:\t\t127.0.0.1\nAddress:\t127.0.0.1:53\n\nName:\t${args.at(-1)}\nAddress: 100.64.0.3\n`};
  if (program === 'wget') return {stdout: '', stderr: `Connecting to ${args.at(-1)}\n  HTTP/1.1 200 OK\n`};
  notImplemented('kubectl', ctx.argv, `command in the container: ${command.join(' ')}`);
  return {stdout: ''};
}

/**
 * The ziti-router chart's config file (`configMountDir`/`configFile`) as far as the router steps read it:
 * the edge listener, and the tunnel listener with `tunnel.mode` from the release's values (default host;
 * `none` renders no tunnel listener), as the chart's templates/configmap.yaml renders them.
 */
function routerConfig(object, ctx) {
  const releaseName = object.metadata?.annotations?.['meta.helm.sh/release-name'];
  const release = releaseName ? readJson(statePath('helm', 'releases', ctx.namespace, `${releaseName}.json`), null) : null;
  if (!release || release.chartName !== 'ziti-router') return null;
  const mode = release.values?.tunnel?.mode ?? 'host';
  const lines = ['listeners:', '  - binding: edge', '    address: tls:0.0.0.0:3022'];
  if (mode !== 'none') lines.push('  - binding: tunnel', '    options:', `      mode: ${mode}`);
  return {stdout: `${lines.join('\n')}\n`};
}

function exec(ctx) {
  const object = workload(ctx, ctx.positionals.slice(1));
  if (!ctx.rest || ctx.rest.length === 0) fail('error: you must specify at least one command for the container');
  const config = ctx.rest[0] === 'cat' && ctx.rest[1] === '/etc/ziti/config/ziti-router.yaml' ? routerConfig(object, ctx) : null;
  const result = config ?? containerOutput(ctx.rest, ctx);
  process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
}

function run(ctx) {
  const name = ctx.positionals[1];
  if (!last(ctx.flags['--image'])) fail('error: required flag(s) "image" not set');
  if (!isTrue(ctx.flags['--rm'])) notImplemented('kubectl', ctx.argv, 'only throw-away pods (--rm)');
  if (!ctx.rest || ctx.rest.length === 0) notImplemented('kubectl', ctx.argv, 'run without a command');
  const result = containerOutput(ctx.rest, ctx);
  process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  out(`pod "${name}" deleted from ${ctx.namespace} namespace`);
}

function portForward(ctx) {
  fail(`fake kubectl: port-forward runs until interrupted; a script that runs it never ends (${ctx.argv.join(' ')})`, 3);
}

function kustomize(ctx) {
  const real = kube.realKubectl();
  if (!real) notImplemented('kubectl', ctx.argv, 'no real kubectl for kustomize');
  const {execFileSync} = require('node:child_process');
  process.stdout.write(execFileSync(real, ctx.argv, {encoding: 'utf8'}));
}

/* ---------------- config, auth ---------------- */

function kubeconfigYaml(config) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{name: config.cluster.name, cluster: {server: config.cluster.server, 'certificate-authority-data': Buffer.from(kube.FAKE_CA).toString('base64')}}],
    contexts: [{name: config.currentContext, context: {cluster: config.cluster.name, user: config.user.name, namespace: config.namespace}}],
    'current-context': config.currentContext,
    users: [{name: config.user.name, user: {token: config.user.token}}],
  };
}

function config(ctx) {
  const [, action, ...rest] = ctx.positionals;
  const file = last(ctx.flags['--kubeconfig']);
  const load = () => {
    if (!file) return kubeconfigYaml(kubeconfig());
    if (!fs.existsSync(file)) fail(`error: stat ${file}: no such file or directory`);
    return yaml.load(fs.readFileSync(file, 'utf8')) ?? {};
  };
  if (action === 'current-context') return out(kubeconfig().currentContext);
  if (action === 'view') {
    const doc = load();
    const format = last(ctx.flags['--output']);
    if (format) return formatted(doc, format, ctx.argv);
    return out(yaml.dump(doc));
  }
  if (action === 'set-cluster') {
    if (!file) notImplemented('kubectl', ctx.argv, 'set-cluster only on a --kubeconfig file');
    const doc = load();
    const name = rest[0];
    doc.clusters = doc.clusters ?? [];
    let entry = doc.clusters.find((c) => c.name === name);
    if (!entry) {
      entry = {name, cluster: {}};
      doc.clusters.push(entry);
    }
    if (ctx.flags['--server']) entry.cluster.server = last(ctx.flags['--server']);
    if (ctx.flags['--tls-server-name']) entry.cluster['tls-server-name'] = last(ctx.flags['--tls-server-name']);
    const ca = last(ctx.flags['--certificate-authority']);
    if (ca) {
      if (isTrue(ctx.flags['--embed-certs'])) {
        if (!fs.existsSync(ca)) fail(`error: could not read certificate-authority data from ${ca}: open ${ca}: no such file or directory`);
        entry.cluster['certificate-authority-data'] = fs.readFileSync(ca).toString('base64');
      } else entry.cluster['certificate-authority'] = ca;
    }
    if (ctx.flags['--insecure-skip-tls-verify'] !== undefined) {
      if (isTrue(ctx.flags['--insecure-skip-tls-verify'])) entry.cluster['insecure-skip-tls-verify'] = true;
      else delete entry.cluster['insecure-skip-tls-verify'];
    }
    fs.writeFileSync(file, yaml.dump(doc));
    return out(`Cluster "${name}" set.`);
  }
  notImplemented('kubectl', ctx.argv);
}

function auth(ctx) {
  const [, action] = ctx.positionals;
  if (action !== 'can-i') notImplemented('kubectl', ctx.argv);
  const denied = readJson(statePath('kube', 'denied.json'), []);
  const question = ctx.positionals.slice(2).join(' ');
  if (denied.includes(question)) {
    out('no');
    process.exit(1);
  }
  out('yes');
}

module.exports = {main, jsonpath, goTemplate, kubeconfigYaml};
