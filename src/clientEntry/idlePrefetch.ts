import {whenIdle} from '../utils/scheduling';

/**
 * Docusaurus prefetches the chunks of every route a visible link points to, as soon as the link scrolls into view:
 * each link has an IntersectionObserver, and on the first frame after hydration all the links on screen report
 * together, so the prefetches of the sidebar, the navbar and the pagination share one task (about 20 ms on a phone
 * here, 86 ms under Lighthouse's 4× slowdown, most of it inserting `<link rel="prefetch">` elements). A prefetch is
 * a guess about the next click; it can wait until the browser has nothing else to do. This queues them and runs one
 * per idle period, in the order the links asked.
 */

/** What Docusaurus's client puts on `window.docusaurus` (frozen: it cannot be changed, only replaced). */
export interface DocusaurusClient {
  readonly prefetch: (routePath: string) => false | Promise<unknown>;
  readonly preload: (routePath: string) => false | Promise<unknown>;
}

/** Without idle callbacks (Safari), a prefetch waits this long: a guess about the next click can go soon. */
const FALLBACK_MS = 50;

/**
 * The same client with `prefetch` queued for idle periods; `preload` (a hover or a tap on a link: the reader is about
 * to go there) stays immediate. Docusaurus freezes its client, so this returns a new one, frozen too, for
 * `window.docusaurus`, where links look the methods up on every call.
 */
export function prefetchWhenIdle(client: DocusaurusClient): DocusaurusClient {
  const queue: (() => void)[] = [];
  function drainOne(): void {
    queue.shift()?.();
    if (queue.length > 0) whenIdle(drainOne, FALLBACK_MS);
  }
  function prefetchLater(routePath: string): Promise<unknown> {
    return new Promise((resolve) => {
      queue.push(() => resolve(client.prefetch(routePath)));
      if (queue.length === 1) whenIdle(drainOne, FALLBACK_MS);
    });
  }
  return Object.freeze({...client, prefetch: prefetchLater});
}
