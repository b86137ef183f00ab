/**
 * Property tests: hostile strings in every input of every strategy. For each
 * value, either parse reports Issues, or every artifact still parses (YAML via
 * loadAll, bash via the lexer, nginx via its grammar) into the same structure
 * as with a harmless value, with the hostile value present intact and, in
 * bash, only inside single quotes.
 */
import fc from 'fast-check';
import {kubernetesLiteral} from '../kubeExpansion';
import {describe, expect, it} from 'vitest';
import {OUTCOME_IDS, type OutcomeId} from '../../data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw} from '../index';
import {strictValidate} from '../testing/strictValidate';
import type {Artifact, FieldSpec} from '../types';
import {MAX_VALUE_LENGTH, MAX_VALUE_LINES} from '../../utils/valueLimits';
import {
  YAML_TRAPS,
  allStrings,
  analyzeBash,
  appearsQuoted,
  isRecord,
  parseNginx,
  parseYamlDocuments,
  yamlShape,
  type NginxDirective,
} from './support';

const SHELL_TRAPS = [
  "'", "a'b", "'\\''", '"', '\\', '$(id)', '`id`', '${HOME}', '$HOME', '; rm -rf /', '&& x', '|| x', '| x', '> /tmp/x', '< x', '&',
  '#', '# x', '*', '?', '[a]', '~', '!', '!!', 'a b', '\n', '\r', 'EOF', "'EOF'", 'a\nEOF\nb', '-rf', '--help', '--set a=b', '(x)', '{a,b}',
];
const NGINX_TRAPS = [';', '{', '}', '"', "'", '\\"', '\\', 'svc\\', 'a\\tb', 'a\\\\b', '$x', '#', 'a;b', '} x {', 'a" ; b "c', 'include /etc/passwd;'];
/** Every trap is tried in every field, on top of the random values. */
const EXAMPLES: [string][] = [...YAML_TRAPS, ...SHELL_TRAPS, ...NGINX_TRAPS].map((trap) => [trap]);

/* Characters that are special somewhere (shell, YAML, nginx), mixed with plain ones so some values pass validation. */
const MIXED = fc.string({
  unit: fc.constantFrom(...'ab-._ /:=@\'"\\$`;{}#&|<>()[]*?!~%^,\t\n\r'.split(''), 'x', 'y', 'z', '0', '9'),
  maxLength: 24,
});

const HOSTILE = fc.oneof(
  fc.constantFrom(...YAML_TRAPS, ...SHELL_TRAPS, ...NGINX_TRAPS),
  fc.tuple(fc.constantFrom('svc', 'a', 'my-service', 'x.y'), fc.constantFrom(...YAML_TRAPS, ...SHELL_TRAPS, ...NGINX_TRAPS)).map(([a, b]) => a + b),
  MIXED,
  fc.string({unit: 'binary', maxLength: 30}),
  fc.string({unit: 'grapheme', maxLength: 20}),
);

/** A harmless non-empty value per field, used as the structural reference. */
const SAMPLES: Record<string, string> = {
  appCommand: 'sleep 3600',
  // Not the placeholder image: that one alone gets the sleep loop as its command, which changes the structure.
  appImage: 'registry.example.com/app:1.0',
  // The default socket path is not written to the values at all.
  dbusSocketPath: '/run/dbus/system_bus_socket',
  storageClass: 'nfs',
  controllerEndpoint: 'ctrl.example.com:443',
  svcPollRate: '15',
  secretName: 'sample-secret',
  searchDomains: 'example.com',
  nodeSelector: 'sample',
  bindings: 'sample',
  binds: 'sample',
  hostedServices: 'sample',
  interceptAddresses: 'sample.ziti',
  services: 'sample',
};

/** How a hostile piece is placed into a `lines` field, so it lands where a name goes. */
const LINE_TEMPLATES: Record<string, (piece: string) => string> = {
  bindings: (piece) => `${piece}:8443`,
  binds: (piece) => `${piece}=kubernetes.default.svc:443`,
  hostedServices: (piece) => `${piece}=kubernetes.default.svc:443`,
  services: (piece) => `${piece}=my-service.ziti:80`,
  nodeSelector: (piece) => `${piece}=x`,
  searchDomains: (piece) => piece,
  interceptAddresses: (piece) => `k8s-api=${piece}`,
};

/**
 * Other fields set along with a hostile piece: a hosted service whose name is no
 * DNS label needs a typed intercept address, so give it one and keep testing the name.
 */
