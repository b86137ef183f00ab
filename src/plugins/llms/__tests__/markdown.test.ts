import {readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import yaml from 'js-yaml';
import {OUTCOMES, OUTCOME_IDS, QUESTIONS, QUESTION_IDS, isOutcomeId} from '../../../data/decisionTree';
import {CHARTS, IMAGES, buildFromRaw, defaultRaw} from '../../../manifests';
import {flowchartSource} from '../../../utils/flowchart';
import {codeFence, markdownTable} from '../components';
import {mdxToMarkdown, type DocPage} from '../markdown';
import {llmsIndex} from '../index';
import {twinPath} from '../twin';

const DOCS_DIR = fileURLToPath(new URL('../../../../docs/', import.meta.url));
const BASE_URLS = ['/', '/nested/sub-path/docs/'];

interface SourceDoc {
  readonly sourcePath: string;
  readonly source: string;
}

const SOURCES: SourceDoc[] = (readdirSync(DOCS_DIR, {recursive: true, encoding: 'utf8'}) as string[])
  .filter((file) => /\.mdx?$/.test(file))
  .map((file) => ({sourcePath: file.split('\\').join('/'), source: readFileSync(join(DOCS_DIR, file), 'utf8')}))
  .sort((a, b) => a.sourcePath.localeCompare(b.sourcePath));

/** The docs' permalinks the way Docusaurus derives them here: `slug: /` for the overview, the file path otherwise. */
function pagesFor(baseUrl: string): DocPage[] {
  return SOURCES.map(({sourcePath, source}) => {
    const frontMatter = yaml.load(/^---\n([\s\S]*?)\n---\n/.exec(source)?.[1] ?? '') as Record<string, string>;
    const path = frontMatter.slug === '/' ? '' : sourcePath.replace(/\.mdx?$/, '');
    return {
      sourcePath,
      permalink: `${baseUrl}${path}`,
      title: frontMatter.title ?? '',
      description: frontMatter.description ?? '',
    };
  });
}

function convert(sourcePath: string, baseUrl: string): string {
  const pages = pagesFor(baseUrl);
  const page = pages.find((candidate) => candidate.sourcePath === sourcePath);
  const source = SOURCES.find((candidate) => candidate.sourcePath === sourcePath)?.source;
  if (!page || source === undefined) throw new Error(`no doc ${sourcePath}`);
  return mdxToMarkdown(source, page, {baseUrl, pages});
}

/** Fenced blocks as CommonMark reads them: an opening fence, then the first fence of the same kind at least as long. */
function fencedBlocks(markdown: string): {info: string; text: string}[] {
  const blocks: {info: string; text: string}[] = [];
  let open: {fence: string; info: string; lines: string[]} | null = null;
  for (const line of markdown.split('\n')) {
    const marker = /^(?:> )?\s*(`{3,}|~{3,})(.*)$/.exec(line);
    if (!open) {
      if (marker?.[1]) open = {fence: marker[1], info: (marker[2] ?? '').trim(), lines: []};
      continue;
    }
    if (marker?.[1] && marker[1][0] === open.fence[0] && marker[1].length >= open.fence.length && marker[2]?.trim() === '') {
      blocks.push({info: open.info, text: open.lines.join('\n')});
      open = null;
    } else {
      open.lines.push(line);
    }
  }
  if (open) throw new Error(`unclosed fence ${open.fence}${open.info}`);
  return blocks;
}

function links(markdown: string): string[] {
  const prose = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
}

/** Every `<StrategyArtifacts …/>` in a source, as (strategy, artifact ids) pairs. */
function artifactUses(source: string): {strategy: string; only: string[] | null}[] {
  return [...source.matchAll(/<StrategyArtifacts strategy="([^"]+)"(?: only=\{\[([^\]]*)\]\})?/g)].map((match) => ({
    strategy: match[1] ?? '',
    only: match[2] === undefined ? null : [...match[2].matchAll(/'([^']+)'/g)].map((id) => id[1] ?? ''),
  }));
}

describe('Markdown twins of the docs', () => {
  it('finds the overview and all six guides', () => {
    expect(SOURCES.map((doc) => doc.sourcePath)).toEqual(expect.arrayContaining([
      'index.mdx',
      ...OUTCOME_IDS.map((id) => `${OUTCOMES[id].guidePath}.mdx`),
    ]));
  });

  for (const baseUrl of BASE_URLS) {
    describe(`under baseUrl ${baseUrl}`, () => {
      const pages = pagesFor(baseUrl);
      const twins = new Set(pages.map((page) => twinPath(page.permalink, baseUrl)));

      for (const {sourcePath, source} of SOURCES) {
        describe(sourcePath, () => {
          const markdown = convert(sourcePath, baseUrl);

          it('leaves no component, import or admonition marker behind', () => {
            const prose = markdown.replace(/(`+)[\s\S]*?\1/g, '');
            expect(prose).not.toMatch(/<\/?[A-Z][A-Za-z]*[\s/>]/);
            expect(markdown).not.toContain('<StrategyArtifacts');
            expect(markdown).not.toMatch(/^import\s/m);
            expect(prose).not.toMatch(/^:::/m);
          });

          it('has balanced code fences', () => {
            expect(() => fencedBlocks(markdown)).not.toThrow();
          });

          it('starts with the title and the description from the front matter', () => {
            const page = pages.find((candidate) => candidate.sourcePath === sourcePath);
            expect(markdown.startsWith(`# ${page?.title}\n\n> ${page?.description}\n`)).toBe(true);
          });

          it('writes out every artifact the page renders, in a fence with its language and file name', () => {
            const blocks = fencedBlocks(markdown);
            const uses = artifactUses(source);
            for (const {strategy, only} of uses) {
              if (!isOutcomeId(strategy)) throw new Error(`unknown strategy ${strategy}`);
              const result = buildFromRaw(strategy, defaultRaw(strategy));
              if (!result.ok) throw new Error('defaults do not validate');
              const ids = only ?? result.artifacts.map((artifact) => artifact.id);
              for (const id of ids) {
                const artifact = result.artifacts.find((candidate) => candidate.id === id);
                expect(artifact, `${strategy}/${id}`).toBeDefined();
                const block = blocks.find((candidate) => candidate.info === `${artifact?.language} title="${artifact?.fileName}"`);
                expect(block?.text, `${strategy}/${id}`).toBe(artifact?.text.replace(/\n$/, ''));
                expect(markdown).toContain(` ${artifact?.title}\n`);
              }
            }
            // Every guide renders its files; the overview and the guides index only link to them.
            if (/^(egress|ingress)\//.test(sourcePath)) expect(uses.length).toBeGreaterThan(0);
          });

          it('links other docs through their Markdown twins, under the baseUrl', () => {
            for (const target of links(markdown)) {
              if (/^https?:/.test(target) || target.startsWith('#')) continue;
              expect(target.startsWith(baseUrl), target).toBe(true);
              const path = target.split(/[?#]/)[0] ?? '';
              const own = pages.find((candidate) => candidate.sourcePath === sourcePath)?.permalink;
              if (target === own) continue; // The header's link back to the HTML page.
              if (target.includes('?chooser=')) {
                // The chooser needs a browser: these open the overview's HTML page with the answers given.
                expect(path).toBe(baseUrl);
              } else {
                expect(twins.has(path), target).toBe(true);
              }
            }
          });
        });
      }

      it('renders the overview\'s flowchart as Mermaid source and its chooser as the question tree', () => {
        const markdown = convert('index.mdx', baseUrl);
        const mermaid = fencedBlocks(markdown).filter((block) => block.info === 'mermaid');
        expect(mermaid.map((block) => `${block.text}\n`)).toEqual([flowchartSource({baseUrl})]);
        for (const id of QUESTION_IDS) expect(markdown).toContain(`**${QUESTIONS[id].text}**`);
        for (const id of OUTCOME_IDS) {
          const guideTwin = `](${twinPath(`${baseUrl}${OUTCOMES[id].guidePath}`, baseUrl)})`;
          // Linked from the chooser's tree, from the list beside the chart and from the prose.
          expect(markdown.split(guideTwin).length - 1, id).toBeGreaterThanOrEqual(3);
          expect(markdown).toContain(OUTCOMES[id].reason);
        }
      });

      it('lists every page with its twin and description in llms.txt', () => {
        const index = llmsIndex('Title', 'Tagline.', pages, baseUrl);
        for (const page of pages) {
          expect(index).toContain(`- [${page.title}](${twinPath(page.permalink, baseUrl)}): ${page.description}\n`);
        }
        expect(index.indexOf('index.md')).toBeLessThan(index.indexOf('egress/'));
      });
    });
  }
});

