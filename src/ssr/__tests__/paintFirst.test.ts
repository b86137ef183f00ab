import {describe, expect, it} from 'vitest';
import stockTemplate from '@docusaurus/core/lib/ssg/ssgTemplate.html';
import {AFTER_PAINT_ATTRIBUTE, FALLBACK_MS, PAINT_FIRST_LOADER, paintFirstTemplate} from '../paintFirst';

interface HeldScript {
  readonly src: string;
}

interface AddedScript {
  src: string;
  async: boolean;
}

type PaintCallback = (list: {getEntriesByName(name: string): unknown[]}, observer: {disconnect(): void}) => void;

/**
 * Just enough of a browser for the loader, with the clock in the test's hands: frames, paint reports, timers and
 * visibility happen when the test says so.
 */
function fakeBrowser({visibility = 'visible', paintTiming = true}: {visibility?: string; paintTiming?: boolean} = {}) {
  const held: HeldScript[] = [{src: 'http://site.test/assets/js/runtime~main.1.js'}, {src: 'http://site.test/assets/js/main.2.js'}];
  const added: AddedScript[] = [];
  let frames: (() => void)[] = [];
  const timers: {ms: number; run: () => void}[] = [];
  const visibilityListeners: (() => void)[] = [];
  let paintObserver: PaintCallback | null = null;
  let disconnected = false;
  const document = {
    visibilityState: visibility,
    querySelectorAll(selector: string): HeldScript[] {
      expect(selector).toBe(`script[${AFTER_PAINT_ATTRIBUTE}]`);
      return held;
    },
    createElement(tag: string): AddedScript {
      expect(tag).toBe('script');
      return {src: '', async: true};
    },
    head: {
      appendChild(script: AddedScript): void {
        added.push({...script});
      },
    },
    addEventListener(type: string, listener: () => void): void {
      if (type === 'visibilitychange') visibilityListeners.push(listener);
    },
  };
  class FakeObserver {
    static supportedEntryTypes = paintTiming ? ['paint', 'navigation'] : ['navigation'];
    constructor(private readonly callback: PaintCallback) {}
    observe(options: {type: string; buffered: boolean}): void {
      expect(options).toEqual({type: 'paint', buffered: true});
      paintObserver = this.callback;
    }
  }
  const window = {PerformanceObserver: FakeObserver};
  const globals = {
    document,
    window,
    PerformanceObserver: FakeObserver,
    requestAnimationFrame: (callback: () => void) => frames.push(callback),
    setTimeout: (run: () => void, ms: number) => timers.push({ms, run}),
  };
  new Function(...Object.keys(globals), PAINT_FIRST_LOADER)(...Object.values(globals));
  return {
    added,
    timers,
    frame(): void {
      const due = frames;
      frames = [];
      for (const callback of due) callback();
    },
    paint(name = 'first-contentful-paint'): void {
      paintObserver?.({getEntriesByName: (asked) => (asked === name ? [{}] : [])}, {disconnect: () => (disconnected = true)});
    },
    hide(): void {
      document.visibilityState = 'hidden';
      for (const listener of visibilityListeners) listener();
    },
    get disconnected(): boolean {
      return disconnected;
    },
    get observing(): boolean {
      return paintObserver !== null;
    },
  };
}

describe('the page template', () => {
  const template = paintFirstTemplate();

  it('writes the bundles inert, marked for the loader, and never deferred', () => {
    expect(template).not.toContain(' defer');
    expect(template).toContain(`<script src="<%= it.baseUrl %><%= script %>" type="text/plain" ${AFTER_PAINT_ATTRIBUTE}></script>`);
  });

  it('runs the loader once, at the end of the body after the plugins\u2019 tags', () => {
    expect(template.split(PAINT_FIRST_LOADER)).toHaveLength(2);
    expect(template).toMatch(/<%~ it\.postBodyTags %>\s*<script>\(function \(\) \{[\s\S]*\}\)\(\);<\/script>\s*<\/body>/);
  });

  it('keeps everything else of the installed Docusaurus template as it is', () => {
    const withoutOurs = template
      .replace(/ type="text\/plain" data-after-paint><\/script>/, ' defer></script>')
      .replace(/\s*<script>\(function \(\) \{[\s\S]*\}\)\(\);<\/script>/, '');
    expect(withoutOurs).toBe(stockTemplate);
  });

  it('stops the build when Docusaurus changes the parts it replaces', () => {
    expect(() => paintFirstTemplate(stockTemplate.replace(' defer', ' async'))).toThrow(/no longer contains/);
    expect(() => paintFirstTemplate(stockTemplate.replace('<%~ it.postBodyTags %>', '<%~ it.postBodyTags %><footer></footer>'))).toThrow(/no longer contains/);
  });
});

describe('the loader', () => {
  it('starts the bundles, in document order and in order of execution, only after the first paint and two frames', () => {
    const browser = fakeBrowser();
    browser.frame();
    browser.paint();
    expect(browser.added).toEqual([]);
    browser.frame();
    expect(browser.added).toEqual([
      {src: 'http://site.test/assets/js/runtime~main.1.js', async: false},
      {src: 'http://site.test/assets/js/main.2.js', async: false},
    ]);
    expect(browser.disconnected).toBe(true);
  });

  it('waits for the paint report when the frames come first, and ignores other paint entries', () => {
    const browser = fakeBrowser();
    browser.frame();
    browser.frame();
    browser.paint('first-paint');
    expect(browser.added).toEqual([]);
    browser.paint();
    expect(browser.added).toHaveLength(2);
  });

  it('starts them once, whatever fires afterwards', () => {
    const browser = fakeBrowser();
    browser.paint();
    browser.frame();
    browser.frame();
    browser.hide();
    for (const timer of browser.timers) timer.run();
    expect(browser.added).toHaveLength(2);
  });

  it('starts them at once on a page that is not visible, which paints nothing', () => {
    const browser = fakeBrowser({visibility: 'hidden'});
    expect(browser.added).toHaveLength(2);
    expect(browser.observing).toBe(false);
  });

  it('starts them when the page is hidden before it painted', () => {
    const browser = fakeBrowser();
    browser.hide();
    expect(browser.added).toHaveLength(2);
  });

  it('waits for the frames alone where the browser has no paint timing', () => {
    const browser = fakeBrowser({paintTiming: false});
    expect(browser.observing).toBe(false);
    browser.frame();
    expect(browser.added).toEqual([]);
    browser.frame();
    expect(browser.added).toHaveLength(2);
  });

  it('starts them after the fallback delay when no paint is ever reported', () => {
    const browser = fakeBrowser();
    browser.frame();
    browser.frame();
    expect(browser.timers.map((timer) => timer.ms)).toEqual([FALLBACK_MS]);
    browser.timers[0]?.run();
    expect(browser.added).toHaveLength(2);
  });
});
