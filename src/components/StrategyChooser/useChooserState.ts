import {useCallback, useMemo} from 'react';
import {useHistory, useLocation} from '@docusaurus/router';
import {useHydratedSearch} from '@site/src/hooks/useHydratedSearch';
import {decodeState, encodeState, type ChooserState} from '@site/src/utils/chooserState';

export interface ChooserStateApi {
  readonly state: ChooserState;
  /** A new history entry, so Back and Forward step through answers. */
  readonly setAnswers: (answers: readonly string[]) => void;
  /** Replaces the entry: typing must not flood the history. */
  readonly setInputs: (inputs: Readonly<Record<string, string>>) => void;
}

/** The URL is the chooser's only store; components derive everything else from it. */
export function useChooserState(): ChooserStateApi {
  const location = useLocation();
  const history = useHistory();
  const search = useHydratedSearch();
  const state = useMemo(() => decodeState(search), [search]);

  const setAnswers = useCallback(
    (answers: readonly string[]) => {
      // Inputs belong to one outcome; a new path starts from that outcome's defaults.
      const search = encodeState({answers, inputs: {}}, location.search);
      history.push({pathname: location.pathname, search, hash: location.hash});
    },
    [history, location.pathname, location.search, location.hash],
  );

  const setInputs = useCallback(
    (inputs: Readonly<Record<string, string>>) => {
      const search = encodeState({answers: state.answers, inputs}, location.search);
      history.replace({pathname: location.pathname, search, hash: location.hash});
    },
    [history, location.pathname, location.search, location.hash, state.answers],
  );

  return {state, setAnswers, setInputs};
}

