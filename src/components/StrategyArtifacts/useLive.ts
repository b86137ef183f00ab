import {useEffect, useState} from 'react';
import {loadCodeBlock} from '../../buildTime/codeBlockLoader';

export type LiveModule = typeof import('./live');

let pending: Promise<LiveModule> | null = null;
let loaded: LiveModule | null = null;

/** One import() for the whole page; the chunk name lets tests see whether it was requested. */
export function loadLive(): Promise<LiveModule> {
  // The highlighter comes with it: the blocks built from the reader's values appear highlighted in one go.
  pending ??= Promise.all([import(/* webpackChunkName: "reader-values" */ './live'), loadCodeBlock()]).then(([module]) => {
    loaded = module;
    return module;
  });
  return pending;
}

export type LiveState = {readonly status: 'idle' | 'loading' | 'failed'} | {readonly status: 'ready'; readonly live: LiveModule};

/**
 * The live module once `needed` turns true; idle until then, so the builders
 * are never fetched for a reader who keeps the defaults.
 */
export function useLive(needed: boolean): LiveState {
  // Starts empty even when loaded, so the first render after hydration matches the static HTML.
  const [state, setState] = useState<LiveState>(() => (loaded && needed ? {status: 'ready', live: loaded} : {status: 'idle'}));
  useEffect(() => {
    if (!needed || state.status === 'ready' || state.status === 'failed') return;
    let current = true;
    loadLive().then(
      (live) => current && setState({status: 'ready', live}),
      () => current && setState({status: 'failed'}),
    );
    return () => {
      current = false;
    };
  }, [needed, state.status]);
  if (needed && state.status === 'idle') return {status: 'loading'};
  return state;
}
