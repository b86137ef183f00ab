import {defineConfig} from 'vitest/config';
import {fileURLToPath} from 'node:url';

const mock = (file: string): string => fileURLToPath(new URL(`./tests/unit/docusaurus-mocks/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@site': fileURLToPath(new URL('.', import.meta.url)),
      // What the server bundle gets (src/plugins/buildTime.ts): tests render the real components.
      '@build-time': fileURLToPath(new URL('./src/buildTime', import.meta.url)),
      // Docusaurus modules exist only inside a Docusaurus build; component tests get stand-ins.
      // `@docusaurus/router` re-exports react-router-dom v5, so tests use the real one (and its history).
      '@docusaurus/router': 'react-router-dom',
      '@docusaurus/Link': mock('Link.tsx'),
      '@docusaurus/useIsBrowser': mock('useIsBrowser.ts'),
      '@theme/CodeBlock': mock('CodeBlock.tsx'),
      '@theme-original/CodeBlock': mock('CodeBlock.tsx'),
      '@theme/prism-include-languages': mock('prismIncludeLanguages.ts'),
      '@docusaurus/useDocusaurusContext': mock('useDocusaurusContext.ts'),
    },
  },
  // Vite 8 transforms with Oxc (the `esbuild` option is only a deprecated alias for it).
  oxc: {jsx: {runtime: 'automatic'}},
  test: {
    include: ['src/**/__tests__/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
    // Node by default; component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
    environment: 'node',
    // Some tests run bash, shellcheck or kubectl dozens of times; on two cores shared with the
    // e2e builds (npm test runs them side by side) 5 s per test is not enough, and a timeout is no check.
    testTimeout: 30_000,
  },
});
