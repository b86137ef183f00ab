/**
 * Calls `callback` now and whenever Mermaid puts a new drawing into `box` (the
 * first one, and one for a new colour mode); returns what stops it. Only new
 * drawings: what the callbacks change on a drawing (classes, sizes) are
 * attributes, which this does not watch, so they cannot call themselves again.
 */
export function onEachDrawing(box: HTMLElement, callback: () => void): () => void {
  callback();
  const drawings = new MutationObserver(callback);
  drawings.observe(box, {childList: true, subtree: true});
  return () => drawings.disconnect();
}