const COMPANIONS: Record<string, (piece: string) => Record<string, string>> = {
  binds: (piece) => ({interceptAddresses: `${piece}=sample.ziti`}),
  hostedServices: (piece) => ({interceptAddresses: `${piece}=sample.ziti`}),
};

/** Raw record in which `field` is visible (its showWhen controllers set). */
function contextFor(id: OutcomeId, field: FieldSpec): Record<string, string> {
  const raw = defaultRaw(id);
  const fields = BUILDERS[id].fields;
  let when = field.showWhen;
  while (when) {
    const controller = when.field;
    raw[controller] = when.values[0] ?? '';
    when = fields.find((f) => f.name === controller)?.showWhen;
  }
  return raw;
}

/** Whether the value contains characters with meaning to a shell. */
function special(value: string): boolean {
  return /[^A-Za-z0-9._/:=@,+-]/.test(value);
}

function nginxShape(directives: readonly NginxDirective[]): string {
  return directives.map((d) => `${d.name}/${d.args.length}${d.block ? `{${nginxShape(d.block)}}` : ''}`).join(' ');
}

function appearsIn(artifacts: readonly Artifact[], needle: string): boolean {
  return artifacts.some((artifact) => {
    // In a container's command, args and env Kubernetes would expand `$(…)` and `$$`, so those carry the value escaped
    // (kubernetesLiteral): the pod sees the needle itself.
    if (artifact.language === 'yaml') {
      return allStrings(parseYamlDocuments(artifact.text)).some((s) => s.includes(needle) || s.includes(kubernetesLiteral(needle)));
    }
    if (artifact.language === 'bash') return appearsQuoted(analyzeBash(artifact.text), needle);
    const strings = (ds: readonly NginxDirective[]): string[] => ds.flatMap((d) => [d.name, ...d.args, ...strings(d.block ?? [])]);
    return strings(parseNginx(artifact.text)).some((s) => s.includes(needle));
  });
}

/** Compares a build with a hostile value to the same build with a harmless one. */
function checkAgainstReference(artifacts: readonly Artifact[], reference: readonly Artifact[], needle: string, field: string): void {
  expect(artifacts.map((a) => a.id)).toEqual(reference.map((a) => a.id));
  artifacts.forEach((artifact, index) => {
    const base = reference[index];
    if (!base) throw new Error('reference missing');
    if (artifact.language === 'yaml') {
      const docs = parseYamlDocuments(artifact.text);
      const baseDocs = parseYamlDocuments(base.text);
      expect(docs.length).toBe(baseDocs.length);
      const freeForm = field === 'nodeSelector' ? field : undefined;
      expect(docs.map((doc) => yamlShape(doc, freeForm))).toEqual(baseDocs.map((doc) => yamlShape(doc, freeForm)));
      for (const doc of docs) if (isRecord(doc) && 'apiVersion' in doc) expect(strictValidate(doc)).toEqual([]);
    } else if (artifact.language === 'bash') {
      const analysis = analyzeBash(artifact.text);
      if (special(needle)) {
        // Quoted regions collapse to one marker, so the bash-visible text must not change at all.
        expect(analysis.residue).toBe(analyzeBash(base.text).residue);
      }
    } else {
      expect(nginxShape(parseNginx(artifact.text))).toBe(nginxShape(parseNginx(base.text)));
    }
  });
}

interface FieldCase {
  readonly id: OutcomeId;
  readonly field: FieldSpec;
}

const FIELD_CASES: FieldCase[] = OUTCOME_IDS.flatMap((id) => BUILDERS[id].fields.map((field) => ({id, field})));

