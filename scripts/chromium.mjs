#!/usr/bin/env node
// The one place that says which browser the tests, the e2e runner and the
// benchmark drive, and how it starts. Playwright never downloads one on its own:
// we look for a Chromium or Chrome the machine already has, in a fixed order, and
// stop with one message that says how to get one when there is none.
//
//   node scripts/chromium.mjs   prints the browser found, or the message and exit code 1
import {existsSync, readdirSync} from 'node:fs';
import {createRequire} from 'node:module';
import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

// Loaded only when needed: the check before `npm test` must answer within a second,
// and most machines have a system browser, so Playwright's module is never read for it.
const require = createRequire(import.meta.url);
/** @returns {typeof import('playwright-core').chromium} */
export function playwrightChromium() {
  return require('playwright-core').chromium;
}

/**
 * Flags for this project's runs: headless, and quiet on the network (without these,
 * Chromium's own background traffic on an offline machine shows up as page errors).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where distributions and vendors install the browser, per `process.platform`, in the order we try them. */
export const SYSTEM_PATHS = {
  linux: [
    // Debian and Ubuntu packages, Ubuntu's snap, Google's .deb and .rpm.
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    // Fedora's chromium package keeps the binary here behind its /usr/bin wrapper.
    '/usr/lib64/chromium-browser/chromium-browser',
    '/opt/google/chrome/chrome',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    join(homedir(), 'Applications/Google Chrome.app/Contents/MacOS/Google Chrome'),
    join(homedir(), 'Applications/Chromium.app/Contents/MacOS/Chromium'),
  ],
};

