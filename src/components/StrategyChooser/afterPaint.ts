import {inNextTask} from '@site/src/utils/scheduling';

/**
 * Runs `callback` once the browser has painted the current frame: in the task
 * after the next animation frame. A hidden tab runs no animation frames, so a
 * timer stands in for it there; whichever comes first runs the callback, once.
 */
export function afterNextPaint(callback: () => void): void {
  let done = false;
  function runOnce(): void {
    if (done) return;
    done = true;
    callback();
  }
  const fallback = setTimeout(runOnce, 100);
  requestAnimationFrame(() => {
    // A posted message runs after the frame whose callbacks these are has been painted.
    inNextTask(() => {
      clearTimeout(fallback);
      runOnce();
    });
  });
}
