import {describe, expect, it} from 'vitest';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS, listEdges, walk} from '../../data/decisionTree';
import {CHOOSER_ANCHOR, drawnPath, flowchartSource, guideHref, guideRoute, pathHighlight, pathToQuestion, questionHref} from '../flowchart';
import {walkFromSearch} from '../chooserState';

describe('flowchartSource', () => {
  it.each(['/', '/nested/sub-path/docs/'])('links every outcome to its guide under baseUrl %s', (baseUrl) => {
    const source = flowchartSource({baseUrl});
    for (const id of OUTCOME_IDS) {
      const {mermaidId, guidePath} = OUTCOMES[id];
      // The folder form (trailing slash): a plain static host serves <path>/index.html for it with no rewrite.
      expect(source).toContain(`click ${mermaidId} href "${baseUrl}${guidePath}/"`);
    }
  });

  it('draws every node and every edge with its label', () => {
    const source = flowchartSource({baseUrl: '/'});
    for (const id of QUESTION_IDS) expect(source).toContain(`${QUESTIONS[id].mermaidId}{"`);
    for (const id of OUTCOME_IDS) expect(source).toContain(`${OUTCOMES[id].mermaidId}(["`);
    for (const edge of listEdges()) {
      expect(source).toContain(`${QUESTIONS[edge.from].mermaidId} -->|"${edge.label}"|`);
    }
  });

  it('never carries the path, so an answer never changes the text Mermaid lays out', () => {
    const plain = flowchartSource({baseUrl: '/'});
    expect(plain).not.toMatch(/classDef|linkStyle|\bclass /);
  });

  it('names the taken nodes and edges as Mermaid names the drawn ones', () => {
    const steps = walk(['yes', 'pod', 'no']).steps;
    const {nodes, edges} = drawnPath(steps);
    expect([...nodes].sort()).toEqual(['A', 'B', 'G', 'I']);
    expect([...edges].sort()).toEqual(['A_B', 'B_G', 'G_I']);
    expect(pathHighlight(steps).edges.size).toBe(edges.size);
    const none = drawnPath([]);
    expect(none.nodes.size + none.edges.size).toBe(0);
  });

  it('uses Mermaid ids that the drawn element ids can be read back from', () => {
    // usePathHighlight.ts parses `flowchart-<id>-<n>` and `L_<from>_<to>_<n>`: no dash or underscore in an id.
    for (const id of [...QUESTION_IDS.map((q) => QUESTIONS[q].mermaidId), ...OUTCOME_IDS.map((o) => OUTCOMES[o].mermaidId)]) {
      expect(id).toMatch(/^[A-Za-z0-9]+$/);
    }
  });

  it('joins baseUrl and guide paths with exactly one slash, ending in one', () => {
    expect(guideHref('/a/b', 'egress/x')).toBe('/a/b/egress/x/');
    expect(guideHref('/a/b/', 'egress/x')).toBe('/a/b/egress/x/');
    expect(guideHref('/', 'egress/x')).toBe('/egress/x/');
  });

  it('gives every guide one route form, the folder with a trailing slash', () => {
    expect(guideRoute('egress/x')).toBe('/egress/x/');
    expect(guideRoute('/egress/x/')).toBe('/egress/x/');
    for (const id of OUTCOME_IDS) expect(guideRoute(OUTCOMES[id].guidePath)).toMatch(/^\/[a-z-]+\/[a-z-]+\/$/);
  });
});

describe('question nodes', () => {
  it.each(['/', '/nested/sub-path/docs/'])('jump to the chooser at that question under baseUrl %s', (baseUrl) => {
    const source = flowchartSource({baseUrl});
    for (const id of QUESTION_IDS) {
      const href = questionHref(baseUrl, id);
      expect(source).toContain(`click ${QUESTIONS[id].mermaidId} href "${href}"`);
      const url = new URL(href, 'https://example.org');
      expect(url.pathname).toBe(baseUrl);
      expect(url.hash).toBe(`#${CHOOSER_ANCHOR}`);
      // The chooser reads the link back as the walk that stops with this question open.
      expect(walkFromSearch(url.search).current).toBe(id);
    }
  });

  it('carry the answers that lead to each question', () => {
    expect(pathToQuestion('connects')).toEqual([]);
    expect(pathToQuestion('placement')).toEqual(['yes']);
    expect(pathToQuestion('addressing')).toEqual(['yes', 'pod']);
    expect(pathToQuestion('router')).toEqual(['no']);
    expect(pathToQuestion('nginx')).toEqual(['no', 'no']);
    expect(questionHref('/', 'connects')).toBe(`/#${CHOOSER_ANCHOR}`);
  });
});
