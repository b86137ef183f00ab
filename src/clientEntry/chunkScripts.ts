import {inNextTask} from '../utils/scheduling';

/**
 * The part of the bundler's runtime that adds a chunk's `<script>` to the page (`__webpack_require__.l`, the same
 * in webpack and Rspack): the chunk's URL, what to call when it has loaded or failed, and the keys that let the
 * runtime find a script of the same chunk already in the page.
 */
export type LoadScript = (url: string, done: (event: Event) => void, key?: string, chunkId?: string | number) => void;

export interface ChunkRuntime {
  l: LoadScript;
}

/**
 * Makes the runtime add each chunk's script in a task of its own.
 *
 * Before hydrating, Docusaurus's entry asks for every chunk of the page's route at once (about ten on a guide), and
 * the runtime adds their scripts in that one task: 40 to 50 ms on this machine with Lighthouse's tracing on, most
 * of it inserting the elements, which Lighthouse's 4× slowdown makes one blocking task of 160 to 200 ms. The chunks are
 * requested in the same order, a task later each; which chunks are asked for, and when the runtime waits for them,
 * does not change, as the runtime marks a chunk as loading before it calls this.
 */
export function addChunkScriptsOnePerTask(runtime: ChunkRuntime, later: (step: () => void) => void = inNextTask): void {
  const addScript = runtime.l;
  runtime.l = function addScriptInNextTask(url, done, key, chunkId) {
    later(() => addScript(url, done, key, chunkId));
  };
}
