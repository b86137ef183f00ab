/**
 * A link inside the site to another page's heading (the guides index to the router guide's proxy mode section, say)
 * is followed by the client router, which renders the page and scrolls the heading into view once, at once. The page
 * then still grows: islands such as code blocks load their component only then, and on a desktop the heading ended
 * about 2,300 px below the top of the window. Here the heading is scrolled to again each time the article changes
 * size, until the reader scrolls, presses a key or touches the page, or for KEEP_IN_VIEW_MS at most, as the browser
 * itself keeps a fragment in view while it loads a page opened at one.
 */

/** How long a heading the router scrolled to is kept in view while its page grows. */
export const KEEP_IN_VIEW_MS = 3000;

const READER_TAKES_OVER = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

interface RouteUpdate {
  readonly location: Location;
  readonly previousLocation: Location | null;
}

/**
 * Scrolls the element the hash names into view, and again each time the article that holds it changes size, until
 * the reader takes over. Returns the function that stops it, or null when the hash names no element in an article
 * (or is not valid percent-encoding, which a hand-edited link can be).
 */
export function keepHeadingInView(doc: Document, hash: string): (() => void) | null {
  if (hash.length < 2) return null;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return null;
  }
  const target = doc.getElementById(id);
  const article = target?.closest('article');
  const view = doc.defaultView;
  if (!target || !article || !view) return null;
  // Non-null for the nested stop() below, which does not keep the check's narrowing.
  const win: Window & typeof globalThis = view;
  // The first call comes at once, for the size the article has now; each later one follows a change.
  const observer = new win.ResizeObserver(function scrollToHeading() {
    target.scrollIntoView();
  });
  observer.observe(article);
  const timer = win.setTimeout(stop, KEEP_IN_VIEW_MS);
  for (const type of READER_TAKES_OVER) win.addEventListener(type, stop, {capture: true, passive: true});
  function stop(): void {
    observer.disconnect();
    win.clearTimeout(timer);
    for (const type of READER_TAKES_OVER) win.removeEventListener(type, stop, {capture: true});
  }
  return stop;
}

let stopKeeping: (() => void) | null = null;

export function onRouteDidUpdate({location, previousLocation}: RouteUpdate): void {
  stopKeeping?.();
  stopKeeping = null;
  // A page opened at a heading is the browser's own fragment navigation, which keeps the heading in view itself.
  if (!previousLocation || !location.hash) return;
  if (location.pathname === previousLocation.pathname && location.hash === previousLocation.hash) return;
  stopKeeping = keepHeadingInView(document, location.hash);
}
