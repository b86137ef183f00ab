import type {ReactNode} from 'react';
import {memo, startTransition, useEffect, useRef, useState} from 'react';
import clsx from 'clsx';
import useIsBrowser from '@docusaurus/useIsBrowser';
import {QUESTIONS, ROOT, isOutcomeId, walk, type OutcomeId, type QuestionId} from '@site/src/data/decisionTree';
import {decodeState, encodeState} from '@site/src/utils/chooserState';
import {copyText} from '@site/src/utils/clipboard';
import {CHART_ANCHOR, CHART_ATTRIBUTE, CHOOSER_ANCHOR, TOOL_CLASS} from '@site/src/utils/flowchart';
import {useChooserState} from './useChooserState';
import QuestionGroup from './QuestionGroup';
import OutcomeSummary from './OutcomeSummary';
import NoScriptOutcomes from './NoScriptOutcomes';
import IgnoredNotice from './IgnoredNotice';
import {preloadOutcomePanel, useOutcomePanel} from './panelLoader';
import {afterNextPaint} from './afterPaint';
import styles from './styles.module.css';

// A link that opens at an outcome needs the panel at once: its download starts with this module, beside hydration.
if (typeof window !== 'undefined' && isOutcomeId(walk(decodeState(window.location.search).answers).current)) {
  preloadOutcomePanel();
}

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

/** Renders again only while visible: a hidden panel keeps what it showed and costs no work until it goes. */
const KeptWhileHidden = memo(
  function KeptWhileHidden({children}: {readonly visible: boolean; readonly children: ReactNode}): ReactNode {
    return children;
  },
  (_previous, next) => !next.visible,
);

/** Said in the panel's place while its chunk downloads (a shared link opened cold, a slow network), or if it failed. */
function PanelStatus({failed}: {readonly failed: boolean}): ReactNode {
  if (failed) {
    return (
      <div className="alert alert--warning" role="alert">
        The form and files for this strategy could not be loaded. Reload the page to try again.
      </div>
    );
  }
  return (
    <p role="status" className={styles.panelLoading}>
      Loading the form and files…
    </p>
  );
}

/**
 * Walks the reader through the decision tree and ends in the chosen strategy's
 * manifests. Answers are in the URL, values in the URL or the reader's store; this component only renders them.
 */
export default function StrategyChooser(): ReactNode {
  const {state, setAnswers, setInputs, shared, inUrl, ignored, reset} = useChooserState();
  const [status, setStatus] = useState('');
  const {steps, current} = walk(state.answers);
  const focusTarget = useRef<HTMLElement | null>(null);
  const section = useRef<HTMLElement | null>(null);
  const isBrowser = useIsBrowser();
  const pathKey = steps.map((step) => step.answerId).join('.');
  const previousPath = useRef<string | null>(null);

  useEffect(() => {
    // The first browser render applies the URL's state; only later changes are the reader's, and move focus.
    // An answer moves it once the URL has it: Docusaurus resets focus on every pushed location, and
    // focusing (and measuring what is on screen) after the answer's frame has painted does not delay it.
    if (!isBrowser || !inUrl) return;
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
  }, [isBrowser, pathKey, inUrl]);

  /** This page's address with the answers and the values the page uses: opening it shows the same files. */
  async function copyLink(): Promise<void> {
    const {origin, pathname, search} = window.location;
    const link = `${origin}${pathname}${encodeState(state, search)}#${CHOOSER_ANCHOR}`;
    const count = Object.keys(state.inputs).length;
    try {
      await copyText(link);
      setStatus(
        count === 0
          ? 'Copied a link to this strategy; it uses the defaults.'
          : `Copied a link to this strategy with your ${count === 1 ? 'value' : `${count} values`}.`,
      );
    } catch {
      setStatus(`Copying failed; the link is ${link}`);
    }
  }

  function answer(index: number, answerId: string): void {
    // Every answer brings an outcome closer: fetch its panel now, not on the click that reaches it.
    preloadOutcomePanel();
    // Pressing the answer already given must not discard the later answers and typed values.
    if (state.answers[index] === answerId) return;
    setAnswers([...state.answers.slice(0, index), answerId]);
  }

  const open: QuestionId | null = current in QUESTIONS ? (current as QuestionId) : null;
  const outcome = open ? null : (current as Exclude<typeof current, QuestionId>);
  const panel = useOutcomePanel(outcome !== null);
  // The panel follows the outcome one painted frame later: the click that reaches an outcome paints its
  // summary first, and the panel (builders, highlighting) renders after, as a transition that yields to
  // the browser; the click that leaves one hides the panel at once and removes it after that paint.
  const [panelOutcome, setPanelOutcome] = useState<OutcomeId | null>(outcome);
  useEffect(() => {
    if (panelOutcome === outcome) return;
    let current = true;
    afterNextPaint(() => {
      if (current) startTransition(() => setPanelOutcome(outcome));
    });
    return () => {
      current = false;
    };
  }, [outcome, panelOutcome]);

  return (
    <section id={CHOOSER_ANCHOR} aria-label="Strategy chooser" className={styles.chooser} ref={section}>
      <div className={styles.summary}>
        <h2 className={styles.heading}>Find your strategy</h2>
        <IgnoredNotice messages={ignored} source="in the link or in your stored values" />
        {steps.map((step, index) => (
          <QuestionGroup
            key={step.question}
            question={step.question}
            selected={step.answerId}
            onAnswer={(answerId) => answer(index, answerId)}
            onApproach={preloadOutcomePanel}
          />
        ))}
        {open && (
          <QuestionGroup
            key={open}
            question={open}
            selected={null}
            onAnswer={(answerId) => answer(steps.length, answerId)}
            onApproach={preloadOutcomePanel}
            focusRef={focusTarget}
          />
        )}
        {outcome && <OutcomeSummary outcome={outcome} focusRef={focusTarget} inputs={state.inputs} />}
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
          {outcome && (
            <>
              <button
                type="button"
                className="button button--secondary button--sm"
                disabled={Object.keys(state.inputs).length === 0}
                onClick={() => {
                  reset();
                  setStatus('Back to the defaults; the files below show them again, here and in the guide.');
                }}>
                Reset to the defaults
              </button>
              <button type="button" className="button button--secondary button--sm" onClick={() => void copyLink()}>
                Copy link with my values
              </button>
            </>
          )}
        </div>
        <p role="status" aria-live="polite" className={styles.controlsStatus}>
          {status}
        </p>
        {/* Below the desktop breakpoint the chart is not beside the chooser but under it: say where it is. */}
        <p className={styles.chartPointer}>
          <a href={`#${CHART_ANCHOR}`}>
            {steps.length > 0 ? 'See your path in the flowchart below' : 'See every path in the flowchart below'}
          </a>
        </p>
      </div>
      {(outcome || panelOutcome) && (
        <div className={clsx(styles.details, outcome === null && styles.leaving)}>
          {outcome && panel.status !== 'ready' && <PanelStatus failed={panel.status === 'failed'} />}
          {panel.status === 'ready' && panelOutcome && (
            // For the frame that shows the reader's answer, the previous outcome's panel is only hidden, kept
            // laid out and not rendered again: taking its large tree out of the page waits for that paint.
            <div key={panelOutcome} className={panelOutcome === outcome ? undefined : styles.leaving}>
              <KeptWhileHidden visible={panelOutcome === outcome}>
                <panel.Panel
                  outcome={panelOutcome}
                  inputs={state.inputs}
                  onInputsChange={setInputs}
                  shared={panelOutcome === outcome ? shared : null}
                />
              </KeptWhileHidden>
            </div>
          )}
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
