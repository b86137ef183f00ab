import {describe, expect, it} from 'vitest';
import {
  OUTCOMES,
  OUTCOME_IDS,
  QUESTIONS,
  QUESTION_IDS,
  ROOT,
  isOutcomeId,
  listEdges,
  pathTo,
  walk,
  type NodeId,
} from '../decisionTree';
import {BUILDERS} from '../../manifests';
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';

const DOCS = resolve(__dirname, '../../../docs');

/** Every node reachable from the root, with the depth-first route that reached it. */
function reachable(): Map<NodeId, string[]> {
  const found = new Map<NodeId, string[]>();
  function visit(id: NodeId, route: string[], onStack: Set<NodeId>): void {
    if (onStack.has(id)) throw new Error(`cycle through ${id}`);
    found.set(id, route);
    if (isOutcomeId(id)) return;
    for (const answer of QUESTIONS[id].answers) visit(answer.next, [...route, answer.id], new Set([...onStack, id]));
  }
  visit(ROOT, [], new Set());
  return found;
}

describe('the decision tree', () => {
  it('has no cycles and reaches every question and outcome from the root', () => {
    const nodes = reachable();
    expect([...nodes.keys()].sort()).toEqual([...QUESTION_IDS, ...OUTCOME_IDS].sort());
  });

  it('reaches each outcome by exactly one path', () => {
    const counts = new Map<NodeId, number>();
    for (const edge of listEdges()) counts.set(edge.to, (counts.get(edge.to) ?? 0) + 1);
    for (const id of OUTCOME_IDS) expect(counts.get(id), id).toBe(1);
  });

  it('uses unique Mermaid ids', () => {
    const ids = [...QUESTION_IDS.map((id) => QUESTIONS[id].mermaidId), ...OUTCOME_IDS.map((id) => OUTCOMES[id].mermaidId)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(QUESTION_IDS)('question %s has distinct answers and a hint', (id) => {
    const question = QUESTIONS[id];
    const answerIds = question.answers.map((a) => a.id);
    expect(new Set(answerIds).size).toBe(answerIds.length);
    expect(answerIds.every((a) => /^[a-z]+$/.test(a))).toBe(true);
    expect(question.text).toBe(question.lines.join(' '));
    expect(question.hint.length).toBeGreaterThan(20);
  });

  it.each(OUTCOME_IDS)('outcome %s has a guide page, a builder and a round-trip path', (id) => {
    const outcome = OUTCOMES[id];
    expect(existsSync(resolve(DOCS, `${outcome.guidePath}.mdx`))).toBe(true);
    expect(BUILDERS[id].id).toBe(id);
    const answers = pathTo(id);
    expect(walk(answers)).toEqual(expect.objectContaining({current: id}));
    expect(walk(answers).steps).toHaveLength(answers.length);
  });

  it('stops a walk at the first unknown answer', () => {
    expect(walk(['yes', 'bogus', 'node']).current).toBe('placement');
    expect(walk(['yes', 'node', 'extra']).current).toBe('node-proxy-daemonset');
    expect(walk([]).current).toBe(ROOT);
  });
});
