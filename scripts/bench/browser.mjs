// Everything measured in Chromium through Playwright: JavaScript bytes per page,
// which of them are Mermaid, time to the rendered flowchart, LCP element and
// layout shifts, and the chooser's click-to-paint latency.
import {readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {sleep} from './util.mjs';

export {chromiumPath, CHROMIUM_ARGS, launchChromium as launchBrowser} from '../chromium.mjs';

/**
 * Strings that survive minification and that only the Mermaid library and the
 * parser it bundles contain (not Docusaurus's thin theme-mermaid wrapper, and
 * not our own `mermaidId` fields): Mermaid's API object, the flowchart
 * renderer's diagram id, and the Langium grammars and Chevrotain parser of
 * @mermaid-js/parser, which Docusaurus's `common` chunk can pull in.
 */
export const MERMAID_MARKERS = ['mermaidAPI', 'flowchart-v2', 'InfoGrammar', 'PacketGrammar', 'chevrotain'];

const fileCache = new Map();

/** Which Mermaid markers a served JS file contains, read from the build folder it came from. */
async function mermaidMarkersIn(buildDir, pathname, baseUrl) {
  const key = `${buildDir}|${pathname}`;
  if (!fileCache.has(key)) {
    const relative = decodeURIComponent(pathname.slice(baseUrl.length));
    let markers = [];
    try {
      const text = await readFile(join(buildDir, relative), 'utf8');
      markers = MERMAID_MARKERS.filter((marker) => text.includes(marker));
    } catch {
      markers = ['(file not found in build)'];
    }
    fileCache.set(key, markers);
  }
  return fileCache.get(key);
}

/**
 * Injected before any page script: records when the selector first matches,
 * when Docusaurus marks the document hydrated, the LCP candidates and the
 * layout shifts with their sources. Times are performance.now(), i.e. from
 * navigation start.
 */
function initScript(svgSelector) {
  const state = {svgAt: null, hydratedAt: null, lcp: [], shifts: []};
  window.__bench = state;
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return node ? node.nodeName : null;
    const id = node.id ? `#${node.id}` : '';
    const cls = typeof node.className === 'string' && node.className.trim() ? `.${node.className.trim().split(/\s+/).slice(0, 3).join('.')}` : '';
    const testid = node.getAttribute('data-testid') ? `[data-testid=${node.getAttribute('data-testid')}]` : '';
    const text = (node.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `${node.tagName.toLowerCase()}${id}${cls}${testid}${text ? ` "${text}"` : ''}`;
  };
  const check = () => {
    if (state.hydratedAt === null && document.documentElement?.getAttribute('data-has-hydrated') === 'true') {
      state.hydratedAt = performance.now();
    }
    if (svgSelector && state.svgAt === null && document.querySelector(svgSelector)) state.svgAt = performance.now();
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-has-hydrated'],
  });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.lcp.push({
          startTime: entry.startTime,
          size: entry.size,
          element: describe(entry.element),
          url: entry.url || null,
        });
      }
    }).observe({type: 'largest-contentful-paint', buffered: true});
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.shifts.push({
          startTime: entry.startTime,
          value: entry.value,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources ?? []).map((source) => ({
            node: describe(source.node),
            previousRect: [source.previousRect.x, source.previousRect.y, source.previousRect.width, source.previousRect.height].map(Math.round),
            currentRect: [source.currentRect.x, source.currentRect.y, source.currentRect.width, source.currentRect.height].map(Math.round),
          })),
        });
      }
    }).observe({type: 'layout-shift', buffered: true});
  } catch {
    // Without these entry types the page's other numbers still count.
  }
}

/** CLS as web-vitals defines it: the largest session window (gaps < 1 s, windows ≤ 5 s). */
export function clsOf(shifts) {
  let worst = 0;
  let current = 0;
  let first = 0;
  let last = 0;
  for (const shift of shifts.filter((s) => !s.hadRecentInput).sort((a, b) => a.startTime - b.startTime)) {
    if (current > 0 && shift.startTime - last < 1000 && shift.startTime - first < 5000) {
      current += shift.value;
    } else {
      current = shift.value;
      first = shift.startTime;
    }
    last = shift.startTime;
    worst = Math.max(worst, current);
  }
  return worst;
}

