import type {ReactNode} from 'react';
import {useState} from 'react';
import CodeBlock from '@theme/CodeBlock';
import type {Artifact} from '@site/src/manifests/types';
import {copyText, downloadText} from '@site/src/utils/clipboard';
import styles from './styles.module.css';

export interface ArtifactBlocksProps {
  readonly artifacts: readonly Artifact[];
  /** Heading level for each artifact's title, so the blocks fit the page's outline. */
  readonly headingLevel?: 3 | 4 | 5;
  /** Show Download per artifact and one Copy all; off where the text is reference only. */
  readonly actions?: boolean;
}

const MIME: Record<Artifact['language'], string> = {
  yaml: 'application/yaml',
  bash: 'text/x-shellscript',
  nginx: 'text/plain',
};

/** Joins artifacts into one text for "Copy all", each introduced by a comment naming its file. */
export function joinArtifacts(artifacts: readonly Artifact[]): string {
  return artifacts.map((a) => `# ${a.title} (${a.fileName})\n${a.text}`).join('\n');
}

/** Builder artifacts as syntax-highlighted code blocks, each with the theme's copy button. */
export default function ArtifactBlocks({artifacts, headingLevel = 4, actions = true}: ArtifactBlocksProps): ReactNode {
  const [status, setStatus] = useState('');
  const Heading = `h${headingLevel}` as const;

  async function copyAll(): Promise<void> {
    try {
      await copyText(joinArtifacts(artifacts));
      setStatus(`Copied ${artifacts.length} files to the clipboard.`);
    } catch (error) {
      setStatus(error instanceof Error ? error.message : 'Copying failed.');
    }
  }

  return (
    <div className={styles.artifacts}>
      {actions && (
        <div className={styles.toolbar}>
          <button type="button" className="button button--primary button--sm" onClick={() => void copyAll()}>
            Copy all
          </button>
          <span role="status" aria-live="polite" className={styles.status}>
            {status}
          </span>
        </div>
      )}
      {artifacts.map((artifact) => (
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
          <CodeBlock language={artifact.language} title={artifact.fileName}>
            {artifact.text}
          </CodeBlock>
        </section>
      ))}
    </div>
  );
}
