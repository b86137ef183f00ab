/**
 * Test-only helpers: the project's records of the upstream charts, reading shell and
 * nginx text the way bash and nginx would, and flattening YAML documents.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {loadAll} from 'js-yaml';
import {CHARTS} from '../images';
import type {TemplateImage} from '../charts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (src/manifests/__tests__ is three levels down). */
export const REPO_ROOT = path.resolve(HERE, '../../..');
/** The project's records of the upstream charts, one per chart and version (scripts/chart-keys.mjs writes them). */
export const CHART_RECORDS_DIR = path.resolve(HERE, '../charts');

/** One chart version as recorded in src/manifests/charts/<name>-<version>.json. */
export interface ChartRecord {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string;
  readonly kubeVersion: string | null;
  readonly source: {readonly repository: string; readonly path: string; readonly commit: string};
  readonly generatedBy: string;
  /** Keys the templates read that values.yaml does not declare (dotted paths). */
  readonly templateOnlyKeys: readonly string[];
  /** Images the templates name literally, where each appears (see src/manifests/charts/index.ts). */
  readonly templateImages: readonly TemplateImage[];
  /** values.yaml with its defaults. */
  readonly values: Record<string, unknown>;
}

/** The record of the chart version images.ts pins; fails loudly when a bump left the record behind. */
export function loadChartRecord(chart: string): ChartRecord {
  const ref = Object.values(CHARTS).find((c) => c.name === chart);
  if (!ref) throw new Error(`images.ts pins no chart named ${chart}`);
  const file = path.join(CHART_RECORDS_DIR, `${chart}-${ref.version}.json`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run scripts/chart-keys.mjs on the ${chart} ${ref.version} chart folder (see README)`);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as ChartRecord;
}

export function loadChartValues(chart: string): Record<string, unknown> {
  return loadChartRecord(chart).values;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/* ------------------------------------------------------------------ */
/* Helm values key check                                               */
/* ------------------------------------------------------------------ */

/**
 * Lists every path in `values` that the chart does not know. A path is known
 * when values.yaml has it, when `extraKeys` lists it (keys the templates read
 * that values.yaml lacks, per the helm-charts README), or when it sits below a
 * key whose upstream default is a free-form map or list (`nodeSelector: {}`).
 * Types are compared where upstream has a non-null scalar default.
 */
export function unknownValuesKeys(
  values: Record<string, unknown>,
  upstream: Record<string, unknown>,
  extraKeys: readonly string[] = [],
  prefix = '',
): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    if (extraKeys.includes(keyPath)) continue;
    if (!Object.prototype.hasOwnProperty.call(upstream, key)) {
      problems.push(`${keyPath}: not in the chart's values.yaml`);
      continue;
    }
    const base = upstream[key];
    if (isRecord(base) && Object.keys(base).length > 0) {
      if (!isRecord(value)) problems.push(`${keyPath}: chart expects a map`);
      else problems.push(...unknownValuesKeys(value, base, extraKeys, keyPath));
    } else if (isRecord(base) || Array.isArray(base)) {
      // Empty map/list upstream: free-form content the templates pass through.
      if (Array.isArray(base) !== Array.isArray(value)) problems.push(`${keyPath}: chart expects ${Array.isArray(base) ? 'a list' : 'a map'}`);
    } else if (base !== null && base !== undefined && typeof base !== typeof value) {
      problems.push(`${keyPath}: chart default is a ${typeof base}, got ${typeof value}`);
    }
  }
  return problems;
}

/* ------------------------------------------------------------------ */
/* Bash                                                                */
/* ------------------------------------------------------------------ */

type CharKind = 'single' | 'escape' | 'double' | 'raw';

export interface ShellWord {
  readonly text: string;
  /** How each character of `text` was written. */
  readonly kinds: readonly CharKind[];
}

export interface ShellAnalysis {
  readonly words: readonly ShellWord[];
  /**
   * The script with every single-quoted region and every backslash escape
   * replaced by one \u0001 marker (runs collapsed): what bash would interpret.
   */
  readonly residue: string;
}

const MARK = '\u0001';

/**
 * A small POSIX-shell lexer, enough for the scripts we generate: single and
 * double quotes, backslash escapes, comments, operators and here-documents.
 * Throws on an unterminated quote or here-document.
 */
