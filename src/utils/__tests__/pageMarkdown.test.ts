import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {OUTCOME_IDS, isOutcomeId} from '../../data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw} from '../../manifests';
import {mdxToMarkdown, type DocPage} from '../../plugins/llms/markdown';
import {artifactFence, withPageValues} from '../pageMarkdown';
import {CHOICE_SENTENCES, choiceSentence, isChoiceField, piecesMarkdown, prosePieces} from '../proseValues';

const DOCS_DIR = fileURLToPath(new URL('../../../docs/', import.meta.url));
const FILES = (readdirSync(DOCS_DIR, {recursive: true, encoding: 'utf8'}) as string[]).filter((file) => file.endsWith('.mdx')).sort();

interface Spot {
  readonly strategy: string;
  readonly field: string;
  readonly part: 'value' | 'names';
  readonly written: string;
}

/** The `<ReaderValue>` elements of a doc, in order, read from its source. */
function spotsOf(source: string): Spot[] {
  return [...source.matchAll(/<ReaderValue strategy="([^"]+)" field="([^"]+)"(?: part="(names|value)")?>([^<]*)<\/ReaderValue>/g)].map(
    (match) => ({strategy: match[1] ?? '', field: match[2] ?? '', part: (match[3] ?? 'value') as Spot['part'], written: match[4] ?? ''}),
  );
}

