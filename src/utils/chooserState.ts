/**
 * The chooser's state as a URL query string, so a link reproduces the reader's
 * answers and inputs, and history entries step through them.
 */
import {walk, type Walk} from '../data/decisionTree';

/** Bumped when the encoding changes; links with another version are ignored rather than misread. */
export const STATE_VERSION = '1';

const VERSION_KEY = 'chooser';
const PATH_KEY = 'path';
const INPUT_PREFIX = 'in.';

export interface ChooserState {
  /** Answer ids from the root, in order. */
  readonly answers: readonly string[];
  /** Form values that differ from the outcome's defaults. */
  readonly inputs: Readonly<Record<string, string>>;
}

export const EMPTY_STATE: ChooserState = {answers: [], inputs: {}};

/** Reads state from `location.search`; anything unknown or malformed falls back to the empty state. */
export function decodeState(search: string): ChooserState {
  const params = new URLSearchParams(search);
  if (params.get(VERSION_KEY) !== STATE_VERSION) return EMPTY_STATE;
  const rawPath = params.get(PATH_KEY) ?? '';
  const answers = rawPath === '' ? [] : rawPath.split('.');
  // Keep only the answers that form a valid walk, so the state and the tree agree.
  const valid = walk(answers).steps.map((step) => step.answerId);
  // fromEntries defines own properties, so a key such as `__proto__` stays plain data.
  const inputs = Object.fromEntries(
    [...params]
      .filter(([key]) => key.startsWith(INPUT_PREFIX) && key.length > INPUT_PREFIX.length)
      .map(([key, value]) => [key.slice(INPUT_PREFIX.length), value]),
  );
  return {answers: valid, inputs};
}

/**
 * Writes state into a query string (with the leading `?`), keeping unrelated
 * parameters. The empty state removes the chooser's parameters entirely.
 */
export function encodeState(state: ChooserState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  for (const key of [...params.keys()]) {
    if (key === VERSION_KEY || key === PATH_KEY || key.startsWith(INPUT_PREFIX)) params.delete(key);
  }
  if (state.answers.length > 0 || Object.keys(state.inputs).length > 0) {
    params.set(VERSION_KEY, STATE_VERSION);
    params.set(PATH_KEY, state.answers.join('.'));
    for (const [name, value] of Object.entries(state.inputs)) params.set(`${INPUT_PREFIX}${name}`, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export function walkFromSearch(search: string): Walk {
  return walk(decodeState(search).answers);
}
