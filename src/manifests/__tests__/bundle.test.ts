import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {strFromU8, unzipSync} from 'fflate';
import {loadAll} from 'js-yaml';
import {afterAll, describe, expect, it} from 'vitest';
import {OUTCOME_IDS, type OutcomeId} from '../../data/decisionTree';
import {
  ALTERNATIVE_FOLDER,
  KUSTOMIZATION,
  README,
  RUN_ALL,
  buildBundle,
  bundleFileName,
  bundleFiles,
  bundleFolder,
  bundleNames,
} from '../bundle';
import {BUILDERS, CHARTS, buildFromRaw, defaultRaw} from '../index';
import {appliedManifests, artifactStage, isStep, runnableScript} from '../runnable';
import type {Artifact} from '../types';

const KUBECTL = '/usr/bin/kubectl';
/** Optional on a laptop, required in CI (`apt-get install -y kubernetes-client`), so the check cannot silently vanish there. */
const HAS_KUBECTL = existsSync(KUBECTL);
if (!HAS_KUBECTL && process.env.CI) throw new Error(`${KUBECTL} is missing: apt-get install -y kubernetes-client`);
const scratch = mkdtempSync(path.join(tmpdir(), 'bundle-'));
afterAll(() => rmSync(scratch, {recursive: true, force: true}));

function outcomeInput(outcome: OutcomeId, raw: Record<string, string> = defaultRaw(outcome)) {
  const result = buildFromRaw(outcome, raw);
  if (!result.ok) throw new Error(`${outcome}: ${JSON.stringify(result.issues)}`);
  return {outcome, values: raw, artifacts: result.artifacts};
}

/** Extracts a zip the way a reader's unzip would, into a fresh folder; returns the bundle folder. */
function extract(outcome: OutcomeId, zip: Uint8Array): string {
  const root = mkdtempSync(path.join(scratch, `${outcome}-`));
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    const target = path.resolve(root, name);
    // A zip entry must stay inside the folder it is extracted into.
    expect(target.startsWith(`${root}${path.sep}`)).toBe(true);
    mkdirSync(path.dirname(target), {recursive: true});
    writeFileSync(target, data);
  }
  return path.join(root, bundleFolder(outcome));
}

/** A second value set that changes every outcome's output: another namespace. */
function otherValues(outcome: OutcomeId): Record<string, string> {
  return {...defaultRaw(outcome), namespace: 'team-blue'};
}

