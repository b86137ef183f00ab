/**
 * The page template every built page is written with: Docusaurus's own, except that the bundles run after the page
 * has been painted instead of before.
 *
 * Docusaurus writes `<script defer>` for its runtime and main bundle. A deferred script that has arrived by the time
 * the parser finishes runs before the browser's first frame, so on a fast connection with a slow CPU the reader waits
 * for hydration (hundreds of milliseconds on a phone) before seeing server-rendered text that was ready to paint.
 * Lighthouse's simulated mobile throttling counts exactly that: every request that finished, and every task that ran,
 * before the observed largest paint lands on the simulated LCP path, so the runtime and main bundle (120 kB gzip)
 * were downloaded over the simulated slow 4G before the text could appear. A preload does not avoid it: Lighthouse
 * drops tasks shorter than 10 ms from its graph, so it cannot see that a small preloaded script ran after the paint
 * and keeps its download on the path.
 *
 * So the bundle tags are written inert (`type="text/plain"`: a browser neither fetches nor runs a script of a type it
 * does not know) and a small inline script at the end of the body re-creates them, in order, once the first
 * contentful paint has been reported and a frame drawn after the whole body was parsed. A page that is not visible
 * (a background tab, a prerender) paints nothing, so it starts at once. The Content-Security-Policy allows the
 * loader by its hash, as every inline script (src/plugins/securityHeaders).
 *
 * Before the bundles, the loader finishes drawing the page. On a phone a guide runs to a dozen screens or more, and the
 * browser's first frame styled and laid out every block the parser had reached by then: one task of 65 to 85 ms on
 * this machine, the largest term of Lighthouse's blocking time. A script at the top of the head marks `<html>`, and
 * while the mark is there, the stylesheet lets the browser skip the doc's blocks that are off screen, standing in at
 * an estimated height (src/css/custom.css). After the first paint the loader hands the wait from `<html>` to each
 * block that is still waiting, then draws them in document order, about 10 ms of work at a time, lifting each block's
 * mark as it goes: the first frame holds what is in view, the rest follows in short tasks, and the page has its final
 * layout before the bundles run, so before anything on it can be clicked.
 *
 * The hand-over comes first because lifting the mark on `<html>` makes the browser restyle the whole doc. Done at the
 * end, with every block drawn, that was a restyle of 3 to 8 ms here, and a task of 9 to 40 ms under Lighthouse's
 * tracing, which records every invalidation; done while the blocks off screen are still skipped, it restyles little
 * more than the first screen.
 */
import stockTemplate from '@docusaurus/core/lib/ssg/ssgTemplate.html';
import {CODE_BLOCK_ISLAND, ISLAND_ATTRIBUTE} from '../buildTime/names';

/** Marks a bundle tag written inert; the loader finds them by it. */
export const AFTER_PAINT_ATTRIBUTE = 'data-after-paint';

/**
 * Set on `<html>` by a script at the top of the head, and removed by the loader after the first paint: while it is
 * there, the blocks of a doc that are off screen wait to be drawn (src/css/custom.css). Without script it is never
 * set, and the page is drawn as it always was.
 */
export const DRAWING_ATTRIBUTE = 'data-drawing';

/**
 * Marks a block the loader has yet to draw, so the stylesheet goes on skipping it once `<html>` is no longer marked.
 * The loader lifts each as it draws the block; none is left when the bundles start.
 */
export const WAITING_ATTRIBUTE = 'data-waiting';

/**
 * The longest the loader draws blocks before it lets the browser do anything else. Slowed down four times, as
 * Lighthouse simulates a phone, it stays under the 50 ms that make a long task.
 */
export const DRAW_STEP_MS = 10;

/** The script that sets the attribute; it has to run before the body is parsed. */
export const DRAWING_MARKER = `document.documentElement.setAttribute('${DRAWING_ATTRIBUTE}', '');`;

/**
 * Milliseconds after which the loader starts the bundles even without a paint report: a browser that lists paint timing
 * but never reports it (or a window that stops drawing frames while it counts as visible) must still hydrate.
 */
export const FALLBACK_MS = 3000;

/**
 * The loader, as the browser runs it. ES5, because no compiler sees it: it ships inline in every page, shortened only
 * by the HTML minifier, and src/plugins/securityHeaders allows it by the hash of the built text. It
 * reads every block's style before it marks any, so the browser styles the page once, not once per block.
 */