/** Executables inside a Playwright browser folder (chromium-<revision>/…), per platform. */
const PLAYWRIGHT_EXECUTABLES = {
  linux: ['chrome-linux64/chrome', 'chrome-linux/chrome'],
  darwin: [
    'chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium',
    'chrome-mac/Chromium.app/Contents/MacOS/Chromium',
    'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
    'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  ],
};

/** Playwright's download folder: PLAYWRIGHT_BROWSERS_PATH, else its per-platform cache. */
export function playwrightCacheDir(env = process.env, platform = process.platform, home = homedir()) {
  if (env.PLAYWRIGHT_BROWSERS_PATH && env.PLAYWRIGHT_BROWSERS_PATH !== '0') return env.PLAYWRIGHT_BROWSERS_PATH;
  return platform === 'darwin' ? join(home, 'Library', 'Caches', 'ms-playwright') : join(home, '.cache', 'ms-playwright');
}

function playwrightExpectedPath() {
  try {
    return playwrightChromium().executablePath();
  } catch {
    // Playwright refuses to name a path on platforms it has no build for.
    return null;
  }
}

function listDirectory(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Looks for a browser and says where it came from. Everything it touches is a
 * parameter, so tests can give it any machine.
 * @param {{
 *   env?: Record<string, string | undefined>,
 *   platform?: string,
 *   exists?: (path: string) => boolean,
 *   listDir?: (dir: string) => string[],
 *   playwrightPath?: () => string | null,
 *   home?: string,
 * }} [machine]
 * @returns {{found: true, path: string, source: string} | {found: false, message: string}}
 */
export function findChromium({
  env = process.env,
  platform = process.platform,
  exists = existsSync,
  listDir = listDirectory,
  playwrightPath = playwrightExpectedPath,
  home = homedir(),
} = {}) {
  if (env.CHROMIUM_PATH) {
    // An explicit choice that points at nothing is a mistake to report, not to paper over.
    if (exists(env.CHROMIUM_PATH)) return {found: true, path: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH'};
    return {found: false, message: `CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but there is no file there.\n${installHelp()}`};
  }
  for (const path of SYSTEM_PATHS[platform] ?? []) {
    if (exists(path)) return {found: true, path, source: 'system'};
  }
  const expected = playwrightPath();
  if (expected && exists(expected)) return {found: true, path: expected, source: 'playwright'};
  // An older Playwright may have left another revision in its cache; newest first.
  const cache = playwrightCacheDir(env, platform, home);
  const revisions = listDir(cache)
    .filter((name) => /^chromium-\d+$/.test(name))
    .sort((a, b) => Number(b.slice('chromium-'.length)) - Number(a.slice('chromium-'.length)));
  for (const revision of revisions) {
    for (const executable of PLAYWRIGHT_EXECUTABLES[platform] ?? []) {
      const path = join(cache, revision, executable);
      if (exists(path)) return {found: true, path, source: 'playwright'};
    }
  }
  return {found: false, message: `No Chromium or Google Chrome found for the browser tests.\n${installHelp()}`};
}

/** The one message a machine without a browser gets. */
export function installHelp() {
  return [
    'Install one of these, or set CHROMIUM_PATH to a Chromium or Chrome executable:',
    '  Debian:        sudo apt-get install chromium',
    '  Ubuntu:        sudo snap install chromium   (or Google Chrome from https://www.google.com/chrome/)',
    '  Fedora:        sudo dnf install chromium',
    '  macOS:         brew install --cask chromium   (or Google Chrome in /Applications)',
    "  Any system:    npx playwright-core install chromium   (Playwright's own build, into its cache folder)",
  ].join('\n');
}

let cached;

/** The browser for this run; throws the install message when there is none. */
export function chromiumPath() {
  cached ??= findChromium();
  if (!cached.found) throw new Error(cached.message);
  return cached.path;
}

/**
 * The features Playwright 1.65 turns off in every Chromium it launches (its own `--disable-features`). Chromium keeps
 * only the last `--disable-features` on a command line, so ours must carry these too or it would switch them back
 * on; tests/unit/chromium.test.ts compares this list with what the installed Playwright passes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Browser UI that headless Chromium (the full browser, as Debian ships it) builds for a window nobody sees: every new
 * context gets two omnibox-popup WebUI pages in a renderer of their own, about a second of CPU each on this machine,
 * and the browser tests open dozens of contexts. Measured on the values e2e file: renderer CPU 89 s -> 60 s.
 */
export const HEADLESS_UI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'PreloadTopChromeWebUI'];

/** What Playwright launches: the project's flags, and one `--disable-features` that keeps Playwright's list. */
export const PLAYWRIGHT_LAUNCH_ARGS = [...CHROMIUM_ARGS, `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...HEADLESS_UI_FEATURES].join(',')}`];

/**
 * V8 switches for the browser tests' Chromium only. A test's page lives for seconds, and V8's optimizing tiers
 * (Maglev, TurboFan) compile its hot functions on background threads for code that is gone before the work pays
 * off. The interpreter and the baseline compiler run the same JavaScript with the same results. Measured per e2e file
 * on this machine, with the whole machine's CPU time: chooser 71-78 -> 62-68 s, values 105 -> 84 s, accessibility
 * 77 -> 67 s, flowchart 56 -> 52 s. The benchmark and Lighthouse keep V8 as readers run it (launchChromium).
 */
export const TEST_JS_FLAGS = '--js-flags=--no-opt --no-maglev';

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return playwrightChromium().launch({executablePath: chromiumPath(), args: PLAYWRIGHT_LAUNCH_ARGS});
}

/** The browser the end-to-end tests drive: launchChromium's, without V8's optimizing tiers (TEST_JS_FLAGS). */
export function launchTestChromium() {
  return playwrightChromium().launch({executablePath: chromiumPath(), args: [...PLAYWRIGHT_LAUNCH_ARGS, TEST_JS_FLAGS]});
}

/**
 * The same browser as a server that test files connect to (`E2E_BROWSER_WS`): scripts/e2e.mjs keeps one per job slot
 * for the whole run, where each file launching its own cost about 3 s of CPU (25 launches per run).
 * @returns {Promise<import('playwright-core').BrowserServer>}
 */
export function launchTestChromiumServer() {
  return playwrightChromium().launchServer({executablePath: chromiumPath(), args: [...PLAYWRIGHT_LAUNCH_ARGS, TEST_JS_FLAGS]});
}

/** For runners: print the message and stop when there is no browser. */
export function requireChromium() {
  const result = (cached ??= findChromium());
  if (!result.found) {
    console.error(result.message);
    process.exit(1);
  }
  return result.path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = requireChromium();
  console.log(`Browser for the tests: ${path} (${cached.source})`);
}
