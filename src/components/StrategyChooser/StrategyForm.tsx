import type {ReactNode} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {fieldShown, type FieldSpec} from '@site/src/manifests/types';
import styles from './styles.module.css';

export interface StrategyFormProps {
  readonly outcome: OutcomeId;
  readonly fields: readonly FieldSpec[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: ReadonlyMap<string, readonly string[]>;
  readonly onChange: (name: string, value: string) => void;
  /** Prefix of the inputs' ids; differs where a page could hold another form of the same outcome. */
  readonly idPrefix?: string;
  /** The form's accessible name. */
  readonly label?: string;
  /** The sentence above the fields. */
  readonly intro?: string;
  /** Fields a shared link set, marked until the reader keeps or drops its values. */
  readonly marked?: ReadonlySet<string>;
}

/** A lines field grows with its text up to this many rows, then scrolls: the page keeps its size whatever the value. */
const MAX_ROWS = 15;
/** Errors listed under one field; the rest are counted, so thousands of bad lines cannot make the page endless. */
const MAX_ERRORS_SHOWN = 10;
const NO_MARKS: ReadonlySet<string> = new Set();

const CHOOSER_INTRO =
  'Adjust these to your cluster; the files below follow as you type. Values are kept in this browser for this site and in the page address, so a shared link carries them; no field asks for a secret.';

/** The strategy's inputs; every error is tied to its field and announced. */
export default function StrategyForm({
  outcome,
  fields,
  values,
  errors,
  onChange,
  idPrefix = 'chooser',
  label = 'Your values',
  intro = CHOOSER_INTRO,
  marked = NO_MARKS,
}: StrategyFormProps): ReactNode {
  const errorCount = [...errors.values()].reduce((n, list) => n + list.length, 0);
  // The summary links each field with a problem, so a reader who sees the count can go straight to it.
  const invalidFields = fields.filter((field) => (errors.get(field.name)?.length ?? 0) > 0 && fieldShown(fields, field, values));
  return (
    <form className={styles.form} onSubmit={(event) => event.preventDefault()} aria-label={label} noValidate>
      <p className={styles.formIntro}>{intro}</p>
      {fields.filter((field) => fieldShown(fields, field, values)).map((field) => {
        const id = `${idPrefix}-${outcome}-${field.name}`;
        const fieldErrors = errors.get(field.name) ?? [];
        const helpId = field.help ? `${id}-help` : undefined;
        const errorId = fieldErrors.length > 0 ? `${id}-error` : undefined;
        const fromLink = marked.has(field.name);
        const markId = fromLink ? `${id}-from-link` : undefined;
        const common = {
          id,
          name: field.name,
          value: values[field.name] ?? '',
          'aria-invalid': fieldErrors.length > 0,
          'aria-describedby': [markId, errorId, helpId].filter(Boolean).join(' ') || undefined,
        };
        const shownErrors = fieldErrors.slice(0, MAX_ERRORS_SHOWN);
        const moreErrors = fieldErrors.length - shownErrors.length;
        return (
          <div key={field.name} className={fromLink ? `${styles.field} ${styles.fromLink}` : styles.field} data-from-link={fromLink || undefined}>
            <label htmlFor={id} className={styles.label}>
              {field.label}
            </label>
            {markId && (
              <p id={markId} className={styles.fromLinkNote}>
                Set by the link you opened
              </p>
            )}
            {field.kind === 'select' ? (
              <select {...common} onChange={(e) => onChange(field.name, e.target.value)}>
                {(field.options ?? []).map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            ) : field.kind === 'lines' ? (
              <textarea
                {...common}
                rows={Math.min(MAX_ROWS, Math.max(2, (values[field.name] ?? '').split('\n').length))}
                spellCheck={false}
                onChange={(e) => onChange(field.name, e.target.value)}
              />
            ) : (
              <input
                {...common}
                type="text"
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => onChange(field.name, e.target.value)}
              />
            )}
            {errorId && (
              <ul id={errorId} className={styles.error}>
                {shownErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
                {moreErrors > 0 && <li>…and {moreErrors} more like these; fix the ones above first.</li>}
              </ul>
            )}
            {helpId && (
              <p id={helpId} className={styles.help}>
                {field.help}
              </p>
            )}
          </div>
        );
      })}
      <p role="status" aria-live="polite" className={styles.summary}>
        {errorCount > 0 && (
          <>
            {`${errorCount} ${errorCount === 1 ? 'value needs' : 'values need'} fixing: `}
            {invalidFields.map((field, index) => (
              <span key={field.name}>
                {index > 0 && ', '}
                <a href={`#${idPrefix}-${outcome}-${field.name}`}>{field.label}</a>
              </span>
            ))}
            .
          </>
        )}
      </p>
    </form>
  );
}
