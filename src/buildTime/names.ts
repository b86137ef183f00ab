/**
 * Each island's name. The server module and the
 * browser's stand-in both take it from here, so the root element the server
 * writes is the one the stand-in claims; this module stays free of the code it
 * names so the stand-ins can import it.
 */
import type {OutcomeId} from '@site/src/data/decisionTree';

/** One per guide (and one per chooser outcome). */
export function checkedAgainstIsland({outcome}: {readonly outcome: OutcomeId}): string {
  return `checked-against-${outcome}`;
}

/** A guide's blocks for one set of artifacts: unique on the page. */
export function defaultBlocksIsland({strategy, only}: {readonly strategy: OutcomeId; readonly only?: readonly string[]}): string {
  return `artifacts-${strategy}${only ? `-${only.join('-')}` : ''}`;
}

/** The attribute on an island's root; its value says which island it is (the page's loader reads it too). */
export const ISLAND_ATTRIBUTE = 'data-build-time';

/** Every code block: the name marks them, and is not needed to tell them apart. */
export const CODE_BLOCK_ISLAND = 'code-block';
