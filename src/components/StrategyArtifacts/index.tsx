import type {ReactNode} from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {buildFromRaw, defaultRaw} from '@site/src/manifests';
import {publishedUrl} from '@site/src/manifests/published';
import ArtifactBlocks from '@site/src/components/ArtifactBlocks';

export interface StrategyArtifactsProps {
  readonly strategy: OutcomeId;
  /** Artifact ids to show, in this order; all of them when omitted. */
  readonly only?: readonly string[];
  readonly headingLevel?: 3 | 4 | 5;
  /**
   * Show Copy all and Download bundle (for the whole outcome) above these blocks.
   * By default they appear once per guide: with the blocks that include the outcome's first step.
   */
  readonly outcomeActions?: boolean;
}

/**
 * A guide's manifests and commands, rendered at build time from the same
 * builders as the chooser with default inputs, so the two cannot disagree.
 * The defaults are also published as files by the staticManifests plugin;
 * the blocks link to them.
 */
export default function StrategyArtifacts({strategy, only, headingLevel = 4, outcomeActions}: StrategyArtifactsProps): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  const values = defaultRaw(strategy);
  const result = buildFromRaw(strategy, values);
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
  const first = result.artifacts[0];
  return (
    <ArtifactBlocks
      artifacts={artifacts}
      headingLevel={headingLevel}
      actions={false}
      source={{outcome: strategy, values, artifacts: result.artifacts}}
      outcomeActions={outcomeActions ?? (first !== undefined && artifacts.includes(first))}
      publishedUrl={(fileName) => publishedUrl(siteConfig.url, siteConfig.baseUrl, strategy, fileName)}
    />
  );
}
