// A small job runner for the test scripts: jobs with dependencies run as soon as
// what they wait for is done, at most `limit` at a time, in the order given.
// Each job's output is kept and printed as one block when the job ends, so jobs
// that run side by side do not interleave their lines. At the end it prints how
// long each job took, and appends the same lines to $STAGE_TIMES_FILE when that is
// set (.ci/run prints that file as its last lines). While jobs run, a line every
// minute says which, unless this runner is itself a job of another one.
import {spawn} from 'node:child_process';
import {appendFileSync} from 'node:fs';

/**
 * @typedef {object} Job
 * @property {string} name
 * @property {string[]} [after] names of jobs that must have succeeded first
 * @property {(log: (text: string) => void) => Promise<number>} run resolves to an exit status (0 is success)
 * @property {boolean} [stream] print the output as it comes instead of as one block at the end: for a job
 *   that is itself a runner (scripts/e2e.mjs), whose output is already whole blocks, so its progress shows
 */

/** Runs a command for a job, its stdout and stderr going to `log`; resolves to its exit status. */
export function runCommand(log, command, args, env = {}) {
  return new Promise((done) => {
    log(`$ ${[command, ...args].join(' ')}\n`);
    const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, ...env}});
    child.stdout.on('data', (chunk) => log(String(chunk)));
    child.stderr.on('data', (chunk) => log(String(chunk)));
    child.on('error', (error) => {
      log(`${error.message}\n`);
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

function seconds(ms) {
  return `${Math.round(ms / 1000)}s`;
}

/**
 * Runs the jobs; resolves to true when every job succeeded. After a failure no
 * new job starts, the running ones finish, and the jobs never started are listed.
 * @param {Job[]} jobs
 * @param {{limit?: number, title?: string, prefix?: string, out?: NodeJS.WritableStream}} [options]
 *   prefix: put before each job's name in $STAGE_TIMES_FILE, e.g. `e2e › `
 */
export async function runJobs(jobs, {limit = 2, title = 'Stage times', prefix = '', out = process.stdout} = {}) {
  const names = new Set(jobs.map((job) => job.name));
  for (const job of jobs) {
    for (const dependency of job.after ?? []) {
      if (!names.has(dependency)) throw new Error(`job "${job.name}" waits for "${dependency}", which is not a job`);
    }
  }
  const start = Date.now();
  /** @type {Map<string, {status: number, ms: number}>} */
  const finished = new Map();
  /** @type {Map<string, number>} name -> start time */
  const running = new Map();
  let failed = false;
  const nested = process.env.JOBS_RUNNER_DEPTH !== undefined;
  // Children see it, so a runner started as a job keeps quiet between its blocks.
  process.env.JOBS_RUNNER_DEPTH = String(Number(process.env.JOBS_RUNNER_DEPTH ?? 0) + 1);
  const heartbeat = nested
    ? undefined
    : setInterval(() => {
        const now = Date.now();
        out.write(`== running: ${[...running].map(([name, began]) => `${name} (${seconds(now - began)})`).join(', ')}\n`);
      }, 60_000);

  await new Promise((allDone) => {
    const ready = (job) => (job.after ?? []).every((name) => finished.get(name)?.status === 0);
    const pending = [...jobs];
    const startReady = () => {
      while (!failed && running.size < limit) {
        const index = pending.findIndex(ready);
        if (index < 0) break;
        const [job] = pending.splice(index, 1);
        launch(job);
      }
      if (running.size === 0) allDone();
    };
    const launch = (job) => {
      const began = Date.now();
      running.set(job.name, began);
      let output = '';
      out.write(`== ${job.name}: started\n`);
      job
        .run((text) => {
          if (job.stream) out.write(text);
          else output += text;
        })
        .catch((error) => {
          output += `${error instanceof Error ? error.stack : String(error)}\n`;
          return 1;
        })
        .then((status) => {
          const ms = Date.now() - began;
          finished.set(job.name, {status, ms});
          running.delete(job.name);
          if (status !== 0) failed = true;
          out.write(`\n== ${job.name}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${seconds(ms)}\n${output}${output.endsWith('\n') || output === '' ? '' : '\n'}`);
          startReady();
        });
    };
    startReady();
  });

  clearInterval(heartbeat);
  const rows = jobs.map((job) => {
    const result = finished.get(job.name);
    if (!result) return [job.name, 'not run'];
    return [job.name, seconds(result.ms), ...(result.status === 0 ? [] : [`FAILED (exit ${result.status})`])];
  });
  rows.push(['all, side by side', seconds(Date.now() - start)]);
  const width = Math.max(...rows.map(([name]) => name.length));
  out.write(`\n== ${title} (${limit} at a time)\n${rows.map(([name, ...rest]) => `  ${name.padEnd(width)}  ${rest.join('  ')}`).join('\n')}\n`);
  if (process.env.STAGE_TIMES_FILE) {
    appendFileSync(process.env.STAGE_TIMES_FILE, rows.map(([name, ...rest]) => `${prefix}${name}\t${rest.join(' ')}\n`).join(''));
  }
  return jobs.every((job) => finished.get(job.name)?.status === 0);
}
