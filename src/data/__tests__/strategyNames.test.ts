/**
 * One name per strategy: the tree's title is the guide's title (and so its h1),
 * the sidebar label, the flowchart node's first words and the overview heading.
 */
import {describe, expect, it} from 'vitest';
import {readFileSync} from 'node:fs';
import {resolve} from 'node:path';
import {load} from 'js-yaml';
import {OUTCOMES, OUTCOME_IDS} from '../decisionTree';
import sidebars from '../../../sidebars';

const ROOT = resolve(__dirname, '../../..');

function frontmatter(file: string): Record<string, unknown> {
  const text = readFileSync(resolve(ROOT, file), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match?.[1]) throw new Error(`${file} has no frontmatter`);
  return load(match[1]) as Record<string, unknown>;
}

/** Every doc item of the sidebar with the label it shows, whatever the nesting. */
function sidebarDocs(items: readonly unknown[]): {id: string; label?: string}[] {
  return items.flatMap((item) => {
    if (typeof item === 'string') return [{id: item}];
    const entry = item as {type?: string; id?: string; label?: string; items?: readonly unknown[]};
    if (entry.type === 'doc' && entry.id) return [{id: entry.id, label: entry.label}];
    return entry.items ? sidebarDocs(entry.items) : [];
  });
}

describe.each(OUTCOME_IDS)('the name of %s', (id) => {
  const {title, lines, guidePath} = OUTCOMES[id];

  it('is the guide’s title, and so its h1', () => {
    expect(frontmatter(`docs/${guidePath}.mdx`).title).toBe(title);
  });

  it('is not overridden by a sidebar_label in the guide', () => {
    // Docusaurus prefers a doc's sidebar_label to the label sidebars.ts sets, so a different one would rename the
    // strategy in the sidebar and in the previous/next links.
    const label = frontmatter(`docs/${guidePath}.mdx`).sidebar_label;
    expect(label === undefined || label === title, `sidebar_label: ${String(label)}`).toBe(true);
  });

  it('labels the guide in the sidebar', () => {
    const docs = sidebarDocs(sidebars.guides);
    expect(docs).toContainEqual({id: guidePath, label: title});
  });

  it('opens the flowchart node, in lines short enough that Mermaid does not wrap them again', () => {
    expect(lines.join(' ').startsWith(title)).toBe(true);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(24);
  });

  it('heads the strategy’s section on the overview', () => {
    const overview = readFileSync(resolve(ROOT, 'docs/index.mdx'), 'utf8');
    expect(overview.split('\n')).toContain(`#### ${title}`);
  });
});
