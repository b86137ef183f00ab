import {describe, expect, it} from 'vitest';
import stockTemplate from '@docusaurus/core/lib/ssg/ssgTemplate.html';
import {
  AFTER_PAINT_ATTRIBUTE,
  DRAW_STEP_MS,
  DRAWING_ATTRIBUTE,
  DRAWING_MARKER,
  FALLBACK_MS,
  PAINT_FIRST_LOADER,
  paintFirstTemplate,
  WAITING_ATTRIBUTE,
} from '../paintFirst';

interface HeldScript {
  readonly src: string;
}

interface AddedScript {
  src: string;
  async: boolean;
}

type PaintCallback = (list: {getEntriesByName(name: string): unknown[]}, observer: {disconnect(): void}) => void;

/**
 * An element as the loader walks it: tag, attributes, element children, and a layout that takes time. Marking it
 * waiting is written to `log`, if there is one.
 */
class FakeElement {
  readonly attributes = new Map<string, string>();
  firstElementChild: FakeElement | null = null;
  nextElementSibling: FakeElement | null = null;
  constructor(
    readonly tagName: string,
    readonly name: string,
    attributes: Record<string, string> = {},
    children: FakeElement[] = [],
    private readonly onLayout: (element: FakeElement) => void = () => undefined,
    private readonly log: string[] = [],
  ) {
    for (const [key, value] of Object.entries(attributes)) this.attributes.set(key, value);
    this.firstElementChild = children[0] ?? null;
    children.forEach((child, index) => (child.nextElementSibling = children[index + 1] ?? null));
  }
  getAttribute(key: string): string | null {
    return this.attributes.get(key) ?? null;
  }
  hasAttribute(key: string): boolean {
    return this.attributes.has(key);
  }
  setAttribute(key: string, value: string): void {
    if (key === WAITING_ATTRIBUTE) this.log.push(`mark ${this.name}`);
    this.attributes.set(key, value);
  }
  removeAttribute(key: string): void {
    this.attributes.delete(key);
  }
  getBoundingClientRect(): object {
    this.onLayout(this);
    return {};
  }
}

/**
 * A guide's Markdown as the build writes it: a header, prose, a code-block island (skipped by the loader: the block
 * skips itself off screen) and an island of two parts. Drawing a block takes `msPerBlock` of the fake clock and is
 * recorded, with the time it happened at; its mark must be lifted by then.
 */
function fakeMarkdown(clock: {now: number}, drawn: {name: string; at: number}[], msPerBlock: number, log: string[]): FakeElement {
  function draw(element: FakeElement): void {
    expect(element.hasAttribute(WAITING_ATTRIBUTE)).toBe(false);
    drawn.push({name: element.name, at: clock.now});
    clock.now += msPerBlock;
  }
  const block = (tag: string, name: string, attributes: Record<string, string> = {}, children: FakeElement[] = []) =>
    new FakeElement(tag, name, attributes, children, draw, log);
  return block('DIV', 'markdown', {}, [
    block('HEADER', 'header'),
    block('P', 'p1'),
    block('UL', 'ul'),
    block('DIV', 'code island', {'data-build-time': 'code-block'}, [block('DIV', 'code block')]),
    block('H2', 'h2'),
    block('DIV', 'artifacts island', {'data-build-time': 'artifacts-x'}, [block('SECTION', 'part 1'), block('SECTION', 'part 2')]),
    block('P', 'p2'),
  ]);
}

/**
 * Just enough of a browser for the loader, with the clock in the test's hands: frames, paint reports, timers and
 * visibility happen when the test says so. Its style is the stylesheet's rule: a block may be skipped while `<html>`
 * is marked (unless the page was opened at a heading, `targeted`) or while the block itself is.
 */
