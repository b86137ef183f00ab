/**
 * The stateful fake (tests/fake): it answers like the real tools where the
 * generated scripts depend on it, so a script that passes here does not pass
 * only because the fake is lenient.
 */
import {afterEach, describe, expect, it, vi} from 'vitest';
import {createFakeWorld, type FakeWorld} from '../fake/harness';

// A run makes dozens of fake calls, and one test below runs every call as a Node process of its own.
vi.setConfig({testTimeout: 120_000});

let world: FakeWorld;
afterEach(() => world?.dispose());

interface Containers {
  spec: {replicas: number; strategy: {type: string}; template: {spec: {containers: {name: string}[]; initContainers?: {name: string}[]}}};
}

describe('fake kubectl', () => {
  it('applies a full manifest over an existing Deployment as a merge, like kubectl apply on an object it did not create', () => {
    world = createFakeWorld({seed: 'realistic'});
    const run = world.run(`set -euo pipefail
cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: billing-api, namespace: payments}
spec:
  replicas: 1
  strategy: {type: Recreate, rollingUpdate: null}
  selector: {matchLabels: {app.kubernetes.io/name: billing-api}}
  template:
    metadata: {labels: {app.kubernetes.io/name: billing-api}}
    spec:
      containers: [{name: app, image: busybox}]
EOF
kubectl apply -f d.yaml
`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('deployment.apps/billing-api configured');
    const d = world.kube('Deployment', 'payments', 'billing-api') as unknown as Containers;
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy.type).toBe('Recreate');
    expect(d.spec.template.spec.containers.map((c) => c.name).sort()).toEqual(['app', 'billing-api']);
  });

  it('patches with a strategic merge (by the real kustomize), previews with --dry-run=server without a change', () => {
    world = createFakeWorld({seed: 'realistic'});
    const before = world.kube('Deployment', 'payments', 'billing-api');
    const patch = `cat > p.yaml <<'EOF'
spec:
  template:
    spec:
      initContainers: [{name: ziti-tunnel, image: openziti/ziti-tunnel, restartPolicy: Always}]
EOF
`;
    const preview = world.run(`${patch}kubectl patch -n payments deployment/billing-api --type strategic --patch-file p.yaml --dry-run=server -o yaml`);
    expect(preview.status).toBe(0);
    expect(preview.stdout).toContain('ziti-tunnel');
    expect(world.kube('Deployment', 'payments', 'billing-api')).toEqual(before);
    const applied = world.run(`${patch}kubectl patch -n payments deployment/billing-api --type strategic --patch-file p.yaml`);
    expect(applied.stdout).toBe('deployment.apps/billing-api patched\n');
    const d = world.kube('Deployment', 'payments', 'billing-api') as unknown as Containers;
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.template.spec.containers.map((c) => c.name)).toEqual(['billing-api']);
    expect(d.spec.template.spec.initContainers?.map((c) => c.name)).toEqual(['ziti-tunnel']);
  });

  it('fails a delete of what is missing unless --ignore-not-found, with the API server words', () => {
    world = createFakeWorld();
    const missing = world.run("kubectl delete --namespace default 'deployment/my-app' 'secret/x'");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(
      'Error from server (NotFound): deployments.apps "my-app" not found\nError from server (NotFound): secrets "x" not found\n',
    );
    expect(world.run("kubectl delete --namespace default 'deployment/my-app' --ignore-not-found").status).toBe(0);
  });

  it('reads the fields scripts read: kube-dns ClusterIP, a Secret key by go-template, the root CA of a namespace', () => {
    world = createFakeWorld({clusterDnsIp: '10.43.0.10'});
    const run = world.run(`set -euo pipefail
printf '{}' > id.json
kubectl create secret generic s --namespace default --from-file='a.json=id.json'
kubectl --namespace kube-system get service kube-dns -o jsonpath='{.spec.clusterIP}'; echo
kubectl get secret s --namespace default -o 'go-template={{index .data "a.json"}}' | base64 -d; echo
kubectl get configmap kube-root-ca.crt --namespace default -o jsonpath='{.data.ca\\.crt}' | head -1
`);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('secret/s created\n10.43.0.10\n{}\n-----BEGIN CERTIFICATE-----\n');
  });

  it('lets a rollout wait end with a time-out and an event when Pod Security refuses the pods; without --timeout it refuses to hang', () => {
    world = createFakeWorld();
    world.putKube({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'locked', labels: {'pod-security.kubernetes.io/enforce': 'baseline'}}});
    const apply = world.run(`set -euo pipefail
cat > d.yaml <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: locked}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: app, image: busybox, securityContext: {capabilities: {add: [NET_ADMIN]}}}]
EOF
kubectl apply -f d.yaml
kubectl rollout status -n locked deployment/app --timeout=90s
`);
    expect(apply.status).toBe(1);
    expect(apply.stderr).toContain('error: timed out waiting for the condition');
    expect(world.run('kubectl get events -n locked').stdout).toContain('violates PodSecurity "baseline:latest"');
    expect(world.run('kubectl rollout status -n locked deployment/app').status).toBe(3);
  });

  it('names what it does not implement and exits 2', () => {
    world = createFakeWorld();
    const run = world.run('kubectl frobnicate things');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('fake kubectl does not implement: kubectl frobnicate things');
  });
});

