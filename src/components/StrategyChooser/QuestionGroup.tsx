import type {ReactNode, RefObject} from 'react';
import clsx from 'clsx';
import {QUESTIONS, type QuestionId} from '@site/src/data/decisionTree';
import styles from './styles.module.css';

export interface QuestionGroupProps {
  readonly question: QuestionId;
  /** The chosen answer id, or null while the question is open. */
  readonly selected: string | null;
  readonly onAnswer: (answerId: string) => void;
  /** The reader points at or focuses an answer: about to answer, so work the answer needs can start. */
  readonly onApproach?: () => void;
  /** Receives the element to focus when this question becomes the open one. */
  readonly focusRef?: RefObject<HTMLElement | null>;
}

/** One question as a fieldset; answered questions stay visible and can be changed. */
export default function QuestionGroup({question, selected, onAnswer, onApproach, focusRef}: QuestionGroupProps): ReactNode {
  const {text, hint, answers} = QUESTIONS[question];
  const hintId = `chooser-hint-${question}`;
  return (
    <fieldset
      className={clsx(styles.question, selected !== null && styles.answered)}
      aria-describedby={hintId}
      data-question={question}
      ref={focusRef as RefObject<HTMLFieldSetElement | null> | undefined}
      tabIndex={focusRef ? -1 : undefined}>
      <legend className={styles.legend}>{text}</legend>
      <p id={hintId} className={styles.hint}>
        {hint}
      </p>
      <div className={styles.answers}>
        {answers.map((a) => (
          <button
            key={a.id}
            type="button"
            className={clsx('button button--sm', a.id === selected ? 'button--primary' : 'button--outline button--primary')}
            aria-pressed={a.id === selected}
            onPointerEnter={onApproach}
            onFocus={onApproach}
            onClick={() => onAnswer(a.id)}>
            {a.label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
