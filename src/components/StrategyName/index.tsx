import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {guideRoute} from '@site/src/utils/flowchart';
import {OUTCOMES, type OutcomeId} from '@site/src/data/decisionTree';

export interface StrategyNameProps {
  readonly outcome: OutcomeId;
  /** Link the name to the strategy's guide. */
  readonly link?: boolean;
}

/** A strategy's one name, from the decision tree, for tables and running text in MDX. */
export default function StrategyName({outcome, link = false}: StrategyNameProps): ReactNode {
  const {title, guidePath} = OUTCOMES[outcome];
  return link ? <Link to={guideRoute(guidePath)}>{title}</Link> : title;
}