describe('hostile input in every field', () => {
  it.each(FIELD_CASES.map((c) => [c.id, c.field.name, c] as const))('%s %s', (_id, _name, {id, field}) => {
    const context = contextFor(id, field);
    const place = (piece: string): string => (field.kind === 'lines' ? (LINE_TEMPLATES[field.name] ?? ((p: string) => p))(piece) : piece);
    const sample = SAMPLES[field.name] ?? field.defaultValue;
    const companion = (piece: string): Record<string, string> => (COMPANIONS[field.name] ?? (() => ({})))(piece);
    const reference = buildFromRaw(id, {...context, [field.name]: place(sample), ...companion(sample)});
    if (field.kind !== 'select' && !reference.ok) throw new Error(`sample for ${id}.${field.name} does not build`);
    // Optional fields change the structure between empty and set, so empty values compare with empty.
    const emptyReference = buildFromRaw(id, {...context, [field.name]: ''});

    fc.assert(
      fc.property(HOSTILE, (hostile) => {
        // In lines fields a newline legitimately starts a new entry; place a single-line piece.
        const needle = field.kind === 'lines' ? hostile.replace(/[\r\n]/g, '') : hostile;
        const result = buildFromRaw(id, {...context, [field.name]: place(needle), ...companion(needle)});
        if (!result.ok) {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const problem of result.issues) {
            expect(problem.message).not.toBe('');
            expect(BUILDERS[id].fields.some((f) => problem.path === f.name || problem.path.startsWith(`${f.name}[`))).toBe(true);
          }
          return;
        }
        if (field.kind === 'select') {
          expect(field.options?.map((o) => o.value)).toContain(needle);
          return;
        }
        // A whitespace-only line is a blank line: the field counts as empty.
        const empty = needle === '' || (field.kind === 'lines' && place(needle).trim() === '');
        const base = empty ? emptyReference : reference;
        if (!base.ok) throw new Error('an empty value built although its reference does not');
        checkAgainstReference(result.artifacts, base.artifacts, needle, field.name);
        if (!empty && needle !== field.defaultValue) expect(appearsIn(result.artifacts, needle)).toBe(true);
      }),
      {numRuns: 150, examples: EXAMPLES},
    );
  });

  it.each(OUTCOME_IDS)('%s: multi-line hostile text in lines fields never breaks an artifact', (id) => {
    const linesFields = BUILDERS[id].fields.filter((f) => f.kind === 'lines');
    fc.assert(
      fc.property(fc.array(HOSTILE, {minLength: 1, maxLength: 4}), fc.constantFrom(...linesFields.map((f) => f.name), 'none'), (pieces, name) => {
        const raw = {...defaultRaw(id), ...(name === 'none' ? {} : {[name]: pieces.join('\n')})};
        const result = buildFromRaw(id, raw);
        if (!result.ok) return;
        for (const artifact of result.artifacts) {
          if (artifact.language === 'yaml') {
            for (const doc of parseYamlDocuments(artifact.text)) if (isRecord(doc) && 'apiVersion' in doc) expect(strictValidate(doc)).toEqual([]);
          } else if (artifact.language === 'bash') {
            analyzeBash(artifact.text);
          } else {
            parseNginx(artifact.text);
          }
        }
      }),
      {numRuns: 100},
    );
  });

  it.each(OUTCOME_IDS)('%s: unknown and prototype keys in the raw record are ignored', (id) => {
    const raw = JSON.parse('{"__proto__": {"namespace": "x y"}, "constructor": "x", "toString": "y"}') as Record<string, string>;
    const result = buildFromRaw(id, {...raw, unrelated: '$(id)'});
    expect(result.ok).toBe(true);
    expect(buildFromRaw(id, {})).toEqual(buildFromRaw(id, defaultRaw(id)));
  });
});

