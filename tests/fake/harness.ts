/**
 * A stateful fake cluster, Helm and controller for running the generated scripts
 * in tests: `kubectl`, `helm` and `ziti` from tests/fake/bin keep their objects as
 * JSON files under a temporary folder ($FAKE_STATE), so a test can seed what a
 * reader already has, run a script, and read back what the script left.
 *
 *   const world = createFakeWorld({seed: 'realistic'});
 *   const run = world.run(script, {CLEANUP: '1'});
 *   world.kube('Deployment', 'payments', 'billing-api');
 *   world.dispose();
 *
 * Everything lives under os.tmpdir(); nothing is written into the repository.
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The fake executables; put first on PATH. */
export const FAKE_BIN = path.join(HERE, 'bin');

const SERVER = path.join(HERE, 'server.cjs');

/** The fake server of this test process (server.cjs), started by the first run. */
let fakeServer: {port: number; child: ChildProcess} | null = null;

/**
 * The port of this process's fake server. A run is synchronous (spawnSync), so the server is its own process and
 * the port is waited for here, before the first script starts. `FAKE_SERVER=0` runs every call as its own process.
 */
function fakeServerPort(): number | null {
  if (process.env.FAKE_SERVER === '0') return null;
  if (fakeServer && fakeServer.child.exitCode === null && fakeServer.child.signalCode === null) return fakeServer.port;
  const dir = mkdtempSync(path.join(tmpdir(), 'fake-server-'));
  const portFile = path.join(dir, 'port');
  // Its stdin stays open while this process lives; when it closes the server ends.
  const child = spawn(process.execPath, [SERVER, portFile], {stdio: ['pipe', 'ignore', 'inherit']});
  child.unref();
  (child.stdin as unknown as {unref?: () => void} | null)?.unref?.();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 20_000;
  while (!existsSync(portFile)) {
    if (Date.now() > deadline) throw new Error(`the fake server (${SERVER}) did not start within 20 s`);
    Atomics.wait(pause, 0, 0, 10);
  }
  const port = Number(readFileSync(portFile, 'utf8'));
  rmSync(dir, {recursive: true, force: true});
  fakeServer = {port, child};
  return port;
}

/** The folders a Kubernetes object of each kind is stored under (see tests/fake/lib/kube.cjs). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>};
  [key: string]: unknown;
}

export interface HelmRelease {
  name: string;
  namespace: string;
  chart: string;
  chartName: string;
  version: string;
  revision: number;
  status: string;
  values: Record<string, unknown>;
  valuesFiles: Record<string, string>;
  setFiles: Record<string, string>;
}

export interface HelmRepo {
  name: string;
  url: string;
}

export interface Call {
  tool: 'kubectl' | 'helm' | 'ziti';
  args: string[];
  cwd: string;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The calls this run made (not those of earlier runs). */
  calls: Call[];
}

export interface RunOptions {
  /** Extra environment (CLEANUP, FROM_STEP, ZITI_SECRETS_DIR, …). */
  env?: Record<string, string>;
  /** Folder to run in; defaults to the world's work folder. */
  cwd?: string;
  /** Seconds before the run is killed (a hanging script fails the test instead of the suite). */
  timeoutSeconds?: number;
}

export interface FakeWorld {
  /** Root of everything this world wrote. */
  readonly root: string;
  /** $FAKE_STATE. */
  readonly state: string;
  /** The folder scripts run in (a reader's empty folder). */
  readonly work: string;
  /** $TMPDIR of the runs: where `mktemp -d` makes its folders, so a test can check they are gone. */
  readonly tmp: string;
  run(script: string, options?: RunOptions): RunResult;
  /** A Kubernetes object, or null. */
  kube(kind: string, namespace: string | null, name: string): KubeObject | null;
  kubeList(kind: string, namespace: string): KubeObject[];
  putKube(object: KubeObject): void;
  helmRelease(namespace: string, name: string): HelmRelease | null;
  putHelmRelease(release: HelmRelease): void;
  helmRepos(): HelmRepo[];
  putHelmRepos(repos: HelmRepo[]): void;
  /** A controller entity by CLI type (`identities`, `services`, `edge-routers`, …), or null. */
  ziti(type: string, name: string): Record<string, unknown> | null;
  zitiList(type: string): Record<string, unknown>[];
  putZiti(type: string, entity: Record<string, unknown>): void;
  setLoggedIn(loggedIn: boolean): void;
  events(): {namespace: string; reason: string; message: string}[];
  calls(): Call[];
  dispose(): void;
}

