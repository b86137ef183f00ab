/**
 * Everything a guide needs once the reader's values differ from the defaults:
 * the builders, the form and the blocks built from those values. Loaded with
 * import() only then (chunk "reader-values"), so a guide shown with its
 * defaults runs none of it in the browser.
 */
import type {ReactNode} from 'react';
import type {OutcomeId} from '@site/src/data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw, type BuildResult} from '@site/src/manifests';
import type {FieldSpec} from '@site/src/manifests/types';
import ArtifactBlocks, {type OutcomeSource} from '@site/src/components/ArtifactBlocks';
import StrategyForm from '@site/src/components/StrategyChooser/StrategyForm';
import {issuesByField, nonDefaultInputs} from '@site/src/components/StrategyChooser/formState';
import {artifactFence} from '@site/src/utils/pageMarkdown';
import styles from './styles.module.css';

export interface LiveBuild {
  readonly defaults: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
  readonly result: BuildResult;
}

// Every StrategyArtifacts on a page builds the same outcome from the same values: build once per change.
const cache = new Map<OutcomeId, {readonly key: string; readonly build: LiveBuild}>();

/** Defaults overlaid with the reader's values for this strategy, parsed and built. */
export function liveBuild(outcome: OutcomeId, overrides: Readonly<Record<string, string>>): LiveBuild {
  const key = JSON.stringify(overrides);
  const hit = cache.get(outcome);
  if (hit?.key === key) return hit.build;
  const defaults = defaultRaw(outcome);
  const values = {...defaults, ...overrides};
  const build = {defaults, values, result: buildFromRaw(outcome, values)};
  cache.set(outcome, {key, build});
  return build;
}

export interface LiveBlocksProps {
  readonly strategy: OutcomeId;
  readonly overrides: Readonly<Record<string, string>>;
  readonly only?: readonly string[];
  readonly headingLevel: 3 | 4 | 5;
  readonly outcomeActions?: boolean;
}

/** The guide's blocks built from the reader's values; none at all while a value is invalid. */
export function LiveBlocks({strategy, overrides, only, headingLevel, outcomeActions}: LiveBlocksProps): ReactNode {
  const {values, result} = liveBuild(strategy, overrides);
  if (!result.ok) {
    return (
      <div className="alert alert--warning" role="status" data-testid="artifacts-invalid">
        These files are hidden until {result.issues.length === 1 ? 'the error' : `the ${result.issues.length} errors`} in{' '}
        <a href="#your-values">Your values</a> {result.issues.length === 1 ? 'is' : 'are'} fixed, so nothing broken can be
        copied.
      </div>
    );
  }
  const artifacts = only ? result.artifacts.filter((artifact) => only.includes(artifact.id)) : result.artifacts;
  const ordered = only ? only.flatMap((id) => artifacts.filter((artifact) => artifact.id === id)) : artifacts;
  const missing = only ? only.filter((id) => !result.artifacts.some((artifact) => artifact.id === id)) : [];
  const first = result.artifacts[0];
  return (
    <>
      {missing.length > 0 && (
        <p className={styles.skipped} data-skipped={missing.join(' ')}>
          With your values this strategy has no {missing.join(' or ')} step here; skip it.
        </p>
      )}
      {ordered.length > 0 && (
        <ArtifactBlocks
          artifacts={ordered}
          headingLevel={headingLevel}
          actions={false}
          source={{outcome: strategy, values, artifacts: result.artifacts}}
          outcomeActions={outcomeActions ?? (first !== undefined && ordered.includes(first))}
        />
      )}
    </>
  );
}

export interface LiveFormProps {
  readonly strategy: OutcomeId;
  readonly overrides: Readonly<Record<string, string>>;
  /** The values that differ from the defaults after a change; the page puts them in its address and store. */
  readonly onInputsChange: (inputs: Readonly<Record<string, string>>) => void;
  /** Fields a link set, marked until the reader keeps or drops its values. */
  readonly marked?: ReadonlySet<string>;
  /** Start of the inputs' ids (then the strategy and the field), which the link's notice points at. */
  readonly idPrefix: string;
}

/** The chooser's form for this strategy, showing and changing the values the guide uses. */
export function LiveForm({strategy, overrides, onInputsChange, marked, idPrefix}: LiveFormProps): ReactNode {
  const {defaults, values, result} = liveBuild(strategy, overrides);
  const errors = result.ok ? new Map<string, string[]>() : issuesByField(result.issues);

  function change(name: string, value: string): void {
    onInputsChange(nonDefaultInputs({...values, [name]: value}, defaults));
  }

  return (
    <StrategyForm
      outcome={strategy}
      fields={BUILDERS[strategy].fields}
      values={values}
      errors={errors}
      onChange={change}
      idPrefix={idPrefix}
      marked={marked}
      label="Your values for this guide"
      intro="Change any value and every file on this page follows, and so does this page's address. Values are kept in this browser only, for this site; values that mean the same thing in other guides and in the chooser follow too. No field asks for a secret."
    />
  );
}

/** The strategy's form fields in their order: the link's notice lists its values in it. */
export function liveFields(outcome: OutcomeId): readonly FieldSpec[] {
  return BUILDERS[outcome].fields;
}

/** Whether these overrides build, without rendering anything (the marker and the form's disclosure use it). */
export function liveIsValid(outcome: OutcomeId, overrides: Readonly<Record<string, string>>): boolean {
  return liveBuild(outcome, overrides).result.ok;
}

/** Every default artifact of an outcome, for Copy all and Download bundle on a guide's build-time blocks. */
export function defaultSource(outcome: OutcomeId): OutcomeSource {
  const {values, result} = liveBuild(outcome, {});
  if (!result.ok) throw new Error(`Default inputs of ${outcome} do not validate`);
  return {outcome, values, artifacts: result.artifacts};
}

export {copyAll, downloadBundle} from '@site/src/components/ArtifactBlocks/actions';

/**
 * The files a guide shows, as its Markdown twin has them and as the page shows
 * them with the reader's values: what "Copy page as Markdown" swaps. Built
 * apart from the page's cache, so copying does not rebuild the page.
 */
export function copiedBlocks(outcome: OutcomeId, overrides: Readonly<Record<string, string>>): {from: string; to: string}[] {
  const defaults = buildFromRaw(outcome, defaultRaw(outcome));
  const mine = buildFromRaw(outcome, {...defaultRaw(outcome), ...overrides});
  if (!defaults.ok) throw new Error(`Default inputs of ${outcome} do not validate`);
  if (!mine.ok) {
    throw new Error('Your values need fixing before this page can be copied: its files are hidden until they build.');
  }
  return defaults.artifacts.map((artifact) => {
    const yours = mine.artifacts.find((candidate) => candidate.id === artifact.id);
    return {
      from: artifactFence(artifact),
      to: yours ? artifactFence(yours) : `With your values this strategy has no ${artifact.id} step here; skip it.`,
    };
  });
}