/** Tracks requests over CDP: content-length and type per request, and how many are in flight. */
async function networkTracker(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // No cache switch: the context is new, so its cache starts empty, and a route
  // chunk that was prefetched is then taken from that cache, as in a real visit.
  const requests = new Map();
  let lastActivity = performance.now();
  cdp.on('Network.requestWillBeSent', (event) => {
    requests.set(event.requestId, {url: event.request.url, type: event.type, done: false, encoded: 0, contentLength: null});
    lastActivity = performance.now();
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    const headers = Object.fromEntries(Object.entries(event.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    request.type = event.type;
    request.status = event.response.status;
    request.mimeType = event.response.mimeType;
    request.contentEncoding = headers['content-encoding'] ?? null;
    request.contentLength = headers['content-length'] !== undefined ? Number(headers['content-length']) : null;
  });
  const finish = (event, failed) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.done = true;
    request.failed = failed;
    request.encoded = event.encodedDataLength ?? 0;
    lastActivity = performance.now();
  };
  cdp.on('Network.loadingFinished', (event) => finish(event, false));
  cdp.on('Network.loadingFailed', (event) => finish(event, true));
  return {
    requests,
    /** Resolves once nothing has been in flight for `quietMs`. */
    async idle(quietMs = 1000, timeoutMs = 30_000) {
      const start = performance.now();
      while (performance.now() - start < timeoutMs) {
        const inFlight = [...requests.values()].some((r) => !r.done);
        if (!inFlight && performance.now() - lastActivity >= quietMs) return true;
        await sleep(100);
      }
      return false;
    },
  };
}

const isJs = (url) => /\.m?js(\?|$)/.test(new URL(url).pathname);

/**
 * Loads one page in a fresh context (empty cache) and measures it.
 * @param {{url: string, buildDir: string, baseUrl?: string, svgSelector?: string, mobile?: boolean}} options
 */
export async function measurePage(browser, {url, buildDir, baseUrl = '/', svgSelector = null, mobile = false}) {
  const context = await browser.newContext(
    mobile
      ? {viewport: {width: 412, height: 823}, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true}
      : {viewport: {width: 1350, height: 940}},
  );
  try {
    const page = await context.newPage();
    const net = await networkTracker(context, page);
    await page.addInitScript(initScript, svgSelector);
    await page.goto(url, {waitUntil: 'load', timeout: 60_000});
    await page.waitForFunction(() => window.__bench?.hydratedAt !== null, undefined, {timeout: 30_000});
    if (svgSelector) await page.waitForFunction(() => window.__bench?.svgAt !== null, undefined, {timeout: 60_000});
    const idle = await net.idle();
    // Let any layout shift after the last response be reported.
    await sleep(300);
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return {
        loadEventEnd: nav?.loadEventEnd ?? null,
        resources: performance.getEntriesByType('resource').map((r) => ({
          url: r.name,
          startTime: r.startTime,
          initiatorType: r.initiatorType,
          encodedBodySize: r.encodedBodySize,
        })),
        bench: window.__bench,
      };
    });
    const {bench} = timing;
    const interactiveAt = Math.max(timing.loadEventEnd ?? 0, bench.hydratedAt ?? 0);

    // One entry per URL: a chunk that is prefetched and then run is downloaded once.
    const byUrl = new Map();
    for (const request of net.requests.values()) {
      if (!isJs(request.url) || request.failed) continue;
      const seen = byUrl.get(request.url) ?? {ran: false, bytes: 0, gzip: false};
      seen.ran ||= request.type === 'Script';
      const bytes = request.contentLength ?? 0;
      if (bytes > seen.bytes) {
        seen.bytes = bytes;
        seen.gzip = request.contentEncoding === 'gzip';
      }
      byUrl.set(request.url, seen);
    }
    const scripts = [];
    const prefetched = [];
    for (const [url, seen] of byUrl) {
      const pathname = new URL(url).pathname;
      const starts = timing.resources.filter((r) => r.url === url).map((r) => r.startTime);
      const entry = {
        file: pathname.slice(baseUrl.length),
        bytes: seen.bytes || Math.max(0, ...timing.resources.filter((r) => r.url === url).map((r) => Number(r.encodedBodySize) || 0)),
        gzip: seen.gzip,
        startTime: starts.length ? Math.min(...starts) : null,
        mermaid: await mermaidMarkersIn(buildDir, pathname, baseUrl),
      };
      // <link rel=prefetch> (Docusaurus prefetches routes whose links are in view) is downloaded, not run.
      (seen.ran ? scripts : prefetched).push(entry);
    }
    const sum = (list) => list.reduce((n, e) => n + e.bytes, 0);
    const beforeInteractive = scripts.filter((e) => e.startTime !== null && e.startTime <= interactiveAt);
    return {
      url,
      mobile,
      networkIdle: idle,
      hydratedAt: bench.hydratedAt,
      loadEventEnd: timing.loadEventEnd,
      svgAt: bench.svgAt,
      js: {
        beforeInteractive: {bytes: sum(beforeInteractive), count: beforeInteractive.length},
        total: {bytes: sum(scripts), count: scripts.length},
        prefetched: {bytes: sum(prefetched), count: prefetched.length},
        allGzip: [...scripts, ...prefetched].every((e) => e.gzip),
        scripts,
        prefetchedFiles: prefetched,
      },
      mermaid: {
        executed: scripts.filter((e) => e.mermaid.length > 0),
        prefetched: prefetched.filter((e) => e.mermaid.length > 0),
      },
      lcp: bench.lcp.at(-1) ?? null,
      lcpCandidates: bench.lcp.length,
      cls: clsOf(bench.shifts),
      shifts: bench.shifts,
    };
  } finally {
    await context.close();
  }
}

