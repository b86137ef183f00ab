import type {ReactNode} from 'react';
import {useState} from 'react';
import CodeBlock from '@theme/CodeBlock';
import type {OutcomeId} from '@site/src/data/decisionTree';
import type {Artifact, RawInput} from '@site/src/manifests/types';
import {appliedManifests, artifactStage, isStep, runnableScript, stepReads} from '@site/src/manifests/runnable';
import {copyText, downloadBytes, downloadText} from '@site/src/utils/clipboard';
import styles from './styles.module.css';

/** The outcome a set of blocks belongs to: what "Copy all" and "Download bundle" are built from. */
export interface OutcomeSource {
  readonly outcome: OutcomeId;
  /** The raw form values the artifacts were built from. */
  readonly values: RawInput;
  /** Every artifact of the outcome, in page order (a guide section shows only some of them). */
  readonly artifacts: readonly Artifact[];
}

export interface ArtifactBlocksProps {
  readonly artifacts: readonly Artifact[];
  /** Heading level for each artifact's title, so the blocks fit the page's outline. */
  readonly headingLevel?: 3 | 4 | 5;
  /** Show Download per artifact, and Copy all and Download bundle when `source` is given; off where the text is reference only. */
  readonly actions?: boolean;
  /** The outcome behind these blocks. */
  readonly source?: OutcomeSource;
  /** Show Copy all and Download bundle even without the per-artifact buttons (once per guide). */
  readonly outcomeActions?: boolean;
  /**
   * The artifacts are the defaults the build publishes: a function from file
   * name to that file's absolute URL on this site. Only set it for defaults.
   */
  readonly publishedUrl?: (fileName: string) => string;
}

const MIME: Record<Artifact['language'], string> = {
  yaml: 'application/yaml',
  bash: 'text/x-shellscript',
  nginx: 'text/plain',
};

/** Builder artifacts as syntax-highlighted code blocks, each with the theme's copy button. */
export default function ArtifactBlocks({
  artifacts,
  headingLevel = 4,
  actions = true,
  source,
  outcomeActions = false,
  publishedUrl,
}: ArtifactBlocksProps): ReactNode {
  const [status, setStatus] = useState('');
  const Heading = `h${headingLevel}` as const;
  const all = source?.artifacts ?? artifacts;
  const files = all.filter((artifact) => !isStep(artifact));
  const manifests = new Set(appliedManifests(all).map((artifact) => artifact.id));
  const readers = new Set(all.filter(isStep).flatMap(stepReads));
  const toolbar = source !== undefined && (actions || outcomeActions);

  async function copyAll(outcome: OutcomeSource): Promise<void> {
    try {
      await copyText(runnableScript(outcome.outcome, outcome.artifacts));
      // Counted as the script runs them: set-up only (clean-up waits for CLEANUP=1, GitOps alternatives are left out).
      const setup = outcome.artifacts.filter((artifact) => artifactStage(artifact) === 'setup');
      const steps = setup.filter(isStep).length;
      setStatus(`Copied one script: ${steps} steps and the ${setup.length - steps} files they read.`);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : 'Copying failed.');
    }
  }

  async function downloadBundle(outcome: OutcomeSource): Promise<void> {
    try {
      // Loaded on click: the zip library is not part of any page's initial JavaScript.
      const {buildBundle, bundleFileName} = await import('@site/src/manifests/bundle');
      downloadBytes(bundleFileName(outcome.outcome), buildBundle(outcome), 'application/zip');
      setStatus(`Downloaded ${bundleFileName(outcome.outcome)}.`);
    } catch (error) {
      setStatus(error instanceof Error ? `The bundle failed: ${error.message}` : 'The bundle failed.');
    }
  }

  return (
    <div className={styles.artifacts}>
      {toolbar && (
        <div className={styles.toolbar}>
          {!actions && <span className={styles.toolbarLabel}>Every step of this strategy:</span>}
          <button
            type="button"
            className="button button--primary button--sm"
            title="Every step as one bash script that writes the files it reads"
            onClick={() => void copyAll(source)}>
            Copy all
          </button>
          <button
            type="button"
            className="button button--secondary button--sm"
            title="Every file, numbered in the order to run, with a README, as one zip"
            onClick={() => void downloadBundle(source)}>
            Download bundle
          </button>
          <span role="status" aria-live="polite" className={styles.status}>
            {status}
          </span>
        </div>
      )}
      {artifacts.map((artifact) => {
        const reads = isStep(artifact) ? files.filter((file) => stepReads(artifact).includes(file.fileName)) : [];
        const url = publishedUrl && !isStep(artifact) && readers.has(artifact.fileName) ? publishedUrl(artifact.fileName) : null;
        return (
          <section key={artifact.id} className={styles.artifact} data-artifact={artifact.id}>
            <div className={styles.header}>
              <Heading className={styles.title}>{artifact.title}</Heading>
              {actions && (
                <button
                  type="button"
                  className="button button--secondary button--sm"
                  aria-label={`Download ${artifact.fileName}`}
                  onClick={() => downloadText(artifact.fileName, artifact.text, MIME[artifact.language])}>
                  Download
                </button>
              )}
            </div>
            {artifact.note && <p className={styles.note}>{artifact.note}</p>}
            {reads.length > 0 && (
              <p className={styles.note} data-reads={reads.map((file) => file.fileName).join(' ')}>
                {readsNote(reads, actions, Boolean(publishedUrl))}
              </p>
            )}
            <CodeBlock language={artifact.language} title={artifact.fileName}>
              {artifact.text}
            </CodeBlock>
            {url && (
              <p className={styles.published}>
                {manifests.has(artifact.id) ? 'Apply the default straight from this site: ' : 'Or save the default from this site: '}
                <code data-published-url={url}>
                  {manifests.has(artifact.id) ? `kubectl apply -f ${url}` : `curl -fsSLo ${artifact.fileName} ${url}`}
                </code>
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}

/** Tells a reader pasting one step which files must be saved beside it first. */
function readsNote(files: readonly Artifact[], downloads: boolean, published: boolean): string {
  const names = files.map((file) => file.fileName).join(' and ');
  const one = files.length === 1;
  const how = downloads
    ? `${one ? 'its Download button saves it' : 'their Download buttons save them'}, and Copy all writes ${one ? 'it' : 'them'} for you`
    : published
      ? `save ${one ? 'that block under its name' : 'those blocks under their names'}, or fetch the default with the command under ${one ? 'it' : 'each'}`
      : `save ${one ? 'that block under its name' : 'those blocks under their names'}`;
  return `Reads ${names} from the current folder: ${how}.`;
}
