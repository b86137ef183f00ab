/**
 * The reader's values, kept once and used by the chooser and every guide.
 *
 * Pure on purpose: no builders, no React, no storage. A guide imports this
 * module on every load, so it must stay small; the builders are only loaded
 * once the reader's values differ from the defaults.
 *
 * Each builder field is either shared (one stored value used by every
 * strategy where the field means the same thing) or belongs to one strategy.
 * A unit test walks every builder's fields and fails when a field is in
 * neither list, so a new field cannot be forgotten.
 */
import type {OutcomeId} from '../data/decisionTree';
import {MAX_VALUE_LENGTH, overLimit} from './valueLimits';

export {MAX_VALUE_LENGTH};

type FieldRef = readonly [OutcomeId, string];

/**
 * Shared keys, each with the (outcome, field) pairs that read it. Fields are
 * only grouped when they mean the same thing to the reader's cluster; the
 * test checks that grouped fields also have the same kind, options and default.
 */
export const SHARED_VALUES = {
  /** The namespace the OpenZiti pods (tunneler DaemonSet, router, ziti-host) are installed into. */
  zitiNamespace: [
    ['node-proxy-daemonset', 'namespace'],
    ['openziti-router', 'namespace'],
    ['ziti-host', 'namespace'],
  ],
  /** The namespace of the application (sidecar strategies) or the NGINX Deployment beside it. */
  appNamespace: [
    ['transparent-proxy-sidecar', 'namespace'],
    ['loopback-proxy-sidecar', 'namespace'],
    ['nginx-proxy-module', 'namespace'],
  ],
  /** The application Deployment the sidecar joins: same object in both sidecar strategies. */
  appWorkloadName: [
    ['transparent-proxy-sidecar', 'workloadName'],
    ['loopback-proxy-sidecar', 'workloadName'],
  ],
  appImage: [
    ['transparent-proxy-sidecar', 'appImage'],
    ['loopback-proxy-sidecar', 'appImage'],
  ],
  appCommand: [
    ['transparent-proxy-sidecar', 'appCommand'],
    ['loopback-proxy-sidecar', 'appCommand'],
  ],
  /** Whether the cluster runs native sidecars: a property of the cluster, not of the strategy. */
  sidecarStart: [
    ['transparent-proxy-sidecar', 'sidecarStart'],
    ['loopback-proxy-sidecar', 'sidecarStart'],
  ],
  /** Both sidecars run the same image (openziti/ziti-tunnel), so one tag. */
  zitiTunnelImageTag: [
    ['transparent-proxy-sidecar', 'imageTag'],
    ['loopback-proxy-sidecar', 'imageTag'],
  ],
  /** The OpenZiti services workloads dial, as name=host:port lines. */
  egressServices: [
    ['node-proxy-daemonset', 'services'],
    ['transparent-proxy-sidecar', 'services'],
  ],
  /** The cluster's storage class for the identity volume. */
  storageClass: [
    ['node-proxy-daemonset', 'storageClass'],
    ['openziti-router', 'storageClass'],
  ],
  /** Services hosted from inside the cluster, as name=host:port lines (the NGINX module calls them binds). */
  hostedServices: [
    ['openziti-router', 'hostedServices'],
    ['nginx-proxy-module', 'binds'],
    ['ziti-host', 'hostedServices'],
  ],
  interceptAddresses: [
    ['openziti-router', 'interceptAddresses'],
    ['nginx-proxy-module', 'interceptAddresses'],
    ['ziti-host', 'interceptAddresses'],
  ],
  /** The outside client that dials the hosted services: one identity whichever strategy hosts them. */
  clientRoleAttribute: [
    ['openziti-router', 'clientRoleAttribute'],
    ['nginx-proxy-module', 'clientRoleAttribute'],
    ['ziti-host', 'clientRoleAttribute'],
  ],
  clientIdentityName: [
    ['openziti-router', 'clientIdentityName'],
    ['nginx-proxy-module', 'clientIdentityName'],
    ['ziti-host', 'clientIdentityName'],
  ],
} as const satisfies Record<string, readonly FieldRef[]>;

