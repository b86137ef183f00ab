import type {ReactNode} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {useGuideValues} from '@site/src/hooks/useGuideValues';
import {choiceSentence, type ChoiceField} from '@site/src/utils/proseValues';

export interface ReaderChoiceProps {
  readonly strategy: OutcomeId;
  /** The builder's select field the sentence is about (src/manifests: the same field the files on the page use). */
  readonly field: ChoiceField;
  /** The sentence for the default option, as the page is built; the Markdown converter checks it against the builder's default. */
  readonly children: string;
}

/**
 * A sentence of a guide that depends on an option of the reader's ("The
 * files on this page use the enrollment token."), said for the option the
 * files on the page use: the default in the build and the first render, the
 * reader's once the page uses it (stored, or in its address). Like
 * `<ReaderValue>`, the element says its default and its Markdown, so "Copy
 * page as Markdown" can put the page's sentence in the twin's place.
 */
export default function ReaderChoice({strategy, field, children}: ReaderChoiceProps): ReactNode {
  const {inputs} = useGuideValues(strategy);
  const mine = Object.hasOwn(inputs, field) ? choiceSentence(field, inputs[field] ?? '') : undefined;
  const sentence = mine ?? children;
  return (
    <span
      data-reader-value={`${strategy}.${field}`}
      data-default-markdown={children}
      data-markdown={sentence}
      data-shows={mine === undefined ? 'default' : 'yours'}>
      {sentence}
    </span>
  );
}
