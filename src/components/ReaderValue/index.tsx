import type {ReactNode} from 'react';
import {Fragment} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {useGuideValues} from '@site/src/hooks/useGuideValues';
import {piecesMarkdown, prosePieces, type ProsePart} from '@site/src/utils/proseValues';

export interface ReaderValueProps {
  readonly strategy: OutcomeId;
  /** The builder field the sentence names (src/manifests: the same field the files on the page use). */
  readonly field: string;
  /** `names` names the services of a `name=host:port` list; `value` (the default) the value itself. */
  readonly part?: ProsePart;
  /** The default, as the page is built; the Markdown converter checks it against the builder's default. */
  readonly children: string;
}

/**
 * A value a guide's prose names ("`my-service` in these files"), shown as the
 * files on the page show it: the default in the build and the first render,
 * the reader's value once the page uses one (stored, or in its address). The element says its default
 * and its Markdown, so "Copy page as Markdown" can put the reader's value in
 * the twin's place for it.
 */
export default function ReaderValue({strategy, field, part = 'value', children}: ReaderValueProps): ReactNode {
  const {inputs} = useGuideValues(strategy);
  const raw = Object.hasOwn(inputs, field) ? inputs[field] : undefined;
  const mine = raw === undefined ? [] : prosePieces(part, raw);
  const pieces = mine.length > 0 ? mine : [children];
  return (
    <span
      data-reader-value={`${strategy}.${field}`}
      data-default-markdown={piecesMarkdown([children])}
      data-markdown={piecesMarkdown(pieces)}
      data-shows={mine.length > 0 ? 'yours' : 'default'}>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && (index === pieces.length - 1 ? ' and ' : ', ')}
          <code>{piece}</code>
        </Fragment>
      ))}
    </span>
  );
}
