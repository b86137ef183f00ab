import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {OUTCOME_IDS, pathTo} from '../../data/decisionTree';
import {decodeStateReport, encodeState} from '../chooserState';
import {fieldsOf, withInputChanges, NO_VALUES} from '../readerValues';
import {MAX_VALUE_LENGTH} from '../valueLimits';
import {decodeGuideValues, differingFields, encodeGuideValues, guideValuesInUse} from '../valuesQuery';

describe('a guide\'s values in its address', () => {
  it.each(OUTCOME_IDS)('round-trips values of %s, with the chooser\'s parameter names', (id) => {
    const inputs = Object.fromEntries(fieldsOf(id).slice(0, 3).map((name, index) => [name, `value ${index}\nline two`]));
    const search = encodeGuideValues(inputs);
    expect(decodeGuideValues(search, id)).toEqual({inputs, ignored: []});
    // The chooser reads the same parameters for the same strategy: a guide's values reach it unchanged.
    const chooser = encodeState({answers: pathTo(id), inputs});
    expect(decodeStateReport(chooser).state.inputs).toEqual(decodeGuideValues(chooser, id).inputs);
  });

  it('round-trips any text within the limits', () => {
    const id = 'ziti-host';
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fieldsOf(id)), fc.string({maxLength: 200})), (inputs) => {
        expect(decodeGuideValues(encodeGuideValues(inputs), id)).toEqual({inputs, ignored: []});
      }),
    );
  });

  it('keeps other parameters, in their order, and leaves none of its own when the values are the defaults', () => {
    const search = encodeGuideValues({namespace: 'payments'}, '?utm=x&in.releaseName=old&ref=y');
    expect([...new URLSearchParams(search).keys()]).toEqual(['utm', 'ref', 'in.namespace']);
    expect(encodeGuideValues({}, search)).toBe('?utm=x&ref=y');
    expect(encodeGuideValues({}, '?in.namespace=a')).toBe('');
  });

  it('names what it does not use, and why: unknown fields, a field given twice, values over the limits', () => {
    const search = `?in.namespace=first&in.namespace=second&in.bindings=x&in.__proto__=y&in.releaseName=${'a'.repeat(MAX_VALUE_LENGTH + 1)}&chooser=1`;
    expect(decodeGuideValues(search, 'ziti-host')).toEqual({
      inputs: {namespace: 'first'},
      ignored: [
        'The link sets "in.namespace" more than once; only the first was used.',
        'The link\'s value "in.bindings" was not used: this strategy has no field of that name.',
        'The link\'s value "in.__proto__" was not used: this strategy has no field of that name.',
        'The link\'s value "in.releaseName" was not used: it is 4,001 characters long; the limit is 4,000.',
      ],
    });
  });

  it('uses the address\'s values when it has any, else the stored ones', () => {
    const stored = withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'mine', releaseName: 'my-release'});
    expect(guideValuesInUse('', stored, 'ziti-host')).toEqual({namespace: 'mine', releaseName: 'my-release'});
    // A link's values stand for the whole view: the stored release name is not mixed into them.
    expect(guideValuesInUse('?in.namespace=payments', stored, 'ziti-host')).toEqual({namespace: 'payments'});
    // Nothing usable in the address: the stored values.
    expect(guideValuesInUse('?in.nope=1', stored, 'ziti-host')).toEqual({namespace: 'mine', releaseName: 'my-release'});
  });
});

describe('differingFields', () => {
  it('names each field whose value differs, either side missing one included; none when they agree', () => {
    expect(differingFields({a: '1', b: '2'}, {a: '1', c: '3'})).toEqual(new Set(['b', 'c']));
    expect(differingFields({a: '1'}, {a: '1'})).toBeNull();
    expect(differingFields({}, {})).toBeNull();
  });
});
