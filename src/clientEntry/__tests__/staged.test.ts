import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {describe, expect, it} from 'vitest';
import stagedClientEntry, {STAGED_ENTRY} from '../../plugins/stagedClientEntry';

const require = createRequire(import.meta.url);

/** The module ids the staged entry requires, in order, read from its source as webpack reads them. */
function requiredModules(): string[] {
  return [...readFileSync(STAGED_ENTRY, 'utf8').matchAll(/\brequire\('([^']+)'\)/g)].map((match) => match[1]!);
}

describe('the staged client entry', () => {
  it("requires React DOM, Docusaurus's App, then Docusaurus's own entry, each of which this install has", () => {
    const modules = requiredModules();
    expect(modules).toEqual(['react-dom/client', '@docusaurus/core/lib/client/App.js', '@docusaurus/core/lib/client/clientEntry.js']);
    // An upgrade of Docusaurus that moves either file fails here, with its name, before a build does.
    for (const id of modules) expect(() => require.resolve(id)).not.toThrow();
  });

  it("replaces only the browser bundle's entry: the server bundle renders the pages with its own", () => {
    const plugin = stagedClientEntry();
    const configure = plugin.configureWebpack!.bind(plugin) as unknown as (config: {entry: string}, isServer: boolean) => object;
    const client = {entry: 'clientEntry.js'};
    const server = {entry: 'serverEntry.js'};
    expect(configure(client, false)).toEqual({});
    expect(configure(server, true)).toEqual({});
    expect(client.entry).toBe(STAGED_ENTRY);
    expect(server.entry).toBe('serverEntry.js');
  });

  it("replaces the entry that Docusaurus's client config sets, so Docusaurus's own entry is what the last step runs", () => {
    const clientConfig = readFileSync(require.resolve('@docusaurus/core/lib/webpack/client.js'), 'utf8');
    expect(clientConfig).toMatch(/entry: path_1\.default\.resolve\(__dirname, '\.\.\/client\/clientEntry\.js'\)/);
  });
});
