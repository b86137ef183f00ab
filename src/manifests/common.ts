/**
 * Pieces every strategy shares: the common form fields, a reader for the raw
 * form record, and the CLI snippets (identity, enrollment, Secret, Helm) that
 * several artifacts repeat.
 */
import {CHARTS, HELM_REPO_NAME, HELM_REPO_URL, type ChartRef} from './images';
import {continued, shellQuote} from './shell';
import type {FieldOption, FieldSpec, Issue, ParseResult, RawInput} from './types';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkIdentityName,
  checkImageReference,
  checkImageTag,
  checkOptionalText,
  checkReleaseName,
  checkRoleAttribute,
  isDnsSubdomain,
  issue,
} from './validate';

/* ------------------------------------------------------------------ */
/* Identity sources                                                    */
/* ------------------------------------------------------------------ */

/**
 * Where a tunneler's identity comes from.
 * - `enroll-token`: the one-time JWT file; the chart enrolls on first start and
 *   keeps the identity on a writable volume (renewal survives restarts).
 * - `identity-json`: an identity already enrolled on the workstation.
 * - `existing-secret`: a Secret holding the enrolled JSON, mounted read-only.
 */
export type IdentitySource = 'enroll-token' | 'identity-json' | 'existing-secret';

export const SOURCE_OPTIONS: Readonly<Record<IdentitySource, FieldOption>> = {
  'enroll-token': {value: 'enroll-token', label: 'Enrollment token file (chart enrolls; renewal kept)'},
  'identity-json': {value: 'identity-json', label: 'Enrolled identity JSON file'},
  'existing-secret': {value: 'existing-secret', label: 'Existing Secret (read-only; renewal lost)'},
};

/* ------------------------------------------------------------------ */
/* Field factories                                                     */
/* ------------------------------------------------------------------ */

export function namespaceField(defaultValue: string): FieldSpec {
  return {
    name: 'namespace',
    label: 'Namespace',
    kind: 'text',
    defaultValue,
    help: 'Kubernetes namespace for everything below (a DNS label, e.g. "ziti").',
  };
}

export function releaseNameField(defaultValue: string): FieldSpec {
  return {
    name: 'releaseName',
    label: 'Helm release name',
    kind: 'text',
    defaultValue,
    help: 'Name of the Helm release (lower-case DNS label, at most 53 characters).',
  };
}

export function identityNameField(defaultValue: string, label = 'OpenZiti identity name'): FieldSpec {
  return {
    name: 'identityName',
    label,
    kind: 'text',
    defaultValue,
    help: 'Also names the files /tmp/NAME.jwt and /tmp/NAME.json on your workstation.',
  };
}

export function roleAttributeField(defaultValue: string, help: string): FieldSpec {
  return {name: 'roleAttribute', label: 'Role attribute', kind: 'text', defaultValue, help};
}

export function identitySourceField(sources: readonly IdentitySource[], defaultValue: IdentitySource): FieldSpec {
  return {
    name: 'identitySource',
    label: 'Identity source',
    kind: 'select',
    defaultValue,
    options: sources.map((source) => SOURCE_OPTIONS[source]),
    help: 'Prefer the enrollment token: the identity then lives on a writable volume and its certificate can renew.',
  };
}

export function secretNameField(opts: {defaultValue: string; help: string; showWhen?: FieldSpec['showWhen']}): FieldSpec {
  return {
    name: 'secretName',
    label: 'Secret name',
    kind: 'text',
    defaultValue: opts.defaultValue,
    help: opts.help,
    ...(opts.showWhen ? {showWhen: opts.showWhen} : {}),
  };
}

export function secretKeyField(opts: {defaultValue: string; help: string; showWhen?: FieldSpec['showWhen']}): FieldSpec {
  return {
    name: 'secretKey',
    label: 'Key in the Secret',
    kind: 'text',
    defaultValue: opts.defaultValue,
    help: opts.help,
    ...(opts.showWhen ? {showWhen: opts.showWhen} : {}),
  };
}

export function imageTagField(defaultValue: string, image: string): FieldSpec {
  return {
    name: 'imageTag',
    label: 'Image tag',
    kind: 'text',
    defaultValue,
    help: `Tag of ${image}; the default is the version this guide was checked against.`,
  };
}

export function workloadNameField(defaultValue: string): FieldSpec {
  return {
    name: 'workloadName',
    label: 'Deployment name',
    kind: 'text',
    defaultValue,
    help: 'Name of the Deployment and the value of its app.kubernetes.io/name label (a DNS label).',
  };
}

