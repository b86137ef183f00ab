import {spawnSync} from 'node:child_process';
import fc from 'fast-check';
import {load, loadAll} from 'js-yaml';
import {describe, expect, it} from 'vitest';
import {shellQuote} from '../shell';
import {toYaml, toYamlDocuments} from '../yaml';
import {YAML_TRAPS, analyzeBash, appearsQuoted} from './support';


describe('toYaml', () => {
  it.each(YAML_TRAPS.map((s) => [s]))('%j survives as a string value and as a key', (value) => {
    const text = toYaml({key: value, [value]: 'v', list: [value]});
    expect(load(text)).toEqual({key: value, [value]: 'v', list: [value]});
  });

  it('quotes numbers go-yaml would read, which js-yaml alone leaves plain', () => {
    expect(toYaml({a: '1_000'})).toBe("a: '1_000'\n");
    expect(toYaml({a: '+.5'})).toBe("a: '+.5'\n");
    expect(toYaml({a: '0b1_0'})).toBe("a: '0b1_0'\n");
    // Plain strings stay plain.
    expect(toYaml({a: 'ziti.internal', b: '10.96.0.10', c: '1.12.0'})).toBe('a: ziti.internal\nb: 10.96.0.10\nc: 1.12.0\n');
  });

  it('keeps key order and writes real numbers and booleans unquoted', () => {
    expect(toYaml({z: 1, a: true, m: null})).toBe('z: 1\na: true\nm: null\n');
  });

  it('load(dump(x)) round-trips arbitrary data with hostile strings', () => {
    const hostile = fc.oneof(fc.constantFrom(...YAML_TRAPS), fc.string({unit: 'binary', maxLength: 20}), fc.string({maxLength: 20}));
    const data = fc.dictionary(hostile, fc.oneof(hostile, fc.array(hostile, {maxLength: 3}), fc.integer(), fc.boolean()), {maxKeys: 5});
    fc.assert(
      fc.property(data, (value) => {
        expect(load(toYaml(value))).toEqual(value);
      }),
      {numRuns: 300},
    );
  });

  it('a value can never add a document', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...YAML_TRAPS), fc.string({unit: 'binary', maxLength: 30})), {minLength: 1, maxLength: 3}), (values) => {
        const docs = values.map((value) => ({value}));
        expect(loadAll(toYamlDocuments(docs))).toEqual(docs);
      }),
      {numRuns: 200},
    );
  });
});

/** Whether a real bash is around to double-check the quoting. */
const BASH = spawnSync('bash', ['-c', 'true']).status === 0;

describe('shellQuote', () => {
  it('writes one single-quoted word', () => {
    expect(shellQuote('abc')).toBe("'abc'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
  });

  it('the lexer sees the value intact and quoted, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({unit: 'binary', maxLength: 40}), (value) => {
        const analysis = analyzeBash(`echo ${shellQuote(value)} done\n`);
        expect(analysis.words.map((w) => w.text)).toEqual(['echo', value, 'done']);
        if (value !== '') expect(appearsQuoted(analysis, value)).toBe(true);
      }),
      {numRuns: 500},
    );
  });

  it.skipIf(!BASH)('real bash prints the value back unchanged', () => {
    fc.assert(
      fc.property(
        // NUL cannot be passed in an argv string at all.
        fc.string({unit: 'binary', maxLength: 30}).filter((s) => !s.includes('\u0000')),
        (value) => {
          const result = spawnSync('bash', ['--noprofile', '--norc', '-c', `printf '%s' ${shellQuote(value)}`], {encoding: 'utf8'});
          expect(result.stdout).toBe(value);
        },
      ),
      {numRuns: 60},
    );
  });
});
