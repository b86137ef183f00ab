import type {ReactNode} from 'react';
import {useEffect, useState} from 'react';
import CodeBlock from '@theme/CodeBlock';
import type {OutcomeId} from '@site/src/data/decisionTree';
import type {Artifact, RawInput} from '@site/src/manifests/types';
import {appliedManifests, isStep, stepReads} from '@site/src/manifests/runnable';
import {PUBLISHED_PATH_ATTRIBUTE, UNKNOWN_ORIGIN} from '@site/src/manifests/published';
import {copyText, downloadText} from '@site/src/utils/clipboard';
import {copyAll, downloadBundle} from './actions';
import {ACTION_ATTRIBUTE, COPIED_FOR_MS, STATUS_ATTRIBUTE, type BlockAction} from './markup';
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
  /** The artifacts are the defaults the build publishes, at these URLs. Only set it for defaults. */
  readonly published?: PublishedFiles;
  /**
   * Plain text, without highlighting or buttons: for the overview's no-JavaScript fallback, where nothing can run
   * the buttons, and where six outcomes' files as highlighted markup were 626 kB of the overview's 674 kB of HTML,
   * which every reader with JavaScript downloads and parses too (as the raw text of a `<noscript>`).
   */
  readonly plain?: boolean;
}

/** Where the build publishes the default files. */
export interface PublishedFiles {
  /** The site's public origin, or null where the build was not told it (the browser supplies its own). */
  readonly origin: string | null;
  /** A file's path from the origin, baseUrl included. */
  readonly path: (fileName: string) => string;
}

const MIME: Record<Artifact['language'], string> = {
  yaml: 'application/yaml',
  bash: 'text/x-shellscript',
  nginx: 'text/plain',
};

/** Builder artifacts as syntax-highlighted code blocks, each with a Copy button beside its title. */
export default function ArtifactBlocks({
  artifacts,
  headingLevel = 4,
  actions = true,
  source,
  outcomeActions = false,
  published,
  plain = false,
}: ArtifactBlocksProps): ReactNode {
  const [status, setStatus] = useState('');
  const Heading = `h${headingLevel}` as const;
  const all = source?.artifacts ?? artifacts;
  const files = all.filter((artifact) => !isStep(artifact));
  const manifests = new Set(appliedManifests(all).map((artifact) => artifact.id));
  const readers = new Set(all.filter(isStep).flatMap(stepReads));
  const toolbar = source !== undefined && (actions || outcomeActions);

  async function run(action: (outcome: OutcomeSource) => Promise<string>, outcome: OutcomeSource): Promise<void> {
    setStatus(await action(outcome));
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
            {...{[ACTION_ATTRIBUTE]: 'copy-all' satisfies BlockAction}}
            onClick={() => void run(copyAll, source)}>
            Copy all
          </button>
          <button
            type="button"
            className="button button--secondary button--sm"
            title="Every file, numbered in the order to run, with a README, as one zip"
            {...{[ACTION_ATTRIBUTE]: 'bundle' satisfies BlockAction}}
            onClick={() => void run(downloadBundle, source)}>
            Download bundle
          </button>
          <span role="status" aria-live="polite" className={styles.status} {...{[STATUS_ATTRIBUTE]: ''}}>
            {status}
          </span>
        </div>
      )}
      {artifacts.map((artifact) => {
        const reads = isStep(artifact) ? files.filter((file) => stepReads(artifact).includes(file.fileName)) : [];
        const path = published && !isStep(artifact) && readers.has(artifact.fileName) ? published.path(artifact.fileName) : null;
        const url = path === null ? null : `${published?.origin ?? UNKNOWN_ORIGIN}${path}`;
        return (
          <section key={artifact.id} className={styles.artifact} data-artifact={artifact.id}>
            <div className={styles.header}>
              <Heading className={styles.title}>{artifact.title}</Heading>
              <span className={styles.buttons}>
                {!plain && <CopyButton artifact={artifact} />}
                {actions && !plain && (
                  <button
                    type="button"
                    className="button button--secondary button--sm"
                    aria-label={`Download ${artifact.fileName}`}
                    onClick={() => downloadText(artifact.fileName, artifact.text, MIME[artifact.language])}>
                    Download
                  </button>
                )}
              </span>
            </div>
            {artifact.note && <p className={styles.note}>{artifact.note}</p>}
            {reads.length > 0 && (
              <p className={styles.note} data-reads={reads.map((file) => file.fileName).join(' ')}>
                {readsNote(reads, actions, Boolean(published))}
              </p>
            )}
            {plain ? (
              <figure className={styles.plainFile}>
                <figcaption className={styles.plainName}>{artifact.fileName}</figcaption>
                <pre>
                  <code>{artifact.text}</code>
                </pre>
              </figure>
            ) : (
              <CodeBlock language={artifact.language} title={artifact.fileName}>
                {artifact.text}
              </CodeBlock>
            )}
            {url && (
              <p className={styles.published}>
                {manifests.has(artifact.id) ? 'Apply the default straight from this site: ' : 'Or save the default from this site: '}
                <code
                  data-published-url={published?.origin ? url : undefined}
                  {...{[PUBLISHED_PATH_ATTRIBUTE]: path}}>
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

/** Copies one block's text; the label says so for a moment. */
function CopyButton({artifact}: {readonly artifact: Artifact}): ReactNode {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return undefined;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className={`button button--secondary button--sm ${styles.copy}`}
      aria-label={`Copy ${artifact.fileName}`}
      {...{[ACTION_ATTRIBUTE]: 'copy-block' satisfies BlockAction}}
      onClick={() => void copyText(artifact.text).then(() => setCopied(true), () => setCopied(false))}>
      {copied ? 'Copied' : 'Copy'}
    </button>
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