/**
 * One round visits all six outcomes: answers, Back and Start over, so that
 * questions open, outcomes (form and generated files) render and both tear down.
 * `q` is the fieldset's data-question, or null for the Back / Start over buttons.
 */
const ROUND = [
  ['connects', 'Yes'],
  ['placement', 'Node'],
  [null, 'Back'],
  ['placement', 'Pod'],
  ['addressing', 'Yes'],
  [null, 'Back'],
  ['addressing', 'No'],
  [null, 'Start over'],
  ['connects', 'No'],
  ['router', 'Yes'],
  [null, 'Back'],
  ['router', 'No'],
  ['nginx', 'Yes'],
  [null, 'Back'],
  ['nginx', 'No'],
  [null, 'Start over'],
];

/** Clicks in page context: performance.now() before element.click(), then the first paint after the DOM changed. */
async function clickInPage(page, question, label) {
  return page.evaluate(
    async ({question, label}) => {
      const section = document.querySelector('section[aria-label="Strategy chooser"]');
      if (!section) throw new Error('No strategy chooser on the page');
      const scope = question ? section.querySelectorAll(`fieldset[data-question="${question}"] button`) : section.querySelectorAll('button');
      const button = [...scope].find((b) => b.textContent?.trim() === label);
      if (!button) throw new Error(`No button "${label}"${question ? ` in ${question}` : ''}`);
      if (button.disabled) throw new Error(`Button "${label}" is disabled`);
      let mutated;
      const changed = new Promise((resolve) => (mutated = resolve));
      const observer = new MutationObserver(() => mutated(performance.now()));
      observer.observe(section, {subtree: true, childList: true, attributes: true, characterData: true});
      // The flowchart redraws its highlighted path after every answer: note when, to see whether it delays the paint.
      let flowchartAt = null;
      const chart = document.querySelector('[data-testid="strategy-flowchart"]');
      const chartObserver = new MutationObserver(() => (flowchartAt ??= performance.now()));
      if (chart) chartObserver.observe(chart, {subtree: true, childList: true});
      const start = performance.now();
      button.click();
      const handlerEnd = performance.now();
      const domAt = await Promise.race([changed, new Promise((resolve) => setTimeout(() => resolve(null), 2000))]);
      observer.disconnect();
      // The frame that shows the change: its rAF callbacks run, then it paints, then the posted message runs.
      const paintAt = await new Promise((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        }),
      );
      chartObserver.disconnect();
      return {
        ms: paintAt - start,
        handlerMs: handlerEnd - start,
        domMs: domAt === null ? null : domAt - start,
        flowchartBeforePaint: flowchartAt !== null && flowchartAt <= paintAt,
        // The summary names the outcome reached; a panel may still be leaving (hidden) in the painted frame.
        outcome: section.querySelector('[data-testid="outcome-summary"]')?.getAttribute('data-outcome') ?? null,
      };
    },
    {question, label},
  );
}

/** Waits until the page is quiet again (the flowchart re-renders its highlight after each answer). */
async function settle(page) {
  await sleep(250);
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(), {timeout: 2000})));
}

export async function measureClicks(browser, {url, clicks, svgSelector}) {
  const context = await browser.newContext({viewport: {width: 1350, height: 940}});
  try {
    const page = await context.newPage();
    await page.addInitScript(initScript, svgSelector);
    await page.goto(url, {waitUntil: 'load'});
    await page.waitForFunction(() => window.__bench?.hydratedAt !== null && window.__bench?.svgAt !== null, undefined, {timeout: 60_000});
    await settle(page);
    const samples = [];
    for (let i = 0; i < clicks; i++) {
      const [question, label] = ROUND[i % ROUND.length];
      const result = await clickInPage(page, question, label);
      samples.push({click: `${question ? `${question}:` : ''}${label}`, ...result});
      await settle(page);
    }
    return samples;
  } finally {
    await context.close();
  }
}
