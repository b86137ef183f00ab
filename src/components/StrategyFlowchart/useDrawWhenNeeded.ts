import type {RefObject} from 'react';
import {useCallback, useEffect, useRef, useState} from 'react';
import {whenIdle} from '@site/src/utils/scheduling';

/**
 * The box counts as near once any of it is in the window. On a phone the chart
 * starts just below the fold (under the chooser's first question), so a wider
 * margin would draw it during the page load, where its second of layout work is
 * what made the first taps on the chooser slow.
 */
const NEAR_MARGIN = '0px';

export interface DrawWhenNeeded {
  /** True once the chart should be drawn; it stays true. */
  readonly draw: boolean;
  /** Draws without waiting for idle time: the reader is reaching for the chart. */
  readonly drawNow: () => void;
}

/**
 * Decides when Mermaid may run. Loading Mermaid and laying the chart out costs
 * over a second of main-thread time on a mid-range phone, which must not land
 * in hydration nor block the reader's first taps on the chooser. So the chart is
 * drawn once its box is near the window and the browser is idle, or at once when
 * the reader points at, touches or focuses its box. Until then the box keeps its
 * reserved size (styles.module.css), so drawing moves nothing.
 */
export function useDrawWhenNeeded(box: RefObject<HTMLElement | null>): DrawWhenNeeded {
  const [draw, setDraw] = useState(false);
  const started = useRef(false);

  const start = useCallback(() => {
    if (started.current) return;
    started.current = true;
    // Mermaid's click tooltips call selection.transition(), which only exists once
    // d3-transition has patched d3-selection. Mermaid imports `select` from "d3",
    // whose package is marked side-effect free, so the bundler resolves straight to
    // d3-selection and never evaluates d3-transition: hovering a node then throws
    // "t.transition is not a function". Loading it just before the first draw
    // restores the patch without adding it to the page's own JavaScript.
    void import('d3-transition').then(() => setDraw(true));
  }, []);

  useEffect(() => {
    const element = box.current;
    if (started.current || !element) return undefined;
    let cancelIdle: (() => void) | undefined;
    if (typeof IntersectionObserver !== 'function') {
      cancelIdle = whenIdle(start);
      return () => cancelIdle?.();
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (cancelIdle || !entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        cancelIdle = whenIdle(start);
      },
      {rootMargin: NEAR_MARGIN},
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelIdle?.();
    };
  }, [box, start]);

  return {draw, drawNow: start};
}
