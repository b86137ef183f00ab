// Lighthouse 12.2.3, programmatically, against a Chromium launched by
// chrome-launcher with the same flags as the browser tests.
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';
import {chromiumPath, CHROMIUM_ARGS} from './browser.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

/** Audits that failed (score below 1) in a category, with the first item's selector when there is one. */
function failing(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
    .map((audit) => {
      const item = audit.details?.items?.[0];
      const where = item?.node?.selector ?? item?.url ?? item?.source?.url ?? null;
      return {id: audit.id, score: audit.score, title: audit.title, displayValue: audit.displayValue ?? null, where};
    });
}

/** A URL of the page's own origin as its path, so the report shows `/assets/js/main.….js`. */
function shortUrl(value, pageUrl) {
  if (!value || typeof value !== 'string') return String(value ?? '');
  try {
    const parsed = new URL(value);
    return parsed.origin === new URL(pageUrl).origin ? parsed.pathname : value;
  } catch {
    return value;
  }
}

/** Runs one Lighthouse audit in a fresh Chromium; `formFactor` is 'mobile' (default config) or 'desktop'. */
export async function runLighthouse(url, formFactor) {
  const chrome = await chromeLauncher.launch({chromePath: chromiumPath(), chromeFlags: CHROMIUM_ARGS, logLevel: 'silent'});
  try {
    const result = await lighthouse(
      url,
      {port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES},
      formFactor === 'desktop' ? desktopConfig : undefined,
    );
    const {lhr} = result;
    const audit = (id) => lhr.audits[id];
    const scores = Object.fromEntries(
      CATEGORIES.map((category) => [category, lhr.categories[category]?.score === null ? null : Math.round((lhr.categories[category]?.score ?? Number.NaN) * 100)]),
    );
    return {
      url,
      formFactor,
      lighthouseVersion: lhr.lighthouseVersion,
      userAgent: lhr.environment?.hostUserAgent ?? null,
      // Lighthouse's CPU benchmark of this machine; its mobile throttling assumes a fast desktop (~1000+).
      benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
      scores,
      metrics: {
        fcpMs: audit('first-contentful-paint')?.numericValue ?? null,
        lcpMs: audit('largest-contentful-paint')?.numericValue ?? null,
        tbtMs: audit('total-blocking-time')?.numericValue ?? null,
        cls: audit('cumulative-layout-shift')?.numericValue ?? null,
        speedIndexMs: audit('speed-index')?.numericValue ?? null,
      },
      // Where the main thread went (under the simulated 4× slowdown on mobile): per script and per kind of work.
      bootup: (audit('bootup-time')?.details?.items ?? []).map((item) => ({
        url: shortUrl(item.url, url),
        totalMs: item.total,
        scriptingMs: item.scripting,
        parseCompileMs: item.scriptParseCompile,
      })),
      bootupTotalMs: audit('bootup-time')?.numericValue ?? null,
      mainThread: (audit('mainthread-work-breakdown')?.details?.items ?? []).map((item) => ({group: item.group, label: item.groupLabel ?? item.group, ms: item.duration})),
      mainThreadTotalMs: audit('mainthread-work-breakdown')?.numericValue ?? null,
      longTasks: (audit('long-tasks')?.details?.items ?? []).slice(0, 8).map((item) => ({url: shortUrl(item.url, url), startMs: item.startTime, ms: item.duration})),
      failing: Object.fromEntries(CATEGORIES.map((category) => [category, failing(lhr, category)])),
      // Audits Lighthouse could not compute (with Chromium 156, the LCP-element and layout-shift details).
      errored: Object.values(lhr.audits)
        .filter((a) => a.scoreDisplayMode === 'error' || a.errorMessage)
        .map((a) => ({id: a.id, error: (a.errorMessage ?? '').slice(0, 160)})),
      runWarnings: lhr.runWarnings ?? [],
    };
  } finally {
    await chrome.kill();
  }
}

/**
 * Lighthouse `runs` times on one URL, each in a fresh Chromium, and the run whose performance score is the median
 * (ties: the one whose TBT is), with every run's figures beside it. On a shared machine one run's TBT moves by 100 ms
 * and more from one minute to the next (its benchmarkIndex with it), which is several points of score.
 */
export async function runLighthouseMedian(url, formFactor, runs) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await runLighthouse(url, formFactor));
  const ordered = [...all].sort((a, b) => a.scores.performance - b.scores.performance || b.metrics.tbtMs - a.metrics.tbtMs);
  const median = ordered[Math.floor((ordered.length - 1) / 2)];
  return {
    ...median,
    runs: all.map((run) => ({performance: run.scores.performance, tbtMs: run.metrics.tbtMs, lcpMs: run.metrics.lcpMs, benchmarkIndex: run.benchmarkIndex})),
  };
}
