import type {RefObject} from 'react';
import {useEffect} from 'react';
import {onEachDrawing} from './drawings';

/** The class the stylesheet colours the reader's path with (styles.module.css). */
const TAKEN = 'taken';

/** Mermaid's element ids end in `flowchart-<node>-<n>` and `L_<from>_<to>_<n>`, after the drawing's own id. */
const NODE_ID = /flowchart-([A-Za-z0-9]+)-\d+$/;
const EDGE_ID = /L_([A-Za-z0-9]+)_([A-Za-z0-9]+)_\d+$/;

function markPath(box: HTMLElement, nodes: ReadonlySet<string>, edges: ReadonlySet<string>): void {
  for (const node of Array.from(box.querySelectorAll('svg g.node'))) {
    const id = NODE_ID.exec(node.id)?.[1];
    node.classList.toggle(TAKEN, id !== undefined && nodes.has(id));
  }
  for (const edge of Array.from(box.querySelectorAll('svg path.flowchart-link'))) {
    const match = EDGE_ID.exec(edge.id);
    edge.classList.toggle(TAKEN, match !== null && edges.has(`${match[1]}_${match[2]}`));
  }
}

/**
 * Marks the reader's path (drawnPath in src/utils/flowchart.ts) on the drawing
 * Mermaid put in the box: whenever the path changes, and on every new drawing.
 */
export function usePathHighlight(
  box: RefObject<HTMLElement | null>,
  nodes: ReadonlySet<string>,
  edges: ReadonlySet<string>,
): void {
  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    return onEachDrawing(element, () => markPath(element, nodes, edges));
  }, [box, nodes, edges]);
}
