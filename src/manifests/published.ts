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

/** Path of a published artifact from the origin: the baseUrl plus its path, e.g. `/docs/manifests/ziti-host/…`. */
export function publishedPathFromOrigin(baseUrl: string, outcome: OutcomeId, fileName: string): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return `${base.startsWith('/') ? base : `/${base}`}${publishedPath(outcome, fileName)}`;
}

/** Absolute URL of a published artifact: the site's origin (`url`, no trailing slash needed) plus its baseUrl. */
export function publishedUrl(siteUrl: string, baseUrl: string, outcome: OutcomeId, fileName: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${publishedPathFromOrigin(baseUrl, outcome, fileName)}`;
}

/**
 * Stands for the origin in server-rendered apply commands when the build was not told its public origin
 * (no SITE_URL): the browser writes the origin it loaded the page from over it (src/clientModules/publishedOrigin.ts).
 * A reader without JavaScript sees this instead of a wrong host.
 */
export const UNKNOWN_ORIGIN = 'https://<this-site>';

/** Marks the text node a browser fills with its origin, and carries the path to append. */
export const PUBLISHED_PATH_ATTRIBUTE = 'data-published-path';