export function analyzeBash(text: string): ShellAnalysis {
  const words: ShellWord[] = [];
  let residue = '';
  let wordText = '';
  let wordKinds: CharKind[] = [];
  let inWord = false;
  const pendingHeredocs: string[] = [];
  const mark = () => {
    if (!residue.endsWith(MARK)) residue += MARK;
  };
  const endWord = () => {
    if (inWord) words.push({text: wordText, kinds: wordKinds});
    wordText = '';
    wordKinds = [];
    inWord = false;
  };
  const push = (ch: string, kind: CharKind) => {
    wordText += ch;
    wordKinds.push(kind);
    inWord = true;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      endWord();
      residue += ch;
      i++;
      // Here-document bodies start on the next line and end at the delimiter line.
      while (pendingHeredocs.length > 0) {
        const delimiter = pendingHeredocs.shift() ?? '';
        const end = findDelimiterLine(text, i, delimiter);
        if (end < 0) throw new Error(`unterminated here-document ${delimiter}`);
        residue += text.slice(i, end);
        i = end;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      endWord();
      residue += ch;
      i++;
      continue;
    }
    if (ch === '#' && !inWord) {
      const eol = text.indexOf('\n', i);
      const stop = eol < 0 ? text.length : eol;
      residue += text.slice(i, stop);
      i = stop;
      continue;
    }
    if (ch === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) throw new Error('unterminated single quote');
      for (const c of text.slice(i + 1, close)) push(c, 'single');
      inWord = true;
      mark();
      i = close + 1;
      continue;
    }
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === undefined) throw new Error('trailing backslash');
      if (next !== '\n') push(next, 'escape');
      mark();
      i += 2;
      continue;
    }
    if (ch === '"') {
      residue += ch;
      i++;
      inWord = true;
      for (;;) {
        const c = text[i];
        if (c === undefined) throw new Error('unterminated double quote');
        residue += c;
        i++;
        if (c === '"') break;
        if (c === '\\' && text[i] !== undefined) {
          push(text[i] ?? '', 'double');
          residue += text[i];
          i++;
          continue;
        }
        push(c, 'double');
      }
      continue;
    }
    if (ch === '<' && text[i + 1] === '<') {
      endWord();
      // "<<" or "<<-", then the delimiter word (quoted or not).
      const match = /^<<-?\s*(?:'([^']*)'|"([^"]*)"|([^\s;|&<>]+))/.exec(text.slice(i));
      if (!match) throw new Error('bad here-document');
      pendingHeredocs.push(match[1] ?? match[2] ?? match[3] ?? '');
      residue += match[0];
      i += match[0].length;
      continue;
    }
    if ('|&;<>()'.includes(ch)) {
      endWord();
      residue += ch;
      i++;
      continue;
    }
    push(ch, 'raw');
    residue += ch;
    i++;
  }
  endWord();
  if (pendingHeredocs.length > 0) throw new Error('unterminated here-document');
  return {words, residue};
}

function findDelimiterLine(text: string, from: number, delimiter: string): number {
  let start = from;
  while (start < text.length) {
    const eol = text.indexOf('\n', start);
    const stop = eol < 0 ? text.length : eol;
    if (text.slice(start, stop) === delimiter) return eol < 0 ? stop : eol + 1;
    start = stop + 1;
  }
  return -1;
}

/** Whether `value` appears inside one word, every character of it single-quoted or escaped. */
export function appearsQuoted(analysis: ShellAnalysis, value: string): boolean {
  for (const word of analysis.words) {
    let at = word.text.indexOf(value);
    while (at >= 0) {
      const kinds = word.kinds.slice(at, at + value.length);
      if (kinds.every((kind) => kind === 'single' || kind === 'escape')) return true;
      at = word.text.indexOf(value, at + 1);
    }
  }
  return false;
}

/* ------------------------------------------------------------------ */
/* nginx                                                               */
/* ------------------------------------------------------------------ */

export interface NginxDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly block?: readonly NginxDirective[];
}

/**
 * Parses nginx.conf syntax: directives end with ';' or open a '{' block;
 * "..." and '...' strings unescape \" \' \\ (and \t \r \n), '#' starts a comment.
 */
