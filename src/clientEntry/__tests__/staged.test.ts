import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import stagedClientEntry, {
  BROWSER_CONTEXT,
  DOCUSAURUS_BROWSER_CONTEXT,
  STAGED_ENTRY,
  THEME_WINDOW_SIZE,
  WINDOW_SIZE,
} from '../../plugins/stagedClientEntry';

const require = createRequire(import.meta.url);

/** The module ids the staged entry requires, in order, read from its source as webpack reads them. */
function requiredModules(): string[] {
  return [...readFileSync(STAGED_ENTRY, 'utf8').matchAll(/\brequire\('([^']+)'\)/g)].map((match) => match[1]!);
}

describe('the staged client entry', () => {
  it("requires React DOM, App's first two imports, Docusaurus's App, then Docusaurus's own entry, each of which this install has", () => {
    const modules = requiredModules();
    expect(modules).toEqual([
      'react-dom/client',
      '@generated/client-modules',
      '@generated/routes',
      '@docusaurus/core/lib/client/App.js',
      '@docusaurus/core/lib/client/clientEntry.js',
    ]);
    // An upgrade of Docusaurus that moves a file fails here, with its name, before a build does.
    for (const id of modules.filter((module) => !module.startsWith('@generated/'))) expect(() => require.resolve(id)).not.toThrow();
    // The generated modules exist only in a build; App must still import them, first and in this order, or
    // requiring them early would change what runs before what.
    const app = readFileSync(require.resolve('@docusaurus/core/lib/client/App.js'), 'utf8');
    const imports = [...app.matchAll(/^import (?:.+ from )?'([^']+)';$/gm)].map((match) => match[1]);
    expect(imports.slice(1, 3)).toEqual(['@generated/client-modules', '@generated/routes']);
  });

  it("replaces only the browser bundle's entry: the server bundle renders the pages with its own", () => {
    const plugin = stagedClientEntry();
    const configure = plugin.configureWebpack!.bind(plugin) as unknown as (config: {entry: string}, isServer: boolean) => object;
    const client = {entry: 'clientEntry.js'};
    const server = {entry: 'serverEntry.js'};
    expect(configure(client, false)).toEqual({
      resolve: {
        alias: {
          [DOCUSAURUS_BROWSER_CONTEXT.replace(/\.js$/, '')]: BROWSER_CONTEXT,
          [THEME_WINDOW_SIZE.replace(/\.js$/, '')]: WINDOW_SIZE,
        },
      },
    });
    expect(configure(server, true)).toEqual({});
    expect(client.entry).toBe(STAGED_ENTRY);
    expect(server.entry).toBe('serverEntry.js');
  });

  it("replaces the entry that Docusaurus's client config sets, so Docusaurus's own entry is what the last step runs", () => {
    const clientConfig = readFileSync(require.resolve('@docusaurus/core/lib/webpack/client.js'), 'utf8');
    expect(clientConfig).toMatch(/entry: path_1\.default\.resolve\(__dirname, '\.\.\/client\/clientEntry\.js'\)/);
  });

  it("swaps Docusaurus's browser context for one with its exports, under the name both its importers use", async () => {
    const original = readFileSync(DOCUSAURUS_BROWSER_CONTEXT, 'utf8');
    const exported = [...original.matchAll(/^export (?:const|function) (\w+)/gm)].map((match) => match[1]).sort();
    expect(exported).toEqual(['BrowserContextProvider', 'Context']);
    const ours = await import('../browserContext');
    // Everything Docusaurus's module gives its importers, and our own hasHydrated() for the islands.
    expect(Object.keys(ours).sort()).toEqual([...exported, 'hasHydrated'].sort());
    // The alias's key is the path App and useIsBrowser import, without the extension.
    const client = dirname(DOCUSAURUS_BROWSER_CONTEXT);
    expect(readFileSync(join(client, 'App.js'), 'utf8')).toContain("from './browserContext';");
    expect(readFileSync(join(client, 'exports/useIsBrowser.js'), 'utf8')).toContain("from '../browserContext';");
  });

  it("swaps theme-common's window-size hook for one with its export, under the name both its importers use", async () => {
    const original = readFileSync(THEME_WINDOW_SIZE, 'utf8');
    const exported = [...original.matchAll(/^export (?:const|function) (\w+)/gm)].map((match) => match[1]);
    expect(exported).toEqual(['useWindowSize']);
    // The theme's breakpoint, which ours repeats because Infima's stylesheet has it too.
    expect(original).toContain('const DesktopBreakpoint = 996;');
    const ours = await import('../windowSize');
    expect(Object.keys(ours)).toEqual(exported);
    const lib = dirname(dirname(THEME_WINDOW_SIZE));
    expect(readFileSync(join(lib, 'index.js'), 'utf8')).toContain("export { useWindowSize } from './hooks/useWindowSize';");
    expect(readFileSync(join(lib, 'contexts/navbarMobileSidebar.js'), 'utf8')).toContain("import { useWindowSize } from '../hooks/useWindowSize';");
  });
});
