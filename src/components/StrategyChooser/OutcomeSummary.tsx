import type {MouseEvent, ReactNode, RefObject} from 'react';
import Link from '@docusaurus/Link';
import {guideRoute} from '@site/src/utils/flowchart';
import {OUTCOMES, type OutcomeId} from '@site/src/data/decisionTree';
import {encodeGuideValues} from '@site/src/utils/valuesQuery';
import styles from './styles.module.css';

/** The id of the outcome's form and files below the summary and the chart (OutcomePanel). */
export const FILES_ANCHOR = 'your-files';

/**
 * Brings the files up under the navbar and moves focus there, so the next Tab
 * is in them. The panel may still be loading: the link's own jump then lands
 * on the panel's place once it is there (the browser retries a missing id).
 */
function jumpToFiles(event: MouseEvent<HTMLAnchorElement>): void {
  const target = document.getElementById(FILES_ANCHOR);
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({block: 'start', behavior: 'instant'});
  target.focus({preventScroll: true});
}

export interface OutcomeSummaryProps {
  readonly outcome: OutcomeId;
  /** Receives the heading, which takes focus when the reader's answer reaches this outcome. */
  readonly focusRef: RefObject<HTMLElement | null>;
  /** The values the chooser shows for it, which its guide link carries. */
  readonly inputs: Readonly<Record<string, string>>;
}

/**
 * The reached strategy in brief: its name, why it fits, what it needs and its
 * guide. It sits beside the flowchart; the form and files follow below both.
 */
export default function OutcomeSummary({outcome, focusRef, inputs}: OutcomeSummaryProps): ReactNode {
  const {title, reason, needs, guidePath} = OUTCOMES[outcome];
  return (
    <div className={styles.outcomeSummary} data-outcome={outcome} data-testid="outcome-summary" data-chooser-current="">
      <h3 ref={focusRef as RefObject<HTMLHeadingElement | null>} tabIndex={-1} className={styles.outcomeTitle}>
        {title}
      </h3>
      <p className={styles.reason}>{reason}</p>
      <dl className={styles.needs}>
        <dt>Privileges</dt>
        <dd>{needs.privileges}</dd>
        <dt>DNS</dt>
        <dd>{needs.dns}</dd>
        <dt>Identity storage</dt>
        <dd>{needs.storage}</dd>
      </dl>
      <p className={styles.guideLink}>
        <a href={`#${FILES_ANCHOR}`} onClick={jumpToFiles}>
          Jump to your files
        </a>
        {' · '}
        {/* The guide opens with the values shown here, a link's not yet kept ones too, and names those as the chooser does. */}
        <Link to={`${guideRoute(guidePath)}${encodeGuideValues(inputs)}`}>Read the {title} guide</Link>
      </p>
    </div>
  );
}
