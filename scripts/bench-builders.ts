/**
 * Times parse + build + serialize for every strategy, from its defaults.
 * Run directly (`npx tsx scripts/bench-builders.ts`) to print a Markdown table;
 * import `benchBuilders` to use the numbers elsewhere. The goal is < 1 ms per
 * strategy; nothing asserts it, because timings depend on the machine.
 */
import {OUTCOME_IDS, type OutcomeId} from '../src/data/decisionTree';
import {buildFromRaw, defaultRaw} from '../src/manifests/index';

export interface BenchRow {
  readonly strategy: OutcomeId;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly runs: number;
}

export interface BenchOptions {
  /** Untimed iterations first, so the JIT has settled. */
  readonly warmup?: number;
  /** Timed iterations; at least 500. */
  readonly runs?: number;
}

/** Value at quantile `q` (0..1) of an ascending list, nearest-rank. */
function quantile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** One parse + build (which includes YAML/bash serialization) from a fresh raw record. */
function runOnce(id: OutcomeId, raw: Readonly<Record<string, string>>): void {
  const result = buildFromRaw(id, {...raw});
  if (!result.ok) throw new Error(`${id} defaults did not build: ${JSON.stringify(result.issues)}`);
}

export async function benchBuilders(options: BenchOptions = {}): Promise<BenchRow[]> {
  const warmup = options.warmup ?? 200;
  const runs = Math.max(500, options.runs ?? 1000);
  const rows: BenchRow[] = [];
  for (const id of OUTCOME_IDS) {
    const raw = defaultRaw(id);
    for (let i = 0; i < warmup; i++) runOnce(id, raw);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      runOnce(id, raw);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    rows.push({strategy: id, medianMs: quantile(samples, 0.5), p95Ms: quantile(samples, 0.95), runs});
    // Let other work (and GC) run between strategies so one does not skew the next.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

export function benchTable(rows: readonly BenchRow[]): string {
  const lines = ['| Strategy | Median (ms) | p95 (ms) | Runs |', '|---|---:|---:|---:|'];
  for (const row of rows) {
    lines.push(`| ${row.strategy} | ${row.medianMs.toFixed(3)} | ${row.p95Ms.toFixed(3)} | ${row.runs} |`);
  }
  return lines.join('\n');
}

// Works whether tsx loads this file as CommonJS or as an ES module.
if (/bench-builders\.[cm]?[jt]s$/.test(process.argv[1] ?? '')) {
  benchBuilders()
    .then((rows) => console.log(benchTable(rows)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
