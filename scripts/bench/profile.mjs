// Per-function attribution of a page load's main-thread JavaScript: a Chromium
// CPU profile (CDP Profiler) under a 4× CPU slowdown, as Lighthouse's mobile
// profile simulates, with each sampled function mapped through the build's
// source maps to the module it came from, then summed into buckets (React
// hydration, code highlighting, Mermaid layout, search, chooser, ...).
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {sleep} from './util.mjs';

const require = createRequire(import.meta.url);

/** Source-map lookup: @jridgewell/trace-mapping (installed with the bundler toolchain); without it, bucketing falls back to file names. */
function loadTraceMapping() {
  try {
    return require('@jridgewell/trace-mapping');
  } catch {
    return null;
  }
}
const traceMapping = loadTraceMapping();

/**
 * Buckets, first match wins, tested against the original module path from the
 * source map (or the script URL when there is no map). Order matters: the
 * chooser's own modules before the generic "src/".
 */
export const BUCKETS = [
  ['hydration (react-dom, scheduler)', /node_modules\/(react-dom|scheduler|react)\//],
  ['code highlighting (prism)', /node_modules\/(prism-react-renderer|prismjs)\/|theme-classic\/lib\/theme\/CodeBlock|theme-common\/lib\/utils\/codeBlockUtils/],
  ['Mermaid layout (mermaid, dagre, d3, …)', /node_modules\/(mermaid|@mermaid-js|dagre-d3-es|dagre|d3[^/]*|cytoscape[^/]*|khroma|dompurify|roughjs|katex|langium|chevrotain[^/]*|lodash-es|marked|stylis|@braintree|elkjs)\/|theme-mermaid\//],
  ['search (search-local, lunr)', /docusaurus-search-local|node_modules\/(lunr[^/]*|@easyops-cn)\//],
  ['chooser, flowchart, artifacts (src/components, src/manifests, js-yaml)', /(^|\/)src\/(components|manifests|data|utils)\/|node_modules\/js-yaml\//],
  ['Docusaurus runtime and theme', /@docusaurus\/|node_modules\/(react-router[^/]*|history|react-helmet-async|clsx|@mdx-js|nprogress|react-loadable|path-to-regexp|tslib)\/|\.docusaurus\/|(^|\/)src\/(theme|clientModules)\//],
  ['page content (MDX modules)', /(^|\/)docs\/.*\.mdx?$/],
  ['webpack runtime (module loading)', /webpack\/runtime\/|\/runtime~main\./],
];
const OTHER = 'other scripts';

/** Sampled time outside any script: V8's own work (GC) and the browser's (style, layout, paint), as the profiler reports them. */
const NATIVE = {'(program)': 'browser work outside JS ((program): style, layout, paint, parse HTML)', '(garbage collector)': 'garbage collection'};

function bucketOf(source) {
  for (const [name, pattern] of BUCKETS) if (pattern.test(source)) return name;
  return OTHER;
}

/** Source maps of one build folder, loaded once per script file. */
function sourceMaps(buildDir, baseUrl) {
  const cache = new Map();
  return (url) => {
    if (!traceMapping || !buildDir) return null;
    let pathname;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return null;
    }
    if (!cache.has(pathname)) {
      const file = join(buildDir, decodeURIComponent(pathname.slice(baseUrl.length))) + '.map';
      cache.set(pathname, existsSync(file) ? new traceMapping.TraceMap(readFileSync(file, 'utf8')) : null);
    }
    return cache.get(pathname);
  };
}

/**
 * Summarises one profile into buckets, script files and top functions (original
 * names where the map has them), and the longest task: the longest stretch of
 * samples without an idle one between them, split into the same buckets. A
 * sample's time is the delta to the next sample (as DevTools counts it).
 */
export function summarise(profile, {buildDir, baseUrl = '/'}) {
  const mapFor = sourceMaps(buildDir, baseUrl);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const buckets = new Map();
  const files = new Map();
  const functions = new Map();
  const others = new Map();
  let mapped = 0;
  let scriptMs = 0;
  const add = (map, key, value) => map.set(key, (map.get(key) ?? 0) + value);

  /** What one profile node is: idle, or its bucket, file and function; computed once per node. */
  const classified = new Map();
  const classify = (id) => {
    if (classified.has(id)) return classified.get(id);
    const frame = nodes.get(id)?.callFrame;
    let info;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(root)') info = {idle: true};
    else if (!frame.url) info = {bucket: NATIVE[frame.functionName] ?? 'V8 and browser built-ins (no script URL)'};
    else {
      let pathname = frame.url;
      try {
        pathname = new URL(frame.url).pathname;
      } catch {
        // Not a URL (an eval'd script): keep it as written.
      }
      const map = mapFor(frame.url);
      let source = pathname;
      let name = frame.functionName || '(anonymous)';
      let isMapped = false;
      if (map) {
        const original = traceMapping.originalPositionFor(map, {line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber)});
        if (original.source) {
          source = original.source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^(\.\.?\/)+/, '');
          isMapped = true;
          if (original.name) name = original.name;
        }
      }
      const module = source.replace(/^.*node_modules\//, '');
      info = {
        script: true,
        file: pathname,
        bucket: bucketOf(source),
        module,
        isMapped,
        fn: `${name} · ${module}${isMapped ? '' : ` @${frame.lineNumber + 1}:${frame.columnNumber + 1}`}`,
      };
    }
    classified.set(id, info);
    return info;
  };

  const {samples = [], timeDeltas = []} = profile;
  let task = {ms: 0, buckets: new Map()};
  let longest = task;
  for (let i = 0; i < samples.length - 1; i++) {
    const ms = timeDeltas[i + 1] / 1000;
    const info = classify(samples[i]);
    if (info.idle) {
      if (task.ms > longest.ms) longest = task;
      task = {ms: 0, buckets: new Map()};
      continue;
    }
    task.ms += ms;
    add(task.buckets, info.bucket, ms);
    add(buckets, info.bucket, ms);
    if (!info.script) continue;
    scriptMs += ms;
    if (info.isMapped) mapped += ms;
    add(files, info.file, ms);
    add(functions, info.fn, ms);
    if (info.bucket === OTHER) add(others, info.module, ms);
  }
  if (task.ms > longest.ms) longest = task;
  const sorted = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([key, ms]) => ({key, ms}));
  return {
    scriptMs,
    mappedShare: scriptMs ? mapped / scriptMs : 0,
    buckets: sorted(buckets, 20),
    files: sorted(files, 8),
    functions: sorted(functions, 12),
    others: sorted(others, 6),
    longestTaskMs: longest.ms,
    longestTask: sorted(longest.buckets, 5),
  };
}

/** Sums several summaries' entries by key and divides by their count (mean over runs). */
function meanOf(list, field) {
  const total = new Map();
  for (const summary of list) for (const {key, ms} of summary[field]) total.set(key, (total.get(key) ?? 0) + ms / list.length);
  return [...total].sort((a, b) => b[1] - a[1]).map(([key, ms]) => ({key, ms}));
}

/**
 * Loads `url` `runs` times (fresh context each, mobile viewport, CPU throttled
 * `rate`×) with the V8 sampling profiler on from before navigation until the
 * page has hydrated and the network has been idle, and returns the mean
 * attribution. `buildDir` holds the served files and their .map files.
 */
export async function profilePage(browser, {url, buildDir, baseUrl = '/', runs = 1, rate = 4}) {
  const summaries = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({viewport: {width: 412, height: 823}, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true});
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', {rate});
      await cdp.send('Profiler.enable');
      // 250 µs of wall time, i.e. about 60 µs of unthrottled work per sample.
      await cdp.send('Profiler.setSamplingInterval', {interval: 250});
      await cdp.send('Profiler.start');
      await page.goto(url, {waitUntil: 'load', timeout: 120_000});
      await page.waitForFunction(() => document.documentElement.getAttribute('data-has-hydrated') === 'true', undefined, {timeout: 120_000});
      await page.waitForLoadState('networkidle', {timeout: 120_000}).catch(() => {});
      // Work queued after the last response (Mermaid's layout, idle callbacks) still lands in the profile.
      await sleep(1500);
      const {profile} = await cdp.send('Profiler.stop');
      summaries.push(summarise(profile, {buildDir, baseUrl}));
    } finally {
      await context.close();
    }
  }
  const mean = (field) => summaries.reduce((n, s) => n + s[field], 0) / summaries.length;
  return {
    url,
    runs,
    rate,
    scriptMs: mean('scriptMs'),
    mappedShare: mean('mappedShare'),
    buckets: meanOf(summaries, 'buckets'),
    files: meanOf(summaries, 'files').slice(0, 8),
    functions: meanOf(summaries, 'functions').slice(0, 12),
    others: meanOf(summaries, 'others').slice(0, 6),
    longestTaskMs: mean('longestTaskMs'),
    longestTask: meanOf(summaries, 'longestTask').slice(0, 5),
  };
}
