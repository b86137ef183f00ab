import type {OutcomeId} from '@site/src/data/decisionTree';
import {isOutcomeId} from '@site/src/data/decisionTree';
import {loadLive} from '@site/src/components/StrategyArtifacts/useLive';
import {withPageValues, type BlockSwap, type ValueSpot} from '@site/src/utils/pageMarkdown';

/** The guide's strategy, from its "Your values" region; none on the overview and the guides index. */
function pageStrategy(root: ParentNode): OutcomeId | null {
  const strategy = root.querySelector('[data-values]')?.getAttribute('data-values');
  return strategy && isOutcomeId(strategy) ? strategy : null;
}

/**
 * The page's Markdown twin as the page shows it: the values its prose names
 * (each `<ReaderValue>` and `<ReaderChoice>` says its Markdown) and its files
 * built from the values the page uses (`valuesFor` gives them: the address's
 * or the stored ones). The builders are loaded only when there are any.
 */
export async function markdownAsShown(
  twin: string,
  valuesFor: (strategy: OutcomeId) => Readonly<Record<string, string>>,
  root: ParentNode = document,
): Promise<string> {
  const spots: ValueSpot[] = Array.from(root.querySelectorAll<HTMLElement>('[data-reader-value]'), (element) => ({
    defaultMarkdown: element.dataset.defaultMarkdown ?? '',
    markdown: element.dataset.markdown ?? '',
  }));
  const strategy = pageStrategy(root);
  const overrides = strategy ? valuesFor(strategy) : {};
  let blocks: BlockSwap[] = [];
  if (strategy && Object.keys(overrides).length > 0) {
    const live = await loadLive();
    // Only the files this page shows are in its twin; the others are not swapped.
    blocks = live.copiedBlocks(strategy, overrides).filter((block) => twin.includes(block.from));
  }
  if (blocks.length === 0 && spots.every((spot) => spot.markdown === spot.defaultMarkdown)) return twin;
  return withPageValues(twin, spots, blocks);
}
