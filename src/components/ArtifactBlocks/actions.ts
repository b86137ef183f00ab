/**
 * What the blocks' buttons do, apart from React: the same functions serve the
 * React-rendered blocks and the build-time markup a guide keeps through
 * hydration (src/buildTime/client/DefaultBlocks.tsx), which finds its buttons
 * by ACTION_ATTRIBUTE.
 */
import type {OutcomeSource} from './index';
import {artifactStage, isStep, runnableScript} from '@site/src/manifests/runnable';
import {copyText, downloadBytes} from '@site/src/utils/clipboard';

/** Marks each button with what it does. */
export const ACTION_ATTRIBUTE = 'data-block-action';
/** Marks the line that reports what Copy all and Download bundle did. */
export const STATUS_ATTRIBUTE = 'data-block-status';
/** How long a Copy button says "Copied". */
export const COPIED_FOR_MS = 2000;

export type BlockAction = 'copy-block' | 'copy-all' | 'bundle';

/** Copies every step of the outcome as one script; resolves to the line to show the reader. */
export async function copyAll(outcome: OutcomeSource): Promise<string> {
  try {
    await copyText(runnableScript(outcome.outcome, outcome.artifacts));
    // Counted as the script runs them: set-up only (clean-up waits for CLEANUP=1, GitOps alternatives are left out).
    const setup = outcome.artifacts.filter((artifact) => artifactStage(artifact) === 'setup');
    const steps = setup.filter(isStep).length;
    return `Copied one script: ${steps} steps and the ${setup.length - steps} files they read.`;
  } catch (error) {
    return error instanceof Error ? error.message : 'Copying failed.';
  }
}

/** Offers the outcome's bundle as a download; resolves to the line to show the reader. */
export async function downloadBundle(outcome: OutcomeSource): Promise<string> {
  try {
    // Loaded on click: the zip library is not part of any page's initial JavaScript.
    const {buildBundle, bundleFileName} = await import('@site/src/manifests/bundle');
    downloadBytes(bundleFileName(outcome.outcome), buildBundle(outcome), 'application/zip');
    return `Downloaded ${bundleFileName(outcome.outcome)}.`;
  } catch (error) {
    return error instanceof Error ? `The bundle failed: ${error.message}` : 'The bundle failed.';
  }
}

/**
 * A highlighted block's text as the builder wrote it, read back from its
 * markup: one `.token-line` per line, and the final newline every artifact
 * ends with (the highlighter drops it; a test holds every artifact to it).
 */
export function blockText(container: Element): string {
  const lines = Array.from(container.querySelectorAll('pre code .token-line'), (line) => line.textContent ?? '');
  return `${lines.join('\n')}\n`;
}
