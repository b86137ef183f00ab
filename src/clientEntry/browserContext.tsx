/**
 * Stands in for Docusaurus's `@docusaurus/core/lib/client/browserContext.js` in the browser bundle
 * (src/plugins/stagedClientEntry.ts swaps the module), with the same exports: the context `useIsBrowser()` reads, and
 * the provider Docusaurus's App wraps the page in.
 *
 * The provider renders `false` for hydration, so the page matches its static HTML, then `true` from an effect. In
 * Docusaurus's module that second value is an ordinary update, which React renders without yielding: every
 * component that reads `useIsBrowser()` (the navbar, the theme toggle, each guide's value hooks and links) renders
 * again in one task of about 40 ms on this machine, 160 ms under Lighthouse's 4× slowdown. Here it is a transition,
 * which React renders in slices and sets aside for any input the reader gives meanwhile. What each component
 * shows once the page runs in a browser is unchanged; it can only come a few frames later.
 *
 * Once that render is on the page, the root element gets `data-hydrated="true"`, which the browser tests wait for
 * (tests/e2e/support.ts): hydration alone is no longer the page as a reader gets it.
 */
import {createContext, startTransition, useEffect, useLayoutEffect, useState, type ReactNode} from 'react';

export const Context = createContext(false);

let hydrationCommitted = false;

/**
 * Whether the page's hydration is on the page. Until the transition above ends, `useIsBrowser()` is still false
 * after it, so components that mount in between (the reader's stored values can bring new blocks at once) must
 * not take "not in a browser yet" to mean "over server markup": there is none for them.
 */
export function hasHydrated(): boolean {
  return hydrationCommitted;
}

export interface BrowserContextProviderProps {
  readonly children: ReactNode;
}

export function BrowserContextProvider({children}: BrowserContextProviderProps): ReactNode {
  const [isBrowser, setIsBrowser] = useState(false);
  // A layout effect: it runs in the commit of hydration, before any later render can mount anything.
  useLayoutEffect(function markHydrated() {
    hydrationCommitted = true;
  }, []);
  useEffect(function markBrowser() {
    startTransition(() => setIsBrowser(true));
  }, []);
  useEffect(
    function markPageReady() {
      if (isBrowser) document.documentElement.dataset.hydrated = 'true';
    },
    [isBrowser],
  );
  return <Context.Provider value={isBrowser}>{children}</Context.Provider>;
}
