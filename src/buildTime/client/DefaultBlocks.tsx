import type Real from '../DefaultBlocks';
import type {DefaultBlocksProps} from '../DefaultBlocks';
import {defaultBlocksIsland} from '../names';
import {clientIsland} from '../island';
import {loadCodeBlock} from '../codeBlockLoader';
import {loadLive} from '@site/src/components/StrategyArtifacts/useLive';
import {ACTION_ATTRIBUTE, COPIED_FOR_MS, STATUS_ATTRIBUTE, blockText, type BlockAction} from '@site/src/components/ArtifactBlocks/markup';
import {copyText} from '@site/src/utils/clipboard';

/** The action button an event happened on, inside this island. */
function actionButton(root: HTMLElement, target: EventTarget | null): {button: HTMLButtonElement; action: BlockAction} | null {
  const button = target instanceof Element ? target.closest(`button[${ACTION_ATTRIBUTE}]`) : null;
  if (!(button instanceof HTMLButtonElement) || !root.contains(button)) return null;
  const action = button.getAttribute(ACTION_ATTRIBUTE);
  return action === 'copy-block' || action === 'copy-all' || action === 'bundle' ? {button, action} : null;
}

async function copyBlock(button: HTMLButtonElement): Promise<void> {
  const section = button.closest('[data-artifact]');
  if (!section) return;
  const label = button.textContent;
  try {
    await copyText(blockText(section));
    button.textContent = 'Copied';
    setTimeout(() => {
      button.textContent = label;
    }, COPIED_FOR_MS);
  } catch {
    // Nothing was copied; the reader can still select the text by hand.
  }
}

/**
 * Wires the buttons of the build's markup without React. Copy reads the
 * block's own text back; Copy all and Download bundle need every artifact of
 * the outcome, so they load the builders (the "reader-values" chunk), and
 * start loading them as soon as the pointer or focus reaches either button.
 */
function enhanceBlocks(root: HTMLElement, {strategy}: DefaultBlocksProps): () => void {
  const status = root.querySelector(`[${STATUS_ATTRIBUTE}]`);

  async function outcomeAction(action: 'copy-all' | 'bundle'): Promise<void> {
    let message: string;
    try {
      const live = await loadLive();
      const source = live.defaultSource(strategy);
      message = await (action === 'copy-all' ? live.copyAll(source) : live.downloadBundle(source));
    } catch {
      message = 'The script that builds this could not be loaded; reload the page to try again.';
    }
    if (status) status.textContent = message;
  }

  function onClick(event: MouseEvent): void {
    const hit = actionButton(root, event.target);
    if (!hit) return;
    if (hit.action === 'copy-block') void copyBlock(hit.button);
    else void outcomeAction(hit.action);
  }

  function preload(event: Event): void {
    const hit = actionButton(root, event.target);
    if (hit && hit.action !== 'copy-block') void loadLive().catch(() => undefined);
  }

  root.addEventListener('click', onClick);
  root.addEventListener('pointerover', preload);
  root.addEventListener('focusin', preload);
  return function unwire(): void {
    root.removeEventListener('click', onClick);
    root.removeEventListener('pointerover', preload);
    root.removeEventListener('focusin', preload);
  };
}

// A type-only import of the real component: its props, none of its code.
const DefaultBlocks: typeof Real = clientIsland({
  name: defaultBlocksIsland,
  // With the highlighter, so the blocks appear highlighted in one go.
  load: () =>
    Promise.all([import(/* webpackChunkName: "default-blocks" */ '../DefaultBlocks'), loadCodeBlock()]).then(([module]) => module.default),
  enhance: enhanceBlocks,
});

export default DefaultBlocks;