describe('mdxToMarkdown on hostile or unknown input', () => {
  const page: DocPage = {sourcePath: 'x/page.mdx', permalink: '/x/page', title: 'T', description: 'D'};
  const context = {baseUrl: '/', pages: [page]};

  it('refuses a component it has no rendering for, naming it', () => {
    expect(() => mdxToMarkdown('Text <StrategyTable rows={3} />\n', page, context)).toThrow(/StrategyTable/);
  });

  it('keeps placeholders in inline code and leaves code blocks alone', () => {
    const source = 'Use `<ZITI_NAME>.json`.\n\n```mdx\n<GuideLink outcome="ziti-host" />\n:::note\n```\n';
    const markdown = mdxToMarkdown(source, page, context);
    expect(markdown).toContain('`<ZITI_NAME>.json`');
    expect(markdown).toContain('```mdx\n<GuideLink outcome="ziti-host" />\n:::note\n```');
  });

  it('refuses an outcome the decision tree does not have', () => {
    expect(() => mdxToMarkdown('<GuideLink outcome="nope" />\n', page, context)).toThrow(/outcome/);
  });

  it('refuses an artifact id the builder does not produce', () => {
    expect(() => mdxToMarkdown('<StrategyArtifacts strategy="ziti-host" only={[\'nope\']} />\n', page, context)).toThrow(
      /no artifact "nope"/,
    );
  });

  it('refuses a relative link to a doc that does not exist', () => {
    expect(() => mdxToMarkdown('[x](./missing.mdx)\n', page, context)).toThrow(/missing\.mdx/);
  });

  it('turns an admonition into a block quote that names its kind and title', () => {
    const markdown = mdxToMarkdown(':::warning[Careful]\n\nFirst.\n\nSecond.\n\n:::\n', page, context);
    expect(markdown).toContain('> **Warning: Careful**\n>\n> First.\n>\n> Second.\n');
  });

  it('prints values imported from the manifests, and refuses any other expression', () => {
    const source = "import {CHARTS, IMAGES} from '@site/src/manifests/images';\n\nChart <code>{CHARTS.zitiEdgeTunnel.version}</code>, tag {IMAGES.zitiTunnel.tag}.\n";
    const markdown = mdxToMarkdown(source, page, context);
    expect(markdown).toContain(`Chart \`${CHARTS.zitiEdgeTunnel.version}\`, tag ${IMAGES.zitiTunnel.tag}.`);
    expect(() => mdxToMarkdown(`${source}\n{IMAGES.zitiTunnel}\n`, page, context)).toThrow(/not a string or number/);
    expect(() => mdxToMarkdown('Text {1 + 1}\n', page, context)).toThrow(/cannot evaluate/);
    expect(() => mdxToMarkdown("import {x} from '@site/src/elsewhere';\n", page, context)).toThrow(/EXPRESSION_MODULES/);
  });

  it('names strategies and lists guides from the decision tree', () => {
    const source = '| <StrategyName outcome="ziti-host" link /> | <StrategyName outcome="openziti-router" /> |\n\n<GuideList category="ingress" />\n';
    const markdown = mdxToMarkdown(source, page, context);
    expect(markdown).toContain(`| [${OUTCOMES['ziti-host'].title}](/ingress/ziti-host.md) | ${OUTCOMES['openziti-router'].title} |`);
    for (const id of ['openziti-router', 'nginx-proxy-module', 'ziti-host'] as const) {
      expect(markdown).toContain(`- [${OUTCOMES[id].title}](/${OUTCOMES[id].guidePath}.md): ${OUTCOMES[id].reason}`);
    }
  });

  it('writes a table with pipes escaped and each row on one line', () => {
    expect(markdownTable(['A', 'B'], [['x | y', 'two\nlines'], ['[l](/l.md)', '<port>']])).toBe(
      '| A | B |\n| --- | --- |\n| x \\| y | two lines |\n| [l](/l.md) | \\<port> |',
    );
    expect(() => markdownTable(['A'], [['1', '2']])).toThrow(/2 cells for 1 columns/);
  });

  it('fences text that itself contains backtick fences with a longer fence', () => {
    const fence = codeFence('a\n```\nb\n', 'bash');
    expect(fence).toBe('````bash\na\n```\nb\n````');
  });
});

describe('twinPath', () => {
  it('puts the twin beside the page, and index.md for the page at the baseUrl', () => {
    expect(twinPath('/', '/')).toBe('/index.md');
    expect(twinPath('/egress/node-proxy-daemonset', '/')).toBe('/egress/node-proxy-daemonset.md');
    expect(twinPath('/egress/node-proxy-daemonset/', '/')).toBe('/egress/node-proxy-daemonset.md');
    expect(twinPath('/a/b/', '/a/b/')).toBe('/a/b/index.md');
    expect(twinPath('/a/b', '/a/b/')).toBe('/a/b/index.md');
    expect(twinPath('/a/b/ingress/ziti-host/', '/a/b/')).toBe('/a/b/ingress/ziti-host.md');
  });

  it('refuses a permalink outside the baseUrl', () => {
    expect(() => twinPath('/other/page', '/a/')).toThrow(/not under the baseUrl/);
  });
});
