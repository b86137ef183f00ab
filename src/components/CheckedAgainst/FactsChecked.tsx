import type {ReactNode} from 'react';
import {FACTS_CHECKED} from '@site/src/data/factsChecked';
import {longDate} from '@site/src/utils/longDate';

/** The date the facts were last compared with upstream, for running text. */
export default function FactsChecked(): ReactNode {
  return <time dateTime={FACTS_CHECKED}>{longDate(FACTS_CHECKED)}</time>;
}
