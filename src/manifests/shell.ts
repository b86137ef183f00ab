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
