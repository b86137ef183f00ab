/**
 * Builds the overview's Mermaid flowchart from the decision tree, with hrefs
 * that already carry the site's baseUrl (Mermaid links bypass Docusaurus's
 * router and link checker, so they must be complete).
 */
import {
  OUTCOMES,
  OUTCOME_IDS,
  QUESTIONS,
  QUESTION_IDS,
  getNode,
  listEdges,
  type Edge,
  type NodeId,
  type QuestionId,
  type Step,
} from '../data/decisionTree';
import {encodeState} from './chooserState';

/** The id of the chooser's section on the overview; question nodes jump there. */
export const CHOOSER_ANCHOR = 'strategy-chooser';

/**
 * The overview wraps the chooser and the flowchart in an element with this
 * class (docs/index.mdx); from the docs' desktop breakpoint on, the chooser's
 * styles lay the two out side by side.
 */
export const TOOL_CLASS = 'strategy-tool';

/** Marks the flowchart's drawing, so the chooser can keep it on screen beside the open question. */
export const CHART_ATTRIBUTE = 'data-strategy-chart';

/** The id of the flowchart's figure: on a phone the chart sits below the chooser, and the chooser links here. */
export const CHART_ANCHOR = 'strategy-flowchart';

/**
 * The size, in CSS pixels, a label of the flowchart must keep on screen. Mermaid
 * draws labels at 16 px into a viewBox about 1,370 px wide; fitted whole into the
 * overview's column (about 480 px at 1280 × 800) they would shrink to under 6 px.
 */
export const READABLE_LABEL_PX = 13;

export interface FlowchartOptions {
  /** The site's baseUrl, with leading and trailing slash. */
  readonly baseUrl: string;
}

/**
 * A guide's route below the baseUrl, in the one form the site uses everywhere:
 * with a trailing slash, because the build writes each page as `<path>/index.html`
 * and a plain static host answers that URL without any rewrite rule.
 */
export function guideRoute(guidePath: string): string {
  return `/${guidePath.replace(/^\/+|\/+$/g, '')}/`;
}

/** Absolute path of a guide under the given baseUrl (Mermaid hrefs skip Docusaurus's Link, so they carry it). */
export function guideHref(baseUrl: string, guidePath: string): string {
  return `${siteRoot(baseUrl)}${guideRoute(guidePath).slice(1)}`;
}

/** The baseUrl with exactly one trailing slash: the overview's own URL. */
function siteRoot(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

/** The answer ids that lead from the root to a question (the tree gives each node one way in). */
export function pathToQuestion(question: QuestionId): string[] {
  const intoNode = new Map(listEdges().map((edge) => [edge.to, edge]));
  const trail: string[] = [];
  for (let edge = intoNode.get(question); edge; edge = intoNode.get(edge.from)) trail.unshift(edge.answerId);
  return trail;
}

/**
 * The overview with the chooser opened at a question, in the chooser's own URL
 * format. A plain href rather than a click callback, so it works with Mermaid's
 * strict security level (which drops callbacks) and in a new tab.
 */
export function questionHref(baseUrl: string, question: QuestionId): string {
  const search = encodeState({answers: pathToQuestion(question), inputs: {}});
  return `${siteRoot(baseUrl)}${search}#${CHOOSER_ANCHOR}`;
}

/** Mermaid's quoted-label syntax has no escape for `"`; the tree's texts are ours, so refuse rather than mangle. */
function label(lines: readonly string[]): string {
  for (const line of lines) {
    if (/["\n]/.test(line)) throw new Error(`Flowchart label line contains a quote or newline: ${line}`);
  }
  return `"${lines.join('<br/>')}"`;
}

function nodeShape(id: NodeId): string {
  const node = getNode(id);
  // Decisions are rhombi, outcomes stadiums, as on the upstream overview.
  return node.kind === 'question'
    ? `${node.mermaidId}{${label(node.lines)}}`
    : `${node.mermaidId}([${label(node.lines)}])`;
}

/** The nodes and edges a walk passes through, for highlighting. */
export function pathHighlight(steps: readonly Step[]): {nodes: Set<NodeId>; edges: Set<Edge>} {
  const all = listEdges();
  const nodes = new Set<NodeId>();
  const edges = new Set<Edge>();
  for (const step of steps) {
    const edge = all.find((e) => e.from === step.question && e.answerId === step.answerId);
    if (!edge) continue;
    nodes.add(edge.from);
    nodes.add(edge.to);
    edges.add(edge);
  }
  return {nodes, edges};
}

/**
 * What the drawing marks as the reader's path, in the names Mermaid gives the
 * drawn elements: node ids (`flowchart-<id>-<n>`) and edge keys `<from>_<to>`
 * (`L_<from>_<to>_<n>`). The path is not part of the Mermaid source: a new
 * source means a new layout of the whole chart (hundreds of milliseconds on a
 * laptop, several times that on a phone) for every answer, where marking the
 * drawn elements is a class change (usePathHighlight.ts).
 */
export function drawnPath(steps: readonly Step[]): {nodes: Set<string>; edges: Set<string>} {
  const {nodes, edges} = pathHighlight(steps);
  return {
    nodes: new Set([...nodes].map((id) => getNode(id).mermaidId)),
    edges: new Set([...edges].map((edge) => `${QUESTIONS[edge.from].mermaidId}_${getNode(edge.to).mermaidId}`)),
  };
}

/** The chart without any path: the path is marked on the drawing (drawnPath), so answers never change this text. */
export function flowchartSource({baseUrl}: FlowchartOptions): string {
  const lines: string[] = ['flowchart TD'];
  for (const id of QUESTION_IDS) lines.push(`  ${nodeShape(id)}`);
  for (const id of OUTCOME_IDS) lines.push(`  ${nodeShape(id)}`);
  for (const edge of listEdges()) {
    lines.push(`  ${QUESTIONS[edge.from].mermaidId} -->|${label([edge.label])}| ${getNode(edge.to).mermaidId}`);
  }
  for (const id of QUESTION_IDS) {
    lines.push(`  click ${QUESTIONS[id].mermaidId} href "${questionHref(baseUrl, id)}" "Answer this question in the chooser"`);
  }
  for (const id of OUTCOME_IDS) {
    const outcome = OUTCOMES[id];
    lines.push(`  click ${outcome.mermaidId} href "${guideHref(baseUrl, outcome.guidePath)}" "Open the ${outcome.title} guide"`);
  }
  return `${lines.join('\n')}\n`;
}
