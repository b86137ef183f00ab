// @vitest-environment jsdom
/**
 * What follows an answer a frame later, with the real afterNextPaint (StrategyChooser.test.tsx replaces it):
 * the answer is on screen at once, the URL and focus follow, and the outcome's panel (its own chunk) after.
 */
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, fireEvent, waitFor, within} from '@testing-library/react';
import {renderChooser} from './renderChooser';
import {OUTCOMES, QUESTIONS} from '@site/src/data/decisionTree';

afterEach(() => {
  cleanup();
  // The chooser puts stored values into the address: each test starts from a reader without any.
  localStorage.clear();
});


describe('after an answer', () => {
  it('shows the next question at once; the URL and focus follow after the paint', async () => {
    const {history, chooser} = renderChooser();
    fireEvent.click(within(chooser).getByRole('button', {name: 'Yes'}));
    const placement = within(chooser).getByRole('group', {name: QUESTIONS.placement.text});
    expect(history.location.search).toBe('');
    expect(history.length).toBe(1);
    await waitFor(() => expect(history.location.search).toBe('?chooser=1&path=yes'));
    expect(history.length).toBe(2);
    await waitFor(() => expect(document.activeElement).toBe(placement));
  });

  it('shows the outcome summary at once, and the form and files in the frames after', async () => {
    const {chooser} = renderChooser('/?chooser=1&path=yes');
    fireEvent.click(within(chooser).getByRole('button', {name: 'Node'}));
    expect(within(chooser).getByRole('heading', {level: 3, name: OUTCOMES['node-proxy-daemonset'].title})).toBeTruthy();
    expect(chooser.querySelector('[data-artifact]')).toBeNull();
    await within(chooser).findByRole('form', {name: 'Your values'}, {timeout: 10_000});
    expect(chooser.querySelectorAll('[data-artifact]').length).toBeGreaterThan(0);
    expect(within(chooser).queryByText('Loading the form and files…')).toBeNull();
  });
});
