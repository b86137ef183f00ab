/**
 * "Copy all" as one bash script a shell runs top to bottom, and the check that
 * every file a step reads was written by an earlier one. Pure: no React, no I/O.
 *
 * A builder's outcome mixes shell steps with files (Helm values, manifests,
 * nginx.conf) that a later step reads by name. Joined as they are, a shell
 * would run `apiVersion: apps/v1` as a command; here each file is written by a
 * quoted here-document before the first step that reads it.
 */
import {OUTCOMES, type OutcomeId} from '../data/decisionTree';
import {PROFILES} from '../data/comparison';
import {SECRETS_DIR_VARIABLE, secretsPath, shellQuote} from './shell';
import type {Artifact, ArtifactStage} from './types';

/**
 * Whether an artifact is part of the run, only undoes it (clean-up runs on
 * request), or replaces part of it (GitOps objects instead of `helm install`).
 */
export function artifactStage(artifact: Artifact): ArtifactStage {
  // Builders may say so explicitly; every builder so far names its clean-up step `cleanup`.
  return artifact.stage ?? (artifact.id === 'cleanup' ? 'cleanup' : 'setup');
}

/** A shell step is run; every other language is a file the steps read. */
export function isStep(artifact: Artifact): boolean {
  return artifact.language === 'bash';
}

export interface FileAccess {
  readonly kind: 'read' | 'write' | 'remove';
  /** As written in the script, `./` removed. */
  readonly path: string;
  /** The command it occurs in, for messages. */
  readonly command: string;
  /** What reads or writes it: `kubectl apply -f`, `helm --values`, `ziti --out`, `>`, `rm`. */
  readonly via: string;
}

export interface ScriptScan {
  /** In the order the shell meets them. */
  readonly accesses: readonly FileAccess[];
  /** Paths the scan cannot resolve (a variable it does not know); each is a problem for the read check. */
  readonly unresolved: readonly string[];
}

interface Word {
  readonly text: string;
  /** Contains an expansion the scan could not resolve (`$(…)`, an unknown variable). */
  readonly dynamic: boolean;
}

interface Redirect {
  readonly op: string;
  readonly target: Word;
}

interface SimpleCommand {
  readonly words: readonly Word[];
  readonly redirects: readonly Redirect[];
  readonly source: string;
}

const OPERATOR = /&&|\|\||;;|[;|&()]/y;
const REDIRECT = /[0-9]*(?:>>|>\||>&|<<<|<<-|<<|<&|<>|>|<)|&>>|&>/y;
const BRACED_VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/y;
const PLAIN_VARIABLE = /\$([A-Za-z_][A-Za-z0-9_]*)/y;

/** A sticky regular expression's match exactly at `index`, or null. */
function matchAt(pattern: RegExp, text: string, index: number): RegExpExecArray | null {
  pattern.lastIndex = index;
  return pattern.exec(text);
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}']);

/**
 * Variables the scan treats as fixed folders whatever the script assigns to
 * them: the private folder is made by `mktemp -d`, which the scan cannot run,
 * but every step names its files inside it the same way.
 */
const PINNED_VARIABLES: ReadonlyMap<string, string> = new Map([[SECRETS_DIR_VARIABLE, `\${${SECRETS_DIR_VARIABLE}}`]]);

/**
 * Splits bash text into simple commands. It knows what the builders write:
 * quotes, backslash continuations, comments, `;` `&&` `||` `|`, redirections,
 * here-documents (whose bodies are skipped) and literal variable assignments,
 * which it substitutes into later `$NAME` / `${NAME}` words.
 */
