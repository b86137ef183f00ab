import {useLocation} from '@docusaurus/router';
import useIsBrowser from '@docusaurus/useIsBrowser';

/**
 * The query string, but empty until hydration is done: the server rendered the
 * page without one, and the first client render must match it exactly.
 */
export function useHydratedSearch(): string {
  const {search} = useLocation();
  return useIsBrowser() ? search : '';
}
