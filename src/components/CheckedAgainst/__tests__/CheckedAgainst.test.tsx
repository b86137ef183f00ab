// @vitest-environment jsdom
import {afterEach, describe, expect, it} from 'vitest';
import {cleanup, render, screen, within} from '@testing-library/react';
import CheckedAgainst from '../index';
import {longDate} from '../../../utils/longDate';
import {OUTCOME_IDS} from '@site/src/data/decisionTree';
import {FACTS_CHECKED, checkedAgainst} from '@site/src/data/checkedAgainst';

afterEach(cleanup);

function box(): HTMLElement {
  return screen.getByTestId('checked-against');
}

/** The <dd> that follows the <dt> with this text. */
function entry(term: string): string {
  const dt = within(box()).getByText(term, {selector: 'dt'});
  return dt.nextElementSibling?.textContent ?? '';
}

describe.each(OUTCOME_IDS)('<CheckedAgainst outcome="%s" />', (outcome) => {
  it('shows the release line, the chart or plain manifests, every image and the date', () => {
    render(<CheckedAgainst outcome={outcome} />);
    const data = checkedAgainst(outcome);
    expect(within(box()).getByText('What this guide was checked against')).toBeTruthy();
    expect(entry('OpenZiti')).toContain(data.openZitiLine);
    if (data.chart) {
      expect(entry('Installed with')).toContain(`Helm chart ${data.chart.name} version ${data.chart.version}`);
    } else {
      expect(entry('Installed with')).toBe('Plain manifests, no Helm chart');
    }
    const images = within(box()).getAllByRole('listitem').map((item) => item.textContent ?? '');
    expect(images).toHaveLength(data.images.length);
    data.images.forEach((image, index) => expect(images[index]).toContain(image.reference));
    const kube = entry('Kubernetes');
    if (data.chart?.kubeVersion) expect(kube).toContain(`kubeVersion: ${data.chart.kubeVersion}`);
    else if (data.chart) expect(kube).toContain('declares no Kubernetes version range');
    else expect(kube).toContain('No chart declares a range');
    expect(box().querySelector('time')?.getAttribute('datetime')).toBe(FACTS_CHECKED);
  });
});

describe('longDate', () => {
  it('writes the date the same way in every locale', () => {
    expect(longDate('2026-11-27')).toBe('27 November 2026');
    expect(longDate('2027-01-05')).toBe('5 January 2027');
  });

  it('refuses anything but YYYY-MM-DD', () => {
    expect(() => longDate('27/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(() => longDate('2026-13-01')).toThrow(/YYYY-MM-DD/);
  });
});
