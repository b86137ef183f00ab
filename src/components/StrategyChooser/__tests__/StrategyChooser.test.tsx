// @vitest-environment jsdom
/**
 * The strategy chooser as a reader uses it: questions as named groups, answers
 * as toggle buttons, the outcome as a heading, form fields by their labels, and
 * the URL (a real react-router v5 memory history) as the only store.
 */
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {act, cleanup, fireEvent, screen, within} from '@testing-library/react';
import type {MemoryHistory} from 'history';
import {renderChooser} from './renderChooser';
import {loadOutcomePanel} from '../panelLoader';
import {OUTCOME_IDS, OUTCOMES, QUESTIONS, pathTo, type OutcomeId, type QuestionId} from '@site/src/data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw, type Artifact, type FieldSpec} from '@site/src/manifests';
import {guideRoute} from '@site/src/utils/flowchart';

afterEach(() => {
  cleanup();
  // The chooser puts stored values into the address: each test starts from a reader without any.
  localStorage.clear();
});
// In the browser an answer reaches the URL after the frame that shows it has painted (afterPaint.ts); these
// tests are about what reaches the URL, so it does at once here. useChooserState.test.tsx covers the delay.
vi.mock('../afterPaint', () => ({afterNextPaint: (callback: () => void) => callback()}));
// The panel is its own chunk in the browser; here it is loaded once up front, as a reader's first answer does,
// and act() finishes the panel's background render before each assertion.
beforeAll(async () => {
  await loadOutcomePanel();
});


function params(history: MemoryHistory): URLSearchParams {
  return new URLSearchParams(history.location.search);
}

function outcomeSearch(id: OutcomeId, extra = ''): string {
  return `/?chooser=1&path=${pathTo(id).join('.')}${extra}`;
}

function question(chooser: HTMLElement, id: QuestionId): HTMLElement {
  return within(chooser).getByRole('group', {name: QUESTIONS[id].text});
}

/** Legends of the question groups on screen, in order. */
function questionTexts(chooser: HTMLElement): string[] {
  return within(chooser)
    .queryAllByRole('group')
    .map((group) => group.querySelector('legend')?.textContent ?? '');
}

function answerButton(chooser: HTMLElement, id: QuestionId, label: string): HTMLElement {
  return within(question(chooser, id)).getByRole('button', {name: label});
}

function answer(chooser: HTMLElement, id: QuestionId, label: string): void {
  fireEvent.click(answerButton(chooser, id, label));
}

/** aria-pressed of every answer of a question, by label. */
function pressed(chooser: HTMLElement, id: QuestionId): Record<string, string | null> {
  return Object.fromEntries(
    within(question(chooser, id))
      .getAllByRole('button')
      .map((button) => [button.textContent ?? '', button.getAttribute('aria-pressed')]),
  );
}

function outcomeHeading(chooser: HTMLElement, id: OutcomeId): HTMLElement {
  return within(chooser).getByRole('heading', {level: 3, name: OUTCOMES[id].title});
}

interface RenderedArtifact {
  readonly id: string | null;
  readonly title: string;
  readonly fileName: string | null;
  readonly language: string | null;
  readonly text: string;
}

function renderedArtifacts(chooser: HTMLElement): RenderedArtifact[] {
  return Array.from(chooser.querySelectorAll<HTMLElement>('[data-artifact]')).map((section) => {
    const pre = section.querySelector('pre');
    return {
      id: section.getAttribute('data-artifact'),
      title: within(section).getByRole('heading', {level: 4}).textContent ?? '',
      fileName: pre?.getAttribute('title') ?? null,
      language: pre?.getAttribute('data-language') ?? null,
      text: pre?.textContent ?? '',
    };
  });
}

function expectedArtifacts(id: OutcomeId, overrides: Readonly<Record<string, string>> = {}): RenderedArtifact[] {
  const result = buildFromRaw(id, {...defaultRaw(id), ...overrides});
  if (!result.ok) throw new Error(`${id} rejects ${JSON.stringify(overrides)}: ${JSON.stringify(result.issues)}`);
  return result.artifacts.map((a: Artifact) => ({id: a.id, title: a.title, fileName: a.fileName, language: a.language, text: a.text}));
}

