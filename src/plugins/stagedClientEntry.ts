import type {Plugin} from '@docusaurus/types';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

const require = createRequire(import.meta.url);

/** The browser bundle's entry: src/clientEntry/staged.ts, which runs Docusaurus's own entry in steps. */
export const STAGED_ENTRY = fileURLToPath(new URL('../clientEntry/staged.ts', import.meta.url));

/** Our browser context module (src/clientEntry/browserContext.tsx), and the module of Docusaurus's that it replaces. */
export const BROWSER_CONTEXT = fileURLToPath(new URL('../clientEntry/browserContext.tsx', import.meta.url));
export const DOCUSAURUS_BROWSER_CONTEXT = require.resolve('@docusaurus/core/lib/client/browserContext.js');

/** Our window-size hook (src/clientEntry/windowSize.ts), and theme-common's module that it replaces. */
export const WINDOW_SIZE = fileURLToPath(new URL('../clientEntry/windowSize.ts', import.meta.url));
export const THEME_WINDOW_SIZE = join(dirname(require.resolve('@docusaurus/theme-common')), 'hooks/useWindowSize.js');

/**
 * Swaps the client bundle's entry, and Docusaurus's browser context for ours (both imports of it: App's and
 * useIsBrowser's, which must share one context). The server bundle, which renders the pages at build time, keeps
 * Docusaurus's own: the two render the same `false` there.
 */
export default function stagedClientEntry(): Plugin {
  return {
    name: 'staged-client-entry',
    configureWebpack(config, isServer) {
      if (isServer) return {};
      config.entry = STAGED_ENTRY;
      // An alias keyed by a path applies to relative imports that resolve there: App and useIsBrowser import
      // '(.)./browserContext', without the extension, so that is the key.
      // theme-common imports its window-size hook the same way ('./hooks/useWindowSize', '../hooks/useWindowSize').
      return {
        resolve: {
          alias: {
            [DOCUSAURUS_BROWSER_CONTEXT.replace(/\.js$/, '')]: BROWSER_CONTEXT,
            [THEME_WINDOW_SIZE.replace(/\.js$/, '')]: WINDOW_SIZE,
          },
        },
      };
    },
  };
}