describe('invalid input never produces output', () => {
  const CASES: [OutcomeId, Record<string, string>, string][] = [
    ['node-proxy-daemonset', {namespace: 'Ziti'}, 'namespace'],
    ['node-proxy-daemonset', {releaseName: 'a'.repeat(54)}, 'releaseName'],
    ['node-proxy-daemonset', {identitySource: 'existing-secret', identityName: 'Upper_Case'}, 'secretName'],
    ['node-proxy-daemonset', {identitySource: 'existing-secret', secretKey: 'a/b'}, 'secretKey'],
    ['node-proxy-daemonset', {nodeSelector: 'kubernetes.io/os=linux\nkubernetes.io/os=windows'}, 'nodeSelector[1]'],
    ['node-proxy-daemonset', {nodeSelector: 'no-equals-sign'}, 'nodeSelector[0]'],
    ['node-proxy-daemonset', {dnsMode: 'coredns'}, 'dnsMode'],
    ['node-proxy-daemonset', {dbusSocketPath: 'relative/path'}, 'dbusSocketPath'],
    ['node-proxy-daemonset', {zitiDomain: 'ziti_internal'}, 'zitiDomain'],
    ['transparent-proxy-sidecar', {clusterDnsIp: '10.96.0'}, 'clusterDnsIp'],
    ['transparent-proxy-sidecar', {clusterDnsIp: '127.0.0.1'}, 'clusterDnsIp'],
    ['transparent-proxy-sidecar', {appImage: 'my-app'}, 'appImage'],
    ['transparent-proxy-sidecar', {searchDomains: 'a.com\na.com'}, 'searchDomains[1]'],
    ['transparent-proxy-sidecar', {searchDomains: Array.from({length: 33}, (_, i) => `d${i}.com`).join('\n')}, 'searchDomains'],
    ['transparent-proxy-sidecar', {appCommand: 'line1\nline2'}, 'appCommand'],
    ['loopback-proxy-sidecar', {bindings: ''}, 'bindings'],
    ['loopback-proxy-sidecar', {bindings: 'a:8443\nb:8443'}, 'bindings[1]'],
    ['loopback-proxy-sidecar', {bindings: 'a:0'}, 'bindings[0].port'],
    ['loopback-proxy-sidecar', {bindings: 'a:65536'}, 'bindings[0].port'],
    ['loopback-proxy-sidecar', {bindings: 'a:80:sctp'}, 'bindings[0].protocol'],
    ['loopback-proxy-sidecar', {bindings: 'svc:80\nsvc:81'}, 'bindings[1]'],
    ['loopback-proxy-sidecar', {bindings: 'a:b:80:tcp'}, 'bindings[0]'],
    ['loopback-proxy-sidecar', {svcPollRate: '0'}, 'svcPollRate'],
    ['transparent-proxy-sidecar', {services: ''}, 'services'],
    ['node-proxy-daemonset', {services: 'a=a.example.com:80'}, 'services[0].target'],
    ['node-proxy-daemonset', {services: ''}, 'services'],
    ['transparent-proxy-sidecar', {services: 'my-service'}, 'services[0]'],
    ['transparent-proxy-sidecar', {services: 'a=x.ziti:80\na=y.ziti:80'}, 'services[1]'],
    ['transparent-proxy-sidecar', {sidecarStart: 'always'}, 'sidecarStart'],
    ['openziti-router', {advertisedHost: ''}, 'advertisedHost'],
    ['openziti-router', {advertisedHost: 'https://router.example.com'}, 'advertisedHost'],
    ['openziti-router', {controllerEndpoint: 'ctrl.example.com'}, 'controllerEndpoint'],
    ['openziti-router', {identitySource: 'identity-json'}, 'identitySource'],
    ['openziti-router', {hostedServices: 'a=web:80\na=web:81'}, 'hostedServices[1]'],
    ['nginx-proxy-module', {binds: ''}, 'binds'],
    ['nginx-proxy-module', {binds: 'svc=[fd00::1]:443'}, 'binds[0].target'],
    ['nginx-proxy-module', {binds: 'svc'}, 'binds[0]'],
    ['nginx-proxy-module', {binds: 'a,b=web:80'}, 'binds[0].service'],
    ['nginx-proxy-module', {image: 'docker.io/elblag91/ziti-nginx-ingress'}, 'image'],
    ['ziti-host', {identitySource: 'existing-secret', secretName: 'Bad Name'}, 'secretName'],
    ['ziti-host', {imageTag: 'v 1'}, 'imageTag'],
  ];

  it.each(CASES)('%s %j is reported at %s', (id, overrides, path) => {
    const result = buildFromRaw(id, {...defaultRaw(id), ...overrides});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.path)).toContain(path);
    expect('artifacts' in result).toBe(false);
  });

  it('fields hidden by showWhen are not checked', () => {
    const result = buildFromRaw('node-proxy-daemonset', {secretName: 'Not Valid', secretKey: '/', storageClass: 'ok'});
    expect(result.ok).toBe(true);
    expect(buildFromRaw('node-proxy-daemonset', {identitySource: 'existing-secret', storageClass: 'Not Valid'}).ok).toBe(true);
  });
});

/** Role-attribute fields of every strategy: the values a builder writes as `#attribute`. */
const ROLE_FIELD_CASES = FIELD_CASES.filter((c) => /roleAttribute$/i.test(c.field.name));

