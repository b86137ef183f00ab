import {describe, expect, it} from 'vitest';
import {encodeState} from '../../../utils/chooserState';
import {chooserQuery, reportIssueUrl} from '../reportIssue';

const REPO = 'https://github.com/owner/site';

function parse(url: string): {base: string; title: string; body: string} {
  const parsed = new URL(url);
  return {
    base: `${parsed.origin}${parsed.pathname}`,
    title: parsed.searchParams.get('title') ?? '',
    body: parsed.searchParams.get('body') ?? '',
  };
}

describe('reportIssueUrl', () => {
  it('opens a new issue on the repository with the page path and title filled in', () => {
    const {base, title, body} = parse(reportIssueUrl({repoUrl: REPO, path: '/docs/egress/x', title: 'X guide', search: ''}));
    expect(base).toBe(`${REPO}/issues/new`);
    expect(title).toBe('Problem on "X guide"');
    expect(body).toContain('Page: `/docs/egress/x`');
    expect(body).not.toContain('Chooser state');
  });

  it('carries the chooser state, and only the chooser state, from the query string', () => {
    const state = encodeState({answers: ['yes', 'pod', 'no'], inputs: {namespace: 'team a', 'bindings': 'svc=1:2'}});
    const search = `${state}&utm_source=mail`;
    const {body} = parse(reportIssueUrl({repoUrl: REPO, path: '/', title: 'Overview', search}));
    expect(body).toContain(`Chooser state: \`/${state}\``);
    expect(body).not.toContain('utm_source');
    expect(body).toMatch(/Issues are public/);
  });
});

describe('chooserQuery', () => {
  it('keeps every parameter encodeState writes, in order', () => {
    const state = encodeState({answers: ['no', 'yes'], inputs: {a: '1', b: 'x&y'}});
    expect(chooserQuery(`?x=1&${state.slice(1)}`)).toBe(state);
  });

  it('is empty when the chooser has no state in the URL', () => {
    expect(chooserQuery('')).toBe('');
    expect(chooserQuery('?path=yes&in.a=1')).toBe('');
  });
});
