import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {guideRoute} from '@site/src/utils/flowchart';
import {OUTCOMES, outcomesByCategory, type Category} from '@site/src/data/decisionTree';
import styles from './styles.module.css';

export interface GuideListProps {
  readonly category: Category;
}

/** The guides of one half of the tree, with the tree's names and reasons, so the list cannot drift from the chooser. */
export default function GuideList({category}: GuideListProps): ReactNode {
  return (
    <ul className={styles.list}>
      {outcomesByCategory(category).map((id) => {
        const {title, reason, guidePath, needs} = OUTCOMES[id];
        return (
          <li key={id} className={styles.item}>
            <Link to={guideRoute(guidePath)} className={styles.title}>
              {title}
            </Link>
            <p className={styles.reason}>{reason}</p>
            <p className={styles.needs}>
              <span className={styles.label}>Privileges:</span> {needs.privileges}.{' '}
              <span className={styles.label}>Identity storage:</span> {needs.storage}.
            </p>
          </li>
        );
      })}
    </ul>
  );
}
