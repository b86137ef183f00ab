/**
 * The outcome's form and files (OutcomePanel: the builders, js-yaml, the
 * highlighted blocks) live in a chunk of their own, so the overview's first
 * load ships none of it. The chooser starts the download as soon as a reader
 * approaches an outcome (hovers or focuses an answer, or answers a question),
 * which is well before the click that reaches one.
 */
import {startTransition, useEffect, useState} from 'react';
import type OutcomePanelComponent from './OutcomePanel';
import {loadCodeBlock} from '../../buildTime/codeBlockLoader';

export type OutcomePanelType = typeof OutcomePanelComponent;

/** In the chunk's file name, so tests can tell whether a page requested it. */
export const PANEL_CHUNK = 'chooser-outcome';

let pending: Promise<OutcomePanelType> | null = null;
let loaded: OutcomePanelType | null = null;

/** One import() per page; a failed download may be tried again by the next call. */
export function loadOutcomePanel(): Promise<OutcomePanelType> {
  // With the highlighter, so the outcome's files appear highlighted in one go.
  pending ??= Promise.all([import(/* webpackChunkName: "chooser-outcome" */ './OutcomePanel'), loadCodeBlock()]).then(
    ([module]) => {
      loaded = module.default;
      return module.default;
    },
    (error: unknown) => {
      pending = null;
      throw error;
    },
  );
  return pending;
}

/** Starts the download without waiting for it; a failure shows when the panel is needed. */
export function preloadOutcomePanel(): void {
  loadOutcomePanel().catch(() => undefined);
}

export type PanelState =
  | {readonly status: 'loading' | 'failed'}
  | {readonly status: 'ready'; readonly Panel: OutcomePanelType};

/**
 * The panel component once `needed` is true; loading (never fetched) while it
 * is false. When the chunk arrives, the render it causes is a transition, so
 * it never holds up a paint the reader is waiting for.
 */
export function useOutcomePanel(needed: boolean): PanelState {
  const [Panel, setPanel] = useState<OutcomePanelType | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!needed || Panel) return;
    let current = true;
    loadOutcomePanel().then(
      (component) => {
        if (current) startTransition(() => setPanel(() => component));
      },
      () => {
        if (current) setFailed(true);
      },
    );
    return () => {
      current = false;
    };
  }, [needed, Panel]);
  if (Panel) return {status: 'ready', Panel};
  return {status: failed ? 'failed' : 'loading'};
}
