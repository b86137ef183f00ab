/**
 * The values a guide uses, for everything on the page that shows them (its
 * files, the values its prose names, its links to the chooser) and for its
 * "Your values" region, which also writes them: from the address when it
 * carries `in.<field>=…` (a shared link, or the page's own address after an
 * edit or a reload), else from the reader's store.
 */
import {useCallback, useMemo} from 'react';
import {useHistory, useLocation} from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {useValuesInUrl, type ValuesInUrlApi} from '@site/src/hooks/useValuesInUrl';
import {decodeGuideValues, encodeGuideValues} from '@site/src/utils/valuesQuery';

/**
 * The address's query, as the browser has it now. Docusaurus renders a
 * replaced location only after preloading its route (a promise later), but
 * a keystroke must reach its input in the same render, or the input is set
 * back and then forward and the caret jumps to the end: so the history's own
 * location is read, and the rendered one only subscribes to later changes.
 * Empty until hydration is done, as the server rendered without a query.
 */
function useCurrentSearch(): string {
  useLocation();
  const history = useHistory();
  return useIsBrowser() ? history.location.search : '';
}

/**
 * The guide's values. `writesAddress` is for the one caller per page that
 * puts the stored values into an address without any (its "Your values"
 * region); every other caller only reads.
 */
export function useGuideValues(strategy: OutcomeId, writesAddress = false): ValuesInUrlApi {
  const history = useHistory();
  const isBrowser = useIsBrowser();
  const search = useCurrentSearch();
  const decoded = useMemo(() => decodeGuideValues(search, strategy), [search, strategy]);
  const replace = useCallback(
    (inputs: Readonly<Record<string, string>>) => {
      // Read at call time: an edit can follow another before the page renders the first one's address.
      const {pathname, search: current, hash} = history.location;
      const next = encodeGuideValues(inputs, current);
      if (next !== current) history.replace({pathname, search: next, hash});
    },
    [history],
  );
  return useValuesInUrl({
    outcome: strategy,
    fromAddress: decoded.inputs,
    addressIgnored: decoded.ignored,
    replace,
    writesAddress: writesAddress && isBrowser,
  });
}
