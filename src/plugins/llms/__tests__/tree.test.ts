import {describe, expect, it} from 'vitest';
import {OUTCOMES, outcomesByCategory} from '../../../data/decisionTree';
import {FACTS_CHECKED} from '../../../data/checkedAgainst';
import {IMAGES, defaultArtifacts} from '../../../manifests';
import {longDate} from '../../../utils/longDate';
import {mdxToMarkdown, type ConvertContext, type DocPage} from '../markdown';

const PAGE: DocPage = {sourcePath: 'egress/page.mdx', permalink: '/egress/page', title: 'T', description: 'D'};
const OTHER: DocPage = {sourcePath: 'ingress/other.mdx', permalink: '/ingress/other', title: 'O', description: ''};
const NESTED = '/docs/k8s/';

function context(baseUrl = '/'): ConvertContext {
  const rebase = (page: DocPage): DocPage => ({...page, permalink: `${baseUrl}${page.permalink.slice(1)}`});
  return {baseUrl, pages: [rebase(PAGE), rebase(OTHER)]};
}

/** The body of the twin, after the header the converter adds. */
function body(source: string, baseUrl = '/'): string {
  const {pages} = context(baseUrl);
  const markdown = mdxToMarkdown(source, pages[0] ?? PAGE, context(baseUrl));
  const header = `# T\n\n> D\n\nWeb page: [${baseUrl}egress/page](${baseUrl}egress/page)\n\n`;
  expect(markdown.startsWith(header)).toBe(true);
  return markdown.slice(header.length);
}

