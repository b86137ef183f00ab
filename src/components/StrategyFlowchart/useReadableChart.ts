import type {RefObject} from 'react';
import {useEffect} from 'react';
import {READABLE_LABEL_PX} from '@site/src/utils/flowchart';
import {onEachDrawing} from './drawings';

/** The size Mermaid draws its labels at (its default `fontSize`, which the site does not change). */
const MERMAID_LABEL_PX = 16;

/** The drawing inside the box, once Mermaid has put it there. */
function drawingIn(box: HTMLElement): {container: HTMLElement; svg: SVGSVGElement} | null {
  const svg = box.querySelector('svg');
  const container = svg?.parentElement;
  return svg instanceof SVGSVGElement && container ? {container, svg} : null;
}

/**
 * Sizes the drawing so its labels stay readable, and scrolls the box so the
 * reader's current node is in its middle. Fitted whole into the overview's
 * column the chart's labels shrink to a third of their size; drawn at a readable
 * scale it is larger than its box, which then scrolls (and pans by touch). The
 * box keeps its reserved size either way, so the page around it never moves.
 */
function fitDrawing(box: HTMLElement, zoomed: boolean, currentNode: string): void {
  const drawing = drawingIn(box);
  if (!drawing) return;
  const {container, svg} = drawing;
  const viewBoxWidth = svg.viewBox.baseVal.width;
  if (!zoomed || viewBoxWidth === 0) {
    // The whole chart: the stylesheet fits it into the box.
    svg.style.removeProperty('width');
    svg.style.removeProperty('max-width');
    svg.style.removeProperty('max-height');
    container.scrollTo({left: 0, top: 0});
    container.removeAttribute('tabindex');
    container.removeAttribute('aria-label');
    container.removeAttribute('role');
    return;
  }
  // A box that scrolls must be reachable by keyboard, so arrow keys can scroll it too.
  container.tabIndex = 0;
  container.setAttribute('role', 'group');
  container.setAttribute('aria-label', 'Flowchart drawing, larger than its box: scroll or use the arrow keys to see the rest');
  // Never smaller than the box: on a screen wide enough for the whole chart at a readable size, it fills the box.
  const width = Math.max(container.clientWidth, (viewBoxWidth * READABLE_LABEL_PX) / MERMAID_LABEL_PX);
  svg.style.setProperty('width', `${width}px`);
  svg.style.setProperty('max-width', 'none');
  svg.style.setProperty('max-height', 'none');
  const node = svg.querySelector(`g.node[id*="flowchart-${currentNode}-"]`);
  if (!node) return;
  const nodeBox = node.getBoundingClientRect();
  const containerBox = container.getBoundingClientRect();
  container.scrollTo({
    left: container.scrollLeft + nodeBox.left - containerBox.left - (container.clientWidth - nodeBox.width) / 2,
    top: container.scrollTop + nodeBox.top - containerBox.top - (container.clientHeight - nodeBox.height) / 2,
  });
}

/**
 * Keeps the drawing readable and the reader's node (the open question, or the
 * outcome reached) in view: whenever Mermaid puts a new drawing in the box, when
 * the reader moves on, and when the box changes size.
 */
export function useReadableChart(box: RefObject<HTMLElement | null>, zoomed: boolean, currentNode: string): void {
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const refit = (): void => fitDrawing(element, zoomed, currentNode);
    const stopDrawings = onEachDrawing(element, refit);
    const resizes = typeof ResizeObserver === 'function' ? new ResizeObserver(refit) : null;
    resizes?.observe(element);
    return () => {
      stopDrawings();
      resizes?.disconnect();
    };
  }, [box, zoomed, currentNode]);
}
