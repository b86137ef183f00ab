import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {BUILDS, E2E_GROUPS} from '../e2e/groups.mjs';

const E2E_DIR = fileURLToPath(new URL('../e2e/', import.meta.url));
const FILES = readdirSync(E2E_DIR)
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => name.slice(0, -'.test.ts'.length));

describe('tests/e2e/groups.mjs', () => {
  it('puts every end-to-end file in exactly one group, and names no file that is missing', () => {
    const listed = Object.values(E2E_GROUPS).flatMap((group) => group.files);
    const problems = [
      ...FILES.filter((file) => !listed.includes(file)).map((file) => `${file}.test.ts is in no group: add it to one in tests/e2e/groups.mjs`),
      ...FILES.filter((file) => listed.filter((entry) => entry === file).length > 1).map((file) => `${file}.test.ts is in more than one group`),
      ...listed.filter((entry) => !FILES.includes(entry)).map((entry) => `${entry} is listed but tests/e2e/${entry}.test.ts does not exist`),
    ];
    expect([...new Set(problems)]).toEqual([]);
    expect(FILES.length).toBeGreaterThan(0);
  });

  it('runs every group at least once, on a known build, each file once per build and host', () => {
    for (const [name, group] of Object.entries(E2E_GROUPS)) {
      expect(group.runs.length, name).toBeGreaterThan(0);
      for (const run of group.runs) expect(Object.keys(BUILDS), name).toContain(run.build);
      for (const run of group.runs) if (run.fallback !== undefined) expect(run.fallback, name).not.toBe(run.host);
      const keys = group.runs.flatMap((run) => [run.host, ...(run.fallback === undefined ? [] : [run.fallback])].map((host) => `${run.build} ${host}`));
      expect(new Set(keys).size, name).toBe(keys.length);
    }
  });

  it('runs what depends on the URL prefix under the nested build, and gives the root build a URL check', () => {
    const buildsOf = (file: string): string[] =>
      Object.values(E2E_GROUPS)
        .filter((group) => group.files.includes(file))
        .flatMap((group) => group.runs.map((run) => run.build));
    for (const file of ['site', 'flowchart', 'chooser', 'plain-host']) expect(buildsOf(file)).toContain('nested');
    expect(buildsOf('plain-host')).toContain('root');
    expect(BUILDS.nested.baseUrl).not.toBe('/');
  });
});
