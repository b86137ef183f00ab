// @vitest-environment jsdom
import {useContext, type ReactNode} from 'react';
import {act, cleanup, render} from '@testing-library/react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {BrowserContextProvider, Context, hasHydrated} from '../browserContext';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Where(): ReactNode {
  return <p>{useContext(Context) ? 'browser' : 'static'}</p>;
}

describe('the browser context', () => {
  it('hydrates static HTML without a mismatch, then turns to the browser', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    delete document.documentElement.dataset.hydrated;
    const container = document.createElement('div');
    container.innerHTML = '<p>static</p>';
    document.body.append(container);
    expect(hasHydrated()).toBe(false);
    await act(async () => {
      render(
        <BrowserContextProvider>
          <Where />
        </BrowserContextProvider>,
        {container, hydrate: true},
      );
    });
    expect(errors).not.toHaveBeenCalled();
    // From here on, a component that mounts has no server markup under it.
    expect(hasHydrated()).toBe(true);
    expect(container.innerHTML).toBe('<p>browser</p>');
    // What browser tests wait for, set only once the page shows what a browser shows.
    expect(document.documentElement.dataset.hydrated).toBe('true');
  });
});
