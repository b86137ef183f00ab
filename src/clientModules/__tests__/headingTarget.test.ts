// @vitest-environment jsdom
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {KEEP_IN_VIEW_MS, keepHeadingInView} from '../headingTarget';

/** Records what each observer watches and lets a test report a size change. */
class FakeResizeObserver {
  static instances: FakeResizeObserver[] = [];
  readonly watched: Element[] = [];
  disconnected = false;
  constructor(private readonly callback: () => void) {
    FakeResizeObserver.instances.push(this);
  }
  observe(element: Element): void {
    this.watched.push(element);
    this.callback();
  }
  disconnect(): void {
    this.disconnected = true;
  }
  resized(): void {
    if (!this.disconnected) this.callback();
  }
}

let scrolledTo: string[];

beforeEach(() => {
  vi.useFakeTimers();
  FakeResizeObserver.instances = [];
  scrolledTo = [];
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
  Element.prototype.scrollIntoView = function record(this: Element) {
    scrolledTo.push(this.id);
  };
  document.body.innerHTML = `
    <article><h2 id="intro">Intro</h2><h3 id="caf&#233; notes">Notes</h3></article>
    <h2 id="outside">Outside any article</h2>`;
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('keepHeadingInView', () => {
  it('scrolls to the heading the hash names, percent-encoded or not, as the article reports its size', () => {
    expect(keepHeadingInView(document, '#caf%C3%A9%20notes')).toBeTypeOf('function');
    expect(FakeResizeObserver.instances[0]?.watched.map((element) => element.tagName)).toEqual(['ARTICLE']);
    expect(scrolledTo).toEqual(['café notes']);
  });

  it('keeps the heading in view while the article grows, until the reader takes over', () => {
    keepHeadingInView(document, '#intro');
    const [observer] = FakeResizeObserver.instances;
    observer?.resized();
    expect(scrolledTo).toEqual(['intro', 'intro']);
    window.dispatchEvent(new Event('wheel'));
    observer?.resized();
    expect(scrolledTo).toEqual(['intro', 'intro']);
    expect(observer?.disconnected).toBe(true);
  });

  it('stops on its own after KEEP_IN_VIEW_MS', () => {
    keepHeadingInView(document, '#intro');
    vi.advanceTimersByTime(KEEP_IN_VIEW_MS);
    expect(FakeResizeObserver.instances[0]?.disconnected).toBe(true);
  });

  it('does nothing for a hash that names nothing in an article, or that is not valid percent-encoding', () => {
    for (const hash of ['', '#', '#missing', '#outside', '#%E0%A4%A', '#%']) {
      expect(keepHeadingInView(document, hash), hash).toBeNull();
    }
    expect(scrolledTo).toEqual([]);
    expect(FakeResizeObserver.instances).toEqual([]);
  });
});