describe.each(OUTCOME_IDS)('the bundle for %s', (outcome) => {
  const input = outcomeInput(outcome);
  const zip = buildBundle(input);

  it('is byte-identical for the same values, and differs for other values', () => {
    expect(Buffer.from(buildBundle(outcomeInput(outcome))).equals(Buffer.from(zip))).toBe(true);
    expect(Buffer.from(buildBundle(outcomeInput(outcome, otherValues(outcome)))).equals(Buffer.from(zip))).toBe(false);
    expect(bundleFileName(outcome)).toBe(`openziti-${outcome}.zip`);
  });

  it('holds every artifact verbatim, steps numbered in the order to run', () => {
    const entries = unzipSync(zip);
    const names = bundleNames(input.artifacts);
    const folder = bundleFolder(outcome);
    for (const artifact of input.artifacts) {
      const entry = entries[`${folder}/${names.get(artifact.id)}`];
      expect(entry, artifact.fileName).toBeDefined();
      expect(strFromU8(entry ?? new Uint8Array())).toBe(artifact.text);
    }
    const numbered = Object.keys(entries)
      .map((name) => path.basename(name))
      .filter((name) => /^\d\d-/.test(name))
      .sort();
    const steps = input.artifacts.filter((a) => isStep(a) && artifactStage(a) === 'setup');
    expect(numbered).toEqual(steps.map((step, index) => `${String(index + 1).padStart(2, '0')}-${step.fileName}`));
    // The script is the same one "Copy all" copies.
    expect(strFromU8(entries[`${folder}/${RUN_ALL}`] ?? new Uint8Array())).toBe(runnableScript(outcome, input.artifacts));
    expect(Object.keys(entries)).toHaveLength(bundleFiles(input).length);
  });

  it('has a README with every step, every value and the versions', () => {
    const readme = strFromU8(unzipSync(zip)[`${bundleFolder(outcome)}/${README}`] ?? new Uint8Array());
    const names = bundleNames(input.artifacts);
    for (const artifact of input.artifacts) expect(readme).toContain(names.get(artifact.id));
    for (const field of BUILDERS[outcome].fields) {
      const shown = !field.showWhen || field.showWhen.values.includes(input.values[field.showWhen.field] ?? '');
      if (shown) expect(readme).toContain(`(\`${field.name}\`)`);
    }
    const allText = input.artifacts.map((a) => a.text).join('\n');
    for (const chart of Object.values(CHARTS)) {
      if (allText.includes(`openziti/${chart.name}`)) expect(readme).toContain(`${chart.name}\` ${chart.version}`);
    }
    expect(readme).toMatch(/## Versions\n\n- /);
  });

  it('builds with kubectl kustomize when it applies plain manifests, to the same objects', () => {
    const manifests = appliedManifests(input.artifacts);
    const dir = extract(outcome, zip);
    expect(existsSync(path.join(dir, KUSTOMIZATION))).toBe(manifests.length > 0);
    if (manifests.length === 0 || !HAS_KUBECTL) return;
    const built = execFileSync(KUBECTL, ['kustomize', dir], {encoding: 'utf8'});
    const kinds = (docs: unknown[]) =>
      docs.map((d) => {
        const o = d as {kind: string; metadata: {name: string; namespace?: string}};
        return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
      }).sort();
    const expected = manifests.flatMap((m: Artifact) => loadAll(m.text).filter(Boolean));
    expect(kinds(loadAll(built))).toEqual(kinds(expected));
  });

  it('keeps the GitOps objects in a folder of their own, unnumbered, and says they replace helm install', () => {
    const names = bundleNames(input.artifacts);
    const alternatives = input.artifacts.filter((a) => artifactStage(a) === 'alternative');
    for (const artifact of input.artifacts) {
      expect(names.get(artifact.id)?.startsWith(`${ALTERNATIVE_FOLDER}/`)).toBe(alternatives.includes(artifact));
    }
    const readme = strFromU8(unzipSync(zip)[`${bundleFolder(outcome)}/${README}`] ?? new Uint8Array());
    if (alternatives.length === 0) {
      expect(readme).not.toContain('## Or install with Argo CD or Flux');
      return;
    }
    expect(['node-proxy-daemonset', 'openziti-router', 'ziti-host']).toContain(outcome);
    expect(readme).toContain('## Or install with Argo CD or Flux');
    expect(readme).toMatch(/It replaces the values file and\nthe helm install step/);
    // Neither the numbered steps nor the kustomization pick them up.
    expect(appliedManifests(input.artifacts).filter((a) => alternatives.includes(a))).toEqual([]);
  });

  it('extracts to files that are each an artifact, the README, the script or the kustomization', () => {
    const dir = extract(outcome, zip);
    const names = bundleNames(input.artifacts);
    for (const artifact of input.artifacts) {
      expect(readFileSync(path.join(dir, names.get(artifact.id) ?? ''), 'utf8')).toBe(artifact.text);
    }
  });
});

describe('bundleFiles', () => {
  it('refuses two files with the same name', () => {
    const input = outcomeInput('ziti-host');
    const [first] = input.artifacts;
    if (!first) throw new Error('no artifacts');
    const clash: Artifact = {...first, id: 'readme', language: 'yaml', fileName: README};
    expect(() => bundleFiles({...input, artifacts: [...input.artifacts, clash]})).toThrow(/README\.md/);
  });

  it('keeps the timestamps fixed whatever the clock says', () => {
    const input = outcomeInput('ziti-host');
    const zip = buildBundle(input);
    // The local file header's DOS date and time (offset 10): 2025-01-01 00:00:00.
    const view = new DataView(zip.buffer, zip.byteOffset);
    const time = view.getUint16(10, true);
    const date = view.getUint16(12, true);
    expect({time, date}).toEqual({time: 0, date: ((2025 - 1980) << 9) | (1 << 5) | 1});
  });
});
