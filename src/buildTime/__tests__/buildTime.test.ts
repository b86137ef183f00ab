import {readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {OUTCOME_IDS} from '../../data/decisionTree';
import {defaultArtifacts} from '../../manifests';

const dir = fileURLToPath(new URL('..', import.meta.url));
const components = (path: string): string[] =>
  readdirSync(path)
    .filter((name) => /^[A-Z]\w*\.tsx$/.test(name))
    .sort();

describe('build-time components', () => {
  it('each has a browser stand-in of the same name, and each stand-in a real component', () => {
    // The browser bundle resolves @build-time/<Name> in client/: a missing stand-in fails the build,
    // an extra one would be dead code (tsc checks each stand-in has its real component's type).
    expect(components(`${dir}/client`)).toEqual(components(dir));
    expect(components(dir).length).toBeGreaterThan(0);
  });
});

describe('default artifacts as the browser reads them back from the build’s markup', () => {
  // client/DefaultBlocks.tsx copies a block by joining its highlighted lines and adding the final newline.
  it.each(OUTCOME_IDS)('%s: every file ends with exactly one newline and has no carriage return', (outcome) => {
    for (const artifact of defaultArtifacts(outcome).all) {
      expect(artifact.text, artifact.fileName).toMatch(/[^\n]\n$/);
      expect(artifact.text, artifact.fileName).not.toContain('\r');
    }
  });
});
