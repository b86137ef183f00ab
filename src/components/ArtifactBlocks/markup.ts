/**
 * How the blocks' markup names its buttons and status line, and how a block's
 * text is read back from it. Kept apart from the builders and the script
 * writer so the browser's stand-in for a guide's build-time blocks
 * (src/buildTime/client/DefaultBlocks.tsx) can use it without loading them.
 */

/** Marks each button with what it does. */
export const ACTION_ATTRIBUTE = 'data-block-action';
/** Marks the line that reports what Copy all and Download bundle did. */
export const STATUS_ATTRIBUTE = 'data-block-status';
/** How long a Copy button says "Copied". */
export const COPIED_FOR_MS = 2000;

export type BlockAction = 'copy-block' | 'copy-all' | 'bundle';

/**
 * A highlighted block's text as the builder wrote it, read back from its
 * markup: one `.token-line` per line, and the final newline every artifact
 * ends with (the highlighter drops it; a test holds every artifact to it).
 */
export function blockText(container: Element): string {
  const lines = Array.from(container.querySelectorAll('pre code .token-line'), (line) => line.textContent ?? '');
  return `${lines.join('\n')}\n`;
}
