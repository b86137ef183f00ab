/**
 * Pieces every strategy shares: the common form fields, a reader for the raw
 * form record, and the CLI snippets (identity, enrollment, Secret) that
 * several artifacts repeat. Helm pieces live in helmCommon.ts.
 */
import {CHARTS} from './images';
import {continued, script, secretsPath, shellQuote, shellWord} from './shell';
import type {Artifact, FieldOption, FieldSpec, Issue, ParseResult, RawInput} from './types';
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
    help: "Name of the Helm release: lower-case letters, digits, '-' and '.', at most 53 characters (some charts need it shorter; the form says so).",
  };
}

export function identityNameField(defaultValue: string, label = 'OpenZiti identity name'): FieldSpec {
  return {
    name: 'identityName',
    label,
    kind: 'text',
    defaultValue,
    help: 'Also names the files NAME.jwt and NAME.json in the private folder the steps create on your workstation ($ZITI_SECRETS_DIR).',
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

/** Form values of an on/off select; {@link FormReader.enabled} reads them back. */
const ENABLED = 'enabled';
const DISABLED = 'disabled';

/** An on/off select (default on), so every switch is stored and read back the same way. */
export function enabledField(opts: {name: string; label: string; on: string; off: string; help?: string}): FieldSpec {
  return {
    name: opts.name,
    label: opts.label,
    kind: 'select',
    defaultValue: ENABLED,
    options: [
      {value: ENABLED, label: opts.on},
      {value: DISABLED, label: opts.off},
    ],
    ...(opts.help === undefined ? {} : {help: opts.help}),
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

  /** Reads an {@link enabledField}: true unless the reader switched it off. */
  enabled(name: string): boolean {
    return this.select<typeof ENABLED | typeof DISABLED>(name) === ENABLED;
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

/*
 * Secret and ConfigMap data keys, exactly as the API server and
 * `kubectl create secret --from-file=KEY=…` check them:
 * kubernetes/kubernetes staging/src/k8s.io/apimachinery/pkg/util/validation/
 * validation.go IsConfigMapKey: [-._a-zA-Z0-9]+, at most 253 characters, and
 * (hasChDirPrefix) not ".", not ".." and not starting with "..".
 */
export function checkSecretKey(path: string, value: string): Issue | undefined {
  if (value === '') return issue(path, 'Enter the key inside the Secret.');
  if (value.length > 253) return issue(path, `The Secret key is ${value.length} characters long; Kubernetes allows 253.`);
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) {
    return issue(path, "Kubernetes refuses this Secret key: it may only hold letters, digits, '-', '_' and '.'.");
  }
  if (value.startsWith('..') || value === '.') {
    return issue(path, 'Kubernetes refuses a Secret key that is "." or starts with "..": the key becomes a file name in the mounted volume.');
  }
  return undefined;
}

/* ------------------------------------------------------------------ */
/* Shared command snippets                                             */
/* ------------------------------------------------------------------ */

/** The identity's one-time enrollment token, in the private folder (ZITI_SECRETS_DIR, see shell.ts). */
export function jwtFile(identityName: string): string {
  return secretsPath(`${identityName}.jwt`);
}

/** The enrolled identity (it holds the private key), in the private folder. */
export function jsonFile(identityName: string): string {
  return secretsPath(`${identityName}.json`);
}

export function createIdentityCommand(identityName: string, roleAttribute: string): string {
  return continued(
    `ziti edge create identity ${shellQuote(identityName)}`,
    `--jwt-output-file ${shellWord(jwtFile(identityName))}`,
    `--role-attributes ${shellQuote(roleAttribute)}`,
  );
}

/** Enrolls the JWT into an identity JSON file (which holds the private key). */
export function enrollCommand(identityName: string): string {
  return `ziti edge enroll --jwt ${shellWord(jwtFile(identityName))} --out ${shellWord(jsonFile(identityName))}`;
}

/** How long a step waits for pods before it says why they are not there. */
export const ROLLOUT_TIMEOUT = '5m';

/**
 * Waits for a rollout, never for ever: when the pods are not ready in time
 * (Pod Security refused them, the image does not pull), prints the
 * namespace's recent events, where the reason shows, and stops the step.
 * `namespace` and `resource` are shell words already (quoted by the caller).
 */
export function rolloutWaitLines(namespace: string, resource: string, indent = ''): string[] {
  return [
    `if ! kubectl rollout status --namespace ${namespace} ${resource} --timeout=${ROLLOUT_TIMEOUT}; then`,
    `  echo "Not ready after ${ROLLOUT_TIMEOUT}; the namespace's latest events say why (a Pod Security refusal shows as FailedCreate):" >&2`,
    `  kubectl get events --namespace ${namespace} --sort-by=.lastTimestamp | tail -n 20 >&2`,
    '  exit 1',
    'fi',
  ].map((line) => `${indent}${line}`);
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
    `--from-file=${shellWord(`${key}=${file}`)}`,
  );
}

/** Standard bash lines that delete the identity's local files. */
export function removeLocalFilesCommand(identityName: string, withJson: boolean): string {
  const files = withJson ? [jwtFile(identityName), jsonFile(identityName)] : [jwtFile(identityName)];
  return `rm -f ${files.map(shellWord).join(' ')}`;
}

/**
 * Creates the identity; with `enrollLocally` also enrolls it here, for the
 * strategies whose workload cannot enroll a token itself.
 */
export function createIdentityLines(identityName: string, roleAttribute: string, enrollLocally: boolean): string[] {
  return [
    createIdentityCommand(identityName, roleAttribute),
    ...(enrollLocally ? ['', '# Enroll on this workstation; the JSON holds the private key.', enrollCommand(identityName)] : []),
  ];
}

/** Moves the locally enrolled identity JSON into a Secret; every strategy that mounts one writes this step alike. */
export function identitySecretArtifact(opts: {
  readonly title: string;
  readonly fileName: string;
  readonly namespace: string;
  readonly identityName: string;
  readonly secretName: string;
  readonly secretKey: string;
  readonly note: string;
}): Artifact {
  return {
    id: 'secret',
    title: opts.title,
    language: 'bash',
    fileName: opts.fileName,
    text: script([
      ensureNamespaceCommand(opts.namespace),
      createSecretFromFileCommand(opts.namespace, opts.secretName, opts.secretKey, jsonFile(opts.identityName)),
      '# The Secret now holds the key; remove the local copies.',
      removeLocalFilesCommand(opts.identityName, true),
    ]),
    note: opts.note,
  };
}

/** `kubectl delete secret` by name; cleanup steps of the chart strategies share it. Already gone is fine: clean-up may run twice. */
export function deleteSecretCommand(namespace: string, secretName: string): string {
  return `kubectl delete secret ${shellQuote(secretName)} --namespace ${shellQuote(namespace)} --ignore-not-found`;
}

/** Last cleanup lines of every identity-based strategy: the identity on the controller, then its local files. */
export function deleteIdentityLines(identityName: string, withJson: boolean): string[] {
  return [`ziti edge delete identity ${shellQuote(identityName)}`, removeLocalFilesCommand(identityName, withJson)];
}

/** The label that names a workload; Deployments select their pods by it and verify steps find the pods by it. */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';

/** Labels of a workload's Deployment, pods and ConfigMap. */
export function workloadLabels(workloadName: string): Record<string, string> {
  return {[APP_NAME_LABEL]: workloadName};
}

/**
 * The one-replica Deployment the sidecars and NGINX share; `specExtras` land
 * between the selector and the pod template (e.g. the update strategy).
 */
export function workloadDeployment(
  input: {readonly namespace: string; readonly workloadName: string},
  podSpec: Record<string, unknown>,
  specExtras: Record<string, unknown> = {},
): Record<string, unknown> {
  const labels = workloadLabels(input.workloadName);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {name: input.workloadName, namespace: input.namespace, labels},
    spec: {
      replicas: 1,
      selector: {matchLabels: labels},
      ...specExtras,
      template: {metadata: {labels}, spec: podSpec},
    },
  };
}

/** Applies a one-Deployment manifest and waits for it; `extraLines` follow (e.g. a restart hint). */
export function manifestApplyArtifact(
  input: {readonly namespace: string; readonly workloadName: string},
  slug: string,
  manifestFile: string,
  extraLines: readonly string[] = [],
): Artifact {
  return {
    id: 'manifest-apply',
    title: 'Apply the manifest',
    language: 'bash',
    fileName: `${slug}-apply.sh`,
    text: script([
      `kubectl apply -f ${manifestFile}`,
      ...rolloutWaitLines(shellQuote(input.namespace), shellQuote(`deployment/${input.workloadName}`)),
      ...extraLines,
    ]),
  };
}

/** Re-exported so strategy files import chart data from one module. */
export {CHARTS};
