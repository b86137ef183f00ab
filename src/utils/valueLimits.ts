/**
 * The size any one form value may have, wherever it comes from: typed, a
 * shared link or the reader's store. The longest real value (a list of
 * services, one per line) is far below both; the bounds keep a crafted link
 * from turning the form into a page hundreds of thousands of pixels tall.
 * Pure and tiny: the chooser, every guide and the builders import it.
 */

/** Characters in one value. */
export const MAX_VALUE_LENGTH = 4000;

/** Lines in one value (a `lines` field; other fields are one line). */
export const MAX_VALUE_LINES = 200;

/** Why a value is over a bound, in words for the reader; undefined when it is within both. */
export function overLimit(value: string): string | undefined {
  if (value.length > MAX_VALUE_LENGTH) {
    return `it is ${value.length.toLocaleString('en-US')} characters long; the limit is ${MAX_VALUE_LENGTH.toLocaleString('en-US')}`;
  }
  const lines = value.split('\n').length;
  if (lines > MAX_VALUE_LINES) return `it has ${lines.toLocaleString('en-US')} lines; the limit is ${MAX_VALUE_LINES}`;
  return undefined;
}
