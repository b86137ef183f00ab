import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {OUTCOME_IDS, pathTo} from '../../data/decisionTree';
import {EMPTY_STATE, decodeState, encodeState} from '../chooserState';

describe('chooser state in the URL', () => {
  it.each(OUTCOME_IDS)('round-trips the path to %s with inputs', (id) => {
    const state = {answers: pathTo(id), inputs: {namespace: 'team-a', bindings: 'svc:80\nsvc2:53:udp'}};
    expect(decodeState(encodeState(state))).toEqual(state);
  });

  it('keeps unrelated query parameters and removes its own when emptied', () => {
    const search = encodeState({answers: ['yes'], inputs: {}}, '?utm=x');
    expect(new URLSearchParams(search).get('utm')).toBe('x');
    expect(encodeState(EMPTY_STATE, search)).toBe('?utm=x');
  });

  it('ignores another version and invalid answers', () => {
    expect(decodeState('?chooser=0&path=yes')).toEqual(EMPTY_STATE);
    expect(decodeState('?chooser=1&path=yes.sideways.no').answers).toEqual(['yes']);
  });

  it('round-trips any input text', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({minLength: 1}).filter((k) => !k.includes('\u0000')), fc.string()), (inputs) => {
        const decoded = decodeState(encodeState({answers: ['no'], inputs}));
        expect(decoded.inputs).toEqual(inputs);
      }),
    );
  });
});
