#!/usr/bin/env node
// `npm test`: the browser check, then the end-to-end run (scripts/e2e.mjs, the
// longest) beside the type check, the docs lint and the unit tests, which take
// the other slot one after another. Two at a time: the machine CI runs on has
// two cores, and the end-to-end run keeps its own two jobs busy mostly waiting
// on the browser. Prints each stage's time at the end (scripts/jobs.mjs).
//   TEST_JOBS=1 npm test   runs the stages one after another
import {fileURLToPath} from 'node:url';
import {runCommand, runJobs} from './jobs.mjs';

const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const BROWSER = 'browser check';

const ok = await runJobs(
  [
    {name: BROWSER, run: (log) => runCommand(log, process.execPath, [fileURLToPath(new URL('./chromium.mjs', import.meta.url))])},
    {name: 'e2e', after: [BROWSER], stream: true, run: (log) => runCommand(log, process.execPath, [fileURLToPath(new URL('./e2e.mjs', import.meta.url))])},
    {name: 'typecheck', after: [BROWSER], run: (log) => runCommand(log, bin('tsc'), ['--noEmit'])},
    {name: 'lint:docs', after: [BROWSER], run: (log) => runCommand(log, 'npm', ['run', '--silent', 'lint:docs'])},
    {name: 'unit', after: [BROWSER], run: (log) => runCommand(log, bin('vitest'), ['run'])},
  ],
  {limit: Number(process.env.TEST_JOBS ?? 2), title: 'npm test times'},
);
process.exit(ok ? 0 : 1);
