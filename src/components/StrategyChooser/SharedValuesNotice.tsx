import type {ReactNode} from 'react';
import type {SharedValues} from './useChooserState';
import styles from './styles.module.css';

/** Says that a shared link's values are shown instead of the reader's, and lets them choose. */
export default function SharedValuesNotice({shared}: {readonly shared: SharedValues | null}): ReactNode {
  return (
    <div role="status" aria-live="polite" className={styles.sharedNotice} data-testid="shared-values">
      {shared && (
        <>
          <p>
            This link carries its own values ({shared.differing} {shared.differing === 1 ? 'differs' : 'differ'} from
            yours). They apply to this view only; your stored values are unchanged until you keep these.
          </p>
          <button type="button" className="button button--primary button--sm" onClick={shared.keep}>
            Keep these values
          </button>{' '}
          <button type="button" className="button button--secondary button--sm" onClick={shared.discard}>
            Use my values
          </button>
        </>
      )}
    </div>
  );
}
