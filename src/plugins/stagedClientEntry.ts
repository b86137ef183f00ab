import type {Plugin} from '@docusaurus/types';
import {fileURLToPath} from 'node:url';

/** The browser bundle's entry: src/clientEntry/staged.ts, which runs Docusaurus's own entry in steps. */
export const STAGED_ENTRY = fileURLToPath(new URL('../clientEntry/staged.ts', import.meta.url));

/** Swaps the client bundle's entry; the server bundle (which renders the pages at build time) keeps its own. */
export default function stagedClientEntry(): Plugin {
  return {
    name: 'staged-client-entry',
    configureWebpack(config, isServer) {
      if (!isServer) config.entry = STAGED_ENTRY;
      return {};
    },
  };
}