describe('fake helm', () => {
  it('refuses a repo name that exists with another URL, in helm 3.17 words, and skips the same one', () => {
    world = createFakeWorld({seed: 'realistic'});
    const other = world.run('helm repo add openziti https://docs.openziti.io/helm-charts/');
    expect(other.status).toBe(1);
    expect(other.stderr).toBe('Error: repository name (openziti) already exists, please specify a different name\n');
    const same = world.run('helm repo add openziti https://openziti.io/helm-charts/');
    expect(same.stdout).toBe('"openziti" already exists with the same configuration, skipping\n');
  });

  it('upgrades an existing release and replaces its values; status and uninstall of a missing one fail', () => {
    world = createFakeWorld({seed: 'realistic'});
    const run = world.run(`set -euo pipefail
echo 'edge: {advertisedHost: placeholder.example}' > v.yaml
echo token > t.jwt
helm upgrade --install ziti-router openziti/ziti-router --namespace ziti --values v.yaml --set-file enrollmentJwt=t.jwt
`);
    expect(run.status).toBe(0);
    const release = world.helmRelease('ziti', 'ziti-router');
    expect(release?.revision).toBe(2);
    expect(release?.values).toEqual({edge: {advertisedHost: 'placeholder.example'}, enrollmentJwt: 'token\n'});
    expect(release?.setFiles).toEqual({enrollmentJwt: 'token\n'});
    const status = world.run('helm status nothing --namespace ziti');
    expect([status.status, status.stderr]).toEqual([1, 'Error: release: not found\n']);
    expect(world.run('helm uninstall nothing --namespace ziti').stderr).toBe('Error: uninstall: Release not loaded: nothing: release: not found\n');
    expect(world.run('helm uninstall nothing --namespace ziti --ignore-not-found').status).toBe(0);
  });
});

describe('fake ziti', () => {
  it('fails every edge command when not logged in', () => {
    world = createFakeWorld({loggedIn: false});
    const run = world.run('ziti edge list identities');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/not logged in/);
  });

  it('creates, enrolls once, and deletes like the CLI: a missing name prints "Found 0" and exits 0', () => {
    world = createFakeWorld();
    const run = world.run(`set -euo pipefail
ziti edge create identity c1 --jwt-output-file c1.jwt --role-attributes a,b
ziti edge enroll --jwt c1.jwt --out c1.json
ziti edge delete identity c1
ziti edge delete identity c1
`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Found 0 identities with id or name matching c1\n$/);
    expect(world.run('ziti edge create identity c2 -o c2.jwt && ziti edge create identity c2 -o c2.jwt').status).toBe(1);
  });
});

