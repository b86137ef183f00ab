// The three sites the benchmark builds side by side, all in a temp folder and
// all from the same installed packages:
//   ours         a snapshot of this repository's site (docs/, src/, static/, configs)
//   noChooser    the same snapshot with <StrategyChooser /> removed from the overview
//   baseline     a bare Docusaurus site with stock defaults and the same Mermaid chart
// Building copies instead of the work tree keeps the engineers' build/, .docusaurus/
// and node_modules/.cache untouched, and lets each build start from a clean cache.
import {cp, mkdir, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises';
import {existsSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {log, run} from './util.mjs';

/** Never copied into the snapshot: dependencies, outputs, tests and tooling. */
const SKIP_TOP = new Set([
  'node_modules',
  '.git',
  '.ci',
  '.docusaurus',
  '.cache-loader',
  'bench-results',
  'test-results',
  'tests',
  'scripts',
]);

/**
 * node_modules as a real folder of symlinks to the repository's packages: the
 * packages are the installed ones, while node_modules/.cache (the bundlers'
 * persistent caches) belongs to the temp site and can be wiped per build.
 */
async function linkNodeModules(repo, site) {
  const target = join(site, 'node_modules');
  await mkdir(target, {recursive: true});
  for (const entry of await readdir(join(repo, 'node_modules'))) {
    if (entry === '.cache') continue;
    await symlink(join(repo, 'node_modules', entry), join(target, entry));
  }
}

async function snapshotOurs(repo, dir) {
  await mkdir(dir, {recursive: true});
  for (const entry of await readdir(repo)) {
    if (SKIP_TOP.has(entry) || entry === 'build' || entry.startsWith('build-')) continue;
    await cp(join(repo, entry), join(dir, entry), {recursive: true});
  }
  await linkNodeModules(repo, dir);
}

/** Removes the chooser's import and its element from the copy's overview, nothing else. */
async function removeChooser(dir) {
  const file = join(dir, 'docs', 'index.mdx');
  const source = await readFile(file, 'utf8');
  const lines = source.split('\n');
  const kept = lines.filter(
    (line) => !/^\s*<StrategyChooser\s*\/>\s*$/.test(line) && !/^import\s+StrategyChooser\b.*$/.test(line),
  );
  const removed = lines.length - kept.length;
  if (removed !== 2) {
    throw new Error(`Expected to remove the StrategyChooser import and element from docs/index.mdx, removed ${removed} lines`);
  }
  if (/StrategyChooser/.test(kept.join('\n'))) throw new Error('docs/index.mdx still mentions StrategyChooser');
  await writeFile(file, kept.join('\n'));
}

/** A chart of the same shape (5 decisions, 6 outcomes, 10 edges), for when the repo's generator cannot run. */
const FALLBACK_CHART = `flowchart TD
  A{"Workload connects to an<br/>OpenZiti Service?"}
  B{"Pod sidecar or<br/>node DaemonSet?"}
  G{"Workload uses DNS or<br/>a static IP to connect to<br/>the OpenZiti Service?"}
  K{"OpenZiti Router<br/>is installed?"}
  C{"NGINX<br/>is installed?"}
  F(["tun proxy DaemonSet<br/>gives every pod on selected<br/>nodes OpenZiti DNS and access"])
  H(["transparent sidecar<br/>(iptables tproxy)<br/>gives the pod DNS and<br/>IP interception"])
  I(["loopback sidecar<br/>(TCP proxy)<br/>listens on a local port<br/>for each OpenZiti Service"])
  J(["OpenZiti Router<br/>(tunnel mode host)<br/>hosts OpenZiti Services<br/>for the cluster"])
  D(["NGINX with the<br/>OpenZiti module<br/>hosts OpenZiti Services<br/>for the cluster"])
  E(["ziti-host<br/>reverse proxy pod<br/>hosts OpenZiti Services<br/>for the cluster"])
  A -->|"Yes"| B
  A -->|"No"| K
  B -->|"Pod"| G
  B -->|"Node"| F
  G -->|"Yes"| H
  G -->|"No"| I
  K -->|"Yes"| J
  K -->|"No"| C
  C -->|"Yes"| D
  C -->|"No"| E
  click F href "/egress/node-proxy-daemonset/" "Open the guide"
  click H href "/egress/transparent-proxy-sidecar/" "Open the guide"
  click I href "/egress/loopback-proxy-sidecar/" "Open the guide"
  click J href "/ingress/openziti-router/" "Open the guide"
  click D href "/ingress/nginx-proxy-module/" "Open the guide"
  click E href "/ingress/ziti-host/" "Open the guide"
`;

/** Counts a flowchart's decisions ({…}), outcomes (([…])) and edges (-->). */
export function chartShape(source) {
  const lines = source.split('\n').map((line) => line.trim());
  return {
    decisions: lines.filter((line) => /^\w+\{/.test(line)).length,
    outcomes: lines.filter((line) => /^\w+\(\[/.test(line)).length,
    edges: lines.filter((line) => /-->/.test(line)).length,
  };
}

async function ourChart(repo) {
  const result = await run(join(repo, 'node_modules', '.bin', 'tsx'), ['scripts/bench/flowchart-source.ts'], {cwd: repo});
  try {
    if (result.code !== 0) throw new Error(result.stderr.trim().split('\n').slice(-3).join(' '));
    return {source: JSON.parse(result.stdout.trim().split('\n').pop()).source, from: 'src/utils/flowchart.ts'};
  } catch (error) {
    log(`could not generate the chart from src/utils/flowchart.ts (${error.message}); using the built-in equivalent`);
    return {source: FALLBACK_CHART, from: 'built-in equivalent'};
  }
}

const FENCE = '`'.repeat(3);

async function writeBaseline(repo, dir, siteUrl) {
  const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8'));
  const {source, from} = await ourChart(repo);
  // The baseline has no guides: its chart's links go to its plain page instead.
  const chart = source.replace(/href "[^"]*"/g, 'href "/plain"');
  await mkdir(join(dir, 'docs'), {recursive: true});
  const pick = (names) => Object.fromEntries(names.map((name) => [name, pkg.dependencies[name]]));
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'bench-baseline',
        version: '0.0.0',
        private: true,
        dependencies: pick(['@docusaurus/core', '@docusaurus/preset-classic', '@docusaurus/theme-mermaid', '@mdx-js/react', 'clsx', 'prism-react-renderer', 'react', 'react-dom']),
        // As in the create-docusaurus template (and in ours).
        browserslist: {
          production: ['>0.5%', 'not dead', 'not op_mini all'],
          development: ['last 3 chrome version', 'last 3 firefox version', 'last 5 safari version'],
        },
      },
      null,
      2,
    )}\n`,
  );
  await writeFile(
    join(dir, 'docusaurus.config.js'),
    `// Stock Docusaurus: preset-classic and theme-mermaid, no future flags.
export default {
  title: 'Baseline',
  url: ${JSON.stringify(siteUrl)},
  baseUrl: '/',
  onBrokenLinks: 'throw',
  markdown: {mermaid: true},
  themes: ['@docusaurus/theme-mermaid'],
  presets: [['classic', {docs: {routeBasePath: '/', sidebarPath: './sidebars.js'}, blog: false}]],
};
`,
  );
  await writeFile(join(dir, 'sidebars.js'), `export default {docs: [{type: 'autogenerated', dirName: '.'}]};\n`);
  const prose =
    'This page is part of a stock Docusaurus site that the benchmark compares with the guide. ' +
    'It has the defaults of preset-classic and theme-mermaid and nothing else.';
  await writeFile(
    join(dir, 'docs', 'index.md'),
    `---\nslug: /\ntitle: Diagram page\nsidebar_position: 1\ndescription: A stock Docusaurus page with a Mermaid flowchart.\n---\n\n${prose}\n\n${FENCE}mermaid\n${chart.trimEnd()}\n${FENCE}\n\n## After the chart\n\n${prose}\n`,
  );
  await writeFile(
    join(dir, 'docs', 'plain.md'),
    `---\ntitle: Plain page\nsidebar_position: 2\ndescription: A stock Docusaurus page without a diagram.\n---\n\n${prose}\n\n## A section\n\n${prose}\n\n${FENCE}bash\necho "a code block, as guides have"\n${FENCE}\n`,
  );
  await linkNodeModules(repo, dir);
  return {chartFrom: from, chartShape: chartShape(chart)};
}

/**
 * A config next to the copy's own that adds the bench's plugins (scripts/bench/plugins.cjs)
 * to it; the site's docusaurus.config.ts itself stays as it is in the repository.
 */
async function writeWrapperConfig(repo, dir, pluginNames) {
  await cp(join(repo, 'scripts', 'bench', 'plugins.cjs'), join(dir, 'bench-plugins.cjs'));
  const file = 'docusaurus.bench.config.ts';
  await writeFile(
    join(dir, file),
    `import config from './docusaurus.config';
import benchPlugins from './bench-plugins.cjs';

export default {...config, plugins: [...(config.plugins ?? []), ${pluginNames.map((name) => `benchPlugins.${name}`).join(', ')}]};
`,
  );
  return file;
}

/**
 * Prepares the sites under `root`; `ports` are the ports each will be served on,
 * so that canonical URLs and the sitemap match the served origin.
 * `stats`: also a copy of ours whose build writes its chunks' modules (not timed, not served).
 * `patch`: also a copy of ours with this patch file (git diff, paths from the repo root) applied.
 */
export async function prepareSites({repo, root, ports, stats = false, patch = null}) {
  const site = (name, dir, port, extra = {}) => ({name, dir, port, env: {SITE_URL: `http://127.0.0.1:${port}`}, ...extra});
  const sites = {};
  sites.ours = site('ours', join(root, 'ours'), ports.ours);
  await snapshotOurs(repo, sites.ours.dir);
  sites.noChooser = site('no-chooser', join(root, 'no-chooser'), ports.noChooser);
  await snapshotOurs(repo, sites.noChooser.dir);
  await removeChooser(sites.noChooser.dir);
  sites.baseline = {name: 'baseline', dir: join(root, 'baseline'), env: {}, port: ports.baseline};
  const baselineInfo = await writeBaseline(repo, sites.baseline.dir, `http://127.0.0.1:${ports.baseline}`);
  if (stats) {
    sites.oursStats = site('ours-stats', join(root, 'ours-stats'), ports.ours);
    await snapshotOurs(repo, sites.oursStats.dir);
    sites.oursStats.configFile = await writeWrapperConfig(repo, sites.oursStats.dir, ['benchStatsPlugin']);
  }
  if (patch) {
    sites.oursFix = site('ours+patch', join(root, 'ours-fix'), ports.oursFix);
    await snapshotOurs(repo, sites.oursFix.dir);
    // A proposed change to the site's files, tried on the copy only.
    const result = await run('git', ['apply', '--verbose', resolve(repo, patch)], {cwd: sites.oursFix.dir});
    if (result.code !== 0) throw new Error(`BENCH_PATCH ${patch} does not apply: ${result.stderr.trim()}`);
  }
  const ourShape = chartShape((await ourChart(repo)).source);
  sites.charts = {ours: ourShape, baseline: baselineInfo.chartShape, baselineFrom: baselineInfo.chartFrom};
  return sites;
}

/** Deletes everything a build leaves behind, as `docusaurus clear` does. */
export async function clean(site) {
  for (const path of ['.docusaurus', 'build', join('node_modules', '.cache'), '.bench-tmp']) {
    await rm(join(site.dir, path), {recursive: true, force: true});
  }
  // Docusaurus loads its config and sidebars through jiti, which caches the transpiled
  // files under the temp folder: a per-site temp folder is wiped with the rest.
  await mkdir(join(site.dir, '.bench-tmp'), {recursive: true});
}

/** One production build from clean; resolves to its wall time in ms. */
export async function timedBuild(site) {
  await clean(site);
  const bin = join(site.dir, 'node_modules', '@docusaurus', 'core', 'bin', 'docusaurus.mjs');
  const args = [bin, 'build', ...(site.configFile ? ['--config', site.configFile] : [])];
  const result = await run(process.execPath, args, {
    cwd: site.dir,
    env: {
      BASE_URL: '/',
      NO_UPDATE_NOTIFIER: '1',
      TMPDIR: join(site.dir, '.bench-tmp'),
      // Never inherit a switch meant for another build.
      DOCUSAURUS_FASTER: '',
      ...site.env,
    },
  });
  if (result.code !== 0 || !existsSync(join(site.dir, 'build', 'index.html'))) {
    process.stderr.write(result.stdout.slice(-4000) + result.stderr.slice(-4000));
    throw new Error(`${site.name}: docusaurus build failed (${result.code})`);
  }
  return result.ms;
}
