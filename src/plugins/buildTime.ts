import {dirname, join} from 'node:path';
import {createRequire} from 'node:module';
import type {LoadContext, Plugin} from '@docusaurus/types';

/** The theme's client module as Docusaurus's generated client-modules.js requires it: an absolute path. */
function prismLanguagesModule(siteDir: string): string {
  const theme = createRequire(join(siteDir, 'package.json')).resolve('@docusaurus/theme-classic/package.json');
  return join(dirname(theme), 'lib', 'prism-include-languages');
}

/**
 * `@build-time/<Name>` names a component whose output only changes when the
 * site is rebuilt (a guide's default files, what it was checked against). The
 * server bundle, which writes the HTML, gets the real component from
 * src/buildTime; the browser bundle gets its stand-in from src/buildTime/client,
 * which keeps the server's markup as it is instead of computing it again, and
 * loads the real one in its own chunk only when there is no server markup to
 * keep (a page reached by client-side navigation). That is how a guide ships
 * no manifest builders, no YAML library and no highlighting work.
 */
export default function buildTime({siteDir}: LoadContext): Plugin {
  return {
    name: 'build-time-components',
    configureWebpack(_config, isServer) {
      const dir = join(siteDir, 'src', 'buildTime');
      if (isServer) return {resolve: {alias: {'@build-time': dir}}};
      return {
        resolve: {
          alias: {
            '@build-time': join(dir, 'client'),
            // The theme's client module that loads Prism and its extra languages on every page: in the browser
            // Prism is only needed to render new code, and src/buildTime/CodeBlock.tsx adds the languages then.
            [prismLanguagesModule(siteDir)]: false,
          },
        },
      };
    },
  };
}
