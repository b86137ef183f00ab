/**
 * The chooser's state as a URL query string, so a link reproduces the reader's
 * answers and inputs, and history entries step through them.
 */
import {isOutcomeId, walk, type Walk} from '../data/decisionTree';
import {fieldsOf} from './readerValues';
import {isInputParam, quoted, readInputs, searchOf, withInputParams} from './valuesQuery';

/** Bumped when the encoding changes; links with another version are ignored rather than misread. */
export const STATE_VERSION = '1';

const VERSION_KEY = 'chooser';
const PATH_KEY = 'path';

export interface ChooserState {
  /** Answer ids from the root, in order. */
  readonly answers: readonly string[];
  /** Form values that differ from the outcome's defaults. */
  readonly inputs: Readonly<Record<string, string>>;
}

export const EMPTY_STATE: ChooserState = {answers: [], inputs: {}};

/** The state a query string holds, and what in it was left out and why, in words for the reader. */
export interface DecodedState {
  readonly state: ChooserState;
  readonly ignored: readonly string[];
}

/**
 * Reads state from `location.search`. What cannot be used (another version,
 * answers the questions do not have, values for fields the strategy does not
 * have, values over the size limits) is left out, and each is named in
 * `ignored` so the page can say so.
 */
export function decodeStateReport(search: string): DecodedState {
  const params = new URLSearchParams(search);
  const version = params.get(VERSION_KEY);
  const ours = [...params.keys()].filter((key) => key === VERSION_KEY || key === PATH_KEY || isInputParam(key));
  if (version !== STATE_VERSION) {
    if (ours.length === 0) return {state: EMPTY_STATE, ignored: []};
    const why =
      version === null
        ? `it has no ${VERSION_KEY}= parameter`
        : `it says ${VERSION_KEY}=${quoted(version)}, and this page reads ${VERSION_KEY}=${STATE_VERSION}`;
    return {state: EMPTY_STATE, ignored: [`The link's answers and values were not used: ${why}.`]};
  }
  const ignored: string[] = [];
  const rawPath = params.get(PATH_KEY) ?? '';
  const answers = rawPath === '' ? [] : rawPath.split('.');
  // Keep only the answers that form a valid walk, so the state and the tree agree.
  const {steps, current} = walk(answers);
  const valid = steps.map((step) => step.answerId);
  if (valid.length < answers.length) {
    ignored.push(
      `The link's answers from ${quoted(answers.slice(valid.length).join('.'))} on were not used: they do not answer the questions the earlier ones lead to.`,
    );
  }
  const fields = isOutcomeId(current) ? new Set(fieldsOf(current)) : null;
  const read = readInputs(params, fields, "the link's answers do not reach a strategy");
  return {state: {answers: valid, inputs: read.inputs}, ignored: [...ignored, ...read.ignored]};
}

/** Reads state from `location.search`; anything unknown or malformed is left out ({@link decodeStateReport} says what). */
export function decodeState(search: string): ChooserState {
  return decodeStateReport(search).state;
}

/**
 * Writes state into a query string (with the leading `?`), keeping unrelated
 * parameters. The empty state removes the chooser's parameters entirely.
 */
export function encodeState(state: ChooserState, currentSearch = ''): string {
  const params = withInputParams(new URLSearchParams(currentSearch), {});
  params.delete(VERSION_KEY);
  params.delete(PATH_KEY);
  if (state.answers.length > 0 || Object.keys(state.inputs).length > 0) {
    params.set(VERSION_KEY, STATE_VERSION);
    params.set(PATH_KEY, state.answers.join('.'));
    return searchOf(withInputParams(params, state.inputs));
  }
  return searchOf(params);
}

export function walkFromSearch(search: string): Walk {
  return walk(decodeState(search).answers);
}