export function parseNginx(text: string): NginxDirective[] {
  const tokens: {value: string; special: boolean}[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (ch === '{' || ch === '}' || ch === ';') {
      tokens.push({value: ch, special: true});
      i++;
    } else if (ch === '"' || ch === "'") {
      let value = '';
      i++;
      for (;;) {
        const c = text[i];
        if (c === undefined) throw new Error('unterminated nginx string');
        i++;
        if (c === ch) break;
        if (c === '\\') {
          const next = text[i] ?? '';
          i++;
          value += next === 't' ? '\t' : next === 'r' ? '\r' : next === 'n' ? '\n' : ['"', "'", '\\'].includes(next) ? next : `\\${next}`;
          continue;
        }
        value += c;
      }
      tokens.push({value, special: false});
    } else {
      let value = '';
      while (i < text.length && !/[\s;{}]/.test(text[i] ?? '')) value += text[i++];
      tokens.push({value, special: false});
    }
  }
  let at = 0;
  const parseBlock = (nested: boolean): NginxDirective[] => {
    const out: NginxDirective[] = [];
    for (;;) {
      const token = tokens[at];
      if (token === undefined) {
        if (nested) throw new Error('unclosed nginx block');
        return out;
      }
      if (token.special && token.value === '}') {
        if (!nested) throw new Error('unexpected }');
        at++;
        return out;
      }
      if (token.special) throw new Error(`unexpected ${token.value}`);
      const name = token.value;
      at++;
      const args: string[] = [];
      for (;;) {
        const next = tokens[at];
        if (next === undefined) throw new Error(`directive ${name} not terminated`);
        at++;
        if (next.special && next.value === ';') {
          out.push({name, args});
          break;
        }
        if (next.special && next.value === '{') {
          out.push({name, args, block: parseBlock(true)});
          break;
        }
        if (next.special) throw new Error('unexpected }');
        args.push(next.value);
      }
    }
  };
  return parseBlock(false);
}

/* ------------------------------------------------------------------ */
/* YAML                                                                */
/* ------------------------------------------------------------------ */

export function parseYamlDocuments(text: string): unknown[] {
  return loadAll(text);
}

/** Every string (keys included) inside parsed YAML. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((item) => allStrings(item, out));
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      allStrings(item, out);
    }
  }
  return out;
}

/**
 * Structure of parsed YAML with scalar values erased. Keys of maps named
 * `freeFormKey` (e.g. nodeSelector, whose keys are reader input) are erased too,
 * so two builds that differ only in one reader value compare equal.
 */
export function yamlShape(node: unknown, freeFormKey?: string, parentKey?: string): string {
  if (Array.isArray(node)) return `[${node.map((item) => yamlShape(item, freeFormKey)).join(',')}]`;
  if (isRecord(node)) {
    const erase = freeFormKey !== undefined && parentKey === freeFormKey;
    return `{${Object.entries(node)
      .map(([key, item]) => `${erase ? '<K>' : JSON.stringify(key)}:${yamlShape(item, freeFormKey, key)}`)
      .join(',')}}`;
  }
  return typeof node;
}

/** Strings YAML 1.1/1.2 readers (js-yaml, go-yaml in Helm and kubectl) would turn into something else. */
export const YAML_TRAPS = [
  'yes', 'Yes', 'YES', 'no', 'No', 'on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'False', 'null', 'Null', '~', '',
  '0x10', '0o17', '0b101', '1e3', '1E3', '010', '1_000', '+1', '-1', '.5', '+.5', '1.', '1.5', '.inf', '-.Inf', '.nan', '1:30',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '=', '<<', ':', '::', '#', '# x', 'a #b', 'a: b', 'a:', '- a', '-', '?', '? a',
  '|', '>', '!x', '!!str', '&a', '*a', '%x', '@x', '`x', '{}', '[]', '{a: 1}', '[1]', ',', '"', "'", ' lead', 'trail ', ' ',
  'a\nb', 'a\n', '\n', 'a\r\nb', '\t', 'a\tb', '---', '...', '--- a', '\u2028', '\u0085', '\uFEFFx', 'a\u0000b', '\\', '\\n',
] as const;
