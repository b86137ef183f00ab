/**
 * Issue 20 item 3: what the pod runs is what the page shows. Kubernetes
 * expands `$(VAR)` and `$$` in a container's command, args and env values; the
 * builders escape every reader value that lands there. `expand` below follows
 * kubernetes/kubernetes third_party/forked/golang/expansion/expand.go
 * (Expand and tryReadVariableName) step by step.
 */
import fc from 'fast-check';
import yaml from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {OUTCOME_IDS} from '../../data/decisionTree';
import {buildFromRaw, defaultRaw} from '../index';
import {kubernetesLiteral} from '../kubeExpansion';

/** The kubelet's expansion: `$$` -> `$`, `$(NAME)` -> mapping(NAME), any other `$x` kept, a lone trailing `$` kept. */
function expand(input: string, mapping: (name: string) => string): string {
  let out = '';
  let checkpoint = 0;
  for (let cursor = 0; cursor < input.length; cursor++) {
    if (input[cursor] !== '$' || cursor + 1 >= input.length) continue;
    out += input.slice(checkpoint, cursor);
    const rest = input.slice(cursor + 1);
    let read: string;
    let isVar = false;
    let advance = 1;
    if (rest[0] === '$') {
      read = '$';
    } else if (rest[0] === '(') {
      const close = rest.indexOf(')', 1);
      if (close === -1) read = '$(';
      else {
        read = rest.slice(1, close);
        isVar = true;
        advance = close + 1;
      }
    } else {
      read = `$${rest[0]}`;
    }
    out += isVar ? mapping(read) : read;
    cursor += advance;
    checkpoint = cursor + 1;
  }
  return out + input.slice(checkpoint);
}

/** The container's own variables plus one the cluster injects; unknown names stay `$(NAME)`, as MappingFuncFor does. */
function podMapping(name: string): string {
  const known: Record<string, string> = {ZITI_IDENTITY_BASENAME: 'other-identity', HOSTNAME: 'pod-1', KUBERNETES_SERVICE_HOST: '10.96.0.1'};
  return known[name] ?? `$(${name})`;
}

/** Text rich in what the expansion reads: `$`, `(`, `)`, variable names. */
const hostile = fc
  .array(fc.constantFrom('$', '$$', '$(', ')', '(', 'ZITI_IDENTITY_BASENAME', 'HOSTNAME', 'a', ' ', '${X}', '$1', 'é'), {maxLength: 24})
  .map((parts) => parts.join(''));

interface ContainerLike {
  readonly name: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly {readonly name: string; readonly value?: string}[];
}

/** Every container of every Kubernetes object in the YAML artifacts. */
function containers(artifacts: readonly {language: string; text: string}[]): ContainerLike[] {
  const found: ContainerLike[] = [];
  for (const artifact of artifacts.filter((a) => a.language === 'yaml')) {
    for (const doc of yaml.loadAll(artifact.text)) {
      const spec = (doc as {spec?: {template?: {spec?: Record<string, unknown>}}} | null)?.spec?.template?.spec;
      if (!spec) continue;
      for (const list of ['containers', 'initContainers']) found.push(...((spec[list] as ContainerLike[] | undefined) ?? []));
    }
  }
  return found;
}

describe('Kubernetes $(VAR) expansion (issue 20 #3)', () => {
  it('the port of expand.go behaves as Kubernetes documents it', () => {
    expect(expand('a$$b', podMapping)).toBe('a$b');
    expect(expand('$(HOSTNAME)', podMapping)).toBe('pod-1');
    expect(expand('$(UNKNOWN)', podMapping)).toBe('$(UNKNOWN)');
    expect(expand('$$(HOSTNAME)', podMapping)).toBe('$(HOSTNAME)');
    expect(expand('cost $5 $', podMapping)).toBe('cost $5 $');
    expect(expand('$(open', podMapping)).toBe('$(open');
  });

  it('kubernetesLiteral: the kubelet turns the escaped text back into exactly the input', () => {
    fc.assert(fc.property(fc.oneof(hostile, fc.string()), (text) => expand(kubernetesLiteral(text), podMapping) === text), {numRuns: 2000});
  });

  it('the application command of both sidecars runs as typed', () => {
    for (const id of ['transparent-proxy-sidecar', 'loopback-proxy-sidecar'] as const) {
      fc.assert(
        fc.property(hostile, (tail) => {
          const command = `echo ${tail}`.trim();
          const result = buildFromRaw(id, {appCommand: command});
          if (!result.ok) return true; // refused with a message (e.g. a trailing space); nothing runs
          const app = containers(result.artifacts).find((c) => c.name === 'app');
          return app?.command?.[2] !== undefined && expand(app.command[2], podMapping) === command;
        }),
        {numRuns: 300},
      );
    }
  });

  it('a loopback binding with $ in the service name reaches ziti tunnel as typed', () => {
    fc.assert(
      fc.property(hostile, (middle) => {
        const service = `svc${middle}x`.replace(/[\s,"\\:]/g, '');
        const result = buildFromRaw('loopback-proxy-sidecar', {bindings: `${service}:8443`});
        if (!result.ok) return true;
        const tunnel = containers(result.artifacts).find((c) => c.name === 'ziti-tunnel');
        return tunnel?.args?.map((arg) => expand(arg, podMapping)).includes(`${service}:8443`) ?? false;
      }),
      {numRuns: 300},
    );
  });

  it.each(OUTCOME_IDS)('%s: every command, args and env value of the defaults is its own literal', (id) => {
    const result = buildFromRaw(id, defaultRaw(id));
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    for (const container of containers(result.artifacts)) {
      const values = [...(container.command ?? []), ...(container.args ?? []), ...(container.env ?? []).map((e) => e.value ?? '')];
      for (const value of values) expect(expand(value, podMapping)).toBe(value.replaceAll('$$', '$'));
      // No reference the kubelet would resolve: every `$` is doubled.
      for (const value of values) expect(value.replaceAll('$$', '')).not.toContain('$');
    }
  });
});
