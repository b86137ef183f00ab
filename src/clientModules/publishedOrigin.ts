/**
 * A build without SITE_URL does not know where it will be served, so its apply commands name a placeholder origin
 * (UNKNOWN_ORIGIN). The build's markup is kept through hydration, so React never rewrites it: here the browser puts
 * in the origin it loaded the page from, once per route, before a reader can copy the command.
 */
import {PUBLISHED_PATH_ATTRIBUTE, UNKNOWN_ORIGIN} from '../manifests/published';

export function fillPublishedOrigins(root: ParentNode, origin: string): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>(`[${PUBLISHED_PATH_ATTRIBUTE}]:not([data-published-url])`))) {
    const path = element.getAttribute(PUBLISHED_PATH_ATTRIBUTE) ?? '';
    element.textContent = (element.textContent ?? '').replace(UNKNOWN_ORIGIN, origin);
    element.dataset.publishedUrl = `${origin}${path}`;
  }
}

export function onRouteDidUpdate(): void {
  fillPublishedOrigins(document, window.location.origin);
}
