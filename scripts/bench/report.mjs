// Turns the results object into the summary table and the per-section details (Markdown).
import {kB, median, ms, quantile} from './util.mjs';

const yes = (ok) => (ok === null || ok === undefined ? '–' : ok ? '✅ yes' : '❌ no');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const delta = (a, b) => (Number.isFinite(a) && Number.isFinite(b) ? `${a - b >= 0 ? '+' : '−'}${kB(Math.abs(a - b))}` : '–');
const secs = (v) => (Number.isFinite(v) ? `${(v / 1000).toFixed(1)} s` : 'n/a');
/** The issue's goals: mobile ≥ 95 with TBT ≤ 200 ms and LCP ≤ 1.8 s, desktop ≥ 99; CLS ≤ 0.02 and 100 in the other categories for both. */
const GOALS = {
  mobile: {performance: 95, tbtMs: 200, lcpMs: 1800, cls: 0.02, text: '≥ 95 / 100 / 100 / 100, TBT ≤ 200 ms, LCP ≤ 1.8 s, CLS ≤ 0.02'},
  desktop: {performance: 99, tbtMs: Infinity, lcpMs: Infinity, cls: 0.02, text: '≥ 99 / 100 / 100 / 100, CLS ≤ 0.02'},
};
const lhMet = (lh, formFactor = 'mobile') => {
  if (!lh || lh.error) return null;
  const goal = GOALS[formFactor];
  return (
    lh.scores.performance >= goal.performance &&
    lh.scores.accessibility === 100 &&
    lh.scores['best-practices'] === 100 &&
    lh.scores.seo === 100 &&
    (lh.metrics.tbtMs ?? Infinity) <= goal.tbtMs &&
    (lh.metrics.lcpMs ?? Infinity) <= goal.lcpMs &&
    (lh.metrics.cls ?? 1) <= goal.cls
  );
};
/** Performance score, TBT, LCP and CLS in one cell. */
const perfCell = (lh) =>
  lh && !lh.error
    ? `${lh.scores.performance} · TBT ${ms(lh.metrics.tbtMs)} · LCP ${secs(lh.metrics.lcpMs)} · CLS ${lh.metrics.cls?.toFixed(3) ?? '–'}`
    : lh?.error
      ? 'error'
      : '–';