export function appImageField(defaultValue: string): FieldSpec {
  return {
    name: 'appImage',
    label: 'Application image',
    kind: 'text',
    defaultValue,
    help: 'Your application container image with a tag or digest. The default is a busybox placeholder that only sleeps.',
  };
}

/**
 * The defaults stand in for the reader's application with a small public image
 * that stays up, so the default manifest runs as it stands and the verify steps
 * have a shell to exec into.
 */
export const DEMO_APP_IMAGE = 'docker.io/library/busybox:1.37';
export const DEMO_APP_COMMAND = 'while true; do sleep 3600; done';

export function appCommandField(defaultValue = DEMO_APP_COMMAND): FieldSpec {
  return {
    name: 'appCommand',
    label: 'Application command (optional)',
    kind: 'text',
    defaultValue,
    help: 'Run through /bin/sh -c inside the application container. Leave empty to keep the image entrypoint.',
  };
}

/** Secret names left empty derive from the identity name; this is that rule. */
export function derivedSecretName(identityName: string): string {
  return `${identityName}-identity`;
}

/**
 * Reads the optional `secretName` field. Empty means "derive from the identity
 * name", and that derived name must itself be a valid Kubernetes name (identity
 * names may hold upper case and '_', which Secret names may not).
 */
export function readSecretName(r: FormReader, identityName: string): string {
  const typed = r.text('secretName', checks.optionalSecretName);
  if (typed) return typed;
  const derived = derivedSecretName(identityName);
  if (!checkIdentityName('identityName', identityName) && !isDnsSubdomain(derived)) {
    r.add(
      issue(
        'secretName',
        `The default Secret name "${derived}" is not a valid Kubernetes name (lower-case letters, digits, '-' and '.'); enter a Secret name.`,
      ),
    );
  }
  return derived;
}

/* ------------------------------------------------------------------ */
/* Reading the raw form                                                */
/* ------------------------------------------------------------------ */

/**
 * Reads field values out of a raw record, applying defaults for missing keys and
 * collecting Issues. Fields hidden by `showWhen` are never read or checked, so a
 * stale value in the URL for a hidden field cannot block the build.
 */
export class FormReader {
  readonly issues: Issue[] = [];
  private readonly byName: ReadonlyMap<string, FieldSpec>;

  constructor(
    fields: readonly FieldSpec[],
    private readonly raw: RawInput,
  ) {
    this.byName = new Map(fields.map((field) => [field.name, field]));
  }

  /** Raw string for a field: the record's own value, else the field default. */
  value(name: string): string {
    const field = this.field(name);
    const own = Object.prototype.hasOwnProperty.call(this.raw, name) ? this.raw[name] : undefined;
    return typeof own === 'string' ? own : field.defaultValue;
  }

  /** Whether the field is visible given the other fields' values. */
  shown(name: string): boolean {
    const when = this.field(name).showWhen;
    if (!when) return true;
    return this.shown(when.field) && when.values.includes(this.value(when.field));
  }

  add(found: Issue | undefined | readonly Issue[]): void {
    if (found === undefined) return;
    if (Array.isArray(found)) this.issues.push(...(found as readonly Issue[]));
    else this.issues.push(found as Issue);
  }

  /** Reads a text field and runs `check` on it. */
  text(name: string, check: (path: string, value: string) => Issue | undefined): string {
    const value = this.value(name);
    this.add(check(name, value));
    return value;
  }

  /** Reads a select field; an unknown value is an Issue and falls back to the default. */
  select<T extends string>(name: string): T {
    const field = this.field(name);
    const value = this.value(name);
    const options = field.options ?? [];
    if (options.some((option) => option.value === value)) return value as T;
    this.add(issue(name, `Choose one of: ${options.map((option) => option.label).join('; ')}.`));
    return field.defaultValue as T;
  }

  /** Wraps the typed value, or the Issues if any were found. */
  result<T>(value: T): ParseResult<T> {
    return this.issues.length > 0 ? {ok: false, issues: [...this.issues]} : {ok: true, value};
  }

  private field(name: string): FieldSpec {
    const field = this.byName.get(name);
    // A typo in a builder, not bad input; fail loudly in tests.
    if (!field) throw new Error(`unknown field ${name}`);
    return field;
  }
}

