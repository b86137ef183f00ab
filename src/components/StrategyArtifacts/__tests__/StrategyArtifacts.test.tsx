// @vitest-environment jsdom
/**
 * A guide's blocks and its "Your values" form with the reader's stored values:
 * defaults without them, rebuilt blocks with them, no blocks while invalid,
 * Reset back to the defaults, and the chooser writing the same store.
 */
import {afterEach, beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {act, cleanup, fireEvent, render, screen, waitFor, within} from '@testing-library/react';
import {Router} from 'react-router-dom';
import {createMemoryHistory} from 'history';
import StrategyArtifacts from '../index';
import ReaderChoice from '@site/src/components/ReaderChoice';
import StrategyChooser from '@site/src/components/StrategyChooser';
import {loadOutcomePanel} from '@site/src/components/StrategyChooser/panelLoader';
import {loadLive} from '../useLive';
import {pathTo} from '@site/src/data/decisionTree';
import {serializeValues, storageKeyFor, valueKey, withInputChanges, NO_VALUES} from '@site/src/utils/readerValues';

const KEY = storageKeyFor('/');

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  localStorage.clear();
});

/** The ziti-host guide's values, blocks and identity-source sentence, at this address (Docusaurus's router in a page). */
function guide(entry = '/ingress/ziti-host/'): ReturnType<typeof createMemoryHistory> {
  const history = createMemoryHistory({initialEntries: [entry]});
  render(
    <Router history={history}>
      <StrategyArtifacts strategy="ziti-host" only={['identity', 'policies']} headingLevel={3} valuesForm />
      <p>
        <ReaderChoice strategy="ziti-host" field="identitySource">
          The files on this page use the enrollment token.
        </ReaderChoice>
      </p>
      <StrategyArtifacts strategy="ziti-host" only={['helm-values', 'helm-install']} headingLevel={3} />
    </Router>,
  );
  return history;
}

function query(history: ReturnType<typeof createMemoryHistory>): URLSearchParams {
  return new URLSearchParams(history.location.search);
}

function blocksText(): string {
  return Array.from(document.querySelectorAll('[data-artifact]'), (node) => node.textContent).join('\n');
}

describe('a guide with the reader\'s values', () => {
  // The guide's builders are a chunk of their own; loading it first keeps its first transform (seconds on a busy
  // machine) out of waitFor's one-second window, as the chooser tests below do for theirs.
  beforeAll(async () => {
    await loadLive();
  });

  it('shows the defaults, with published URLs, when nothing is stored', () => {
    guide();
    expect(document.querySelector('[data-values-marker]')?.getAttribute('data-values-marker')).toBe('defaults');
    expect(blocksText()).toContain("--namespace 'ziti'");
    expect(document.querySelectorAll('[data-published-url]').length).toBeGreaterThan(0);
    expect(screen.getByRole('button', {name: 'Reset to the defaults'})).toHaveProperty('disabled', true);
  });

  it('rebuilds every block from stored values, and Reset restores the defaults', async () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'node-proxy-daemonset', {}, {namespace: 'edge'})));
    guide();
    await waitFor(() => expect(blocksText()).toContain("--namespace 'edge'"));
    expect(document.querySelector('[data-values-marker]')?.getAttribute('data-values-marker')).toBe('yours');
    expect(document.querySelectorAll('[data-published-url]').length).toBe(0);
    fireEvent.click(screen.getByRole('button', {name: 'Reset to the defaults'}));
    await waitFor(() => expect(blocksText()).toContain("--namespace 'ziti'"));
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('shows the field error and no blocks for an invalid value typed into the form', async () => {
    guide();
    const region = screen.getByRole('region', {name: 'Your values'});
    fireEvent.click(within(region).getByText('Change the values this guide uses'));
    const details = region.querySelector('details');
    if (details) {
      details.open = true;
      fireEvent(details, new Event('toggle'));
    }
    const field = await within(region).findByLabelText('Namespace');
    fireEvent.change(field, {target: {value: 'Not_Valid!'}});
    await waitFor(() => expect(document.querySelectorAll('[data-artifact]').length).toBe(0));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByTestId('artifacts-invalid').length).toBe(2);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').values[valueKey('ziti-host', 'namespace')]).toBe('Not_Valid!');
  });

  it('ignores corrupt storage and shows the defaults', () => {
    localStorage.setItem(KEY, '{"version":1,"values":{"__proto__":{"x":1},"zitiNamespace":7}}');
    guide();
    expect(document.querySelector('[data-values-marker]')?.getAttribute('data-values-marker')).toBe('defaults');
    expect(blocksText()).toContain("--namespace 'ziti'");
  });
});

