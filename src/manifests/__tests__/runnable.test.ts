import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {OUTCOME_IDS, type OutcomeId} from '../../data/decisionTree';
import {BUILDERS, buildFromRaw, defaultRaw} from '../index';
import {
  appliedManifests,
  artifactStage,
  heredocDelimiter,
  isStep,
  runnableScript,
  scanScript,
  stepByStepProblems,
  unwrittenReads,
  writeFileLines,
} from '../runnable';
import type {Artifact} from '../types';

const SHELLCHECK = '/usr/bin/shellcheck';
/** Optional on a laptop, required in CI (`apt-get install -y shellcheck`), so the check cannot silently vanish there. */
const HAS_SHELLCHECK = existsSync(SHELLCHECK);
if (!HAS_SHELLCHECK && process.env.CI) throw new Error(`${SHELLCHECK} is missing: apt-get install -y shellcheck`);

interface Variant {
  readonly outcome: OutcomeId;
  readonly label: string;
  readonly raw: Record<string, string>;
}

/** Defaults, then every option of every select field (identity source, DNS mode, …) one at a time. */
function variants(): Variant[] {
  const out: Variant[] = [];
  for (const outcome of OUTCOME_IDS) {
    const defaults = defaultRaw(outcome);
    out.push({outcome, label: 'defaults', raw: defaults});
    for (const field of BUILDERS[outcome].fields) {
      for (const option of field.options ?? []) {
        if (option.value === field.defaultValue) continue;
        out.push({outcome, label: `${field.name}=${option.value}`, raw: {...defaults, [field.name]: option.value}});
      }
    }
  }
  return out;
}

function build(variant: Variant): readonly Artifact[] {
  const result = buildFromRaw(variant.outcome, variant.raw);
  if (!result.ok) throw new Error(`${variant.outcome} ${variant.label}: ${JSON.stringify(result.issues)}`);
  return result.artifacts;
}

