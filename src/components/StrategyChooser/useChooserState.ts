import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {useHistory, useLocation} from '@docusaurus/router';
import {isOutcomeId, walk, type OutcomeId} from '@site/src/data/decisionTree';
import {useHydratedSearch} from '@site/src/hooks/useHydratedSearch';
import {useReaderValues} from '@site/src/hooks/useReaderValues';
import {useValuesInUrl, type SharedValues} from '@site/src/hooks/useValuesInUrl';
import {decodeStateReport, encodeState, type ChooserState} from '@site/src/utils/chooserState';
import {overridesFor} from '@site/src/utils/readerValues';
import {afterNextPaint} from './afterPaint';

export type {SharedValues};

export interface ChooserStateApi {
  /** Answers from the URL; inputs from the URL when it carries any, else the reader's stored values. */
  readonly state: ChooserState;
  /** A new history entry, so Back and Forward step through answers; shown at once, in the URL after that paint. */
  readonly setAnswers: (answers: readonly string[]) => void;
  /** Replaces the entry: typing must not flood the history. Changed values are also stored. */
  readonly setInputs: (inputs: Readonly<Record<string, string>>) => void;
  /** Set while a shared link's values win over the reader's stored ones. */
  readonly shared: SharedValues | null;
  /** False between an answer and its arrival in the URL (a frame or two later). */
  readonly inUrl: boolean;
  /** What the link or the store held that is not used, each with the reason. */
  readonly ignored: readonly string[];
  /** The reached strategy back at its defaults: its stored values dropped, as a guide's Reset does, and the address with them. */
  readonly reset: () => void;
}

/** Answers given but not yet shown by the URL, and the query that will show them. */
interface PendingAnswers {
  readonly target: string;
  readonly state: ChooserState;
}

/** Two queries with the same parameters in the same order. */
function sameQuery(a: string, b: string): boolean {
  return new URLSearchParams(a).toString() === new URLSearchParams(b).toString();
}

function outcomeOf(answers: readonly string[]): OutcomeId | null {
  const {current} = walk(answers);
  return isOutcomeId(current) ? current : null;
}

/**
 * The URL holds the answers and, for a shared link, the values; the reader's
 * values also live in the store every guide reads. A link's values win for
 * the view they open; the reader is told and chooses whether to keep them.
 */
export function useChooserState(): ChooserStateApi {
  const location = useLocation();
  const history = useHistory();
  const search = useHydratedSearch();
  const {stored} = useReaderValues();
  // Answers given but not yet in the URL. A change of location re-renders the whole page (Docusaurus waits
  // for the route, then every route component renders again), so the address follows after the chooser's
  // own change has painted; until then, these are the state.
  const [given, setPending] = useState<PendingAnswers | null>(null);
  // Answers waiting for their paint, and the history entry the next of them must find to be pushed (the one
  // the reader was on, then each one the previous answer pushed).
  const outstanding = useRef(0);
  const expected = useRef(history.location);
  // The pending answers are the state while the browser is still on the entry they build on (or on the one
  // they pushed, until the rendered location catches up with it). The browser's Back or Forward moves it
  // elsewhere, and from that very render the address is the only state again.
  const pending = given && history.location === expected.current && !sameQuery(search, given.target) ? given : null;
  useEffect(() => {
    if (given && !pending) setPending(null);
  }, [given, pending]);
  const decoded = useMemo(() => decodeStateReport(search), [search]);
  const fromLocation = decoded.state;
  const fromUrl = pending?.state ?? fromLocation;
  const outcome = outcomeOf(fromUrl.answers);
  const replaceInputs = useCallback(
    (next: Readonly<Record<string, string>>) => {
      const search = encodeState({answers: fromUrl.answers, inputs: next}, location.search);
      history.replace({pathname: location.pathname, search, hash: location.hash});
    },
    [history, location.pathname, location.search, location.hash, fromUrl.answers],
  );

  const setAnswers = useCallback(
    (answers: readonly string[]) => {
      // Inputs belong to one outcome: a new path starts from the reader's stored values for it, and the
      // address carries them, so copying it shares what the reader sees.
      const next = outcomeOf(answers);
      const inputs = next ? overridesFor(stored, next) : {};
      const target = {pathname: location.pathname, search: encodeState({answers, inputs}, location.search), hash: location.hash};
      setPending({target: target.search, state: {answers, inputs}});
      // Each answer is an entry of its own, pushed in order after its paint, onto the entry the previous one
      // made. Should the reader have left that entry meanwhile (the browser's Back), the answer is dropped.
      if (outstanding.current === 0) expected.current = history.location;
      outstanding.current += 1;
      afterNextPaint(() => {
        outstanding.current -= 1;
        if (history.location !== expected.current) return;
        history.push(target);
        expected.current = history.location;
      });
    },
    [history, location.pathname, location.search, location.hash, stored],
  );

  // The values themselves follow the same rules on the chooser as on a guide (useValuesInUrl); the address
  // only changes for them once any answers given are in it.
  const values = useValuesInUrl({
    outcome,
    fromAddress: fromUrl.inputs,
    addressIgnored: decoded.ignored,
    replace: replaceInputs,
    writesAddress: pending === null,
  });
  const state = useMemo(() => ({answers: fromUrl.answers, inputs: values.inputs}), [fromUrl.answers, values.inputs]);
  return {
    state,
    setAnswers,
    setInputs: values.setInputs,
    shared: values.shared,
    inUrl: pending === null,
    ignored: values.ignored,
    reset: values.reset,
  };
}
