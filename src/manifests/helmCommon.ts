/**
 * What the three Helm-chart strategies (node proxy, ziti-host, router) share:
 * the release fields they read first, and the values, install and uninstall
 * steps, which differ only in the chart, the `--set-file` pairs and the notes.
 */
import {FormReader, checks, deleteSecretCommand} from './common';
import {HELM_REPO_NAME, HELM_REPO_URL, type ChartRef} from './images';
import {continued, script, shellQuote} from './shell';
import type {Artifact} from './types';
import {toYaml} from './yaml';

/** One `--set-file key=file` pair: a chart value Helm reads from a local file. */
export interface SetFile {
  readonly key: string;
  readonly file: string;
}

/** Fields every chart strategy reads first, in this order, so Issues come out in form order. */
export interface ChartReleaseBase {
  readonly namespace: string;
  readonly releaseName: string;
  readonly identityName: string;
  readonly roleAttribute: string;
}

export function readChartReleaseBase(r: FormReader): ChartReleaseBase {
  const namespace = r.text('namespace', checks.namespace);
  const releaseName = r.text('releaseName', checks.releaseName);
  const identityName = r.text('identityName', checks.identityName);
  const roleAttribute = r.text('roleAttribute', checks.roleAttribute);
  return {namespace, releaseName, identityName, roleAttribute};
}

/** Adds the chart repository; every install script starts with it. */
function helmRepoCommands(): string[] {
  return [`helm repo add ${HELM_REPO_NAME} ${HELM_REPO_URL}`, 'helm repo update'];
}

/** `helm upgrade --install` with a values file and optional `--set-file` pairs. */
function helmInstallCommand(opts: {
  chart: ChartRef;
  releaseName: string;
  namespace: string;
  valuesFile: string;
  setFiles: readonly SetFile[];
}): string {
  return continued(
    `helm upgrade --install ${shellQuote(opts.releaseName)} ${HELM_REPO_NAME}/${opts.chart.name}`,
    `--version ${opts.chart.version}`,
    `--namespace ${shellQuote(opts.namespace)} --create-namespace`,
    `--values ${opts.valuesFile}`,
    ...opts.setFiles.map(({key, file}) => `--set-file ${key}=${shellQuote(file)}`),
  );
}

/**
 * Name Helm gives the chart's objects (`<fullname>`), as the charts' own
 * `_helpers.tpl` computes it (we never set nameOverride or fullnameOverride):
 * the release name alone when it contains the chart name anywhere, else
 * `release-chart`, cut to 63 characters.
 */
export function helmFullname(releaseName: string, chart: ChartRef): string {
  const full = releaseName.includes(chart.name) ? releaseName : `${releaseName}-${chart.name}`;
  // Helm's trunc 63 | trimSuffix "-": cutting may leave a trailing dash; trimSuffix removes exactly one.
  const cut = full.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}

/** The values file as an artifact; the chart strategies differ only in file, values and note. */
export function helmValuesArtifact(valuesFile: string, values: Record<string, unknown>, note: string): Artifact {
  return {id: 'helm-values', title: 'Helm values', language: 'yaml', fileName: valuesFile, text: toYaml(values), note};
}

/** Adds the repository and installs the chart with the values file, as one script. */
export function helmInstallArtifact(opts: {
  readonly slug: string;
  readonly chart: ChartRef;
  readonly releaseName: string;
  readonly namespace: string;
  readonly valuesFile: string;
  readonly setFiles: readonly SetFile[];
  readonly note: string;
}): Artifact {
  return {
    id: 'helm-install',
    title: 'Install the chart',
    language: 'bash',
    fileName: `${opts.slug}-install.sh`,
    text: script([
      ...helmRepoCommands(),
      helmInstallCommand({
        chart: opts.chart,
        releaseName: opts.releaseName,
        namespace: opts.namespace,
        valuesFile: opts.valuesFile,
        setFiles: opts.setFiles,
      }),
    ]),
    note: opts.note,
  };
}

/** First cleanup lines of a chart strategy: the release, then the Secret the reader created for it (if any). */
export function helmCleanupLines(release: {readonly releaseName: string; readonly namespace: string}, secretName?: string): string[] {
  return [
    `helm uninstall ${shellQuote(release.releaseName)} --namespace ${shellQuote(release.namespace)}`,
    ...(secretName === undefined ? [] : [deleteSecretCommand(release.namespace, secretName)]),
  ];
}
