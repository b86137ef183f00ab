import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {guideRoute} from '@site/src/utils/flowchart';
import {OUTCOME_IDS, OUTCOMES} from '@site/src/data/decisionTree';
import {buildFromRaw, defaultRaw} from '@site/src/manifests';
import ArtifactBlocks from '@site/src/components/ArtifactBlocks';

/**
 * Without JavaScript the buttons cannot change anything, so readers (and search
 * engines) get every outcome with its default files instead, as plain text (a reader
 * with JavaScript downloads this too). Build-time: the browser never shows it, so it
 * never builds these (client/NoScriptOutcomes.tsx).
 */
export default function NoScriptOutcomes(): ReactNode {
  return (
    <noscript>
      <p>JavaScript is off, so here is every strategy with its default files.</p>
      {OUTCOME_IDS.map((id) => {
        const result = buildFromRaw(id, defaultRaw(id));
        return (
          <div key={id}>
            <h3>{OUTCOMES[id].title}</h3>
            <p>
              {OUTCOMES[id].reason} <Link to={guideRoute(OUTCOMES[id].guidePath)}>Read the guide.</Link>
            </p>
            {result.ok && <ArtifactBlocks artifacts={result.artifacts} headingLevel={4} actions={false} plain />}
          </div>
        );
      })}
    </noscript>
  );
}
