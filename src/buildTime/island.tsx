/**
 * Islands: parts of a page whose markup is fixed at build time. The server
 * bundle renders them in full; in the browser, a page loaded from the server
 * keeps that markup untouched through hydration, and only a page reached by
 * client-side navigation (which has no server markup for them) loads the real
 * component to render them. See src/plugins/buildTime.ts for how the browser
 * bundle gets the stand-ins.
 */
import type {ReactNode, Ref} from 'react';
import {useEffect, useRef, useState} from 'react';
import {hasHydrated} from '../clientEntry/browserContext';
import styles from './island.module.css';
import {ISLAND_ATTRIBUTE} from './names';

// Docusaurus defines this for its own client entry: true for a built site (hydrate), false for `docusaurus start` (render).
const HYDRATES = Boolean(process.env.HYDRATE_CLIENT_ENTRY);

// Passing the same object each render tells React the markup never changes, so it never rewrites it.
const KEEP_SERVER_MARKUP = {__html: ''};

export interface IslandProps {
  /** Which island this is, unique on the page: the browser's stand-in must render the same value. */
  readonly name: string;
  readonly children?: ReactNode;
}

/** An island's root as the server renders it (and as client-side navigation renders it, once loaded). */
export function Island({name, children}: IslandProps): ReactNode {
  return (
    <div className={styles.island} {...{[ISLAND_ATTRIBUTE]: name}}>
      {children}
    </div>
  );
}

/**
 * True when this component's first render is the hydration of a server-rendered
 * page, for the component's whole life. A component mounted after hydration
 * (after navigation, or a state change such as the reader's stored values
 * applying) has no server markup to keep. Asked of the hydration itself rather
 * than of `useIsBrowser`, which stays false until a transition after it ends.
 */
export function useOverServerMarkup(): boolean {
  const [over] = useState(() => HYDRATES && !hasHydrated());
  return over;
}

/** The island's root with React told to leave whatever the server put inside it. */
export function KeptMarkup({name, ref}: {readonly name: string; readonly ref?: Ref<HTMLDivElement>}): ReactNode {
  return (
    <div
      ref={ref}
      className={styles.island}
      {...{[ISLAND_ATTRIBUTE]: name}}
      dangerouslySetInnerHTML={KEEP_SERVER_MARKUP}
      suppressHydrationWarning
    />
  );
}

/** A function component, as every build-time module exports. */
export type IslandComponent<P> = (props: P) => ReactNode;

export interface ClientIslandOptions<P> {
  /** The island's name for these props; must equal what the server module passes to <Island>. */
  readonly name: (props: P) => string;
  /** The real component, in a chunk of its own: only for pages with no server markup to keep. */
  readonly load: () => Promise<IslandComponent<P>>;
  /** The real component if something else already loaded it, so it renders at once instead of after a tick. */
  readonly loaded?: () => IslandComponent<P> | null;
  /**
   * Makes kept server markup interactive without React (event delegation on
   * its root). Returns the clean-up.
   */
  readonly enhance?: (root: HTMLElement, props: P) => () => void;
}

/** The browser's stand-in for a build-time component. */
export function clientIsland<P extends object>({
  name,
  load,
  loaded: loadedElsewhere,
  enhance,
}: ClientIslandOptions<P>): IslandComponent<P> {
  let loaded: IslandComponent<P> | null = null;
  let pending: Promise<IslandComponent<P>> | null = null;
  function loadOnce(): Promise<IslandComponent<P>> {
    pending ??= load().then((component) => {
      loaded = component;
      return component;
    });
    return pending;
  }

  return function ClientIsland(props: P): ReactNode {
    const over = useOverServerMarkup();
    const root = useRef<HTMLDivElement>(null);
    const [state, setState] = useState<{readonly component: IslandComponent<P> | null; readonly failed: boolean}>(() => ({
      component: loaded ?? loadedElsewhere?.() ?? null,
      failed: false,
    }));
    const latest = useRef(props);
    latest.current = props;

    useEffect(() => {
      if (!over || !enhance || !root.current) return undefined;
      return enhance(root.current, latest.current);
    }, [over]);

    useEffect(() => {
      if (over || state.component || state.failed) return undefined;
      let current = true;
      loadOnce().then(
        (component) => current && setState({component, failed: false}),
        () => current && setState({component: null, failed: true}),
      );
      return () => {
        current = false;
      };
    }, [over, state.component, state.failed]);

    if (over) return <KeptMarkup name={name(props)} ref={root} />;
    const Component = state.component;
    if (Component) return <Component {...props} />;
    return (
      <Island name={name(props)}>
        <p className={styles.loading} role="status">
          {state.failed ? 'This part of the page could not be loaded; reload the page to try again.' : 'Loading…'}
        </p>
      </Island>
    );
  };
}