describe('role attributes the controller reads as "everyone"', () => {
  it('every strategy has one', () => {
    expect(new Set(ROLE_FIELD_CASES.map((c) => c.id))).toEqual(new Set(OUTCOME_IDS));
  });

  it.each(ROLE_FIELD_CASES.flatMap((c) => ['all', 'ALL', 'All'].map((value) => [c.id, c.field.name, value] as const)))(
    '%s %s = %j is refused with the reason',
    (id, name, value) => {
      const result = buildFromRaw(id, {...defaultRaw(id), [name]: value});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const problem = result.issues.find((i) => i.path === name);
      expect(problem?.message).toMatch(/#all as every identity/);
    },
  );

  /*
   * Every role a script names comes from a role-attribute field, and the one
   * `#all` it writes is the router side of a router policy (every router may
   * carry these identities and services, which widens no one's access).
   */
  it.each(OUTCOME_IDS)('%s: every #role in the scripts is a role-attribute field, #all only as the router side', (id) => {
    const roleFields = ROLE_FIELD_CASES.filter((c) => c.id === id).map((c) => c.field.name);
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), (word) => {
        const raw = {...defaultRaw(id), [roleFields[0] ?? '']: word};
        const result = buildFromRaw(id, raw);
        if (!result.ok) return;
        const allowed = new Set(roleFields.map((name) => `#${raw[name]}`));
        for (const artifact of result.artifacts.filter((a) => a.language === 'bash')) {
          for (const [, flag, role] of artifact.text.matchAll(/--([a-z-]+-roles) '(#[^']*)'/g)) {
            if (flag === 'edge-router-roles') expect(role).toBe('#all');
            else expect(allowed).toContain(role);
          }
        }
      }),
      {numRuns: 40, examples: [['all'], ['k8s-tunnelers']]},
    );
  });
});

/*
 * Characters that show as nothing or as a plain space: the Unicode property
 * Default_Ignorable_Code_Point, the braille blank U+2800, and every space
 * separator other than U+0020 (no-break, thin, ideographic…).
 */
const LOOKS_EMPTY: string[] = [];
for (let code = 0; code <= 0x10ffff; code++) {
  if (code >= 0xd800 && code <= 0xdfff) continue;
  const char = String.fromCodePoint(code);
  if (/[\p{Default_Ignorable_Code_Point}\u2800]/u.test(char) || (code !== 0x20 && /\p{Zs}/u.test(char))) LOOKS_EMPTY.push(char);
}

describe('invisible and look-alike characters', () => {
  it('the set holds the characters the issue names', () => {
    for (const char of ['\u034f', '\ufe0f', '\u{e0100}', '\u115f', '\u1160', '\u3164', '\uffa0', '\u2800', '\u00a0', '\u202f', '\u3000']) {
      expect(LOOKS_EMPTY).toContain(char);
    }
  });

  it.each(FIELD_CASES.filter((c) => c.field.kind !== 'select').map((c) => [c.id, c.field.name, c] as const))(
    '%s %s refuses them inside a value',
    (_id, _name, {id, field}) => {
      const context = contextFor(id, field);
      const place = (piece: string): string => (field.kind === 'lines' ? (LINE_TEMPLATES[field.name] ?? ((p: string) => p))(piece) : piece);
      const sample = place(SAMPLES[field.name] ?? field.defaultValue);
      const companion = COMPANIONS[field.name]?.(SAMPLES[field.name] ?? field.defaultValue) ?? {};
      expect(buildFromRaw(id, {...context, [field.name]: sample, ...companion}).ok).toBe(true);
      fc.assert(
        fc.property(fc.constantFrom(...LOOKS_EMPTY), fc.integer({min: 1, max: Math.max(1, sample.indexOf('\n') < 0 ? sample.length - 1 : sample.indexOf('\n') - 1)}), (char, at) => {
          const value = sample.slice(0, at) + char + sample.slice(at);
          const result = buildFromRaw(id, {...context, ...companion, [field.name]: value});
          expect(result.ok).toBe(false);
          if (result.ok) return;
          expect(result.issues.some((i) => i.path === field.name || i.path.startsWith(`${field.name}[`))).toBe(true);
        }),
        {numRuns: 60, examples: [['\u034f', 1], ['\u00a0', 1], ['\u2800', 1], ['\u3164', 1]]},
      );
    },
  );
});

describe('every field has an upper bound on its size', () => {
  it.each(FIELD_CASES.map((c) => [c.id, c.field.name, c] as const))('%s %s', (_id, _name, {id, field}) => {
    const context = contextFor(id, field);
    for (const [value, why] of [
      ['a'.repeat(MAX_VALUE_LENGTH + 1), /4,001 characters long; the limit is 4,000/],
      ['\n'.repeat(20_000), /20,000 characters long/],
      ['x\n'.repeat(MAX_VALUE_LINES), /201 lines; the limit is 200/],
    ] as const) {
      const result = buildFromRaw(id, {...context, [field.name]: value});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toEqual([{path: field.name, message: expect.stringMatching(why) as unknown as string}]);
    }
  });
});