function parseCommands(script: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  const variables = new Map<string, string>(PINNED_VARIABLES);
  const pendingHeredocs: string[] = [];
  let words: Word[] = [];
  let redirects: Redirect[] = [];
  let pendingRedirect: string | null = null;
  let commandStart = 0;
  let i = 0;

  function finishWord(word: Word): void {
    if (pendingRedirect !== null) {
      if (pendingRedirect.startsWith('<<') && pendingRedirect !== '<<<') {
        pendingHeredocs.push(word.text);
      } else {
        redirects.push({op: pendingRedirect, target: word});
      }
      pendingRedirect = null;
      return;
    }
    words.push(word);
  }

  function finishCommand(end: number): void {
    while (words.length > 0 && KEYWORDS.has(words[0]?.text ?? '')) words.shift();
    const source = script.slice(commandStart, end).trim();
    // A line that only assigns literal values defines variables for later words.
    const assignments = words.filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text));
    if (words.length > 0 && assignments.length === words.length) {
      for (const w of assignments) {
        const eq = w.text.indexOf('=');
        const name = w.text.slice(0, eq);
        if (PINNED_VARIABLES.has(name)) continue;
        if (w.dynamic) variables.delete(name);
        else variables.set(name, w.text.slice(eq + 1));
      }
    } else if (words.length > 0 || redirects.length > 0) {
      commands.push({words, redirects, source});
    }
    words = [];
    redirects = [];
    pendingRedirect = null;
  }

  function skipHeredocBodies(): void {
    // `i` sits just after a newline: the bodies follow, one per pending here-document.
    while (pendingHeredocs.length > 0) {
      const delimiter = pendingHeredocs.shift() ?? '';
      for (;;) {
        if (i >= script.length) return;
        const end = script.indexOf('\n', i);
        const line = script.slice(i, end === -1 ? script.length : end);
        i = end === -1 ? script.length : end + 1;
        if (line === delimiter || line.replace(/^\t+/, '') === delimiter) break;
      }
    }
  }

  function expand(name: string): string | null {
    if (variables.has(name)) return variables.get(name) ?? '';
    return null;
  }

  /** Reads one word starting at `i`; returns it with quotes removed and known variables substituted. */
  function readWord(): Word {
    let text = '';
    let dynamic = false;
    let quote: '' | "'" | '"' = '';
    while (i < script.length) {
      const c = script[i] ?? '';
      if (quote === "'") {
        if (c === "'") quote = '';
        else text += c;
        i++;
        continue;
      }
      if (c === '\\') {
        const next = script[i + 1] ?? '';
        if (next === '\n') {
          i += 2;
          continue;
        }
        text += next;
        i += 2;
        continue;
      }
      if (quote === '"') {
        if (c === '"') {
          quote = '';
          i++;
          continue;
        }
      } else {
        if (/\s/.test(c) || ';&|<>()'.includes(c)) break;
        if (c === "'" || c === '"') {
          quote = c;
          i++;
          continue;
        }
      }
      if (c === '$') {
        const match = matchAt(BRACED_VARIABLE, script, i) ?? matchAt(PLAIN_VARIABLE, script, i);
        if (match) {
          const value = expand(match[1] ?? '');
          if (value === null) {
            dynamic = true;
            text += match[0];
          } else {
            text += value;
          }
          i += match[0].length;
          continue;
        }
        if (script[i + 1] === '(' || script[i + 1] === '{') {
          // Command substitution or a parameter expansion with operators: copy it through, balanced.
          const open = script[i + 1] ?? '(';
          const close = open === '(' ? ')' : '}';
          let depth = 0;
          let j = i + 1;
          for (; j < script.length; j++) {
            if (script[j] === open) depth++;
            else if (script[j] === close && --depth === 0) break;
          }
          text += script.slice(i, j + 1);
          dynamic = true;
          i = j + 1;
          continue;
        }
      }
      text += c;
      i++;
    }
    return {text, dynamic};
  }

  while (i < script.length) {
    const c = script[i] ?? '';
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      finishCommand(i);
      i++;
      skipHeredocBodies();
      commandStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#') {
      // A `#` that starts a word starts a comment (inside a word, readWord keeps it).
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
      continue;
    }
    const op = matchAt(OPERATOR, script, i);
    if (op && !(c === '&' && script[i + 1] === '>')) {
      finishCommand(i);
      i += op[0].length;
      commandStart = i;
      continue;
    }
    const redirect = matchAt(REDIRECT, script, i);
    if (redirect) {
      i += redirect[0].length;
      const op2 = redirect[0].replace(/^[0-9]+/, '');
      // `2>&1` and friends duplicate a descriptor; they name no file.
      if (op2.endsWith('&') && /^[0-9-]/.test(script[i] ?? '')) {
        while (/[0-9-]/.test(script[i] ?? '')) i++;
        continue;
      }
      pendingRedirect = op2;
      while (script[i] === ' ' || script[i] === '\t') i++;
      continue;
    }
    finishWord(readWord());
  }
  finishCommand(script.length);
  return commands;
}