function field(chooser: HTMLElement, label: string): HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement {
  const element = within(chooser).getByLabelText(label);
  if (
    !(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)
  ) {
    throw new Error(`${label} labels a ${element.tagName}, not a form control`);
  }
  return element;
}

function fieldSpec(id: OutcomeId, name: string): FieldSpec {
  const spec = BUILDERS[id].fields.find((f) => f.name === name);
  if (!spec) throw new Error(`${id} has no field ${name}`);
  return spec;
}

describe('StrategyChooser transitions', () => {
  it('starts at the root question with nothing chosen', () => {
    const {chooser, history} = renderChooser();
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text]);
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'false', No: 'false'});
    expect(within(chooser).getByRole('button', {name: 'Back'})).toHaveProperty('disabled', true);
    expect(within(chooser).getByRole('button', {name: 'Start over'})).toHaveProperty('disabled', true);
    expect(history.location.search).toBe('');
  });

  it('Yes → Pod → No reaches the loopback sidecar with its guide link and default files', () => {
    const {chooser, history} = renderChooser();
    answer(chooser, 'connects', 'Yes');
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.placement.text]);
    answer(chooser, 'placement', 'Pod');
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.placement.text, QUESTIONS.addressing.text]);
    answer(chooser, 'addressing', 'No');

    const id = 'loopback-proxy-sidecar';
    const heading = outcomeHeading(chooser, id);
    expect(document.activeElement).toBe(heading);
    const link = within(chooser).getByRole('link', {name: `Read the ${OUTCOMES[id].title} guide`});
    expect(link.getAttribute('href')).toBe(guideRoute(OUTCOMES[id].guidePath));

    const expected = expectedArtifacts(id);
    expect(expected.length).toBeGreaterThan(0);
    expect(renderedArtifacts(chooser)).toEqual(expected);
    for (const artifact of expected) {
      expect(within(chooser).getByRole('heading', {level: 4, name: artifact.title})).toBeTruthy();
    }
    expect(screen.queryByTestId('artifacts-invalid')).toBeNull();
    expect(history.location.search).toBe('?chooser=1&path=yes.pod.no');
  });

  it.each(OUTCOME_IDS)('clicking the path to %s shows that outcome and its default files', (id) => {
    const {chooser, history} = renderChooser();
    let current: QuestionId = 'connects';
    for (const answerId of pathTo(id)) {
      const next = QUESTIONS[current].answers.find((a) => a.id === answerId);
      if (!next) throw new Error(`no answer ${answerId} to ${current}`);
      answer(chooser, current, next.label);
      if (next.next in QUESTIONS) current = next.next as QuestionId;
    }
    expect(outcomeHeading(chooser, id)).toBeTruthy();
    expect(renderedArtifacts(chooser)).toEqual(expectedArtifacts(id));
    expect(history.location.search).toBe(`?chooser=1&path=${pathTo(id).join('.')}`);
  });

  it('moves focus to the newly opened question, but not on the first render from a URL', () => {
    const {chooser} = renderChooser('/?chooser=1&path=yes');
    expect(document.activeElement).toBe(document.body);
    answer(chooser, 'placement', 'Pod');
    expect(document.activeElement).toBe(question(chooser, 'addressing'));
  });
});

