/** When browser work runs: in the next task, or once the browser is idle. Shared by the client entry and the components. */

/**
 * Runs `step` in a task of its own. A posted message is a new task and, unlike a timer, is not slowed down to once a
 * second in a background tab.
 */
export function inNextTask(step: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    step();
  };
  channel.port2.postMessage(null);
}

/** The longest an idle wait may last, so a busy page still gets the work done. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * Runs `callback` when the browser is idle; without requestIdleCallback (Safari), after `fallbackMs`, which lets the
 * current work finish first. Returns what cancels it.
 */
export function whenIdle(callback: () => void, fallbackMs = 200): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(callback, {timeout: IDLE_TIMEOUT_MS});
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(callback, fallbackMs);
  return () => window.clearTimeout(timer);
}
