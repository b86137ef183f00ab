import type {ReactNode} from 'react';
import {useMemo} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw} from '@site/src/manifests';
import ArtifactBlocks from '@site/src/components/ArtifactBlocks';
// The real component, not the page stand-in: this chunk already holds the builders it reads, so it renders at once.
import CheckedAgainst from '@site/src/buildTime/CheckedAgainst';
import StrategyForm from './StrategyForm';
import SharedValuesNotice from './SharedValuesNotice';
import type {SharedValues} from './useChooserState';
import {issuesByField, nonDefaultInputs} from './formState';
import {FILES_ANCHOR} from './OutcomeSummary';
import styles from './styles.module.css';

/** The chooser form's input ids start with this (StrategyForm's default). */
const ID_PREFIX = 'chooser';

export interface OutcomePanelProps {
  readonly outcome: OutcomeId;
  /** Non-default form values from the URL. */
  readonly inputs: Readonly<Record<string, string>>;
  readonly onInputsChange: (inputs: Readonly<Record<string, string>>) => void;
  /** Set while a shared link's values win over the reader's stored ones. */
  readonly shared: SharedValues | null;
}

/**
 * The reached strategy's inputs and generated files, below the summary and the
 * flowchart (OutcomeSummary says why it fits and what it needs). Loaded in a
 * chunk of its own (panelLoader.ts): only this module imports the builders.
 */
export default function OutcomePanel({outcome, inputs, onInputsChange, shared}: OutcomePanelProps): ReactNode {
  const builder = BUILDERS[outcome];
  const defaults = useMemo(() => defaultRaw(outcome), [outcome]);
  const values = useMemo(() => ({...defaults, ...pickKnown(inputs, defaults)}), [defaults, inputs]);
  const result = useMemo(() => buildFromRaw(outcome, values), [outcome, values]);
  const errors = result.ok ? new Map<string, string[]>() : issuesByField(result.issues);

  function change(name: string, value: string): void {
    onInputsChange(nonDefaultInputs({...values, [name]: value}, defaults));
  }

  return (
    <div className={styles.outcome} data-outcome={outcome}>
      <SharedValuesNotice shared={shared} fields={builder.fields} values={values} inputIdPrefix={`${ID_PREFIX}-${outcome}`} />
      <CheckedAgainst outcome={outcome} subject="this strategy" />
      <StrategyForm
        outcome={outcome}
        fields={builder.fields}
        values={values}
        errors={errors}
        onChange={change}
        idPrefix={ID_PREFIX}
        marked={shared?.differing}
      />
      <section id={FILES_ANCHOR} tabIndex={-1} className={styles.files} aria-label="Your files">
        {result.ok ? (
          <ArtifactBlocks artifacts={result.artifacts} source={{outcome, values, artifacts: result.artifacts}} />
        ) : (
          <div className="alert alert--warning" role="status" data-testid="artifacts-invalid">
            The files are hidden until the {result.issues.length === 1 ? 'error' : `${result.issues.length} errors`}{' '}
            above {result.issues.length === 1 ? 'is' : 'are'} fixed, so nothing stale or broken can be copied.
          </div>
        )}
      </section>
    </div>
  );
}

function pickKnown(
  inputs: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>,
): Record<string, string> {
  // Parameters for fields this strategy does not have (an edited URL) are dropped, not passed to the builder.
  return Object.fromEntries(Object.entries(inputs).filter(([name]) => Object.hasOwn(defaults, name)));
}