function normalise(path: string): string {
  return path.replace(/^(\.\/)+/, '');
}

function isRemote(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}

/** kubectl subcommands whose `-f` names a file (for `logs` it means "follow"). */
const KUBECTL_FILENAME_SUBCOMMANDS = new Set([
  'apply', 'create', 'delete', 'replace', 'diff', 'get', 'describe', 'wait', 'label', 'annotate',
  'patch', 'set', 'scale', 'rollout', 'autoscale', 'expose', 'edit', 'auth',
]);

/** Value of `--flag value` or `--flag=value` at position `index`; null when the word is not that flag. */
function flagValue(words: readonly Word[], index: number, names: readonly string[]): {value: Word; consumed: number} | null {
  const word = words[index]?.text ?? '';
  for (const name of names) {
    if (word === name) {
      const value = words[index + 1];
      return value ? {value, consumed: 2} : null;
    }
    if (name.startsWith('--') && word.startsWith(`${name}=`)) {
      return {value: {text: word.slice(name.length + 1), dynamic: words[index]?.dynamic ?? false}, consumed: 1};
    }
  }
  return null;
}

type Access = {kind: FileAccess['kind']; word: Word; via: string};

/** kubectl's global flags that take a value, skipped when looking for the subcommand. */
const KUBECTL_VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server']);

function kubectlSubcommand(args: readonly Word[]): string {
  for (let k = 0; k < args.length; k++) {
    const text = args[k]?.text ?? '';
    if (KUBECTL_VALUE_FLAGS.has(text)) k++;
    else if (!text.startsWith('-')) return text;
  }
  return '';
}

