import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {OUTCOME_IDS, type OutcomeId} from '@site/src/data/decisionTree';
import {BUILDERS, type FieldSpec} from '@site/src/manifests';
import {
  MAX_VALUE_LENGTH,
  NO_VALUES,
  PER_STRATEGY,
  SHARED_VALUES,
  STORAGE_VERSION,
  fieldsOf,
  overridesFor,
  parseStoredValues,
  readStoredValues,
  sameValues,
  serializeValues,
  storageKeyFor,
  valueKey,
  withInputChanges,
  withoutOutcome,
} from '../readerValues';
import {MAX_VALUE_LINES} from '../valueLimits';

function field(outcome: OutcomeId, name: string): FieldSpec {
  const found = BUILDERS[outcome].fields.find((spec) => spec.name === name);
  if (!found) throw new Error(`${outcome} has no field ${name}`);
  return found;
}

describe('every builder field is either shared or explicitly per strategy', () => {
  it.each(OUTCOME_IDS)('%s', (outcome) => {
    const builderFields = BUILDERS[outcome].fields.map((spec) => spec.name).sort();
    expect([...fieldsOf(outcome)].sort()).toEqual(builderFields);
    // Each field is in exactly one place.
    const shared = Object.values(SHARED_VALUES).flatMap((refs) => refs.filter(([o]) => o === outcome).map(([, f]) => f));
    for (const name of PER_STRATEGY[outcome]) expect(shared).not.toContain(name);
    expect(new Set(fieldsOf(outcome)).size).toBe(fieldsOf(outcome).length);
  });

  it.each(Object.entries(SHARED_VALUES))('shared key %s groups fields of the same kind, options and default', (_key, refs) => {
    expect(new Set(refs.map(([outcome]) => outcome)).size).toBe(refs.length);
    expect(refs.length).toBeGreaterThan(1);
    const specs = refs.map(([outcome, name]) => field(outcome, name));
    const [first, ...rest] = specs;
    for (const spec of rest) {
      expect(spec.kind).toBe(first?.kind);
      expect(spec.defaultValue).toBe(first?.defaultValue);
      expect(spec.options?.map((o) => o.value)).toEqual(first?.options?.map((o) => o.value));
    }
  });

  it('keeps identities, roles, releases, Secrets and images of different strategies apart', () => {
    for (const name of ['identityName', 'roleAttribute', 'releaseName', 'secretName', 'secretKey', 'identitySource']) {
      const keys = OUTCOME_IDS.filter((outcome) => fieldsOf(outcome).includes(name)).map((outcome) => valueKey(outcome, name));
      expect(new Set(keys).size, name).toBe(keys.length);
    }
    // ziti-edge-tunnel, ziti-host and ziti-router are different images; the two sidecars run the same one.
    expect(valueKey('node-proxy-daemonset', 'imageTag')).not.toBe(valueKey('ziti-host', 'imageTag'));
    expect(valueKey('openziti-router', 'imageTag')).not.toBe(valueKey('ziti-host', 'imageTag'));
    expect(valueKey('transparent-proxy-sidecar', 'imageTag')).toBe(valueKey('loopback-proxy-sidecar', 'imageTag'));
    expect(valueKey('node-proxy-daemonset', 'namespace')).toBe(valueKey('ziti-host', 'namespace'));
    expect(valueKey('node-proxy-daemonset', 'namespace')).not.toBe(valueKey('transparent-proxy-sidecar', 'namespace'));
  });
});

describe('nothing secret is asked for, so nothing secret is stored', () => {
  it.each(OUTCOME_IDS)('%s: no free-text field asks for a token, JWT, JSON, key or password', (outcome) => {
    for (const spec of BUILDERS[outcome].fields) {
      if (spec.kind === 'select') {
        // A choice between fixed options: the stored value is an option name, never the secret itself.
        expect(spec.options?.length ?? 0).toBeGreaterThan(0);
        continue;
      }
      const text = `${spec.name} ${spec.label}`;
      expect(text, `${outcome}.${spec.name}`).not.toMatch(/token|jwt|json|password|private key|credential|certificate/i);
    }
  });
});

describe('storage key', () => {
  it('is versioned and scoped to the baseUrl', () => {
    expect(storageKeyFor('/')).toContain(`v${STORAGE_VERSION}`);
    expect(storageKeyFor('/')).not.toBe(storageKeyFor('/nested/sub-path/docs/'));
  });
});

