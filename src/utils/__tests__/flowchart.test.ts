import {describe, expect, it} from 'vitest';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS, listEdges, walk} from '../../data/decisionTree';
import {flowchartSource, guideHref, guideRoute, pathHighlight} from '../flowchart';

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

  it('has no highlight without a path, and highlights exactly the taken nodes and edges with one', () => {
    expect(flowchartSource({baseUrl: '/'})).not.toContain('classDef');
    const steps = walk(['yes', 'pod', 'no']).steps;
    const source = flowchartSource({baseUrl: '/', steps, colorMode: 'dark'});
    expect(source).toContain('class A,B,G,I taken');
    const {edges} = pathHighlight(steps);
    expect(source).toContain(`linkStyle ${[...edges].join(',')} `);
    expect(edges.size).toBe(3);
  });

  it('uses different highlight colours in light and dark mode', () => {
    const steps = walk(['no']).steps;
    expect(flowchartSource({baseUrl: '/', steps, colorMode: 'light'})).not.toBe(
      flowchartSource({baseUrl: '/', steps, colorMode: 'dark'}),
    );
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
