import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {OUTCOMES, pathTo, type OutcomeId} from '@site/src/data/decisionTree';
import {useGuideValues} from '@site/src/hooks/useGuideValues';
import {encodeState} from '@site/src/utils/chooserState';

export interface ChooserLinkProps {
  readonly outcome: OutcomeId;
  readonly children?: ReactNode;
}

/**
 * Opens the overview's chooser with the answers that lead to this outcome
 * already given, and the values the guide uses (it is only on that outcome's
 * guide), so the chooser shows what the guide showed.
 */
export default function ChooserLink({outcome, children}: ChooserLinkProps): ReactNode {
  const {inputs} = useGuideValues(outcome);
  const search = encodeState({answers: pathTo(outcome), inputs});
  return (
    <Link to={`/${search}`}>
      {children ?? <>Generate the {OUTCOMES[outcome].title} files with your own values</>}
    </Link>
  );
}
