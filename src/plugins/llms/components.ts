/**
 * What each of our MDX components reads as in a Markdown twin: the same data
 * and builders the page renders, written as Markdown. Inline components give
 * phrasing (a link, a name, a date); block components give Markdown text,
 * which the converter parses into the tree in the component's place.
 */
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
import {defaultArtifacts, defaultRaw, type Artifact} from '../../manifests';
import {flowchartSource} from '../../utils/flowchart';
import {longDate} from '../../utils/longDate';
import {checkedAgainst, FACTS_CHECKED} from '../../data/checkedAgainst';
import {COMPARISON_COLUMNS, comparisonRows} from '../../data/comparison';
import {encodeState} from '../../utils/chooserState';
import {choiceSentence, isChoiceField, isProsePart, prosePieces, CHOICE_SENTENCES} from '../../utils/proseValues';
import {twinPath} from './twin';
import {artifactFence, codeFence} from '../../utils/pageMarkdown';

export {codeFence};

/** A JSX attribute after reading: a literal, or a list of string literals. */
export type AttributeValue = string | number | boolean | readonly string[];
export type Attributes = Readonly<Record<string, AttributeValue>>;

/**
 * Phrasing the converter builds nodes from: plain text, a link whose label is
 * the element's children when it has some, a value as code, or a sentence
 * (`prose`) the element's children must say word for word.
 */
export type Inline =
  | {readonly text: string}
  | {readonly link: string; readonly label: string}
  | {readonly code: string}
  | {readonly prose: string};

export interface InlineComponent {
  readonly kind: 'inline';
  /** An element with children (`<GuideLink …>text</GuideLink>`) keeps them as the link's label instead of `label`. */
  readonly render: (attributes: Attributes, baseUrl: string) => Inline;
}

export interface BlockComponent {
  readonly kind: 'block';
  /** Markdown for one or more blocks. */
  readonly render: (attributes: Attributes, baseUrl: string) => string;
}

export type ComponentRendering = InlineComponent | BlockComponent;

const CATEGORY_LABEL: Record<Category, string> = {
  egress: 'Workload egress',
  ingress: 'Cluster ingress',
};

/**
 * How each component of ours reads as Markdown. A doc that uses a component
 * missing here fails the build with its file and line.
 */
export const COMPONENTS: Readonly<Record<string, ComponentRendering>> = {
  GuideLink: inline((attributes, baseUrl) => {
    const outcome = OUTCOMES[outcomeAttribute(attributes, 'GuideLink')];
    return {link: guideTwin(outcome.guidePath, baseUrl), label: `the ${outcome.title} guide`};
  }),
  ChooserLink: inline((attributes, baseUrl) => {
    const id = outcomeAttribute(attributes, 'ChooserLink');
    return {link: chooserHref(id, baseUrl), label: `Generate the ${OUTCOMES[id].title} files with your own values`};
  }),
  StrategyName: inline((attributes, baseUrl) => {
    const outcome = OUTCOMES[outcomeAttribute(attributes, 'StrategyName')];
    return attributes.link === true ? {link: guideTwin(outcome.guidePath, baseUrl), label: outcome.title} : {text: outcome.title};
  }),
  FactsChecked: inline(() => ({text: longDate(FACTS_CHECKED)})),
  // The twin is built with the defaults, as the page is; the element's children must name the same value.
  ReaderValue: inline((attributes) => ({code: readerValueDefault(attributes)})),
  ReaderChoice: inline((attributes) => ({prose: readerChoiceDefault(attributes)})),
  GuideList: block((attributes, baseUrl) => {
    const category = attributes.category;
    if (category !== 'egress' && category !== 'ingress') {
      throw new Error(`<GuideList> needs category to be egress or ingress, got ${JSON.stringify(category)}`);
    }
    return outcomesByCategory(category)
      .map((id) => {
        const {title, guidePath, reason, needs} = OUTCOMES[id];
        return `- [${title}](${guideTwin(guidePath, baseUrl)}): ${reason} Privileges: ${needs.privileges}. Identity storage: ${needs.storage}.`;
      })
      .join('\n');
  }),
  StrategyArtifacts: block((attributes) => renderArtifacts(attributes)),
  CheckedAgainst: block((attributes) => renderCheckedAgainst(outcomeAttribute(attributes, 'CheckedAgainst'))),
  StrategyComparison: block((_attributes, baseUrl) => {
    const header = ['Strategy', ...COMPARISON_COLUMNS.map((column) => column.label)];
    const rows = comparisonRows().map((row) => [
      `[${row.title}](${guideTwin(row.guidePath, baseUrl)})`,
      ...COMPARISON_COLUMNS.map((column) => String(row[column.key])),
    ]);
    return markdownTable(header, rows);
  }),
  StrategyChooser: block((_attributes, baseUrl) => renderChooser(baseUrl)),
  StrategyFlowchart: block((_attributes, baseUrl) => renderFlowchart(baseUrl)),
};

function inline(render: InlineComponent['render']): InlineComponent {
  return {kind: 'inline', render};
}

function block(render: BlockComponent['render']): BlockComponent {
  return {kind: 'block', render};
}