export type SharedKey = keyof typeof SHARED_VALUES;

/**
 * Fields that mean something different in each strategy, stored per strategy:
 * each strategy has its own identity, role attribute, release, Secret and image
 * (ziti-edge-tunnel, ziti-host, ziti-router and the NGINX image are different
 * images, so their tags are separate even where the versions match today).
 */
export const PER_STRATEGY: {readonly [K in OutcomeId]: readonly string[]} = {
  'node-proxy-daemonset': [
    'releaseName',
    'identityName',
    'roleAttribute',
    'identitySource',
    'secretName',
    'secretKey',
    'zitiDomain',
    'dnsMode',
    'nodeSelector',
    'systemDBus',
    'dbusSocketPath',
    'imageTag',
  ],
  'transparent-proxy-sidecar': ['clusterDnsIp', 'identityName', 'roleAttribute', 'secretName', 'searchDomains'],
  'loopback-proxy-sidecar': ['identityName', 'roleAttribute', 'secretName', 'bindings', 'svcPollRate'],
  'openziti-router': [
    'releaseName',
    'identityName',
    'roleAttribute',
    'identitySource',
    'secretName',
    'advertisedHost',
    'linkListener',
    'controllerEndpoint',
    'imageTag',
  ],
  'nginx-proxy-module': ['workloadName', 'identityName', 'roleAttribute', 'identitySource', 'secretName', 'secretKey', 'image'],
  'ziti-host': ['releaseName', 'identityName', 'roleAttribute', 'identitySource', 'secretName', 'secretKey', 'imageTag'],
};

/** Bumped when the stored shape or the meaning of a key changes; other versions are ignored. */
export const STORAGE_VERSION = 1;

/** Stored values by storage key; only values that differ from the defaults. */
export type StoredValues = Readonly<Record<string, string>>;

export const NO_VALUES: StoredValues = Object.freeze({});

/** localStorage is per origin; the baseUrl keeps two sites on one origin apart. */
export function storageKeyFor(baseUrl: string): string {
  return `openziti-k8s-guide:values:v${STORAGE_VERSION}:${baseUrl}`;
}

const SHARED_BY_FIELD: ReadonlyMap<string, SharedKey> = new Map(
  (Object.entries(SHARED_VALUES) as [SharedKey, readonly FieldRef[]][]).flatMap(([key, refs]) =>
    refs.map(([outcome, field]) => [`${outcome}.${field}`, key] as const),
  ),
);

/** Where one field's value is stored: its shared key, or `outcome.field`. */
export function valueKey(outcome: OutcomeId, field: string): string {
  return SHARED_BY_FIELD.get(`${outcome}.${field}`) ?? `${outcome}.${field}`;
}

