import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import type {Browser} from 'playwright-core';
import {
  CHROMIUM_ARGS,
  chromiumPath,
  findChromium,
  HEADLESS_UI_FEATURES,
  installHelp,
  launchChromium,
  launchTestChromium,
  launchTestChromiumServer,
  PLAYWRIGHT_DISABLED_FEATURES,
  PLAYWRIGHT_LAUNCH_ARGS,
  TEST_JS_FLAGS,
  playwrightChromium,
  playwrightCacheDir,
  SYSTEM_PATHS,
} from '../../scripts/chromium.mjs';

/** A machine where exactly `present` exist; records every path asked about, in order. */
function machine(present: readonly string[], extra: {platform?: string; env?: Record<string, string>; dirs?: Record<string, string[]>; playwright?: string | null} = {}) {
  const asked: string[] = [];
  const result = findChromium({
    env: extra.env ?? {},
    platform: extra.platform ?? 'linux',
    home: '/home/dev',
    exists: (path: string) => {
      asked.push(path);
      return present.includes(path);
    },
    listDir: (dir: string) => extra.dirs?.[dir] ?? [],
    playwrightPath: () => (extra.playwright === undefined ? '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome' : extra.playwright),
  });
  return {result, asked};
}

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, before any system path', () => {
    const {result, asked} = machine(['/opt/my/chrome', '/usr/bin/chromium'], {env: {CHROMIUM_PATH: '/opt/my/chrome'}});
    expect(result).toEqual({found: true, path: '/opt/my/chrome', source: 'CHROMIUM_PATH'});
    expect(asked).toEqual(['/opt/my/chrome']);
  });

  it('reports a CHROMIUM_PATH that points at nothing instead of silently using another browser', () => {
    const {result} = machine(['/usr/bin/chromium'], {env: {CHROMIUM_PATH: '/nope'}});
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('CHROMIUM_PATH is set to /nope');
  });

  it('tries the Debian, Ubuntu, Google and Fedora paths in order on Linux', () => {
    const {result, asked} = machine([]);
    expect(result.found).toBe(false);
    expect(asked.slice(0, SYSTEM_PATHS.linux.length)).toEqual([
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/usr/lib64/chromium-browser/chromium-browser',
      '/opt/google/chrome/chrome',
    ]);
    // Then Playwright's own download.
    expect(asked[SYSTEM_PATHS.linux.length]).toBe('/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome');
  });

  it('prefers the first system path that exists', () => {
    expect(machine(['/snap/bin/chromium', '/usr/bin/google-chrome']).result).toEqual({found: true, path: '/snap/bin/chromium', source: 'system'});
    expect(machine(['/usr/lib64/chromium-browser/chromium-browser']).result).toMatchObject({path: '/usr/lib64/chromium-browser/chromium-browser'});
  });

  it('looks in /Applications on macOS, Chrome before Chromium, and never at Linux paths', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const chromiumApp = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    const {result, asked} = machine([chromiumApp, chrome, '/usr/bin/chromium'], {platform: 'darwin'});
    expect(result).toEqual({found: true, path: chrome, source: 'system'});
    expect(asked).toEqual([chrome]);
    expect(machine([chromiumApp], {platform: 'darwin'}).result).toMatchObject({path: chromiumApp});
  });

  it('falls back to the browser Playwright installed: its expected path, then the newest revision in its cache', () => {
    const expected = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
    expect(machine([expected]).result).toEqual({found: true, path: expected, source: 'playwright'});
    const older = '/home/dev/.cache/ms-playwright/chromium-1100/chrome-linux/chrome';
    const oldest = '/home/dev/.cache/ms-playwright/chromium-999/chrome-linux/chrome';
    const dirs = {'/home/dev/.cache/ms-playwright': ['ffmpeg-1011', 'chromium-999', 'chromium-1100', 'chromium_headless_shell-1100']};
    expect(machine([oldest, older], {dirs}).result).toEqual({found: true, path: older, source: 'playwright'});
    // A system browser still wins over Playwright's.
    expect(machine([older, '/usr/bin/chromium'], {dirs}).result).toMatchObject({source: 'system'});
  });

  it('honours PLAYWRIGHT_BROWSERS_PATH and the macOS cache folder', () => {
    expect(playwrightCacheDir({PLAYWRIGHT_BROWSERS_PATH: '/srv/pw'}, 'linux', '/home/dev')).toBe('/srv/pw');
    expect(playwrightCacheDir({}, 'darwin', '/Users/dev')).toBe('/Users/dev/Library/Caches/ms-playwright');
    expect(playwrightCacheDir({}, 'linux', '/home/dev')).toBe('/home/dev/.cache/ms-playwright');
  });

  it('without any browser, gives one message that covers every system', () => {
    const {result} = machine([], {playwright: null});
    expect(result.found).toBe(false);
    if (result.found) return;
    for (const system of ['Debian', 'Ubuntu', 'Fedora', 'macOS', 'CHROMIUM_PATH', 'playwright-core install chromium']) {
      expect(result.message).toContain(system);
    }
    expect(result.message).toContain(installHelp());
  });
});

