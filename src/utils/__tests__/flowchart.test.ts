import {describe, expect, it} from 'vitest';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS, listEdges, walk} from '../../data/decisionTree';
import {CHOOSER_ANCHOR, flowchartSource, guideHref, guideRoute, pathHighlight, pathToQuestion, questionHref} from '../flowchart';
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