describe('a guide\'s values in its address', () => {
  beforeAll(async () => {
    await loadLive();
  });

  it('shows a link\'s values, names them with keep and drop, and stores them only when kept', async () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'ziti-host', {}, {releaseName: 'mine'})));
    guide('/ingress/ziti-host/?in.namespace=payments&in.identitySource=existing-secret&in.nope=1');
    await waitFor(() => expect(blocksText()).toContain("--namespace 'payments'"));
    const notice = screen.getByTestId('shared-values');
    const rows = Array.from(notice.querySelectorAll('[data-shared-field]'), (row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]);
    // In the form's order; the stored release name is back at its default in the link's view, so it is named too.
    expect(rows).toEqual([
      ['Namespace', 'payments'],
      ['Helm release name', 'ziti-host'],
      ['Identity source', 'existing-secret'],
    ]);
    expect(Array.from(document.querySelectorAll('[data-from-link]'), (node) => node.querySelector('input, select')?.getAttribute('name'))).toEqual([
      'namespace',
      'releaseName',
      'identitySource',
    ]);
    expect(screen.getByText('The files on this page use an existing Secret, mounted read-only.')).toBeTruthy();
    expect(Array.from(screen.getByTestId('ignored-input').querySelectorAll('li'), (li) => li.textContent)).toEqual([
      'The link\'s value "in.nope" was not used: this strategy has no field of that name.',
    ]);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').values).toEqual({[valueKey('ziti-host', 'releaseName')]: 'mine'});
    act(() => fireEvent.click(within(notice).getByRole('button', {name: 'Keep these values'})));
    expect(notice.textContent).toBe('');
    expect(document.querySelectorAll('[data-from-link]').length).toBe(0);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').values).toEqual({
      [valueKey('ziti-host', 'namespace')]: 'payments',
      [valueKey('ziti-host', 'identitySource')]: 'existing-secret',
    });
  });

  it('"Use my values" puts the stored values in the address instead', async () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'mine'})));
    const history = guide('/ingress/ziti-host/?in.namespace=theirs#verify');
    await waitFor(() => expect(blocksText()).toContain("--namespace 'theirs'"));
    act(() => fireEvent.click(screen.getByRole('button', {name: 'Use my values'})));
    await waitFor(() => expect(blocksText()).toContain("--namespace 'mine'"));
    expect(query(history).get('in.namespace')).toBe('mine');
    expect(history.location.hash).toBe('#verify');
    expect(screen.getByTestId('shared-values').textContent).toBe('');
  });

  it('carries the stored values, and every edit, in the address; Reset takes them out', async () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'mine'})));
    const history = guide('/ingress/ziti-host/?utm=x#step');
    await waitFor(() => expect(query(history).get('in.namespace')).toBe('mine'));
    const field = await within(screen.getByRole('region', {name: 'Your values'})).findByLabelText('Namespace');
    fireEvent.change(field, {target: {value: 'edited'}});
    // The input has the typed value at once, not after the address has been rendered.
    expect(field).toHaveProperty('value', 'edited');
    expect(query(history).get('in.namespace')).toBe('edited');
    expect(query(history).get('utm')).toBe('x');
    expect(history.location.hash).toBe('#step');
    await waitFor(() => expect(blocksText()).toContain("--namespace 'edited'"));
    fireEvent.change(screen.getByLabelText('Identity source'), {target: {value: 'identity-json'}});
    await screen.findByText('The files on this page use the enrolled identity JSON.');
    fireEvent.click(screen.getByRole('button', {name: 'Reset to the defaults'}));
    await waitFor(() => expect(blocksText()).toContain("--namespace 'ziti'"));
    expect(history.location.search).toBe('?utm=x');
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(screen.getByText('The files on this page use the enrollment token.')).toBeTruthy();
  });
});