describe('the fake server', () => {
  // Every call of a run goes to one server process (tests/fake/server.cjs) unless FAKE_SERVER=0, when each call is
  // a Node process of its own. The two must be indistinguishable to a script.
  const SCRIPT = `set -uo pipefail
printf 'apiVersion: v1\\nkind: Namespace\\nmetadata: {name: piped}\\n' | kubectl apply -f -
kubectl get namespace piped -o name
kubectl delete namespace not-there 2>&1; echo "delete: $?"
kubectl get namespace '' 'a b' 'ü' "$(printf 'two\\nlines')" 2>&1; echo "odd names: $?"
printf 'first\\nsecond\\n' | while read -r line; do kubectl get namespace default -o name; echo "read $line"; done
kubectl get namespace default -o name | head -c 3; echo " head: $?"
helm repo list 2>&1; echo "helm: $?"
ziti edge create identity c1 --jwt-output-file c1.jwt --role-attributes a,b; echo "ziti: $?"
kubectl frobnicate --all; echo "unknown: $?"
kubectl delete namespace default not-there 2>&1; echo "mixed: $?"
kubectl apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: ConfigMap
metadata: {name: text, namespace: kube-system}
data: {utf8: "é ✓ 名\\n\\n", nul: "a\\0b"}
EOF
kubectl get configmap text -n kube-system -o 'jsonpath={.data.utf8}' | od -An -tx1 | tr -d ' \\n'; echo " utf8"
kubectl get configmap text -n kube-system -o 'jsonpath={.data.nul}' | od -An -tx1 | tr -d ' \\n'; echo " nul"
`;

  function runOnce(server: boolean): {run: ReturnType<FakeWorld['run']>; piped: unknown; identity: unknown} {
    vi.stubEnv('FAKE_SERVER', server ? '1' : '0');
    try {
      world = createFakeWorld();
      const run = world.run(SCRIPT);
      const result = {run, piped: world.kube('Namespace', null, 'piped'), identity: world.ziti('identities', 'c1')};
      world.dispose();
      return result;
    } finally {
      vi.unstubAllEnvs();
    }
  }

  it('answers a script exactly as one process per call does: output and its order, exit status, stdin, odd arguments, state', () => {
    const viaServer = runOnce(true);
    const alone = runOnce(false);
    // The script's folder differs between the two worlds; nothing else may.
    const strip = (text: string): string => text.replaceAll(/\/[^\s'"]*\/work\b/g, 'WORK');
    expect(strip(viaServer.run.stdout)).toBe(strip(alone.run.stdout));
    expect(strip(viaServer.run.stderr)).toBe(strip(alone.run.stderr));
    expect(viaServer.run.status).toBe(alone.run.status);
    expect(viaServer.run.calls.map(({tool, args}) => ({tool, args}))).toEqual(alone.run.calls.map(({tool, args}) => ({tool, args})));
    expect(viaServer.piped).toEqual(alone.piped);
    expect(viaServer.identity).toEqual(alone.identity);
    // What the script relies on, so the comparison is not of two empty outputs.
    expect(viaServer.run.stdout).toContain('namespace/piped\n');
    expect(viaServer.run.stdout).toContain('read first\n');
    expect(viaServer.run.stdout).toContain('read second\n');
    expect(viaServer.run.stdout).toContain('delete: 1\n');
    expect(viaServer.run.stdout).toContain('unknown: 2\n');
    expect(viaServer.run.stdout).toContain('nam head: 0\n');
    expect(viaServer.run.stdout).toContain('namespace "default" deleted\nError from server (NotFound): namespaces "not-there" not found\nmixed: 1\n');
    // Output is played back byte for byte: multi-byte text and trailing newlines, and a NUL byte (sent as base64).
    expect(viaServer.run.stdout).toContain('c3a920e29c9320e5908d0a0a utf8\n');
    expect(viaServer.run.stdout).toContain('610062 nul\n');
    expect(viaServer.run.calls).toHaveLength(14);
  });
});
