import type {ReactNode} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import DefaultBlocks from '@build-time/DefaultBlocks';
import {useGuideValues} from '@site/src/hooks/useGuideValues';
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
 * builders as the chooser with default inputs, so the two cannot disagree,
 * and the browser keeps that markup (DefaultBlocks is build-time). Only when
 * the page uses values of the reader's for this strategy (stored, or in its
 * address) does the browser load the builders and rebuild the blocks from them.
 */
export default function StrategyArtifacts({
  strategy,
  only,
  headingLevel = 4,
  outcomeActions,
  valuesForm = false,
}: StrategyArtifactsProps): ReactNode {
  const {inputs: overrides} = useGuideValues(strategy);
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
