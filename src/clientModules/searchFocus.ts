/**
 * The local search plugin focuses its box when its index finishes loading if the reader had focused the box since
 * the load began, even when the reader has since moved on (typing into the chooser's form, say): the caret jumps to
 * the search box. Focus that a reader gives the box comes from pressing on the box itself, or from a key (Tab, the
 * plugin's shortcut) in the same task. A focus of the box that has neither, after the reader left it, is the
 * plugin's own, and is handed back to where the reader went. The box also loses focus without the reader when the
 * plugin moves it in the DOM as the index arrives (autocomplete.js wraps it); only focus that went to another element,
 * or a press outside the box, counts as the reader leaving.
 */
const SEARCH_INPUT = 'input.navbar__search-input';
const SEARCH_BOX = '.navbar__search';

/** Installs the guard on a document; returns a function that removes it (for tests). */
export function guardSearchFocus(doc: Document): () => void {
  let left = false;
  let leftTo: Element | null = null;
  let keyInThisTask = false;
  let pressedOutside = false;

  function onPress(event: Event): void {
    const inside = event.target instanceof Element && event.target.closest(SEARCH_BOX) !== null;
    pressedOutside = !inside;
    if (inside) left = false;
  }
  function onKey(): void {
    keyInThisTask = true;
    setTimeout(() => {
      keyInThisTask = false;
    }, 0);
  }
  function onFocusOut(event: FocusEvent): void {
    if (!(event.target instanceof Element) || !event.target.matches(SEARCH_INPUT)) return;
    const to = event.relatedTarget instanceof Element ? event.relatedTarget : null;
    if (to === null && !pressedOutside) return;
    left = true;
    leftTo = to;
  }
  function onFocusIn(event: FocusEvent): void {
    if (!(event.target instanceof HTMLElement) || !event.target.matches(SEARCH_INPUT)) return;
    if (!left || keyInThisTask) {
      left = false;
      return;
    }
    const input = event.target;
    const back = leftTo;
    // After the plugin's own focus handling has run.
    queueMicrotask(() => {
      if (back instanceof HTMLElement && back.isConnected) back.focus({preventScroll: true});
      else input.blur();
    });
  }
  // Capture phase: each press and key is seen before any focus it causes.
  const listeners: [string, (event: never) => void][] = [
    ['pointerdown', onPress],
    ['pointerup', onPress],
    ['keydown', onKey],
    ['focusout', onFocusOut],
    ['focusin', onFocusIn],
  ];
  for (const [type, listener] of listeners) doc.addEventListener(type, listener as EventListener, true);
  return () => {
    for (const [type, listener] of listeners) doc.removeEventListener(type, listener as EventListener, true);
  };
}

if (typeof document !== 'undefined') guardSearchFocus(document);
