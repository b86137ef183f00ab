import {describe, expect, it} from 'vitest';
import {count} from '../count';

describe('count', () => {
  it('gives the noun the form English gives the number', () => {
    expect([0, 1, 2].map((n) => count(n, 'file'))).toEqual(['0 files', '1 file', '2 files']);
    expect(count(1, 'entry', 'entries')).toBe('1 entry');
    expect(count(3, 'entry', 'entries')).toBe('3 entries');
  });
});