function fakeBrowser({
  visibility = 'visible',
  paintTiming = true,
  markdown = false,
  msPerBlock = 4,
  marked = true,
  targeted = false,
}: {visibility?: string; paintTiming?: boolean; markdown?: boolean; msPerBlock?: number; marked?: boolean; targeted?: boolean} = {}) {
  const clock = {now: 0};
  const drawn: {name: string; at: number}[] = [];
  const startedAt: number[] = [];
  const log: string[] = [];
  const root = new FakeElement('HTML', 'html', marked ? {[DRAWING_ATTRIBUTE]: ''} : {});
  const doc = markdown ? fakeMarkdown(clock, drawn, msPerBlock, log) : null;
  function getComputedStyle(element: FakeElement): {contentVisibility: string} {
    log.push(`read ${element.name}`);
    const skippable = (root.hasAttribute(DRAWING_ATTRIBUTE) && !targeted) || element.hasAttribute(WAITING_ATTRIBUTE);
    return {contentVisibility: skippable ? 'auto' : 'visible'};
  }
  const held: HeldScript[] = [{src: 'http://site.test/assets/js/runtime~main.1.js'}, {src: 'http://site.test/assets/js/main.2.js'}];
  const added: AddedScript[] = [];
  let frames: (() => void)[] = [];
  const timers: {ms: number; run: () => void}[] = [];
  const visibilityListeners: (() => void)[] = [];
  let paintObserver: PaintCallback | null = null;
  let disconnected = false;
  const document = {
    visibilityState: visibility,
    documentElement: root,
    querySelector(selector: string): FakeElement | null {
      expect(selector).toBe('.theme-doc-markdown');
      return doc;
    },
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
        startedAt.push(clock.now);
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
    performance: {now: () => clock.now},
    getComputedStyle,
  };
  new Function(...Object.keys(globals), PAINT_FIRST_LOADER)(...Object.values(globals));
  return {
    added,
    timers,
    drawn,
    startedAt,
    root,
    doc,
    log,
    /** The blocks marked waiting, in document order. */
    waiting(): string[] {
      const names: string[] = [];
      for (let child = doc?.firstElementChild ?? null; child; child = child.nextElementSibling) {
        for (const element of [child, ...(child.firstElementChild ? [child.firstElementChild, child.firstElementChild.nextElementSibling] : [])]) {
          if (element?.hasAttribute(WAITING_ATTRIBUTE)) names.push(element.name);
        }
      }
      return names;
    },
    /** Runs the timers due at once (the loader's next drawing steps), as the browser would between tasks. */
    runImmediateTimers(): number {
      let ran = 0;
      for (let timer = timers.find((t) => t.ms === 0); timer; timer = timers.find((t) => t.ms === 0)) {
        timers.splice(timers.indexOf(timer), 1);
        timer.run();
        ran++;
      }
      return ran;
    },
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

  it('marks <html> from a script at the top of the head, before the stylesheet it would otherwise wait for', () => {
    expect(template.split(DRAWING_MARKER)).toHaveLength(2);
    const head = template.slice(template.indexOf('<head>'), template.indexOf('</head>'));
    expect(head.indexOf(`<script>${DRAWING_MARKER}</script>`)).toBeGreaterThan(0);
    expect(head.indexOf(`<script>${DRAWING_MARKER}</script>`)).toBeLessThan(head.indexOf('rel="stylesheet"'));
  });

  it('keeps everything else of the installed Docusaurus template as it is', () => {
    const withoutOurs = template
      .replace(`<script>${DRAWING_MARKER}</script>\n    `, '')
      .replace(/ type="text\/plain" data-after-paint><\/script>/, ' defer></script>')
      .replace(/\s*<script>\(function \(\) \{[\s\S]*\}\)\(\);<\/script>/, '');
    expect(withoutOurs).toBe(stockTemplate);
  });

  it('stops the build when Docusaurus changes the parts it replaces', () => {
    expect(() => paintFirstTemplate(stockTemplate.replace(' defer', ' async'))).toThrow(/no longer contains/);
    expect(() => paintFirstTemplate(stockTemplate.replace('<%~ it.postBodyTags %>', '<%~ it.postBodyTags %><footer></footer>'))).toThrow(/no longer contains/);
    expect(() => paintFirstTemplate(stockTemplate.replace('it.stylesheets.forEach((stylesheet)', 'it.stylesheets.forEach((sheet)'))).toThrow(/no longer contains/);
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

describe('the loader, drawing the page before the bundles', () => {
  function painted(options: Parameters<typeof fakeBrowser>[0]): ReturnType<typeof fakeBrowser> {
    const browser = fakeBrowser(options);
    browser.paint();
    browser.frame();
    browser.frame();
    return browser;
  }

  it('draws the blocks in document order, skipping the header and code blocks, and entering the other islands', () => {
    const browser = painted({markdown: true});
    browser.runImmediateTimers();
    expect(browser.drawn.map((block) => block.name)).toEqual(['p1', 'ul', 'h2', 'part 1', 'part 2', 'p2']);
  });

  it(`draws for at most ${DRAW_STEP_MS} ms before it lets the browser run anything else`, () => {
    const browser = painted({markdown: true, msPerBlock: 4});
    // The first step runs in the paint report's task: three blocks of 4 ms, the third started before 10 ms.
    expect(browser.drawn.map((block) => block.at)).toEqual([0, 4, 8]);
    expect(browser.added).toEqual([]);
    expect(browser.runImmediateTimers()).toBe(1);
    expect(browser.drawn).toHaveLength(6);
  });

  it('draws one block per step at least, however long one block takes', () => {
    const browser = painted({markdown: true, msPerBlock: 25});
    expect(browser.drawn).toHaveLength(1);
    expect(browser.runImmediateTimers()).toBe(5);
    expect(browser.drawn).toHaveLength(6);
    expect(browser.added).toHaveLength(2);
  });

  it('hands the wait from <html> to the blocks still to draw, in its first step', () => {
    const browser = painted({markdown: true, msPerBlock: 4});
    expect(browser.drawn.map((block) => block.name)).toEqual(['p1', 'ul', 'h2']);
    expect(browser.root.hasAttribute(DRAWING_ATTRIBUTE)).toBe(false);
    expect(browser.waiting()).toEqual(['part 1', 'part 2', 'p2']);
  });

  it('reads every block\u2019s style before it marks any, so the browser styles the page once', () => {
    const browser = painted({markdown: true});
    const blocks = ['p1', 'ul', 'h2', 'part 1', 'part 2', 'p2'];
    expect(browser.log).toEqual([...blocks.map((name) => `read ${name}`), ...blocks.map((name) => `mark ${name}`)]);
  });

  it('starts the bundles only once every block is drawn, and then leaves no mark behind', () => {
    const browser = painted({markdown: true, msPerBlock: 6});
    browser.runImmediateTimers();
    expect(browser.added).toHaveLength(2);
    expect(Math.min(...browser.startedAt)).toBeGreaterThanOrEqual(Math.max(...browser.drawn.map((block) => block.at)));
    expect(browser.root.hasAttribute(DRAWING_ATTRIBUTE)).toBe(false);
    expect(browser.waiting()).toEqual([]);
  });

  it('stops drawing and starts the bundles when the page is hidden part way', () => {
    const browser = painted({markdown: true, msPerBlock: 4});
    expect(browser.drawn).toHaveLength(3);
    browser.hide();
    browser.runImmediateTimers();
    expect(browser.drawn).toHaveLength(3);
    expect(browser.added).toHaveLength(2);
    expect(browser.root.hasAttribute(DRAWING_ATTRIBUTE)).toBe(false);
    expect(browser.waiting()).toEqual([]);
  });

  it('draws nothing on a page that is not visible, or whose mark was never set, and starts at once', () => {
    const hidden = fakeBrowser({visibility: 'hidden', markdown: true});
    expect(hidden.drawn).toEqual([]);
    expect(hidden.added).toHaveLength(2);
    expect(hidden.root.hasAttribute(DRAWING_ATTRIBUTE)).toBe(false);
    const unmarked = painted({markdown: true, marked: false});
    expect(unmarked.drawn).toEqual([]);
    expect(unmarked.added).toHaveLength(2);
  });

  it('draws nothing on a page opened at a heading, where no block was skipped, and starts at once', () => {
    const browser = painted({markdown: true, targeted: true});
    expect(browser.drawn).toEqual([]);
    expect(browser.waiting()).toEqual([]);
    expect(browser.root.hasAttribute(DRAWING_ATTRIBUTE)).toBe(false);
    expect(browser.added).toHaveLength(2);
  });

  it('starts at once on a page with no doc to draw (the search page, the 404 page)', () => {
    const browser = painted({markdown: false});
    expect(browser.added).toHaveLength(2);
    expect(browser.root.hasAttribute(DRAWING_ATTRIBUTE)).toBe(false);
    expect(browser.timers.map((timer) => timer.ms)).toEqual([FALLBACK_MS]);
  });
});
