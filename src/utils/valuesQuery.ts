/**
 * The reader's values in a query string, as `in.<field>=value`: the part of
 * the address the chooser and every guide read and write the same way, so a
 * link copied on one reads the same on the other.
 *
 * Pure and small: every guide imports it on load. It knows field names
 * through readerValues (no builders), and the size bounds through valueLimits.
 */
import type {OutcomeId} from '../data/decisionTree';
import {fieldsOf, overridesFor, type StoredValues} from './readerValues';
import {overLimit} from './valueLimits';

/** Prefix of a value's parameter: `in.namespace=team-a`. */
export const INPUT_PREFIX = 'in.';

export function isInputParam(key: string): boolean {
  return key.startsWith(INPUT_PREFIX);
}

/** A parameter's name or value as the page quotes it: short, on one line. */
export function quoted(text: string): string {
  const flat = text.replace(/[\p{C}\p{Z}]/gu, (char) => (char === ' ' ? ' ' : '\uFFFD'));
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 37)}...` : flat);
}

/** The values a query string carries, and what in it was left out, each with its reason in words for the reader. */
export interface DecodedInputs {
  readonly inputs: Readonly<Record<string, string>>;
  readonly ignored: readonly string[];
}

/**
 * The `in.` parameters of a query. A value is used when `fields` has its name
 * and it is within the size bounds; with `fields` null none is used, and
 * `unreachable` says why. A name given twice counts once (the first).
 */
export function readInputs(params: URLSearchParams, fields: ReadonlySet<string> | null, unreachable = ''): DecodedInputs {
  const ignored: string[] = [];
  const seen = new Set<string>();
  const inputs: [string, string][] = [];
  for (const [key, value] of params) {
    if (!isInputParam(key)) continue;
    const name = key.slice(INPUT_PREFIX.length);
    if (seen.has(name)) {
      ignored.push(`The link sets ${quoted(key)} more than once; only the first was used.`);
      continue;
    }
    seen.add(name);
    const why = fields === null ? unreachable : !fields.has(name) ? 'this strategy has no field of that name' : overLimit(value);
    if (why === undefined) inputs.push([name, value]);
    else ignored.push(`The link's value ${quoted(key)} was not used: ${why}.`);
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays plain data.
  return {inputs: Object.fromEntries(inputs), ignored};
}

/** The query's parameters with its `in.` ones replaced by these values (none when empty); the rest keep their order. */
export function withInputParams(params: URLSearchParams, inputs: Readonly<Record<string, string>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of [...next.keys()]) if (isInputParam(key)) next.delete(key);
  for (const [name, value] of Object.entries(inputs)) next.set(`${INPUT_PREFIX}${name}`, value);
  return next;
}

/** A query string with its leading `?`, or nothing at all when it is empty. */
export function searchOf(params: URLSearchParams): string {
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** A guide's values from its address: the strategy is the page's, so only `in.` parameters count. */
export function decodeGuideValues(search: string, outcome: OutcomeId): DecodedInputs {
  return readInputs(new URLSearchParams(search), new Set(fieldsOf(outcome)));
}

/** A guide's query with these values, keeping every other parameter. */
export function encodeGuideValues(inputs: Readonly<Record<string, string>>, currentSearch = ''): string {
  return searchOf(withInputParams(new URLSearchParams(currentSearch), inputs));
}

/**
 * The values a page of this strategy uses: the address's when it carries
 * any the page can use (a shared link, or the page's own address after an
 * edit), else the reader's stored ones.
 */
export function valuesInUse(
  fromAddress: Readonly<Record<string, string>>,
  stored: StoredValues,
  outcome: OutcomeId,
): Readonly<Record<string, string>> {
  return Object.keys(fromAddress).length > 0 ? fromAddress : overridesFor(stored, outcome);
}

/** {@link valuesInUse} for a guide's address. */
export function guideValuesInUse(search: string, stored: StoredValues, outcome: OutcomeId): Readonly<Record<string, string>> {
  return valuesInUse(decodeGuideValues(search, outcome).inputs, stored, outcome);
}

/**
 * The fields whose value in a link differs from the reader's own (either
 * side may lack one: it is at its default there); null when they agree.
 */
export function differingFields(
  link: Readonly<Record<string, string>>,
  mine: Readonly<Record<string, string>>,
): ReadonlySet<string> | null {
  const names = new Set([...Object.keys(link), ...Object.keys(mine)]);
  const differing = new Set(
    [...names].filter((name) => (Object.hasOwn(link, name) ? link[name] : undefined) !== (Object.hasOwn(mine, name) ? mine[name] : undefined)),
  );
  return differing.size === 0 ? null : differing;
}
