import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import {OUTCOMES, outcomesByCategory, type Category} from './src/data/decisionTree';
import {guideRoute} from './src/utils/flowchart';
import {darkCodeTheme, lightCodeTheme} from './src/utils/prismThemes';

/** Public origin of the deployed site; only used for canonical URLs and the sitemap. */
const SITE_URL = process.env.SITE_URL ?? 'http://localhost:3000';

/** Sub-path the site is served under; a static host or CDN folder sets it, e.g. `/docs/k8s/`. */
const BASE_URL = normalizeBaseUrl(process.env.BASE_URL ?? '/');

/** Rspack builds about four times faster here; DOCUSAURUS_FASTER=false falls back to webpack for comparison. */
const FASTER = process.env.DOCUSAURUS_FASTER !== 'false';

function normalizeBaseUrl(value: string): string {
  const trimmed = value.trim();
  if (!/^\/?[A-Za-z0-9._~\-/]*\/?$/.test(trimmed)) {
    // A baseUrl ends up inside every href; refuse anything that would need escaping.
    throw new Error(`BASE_URL must be a URL path such as /docs/k8s/, got ${JSON.stringify(value)}`);
  }
  const withLeading = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
  return withLeading.endsWith('/') ? withLeading : `${withLeading}/`;
}

function footerLinks(category: Category): {label: string; to: string}[] {
  return outcomesByCategory(category).map((id) => ({label: OUTCOMES[id].title, to: guideRoute(OUTCOMES[id].guidePath)}));
}

const config = {
  title: 'OpenZiti on Kubernetes',
  tagline: 'Choose how a Kubernetes workload joins an OpenZiti network, then apply the manifests.',
  favicon: 'img/favicon.svg',
  url: SITE_URL,
  baseUrl: BASE_URL,
  // Every page is written as <path>/index.html and every link ends with a slash, so a host
  // that only maps a folder to its index.html (no rewrite rules) serves every URL the site emits.
  trailingSlash: true,

  onBrokenLinks: 'throw',
  onBrokenAnchors: 'throw',
  onDuplicateRoutes: 'throw',

  i18n: {defaultLocale: 'en', locales: ['en']},

  future: {
    v4: true,
    faster: FASTER,
  },

  clientModules: ['./src/clientModules/hydrated.ts'],
  plugins: ['./src/plugins/commonChunkRoutesOnly.ts'],

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
        sitemap: {lastmod: null, changefreq: null, priority: null, ignorePatterns: [`${BASE_URL}search/`]},
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
      },
    ],
  ],

  themeConfig: {
    colorMode: {respectPrefersColorScheme: true},
    navbar: {
      title: 'OpenZiti on Kubernetes',
      logo: {alt: 'Home', src: 'img/logo.svg', width: 32, height: 32},
      items: [
        {type: 'doc', docId: 'index', label: 'Overview', position: 'left'},
        {type: 'docSidebar', sidebarId: 'guides', label: 'Guides', position: 'left'},
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
      theme: lightCodeTheme,
      darkTheme: darkCodeTheme,
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
