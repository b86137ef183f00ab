/**
 * "Copy page as Markdown" with the reader's values: the page's twin (built
 * with the defaults) with each value the prose names and each file put back
 * as the page shows them. Pure, so it is tested without a browser.
 */

/** One `<ReaderValue>` of the page, in document order: what the twin says there and what the page says. */
export interface ValueSpot {
  readonly defaultMarkdown: string;
  readonly markdown: string;
}

/** A file of the page: its block in the twin (the default) and the block the page shows instead. */
export interface BlockSwap {
  readonly from: string;
  readonly to: string;
}

/**
 * The twin with the page's values. The n-th spot whose default reads `D`
 * takes the n-th `D` of the twin: the twin is converted from the same MDX,
 * in the same order, and a unit test holds every twin to one `D` per spot.
 * Throws when the twin and the page disagree, rather than copy a mix.
 */
export function withPageValues(twin: string, spots: readonly ValueSpot[], blocks: readonly BlockSwap[]): string {
  const edits: {readonly at: number; readonly length: number; readonly text: string}[] = [];
  const cursor = new Map<string, number>();
  for (const spot of spots) {
    const from = cursor.get(spot.defaultMarkdown) ?? 0;
    const at = twin.indexOf(spot.defaultMarkdown, from);
    if (at === -1) throw new Error(`The Markdown version does not name ${spot.defaultMarkdown} where this page does.`);
    cursor.set(spot.defaultMarkdown, at + spot.defaultMarkdown.length);
    edits.push({at, length: spot.defaultMarkdown.length, text: spot.markdown});
  }
  for (const block of blocks) {
    const at = twin.indexOf(block.from);
    if (at === -1) throw new Error('The Markdown version does not hold a file this page shows; reload the page to fetch both anew.');
    edits.push({at, length: block.from.length, text: block.to});
  }
  edits.sort((a, b) => a.at - b.at);
  let result = '';
  let done = 0;
  for (const edit of edits) {
    if (edit.at < done) throw new Error('Two values of this page overlap in its Markdown version.');
    result += twin.slice(done, edit.at) + edit.text;
    done = edit.at + edit.length;
  }
  return result + twin.slice(done);
}

/** A fence longer than any backtick run in the text, so the text cannot close it early. */
export function codeFence(text: string, info: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\n$/, '')}\n${fence}`;
}

/** What a file reads as in a twin, and in a copied page: the twin writer and the copy use this one function. */
export function artifactFence(artifact: {readonly text: string; readonly language: string; readonly fileName: string}): string {
  return codeFence(artifact.text, `${artifact.language} title="${artifact.fileName}"`);
}
