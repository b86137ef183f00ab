import type {MouseEvent, ReactNode} from 'react';
import {useMemo, useRef, useState} from 'react';
import {useHistory, useLocation} from '@docusaurus/router';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import Mermaid from '@theme/Mermaid';
import {OUTCOMES, getNode, outcomesByCategory, type Category} from '@site/src/data/decisionTree';
import {CHART_ANCHOR, CHART_ATTRIBUTE, drawnPath, flowchartSource, guideRoute, pathHighlight} from '@site/src/utils/flowchart';
import {walkFromSearch} from '@site/src/utils/chooserState';
import {useHydratedSearch} from '@site/src/hooks/useHydratedSearch';
import {useDrawWhenNeeded} from './useDrawWhenNeeded';
import {useReadableChart} from './useReadableChart';
import {usePathHighlight} from './usePathHighlight';
import styles from './styles.module.css';

const CATEGORY_LABEL: Record<Category, string> = {
  egress: 'Workload egress',
  ingress: 'Cluster ingress',
};

/**
 * Question nodes link to this page with the chooser's state in the query. A
 * plain click on one is handled in place, as the chooser's own buttons are: a
 * new history entry, no reload, and the chooser moves focus to that question.
 * Guides, and clicks that ask for a new tab or window, keep the browser's way.
 */
function useSamePageLinks(): (event: MouseEvent<HTMLElement>) => void {
  const history = useHistory();
  const location = useLocation();
  return function followSamePageLink(event: MouseEvent<HTMLElement>): void {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    const href = anchor?.getAttribute('href') ?? anchor?.getAttribute('xlink:href');
    if (!href) return;
    const url = new URL(href, window.location.href);
    if (url.origin !== window.location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    // The current hash stays, as with the chooser's buttons, so the router does not scroll on its own.
    history.push({pathname: location.pathname, search: url.search, hash: location.hash});
  };
}

/**
 * The decision tree as a clickable Mermaid flowchart, highlighting the path the
 * chooser has taken, with the same targets as ordinary links (SVG nodes are not
 * reachable by keyboard or screen reader, and the link checker only sees these).
 */
export default function StrategyFlowchart(): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  const search = useHydratedSearch();
  const followSamePageLink = useSamePageLinks();
  const {steps, current} = useMemo(() => walkFromSearch(search), [search]);
  // Typing in the chooser's form re-renders this component; the path changes only with an answer.
  const taken = useMemo(() => pathHighlight(steps).nodes, [steps]);
  const diagram = useRef<HTMLDivElement>(null);
  const {draw, drawNow} = useDrawWhenNeeded(diagram);
  // Readable labels by default; the reader may ask for the whole chart at once, at the size of its box.
  const [zoomed, setZoomed] = useState(true);
  const currentNode = getNode(current).mermaidId;
  useReadableChart(diagram, zoomed, currentNode);
  // The source never carries the path, so answers never make Mermaid lay the chart out again: the path is
  // marked on the drawing. Mermaid draws again only for a new colour mode (its theme).
  const source = useMemo(() => flowchartSource({baseUrl: siteConfig.baseUrl}), [siteConfig.baseUrl]);
  const path = useMemo(() => drawnPath(steps), [steps]);
  usePathHighlight(diagram, path.nodes, path.edges);
  return (
    <figure id={CHART_ANCHOR} className={styles.figure} aria-labelledby="strategy-flowchart-caption">
      {/* The handler only takes over clicks on the diagram's links; Enter on a focused link clicks it too.
          Pointing at or touching the still empty box asks for the chart at once. */}
      <div
        ref={diagram}
        className={clsx(styles.diagram, zoomed && styles.zoomed)}
        data-testid="strategy-flowchart"
        {...{[CHART_ATTRIBUTE]: ''}}
        onClick={followSamePageLink}
        onPointerEnter={drawNow}
        onPointerDown={drawNow}
        onFocus={drawNow}>
        {draw ? <Mermaid value={source} /> : null}
      </div>
      <div className={styles.toolbar}>
        <button
          type="button"
          className="button button--secondary button--sm"
          aria-pressed={!zoomed}
          onClick={() => setZoomed((value) => !value)}>
          Show the whole chart
        </button>
      </div>
      <figcaption id="strategy-flowchart-caption" className={styles.caption}>
        Decision flowchart. Click a question to answer it in the chooser, or a strategy to open its guide, also
        linked here:
      </figcaption>
      <nav aria-label="Strategy guides" className={styles.links}>
        {(['egress', 'ingress'] as const).map((category) => (
          <div key={category}>
            <strong>{CATEGORY_LABEL[category]}</strong>
            <ul>
              {outcomesByCategory(category).map((id) => (
                <li key={id} className={taken.has(id) ? styles.taken : undefined}>
                  <Link to={guideRoute(OUTCOMES[id].guidePath)}>{OUTCOMES[id].title}</Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
    </figure>
  );
}