const BROWSER = findChromium();
if (!BROWSER.found && process.env.CI) throw new Error(BROWSER.message);

/** The `--disable-features` values on a running process's command line, in order. */
function disabledFeatureSwitches(pid: number): string[][] {
  const args = execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], {encoding: 'utf8'});
  return [...args.matchAll(/--disable-features=(\S+)/g)].map((match) => (match[1] ?? '').split(','));
}

describe.skipIf(!BROWSER.found)('the browser the tests launch', () => {
  it('keeps every feature Playwright turns off: Chromium obeys only the last --disable-features', async () => {
    // Playwright's own switches, read off a browser it launched with none of ours.
    const server = await playwrightChromium().launchServer({executablePath: chromiumPath(), args: CHROMIUM_ARGS});
    try {
      const [playwrights] = disabledFeatureSwitches(server.process().pid ?? 0);
      expect(playwrights?.length).toBeGreaterThan(0);
      expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...(playwrights ?? [])].sort());
    } finally {
      await server.close();
    }
    const ours = PLAYWRIGHT_LAUNCH_ARGS.filter((arg) => arg.startsWith('--disable-features='));
    expect(ours).toHaveLength(1);
    expect(PLAYWRIGHT_LAUNCH_ARGS.at(-1)).toBe(ours[0]);
    expect(ours[0]?.split('=')[1]?.split(',')).toEqual([...PLAYWRIGHT_DISABLED_FEATURES, ...HEADLESS_UI_FEATURES]);
  });

  it('runs the end-to-end tests without V8\'s optimizing tiers, and the benchmark with V8 as readers run it', async () => {
    /** The browser's command line, as the browser itself reports it. */
    async function commandLine(launch: () => Promise<Browser>): Promise<string> {
      const browser = await launch();
      try {
        const page = await browser.newPage();
        await page.goto('chrome://version');
        return (await page.locator('#command_line').textContent()) ?? '';
      } finally {
        await browser.close();
      }
    }
    expect(TEST_JS_FLAGS).toBe('--js-flags=--no-opt --no-maglev');
    const tests = await commandLine(launchTestChromium);
    expect(tests).toContain(TEST_JS_FLAGS);
    // Chromium obeys only the last --js-flags: ours must be the only one.
    expect(tests.match(/--js-flags=/g)).toHaveLength(1);
    // The browser scripts/e2e.mjs keeps for each job slot, which the test files connect to, is the same one.
    const server = await launchTestChromiumServer();
    try {
      const served = await commandLine(() => playwrightChromium().connect(server.wsEndpoint()));
      expect(served).toContain(TEST_JS_FLAGS);
      expect(served.match(/--js-flags=/g)).toHaveLength(1);
    } finally {
      await server.close();
    }
    expect(await commandLine(launchChromium)).not.toContain('--js-flags');
  });

  it('opens contexts without the invisible window\'s omnibox WebUI pages', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      await context.newPage();
      const cdp = await browser.newBrowserCDPSession();
      const {targetInfos} = (await cdp.send('Target.getTargets')) as {targetInfos: {type: string; url: string}[]};
      expect(targetInfos.map((target) => target.type)).toEqual(['page']);
    } finally {
      await browser.close();
    }
  });
});
