/**
 * What a sentence of a guide names from the reader's values: a whole value,
 * or the service names of a `name=host:port` list. Pure and small: every
 * guide loads it, and the Markdown twin and "Copy page as Markdown" read
 * values the same way as the page.
 */

/** How a value reads in prose: `value` as it is, `names` for the names of a `name=…` list (one per line). */
export type ProsePart = 'value' | 'names';

export const PROSE_PARTS: readonly ProsePart[] = ['value', 'names'];

export function isProsePart(part: unknown): part is ProsePart {
  return typeof part === 'string' && (PROSE_PARTS as readonly string[]).includes(part);
}

/**
 * The pieces a sentence names, each shown as code. An empty list means the
 * value names nothing (an empty field): the page then keeps its default words.
 */
export function prosePieces(part: ProsePart, raw: string): string[] {
  if (part === 'value') return raw.trim() === '' ? [] : [raw.trim()];
  const names = raw
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split('=')[0]?.trim() ?? '')
    .filter((name) => name !== '');
  // A name listed twice is named once.
  return [...new Set(names)];
}

/** One piece as Markdown inline code, with a fence longer than any backtick run inside it. */
export function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded}${fence}`;
}

/** The pieces as Markdown: `a`, `a` and `b`, `a`, `b` and `c`. */
export function piecesMarkdown(pieces: readonly string[]): string {
  const codes = pieces.map(inlineCode);
  if (codes.length <= 1) return codes.join('');
  return `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

/**
 * Sentences a guide says about the option a select field has, by option:
 * the page says the one for the value it uses. Plain words, each found once
 * in its twin, so "Copy page as Markdown" swaps the whole sentence.
 */
export const CHOICE_SENTENCES = {
  identitySource: {
    'enroll-token': 'The files on this page use the enrollment token.',
    'identity-json': 'The files on this page use the enrolled identity JSON.',
    'existing-secret': 'The files on this page use an existing Secret, mounted read-only.',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;

export type ChoiceField = keyof typeof CHOICE_SENTENCES;

export function isChoiceField(field: unknown): field is ChoiceField {
  return typeof field === 'string' && Object.hasOwn(CHOICE_SENTENCES, field);
}

/** The sentence for one option of the field; undefined for an option it has none for (the page keeps its default). */
export function choiceSentence(field: ChoiceField, value: string): string | undefined {
  const sentences: Readonly<Record<string, string>> = CHOICE_SENTENCES[field];
  return Object.hasOwn(sentences, value) ? sentences[value] : undefined;
}