const VARIANTS = variants();
const scratch = mkdtempSync(path.join(tmpdir(), 'runnable-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

describe.each(VARIANTS.map((v) => [`${v.outcome} (${v.label})`, v] as const))('the steps of %s', (_name, variant) => {
  const artifacts = build(variant);
  const script = runnableScript(variant.outcome, artifacts);

  it('each read a file an earlier step writes, when pasted one at a time', () => {
    expect(stepByStepProblems(artifacts)).toEqual([]);
  });

  it('as one script, read only files it wrote before and not removed since', () => {
    const scan = scanScript(script);
    expect(unwrittenReads([scan])).toEqual([]);
    // Every file the steps read is written by a here-document in the script itself.
    const reads = new Set(scan.accesses.filter((a) => a.kind === 'read').map((a) => a.path));
    for (const file of artifacts.filter((a) => !isStep(a) && reads.has(a.fileName))) {
      expect(scan.accesses.some((a) => a.kind === 'write' && a.via === '>' && a.path === file.fileName)).toBe(true);
    }
  });

  it('parse with bash -n and pass shellcheck', () => {
    const file = path.join(scratch, `${variant.outcome}-${variant.label.replace(/\W+/g, '_')}.sh`);
    writeFileSync(file, script);
    execFileSync('bash', ['-n', file]);
    if (HAS_SHELLCHECK) {
      const result = spawnSync(SHELLCHECK, ['--shell=bash', '--format=gcc', file], {encoding: 'utf8'});
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
    }
  });
});

/**
 * Runs the script with kubectl, helm, ziti, curl and openssl replaced by stubs that log their
 * arguments: the shell gets through every line under `set -euo pipefail`, and
 * the files it leaves are byte for byte the artifacts.
 */
function runWithStubs(outcome: OutcomeId, script: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(scratch, `${outcome}-`));
  const bin = path.join(dir, '.bin');
  const work = path.join(dir, 'work');
  execFileSync('mkdir', ['-p', bin, work]);
  const log = path.join(dir, 'commands.log');
  // curl too: a verify step must never reach the network from a unit test; openssl
  // because the expiry checks read a certificate that only a real cluster prints.
  for (const tool of ['kubectl', 'helm', 'ziti', 'curl', 'openssl']) {
    const stub = path.join(bin, tool);
    // An empty cluster: `helm status` finds a release only once the script installed it (the install steps look first).
    const notFound =
      tool === 'helm'
        ? `if [ "$1" = status ] && ! grep -q -F -- "helm upgrade --install $2 " '${log}'; then echo 'Error: release: not found' >&2; exit 1; fi\n`
        : '';
    // The cluster DNS step compares the address it reads with the files' (the default 10.96.0.10).
    const answer = tool === 'kubectl' ? `case "$*" in *kube-dns*) echo 10.96.0.10 ;; esac\n` : '';
    writeFileSync(stub, `#!/bin/sh\necho "${tool} $*" >> '${log}'\n${notFound}${answer}`);
    chmodSync(stub, 0o755);
  }
  writeFileSync(path.join(dir, 'all.sh'), script);
  const result = spawnSync('bash', [path.join(dir, 'all.sh')], {
    cwd: work,
    encoding: 'utf8',
    env: {PATH: `${bin}:/usr/bin:/bin`, HOME: dir, ...env},
  });
  const commands = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return {result, work, commands};
}

describe.each(OUTCOME_IDS)('the script for %s, run with stub CLIs', (outcome) => {
  const result = buildFromRaw(outcome, defaultRaw(outcome));
  if (!result.ok) throw new Error('defaults must build');
  const {artifacts} = result;
  const script = runnableScript(outcome, artifacts);

  it('runs to the end, writing each file exactly as the page shows it and nothing else', () => {
    const {result: run, work, commands} = runWithStubs(outcome, script);
    // Steps may print guidance on stderr (the stubs answer nothing); the shell itself must not complain.
    expect(run.stderr).not.toMatch(/command not found|No such file|unbound variable|syntax error/);
    expect(run.status).toBe(0);
    // The GitOps objects replace helm install; the script writes none of them.
    const files = artifacts.filter((a) => !isStep(a) && artifactStage(a) !== 'alternative');
    // Besides the artifacts, the files the steps themselves write into the working directory (e.g. a kubeconfig).
    const setupAccesses = artifacts
      .filter((a) => isStep(a) && artifactStage(a) === 'setup')
      .flatMap((a) => scanScript(a.text).accesses)
      .filter((access) => !access.path.includes('/'));
    const removed = new Set(setupAccesses.filter((access) => access.kind === 'remove').map((access) => access.path));
    const stepOutputs = setupAccesses.filter((access) => access.kind === 'write' && !removed.has(access.path)).map((access) => access.path);
    const expected = new Set([...files.map((f) => f.fileName), ...stepOutputs]);
    expect(readdirSync(work).sort()).toEqual([...expected].sort());
    for (const file of files) expect(readFileSync(path.join(work, file.fileName), 'utf8')).toBe(file.text);
    // The clean-up step is in the script but does not run without CLEANUP=1.
    expect(commands.some((c) => / (delete|uninstall) /.test(c))).toBe(false);
    expect(commands.length).toBeGreaterThan(3);
  });

  it('runs only the clean-up with CLEANUP=1, and resumes at a step with FROM_STEP', () => {
    const cleanup = runWithStubs(outcome, script, {CLEANUP: '1'});
    expect(cleanup.result.status).toBe(0);
    expect(artifacts.some((a) => artifactStage(a) === 'cleanup')).toBe(true);
    expect(cleanup.commands.length).toBeGreaterThan(0);
    expect(cleanup.commands.some((c) => /^ziti edge create /.test(c))).toBe(false);
    const resumed = runWithStubs(outcome, script, {FROM_STEP: '3'});
    expect(resumed.result.status).toBe(0);
    // The first identity step (step 1 or 2) writes its token; starting at 3 skips it.
    // Tokens live in the private folder, whose path differs per run: compare by file name.
    const firstToken = artifacts.map((a) => /--jwt-output-file "\$\{ZITI_SECRETS_DIR\}(\/[^"]+)"/.exec(a.text)?.[1]).find((token) => token !== undefined);
    expect(firstToken).toBeDefined();
    expect(cleanup.commands.length).toBeGreaterThan(0);
    const all = runWithStubs(outcome, script);
    expect(all.commands.some((c) => c.includes('--jwt-output-file ') && c.includes(firstToken ?? '?'))).toBe(true);
    expect(resumed.commands.some((c) => c.includes('--jwt-output-file ') && c.includes(firstToken ?? '?'))).toBe(false);
  });

  it('stops at the first failing step and names it', () => {
    const failing = runWithStubs(outcome, script.replace('if run_step 2; then\n', 'if run_step 2; then\nfalse\n'));
    expect(failing.result.status).not.toBe(0);
    expect(failing.result.stderr).toContain('Stopped at step 2 of');
    expect(failing.result.stderr).toContain('FROM_STEP=2');
  });
});

describe('here-documents', () => {
  const hostile: readonly string[] = [
    'EOF\nplain\n',
    'EOF\nEOF_2\n$HOME `id` $(id) \\n \'"\n',
    'no newline at the end',
    '',
    '\n\n',
    "it's\ttabbed\n\tEOF\n",
  ];
  it.each(hostile.map((text) => [JSON.stringify(text), text] as const))('write %s byte for byte', (_name, text) => {
    const dir = mkdtempSync(path.join(scratch, 'heredoc-'));
    execFileSync('bash', ['-c', writeFileLines('out.txt', text)], {cwd: dir});
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe(text);
  });

  it('pick a delimiter no line equals', () => {
    expect(heredocDelimiter('a\nb\n')).toBe('EOF');
    expect(heredocDelimiter('EOF\n')).toBe('EOF_2');
    expect(heredocDelimiter('EOF\nEOF_2\nEOF_3\n')).toBe('EOF_4');
  });
});

