/**
 * Docusaurus prefetches the chunks of every route a visible link points to, as soon as the link scrolls into view:
 * each link has an IntersectionObserver, and on the first frame after hydration all the links on screen report
 * together, so the prefetches of the sidebar, the navbar and the pagination share one task (about 20 ms on a phone
 * here, 86 ms under Lighthouse's 4× slowdown, most of it inserting `<link rel="prefetch">` elements). A prefetch is
 * a guess about the next click; it can wait until the browser has nothing else to do. This queues them and runs one
 * per idle period, in the order the links asked.
 */

/** The part of `window.docusaurus` this touches (Docusaurus's client sets it before hydrating). */
interface DocusaurusClient {
  prefetch: (routePath: string) => false | Promise<unknown>;
}

/** Runs `work` when the browser is idle; where it cannot tell (Safari has no requestIdleCallback), soon after. */
function whenIdle(work: () => void): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, {timeout: 2000});
  else window.setTimeout(work, 50);
}

/** Makes `client.prefetch` queue its work for idle periods; returns the original, for tests. */
export function prefetchWhenIdle(client: DocusaurusClient): DocusaurusClient['prefetch'] {
  const prefetchNow = client.prefetch;
  const queue: (() => void)[] = [];
  function drainOne(): void {
    queue.shift()?.();
    if (queue.length > 0) whenIdle(drainOne);
  }
  client.prefetch = function prefetchLater(routePath: string): Promise<unknown> {
    return new Promise((resolve) => {
      queue.push(() => resolve(prefetchNow(routePath)));
      if (queue.length === 1) whenIdle(drainOne);
    });
  };
  return prefetchNow;
}
