import type {ReactNode} from 'react';
import {useEffect, useRef} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {QUESTIONS, ROOT, walk, type QuestionId} from '@site/src/data/decisionTree';
import {CHART_ATTRIBUTE, CHOOSER_ANCHOR, TOOL_CLASS} from '@site/src/utils/flowchart';
import {useChooserState} from './useChooserState';
import QuestionGroup from './QuestionGroup';
import OutcomeSummary from './OutcomeSummary';
import OutcomePanel from './OutcomePanel';
import NoScriptOutcomes from './NoScriptOutcomes';
import SharedValuesNotice from './SharedValuesNotice';
import styles from './styles.module.css';

/** Infima's desktop breakpoint, where the docs show their sidebar and the tool has two columns. */
const TWO_COLUMNS = '(min-width: 997px)';

/** Whether the tool shows two columns; without matchMedia (jsdom) it behaves as one column. */
function hasTwoColumns(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(TWO_COLUMNS).matches;
}

/**
 * After an answer, the open question (or the outcome's summary) and the chart
 * beside it should be on screen together. When they are not, the tool's top is
 * brought up to just below the navbar; when they are, nothing moves.
 */
function revealWithChart(section: HTMLElement, focused: HTMLElement): void {
  // The outcome's heading takes focus, but its whole summary should be visible.
  const current = focused.closest('[data-chooser-current]') ?? focused;
  const chart = section.closest(`.${TOOL_CLASS}`)?.querySelector(`[${CHART_ATTRIBUTE}]`);
  const top = parseFloat(getComputedStyle(section).scrollMarginTop) || 0;
  const onScreen = [current, chart]
    .filter((element): element is Element => element instanceof Element)
    .every((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= top && box.bottom <= window.innerHeight;
    });
  if (!onScreen) section.scrollIntoView({block: 'start', behavior: 'instant'});
}

/**
 * Walks the reader through the decision tree and ends in the chosen strategy's
 * manifests. Answers are in the URL, values in the URL or the reader's store; this component only renders them.
 */
export default function StrategyChooser(): ReactNode {
  const {state, setAnswers, setInputs, shared} = useChooserState();
  const {steps, current} = walk(state.answers);
  const focusTarget = useRef<HTMLElement | null>(null);
  const section = useRef<HTMLElement | null>(null);
  const isBrowser = useIsBrowser();
  const pathKey = steps.map((step) => step.answerId).join('.');
  const previousPath = useRef<string | null>(null);

  useEffect(() => {
    // The first browser render applies the URL's state; only later changes are the reader's, and move focus.
    if (!isBrowser) return;
    const target = focusTarget.current;
    if (previousPath.current !== null && previousPath.current !== pathKey && target) {
      if (section.current && hasTwoColumns()) {
        target.focus({preventScroll: true});
        revealWithChart(section.current, target);
      } else {
        // One column: the chart follows the question, so the focused element alone decides the scroll.
        target.focus();
      }
    }
    previousPath.current = pathKey;
  }, [isBrowser, pathKey]);

  function answer(index: number, answerId: string): void {
    // Pressing the answer already given must not discard the later answers and typed values.
    if (state.answers[index] === answerId) return;
    setAnswers([...state.answers.slice(0, index), answerId]);
  }

  const open: QuestionId | null = current in QUESTIONS ? (current as QuestionId) : null;
  const outcome = open ? null : (current as Exclude<typeof current, QuestionId>);

  return (
    <section id={CHOOSER_ANCHOR} aria-label="Strategy chooser" className={styles.chooser} ref={section}>
      <div className={styles.summary}>
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
        {outcome && <OutcomeSummary outcome={outcome} focusRef={focusTarget} />}
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
      </div>
      {outcome && (
        <div className={styles.details}>
          <SharedValuesNotice shared={shared} />
          <OutcomePanel outcome={outcome} inputs={state.inputs} onInputsChange={setInputs} />
        </div>
      )}
      {steps.length === 0 && current === ROOT && (
        <div className={styles.details}>
          <NoScriptOutcomes />
        </div>
      )}
    </section>
  );
}
