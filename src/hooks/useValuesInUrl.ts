/**
 * One strategy's values between the address and the reader's store, as the
 * chooser and every guide handle them: the address carries the values the
 * page uses, so a reload or a copied address shows the same files; a link's
 * values win for the view they open, and the reader keeps or drops them.
 */
import {useCallback, useEffect, useMemo} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {useReaderValues} from '@site/src/hooks/useReaderValues';
import {fieldsOf, overridesFor, withInputChanges, withoutOutcome} from '@site/src/utils/readerValues';
import {differingFields, valuesInUse} from '@site/src/utils/valuesQuery';

/** A shared link whose values differ from the reader's stored ones: they apply to this view only. */
export interface SharedValues {
  /** The fields whose value in the link differs from the reader's own (the link may set one back to its default). */
  readonly differing: ReadonlySet<string>;
  /** Store the link's values as the reader's own. */
  readonly keep: () => void;
  /** Replace the link's values with the reader's own. */
  readonly discard: () => void;
}

export interface ValuesInUrlOptions {
  /** The strategy the page shows; null while the chooser has not reached one. */
  readonly outcome: OutcomeId | null;
  /** The values the address carries for it, decoded and within the bounds. */
  readonly fromAddress: Readonly<Record<string, string>>;
  /** What the address held that is not used, each with the reason. */
  readonly addressIgnored: readonly string[];
  /** Writes these values into the address, replacing its history entry (typing must not flood the history). */
  readonly replace: (inputs: Readonly<Record<string, string>>) => void;
  /**
   * Whether this caller may put the stored values into an address that has
   * none: only one caller per page, and only once the address it reads is
   * the browser's (after hydration, and not while the chooser's answers are
   * on their way to it).
   */
  readonly writesAddress: boolean;
}

export interface ValuesInUrlApi {
  /** The values the page uses: the address's when it carries any, else the reader's stored ones. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The page's new values: into the address, and the fields that changed into the store. */
  readonly setInputs: (inputs: Readonly<Record<string, string>>) => void;
  /** Set while a link's values win over the reader's stored ones. */
  readonly shared: SharedValues | null;
  /** What the address or the store held that is not used, each with the reason. */
  readonly ignored: readonly string[];
  /** The strategy back at its defaults: its stored values dropped, and the address's with them. */
  readonly reset: () => void;
}

export function useValuesInUrl({outcome, fromAddress, addressIgnored, replace, writesAddress}: ValuesInUrlOptions): ValuesInUrlApi {
  const {stored, ignored: storedIgnored, update} = useReaderValues();
  const storedInputs = useMemo(() => (outcome ? overridesFor(stored, outcome) : {}), [stored, outcome]);
  const linkInputs = useMemo(() => {
    // Values for fields the strategy does not have never reach its form or its store.
    if (!outcome) return {};
    const fields = new Set(fieldsOf(outcome));
    return Object.fromEntries(Object.entries(fromAddress).filter(([name]) => fields.has(name)));
  }, [outcome, fromAddress]);
  const inputs = useMemo(() => (outcome ? valuesInUse(linkInputs, stored, outcome) : storedInputs), [outcome, linkInputs, stored, storedInputs]);
  const addressHasInputs = Object.keys(linkInputs).length > 0;

  const setInputs = useCallback(
    (next: Readonly<Record<string, string>>) => {
      replace(next);
      // Only the fields the reader changed are stored: a shared link's other values stay this view's.
      if (outcome) update((current) => withInputChanges(current, outcome, inputs, next));
    },
    [replace, update, outcome, inputs],
  );

  // An address without values (a plain link to the page) shows the stored ones and then carries them. One
  // with parts it cannot use keeps them in view, with the notice that names them, until the reader acts.
  const storedToAdd =
    writesAddress && outcome !== null && !addressHasInputs && addressIgnored.length === 0 && Object.keys(storedInputs).length > 0;
  useEffect(() => {
    if (storedToAdd) replace(storedInputs);
  }, [storedToAdd, storedInputs, replace]);

  const reset = useCallback(() => {
    if (!outcome) return;
    update((current) => withoutOutcome(current, outcome));
    replace({});
  }, [outcome, update, replace]);

  const differing = outcome && addressHasInputs ? differingFields(linkInputs, storedInputs) : null;
  const shared: SharedValues | null =
    outcome && differing
      ? {
          differing,
          keep: () => update((current) => withInputChanges(current, outcome, storedInputs, linkInputs)),
          discard: () => replace(storedInputs),
        }
      : null;

  const ignored = useMemo(() => [...addressIgnored, ...storedIgnored], [addressIgnored, storedIgnored]);
  return {inputs, setInputs, shared, ignored, reset};
}