describe('scanScript', () => {
  function accesses(script: string): string[] {
    return scanScript(script).accesses.map((a) => `${a.kind} ${a.path}`);
  }

  it('knows which flags name files', () => {
    expect(accesses("kubectl apply -f ./app.yaml\nkubectl apply -f - <<'EOF'\nkubectl apply -f body.yaml\nEOF\n")).toEqual(['read app.yaml']);
    expect(accesses('kubectl logs -f deployment/x\nkubectl get pods -o yaml > pods.yaml 2>&1\n')).toEqual(['write pods.yaml']);
    expect(accesses("kubectl exec deploy/x -- cat /etc/resolv.conf\n")).toEqual([]);
    expect(accesses("kubectl --namespace apply get -f a.yaml\n")).toEqual(['read a.yaml']);
    expect(accesses("helm upgrade --install r c --values=v.yaml -f w.yaml --set-file a=/tmp/a.jwt,b=/tmp/b\n")).toEqual([
      'read v.yaml',
      'read w.yaml',
      'read /tmp/a.jwt',
      'read /tmp/b',
    ]);
    expect(accesses("kubectl create secret generic s --from-file='id.json=/tmp/id.json' --from-file=/tmp/raw\n")).toEqual([
      'read /tmp/id.json',
      'read /tmp/raw',
    ]);
    expect(accesses("ziti edge create identity x -o /tmp/x.jwt\nziti edge enroll /tmp/x.jwt -o /tmp/x.json\nziti edge list identities -j\n")).toEqual([
      'write /tmp/x.jwt',
      'read /tmp/x.jwt',
      'write /tmp/x.json',
    ]);
    expect(accesses('KUBECONFIG=ziti.kubeconfig kubectl get --raw /readyz\nkubectl --kubeconfig=k.yaml get ns\nrm -f a b\n')).toEqual([
      'read ziti.kubeconfig',
      'read k.yaml',
      'remove a',
      'remove b',
    ]);
  });

  it('substitutes literal variables and reports the ones it cannot know', () => {
    const scan = scanScript('VALUES=\'v.yaml\'\nhelm install r c --values "${VALUES}"\nhelm install r c --values "$OTHER"\n');
    expect(scan.accesses.map((a) => a.path)).toEqual(['v.yaml']);
    expect(scan.unresolved).toHaveLength(1);
    expect(unwrittenReads([scan])).toHaveLength(2);
  });

  it('ignores comments, quoted operators and continuation lines', () => {
    expect(accesses("# kubectl apply -f x.yaml\necho 'a > b; c' \\\n  && kubectl apply \\\n  -f y.yaml # -f z.yaml\n")).toEqual(['read y.yaml']);
  });

  it('flags a read of a file removed earlier', () => {
    expect(unwrittenReads([scanScript('ziti edge enroll --jwt /tmp/a.jwt --out /tmp/a.json\n')])).toEqual([
      'reads /tmp/a.jwt before any step writes it: ziti edge enroll --jwt /tmp/a.jwt --out /tmp/a.json',
    ]);
    expect(unwrittenReads([scanScript('echo x > f\nrm -f f\ncat f\n')])).toHaveLength(1);
  });
});

describe('appliedManifests', () => {
  it('lists the YAML files a step applies with kubectl, not Helm values', () => {
    const expected: Record<OutcomeId, boolean> = {
      'node-proxy-daemonset': false,
      'transparent-proxy-sidecar': true,
      'loopback-proxy-sidecar': true,
      'openziti-router': false,
      'nginx-proxy-module': true,
      'ziti-host': false,
    };
    for (const outcome of OUTCOME_IDS) {
      const result = buildFromRaw(outcome, defaultRaw(outcome));
      if (!result.ok) throw new Error('defaults must build');
      const applied = appliedManifests(result.artifacts);
      // Helm values are never a manifest; the plain-manifest strategies have at least one.
      expect(applied.some((a) => /values/.test(a.fileName))).toBe(false);
      if (expected[outcome]) expect(applied.length).toBeGreaterThan(0);
    }
  });
});

describe('hostile values', () => {
  const TRAPS = ["'", "a'b", '"', '\\', '$(id)', '`id`', '${HOME}', '; rm -rf /', '&& x', '| x', '> /tmp/x', '#', 'EOF', "'EOF'", 'a\nEOF\nb', '\nEOF\n', '-f x.yaml', 'fi', ')'];

  it.each(OUTCOME_IDS)('in any field of %s leave a script bash parses, reading only what it wrote', (outcome) => {
    const scripts: string[] = [];
    const problems: string[] = [];
    for (const field of BUILDERS[outcome].fields) {
      if (field.kind === 'select') continue;
      for (const trap of TRAPS) {
        const result = buildFromRaw(outcome, {...defaultRaw(outcome), [field.name]: `${field.defaultValue}${trap}`});
        if (!result.ok) continue;
        const script = runnableScript(outcome, result.artifacts);
        scripts.push(script);
        for (const p of unwrittenReads([scanScript(script)])) problems.push(`${field.name}=${JSON.stringify(trap)}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    // One bash -n over all of them: each script is one subshell, so they parse in sequence.
    const file = path.join(scratch, `${outcome}-hostile.sh`);
    writeFileSync(file, scripts.join('\n'));
    const syntax = spawnSync('bash', ['-n', file], {encoding: 'utf8'});
    expect(syntax.stderr).toBe('');
    expect(syntax.status).toBe(0);
    expect(scripts.length).toBeGreaterThan(0);
  });
});
