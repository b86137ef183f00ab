/**
 * Helpers for the bash artifacts. Every reader-supplied value that reaches a
 * command line goes through {@link shellQuote}; nothing else builds shell words
 * out of input.
 */

/**
 * Single-quotes a value for POSIX shells. Inside single quotes nothing is
 * special except the quote itself, which is written as `'\''` (close, escaped
 * quote, reopen). The result is always exactly one shell word.
 */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** One command split over several lines with backslash continuations. */
export function continued(first: string, ...rest: readonly string[]): string {
  return [first, ...rest].join(' \\\n  ');
}

/** Joins script lines and ends the text with a single newline. */
export function script(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/**
 * The private folder tokens and identity files live in: Copy all and the first
 * step that writes one create it with `mktemp -d` (mode 700) and say its path;
 * later steps read it from this variable. Predictable names in /tmp would let
 * another local user plant the file first.
 */
export const SECRETS_DIR_VARIABLE = 'ZITI_SECRETS_DIR';
const SECRETS_DIR_REFERENCE = `\${${SECRETS_DIR_VARIABLE}}`;

/** `${ZITI_SECRETS_DIR}/NAME`: a file in the private folder, as text (prose, comments, the scan). */
export function secretsPath(fileName: string): string {
  return `${SECRETS_DIR_REFERENCE}/${fileName}`;
}

/**
 * One shell word for a value that may name a file in the private folder:
 * double quotes, so the variable expands and the word stays one word. Only
 * file-safe characters may sit beside the variable (names are validated so);
 * anything else is a builder bug. Other values are single-quoted as usual.
 */
export function shellWord(value: string): string {
  if (!value.includes(SECRETS_DIR_REFERENCE)) return shellQuote(value);
  if (!/^[A-Za-z0-9._=/-]*$/.test(value.split(SECRETS_DIR_REFERENCE).join(''))) {
    throw new Error(`Not a file-safe path in the private folder: ${value}`);
  }
  return `"${value}"`;
}
