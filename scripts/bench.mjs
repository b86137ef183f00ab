#!/usr/bin/env node
// `npm run bench`: our site against a stock Docusaurus site of the same version,
// built from the same installed packages and measured side by side on this
// machine. Prints a Markdown report and writes bench-results/latest.{json,md}.
//
//   BENCH_QUICK=1          smoke run: 1 build each, 2 loads per page, 10 clicks, no module stats
//   BENCH_BUILD_RUNS=n     timed builds per site (default 3; quick 1)
//   BENCH_SVG_RUNS=n       loads per site for the time to the flowchart (default 5; quick 2)
//   BENCH_CLICKS=n         chooser clicks (default 32; quick 10)
//   BENCH_LIGHTHOUSE=0     skip Lighthouse
//   BENCH_LIGHTHOUSE_RUNS=n Lighthouse runs per page and site, the median one reported (default 5; quick 1)
//   BENCH_PAGES=a,b        Lighthouse and the CPU profile on these pages only ('' or / is the overview);
//                          or 'all'; default: the overview and every guide (quick: the overview and the node proxy guide)
//   BENCH_DESKTOP=0|1      Lighthouse desktop as well as mobile (default on; quick off)
//   BENCH_PROFILE=0        skip the per-function CPU profile (4× CPU slowdown, source-mapped)
//   BENCH_PROFILE_RUNS=n   profiled loads per page (default 2; quick 1)
//   BENCH_STATS=0|1        module stats build that shows where Mermaid lands (default on; quick off)
//   BENCH_PATCH=file       also build and measure a copy with this patch (git diff from the repo root)
//                          applied, to measure a proposed change before making it
//   BENCH_KEEP=1           keep the temp folder with the three sites
// Progress goes to stderr; the report to stdout.
import {mkdir, mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {cpus, loadavg, tmpdir, totalmem} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {existsSync, readFileSync} from 'node:fs';
import {startServer} from './serve.mjs';
import {requireChromium} from './chromium.mjs';
import {freePort, log, median, run} from './bench/util.mjs';
import {prepareSites, timedBuild} from './bench/sites.mjs';
import {MERMAID_MARKERS, launchBrowser, measureClicks, measurePage} from './bench/browser.mjs';
import {runLighthouseMedian} from './bench/lighthouse.mjs';
import {attribute, loadStats, mermaidFamily} from './bench/attribution.mjs';
import {clickStats, markdown, summaryRows} from './bench/report.mjs';
import {writeLimitCopy} from './bench/limit.mjs';
import {profilePage} from './bench/profile.mjs';

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const env = process.env;
const QUICK = env.BENCH_QUICK === '1';
const count = (name, fallback) => {
  const value = Number.parseInt(env[name] ?? '', 10);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const options = {
  quick: QUICK,
  buildRuns: count('BENCH_BUILD_RUNS', QUICK ? 1 : 3),
  svgRuns: count('BENCH_SVG_RUNS', QUICK ? 2 : 5),
  clicks: count('BENCH_CLICKS', QUICK ? 10 : 32),
  lighthouse: env.BENCH_LIGHTHOUSE !== '0',
  // Five, as Lighthouse's own guide to variability advises: on this shared two-core machine the benchmarkIndex moves by
  // 2–3× within one bench, and with three runs two slow ones in a row made a page's median.
  lighthouseRuns: count('BENCH_LIGHTHOUSE_RUNS', QUICK ? 1 : 5),
  stats: env.BENCH_STATS ? env.BENCH_STATS === '1' : !QUICK,
  desktop: env.BENCH_DESKTOP ? env.BENCH_DESKTOP === '1' : !QUICK,
  profile: env.BENCH_PROFILE !== '0',
  profileRuns: count('BENCH_PROFILE_RUNS', QUICK ? 1 : 2),
  // Served paths as the build writes them: no leading slash, a trailing one (folder URLs); '' is the overview.
  pages: env.BENCH_PAGES && env.BENCH_PAGES !== 'all' ? env.BENCH_PAGES.split(',').map((p) => p.trim().replace(/^\/+|\/+$/g, '')).map((p) => (p ? `${p}/` : '')) : null,
  patch: env.BENCH_PATCH || null,
};
const VARIANT = Boolean(options.patch);

const OURS_SVG = '[data-testid="strategy-flowchart"] svg';
const BASELINE_SVG = '.docusaurus-mermaid-container svg';
// Folder URLs (trailing slash): the form both builds write as <path>/index.html and a plain host serves as is.
const GUIDE = 'egress/node-proxy-daemonset/';
const BASELINE_PLAIN = 'plain/';

// Before the minutes of builds: without a browser there is nothing to measure.
requireChromium();
const started = performance.now();
const results = {date: new Date().toISOString(), options, errors: [], load: {start: loadavg().map((v) => Number(v.toFixed(2)))}};
if (loadavg()[0] > cpus().length) {
  log(`warning: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; other work on this machine will inflate the timings`);
}

/** Runs one section; a failure is recorded and the other sections still run. */
async function section(name, fn) {
  try {
    return await fn();
  } catch (error) {
    log(`${name} failed: ${error.stack ?? error}`);
    results.errors.push({section: name, message: String(error.message ?? error).split('\n')[0]});
    return undefined;
  }
}

async function machine(browser) {
  const version = (pkg) => JSON.parse(readFileSync(join(repo, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: (totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    chromium: browser ? browser.version() : 'unknown',
    docusaurus: version('@docusaurus/core'),
    lighthouse: version('lighthouse'),
    playwright: version('playwright-core'),
    mermaid: version('mermaid'),
    platform: `${process.platform} ${process.arch}`,
  };
}

async function repoState() {
  const head = await run('git', ['rev-parse', '--short', 'HEAD'], {cwd: repo});
  const status = await run('git', ['status', '--porcelain'], {cwd: repo});
  return {commit: head.stdout.trim() || 'unknown', dirtyFiles: status.stdout.split('\n').filter(Boolean).length};
}

/** Median numbers over several loads of one page, and its files from the first load. */
function aggregate(loads) {
  const first = loads[0];
  const toFile = (e) => ({file: e.file, bytes: e.bytes, markers: e.mermaid});
  return {
    url: new URL(first.url).pathname,
    loads: loads.length,
    beforeInteractive: median(loads.map((l) => l.js.beforeInteractive.bytes)),
    total: median(loads.map((l) => l.js.total.bytes)),
    totalRange: [Math.min(...loads.map((l) => l.js.total.bytes)), Math.max(...loads.map((l) => l.js.total.bytes))],
    count: first.js.total.count,
    prefetched: median(loads.map((l) => l.js.prefetched.bytes)),
    allGzip: loads.every((l) => l.js.allGzip),
    mermaidFiles: first.mermaid.executed.map(toFile),
    mermaidPrefetched: first.mermaid.prefetched.map(toFile),
    scripts: first.js.scripts.map((e) => ({file: e.file, bytes: e.bytes, startMs: e.startTime === null ? null : Math.round(e.startTime)})),
  };
}

const vitalsOf = (load) => ({lcp: load.lcp, cls: load.cls, shifts: load.shifts});

/** The overview and every guide the build wrote (the folders under egress and ingress), as served paths. */
async function sitePages(buildDir) {
  const pages = [''];
  for (const category of ['egress', 'ingress']) {
    const entries = await readdir(join(buildDir, category), {withFileTypes: true}).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory() && existsSync(join(buildDir, category, entry.name, 'index.html'))) pages.push(`${category}/${entry.name}/`);
    }
  }
  return pages;
}

/** A page's label in the report: its path, or "overview". */
const pageLabel = (path) => (path === '' ? 'overview' : path.replace(/\/$/, ''));

async function main() {
  results.repo = await repoState();
  const root = await mkdtemp(join(tmpdir(), 'docusaurus-bench-'));
  log(`options ${JSON.stringify(options)}; sites in ${root}`);
  const ports = {ours: await freePort(), noChooser: await freePort(), baseline: await freePort(), oursFix: await freePort(), limit: await freePort(), profiled: await freePort()};
  const servers = [];
  let browser;
  try {
    log('preparing the sites: a snapshot of ours, the same without the chooser, the stock baseline');
    // The stats build also writes source maps, which the CPU profile needs.
    const sites = await prepareSites({repo, root, ports, stats: options.stats || options.profile, patch: options.patch});
    results.charts = sites.charts;
    log(`flowcharts: ours ${JSON.stringify(sites.charts.ours)}, baseline ${JSON.stringify(sites.charts.baseline)} (from ${sites.charts.baselineFrom})`);

    // Builders first, while nothing else runs.
    results.builders = await section('builders', async () => {
      log('manifest builders (tsx scripts/bench/builders.ts)');
      const result = await run(join(repo, 'node_modules', '.bin', 'tsx'), ['scripts/bench/builders.ts'], {cwd: repo});
      if (result.code !== 0) throw new Error(result.stderr.trim().split('\n').slice(-3).join(' '));
      return {rows: JSON.parse(result.stdout.trim().split('\n').pop())};
    });

    results.builds = await section('builds', async () => {
      const samples = {ours: [], baseline: []};
      for (let i = 0; i < options.buildRuns; i++) {
        // Alternate which site goes first, so neither always follows the other.
        const order = i % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
        for (const name of order) {
          log(`build ${i + 1}/${options.buildRuns}: ${name}`);
          const msValue = await timedBuild(sites[name]);
          samples[name].push(msValue);
          log(`  ${name}: ${(msValue / 1000).toFixed(1)} s`);
        }
      }
      return {
        runs: options.buildRuns,
        ours: {samplesMs: samples.ours, medianMs: median(samples.ours)},
        baseline: {samplesMs: samples.baseline, medianMs: median(samples.baseline)},
        other: [],
      };
    });
    if (!results.builds) throw new Error('The timed builds failed; nothing to measure.');

    for (const name of ['noChooser', ...(options.stats || options.profile ? ['oursStats'] : []), ...(VARIANT ? ['oursFix'] : [])]) {
      await section(`build ${name}`, async () => {
        log(`build (untimed extra): ${sites[name].name}`);
        const msValue = await timedBuild(sites[name]);
        results.builds.other.push({name: sites[name].name, ms: msValue});
        log(`  ${sites[name].name}: ${(msValue / 1000).toFixed(1)} s`);
      });
    }

    const url = {};
    const buildDir = (name) => join(sites[name].dir, 'build');
    for (const name of ['ours', 'noChooser', 'baseline', ...(VARIANT ? ['oursFix'] : [])]) {
      const server = await startServer({root: join(sites[name].dir, 'build'), baseUrl: '/', port: sites[name].port, compress: 'gzip'});
      servers.push(server);
      url[name] = server.url;
    }
    // The limit: our build with every script taken out of its HTML, served the same way.
    const limitDir = join(root, 'limit-build');
    const limitServed = await section('limit site', async () => {
      const removed = await writeLimitCopy(join(sites.ours.dir, 'build'), limitDir);
      log(`limit site: ${removed} <script> elements removed from the HTML of a copy of our build`);
      const server = await startServer({root: limitDir, baseUrl: '/', port: ports.limit, compress: 'gzip'});
      servers.push(server);
      url.limit = server.url;
      return {scriptsRemoved: removed};
    });
    if (limitServed) results.limit = limitServed;
    const profileBuild = join(sites.oursStats?.dir ?? root, 'build');
    if (options.profile && existsSync(join(profileBuild, 'index.html'))) {
      const server = await startServer({root: profileBuild, baseUrl: '/', port: ports.profiled, compress: 'gzip'});
      servers.push(server);
      url.profiled = server.url;
    }
    const allPages = await sitePages(buildDir('ours'));
    const pages = options.pages ?? (QUICK && env.BENCH_PAGES !== 'all' ? ['', GUIDE] : allPages);
    const unknown = pages.filter((page) => !allPages.includes(page));
    if (unknown.length) throw new Error(`BENCH_PAGES names pages the build does not have: ${unknown.join(', ')} (it has ${allPages.map((p) => p || '/').join(', ')})`);
    results.pages = pages.map((path) => ({path, label: pageLabel(path)}));

    browser = await launchBrowser();
    results.machine = await machine(browser);
    log(`Chromium ${results.machine.chromium}`);
    const load = (name, path, svgSelector, extra = {}) =>
      measurePage(browser, {url: url[name] + path, buildDir: buildDir(name), svgSelector, ...extra});

    const loads = {oursOverview: [], baselineDiagram: [], oursGuide: [], baselinePlain: [], noChooserOverview: [], fixOverview: [], fixGuide: []};
    await section('page loads', async () => {
      // One untimed load of each page first, so cold disk and browser start-up costs land in
      // neither site's samples (the builds are gzipped ahead, as a CDN or gzip_static serves them).
      log('warm-up loads');
      for (const [name, path, selector] of [
        ['ours', '', OURS_SVG],
        ['ours', GUIDE, null],
        ['baseline', '', BASELINE_SVG],
        ['baseline', BASELINE_PLAIN, null],
        ['noChooser', '', OURS_SVG],
        ...(VARIANT ? [['oursFix', '', OURS_SVG], ['oursFix', GUIDE, null]] : []),
      ]) {
        await load(name, path, selector);
      }
      for (let i = 0; i < options.svgRuns; i++) {
        log(`page loads ${i + 1}/${options.svgRuns}: overview and baseline diagram page`);
        const pair = [
          async () => loads.oursOverview.push(await load('ours', '', OURS_SVG)),
          async () => loads.baselineDiagram.push(await load('baseline', '', BASELINE_SVG)),
          ...(VARIANT ? [async () => loads.fixOverview.push(await load('oursFix', '', OURS_SVG))] : []),
        ];
        if (i % 2 === 1) pair.reverse();
        for (const step of pair) await step();
      }
      const few = Math.min(2, options.svgRuns);
      for (let i = 0; i < few; i++) {
        log(`page loads ${i + 1}/${few}: guide, baseline plain page, overview without chooser`);
        loads.oursGuide.push(await load('ours', GUIDE, null));
        loads.baselinePlain.push(await load('baseline', BASELINE_PLAIN, null));
        loads.noChooserOverview.push(await load('noChooser', '', OURS_SVG));
        if (VARIANT) loads.fixGuide.push(await load('oursFix', GUIDE, null));
      }
    });

    if (loads.oursOverview.length && loads.baselineDiagram.length) {
      const svgTimes = (list) => list.map((l) => l.svgAt);
      results.svg = {
        runs: loads.oursOverview.length,
        ours: {samplesMs: svgTimes(loads.oursOverview), medianMs: median(svgTimes(loads.oursOverview)), hydratedMedianMs: median(loads.oursOverview.map((l) => l.hydratedAt))},
        baseline: {samplesMs: svgTimes(loads.baselineDiagram), medianMs: median(svgTimes(loads.baselineDiagram)), hydratedMedianMs: median(loads.baselineDiagram.map((l) => l.hydratedAt))},
      };
      const pages = {};
      for (const name of ['oursOverview', 'baselineDiagram', 'oursGuide', 'baselinePlain', 'noChooserOverview']) {
        if (loads[name].length) pages[name] = aggregate(loads[name]);
      }
      results.javascript = {markers: MERMAID_MARKERS, pages};
      if (pages.noChooserOverview) {
        results.javascript.chooserAddedBytes = pages.oursOverview.total - pages.noChooserOverview.total;
        const names = (page) => new Set(page.scripts.map((s) => s.file));
        const withNames = names(pages.oursOverview);
        const withoutNames = names(pages.noChooserOverview);
        results.javascript.chooserDiff = {
          onlyWith: pages.oursOverview.scripts.filter((s) => !withoutNames.has(s.file)),
          onlyWithout: pages.noChooserOverview.scripts.filter((s) => !withNames.has(s.file)),
        };
      }
    }

    if (options.stats && results.javascript) {
      await section('attribution', async () => {
        const stats = loadStats(sites.oursStats.dir);
        if (!stats) throw new Error('the stats build wrote no bench-stats.json');
        const family = mermaidFamily(repo);
        results.attribution = {
          [`guide (${GUIDE})`]: attribute(stats, results.javascript.pages.oursGuide.scripts, family),
          'overview (/)': attribute(stats, results.javascript.pages.oursOverview.scripts, family),
        };
      });
    }

    await section('vitals', async () => {
      log('LCP element and layout shifts, mobile emulation');
      results.vitals = {
        'overview, desktop': vitalsOf(loads.oursOverview[0]),
        'guide, desktop': vitalsOf(loads.oursGuide[0]),
        'baseline diagram, desktop': vitalsOf(loads.baselineDiagram[0]),
        // On a phone our chart sits below the fold and is drawn only once scrolled to: nothing to wait for.
        'overview, mobile': vitalsOf(await load('ours', '', null, {mobile: true})),
        'guide, mobile': vitalsOf(await load('ours', GUIDE, null, {mobile: true})),
        'baseline diagram, mobile': vitalsOf(await load('baseline', '', BASELINE_SVG, {mobile: true})),
      };
      // CLS over all desktop loads: the worst one counts.
      for (const [key, list] of [['overview, desktop', loads.oursOverview], ['baseline diagram, desktop', loads.baselineDiagram]]) {
        const worst = list.reduce((a, b) => (b.cls > a.cls ? b : a));
        results.vitals[key] = {...vitalsOf(worst), lcp: list[0].lcp};
      }
    });

    results.clicks = await section('clicks', async () => {
      log(`chooser: ${options.clicks} clicks`);
      return clickStats(await measureClicks(browser, {url: url.ours, clicks: options.clicks, svgSelector: OURS_SVG}));
    });
    let variantClicks;
    if (VARIANT) {
      variantClicks = await section('clicks (variant)', async () => {
        log(`chooser on ${sites.oursFix.name}: ${options.clicks} clicks`);
        return clickStats(await measureClicks(browser, {url: url.oursFix, clicks: options.clicks, svgSelector: OURS_SVG}));
      });
    }

    if (options.profile) {
      results.profile = await section('profile', async () => {
        if (!url.profiled) throw new Error('no source-mapped build to profile (the stats build failed?)');
        const out = {};
        for (const path of pages) {
          log(`CPU profile (4× slowdown, ${options.profileRuns} load(s)): ${pageLabel(path)}`);
          out[pageLabel(path)] = await profilePage(browser, {url: url.profiled + path, buildDir: profileBuild, runs: options.profileRuns, rate: 4});
        }
        return out;
      });
    }

    await browser.close();
    browser = undefined;

    const variantLighthouse = {};
    if (options.lighthouse) {
      // Keyed `site|page|form factor`; sites: ours, limit (ours without scripts), baseline.
      results.lighthouse = {};
      const audit = async (store, key, target, formFactor) => {
        log(`Lighthouse ${key} (${options.lighthouseRuns} run(s), the median kept)`);
        store[key] = (await section(`lighthouse ${key}`, () => runLighthouseMedian(target, formFactor, options.lighthouseRuns))) ?? {error: 'failed, see errors'};
      };
      for (const formFactor of ['mobile', ...(options.desktop ? ['desktop'] : [])]) {
        await audit(results.lighthouse, `baseline|diagram|${formFactor}`, url.baseline, formFactor);
        await audit(results.lighthouse, `baseline|plain|${formFactor}`, url.baseline + BASELINE_PLAIN, formFactor);
        for (const path of pages) {
          const label = pageLabel(path);
          await audit(results.lighthouse, `ours|${label}|${formFactor}`, url.ours + path, formFactor);
          if (url.limit) await audit(results.lighthouse, `limit|${label}|${formFactor}`, url.limit + path, formFactor);
          if (VARIANT) await audit(variantLighthouse, `ours|${label}|${formFactor}`, url.oursFix + path, formFactor);
        }
      }
    }

    if (VARIANT) {
      await section('variant', async () => {
        results.variant = {
          name: sites.oursFix.name,
          patch: options.patch,
          buildMs: results.builds.other.find((o) => o.name === sites.oursFix.name)?.ms,
          overview: loads.fixOverview.length ? aggregate(loads.fixOverview) : null,
          guide: loads.fixGuide.length ? aggregate(loads.fixGuide) : null,
          svgMedianMs: median(loads.fixOverview.map((l) => l.svgAt)),
          svgSamplesMs: loads.fixOverview.map((l) => l.svgAt),
          clicks: variantClicks,
          lighthouse: options.lighthouse ? variantLighthouse : null,
        };
      });
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    for (const server of servers) await server.close().catch(() => {});
    if (env.BENCH_KEEP === '1') log(`kept ${root}`);
    else await rm(root, {recursive: true, force: true});
  }
}

await section('bench', main);
results.machine ??= await machine(null);
results.repo ??= {commit: 'unknown', dirtyFiles: 0};
results.durationMs = performance.now() - started;
results.load.end = loadavg().map((v) => Number(v.toFixed(2)));
results.summary = summaryRows(results).map(([metric, ours, baseline, ratio, goal, met]) => ({metric, ours, baseline, ratio, goal, met}));

const report = markdown(results);
const outDir = join(repo, 'bench-results');
await mkdir(outDir, {recursive: true});
await writeFile(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
await writeFile(join(outDir, 'latest.md'), `${report}\n`);
process.stdout.write(`${report}\n`);
log(`wrote bench-results/latest.json and bench-results/latest.md in ${(results.durationMs / 1000).toFixed(0)} s`);
if (results.errors.length) process.exitCode = 1;
