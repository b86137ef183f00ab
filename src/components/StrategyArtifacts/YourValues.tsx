import type {ReactNode} from 'react';
import {useEffect, useState} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {useReaderValues} from '@site/src/hooks/useReaderValues';
import {overridesFor, withoutOutcome} from '@site/src/utils/readerValues';
import IgnoredNotice from '@site/src/components/StrategyChooser/IgnoredNotice';
import {useLive} from './useLive';
import styles from './styles.module.css';

/**
 * A guide's "Your values" region: which values the page shows, the form to
 * change them (loaded when opened or when stored values apply) and Reset.
 * The build and the first client render show the defaults' state, and the
 * region keeps its size when the marker changes, so nothing moves on load.
 */
export default function YourValues({strategy}: {readonly strategy: OutcomeId}): ReactNode {
  const isBrowser = useIsBrowser();
  const {stored, ignored, update} = useReaderValues();
  const overrides = overridesFor(stored, strategy);
  const custom = Object.keys(overrides).length > 0;
  const [open, setOpen] = useState(false);
  const live = useLive(custom || open);
  const invalid = custom && live.status === 'ready' && !live.live.liveIsValid(strategy, overrides);
  const [status, setStatus] = useState('');

  useEffect(() => {
    // Invalid stored values hide every block; the reader needs the errors in view to fix them.
    if (invalid) setOpen(true);
  }, [invalid]);

  function reset(): void {
    update((current) => withoutOutcome(current, strategy));
    setStatus('Back to the defaults; the files on this page show them again.');
  }

  const marker = !custom
    ? 'This page shows the defaults.'
    : live.status === 'loading' || live.status === 'idle'
      ? 'Applying your values…'
      : live.status === 'failed'
        ? 'Your values could not be applied (the script did not load); this page shows the defaults.'
        : invalid
          ? 'This page uses your values, and one needs fixing: the files stay hidden until it is.'
          : 'This page shows your values.';

  return (
    <section aria-label="Your values" id="your-values" className={styles.values} data-values={strategy}>
      <div className={styles.valuesHeader}>
        <span className={styles.valuesTitle}>Your values</span>
        <p className={styles.marker} data-values-marker={custom ? 'yours' : 'defaults'}>
          {marker}
        </p>
        <button type="button" className="button button--secondary button--sm" disabled={!custom} onClick={reset}>
          Reset to the defaults
        </button>
      </div>
      <IgnoredNotice messages={ignored} source="in your stored values" />
      <details
        className={styles.details}
        open={open}
        onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
        <summary>Change the values this guide uses</summary>
        {live.status === 'ready' ? (
          <live.live.LiveForm strategy={strategy} overrides={overrides} update={update} />
        ) : (
          <p>
            {!isBrowser
              ? 'Changing values needs JavaScript; without it this guide shows the defaults.'
              : live.status === 'failed'
                ? 'The form could not be loaded; reload the page to try again.'
                : 'Loading the form…'}
          </p>
        )}
      </details>
      <p role="status" aria-live="polite" className={styles.status}>
        {status}
      </p>
    </section>
  );
}
