/**
 * Turns a doc's MDX source into plain Markdown for readers who paste pages into
 * an AI assistant. Our components become what they render: artifacts from the
 * same builders and default inputs as the HTML page, the decision tree as text
 * and Mermaid source, links as links to other Markdown twins. Anything this
 * module does not know fails the build instead of vanishing from the text.
 */
import {posix} from 'node:path';
import {
  OUTCOMES,
  OUTCOME_IDS,
  QUESTIONS,
  ROOT,
  isOutcomeId,
  outcomesByCategory,
  pathTo,
  type Category,
  type NodeId,
  type OutcomeId,
  type Question,
} from '../../data/decisionTree';
import * as decisionTree from '../../data/decisionTree';
import * as manifests from '../../manifests';
import * as images from '../../manifests/images';
import {defaultArtifacts, type Artifact} from '../../manifests';
import {flowchartSource} from '../../utils/flowchart';
import {longDate} from '../../utils/longDate';
import {checkedAgainst, FACTS_CHECKED} from '../../data/checkedAgainst';
import {COMPARISON_COLUMNS, comparisonRows} from '../../data/comparison';
import {encodeState} from '../../utils/chooserState';
import {twinPath} from './twin';

export interface DocPage {
  /** Source path below the docs folder, with forward slashes, e.g. `egress/node-proxy-daemonset.mdx`. */
  readonly sourcePath: string;
  /** The page's URL path, baseUrl included. */
  readonly permalink: string;
  readonly title: string;
  readonly description: string;
}

export interface ConvertContext {
  /** The site's baseUrl, with leading and trailing slash. */
  readonly baseUrl: string;
  /** Every doc, so that relative links to other docs can point at their twins. */
  readonly pages: readonly DocPage[];
}

const CATEGORY_LABEL: Record<Category, string> = {
  egress: 'Workload egress',
  ingress: 'Cluster ingress',
};

const ADMONITION_LABEL: Record<string, string> = {
  note: 'Note',
  tip: 'Tip',
  info: 'Info',
  warning: 'Warning',
  danger: 'Danger',
  caution: 'Caution',
};

/**
 * Modules whose named exports a doc may use in `{…}` expressions, such as
 * <code>{IMAGES.zitiTunnel.tag}</code>. Only plain values are printed.
 */
const EXPRESSION_MODULES: Record<string, Record<string, unknown>> = {
  '@site/src/manifests/images': images,
  '@site/src/manifests': manifests,
  '@site/src/data/decisionTree': decisionTree,
};

type AttributeValue = string | number | boolean | readonly string[];
type Attributes = Readonly<Record<string, AttributeValue>>;
type Renderer = (attributes: Attributes, children: string | undefined, context: ConvertContext) => string;

/**
 * How each component of ours reads as Markdown. A doc that uses a component
 * missing here fails the build with a message pointing at this table.
 */
const RENDERERS: Record<string, Renderer> = {
  GuideLink: (attributes, children, {baseUrl}) => {
    const outcome = OUTCOMES[outcomeAttribute(attributes, 'GuideLink')];
    return `[${children || `the ${outcome.title} guide`}](${guideTwin(outcome.guidePath, baseUrl)})`;
  },
  ChooserLink: (attributes, children, {baseUrl}) => {
    const id = outcomeAttribute(attributes, 'ChooserLink');
    return `[${children || `Generate the ${OUTCOMES[id].title} files with your own values`}](${chooserHref(id, baseUrl)})`;
  },
  StrategyName: (attributes, _children, {baseUrl}) => {
    const outcome = OUTCOMES[outcomeAttribute(attributes, 'StrategyName')];
    return attributes.link === true ? `[${outcome.title}](${guideTwin(outcome.guidePath, baseUrl)})` : outcome.title;
  },
  GuideList: (attributes, _children, {baseUrl}) => {
    const category = attributes.category;
    if (category !== 'egress' && category !== 'ingress') {
      throw new Error(`<GuideList> needs category to be egress or ingress, got ${JSON.stringify(category)}`);
    }
    const items = outcomesByCategory(category).map((id) => {
      const {title, guidePath, reason, needs} = OUTCOMES[id];
      return `- [${title}](${guideTwin(guidePath, baseUrl)}): ${reason} Privileges: ${needs.privileges}. Identity storage: ${needs.storage}.`;
    });
    return `\n${items.join('\n')}\n`;
  },
  StrategyArtifacts: (attributes) => renderArtifacts(attributes),
  FactsChecked: () => longDate(FACTS_CHECKED),
  CheckedAgainst: (attributes) => renderCheckedAgainst(outcomeAttribute(attributes, 'CheckedAgainst')),
  StrategyComparison: (_attributes, _children, {baseUrl}) => {
    const header = ['Strategy', ...COMPARISON_COLUMNS.map((column) => column.label)];
    const rows = comparisonRows().map((row) => [
      `[${row.title}](${guideTwin(row.guidePath, baseUrl)})`,
      ...COMPARISON_COLUMNS.map((column) => String(row[column.key])),
    ]);
    return `\n${markdownTable(header, rows)}\n`;
  },
  StrategyChooser: (_attributes, _children, {baseUrl}) => renderChooser(baseUrl),
  StrategyFlowchart: (_attributes, _children, {baseUrl}) => renderFlowchart(baseUrl),
};