describe('reading and writing', () => {
  it('round-trips through the stored text', () => {
    const stored = withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'edge', identityName: 'host-a'});
    expect(parseStoredValues(serializeValues(stored))).toEqual(stored);
  });

  it('a shared value set in one strategy applies to every strategy that shares it, a per-strategy one does not', () => {
    const stored = withInputChanges(NO_VALUES, 'node-proxy-daemonset', {}, {namespace: 'edge', identityName: 'tun-a'});
    expect(overridesFor(stored, 'ziti-host')).toEqual({namespace: 'edge'});
    expect(overridesFor(stored, 'openziti-router')).toEqual({namespace: 'edge'});
    expect(overridesFor(stored, 'transparent-proxy-sidecar')).toEqual({});
    expect(overridesFor(stored, 'node-proxy-daemonset')).toEqual({namespace: 'edge', identityName: 'tun-a'});
    const nginx = withInputChanges(NO_VALUES, 'nginx-proxy-module', {}, {binds: 'web=web.default.svc:80'});
    expect(overridesFor(nginx, 'openziti-router')).toEqual({hostedServices: 'web=web.default.svc:80'});
  });

  it('writes only the fields that changed, and removes a field set back to its default', () => {
    const shared = {namespace: 'from-link', identityName: 'from-link'};
    const mine = withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'mine'});
    const edited = withInputChanges(mine, 'ziti-host', shared, {...shared, releaseName: 'typed'});
    expect(overridesFor(edited, 'ziti-host')).toEqual({namespace: 'mine', releaseName: 'typed'});
    const back = withInputChanges(edited, 'ziti-host', {releaseName: 'typed'}, {});
    expect(overridesFor(back, 'ziti-host')).toEqual({namespace: 'mine'});
  });

  it('reset removes every value the strategy uses, and only those', () => {
    let stored = withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'edge', identityName: 'h'});
    stored = withInputChanges(stored, 'loopback-proxy-sidecar', {}, {bindings: 'a:1'});
    const reset = withoutOutcome(stored, 'ziti-host');
    expect(overridesFor(reset, 'ziti-host')).toEqual({});
    expect(overridesFor(reset, 'openziti-router')).toEqual({});
    expect(overridesFor(reset, 'loopback-proxy-sidecar')).toEqual({bindings: 'a:1'});
  });

  it('compares value maps', () => {
    expect(sameValues({a: '1'}, {a: '1'})).toBe(true);
    expect(sameValues({a: '1'}, {a: '2'})).toBe(false);
    expect(sameValues({a: '1'}, {a: '1', b: ''})).toBe(false);
  });
});

describe('hostile or corrupt storage is ignored', () => {
  const key = valueKey('ziti-host', 'namespace');
  it.each([
    ['nothing', null],
    ['not JSON', '{"version":1,"values":'],
    ['a string', '"hello"'],
    ['an array', '[1,2]'],
    ['null', 'null'],
    ['another version', JSON.stringify({version: 2, values: {[key]: 'x'}})],
    ['values as an array', JSON.stringify({version: 1, values: ['x']})],
    ['values missing', JSON.stringify({version: 1})],
  ])('%s gives no values, and says why', (_name, text) => {
    expect(parseStoredValues(text)).toEqual({});
    const {ignored} = readStoredValues(text);
    // Nothing stored is nothing to report.
    if (text === null) return expect(ignored).toEqual([]);
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatch(/^Your stored values could not be read \(.+\), so none of them were used\.$/);
  });

  it('names each stored value it leaves out, with the reason', () => {
    const text = `{"version":1,"values":{"${key}":"edge","nope":"x","${valueKey('ziti-host', 'identityName')}":42,"${valueKey('ziti-host', 'releaseName')}":"${'a'.repeat(MAX_VALUE_LENGTH + 1)}","${valueKey('ziti-host', 'hostedServices')}":"${'\\n'.repeat(MAX_VALUE_LINES)}"}}`;
    expect(readStoredValues(text)).toEqual({
      values: {[key]: 'edge'},
      ignored: [
        'The stored value "nope" was not used: no field of this site is stored under that name.',
        `The stored value "${valueKey('ziti-host', 'identityName')}" was not used: it is not text.`,
        `The stored value "${valueKey('ziti-host', 'releaseName')}" was not used: it is 4,001 characters long; the limit is 4,000.`,
        `The stored value "${valueKey('ziti-host', 'hostedServices')}" was not used: it has 201 lines; the limit is 200.`,
      ],
    });
    expect(readStoredValues(null)).toEqual({values: {}, ignored: []});
    expect(readStoredValues(JSON.stringify({version: 1, values: {[key]: 'x'}})).ignored).toEqual([]);
  });

  it('drops unknown keys, non-strings, oversized values and __proto__', () => {
    const text = `{"version":1,"values":{"${key}":"edge","__proto__":{"polluted":"yes"},"constructor":"x","nope":"x","${valueKey('ziti-host', 'identityName')}":42,"${valueKey('ziti-host', 'releaseName')}":"${'a'.repeat(MAX_VALUE_LENGTH + 1)}"}}`;
    const values = parseStoredValues(text);
    expect(values).toEqual({[key]: 'edge'});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });

  it('never throws and only returns known string keys for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({version: 1, values: v}))), (text) => {
        const values = parseStoredValues(text);
        for (const [name, value] of Object.entries(values)) {
          expect(typeof value).toBe('string');
          expect(OUTCOME_IDS.some((outcome) => fieldsOf(outcome).some((f) => valueKey(outcome, f) === name))).toBe(true);
        }
      }),
    );
  });
});
