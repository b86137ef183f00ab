import {describe, expect, it} from 'vitest';
import {issuesByField, placeInField} from '../formState';

describe('messages in the form’s words', () => {
  it('names the line of a one-entry-per-line field, never the builder’s path', () => {
    expect(placeInField('services[1].target', 'services')).toBe('Line 2: ');
    expect(placeInField('services[0]', 'services')).toBe('Line 1: ');
    expect(placeInField('storage.class', 'storage')).toBe('');
    const byField = issuesByField([
      {path: 'services[1].target', message: 'Not a DNS name.'},
      {path: 'namespace', message: 'Too long.'},
    ]);
    expect(byField.get('services')).toEqual(['Line 2: Not a DNS name.']);
    expect(byField.get('namespace')).toEqual(['Too long.']);
    for (const messages of byField.values()) for (const message of messages) expect(message).not.toMatch(/\[\d+\]/);
  });
});
