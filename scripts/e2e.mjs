#!/usr/bin/env node
// End-to-end run: build the site at the root and under a nested BASE_URL, then run
// the Playwright suite against each build served by real static hosts:
//   - scripts/serve.mjs (sirv; files and folders' index.html only, the site's 404 page),
//   - `python3 -m http.server` from a folder that holds the build at its baseUrl,
//   - Debian's nginx with the README's server block (nested build only).
// Extra arguments are passed to Vitest as file filters, e.g. `node scripts/e2e.mjs flowchart`.
// E2E_SKIP_BUILD=1 reuses build/ and build-nested/ as they are.
import {spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {startServer} from './serve.mjs';
import {requireChromium} from './chromium.mjs';
import {findNginx, findPython, startNginxHost, startPythonHost} from './hosting/hosts.mjs';

const NESTED_BASE_URL = '/nested/sub-path/docs/';
// The root build is what `npm run build` gives a newcomer (no SITE_URL); the nested one is built as a site published
// at a known origin would be, so both kinds of absolute URL are checked (tests/e2e/published-urls.test.ts).
const PUBLISHED_SITE_URL = 'https://docs.example.test';
const PLAIN_HOST_TEST = 'tests/e2e/plain-host.test.ts';

// Before anything slow: without a browser there is nothing to run.
const CHROMIUM = requireChromium();
const filters = process.argv.slice(2);

function run(command, args, env = {}) {
  const result = spawnSync(command, args, {stdio: 'inherit', env: {...process.env, ...env}});
  if (result.status !== 0) {
    console.error(`${command} ${args.join(' ')} failed with ${result.status ?? result.signal}`);
    process.exit(result.status ?? 1);
  }
}

/** A host this machine lacks is skipped with a notice, except where CI asks for it (E2E_REQUIRE_HOSTS=1). */
function hostAvailable(name, found) {
  if (found) return true;
  if (process.env.E2E_REQUIRE_HOSTS === '1') {
    console.error(`${name} not found, and E2E_REQUIRE_HOSTS=1 requires it (apt-get install -y ${name === 'nginx' ? 'nginx' : 'python3'})`);
    process.exit(1);
  }
  console.log(`\n== ${name} not found: skipping the ${name} runs (.ci/run installs it)`);
  return false;
}

const hasPython = hostAvailable('python3', findPython());
const hasNginx = hostAvailable('nginx', findNginx());

// Under the nested baseUrl, the suites whose outcome depends on the URL prefix: links, requests, routing and state.
// The audits of page content (axe-core, YAML blocks) give the same answer under any prefix, so they run once.
// nginx runs the link and flowchart suites with the README's block; python runs the plain-host checks.
const targets = [
  {
    name: 'root',
    baseUrl: '/',
    siteUrl: '',
    outDir: 'build',
    hosts: [
      {host: 'serve.mjs', files: [], exclude: [PLAIN_HOST_TEST]},
      ...(hasPython ? [{host: 'python3 -m http.server', files: ['plain-host']}] : []),
    ],
  },
  {
    name: 'nested',
    baseUrl: NESTED_BASE_URL,
    siteUrl: PUBLISHED_SITE_URL,
    outDir: 'build-nested',
    hosts: [
      {host: 'serve.mjs', files: ['site', 'flowchart', 'chooser', 'runnable', 'llms', 'values', 'overview-layout', 'islands', 'published-urls', 'csp', 'place']},
      ...(hasPython ? [{host: 'python3 -m http.server', files: ['plain-host', 'csp']}] : []),
      ...(hasNginx ? [{host: 'nginx', files: ['site', 'flowchart', 'csp']}] : []),
    ],
  },
];

async function startHost(host, target) {
  if (host === 'serve.mjs') return startServer({root: target.outDir, baseUrl: target.baseUrl});
  if (host === 'nginx') return startNginxHost({buildDir: target.outDir, baseUrl: target.baseUrl});
  return startPythonHost({buildDir: target.outDir, baseUrl: target.baseUrl});
}

/** With filters on the command line, a host runs only the files both lists name. */
function selectFiles(files) {
  if (filters.length === 0) return files;
  if (files.length === 0) return filters;
  const chosen = files.filter((file) => filters.some((filter) => file.includes(filter) || filter.includes(file)));
  return chosen.length > 0 ? chosen : null;
}

for (const target of targets) {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(target.outDir)) {
    console.log(`\n== Reusing ${target.outDir} (E2E_SKIP_BUILD=1)`);
  } else {
    console.log(`\n== Building the site with BASE_URL=${target.baseUrl} into ${target.outDir}`);
    run('npx', ['docusaurus', 'build', '--out-dir', target.outDir], {BASE_URL: target.baseUrl, SITE_URL: target.siteUrl});
  }
  for (const {host, files, exclude = []} of target.hosts) {
    const selected = selectFiles(files);
    if (selected === null) continue;
    const server = await startHost(host, target);
    console.log(`\n== End-to-end tests (${selected.join(', ') || 'all'}) against ${host} at ${server.url}`);
    // Asynchronous on purpose: serve.mjs lives in this process and must keep answering.
    const status = await new Promise((done) => {
      spawn('npx', ['vitest', 'run', '--config', 'vitest.e2e.config.mts', ...(filters.length > 0 ? ['--passWithNoTests'] : []), ...exclude.flatMap((file) => ['--exclude', file]), ...selected], {
        stdio: 'inherit',
        env: {...process.env, E2E_URL: server.url, E2E_BUILD_DIR: target.outDir, E2E_SITE_URL: target.siteUrl, E2E_HOST: host, CHROMIUM_PATH: CHROMIUM},
      }).on('exit', (code) => done(code ?? 1));
    });
    await server.close();
    if (status !== 0) process.exit(status);
  }
}
