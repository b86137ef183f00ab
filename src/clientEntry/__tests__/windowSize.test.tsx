// @vitest-environment jsdom
import type {ReactNode} from 'react';
import {act, cleanup, render} from '@testing-library/react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {useWindowSize} from '../windowSize';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Size({breakpoint}: {breakpoint?: number}): ReactNode {
  return <p>{useWindowSize(breakpoint === undefined ? undefined : {desktopBreakpoint: breakpoint})}</p>;
}

function setWidth(width: number): void {
  Object.defineProperty(window, 'innerWidth', {configurable: true, value: width});
}

async function hydrate(children: ReactNode): Promise<HTMLElement> {
  const container = document.createElement('div');
  container.innerHTML = '<p>ssr</p>';
  document.body.append(container);
  await act(async () => {
    render(children, {container, hydrate: true});
  });
  return container;
}

describe('the window-size hook', () => {
  it("hydrates the server's 'ssr' without a mismatch, then gives the phone's size", async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    setWidth(412);
    const container = await hydrate(<Size />);
    expect(errors).not.toHaveBeenCalled();
    expect(container.innerHTML).toBe('<p>mobile</p>');
  });

  it('switches at the theme\'s breakpoint, 996 px, or the one it is given, and follows a resize', async () => {
    setWidth(996);
    const container = await hydrate(<Size />);
    expect(container.textContent).toBe('mobile');
    await act(async () => {
      setWidth(997);
      window.dispatchEvent(new Event('resize'));
    });
    expect(container.textContent).toBe('desktop');
    cleanup();
    setWidth(800);
    expect((await hydrate(<Size breakpoint={700} />)).textContent).toBe('desktop');
  });

  it('stops listening once unmounted', async () => {
    const removed = vi.spyOn(window, 'removeEventListener');
    setWidth(1280);
    await hydrate(<Size />);
    cleanup();
    expect(removed).toHaveBeenCalledWith('resize', expect.any(Function));
  });
});