function outcomeAttribute(attributes: Attributes, component: string): OutcomeId {
  const value = attributes.outcome;
  if (typeof value !== 'string' || !isOutcomeId(value)) {
    throw new Error(`<${component}> needs outcome to be one of ${OUTCOME_IDS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The value a `<ReaderValue>` shows before the reader sets one: what the builder's default reads as in prose. */
function readerValueDefault(attributes: Attributes): string {
  const unknown = Object.keys(attributes).filter((name) => !['strategy', 'field', 'part'].includes(name));
  if (unknown.length > 0) throw new Error(`<ReaderValue> has props the Markdown converter does not know: ${unknown.join(', ')}`);
  const {strategy, field, part = 'value'} = attributes;
  if (typeof strategy !== 'string' || !isOutcomeId(strategy)) {
    throw new Error(`<ReaderValue> needs strategy to be one of ${OUTCOME_IDS.join(', ')}, got ${JSON.stringify(strategy)}`);
  }
  if (!isProsePart(part)) throw new Error(`<ReaderValue part> must be value or names, got ${JSON.stringify(part)}`);
  const defaults = defaultRaw(strategy);
  if (typeof field !== 'string' || !Object.hasOwn(defaults, field)) {
    throw new Error(`<ReaderValue> needs field to be one of ${Object.keys(defaults).join(', ')}, got ${JSON.stringify(field)}`);
  }
  const pieces = prosePieces(part, defaults[field] ?? '');
  if (pieces.length !== 1) throw new Error(`<ReaderValue> names ${pieces.length} values by default; a sentence names one`);
  return pieces[0] ?? '';
}

/** The sentence a `<ReaderChoice>` says before the reader picks another option: the one for the builder's default. */
function readerChoiceDefault(attributes: Attributes): string {
  const unknown = Object.keys(attributes).filter((name) => !['strategy', 'field'].includes(name));
  if (unknown.length > 0) throw new Error(`<ReaderChoice> has props the Markdown converter does not know: ${unknown.join(', ')}`);
  const {strategy, field} = attributes;
  if (typeof strategy !== 'string' || !isOutcomeId(strategy)) {
    throw new Error(`<ReaderChoice> needs strategy to be one of ${OUTCOME_IDS.join(', ')}, got ${JSON.stringify(strategy)}`);
  }
  if (!isChoiceField(field)) {
    throw new Error(`<ReaderChoice> needs field to be one of ${Object.keys(CHOICE_SENTENCES).join(', ')}, got ${JSON.stringify(field)}`);
  }
  const defaults = defaultRaw(strategy);
  if (!Object.hasOwn(defaults, field)) throw new Error(`<ReaderChoice>: ${strategy} has no field ${field}`);
  const sentence = choiceSentence(field, defaults[field] ?? '');
  if (sentence === undefined) throw new Error(`<ReaderChoice> has no sentence for ${field} ${JSON.stringify(defaults[field])}`);
  return sentence;
}

function guideTwin(guidePath: string, baseUrl: string): string {
  return twinPath(`${baseUrl}${guidePath}`, baseUrl);
}

/** The overview (an HTML page: the chooser needs a browser) with the answers that lead to the outcome. */
function chooserHref(outcome: OutcomeId, baseUrl: string): string {
  return `${baseUrl}${encodeState({answers: pathTo(outcome), inputs: {}})}`;
}

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
    `**Checked against** (facts last compared with upstream on ${longDate(data.factsChecked)}):`,
    '',
    `- OpenZiti ${data.openZitiLine}${data.openZitiSupport ? ` (${data.openZitiSupport})` : ''}`,
    `- Installed with: ${chart}`,
    ...data.images.map((image) => `- Image \`${image.reference}\`: ${image.role}`),
    `- Kubernetes: ${kubernetes}${data.kubernetesNeeds.map((need) => `; these files need Kubernetes ${need.minimum} or later: ${need.because}`).join('')}`,
    '- Checked by reading the upstream charts, image sources and OpenZiti source code at the pinned versions; the files were not run on a cluster for this check',
  ].join('\n');
}

/** Props that change what the page prints; anything else (such as which buttons show) has no Markdown form. */
const ARTIFACT_PROPS = new Set(['strategy', 'only', 'headingLevel', 'outcomeActions', 'valuesForm']);

/** The same artifacts, in the same order, as `<StrategyArtifacts>` renders on the web page. */
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
  const artifacts: readonly Artifact[] = defaultArtifacts(strategy, only as readonly string[] | undefined).shown;
  return artifacts
    .map((artifact) =>
      [
        `${'#'.repeat(headingLevel)} ${artifact.title}`,
        ...(artifact.note ? ['', artifact.note] : []),
        '',
        artifactFence(artifact),
      ].join('\n'),
    )
    .join('\n\n');
}

function renderChooser(baseUrl: string): string {
  return [
    '## Find your strategy',
    '',
    'On the web page this is an interactive chooser. Its questions, and where each answer leads:',
    '',
    ...questionLines(ROOT, 0, baseUrl),
  ].join('\n');
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
  return lines.join('\n');
}
