import type {ReactNode} from 'react';
import Head from '@docusaurus/Head';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {PageMetadata, useThemeConfig} from '@docusaurus/theme-common';
import {DEFAULT_SEARCH_TAG} from '@docusaurus/theme-common/internal';
import SiteMetadata from '@theme-original/SiteMetadata';
import SearchMetadata from '@theme/SearchMetadata';

/**
 * The theme's site metadata names the page's absolute URL (canonical link, og:url, hreflang alternates), built from
 * `url` in the config. A build without SITE_URL does not know its public origin, and a canonical link to the
 * placeholder would tell every crawler the page lives on localhost. Without SITE_URL this renders the same metadata
 * minus those absolute URLs; with it, the theme's own component.
 */
export default function SiteMetadataWrapper(): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  if (siteConfig.customFields?.siteUrl) return <SiteMetadata />;
  return <RelativeSiteMetadata />;
}

function RelativeSiteMetadata(): ReactNode {
  const {
    i18n: {currentLocale},
  } = useDocusaurusContext();
  const {metadata, image} = useThemeConfig();
  return (
    <>
      <Head>
        <meta name="twitter:card" content="summary_large_image" />
        {/* The theme sets its keyboard-focus class on <body> through Head; keep that. */}
        <body />
      </Head>
      {image && <PageMetadata image={image} />}
      <SearchMetadata tag={DEFAULT_SEARCH_TAG} locale={currentLocale} />
      {/* A Head of its own, after the others, so configured metadata overrides the defaults above. */}
      <Head>
        {metadata.map((metadatum, index) => (
          <meta key={index} {...metadatum} />
        ))}
      </Head>
    </>
  );
}