describe('the chooser and the store', () => {
  // The chooser's form is a chunk of its own; loaded first, it renders with the outcome.
  beforeAll(async () => {
    await loadOutcomePanel();
  });

  function chooser(entry: string): ReturnType<typeof createMemoryHistory> {
    const history = createMemoryHistory({initialEntries: [entry]});
    render(
      <Router history={history}>
        <StrategyChooser />
      </Router>,
    );
    return history;
  }

  it('stores what the reader types, and a later visit starts from it', () => {
    chooser(`/?chooser=1&path=${pathTo('openziti-router').join('.')}`);
    fireEvent.change(screen.getByLabelText('Namespace'), {target: {value: 'routers'}});
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').values).toEqual({[valueKey('openziti-router', 'namespace')]: 'routers'});
    cleanup();
    // ziti-host shares the namespace of the OpenZiti pods.
    chooser(`/?chooser=1&path=${pathTo('ziti-host').join('.')}`);
    expect(screen.getByLabelText('Namespace')).toHaveProperty('value', 'routers');
  });

  it('lets a shared link win, says so, and only keeps its values when asked', () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'mine'})));
    chooser(`/?chooser=1&path=${pathTo('ziti-host').join('.')}&in.namespace=theirs`);
    expect(screen.getByLabelText('Namespace')).toHaveProperty('value', 'theirs');
    const notice = screen.getByTestId('shared-values');
    expect(notice.textContent).toMatch(/This link sets this value, which differs? from yours/);
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').values[valueKey('ziti-host', 'namespace')]).toBe('mine');
    act(() => fireEvent.click(within(notice).getByRole('button', {name: 'Keep these values'})));
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}').values[valueKey('ziti-host', 'namespace')]).toBe('theirs');
    expect(notice.textContent).toBe('');
  });

  it('lists every value the link sets, in the form order, hidden ones too, and marks their inputs until kept or dropped', () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'ziti-host', {}, {releaseName: 'mine'})));
    // secretName is only in the form when the identity comes from an existing Secret; the link sets it anyway.
    const link = new URLSearchParams({chooser: '1', path: pathTo('ziti-host').join('.'), 'in.secretName': 'quiet', 'in.namespace': 'theirs'});
    chooser(`/?${link.toString()}`);
    const notice = screen.getByTestId('shared-values');
    const rows = Array.from(notice.querySelectorAll('[data-shared-field]'), (row) => [
      row.getAttribute('data-shared-field'),
      row.querySelector('dt')?.textContent,
      row.querySelector('dd')?.textContent,
    ]);
    // releaseName goes back to its default in the link's view: that differs from the reader's value too.
    expect(rows).toEqual([
      ['namespace', 'Namespace', 'theirs'],
      ['releaseName', 'Helm release name', 'ziti-host'],
      ['secretName', 'Secret name (not in the form with the current options)', 'quiet'],
    ]);
    const marked = Array.from(document.querySelectorAll('[data-from-link]'), (node) => node.querySelector('input, select, textarea')?.getAttribute('name'));
    expect(marked).toEqual(['namespace', 'releaseName']);
    expect(screen.getByLabelText('Namespace').getAttribute('aria-describedby')).toMatch(/from-link/);
    act(() => fireEvent.click(within(notice).getByRole('button', {name: 'Use my values'})));
    expect(notice.textContent).toBe('');
    expect(document.querySelectorAll('[data-from-link]').length).toBe(0);
  });

  it('names what the link and the store held that it does not use', () => {
    localStorage.setItem(KEY, '{"version":1,"values":{"nope":"x"}}');
    chooser(`/?chooser=1&path=${pathTo('ziti-host').join('.')}&in.bogus=1&in.namespace=${'a'.repeat(4001)}`);
    const items = Array.from(screen.getByTestId('ignored-input').querySelectorAll('li'), (li) => li.textContent);
    expect(items).toEqual([
      'The link\'s value "in.bogus" was not used: this strategy has no field of that name.',
      'The link\'s value "in.namespace" was not used: it is 4,001 characters long; the limit is 4,000.',
      'The stored value "nope" was not used: no field of this site is stored under that name.',
    ]);
    expect(screen.getByLabelText('Namespace')).toHaveProperty('value', 'ziti');
  });

  it('"Use my values" replaces the link\'s values with the stored ones', () => {
    localStorage.setItem(KEY, serializeValues(withInputChanges(NO_VALUES, 'ziti-host', {}, {namespace: 'mine'})));
    const history = chooser(`/?chooser=1&path=${pathTo('ziti-host').join('.')}&in.namespace=theirs`);
    fireEvent.click(screen.getByRole('button', {name: 'Use my values'}));
    expect(new URLSearchParams(history.location.search).get('in.namespace')).toBe('mine');
    expect(screen.getByLabelText('Namespace')).toHaveProperty('value', 'mine');
  });
});
