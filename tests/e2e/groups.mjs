// Where each end-to-end file runs: which build (the root one, BASE_URL=/, or the
// nested one, BASE_URL=/nested/sub-path/docs/) and which static hosts serve it.
// scripts/e2e.mjs reads only this list; tests/unit/e2e-groups.test.ts checks that
// every tests/e2e/*.test.ts file is in exactly one group.
//
// The rule for a new file:
//  - it follows links, makes requests, routes, or keeps state in the URL (anything
//    a URL prefix could break): `baseUrl`, so it runs under the nested prefix;
//  - it also checks what a host's rewrite rules change (routes answered by the
//    host, reloads of deep links): `baseUrlNginx`, served by nginx with the
//    README's block (serve.mjs where nginx is missing and not required);
//  - it reads page content that no prefix changes (text, layout, audits, code
//    blocks): `content`, run once against the root build;
//  - it checks a host without any rewrite rules: `plainHost`, run by
//    `python3 -m http.server` on both builds (the root build's only URL check);
//  - it checks what the build writes for its SITE_URL: `bothBuilds`;
//  - it checks the headers each host sends: `headers`.

/** @typedef {'root' | 'nested'} BuildName */
/** @typedef {'serve.mjs' | 'python3 -m http.server' | 'nginx'} HostName */
/**
 * @typedef {{build: BuildName, host: HostName, fallback?: HostName}} Run
 * fallback: where this machine lacks the host and does not require it (E2E_REQUIRE_HOSTS), the run goes to this
 * host instead of being skipped, so the group's files still run somewhere.
 */
/** @typedef {{why: string, runs: Run[], files: string[]}} Group */

/**
 * The two builds: where each one is written, the baseUrl it is built for, and its SITE_URL. The root build is what
 * `npm run build` gives a newcomer (no SITE_URL); the nested one is built as a site published at a known origin,
 * so both kinds of absolute URL are checked (published-urls.test.ts).
 */
export const BUILDS = {
  root: {baseUrl: '/', outDir: 'build', siteUrl: ''},
  nested: {baseUrl: '/nested/sub-path/docs/', outDir: 'build-nested', siteUrl: 'https://docs.example.test'},
};

/** @type {Record<string, Group>} File names without the `.test.ts`. */
export const E2E_GROUPS = {
  content: {
    why: 'page content, audits and layout: the same under any baseUrl',
    runs: [{build: 'root', host: 'serve.mjs'}],
    files: ['accessibility', 'codeblocks', 'egress', 'ingress', 'narrow', 'overview', 'search'],
  },
  baseUrl: {
    why: 'links, requests, routing and URL state: only a prefix shows their faults',
    runs: [{build: 'nested', host: 'serve.mjs'}],
    files: ['chooser', 'runnable', 'llms', 'values', 'overview-layout', 'islands', 'place'],
  },
  bothBuilds: {
    why: 'what the build itself writes depends on SITE_URL, which only one build sets',
    runs: [
      {build: 'root', host: 'serve.mjs'},
      {build: 'nested', host: 'serve.mjs'},
    ],
    files: ['published-urls'],
  },
  headers: {
    why: 'the Content-Security-Policy and security headers, as each host under a prefix sends them (what the policy refuses: site)',
    runs: [
      {build: 'nested', host: 'serve.mjs'},
      {build: 'nested', host: 'python3 -m http.server'},
      {build: 'nested', host: 'nginx'},
    ],
    files: ['csp'],
  },
  baseUrlNginx: {
    // nginx alone: the same files on serve.mjs as well ran every check a second time (about four minutes of CI).
    why: 'every page (and what its Content-Security-Policy refuses) and the flowchart links, under a prefix, behind the README nginx block',
    runs: [{build: 'nested', host: 'nginx', fallback: 'serve.mjs'}],
    files: ['site', 'flowchart'],
  },
  plainHost: {
    why: 'a host without rewrite rules answers every URL the site emits',
    runs: [
      {build: 'root', host: 'python3 -m http.server'},
      {build: 'nested', host: 'python3 -m http.server'},
    ],
    files: ['plain-host'],
  },
};

/** The file path of a group entry, as Vitest takes it. */
export function e2eFile(name) {
  return `tests/e2e/${name}.test.ts`;
}
