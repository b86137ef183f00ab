#!/usr/bin/env node
// End-to-end run: build the site at the root and under a nested BASE_URL, serve
// each build with the static server, and run the Playwright suite against it.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {startServer} from './serve.mjs';
import {CHROMIUM_PATH as CHROMIUM} from './chromium.mjs';

const NESTED_BASE_URL = '/nested/sub-path/docs/';

if (!existsSync(CHROMIUM)) {
  console.error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium`);
  process.exit(1);
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {stdio: 'inherit', env: {...process.env, ...env}});
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

// Under the nested baseUrl, the suites whose outcome depends on the URL prefix: links, requests, routing and state.
// The audits of page content (axe-core, YAML blocks) give the same answer under any prefix, so they run once.
const targets = [
  {name: 'root', baseUrl: '/', outDir: 'build', files: []},
  {name: 'nested', baseUrl: NESTED_BASE_URL, outDir: 'build-nested', files: ['site', 'flowchart', 'chooser', 'runnable', 'llms']},
];

for (const target of targets) {
  console.log(`\n== Building the site with BASE_URL=${target.baseUrl} into ${target.outDir}`);
  run('npx', ['docusaurus', 'build', '--out-dir', target.outDir], {BASE_URL: target.baseUrl});
  const server = await startServer({root: target.outDir, baseUrl: target.baseUrl});
  console.log(`\n== End-to-end tests against ${server.url}`);
  // Asynchronous on purpose: the server lives in this process and must keep answering.
  const status = await new Promise((done) => {
    spawn('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.mts', ...target.files, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: {...process.env, E2E_URL: server.url, E2E_BUILD_DIR: target.outDir, CHROMIUM_PATH: CHROMIUM},
    }).on('exit', (code) => done(code ?? 1));
  });
  await server.close();
  if (status !== 0) process.exit(status);
}
