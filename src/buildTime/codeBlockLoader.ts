import type {IslandComponent} from './island';
import type {Props} from '@theme/CodeBlock';

let pending: Promise<IslandComponent<Props>> | null = null;
let loaded: IslandComponent<Props> | null = null;

/**
 * The code block with Prism, in a chunk of its own ("code-block"). Whatever
 * is about to render code in the browser (the reader's values, the chooser's
 * outcome) starts this at the same time as its own chunk, so the blocks
 * appear highlighted in one go.
 */
export function loadCodeBlock(): Promise<IslandComponent<Props>> {
  pending ??= import(/* webpackChunkName: "code-block" */ './CodeBlock').then((module) => {
    loaded = module.default;
    return loaded;
  });
  return pending;
}

/** The code block if it has loaded, so blocks rendered after that need not wait a tick. */
export function loadedCodeBlock(): IslandComponent<Props> | null {
  return loaded;
}
