/**
 * "Download bundle": one zip per outcome with every artifact, a README, and a
 * kustomization for the manifests the steps apply. Pure and deterministic: the
 * same values give the same bytes (fixed timestamps, fixed order, fixed level).
 * The UI loads this module on click, so fflate stays out of the pages' initial JS.
 */
import {zipSync, strToU8} from 'fflate';
import {OUTCOMES, type OutcomeId} from '../data/decisionTree';
import {BUILDERS} from './index';
import {helmChartWords} from './helmCommon';
import {CHARTS, HELM_REPO_NAME, IMAGES} from './images';
import {appliedManifests, artifactStage, isStep, runnableScript, stepReads} from './runnable';
import {fieldShown, type Artifact, type FieldSpec, type RawInput} from './types';
import {toYaml} from './yaml';

export interface BundleInput {
  readonly outcome: OutcomeId;
  /** The raw form values the artifacts were built from. */
  readonly values: RawInput;
  /** Every artifact of the outcome, in page order. */
  readonly artifacts: readonly Artifact[];
}

export interface BundleFile {
  /** Path inside the bundle folder. */
  readonly name: string;
  readonly text: string;
  /** The artifact it holds, verbatim; absent for the files the bundle adds. */
  readonly artifactId?: string;
}

export const README = 'README.md';
export const KUSTOMIZATION = 'kustomization.yaml';
export const RUN_ALL = 'run-all.sh';
/** Folder for the artifacts that replace steps (the GitOps objects), so nobody runs them in addition. */
export const ALTERNATIVE_FOLDER = 'gitops';

/** Folder every file sits in, and the zip's name. */
export function bundleFolder(outcome: OutcomeId): string {
  return `openziti-${outcome}`;
}

export function bundleFileName(outcome: OutcomeId): string {
  return `${bundleFolder(outcome)}.zip`;
}

/**
 * The name each artifact gets. Steps to run are numbered in order (`01-…`);
 * a file a step reads keeps the exact name the step uses, or the step would
 * not find it; the clean-up step is not part of the order and is not numbered;
 * alternatives go, unnumbered, into their own folder.
 */
export function bundleNames(artifacts: readonly Artifact[]): Map<string, string> {
  const steps = artifacts.filter((a) => isStep(a) && artifactStage(a) === 'setup');
  const width = Math.max(2, String(steps.length).length);
  const names = new Map<string, string>();
  for (const artifact of artifacts) {
    const index = steps.indexOf(artifact);
    if (artifactStage(artifact) === 'alternative') names.set(artifact.id, `${ALTERNATIVE_FOLDER}/${artifact.fileName}`);
    else names.set(artifact.id, index === -1 ? artifact.fileName : `${String(index + 1).padStart(width, '0')}-${artifact.fileName}`);
  }
  return names;
}

/** The bundle's files in archive order. Throws if two files would share a name (a builder bug). */
export function bundleFiles(input: BundleInput): BundleFile[] {
  const {outcome, artifacts} = input;
  const names = bundleNames(artifacts);
  const manifests = appliedManifests(artifacts);
  const files: BundleFile[] = [{name: README, text: readme(input, names, manifests)}];
  files.push({name: RUN_ALL, text: runnableScript(outcome, artifacts)});
  if (manifests.length > 0) files.push({name: KUSTOMIZATION, text: kustomization(manifests)});
  for (const artifact of artifacts) {
    files.push({name: names.get(artifact.id) ?? artifact.fileName, text: artifact.text, artifactId: artifact.id});
  }
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.name)) throw new Error(`${outcome}: two files in the bundle are named ${file.name}`);
    seen.add(file.name);
  }
  return files;
}

/**
 * DOS timestamps carry no time zone and fflate fills them from the local clock
 * fields, so the date is built from local fields too: the archive is the same
 * in every time zone.
 */
const FIXED_MTIME = new Date(2025, 0, 1, 0, 0, 0);

/** The zip archive: every file under the bundle folder, deflated at a fixed level with a fixed timestamp. */
export function zipBundle(outcome: OutcomeId, files: readonly BundleFile[]): Uint8Array<ArrayBuffer> {
  const folder = bundleFolder(outcome);
  const entries: Record<string, [Uint8Array, {mtime: Date}]> = {};
  for (const file of files) entries[`${folder}/${file.name}`] = [strToU8(file.text), {mtime: FIXED_MTIME}];
  return zipSync(entries, {level: 9, mtime: FIXED_MTIME});
}

export function buildBundle(input: BundleInput): Uint8Array<ArrayBuffer> {
  return zipBundle(input.outcome, bundleFiles(input));
}

function kustomization(manifests: readonly Artifact[]): string {
  const body = toYaml({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: manifests.map((m) => m.fileName),
  });
  return `# The manifests the steps apply; \`kubectl apply -k .\` applies them together.\n${body}`;
}