/** The "checked against" box of a guide as a list: the same data the component renders. */
function renderCheckedAgainst(outcome: OutcomeId): string {
  const data = checkedAgainst(outcome);
  const chart = data.chart
    ? `Helm chart \`${data.chart.name}\` ${data.chart.version} (appVersion ${data.chart.appVersion}) from ${data.chart.repositoryUrl}`
    : 'Plain manifests, no Helm chart';
  const kubernetes = data.chart?.kubeVersion
    ? `the chart declares \`kubeVersion: ${data.chart.kubeVersion}\``
    : `objects of ${data.apiVersions.map((version) => `\`${version}\``).join(', ')}`;
  return [
    '',
    `**Checked against** (facts last compared with upstream on ${longDate(data.factsChecked)}):`,
    '',
    `- OpenZiti ${data.openZitiLine}${data.openZitiSupport ? ` (${data.openZitiSupport})` : ''}`,
    `- Installed with: ${chart}`,
    ...data.images.map((image) => `- Image \`${image.reference}\`: ${image.role}`),
    `- Kubernetes: ${kubernetes}`,
    '',
  ].join('\n');
}

/** One JSX element: self-closing, or with children and a closing tag of the same name. */
const ELEMENT_PATTERN = /<([A-Z][A-Za-z0-9]*)\b((?:[^>"{}]|"[^"]*"|\{[^}]*\})*?)(?:\/>|>([\s\S]*?)<\/\1\s*>)/g;

/** Marks a rendered component inside the prose until links and expressions are done. */
const SLOT = (index: number): string => `\u0000${index}\u0000`;

export function mdxToMarkdown(source: string, page: DocPage, context: ConvertContext): string {
  const body = stripFrontMatter(source);
  const converted = splitFences(body)
    .map((segment) => (segment.code ? segment.text : convertProse(segment.text, page, context)))
    .join('');
  const withAdmonitions = convertAdmonitions(converted, page.sourcePath);
  const header = [`# ${page.title}`, '', ...(page.description ? [`> ${page.description}`, ''] : [])];
  header.push(`Web page: [${page.permalink}](${page.permalink})`, '');
  const bodyText = collapseBlankLines(withAdmonitions).trim();
  // A body that starts with its own h1 keeps it; the front matter's title is then not repeated.
  const text = /^# /.test(bodyText) ? bodyText : `${header.join('\n')}\n${bodyText}`;
  return `${text}\n`;
}

function stripFrontMatter(source: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(source);
  return (match ? source.slice(match[0].length) : source).replace(/\r\n/g, '\n');
}

interface Segment {
  readonly text: string;
  readonly code: boolean;
}

/** Splits text into prose and fenced code, so that nothing inside a code block is rewritten. */
function splitFences(text: string): Segment[] {
  const segments: Segment[] = [];
  let current: string[] = [];
  let fence: {char: string; length: number} | null = null;
  const flush = (code: boolean): void => {
    if (current.length > 0) segments.push({text: current.join(''), code});
    current = [];
  };
  for (const line of text.split(/(?<=\n)/)) {
    const marker = /^\s*(`{3,}|~{3,})(.*)$/.exec(line.replace(/\n$/, ''));
    if (!fence && marker?.[1]) {
      flush(false);
      fence = {char: marker[1][0] ?? '`', length: marker[1].length};
      current.push(line);
      continue;
    }
    current.push(line);
    if (fence && marker?.[1] && marker[1][0] === fence.char && marker[1].length >= fence.length && marker[2]?.trim() === '') {
      fence = null;
      flush(true);
    }
  }
  if (fence) throw new Error('Unclosed code fence');
  flush(false);
  return segments;
}

function convertProse(text: string, page: DocPage, context: ConvertContext): string {
  const imported = readImports(text, page);
  const {scope} = imported;
  // A div alone on its lines only lays components out on the page; Markdown has no layout to keep.
  const rest = imported.rest.replace(/^<div className="[A-Za-z0-9_ -]+">\n|^<\/div>\n/gm, '');
  const slots: string[] = [];
  const withSlots = rest.replace(ELEMENT_PATTERN, (whole, name: string, attributes: string, children?: string) => {
    const render = RENDERERS[name];
    if (!render) return whole;
    slots.push(render(parseAttributes(attributes, name, page), children?.trim(), context));
    return SLOT(slots.length - 1);
  });
  assertNoComponentLeft(withSlots, page);
  const evaluated = evaluateExpressions(withSlots, scope, page).replace(/<code>([^<`]*)<\/code>/g, '`$1`');
  assertNoMdxLeft(evaluated, page);
  const linked = rewriteLinks(evaluated, page, context);
  return linked.replace(/\u0000(\d+)\u0000/g, (_slot, index: string) => slots[Number(index)] ?? '');
}

/**
 * Drops the MDX import lines. Components are found by name in RENDERERS; named
 * imports from EXPRESSION_MODULES become the values `{…}` expressions may read.
 */
function readImports(text: string, page: DocPage): {rest: string; scope: Map<string, unknown>} {
  const scope = new Map<string, unknown>();
  const rest = text.replace(
    /^import\s+([\w*{}\s,]+?)\s+from\s+['"]([^'"]+)['"];?[ \t]*(?:\n|$)/gm,
    (_line, clause: string, from: string) => {
      const named = /\{([^}]*)\}/.exec(clause)?.[1];
      if (named === undefined) return '';
      const module = EXPRESSION_MODULES[from];
      if (!module) throw new Error(`${page.sourcePath} imports values from ${from}; add it to EXPRESSION_MODULES in src/plugins/llms/markdown.ts`);
      for (const item of named.split(',').map((part) => part.trim()).filter(Boolean)) {
        const [imported = '', local = imported] = item.split(/\s+as\s+/);
        if (!(imported in module)) throw new Error(`${page.sourcePath} imports ${imported}, which ${from} does not export`);
        scope.set(local, module[imported]);
      }
      return '';
    },
  );
  return {rest, scope};
}

/** `{NAME.field.field}` on an imported value, printed; any other expression is refused. */
function evaluateExpressions(text: string, scope: Map<string, unknown>, page: DocPage): string {
  return maskInlineCode(text, (prose) =>
    prose.replace(/\{([^{}]*)\}/g, (_whole, expression: string) => {
      const path = expression.trim().split('.');
      const [head = '', ...fields] = path;
      if (!/^[A-Za-z_$][\w$]*$/.test(head) || !scope.has(head) || fields.some((field) => !/^[\w$]+$/.test(field))) {
        throw new Error(`${page.sourcePath}: the Markdown converter cannot evaluate {${expression}}`);
      }
      let value: unknown = scope.get(head);
      for (const field of fields) {
        value = typeof value === 'object' && value !== null && Object.hasOwn(value, field) ? (value as Record<string, unknown>)[field] : undefined;
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new Error(`${page.sourcePath}: {${expression}} is not a string or number`);
      }
      return String(value);
    }),
  );
}

/** Applies a rewrite to the prose only, leaving inline code spans (which MDX prints literally) as they are. */
function maskInlineCode(text: string, rewrite: (prose: string) => string): string {
  const spans: string[] = [];
  const masked = text.replace(/(`+)[\s\S]*?\1/g, (span) => {
    spans.push(span);
    return `\u0001${spans.length - 1}\u0001`;
  });
  return rewrite(masked).replace(/\u0001(\d+)\u0001/g, (_mark, index: string) => spans[Number(index)] ?? '');
}

/** Reads the few attribute forms the docs use: `a="text"`, `a={3}` and `a={['x', 'y']}`. */
function parseAttributes(text: string, component: string, page: DocPage): Attributes {
  const attributes: Record<string, AttributeValue> = {};
  const pattern = /([A-Za-z]+)(?:=(?:"([^"]*)"|\{([^}]*)\}))?(?=\s|$)|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    const [, name, quoted, expression, stray] = match;
    if (stray !== undefined || name === undefined) {
      throw new Error(`${page.sourcePath}: <${component}> has an attribute the Markdown converter cannot read: ${stray ?? match[0]}`);
    }
    if (quoted === undefined && expression === undefined) {
      // A bare attribute, as in <StrategyName link />.
      attributes[name] = true;
    } else if (quoted !== undefined) {
      attributes[name] = quoted;
    } else if (expression !== undefined && /^\s*(true|false)\s*$/.test(expression)) {
      attributes[name] = expression.trim() === 'true';
    } else if (expression !== undefined && /^\s*\d+\s*$/.test(expression)) {
      attributes[name] = Number(expression);
    } else if (expression !== undefined && /^\s*\[[\s\S]*\]\s*$/.test(expression)) {
      attributes[name] = [...expression.matchAll(/'([^']*)'|"([^"]*)"/g)].map((item) => item[1] ?? item[2] ?? '');
    } else {
      throw new Error(`${page.sourcePath}: <${component} ${name}={${expression}}> is not a literal the converter can read`);
    }
  }
  return attributes;
}

function outcomeAttribute(attributes: Attributes, component: string): OutcomeId {
  const value = attributes.outcome;
  if (typeof value !== 'string' || !isOutcomeId(value)) {
    throw new Error(`<${component}> needs outcome to be one of ${OUTCOME_IDS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function guideTwin(guidePath: string, baseUrl: string): string {
  return twinPath(`${baseUrl}${guidePath}`, baseUrl);
}

/** The overview (an HTML page: the chooser needs a browser) with the answers that lead to the outcome. */
function chooserHref(outcome: OutcomeId, baseUrl: string): string {
  return `${baseUrl}${encodeState({answers: pathTo(outcome), inputs: {}})}`;
}

/** The same artifacts, in the same order, as `<StrategyArtifacts>` renders on the web page. */
export function selectArtifacts(strategy: OutcomeId, only: readonly string[] | undefined): readonly Artifact[] {
  return defaultArtifacts(strategy, only).shown;
}

/** Props that change what the page prints; anything else (such as which buttons show) has no Markdown form. */
const ARTIFACT_PROPS = new Set(['strategy', 'only', 'headingLevel', 'outcomeActions', 'valuesForm']);

function renderArtifacts(attributes: Attributes): string {
  const unknown = Object.keys(attributes).filter((name) => !ARTIFACT_PROPS.has(name));
  if (unknown.length > 0) throw new Error(`<StrategyArtifacts> has props the Markdown converter does not know: ${unknown.join(', ')}`);
  const {strategy, only, headingLevel = 4} = attributes;
  if (typeof strategy !== 'string' || !isOutcomeId(strategy)) {
    throw new Error(`<StrategyArtifacts> needs strategy to be one of ${OUTCOME_IDS.join(', ')}, got ${JSON.stringify(strategy)}`);
  }
  if (only !== undefined && !Array.isArray(only)) throw new Error('<StrategyArtifacts only> must be a list of artifact ids');
  if (typeof headingLevel !== 'number' || ![3, 4, 5].includes(headingLevel)) {
    throw new Error(`<StrategyArtifacts headingLevel> must be 3, 4 or 5, got ${JSON.stringify(headingLevel)}`);
  }
  const blocks = selectArtifacts(strategy, only as readonly string[] | undefined).map((artifact) =>
    [
      `${'#'.repeat(headingLevel)} ${artifact.title}`,
      ...(artifact.note ? ['', artifact.note] : []),
      '',
      codeFence(artifact.text, `${artifact.language} title="${artifact.fileName}"`),
    ].join('\n'),
  );
  return `\n${blocks.join('\n\n')}\n`;
}

/** A fence longer than any backtick run in the text, so the text cannot close it early. */
export function codeFence(text: string, info: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function renderChooser(baseUrl: string): string {
  const lines = [
    '## Find your strategy',
    '',
    'On the web page this is an interactive chooser. Its questions, and where each answer leads:',
    '',
    ...questionLines(ROOT, 0, baseUrl),
  ];
  return `\n${lines.join('\n')}\n`;
}

function questionLines(id: NodeId, depth: number, baseUrl: string): string[] {
  const indent = '  '.repeat(depth);
  if (isOutcomeId(id)) {
    const outcome = OUTCOMES[id];
    const needs = escapeAngles(`privileges: ${outcome.needs.privileges}; DNS: ${outcome.needs.dns}; storage: ${outcome.needs.storage}`);
    return [
      `${indent}- Strategy: [${outcome.title}](${guideTwin(outcome.guidePath, baseUrl)}). ${outcome.reason} Needs: ${needs}. ` +
        `([Open it in the chooser](${chooserHref(id, baseUrl)}).)`,
    ];
  }
  const question: Question = QUESTIONS[id];
  const lines = [`${indent}- **${question.text}** ${question.hint}`];
  for (const answer of question.answers) {
    lines.push(`${indent}  - ${answer.label}:`);
    lines.push(...questionLines(answer.next, depth + 2, baseUrl));
  }
  return lines;
}

/** A GFM table; cells are plain text or inline Markdown, kept on one line with their pipes escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string): string => escapeAngles(text.replace(/\s*\n\s*/g, ' ')).replace(/\|/g, '\\|');
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  for (const row of rows) {
    if (row.length !== header.length) throw new Error(`Table row has ${row.length} cells for ${header.length} columns`);
  }
  return [line(header), `|${header.map(() => ' --- |').join('')}`, ...rows.map(line)].join('\n');
}

/** The tree's texts are plain; `127.0.0.1:<port>` must not read as an HTML tag to a Markdown renderer. */
function escapeAngles(text: string): string {
  return text.replace(/</g, '\\<');
}

function renderFlowchart(baseUrl: string): string {
  const lines = [
    '**Decision flowchart.** Each strategy node links to its guide. The same flowchart as Mermaid source:',
    '',
    codeFence(flowchartSource({baseUrl}), 'mermaid'),
    '',
    'Strategy guides:',
    '',
  ];
  for (const category of ['egress', 'ingress'] as const) {
    lines.push(`- ${CATEGORY_LABEL[category]}`);
    for (const id of outcomesByCategory(category)) {
      lines.push(`  - [${OUTCOMES[id].title}](${guideTwin(OUTCOMES[id].guidePath, baseUrl)})`);
    }
  }
  return `\n${lines.join('\n')}\n`;
}

/** Inline code may legitimately hold `<Placeholder>` text; a capitalised tag anywhere else is a component we missed. */
function assertNoComponentLeft(text: string, page: DocPage): void {
  const leftover = /<\/?([A-Z][A-Za-z0-9.]*)[\s/>]/.exec(withoutInlineCode(text));
  if (leftover) {
    throw new Error(
      `${page.sourcePath} uses <${leftover[1]}>, which has no Markdown rendering; add one to RENDERERS in src/plugins/llms/markdown.ts`,
    );
  }
}

function assertNoMdxLeft(text: string, page: DocPage): void {
  const prose = withoutInlineCode(text);
  if (/[{}]/.test(prose)) throw new Error(`${page.sourcePath} has a {…} expression the Markdown converter does not handle`);
  const esm = /^(import|export)\s/m.exec(prose);
  if (esm) throw new Error(`${page.sourcePath} has an MDX ${esm[1]} statement the Markdown converter does not handle`);
}

function withoutInlineCode(text: string): string {
  return text.replace(/(`+)[\s\S]*?\1/g, '');
}

/** Links to other docs become links to their twins; links to files of the site get the baseUrl. */
function rewriteLinks(text: string, page: DocPage, context: ConvertContext): string {
  return text.replace(/(\]\()([^)\s]+)(\))/g, (whole, open: string, target: string, close: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return whole;
    const hashAt = target.indexOf('#');
    const path = hashAt === -1 ? target : target.slice(0, hashAt);
    const hash = hashAt === -1 ? '' : target.slice(hashAt);
    if (path.startsWith(context.baseUrl)) return whole;
    if (/\.mdx?$/.test(path)) {
      const resolved = posix.normalize(posix.join(posix.dirname(page.sourcePath), path));
      const linked = context.pages.find((candidate) => candidate.sourcePath === resolved);
      if (!linked) throw new Error(`${page.sourcePath} links to ${target}, which is not a doc`);
      return `${open}${twinPath(linked.permalink, context.baseUrl)}${hash}${close}`;
    }
    if (path.startsWith('/')) {
      const permalink = `${context.baseUrl}${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
      const linked = context.pages.find((candidate) => candidate.permalink.replace(/\/+$/, '') === permalink);
      return `${open}${linked ? twinPath(linked.permalink, context.baseUrl) : `${context.baseUrl}${path.slice(1)}`}${hash}${close}`;
    }
    throw new Error(`${page.sourcePath} links to ${target}; the Markdown twin cannot resolve a relative link that is not a doc`);
  });
}

interface AdmonitionFrame {
  readonly colons: number;
  readonly kind: string;
  readonly title: string;
  readonly lines: string[];
}

/** `:::note[Title]` blocks become block quotes that name their kind, so they read the same anywhere. */
function convertAdmonitions(text: string, sourcePath: string): string {
  const root: string[] = [];
  const stack: AdmonitionFrame[] = [];
  let fence: string | null = null;
  const target = (): string[] => stack.at(-1)?.lines ?? root;
  for (const line of text.split('\n')) {
    const fenceMarker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      target().push(line);
      if (fenceMarker && fenceMarker.startsWith(fence) && line.trim() === fenceMarker) fence = null;
      continue;
    }
    if (fenceMarker) {
      fence = fenceMarker;
      target().push(line);
      continue;
    }
    const open = /^(:{3,})([a-z]+)(?:\[(.*)\]|[ \t]+(.*))?\s*$/.exec(line);
    if (open?.[1] && open[2]) {
      const label = ADMONITION_LABEL[open[2]];
      if (!label) throw new Error(`${sourcePath}: unknown admonition type :::${open[2]}`);
      stack.push({colons: open[1].length, kind: label, title: (open[3] ?? open[4] ?? '').trim(), lines: []});
      continue;
    }
    const close = /^(:{3,})\s*$/.exec(line);
    const frame = stack.at(-1);
    if (close?.[1] && frame && close[1].length === frame.colons) {
      stack.pop();
      target().push('', ...quote(frame), '');
      continue;
    }
    target().push(line);
  }
  if (stack.length > 0) throw new Error(`${sourcePath}: admonition :::${stack.at(-1)?.kind ?? ''} is never closed`);
  return root.join('\n');
}

function quote(frame: AdmonitionFrame): string[] {
  const body = collapseBlankLines(frame.lines.join('\n')).trim().split('\n');
  const heading = frame.title ? `**${frame.kind}: ${frame.title}**` : `**${frame.kind}**`;
  return [heading, '', ...body].map((line) => (line === '' ? '>' : `> ${line}`));
}

function collapseBlankLines(text: string): string {
  // Only outside code: a blank run inside a fence is content.
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const marker = /^\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      if (marker?.[1]?.startsWith(fence) && marker[2]?.trim() === '') fence = null;
    } else if (marker?.[1]) {
      fence = marker[1];
    } else if (line.trim() === '' && (out.at(-1) ?? '').trim() === '') {
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