function failure(source: string): string {
  try {
    mdxToMarkdown(source, PAGE, context());
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected the conversion to fail');
}

describe('mdxToMarkdown on small inputs', () => {
  it('keeps prose as written, escapes included, and drops front matter and imports', () => {
    const source = [
      '---',
      'title: Ignored here',
      '---',
      '',
      "import GuideLink from '@site/src/components/GuideLink';",
      '',
      'A *wrapped* line with \\* and a date at the start of the next line, since March',
      '2023. Entities &amp; stay.',
      '',
    ].join('\n');
    expect(body(source)).toBe('A *wrapped* line with \\* and a date at the start of the next line, since March\n2023. Entities &amp; stay.\n');
    expect(body(source.replace(/\n/g, '\r\n'))).toBe(body(source));
  });

  it('links each component the way the page does, under any baseUrl', () => {
    for (const baseUrl of ['/', NESTED]) {
      const source = [
        'See <GuideLink outcome="ziti-host" />, <GuideLink outcome="ziti-host">its guide</GuideLink>,',
        '<StrategyName outcome="openziti-router" /> and <StrategyName outcome="openziti-router" link />.',
        '<ChooserLink outcome="node-proxy-daemonset" />, <ChooserLink outcome="ziti-host">open *it*</ChooserLink>.',
        'Checked on <FactsChecked />.',
        '',
      ].join('\n');
      expect(body(source, baseUrl)).toBe(
        [
          `See [the ${OUTCOMES['ziti-host'].title} guide](${baseUrl}ingress/ziti-host.md), [its guide](${baseUrl}ingress/ziti-host.md),`,
          `${OUTCOMES['openziti-router'].title} and [${OUTCOMES['openziti-router'].title}](${baseUrl}ingress/openziti-router.md).`,
          `[Generate the ${OUTCOMES['node-proxy-daemonset'].title} files with your own values](${baseUrl}?chooser=1&path=yes.node), ` +
            `[open *it*](${baseUrl}?chooser=1&path=no.no.no).`,
          `Checked on ${longDate(FACTS_CHECKED)}.`,
          '',
        ].join('\n'),
      );
    }
  });

  it('lists guides, and writes artifacts as headed, fenced files', () => {
    const guides = body('<GuideList category="egress" />\n');
    for (const id of outcomesByCategory('egress')) expect(guides).toContain(`- [${OUTCOMES[id].title}](/${OUTCOMES[id].guidePath}.md): ${OUTCOMES[id].reason}`);

    const artifacts = body("<StrategyArtifacts strategy=\"ziti-host\" only={['helm-values']} headingLevel={3} />\n");
    const [values] = defaultArtifacts('ziti-host', ['helm-values']).shown;
    expect(artifacts.startsWith(`### ${values?.title}\n`)).toBe(true);
    expect(artifacts).toContain(`\`\`\`yaml title="${values?.fileName}"\n${values?.text.replace(/\n$/, '')}\n\`\`\`\n`);
  });

  it('rewrites links: docs to their twins, site paths under the baseUrl, others unchanged', () => {
    const source = [
      '[other](../ingress/other.mdx#part), [same page](#part), [site file](/manifests/a.yaml), [page](/ingress/other/),',
      '[web](https://example.com/?a=1&b=2) and https://example.com/bare.',
      '',
    ].join('\n');
    expect(body(source, NESTED)).toBe(
      [
        `[other](${NESTED}ingress/other.md#part), [same page](#part), [site file](${NESTED}manifests/a.yaml), [page](${NESTED}ingress/other.md),`,
        '[web](https://example.com/?a=1&b=2) and https://example.com/bare.',
        '',
      ].join('\n'),
    );
  });

  it('leaves code alone: fenced blocks and inline code keep their MDX, links and braces', () => {
    const source = [
      'Write `<GuideLink outcome="ziti-host" />` or `[x](./missing.mdx)` or `{IMAGES.x}`.',
      '',
      '```mdx title="a.mdx"',
      '<StrategyChooser />',
      '{nothing}',
      ':::note',
      '```',
      '',
    ].join('\n');
    expect(body(source)).toBe(source);
  });

  it('prints imported values in <code> and in text', () => {
    const source = "import {IMAGES} from '@site/src/manifests/images';\n\nTag <code>{IMAGES.zitiTunnel.tag}</code>, again {IMAGES.zitiTunnel.tag}.\n";
    expect(body(source)).toBe(`Tag \`${IMAGES.zitiTunnel.tag}\`, again ${IMAGES.zitiTunnel.tag}.\n`);
  });

  it('keeps tables as written, components in cells included', () => {
    const source = '| Strategy | Note |\n| --- | --- |\n| <StrategyName outcome="ziti-host" link /> | a \\| b, `c` |\n';
    expect(body(source)).toBe(`| Strategy | Note |\n| --- | --- |\n| [${OUTCOMES['ziti-host'].title}](/ingress/ziti-host.md) | a \\| b, \`c\` |\n`);
  });

  it('turns an admonition into a block quote that names its kind and title', () => {
    expect(body(':::warning[Careful with `kubectl`]\n\nFirst.\n\nSecond\nline.\n\n:::\n')).toBe(
      '> **Warning: Careful with `kubectl`**\n>\n> First.\n>\n> Second\n> line.\n',
    );
    expect(body(':::tip\n\nTip text.\n\n:::\n')).toBe('> **Tip**\n>\n> Tip text.\n');
  });

  it('turns an admonition inside a list item into a block quote there', () => {
    expect(body('- Item\n\n  :::tip\n\n  Tip text.\n\n  :::\n')).toBe('- Item\n\n  > **Tip**\n  >\n  > Tip text.\n');
  });

  it('drops a layout div and an MDX comment, keeping what the div holds', () => {
    expect(body('<div className="strategy-tool">\n\n{/* layout only */}\n\nInside.\n\n</div>\n')).toBe('Inside.\n');
  });

  it('fails with file and line on a component, element, expression or directive it does not know', () => {
    expect(failure('Intro.\n\nText <StrategyTable rows={3} />\n')).toBe(
      'egress/page.mdx:3:6: <StrategyTable> has no Markdown rendering; add one to COMPONENTS in src/plugins/llms/components.ts',
    );
    expect(failure('One.\n\n<details>\n\nHidden.\n\n</details>\n')).toMatch(/^egress\/page\.mdx:3:1: <details> has no Markdown rendering/);
    expect(failure('One.\nTwo {1 + 1}.\n')).toBe('egress/page.mdx:2:5: the Markdown converter cannot evaluate {1 + 1}');
    expect(failure('\n::youtube[Video]\n')).toMatch(/^egress\/page\.mdx:2:1: ::youtube is a directive/);
    expect(failure('\n\n:::important\n\nText.\n\n:::\n')).toBe('egress/page.mdx:3:1: unknown admonition type :::important');
    expect(failure(':::note Old title\n\nText.\n\n:::\n')).toMatch(/^egress\/page\.mdx:1:1: ":::note Old title" is not an admonition/);
    expect(failure('export const x = 1;\n')).toMatch(/^egress\/page\.mdx:1:1: the Markdown converter does not handle an MDX export/);
  });

  it('fails with the place of a component whose props are wrong', () => {
    expect(failure('\n<GuideLink outcome="nope" />\n')).toMatch(/^egress\/page\.mdx:2:1: <GuideLink> needs outcome/);
    expect(failure("<StrategyArtifacts strategy=\"ziti-host\" only={['nope']} />\n")).toMatch(/^egress\/page\.mdx:1:1: .*no artifact "nope"/);
    expect(failure('<StrategyArtifacts strategy="ziti-host" {...props} />\n')).toMatch(/cannot read: \{\.\.\.props\}/);
    expect(failure('Inline <StrategyChooser /> here.\n')).toMatch(/^egress\/page\.mdx:1:8: <StrategyChooser> renders blocks/);
  });

  it('fails with file, line and column on MDX that does not parse', () => {
    expect(failure('Fine.\n\nBroken <GuideLink outcome="ziti-host">\n')).toMatch(/^egress\/page\.mdx:\d+:\d+: /);
  });
});
