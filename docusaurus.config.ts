import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import {OUTCOMES, outcomesByCategory, type Category} from './src/data/decisionTree';
import {guideRoute} from './src/utils/flowchart';
import {modeIndependentCodeTheme} from './src/utils/prismThemes';
import {paintFirstTemplate} from './src/ssr/paintFirst';

/**
 * Public origin of the deployed site, for the sitemap, canonical and Open Graph URLs and the apply commands' host.
 * Without it the build emits none of those absolute URLs (it cannot know where it will be served): no sitemap, no
 * canonical link, and apply commands that take the origin the browser loaded the page from.
 */
const SITE_URL = publicOrigin(process.env.SITE_URL);

/** Sub-path the site is served under; a static host or CDN folder sets it, e.g. `/docs/k8s/`. */
const BASE_URL = normalizeBaseUrl(process.env.BASE_URL ?? '/');

/**
 * The project's GitHub repository: "Report a problem" opens a new issue there, pre-filled. One value, overridable with
 * REPO_URL at build time, because a fork or a mirror files its issues elsewhere.
 */
const REPO_URL = githubRepoUrl(process.env.REPO_URL ?? 'https://github.com/openziti-k8s-guide/site');

/** Rspack builds about four times faster here; DOCUSAURUS_FASTER=false falls back to webpack for comparison. */
const FASTER = process.env.DOCUSAURUS_FASTER !== 'false';

function publicOrigin(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`SITE_URL must be an origin such as https://docs.example.com, got ${JSON.stringify(value)}`);
  }
  // The path belongs in BASE_URL; an origin with one would put it into every absolute URL twice.
  if (!/^https?:$/.test(url.protocol) || url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new Error(`SITE_URL must be an origin such as https://docs.example.com (the path goes in BASE_URL), got ${JSON.stringify(value)}`);
  }
  return url.origin;
}

