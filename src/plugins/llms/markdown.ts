/**
 * Turns a doc's MDX source into plain Markdown for readers who paste pages into
 * an AI assistant. The MDX toolchain Docusaurus compiles the page with parses
 * it into a syntax tree; on that tree our components become what they render
 * (components.ts), admonitions become block quotes, expressions print the value
 * they read and links point at other Markdown twins; then the tree is written
 * out as Markdown. A node this module does not know fails the build with its
 * file and line instead of vanishing from the text.
 */
import {posix} from 'node:path';
import {unified} from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkStringify, {type Options as StringifyOptions} from 'remark-stringify';
import {defaultHandlers} from 'mdast-util-to-markdown';
import type {Blockquote, Link, Nodes, Parents, PhrasingContent, Root, RootContent, Text} from 'mdast';
import type {Expression, Program} from 'estree';
import * as decisionTree from '../../data/decisionTree';
import * as manifests from '../../manifests';
import * as images from '../../manifests/images';
import {COMPONENTS, type AttributeValue, type Attributes} from './components';
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

declare module 'mdast' {
  interface TextData {
    /** The text as its Markdown source wrote it (escapes and character references included). */
    written?: string;
  }
  interface LinkData {
    /** A bare URL that GFM reads as a link (`https://…` in running text). */
    literal?: boolean;
  }
}

const ADMONITION_LABEL: Readonly<Record<string, string>> = {
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
const EXPRESSION_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  '@site/src/manifests/images': images,
  '@site/src/manifests': manifests,
  '@site/src/data/decisionTree': decisionTree,
};

/** HTML elements that only lay components out on the page; Markdown has no layout to keep. (`<code>` is read apart.) */
const LAYOUT_ELEMENTS = new Set(['div']);

/** MDX as Docusaurus reads it (mdx-loader's parser: MDX, front matter, directives for admonitions, GFM). */
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).use(remarkDirective).use(remarkGfm).freeze();

/** Our components' own Markdown is plain CommonMark and GFM: `<` and `{` in it are text. */
const markdownParser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Text we print as written (see writtenText); the rest keeps the stringifier's defaults, chosen to match the docs. */
const writer = unified()
  // Every cell counts as three wide: rows are not padded to line up (each stays as written) and the delimiter row reads `---`.
  .use(remarkGfm, {stringLength: () => 3})
  .use(remarkStringify, {
    bullet: '-',
    listItemIndent: 'one',
    fence: '`',
    rule: '-',
    handlers: {text: writtenText, link: plainLink},
  } satisfies StringifyOptions)
  .freeze();

export function mdxToMarkdown(source: string, page: DocPage, context: ConvertContext): string {
  // Text is printed as written; a file saved with CRLF must not put CR into the twin.
  const tree = parseMdx(source.replace(/\r\n?/g, '\n'), page.sourcePath);
  const convert = new Converter(page, context);
  const body = convert.children(tree);
  const startsWithTitle = body[0]?.type === 'heading' && body[0].depth === 1;
  const root: Root = {type: 'root', children: startsWithTitle ? body : [...header(page), ...body]};
  return writer.stringify(root);
}

function parseMdx(source: string, sourcePath: string): Root {
  let tree: Root;
  try {
    tree = mdxParser.parse(source);
  } catch (error) {
    const place = (error as {line?: number; column?: number}).line;
    const reason = (error as {reason?: string}).reason ?? String(error);
    throw new Error(`${sourcePath}${place ? `:${place}:${(error as {column?: number}).column ?? 1}` : ''}: ${reason}`, {cause: error});
  }
  recordWritten(tree, source);
  return tree;
}

function parseMarkdown(markdown: string): RootContent[] {
  const tree = markdownParser.parse(markdown);
  recordWritten(tree, markdown);
  return tree.children;
}

/**
 * Keeps each text node's source form: printed as written, the prose stays byte
 * for byte what the doc says, where the stringifier would add escapes it does not
 * need (`2023\.` at the start of a wrapped line, `\*`, `\[`). Continuation lines
 * lose the indentation and `>` of their containers, which the writer adds back.
 */