/* Common checks with the wording used across strategies. */
export const checks = {
  namespace: (path: string, value: string) => checkDnsLabel(path, value, 'the namespace'),
  releaseName: checkReleaseName,
  identityName: (path: string, value: string) => checkIdentityName(path, value),
  roleAttribute: checkRoleAttribute,
  imageTag: checkImageTag,
  workloadName: (path: string, value: string) => checkDnsLabel(path, value, 'the Deployment name'),
  appImage: (path: string, value: string) => checkImageReference(path, value, 'the application image'),
  appCommand: (path: string, value: string) => checkOptionalText(path, value, 'the application command'),
  secretName: (path: string, value: string) => checkDnsSubdomain(path, value, 'the Secret name'),
  /** Optional Secret name: empty means derived from the identity name. */
  optionalSecretName: (path: string, value: string) =>
    value === '' ? undefined : checkDnsSubdomain(path, value, 'the Secret name'),
  secretKey: (path: string, value: string) => checkSecretKey(path, value),
};

/* Secret/ConfigMap data keys: [-._a-zA-Z0-9]+, not "." or "..", at most 253. */
export function checkSecretKey(path: string, value: string): Issue | undefined {
  if (value === '') return issue(path, 'Enter the key inside the Secret.');
  if (value.length > 253 || !/^[-._a-zA-Z0-9]+$/.test(value) || value === '.' || value === '..') {
    return issue(path, "A Secret key may only hold letters, digits, '-', '_' and '.' (at most 253 characters).");
  }
  return undefined;
}

/* ------------------------------------------------------------------ */
/* Shared command snippets                                             */
/* ------------------------------------------------------------------ */

export function jwtFile(identityName: string): string {
  return `/tmp/${identityName}.jwt`;
}

export function jsonFile(identityName: string): string {
  return `/tmp/${identityName}.json`;
}

export function createIdentityCommand(identityName: string, roleAttribute: string): string {
  return continued(
    `ziti edge create identity ${shellQuote(identityName)}`,
    `--jwt-output-file ${shellQuote(jwtFile(identityName))}`,
    `--role-attributes ${shellQuote(roleAttribute)}`,
  );
}

/** Enrolls the JWT into an identity JSON file (which holds the private key). */
export function enrollCommand(identityName: string): string {
  return `ziti edge enroll --jwt ${shellQuote(jwtFile(identityName))} --out ${shellQuote(jsonFile(identityName))}`;
}

/** Creates the namespace if missing; safe to re-run. */
export function ensureNamespaceCommand(namespace: string): string {
  return `kubectl create namespace ${shellQuote(namespace)} --dry-run=client -o yaml | kubectl apply -f -`;
}

/** `kubectl create secret generic` from a file; the file's content never appears in the text. */
export function createSecretFromFileCommand(namespace: string, secretName: string, key: string, file: string): string {
  return continued(
    `kubectl create secret generic ${shellQuote(secretName)}`,
    `--namespace ${shellQuote(namespace)}`,
    `--from-file=${shellQuote(`${key}=${file}`)}`,
  );
}

export function helmRepoCommands(): string[] {
  return [`helm repo add ${HELM_REPO_NAME} ${HELM_REPO_URL}`, 'helm repo update'];
}

/** `helm upgrade --install` with a values file and optional `--set-file` pairs. */
export function helmInstallCommand(opts: {
  chart: ChartRef;
  releaseName: string;
  namespace: string;
  valuesFile: string;
  setFiles: readonly {readonly key: string; readonly file: string}[];
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
 * Name Helm gives the chart's objects (`<fullname>`), following the usual
 * `helm create` helper: the release name alone when it already contains the
 * chart name, else `release-chart`, cut to 63 characters.
 */
export function helmFullname(releaseName: string, chart: ChartRef): string {
  const full = releaseName.includes(chart.name) ? releaseName : `${releaseName}-${chart.name}`;
  // Helm's trunc 63 | trimSuffix "-": cutting may leave a trailing dash, which names cannot end with.
  return full.slice(0, 63).replace(/-+$/, '');
}

/** Standard bash lines that delete the identity's local files. */
export function removeLocalFilesCommand(identityName: string, withJson: boolean): string {
  const files = withJson ? [jwtFile(identityName), jsonFile(identityName)] : [jwtFile(identityName)];
  return `rm -f ${files.map(shellQuote).join(' ')}`;
}

/** Re-exported so strategy files import chart data from one module. */
export {CHARTS};
