/**
 * Stands in for `@docusaurus/theme-common`'s `useWindowSize` in the browser bundle (src/plugins/stagedClientEntry.ts
 * swaps the module), with the same export and values: `'ssr'` for hydration, then `'desktop'` or `'mobile'` by the
 * same breakpoint.
 *
 * The theme learns the window's size from an effect after hydration. On a phone that first update is the largest
 * one a page gets: the navbar draws its phone menu and the doc page drops the desktop table of contents. As an
 * ordinary update React rendered it without yielding, about 22 ms in one task on this machine (90 ms under
 * Lighthouse's 4× slowdown). Here it is a transition, which React renders in slices, together with the browser
 * context's own (./browserContext.tsx). Later changes, when the reader resizes the window, stay ordinary updates.
 */
import {startTransition, useEffect, useState} from 'react';

export type WindowSize = 'desktop' | 'mobile' | 'ssr';

/** Infima's breakpoint, as the theme's hook has it: the stylesheet switches layouts at the same width. */
const DESKTOP_BREAKPOINT = 996;

function currentSize(desktopBreakpoint: number): WindowSize {
  return window.innerWidth > desktopBreakpoint ? 'desktop' : 'mobile';
}

export function useWindowSize({desktopBreakpoint = DESKTOP_BREAKPOINT}: {desktopBreakpoint?: number} = {}): WindowSize {
  // The same first value on the server and for hydration, whatever the window: the theme's components rely on it.
  const [windowSize, setWindowSize] = useState<WindowSize>('ssr');
  useEffect(
    function followWindowSize() {
      startTransition(() => setWindowSize(currentSize(desktopBreakpoint)));
      function onResize(): void {
        setWindowSize(currentSize(desktopBreakpoint));
      }
      window.addEventListener('resize', onResize);
      return () => window.removeEventListener('resize', onResize);
    },
    [desktopBreakpoint],
  );
  return windowSize;
}