function recordWritten(tree: Nodes, source: string): void {
  if (tree.type === 'link' && tree.position?.start.offset !== undefined && !/^[[<]/.test(source.charAt(tree.position.start.offset))) {
    tree.data = {...tree.data, literal: true};
  }
  if (tree.type === 'text') {
    const start = tree.position?.start.offset;
    const end = tree.position?.end.offset;
    if (start !== undefined && end !== undefined) {
      tree.data = {...tree.data, written: source.slice(start, end).replace(/\n[ \t>]*/g, '\n')};
    }
    return;
  }
  if ('children' in tree) for (const child of tree.children) recordWritten(child, source);
}

type TextHandler = NonNullable<NonNullable<StringifyOptions['handlers']>['text']>;

function writtenText(...args: Parameters<TextHandler>): string {
  return (args[0] as Text).data?.written ?? defaultHandlers.text(...args);
}

type LinkHandler = NonNullable<NonNullable<StringifyOptions['handlers']>['link']>;

/**
 * A bare URL stays bare, and a destination CommonMark reads as it is stays unescaped: the
 * stringifier's default writes `<https://…>` and escapes every `&` in `?a=1&b=2`, which read the same.
 */
function plainLink(...args: Parameters<LinkHandler>): string {
  const [node, , state, info] = args;
  const link = node as Link;
  if (link.data?.literal) return state.containerPhrasing(link, info);
  // No space, control character, parenthesis, angle bracket, backslash or character reference.
  if (link.title || !/^[^\s\x00-\x1f()<>\\]*$/.test(link.url) || /&(#\w+|[A-Za-z][A-Za-z0-9]*);/.test(link.url)) {
    return defaultHandlers.link(...args);
  }
  const tracker = state.createTracker(info);
  const exit = state.enter('link');
  const exitLabel = state.enter('label');
  let value = tracker.move('[');
  value += tracker.move(state.containerPhrasing(link, {before: value, after: '](', ...tracker.current()}));
  exitLabel();
  value += tracker.move(`](${link.url})`);
  exit();
  return value;
}

/** The front matter's title and description, and a link back to the web page. */
function header(page: DocPage): RootContent[] {
  return [
    {type: 'heading', depth: 1, children: [text(page.title)]},
    ...(page.description ? [{type: 'blockquote', children: [{type: 'paragraph', children: [text(page.description)]}]} satisfies Blockquote] : []),
    {
      type: 'paragraph',
      children: [text('Web page: '), {type: 'link', url: page.permalink, children: [text(page.permalink)]}],
    },
  ];
}

function text(value: string): Text {
  return {type: 'text', value};
}

type Element = Extract<Nodes, {type: 'mdxJsxFlowElement' | 'mdxJsxTextElement'}>;

class Converter {
  /** Named imports from EXPRESSION_MODULES, by local name. */
  private readonly scope = new Map<string, unknown>();

  constructor(
    private readonly page: DocPage,
    private readonly context: ConvertContext,
  ) {}

  /** A parent's children, converted; a node may become none, one or several. */
  children(parent: Parents): RootContent[] {
    return parent.children.flatMap((child) => this.node(child));
  }

  private phrasing(parent: Parents): PhrasingContent[] {
    return this.children(parent) as PhrasingContent[];
  }

  private node(node: RootContent): RootContent[] {
    switch (node.type) {
      case 'yaml':
        return [];
      case 'mdxjsEsm':
        this.readImports(node.data?.estree, node);
        return [];
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const value = this.evaluate(node.data?.estree, node);
        if (value === undefined) return [];
        const printed = text(value);
        return node.type === 'mdxFlowExpression' ? [{type: 'paragraph', children: [printed]}] : [printed];
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        return this.element(node);
      case 'containerDirective':
        return [this.admonition(node)];
      case 'leafDirective':
        throw this.error(node, `::${node.name} is a directive the Markdown converter does not know`);
      case 'textDirective':
        // Docusaurus prints a bare `:name` (as in `image:tag`) as text and refuses the rest.
        if (node.children.length > 0 || Object.keys(node.attributes ?? {}).length > 0) {
          throw this.error(node, `:${node.name} is a directive the Markdown converter does not know`);
        }
        return [{type: 'text', value: `:${node.name}`, data: {written: `:${node.name}`}}];
      case 'paragraph':
        return [this.paragraph(node)];
      case 'link':
      case 'image':
      case 'definition':
        return [{...node, url: this.rewriteLink(node.url, node), ...('children' in node ? {children: this.phrasing(node)} : {})} as RootContent];
      default:
        return 'children' in node ? [{...node, children: this.children(node)} as RootContent] : [node];
    }
  }

  /** Docusaurus only reads `:::kind[Title]` as an admonition; any other `:::` line would be printed as text by mistake. */
  private paragraph(node: Extract<RootContent, {type: 'paragraph'}>): RootContent {
    const first = node.children[0];
    if (first?.type === 'text' && /^:{3,}/.test(first.value)) {
      throw this.error(node, `"${first.value.split('\n')[0]}" is not an admonition; write :::kind[Title]`);
    }
    return {...node, children: this.phrasing(node)};
  }

  /** `:::note[Title]` becomes a block quote that names its kind and title, so it reads the same anywhere. */
  private admonition(node: Extract<RootContent, {type: 'containerDirective'}>): Blockquote {
    const label = ADMONITION_LABEL[node.name];
    if (!label) throw this.error(node, `unknown admonition type :::${node.name}`);
    if (Object.keys(node.attributes ?? {}).length > 0) throw this.error(node, `:::${node.name} has attributes the Markdown converter does not know`);
    const [first, ...rest] = node.children;
    const title = first?.type === 'paragraph' && first.data?.directiveLabel ? this.phrasing(first) : undefined;
    const heading: PhrasingContent[] = title ? [text(`${label}: `), ...title] : [text(label)];
    const body = this.children({...node, children: title ? rest : node.children});
    return {type: 'blockquote', children: [{type: 'paragraph', children: [{type: 'strong', children: heading}]}, ...body] as Blockquote['children']};
  }

  private element(node: Element): RootContent[] {
    const name = node.name;
    if (name === null) throw this.error(node, 'a fragment (<>…</>) has no Markdown rendering');
    if (LAYOUT_ELEMENTS.has(name)) return this.children(node);
    if (name === 'code') return [{type: 'inlineCode', value: this.codeText(node)}];
    const component = COMPONENTS[name];
    if (!component) {
      throw this.error(node, `<${name}> has no Markdown rendering; add one to COMPONENTS in src/plugins/llms/components.ts`);
    }
    const attributes = this.attributes(node);
    const baseUrl = this.context.baseUrl;
    if (component.kind === 'block') {
      if (node.type === 'mdxJsxTextElement') throw this.error(node, `<${name}> renders blocks; put it on a line of its own`);
      if (node.children.length > 0) throw this.error(node, `<${name}> takes no children`);
      return parseMarkdown(this.rendering(node, () => component.render(attributes, baseUrl)));
    }
    const rendered = this.rendering(node, () => component.render(attributes, baseUrl));
    let phrasing: PhrasingContent;
    if ('code' in rendered) {
      // The element's children are the default the page is built with: they must be what the builders give.
      const written = this.codeText(node);
      if (written !== rendered.code) {
        throw this.error(node, `<${name}> says ${JSON.stringify(written)}, but the files on the page use ${JSON.stringify(rendered.code)}`);
      }
      return [{type: 'inlineCode', value: rendered.code}];
    }
    if ('prose' in rendered) {
      // As for a value: the element's children are the sentence the page is built with, and must be the builders' default's.
      const written = this.codeText(node);
      if (written !== rendered.prose) {
        throw this.error(node, `<${name}> says ${JSON.stringify(written)}, but the files on the page go with ${JSON.stringify(rendered.prose)}`);
      }
      phrasing = text(rendered.prose);
    } else if ('link' in rendered) {
      const label = node.children.length > 0 ? this.phrasing(node) : [text(rendered.label)];
      phrasing = {type: 'link', url: rendered.link, children: label};
    } else {
      if (node.children.length > 0) throw this.error(node, `<${name}> takes no children`);
      phrasing = text(rendered.text);
    }
    return node.type === 'mdxJsxFlowElement' ? [{type: 'paragraph', children: [phrasing]}] : [phrasing];
  }

  /** Errors from a component's own checks (a wrong outcome, an unknown artifact) get the element's place. */
  private rendering<T>(node: Nodes, render: () => T): T {
    try {
      return render();
    } catch (error) {
      throw this.error(node, error instanceof Error ? error.message : String(error));
    }
  }

  /** `<code>{IMAGES.zitiTunnel.tag}</code>`: MDX prints the value as code. */
  private codeText(node: Element): string {
    return this.phrasing(node)
      .map((child) => {
        if (child.type !== 'text') throw this.error(node, `<code> may hold only text and expressions, not ${child.type}`);
        return child.value;
      })
      .join('');
  }

  /** Reads the attribute forms the docs use: `a="text"`, bare `a`, and `{…}` holding a number, a boolean or a list of strings. */
  private attributes(node: Element): Attributes {
    const attributes: Record<string, AttributeValue> = {};
    for (const attribute of node.attributes) {
      if (attribute.type === 'mdxJsxExpressionAttribute') {
        throw this.error(node, `<${node.name}> has an attribute the Markdown converter cannot read: {${attribute.value}}`);
      }
      const {name, value} = attribute;
      if (value === null || value === undefined) {
        attributes[name] = true;
      } else if (typeof value === 'string') {
        attributes[name] = value;
      } else {
        const literal = readLiteral(expressionOf(value.data?.estree));
        if (literal === undefined) throw this.error(node, `<${node.name} ${name}={${value.value}}> is not a literal the converter can read`);
        attributes[name] = literal;
      }
    }
    return attributes;
  }

  /** Named imports from EXPRESSION_MODULES become the values `{…}` may read; default imports are components, used by name. */
  private readImports(program: Program | null | undefined, node: Nodes): void {
    for (const statement of program?.body ?? []) {
      if (statement.type !== 'ImportDeclaration') {
        throw this.error(node, `the Markdown converter does not handle an MDX ${statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' || statement.type === 'ExportAllDeclaration' ? 'export' : 'statement'}`);
      }
      const from = String(statement.source.value);
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ImportSpecifier') continue;
        const module = EXPRESSION_MODULES[from];
        if (!module) throw this.error(node, `imports values from ${from}; add it to EXPRESSION_MODULES in src/plugins/llms/markdown.ts`);
        const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
        if (!(imported in module)) throw this.error(node, `imports ${imported}, which ${from} does not export`);
        this.scope.set(specifier.local.name, module[imported]);
      }
    }
  }

  /** `{NAME.field.field}` on an imported value, printed; a comment alone prints nothing; any other expression is refused. */
  private evaluate(program: Program | null | undefined, node: Extract<Nodes, {type: 'mdxFlowExpression' | 'mdxTextExpression'}>): string | undefined {
    if (program && program.body.length === 0) return undefined;
    const path: string[] = [];
    let expression = expressionOf(program);
    while (expression?.type === 'MemberExpression' && !expression.computed && expression.property.type === 'Identifier') {
      path.unshift(expression.property.name);
      expression = expression.object.type === 'Super' ? undefined : expression.object;
    }
    if (expression?.type !== 'Identifier' || !this.scope.has(expression.name)) {
      throw this.error(node, `the Markdown converter cannot evaluate {${node.value}}`);
    }
    let value: unknown = this.scope.get(expression.name);
    for (const field of path) {
      value = typeof value === 'object' && value !== null && Object.hasOwn(value, field) ? (value as Record<string, unknown>)[field] : undefined;
    }
    if (typeof value !== 'string' && typeof value !== 'number') throw this.error(node, `{${node.value}} is not a string or number`);
    return String(value);
  }

  /** Links to other docs become links to their twins; links to files of the site get the baseUrl. */
  private rewriteLink(target: string, node: Nodes): string {
    const {baseUrl, pages} = this.context;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return target;
    const hashAt = target.indexOf('#');
    const path = hashAt === -1 ? target : target.slice(0, hashAt);
    const hash = hashAt === -1 ? '' : target.slice(hashAt);
    if (path.startsWith(baseUrl)) return target;
    if (/\.mdx?$/.test(path)) {
      const resolved = posix.normalize(posix.join(posix.dirname(this.page.sourcePath), path));
      const linked = pages.find((candidate) => candidate.sourcePath === resolved);
      if (!linked) throw this.error(node, `links to ${target}, which is not a doc`);
      return `${twinPath(linked.permalink, baseUrl)}${hash}`;
    }
    if (path.startsWith('/')) {
      const permalink = `${baseUrl}${path.replace(/^\/+/, '')}`.replace(/\/+$/, '');
      const linked = pages.find((candidate) => candidate.permalink.replace(/\/+$/, '') === permalink);
      return `${linked ? twinPath(linked.permalink, baseUrl) : `${baseUrl}${path.slice(1)}`}${hash}`;
    }
    throw this.error(node, `links to ${target}; the Markdown twin cannot resolve a relative link that is not a doc`);
  }

  private error(node: Nodes, message: string): Error {
    const start = node.position?.start;
    return new Error(`${this.page.sourcePath}${start ? `:${start.line}:${start.column}` : ''}: ${message}`);
  }
}

function expressionOf(program: Program | null | undefined): Expression | undefined {
  const statement = program?.body.length === 1 ? program.body[0] : undefined;
  return statement?.type === 'ExpressionStatement' ? statement.expression : undefined;
}

/** A number, boolean or string literal, or a list of string literals. */
function readLiteral(expression: Expression | undefined): AttributeValue | undefined {
  if (expression?.type === 'Literal' && ['string', 'number', 'boolean'].includes(typeof expression.value)) {
    return expression.value as string | number | boolean;
  }
  if (expression?.type === 'ArrayExpression') {
    const items = expression.elements.map((item) => (item?.type === 'Literal' && typeof item.value === 'string' ? item.value : undefined));
    return items.every((item): item is string => item !== undefined) ? items : undefined;
  }
  return undefined;
}
