#!/usr/bin/env node
// End-to-end run: build the site at the root and under a nested BASE_URL, then run
// the Playwright suite against the builds served by real static hosts:
//   - scripts/serve.mjs (sirv; files and folders' index.html only, the site's 404 page),
//   - `python3 -m http.server` from a folder that holds the build at its baseUrl,
//   - Debian's nginx with the README's server block.
// tests/e2e/groups.mjs says which file runs against which build and host. Each file
// is one job; jobs run E2E_JOBS at a time (2 by default), and the nested build runs
// while the root build's files do. Both builds only read: every job on one build
// shares it, and each host serves it once for all of them. Each job slot keeps one
// browser for the run, which its files connect to one after another.
// Extra arguments are file filters, e.g. `node scripts/e2e.mjs flowchart`.
// E2E_SKIP_BUILD=1 reuses build/ and build-nested/ as they are.
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {startServer} from './serve.mjs';
import {launchTestChromiumServer, requireChromium} from './chromium.mjs';
import {runCommand, runJobs} from './jobs.mjs';
import {findNginx, findPython, startNginxHost, startPythonHost} from './hosting/hosts.mjs';
import {BUILDS, E2E_GROUPS, e2eFile} from '../tests/e2e/groups.mjs';

// Before anything slow: without a browser there is nothing to run.
const CHROMIUM = requireChromium();
const filters = process.argv.slice(2);
// Called straight, not through npx: one start per file adds up.
const VITEST = fileURLToPath(new URL('../node_modules/.bin/vitest', import.meta.url));

/** A host this machine lacks is skipped with a notice, except where CI asks for it (E2E_REQUIRE_HOSTS=1). */
function hostAvailable(name, found) {
  if (found) return true;
  if (process.env.E2E_REQUIRE_HOSTS === '1') {
    console.error(`${name} not found, and E2E_REQUIRE_HOSTS=1 requires it (apt-get install -y ${name === 'nginx' ? 'nginx' : 'python3'})`);
    process.exit(1);
  }
  console.log(`== ${name} not found: skipping the ${name} runs (.ci/run installs it)`);
  return false;
}

const available = {
  'serve.mjs': true,
  'python3 -m http.server': hostAvailable('python3', findPython()),
  nginx: hostAvailable('nginx', findNginx()),
};

/** A group's run on a host this machine has: its own, or its fallback; null when neither is here. */
function hostedRun({build, host, fallback}) {
  if (available[host]) return {build, host};
  if (fallback && available[fallback]) {
    console.log(`== ${host} is missing: the ${build} build's runs on it go to ${fallback}`);
    return {build, host: fallback};
  }
  return null;
}

/** Every (file, build, host) the groups ask for, narrowed by the command line's filters. */
const runs = Object.values(E2E_GROUPS).flatMap((group) => {
  const hosted = group.runs.map(hostedRun).filter((run) => run !== null);
  return group.files
    .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter) || filter.includes(file)))
    .flatMap((file) => hosted.map((run) => ({file, ...run})));
});
if (runs.length === 0) {
  console.error(`No end-to-end file matches ${filters.join(' ')} (see tests/e2e/groups.mjs)`);
  process.exit(1);
}

/** One server per build and host, started by its first job and closed after its last. */
const hosts = new Map();
function acquireHost(build, host) {
  const key = `${build} ${host}`;
  let entry = hosts.get(key);
  if (!entry) {
    const {outDir, baseUrl} = BUILDS[build];
    const started =
      host === 'serve.mjs'
        ? startServer({root: outDir, baseUrl})
        : host === 'nginx'
          ? startNginxHost({buildDir: outDir, baseUrl})
          : startPythonHost({buildDir: outDir, baseUrl});
    entry = {server: started, users: runs.filter((run) => run.build === build && run.host === host).length};
    hosts.set(key, entry);
  }
  return entry;
}
async function closeHost(entry) {
  // A host that failed to start has failed its first job already; there is nothing to close.
  const server = await entry.server.catch(() => null);
  await server?.close();
}
async function releaseHost(build, host) {
  const entry = hosts.get(`${build} ${host}`);
  entry.users -= 1;
  if (entry.users === 0) await closeHost(entry);
}

/**
 * One browser per job slot, kept for the run: a file connects to a free one (E2E_BROWSER_WS) instead of launching its
 * own. At most E2E_JOBS files run at once, so there are never more browsers than slots, and no two files share one at
 * the same time (a browser has one clipboard). One that has exited is replaced.
 */
const browsers = [];
async function acquireBrowser() {
  let entry = browsers.find((candidate) => !candidate.busy);
  if (entry && entry.server.process().exitCode !== null) {
    browsers.splice(browsers.indexOf(entry), 1);
    entry = undefined;
  }
  if (!entry) {
    entry = {server: await launchTestChromiumServer(), busy: false};
    browsers.push(entry);
  }
  entry.busy = true;
  return entry;
}

const buildsNeeded = Object.keys(BUILDS).filter((build) => runs.some((run) => run.build === build));

/** Builds first; the nested build waits for the root one, so the root's files run while it builds. */
const buildJobs = buildsNeeded.map((build, index) => {
  const {outDir, baseUrl} = BUILDS[build];
  return {
    name: `build ${build} (${baseUrl})`,
    after: index > 0 ? [`build ${buildsNeeded[index - 1]} (${BUILDS[buildsNeeded[index - 1]].baseUrl})`] : [],
    run: async (log) => {
      if (process.env.E2E_SKIP_BUILD === '1' && existsSync(outDir)) {
        log(`Reusing ${outDir} (E2E_SKIP_BUILD=1)\n`);
        return 0;
      }
      return runCommand(log, 'npx', ['docusaurus', 'build', '--out-dir', outDir], {BASE_URL: baseUrl, SITE_URL: BUILDS[build].siteUrl});
    },
  };
});

const testJobs = runs.map(({file, build, host}) => ({
  name: `${file} on ${build} via ${host}`,
  after: [buildJobs[buildsNeeded.indexOf(build)].name],
  run: async (log) => {
    const entry = acquireHost(build, host);
    let browser;
    try {
      const server = await entry.server;
      browser = await acquireBrowser();
      log(`${e2eFile(file)} against ${host} at ${server.url}\n`);
      return await runCommand(log, VITEST, ['run', '--config', 'vitest.e2e.config.mts', e2eFile(file)], {
        E2E_URL: server.url,
        E2E_BUILD_DIR: BUILDS[build].outDir,
        E2E_SITE_URL: BUILDS[build].siteUrl,
        E2E_HOST: host,
        E2E_BROWSER_WS: browser.server.wsEndpoint(),
        CHROMIUM_PATH: CHROMIUM,
      });
    } finally {
      if (browser) browser.busy = false;
      await releaseHost(build, host);
    }
  },
}));

// Root jobs come first in the list, so they take the free slots while the nested build runs.
const ok = await runJobs([...buildJobs, ...testJobs], {limit: Number(process.env.E2E_JOBS ?? 2), title: 'End-to-end times', prefix: 'e2e › '});
// Servers of jobs that never started (after a failure) are never acquired; close any left.
for (const entry of hosts.values()) if (entry.users > 0) await closeHost(entry);
for (const entry of browsers) await entry.server.close();
process.exit(ok ? 0 : 1);
