/**
 * The browser bundle's entry in place of Docusaurus's own (src/plugins/stagedClientEntry.ts). It starts the same
 * client, but in five tasks instead of one.
 *
 * Docusaurus's entry imports React DOM, its App (routes, theme root, client modules) and then starts hydration, all
 * while `main.js` evaluates: V8 compiles and runs every module of the bundle in one task, about 60 ms on a phone here
 * (240 ms under Lighthouse's 4× slowdown), which is one long task of the page's Total Blocking Time. Requiring the
 * same modules in five steps, each in a task of its own, leaves the browser free to paint and answer input between
 * them. The modules stay in `main.js` (the stylesheet and the chunk names are unchanged); only when each runs moves.
 *
 * It also keeps the entry's work off the stack of `main.js`'s top-level code: tools that record where a request or a
 * style change came from (DevTools, Lighthouse) collect source positions for every frame on the stack, and the
 * top-level frame's source is the whole 390 kB file.
 *
 * The entry's own preloading of the route's chunks is spread the same way (./chunkScripts.ts), and the update that
 * follows hydration is a transition (./browserContext.tsx).
 */

import {inNextTask} from '../utils/scheduling';
import {addChunkScriptsOnePerTask, type ChunkRuntime} from './chunkScripts';
import {prefetchWhenIdle, type DocusaurusClient} from './idlePrefetch';

declare const require: (id: string) => unknown;
// The bundler's runtime, which both webpack and Rspack let a module reach by this name.
declare const __webpack_require__: ChunkRuntime;

addChunkScriptsOnePerTask(__webpack_require__);

// Each step runs in a task of its own (a posted message, which a hidden tab does not slow down: the loader in
// src/ssr/paintFirst.ts starts the bundles at once there).
const STEPS: readonly (() => void)[] = [
  // React DOM alone is about half of the bundle's code.
  () => require('react-dom/client'),
  // Docusaurus's App, in three parts: its first two imports, the client modules and the route table, and then
  // App itself with the theme root. Together they took one task of 13 to 37 ms here with Lighthouse's tracing on.
  // App's imports run in the order App lists them, as they would have; only the first two run a task earlier.
  () => require('@generated/client-modules'),
  () => require('@generated/routes'),
  () => require('@docusaurus/core/lib/client/App.js'),
  // The entry itself: it preloads the route's chunks and hydrates once they are here. It sets window.docusaurus
  // first, whose link prefetching then waits for idle time (./idlePrefetch.ts).
  () => {
    require('@docusaurus/core/lib/client/clientEntry.js');
    const page = window as unknown as {docusaurus?: DocusaurusClient};
    if (page.docusaurus) page.docusaurus = prefetchWhenIdle(page.docusaurus);
  },
];

function runFrom(index: number): void {
  if (index >= STEPS.length) return;
  inNextTask(() => {
    STEPS[index]!();
    runFrom(index + 1);
  });
}

runFrom(0);

export {};
