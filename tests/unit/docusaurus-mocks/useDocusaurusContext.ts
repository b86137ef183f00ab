/** Stand-in for @docusaurus/useDocusaurusContext in component tests: the site at the root. */
export default function useDocusaurusContext(): {siteConfig: {baseUrl: string; url: string}} {
  return {siteConfig: {baseUrl: '/', url: 'https://example.test'}};
}