function normalizeBaseUrl(value: string): string {
  const trimmed = value.trim();
  if (!/^\/?[A-Za-z0-9._~\-/]*\/?$/.test(trimmed)) {
    // A baseUrl ends up inside every href; refuse anything that would need escaping.
    throw new Error(`BASE_URL must be a URL path such as /docs/k8s/, got ${JSON.stringify(value)}`);
  }
  const withLeading = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

function githubRepoUrl(value: string): string {
  const trimmed = value.trim().replace(/\/+$/, '');
  // The link appends GitHub's /issues/new?title=…&body=…, which only a repository's own URL accepts.
  if (!/^https:\/\/github\.com\/[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(trimmed)) {
    throw new Error(`REPO_URL must be a GitHub repository such as https://github.com/owner/name, got ${JSON.stringify(value)}`);
  }
  return trimmed;
}

function footerLinks(category: Category): {label: string; to: string}[] {
  return outcomesByCategory(category).map((id) => ({label: OUTCOMES[id].title, to: guideRoute(OUTCOMES[id].guidePath)}));
}

const config = {
  title: 'OpenZiti on Kubernetes',
  tagline: 'Choose how a Kubernetes workload joins an OpenZiti network, then apply the manifests.',
  favicon: 'img/favicon.svg',
  // Docusaurus needs an origin; without SITE_URL nothing the build writes names this one (src/theme/SiteMetadata).
  url: SITE_URL ?? 'http://localhost:3000',
  baseUrl: BASE_URL,
  // Every page is written as <path>/index.html and every link ends with a slash, so a host
  // that only maps a folder to its index.html (no rewrite rules) serves every URL the site emits.
  trailingSlash: true,

  // The bundles run after the first paint, not before it: the reader sees the text while React hydrates.
  ssrTemplate: paintFirstTemplate(),

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  i18n: {defaultLocale: 'en', locales: ['en']},

  future: {
    v4: true,
    faster: FASTER,
  },

  // publishedOrigin fills the published URLs in the hydration commit, before the browser context sets the mark the
  // browser tests wait for (src/clientEntry/browserContext.tsx).
  clientModules: ['./src/clientModules/publishedOrigin.ts', './src/clientModules/searchFocus.ts', './src/clientModules/headingTarget.ts'],
  plugins: [
    './src/plugins/buildTime.ts',
    './src/plugins/codeColors.ts',
    './src/plugins/commonChunkRoutesOnly.ts',
    './src/plugins/stagedClientEntry.ts',
    './src/plugins/staticManifests.ts',
    './src/plugins/llms/index.ts',
    // Reads the pages the build wrote: the CSP hashes every inline script of every page.
    './src/plugins/securityHeaders/index.ts',
  ],
  customFields: {repoUrl: REPO_URL, siteUrl: SITE_URL ?? ''},

  markdown: {
    mermaid: true,
    hooks: {onBrokenMarkdownLinks: 'throw'},
  },

  presets: [
    [
      'classic',
      {
        docs: {
          // The overview is the site's landing page, so docs live at the root.
          routeBasePath: '/',
          sidebarPath: './sidebars.ts',
        },
        blog: false,
        theme: {customCss: './src/css/custom.css'},
        // The search page lists results for a query; it has nothing for a crawler to index.
        // Matched against route paths, which already carry the trailing slash.
        // A sitemap lists absolute URLs: only a build that knows its origin writes one.
        sitemap: SITE_URL === null ? false : {lastmod: null, changefreq: null, priority: null, ignorePatterns: [`${BASE_URL}search/`]},
      } satisfies Preset.Options,
    ],
  ],

  themes: [
    '@docusaurus/theme-mermaid',
    [
      '@easyops-cn/docusaurus-search-local',
      {
        // The index is built at build time and served from our own origin.
        hashed: true,
        indexBlog: false,
        indexPages: false,
        docsRouteBasePath: '/',
        highlightSearchTermsOnTargetPage: false,
        explicitSearchResultPath: true,
        // The chooser's no-JavaScript fallback repeats every strategy's files; parsed as raw text it would fill the
        // index with markup. The guides carry the same files as text.
        // What earlier versions of a page said (`.page-history`) is for readers who remember them; as search hits those
        // sentences would lead a reader to the claims the page now corrects.
        ignoreCssSelectors: ['noscript', '.page-history'],
      },
    ],
  ],

  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'OpenZiti on Kubernetes',
      logo: {alt: 'Home', src: 'img/logo.svg', width: 32, height: 32},
      items: [
        // A doc item would be active on every page of its sidebar; each of these is active on its own pages only.
        // normalizeBaseUrl admits no regex metacharacter in BASE_URL except '.'.
        {to: '/', label: 'Overview', position: 'left', activeBaseRegex: `^${BASE_URL.replaceAll('.', '\\.')}$`},
        {
          to: '/guides',
          label: 'Guides',
          position: 'left',
          activeBaseRegex: `^${BASE_URL.replaceAll('.', '\\.')}(guides|egress/[^/]+|ingress/[^/]+)/?$`,
        },
      ],
    },
    footer: {
      style: 'dark',
      links: [
        {title: 'Workload egress', items: footerLinks('egress')},
        {title: 'Cluster ingress', items: footerLinks('ingress')},
      ],
      copyright: 'Written from the OpenZiti documentation and Helm charts (Apache-2.0). Not an official OpenZiti site.',
    },
    prism: {
      // Colours are CSS custom properties set per mode (src/plugins/codeColors.ts): the build's highlighted markup is right in both.
      theme: modeIndependentCodeTheme(),
      darkTheme: modeIndependentCodeTheme(),
      additionalLanguages: ['bash', 'nginx'],
    },
    mermaid: {
      theme: {light: 'neutral', dark: 'dark'},
      options: {
        // Href clicks work in strict mode; nothing here needs callbacks or raw HTML.
        securityLevel: 'strict',
        // Pinned so that a Mermaid upgrade that changes its default layout cannot reshuffle the chart.
        layout: 'dagre',
        flowchart: {htmlLabels: true, curve: 'basis', useMaxWidth: true},
      },
    },
  } satisfies Preset.ThemeConfig,
} satisfies Config;

export default config;
