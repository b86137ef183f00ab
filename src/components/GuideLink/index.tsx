import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {OUTCOMES, type OutcomeId} from '@site/src/data/decisionTree';
import {guideRoute} from '@site/src/utils/flowchart';

export interface GuideLinkProps {
  readonly outcome: OutcomeId;
  /** Link text; defaults to "the <title> guide". */
  readonly children?: ReactNode;
}

/** A link to an outcome's guide whose target and name come from the decision tree. */
export default function GuideLink({outcome, children}: GuideLinkProps): ReactNode {
  const {guidePath, title} = OUTCOMES[outcome];
  return <Link to={guideRoute(guidePath)}>{children ?? <>the {title} guide</>}</Link>;
}
