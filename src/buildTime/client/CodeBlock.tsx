import type Real from '../CodeBlock';
import {CODE_BLOCK_ISLAND} from '../names';
import {clientIsland} from '../island';
import {loadCodeBlock, loadedCodeBlock} from '../codeBlockLoader';
import {copyText} from '@site/src/utils/clipboard';
import styles from '../island.module.css';

const COPIED_FOR_MS = 2000;

/**
 * The theme adds its copy button only in the browser, so the build's markup
 * has none: kept markup gets a Copy button of its own, which copies the
 * block's lines as the theme's button would (without a final newline).
 */
function addCopyButton(root: HTMLElement): () => void {
  const buttons: HTMLButtonElement[] = [];
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const holder = pre.parentElement;
    if (!holder) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `clean-btn ${styles.copy}`;
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code to clipboard');
    button.addEventListener('click', () => {
      const lines = Array.from(pre.querySelectorAll('.token-line'), (line) => line.textContent ?? '');
      copyText(lines.join('\n')).then(
        () => {
          button.textContent = 'Copied';
          setTimeout(() => {
            button.textContent = 'Copy';
          }, COPIED_FOR_MS);
        },
        () => undefined,
      );
    });
    holder.append(button);
    buttons.push(button);
  }
  return function removeCopyButtons(): void {
    for (const button of buttons) button.remove();
  };
}

/**
 * Code blocks keep the build's highlighted markup through hydration, with a
 * Copy button added; the highlighter loads only when a block is rendered in
 * the browser (the reader's own values, the chooser's outcome, a page reached
 * by navigation).
 */
const CodeBlock: typeof Real = clientIsland({
  name: () => CODE_BLOCK_ISLAND,
  load: loadCodeBlock,
  loaded: loadedCodeBlock,
  enhance: addCopyButton,
});

export default CodeBlock;
