/**
 * What Copy all and Download bundle do, apart from React: the same functions
 * serve the React-rendered blocks and the build-time markup a guide keeps
 * through hydration (src/buildTime/client/DefaultBlocks.tsx).
 */
import type {OutcomeSource} from './index';
import {artifactStage, isStep, runnableScript} from '@site/src/manifests/runnable';
import {copyText, downloadBytes} from '@site/src/utils/clipboard';
import {count} from '@site/src/utils/count';

/** Copies every step of the outcome as one script; resolves to the line to show the reader. */
export async function copyAll(outcome: OutcomeSource): Promise<string> {
  try {
    await copyText(runnableScript(outcome.outcome, outcome.artifacts));
    // Counted as the script runs them: set-up only (clean-up waits for CLEANUP=1, GitOps alternatives are left out).
    const setup = outcome.artifacts.filter((artifact) => artifactStage(artifact) === 'setup');
    const steps = setup.filter(isStep).length;
    const files = setup.length - steps;
    const read = files === 0 ? '' : ` and the ${count(files, 'file')} ${steps === 1 ? 'it reads' : 'they read'}`;
    return `Copied one script: ${count(steps, 'step')}${read}.`;
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
