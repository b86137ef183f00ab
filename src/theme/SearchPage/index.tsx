/**
 * The local search plugin's search page, with the query it was opened with kept.
 *
 * The plugin reads `?q=` only once the page runs in a browser (`useIsBrowser()`), but on hydration, while that is
 * still false, its first effect writes the query it has, none, into the address. It then found `q` again only
 * because the browser context turned true before Docusaurus rendered the shortened address. That update is now a
 * transition (src/clientEntry/browserContext.tsx), which comes after it, so a search page opened from a link lost
 * its query. This puts the address's query back once, if the plugin dropped it before the page ran in a browser;
 * the plugin then reads it as before.
 */
import {useEffect, useState, type ComponentProps, type ReactNode} from 'react';
import {useHistory} from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';
import SearchPage from '@theme-original/SearchPage';

const QUERY = 'q';

type Props = ComponentProps<typeof SearchPage>;

export default function SearchPageWithItsQuery(props: Props): ReactNode {
  const history = useHistory();
  const isBrowser = useIsBrowser();
  // Read while hydrating, before any effect has run: the address as the reader opened it.
  const [opened] = useState(() => (typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get(QUERY)));
  useEffect(
    function restoreQuery() {
      if (!isBrowser || !opened) return;
      const now = new URLSearchParams(history.location.search);
      if (now.get(QUERY)) return;
      now.set(QUERY, opened);
      history.replace({...history.location, search: `?${now.toString()}`});
    },
    // Once: after this, a query the reader clears is theirs to clear.
    [isBrowser],
  );
  return <SearchPage {...props} />;
}