const lhKey = (site, page, formFactor) => `${site}|${page}|${formFactor}`;
const shortFile = (url) => String(url).replace(/^.*\/assets\/js\//, '');

/** The summary rows: metric, ours, baseline, ratio, goal, met. */
export function summaryRows(r) {
  const rows = [];
  const b = r.builds;
  if (b) {
    rows.push([
      `Production build from clean, median of ${b.runs} (wall)`,
      secs(b.ours.medianMs),
      secs(b.baseline.medianMs),
      ratio(b.ours.medianMs, b.baseline.medianMs),
      '≤ 1.2× baseline',
      yes(b.ours.medianMs <= 1.2 * b.baseline.medianMs),
    ]);
  }
  const js = r.javascript;
  if (js) {
    const o = js.pages.oursOverview;
    const bd = js.pages.baselineDiagram;
    rows.push(['JS before interactive (gzip): overview vs baseline diagram page', kB(o?.beforeInteractive), kB(bd?.beforeInteractive), delta(o?.beforeInteractive, bd?.beforeInteractive), '–', '–']);
    rows.push([
      'JS total after flowchart SVG + network idle (gzip): overview vs baseline diagram page',
      kB(o?.total),
      kB(bd?.total),
      delta(o?.total, bd?.total),
      '≤ baseline + 30 kB',
      yes(o && bd ? o.total <= bd.total + 30_000 : null),
    ]);
    const g = js.pages.oursGuide;
    const bp = js.pages.baselinePlain;
    rows.push(['JS total (gzip): guide vs baseline plain page', kB(g?.total), kB(bp?.total), delta(g?.total, bp?.total), '–', '–']);
    const mermaidOn = (page) => (page ? (page.mermaidFiles.length === 0 ? 'none' : `yes: ${page.mermaidFiles.map((f) => `${f.file.replace(/^assets\/js\//, '')} (${kB(f.bytes)})`).join(', ')}`) : 'n/a');
    rows.push(['Mermaid code loaded by a page without a diagram', mermaidOn(g), mermaidOn(bp), '–', 'none', yes(g ? g.mermaidFiles.length === 0 : null)]);
    if (js.chooserAddedBytes !== undefined) {
      rows.push(['Chooser\'s added JS (overview total − same build without <StrategyChooser />)', kB(js.chooserAddedBytes), '–', '–', '≤ 30 kB', yes(js.chooserAddedBytes <= 30_000)]);
    }
  }
  const svg = r.svg;
  if (svg) {
    rows.push([
      `Navigation start → flowchart SVG in DOM, median of ${svg.runs}`,
      ms(svg.ours.medianMs),
      ms(svg.baseline.medianMs),
      ratio(svg.ours.medianMs, svg.baseline.medianMs),
      '≤ 1.1× baseline',
      yes(svg.ours.medianMs <= 1.1 * svg.baseline.medianMs),
    ]);
  }
  const lh = r.lighthouse;
  if (lh) {
    const labels = (r.pages ?? []).map((p) => p.label);
    for (const formFactor of ['mobile', 'desktop']) {
      if (!labels.some((label) => lh[lhKey('ours', label, formFactor)])) continue;
      for (const label of labels) {
        const ours = lh[lhKey('ours', label, formFactor)];
        const baseline = lh[lhKey('baseline', label === 'overview' ? 'diagram' : 'plain', formFactor)];
        const limit = lh[lhKey('limit', label, formFactor)];
        rows.push([
          `Lighthouse ${formFactor}, ${label}: perf · TBT · LCP · CLS (limit = same page, scripts removed)`,
          perfCell(ours),
          `${perfCell(baseline)} (stock ${label === 'overview' ? 'diagram' : 'plain'} page)`,
          `limit: ${perfCell(limit)}`,
          GOALS[formFactor].text,
          yes(lhMet(ours, formFactor)),
        ]);
      }
    }
  }
  const c = r.clicks;
  if (c && !c.error) {
    rows.push([`Chooser click → next paint, median of ${c.count} clicks`, ms(c.medianMs, 1), '–', '–', '< 50 ms', yes(c.medianMs < 50)]);
    rows.push([`Chooser click → next paint, p95 of ${c.count} clicks`, ms(c.p95Ms, 1), '–', '–', '< 50 ms', yes(c.p95Ms < 50)]);
  }
  const bl = r.builders;
  if (bl && !bl.error) {
    const worst = Math.max(...bl.rows.map((row) => row.medianMs));
    rows.push(['Manifest builders: slowest strategy\'s median (parse + build + serialize)', ms(worst, 3), '–', '–', '< 1 ms', yes(worst < 1)]);
  }
  return rows;
}

function table(header, rows) {
  const esc = (cell) => String(cell ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(esc).join(' | ')} |`)].join('\n');
}

export function markdown(r) {
  const out = [];
  out.push(`# Benchmark: ours vs stock Docusaurus ${r.machine.docusaurus}`);
  out.push('');
  out.push(
    `${r.date} · ${r.machine.cpu} × ${r.machine.cores} cores · ${r.machine.memoryGb} GB · Node ${r.machine.node} · Chromium ${r.machine.chromium} · Lighthouse ${r.machine.lighthouse} · ` +
      `repo ${r.repo.commit}${r.repo.dirtyFiles ? ` + ${r.repo.dirtyFiles} uncommitted file(s)` : ''} · load avg ${r.load?.start?.[0] ?? '?'} → ${r.load?.end?.[0] ?? '?'}${r.options.quick ? ' · **BENCH_QUICK** (smoke run, fewer samples)' : ''}`,
  );
  out.push('');
  out.push(table(['Metric', 'Ours', 'Baseline', 'Ratio / Δ', 'Goal', 'Met?'], summaryRows(r)));
  out.push('');
  if (r.errors.length) {
    out.push('## Errors');
    out.push('');
    for (const error of r.errors) out.push(`- **${error.section}**: ${error.message}`);
    out.push('');
  }

  if (r.builds) {
    const b = r.builds;
    out.push('## Build time');
    out.push('');
    out.push(`Clean production build (\`.docusaurus\`, \`build\`, \`node_modules/.cache\` removed first), runs interleaved ours/baseline. Ours: Rspack (\`future.faster\`) as configured; baseline: stock webpack + Babel + Terser.`);
    out.push('');
    out.push(table(['Site', 'Runs (s)', 'Median (s)'], [
      ['ours', b.ours.samplesMs.map((v) => (v / 1000).toFixed(1)).join(', '), (b.ours.medianMs / 1000).toFixed(1)],
      ['baseline', b.baseline.samplesMs.map((v) => (v / 1000).toFixed(1)).join(', '), (b.baseline.medianMs / 1000).toFixed(1)],
      ...(b.other ?? []).map((o) => [`${o.name} (untimed extra)`, (o.ms / 1000).toFixed(1), '–']),
    ]));
    out.push('');
  }

  if (r.javascript) {
    const js = r.javascript;
    out.push('## JavaScript downloaded (gzip bytes as served by scripts/serve.mjs)');
    out.push('');
    out.push('Before interactive: scripts requested before max(load event, `data-has-hydrated`). Total: all scripts run once the flowchart SVG is in the DOM and the network has been idle for 1 s. Prefetched: route chunks Docusaurus prefetches for links in view (downloaded, not run; not in the totals). Medians over the loads; fresh browser context (empty cache) per load.');
    out.push('');
    const pageRows = Object.entries(js.pages).map(([name, p]) => [
      name,
      p.url,
      kB(p.beforeInteractive),
      kB(p.total),
      p.count,
      kB(p.prefetched),
      p.mermaidFiles.length ? p.mermaidFiles.map((f) => `${f.file.replace(/^assets\/js\//, '')} ${kB(f.bytes)} [${f.markers.join(', ')}]`).join('; ') : 'none',
      p.mermaidPrefetched.length ? p.mermaidPrefetched.map((f) => f.file.replace(/^assets\/js\//, '')).join(', ') : 'none',
    ]);
    out.push(table(['Page', 'Path', 'Before interactive', 'Total', 'Scripts', 'Prefetched', 'Mermaid code run (file, gzip, markers)', 'Mermaid prefetched'], pageRows));
    out.push('');
    out.push(`Mermaid markers searched in each downloaded file: ${js.markers.map((m) => `\`${m}\``).join(', ')}.`);
    out.push('');
    if (js.chooserAddedBytes !== undefined) {
      out.push(`**Chooser**: overview total ${kB(js.pages.oursOverview.total)} vs ${kB(js.pages.noChooserOverview.total)} for the same site with the \`<StrategyChooser />\` line (and its import) removed from a copy of \`docs/index.mdx\`: ${delta(js.pages.oursOverview.total, js.pages.noChooserOverview.total)}.`);
      if (js.chooserDiff) {
        const list = (files) => (files.length ? files.map((f) => `${f.file.replace(/^assets\/js\//, '')} ${kB(f.bytes)}`).join(', ') : 'none');
        out.push('');
        out.push(`Scripts that differ (by file name, i.e. content hash): only with the chooser: ${list(js.chooserDiff.onlyWith)}; only without: ${list(js.chooserDiff.onlyWithout)}.`);
      }
      out.push('');
    }
  }

  if (r.attribution) {
    out.push('## Where Mermaid lands (module stats of a build of the same sources)');
    out.push('');
    out.push('Sizes are the modules\' sizes before minification; "Mermaid" is the `mermaid` package and everything it depends on (d3, dagre-d3-es, cytoscape, katex, @mermaid-js/parser with Langium/Chevrotain, …).');
    out.push('');
    for (const [page, files] of Object.entries(r.attribution)) {
      out.push(`**${page}**`);
      out.push('');
      out.push(table(['File', 'gzip', 'modules (raw)', 'Mermaid share', 'Largest Mermaid packages', 'Largest other'], files.map((f) => f.found
        ? [f.file.replace(/^assets\/js\//, ''), kB(f.gzipBytes), kB(f.rawBytes), `${(f.mermaidShare * 100).toFixed(0)}%`, f.topMermaid.map((p) => `${p.name} ${kB(p.rawBytes)}`).join(', ') || '–', f.topOther.slice(0, 4).map((p) => `${p.name} ${kB(p.rawBytes)}`).join(', ') || '–']
        : [f.file.replace(/^assets\/js\//, ''), kB(f.gzipBytes), 'not in stats', '–', '–', '–'])));
      out.push('');
    }
  }

  if (r.svg) {
    out.push('## Time to rendered flowchart');
    out.push('');
    out.push('performance.now() when a MutationObserver (added before any page script) first sees the SVG: ours `[data-testid="strategy-flowchart"] svg`, baseline `.docusaurus-mermaid-container svg`. Desktop viewport, no throttling, fresh context per load, loads alternating between the sites.');
    out.push('');
    out.push(table(['Site', 'Samples (ms)', 'Median', 'Hydrated (median)'], [
      ['ours', r.svg.ours.samplesMs.map((v) => v.toFixed(0)).join(', '), ms(r.svg.ours.medianMs), ms(r.svg.ours.hydratedMedianMs)],
      ['baseline', r.svg.baseline.samplesMs.map((v) => v.toFixed(0)).join(', '), ms(r.svg.baseline.medianMs), ms(r.svg.baseline.hydratedMedianMs)],
    ]));
    out.push('');
  }

  if (r.lighthouse) {
    out.push('## Lighthouse');
    out.push('');
    const rows = Object.entries(r.lighthouse).map(([key, lh]) =>
      lh.error
        ? [key, `error: ${lh.error}`, '', '', '', '', '', '']
        : [
            key,
            `${lh.scores.performance} / ${lh.scores.accessibility} / ${lh.scores['best-practices']} / ${lh.scores.seo}`,
            ms(lh.metrics.fcpMs),
            ms(lh.metrics.lcpMs),
            ms(lh.metrics.tbtMs),
            lh.metrics.cls?.toFixed(3),
            (lh.runs ?? []).map((run) => `${run.performance}/${ms(run.tbtMs)}${Number.isFinite(run.benchmarkIndex) ? ` @${Math.round(run.benchmarkIndex)}` : ''}`).join(', '),
            Object.entries(lh.failing)
              .flatMap(([cat, audits]) => audits.map((a) => `${cat}: ${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}${a.where ? ` @ ${a.where}` : ''}`))
              .join('; ') || 'none',
          ],
    );
    out.push('Keys are site | page | form factor. Sites: ours; limit (our built page with every `<script>` removed, HTML and CSS only, served the same way, gzip); baseline (stock Docusaurus: its diagram page for the overview, its plain page for the guides).');
    out.push('');
    out.push(`Each row is the median of ${r.options?.lighthouseRuns ?? 1} run(s) by performance score; every run's perf / TBT is listed beside it, with that run's benchmarkIndex after the @ (lower is a slower CPU at that moment).`);
    out.push('');
    out.push(table(['Site / page / form factor', 'Perf / A11y / BP / SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'Runs (perf / TBT @benchmarkIndex)', 'Audits below 1'], rows));
    const indexes = Object.values(r.lighthouse).flatMap((lh) => (lh.runs?.length ? lh.runs : [lh]).map((run) => run.benchmarkIndex)).filter(Number.isFinite);
    if (indexes.length) {
      out.push('');
      out.push(`Lighthouse benchmarkIndex of this machine: ${Math.min(...indexes)}–${Math.max(...indexes)} (mobile scores simulate a 4× CPU slowdown on top of it).`);
    }
    out.push('');
    const errored = [...new Set(Object.values(r.lighthouse).flatMap((lh) => (lh.errored ?? []).map((e) => e.id)))];
    if (errored.length) out.push(`Audits that errored in every run (Lighthouse 12.2.3 with this Chromium): ${errored.map((id) => `\`${id}\``).join(', ')}; LCP element and layout shifts are measured with Playwright below instead.`);
    out.push('');
    out.push(...mainThreadSection(r));
  }

  if (r.vitals) {
    out.push('## LCP element and layout shifts (Playwright PerformanceObserver)');
    out.push('');
    const rows = Object.entries(r.vitals).map(([key, v]) => [
      key,
      v.lcp ? `${ms(v.lcp.startTime)}: ${v.lcp.element ?? v.lcp.url ?? '?'}` : 'none',
      v.cls.toFixed(4),
      v.shifts.length ? v.shifts.map((s) => `${s.value.toFixed(4)} @${s.startTime.toFixed(0)} ms: ${s.sources.map((src) => `${src.node} [${src.previousRect}]→[${src.currentRect}]`).join(', ')}`).join('; ') : 'none',
    ]);
    out.push(table(['Page', 'LCP (time: element)', 'CLS', 'Layout shifts (value @time: source [x,y,w,h] before→after)'], rows));
    out.push('');
  }

  if (r.clicks) {
    const c = r.clicks;
    out.push('## Chooser click → next paint');
    out.push('');
    if (c.error) {
      out.push(`Error: ${c.error}`);
    } else {
      out.push('In page: performance.now() before `button.click()`, then a MutationObserver for the DOM change, then rAF + a posted message (runs after that frame has painted). Cycles through all six outcomes with answers, Back and Start over; the page settles (idle) between clicks.');
      out.push('');
      out.push(`Median ${ms(c.medianMs, 1)}, p95 ${ms(c.p95Ms, 1)}, max ${ms(c.maxMs, 1)}; clicks reaching an outcome: median ${ms(c.outcomeMedianMs, 1)}, p95 ${ms(c.outcomeP95Ms, 1)}; handler (click() returns) median ${ms(c.handlerMedianMs, 1)}; chooser DOM changed after median ${ms(c.domMedianMs, 1)}.`);
      out.push('');
      out.push(`Clicks where the flowchart's SVG was redrawn before that paint: ${c.flowchartBeforePaint.n} of ${c.count}, median ${ms(c.flowchartBeforePaint.medianMs, 1)}; the others: median ${ms(c.flowchartAfterPaint.medianMs, 1)}.`);
      out.push('');
      out.push(table(['Click', 'n', 'Median', 'Max'], c.byClick.map((g) => [g.click, g.n, ms(g.medianMs, 1), ms(g.maxMs, 1)])));
    }
    out.push('');
  }

  out.push(...profileSection(r));

  if (r.builders) {
    out.push('## Manifest builders (scripts/bench-builders.ts)');
    out.push('');
    if (r.builders.error) out.push(`Error: ${r.builders.error}`);
    else out.push(table(['Strategy', 'Median', 'p95', 'Runs'], r.builders.rows.map((row) => [row.strategy, ms(row.medianMs, 3), ms(row.p95Ms, 3), row.runs])));
    out.push('');
  }

  if (r.variant) {
    const f = r.variant;
    const what = `\`${f.patch}\` applied`;
    out.push(`## Proposed change, measured: ${f.name}`);
    out.push('');
    out.push(`A copy of our site with ${what}; the repository is unchanged. Measured in the same run as the rest.`);
    out.push('');
    const p = r.javascript?.pages ?? {};
    out.push(table(['Metric', 'Ours as is', f.name, 'Baseline'], [
      ['Build (s, from clean; ours: median)', secs(r.builds?.ours.medianMs), secs(f.buildMs), secs(r.builds?.baseline.medianMs)],
      ['Overview JS before interactive', kB(p.oursOverview?.beforeInteractive), kB(f.overview?.beforeInteractive), kB(p.baselineDiagram?.beforeInteractive)],
      ['Overview JS total', kB(p.oursOverview?.total), kB(f.overview?.total), kB(p.baselineDiagram?.total)],
      ['Guide JS total', kB(p.oursGuide?.total), kB(f.guide?.total), kB(p.baselinePlain?.total)],
      ['Guide loads Mermaid code', p.oursGuide?.mermaidFiles.length ? 'yes' : 'no', f.guide?.mermaidFiles.length ? 'yes' : 'no', p.baselinePlain?.mermaidFiles.length ? 'yes' : 'no'],
      ['Time to flowchart SVG (median)', ms(r.svg?.ours.medianMs), ms(f.svgMedianMs), ms(r.svg?.baseline.medianMs)],
      ['Click → paint median / p95', r.clicks?.medianMs !== undefined ? `${ms(r.clicks.medianMs, 1)} / ${ms(r.clicks.p95Ms, 1)}` : '–', f.clicks ? `${ms(f.clicks.medianMs, 1)} / ${ms(f.clicks.p95Ms, 1)}` : '–', '–'],
      ...(f.lighthouse ? Object.entries(f.lighthouse).map(([key, lh]) => [`Lighthouse ${key}`, perfCell(r.lighthouse?.[key]), perfCell(lh), '–']) : []),
    ]));
    out.push('');
  }

  out.push('## Machine');
  out.push('');
  out.push(table(['', ''], Object.entries(r.machine).map(([k, v]) => [k, v])));
  out.push('');
  if (r.load) out.push(`Load average (1/5/15 min) at start: ${r.load.start?.join(' / ')}; at end: ${r.load.end?.join(' / ') ?? '–'} (${r.machine.cores} cores; above that, other processes competed with the bench).`);
  out.push('');
  out.push(`Options: ${Object.entries(r.options).map(([k, v]) => `${k}=${v}`).join(', ')}. Total bench time ${secs(r.durationMs)}.`);
  out.push('');
  return out.join('\n');
}

/** Summary statistics of the click samples. */
export function clickStats(samples) {
  const all = samples.map((s) => s.ms);
  const outcome = samples.filter((s) => s.outcome).map((s) => s.ms);
  const groups = new Map();
  for (const s of samples) groups.set(s.click, [...(groups.get(s.click) ?? []), s.ms]);
  return {
    count: samples.length,
    medianMs: median(all),
    p95Ms: quantile(all, 0.95),
    maxMs: Math.max(...all),
    outcomeMedianMs: median(outcome),
    outcomeP95Ms: quantile(outcome, 0.95),
    handlerMedianMs: median(samples.map((s) => s.handlerMs)),
    domMedianMs: median(samples.map((s) => s.domMs)),
    flowchartBeforePaint: {n: samples.filter((s) => s.flowchartBeforePaint).length, medianMs: median(samples.filter((s) => s.flowchartBeforePaint).map((s) => s.ms))},
    flowchartAfterPaint: {n: samples.filter((s) => !s.flowchartBeforePaint).length, medianMs: median(samples.filter((s) => !s.flowchartBeforePaint).map((s) => s.ms))},
    byClick: [...groups].map(([click, values]) => ({click, n: values.length, medianMs: median(values), maxMs: Math.max(...values)})),
    samples,
  };
}

/** Lighthouse's own attribution (mobile): main-thread time per script (bootup-time) and per kind of work (mainthread-work-breakdown). */
function mainThreadSection(r) {
  const out = [];
  const lh = r.lighthouse ?? {};
  const labels = (r.pages ?? []).map((p) => p.label);
  const keys = [
    ...labels.flatMap((label) => [lhKey('ours', label, 'mobile'), lhKey('limit', label, 'mobile')]),
    lhKey('baseline', 'diagram', 'mobile'),
    lhKey('baseline', 'plain', 'mobile'),
  ].filter((key) => lh[key] && !lh[key].error);
  if (!keys.length) return out;
  out.push('## Main-thread time, Lighthouse mobile (simulated 4× CPU slowdown)');
  out.push('');
  out.push('Per kind of work (mainthread-work-breakdown) and the scripts that cost the most (bootup-time: total = scripting + parse/compile + the rest the script caused), and the longest tasks.');
  out.push('');
  const groups = ['scriptEvaluation', 'scriptParseCompile', 'styleLayout', 'paintCompositeRender', 'parseHTML', 'garbageCollection', 'other'];
  out.push(table(['Site / page', 'Main thread total', ...groups, 'Scripts by total (scripting, parse)', 'Long tasks'], keys.map((key) => {
    const run = lh[key];
    const byGroup = Object.fromEntries((run.mainThread ?? []).map((g) => [g.group, g.ms]));
    return [
      key.replace(/\|mobile$/, ''),
      ms(run.mainThreadTotalMs),
      ...groups.map((g) => ms(byGroup[g])),
      (run.bootup ?? []).slice(0, 5).map((b) => `${shortFile(b.url)} ${ms(b.totalMs)} (${ms(b.scriptingMs)}, ${ms(b.parseCompileMs)})`).join('; ') || '–',
      (run.longTasks ?? []).slice(0, 4).map((t) => `${ms(t.ms)} ${shortFile(t.url)}`).join('; ') || 'none',
    ];
  })));
  out.push('');
  return out;
}

/** The CPU profile: self time per bucket, per page, and the top functions of each page. */
function profileSection(r) {
  const out = [];
  const profile = r.profile;
  if (!profile || !Object.keys(profile).length) return out;
  const pages = Object.keys(profile);
  const first = profile[pages[0]];
  out.push(`## Where the JavaScript time goes, per function (CPU profile, ${first.rate}× CPU slowdown, mobile viewport)`);
  out.push('');
  out.push(
    `Chromium's sampling profiler over a page load (navigation until hydrated, network idle and 1.5 s more), mean of ${first.runs} load(s) per page, ` +
      'on a build of the same sources with hidden source maps; each sample\'s function is mapped to its original module and summed into buckets. ' +
      'Self time, throttled (divide by the slowdown for the unthrottled time). Lighthouse\'s simulated TBT counts only the part of long tasks above 50 ms, so these add up to more than TBT.',
  );
  out.push('');
  const bucketNames = [...new Set(pages.flatMap((page) => profile[page].buckets.map((b) => b.key)))];
  const at = (page, name) => profile[page].buckets.find((b) => b.key === name)?.ms;
  bucketNames.sort((a, b) => pages.reduce((n, p) => n + (at(p, b) ?? 0), 0) - pages.reduce((n, p) => n + (at(p, a) ?? 0), 0));
  out.push(table(['Bucket (self time, ms)', ...pages], [
    ...bucketNames.map((name) => [name, ...pages.map((page) => (at(page, name) === undefined ? '–' : at(page, name).toFixed(0)))]),
    ['**JavaScript total** (share mapped to a module)', ...pages.map((page) => `${profile[page].scriptMs.toFixed(0)} (${(profile[page].mappedShare * 100).toFixed(0)}%)`)],
  ]));
  out.push('');
  for (const page of pages) {
    const p = profile[page];
    out.push(
      `**${page}**: top functions (self ms): ${p.functions.slice(0, 8).map((f) => `${f.key} ${f.ms.toFixed(0)}`).join('; ')}. ` +
        `Scripts: ${p.files.slice(0, 5).map((f) => `${shortFile(f.key)} ${f.ms.toFixed(0)}`).join('; ')}. ` +
        `Longest busy stretch (no idle sample; React's time slices follow each other without one): ${p.longestTaskMs.toFixed(0)} ms, of which ${p.longestTask.map((b) => `${b.key} ${b.ms.toFixed(0)}`).join(', ')}.` +
        (p.others.length ? ` Unbucketed: ${p.others.slice(0, 4).map((o) => `${shortFile(o.key)} ${o.ms.toFixed(0)}`).join(', ')}.` : ''),
    );
    out.push('');
  }
  return out;
}
