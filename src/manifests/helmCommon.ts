/**
 * What the three Helm-chart strategies (node proxy, ziti-host, router) share:
 * the release fields they read first, and the values, install and uninstall
 * steps, which differ only in the chart, the `--set-file` pairs and the notes.
 */
import {FormReader, checks, deleteSecretCommand} from './common';
import {HELM_REPO_URL, type ChartRef} from './images';
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

/*
 * Which releases are ours. A release name and namespace say nothing about who
 * installed a release: upstream's controller README installs its router as
 * `ziti-router` in `ziti`, our old defaults exactly, and `helm upgrade
 * --install` over it would replace its values with ours. So every install
 * stamps the release with a Helm release label (`--labels`, Helm 3.13+, kept
 * on the release record, merged on upgrade, never on the chart's objects) and
 * every install and uninstall first looks for it with `helm list --selector`.
 * A label and not a chart value: the chart ignores it, so it cannot change
 * what is rendered, and a reader's own release never carries it by accident.
 * The value names the chart, so a release another strategy of this guide
 * installed under the same name is not taken over either.
 */
export const INSTALLED_BY_LABEL = 'installed-by';

export function installedByValue(chart: ChartRef): string {
  return `openziti-k8s-guide.${chart.name}`;
}

function installedBySelector(chart: ChartRef): string {
  return `${INSTALLED_BY_LABEL}=${installedByValue(chart)}`;
}

/** Sets `ours` to the names of the releases in the namespace that these steps installed (one per line). */
function ownedReleasesLine(chart: ChartRef, namespace: string): string {
  return `ours=$(helm list --namespace ${shellQuote(namespace)} --all --short --selector ${shellQuote(installedBySelector(chart))})`;
}

/** A condition: the release is among `ours`. grep reads all its input (no -q), so helm list never sees a closed pipe. */
function isOursCondition(releaseName: string): string {
  return `printf '%s\\n' "$ours" | grep -x -F -- ${shellQuote(releaseName)} >/dev/null`;
}

/**
 * How the chart is named on the command line. `--repo` fetches the chart
 * straight from upstream's index and leaves the reader's repository list alone:
 * `helm repo add openziti URL` fails when a reader added `openziti` from
 * another of upstream's URLs (https://openziti.io/helm-charts/ or
 * https://openziti.github.io/helm-charts/; helm cmd/helm/repo_add.go refuses a
 * name that exists with another URL), and `helm repo update` fails when any
 * unrelated repository of theirs is unreachable.
 */
export function helmChartWords(chart: ChartRef): string {
  return `${chart.name} --repo ${HELM_REPO_URL}`;
}

/** `helm upgrade --install` from the chart's repository URL with a values file, optional `--set-file` pairs and our label. */
function helmInstallCommand(opts: {
  chart: ChartRef;
  releaseName: string;
  namespace: string;
  valuesFile: string;
  setFiles: readonly SetFile[];
}): string {
  return continued(
    `helm upgrade --install ${shellQuote(opts.releaseName)} ${helmChartWords(opts.chart)}`,
    `--version ${opts.chart.version}`,
    `--namespace ${shellQuote(opts.namespace)} --create-namespace`,
    `--labels ${shellQuote(installedBySelector(opts.chart))}`,
    `--values ${opts.valuesFile}`,
    ...opts.setFiles.map(({key, file}) => `--set-file ${key}=${shellWord(file)}`),
  );
}

/**
 * The install, guarded: a release of that name that these steps did not
 * install stops the step with a message, and nothing is upgraded. The upgrade
 * sits in the else branch, not after an early exit, so a step pasted into a
 * shell without `set -e` still never reaches it; with `set -e` (Copy all, the
 * bundle) `false` stops the run there. A release these steps installed is
 * upgraded, so running the step again (FROM_STEP after a failure) works.
 */
function guardedInstallLines(opts: {
  chart: ChartRef;
  releaseName: string;
  namespace: string;
  valuesFile: string;
  setFiles: readonly SetFile[];
}): string[] {
  const release = shellQuote(opts.releaseName);
  const ns = shellQuote(opts.namespace);
  const message = `Helm release ${opts.releaseName} in namespace ${opts.namespace} exists and was not installed by these steps (it has no ${installedBySelector(opts.chart)} label), so it is left as it is. Choose another release name or namespace in the form, or remove that release yourself if it is really unused.`;
  const indent = (text: string): string => text.replace(/^/gm, '  ');
  return [
    '# Never upgrade a release these steps did not install (see the guide: upstream uses the same names).',
    ownedReleasesLine(opts.chart, opts.namespace),
    `if ! ${isOursCondition(opts.releaseName)} && helm status ${release} --namespace ${ns} >/dev/null 2>&1; then`,
    `  echo ${shellQuote(message)} >&2`,
    '  false',
    'else',
    indent(helmInstallCommand(opts)),
    'fi',
  ];
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

/** Installs the chart with the values file, unless a release of that name exists that these steps did not install. */
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
    text: script(
      guardedInstallLines({
        chart: opts.chart,
        releaseName: opts.releaseName,
        namespace: opts.namespace,
        valuesFile: opts.valuesFile,
        setFiles: opts.setFiles,
      }),
    ),
    note: opts.note,
  };
}

/**
 * First cleanup lines of a chart strategy: the release, only if these steps
 * installed it (the label), then the Secret the reader created for it (if
 * any). Finding nothing is not an error, so clean-up runs twice, or after a
 * half-finished install. The guard, not `helm uninstall --ignore-not-found`
 * (Helm 3.13+ too), because it must also skip a release that is someone else's.
 */
export function helmCleanupLines(
  release: {readonly releaseName: string; readonly namespace: string},
  chart: ChartRef,
  secretName?: string,
): string[] {
  const name = shellQuote(release.releaseName);
  const ns = shellQuote(release.namespace);
  return [
    '# Installed with Argo CD or Flux? Delete the Application or HelmRelease from git instead of running helm uninstall.',
    ownedReleasesLine(chart, release.namespace),
    `if ${isOursCondition(release.releaseName)}; then`,
    `  helm uninstall ${name} --namespace ${ns}`,
    'else',
    `  echo ${shellQuote(`No release ${release.releaseName} installed by these steps in namespace ${release.namespace}; nothing to uninstall.`)}`,
    'fi',
    ...(secretName === undefined ? [] : [deleteSecretCommand(release.namespace, secretName)]),
  ];
}
