import type {ReactNode} from 'react';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import StructuredData from '@theme-original/DocBreadcrumbs/StructuredData';
import type {Props} from '@theme/DocBreadcrumbs/StructuredData';

/**
 * The breadcrumbs' JSON-LD lists each crumb by absolute URL, made of `url` in the config. Without SITE_URL that is
 * a localhost placeholder, and search engines would record it: leave the data out until the origin is known.
 */
export default function StructuredDataWrapper(props: Props): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  return siteConfig.customFields?.siteUrl ? <StructuredData {...props} /> : null;
}
