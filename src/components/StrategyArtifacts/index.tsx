import type {ReactNode} from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {defaultArtifacts, defaultRaw} from '@site/src/manifests';
import {publishedUrl} from '@site/src/manifests/published';
import ArtifactBlocks from '@site/src/components/ArtifactBlocks';
import {useReaderValues} from '@site/src/hooks/useReaderValues';
import {overridesFor} from '@site/src/utils/readerValues';
import {useLive} from './useLive';
import YourValues from './YourValues';

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
  /** Put the guide's "Your values" form above these blocks (once per guide, on its first blocks). */
  readonly valuesForm?: boolean;
}

/**
 * A guide's manifests and commands. The build renders them from the same
 * builders as the chooser with default inputs, so the two cannot disagree;
 * the defaults are also published as files by the staticManifests plugin and
 * the blocks link to them. When the reader has stored values for this
 * strategy, the blocks are rebuilt from them in the browser.
 */
export default function StrategyArtifacts({
  strategy,
  only,
  headingLevel = 4,
  outcomeActions,
  valuesForm = false,
}: StrategyArtifactsProps): ReactNode {
  const {stored} = useReaderValues();
  const overrides = overridesFor(stored, strategy);
  const custom = Object.keys(overrides).length > 0;
  const live = useLive(custom);
  return (
    <>
      {valuesForm && <YourValues strategy={strategy} />}
      {custom && live.status === 'ready' ? (
        <live.live.LiveBlocks
          strategy={strategy}
          overrides={overrides}
          only={only}
          headingLevel={headingLevel}
          outcomeActions={outcomeActions}
        />
      ) : (
        // While the reader's build loads (a moment), the defaults stay in place rather than the page jumping.
        <DefaultBlocks strategy={strategy} only={only} headingLevel={headingLevel} outcomeActions={outcomeActions} />
      )}
    </>
  );
}

function DefaultBlocks({
  strategy,
  only,
  headingLevel,
  outcomeActions,
}: Required<Pick<StrategyArtifactsProps, 'strategy' | 'headingLevel'>> & Pick<StrategyArtifactsProps, 'only' | 'outcomeActions'>): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  const values = defaultRaw(strategy);
  const {all, shown: artifacts} = defaultArtifacts(strategy, only);
  const first = all[0];
  return (
    <ArtifactBlocks
      artifacts={artifacts}
      headingLevel={headingLevel}
      actions={false}
      source={{outcome: strategy, values, artifacts: all}}
      outcomeActions={outcomeActions ?? (first !== undefined && artifacts.includes(first))}
      publishedUrl={(fileName) => publishedUrl(siteConfig.url, siteConfig.baseUrl, strategy, fileName)}
    />
  );
}