describe('editing an earlier answer', () => {
  it('drops the later questions and the outcome, and opens the other branch', () => {
    const {chooser, history} = renderChooser();
    answer(chooser, 'connects', 'Yes');
    answer(chooser, 'placement', 'Pod');
    answer(chooser, 'addressing', 'No');
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'true', No: 'false'});
    expect(pressed(chooser, 'placement')).toEqual({Pod: 'true', Node: 'false'});
    expect(pressed(chooser, 'addressing')).toEqual({Yes: 'false', No: 'true'});

    answer(chooser, 'connects', 'No');
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.router.text]);
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'false', No: 'true'});
    expect(pressed(chooser, 'router')).toEqual({Yes: 'false', No: 'false'});
    expect(within(chooser).getByRole('button', {name: 'No', pressed: true})).toBe(answerButton(chooser, 'connects', 'No'));
    expect(within(chooser).queryByRole('heading', {level: 3})).toBeNull();
    expect(chooser.querySelector('[data-artifact]')).toBeNull();
    expect(history.location.search).toBe('?chooser=1&path=no');
    expect(document.activeElement).toBe(question(chooser, 'router'));
  });

  // A click on the answer already given changes nothing: no lost answers or inputs, no history entry.
  it('clicking the answer that is already pressed keeps the path', () => {
    const {chooser, history} = renderChooser(outcomeSearch('ziti-host', '&in.namespace=team-a'));
    expect(pressed(chooser, 'router')).toEqual({Yes: 'false', No: 'true'});
    answer(chooser, 'router', 'No');
    expect(params(history).get('path')).toBe('no.no.no');
    expect(outcomeHeading(chooser, 'ziti-host')).toBeTruthy();
    expect(field(chooser, 'Namespace').value).toBe('team-a');
    expect(history.length).toBe(1);
  });
});

describe('Back, Start over and browser history', () => {
  it('Back removes the last answer and Start over clears everything', () => {
    const {chooser, history} = renderChooser();
    const back = within(chooser).getByRole('button', {name: 'Back'});
    const startOver = within(chooser).getByRole('button', {name: 'Start over'});
    answer(chooser, 'connects', 'Yes');
    answer(chooser, 'placement', 'Node');
    expect(outcomeHeading(chooser, 'node-proxy-daemonset')).toBeTruthy();

    fireEvent.click(back);
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.placement.text]);
    expect(pressed(chooser, 'placement')).toEqual({Pod: 'false', Node: 'false'});
    expect(within(chooser).queryByRole('heading', {level: 3})).toBeNull();
    expect(history.location.search).toBe('?chooser=1&path=yes');

    fireEvent.click(startOver);
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text]);
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'false', No: 'false'});
    expect(history.location.search).toBe('');
    expect(back).toHaveProperty('disabled', true);
    expect(startOver).toHaveProperty('disabled', true);
  });

  it('Start over also clears inputs of an outcome', () => {
    const {chooser, history} = renderChooser(outcomeSearch('ziti-host', '&in.namespace=team-a'));
    fireEvent.click(within(chooser).getByRole('button', {name: 'Start over'}));
    expect(history.location.search).toBe('');
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text]);
  });

  it('every answer is a history entry that goBack and goForward step through', () => {
    const {chooser, history} = renderChooser();
    expect(history.length).toBe(1);
    answer(chooser, 'connects', 'No');
    expect(history.length).toBe(2);
    expect(history.action).toBe('PUSH');
    answer(chooser, 'router', 'No');
    expect(history.length).toBe(3);
    answer(chooser, 'nginx', 'Yes');
    expect(history.length).toBe(4);
    expect(outcomeHeading(chooser, 'nginx-proxy-module')).toBeTruthy();

    act(() => history.goBack());
    expect(history.location.search).toBe('?chooser=1&path=no.no');
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.router.text, QUESTIONS.nginx.text]);
    expect(pressed(chooser, 'nginx')).toEqual({Yes: 'false', No: 'false'});
    expect(within(chooser).queryByRole('heading', {level: 3})).toBeNull();

    act(() => history.goBack());
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.router.text]);
    act(() => history.goBack());
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text]);
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'false', No: 'false'});

    act(() => history.go(3));
    expect(outcomeHeading(chooser, 'nginx-proxy-module')).toBeTruthy();
    expect(history.length).toBe(4);
  });

  it('Back is a new entry too, so the browser can return to the outcome', () => {
    const {chooser, history} = renderChooser(outcomeSearch('openziti-router'));
    fireEvent.click(within(chooser).getByRole('button', {name: 'Back'}));
    expect(history.length).toBe(2);
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.router.text]);
    act(() => history.goBack());
    expect(outcomeHeading(chooser, 'openziti-router')).toBeTruthy();
  });

  it('keeps unrelated query parameters and the hash', () => {
    const {chooser, history} = renderChooser('/overview?utm=x#chooser');
    answer(chooser, 'connects', 'Yes');
    expect(history.location.pathname).toBe('/overview');
    expect(history.location.hash).toBe('#chooser');
    expect(params(history).get('utm')).toBe('x');
    fireEvent.click(within(chooser).getByRole('button', {name: 'Start over'}));
    expect(history.location.search).toBe('?utm=x');
  });
});