export interface WorldOptions {
  /**
   * `cluster`: what every cluster has (namespaces default and kube-system, kube-dns at
   * 10.96.0.10, CoreDNS importing coredns-custom) and a logged-in controller.
   * `realistic`: that plus what a platform team has: namespace `payments` with a
   * Deployment `billing-api` (3 replicas, RollingUpdate), a Helm release `ziti-router`
   * in `ziti` from the `openziti` repo at https://openziti.io/helm-charts/, and its router.
   */
  seed?: 'cluster' | 'realistic';
  /** Default true. */
  loggedIn?: boolean;
  /** ClusterIP of kube-dns; default 10.96.0.10. */
  clusterDnsIp?: string;
}

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function listJson<T>(dir: string): T[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as T);
}

/** The existing application of the realistic seed, as a reader's cluster has it. */
export function billingApi(): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'billing-api', namespace: 'payments', labels: {'app.kubernetes.io/name': 'billing-api'}},
    spec: {
      replicas: 3,
      selector: {matchLabels: {'app.kubernetes.io/name': 'billing-api'}},
      strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: '25%', maxUnavailable: '25%'}},
      template: {
        metadata: {labels: {'app.kubernetes.io/name': 'billing-api'}},
        spec: {
          containers: [
            {
              name: 'billing-api',
              image: 'registry.example.com/payments/billing-api:4.2.0',
              ports: [{containerPort: 8080}],
              readinessProbe: {httpGet: {path: '/healthz', port: 8080}},
            },
          ],
        },
      },
    },
  };
}

export function createFakeWorld(options: WorldOptions = {}): FakeWorld {
  const root = mkdtempSync(path.join(tmpdir(), 'fake-world-'));
  const state = path.join(root, 'state');
  const work = path.join(root, 'work');
  const tmp = path.join(root, 'tmp');
  for (const dir of [state, work, tmp]) mkdirSync(dir, {recursive: true});
  let callsSeen = 0;

  const kubeFile = (kind: string, namespace: string | null, name: string): string =>
    path.join(state, 'kube', CLUSTER_SCOPED.has(kind) ? '_cluster' : (namespace ?? 'default'), kind.toLowerCase(), `${name}.json`);

  const world: FakeWorld = {
    root,
    state,
    work,
    tmp,
    run(script, runOptions = {}) {
      const file = path.join(root, `script-${Date.now()}-${Math.random().toString(36).slice(2)}.sh`);
      writeFileSync(file, script);
      const port = fakeServerPort();
      const result = spawnSync('bash', [file], {
        cwd: runOptions.cwd ?? work,
        encoding: 'utf8',
        timeout: (runOptions.timeoutSeconds ?? 60) * 1000,
        env: {
          PATH: `${FAKE_BIN}:${process.env.PATH ?? '/usr/bin:/bin'}`,
          HOME: root,
          TMPDIR: tmp,
          FAKE_STATE: state,
          ...(port === null ? {} : {FAKE_PORT: String(port)}),
          LANG: 'C.UTF-8',
          ...runOptions.env,
        },
      });
      const all = world.calls();
      const calls = all.slice(callsSeen);
      callsSeen = all.length;
      return {status: result.status, stdout: result.stdout, stderr: result.stderr, calls};
    },
    kube(kind, namespace, name) {
      return readJson<KubeObject>(kubeFile(kind, namespace, name));
    },
    kubeList(kind, namespace) {
      return listJson<KubeObject>(path.join(state, 'kube', CLUSTER_SCOPED.has(kind) ? '_cluster' : namespace, kind.toLowerCase()));
    },
    putKube(object) {
      writeJson(kubeFile(object.kind, object.metadata.namespace ?? null, object.metadata.name), object);
    },
    helmRelease(namespace, name) {
      return readJson<HelmRelease>(path.join(state, 'helm', 'releases', namespace, `${name}.json`));
    },
    putHelmRelease(release) {
      writeJson(path.join(state, 'helm', 'releases', release.namespace, `${release.name}.json`), release);
    },
    helmRepos() {
      return readJson<HelmRepo[]>(path.join(state, 'helm', 'repositories.json')) ?? [];
    },
    putHelmRepos(repos) {
      writeJson(path.join(state, 'helm', 'repositories.json'), repos);
    },
    ziti(type, name) {
      return readJson<Record<string, unknown>>(path.join(state, 'ziti', type, `${encodeURIComponent(name)}.json`));
    },
    zitiList(type) {
      return listJson<Record<string, unknown>>(path.join(state, 'ziti', type));
    },
    putZiti(type, entity) {
      writeJson(path.join(state, 'ziti', type, `${encodeURIComponent(String(entity.name))}.json`), entity);
    },
    setLoggedIn(loggedIn) {
      writeJson(path.join(state, 'ziti', 'session.json'), loggedIn ? {loggedIn, controller: 'https://ctrl.example.test:443'} : {loggedIn});
    },
    events() {
      return readJson<{namespace: string; reason: string; message: string}[]>(path.join(state, 'kube', 'events.json')) ?? [];
    },
    calls() {
      const file = path.join(state, 'calls.jsonl');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Call);
    },
    dispose() {
      rmSync(root, {recursive: true, force: true});
    },
  };

  seedCluster(world, options);
  if (options.seed === 'realistic') seedRealistic(world);
  return world;
}