/** Every field name of one strategy, as this module knows it. */
export function fieldsOf(outcome: OutcomeId): string[] {
  const shared = [...SHARED_BY_FIELD.keys()]
    .filter((ref) => ref.startsWith(`${outcome}.`))
    .map((ref) => ref.slice(outcome.length + 1));
  return [...shared, ...PER_STRATEGY[outcome]];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set(
  (Object.keys(PER_STRATEGY) as OutcomeId[]).flatMap((outcome) => fieldsOf(outcome).map((field) => valueKey(outcome, field))),
);

/** The stored values one strategy uses, by its own field names. */
export function overridesFor(stored: StoredValues, outcome: OutcomeId): Record<string, string> {
  const entries: [string, string][] = [];
  for (const field of fieldsOf(outcome)) {
    const value = stored[valueKey(outcome, field)];
    if (typeof value === 'string' && Object.hasOwn(stored, valueKey(outcome, field))) entries.push([field, value]);
  }
  return Object.fromEntries(entries);
}

/**
 * The store after one strategy's inputs changed from `previous` to `next`
 * (both hold only the values that differ from the defaults). Only the fields
 * that changed are written, so a shared link's other values are not adopted
 * without the reader asking; a field back at its default is removed.
 */
export function withInputChanges(
  stored: StoredValues,
  outcome: OutcomeId,
  previous: Readonly<Record<string, string>>,
  next: Readonly<Record<string, string>>,
): StoredValues {
  const result: Record<string, string> = {...stored};
  for (const field of fieldsOf(outcome)) {
    const before = Object.hasOwn(previous, field) ? previous[field] : undefined;
    const after = Object.hasOwn(next, field) ? next[field] : undefined;
    if (before === after) continue;
    const key = valueKey(outcome, field);
    // A value over the bounds is never stored: the form shows it with its error (buildFromRaw) until it fits.
    if (after === undefined || overLimit(after) !== undefined) delete result[key];
    else result[key] = after;
  }
  return Object.freeze(result);
}

/** The store without any value one strategy uses: that strategy's Reset. */
export function withoutOutcome(stored: StoredValues, outcome: OutcomeId): StoredValues {
  const next: Record<string, string> = {...stored};
  for (const field of fieldsOf(outcome)) delete next[valueKey(outcome, field)];
  return Object.freeze(next);
}

export function sameValues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

/** The text written to localStorage. */
export function serializeValues(stored: StoredValues): string {
  const sorted = Object.fromEntries(Object.entries(stored).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({version: STORAGE_VERSION, values: sorted});
}

/** What reading the store found: the values it kept, and what it left out and why (for the page to say). */
export interface StoredRead {
  readonly values: StoredValues;
  readonly ignored: readonly string[];
}

const NOTHING_IGNORED: readonly string[] = Object.freeze([]);

/**
 * Reads what localStorage held. Storage is shared with anything else on the
 * origin and can be edited by hand, so anything unexpected is left out: wrong
 * version, wrong shape, unknown keys, non-string or oversized values. Each is
 * named in `ignored`, so the page can say what it did not use.
 */
export function readStoredValues(text: string | null): StoredRead {
  if (text === null) return {values: NO_VALUES, ignored: NOTHING_IGNORED};
  const none = (why: string): StoredRead => ({values: NO_VALUES, ignored: [`Your stored values could not be read (${why}), so none of them were used.`]});
  if (text.length > MAX_STORED_TEXT) return none(`they take ${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_STORED_TEXT.toLocaleString('en-US')}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return none('they are not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return none('they are not a JSON object');
  const record = data as Record<string, unknown>;
  if (record.version !== STORAGE_VERSION) {
    return none(`they were saved in format ${JSON.stringify(record.version) ?? 'none'}, and this site reads format ${STORAGE_VERSION}`);
  }
  const values = record.values;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return none('they hold no list of values');
  const kept: [string, string][] = [];
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const name = JSON.stringify(key.length > 60 ? `${key.slice(0, 57)}...` : key);
    const why = !KNOWN_KEYS.has(key)
      ? 'no field of this site is stored under that name'
      : typeof value !== 'string'
        ? 'it is not text'
        : overLimit(value);
    if (why === undefined) kept.push([key, value as string]);
    else ignored.push(`The stored value ${name} was not used: ${why}.`);
  }
  // fromEntries defines own properties, so a stored `__proto__` key stays plain data (and is unknown anyway).
  return {values: Object.freeze(Object.fromEntries(kept)), ignored: ignored.length === 0 ? NOTHING_IGNORED : ignored};
}

/** Longest stored text read at all: every known key at its longest value, each character escaped, stays under it. */
const MAX_STORED_TEXT = 2_000_000;

/** The values {@link readStoredValues} keeps. */
export function parseStoredValues(text: string | null): StoredValues {
  return readStoredValues(text).values;
}