/** A Markdown code span that survives backticks in the value. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function valueLines(fields: readonly FieldSpec[], values: RawInput): string[] {
  const lines: string[] = [];
  for (const field of fields.filter((f) => fieldShown(fields, f, values))) {
    const value = values[field.name] ?? field.defaultValue;
    const marker = value === field.defaultValue ? ' (default)' : '';
    if (field.kind === 'lines') {
      const entries = value.split('\n').filter((line) => line.trim() !== '');
      lines.push(`- ${field.label} (${code(field.name)})${marker}:${entries.length === 0 ? ' none' : ''}`);
      for (const entry of entries) lines.push(`  - ${code(entry)}`);
    } else {
      lines.push(`- ${field.label} (${code(field.name)})${marker}: ${value === '' ? 'empty' : code(value)}`);
    }
  }
  return lines;
}

function versionLines(artifacts: readonly Artifact[]): string[] {
  const text = artifacts.map((a) => a.text).join('\n');
  const lines: string[] = [];
  for (const chart of Object.values(CHARTS)) {
    if (text.includes(helmChartWords(chart))) {
      lines.push(`- Helm chart ${code(`${HELM_REPO_NAME}/${chart.name}`)} ${chart.version} (app version ${chart.appVersion})`);
    }
  }
  for (const image of Object.values(IMAGES)) {
    const tags = new Set([...text.matchAll(new RegExp(`${escapeRegExp(image.repository)}:([^\\s'"]+)`, 'g'))].map((m) => m[1]));
    for (const tag of tags) lines.push(`- Image ${code(`${image.repository}:${tag ?? image.tag}`)}`);
  }
  return lines;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function readme(input: BundleInput, names: ReadonlyMap<string, string>, manifests: readonly Artifact[]): string {
  const {outcome, values, artifacts} = input;
  const title = OUTCOMES[outcome].title;
  const setup = artifacts.filter((a) => artifactStage(a) === 'setup');
  const steps = setup.filter(isStep);
  const files = artifacts.filter((a) => !isStep(a) && artifactStage(a) !== 'alternative');
  const alternatives = artifacts.filter((a) => artifactStage(a) === 'alternative');
  const cleanup = artifacts.filter((a) => artifactStage(a) === 'cleanup' && isStep(a));
  const nameOf = (a: Artifact): string => code(names.get(a.id) ?? a.fileName);
  const out: string[] = [
    `# ${title}`,
    '',
    `The files for the ${title} strategy of "OpenZiti on Kubernetes", generated from the values listed below.`,
    'Work from this folder: the steps read the files beside them by name.',
    '',
    '## Run every step',
    '',
    `${code(`bash ${RUN_ALL}`)} runs the numbered steps in order and stops at the first one that fails;`,
    `${code(`FROM_STEP=3 bash ${RUN_ALL}`)} starts again at step 3 once you have fixed the cause.`,
    'It first checks what it needs (tools, the controller session, the kube context and namespace) and changes nothing',
    'when something is missing. Tokens and identity files go to a private folder (`mktemp -d`) that it removes when it',
    `succeeds; when it stops it keeps the folder and prints ${code("ZITI_SECRETS_DIR='…'")} for the next run.`,
    '',
    '## Or one step at a time',
    '',
    'Each step stops at its first failing command and never deletes a key unless the step that stored it succeeded.',
    `The step that writes the first token creates the private folder and prints ${code("export ZITI_SECRETS_DIR='…'")}:`,
    'run that line in your shell before the next steps, which read the token from there.',
    '',
  ];
  steps.forEach((step, index) => {
    out.push(`${index + 1}. ${code(`bash ${names.get(step.id) ?? step.fileName}`)}: ${step.title}.`);
    const reads = stepReads(step);
    const read = files.filter((f) => reads.includes(f.fileName));
    if (read.length > 0) out.push(`   Reads ${read.map((f) => `${nameOf(f)} (${f.title})`).join(', ')}.`);
    if (step.note) out.push(`   ${step.note}`);
  });
  if (files.length > 0) {
    out.push('', '## Files', '');
    for (const file of files) {
      const readers = steps.filter((step) => stepReads(step).includes(file.fileName)).map((step) => steps.indexOf(step) + 1);
      const readBy = readers.length > 0 ? ` Read by step ${readers.join(', ')}.` : '';
      out.push(`- ${nameOf(file)}: ${file.title}.${readBy}${file.note ? ` ${file.note}` : ''}`);
    }
  }
  if (manifests.length > 0) {
    out.push(
      '',
      `## ${KUSTOMIZATION}`,
      '',
      `Lists ${manifests.map(nameOf).join(', ')}, the manifests the steps apply. ${code('kubectl kustomize .')} prints them,`,
      `${code('kubectl apply -k .')} applies them together; the steps before them still have to run first.`,
    );
  }
  if (alternatives.length > 0) {
    out.push(
      '',
      '## Or install with Argo CD or Flux',
      '',
      `${code(`${ALTERNATIVE_FOLDER}/`)} holds the same install for GitOps, built from the same values. It replaces the values file and`,
      `the helm install step (${code(RUN_ALL)} does not run it); every other step still applies.`,
      '',
    );
    for (const artifact of alternatives) {
      out.push(`- ${nameOf(artifact)}: ${artifact.title}.${artifact.note ? ` ${artifact.note}` : ''}`);
    }
  }
  if (cleanup.length > 0) {
    out.push('', '## Clean up', '');
    for (const step of cleanup) out.push(`${code(`bash ${names.get(step.id) ?? step.fileName}`)}: ${step.title}.`);
  }
  out.push('', '## Values used', '', ...valueLines(BUILDERS[outcome].fields, values));
  const versions = versionLines(artifacts);
  if (versions.length > 0) out.push('', '## Versions', '', ...versions);
  return `${out.join('\n')}\n`;
}
