import type {ReactNode} from 'react';
import {useRef, useState} from 'react';
import Head from '@docusaurus/Head';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import {useHydratedSearch} from '@site/src/hooks/useHydratedSearch';
import {copyText} from '@site/src/utils/clipboard';
import {twinPath} from '@site/src/plugins/llms/twin';
import {useReaderValues} from '@site/src/hooks/useReaderValues';
import {guideValuesInUse} from '@site/src/utils/valuesQuery';
import {reportIssueUrl} from './reportIssue';
import {markdownAsShown} from './withValues';
import styles from './styles.module.css';

export interface PageActionsProps {
  /** The doc's permalink, baseUrl included. */
  readonly permalink: string;
  readonly title: string;
}

/**
 * Below every doc: copy the page's Markdown twin (built by src/plugins/llms and
 * fetched from this origin only when asked for), open it, or report a problem
 * on GitHub with the page and the chooser's state filled in.
 */
export default function PageActions({permalink, title}: PageActionsProps): ReactNode {
  const {siteConfig} = useDocusaurusContext();
  const search = useHydratedSearch();
  const {stored} = useReaderValues();
  const [status, setStatus] = useState('');
  const pending = useRef<{readonly url: string; readonly text: Promise<string>} | null>(null);
  const twin = twinPath(permalink, siteConfig.baseUrl);
  const repoUrl = siteConfig.customFields?.repoUrl;
  if (typeof repoUrl !== 'string') throw new Error('customFields.repoUrl is missing from docusaurus.config.ts');

  /** Starts loading on hover or focus, so that the click itself has the text ready. */
  function loadTwin(): Promise<string> {
    // Keyed by URL: client-side navigation may keep this component for the next doc.
    if (pending.current?.url !== twin) {
      const text = fetch(twin).then(async (response) => {
        if (!response.ok) throw new Error(`The Markdown version could not be loaded (HTTP ${response.status}).`);
        return response.text();
      });
      const entry = {url: twin, text};
      // A failed load may succeed on the next try.
      text.catch(() => {
        if (pending.current === entry) pending.current = null;
      });
      pending.current = entry;
    }
    return pending.current.text;
  }

  async function copyPage(): Promise<void> {
    try {
      const twinText = await loadTwin();
      // The values the guide uses, as its files and prose show them: the address's, else the stored ones.
      const shown = await markdownAsShown(twinText, (strategy) => guideValuesInUse(search, stored, strategy));
      await copyText(shown);
      setStatus(shown === twinText ? 'Copied this page as Markdown.' : 'Copied this page as Markdown, with your values.');
    } catch (error) {
      setStatus(error instanceof Error ? error.message : 'Copying failed.');
    }
  }

  return (
    <div className={styles.actions}>
      <Head>
        <link rel="alternate" type="text/markdown" href={twin} />
      </Head>
      <button
        type="button"
        className="button button--secondary button--sm"
        onPointerEnter={() => void loadTwin().catch(() => undefined)}
        onFocus={() => void loadTwin().catch(() => undefined)}
        onClick={() => void copyPage()}>
        Copy page as Markdown
      </button>
      <a href={twin} type="text/markdown">
        View as Markdown
      </a>
      <a href={reportIssueUrl({repoUrl, path: permalink, title, search})}>
        Report a problem with this page
      </a>
      <span role="status" aria-live="polite" className={styles.status}>
        {status}
      </span>
    </div>
  );
}
