/**
 * What the three Helm-chart strategies (node proxy, ziti-host, router) share:
 * the release fields they read first, and the values, install and uninstall
 * steps, which differ only in the chart, the `--set-file` pairs and the notes.
 */
import {FormReader, checks, deleteSecretCommand} from './common';
import {HELM_REPO_NAME, HELM_REPO_URL, type ChartRef} from './images';
import {continued, script, shellQuote, shellWord} from './shell';
import type {Artifact, Issue} from './types';
import {HELM_RELEASE_NAME_MAX, checkUnquotedInChart, issue} from './validate';
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

export function readChartReleaseBase(r: FormReader, chart: ChartRef): ChartReleaseBase {
  const namespace = r.text('namespace', checks.namespace);
  const releaseName = r.text('releaseName', (path, value) => checks.releaseName(path, value) ?? checkChartReleaseName(path, value, chart));
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
    ...opts.setFiles.map(({key, file}) => `--set-file ${key}=${shellWord(file)}`),
  );
}

/*
 * The name each chart's fullname helper puts after the release name
 * (`<release>-<name>`, or the release name alone when it already contains
 * <name>): the chart name, except that ziti-router trims the "ziti-" prefix.
 * openziti/helm-charts charts/<chart>/templates/_helpers.tpl "<chart>.fullname";
 * ziti-router: `trimPrefix "ziti-" .Chart.Name`.
 */
const FULLNAME_PART: Readonly<Record<string, string>> = {'ziti-router': 'router'};

function fullnamePart(chart: ChartRef): string {
  return FULLNAME_PART[chart.name] ?? chart.name;
}

/**
 * Name the chart gives its objects (`<fullname>`), as the charts' _helpers.tpl
 * computes it: the release name alone when it already contains the chart's
 * name part, else `release-part`, cut to 63 characters.
 */
export function helmFullname(releaseName: string, chart: ChartRef): string {
  const part = fullnamePart(chart);
  // Sprig's `contains $name .Release.Name` is a plain substring test.
  const full = releaseName.includes(part) ? releaseName : `${releaseName}-${part}`;
  // Helm's trunc 63 | trimSuffix "-": cutting may leave a trailing dash; trimSuffix removes exactly one.
  const cut = full.slice(0, 63);
  return cut.endsWith('-') ? cut.slice(0, -1) : cut;
}

/*
 * Objects a chart names `<fullname><suffix>` under a rule stricter than the
 * DNS subdomain every other object name (Deployment, DaemonSet, PVC,
 * ConfigMap, ServiceAccount) meets anyway. Only objects the builders' values
 * create are listed.
 *  - Service names are DNS-1035 labels: a letter first, no dots, at most 63
 *    (kubernetes/kubernetes pkg/apis/core/validation/validation.go
 *    ValidateServiceName = NameIsDNS1035Label; apimachinery
 *    util/validation/validation.go IsDNS1035Label).
 *  - A Job's name is copied into its pod template's job-name and
 *    batch.kubernetes.io/job-name labels, and label values stop at 63
 *    characters (kubernetes/kubernetes pkg/registry/batch/job/strategy.go
 *    generateSelector; LabelValueMaxLength).
 */
type NameRule = 'service' | 'job';

interface DerivedName {
  readonly suffix: string;
  /** The object, as a reader would look for it. */
  readonly object: string;
  readonly rule: NameRule;
  /** The upstream template that creates it. */
  readonly template: string;
}

const DERIVED_NAMES: Readonly<Record<string, readonly DerivedName[]>> = {
  // DaemonSet <fullname>, PVC <fullname>-identity-pvc, ServiceAccount <fullname>: subdomains, nothing stricter.
  'ziti-edge-tunnel': [],
  'ziti-host': [
    {suffix: '-identity-migrate', object: 'identity migration Job (a post-install hook)', rule: 'job', template: 'templates/identity-migrate-job.yaml'},
  ],
  // edge.service.enabled and linkListeners.transport.service.enabled both default to true in the chart's values.yaml.
  'ziti-router': [
    {suffix: '-edge', object: 'edge Service', rule: 'service', template: 'templates/service.yaml'},
    {suffix: '-transport', object: 'transport Service', rule: 'service', template: 'templates/service.yaml'},
  ],
};

const LABEL_VALUE_MAX = 63;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The longest release name (of this shape) whose every derived `<fullname><suffix>` still fits 63 characters. */
function longestReleaseName(releaseName: string, chart: ChartRef): number {
  const part = fullnamePart(chart);
  const longestSuffix = Math.max(0, ...(DERIVED_NAMES[chart.name] ?? []).map((derived) => derived.suffix.length));
  const room = LABEL_VALUE_MAX - longestSuffix;
  return Math.min(HELM_RELEASE_NAME_MAX, releaseName.includes(part) ? room : room - part.length - 1);
}

/**
 * What a chart does with a release name Helm itself accepts: the names it
 * derives (see DERIVED_NAMES) and the label every object gets,
 * `app.kubernetes.io/instance: {{ .Release.Name }}`, printed without quotes
 * (openziti/helm-charts charts/<chart>/templates/_helpers.tpl selectorLabels).
 */
export function checkChartReleaseName(path: string, releaseName: string, chart: ChartRef): Issue | undefined {
  const unquoted = checkUnquotedInChart(
    path,
    releaseName,
    'the release name',
    `the app.kubernetes.io/instance label of every object (${chart.name} templates/_helpers.tpl)`,
  );
  if (unquoted) return unquoted;
  const fullname = helmFullname(releaseName, chart);
  for (const derived of DERIVED_NAMES[chart.name] ?? []) {
    const name = `${fullname}${derived.suffix}`;
    const tooLong = name.length > LABEL_VALUE_MAX;
    if (derived.rule === 'service' && (tooLong || !DNS1035_LABEL.test(name))) {
      return issue(
        path,
        `With release name "${releaseName}" the ${chart.name} chart names its ${derived.object} "${name}" (${derived.template}), and Kubernetes refuses it: a Service name must start with a letter, have no dots and be at most 63 characters. Use a release name that starts with a letter, has no dots and is at most ${longestReleaseName(releaseName, chart)} characters long.`,
      );
    }
    if (derived.rule === 'job' && tooLong) {
      return issue(
        path,
        `With release name "${releaseName}" the ${chart.name} chart names its ${derived.object} "${name}" (${name.length} characters, ${derived.template}); Kubernetes copies a Job's name into a pod label, which may hold at most 63 characters, so the install fails. Keep the release name to ${longestReleaseName(releaseName, chart)} characters.`,
      );
    }
  }
  return undefined;
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
    '# Installed with Argo CD or Flux? Delete the Application or HelmRelease from git instead of running helm uninstall.',
    `helm uninstall ${shellQuote(release.releaseName)} --namespace ${shellQuote(release.namespace)}`,
    ...(secretName === undefined ? [] : [deleteSecretCommand(release.namespace, secretName)]),
  ];
}
