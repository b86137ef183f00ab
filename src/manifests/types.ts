/**
 * The contract between the manifest builders, the chooser and the guides.
 * Builders are pure: no React, no Docusaurus, no I/O.
 */
import type {OutcomeId} from '../data/decisionTree';

/** A validation problem. `path` starts with the form field's name, e.g. `bindings[1].port`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export type ArtifactLanguage = 'yaml' | 'bash' | 'nginx';

export type ArtifactStage = 'setup' | 'cleanup' | 'alternative';

export interface Artifact {
  /** Stable id within a strategy, used by guides to place one artifact in a section. */
  readonly id: string;
  readonly title: string;
  readonly language: ArtifactLanguage;
  /** Suggested file name for Download, e.g. `ziti-edge-tunnel-values.yaml`. */
  readonly fileName: string;
  readonly text: string;
  /** One sentence a reader should see next to the artifact (e.g. that renewal is lost). */
  readonly note?: string;
  /**
   * `cleanup` undoes the other steps: "Copy all" and the bundle keep it out of
   * the normal run. Optional; an artifact with id `cleanup` counts as one.
   * `alternative` replaces some setup steps instead of following them (the
   * GitOps objects stand in for `helm install`): "Copy all" leaves it out and
   * the bundle puts it in a folder of its own.
   */
  readonly stage?: ArtifactStage;
  /**
   * The step runs where an OpenZiti tunneler runs an enrolled client identity
   * (a client check through the intercept address): Copy all stops before it,
   * says what to set up, and how to resume there with FROM_STEP.
   */
  readonly runsOnClient?: boolean;
}

export type FieldKind = 'text' | 'select' | 'lines';

export interface FieldOption {
  readonly value: string;
  readonly label: string;
}

/**
 * One form field. Every field's value is a string, so the whole form state fits
 * in a URL query string; `lines` fields hold one entry per line.
 */
export interface FieldSpec {
  /** Key in the raw form record and first segment of every Issue path about it. */
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly defaultValue: string;
  /** Help text shown under the field. */
  readonly help?: string;
  /** For `select`. */
  readonly options?: readonly FieldOption[];
  /**
   * Only show this field when another field has one of these values
   * (e.g. the Secret name only when the identity comes from a Secret).
   */
  readonly showWhen?: {readonly field: string; readonly values: readonly string[]};
}

export type RawInput = Readonly<Record<string, string>>;

export type ParseResult<T> =
  | {readonly ok: true; readonly value: T}
  | {readonly ok: false; readonly issues: readonly Issue[]};

export type BuildResult =
  | {readonly ok: true; readonly artifacts: readonly Artifact[]}
  | {readonly ok: false; readonly issues: readonly Issue[]};

export interface StrategyBuilder<T> {
  readonly id: OutcomeId;
  /** Form fields in display order. */
  readonly fields: readonly FieldSpec[];
  /** Raw strings (form or URL) to a typed, validated input. Unknown keys are ignored. */
  parse(raw: RawInput): ParseResult<T>;
  /** Typed input to artifacts; only ever called with a value `parse` accepted. */
  build(input: T): readonly Artifact[];
}

/**
 * Whether a field is shown for these values: its `showWhen` field has one of
 * the listed values (its default when the record lacks it) and is itself
 * shown, so a field under a hidden field is hidden too (the router's Secret
 * name sits under the token source, which sits under "new router"). The form,
 * the bundle README and FormReader agree through this one rule.
 */
export function fieldShown(fields: readonly FieldSpec[], field: FieldSpec, values: Readonly<Record<string, string | undefined>>): boolean {
  const when = field.showWhen;
  if (!when) return true;
  const parent = fields.find((candidate) => candidate.name === when.field);
  const value = values[when.field] ?? parent?.defaultValue ?? '';
  return when.values.includes(value) && (parent === undefined || fieldShown(fields, parent, values));
}
