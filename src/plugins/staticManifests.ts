import {mkdir, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import type {Plugin} from '@docusaurus/types';
import {OUTCOME_IDS} from '../data/decisionTree';
import {buildFromRaw, defaultRaw} from '../manifests';
import {publishedPath} from '../manifests/published';

/**
 * Publishes every strategy's default artifacts as plain files under
 * `<baseUrl>manifests/<outcome>/<fileName>`, so a reader can run
 * `kubectl apply -f https://…/manifests/…` without saving anything. The bytes
 * are the builders' text, the same the guides render at build time.
 */
export default function staticManifests(): Plugin {
  return {
    name: 'static-manifests',
    async postBuild({outDir}) {
      for (const outcome of OUTCOME_IDS) {
        const result = buildFromRaw(outcome, defaultRaw(outcome));
        if (!result.ok) throw new Error(`Default inputs of ${outcome} do not validate: ${JSON.stringify(result.issues)}`);
        for (const artifact of result.artifacts) {
          // publishedPath encodes the name for a URL; on disk it is the plain name.
          const file = join(outDir, decodeURIComponent(publishedPath(outcome, artifact.fileName)));
          await mkdir(dirname(file), {recursive: true});
          await writeFile(file, artifact.text, 'utf8');
        }
      }
    },
  };
}