/** File reads and writes of one command, by what each tool's flags mean. */
function commandAccesses(command: SimpleCommand): Access[] {
  const out: Access[] = [];
  const words = [...command.words];
  // `KUBECONFIG=path kubectl …` reads that file.
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]?.text ?? '')) {
    const assignment = words.shift();
    if (assignment?.text.startsWith('KUBECONFIG=')) {
      for (const part of assignment.text.slice('KUBECONFIG='.length).split(':')) {
        if (part) out.push({kind: 'read', word: {text: part, dynamic: assignment.dynamic}, via: 'KUBECONFIG'});
      }
    }
  }
  const tool = (words[0]?.text ?? '').split('/').pop() ?? '';
  const args = words.slice(1);
  const read = (word: Word, via: string): void => {
    if (word.text !== '-' && !isRemote(word.text)) out.push({kind: 'read', word, via});
  };
  const write = (word: Word, via: string): void => {
    if (word.text !== '-' && word.text !== '/dev/null') out.push({kind: 'write', word, via});
  };
  /** Runs `handle` on the value of any of `names` at each position; returns whether one matched. */
  const each = (names: readonly string[], handle: (value: Word, flag: string) => void) => (k: number): number => {
    const found = flagValue(args, k, names);
    if (!found) return 0;
    handle(found.value, (args[k]?.text ?? '').split('=')[0] ?? '');
    return found.consumed;
  };
  /** Walks the arguments once, giving each position to the first matcher that takes it. */
  const walk = (matchers: readonly ((k: number) => number)[], stopAtDoubleDash = false): void => {
    for (let k = 0; k < args.length; ) {
      if (stopAtDoubleDash && args[k]?.text === '--') return; // What follows runs inside a container.
      let consumed = 0;
      for (const matcher of matchers) {
        consumed = matcher(k);
        if (consumed > 0) break;
      }
      k += Math.max(consumed, 1);
    }
  };

  if (tool === 'kubectl') {
    const sub = kubectlSubcommand(args);
    const via = (flag: string): string => `kubectl ${sub} ${flag}`;
    walk(
      [
        each(['--kubeconfig', '--patch-file', '--from-env-file'], (v, flag) => read(v, via(flag))),
        // `-f` names a file only for the subcommands that take manifests (for `logs` it means "follow").
        ...(KUBECTL_FILENAME_SUBCOMMANDS.has(sub)
          ? [each(['-f', '--filename', '-k', '--kustomize'], (v, flag) => read(v, via(flag)))]
          : []),
        // `--from-file=key=path` or `--from-file=path`.
        each(['--from-file'], (v, flag) => {
          const eq = v.text.indexOf('=');
          read({text: eq === -1 ? v.text : v.text.slice(eq + 1), dynamic: v.dynamic}, via(flag));
        }),
      ],
      true,
    );
  } else if (tool === 'helm') {
    walk([
      each(['-f', '--values', '--kubeconfig', '--ca-file', '--cert-file', '--key-file'], (v, flag) => {
        for (const part of v.text.split(',')) read({text: part, dynamic: v.dynamic}, `helm ${flag}`);
      }),
      each(['--set-file'], (v, flag) => {
        for (const pair of v.text.split(',')) {
          const eq = pair.indexOf('=');
          if (eq !== -1) read({text: pair.slice(eq + 1), dynamic: v.dynamic}, `helm ${flag}`);
        }
      }),
    ]);
  } else if (tool === 'ziti') {
    const positional = args.filter((w) => !w.text.startsWith('-'));
    const isEnroll = positional[0]?.text === 'edge' && positional[1]?.text === 'enroll';
    // `-o` is the JWT or identity file only for `edge create …` and `edge enroll`.
    const isCreate = positional[0]?.text === 'edge' && positional[1]?.text === 'create';
    const outputs = isEnroll ? ['--out', '-o'] : isCreate ? ['--jwt-output-file', '-o'] : ['--jwt-output-file'];
    walk([
      each(outputs, (v, flag) => write(v, `ziti ${flag}`)),
      ...(isEnroll ? [each(['--jwt', '-j', '--cert', '-c', '--key', '-k', '--ca'], (v, flag) => read(v, `ziti ${flag}`))] : []),
      (k: number): number => {
        // `ziti edge enroll path.jwt`: the JWT as the first positional argument.
        const word = args[k];
        if (isEnroll && word && word === positional[2]) read(word, 'ziti edge enroll');
        return 0;
      },
    ]);
  } else if (tool === 'rm') {
    for (const w of args) if (!w.text.startsWith('-')) out.push({kind: 'remove', word: w, via: 'rm'});
  } else if (tool === 'tee') {
    for (const w of args) if (!w.text.startsWith('-')) write(w, 'tee');
  } else if (tool === 'cat' || tool === 'source' || tool === '.') {
    for (const w of args) if (!w.text.startsWith('-')) read(w, tool);
  } else if (tool === 'cp') {
    const paths = args.filter((w) => !w.text.startsWith('-'));
    for (const p of paths.slice(0, -1)) read(p, 'cp');
    const target = paths.at(-1);
    if (target && paths.length > 1) write(target, 'cp');
  } else if (tool === 'curl') {
    walk([
      each(['-o', '--output'], (v, flag) => write(v, `curl ${flag}`)),
      each(['--cacert', '--cert', '--key'], (v, flag) => read(v, `curl ${flag}`)),
    ]);
  }

  for (const r of command.redirects) {
    if (r.op === '<' || r.op === '<>') read(r.target, r.op);
    else if (r.op !== '<<<') write(r.target, r.op);
  }
  return out;
}

/** The program each simple command runs (after leading assignments), in order: what a preflight must find on PATH. */
export function commandNames(script: string): string[] {
  return parseCommands(script)
    .map((command) => command.words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text))?.text ?? '')
    .filter((name) => name !== '');
}

/** Every file the script reads, writes or removes, in order. */
export function scanScript(script: string): ScriptScan {
  const commands = parseCommands(script);
  const accesses: FileAccess[] = [];
  const unresolved: string[] = [];
  for (const command of commands) {
    for (const {kind, word, via} of commandAccesses(command)) {
      if (word.dynamic) {
        unresolved.push(`${word.text} in: ${command.source}`);
        continue;
      }
      accesses.push({kind, path: normalise(word.text), command: command.source, via});
    }
  }
  return {accesses, unresolved};
}

