/**
 * After the build, writes a Markdown twin of every doc (see twin.ts for where),
 * plus llms.txt (an index of the twins) and llms-full.txt (all of them in one
 * file), all plain static files below the baseUrl.
 *
 * Maintained plugins were checked first: docusaurus-plugin-llms reads the MDX
 * source and can remove imports and HTML, but cannot render a component, so
 * every manifest the guides show through <StrategyArtifacts> would be a raw tag
 * or gone; @signalwire/docusaurus-plugin-llms-txt converts the built HTML, where
 * the overview's flowchart container is still empty (Mermaid draws it in the
 * browser) and its copy button offers sharing to third-party sites. Rendering
 * our few components from the same pure builders is short and cannot drift
 * from the pages.
 */
import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {dirname, join, relative, sep} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';
import {OUTCOMES, outcomesByCategory, type Category} from '../../data/decisionTree';
import {mdxToMarkdown, type ConvertContext, type DocPage} from './markdown';
import {LLMS_FULL, LLMS_INDEX, twinPath} from './twin';

interface SourcedPage extends DocPage {
  /** Absolute path of the MDX file. */
  readonly file: string;
}

const GROUP_TITLE: Record<Category, string> = {
  egress: 'Workload egress guides',
  ingress: 'Cluster ingress guides',
};

export default function llmsPlugin(context: LoadContext): Plugin {
  return {
    name: 'llms-markdown',
    async postBuild({outDir, plugins}) {
      const baseUrl = context.baseUrl;
      const docs = plugins.find((plugin) => plugin.name === 'docusaurus-plugin-content-docs');
      const pages = docPages(docs?.content, context.siteDir);
      const convert: ConvertContext = {baseUrl, pages};
      const twins = new Map<SourcedPage, string>();
      for (const page of pages) {
        const markdown = mdxToMarkdown(await readFile(page.file, 'utf8'), page, convert);
        twins.set(page, markdown);
        await writeSiteFile(outDir, baseUrl, twinPath(page.permalink, baseUrl), markdown);
      }
      const index = llmsIndex(context.siteConfig.title, context.siteConfig.tagline, pages, baseUrl);
      await writeSiteFile(outDir, baseUrl, `${baseUrl}${LLMS_INDEX}`, index);
      const full = [index.trimEnd(), ...orderedPages(pages, baseUrl).map((page) => (twins.get(page) ?? '').trimEnd())];
      await writeSiteFile(outDir, baseUrl, `${baseUrl}${LLMS_FULL}`, `${full.join('\n\n---\n\n')}\n`);
    },
  };
}

async function writeSiteFile(outDir: string, baseUrl: string, urlPath: string, text: string): Promise<void> {
  const file = join(outDir, ...urlPath.slice(baseUrl.length).split('/'));
  await mkdir(dirname(file), {recursive: true});
  await writeFile(file, text, 'utf8');
}

/** The docs plugin's content is typed `unknown` here; read only the fields we need and fail loudly if they moved. */
function docPages(content: unknown, siteDir: string): SourcedPage[] {
  const versions = isRecord(content) ? content.loadedVersions : undefined;
  if (!Array.isArray(versions) || versions.length === 0) {
    throw new Error('llms plugin: the docs plugin has no loaded versions; has its content format changed?');
  }
  const pages: SourcedPage[] = [];
  for (const version of versions as unknown[]) {
    if (!isRecord(version) || typeof version.contentPath !== 'string' || !Array.isArray(version.docs)) {
      throw new Error('llms plugin: a docs version lacks contentPath or docs');
    }
    for (const doc of version.docs as unknown[]) {
      if (!isRecord(doc) || typeof doc.source !== 'string' || typeof doc.permalink !== 'string' || typeof doc.title !== 'string') {
        throw new Error('llms plugin: a doc lacks source, permalink or title');
      }
      const file = join(siteDir, doc.source.replace(/^@site\//, ''));
      pages.push({
        file,
        sourcePath: relative(version.contentPath, file).split(sep).join('/'),
        permalink: doc.permalink,
        title: doc.title,
        description: typeof doc.description === 'string' ? doc.description : '',
      });
    }
  }
  return pages;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

interface PageGroup<T extends DocPage> {
  readonly title: string;
  readonly pages: readonly T[];
}

/** The overview first, then the guides in the decision tree's order, then anything else by path. */
export function groupPages<T extends DocPage>(pages: readonly T[], baseUrl: string): PageGroup<T>[] {
  const byPermalink = (permalink: string): T | undefined =>
    pages.find((page) => page.permalink.replace(/\/+$/, '') === permalink.replace(/\/+$/, ''));
  const overview = pages.filter((page) => page.permalink.replace(/\/+$/, '') === baseUrl.replace(/\/+$/, ''));
  const groups: PageGroup<T>[] = [{title: 'Overview', pages: overview}];
  for (const category of ['egress', 'ingress'] as const) {
    const guides = outcomesByCategory(category)
      .map((id) => byPermalink(`${baseUrl}${OUTCOMES[id].guidePath}`))
      .filter((page): page is T => page !== undefined);
    groups.push({title: GROUP_TITLE[category], pages: guides});
  }
  const placed = new Set(groups.flatMap((group) => group.pages));
  const rest = pages.filter((page) => !placed.has(page)).sort((a, b) => a.permalink.localeCompare(b.permalink));
  groups.push({title: 'Other pages', pages: rest});
  return groups.filter((group) => group.pages.length > 0);
}

function orderedPages<T extends DocPage>(pages: readonly T[], baseUrl: string): T[] {
  return groupPages(pages, baseUrl).flatMap((group) => group.pages);
}

/** llms.txt in the llmstxt.org layout: title, summary, then sections of links with one line each. */
export function llmsIndex(title: string, tagline: string, pages: readonly DocPage[], baseUrl: string): string {
  const lines = [
    `# ${title}`,
    '',
    `> ${tagline}`,
    '',
    'Every page of this site is also published as Markdown, listed below. The manifests, Helm values and commands that',
    'the web pages generate are written out as code blocks, built from the default values (the chooser on the overview',
    `builds them from your own). [${LLMS_FULL}](${baseUrl}${LLMS_FULL}) holds every page in one file.`,
  ];
  for (const group of groupPages(pages, baseUrl)) {
    lines.push('', `## ${group.title}`, '');
    for (const page of group.pages) {
      const description = page.description ? `: ${page.description}` : '';
      lines.push(`- [${page.title}](${twinPath(page.permalink, baseUrl)})${description}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
