import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {OUTCOME_IDS, pathTo} from '../../data/decisionTree';
import {EMPTY_STATE, decodeState, decodeStateReport, encodeState} from '../chooserState';
import {fieldsOf} from '../readerValues';
import {MAX_VALUE_LENGTH, MAX_VALUE_LINES} from '../valueLimits';

describe('chooser state in the URL', () => {
  it.each(OUTCOME_IDS)('round-trips the path to %s with inputs', (id) => {
    const inputs = Object.fromEntries(fieldsOf(id).slice(0, 3).map((name, index) => [name, `value ${index}\nline two`]));
    const state = {answers: pathTo(id), inputs};
    expect(decodeStateReport(encodeState(state))).toEqual({state, ignored: []});
  });

  it('keeps unrelated query parameters and removes its own when emptied', () => {
    const search = encodeState({answers: ['yes'], inputs: {}}, '?utm=x');
    expect(new URLSearchParams(search).get('utm')).toBe('x');
    expect(encodeState(EMPTY_STATE, search)).toBe('?utm=x');
    expect(decodeStateReport('?utm=x')).toEqual({state: EMPTY_STATE, ignored: []});
  });

  it('ignores another version and invalid answers', () => {
    expect(decodeState('?chooser=0&path=yes')).toEqual(EMPTY_STATE);
    expect(decodeState('?chooser=1&path=yes.sideways.no').answers).toEqual(['yes']);
  });

  it('round-trips any input text within the limits', () => {
    const id = 'loopback-proxy-sidecar';
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...fieldsOf(id)), fc.string({maxLength: 200})), (inputs) => {
        const decoded = decodeStateReport(encodeState({answers: pathTo(id), inputs}));
        expect(decoded.state.inputs).toEqual(inputs);
        expect(decoded.ignored).toEqual([]);
      }),
    );
  });
});

describe('what a link carries that the page does not use is named, with the reason', () => {
  const path = pathTo('ziti-host').join('.');

  it('another version', () => {
    expect(decodeStateReport(`?chooser=9&path=${path}&in.namespace=x`)).toEqual({
      state: EMPTY_STATE,
      ignored: ['The link\'s answers and values were not used: it says chooser="9", and this page reads chooser=1.'],
    });
    expect(decodeStateReport(`?path=${path}`).ignored).toEqual(['The link\'s answers and values were not used: it has no chooser= parameter.']);
  });

  it('answers the questions do not have', () => {
    const report = decodeStateReport('?chooser=1&path=yes.sideways.no');
    expect(report.state.answers).toEqual(['yes']);
    expect(report.ignored).toEqual(['The link\'s answers from "sideways.no" on were not used: they do not answer the questions the earlier ones lead to.']);
  });

  it('fields the strategy does not have, and values before a strategy is reached', () => {
    const report = decodeStateReport(`?chooser=1&path=${path}&in.namespace=ok&in.bindings=x&in.__proto__=y`);
    expect(report.state.inputs).toEqual({namespace: 'ok'});
    expect(report.ignored).toEqual([
      'The link\'s value "in.bindings" was not used: this strategy has no field of that name.',
      'The link\'s value "in.__proto__" was not used: this strategy has no field of that name.',
    ]);
    expect(decodeStateReport('?chooser=1&path=yes&in.namespace=x').ignored).toEqual([
      'The link\'s value "in.namespace" was not used: the link\'s answers do not reach a strategy.',
    ]);
  });

  it('a field set twice', () => {
    const report = decodeStateReport(`?chooser=1&path=${path}&in.namespace=first&in.namespace=second`);
    expect(report.state.inputs).toEqual({namespace: 'first'});
    expect(report.ignored).toEqual(['The link sets "in.namespace" more than once; only the first was used.']);
  });

  it('values over the length or line limit', () => {
    const long = 'a'.repeat(MAX_VALUE_LENGTH + 1);
    const tall = '\n'.repeat(MAX_VALUE_LINES);
    const report = decodeStateReport(
      `?chooser=1&path=${path}&in.namespace=${long}&in.hostedServices=${encodeURIComponent(tall)}&in.releaseName=${'b'.repeat(MAX_VALUE_LENGTH)}`,
    );
    expect(report.state.inputs).toEqual({releaseName: 'b'.repeat(MAX_VALUE_LENGTH)});
    expect(report.ignored).toEqual([
      'The link\'s value "in.namespace" was not used: it is 4,001 characters long; the limit is 4,000.',
      'The link\'s value "in.hostedServices" was not used: it has 201 lines; the limit is 200.',
    ]);
  });
});