describe('URL round-trips', () => {
  it('renders the outcome and inputs a link describes', () => {
    const {chooser, history} = renderChooser('/?chooser=1&path=no.no.no&in.namespace=team-a');
    expect(outcomeHeading(chooser, 'ziti-host')).toBeTruthy();
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'false', No: 'true'});
    expect(pressed(chooser, 'router')).toEqual({Yes: 'false', No: 'true'});
    expect(pressed(chooser, 'nginx')).toEqual({Yes: 'false', No: 'true'});
    expect(field(chooser, fieldSpec('ziti-host', 'namespace').label).value).toBe('team-a');
    const artifacts = renderedArtifacts(chooser);
    expect(artifacts).toEqual(expectedArtifacts('ziti-host', {namespace: 'team-a'}));
    expect(artifacts.some((a) => a.text.includes('team-a'))).toBe(true);
    expect(history.length).toBe(1);
  });

  it('typing replaces the history entry, and a default value leaves the URL', () => {
    const {chooser, history} = renderChooser('/?chooser=1&path=no.no.no&in.namespace=team-a');
    const namespace = field(chooser, 'Namespace');

    fireEvent.change(namespace, {target: {value: 'team-b'}});
    expect(history.length).toBe(1);
    expect(history.action).toBe('REPLACE');
    expect(params(history).get('in.namespace')).toBe('team-b');
    expect(params(history).get('path')).toBe('no.no.no');
    expect(field(chooser, 'Namespace').value).toBe('team-b');
    expect(renderedArtifacts(chooser)).toEqual(expectedArtifacts('ziti-host', {namespace: 'team-b'}));

    fireEvent.change(field(chooser, 'Helm release name'), {target: {value: 'edge'}});
    expect(history.length).toBe(1);
    expect(params(history).get('in.releaseName')).toBe('edge');
    expect(params(history).get('in.namespace')).toBe('team-b');

    fireEvent.change(field(chooser, 'Namespace'), {target: {value: fieldSpec('ziti-host', 'namespace').defaultValue}});
    fireEvent.change(field(chooser, 'Helm release name'), {
      target: {value: fieldSpec('ziti-host', 'releaseName').defaultValue},
    });
    expect(history.location.search).toBe('?chooser=1&path=no.no.no');
    expect(history.length).toBe(1);
    expect(renderedArtifacts(chooser)).toEqual(expectedArtifacts('ziti-host'));
  });

  it('answering again after typing starts from the new outcome’s defaults', () => {
    const {chooser, history} = renderChooser('/?chooser=1&path=no.no.no&in.namespace=team-a');
    answer(chooser, 'nginx', 'Yes');
    expect(history.location.search).toBe('?chooser=1&path=no.no.yes');
    expect(field(chooser, 'Namespace').value).toBe(fieldSpec('nginx-proxy-module', 'namespace').defaultValue);
    act(() => history.goBack());
    expect(field(chooser, 'Namespace').value).toBe('team-a');
  });

  it('ignores an input parameter the outcome has no field for', () => {
    const {chooser, history} = renderChooser('/?chooser=1&path=no.no.no&in.bogus=1');
    expect(outcomeHeading(chooser, 'ziti-host')).toBeTruthy();
    expect(renderedArtifacts(chooser)).toEqual(expectedArtifacts('ziti-host'));
    expect(chooser.querySelector('[name="bogus"]')).toBeNull();
    expect(screen.queryByTestId('artifacts-invalid')).toBeNull();
    // The first edit writes only the outcome's own fields.
    fireEvent.change(field(chooser, 'Namespace'), {target: {value: 'team-a'}});
    expect(params(history).has('in.bogus')).toBe(false);
    expect(params(history).get('in.namespace')).toBe('team-a');
  });

  it('stops an invalid path at the last valid question', () => {
    const {chooser} = renderChooser('/?chooser=1&path=yes.sideways.no');
    expect(questionTexts(chooser)).toEqual([QUESTIONS.connects.text, QUESTIONS.placement.text]);
    expect(pressed(chooser, 'connects')).toEqual({Yes: 'true', No: 'false'});
    expect(pressed(chooser, 'placement')).toEqual({Pod: 'false', Node: 'false'});
    expect(within(chooser).queryByRole('heading', {level: 3})).toBeNull();
  });

  it('ignores answers past an outcome and links of another version', () => {
    const first = renderChooser('/?chooser=1&path=no.yes.no.no');
    expect(outcomeHeading(first.chooser, 'openziti-router')).toBeTruthy();
    cleanup();
    const second = renderChooser('/?chooser=9&path=no.yes');
    expect(questionTexts(second.chooser)).toEqual([QUESTIONS.connects.text]);
  });

  it('answering from a stale path writes only the valid answers', () => {
    const {chooser, history} = renderChooser('/?chooser=1&path=yes.sideways.no');
    answer(chooser, 'placement', 'Pod');
    expect(params(history).get('path')).toBe('yes.pod');
  });
});

