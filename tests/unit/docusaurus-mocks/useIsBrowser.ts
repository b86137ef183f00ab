/** Test stand-in for `@docusaurus/useIsBrowser`: tests render as the hydrated client. */
export default function useIsBrowser(): boolean {
  return true;
}