/** Paths read before anything wrote them (or after a step removed them), with the command; empty when all is well. */
export function unwrittenReads(scans: readonly ScriptScan[], initiallyWritten: Iterable<string> = []): string[] {
  const written = new Set<string>(initiallyWritten);
  const problems: string[] = [];
  for (const scan of scans) {
    for (const problem of scan.unresolved) problems.push(`cannot tell which file is read: ${problem}`);
    for (const access of scan.accesses) {
      if (access.kind === 'write') written.add(access.path);
      else if (access.kind === 'remove') written.delete(access.path);
      else if (!written.has(access.path)) problems.push(`reads ${access.path} before any step writes it: ${access.command}`);
    }
  }
  return problems;
}

/**
 * The files an outcome's steps apply as plain Kubernetes manifests
 * (`kubectl apply|create|replace -f`), in page order: what a kustomization lists.
 */
export function appliedManifests(artifacts: readonly Artifact[]): Artifact[] {
  const applied = new Set<string>();
  for (const step of artifacts.filter((a) => isStep(a) && artifactStage(a) === 'setup')) {
    for (const access of scanScript(step.text).accesses) {
      if (access.kind === 'read' && /^kubectl (apply|create|replace) (-f|--filename)$/.test(access.via)) applied.add(access.path);
    }
  }
  return artifacts.filter((a) => a.language === 'yaml' && applied.has(normalise(a.fileName)));
}

/** The files each shell step reads, by artifact id (what a reader must have saved before pasting that step). */
export function stepReads(artifact: Artifact): string[] {
  if (!isStep(artifact)) return [];
  const reads = scanScript(artifact.text).accesses.filter((a) => a.kind === 'read').map((a) => a.path);
  return [...new Set(reads)];
}

/**
 * Checks an outcome's steps one by one as a reader pastes them: every file a
 * step reads must come from an earlier artifact (a file block the reader saves,
 * or a step that writes it) and must not have been removed since.
 */
export function stepByStepProblems(artifacts: readonly Artifact[]): string[] {
  const scans: ScriptScan[] = artifacts
    .filter((a) => artifactStage(a) === 'setup')
    .map((a) =>
      isStep(a)
        ? prefixed(scanScript(a.text), a)
        : {accesses: [{kind: 'write', path: normalise(a.fileName), command: `the ${a.fileName} block`, via: 'saved'}], unresolved: []},
    );
  return unwrittenReads(scans);
}

function prefixed(scan: ScriptScan, artifact: Artifact): ScriptScan {
  return {
    accesses: scan.accesses.map((a) => ({...a, command: `${artifact.fileName}: ${a.command}`})),
    unresolved: scan.unresolved.map((u) => `${artifact.fileName}: ${u}`),
  };
}

/** A here-document delimiter that no line of the text equals. */
export function heredocDelimiter(text: string): string {
  const lines = new Set(text.split('\n'));
  let delimiter = 'EOF';
  for (let n = 2; lines.has(delimiter); n++) delimiter = `EOF_${n}`;
  return delimiter;
}

