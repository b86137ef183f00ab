import type {ReactNode} from 'react';
import {useEffect, useState} from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import type {OutcomeId} from '@site/src/data/decisionTree';
import type {FieldSpec} from '@site/src/manifests/types';
import {useGuideValues} from '@site/src/hooks/useGuideValues';
import {copyText} from '@site/src/utils/clipboard';
import {encodeGuideValues} from '@site/src/utils/valuesQuery';
import IgnoredNotice from '@site/src/components/StrategyChooser/IgnoredNotice';
import SharedValuesNotice from '@site/src/components/StrategyChooser/SharedValuesNotice';
import {useLive} from './useLive';
import styles from './styles.module.css';

/** The form's input ids start with this (LiveForm's StrategyForm), then the strategy. */
const ID_PREFIX = 'values';

const NO_FIELDS: readonly FieldSpec[] = [];

/** What the status line says after a link was copied. */
function copiedMessage(count: number): string {
  return count === 0
    ? 'Copied a link to this guide; it uses the defaults.'
    : `Copied a link to this guide with your ${count === 1 ? 'value' : `${count} values`}.`;
}

/**
 * A guide's "Your values" region: which values the page shows, the form to
 * change them (loaded when opened or when values apply), Reset, and a link
 * that opens the page with the same values. A link's values are named, and
 * kept or dropped by the reader, as on the chooser. The build and the first
 * client render show the defaults' state, and the region keeps its size when
 * the marker changes, so nothing moves on load.
 */
export default function YourValues({strategy}: {readonly strategy: OutcomeId}): ReactNode {
  const isBrowser = useIsBrowser();
  // The one caller on the page that puts the stored values into an address without any.
  const {inputs: overrides, setInputs, shared, ignored, reset} = useGuideValues(strategy, true);
  const custom = Object.keys(overrides).length > 0;
  const [open, setOpen] = useState(false);
  const live = useLive(custom || open);
  const ready = live.status === 'ready' ? live.live : null;
  const invalid = custom && ready !== null && !ready.liveIsValid(strategy, overrides);
  const fromLink = shared !== null;
  const [status, setStatus] = useState('');

  useEffect(() => {
    // Invalid values hide every block, and a link's values are marked in the form: either needs the form in view.
    if (invalid || fromLink) setOpen(true);
  }, [invalid, fromLink]);

  function resetValues(): void {
    reset();
    setStatus('Back to the defaults; the files on this page show them again.');
  }

  /** This page's address with the values it uses: opening it shows the same prose and files. */
  async function copyLink(): Promise<void> {
    const {origin, pathname, search, hash} = window.location;
    const link = `${origin}${pathname}${encodeGuideValues(overrides, search)}${hash}`;
    try {
      await copyText(link);
      setStatus(copiedMessage(Object.keys(overrides).length));
    } catch {
      setStatus(`Copying failed; the link is ${link}`);
    }
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
        <button type="button" className="button button--secondary button--sm" disabled={!custom} onClick={resetValues}>
          Reset to the defaults
        </button>
        <button type="button" className="button button--secondary button--sm" onClick={() => void copyLink()}>
          Copy link with my values
        </button>
      </div>
      <IgnoredNotice messages={ignored} source="in the link or in your stored values" />
      {/* In the page from the start, so a screen reader hears it when a link's values fill it. */}
      <SharedValuesNotice
        shared={ready ? shared : null}
        fields={ready ? ready.liveFields(strategy) : NO_FIELDS}
        values={ready ? ready.liveBuild(strategy, overrides).values : overrides}
        inputIdPrefix={`${ID_PREFIX}-${strategy}`}
      />
      <details
        className={styles.details}
        open={open}
        onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}>
        <summary>Change the values this guide uses</summary>
        {ready ? (
          <ready.LiveForm
            strategy={strategy}
            overrides={overrides}
            onInputsChange={setInputs}
            marked={shared?.differing}
            idPrefix={ID_PREFIX}
          />
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
