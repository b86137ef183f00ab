import type {ReactNode} from 'react';
import type {FieldSpec} from '@site/src/manifests/types';
import type {SharedValues} from '@site/src/hooks/useValuesInUrl';
import {fieldShown} from '@site/src/manifests/types';
import styles from './styles.module.css';

export interface SharedValuesNoticeProps {
  readonly shared: SharedValues | null;
  /** The strategy's fields in the form's order: the list follows it. */
  readonly fields: readonly FieldSpec[];
  /** The values the form shows, which are the link's while the notice is up. */
  readonly values: Readonly<Record<string, string>>;
  /** Prefix of the form's input ids, so each entry can point at its input. */
  readonly inputIdPrefix: string;
}

/** How a value reads in the list: line breaks kept, an empty one said in words. */
function shownValue(value: string): ReactNode {
  return value === '' ? <em>(empty)</em> : <code className={styles.sharedValue}>{value}</code>;
}

/**
 * Says that a shared link's values are shown instead of the reader's, names
 * every one of them (label and value, in the form's order, hidden fields
 * included) and lets the reader keep or drop them. The element stays in the
 * page while empty, so a screen reader hears it when it fills.
 */
export default function SharedValuesNotice({shared, fields, values, inputIdPrefix}: SharedValuesNoticeProps): ReactNode {
  const listed = shared ? fields.filter((field) => shared.differing.has(field.name)) : [];
  return (
    <div role="status" aria-live="polite" className={styles.sharedNotice} data-testid="shared-values">
      {shared && (
        <>
          <p>
            This link sets {listed.length === 1 ? 'this value' : `these ${listed.length} values`}, which differ from yours. They
            apply to this view only, and are marked in the form below; your stored values are unchanged until you keep these.
          </p>
          <dl className={styles.sharedList}>
            {listed.map((field) => {
              const shown = fieldShown(fields, field, values);
              return (
                <div key={field.name} data-shared-field={field.name}>
                  <dt>
                    {shown ? <a href={`#${inputIdPrefix}-${field.name}`}>{field.label}</a> : field.label}
                    {!shown && <span className={styles.sharedHidden}> (not in the form with the current options)</span>}
                  </dt>
                  <dd>{shownValue(values[field.name] ?? '')}</dd>
                </div>
              );
            })}
          </dl>
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