/** Shell lines that write `text` to `fileName` byte for byte. */
export function writeFileLines(fileName: string, text: string): string {
  if (text.endsWith('\n')) {
    const delimiter = heredocDelimiter(text);
    // Quoted delimiter: the shell expands nothing inside, so `$` and backticks stay as they are.
    return `cat > ${shellQuote(fileName)} <<'${delimiter}'\n${text}${delimiter}\n`;
  }
  // A here-document always ends with a newline; printf keeps a text that has none exact.
  return `printf '%s' ${shellQuote(text)} > ${shellQuote(fileName)}\n`;
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

const SECRETS_PREFIX = secretsPath('');

/** The private folder's files a step touches, by kind. */
function secretsAccesses(text: string): {touches: boolean; writes: boolean; removes: boolean} {
  const accesses = scanScript(text).accesses.filter((a) => a.path.startsWith(SECRETS_PREFIX));
  return {
    touches: accesses.length > 0,
    writes: accesses.some((a) => a.kind === 'write'),
    removes: accesses.some((a) => a.kind === 'remove'),
  };
}

/** Stops a step before it writes to `/NAME.jwt` when the private folder is missing. */
export const SECRETS_DIR_GUARD =
  '[ -d "${ZITI_SECRETS_DIR:-}" ] || { echo \'ZITI_SECRETS_DIR names no folder: run the step that creates the identity first, in this shell or after the export line it printed.\' >&2; exit 1; }';

/**
 * The text a step carries so that it is as safe alone (its Copy button, its
 * bundle file) as inside Copy all: a subshell with `set -euo pipefail` (a
 * failed `kubectl create secret` stops the step before the `rm` of the only
 * key, and an error never closes the terminal it was pasted into), and the
 * private folder for tokens. The step that writes the first token creates the
 * folder outside the subshell, so a reader pasting steps one at a time keeps
 * it in their shell, and prints an export line for a reader running the
 * bundle's files one by one.
 */
export function standaloneStepText(artifact: Artifact): string {
  const body = withNewline(artifact.text);
  const secrets = secretsAccesses(body);
  const lines: string[] = ['# Runs in a subshell that stops at the first command that fails; paste or run it whole.'];
  if (secrets.touches && (secrets.writes || artifactStage(artifact) === 'cleanup')) {
    lines.push(
      '# Tokens and identity files go to a private folder (mktemp -d: mode 700), named by ZITI_SECRETS_DIR.',
      '[ -d "${ZITI_SECRETS_DIR:-}" ] || { ZITI_SECRETS_DIR="$(mktemp -d)" && echo "Private folder for tokens and identity files: $ZITI_SECRETS_DIR. In another shell, first run: export ZITI_SECRETS_DIR=\'$ZITI_SECRETS_DIR\'" >&2; }',
    );
  }
  lines.push('(', 'set -euo pipefail');
  if (secrets.touches) lines.push(SECRETS_DIR_GUARD);
  const tail: string[] = [];
  if (secrets.removes) tail.push('# The private folder goes once the last file in it has been moved into the cluster or deleted.', 'rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true');
  return `${lines.join('\n')}\n${body}${tail.length > 0 ? `${tail.join('\n')}\n` : ''})\n`;
}

/** The outcome's artifacts with every shell step made safe to run alone ({@link standaloneStepText}). */
export function standaloneSteps(artifacts: readonly Artifact[]): Artifact[] {
  return artifacts.map((artifact) => (isStep(artifact) ? {...artifact, text: standaloneStepText(artifact)} : artifact));
}

type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';
const LEVEL_RANK: Record<PodSecurityLevel, number> = {restricted: 0, baseline: 1, privileged: 2};

/** Namespaces the setup steps name with `--namespace`/`-n` (kube-system is the cluster's, never labelled by readers). */
function setupNamespaces(steps: readonly Artifact[]): string[] {
  const found = new Set<string>();
  for (const step of steps) {
    for (const match of step.text.matchAll(/(?:--namespace|-n)[ =]'([^']+)'/g)) found.add(match[1] ?? '');
    // Unquoted, a namespace starts with a letter (which also keeps `tail -n 20` out).
    for (const match of step.text.matchAll(/(?:--namespace|-n)[ =]([a-z][a-z0-9.-]*)/g)) found.add(match[1] ?? '');
  }
  found.delete('kube-system');
  found.delete('');
  return [...found];
}

/**
 * Copy all's first lines: one line per missing thing, then stop before any
 * change. Tools on PATH, a controller session, the kube context and
 * namespaces it will use, and each namespace's Pod Security level against
 * what the strategy's pods need.
 */
function preflightLines(outcome: OutcomeId, steps: readonly Artifact[]): string[] {
  const used = new Set(steps.flatMap((step) => commandNames(step.text)));
  const tools = ['kubectl', 'helm', 'ziti', 'jq', 'openssl', 'base64', 'curl'].filter((tool) => used.has(tool));
  const needed = PROFILES[outcome].podSecurity as PodSecurityLevel;
  const weaker = (Object.keys(LEVEL_RANK) as PodSecurityLevel[]).filter((level) => LEVEL_RANK[level] < LEVEL_RANK[needed]);
  const namespaces = setupNamespaces(steps);
  const lines = [
    '# Preflight: stop before any change when something is missing, one line per missing thing.',
    "at='the preflight'",
    'missing=0',
    `for tool in ${tools.join(' ')}; do`,
    '  command -v "$tool" >/dev/null 2>&1 || { echo "Missing: $tool is not on PATH." >&2; missing=1; }',
    'done',
  ];
  if (used.has('ziti')) {
    lines.push(
      "if command -v ziti >/dev/null 2>&1 && ! ziti edge list identities 'limit 1' >/dev/null 2>&1; then",
      '  echo "Missing: a session with the OpenZiti controller (ziti edge list identities fails); run ziti edge login first." >&2',
      '  missing=1',
      'fi',
    );
  }
  if (used.has('kubectl')) {
    lines.push(
      'if command -v kubectl >/dev/null 2>&1; then',
      '  if context="$(kubectl config current-context 2>/dev/null)"; then',
      `    echo "Kubernetes context: $context${namespaces.length > 0 ? `; namespace${namespaces.length > 1 ? 's' : ''}: ${namespaces.join(', ')}` : ''}" >&2`,
      '  else',
      '    echo "Missing: a current kubectl context (kubectl config current-context fails)." >&2',
      '    missing=1',
      '  fi',
    );
    if (weaker.length > 0) {
      for (const namespace of namespaces) {
        const q = shellQuote(namespace);
        lines.push(
          `  level="$(kubectl get namespace ${q} -o jsonpath='{.metadata.labels.pod-security\\.kubernetes\\.io/enforce}' 2>/dev/null || true)"`,
          `  case "$level" in ${weaker.join('|')})`,
          `    echo "Missing: namespace ${namespace} enforces Pod Security \\"$level\\"; these pods need \\"${needed}\\". Label it pod-security.kubernetes.io/enforce=${needed} or choose another namespace." >&2`,
          '    missing=1 ;;',
          '  esac',
        );
      }
    }
    lines.push('fi');
  }
  lines.push('if [ "$missing" != 0 ]; then echo "Stopped before any change: fix the lines above, then run again." >&2; exit 1; fi', '');
  return lines;
}

/**
 * One bash script with every setup step of the outcome in page order. Files
 * (values, manifests, configs) are written where they sit on the page, or
 * earlier when a step reads them first. Clean-up is included but runs only
 * with CLEANUP=1.
 */
export function runnableScript(outcome: OutcomeId, artifacts: readonly Artifact[]): string {
  const setup = artifacts.filter((a) => artifactStage(a) === 'setup');
  const cleanup = artifacts.filter((a) => artifactStage(a) === 'cleanup');
  const steps = setup.filter(isStep);
  // Alternatives (the GitOps objects) replace steps this script runs; writing them too would invite applying both.
  const files = artifacts.filter((a) => !isStep(a) && artifactStage(a) !== 'alternative');
  const stepNumber = new Map(steps.map((a, index) => [a.id, index + 1]));
  const written = new Set<string>();
  const parts: string[] = [];

  function writeFile(file: Artifact, readBy?: Artifact): void {
    if (written.has(file.id)) return;
    written.add(file.id);
    const why = readBy ? `, read by step ${stepNumber.get(readBy.id) ?? '?'}` : '';
    parts.push(`# File: ${file.title} (${file.fileName})${why}\n${writeFileLines(file.fileName, file.text)}`);
  }

  function filesReadBy(step: Artifact): Artifact[] {
    const reads = new Set(stepReads(step));
    return files.filter((f) => reads.has(normalise(f.fileName)));
  }

  for (const artifact of setup) {
    if (!isStep(artifact)) {
      writeFile(artifact);
      continue;
    }
    for (const file of filesReadBy(artifact)) writeFile(file, artifact);
    const n = stepNumber.get(artifact.id) ?? 0;
    if (artifact.runsOnClient) {
      // Only a reader who has set the client up resumes here; a plain run stops and says how.
      parts.push(
        `# Step ${n} runs where an OpenZiti tunneler runs the client identity: a plain run stops here.\n` +
          `if [ "\${FROM_STEP:-1}" -lt ${n} ] && run_step ${n}; then\n` +
          '  keep_secrets=1\n' +
          `  echo "Stopped before step ${n} of ${steps.length} (${artifact.title}): it runs where an OpenZiti tunneler (Ziti Desktop Edge, ziti-edge-tunnel) runs the client identity. Add its token from $ZITI_SECRETS_DIR to that tunneler, copy the files this step reads there, then resume with: ZITI_SECRETS_DIR='$ZITI_SECRETS_DIR' FROM_STEP=${n} bash <this file>" >&2\n` +
          '  exit 0\n' +
          'fi\n',
      );
    }
    parts.push(
      `# Step ${n} of ${steps.length}: ${artifact.title} (${artifact.fileName})\n` +
        `at='step ${n} of ${steps.length}; after fixing the cause, FROM_STEP=${n} runs again from here'\nif run_step ${n}; then\n${withNewline(artifact.text)}fi\n`,
    );
  }
  for (const artifact of cleanup) {
    for (const file of filesReadBy(artifact)) writeFile(file, artifact);
    if (!isStep(artifact)) {
      writeFile(artifact);
      continue;
    }
    parts.push(
      `# Clean up: ${artifact.title} (${artifact.fileName}); runs only with CLEANUP=1\n` +
        `at='the clean-up step'\nif [ "\${CLEANUP:-0}" = 1 ]; then\n${withNewline(artifact.text)}fi\n`,
    );
  }
  // Files no step reads (a config shown for reference) still land beside the others.
  for (const file of files) writeFile(file);

  const title = OUTCOMES[outcome].title;
  const header = [
    '#!/usr/bin/env bash',
    `# ${title}: every step of this outcome, in order, as one script.`,
    '# Run it with bash in an empty folder, or paste it into bash there: it writes the files',
    '# the steps read into the current folder, each just before the first step that reads it.',
    '#',
    '# It stops at the first step that fails, so nothing runs on a missing prerequisite (no',
    '# Deployment without its Secret, no local key deleted after a failed upload). The create',
    '# steps are not idempotent: after fixing a failure, start again at that step with',
    '#   FROM_STEP=<n> bash <this file>',
    '# The clean-up step is left out of a normal run; CLEANUP=1 runs only it.',
    ...(artifacts.some((a) => artifactStage(a) === 'alternative')
      ? ['# This is the helm install path; the GitOps objects (Argo CD, Flux) on the page replace it and are not in here.']
      : []),
    '# Tokens and identity files go to a private folder (mktemp -d, mode 700), removed at the end of a run',
    '# that succeeds; after a stop it is kept and named, and ZITI_SECRETS_DIR=<folder> hands it to the next run.',
    '# Everything runs in a subshell, so a failure never closes a terminal it was pasted into.',
    '(',
    'set -euo pipefail',
    "at='the start'",
    'trap \'echo "Stopped at ${at}." >&2\' ERR',
    'run_step() { [ "${CLEANUP:-0}" != 1 ] && [ "${FROM_STEP:-1}" -le "$1" ]; }',
    'keep_secrets=0',
    'created_secrets_dir=0',
    'if [ -z "${ZITI_SECRETS_DIR:-}" ]; then',
    '  ZITI_SECRETS_DIR="$(mktemp -d)"',
    '  created_secrets_dir=1',
    'fi',
    '# shellcheck disable=SC2317 # finish runs from the EXIT trap',
    'finish() {',
    '  local status=$?',
    '  if [ "$status" = 0 ] && [ "$keep_secrets" = 0 ] && [ "$created_secrets_dir" = 1 ]; then',
    '    rm -rf "$ZITI_SECRETS_DIR"',
    '  elif [ -n "$(ls -A "$ZITI_SECRETS_DIR" 2>/dev/null)" ]; then',
    '    echo "Tokens and identity files are kept in $ZITI_SECRETS_DIR (private to you): run again with ZITI_SECRETS_DIR=\'$ZITI_SECRETS_DIR\' to use them, and delete the folder once you are done." >&2',
    '  else',
    '    rmdir "$ZITI_SECRETS_DIR" 2>/dev/null || true',
    '  fi',
    '}',
    'trap finish EXIT',
    '',
    ...preflightLines(outcome, steps),
  ].join('\n');
  return `${header}\n${parts.join('\n')}\n)\n`;
}