function twinOf(file: string): string {
  const pages: DocPage[] = FILES.map((name) => ({sourcePath: name, permalink: `/${name.replace(/\.mdx$/, '')}`, title: name, description: ''}));
  const page = pages.find((candidate) => candidate.sourcePath === file);
  if (!page) throw new Error(file);
  return mdxToMarkdown(readFileSync(join(DOCS_DIR, file), 'utf8'), page, {baseUrl: '/', pages});
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

describe('the values a guide names in prose', () => {
  const all = FILES.flatMap((file) => spotsOf(readFileSync(join(DOCS_DIR, file), 'utf8')).map((spot) => ({file, spot})));

  it('are found in the docs (the sentences that name "these files")', () => {
    expect(all.length).toBeGreaterThanOrEqual(8);
  });

  it.each(FILES)('%s: each names its builder default, and the twin names it once per element and nowhere else', (file) => {
    const source = readFileSync(join(DOCS_DIR, file), 'utf8');
    const spots = spotsOf(source);
    // Every element in the source is one the pattern reads (none is skipped by a different attribute order).
    expect(spots.length).toBe(count(source, '<ReaderValue '));
    const twin = twinOf(file);
    for (const spot of spots) {
      expect(isOutcomeId(spot.strategy)).toBe(true);
      if (!isOutcomeId(spot.strategy)) continue;
      expect(prosePieces(spot.part, defaultRaw(spot.strategy)[spot.field] ?? '')).toEqual([spot.written]);
      const markdown = piecesMarkdown([spot.written]);
      // "Copy page as Markdown" finds the n-th element's value at the n-th place: nothing else may read the same.
      expect(count(twin, markdown)).toBe(spots.filter((other) => other.written === spot.written).length);
    }
    // Converting a guide takes a few seconds on a busy machine.
  }, 60_000);
});

describe('withPageValues', () => {
  it('puts each value in its own place, in order, and leaves the rest as it was', () => {
    const twin = 'Secret `a`, key `a`; see `b`.';
    const spots = [
      {defaultMarkdown: '`a`', markdown: '`s`'},
      {defaultMarkdown: '`a`', markdown: '`k`'},
    ];
    expect(withPageValues(twin, spots, [])).toBe('Secret `s`, key `k`; see `b`.');
  });

  it('refuses a twin that does not match the page', () => {
    expect(() => withPageValues('only `a`', [{defaultMarkdown: '`b`', markdown: '`c`'}], [])).toThrow(/does not name/);
    expect(() => withPageValues('x', [], [{from: 'y', to: 'z'}])).toThrow(/does not hold/);
  });

  it('gives the transparent sidecar twin with a reader\'s DNS IP, services and files', () => {
    const file = 'egress/transparent-proxy-sidecar.mdx';
    const twin = twinOf(file);
    const values = {...defaultRaw('transparent-proxy-sidecar'), clusterDnsIp: '10.43.0.10', services: 'billing=billing.ziti.internal:443'};
    const built = buildFromRaw('transparent-proxy-sidecar', values);
    const defaults = buildFromRaw('transparent-proxy-sidecar', defaultRaw('transparent-proxy-sidecar'));
    if (!built.ok || !defaults.ok) throw new Error('does not build');
    const blocks = defaults.artifacts
      .filter((artifact) => twin.includes(artifactFence(artifact)))
      .map((artifact) => {
        const mine = built.artifacts.find((candidate) => candidate.id === artifact.id);
        return {from: artifactFence(artifact), to: mine ? artifactFence(mine) : ''};
      });
    expect(blocks.length).toBeGreaterThan(3);
    const spots = spotsOf(readFileSync(join(DOCS_DIR, file), 'utf8')).map((spot) => ({
      defaultMarkdown: piecesMarkdown([spot.written]),
      markdown: piecesMarkdown(prosePieces(spot.part, values[spot.field as keyof typeof values] ?? '')),
    }));
    const copied = withPageValues(twin, spots, blocks);
    expect(copied).toContain('The files on this page use `10.43.0.10`;');
    expect(copied).toContain('(`billing` in these files)');
    expect(copied).not.toContain('10.96.0.10;');
    expect(copied).not.toContain('my-service.ziti.internal');
  }, 60_000);
});

describe('<ReaderValue> in the Markdown twin', () => {
  const page: DocPage = {sourcePath: 'x.mdx', permalink: '/x', title: 'x', description: ''};
  const context = {baseUrl: '/', pages: [page]};
  const head = "import ReaderValue from '@site/src/components/ReaderValue';\n\n";

  it('reads as the default in inline code', () => {
    const markdown = mdxToMarkdown(`${head}Role <ReaderValue strategy="ziti-host" field="clientRoleAttribute">k8s-api-clients</ReaderValue> here.\n`, page, context);
    expect(markdown).toContain('Role `k8s-api-clients` here.');
  });

  it('fails the build when the written default is not the builder\'s, or the field is unknown', () => {
    expect(() =>
      mdxToMarkdown(`${head}Role <ReaderValue strategy="ziti-host" field="clientRoleAttribute">clients</ReaderValue>.\n`, page, context),
    ).toThrow(/files on the page use "k8s-api-clients"/);
    expect(() => mdxToMarkdown(`${head}<ReaderValue strategy="ziti-host" field="nope">x</ReaderValue>.\n`, page, context)).toThrow(/field/);
    expect(() =>
      mdxToMarkdown(`${head}<ReaderValue strategy="ziti-host" field="namespace" part="all">ziti</ReaderValue>.\n`, page, context),
    ).toThrow(/part/);
  });
});

describe('prosePieces', () => {
  it('names the services of a name=host:port list once each, and a value as written', () => {
    expect(prosePieces('names', 'a=a.ziti:80\n\n b = b.ziti:443\na=x:1')).toEqual(['a', 'b']);
    expect(prosePieces('value', ' 10.43.0.10 ')).toEqual(['10.43.0.10']);
    expect(prosePieces('value', '')).toEqual([]);
    expect(piecesMarkdown(['a', 'b', 'c'])).toBe('`a`, `b` and `c`');
    expect(piecesMarkdown(['a`b'])).toBe('``a`b``');
  });
});

/** The `<ReaderChoice>` elements of a doc, in order, read from its source. */
function choicesOf(source: string): {strategy: string; field: string; written: string}[] {
  return [...source.matchAll(/<ReaderChoice strategy="([^"]+)" field="([^"]+)">([^<]*)<\/ReaderChoice>/g)].map((match) => ({
    strategy: match[1] ?? '',
    field: match[2] ?? '',
    written: match[3] ?? '',
  }));
}

describe('the sentences a guide says about an option of the reader\'s (<ReaderChoice>)', () => {
  const all = FILES.flatMap((file) => choicesOf(readFileSync(join(DOCS_DIR, file), 'utf8')).map((choice) => ({file, choice})));

  it('are in the guides that say which identity source their files use', () => {
    expect(all.map(({file, choice}) => `${file} ${choice.field}`)).toEqual([
      'egress/node-proxy-daemonset.mdx identitySource',
      'ingress/ziti-host.mdx identitySource',
    ]);
  });

  it('have a sentence for every option of every strategy\'s field, different for each option', () => {
    for (const field of Object.keys(CHOICE_SENTENCES)) {
      if (!isChoiceField(field)) continue;
      for (const id of OUTCOME_IDS) {
        const spec = BUILDERS[id].fields.find((candidate) => candidate.name === field);
        if (!spec) continue;
        const sentences = (spec.options ?? []).map((option) => choiceSentence(field, option.value));
        expect(sentences.every((sentence) => typeof sentence === 'string'), `${id} ${field}`).toBe(true);
        expect(new Set(sentences).size).toBe(sentences.length);
      }
    }
  });

  it.each([...new Set(all.map(({file}) => file))])('%s: says the default option\'s sentence, once in its twin', (file) => {
    const twin = twinOf(file);
    for (const {choice} of all.filter((entry) => entry.file === file)) {
      if (!isOutcomeId(choice.strategy) || !isChoiceField(choice.field)) throw new Error(`${file}: ${choice.strategy} ${choice.field}`);
      expect(choiceSentence(choice.field, defaultRaw(choice.strategy)[choice.field] ?? '')).toBe(choice.written);
      expect(count(twin, choice.written)).toBe(1);
    }
  }, 60_000);

  it('copies the node proxy guide with the reader\'s identity source', () => {
    const twin = twinOf('egress/node-proxy-daemonset.mdx');
    const written = 'The files on this page use the enrollment token.';
    const spots = [{defaultMarkdown: written, markdown: choiceSentence('identitySource', 'existing-secret') ?? ''}];
    const copied = withPageValues(twin, spots, []);
    expect(copied).toContain('The files on this page use an existing Secret, mounted read-only.');
    expect(copied).not.toContain(written);
  }, 60_000);

  it('fails the build when the written sentence is not the default option\'s, or the field has no sentences', () => {
    const page: DocPage = {sourcePath: 'x.mdx', permalink: '/x', title: 'x', description: ''};
    const context = {baseUrl: '/', pages: [page]};
    const head = "import ReaderChoice from '@site/src/components/ReaderChoice';\n\n";
    expect(
      mdxToMarkdown(`${head}<ReaderChoice strategy="ziti-host" field="identitySource">The files on this page use the enrollment token.</ReaderChoice> Next.\n`, page, context),
    ).toContain('The files on this page use the enrollment token. Next.');
    expect(() =>
      mdxToMarkdown(`${head}<ReaderChoice strategy="ziti-host" field="identitySource">The files use a token.</ReaderChoice>\n`, page, context),
    ).toThrow(/go with "The files on this page use the enrollment token."/);
    expect(() => mdxToMarkdown(`${head}<ReaderChoice strategy="ziti-host" field="namespace">x</ReaderChoice>\n`, page, context)).toThrow(/field/);
    // The NGINX module has no enrollment token: its default, the identity JSON, has its own sentence.
    expect(choiceSentence('identitySource', defaultRaw('nginx-proxy-module').identitySource ?? '')).toBe(
      'The files on this page use the enrolled identity JSON.',
    );
  });
});