export const PAINT_FIRST_LOADER = `(function () {
  var started = false, framed = false, painted = false;
  var root = document.documentElement;
  function startBundles() {
    var held = document.querySelectorAll('script[${AFTER_PAINT_ATTRIBUTE}]');
    for (var i = 0; i < held.length; i++) {
      var script = document.createElement('script');
      script.src = held[i].src;
      script.async = false;
      document.head.appendChild(script);
    }
  }
  function docBlocks() {
    var blocks = [];
    var markdown = document.querySelector('.theme-doc-markdown');
    if (!markdown) return blocks;
    for (var child = markdown.firstElementChild; child; child = child.nextElementSibling) {
      if (child.tagName === 'HEADER') continue;
      var island = child.getAttribute('${ISLAND_ATTRIBUTE}');
      if (island === null) {
        blocks.push(child);
      } else if (island !== '${CODE_BLOCK_ISLAND}') {
        for (var part = child.firstElementChild; part; part = part.nextElementSibling) blocks.push(part);
      }
    }
    return blocks;
  }
  function drawWhole(then) {
    var blocks = [];
    if (document.visibilityState === 'visible' && root.hasAttribute('${DRAWING_ATTRIBUTE}')) {
      var all = docBlocks();
      for (var i = 0; i < all.length; i++) {
        if (getComputedStyle(all[i]).contentVisibility === 'auto') blocks.push(all[i]);
      }
      for (var j = 0; j < blocks.length; j++) blocks[j].setAttribute('${WAITING_ATTRIBUTE}', '');
    }
    root.removeAttribute('${DRAWING_ATTRIBUTE}');
    var next = 0;
    function finish() {
      while (next < blocks.length) blocks[next++].removeAttribute('${WAITING_ATTRIBUTE}');
      then();
    }
    function step() {
      if (document.visibilityState !== 'visible') return finish();
      var until = performance.now() + ${DRAW_STEP_MS};
      do {
        blocks[next].removeAttribute('${WAITING_ATTRIBUTE}');
        blocks[next].getBoundingClientRect();
        next++;
      } while (next < blocks.length && performance.now() < until);
      if (next < blocks.length) setTimeout(step, 0);
      else finish();
    }
    if (blocks.length > 0) step();
    else finish();
  }
  function start() {
    if (started) return;
    started = true;
    drawWhole(startBundles);
  }
  function startIfReady() {
    if (framed && painted) start();
  }
  if (document.visibilityState !== 'visible') {
    start();
    return;
  }
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'visible') start();
  });
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      framed = true;
      startIfReady();
    });
  });
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (types && types.indexOf('paint') >= 0) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      painted = true;
      startIfReady();
    }).observe({type: 'paint', buffered: true});
  } else {
    painted = true;
  }
  setTimeout(start, ${FALLBACK_MS});
})();`;

/** The stock template's bundle tags, exactly as Docusaurus 3.10 writes them. */
const STOCK_SCRIPTS = `<% it.scripts.forEach((script) => { %>
      <script src="<%= it.baseUrl %><%= script %>" defer></script>
    <% }); %>`;

const INERT_SCRIPTS = `<% it.scripts.forEach((script) => { %>
      <script src="<%= it.baseUrl %><%= script %>" type="text/plain" ${AFTER_PAINT_ATTRIBUTE}></script>
    <% }); %>`;

const STOCK_BODY_END = `<%~ it.postBodyTags %>
  </body>`;

const STOCK_STYLESHEETS = `<% it.stylesheets.forEach((stylesheet) => { %>`;

/**
 * Derives our template from the installed stock one, so a Docusaurus upgrade keeps every other change it makes; if
 * the parts replaced here have changed shape, the build stops rather than ship pages whose bundles never run.
 */
export function paintFirstTemplate(stock: string = stockTemplate): string {
  for (const part of [STOCK_SCRIPTS, STOCK_BODY_END, STOCK_STYLESHEETS]) {
    if (stock.split(part).length !== 2) {
      throw new Error(`Docusaurus's page template no longer contains ${JSON.stringify(part)} once; update src/ssr/paintFirst.ts`);
    }
  }
  // Replacer functions: a replacement string would read `$&` and the like in it as patterns.
  // The marker goes before the stylesheet: an inline script after one waits for it to load.
  return stock
    .replace(STOCK_STYLESHEETS, () => `<script>${DRAWING_MARKER}</script>\n    ${STOCK_STYLESHEETS}`)
    .replace(STOCK_SCRIPTS, () => INERT_SCRIPTS)
    .replace(STOCK_BODY_END, () => `<%~ it.postBodyTags %>\n    <script>${PAINT_FIRST_LOADER}</script>\n  </body>`);
}