describe('invalid input', () => {
  const id = 'ziti-host';
  const bad = 'Team_A!';

  it('ties the error to its field, announces the count and hides the files until fixed', () => {
    const {chooser, history} = renderChooser(outcomeSearch(id));
    fireEvent.change(field(chooser, 'Namespace'), {target: {value: bad}});

    const result = buildFromRaw(id, {...defaultRaw(id), namespace: bad});
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.issues.filter((i) => i.path === 'namespace').map((i) => i.message);
    expect(messages.length).toBeGreaterThan(0);

    const namespace = field(chooser, 'Namespace');
    expect(namespace.value).toBe(bad);
    expect(namespace.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (namespace.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    expect(describedBy.length).toBeGreaterThan(0);
    const descriptions = describedBy.map((ref) => document.getElementById(ref)?.textContent ?? '');
    for (const message of messages) expect(descriptions.some((text) => text.includes(message))).toBe(true);
    expect(params(history).get('in.namespace')).toBe(bad);

    const form = within(chooser).getByRole('form', {name: 'Your values'});
    const statuses = within(form).getAllByRole('status');
    expect(statuses.map((s) => s.textContent)).toContain('1 value needs fixing: Namespace.');
    // The summary links the field, so the count leads straight to it.
    const link = within(form).getByRole('link', {name: 'Namespace'});
    expect(link.getAttribute('href')).toBe(`#${namespace.id}`);

    expect(chooser.querySelector('[data-artifact]')).toBeNull();
    expect(chooser.querySelector('pre')).toBeNull();
    const alert = screen.getByTestId('artifacts-invalid');
    expect(alert.textContent).toContain('the error');

    fireEvent.change(field(chooser, 'Namespace'), {target: {value: 'team-c'}});
    const fixed = field(chooser, 'Namespace');
    expect(fixed.getAttribute('aria-invalid')).toBe('false');
    const fixedRefs = (fixed.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    expect(fixedRefs.map((ref) => document.getElementById(ref)?.textContent ?? '')).toEqual([
      fieldSpec(id, 'namespace').help,
    ]);
    expect(within(form).getAllByRole('status').map((s) => s.textContent)).not.toContain('1 value needs fixing: Namespace.');
    expect(screen.queryByTestId('artifacts-invalid')).toBeNull();
    const artifacts = renderedArtifacts(chooser);
    expect(artifacts).toEqual(expectedArtifacts(id, {namespace: 'team-c'}));
    expect(artifacts.some((a) => a.text.includes('team-c'))).toBe(true);
  });

  it('counts errors in several fields', () => {
    const {chooser} = renderChooser(outcomeSearch(id, `&in.namespace=${encodeURIComponent(bad)}&in.releaseName=Bad_Name`));
    const form = within(chooser).getByRole('form', {name: 'Your values'});
    expect(field(chooser, 'Namespace').getAttribute('aria-invalid')).toBe('true');
    expect(field(chooser, 'Helm release name').getAttribute('aria-invalid')).toBe('true');
    expect(within(form).getAllByRole('status').map((s) => s.textContent)).toContain('2 values need fixing: Namespace, Helm release name.');
    expect(screen.getByTestId('artifacts-invalid').textContent).toContain('2 errors');
  });
});

describe('no secrets in the URL', () => {
  const SECRET_WORDS = /token|password|passphrase|secret content|private key|jwt|credential/i;
  /** Fields that name where a secret is kept, never its content. */
  const REFERENCES = new Set(['secretName', 'secretKey']);

  it.each(OUTCOME_IDS)('%s: no free-text field asks for a secret; selects only pick from fixed choices', (id) => {
    for (const spec of BUILDERS[id].fields) {
      if (spec.kind === 'select') {
        // e.g. "Enrollment token source": a choice of where the token comes from, not the token.
        const values = (spec.options ?? []).map((o) => o.value);
        expect(values.length).toBeGreaterThan(0);
        for (const value of values) expect(value).toMatch(/^[A-Za-z0-9-]+$/);
        expect(values).toContain(spec.defaultValue);
        continue;
      }
      if (REFERENCES.has(spec.name)) continue;
      expect(`${spec.name} ${spec.label}`).not.toMatch(SECRET_WORDS);
      expect(spec.defaultValue).not.toMatch(/-----BEGIN|eyJ[A-Za-z0-9_-]{10,}/);
    }
  });

  it.each(OUTCOME_IDS)('%s: defaults leave only the path in the URL, and each value goes only into in.<name>', (id) => {
    const {chooser, history} = renderChooser(outcomeSearch(id));
    expect([...params(history).keys()]).toEqual(['chooser', 'path']);

    const specs = BUILDERS[id].fields;
    const shown = (spec: FieldSpec): boolean => within(chooser).queryByLabelText(spec.label) !== null;
    const changed = new Map<string, string>();
    function fillTextFields(): void {
      for (const spec of specs) {
        if (spec.kind === 'select' || changed.has(spec.name) || !shown(spec)) continue;
        const value = `field-${spec.name}-value`;
        fireEvent.change(field(chooser, spec.label), {target: {value}});
        changed.set(spec.name, value);
      }
    }
    fillTextFields();
    // Then pick the last option of every select (until none is left to reveal), and fill the fields that appeared.
    for (let again = true; again; ) {
      again = false;
      for (const spec of specs) {
        const value = spec.options?.at(-1)?.value;
        if (spec.kind !== 'select' || value === undefined || changed.has(spec.name) || !shown(spec)) continue;
        fireEvent.change(field(chooser, spec.label), {target: {value}});
        changed.set(spec.name, value);
        again = true;
      }
    }
    fillTextFields();
    expect(changed.size).toBeGreaterThan(0);
    expect(history.length).toBe(1);

    const names = new Set(specs.map((s) => s.name));
    const entries = [...params(history)];
    for (const [key, value] of entries) {
      if (key === 'chooser') expect(value).toBe('1');
      else if (key === 'path') expect(value).toBe(pathTo(id).join('.'));
      else {
        expect(key.startsWith('in.')).toBe(true);
        expect(names.has(key.slice(3))).toBe(true);
      }
    }
    for (const [name, value] of changed) {
      expect(params(history).get(`in.${name}`)).toBe(value);
      const holders = entries.filter(([, v]) => v.includes(value)).map(([k]) => k);
      if (!value.startsWith('field-')) continue; // select values are short words that may recur
      expect(holders).toEqual([`in.${name}`]);
    }
  }, 30_000); // Fills every field of the largest form one keystroke at a time; a loaded machine needs more than the 5 s default.
});
