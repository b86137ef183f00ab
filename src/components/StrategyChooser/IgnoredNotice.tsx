import type {ReactNode} from 'react';
import styles from './styles.module.css';

/**
 * Names what a link or the reader's store held that the page does not use,
 * each with its reason, so nothing is dropped without the reader knowing.
 * The element stays in the page while empty, so a screen reader hears it when it fills.
 */
export interface IgnoredNoticeProps {
  readonly messages: readonly string[];
  /** Where the messages come from, as words that follow "One thing", e.g. "in your stored values". */
  readonly source: string;
}

export default function IgnoredNotice({messages, source}: IgnoredNoticeProps): ReactNode {
  return (
    <div role="status" aria-live="polite" data-testid="ignored-input">
      {messages.length > 0 && (
        <div className={`alert alert--warning ${styles.ignored}`}>
          <p>
            {messages.length === 1 ? 'One thing' : `${messages.length} things`} {source} could not be used, so the page
            leaves {messages.length === 1 ? 'it' : 'them'} out:
          </p>
          <ul>
            {messages.map((message, index) => (
              // The same sentence can come twice (a parameter given three times); the position keeps keys apart.
              <li key={`${index}-${message}`}>{message}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
