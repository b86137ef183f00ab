/**
 * Where the build publishes each strategy's default artifacts (the
 * staticManifests plugin writes them; guides print the URLs). One function, so
 * the files on disk and the links on the page cannot drift apart.
 */
import type {OutcomeId} from '../data/decisionTree';

/** Folder below the site's baseUrl that holds every outcome's default files. */
export const PUBLISHED_DIR = 'manifests';

/** Path of one default artifact relative to the baseUrl, e.g. `manifests/ziti-host/ziti-host-values.yaml`. */
export function publishedPath(outcome: OutcomeId, fileName: string): string {
  return `${PUBLISHED_DIR}/${outcome}/${encodeURIComponent(fileName)}`;
}

/** Absolute URL of a published artifact: the site's origin (`url`, no trailing slash needed) plus its baseUrl. */
export function publishedUrl(siteUrl: string, baseUrl: string, outcome: OutcomeId, fileName: string): string {
  const origin = siteUrl.replace(/\/+$/, '');
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${origin}${base.startsWith('/') ? base : `/${base}`}${publishedPath(outcome, fileName)}`;
}
