import type {ReactNode} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {buildFromRaw, defaultRaw} from '@site/src/manifests';
import ArtifactBlocks from '@site/src/components/ArtifactBlocks';

export interface StrategyArtifactsProps {
  readonly strategy: OutcomeId;
  /** Artifact ids to show, in this order; all of them when omitted. */
  readonly only?: readonly string[];
  readonly headingLevel?: 3 | 4 | 5;
}

/**
 * A guide's manifests and commands, rendered at build time from the same
 * builders as the chooser with default inputs, so the two cannot disagree.
 */
export default function StrategyArtifacts({strategy, only, headingLevel = 4}: StrategyArtifactsProps): ReactNode {
  const result = buildFromRaw(strategy, defaultRaw(strategy));
  if (!result.ok) {
    // Defaults that do not validate are a bug in the builder; fail the build rather than print nothing.
    throw new Error(`Default inputs of ${strategy} do not validate: ${JSON.stringify(result.issues)}`);
  }
  const artifacts = only
    ? only.map((id) => {
        const found = result.artifacts.find((artifact) => artifact.id === id);
        if (!found) throw new Error(`${strategy} has no artifact "${id}"`);
        return found;
      })
    : result.artifacts;
  return <ArtifactBlocks artifacts={artifacts} headingLevel={headingLevel} actions={false} />;
}