function namespace(name: string, labels?: Record<string, string>): KubeObject {
  return {apiVersion: 'v1', kind: 'Namespace', metadata: {name, labels: {'kubernetes.io/metadata.name': name, ...labels}}};
}

function seedCluster(world: FakeWorld, options: WorldOptions): void {
  for (const name of ['default', 'kube-system', 'kube-public']) world.putKube(namespace(name));
  world.putKube({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {name: 'kube-dns', namespace: 'kube-system', labels: {'k8s-app': 'kube-dns'}},
    spec: {clusterIP: options.clusterDnsIp ?? '10.96.0.10', ports: [{name: 'dns', port: 53, protocol: 'UDP'}]},
  });
  world.putKube({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {name: 'coredns', namespace: 'kube-system'},
    data: {Corefile: '.:53 {\n    errors\n    health\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    cache 30\n    import /etc/coredns/custom/*.override\n}\nimport /etc/coredns/custom/*.server\n'},
  });
  world.putKube({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: 'coredns', namespace: 'kube-system', labels: {'k8s-app': 'kube-dns'}},
    spec: {
      replicas: 2,
      selector: {matchLabels: {'k8s-app': 'kube-dns'}},
      template: {metadata: {labels: {'k8s-app': 'kube-dns'}}, spec: {containers: [{name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.3'}]}},
    },
  });
  world.setLoggedIn(options.loggedIn ?? true);
}

function seedRealistic(world: FakeWorld): void {
  world.putKube(namespace('payments'));
  world.putKube(billingApi());
  world.putKube(namespace('ziti'));
  world.putHelmRepos([{name: 'openziti', url: 'https://openziti.io/helm-charts/'}]);
  const values = {
    ctrl: {endpoint: 'ctrl.example.com:443'},
    edge: {advertisedHost: 'router.example.com', advertisedPort: 443},
    tunnel: {mode: 'host'},
  };
  world.putHelmRelease({
    name: 'ziti-router',
    namespace: 'ziti',
    chart: 'openziti/ziti-router',
    chartName: 'ziti-router',
    version: '1.1.3',
    revision: 1,
    status: 'deployed',
    values,
    valuesFiles: {},
    setFiles: {},
  });
  const labels = {'app.kubernetes.io/name': 'ziti-router', 'app.kubernetes.io/instance': 'ziti-router', 'app.kubernetes.io/managed-by': 'Helm'};
  world.putKube({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'ziti-router',
      namespace: 'ziti',
      labels,
      annotations: {'meta.helm.sh/release-name': 'ziti-router', 'meta.helm.sh/release-namespace': 'ziti'},
    },
    spec: {
      replicas: 1,
      selector: {matchLabels: {'app.kubernetes.io/instance': 'ziti-router'}},
      template: {metadata: {labels}, spec: {containers: [{name: 'ziti-router', image: 'docker.io/openziti/ziti-router:1.1.3'}]}},
    },
  });
  world.putZiti('edge-routers', {id: 'zr0001', name: 'ziti-router', roleAttributes: ['public'], isTunnelerEnabled: false, enrolled: true});
}
