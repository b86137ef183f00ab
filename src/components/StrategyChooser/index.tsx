import type {ReactNode} from 'react';
import {useEffect, useRef} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {QUESTIONS, ROOT, walk, type QuestionId} from '@site/src/data/decisionTree';
import {useChooserState} from './useChooserState';
import QuestionGroup from './QuestionGroup';
import OutcomePanel from './OutcomePanel';
import NoScriptOutcomes from './NoScriptOutcomes';
import SharedValuesNotice from './SharedValuesNotice';
import styles from './styles.module.css';

/**
 * Walks the reader through the decision tree and ends in the chosen strategy's
 * manifests. Answers are in the URL, values in the URL or the reader's store; this component only renders them.
 */
export default function StrategyChooser(): ReactNode {
  const {state, setAnswers, setInputs, shared} = useChooserState();
  const {steps, current} = walk(state.answers);
  const focusTarget = useRef<HTMLElement | null>(null);
  const isBrowser = useIsBrowser();
  const pathKey = steps.map((step) => step.answerId).join('.');
  const previousPath = useRef<string | null>(null);

  useEffect(() => {
    // The first browser render applies the URL's state; only later changes are the reader's, and move focus.
    if (!isBrowser) return;
    if (previousPath.current !== null && previousPath.current !== pathKey) focusTarget.current?.focus();
    previousPath.current = pathKey;
  }, [isBrowser, pathKey]);

  function answer(index: number, answerId: string): void {
    // Pressing the answer already given must not discard the later answers and typed values.
    if (state.answers[index] === answerId) return;
    setAnswers([...state.answers.slice(0, index), answerId]);
  }

  const open: QuestionId | null = current in QUESTIONS ? (current as QuestionId) : null;

  return (
    <section aria-label="Strategy chooser" className={styles.chooser}>
      <h2 className={styles.heading}>Find your strategy</h2>
      {steps.map((step, index) => (
        <QuestionGroup
          key={step.question}
          question={step.question}
          selected={step.answerId}
          onAnswer={(answerId) => answer(index, answerId)}
        />
      ))}
      {open && (
        <QuestionGroup
          key={open}
          question={open}
          selected={null}
          onAnswer={(answerId) => answer(steps.length, answerId)}
          focusRef={focusTarget}
        />
      )}
      <div className={styles.controls}>
        <button
          type="button"
          className="button button--secondary button--sm"
          disabled={steps.length === 0}
          onClick={() => setAnswers(state.answers.slice(0, -1))}>
          Back
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          disabled={steps.length === 0 && Object.keys(state.inputs).length === 0}
          onClick={() => setAnswers([])}>
          Start over
        </button>
      </div>
      <SharedValuesNotice shared={shared} />
      {!open && (
        <OutcomePanel
          outcome={current as Exclude<typeof current, QuestionId>}
          inputs={state.inputs}
          onInputsChange={setInputs}
          focusRef={focusTarget}
        />
      )}
      {steps.length === 0 && current === ROOT && <NoScriptOutcomes />}
    </section>
  );
}
